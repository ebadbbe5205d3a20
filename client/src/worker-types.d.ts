/**
 * The client type-checks the Worker's route types (through `AppType`) under the DOM library,
 * where Cloudflare's runtime globals do not exist. These aliases give the few the Worker names
 * their real definitions from the importable form of @cloudflare/workers-types.
 */
type D1Database = import("@cloudflare/workers-types/latest/index.ts").D1Database;
type D1PreparedStatement = import("@cloudflare/workers-types/latest/index.ts").D1PreparedStatement;
type Fetcher = import("@cloudflare/workers-types/latest/index.ts").Fetcher;
type Queue<Body = unknown> = import("@cloudflare/workers-types/latest/index.ts").Queue<Body>;
type MessageBatch<Body = unknown> = import("@cloudflare/workers-types/latest/index.ts").MessageBatch<Body>;
/** The e-mail channel's message (worker/outbox/channels/email.ts), as the Worker's types declare it. */
declare module "cloudflare:email" {
  export const EmailMessage: new (
    from: string,
    to: string,
    raw: ReadableStream | string,
  ) => { readonly from: string; readonly to: string };
}
