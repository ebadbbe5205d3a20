import { and, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { notifications } from "../../db/schema";
import { SPONSORING_PLEDGE_STATUSES } from "../domain/ledger";
import { RECRUITING_STAGES } from "../domain/lifecycle";
import { ACTION_KINDS, type ActionKind } from "../domain/notifications";
import type { Database } from "../middleware/db";
import { readRows, type Statement } from "./batch";
import { sponsorOfSql } from "./ledger-sql";
import { stageIn } from "./stage-sql";
import { holdsSeatSql, seatStatus, teamMemberSql, teamOfSql } from "./team-sql";
import { namesHiddenChallengeSql } from "./visibility";

export type NotificationKind =
  | "application_received"
  | "application_decided"
  | "lend_requested"
  | "slot_invited"
  | "lend_decided"
  | "lend_ending"
  | "lend_extended"
  | "lend_ended"
  | "lend_recalled"
  | "lend_returned"
  | "stage_changed"
  | "pledge_received"
  | "comment_received"
  | "mentioned"
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
  | "merge_decided"
  | "spend_reported"
  | "webhook_disabled"
  | "plan_acknowledge"
  | "plan_checkin"
  | "plan_checkin_due";

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
  /** Its sponsors: whoever holds a pledge to it that is not withdrawn (`isSponsorOf`). */
  sponsorsOf: (challengeId: string) =>
    sql`SELECT DISTINCT sponsor_id AS id FROM pledges WHERE challenge_id = ${challengeId}
      AND status IN (${sql.raw(SPONSORING_PLEDGE_STATUSES.map((st) => `'${st}'`).join(", "))})`,
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

// The keys are constants of the code, never input, so they are written into the SQL.
const field = (key: string) => sql`json_extract(${notifications.data}, ${sql.raw(`'$.${key}'`)})`;
const reader = sql`${notifications.recipientId}`;
const leadsOfChallenge = (challengeId: SQL) =>
  sql`EXISTS (SELECT 1 FROM challenges lc WHERE lc.id = ${challengeId} AND ${reader} IN (lc.lead_id, lc.co_lead_id))`;

/**
 * For each kind that asks for action, SQL that is true while the thing it names still waits on
 * the reader: the same facts the rules of worker/domain decide by (the decider of an
 * application is its lead or co-lead, a lend its person's manager, a credit its person, a
 * question the team, a spend report a sponsor who did not report it, a merge the target's leads).
 * So acting anywhere (the challenge page, the inbox, the API, Slack) clears it.
 */
const STILL_WAITING: Record<ActionKind, SQL> = {
  application_received: sql`EXISTS (SELECT 1 FROM applications wa WHERE wa.id = ${field("applicationId")}
    AND wa.status = 'pending') AND ${leadsOfChallenge(sql`${notifications.challengeId}`)}`,
  lend_requested: sql`EXISTS (SELECT 1 FROM lend_requests wl WHERE wl.id = ${field("lendId")}
    AND wl.status = 'pending' AND wl.manager_id = ${reader})`,
  credit_pending: sql`EXISTS (SELECT 1 FROM contributions wk WHERE wk.id = ${field("contributionId")}
    AND wk.status = 'pending' AND wk.person_id = ${reader})`,
  question_asked: sql`NOT EXISTS (SELECT 1 FROM answers wq WHERE wq.question_id = ${field("questionId")})
    AND (${leadsOfChallenge(sql`${notifications.challengeId}`)} OR ${teamMemberSql(sql`${notifications.challengeId}`, reader)})`,
  spend_reported: sql`EXISTS (SELECT 1 FROM spend_reports ws WHERE ws.id = ${field("spendReportId")}
    AND ws.status = 'pending' AND ws.reporter_id IS NOT ${reader})
    AND ${sponsorOfSql(sql`${notifications.challengeId}`, reader)}`,
  merge_requested: sql`EXISTS (SELECT 1 FROM merge_requests wm WHERE wm.id = ${field("mergeRequestId")}
    AND wm.status = 'pending') AND ${leadsOfChallenge(sql`${notifications.challengeId}`)}`,
  // An invitation to apply waits while the slot still has room on a recruiting challenge and the
  // reader has neither applied to it nor taken a seat on the team.
  slot_invited: sql`EXISTS (SELECT 1 FROM challenge_slots wsl JOIN challenges wc ON wc.id = wsl.challenge_id
    WHERE wsl.id = ${field("slotId")} AND wsl.status = 'open' AND wsl.filled < wsl.count
      AND ${stageIn(sql`wc.stage`, RECRUITING_STAGES)})
    AND NOT EXISTS (SELECT 1 FROM applications wa WHERE wa.slot_id = ${field("slotId")} AND wa.applicant_id = ${reader}
      AND wa.status IN ('pending', 'accepted'))
    AND NOT ${holdsSeatSql(sql`${notifications.challengeId}`, reader)}`,
  // A plan waits while the reader, as its person or their current manager, has not acknowledged
  // its current version (worker/domain/plans.ts `ackState`).
  plan_acknowledge: sql`EXISTS (SELECT 1 FROM progression_plans wp
    JOIN plan_versions wv ON wv.plan_id = wp.id AND wv.version = wp.version
    JOIN people wpp ON wpp.id = wp.person_id
    WHERE wp.person_id = ${field("personId")}
      AND ((wpp.id = ${reader} AND wv.person_ack_at IS NULL)
        OR (wpp.manager_id = ${reader} AND wv.manager_ack_by_id IS NOT ${reader})))`,
};

const ACTION_LIST = sql.raw(ACTION_KINDS.map((k) => `'${k}'`).join(", "));

/** `needs_action` of a notification row: its kind asks for action, and the thing still waits. */
export const needsActionSql: SQL<number> = sql<number>`(CASE ${notifications.kind} ${sql.join(
  ACTION_KINDS.map((kind) => sql`WHEN ${sql.raw(`'${kind}'`)} THEN (${STILL_WAITING[kind]})`),
  sql` `,
)} ELSE 0 END)`;

/**
 * Unread, truly: not opened, and not an action item someone already acted on (an accepted
 * application's notice is done with, wherever it was accepted).
 */
const unreadSql = sql`${notifications.readAt} IS NULL
  AND (${notifications.kind} NOT IN (${ACTION_LIST}) OR ${needsActionSql})`;

/**
 * A page of the reader's inbox: what still needs their action first, then the rest, each part
 * newest first; with the true unread count and how many need action, in one round trip.
 */
export async function listInbox(
  db: Database,
  recipientId: string,
  options: { limit: number; before?: { needsAction: number; createdAt: string; id: string }; unreadOnly?: boolean },
) {
  const mine = and(eq(notifications.recipientId, recipientId), readable(recipientId));
  const { before } = options;
  const [rows, counts] = await db.batch([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        data: notifications.data,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
        needsAction: needsActionSql.as("needs_action"),
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
          mine,
          options.unreadOnly ? unreadSql : undefined,
          before
            ? sql`(${needsActionSql}, ${notifications.createdAt}, ${notifications.id}) < (${before.needsAction}, ${before.createdAt}, ${before.id})`
            : undefined,
        ),
      )
      .orderBy(desc(needsActionSql), desc(notifications.createdAt), desc(notifications.id))
      .limit(options.limit + 1),
    unreadPlan(db, recipientId),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, needsAction: Number(r.needsAction) === 1 })),
    unread: Number(counts[0]?.unread ?? 0),
    needsAction: Number(counts[0]?.needsAction ?? 0),
  };
}

