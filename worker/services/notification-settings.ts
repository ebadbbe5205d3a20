/**
 * Notification settings (SPEC §15): a person's preferences read and written, one-click
 * unsubscribe, and the dev outbox's rendered e-mails (worker/routes/notification-settings.ts).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { deliveries, notificationPauses, notificationPreferences, outbox, people } from "../../db/schema";
import type { Bindings } from "../env";
import type { Database } from "../middleware/db";
import { composeFrom, emailNames, emailNamesPlan } from "../outbox/email-message";
import { kindInfo, NOTIFICATION_KINDS } from "../outbox/kinds";
import { type Cadence, defaultPreference } from "../outbox/preferences";
import { DIGEST_KIND } from "../outbox/unsubscribe";
import { readRows } from "./batch";

function preferenceReads(db: Database, personId: string) {
  return [
    db.select().from(notificationPreferences).where(eq(notificationPreferences.personId, personId)),
    db.select().from(notificationPauses).where(eq(notificationPauses.personId, personId)),
  ] as const;
}

function preferencesView(
  stored: { kind: string; email: boolean; slack: boolean; cadence: Cadence }[],
  pause: { until: string }[],
  now: Date,
) {
  const byKind = new Map(stored.map((s) => [s.kind, s]));
  const until = pause[0]?.until ?? null;
  return {
    items: NOTIFICATION_KINDS.map((kind) => {
      const s = byKind.get(kind) ?? defaultPreference(kind);
      return { ...kindInfo(kind), email: s.email, slack: s.slack, cadence: s.cadence };
    }),
    pausedUntil: until && until > now.toISOString() ? until : null,
  };
}

/** A person's preferences for every kind, and their pause. */
export async function readPreferences(db: Database, personId: string, now: Date) {
  const [stored, pause] = await db.batch(preferenceReads(db, personId));
  return preferencesView(stored, pause, now);
}

/** Turns off the e-mail a token names: its kind, or (a digest's token) every kind on a digest cadence. */
export async function unsubscribe(db: Database, token: { personId: string; kind: string }) {
  const [[person], stored] = await db.batch([
    db.select({ id: people.id }).from(people).where(eq(people.id, token.personId)),
    db.select().from(notificationPreferences).where(eq(notificationPreferences.personId, token.personId)),
  ]);
  if (!person) return [];
  const byKind = new Map(stored.map((s) => [s.kind, s]));
  const current = (kind: string) => byKind.get(kind) ?? defaultPreference(kind);
  const kinds =
    token.kind === DIGEST_KIND
      ? NOTIFICATION_KINDS.filter((k) => ["daily", "weekly"].includes(current(k).cadence) && current(k).email)
      : [token.kind];
  if (!kinds.length) return [];
  await db.batch(
    kinds.map((kind) =>
      db
        .insert(notificationPreferences)
        .values({ ...current(kind), kind, personId: token.personId, email: false })
        .onConflictDoUpdate({
          target: [notificationPreferences.personId, notificationPreferences.kind],
          set: { email: false, updatedAt: sql`CURRENT_TIMESTAMP` },
        }),
    ) as unknown as Parameters<typeof db.batch>[0],
  );
  return kinds;
}

/** Stores a person's choices for the kinds named and sets or clears their pause; answers the result. */
export async function savePreferences(
  db: Database,
  me: string,
  preferences: { kind: string; email: boolean; slack: boolean; cadence: Cadence }[],
  until: string | null,
  now: Date,
) {
  const writes = [
    ...preferences.map((p) =>
      db
        .insert(notificationPreferences)
        .values({ personId: me, kind: p.kind, email: p.email, slack: p.slack, cadence: p.cadence })
        .onConflictDoUpdate({
          target: [notificationPreferences.personId, notificationPreferences.kind],
          set: { email: p.email, slack: p.slack, cadence: p.cadence, updatedAt: sql`CURRENT_TIMESTAMP` },
        }),
    ),
    until
      ? db
          .insert(notificationPauses)
          .values({ personId: me, until: new Date(until).toISOString() })
          .onConflictDoUpdate({
            target: notificationPauses.personId,
            set: { until: new Date(until).toISOString() },
          })
      : db.delete(notificationPauses).where(eq(notificationPauses.personId, me)),
  ];
  const results = await db.batch([...writes, ...preferenceReads(db, me)] as unknown as Parameters<typeof db.batch>[0]);
  const [stored, pause] = results.slice(-2) as [
    { kind: string; email: boolean; slack: boolean; cadence: Cadence }[],
    { until: string }[],
  ];
  return preferencesView(stored, pause, now);
}

/** Dev mode: the latest e-mail deliveries, rendered as their recipients get (or would get) them. */
export async function devOutbox(db: Database, env: Bindings, limit: number, to?: string) {
  // Read as a batch of one, to carry the caller's check; same-named columns aliased.
  const rows = await readRows(
    db,
    db
      .select({
        id: deliveries.id,
        status: deliveries.status,
        attempts: deliveries.attempts,
        lastError: deliveries.lastError,
        createdAt: deliveries.createdAt,
        deliveredAt: deliveries.deliveredAt,
        outboxId: sql<string>`${outbox.id}`.as("outbox_id"),
        type: outbox.type,
        data: outbox.data,
        challengeId: outbox.challengeId,
        eventAt: sql<string>`${outbox.createdAt}`.as("event_at"),
        personId: sql<string>`${people.id}`.as("person_id"),
        name: people.name,
        email: people.email,
        active: people.active,
      })
      .from(deliveries)
      .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
      .innerJoin(people, eq(people.id, deliveries.target))
      .where(and(eq(deliveries.channel, "email"), to ? eq(people.email, to.toLowerCase()) : undefined))
      .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
      .limit(limit),
  );
  const names = emailNames(await db.batch(emailNamesPlan(db, [...new Set(rows.map((r) => r.outboxId))])));
  const items = await Promise.all(
    rows.map(async (r) => {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      const event = {
        id: r.outboxId,
        type: r.type,
        data,
        recipientId: r.personId,
        challengeId: r.challengeId,
        createdAt: r.eventAt,
      };
      const person = { id: r.personId, name: r.name, email: r.email, active: true };
      const email = await composeFrom(env, person, event, names);
      return {
        id: r.id,
        status: r.status,
        type: r.type,
        kind: typeof data.kind === "string" ? data.kind : null,
        recipient: { id: r.personId, name: r.name, email: r.email },
        subject: email?.subject ?? "",
        text: email?.text ?? "",
        html: email?.html ?? "",
        attempts: r.attempts,
        lastError: r.lastError,
        createdAt: r.createdAt,
        deliveredAt: r.deliveredAt,
      };
    }),
  );
  return items;
}
