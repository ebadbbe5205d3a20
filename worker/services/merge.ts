import { and, desc, eq, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { challenges, mergeRequests } from "../../db/schema";
import { newId } from "../domain/ids";
import type { Stage } from "../domain/lifecycle";
import type { Database } from "../middleware/db";
import { type ReadPlan, readPlan, writeThenRead } from "./batch";
import { moveStageThenRead } from "./challenges";
import { type ChallengeMoney, closeWithMoneyThenRead } from "./funding";
import { notify, recipients } from "./inbox";
import { namesHiddenChallengeSql, visibleToSql } from "./visibility";

type Plan = ReadPlan<unknown>;

/** A merge request (null when there is none), if `viewerId` may see both challenges it names. */
export function mergeRequestPlan(db: Database, id: string, viewerId: string) {
  const query = db
    .select()
    .from(mergeRequests)
    .where(
      and(
        eq(mergeRequests.id, id),
        sql`NOT ${namesHiddenChallengeSql(sql`${mergeRequests.sourceId}`, viewerId)}`,
        sql`NOT ${namesHiddenChallengeSql(sql`${mergeRequests.targetId}`, viewerId)}`,
      ),
    )
    .limit(1);
  return readPlan([query], ([rows]) => rows[0] ?? null);
}

/** The challenge a merge request would merge into, as SQL, to read it with the request. */
export const challengeOfMergeTarget = (id: string) => sql`(SELECT target_id FROM ${mergeRequests} WHERE id = ${id})`;

/** The challenge a merge request would merge away, as SQL, to read it with the request. */
export const challengeOfMergeSource = (id: string) => sql`(SELECT source_id FROM ${mergeRequests} WHERE id = ${id})`;

/**
 * Merge proposals from or into a challenge that `viewerId` may see both sides of, newest first,
 * to read with the challenge or after a write: one proposed from a draft (refused now; older
 * ones remain) stays with the draft's leads (SPEC §14).
 */
export function mergeRequestsPlan(db: Database, challengeId: string, viewerId: string) {
  const s = alias(challenges, "s");
  const t = alias(challenges, "t");
  const query = db
    // Aliased: D1 batches key rows by column name, and both challenges have a `title`.
    .select({
      id: mergeRequests.id,
      sourceId: mergeRequests.sourceId,
      sourceTitle: sql<string>`${s.title}`.as("source_title"),
      targetId: mergeRequests.targetId,
      targetTitle: sql<string>`${t.title}`.as("target_title"),
      status: mergeRequests.status,
      note: mergeRequests.note,
      requestedByName: sql<string>`(SELECT p.name FROM people p WHERE p.id = merge_requests.requested_by_id)`.as(
        "requested_by_name",
      ),
      createdAt: mergeRequests.createdAt,
      decidedAt: mergeRequests.decidedAt,
    })
    .from(mergeRequests)
    .innerJoin(s, eq(s.id, mergeRequests.sourceId))
    .innerJoin(t, eq(t.id, mergeRequests.targetId))
    .where(
      and(
        or(eq(mergeRequests.sourceId, challengeId), eq(mergeRequests.targetId, challengeId)),
        visibleToSql("s", viewerId),
        visibleToSql("t", viewerId),
      ),
    )
    .orderBy(desc(mergeRequests.createdAt));
  return readPlan([query], ([rows]) => rows);
}

/** One merge request as `mergeRequestsPlan` reads it. */
export type MergeRequestRow = ReturnType<typeof mergeRequestsPlan> extends ReadPlan<(infer R)[]> ? R : never;

/**
 * The source's lead proposes merging it into the target; the target's leads are asked. Returns
 * the request's id (null when one is already pending) and `after`'s reads, made in the same batch.
 */
export async function requestMerge<const P extends readonly Plan[]>(
  db: Database,
  input: { sourceId: string; sourceTitle: string; targetId: string; requestedById: string; note: string },
  ...after: P
) {
  const id = newId("mrg");
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`INSERT INTO ${mergeRequests} (id, source_id, target_id, requested_by_id, note)
      SELECT ${id}, ${input.sourceId}, ${input.targetId}, ${input.requestedById}, ${input.note}
      WHERE NOT EXISTS (SELECT 1 FROM merge_requests WHERE source_id = ${input.sourceId} AND status = 'pending')`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail)
      SELECT ${newId("act")}, ${input.sourceId}, ${input.requestedById}, 'merge_requested',
        ${JSON.stringify({ mergeRequestId: id, targetId: input.targetId })}
      WHERE changes() = 1`,
      notify(
        recipients.leadsOf(input.targetId),
        {
          kind: "merge_requested",
          challengeId: input.targetId,
          actorId: input.requestedById,
          data: { mergeRequestId: id, sourceId: input.sourceId, sourceTitle: input.sourceTitle },
        },
        sql`EXISTS (SELECT 1 FROM merge_requests WHERE id = ${id})`,
      ),
    ],
    ...after,
  );
  return { id: results[0].meta.changes > 0 ? id : null, read };
}

/**
 * The target's lead consents: the source's backers, comments and pending applications move to
 * the target (an application moves to an open slot of the same discipline with a free seat, or
 * is declined), the source is withdrawn — its pledges returned — and marked merged, all in one
 * batch, which also reads `after`. `money` is the source's money as the caller read it with its
 * facts; the close happens only while it is still so.
 */
export async function acceptMerge<const P extends readonly Plan[]>(
  db: Database,
  m: { id: string; sourceId: string; targetId: string },
  source: { stage: Stage; cycle: number; title: string },
  money: Pick<ChallengeMoney, "pledges" | "funding">,
  actorId: string,
  ...plans: P
) {
  const now = new Date().toISOString();
  const { sourceId, targetId } = m;
  const targetSlot = sql`(SELECT s.id FROM challenge_slots s WHERE s.challenge_id = ${targetId} AND s.status = 'open'
    AND s.filled < s.count AND s.discipline_id = (SELECT o.discipline_id FROM challenge_slots o WHERE o.id = applications.slot_id)
    ORDER BY s.position LIMIT 1)`;
  const merged = sql`EXISTS (SELECT 1 FROM challenges WHERE id = ${sourceId} AND stage = 'withdrawn' AND stage_changed_at = ${now})`;
  const after = [
    // First, while the source's backers are still its backers.
    notify(
      // Nested, because D1 allows only a few terms in one compound SELECT.
      sql`SELECT id FROM (${recipients.followersOf(sourceId)}) UNION SELECT id FROM (${recipients.leadsOf(targetId)})`,
      {
        kind: "merge_decided",
        challengeId: targetId,
        actorId,
        data: { decision: "accept", sourceId, sourceTitle: source.title },
      },
      merged,
    ),
    sql`UPDATE challenges SET merged_into_id = ${targetId} WHERE id = ${sourceId} AND ${merged}`,
    sql`UPDATE merge_requests SET status = 'accepted', decided_by_id = ${actorId}, decided_at = ${now}
      WHERE id = ${m.id} AND status = 'pending' AND ${merged}`,
    sql`INSERT OR IGNORE INTO backings (challenge_id, person_id, created_at)
      SELECT ${targetId}, person_id, created_at FROM backings WHERE challenge_id = ${sourceId} AND ${merged}`,
    sql`DELETE FROM backings WHERE challenge_id = ${sourceId} AND ${merged}`,
    sql`UPDATE comments SET challenge_id = ${targetId} WHERE challenge_id = ${sourceId} AND ${merged}`,
    sql`UPDATE applications SET challenge_id = ${targetId}, slot_id = ${targetSlot}
      WHERE challenge_id = ${sourceId} AND status = 'pending' AND ${targetSlot} IS NOT NULL AND ${merged}
        AND NOT EXISTS (SELECT 1 FROM applications a2 WHERE a2.slot_id = ${targetSlot}
          AND a2.applicant_id = applications.applicant_id AND a2.status IN ('pending', 'accepted'))
        -- One application per person and discipline moves (two would land on the same slot).
        AND applications.id = (SELECT min(a3.id) FROM applications a3 JOIN challenge_slots o3 ON o3.id = a3.slot_id
          WHERE a3.challenge_id = ${sourceId} AND a3.status = 'pending' AND a3.applicant_id = applications.applicant_id
            AND o3.discipline_id = (SELECT o.discipline_id FROM challenge_slots o WHERE o.id = applications.slot_id))`,
    sql`UPDATE applications SET status = 'declined', decided_at = ${now}, decided_by_id = ${actorId},
        decision_note = ${`This challenge was merged into another; apply there if a role fits.`}
      WHERE challenge_id = ${sourceId} AND status = 'pending' AND ${merged}`,
    sql`UPDATE challenges SET backer_count = (SELECT count(*) FROM backings WHERE challenge_id = challenges.id),
        comment_count = (SELECT count(*) FROM comments WHERE challenge_id = challenges.id)
      WHERE id IN (${sourceId}, ${targetId})`,
    sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${targetId}, ${actorId}, 'merged_from', ${JSON.stringify({ sourceId, title: source.title })}, ${now}
      WHERE ${merged}`,
  ];
  // An accept and a decline of the same request may race: the merge happens only while it is pending.
  const stillPending = sql`EXISTS (SELECT 1 FROM merge_requests WHERE id = ${m.id} AND status = 'pending')`;
  const move = {
    guard: stillPending,
    id: sourceId,
    from: source.stage,
    to: "withdrawn" as Stage,
    cycle: source.cycle,
    actorId,
    activity: "merged_into",
    detail: { targetId },
    now,
    after,
  };
  if (source.stage === "open") return closeWithMoneyThenRead(db, { ...move, money }, ...plans);
  return moveStageThenRead(db, move, ...plans);
}

/** The target's lead declines; the source's leads are told. `after` is read in the same batch. */
export async function declineMerge<const P extends readonly Plan[]>(
  db: Database,
  m: { id: string; sourceId: string; targetId: string },
  actorId: string,
  note: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`UPDATE merge_requests SET status = 'declined', decided_by_id = ${actorId}, decided_at = ${now}, note = ${note}
      WHERE id = ${m.id} AND status = 'pending'`,
      notify(
        recipients.leadsOf(m.sourceId),
        {
          kind: "merge_decided",
          challengeId: m.targetId,
          actorId,
          data: { decision: "decline", sourceId: m.sourceId, note },
        },
        sql`EXISTS (SELECT 1 FROM merge_requests WHERE id = ${m.id} AND status = 'declined' AND decided_at = ${now})`,
      ),
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}
