/**
 * Progression plans (SPEC §16): the reads a plan's page needs, in one round trip, and the writes
 * that change a plan, each one batch. The rules they follow are in worker/domain/plans.ts.
 */
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import {
  frameworkDimensions,
  levels,
  notifications,
  people,
  planCheckins,
  planEvidence,
  planGoals,
  planVersions,
  progressionPlans,
} from "../../db/schema";
import type { ContributionType, Dimension } from "../domain/credit";
import { newId } from "../domain/ids";
import { type EvidenceKind, type PlanInput, type PlanSnapshot, quarterAfter } from "../domain/plans";
import type { Database } from "../middleware/db";
import { type ReadPlan, rawRows, readPlan, type Statement, writeBatch, writeThenRead } from "./batch";
import { notify, recipients } from "./inbox";
import { namesHiddenChallengeSql, shownNameSql } from "./visibility";

const SOURCE_COLUMNS = [
  "kind",
  "sourceId",
  "challengeId",
  "challengeTitle",
  "contributionType",
  "creditTypes",
  "body",
  "byName",
  "at",
] as const;

export interface SourceRow {
  kind: EvidenceKind;
  sourceId: string;
  challengeId: string;
  challengeTitle: string;
  contributionType: string | null;
  /** JSON array of the types of the person's confirmed credit on the challenge. */
  creditTypes: string;
  body: string;
  byName: string | null;
  at: string | null;
}

export interface EvidenceSourceView {
  kind: EvidenceKind;
  sourceId: string;
  challenge: { id: string; title: string };
  contributionType: string | null;
  creditTypes: string[];
  body: string;
  byName: string | null;
  at: string | null;
}

const toSource = (r: SourceRow): EvidenceSourceView => ({
  kind: r.kind,
  sourceId: r.sourceId,
  challenge: { id: r.challengeId, title: r.challengeTitle },
  contributionType: r.contributionType,
  creditTypes: JSON.parse(r.creditTypes ?? "[]") as string[],
  body: r.body,
  byName: r.byName,
  at: r.at,
});

/** Which sources to select: every one (newest first, a page per kind), those a plan holds, or one. */
type SourceFilter = { all: number } | { attachedTo: SQL } | { kind: EvidenceKind; sourceId: string };

/**
 * The credit a person could put behind a goal, each one really theirs and counting: confirmed
 * contributions, endorsements of them, kudos to them, KPI check-ins (outcomes) and review
 * feedback on challenges they hold confirmed credit on or were on the team of, and the lends
 * they approved as a manager. Nothing on a challenge the viewer may not see (SPEC §14).
 */
