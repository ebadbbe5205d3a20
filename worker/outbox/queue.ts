/**
 * The outbox's consumer (SPEC §15). A change writes outbox rows in its own batch (by trigger,
 * db/migrations/0023_outbox-triggers.sql). After the response, and every few minutes from the cron,
 * `enqueuePending` hands rows not yet fanned out to the queue. The consumer then:
 *   1. fans an outbox row out into deliveries, one per channel and target, whose ids derive from
 *      the row, channel and target, so fanning out twice makes nothing twice;
 *   2. delivers each: it claims the delivery (attempts + 1, a lease), sends, and records the attempt
 *      and outcome. A claim only succeeds on a pending delivery whose lease or backoff has passed,
 *      so two consumers never send the same delivery at once and a delivered one is never sent
 *      again. A crash between claim and record leaves the lease, which runs out; the queue
 *      redelivers the message and the next claim sends it, with the same id.
 * A failed attempt is retried with exponential backoff for about 24 hours; after the last one the
 * delivery is dead and goes to the dead-letter queue, whose consumer records it as dead.
 */
import { and, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { deliveries, deliveryAttempts, outbox } from "../../db/schema";
import { newId } from "../domain/ids";
import type { Bindings } from "../env";
import { createDb, type Database } from "../middleware/db";
import type { Channel, ChannelContext, ChannelName, Delivery, OutboxEvent, SendResult } from "./channel";
import { CHANNELS } from "./channels";

export type OutboxMessage = { t: "fanout"; outboxId: string } | { t: "deliver"; deliveryId: string };

/** Seconds to wait after failed attempt n (1-based): about 24 hours over 10 attempts. */
export const BACKOFF_SECONDS = [30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800] as const;
export const MAX_ATTEMPTS = BACKOFF_SECONDS.length + 1;
/** How long a claim holds a delivery: longer than any send may take (fetch's own limit is 30 s). */
export const LEASE_SECONDS = 120;
/** A row handed to the queue this long ago and still not fanned out is handed again. */
const REENQUEUE_AFTER_MS = 10 * 60 * 1000;
/** Rows of each kind per sweep: a queue's sendBatch takes at most 100 messages. */
const SWEEP_LIMIT = 50;

const plus = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();

/** A delivery's stable id: the same event, channel and target always make the same id. */
export async function deliveryId(outboxId: string, channel: ChannelName, target: string): Promise<string> {
  const bytes = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${outboxId}\n${channel}\n${target}`)),
  );
  return `msg_${[...bytes.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function channelOf(name: string): Channel {
  const channel = CHANNELS.find((c) => c.name === name);
  if (!channel) throw new Error(`no outbox channel "${name}"`);
  return channel;
}

async function loadEvent(db: Database, id: string): Promise<OutboxEvent | null> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  if (!row) return null;
  return {
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    recipientId: row.recipientId,
    challengeId: row.challengeId,
    createdAt: row.createdAt,
  };
}

/**
 * Hands outbox rows that are not fanned out to the queue: new ones, and ones handed over long
 * enough ago that their message must have been lost. Also re-sends deliveries whose retry message
 * was lost (pending, backoff long past). Safe to run any number of times.
 */
export async function enqueuePending(env: Bindings, now = new Date()): Promise<number> {
  if (!env.OUTBOX) return 0;
  const db = createDb(env.DB);
  const stale = new Date(now.getTime() - REENQUEUE_AFTER_MS).toISOString();
  const [rows, lost] = await db.batch([
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(isNull(outbox.fannedOutAt), or(isNull(outbox.enqueuedAt), lt(outbox.enqueuedAt, stale))))
      .orderBy(outbox.createdAt)
      .limit(SWEEP_LIMIT),
    db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.status, "pending"), lt(deliveries.nextAttemptAt, stale)))
      .limit(SWEEP_LIMIT),
  ]);
  const messages: { body: OutboxMessage }[] = [
    ...rows.map((r) => ({ body: { t: "fanout", outboxId: r.id } as const })),
    ...lost.map((r) => ({ body: { t: "deliver", deliveryId: r.id } as const })),
  ];
  if (!messages.length) return 0;
  await env.OUTBOX.sendBatch(messages);
  if (rows.length) {
    // One JSON parameter, not one per id: D1 binds at most 100 parameters per statement.
    await db
      .update(outbox)
      .set({ enqueuedAt: now.toISOString() })
      .where(sql`${outbox.id} IN (SELECT value FROM json_each(${JSON.stringify(rows.map((r) => r.id))}))`);
  }
  return messages.length;
}

