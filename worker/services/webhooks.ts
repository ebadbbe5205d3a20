/**
 * Webhook endpoints as admins manage them (SPEC §15): register one (its secret is answered once),
 * list them with how their deliveries go, read an endpoint's delivery log, redeliver, re-enable a
 * disabled one, delete one. Sending is the webhook channel's (worker/outbox/channels/webhook.ts).
 *
 * Deleting is a real delete: the endpoint, its deliveries and their attempts go, in one batch. A
 * delivery still waiting in the queue then finds nothing to claim and stops (the channel's `send`
 * also answers a permanent failure for a missing endpoint); the audit log keeps what was deleted.
 */
import { and, desc, eq, lt, or, type SQL, sql } from "drizzle-orm";
import { deliveries, deliveryAttempts, outbox, webhookEndpoints } from "../../db/schema";
import { newId } from "../domain/ids";
import type { Database } from "../middleware/db";
import { EVENT_TYPES, type EventType } from "../outbox/catalogue";
import { redeliverStatement } from "../outbox/queue";
import { type AuditContext, recordActivity, recordActivityIfChanged } from "./activity";
import { readPlan, writeBatch, writeThenRead } from "./batch";

export type WebhookStatus = "enabled" | "disabled";
export type DeliveryStatus = "pending" | "delivered" | "failed" | "dead" | "digest" | "skipped";

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  events: EventType[];
  status: WebhookStatus;
  failingSince: string | null;
  disabledAt: string | null;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  lastDelivery: {
    id: string;
    eventType: string;
    status: DeliveryStatus;
    statusCode: number | null;
    at: string;
  } | null;
}

export interface DeliveryAttemptView {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string;
  latencyMs: number | null;
}

export interface WebhookDeliveryView {
  id: string;
  eventType: string;
  outboxId: string;
  status: DeliveryStatus;
  attempts: number;
  latencyMs: number | null;
  lastStatusCode: number | null;
  lastError: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  attemptLog: DeliveryAttemptView[];
}

/** A Standard Webhooks secret: "whsec_" and the base64 of 24 random bytes. */
export function generateWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Why `url` cannot receive webhooks, or null when it can: an https address, or in dev mode also
 * http on this machine (a receiver the developer runs).
 */
export function webhookUrlProblem(url: string, authMode: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Give a full web address, starting https://.";
  }
  if (parsed.username || parsed.password) return "Leave the user name and password out of the address.";
  if (parsed.protocol === "https:") return null;
  if (parsed.protocol === "http:" && authMode === "dev" && LOCAL_HOSTS.has(parsed.hostname)) return null;
  return authMode === "dev"
    ? "Use an https address (in dev mode, http://localhost or http://127.0.0.1 also work)."
    : "Use an https address: deliveries are signed, but only https keeps them private.";
}

/** Event types asked for that are not in the catalogue. */
export function unknownEventTypes(events: readonly string[]): string[] {
  return events.filter((e) => !(EVENT_TYPES as readonly string[]).includes(e));
}

const lastDeliverySql = sql<string | null>`(
  SELECT json_object('id', d.id, 'eventType', o.type, 'status', d.status, 'statusCode', d.last_status_code,
    'at', COALESCE(d.delivered_at, d.created_at))
  FROM ${deliveries} d JOIN ${outbox} o ON o.id = d.outbox_id
  WHERE d.channel = 'webhook' AND d.target = "webhook_endpoints"."id"
  ORDER BY d.created_at DESC, d.id DESC LIMIT 1)`;

function selectEndpoints(db: Database) {
  return db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      events: webhookEndpoints.events,
      status: webhookEndpoints.status,
      failingSince: webhookEndpoints.failingSince,
      disabledAt: webhookEndpoints.disabledAt,
      createdAt: webhookEndpoints.createdAt,
      createdById: webhookEndpoints.createdById,
      creatorName: sql<
        string | null
      >`(SELECT p.name FROM people p WHERE p.id = "webhook_endpoints"."created_by_id")`.as("creator_name"),
      lastDelivery: lastDeliverySql.as("last_delivery"),
    })
    .from(webhookEndpoints);
}

