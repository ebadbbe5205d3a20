import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { activities, people } from "../../db/schema";
import type { Database } from "../middleware/db";

/**
 * The audit log (admins only): the organisation-wide changes, newest first, each with who made
 * it, when, and the request's IP and user agent (SPEC §14).
 */
export async function listAuditLog(db: Database, limit: number, before?: { createdAt: string; id: string }) {
  const rows = await db
    .select({
      id: activities.id,
      action: activities.action,
      detail: activities.detail,
      createdAt: activities.createdAt,
      ip: activities.ip,
      userAgent: activities.userAgent,
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
        isNull(activities.challengeId),
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
    ip: r.ip,
    userAgent: r.userAgent,
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