/** Fans one outbox row out into its deliveries; answers the ones to send now. */
export async function fanOut(ctx: ChannelContext, outboxId: string): Promise<string[]> {
  const { db } = ctx;
  const event = await loadEvent(db, outboxId);
  if (!event) return [];
  if (!event.data || typeof event.data !== "object") return [];
  const planned = await Promise.all(
    CHANNELS.map(async (channel) =>
      Promise.all(
        (await channel.plan(ctx, event)).map(async (p) => ({
          id: await deliveryId(event.id, channel.name, p.target),
          channel: channel.name,
          ...p,
        })),
      ),
    ),
  );
  const rows = planned.flat();
  const writes = [
    ...rows.map((r) =>
      db
        .insert(deliveries)
        .values({ id: r.id, outboxId: event.id, channel: r.channel, target: r.target, status: r.status })
        .onConflictDoNothing(),
    ),
    db.update(outbox).set({ fannedOutAt: ctx.now.toISOString() }).where(eq(outbox.id, event.id)),
  ] as const;
  await db.batch(writes as unknown as Parameters<typeof db.batch>[0]);
  // Every delivery of the row still waiting for its first attempt, whether made now or before a crash.
  const waiting = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.outboxId, event.id), eq(deliveries.status, "pending"), eq(deliveries.attempts, 0)));
  return waiting.map((w) => w.id);
}

export type DeliverOutcome =
  | { kind: "delivered" }
  | { kind: "retry"; delaySeconds: number }
  | { kind: "dead" }
  /** Already delivered, dead, held for a digest or gone: nothing to do. */
  | { kind: "done" };

/**
 * Claims a delivery for one attempt: attempts + 1 and a lease, only if it is pending and its
 * lease or backoff has passed. Answers the claimed attempt, or why there is none.
 */
export async function claimDelivery(db: Database, id: string, now: Date) {
  const at = now.toISOString();
  const [claimed] = await db
    .update(deliveries)
    .set({ attempts: sql`${deliveries.attempts} + 1`, nextAttemptAt: plus(now, LEASE_SECONDS) })
    .where(
      and(
        eq(deliveries.id, id),
        eq(deliveries.status, "pending"),
        or(isNull(deliveries.nextAttemptAt), lte(deliveries.nextAttemptAt, at)),
      ),
    )
    .returning();
  if (claimed) return { claimed } as const;
  const [row] = await db
    .select({ status: deliveries.status, nextAttemptAt: deliveries.nextAttemptAt })
    .from(deliveries)
    .where(eq(deliveries.id, id));
  if (row?.status !== "pending") return { claimed: null, outcome: { kind: "done" } as DeliverOutcome } as const;
  const wait = Math.ceil((Date.parse(row.nextAttemptAt ?? at) - now.getTime()) / 1000);
  return { claimed: null, outcome: { kind: "retry", delaySeconds: Math.max(1, wait) } as DeliverOutcome } as const;
}

