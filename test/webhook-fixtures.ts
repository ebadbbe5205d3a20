import { afterEach, beforeEach, expect, vi } from "vitest";
import { callJson, env } from "./helpers";

/**
 * A webhook endpoint registered by `as` (an admin) with one finished delivery, written straight to
 * D1 so that no queue sends it behind the test: for test/round-trips.test.ts's webhook routes.
 * Its address can never resolve (`.invalid`), so a redelivery the queue sends only fails.
 */
export async function webhookWithDelivery(as: string, { disabled = false } = {}) {
  const res = await callJson("POST", "/api/admin/webhooks", {
    as,
    body: { url: `https://rt-${crypto.randomUUID()}.invalid/hooks`, events: ["person.deactivated"] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const endpointId: string = res.body.id;
  const suffix = crypto.randomUUID().slice(0, 12);
  const outboxId = `obx_rt_${suffix}`;
  const deliveryId = `msg_rt_${suffix}`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO outbox (id, type, data, fanned_out_at) VALUES (?, 'person.deactivated', '{}', ?)").bind(
      outboxId,
      new Date().toISOString(),
    ),
    env.DB.prepare(
      "INSERT INTO deliveries (id, outbox_id, channel, target, status, attempts, last_status_code, latency_ms, delivered_at) VALUES (?, ?, 'webhook', ?, 'delivered', 1, 200, 12, ?)",
    ).bind(deliveryId, outboxId, endpointId, new Date().toISOString()),
    env.DB.prepare(
      "INSERT INTO delivery_attempts (id, delivery_id, attempt, status_code, latency_ms) VALUES (?, ?, 1, 200, 12)",
    ).bind(`att_rt_${suffix}`, deliveryId),
    env.DB.prepare(
      "UPDATE webhook_endpoints SET status = 'disabled', disabled_at = ?, failing_since = ? WHERE id = ? AND ?",
    ).bind(new Date().toISOString(), new Date().toISOString(), endpointId, disabled ? 1 : 0),
  ]);
  return { endpointId, deliveryId };
}

/** What a fake receiver got. */
export interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A webhook receiver inside the test file that calls it: outbound fetch to `https://{host}/` lands
 * in `received`, answered in turn by the statuses pushed on `answers` (then 200). D1 is shared by
 * every test file, so after each test the file's endpoints are switched off and hear nothing more.
 */
export function fakeReceiver(host: string) {
  const state = { received: [] as Received[], answers: [] as number[] };
  beforeEach(() => {
    state.received = [];
    state.answers = [];
    const real = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const request = new Request(input as RequestInfo, init);
      if (!request.url.startsWith(`https://${host}/`)) return real(input as RequestInfo, init);
      state.received.push({
        url: request.url,
        headers: Object.fromEntries(request.headers),
        body: await request.text(),
      });
      return new Response("ok", { status: state.answers.shift() ?? 200 });
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await env.DB.prepare("UPDATE webhook_endpoints SET status = 'disabled' WHERE url LIKE ?")
      .bind(`https://${host}/%`)
      .run();
  });
  return state;
}
