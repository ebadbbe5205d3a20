import { createMessageBatch, getQueueResult } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { describe, expect, it, vi } from "vitest";
import worker from "../worker/index";
import { createDb } from "../worker/middleware/db";
import type { ChannelContext } from "../worker/outbox/channel";
import {
  BACKOFF_SECONDS,
  claimDelivery,
  deliverOnce,
  deliveryId,
  enqueuePending,
  fanOut,
  LEASE_SECONDS,
  MAX_ATTEMPTS,
  type OutboxMessage,
} from "../worker/outbox/queue";
import { call, callJson, createChallenge, env, member, seedPerson } from "./helpers";
import { fakeReceiver } from "./webhook-fixtures";

const receiver = fakeReceiver("hooks.test");

const SECRET = `whsec_${btoa("a-test-secret-of-thirty-two-bytes!!")}`;

async function endpoint(events: string[], path = crypto.randomUUID()) {
  const admin = await seedPerson({ roles: ["admin"] });
  const id = `whe_${crypto.randomUUID().slice(0, 12)}`;
  await env.DB.prepare("INSERT INTO webhook_endpoints (id, url, events, secret, created_by_id) VALUES (?, ?, ?, ?, ?)")
    .bind(id, `https://hooks.test/${path}`, JSON.stringify(events), SECRET, admin.id)
    .run();
  return { id, url: `https://hooks.test/${path}` };
}

/** An activity written straight to D1 (no request, so nothing hands it to the queue behind the test). */
async function activity(action: string, challengeId: string | null = null) {
  const id = `act_${crypto.randomUUID().slice(0, 12)}`;
  await env.DB.prepare("INSERT INTO activities (id, challenge_id, actor_id, action, detail) VALUES (?, ?, NULL, ?, ?)")
    .bind(id, challengeId, action, JSON.stringify({ to: "open" }))
    .run();
  return { activityId: id, outboxId: `obx_${id}` };
}

const ctxAt = (now: Date): ChannelContext => ({ db: createDb(env.DB), env, now });
const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

async function attemptsOf(id: string) {
  const { results } = await env.DB.prepare(
    "SELECT attempt, status_code, error FROM delivery_attempts WHERE delivery_id = ? ORDER BY attempt",
  )
    .bind(id)
    .all<{ attempt: number; status_code: number | null; error: string }>();
  return results;
}
async function deliveryRow(id: string) {
  return env.DB.prepare("SELECT * FROM deliveries WHERE id = ?").bind(id).first<Record<string, unknown>>();
}

describe("the outbox row rides in the change's own batch", () => {
  it("publishing writes challenge.published and challenge.stage_changed, from the publish's activity", async () => {
    const lead = await member();
    const id = await createChallenge(lead.as, {}, true);
    const { results } = await env.DB.prepare(
      "SELECT o.id, o.type, o.data, a.id AS activity_id FROM outbox o JOIN activities a ON o.id IN ('obx_' || a.id, 'obx_stage_' || a.id) WHERE a.challenge_id = ? AND a.action = 'published' ORDER BY o.type",
    )
      .bind(id)
      .all<{ id: string; type: string; data: string; activity_id: string }>();
    expect(results.map((r) => r.type)).toEqual(["challenge.published", "challenge.stage_changed"]);
    const data = JSON.parse(results[0].data);
    expect(data.challenge).toMatchObject({ id, title: "Cut batch analytics spend by 30%", stage: "open" });
  });

  it("counts in D1's meta.changes, which is why writes test `changes > 0` (worker/services/batch.ts)", async () => {
    const p = await seedPerson();
    const [written] = await env.DB.batch([
      env.DB.prepare("INSERT INTO notifications (id, recipient_id, kind) VALUES (?, ?, 'kudos')").bind(
        `ntf_${crypto.randomUUID().slice(0, 12)}`,
        p.id,
      ),
    ]);
    // The notification and the outbox row its trigger wrote.
    expect(written.meta.changes).toBe(2);
  });

  it("a batch that fails leaves no outbox row", async () => {
    const id = `act_${crypto.randomUUID().slice(0, 12)}`;
    await expect(
      env.DB.batch([
        env.DB.prepare("INSERT INTO activities (id, action, detail) VALUES (?, 'published', '{}')").bind(id),
        // Breaks a NOT NULL constraint, so the whole batch rolls back.
        env.DB.prepare("INSERT INTO activities (id, action) VALUES (?, NULL)").bind(`${id}x`),
      ]),
    ).rejects.toThrow();
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE id = ?")
      .bind(`obx_${id}`)
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
  });

  it("a refused change (publishing twice) writes no second outbox row", async () => {
    const lead = await member();
    const id = await createChallenge(lead.as, {}, true);
    const count = () =>
      env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE challenge_id = ? AND type = 'challenge.published'")
        .bind(id)
        .first<{ n: number }>();
    expect((await count())?.n).toBe(1);
    const again = await callJson("POST", `/api/challenges/${id}/transitions`, {
      as: lead.as,
      body: { action: "publish" },
    });
    expect(again.status).toBe(409);
    expect((await count())?.n).toBe(1);
  });

  it("every notification writes one outbox row for its recipient", async () => {
    const lead = await member();
    const applicant = await member({ discipline: "data" });
    const id = await createChallenge(lead.as, {}, true);
    const challenge = await (await call("GET", `/api/challenges/${id}`, { as: lead.as })).json<any>();
    const res = await call("POST", `/api/challenges/${id}/slots/${challenge.slots[0].id}/applications`, {
      as: applicant.as,
      body: { pitch: "I have run this warehouse's batch jobs for two years." },
    });
    expect(res.status).toBe(201);
    const row = await env.DB.prepare(
      "SELECT o.type, o.recipient_id, json_extract(o.data, '$.kind') AS kind FROM outbox o JOIN notifications n ON o.id = 'obx_' || n.id WHERE n.challenge_id = ? AND n.kind = 'application_received'",
    )
      .bind(id)
      .first<{ type: string; recipient_id: string; kind: string }>();
    expect(row).toEqual({ type: "notification", recipient_id: lead.id, kind: "application_received" });
  });
});

