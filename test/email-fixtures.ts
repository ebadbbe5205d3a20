/** What the e-mail and preferences tests share: notifications written straight to D1, and a recording sender. */
import PostalMime from "postal-mime";
import { createDb } from "../worker/middleware/db";
import type { ChannelContext } from "../worker/outbox/channel";
import { deliverOnce, deliveryId, fanOut } from "../worker/outbox/queue";
import { env } from "./helpers";

/** Every raw message the recording EMAIL binding was handed. */
export const sent: { from: string; to: string; raw: string }[] = [];

/** Stands in for the send_email binding: keeps the raw MIME (miniflare's EmailMessage holds it under this key). */
export const recordingEmail = {
  async send(message: { readonly from: string; readonly to: string }) {
    const raw = (message as unknown as Record<string, string>)["EmailMessage::raw"];
    sent.push({ from: message.from, to: message.to, raw });
  },
};

export const ctxAt = (now = new Date()): ChannelContext => ({
  db: createDb(env.DB),
  env: { ...env, EMAIL: recordingEmail } as ChannelContext["env"],
  now,
});

/** A notification written straight to D1 (no request, so the background queue does not send it first). */
export async function notification(
  recipientId: string,
  kind: string,
  o: { challengeId?: string | null; actorId?: string | null; data?: Record<string, unknown>; createdAt?: string } = {},
) {
  const id = `ntf_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await env.DB.prepare(
    "INSERT INTO notifications (id, recipient_id, kind, challenge_id, actor_id, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  )
    .bind(
      id,
      recipientId,
      kind,
      o.challengeId ?? null,
      o.actorId ?? null,
      JSON.stringify(o.data ?? {}),
      o.createdAt ?? new Date().toISOString(),
    )
    .run();
  return { notificationId: id, outboxId: `obx_${id}` };
}

/** Fans the row out and makes one attempt at each of its e-mail deliveries; answers the e-mail delivery's status. */
export async function deliverEmail(outboxId: string, recipientId: string, now = new Date()) {
  const ctx = ctxAt(now);
  const ids = await fanOut(ctx, outboxId);
  const id = await deliveryId(outboxId, "email", recipientId);
  if (ids.includes(id)) await deliverOnce(ctx, id);
  const row = await env.DB.prepare("SELECT status FROM deliveries WHERE id = ?").bind(id).first<{ status: string }>();
  return row?.status ?? null;
}

/** The messages sent to an address, parsed. */
export async function sentTo(address: string) {
  return Promise.all(sent.filter((s) => s.to === address).map(async (s) => PostalMime.parse(s.raw)));
}