function sourcesSql(personId: string, viewerId: string, filter: SourceFilter): SQL[] {
  const p = sql`${personId}`;
  const typesOf = (challenge: string) =>
    sql`(SELECT json_group_array(DISTINCT ct.type) FROM contributions ct
      WHERE ct.challenge_id = ${sql.raw(challenge)} AND ct.person_id = ${p} AND ct.status = 'confirmed')`;
  const titleOf = (challenge: string) => sql.raw(`(SELECT tc.title FROM challenges tc WHERE tc.id = ${challenge})`);
  const credited = sql`(SELECT cr.challenge_id FROM contributions cr WHERE cr.person_id = ${p} AND cr.status = 'confirmed')`;
  const wasOn = sql`(SELECT cr.challenge_id FROM contributions cr WHERE cr.person_id = ${p} AND cr.status = 'confirmed'
    UNION SELECT m.challenge_id FROM memberships m WHERE m.person_id = ${p} AND m.status IN ('active', 'released')
    UNION SELECT lc.id FROM challenges lc WHERE lc.lead_id = ${p} OR lc.co_lead_id = ${p})`;
  const seen = (challenge: string) => sql`NOT ${namesHiddenChallengeSql(sql.raw(challenge), viewerId)}`;
  const only = (kind: EvidenceKind, id: string) => {
    if ("all" in filter) return sql``;
    if ("attachedTo" in filter)
      return sql`AND ${sql.raw(id)} IN (SELECT pe.source_id FROM plan_evidence pe WHERE pe.plan_id = ${filter.attachedTo} AND pe.kind = ${kind})`;
    return sql`AND ${sql.raw(id)} = ${filter.sourceId}`;
  };
  const page = "all" in filter ? sql`ORDER BY at DESC LIMIT ${filter.all}` : sql``;
  const branches: Record<EvidenceKind, SQL> = {
    contribution: sql`SELECT 'contribution' AS kind, c.id AS sourceId, c.challenge_id AS challengeId,
        ${titleOf("c.challenge_id")} AS challengeTitle, c.type AS contributionType, ${typesOf("c.challenge_id")} AS creditTypes,
        c.description AS body, ${shownNameSql(sql`c.recorded_by_id`)} AS byName, c.confirmed_at AS at
      FROM contributions c WHERE c.person_id = ${p} AND c.status = 'confirmed' AND ${seen("c.challenge_id")} ${only("contribution", "c.id")}`,
    endorsement: sql`SELECT 'endorsement' AS kind, e.id AS sourceId, c.challenge_id AS challengeId,
        ${titleOf("c.challenge_id")} AS challengeTitle, c.type AS contributionType, ${typesOf("c.challenge_id")} AS creditTypes,
        e.note AS body, ${shownNameSql(sql`e.endorser_id`)} AS byName, e.created_at AS at
      FROM endorsements e JOIN contributions c ON c.id = e.contribution_id
      WHERE c.person_id = ${p} AND c.status = 'confirmed' AND ${seen("c.challenge_id")} ${only("endorsement", "e.id")}`,
    kudos: sql`SELECT 'kudos' AS kind, k.id AS sourceId, k.challenge_id AS challengeId,
        ${titleOf("k.challenge_id")} AS challengeTitle, NULL AS contributionType, ${typesOf("k.challenge_id")} AS creditTypes,
        k.message AS body, ${shownNameSql(sql`k.from_id`)} AS byName, k.created_at AS at
      FROM kudos k WHERE k.to_id = ${p} AND ${seen("k.challenge_id")} ${only("kudos", "k.id")}`,
    outcome: sql`SELECT 'outcome' AS kind, kc.id AS sourceId, kc.challenge_id AS challengeId,
        ${titleOf("kc.challenge_id")} AS challengeTitle, NULL AS contributionType, ${typesOf("kc.challenge_id")} AS creditTypes,
        kp.name || ': ' || kc.value || CASE WHEN kp.unit = '' THEN '' ELSE ' ' || kp.unit END || ' (target ' || kp.target || ')' AS body,
        NULL AS byName, kc.measured_on AS at
      FROM kpi_checkins kc JOIN challenge_kpis kp ON kp.id = kc.kpi_id
      WHERE kc.challenge_id IN ${wasOn} AND ${seen("kc.challenge_id")} ${only("outcome", "kc.id")}`,
    lend: sql`SELECT 'lend' AS kind, l.id AS sourceId, l.challenge_id AS challengeId,
        ${titleOf("l.challenge_id")} AS challengeTitle, NULL AS contributionType, '[]' AS creditTypes,
        'Lent ' || ${shownNameSql(sql`l.person_id`)} || ' for ' || l.share_percent || '% of their time' AS body,
        ${shownNameSql(sql`l.person_id`)} AS byName, l.decided_at AS at
      FROM lend_requests l WHERE l.manager_id = ${p} AND l.status = 'approved' AND ${seen("l.challenge_id")} ${only("lend", "l.id")}`,
    review: sql`SELECT 'review' AS kind, r.id AS sourceId, r.challenge_id AS challengeId,
        ${titleOf("r.challenge_id")} AS challengeTitle, NULL AS contributionType, ${typesOf("r.challenge_id")} AS creditTypes,
        r.feedback AS body, ${shownNameSql(sql`r.reviewer_id`)} AS byName, r.created_at AS at
      FROM reviews r WHERE r.challenge_id IN ${credited} AND ${seen("r.challenge_id")} ${only("review", "r.id")}`,
  };
  const kinds = "kind" in filter ? [filter.kind] : (Object.keys(branches) as EvidenceKind[]);
  return kinds.map((k) => sql`SELECT * FROM (SELECT * FROM (${branches[k]}) ${page})`);
}

