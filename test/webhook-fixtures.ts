import { expect } from "vitest";
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
