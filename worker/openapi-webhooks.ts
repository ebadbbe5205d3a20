import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "./env";
import { EVENT_DESCRIPTIONS, EVENT_TYPES, type EventType } from "./outbox/catalogue";

/** `challenge.stage_changed` → `onChallengeStageChanged`: the operationId of an event's webhook. */
export function webhookOperationId(type: EventType): string {
  const words = type.split(/[._]/);
  return `on${words.map((w) => w[0].toUpperCase() + w.slice(1)).join("")}`;
}

const WebhookHeaders = z.object({
  "webhook-id": z.string().openapi({
    description:
      "The delivery's stable id: the same on every attempt and on a redelivery, so a receiver can drop a repeat.",
    example: "msg_2f1c0a9b8e7d6c5b4a392817",
  }),
  "webhook-timestamp": z.string().openapi({
    description: "When this attempt was signed, in whole seconds since the Unix epoch; refuse one far from now.",
    example: "1767225600",
  }),
  "webhook-signature": z.string().openapi({
    description:
      "`v1,` and the base64 HMAC-SHA256, keyed by the endpoint's secret, of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks).",
    example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
  }),
});

const CatalogueDataSchema = z
  .object({
    activityId: z.string().openapi({ description: "The audit log entry that recorded the change." }),
    action: z.string().openapi({ description: "The change as the audit log names it, e.g. `published`." }),
    actorId: z.string().nullable().openapi({ description: "Who made the change; null for the system." }),
    challenge: z
      .object({ id: z.string(), title: z.string(), stage: z.string() })
      .nullable()
      .openapi({ description: "The challenge it happened to, as it was then; null for events about no challenge." }),
    detail: z.record(z.string(), z.unknown()).optional().openapi({ description: "The change's own details." }),
    from: z.string().nullable().optional().openapi({ description: "`challenge.stage_changed`: the stage it left." }),
    to: z.string().nullable().optional().openapi({ description: "`challenge.stage_changed`: the stage it entered." }),
  })
  .openapi("WebhookEventData");

/**
 * The event catalogue under the document's `webhooks` (OpenAPI 3.1): one POST per event type, as
 * worker/outbox/channels/webhook.ts sends it. Register once, where the app is built.
 */
export function registerWebhookEvents(app: OpenAPIHono<AppEnv>) {
  for (const type of EVENT_TYPES) {
    app.openAPIRegistry.registerWebhook({
      method: "post",
      path: type,
      operationId: webhookOperationId(type),
      tags: ["Webhooks"],
      summary: type,
      description: `${EVENT_DESCRIPTIONS[type]} Sent to each enabled endpoint that asked for \`${type}\`, signed as the Standard Webhooks specification says; verify it with a \`standardwebhooks\` library and the endpoint's secret. An attempt that does not answer 2xx within 15 seconds is retried with exponential backoff for about 24 hours.`,
      request: {
        headers: WebhookHeaders,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                type: z.literal(type),
                timestamp: z.string().openapi({ description: "When the event happened (ISO 8601)." }),
                data: CatalogueDataSchema,
              }),
            },
          },
        },
      },
      responses: {
        200: { description: "Any 2xx: received. Anything else, or no answer, is retried." },
      },
    });
  }
}
