import { app } from "./app";
import type { Bindings } from "./env";
import { createDb } from "./middleware/db";
import { notifyOverdueResponses, refreshDashboardRollup } from "./services/dashboard";
import { loadOrg } from "./services/org";

/** The API's types, imported by the client's typed Hono client (client/src/lib/api.ts). */
export type AppType = typeof app;

export default {
  fetch: app.fetch,
  /**
   * Daily (wrangler.toml `[triggers]`): tell leads whose open challenges wait past the deadline,
   * and refresh the dashboard's rollup (worker/services/dashboard-rollup.ts).
   */
  async scheduled(_controller: unknown, env: Bindings, ctx: { waitUntil(promise: Promise<unknown>): void }) {
    const db = createDb(env.DB);
    ctx.waitUntil(
      loadOrg(db).then((org) => notifyOverdueResponses(db, new Date().toISOString(), org.responseDeadlineDays)),
    );
    ctx.waitUntil(refreshDashboardRollup(db));
  },
};
