import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { activities, people } from "../../db/schema";
import { newId } from "../domain/ids";
import { withoutMoneyDetail } from "../domain/ledger";
import type { Database } from "../middleware/db";
import { readPlan } from "./batch";
import { namesHiddenChallengeSql } from "./visibility";

export interface ActivityEntry {
  challengeId: string | null;
  actorId: string | null;
  action: string;
  detail?: Record<string, unknown>;
}

/** Where an audited request came from (SPEC §14): `CF-Connecting-IP` and the user agent. */
export interface AuditContext {
  ip: string | null;
  userAgent: string | null;
}

/** The insert for one activity entry, to put into the batch that makes the change it records. */
export function recordActivity(db: Database, entry: ActivityEntry, audit?: AuditContext) {
  return db.insert(activities).values({
    id: newId("act"),
    challengeId: entry.challengeId,
    actorId: entry.actorId,
    action: entry.action,
    detail: JSON.stringify(entry.detail ?? {}),
    ip: audit?.ip ?? null,
    userAgent: audit?.userAgent ?? null,
  });
}

/**
 * An activity entry written only if the statement just before it in the batch changed a row,
 * so an idempotent repeat (backing twice) or a lost race leaves no second entry.
 */
export function recordActivityIfChanged(entry: ActivityEntry, audit?: AuditContext) {
  return sql`INSERT INTO ${activities} (id, challenge_id, actor_id, action, detail, ip, user_agent)
    SELECT ${newId("act")}, ${entry.challengeId}, ${entry.actorId}, ${entry.action}, ${JSON.stringify(entry.detail ?? {})},
      ${audit?.ip ?? null}, ${audit?.userAgent ?? null}
    WHERE changes() = 1`;
}

/**
 * A challenge's activity, newest first, as `viewer` may see it: an entry that names a challenge
 * they may not see is left out, and amounts are left out unless they may read the ledger.
 */
/**
 * A page of a challenge's activity, newest first, to read with the challenge; its value shows
 * the entries to a viewer, with amounts only for one who may read the ledger (SPEC §14).
 */
export function activityPlan(
  db: Database,
  challengeId: string,
  viewerId: string,
  limit: number,
  before?: { createdAt: string; id: string },
) {
  const query = db
    .select(activityColumns)
    .from(activities)
    .leftJoin(people, eq(people.id, activities.actorId))
    .where(
      and(
        eq(activities.challengeId, challengeId),
        olderThan(before),
        // A merge names the other challenge; one never published stays with its leads (SPEC §14).
        sql`NOT ${namesHiddenChallengeSql(sql`json_extract(${activities.detail}, '$.sourceId')`, viewerId)}`,
        sql`NOT ${namesHiddenChallengeSql(sql`json_extract(${activities.detail}, '$.targetId')`, viewerId)}`,
      ),
    )
    .orderBy(desc(activities.createdAt), desc(activities.id))
    .limit(limit + 1);
  return readPlan(
    [query],
    ([rows]) =>
      (readsLedger: boolean) =>
        rows.map((r) => {
          const detail = JSON.parse(r.detail) as Record<string, unknown>;
          return {
            id: r.id,
            action: r.action,
            detail: readsLedger ? detail : withoutMoneyDetail(r.action, detail),
            createdAt: r.createdAt,
            actor: actorOf(r),
          };
        }),
  );
}

/** An activity entry's columns with its actor's (left-joined `people`), for `actorOf`. */
export const activityColumns = {
  id: activities.id,
  action: activities.action,
  detail: activities.detail,
  createdAt: activities.createdAt,
  // Named apart from the entry's own columns: a batch hands rows back keyed by column name.
  actorId: sql<string | null>`${people.id}`.as("actor_id"),
  actorName: sql<string | null>`${people.name}`.as("actor_name"),
  actorTitle: sql<string | null>`${people.title}`.as("actor_title"),
  actorDisciplineId: sql<string | null>`${people.disciplineId}`.as("actor_discipline_id"),
  actorAvatarUrl: sql<string | null>`${people.avatarUrl}`.as("actor_avatar_url"),
};

/** Keyset paging, newest first: the entries after the cursor's (createdAt, id). */
export function olderThan(before: { createdAt: string; id: string } | undefined) {
  return before
    ? or(
        lt(activities.createdAt, before.createdAt),
        and(eq(activities.createdAt, before.createdAt), lt(activities.id, before.id)),
      )
    : undefined;
}

/** The actor of an entry read with `activityColumns`, or null for the system's own entries. */
export function actorOf(r: {
  actorId: string | null;
  actorName: string | null;
  actorTitle: string | null;
  actorDisciplineId: string | null;
  actorAvatarUrl: string | null;
}) {
  return r.actorId
    ? {
        id: r.actorId,
        name: r.actorName ?? "",
        title: r.actorTitle ?? "",
        disciplineId: r.actorDisciplineId ?? null,
        avatarUrl: r.actorAvatarUrl ?? null,
      }
    : null;
}
