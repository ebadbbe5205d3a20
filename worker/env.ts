import type { CallerGate } from "./middleware/caller";
import type { CheckSlot, Database, DbStats } from "./middleware/db";
import type { OutboxMessage } from "./outbox/queue";
import type { Me } from "./services/people";

/** The Worker's bindings and configuration (wrangler.toml `[vars]` and secrets). */
export interface Bindings {
  DB: D1Database;
  ASSETS: Fetcher;
  /** "access" (Cloudflare Access JWTs), "dev" (localhost sign-in) or "demo" (public demo sign-in). */
  AUTH_MODE: string;
  ACCESS_TEAM_DOMAIN: string;
  ACCESS_AUD: string;
  ALLOWED_EMAIL_DOMAINS: string;
  /** Changes per person per minute (wrangler.toml `[[ratelimits]]`); absent, nothing is limited. */
  WRITE_LIMITER?: { limit(options: { key: string }): Promise<{ success: boolean }> };
  /** The outbox's queue and its dead-letter queue (wrangler.toml `[[queues.producers]]`). */
  OUTBOX?: Queue<OutboxMessage>;
  OUTBOX_DLQ?: Queue<OutboxMessage>;
  /**
   * Cloudflare Email Service (wrangler.toml `[[send_email]]`): notification e-mails. The part of
   * its `SendEmail` the app uses (an `EmailMessage` from "cloudflare:email"); tests record sends.
   */
  EMAIL?: { send(message: { readonly from: string; readonly to: string }): Promise<unknown> };
  /** The sender of notification e-mails, and the app's address for their links. */
  EMAIL_FROM?: string;
  APP_URL?: string;
  /** Secret: signs e-mail unsubscribe links (`wrangler secret put UNSUBSCRIBE_KEY`). */
  UNSUBSCRIBE_KEY?: string;
  /** Secret: the Slack app's bot token, xoxb-… (`wrangler secret put SLACK_BOT_TOKEN`); Slack is off without it. */
  SLACK_BOT_TOKEN?: string;
  /** Secret: the Slack app's signing secret, checking its button clicks (`wrangler secret put SLACK_SIGNING_SECRET`). */
  SLACK_SIGNING_SECRET?: string;
}

export interface Variables {
  db: Database;
  dbStats: DbStats;
  /** The caller's verification, riding in the request's first batch of reads (middleware/db.ts). */
  callerCheck: CheckSlot;
  me: Me;
  /** The caller's pending verification, when the browser named who it was (middleware/caller.ts). */
  callerGate?: Pick<CallerGate<unknown>, "whenVerified" | "verified">;
  /** The caller's session, when a dev or demo session cookie authenticated the request. */
  sessionId?: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
