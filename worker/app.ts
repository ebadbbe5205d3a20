/**
 * The app: every route, its middleware and the OpenAPI document of them. Apart from worker/index.ts
 * (the Worker's entry) so that Node can import it too: scripts/check-openapi.ts builds the
 * document from it without a server or D1.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./env";
import { revalidatedReads } from "./middleware/caching";
import { dbProvider } from "./middleware/db";
import { ApiError, handleError, handleNotFound, validationHook } from "./middleware/errors";
import { handOutboxToQueue } from "./middleware/outbox";
import { sameOriginChanges } from "./middleware/same-origin";
import { OPENAPI_PATH, openApiDocument, registerSecuritySchemes } from "./openapi";
import { registerWebhookEvents } from "./openapi-webhooks";
import { adminRoutes } from "./routes/admin";
import { calendarRoutes } from "./routes/calendar";
import { challengeRoutes } from "./routes/challenges";
import { creditRoutes } from "./routes/credit";
import { fundingRoutes } from "./routes/funding";
import { inboxRoutes } from "./routes/inbox";
import { slackInteractionRoutes } from "./routes/integrations/slack";
import { mergeRoutes } from "./routes/merge-requests";
import { myWorkRoutes } from "./routes/my-work";
import { notificationSettingsRoutes } from "./routes/notification-settings";
import { orgRoutes } from "./routes/org";
import { peopleRoutes } from "./routes/people";
import { reviewRoutes } from "./routes/review";
import { scimRoutes } from "./routes/scim";
import { sessionRoutes } from "./routes/session";
import { systemRoutes } from "./routes/system";
import { teamRoutes } from "./routes/teams";

/** Far above any legitimate body (the largest is a people CSV of 1.5 MB). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

// Each area is one sub-app mounted once; areas with several prefixes mount at "/" and add them.
const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  // First: Slack signs its requests instead of a session, so no sign-in check of a later area may run.
  .route("/integrations", slackInteractionRoutes)
  .route("/", systemRoutes)
  .route("/", sessionRoutes)
  .route("/org", orgRoutes)
  // Before the people routes, whose sign-in check covers /people/*: the feed answers to its token alone.
  .route("/", calendarRoutes)
  .route("/people", peopleRoutes)
  .route("/challenges", challengeRoutes)
  .route("/", teamRoutes)
  .route("/inbox", inboxRoutes)
  .route("/my-work", myWorkRoutes)
  .route("/", notificationSettingsRoutes)
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
  handOutboxToQueue(),
  revalidatedReads(),
  dbProvider(),
);
// SCIM (SPEC §17): bearer tokens of its own, no cookies, so no origin check; same headers and D1.
root.use(
  "/scim/*",
  secureHeaders({ crossOriginResourcePolicy: "same-origin", xFrameOptions: "DENY", referrerPolicy: "no-referrer" }),
  handOutboxToQueue(),
  dbProvider(),
);
root.route("/scim/v2", scimRoutes);
export const app = root.route("/api", api);

registerSecuritySchemes(app);
registerWebhookEvents(app);
app.get(OPENAPI_PATH, (c) => c.json(openApiDocument(app, new URL(c.req.url).origin)));

app.notFound(handleNotFound);
app.onError(handleError);
