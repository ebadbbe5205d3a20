import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv, Bindings } from "./env";
import { createDb, dbProvider } from "./middleware/db";
import { ApiError, handleError, handleNotFound, validationHook } from "./middleware/errors";
import { sameOriginChanges } from "./middleware/same-origin";
import { adminRoutes } from "./routes/admin";
import { challengeRoutes } from "./routes/challenges";
import { creditRoutes } from "./routes/credit";
import { fundingRoutes } from "./routes/funding";
import { inboxRoutes } from "./routes/inbox";
import { mergeRoutes } from "./routes/merge-requests";
import { myWorkRoutes } from "./routes/my-work";
import { orgRoutes } from "./routes/org";
import { peopleRoutes } from "./routes/people";
import { reviewRoutes } from "./routes/review";
import { scimRoutes } from "./routes/scim";
import { sessionRoutes } from "./routes/session";
import { systemRoutes } from "./routes/system";
import { teamRoutes } from "./routes/teams";
import { notifyOverdueResponses } from "./services/dashboard";
import { loadOrg } from "./services/org";

/** Far above any legitimate body (the largest is a people CSV of 1.5 MB). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

// Each area is one sub-app mounted once; areas with several prefixes mount at "/" and add them.
const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route("/", systemRoutes)
  .route("/", sessionRoutes)
  .route("/org", orgRoutes)
  .route("/people", peopleRoutes)
  .route("/challenges", challengeRoutes)
  .route("/", teamRoutes)
  .route("/inbox", inboxRoutes)
  .route("/my-work", myWorkRoutes)
  .route("/", creditRoutes)
  .route("/", reviewRoutes)
  .route("/", mergeRoutes)
  .route("/", fundingRoutes)
  .route("/admin", adminRoutes);

const root = new OpenAPIHono<AppEnv>();
root.use(
  "/api/*",
  // The same values as worker/security-headers.ts; the HTML of /api/docs adds its CSP itself.
  secureHeaders({
    crossOriginResourcePolicy: "same-origin",
    xFrameOptions: "DENY",
    referrerPolicy: "strict-origin-when-cross-origin",
  }),
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, "too_large", `Request bodies are limited to ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
    },
  }),
  sameOriginChanges(),
  dbProvider(),
);
// SCIM (SPEC §17): bearer tokens of its own, no cookies, so no origin check; same headers and D1.
root.use(
  "/scim/*",
  secureHeaders({ crossOriginResourcePolicy: "same-origin", xFrameOptions: "DENY", referrerPolicy: "no-referrer" }),
  dbProvider(),
);
root.route("/scim/v2", scimRoutes);
const app = root.route("/api", api);

app.openAPIRegistry.registerComponent("securitySchemes", "session", {
  type: "apiKey",
  in: "cookie",
  name: "crux_session",
  description: "Dev and demo mode: set by POST /api/dev/sign-in.",
});
app.openAPIRegistry.registerComponent("securitySchemes", "access", {
  type: "apiKey",
  in: "header",
  name: "Cf-Access-Jwt-Assertion",
  description: "Production: the Cloudflare Access JWT, added by Access in front of the app.",
});

app.openAPIRegistry.registerComponent("securitySchemes", "apiToken", {
  type: "http",
  scheme: "bearer",
  description: "Integrations: a personal API token (crux_…) issued by an admin, in `Authorization: Bearer`.",
});

app.doc31("/api/openapi.json", {
  openapi: "3.1.0",
  info: {
    title: "Crux API",
    version: "1.0.0",
    description:
      "The innovation-hub marketplace. Errors share one shape: {error: {code, message, details}}. Lists page with `limit` and `cursor`. Money is integer minor units of the org currency.",
  },
  security: [{ session: [] }, { access: [] }, { apiToken: [] }],
});

app.notFound(handleNotFound);
app.onError(handleError);

/** The API's types, imported by the client's typed Hono client (client/src/lib/api.ts). */
export type AppType = typeof app;

export default {
  fetch: app.fetch,
  /** Daily (wrangler.toml `[triggers]`): tell leads whose open challenges wait past the deadline. */
  async scheduled(_controller: unknown, env: Bindings, ctx: { waitUntil(promise: Promise<unknown>): void }) {
    const db = createDb(env.DB);
    ctx.waitUntil(
      loadOrg(db).then((org) => notifyOverdueResponses(db, new Date().toISOString(), org.responseDeadlineDays)),
    );
  },
};