/**
 * The sources as read-plan queries: D1 allows only a few terms in one compound SELECT, so the
 * kinds are split over two queries, read back as one list.
 */
const sourcesQueries = (db: Database, personId: string, viewerId: string, filter: SourceFilter) => {
  const parts = sourcesSql(personId, viewerId, filter);
  const query = (terms: SQL[]) =>
    rawRows<(typeof SOURCE_COLUMNS)[number], SourceRow>(
      db,
      SOURCE_COLUMNS,
      terms.length
        ? sql.join(terms, sql` UNION ALL `)
        : sql`SELECT NULL AS kind, NULL AS sourceId, NULL AS challengeId,
        NULL AS challengeTitle, NULL AS contributionType, NULL AS creditTypes, NULL AS body, NULL AS byName, NULL AS at WHERE 0`,
    );
  return [query(parts.slice(0, 3)), query(parts.slice(3))] as const;
};

const planIdOf = (personId: string) => sql`(SELECT pp.id FROM progression_plans pp WHERE pp.person_id = ${personId})`;

const toDimension = (r: typeof frameworkDimensions.$inferSelect): Dimension => ({
  id: r.id,
  name: r.name,
  description: r.description,
  contributionTypes: JSON.parse(r.contributionTypes) as ContributionType[],
});

/**
 * Everything a plan's page shows, in one round trip: the person (and who manages them now), the
 * plan, its goals with the evidence that still counts, its check-ins newest first, every version
 * with its acknowledgements, and the levels and dimensions its form offers. The plan is null
 * when there is none yet; the person is null when there is no such person.
 */
export function planPagePlan(db: Database, personId: string, viewerId: string) {
  const planId = planIdOf(personId);
  const queries = [
    db
      .select({
        id: people.id,
        name: people.name,
        track: people.track,
        levelId: people.levelId,
        managerId: people.managerId,
        managerName: sql<string | null>`(SELECT mp.name FROM people mp WHERE mp.id = people.manager_id)`.as(
          "manager_name",
        ),
      })
      .from(people)
      .where(eq(people.id, personId))
      .limit(1),
    db.select().from(progressionPlans).where(eq(progressionPlans.personId, personId)).limit(1),
    db.select().from(planGoals).where(sql`${planGoals.planId} = ${planId}`).orderBy(asc(planGoals.position)),
    db
      .select({
        id: planEvidence.id,
        goalId: planEvidence.goalId,
        kind: planEvidence.kind,
        sourceId: planEvidence.sourceId,
        createdAt: planEvidence.createdAt,
      })
      .from(planEvidence)
      .where(sql`${planEvidence.planId} = ${planId}`)
      .orderBy(asc(planEvidence.createdAt), asc(planEvidence.id)),
    ...sourcesQueries(db, personId, viewerId, { attachedTo: planId }),
    db
      .select({
        id: planCheckins.id,
        authorId: planCheckins.authorId,
        authorName: shownNameSql(sql`plan_checkins.author_id`).as("author_name"),
        note: planCheckins.note,
        createdAt: planCheckins.createdAt,
      })
      .from(planCheckins)
      .where(sql`${planCheckins.planId} = ${planId}`)
      .orderBy(desc(planCheckins.createdAt), desc(planCheckins.id))
      .limit(200),
    db
      .select({
        version: planVersions.version,
        authorId: planVersions.authorId,
        authorName: shownNameSql(sql`plan_versions.author_id`).as("author_name"),
        personAckAt: planVersions.personAckAt,
        managerAckAt: planVersions.managerAckAt,
        managerAckById: planVersions.managerAckById,
        managerAckByName: shownNameSql(sql`plan_versions.manager_ack_by_id`).as("manager_ack_by_name"),
        createdAt: planVersions.createdAt,
      })
      .from(planVersions)
      .where(sql`${planVersions.planId} = ${planId}`)
      .orderBy(desc(planVersions.version)),
    db.select().from(levels).orderBy(asc(levels.track), asc(levels.rank)),
    db.select().from(frameworkDimensions).orderBy(asc(frameworkDimensions.position)),
  ] as const;
  return readPlan(
    queries,
    ([personRows, planRows, goals, evidence, sourcesA, sourcesB, checkins, versions, levelRows, dims]) => ({
      person: personRows[0] ?? null,
      plan: planRows[0] ?? null,
      goals,
      // Evidence counts while its source still does: a retracted contribution drops out.
      evidence: joinSources(evidence, [...sourcesA, ...sourcesB]),
      checkins,
      versions,
      levels: levelRows,
      dimensions: dims.map(toDimension),
    }),
  );
}

