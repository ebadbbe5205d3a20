import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import readme from "../README.md?raw";
import { createDb } from "../worker/middleware/db";
import { EVENT_TYPES } from "../worker/outbox/catalogue";
import type { ChannelContext } from "../worker/outbox/channel";
import { deliverOnce, deliveryId, fanOut } from "../worker/outbox/queue";
import { webhookUrlProblem } from "../worker/services/webhooks";
import { callJson, env, expectError, member } from "./helpers";

/** A webhook receiver inside the test: outbound fetch to https://hooks-admin.test/ lands here. */
interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
}
let received: Received[] = [];
let answers: number[] = [];

beforeEach(() => {
  received = [];
  answers = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    if (!request.url.startsWith("https://hooks-admin.test/")) return real(input as RequestInfo, init);
    received.push({ url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() });
    return new Response("ok", { status: answers.shift() ?? 200 });
  });
});
// D1 is shared by every test file: switch this file's endpoints off so they hear nothing more.
afterEach(async () => {
  vi.restoreAllMocks();
  await env.DB.prepare(
    "UPDATE webhook_endpoints SET status = 'disabled' WHERE url LIKE 'https://hooks-admin.test/%'",
  ).run();
});

const admin = () => member({ roles: ["admin"] });
const hookUrl = () => `https://hooks-admin.test/${crypto.randomUUID()}`;
const ctxAt = (now: Date): ChannelContext => ({ db: createDb(env.DB), env, now });