describe("handing rows to the queue", () => {
  it("takes a backlog of any size in sweeps the queue and D1's parameter limit allow", async () => {
    const statements = Array.from({ length: 130 }, (_, i) =>
      env.DB.prepare("INSERT INTO activities (id, action, detail) VALUES (?, 'pledged', '{}')").bind(
        `act_backlog_${i}_${crypto.randomUUID().slice(0, 6)}`,
      ),
    );
    await env.DB.batch(statements);
    const first = await enqueuePending(env);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(100);
    // Sweeps run until nothing is left; each marks what it handed over.
    let sweeps = 1;
    while ((await enqueuePending(env)) > 0 && sweeps < 20) sweeps += 1;
    const left = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM outbox WHERE id LIKE 'obx_act_backlog_%' AND enqueued_at IS NULL AND fanned_out_at IS NULL",
    ).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});

describe("fan-out", () => {
  it("makes one delivery per subscribed endpoint, with a stable id, however often it runs", async () => {
    const wants = await endpoint(["challenge.published"]);
    const other = await endpoint(["pledge.created"]);
    const { outboxId } = await activity("published");
    const now = new Date();
    const first = await fanOut(ctxAt(now), outboxId);
    const second = await fanOut(ctxAt(now), outboxId);
    const id = await deliveryId(outboxId, "webhook", wants.id);
    expect(first).toContain(id);
    expect(second).toEqual(first);
    expect(first).not.toContain(await deliveryId(outboxId, "webhook", other.id));
    const { results } = await env.DB.prepare("SELECT id FROM deliveries WHERE outbox_id = ?").bind(outboxId).all();
    expect(results.filter((r) => r.id === id)).toHaveLength(1);
  });

  it("leaves out a disabled endpoint", async () => {
    const off = await endpoint(["challenge.published"]);
    await env.DB.prepare("UPDATE webhook_endpoints SET status = 'disabled' WHERE id = ?").bind(off.id).run();
    const { outboxId } = await activity("published");
    expect(await fanOut(ctxAt(new Date()), outboxId)).not.toContain(await deliveryId(outboxId, "webhook", off.id));
  });
});

describe("delivery", () => {
  it("signs as Standard Webhooks says, so the standardwebhooks package verifies it", async () => {
    const hook = await endpoint(["challenge.published"]);
    const { outboxId, activityId } = await activity("published");
    const now = new Date();
    await fanOut(ctxAt(now), outboxId);
    const id = await deliveryId(outboxId, "webhook", hook.id);
    expect(await deliverOnce(ctxAt(now), id)).toEqual({ kind: "delivered" });
    const got = receiver.received.filter((r) => r.url === hook.url);
    expect(got).toHaveLength(1);
    expect(got[0].headers["webhook-id"]).toBe(id);
    const payload = new Webhook(SECRET).verify(got[0].body, got[0].headers) as Record<string, any>;
    expect(payload.type).toBe("challenge.published");
    expect(payload.data.activityId).toBe(activityId);
    expect(typeof payload.timestamp).toBe("string");
    // A tampered body fails verification.
    expect(() => new Webhook(SECRET).verify(got[0].body.replace("published", "withdrawn"), got[0].headers)).toThrow();
  });

  it("a receiver that fails twice and then succeeds gets one successful delivery, and the log shows three attempts", async () => {
    const hook = await endpoint(["challenge.published"]);
    const { outboxId } = await activity("published");
    const t0 = new Date();
    await fanOut(ctxAt(t0), outboxId);
    const id = await deliveryId(outboxId, "webhook", hook.id);
    receiver.answers = [500, 503];
    expect(await deliverOnce(ctxAt(t0), id)).toEqual({ kind: "retry", delaySeconds: BACKOFF_SECONDS[0] });
    // Before the backoff has passed, no attempt is made.
    expect(await deliverOnce(ctxAt(later(t0, 5)), id)).toMatchObject({ kind: "retry" });
    const t1 = later(t0, BACKOFF_SECONDS[0]);
    expect(await deliverOnce(ctxAt(t1), id)).toEqual({ kind: "retry", delaySeconds: BACKOFF_SECONDS[1] });
    const t2 = later(t1, BACKOFF_SECONDS[1]);
    expect(await deliverOnce(ctxAt(t2), id)).toEqual({ kind: "delivered" });
    // Once delivered, another message for it sends nothing.
    expect(await deliverOnce(ctxAt(later(t2, 3600)), id)).toEqual({ kind: "done" });

    const got = receiver.received.filter((r) => r.url === hook.url);
    expect(got).toHaveLength(3);
    expect(new Set(got.map((r) => r.headers["webhook-id"]))).toEqual(new Set([id]));
    expect((await attemptsOf(id)).map((a) => a.status_code)).toEqual([500, 503, 200]);
    expect(await deliveryRow(id)).toMatchObject({ status: "delivered", attempts: 3, last_status_code: 200 });
  });

  it("a consumer that crashes mid-delivery is retried and delivers exactly once, with the same webhook-id", async () => {
    const hook = await endpoint(["challenge.published"]);
    const { outboxId } = await activity("published");
    const t0 = new Date();
    await fanOut(ctxAt(t0), outboxId);
    const id = await deliveryId(outboxId, "webhook", hook.id);
    // The first consumer claims the delivery, then dies before it sends or records anything.
    const crashed = await claimDelivery(createDb(env.DB), id, t0);
    expect(crashed.claimed?.attempts).toBe(1);
    // The queue redelivers the message at once: the lease keeps a second consumer away.
    expect(await deliverOnce(ctxAt(later(t0, 1)), id)).toMatchObject({ kind: "retry" });
    expect(receiver.received.filter((r) => r.url === hook.url)).toHaveLength(0);
    // After the lease, the redelivered message sends it: once.
    const t1 = later(t0, LEASE_SECONDS);
    expect(await deliverOnce(ctxAt(t1), id)).toEqual({ kind: "delivered" });
    expect(await deliverOnce(ctxAt(later(t1, LEASE_SECONDS * 2)), id)).toEqual({ kind: "done" });
    const got = receiver.received.filter((r) => r.url === hook.url);
    expect(got).toHaveLength(1);
    expect(got[0].headers["webhook-id"]).toBe(id);
    expect(await deliveryRow(id)).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("two consumers at once send a delivery once", async () => {
    const hook = await endpoint(["challenge.published"]);
    const { outboxId } = await activity("published");
    const now = new Date();
    await fanOut(ctxAt(now), outboxId);
    const id = await deliveryId(outboxId, "webhook", hook.id);
    const outcomes = await Promise.all([deliverOnce(ctxAt(now), id), deliverOnce(ctxAt(now), id)]);
    expect(outcomes.filter((o) => o.kind === "delivered")).toHaveLength(1);
    expect(receiver.received.filter((r) => r.url === hook.url)).toHaveLength(1);
  });

  it("gives up after the last backoff (about 24 hours) and marks the delivery dead", async () => {
    const hook = await endpoint(["challenge.published"]);
    const { outboxId } = await activity("published");
    let now = new Date();
    await fanOut(ctxAt(now), outboxId);
    const id = await deliveryId(outboxId, "webhook", hook.id);
    receiver.answers = Array(MAX_ATTEMPTS).fill(500);
    const total = BACKOFF_SECONDS.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(23 * 3600);
    expect(total).toBeLessThanOrEqual(24 * 3600);
    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) {
      const outcome = await deliverOnce(ctxAt(now), id);
      expect(outcome).toEqual({ kind: "retry", delaySeconds: BACKOFF_SECONDS[i] });
      now = later(now, BACKOFF_SECONDS[i]);
    }
    expect(await deliverOnce(ctxAt(now), id)).toEqual({ kind: "dead" });
    expect(await deliveryRow(id)).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS });
    expect(await attemptsOf(id)).toHaveLength(MAX_ATTEMPTS);
  });

  it("disables an endpoint that has failed for 3 days and tells the admins", async () => {
    const hook = await endpoint(["challenge.published"]);
    await env.DB.prepare("UPDATE webhook_endpoints SET failing_since = ? WHERE id = ?")
      .bind(new Date(Date.now() - 4 * 24 * 3600 * 1000).toISOString(), hook.id)
      .run();
    const { outboxId } = await activity("published");
    const now = new Date();
    await fanOut(ctxAt(now), outboxId);
    const id = await deliveryId(outboxId, "webhook", hook.id);
    receiver.answers = [500];
    await deliverOnce(ctxAt(now), id);
    const row = await env.DB.prepare("SELECT status FROM webhook_endpoints WHERE id = ?").bind(hook.id).first();
    expect(row?.status).toBe("disabled");
    const told = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'webhook_disabled' AND json_extract(data, '$.endpointId') = ?",
    )
      .bind(hook.id)
      .first<{ n: number }>();
    expect(told?.n).toBeGreaterThan(0);
    // Its next attempt is refused for good.
    expect(await deliverOnce(ctxAt(later(now, BACKOFF_SECONDS[0])), id)).toEqual({ kind: "dead" });
  });
});

