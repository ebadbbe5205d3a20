/**
 * The event catalogue (SPEC §15): what webhooks, Slack channels and Teams channels can hear. The
 * outbox triggers (db/migrations/0023_outbox-triggers.sql) write one row per event, with the type
 * named here; the OpenAPI document lists each under `webhooks`.
 */
export const EVENT_TYPES = [
  "challenge.published",
  "challenge.stage_changed",
  "challenge.funded",
  "pledge.created",
  "pledge.withdrawn",
  "application.created",
  "application.decided",
  "lend.decided",
  "contribution.confirmed",
  "showcase.submitted",
  "showcase.scheduled",
  "review.created",
  "decision.recorded",
  "person.deactivated",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const isEventType = (t: string): t is EventType => (EVENT_TYPES as readonly string[]).includes(t);

/** One sentence per event, for the OpenAPI document, the admin pages and the README. */
export const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  "challenge.published": "A draft challenge was published to the marketplace.",
  "challenge.stage_changed":
    "A challenge moved between stages (published, funded, started, submitted, decided, withdrawn, merged, archived).",
  "challenge.funded": "Pledges met a challenge's funding ask.",
  "pledge.created": "A sponsor pledged budget to a challenge.",
  "pledge.withdrawn": "A sponsor withdrew a pledge.",
  "application.created": "Someone applied for a role on a challenge.",
  "application.decided": "A lead accepted or declined an application.",
  "lend.decided": "A manager approved or declined lending a report's time.",
  "contribution.confirmed": "A person confirmed credit recorded for them.",
  "showcase.submitted": "A team submitted its showcase for review.",
  "showcase.scheduled": "An admin scheduled a showcase day.",
  "review.created": "A reviewer reviewed a showcase.",
  "decision.recorded": "Leadership recorded its decision on a reviewed challenge.",
  "person.deactivated": "A person was deactivated, by an admin or the identity provider.",
};

/** Org-wide events an admin may post to Slack or Teams channels (SPEC §15). */
export const ORG_WIDE_EVENTS: readonly EventType[] = [
  "challenge.published",
  "challenge.funded",
  "showcase.scheduled",
  "decision.recorded",
];

/** The outbox row's type for a notification to one person (e-mail, Slack DM). */
export const NOTIFICATION_EVENT = "notification";

/** What a catalogue event's outbox row carries (the trigger's `data`). */
export interface CatalogueData {
  activityId: string;
  action: string;
  actorId: string | null;
  challenge: { id: string; title: string; stage: string } | null;
  detail?: Record<string, unknown>;
  from?: string | null;
  to?: string | null;
}

/** What a notification's outbox row carries. */
export interface NotificationData {
  notificationId: string;
  kind: string;
  actorId: string | null;
  data: Record<string, unknown>;
}