/** The header badge: the true unread count, and how many items wait on the reader. */
export function unreadPlan(db: Database, recipientId: string) {
  return db
    .select({
      unread: sql<number>`coalesce(sum(${unreadSql}), 0)`.as("unread"),
      needsAction: sql<number>`coalesce(sum(${needsActionSql}), 0)`.as("needs_action"),
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.recipientId, recipientId),
        readable(recipientId),
        sql`(${notifications.readAt} IS NULL OR ${notifications.kind} IN (${ACTION_LIST}))`,
      ),
    );
}

export async function countUnread(db: Database, recipientId: string) {
  const [row] = await readRows(db, unreadPlan(db, recipientId));
  return { unread: Number(row?.unread ?? 0), needsAction: Number(row?.needsAction ?? 0) };
}

/**
 * Marks some (or, with no ids, all) of a person's notifications read, and reads the counts left
 * in the same batch. An item that still needs action keeps needing it: reading is not doing.
 */
export async function markRead(db: Database, recipientId: string, ids?: string[]) {
  const now = new Date().toISOString();
  const [, counts] = await db.batch([
    db
      .update(notifications)
      .set({ readAt: now })
      .where(
        and(
          eq(notifications.recipientId, recipientId),
          isNull(notifications.readAt),
          ids ? inArray(notifications.id, ids.length ? ids : [""]) : undefined,
        ),
      ),
    unreadPlan(db, recipientId),
  ]);
  return { unread: Number(counts[0]?.unread ?? 0), needsAction: Number(counts[0]?.needsAction ?? 0) };
}
