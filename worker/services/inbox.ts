import { and, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { notifications } from "../../db/schema";
import type { Database } from "../middleware/db";
import { readRows, type Statement } from "./batch";
import { seatStatus, teamOfSql } from "./team-sql";
import { namesHiddenChallengeSql } from "./visibility";

export type NotificationKind =
  | "application_received"
  | "application_decided"
  | "lend_requested"
  | "lend_decided"
  | "stage_changed"
  | "pledge_received"
  | "comment_received"
  | "member_released"
  | "member_left"
  | "credit_pending"
  | "credit_confirmed"
  | "credit_declined"
  | "endorsement"
  | "kudos"
  | "milestone_slipped"
  | "review_posted"
  | "question_asked"
  | "question_answered"
  | "review_replied"
  | "commitment_assigned"
  | "showcase_scheduled"
  | "response_overdue"
  | "merge_requested"
  | "merge_decided";

/** Who hears about a challenge: SQL selecting person ids as `id`. */
export const recipients = {
  leadsOf: (challengeId: string) =>
    sql`SELECT lead_id AS id FROM challenges WHERE id = ${challengeId}
      UNION SELECT co_lead_id FROM challenges WHERE id = ${challengeId}`,
  /** Leads, backers and the team: everyone following the challenge. */
  followersOf: (challengeId: string) =>
    sql`SELECT lead_id AS id FROM challenges WHERE id = ${challengeId}
      UNION SELECT co_lead_id FROM challenges WHERE id = ${challengeId}
      UNION SELECT person_id FROM backings WHERE challenge_id = ${challengeId}
      UNION SELECT person_id FROM memberships m WHERE m.challenge_id = ${challengeId} AND ${seatStatus(sql`m.status`)}`,
  /** The team: lead, co-lead and active members (worker/domain/teams.ts `isOnTeamOf`). */
  teamOf: (challengeId: string) => teamOfSql(sql`${challengeId}`),
  person: (personId: string) => sql`SELECT ${personId} AS id`,
  managerOf: (personId: string) => sql`SELECT manager_id AS id FROM people WHERE id = ${personId}`,
};

/**
 * One statement that notifies everyone `to` selects (never the actor) of an event, to go into
 * the batch that makes the event; `when` makes it conditional on the event having happened.
 */
export function notify(
  to: SQL,
  n: { kind: NotificationKind; challengeId: string | null; actorId: string | null; data?: Record<string, unknown> },
  when?: SQL,
): Statement {
  return sql`INSERT INTO ${notifications} (id, recipient_id, kind, challenge_id, actor_id, data)
    SELECT 'ntf_' || lower(hex(randomblob(10))), r.id, ${n.kind}, ${n.challengeId}, ${n.actorId}, ${JSON.stringify(n.data ?? {})}
    FROM (${to}) r
    WHERE r.id IS NOT NULL AND r.id IS NOT ${n.actorId} ${when ? sql`AND ${when}` : sql``}`;
}

/**
 * Notifications the recipient may still read: none that names a challenge they may not see (a
 * draft whose co-lead they no longer are, one merged from a draft), SPEC §14. The badge counts
 * the same ones.
 */
function readable(recipientId: string) {
  return sql`NOT ${namesHiddenChallengeSql(sql`${notifications.challengeId}`, recipientId)}
    AND NOT ${namesHiddenChallengeSql(sql`json_extract(${notifications.data}, '$.sourceId')`, recipientId)}`;
}

export async function listInbox(
  db: Database,
  recipientId: string,
  options: { limit: number; before?: { createdAt: string; id: string }; unreadOnly?: boolean },
) {
  const [rows, unread] = await db.batch([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        data: notifications.data,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
        challengeId: notifications.challengeId,
        challengeTitle: sql<
          string | null
        >`(SELECT c.title FROM challenges c WHERE c.id = notifications.challenge_id)`.as("challenge_title"),
        actorId: notifications.actorId,
        actorName: sql<string | null>`(SELECT p.name FROM people p WHERE p.id = notifications.actor_id)`.as(
          "actor_name",
        ),
      })
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientId, recipientId),
          readable(recipientId),
          options.unreadOnly ? isNull(notifications.readAt) : undefined,
          options.before
            ? sql`(${notifications.createdAt}, ${notifications.id}) < (${options.before.createdAt}, ${options.before.id})`
            : undefined,
        ),
      )
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(options.limit + 1),
    db
      .select({ n: sql<number>`count(*)`.as("n") })
      .from(notifications)
      .where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt), readable(recipientId))),
  ]);
  return { rows, unread: Number(unread[0]?.n ?? 0) };
}

export async function countUnread(db: Database, recipientId: string) {
  const [row] = await readRows(
    db,
    db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt), readable(recipientId))),
  );
  return Number(row?.n ?? 0);
}

/** Marks some (or, with no ids, all) of a person's notifications read; returns the unread count left. */
export async function markRead(db: Database, recipientId: string, ids?: string[]) {
  const now = new Date().toISOString();
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.recipientId, recipientId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids.length ? ids : [""]) : undefined,
      ),
    );
  return countUnread(db, recipientId);
}
