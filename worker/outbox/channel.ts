/**
 * What a channel (e-mail, Slack, Teams, webhooks) gives the outbox: the deliveries an event makes on
 * it, and how to send one. worker/outbox/queue.ts does the rest (stable ids, claims, retries with
 * backoff, the attempt log, the dead-letter queue), the same for every channel.
 */
import type { Bindings } from "../env";
import type { Database } from "../middleware/db";

export type ChannelName = "email" | "slack" | "teams" | "webhook";

/** An outbox row as the consumer reads it; `data` is parsed. */
export interface OutboxEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  recipientId: string | null;
  challengeId: string | null;
  createdAt: string;
}

/** A delivery as the consumer hands it to `send`. */
export interface Delivery {
  id: string;
  outboxId: string;
  channel: ChannelName;
  target: string;
  /** This attempt's number, from 1. */
  attempt: number;
}

/**
 * One delivery an event makes: to whom (`target`), and whether it goes now ("pending"), waits for
 * the recipient's digest ("digest"), or is kept only as a record that it was not sent ("skipped").
 */
export interface PlannedDelivery {
  target: string;
  status: "pending" | "digest" | "skipped";
}

export type SendResult =
  | { ok: true; statusCode?: number }
  /** `permanent`: retrying cannot help (a receiver gone, an endpoint disabled); dead at once. */
  | { ok: false; statusCode?: number; error: string; permanent?: boolean };

export interface ChannelContext {
  db: Database;
  env: Bindings;
  now: Date;
}

export interface Channel {
  name: ChannelName;
  plan(ctx: ChannelContext, event: OutboxEvent): Promise<PlannedDelivery[]>;
  send(ctx: ChannelContext, delivery: Delivery, event: OutboxEvent): Promise<SendResult>;
  /** Told each outcome, e.g. to disable a webhook endpoint that failed for 3 days. */
  settled?(ctx: ChannelContext, delivery: Delivery, outcome: "delivered" | "failed" | "dead"): Promise<void>;
}
