import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { activities, people } from "../../db/schema";
import type { Database } from "../middleware/db";
import { activityColumns, actorOf, olderThan } from "./activity";
import { readRows } from "./batch";

/**
 * The audit log (admins only): the organisation-wide changes, newest first, each with who made
 * it, when, and the request's IP and user agent (SPEC §14).
 */
export async function listAuditLog(db: Database, limit: number, before?: { createdAt: string; id: string }) {
  const rows = await readRows(
    db,
    db
      .select({
        ...activityColumns,
        ip: activities.ip,
        userAgent: activities.userAgent,
        // The person the change was about, named as they are now, so a line can say whose budget or roles.
        subjectId: sql<string | null>`(SELECT sp.id FROM people sp WHERE sp.id = coalesce(
          json_extract(${activities.detail}, '$.sponsorId'), json_extract(${activities.detail}, '$.personId')))`.as(
          "subject_id",
        ),
        subjectName: sql<string | null>`(SELECT sp.name FROM people sp WHERE sp.id = coalesce(
          json_extract(${activities.detail}, '$.sponsorId'), json_extract(${activities.detail}, '$.personId')))`.as(
          "subject_name",
        ),
      })
      .from(activities)
      .leftJoin(people, eq(people.id, activities.actorId))
      .where(and(isNull(activities.challengeId), olderThan(before)))
      .orderBy(desc(activities.createdAt), desc(activities.id))
      .limit(limit + 1),
  );
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    createdAt: r.createdAt,
    ip: r.ip,
    userAgent: r.userAgent,
    actor: actorOf(r),
    subject: r.subjectId ? { id: r.subjectId, name: r.subjectName ?? "" } : null,
  }));
}