async function register(as: string, body: Record<string, unknown> = {}) {
  const res = await callJson("POST", "/api/admin/webhooks", {
    as,
    body: { url: hookUrl(), events: ["challenge.published"], description: "Data warehouse sync", ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; url: string; secret: string; [k: string]: unknown };
}

/** A catalogue event written straight to D1 (no request, so nothing hands it to the queue behind the test). */
async function publishedEvent() {
  const id = `act_${crypto.randomUUID().slice(0, 12)}`;
  await env.DB.prepare(
    "INSERT INTO activities (id, challenge_id, actor_id, action, detail) VALUES (?, NULL, NULL, 'published', '{}')",
  )
    .bind(id)
    .run();
  return { activityId: id, outboxId: `obx_${id}` };
}

/** Registers an endpoint, makes one event and delivers it once (answered `status`); returns both. */
async function deliveredOnce(as: string, status = 200) {
  const hook = await register(as);
  const { outboxId, activityId } = await publishedEvent();
  const now = new Date();
  await fanOut(ctxAt(now), outboxId);
  const id = await deliveryId(outboxId, "webhook", hook.id);
  answers = [status];
  await deliverOnce(ctxAt(now), id);
  return { hook, deliveryId: id, activityId };
}

async function activities(action: string, endpointId: string) {
  const { results } = await env.DB.prepare(
    "SELECT actor_id, detail FROM activities WHERE action = ? AND json_extract(detail, '$.endpointId') = ?",
  )
    .bind(action, endpointId)
    .all<{ actor_id: string; detail: string }>();
  return results;
}

describe("POST /api/admin/webhooks", () => {
  it("registers an endpoint and answers its whsec_ secret once, never in the list", async () => {
    const a = await admin();
    const res = await callJson("POST", "/api/admin/webhooks", {
      as: a.as,
      body: { url: hookUrl(), events: ["pledge.created", "challenge.published"], description: "Finance sync" },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toMatchObject({
      status: "enabled",
      description: "Finance sync",
      // In the catalogue's order, whatever order they were asked in.
      events: ["challenge.published", "pledge.created"],
      failingSince: null,
      disabledAt: null,
      lastDelivery: null,
      createdBy: { id: a.id },
    });
    const secret: string = res.body.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const bytes = atob(secret.slice("whsec_".length)).length;
    expect(bytes).toBeGreaterThanOrEqual(24);
    expect(bytes).toBeLessThanOrEqual(32);
    // The standardwebhooks package takes it as it is.
    expect(() => new Webhook(secret)).not.toThrow();

    const list = await callJson("GET", "/api/admin/webhooks?limit=100", { as: a.as });
    expect(list.status).toBe(200);
    const mine = list.body.items.find((e: { id: string }) => e.id === res.body.id);
    expect(mine).toMatchObject({ url: res.body.url, status: "enabled" });
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(mine).not.toHaveProperty("secret");

    const audit = await activities("webhook_registered", res.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(a.id);
    expect(audit[0].detail).not.toContain(secret);
  });

  it("refuses a bad address, unknown event types and no events, naming the fields", async () => {
    const a = await admin();
    const bad = await callJson("POST", "/api/admin/webhooks", {
      as: a.as,
      body: { url: "ftp://example.com/hooks", events: ["challenge.published", "challenge.exploded"] },
    });
    expectError(bad, 400, "validation_failed");
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(["events", "url"]);
    expect(bad.body.error.details.fields.events).toContain("challenge.exploded");

    const empty = await callJson("POST", "/api/admin/webhooks", { as: a.as, body: { url: hookUrl(), events: [] } });
    expectError(empty, 400, "validation_failed");
    expect(empty.body.error.details.fields).toHaveProperty("events");

    const noUrl = await callJson("POST", "/api/admin/webhooks", { as: a.as, body: { events: ["pledge.created"] } });
    expectError(noUrl, 400, "validation_failed");
    expect(noUrl.body.error.details.fields).toHaveProperty("url");

    const plainHttp = await callJson("POST", "/api/admin/webhooks", {
      as: a.as,
      body: { url: "http://example.com/hooks", events: ["pledge.created"] },
    });
    expectError(plainHttp, 400, "validation_failed");
    expect(plainHttp.body.error.details.fields.url).toMatch(/https/);
  });

  it("in dev mode also takes http on this machine", async () => {
    const a = await admin();
    for (const url of ["http://127.0.0.1:9/hooks", "http://localhost:9/hooks"]) {
      const res = await callJson("POST", "/api/admin/webhooks", {
        as: a.as,
        body: { url, events: ["pledge.created"] },
      });
      expect(res.status, url).toBe(201);
      await callJson("DELETE", `/api/admin/webhooks/${res.body.id}`, { as: a.as });
    }
  });

  it("outside dev mode takes https only", () => {
    expect(webhookUrlProblem("https://example.com/hooks", "access")).toBeNull();
    expect(webhookUrlProblem("http://localhost:9/hooks", "access")).toMatch(/https/);
    expect(webhookUrlProblem("http://127.0.0.1:9/hooks", "demo")).toMatch(/https/);
    expect(webhookUrlProblem("http://localhost:9/hooks", "dev")).toBeNull();
    expect(webhookUrlProblem("http://10.0.0.1/hooks", "dev")).toMatch(/https/);
    expect(webhookUrlProblem("https://user:pw@example.com/", "access")).toMatch(/password/);
    expect(webhookUrlProblem("not a url", "access")).toMatch(/full web address/);
  });
});

describe("who may manage webhooks", () => {
  it("refuses everyone but admins, on every route", async () => {
    const a = await admin();
    const { hook, deliveryId: did } = await deliveredOnce(a.as);
    for (const roles of [[], ["sponsor"], ["reviewer"]] as const) {
      const someone = await member({ roles: [...roles] });
      const attempts: [string, string, unknown?][] = [
        ["GET", "/api/admin/webhooks"],
        ["POST", "/api/admin/webhooks", { url: hookUrl(), events: ["pledge.created"] }],
        ["DELETE", `/api/admin/webhooks/${hook.id}`],
        ["POST", `/api/admin/webhooks/${hook.id}/enable`],
        ["GET", `/api/admin/webhooks/${hook.id}/deliveries`],
        ["POST", `/api/admin/webhooks/${hook.id}/deliveries/${did}/redeliver`],
      ];
      for (const [method, path, body] of attempts) {
        const res = await callJson(method, path, { as: someone.as, body });
        expect(res.status, `${roles.join(",") || "member"} ${method} ${path}`).toBe(403);
      }
    }
    const anonymous = await callJson("GET", "/api/admin/webhooks");
    expect(anonymous.status).toBe(401);
    // The endpoint is untouched.
    const list = await callJson("GET", `/api/admin/webhooks/${hook.id}/deliveries`, { as: a.as });
    expect(list.body.items).toHaveLength(1);
  });
});

describe("the delivery log", () => {
  it("lists an endpoint's deliveries newest first, with status, attempts, latency, code and every attempt", async () => {
    const a = await admin();
    const hook = await register(a.as);
    const first = await publishedEvent();
    const second = await publishedEvent();
    const t0 = new Date();
    await fanOut(ctxAt(t0), first.outboxId);
    const firstId = await deliveryId(first.outboxId, "webhook", hook.id);
    answers = [500, 200];
    await deliverOnce(ctxAt(t0), firstId);
    await deliverOnce(ctxAt(new Date(t0.getTime() + 60_000)), firstId);
    // The second event's delivery is made a moment later, so it is the newest.
    await new Promise((r) => setTimeout(r, 5));
    await fanOut(ctxAt(new Date()), second.outboxId);
    const secondId = await deliveryId(second.outboxId, "webhook", hook.id);

    const res = await callJson("GET", `/api/admin/webhooks/${hook.id}/deliveries`, { as: a.as });
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: { id: string }) => d.id)).toEqual([secondId, firstId]);
    const [pending, delivered] = res.body.items;
    expect(pending).toMatchObject({ eventType: "challenge.published", status: "pending", attempts: 0, attemptLog: [] });
    expect(delivered).toMatchObject({
      eventType: "challenge.published",
      outboxId: first.outboxId,
      status: "delivered",
      attempts: 2,
      lastStatusCode: 200,
      lastError: "",
    });
    expect(typeof delivered.latencyMs).toBe("number");
    expect(delivered.deliveredAt).not.toBeNull();
    expect(delivered.attemptLog.map((x: { attempt: number; statusCode: number }) => [x.attempt, x.statusCode])).toEqual(
      [
        [2, 200],
        [1, 500],
      ],
    );
    expect(delivered.attemptLog[1].error).toMatch(/500/);

    // Paged: one at a time reaches the same two.
    const p1 = await callJson("GET", `/api/admin/webhooks/${hook.id}/deliveries?limit=1`, { as: a.as });
    expect(p1.body.items.map((d: { id: string }) => d.id)).toEqual([secondId]);
    expect(p1.body.nextCursor).toBeTruthy();
    const p2 = await callJson(
      "GET",
      `/api/admin/webhooks/${hook.id}/deliveries?limit=1&cursor=${encodeURIComponent(p1.body.nextCursor)}`,
      { as: a.as },
    );
    expect(p2.body.items.map((d: { id: string }) => d.id)).toEqual([firstId]);
    expect(p2.body.nextCursor).toBeNull();

    // The list shows the newest delivery.
    const list = await callJson("GET", "/api/admin/webhooks?limit=100", { as: a.as });
    const mine = list.body.items.find((e: { id: string }) => e.id === hook.id);
    expect(mine.lastDelivery).toMatchObject({ id: secondId, status: "pending", eventType: "challenge.published" });
  });

  it("answers 404 for an endpoint that does not exist, and 400 for a foreign cursor", async () => {
    const a = await admin();
    expectError(await callJson("GET", "/api/admin/webhooks/whe_nope/deliveries", { as: a.as }), 404);
    const hook = await register(a.as);
    const bad = await callJson("GET", `/api/admin/webhooks/${hook.id}/deliveries?cursor=garbage`, { as: a.as });
    expectError(bad, 400, "validation_failed");
    expect(bad.body.error.details.fields).toHaveProperty("cursor");
  });
});

describe("redeliver", () => {
  it("sends a delivery again with the same webhook-id, as a new attempt the receiver can verify", async () => {
    const a = await admin();
    const { hook, deliveryId: id, activityId } = await deliveredOnce(a.as);
    expect(received.filter((r) => r.url === hook.url)).toHaveLength(1);

    const res = await callJson("POST", `/api/admin/webhooks/${hook.id}/deliveries/${id}/redeliver`, { as: a.as });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ id, status: "pending", attempts: 1 });
    // The queue sends it in the background; sending it here as well shows a second send is not made.
    await deliverOnce(ctxAt(new Date()), id);
    await vi.waitFor(
      async () => {
        const log = await callJson("GET", `/api/admin/webhooks/${hook.id}/deliveries`, { as: a.as });
        expect(log.body.items[0]).toMatchObject({ id, status: "delivered", attempts: 2 });
        expect(log.body.items[0].attemptLog).toHaveLength(2);
      },
      { timeout: 5000, interval: 100 },
    );
    const got = received.filter((r) => r.url === hook.url);
    expect(got).toHaveLength(2);
    expect(got.map((r) => r.headers["webhook-id"])).toEqual([id, id]);
    for (const r of got) {
      const payload = new Webhook(hook.secret).verify(r.body, r.headers) as Record<string, any>;
      expect(payload).toMatchObject({ type: "challenge.published", data: { activityId } });
    }
    expect(await activities("webhook_redelivered", hook.id)).toHaveLength(1);
  });

  it("redelivers a dead delivery", async () => {
    const a = await admin();
    const { hook, deliveryId: id } = await deliveredOnce(a.as);
    await env.DB.prepare("UPDATE deliveries SET status = 'dead' WHERE id = ?").bind(id).run();
    const res = await callJson("POST", `/api/admin/webhooks/${hook.id}/deliveries/${id}/redeliver`, { as: a.as });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe("pending");
  });

  it("refuses a delivery still waiting (409), another endpoint's delivery (404), and a disabled endpoint (409)", async () => {
    const a = await admin();
    const { hook, deliveryId: id } = await deliveredOnce(a.as);
    const other = await register(a.as);
    expectError(
      await callJson("POST", `/api/admin/webhooks/${other.id}/deliveries/${id}/redeliver`, { as: a.as }),
      404,
    );
    expectError(
      await callJson("POST", `/api/admin/webhooks/${hook.id}/deliveries/msg_nope/redeliver`, { as: a.as }),
      404,
    );
    await env.DB.prepare("UPDATE deliveries SET status = 'pending', next_attempt_at = ? WHERE id = ?")
      .bind(new Date(Date.now() + 3_600_000).toISOString(), id)
      .run();
    expectError(await callJson("POST", `/api/admin/webhooks/${hook.id}/deliveries/${id}/redeliver`, { as: a.as }), 409);
    await env.DB.prepare("UPDATE deliveries SET status = 'dead' WHERE id = ?").bind(id).run();
    await env.DB.prepare("UPDATE webhook_endpoints SET status = 'disabled' WHERE id = ?").bind(hook.id).run();
    const disabled = await callJson("POST", `/api/admin/webhooks/${hook.id}/deliveries/${id}/redeliver`, {
      as: a.as,
    });
    expectError(disabled, 409);
    expect(disabled.body.error.message).toMatch(/enable/);
  });
});