export type PlanPage = ReturnType<typeof planPagePlan> extends ReadPlan<infer T> ? T : never;

/** Each piece of attached evidence with what it points at, while that still counts. */
function joinSources<E extends { kind: EvidenceKind; sourceId: string }>(evidence: readonly E[], sources: SourceRow[]) {
  const byKey = new Map(sources.map((r) => [`${r.kind}:${r.sourceId}`, toSource(r)]));
  return evidence.flatMap((e) => {
    const source = byKey.get(`${e.kind}:${e.sourceId}`);
    return source ? [{ ...e, source }] : [];
  });
}

/** One kept version of a person's plan, with its snapshot; null when there is none. */
export function versionPlan(db: Database, personId: string, version: number) {
  const query = db
    .select({
      version: planVersions.version,
      snapshot: planVersions.snapshot,
      authorId: planVersions.authorId,
      authorName: shownNameSql(sql`plan_versions.author_id`).as("author_name"),
      personAckAt: planVersions.personAckAt,
      managerAckAt: planVersions.managerAckAt,
      managerAckById: planVersions.managerAckById,
      managerAckByName: shownNameSql(sql`plan_versions.manager_ack_by_id`).as("manager_ack_by_name"),
      createdAt: planVersions.createdAt,
    })
    .from(planVersions)
    .where(and(sql`${planVersions.planId} = ${planIdOf(personId)}`, eq(planVersions.version, version)))
    .limit(1);
  return readPlan([query] as const, ([rows]) =>
    rows[0] ? { ...rows[0], snapshot: JSON.parse(rows[0].snapshot) as PlanSnapshot } : null,
  );
}

/** Candidate evidence: the person's counting credit of every kind, the newest 200 of each. */
export function sourcesPlan(db: Database, personId: string, viewerId: string) {
  return readPlan(sourcesQueries(db, personId, viewerId, { all: 200 }), ([a, b]) => [...a, ...b].map(toSource));
}

/** One source, if it is really the person's and counts (confirmed, on a challenge they were on). */
export function sourcePlan(db: Database, personId: string, kind: EvidenceKind, sourceId: string) {
  return readPlan(sourcesQueries(db, personId, personId, { kind, sourceId }), ([a, b]) => {
    const row = a[0] ?? b[0];
    return row ? toSource(row) : null;
  });
}

// ─── Writes ─────────────────────────────────────────────────────────────────────────────────

const today = (now: string) => now.slice(0, 10);

/** Who wrote a change: the person, or their manager (whose side the other side hears from). */
export interface PlanActor {
  id: string;
  isSelf: boolean;
}

/** The other owner hears of a change: the manager of a change by the person, the person of one by the manager. */
function tellOtherSide(
  personId: string,
  personName: string,
  actor: PlanActor,
  kind: "plan_acknowledge" | "plan_checkin",
  data: Record<string, unknown>,
  when?: SQL,
) {
  return actor.isSelf
    ? notify(
        recipients.managerOf(personId),
        { kind, challengeId: null, actorId: actor.id, data: { ...data, personId, personName, forManager: true } },
        when,
      )
    : notify(
        recipients.person(personId),
        { kind, challengeId: null, actorId: actor.id, data: { ...data, personId } },
        when,
      );
}

/**
 * Creates the plan, or its next version: the version row first, on the condition that the plan
 * is still at the version the change was made against, then the plan and its goals on the
 * condition that this version row was written. A lost race writes nothing (`written[0]` changes
 * 0). Goals keep their ids (and so their evidence) across versions; a removed goal's evidence
 * goes with it. The author acknowledges what they wrote; the other side is asked to.
 */