type EndpointRow = Awaited<ReturnType<ReturnType<typeof selectEndpoints>["all"]>>[number];

function endpointView(row: EndpointRow): WebhookEndpointView {
  const events = JSON.parse(row.events) as string[];
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: events.filter((e): e is EventType => (EVENT_TYPES as readonly string[]).includes(e)),
    status: row.status,
    failingSince: row.failingSince,
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
    createdBy: row.creatorName === null ? null : { id: row.createdById, name: row.creatorName },
    lastDelivery: row.lastDelivery ? (JSON.parse(row.lastDelivery) as WebhookEndpointView["lastDelivery"]) : null,
  };
}

/** Endpoints, newest first (ids sort by creation time), one more than `limit` to tell a next page. */
export function endpointsPlan(db: Database, query: { limit: number; beforeId?: string }) {
  return readPlan(
    [
      selectEndpoints(db)
        .where(query.beforeId ? lt(webhookEndpoints.id, query.beforeId) : undefined)
        .orderBy(desc(webhookEndpoints.id))
        .limit(query.limit + 1),
    ],
    ([rows]) => rows.map(endpointView),
  );
}

/** One endpoint as admins see it (never its secret), or null. */
export function endpointPlan(db: Database, id: string) {
  return readPlan([selectEndpoints(db).where(eq(webhookEndpoints.id, id)).limit(1)], ([[row]]) =>
    row ? endpointView(row) : null,
  );
}

/** Registers an endpoint; answers it and its secret, which is never readable again. */
export async function registerEndpoint(
  db: Database,
  input: { url: string; events: EventType[]; description: string },
  actorId: string,
  audit: AuditContext,
) {
  const id = newId("whe");
  const secret = generateWebhookSecret();
  const { read } = await writeThenRead(
    db,
    [
      db.insert(webhookEndpoints).values({
        id,
        url: input.url,
        description: input.description,
        events: JSON.stringify(input.events),
        secret,
        createdById: actorId,
      }),
      recordActivity(
        db,
        {
          challengeId: null,
          actorId,
          action: "webhook_registered",
          detail: { endpointId: id, url: input.url, events: input.events, description: input.description },
        },
        audit,
      ),
    ],
    endpointPlan(db, id),
  );
  const [endpoint] = read;
  if (!endpoint) throw new Error("registered webhook endpoint not read back");
  return { endpoint, secret };
}

/** Deletes an endpoint with its delivery log, in one batch; the audit entry keeps its address. */
export async function deleteEndpoint(
  db: Database,
  endpoint: Pick<WebhookEndpointView, "id" | "url" | "description">,
  actorId: string,
  audit: AuditContext,
) {
  const mine = sql`SELECT id FROM ${deliveries} WHERE channel = 'webhook' AND target = ${endpoint.id}`;
  await writeBatch(db, [
    db.delete(deliveryAttempts).where(sql`${deliveryAttempts.deliveryId} IN (${mine})`),
    db.delete(deliveries).where(and(eq(deliveries.channel, "webhook"), eq(deliveries.target, endpoint.id))),
    db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)),
    recordActivityIfChanged(
      {
        challengeId: null,
        actorId,
        action: "webhook_deleted",
        detail: { endpointId: endpoint.id, url: endpoint.url, description: endpoint.description },
      },
      audit,
    ),
  ]);
}

/** Enables a disabled endpoint again, its run of failures forgotten; answers it as it now is. */
export async function enableEndpoint(db: Database, id: string, actorId: string, audit: AuditContext) {
  const { read } = await writeThenRead(
    db,
    [
      db
        .update(webhookEndpoints)
        .set({ status: "enabled", disabledAt: null, failingSince: null })
        .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.status, "disabled"))),
      recordActivityIfChanged(
        { challengeId: null, actorId, action: "webhook_enabled", detail: { endpointId: id } },
        audit,
      ),
    ],
    endpointPlan(db, id),
  );
  return read[0];
}

