import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { activities, people } from "../../db/schema";
import { newId } from "../domain/ids";
import type { Database } from "../middleware/db";

export interface ActivityEntry {
  challengeId: string | null;
  actorId: string | null;
  action: string;
  detail?: Record<string, unknown>;
}

/** The insert for one activity entry, to put into the batch that makes the change it records. */
export function recordActivity(db: Database, entry: ActivityEntry) {
  return db.insert(activities).values({
    id: newId("act"),
    challengeId: entry.challengeId,
    actorId: entry.actorId,
    action: entry.action,
    detail: JSON.stringify(entry.detail ?? {}),
  });
}

/**
 * An activity entry written only if the statement just before it in the batch changed a row,
 * so an idempotent repeat (backing twice) or a lost race leaves no second entry.
 */
export function recordActivityIfChanged(entry: ActivityEntry) {
  return sql`INSERT INTO ${activities} (id, challenge_id, actor_id, action, detail)
    SELECT ${newId("act")}, ${entry.challengeId}, ${entry.actorId}, ${entry.action}, ${JSON.stringify(entry.detail ?? {})}
    WHERE changes() = 1`;
}

/** A challenge's activity, newest first; with `challengeId` null, the organisation's own (the admin audit log). */
export async function listActivity(
  db: Database,
  challengeId: string | null,
  limit: number,
  before?: { createdAt: string; id: string },
) {
  const rows = await db
    .select({
      id: activities.id,
      action: activities.action,
      detail: activities.detail,
      createdAt: activities.createdAt,
      actorId: people.id,
      actorName: people.name,
      actorTitle: people.title,
      actorDisciplineId: people.disciplineId,
      actorAvatarUrl: people.avatarUrl,
    })
    .from(activities)
    .leftJoin(people, eq(people.id, activities.actorId))
    .where(
      and(
        challengeId === null ? isNull(activities.challengeId) : eq(activities.challengeId, challengeId),
        before
          ? or(
              lt(activities.createdAt, before.createdAt),
              and(eq(activities.createdAt, before.createdAt), lt(activities.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(activities.createdAt), desc(activities.id))
    .limit(limit + 1);
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    createdAt: r.createdAt,
    actor: r.actorId
      ? {
          id: r.actorId,
          name: r.actorName ?? "",
          title: r.actorTitle ?? "",
          disciplineId: r.actorDisciplineId ?? null,
          avatarUrl: r.actorAvatarUrl ?? null,
        }
      : null,
  }));
}