export async function savePlan<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  facts: {
    person: { id: string; name: string };
    plan: { id: string; version: number } | null;
    removedGoalIds: readonly string[];
    keptGoalIds: readonly string[];
  },
  input: PlanInput & { goals: PlanSnapshot["goals"] },
  actor: PlanActor,
  now: string,
  ...readBack: P
) {
  const planId = facts.plan?.id ?? newId("plan");
  const version = (facts.plan?.version ?? 0) + 1;
  const versionId = newId("plv");
  const snapshot: PlanSnapshot = {
    targetKind: input.targetKind,
    targetLevelId: input.targetKind === "grow_in_level" ? null : input.targetLevelId,
    summary: input.summary,
    goals: input.goals,
  };
  const mine = sql`EXISTS (SELECT 1 FROM plan_versions mv WHERE mv.id = ${versionId})`;
  const ack = actor.isSelf ? sql`${now}, NULL, NULL` : sql`NULL, ${now}, ${actor.id}`;
  const statements: Statement[] = [];
  if (!facts.plan)
    statements.push(sql`INSERT INTO progression_plans (id, person_id, target_kind, target_level_id, summary, version, next_reminder_on, created_at, updated_at)
      VALUES (${planId}, ${facts.person.id}, ${snapshot.targetKind}, ${snapshot.targetLevelId}, ${snapshot.summary}, 1, ${quarterAfter(today(now))}, ${now}, ${now})
      ON CONFLICT (person_id) DO NOTHING`);
  statements.push(
    sql`INSERT INTO plan_versions (id, plan_id, version, snapshot, author_id, person_ack_at, manager_ack_at, manager_ack_by_id, created_at)
      SELECT ${versionId}, ${planId}, ${version}, ${JSON.stringify(snapshot)}, ${actor.id}, ${ack}, ${now}
      WHERE EXISTS (SELECT 1 FROM progression_plans vp WHERE vp.id = ${planId} AND vp.person_id = ${facts.person.id}
        AND vp.version = ${facts.plan ? facts.plan.version : 1})
        AND NOT EXISTS (SELECT 1 FROM plan_versions xv WHERE xv.plan_id = ${planId} AND xv.version = ${version})`,
  );
  if (facts.plan) {
    statements.push(
      sql`UPDATE progression_plans SET target_kind = ${snapshot.targetKind}, target_level_id = ${snapshot.targetLevelId},
        summary = ${snapshot.summary}, version = ${version}, updated_at = ${now}
        WHERE id = ${planId} AND ${mine}`,
    );
    for (const goalId of facts.removedGoalIds) {
      statements.push(sql`DELETE FROM plan_evidence WHERE goal_id = ${goalId} AND ${mine}`);
      statements.push(sql`DELETE FROM plan_goals WHERE id = ${goalId} AND plan_id = ${planId} AND ${mine}`);
    }
  }
  const kept = new Set(facts.keptGoalIds);
  snapshot.goals.forEach((g, position) => {
    statements.push(
      kept.has(g.id)
        ? sql`UPDATE plan_goals SET dimension_id = ${g.dimensionId}, title = ${g.title}, evidence_wanted = ${g.evidenceWanted},
            position = ${position} WHERE id = ${g.id} AND plan_id = ${planId} AND ${mine}`
        : sql`INSERT INTO plan_goals (id, plan_id, dimension_id, title, evidence_wanted, position)
            SELECT ${g.id}, ${planId}, ${g.dimensionId}, ${g.title}, ${g.evidenceWanted}, ${position} WHERE ${mine}`,
    );
  });
  statements.push(tellOtherSide(facts.person.id, facts.person.name, actor, "plan_acknowledge", { version }, mine));
  const versionAt = facts.plan ? 0 : 1;
  const { written, read } = await writeThenRead(db, statements, ...readBack);
  return { saved: (written[versionAt]?.meta?.changes ?? 0) > 0, read };
}

