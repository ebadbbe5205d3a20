import { and, eq, lt, sql } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { idempotencyKeys } from "../../db/schema";
import type { AppEnv } from "../env";
import { hashSecret } from "../services/secrets";
import { ApiError, invalid } from "./errors";

/** Keys are kept at least this long (SPEC: 24 hours), then purged as new keys arrive. */
const KEEP_MS = 48 * 60 * 60 * 1000;
/** How long a repeat waits for the first request with its key to finish. */
const WAIT_MS = 5000;
/**
 * A claim with no answer this old belongs to a request that never finished (its isolate died
 * mid-way): the key is released and the next request with it runs afresh (SPEC §14: within 60 s).
 * Far longer than any request runs, so a live first request is never run twice.
 */
export const ABANDONED_CLAIM_MS = 30_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` for requests that move money (after `requireAuth`). The first request
 * with a key claims it with one conditional INSERT and its answer is stored; a repeat with the
 * same method, path and body gets that answer again (`Idempotency-Replayed: true`) and moves
 * nothing; a repeat with a different request is 422. A repeat that arrives while the first is
 * still running waits for its answer. A 400 or 5xx answer releases the key so the request can be retried,
 * and so does a claim abandoned for `ABANDONED_CLAIM_MS` with no answer. Keys belong to their person:
 * another person's request with the same key is a request of its own.
 */
export function idempotency(): MiddlewareHandler<AppEnv> {
  return async function idempotency(c, next) {
    const key = c.req.header("Idempotency-Key");
    if (key === undefined) return next();
    if (!KEY_PATTERN.test(key)) {
      throw invalid({ "Idempotency-Key": "Use 1–200 visible ASCII characters, e.g. a UUID." });
    }
    const personId = c.var.me.id;
    const requestHash = await hashSecret(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
    const db = c.var.db;
    const now = Date.now();
    const abandonedBefore = new Date(now - ABANDONED_CLAIM_MS).toISOString();
    const [, claim] = await db.batch([
      db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now - KEEP_MS).toISOString())),
      // A new key is claimed; so is one whose first request never answered and was abandoned.
      db
        .insert(idempotencyKeys)
        .values({ personId, key, requestHash, createdAt: new Date(now).toISOString() })
        .onConflictDoUpdate({
          target: [idempotencyKeys.personId, idempotencyKeys.key],
          set: { requestHash, createdAt: new Date(now).toISOString() },
          setWhere: sql`${idempotencyKeys.status} IS NULL AND ${idempotencyKeys.createdAt} < ${abandonedBefore}`,
        }),
    ]);
    const where = and(eq(idempotencyKeys.personId, personId), eq(idempotencyKeys.key, key));

    if (claim.meta.changes > 0) {
      await next();
      // Bad input (400) and failures (5xx) moved nothing: the key is freed for the corrected retry.
      if (c.res.status >= 500 || c.res.status === 400) {
        await db.delete(idempotencyKeys).where(where);
      } else {
        const body = await c.res.clone().text();
        await db.update(idempotencyKeys).set({ status: c.res.status, responseBody: body }).where(where);
      }
      return;
    }

    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const [stored] = await db.select().from(idempotencyKeys).where(where).limit(1);
      if (stored && stored.requestHash !== requestHash) {
        throw new ApiError(
          422,
          "idempotency_key_reused",
          "This Idempotency-Key was used for a different request; use a new key for a new request.",
        );
      }
      if (stored?.status != null) {
        return c.body(stored.responseBody ?? "", stored.status as 200, {
          "content-type": "application/json",
          "idempotency-replayed": "true",
        });
      }
      if (!stored || Date.now() > deadline) {
        throw new ApiError(
          409,
          "idempotency_in_progress",
          "A request with this Idempotency-Key is still running; retry shortly.",
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}