describe("enable and delete", () => {
  it("enables a disabled endpoint, forgetting its failures; enabling again records nothing more", async () => {
    const a = await admin();
    const hook = await register(a.as);
    const since = new Date(Date.now() - 4 * 86_400_000).toISOString();
    await env.DB.prepare(
      "UPDATE webhook_endpoints SET status = 'disabled', disabled_at = ?, failing_since = ? WHERE id = ?",
    )
      .bind(new Date().toISOString(), since, hook.id)
      .run();
    const list = await callJson("GET", "/api/admin/webhooks?limit=100", { as: a.as });
    expect(list.body.items.find((e: { id: string }) => e.id === hook.id)).toMatchObject({
      status: "disabled",
      failingSince: since,
    });
    const res = await callJson("POST", `/api/admin/webhooks/${hook.id}/enable`, { as: a.as });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: hook.id, status: "enabled", disabledAt: null, failingSince: null });
    const again = await callJson("POST", `/api/admin/webhooks/${hook.id}/enable`, { as: a.as });
    expect(again.status).toBe(200);
    expect(await activities("webhook_enabled", hook.id)).toHaveLength(1);
    expectError(await callJson("POST", "/api/admin/webhooks/whe_nope/enable", { as: a.as }), 404);
  });

  it("deletes an endpoint with its delivery log; its waiting deliveries stop", async () => {
    const a = await admin();
    const { hook, deliveryId: id } = await deliveredOnce(a.as);
    // A second event waiting for its first attempt.
    const waiting = await publishedEvent();
    await fanOut(ctxAt(new Date()), waiting.outboxId);
    const waitingId = await deliveryId(waiting.outboxId, "webhook", hook.id);

    const res = await callJson("DELETE", `/api/admin/webhooks/${hook.id}`, { as: a.as });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: hook.id, url: hook.url });
    expect(res.body).not.toHaveProperty("secret");
    const list = await callJson("GET", "/api/admin/webhooks?limit=100", { as: a.as });
    expect(list.body.items.some((e: { id: string }) => e.id === hook.id)).toBe(false);
    expectError(await callJson("GET", `/api/admin/webhooks/${hook.id}/deliveries`, { as: a.as }), 404);
    const left = await env.DB.prepare(
      "SELECT (SELECT COUNT(*) FROM deliveries WHERE target = ?1) AS deliveries, (SELECT COUNT(*) FROM delivery_attempts WHERE delivery_id = ?2) AS attempts",
    )
      .bind(hook.id, id)
      .first<{ deliveries: number; attempts: number }>();
    expect(left).toEqual({ deliveries: 0, attempts: 0 });
    // The queue's message for the waiting delivery finds nothing to send.
    expect(await deliverOnce(ctxAt(new Date()), waitingId)).toEqual({ kind: "done" });
    expect(received.filter((r) => r.url === hook.url)).toHaveLength(1);
    // The audit log keeps what was deleted.
    const audit = await activities("webhook_deleted", hook.id);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail)).toMatchObject({ url: hook.url });
    // Deleting again: it is gone.
    expectError(await callJson("DELETE", `/api/admin/webhooks/${hook.id}`, { as: a.as }), 404);
  });
});

describe("the event catalogue in the API document and the README", () => {
  it("lists every event type under the OpenAPI document's webhooks, signed headers and body documented", async () => {
    const res = await callJson("GET", "/api/openapi.json");
    const webhooks = res.body.webhooks as Record<string, any>;
    expect(Object.keys(webhooks).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      const op = webhooks[type].post;
      expect(op.operationId).toBeTruthy();
      expect(op.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`).sort()).toEqual([
        "header:webhook-id",
        "header:webhook-signature",
        "header:webhook-timestamp",
      ]);
      const schema = op.requestBody.content["application/json"].schema;
      expect(Object.keys(schema.properties).sort()).toEqual(["data", "timestamp", "type"]);
    }
  });

  it("the README's event catalogue names every event type", () => {
    const listed = [...readme.matchAll(/^\|\s*`([a-z_]+\.[a-z_]+)`\s*\|/gm)].map((m) => m[1]);
    for (const type of EVENT_TYPES) expect(listed, type).toContain(type);
  });
});