describe("the Worker's queue handler", () => {
  it("fans out, sends each delivery as its own message, and acknowledges", async () => {
    const hook = await endpoint(["challenge.published"]);
    const { outboxId } = await activity("published");
    const batch = createMessageBatch<OutboxMessage>("crux-outbox", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: { t: "fanout", outboxId } },
    ]);
    const ctx = (await import("cloudflare:test")).createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["m1"]);
    const id = await deliveryId(outboxId, "webhook", hook.id);
    const deliver = createMessageBatch<OutboxMessage>("crux-outbox", [
      { id: "m2", timestamp: new Date(), attempts: 1, body: { t: "deliver", deliveryId: id } },
    ]);
    await worker.queue(deliver, env);
    expect((await getQueueResult(deliver, ctx)).explicitAcks).toEqual(["m2"]);
    expect((await deliveryRow(id))?.status).toBe("delivered");
  });

  it("the dead-letter queue's consumer records what failed for good as dead", async () => {
    const hook = await endpoint(["challenge.published"]);
    const { outboxId } = await activity("published");
    await fanOut(ctxAt(new Date()), outboxId);
    const id = await deliveryId(outboxId, "webhook", hook.id);
    const batch = createMessageBatch<OutboxMessage>("crux-outbox-dlq", [
      { id: "d1", timestamp: new Date(), attempts: 13, body: { t: "deliver", deliveryId: id } },
    ]);
    const ctx = (await import("cloudflare:test")).createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["d1"]);
    expect((await deliveryRow(id))?.status).toBe("dead");
  });

  it("a change made over HTTP reaches a subscribed endpoint through the real local queue", async () => {
    const hook = await endpoint(["challenge.published"]);
    const lead = await member();
    const id = await createChallenge(lead.as, {}, true);
    await vi.waitFor(
      () => {
        // Other test files' changes reach the endpoint too (D1 is shared): keep this challenge's.
        const got = receiver.received.filter((r) => r.url === hook.url && JSON.parse(r.body).data.challenge?.id === id);
        expect(got).toHaveLength(1);
        expect(JSON.parse(got[0].body).type).toBe("challenge.published");
      },
      { timeout: 15_000, interval: 200 },
    );
  }, 20_000);
});