/** One attempt at one delivery: claim, send, record. */
export async function deliverOnce(ctx: ChannelContext, id: string): Promise<DeliverOutcome> {
  const { db, now } = ctx;
  const claim = await claimDelivery(db, id, now);
  if (!claim.claimed) return claim.outcome;
  const row = claim.claimed;
  const event = await loadEvent(db, row.outboxId);
  const channel = channelOf(row.channel);
  const delivery: Delivery = {
    id: row.id,
    outboxId: row.outboxId,
    channel: row.channel,
    target: row.target,
    attempt: row.attempts,
  };
  const started = Date.now();
  const result: SendResult = event
    ? await channel.send(ctx, delivery, event).catch(
        (error: unknown): SendResult => ({
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
    : { ok: false, error: "The event is gone.", permanent: true };
  const latencyMs = Date.now() - started;
  const failed = !result.ok;
  const dead = failed && (result.permanent === true || row.attempts >= MAX_ATTEMPTS);
  const status = !failed ? "delivered" : dead ? "dead" : "pending";
  const error = result.ok ? "" : result.error.slice(0, 500);
  const delaySeconds = BACKOFF_SECONDS[Math.min(row.attempts, BACKOFF_SECONDS.length) - 1];
  await db.batch([
    db
      .insert(deliveryAttempts)
      .values({
        id: newId("att"),
        deliveryId: row.id,
        attempt: row.attempts,
        statusCode: result.statusCode ?? null,
        error,
        latencyMs,
        createdAt: now.toISOString(),
      })
      .onConflictDoNothing(),
    db
      .update(deliveries)
      .set({
        status,
        lastError: error,
        lastStatusCode: result.statusCode ?? null,
        latencyMs,
        nextAttemptAt: status === "pending" ? plus(now, delaySeconds) : null,
        deliveredAt: status === "delivered" ? now.toISOString() : null,
      })
      // Only the claim's own attempt records its outcome.
      .where(and(eq(deliveries.id, row.id), eq(deliveries.attempts, row.attempts))),
  ]);
  await channel.settled?.(ctx, delivery, status === "delivered" ? "delivered" : dead ? "dead" : "failed");
  if (status === "delivered") return { kind: "delivered" };
  if (dead) return { kind: "dead" };
  return { kind: "retry", delaySeconds };
}

/** Makes a delivery pending again for an admin's redeliver: same id, a fresh round of attempts. */
export function redeliverStatement(db: Database, id: string) {
  return db
    .update(deliveries)
    .set({ status: "pending", nextAttemptAt: null, lastError: "" })
    .where(and(eq(deliveries.id, id), inArray(deliveries.status, ["delivered", "failed", "dead"])));
}

/** The dead-letter queue's consumer: what failed for good is recorded as dead, and kept. */
export async function recordDead(ctx: ChannelContext, message: OutboxMessage) {
  if (message.t !== "deliver") return;
  const { db } = ctx;
  const [row] = await db
    .update(deliveries)
    .set({ status: "dead", nextAttemptAt: null })
    .where(and(eq(deliveries.id, message.deliveryId), inArray(deliveries.status, ["pending", "failed"])))
    .returning();
  if (row) {
    await channelOf(row.channel).settled?.(
      ctx,
      { id: row.id, outboxId: row.outboxId, channel: row.channel, target: row.target, attempt: row.attempts },
      "dead",
    );
  }
}

/** The Worker's `queue` handler for both queues. */
export async function handleQueue(batch: MessageBatch<OutboxMessage>, env: Bindings) {
  const ctx: ChannelContext = { db: createDb(env.DB), env, now: new Date() };
  if (batch.queue.endsWith("-dlq")) {
    for (const message of batch.messages) {
      await recordDead(ctx, message.body);
      message.ack();
    }
    return;
  }
  for (const message of batch.messages) {
    const body = message.body;
    try {
      if (body.t === "fanout") {
        const ids = await fanOut({ ...ctx, now: new Date() }, body.outboxId);
        if (ids.length && env.OUTBOX) {
          await env.OUTBOX.sendBatch(ids.map((deliveryId) => ({ body: { t: "deliver", deliveryId } as const })));
        }
        message.ack();
        continue;
      }
      const outcome = await deliverOnce({ ...ctx, now: new Date() }, body.deliveryId);
      // A later attempt is a new message, so backoff never uses up the queue's own retries, which
      // are kept for crashes (after them the message lands in the dead-letter queue).
      if (outcome.kind === "retry")
        await env.OUTBOX?.send(body, { delaySeconds: Math.min(outcome.delaySeconds, 43_200) });
      if (outcome.kind === "dead") await env.OUTBOX_DLQ?.send(body);
      message.ack();
    } catch (error) {
      // A crash mid-message: the queue redelivers it; a claim's lease keeps a second send away.
      console.error("outbox message failed", body, error);
      message.retry({ delaySeconds: 60 });
    }
  }
}
