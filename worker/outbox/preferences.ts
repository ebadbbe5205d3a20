/**
 * Notification preferences (SPEC §15): per kind of notification, whether it also goes by e-mail and
 * by Slack, and when: immediately, in the daily or weekly digest, or not at all. In-app is always on.
 * A missing row means the defaults: what asks for the person's action goes out immediately, the
 * rest in the daily digest. A pause holds everything but in-app until its date.
 */
import { and, eq } from "drizzle-orm";
import { notificationPauses, notificationPreferences } from "../../db/schema";
import { isActionKind } from "../domain/notifications";
import type { Database } from "../middleware/db";
import { readPlan } from "../services/batch";

export const CADENCES = ["immediately", "daily", "weekly", "off"] as const;
export type Cadence = (typeof CADENCES)[number];

export interface Preference {
  kind: string;
  email: boolean;
  slack: boolean;
  cadence: Cadence;
}

/** SPEC §15's defaults for a kind. */
export function defaultPreference(kind: string): Preference {
  return { kind, email: true, slack: true, cadence: isActionKind(kind) ? "immediately" : "daily" };
}

/** A person's stored choices and pause, to read with other plans. */
export function preferencesPlan(db: Database, personId: string) {
  return readPlan(
    [
      db.select().from(notificationPreferences).where(eq(notificationPreferences.personId, personId)),
      db.select().from(notificationPauses).where(eq(notificationPauses.personId, personId)),
    ] as const,
    ([rows, [pause]]) => ({
      stored: new Map(rows.map((r) => [r.kind, { kind: r.kind, email: r.email, slack: r.slack, cadence: r.cadence }])),
      pausedUntil: pause?.until ?? null,
    }),
  );
}

/** One kind's preference for a person: their stored choice, or the default. */
export async function preferenceOf(db: Database, personId: string, kind: string) {
  const [[row], [pause]] = await db.batch([
    db
      .select()
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.personId, personId), eq(notificationPreferences.kind, kind))),
    db.select().from(notificationPauses).where(eq(notificationPauses.personId, personId)),
  ]);
  const preference: Preference = row
    ? { kind, email: row.email, slack: row.slack, cadence: row.cadence }
    : defaultPreference(kind);
  return { preference, pausedUntil: pause?.until ?? null };
}

/**
 * What a notification does on a channel for its recipient at `now`: sent now ("pending"), held for
 * the digest ("digest"), or not sent ("skipped": the channel is off, the kind is off, or paused).
 * Slack only takes what goes out immediately: a chat digest is noise.
 */
export function channelStatus(
  channel: "email" | "slack",
  p: { preference: Preference; pausedUntil: string | null },
  now: Date,
): "pending" | "digest" | "skipped" {
  const { preference } = p;
  if (p.pausedUntil && p.pausedUntil > now.toISOString()) return "skipped";
  if (!preference[channel] || preference.cadence === "off") return "skipped";
  if (preference.cadence === "immediately") return "pending";
  return channel === "email" ? "digest" : "skipped";
}
