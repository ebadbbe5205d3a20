import { createRoute, z } from "@hono/zod-openapi";
import { pageOf } from "../../domain/cursor";
import { auditContext, requireAuth, requireRole } from "../../middleware/auth";
import { conflict, invalid, notFound } from "../../middleware/errors";
import { EVENT_TYPES } from "../../outbox/catalogue";
import type { OutboxMessage } from "../../outbox/queue";
import { errors, IdParam, json, jsonBody, PaginationQuery, page } from "../../schemas/common";
import { readFacts } from "../../services/facts";
import {
  deleteEndpoint,
  deliveriesPlan,
  deliveryPlan,
  enableEndpoint,
  endpointPlan,
  endpointsPlan,
  redeliver,
  registerEndpoint,
  unknownEventTypes,
  webhookUrlProblem,
} from "../../services/webhooks";
import { readCursor } from "../paging";
import { createRouter } from "../router";

const tags = ["Admin"];

const DeliveryStatusSchema = z.enum(["pending", "delivered", "failed", "dead", "digest", "skipped"]).openapi({
  description:
    "`pending`: waiting for its next attempt; `delivered`: the endpoint answered 2xx; `dead`: retries ran out (about 24 hours) or the endpoint is gone or disabled.",
});

const EventTypeSchema = z.enum(EVENT_TYPES).openapi({
  description: `An event type of the catalogue: ${EVENT_TYPES.map((t) => `\`${t}\``).join(", ")}.`,
});

const WebhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(EventTypeSchema),
    status: z.enum(["enabled", "disabled"]).openapi({
      description: "An endpoint failing for 3 days is disabled (and the admins told) until an admin enables it.",
    }),
    failingSince: z.string().nullable().openapi({ description: "When its current run of failures began." }),
    disabledAt: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    lastDelivery: z
      .object({
        id: z.string(),
        eventType: z.string(),
        status: DeliveryStatusSchema,
        statusCode: z.number().int().nullable(),
        at: z.string(),
      })
      .nullable()
      .openapi({ description: "Its newest delivery, or null before the first." }),
  })
  .openapi("WebhookEndpoint");

const RegisteredWebhookSchema = WebhookEndpointSchema.extend({
  secret: z.string().openapi({
    description:
      "The signing secret, shown this once: give it to the receiver, which verifies each delivery with a Standard Webhooks library (`new Webhook(secret).verify(body, headers)`).",
    example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  }),
}).openapi("RegisteredWebhookEndpoint");

const RegisterWebhookSchema = z
  .object({
    url: z
      .string()
      .trim()
      .min(1, "Give the address that receives the deliveries.")
      .max(2000, "At most 2000 characters.")
      .openapi({ description: "Where deliveries are POSTed: an https address.", example: "https://example.com/hooks" }),
    events: z
      .array(z.string().max(64))
      .min(1, "Choose at least one event.")
      .max(EVENT_TYPES.length * 2)
      .openapi({ description: "The event types to send, from the catalogue (the document's `webhooks`)." }),
    description: z.string().trim().max(200, "At most 200 characters.").default("").openapi({
      description: "What the endpoint is for, for the admins who read the list.",
    }),
  })
  .openapi("RegisterWebhookEndpoint");

const AttemptSchema = z.object({
  attempt: z.number().int(),
  at: z.string(),
  statusCode: z.number().int().nullable(),
  error: z.string(),
  latencyMs: z.number().int().nullable(),
});

const WebhookDeliverySchema = z
  .object({
    id: z.string().openapi({ description: "The delivery's stable id, sent as `webhook-id` on every attempt." }),
    eventType: z.string(),
    outboxId: z.string(),
    status: DeliveryStatusSchema,
    attempts: z.number().int(),
    latencyMs: z.number().int().nullable().openapi({ description: "The last attempt's time to answer." }),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string(),
    nextAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
    attemptLog: z.array(AttemptSchema).openapi({ description: "Every attempt, newest first." }),
  })
  .openapi("WebhookDelivery");

const EndpointParam = IdParam("id");
const DeliveryParams = EndpointParam.merge(IdParam("deliveryId"));

/** Webhook endpoints (SPEC §15), for admins only: register, list, delete, the delivery log, redeliver, enable. */
export const adminWebhookRoutes = createRouter(requireAuth(), requireRole("admin"))
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Webhook endpoints, newest first, with their newest delivery (never their secrets)",
      request: { query: PaginationQuery },
      responses: { 200: json(page(WebhookEndpointSchema), "The endpoints."), ...errors },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      const after = readCursor(cursor, ["string"]);
      const [rows] = await readFacts(
        c.var.db,
        endpointsPlan(c.var.db, { limit, beforeId: after ? String(after[0]) : undefined }),
      );
      return c.json(
        pageOf(rows, limit, (e) => [e.id]),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Register a webhook endpoint: its signing secret is in this answer and never again",
      request: { body: jsonBody(RegisterWebhookSchema) },
      responses: { 201: json(RegisteredWebhookSchema, "The endpoint, with its secret."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const fields: Record<string, string> = {};
      const urlProblem = webhookUrlProblem(input.url, c.env.AUTH_MODE);
      if (urlProblem) fields.url = urlProblem;
      const unknown = unknownEventTypes(input.events);
      if (unknown.length)
        fields.events = `Unknown event type${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}. Choose from ${EVENT_TYPES.join(", ")}.`;
      if (Object.keys(fields).length) throw invalid(fields);
      const events = EVENT_TYPES.filter((t) => input.events.includes(t));
      const { endpoint, secret } = await registerEndpoint(
        c.var.db,
        { url: input.url, events, description: input.description },
        c.var.me.id,
        auditContext(c),
      );
      // The secret must not linger in any cache between here and the admin's screen.
      c.header("Cache-Control", "no-store");
      return c.json({ ...endpoint, secret }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      summary: "Delete a webhook endpoint with its delivery log; deliveries waiting for it stop",
      request: { params: EndpointParam },
      responses: { 200: json(WebhookEndpointSchema, "The deleted endpoint, as it was."), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const [endpoint] = await readFacts(c.var.db, endpointPlan(c.var.db, id));
      if (!endpoint) throw notFound("That webhook endpoint");
      await deleteEndpoint(c.var.db, endpoint, c.var.me.id, auditContext(c));
      return c.json(endpoint, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/enable",
      tags,
      summary: "Enable a disabled webhook endpoint again (enabling an enabled one changes nothing)",
      request: { params: EndpointParam },
      responses: { 200: json(WebhookEndpointSchema, "The endpoint, enabled."), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const endpoint = await enableEndpoint(c.var.db, id, c.var.me.id, auditContext(c));
      if (!endpoint) throw notFound("That webhook endpoint");
      return c.json(endpoint, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/deliveries",
      tags,
      summary: "An endpoint's deliveries, newest first, each with its attempts",
      request: { params: EndpointParam, query: PaginationQuery },
      responses: { 200: json(page(WebhookDeliverySchema), "The deliveries."), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { limit, cursor } = c.req.valid("query");
      const after = readCursor(cursor, ["string", "string"]);
      const before = after ? { createdAt: String(after[0]), id: String(after[1]) } : undefined;
      const db = c.var.db;
      const [endpoint, rows] = await readFacts(db, endpointPlan(db, id), deliveriesPlan(db, id, { limit, before }));
      if (!endpoint) throw notFound("That webhook endpoint");
      return c.json(
        pageOf(rows, limit, (d) => [d.createdAt, d.id]),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/deliveries/{deliveryId}/redeliver",
      tags,
      summary: "Send a delivery again, with the same webhook-id, so a receiver can tell it is a repeat",
      request: { params: DeliveryParams },
      responses: { 202: json(WebhookDeliverySchema, "The delivery, waiting for its new attempt."), ...errors },
    }),
    async (c) => {
      const { id, deliveryId } = c.req.valid("param");
      const db = c.var.db;
      const [endpoint, delivery] = await readFacts(db, endpointPlan(db, id), deliveryPlan(db, id, deliveryId));
      if (!endpoint || !delivery) throw notFound("That delivery");
      if (endpoint.status !== "enabled")
        throw conflict("invalid_transition", "The endpoint is disabled; enable it before redelivering.");
      if (!["delivered", "failed", "dead"].includes(delivery.status))
        throw conflict("invalid_transition", "This delivery is already waiting for its next attempt.");
      const { changed, delivery: now } = await redeliver(db, id, deliveryId, c.var.me.id, auditContext(c));
      if (!changed || !now)
        throw conflict("invalid_transition", "This delivery is already waiting for its next attempt.");
      const message: OutboxMessage = { t: "deliver", deliveryId };
      await c.env.OUTBOX?.send(message);
      return c.json(now, 202);
    },
  );
