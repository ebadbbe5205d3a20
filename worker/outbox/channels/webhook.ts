/**
 * Webhooks (SPEC §15): every catalogue event goes to each enabled endpoint that asked for its type,
 * signed as the Standard Webhooks specification says (`webhook-id` is the delivery's stable id, so
 * a receiver can drop a repeat). An endpoint that has failed for 3 days is disabled, and the admins
 * are told.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { webhookEndpoints } from "../../../db/schema";
import { writeBatch } from "../../services/batch";
import { notify } from "../../services/inbox";
import { isEventType } from "../catalogue";
import type { Channel } from "../channel";

/** How long an endpoint may fail without a success before it is disabled. */
export const DISABLE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
/** A receiver gets this long to answer an attempt. */
const TIMEOUT_MS = 15_000;

/** The body a receiver gets: the event's type, when it happened, and its data. */
export function webhookBody(event: { type: string; createdAt: string; data: Record<string, unknown> }) {
  return JSON.stringify({ type: event.type, timestamp: event.createdAt, data: event.data });
}

export const webhookChannel: Channel = {
  name: "webhook",
  async plan({ db }, event) {
    if (!isEventType(event.type)) return [];
    const endpoints = await db
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(
        and(
          eq(webhookEndpoints.status, "enabled"),
          sql`EXISTS (SELECT 1 FROM json_each(${webhookEndpoints.events}) WHERE value = ${event.type})`,
        ),
      );
    return endpoints.map((e) => ({ target: e.id, status: "pending" as const }));
  },
  async send({ db, now }, delivery, event) {
    const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.target));
    if (!endpoint) return { ok: false, error: "The endpoint was deleted.", permanent: true };
    if (endpoint.status !== "enabled") return { ok: false, error: "The endpoint is disabled.", permanent: true };
    const body = webhookBody(event);
    const signature = new Webhook(endpoint.secret).sign(delivery.id, now, body);
    const res = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Crux-Webhooks/1",
        "webhook-id": delivery.id,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // Read (and drop) the body so the connection is released.
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status };
    return { ok: false, statusCode: res.status, error: `The endpoint answered ${res.status}.` };
  },
  async settled({ db, now }, delivery, outcome) {
    const id = delivery.target;
    if (outcome === "delivered") {
      await db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, id));
      return;
    }
    const at = now.toISOString();
    const cutoff = new Date(now.getTime() - DISABLE_AFTER_MS).toISOString();
    const disabledNow = sql`EXISTS (SELECT 1 FROM ${webhookEndpoints} WHERE id = ${id} AND disabled_at = ${at})`;
    await writeBatch(db, [
      db
        .update(webhookEndpoints)
        .set({ failingSince: at })
        .where(and(eq(webhookEndpoints.id, id), isNull(webhookEndpoints.failingSince))),
      db
        .update(webhookEndpoints)
        .set({ status: "disabled", disabledAt: at })
        .where(
          and(
            eq(webhookEndpoints.id, id),
            eq(webhookEndpoints.status, "enabled"),
            sql`${webhookEndpoints.failingSince} <= ${cutoff}`,
          ),
        ),
      notify(
        sql`SELECT person_id AS id FROM person_roles WHERE role = 'admin'`,
        { kind: "webhook_disabled", challengeId: null, actorId: null, data: { endpointId: id } },
        disabledNow,
      ),
    ]);
  },
};