/** The person's or the current manager's acknowledgement of version `version`, once. */
export async function acknowledgeVersion<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  planId: string,
  version: number,
  actor: PlanActor,
  now: string,
  ...readBack: P
) {
  const statement = actor.isSelf
    ? sql`UPDATE plan_versions SET person_ack_at = ${now}
        WHERE plan_id = ${planId} AND version = ${version} AND person_ack_at IS NULL`
    : sql`UPDATE plan_versions SET manager_ack_at = ${now}, manager_ack_by_id = ${actor.id}
        WHERE plan_id = ${planId} AND version = ${version} AND manager_ack_by_id IS NOT ${actor.id}`;
  const { written, read } = await writeThenRead(db, [statement], ...readBack);
  return { acknowledged: (written[0]?.meta?.changes ?? 0) > 0, read };
}

/** A dated check-in; the next quarterly reminder moves to a quarter from today. */
export async function addCheckin<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  plan: { id: string },
  person: { id: string; name: string },
  note: string,
  actor: PlanActor,
  now: string,
  ...readBack: P
) {
  const { read } = await writeThenRead(
    db,
    [
      sql`INSERT INTO plan_checkins (id, plan_id, author_id, note, created_at) VALUES (${newId("plc")}, ${plan.id}, ${actor.id}, ${note}, ${now})`,
      sql`UPDATE progression_plans SET next_reminder_on = ${quarterAfter(today(now))} WHERE id = ${plan.id}`,
      tellOtherSide(person.id, person.name, actor, "plan_checkin", { note: note.slice(0, 200) }),
    ],
    ...readBack,
  );
  return read;
}

/** Attaches a source the person confirmed to a goal (once; attaching it again changes nothing). */
export async function attachEvidence<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  plan: { id: string },
  goalId: string,
  source: { kind: EvidenceKind; sourceId: string },
  actorId: string,
  now: string,
  ...readBack: P
) {
  const id = newId("ple");
  const { read } = await writeThenRead(
    db,
    [
      db
        .insert(planEvidence)
        .values({
          id,
          goalId,
          planId: plan.id,
          kind: source.kind,
          sourceId: source.sourceId,
          addedById: actorId,
          createdAt: now,
        })
        .onConflictDoNothing(),
    ],
    ...readBack,
  );
  return read;
}

/** Removes a piece of evidence from a plan; false when the plan holds no such evidence. */
export async function removeEvidence<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  plan: { id: string },
  goalId: string,
  evidenceId: string,
  ...readBack: P
) {
  const { written, read } = await writeThenRead(
    db,
    [
      db
        .delete(planEvidence)
        .where(and(eq(planEvidence.id, evidenceId), eq(planEvidence.goalId, goalId), eq(planEvidence.planId, plan.id))),
    ],
    ...readBack,
  );
  return { removed: (written[0]?.meta?.changes ?? 0) > 0, read };
}

/**
 * The daily cron's quarterly reminder (SPEC §16): every plan whose check-in is due tells its
 * person and their manager, and moves its next reminder a quarter on from today, in one batch.
 * A second run the same day finds nothing due, so it sends nothing twice.
 */
export async function sendPlanReminders(db: Database, now: string) {
  const day = today(now);
  const due = sql`SELECT pp.person_id AS personId, pe.name AS personName, pe.manager_id AS managerId
    FROM progression_plans pp JOIN people pe ON pe.id = pp.person_id
    WHERE pp.next_reminder_on <= ${day} AND pe.active`;
  const insert = (recipient: string, forManager: boolean) =>
    sql`INSERT INTO ${notifications} (id, recipient_id, kind, challenge_id, actor_id, data)
      SELECT 'ntf_' || lower(hex(randomblob(10))), d.${sql.raw(recipient)}, 'plan_checkin_due', NULL, NULL,
        json_object('personId', d.personId, 'personName', d.personName, 'forManager', json(${forManager ? "true" : "false"}))
      FROM (${due}) d WHERE d.${sql.raw(recipient)} IS NOT NULL`;
  const [, , moved] = await writeBatch(db, [
    insert("personId", false),
    insert("managerId", true),
    sql`UPDATE progression_plans SET next_reminder_on = ${quarterAfter(day)}
      WHERE next_reminder_on <= ${day} AND person_id IN (SELECT id FROM people WHERE active)`,
  ]);
  return { plans: moved?.meta?.changes ?? 0 };
}