const deliveryColumns = {
  id: deliveries.id,
  eventType: sql<string>`${outbox.type}`.as("event_type"),
  outboxId: deliveries.outboxId,
  status: deliveries.status,
  attempts: deliveries.attempts,
  latencyMs: deliveries.latencyMs,
  lastStatusCode: deliveries.lastStatusCode,
  lastError: deliveries.lastError,
  nextAttemptAt: deliveries.nextAttemptAt,
  deliveredAt: deliveries.deliveredAt,
  createdAt: deliveries.createdAt,
};

function attemptsQuery(db: Database, where: SQL) {
  return db
    .select({
      deliveryId: deliveryAttempts.deliveryId,
      attempt: deliveryAttempts.attempt,
      at: deliveryAttempts.createdAt,
      statusCode: deliveryAttempts.statusCode,
      error: deliveryAttempts.error,
      latencyMs: deliveryAttempts.latencyMs,
    })
    .from(deliveryAttempts)
    .where(where)
    .orderBy(deliveryAttempts.deliveryId, desc(deliveryAttempts.attempt));
}

type DeliveryRow = Omit<WebhookDeliveryView, "attemptLog">;

/** Each delivery with its attempts, newest attempt first. */
function withAttempts(rows: DeliveryRow[], attempts: (DeliveryAttemptView & { deliveryId: string })[]) {
  return rows.map(
    (row): WebhookDeliveryView => ({
      ...row,
      attemptLog: attempts.filter((a) => a.deliveryId === row.id).map(({ deliveryId: _, ...attempt }) => attempt),
    }),
  );
}

/**
 * A page of an endpoint's deliveries, newest first, each with its attempts, in one round trip:
 * the attempts' query selects the same page's ids.
 */
export function deliveriesPlan(
  db: Database,
  endpointId: string,
  query: { limit: number; before?: { createdAt: string; id: string } },
) {
  const { before } = query;
  const where = and(
    eq(deliveries.channel, "webhook"),
    eq(deliveries.target, endpointId),
    before
      ? or(
          lt(deliveries.createdAt, before.createdAt),
          and(eq(deliveries.createdAt, before.createdAt), lt(deliveries.id, before.id)),
        )
      : undefined,
  );
  const pageIds = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(where)
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(query.limit + 1);
  return readPlan(
    [
      db
        .select(deliveryColumns)
        .from(deliveries)
        .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
        .where(where)
        .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
        .limit(query.limit + 1),
      attemptsQuery(db, sql`${deliveryAttempts.deliveryId} IN (${pageIds})`),
    ],
    ([rows, attempts]) => withAttempts(rows, attempts),
  );
}

/** One delivery of an endpoint with its attempts, or null (another endpoint's delivery is not this one's). */
export function deliveryPlan(db: Database, endpointId: string, id: string) {
  return readPlan(
    [
      db
        .select(deliveryColumns)
        .from(deliveries)
        .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
        .where(and(eq(deliveries.id, id), eq(deliveries.channel, "webhook"), eq(deliveries.target, endpointId)))
        .limit(1),
      attemptsQuery(db, sql`${deliveryAttempts.deliveryId} = ${id}`),
    ],
    ([rows, attempts]): WebhookDeliveryView | null => withAttempts(rows, attempts)[0] ?? null,
  );
}

/**
 * Makes a finished delivery pending again, with the same id (so the same `webhook-id`), and
 * answers whether it did and the delivery as it now is; the caller then hands it to the queue.
 */
export async function redeliver(db: Database, endpointId: string, id: string, actorId: string, audit: AuditContext) {
  const { written, read } = await writeThenRead(
    db,
    [
      redeliverStatement(db, id),
      recordActivityIfChanged(
        { challengeId: null, actorId, action: "webhook_redelivered", detail: { endpointId, deliveryId: id } },
        audit,
      ),
    ],
    deliveryPlan(db, endpointId, id),
  );
  return { changed: (written[0]?.meta.changes ?? 0) > 0, delivery: read[0] };
}
