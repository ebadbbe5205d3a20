import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { enqueuePending } from "../outbox/queue";

/**
 * After a change answers, hands its outbox rows (written by trigger in the change's own batch) to
 * the queue, in the background: the caller does not wait, and the D1 read this costs is not the
 * request's. A failure here loses nothing: the cron's sweep hands the rows over later.
 */
export function handOutboxToQueue(): MiddlewareHandler<AppEnv> {
  return async function handOutboxToQueue(c, next) {
    await next();
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.res.status >= 400 || !c.env.OUTBOX) return;
    c.executionCtx.waitUntil(
      enqueuePending(c.env).catch((error) => console.error("outbox: handing rows to the queue failed", error)),
    );
  };
}
