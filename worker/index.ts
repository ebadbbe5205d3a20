import { app } from "./app";
import { DAILY_CRON } from "./cron";
import type { Bindings } from "./env";
import { createDb } from "./middleware/db";
import { runDigests } from "./outbox/digest";
import { enqueuePending, handleQueue, type OutboxMessage } from "./outbox/queue";
import { notifyOverdueResponses, refreshDashboardRollup } from "./services/dashboard";
import { runLendAgreements } from "./services/lends";
import { loadOrg } from "./services/org";
import { sendPlanReminders } from "./services/plans";

/** The API's types, imported by the client's typed Hono client (client/src/lib/api.ts). */
export type AppType = typeof app;

export default {
  fetch: app.fetch,
  /**
   * Daily: tell leads whose open challenges wait past the deadline, and refresh the dashboard's
   * rollup (worker/services/dashboard-rollup.ts). Every run also hands the queue any outbox rows a
   * lost message left behind (worker/outbox/queue.ts).
   */
  async scheduled(
    controller: { cron: string; scheduledTime: number },
    env: Bindings,
    ctx: { waitUntil(promise: Promise<unknown>): void },
  ) {
    const db = createDb(env.DB);
    ctx.waitUntil(enqueuePending(env).catch((error) => console.error("outbox sweep failed", error)));
    if (controller.cron !== DAILY_CRON) return;
    ctx.waitUntil(
      loadOrg(db).then((org) => notifyOverdueResponses(db, new Date().toISOString(), org.responseDeadlineDays)),
    );
    ctx.waitUntil(refreshDashboardRollup(db));
    ctx.waitUntil(runLendAgreements(db, new Date().toISOString()));
    // Daily e-mail digests; weekly ones on Mondays (worker/outbox/digest.ts).
    ctx.waitUntil(runDigests({ db, env, now: new Date() }).catch((error) => console.error("digests failed", error)));
    ctx.waitUntil(sendPlanReminders(db, new Date().toISOString()));
  },
  /** The outbox's queue and its dead-letter queue (wrangler.toml `[[queues.consumers]]`). */
  async queue(batch: MessageBatch<OutboxMessage>, env: Bindings) {
    await handleQueue(batch, env);
  },
};
