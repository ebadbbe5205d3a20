import { and, asc, type Column, desc, eq, ne, type SQL, sql } from "drizzle-orm";
import {
  challengeKpis,
  contributions,
  endorsementSkills,
  endorsements,
  frameworkDimensions,
  kpiCheckins,
  kudos,
  milestones,
  updates,
} from "../../db/schema";
import type { ContributionType, Dimension, MilestoneStatus } from "../domain/credit";
import type { CursorKey } from "../domain/cursor";
import { newId } from "../domain/ids";
import type { Database } from "../middleware/db";
import { recordActivity } from "./activity";
import { mapPlan, type ReadPlan, rawRows, readPlan, writeThenRead } from "./batch";
import { mentionStatements, mentionsJsonSql, parseMentions, shownBodySql } from "./discussion";
import { notify, recipients } from "./inbox";
import { seatStatus } from "./team-sql";
import { namesHiddenChallengeSql, publishedSql, shownNameSql, visibleToSql } from "./visibility";

type Plan = ReadPlan<unknown>;

const teamOf = recipients.teamOf;

/**
 * Who someone is to a challenge, for credit and kudos: whether they exist, are active, and are
 * on its team (worker/domain/teams.ts `isOnTeamOf`).
 */
export function personOnChallengePlan(db: Database, challengeId: string, personId: string) {
  const query = db
    .select({
      exists: sql<number>`EXISTS (SELECT 1 FROM people WHERE id = ${personId})`,
      active: sql<number>`EXISTS (SELECT 1 FROM people WHERE id = ${personId} AND active = 1)`,
      onTeam: sql<number>`EXISTS (${teamOf(challengeId)} INTERSECT SELECT ${personId})`,
    })
    .from(sql`(SELECT 1)`);
  return readPlan([query], ([[row]]) => ({
    exists: Boolean(row?.exists),
    active: Boolean(row?.active),
    onTeam: Boolean(row?.onTeam),
  }));
}

const personName = shownNameSql;

// ─── Milestones, updates, KPI check-ins ─────────────────────────────────────────────────────

/** A challenge's milestones and KPI check-ins, to read with the challenge. */
export function progressPlan(db: Database, challengeId: string) {
  const queries = [
    db
      .select({
        id: milestones.id,
        title: milestones.title,
        dueOn: milestones.dueOn,
        status: milestones.status,
        slipReason: milestones.slipReason,
        doneAt: milestones.doneAt,
        createdAt: milestones.createdAt,
        updatedAt: milestones.updatedAt,
      })
      .from(milestones)
      .where(eq(milestones.challengeId, challengeId))
      .orderBy(asc(milestones.dueOn), asc(milestones.id)),
    db
      .select({
        id: kpiCheckins.id,
        kpiId: kpiCheckins.kpiId,
        value: kpiCheckins.value,
        measuredOn: kpiCheckins.measuredOn,
        updateId: kpiCheckins.updateId,
      })
      .from(kpiCheckins)
      .where(eq(kpiCheckins.challengeId, challengeId))
      .orderBy(asc(kpiCheckins.measuredOn), asc(kpiCheckins.id)),
  ] as const;
  return readPlan(queries, ([milestoneRows, checkins]) => ({ milestones: milestoneRows, checkins }));
}

export function milestonePlan(db: Database, id: string) {
  return readPlan([db.select().from(milestones).where(eq(milestones.id, id)).limit(1)], ([[row]]) => row ?? null);
}

/** The challenge a milestone is on, as SQL, to read the challenge in the milestone's round trip. */
export const challengeOfMilestone = (id: string) => sql`(SELECT challenge_id FROM milestones WHERE id = ${id})`;

export async function addMilestone(
  db: Database,
  challengeId: string,
  input: { title: string; dueOn: string },
  actorId: string,
) {
  const id = newId("ms");
  await db.batch([
    db.insert(milestones).values({ id, challengeId, ...input, createdById: actorId }),
    recordActivity(db, {
      challengeId,
      actorId,
      action: "milestone_added",
      detail: { milestoneId: id, title: input.title },
    }),
  ]);
  return id;
}

/** Changes a milestone; slipping it tells the team (SPEC §6: status without meetings). */
export async function changeMilestone<const P extends readonly Plan[]>(
  db: Database,
  m: { id: string; challengeId: string; title: string; status: MilestoneStatus },
  changes: { title?: string; dueOn?: string; status?: MilestoneStatus; slipReason?: string },
  actorId: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const slipped = changes.status === "slipped" && m.status !== "slipped";
  const { written: results, read } = await writeThenRead(
    db,
    [
      db
        .update(milestones)
        .set({
          title: changes.title,
          dueOn: changes.dueOn,
          status: changes.status,
          slipReason: changes.status === "slipped" ? changes.slipReason : changes.status ? "" : undefined,
          doneAt: changes.status === "done" ? now : changes.status ? null : undefined,
          updatedAt: now,
        })
        .where(and(eq(milestones.id, m.id), eq(milestones.status, m.status))),
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${m.challengeId}, ${actorId},
        ${changes.status === "done" ? "milestone_done" : slipped ? "milestone_slipped" : "milestone_edited"},
        ${JSON.stringify({ milestoneId: m.id, title: changes.title ?? m.title, reason: changes.slipReason ?? "" })}, ${now}
      WHERE changes() = 1`,
      ...(slipped
        ? [
            notify(
              teamOf(m.challengeId),
              {
                kind: "milestone_slipped",
                challengeId: m.challengeId,
                actorId,
                data: { milestoneId: m.id, title: changes.title ?? m.title, reason: changes.slipReason },
              },
              sql`EXISTS (SELECT 1 FROM milestones WHERE id = ${m.id} AND status = 'slipped' AND updated_at = ${now})`,
            ),
          ]
        : []),
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

export interface CheckinInput {
  kpiId: string;
  value: number;
  measuredOn: string;
}

/**
 * Posts an update with its KPI check-ins, telling the people it mentions (`handles`, from
 * domain/discussion.ts `mentionHandles`) who can see the challenge, in one batch that reads back
 * `after(id)`.
 */
export async function postUpdate<const P extends readonly Plan[]>(
  db: Database,
  challengeId: string,
  input: { body: string; checkins: CheckinInput[] },
  authorId: string,
  after: (id: string) => P,
  handles: readonly string[] = [],
) {
  const id = newId("upd");
  const createdAt = new Date().toISOString();
  const { read } = await writeThenRead(
    db,
    [
      db.insert(updates).values({ id, challengeId, authorId, body: input.body, createdAt }),
      ...input.checkins.map((c) =>
        db.insert(kpiCheckins).values({ id: newId("chk"), updateId: id, challengeId, ...c }),
      ),
      recordActivity(db, {
        challengeId,
        actorId: authorId,
        action: "update_posted",
        detail: { updateId: id, checkins: input.checkins.length },
      }),
      ...mentionStatements({ kind: "update", id, challengeId, authorId }, handles),
    ],
    ...after(id),
  );
  return { id, createdAt, read };
}

const updateColumns = {
  id: updates.id,
  challengeId: updates.challengeId,
  challengeTitle: sql<string>`(SELECT c.title FROM challenges c WHERE c.id = updates.challenge_id)`.as(
    "challenge_title",
  ),
  body: shownBodySql(updates.body, updates.removedAt).as("body"),
  createdAt: updates.createdAt,
  editedAt: updates.editedAt,
  removedAt: updates.removedAt,
  mentions: mentionsJsonSql(sql`${updates.id}`, sql`${updates.removedAt}`).as("mentions"),
  authorId: updates.authorId,
  authorName: personName(sql`updates.author_id`).as("author_name"),
  checkins:
    sql<string>`(SELECT json_group_array(json_object('kpiId', k.kpi_id, 'value', k.value, 'measuredOn', k.measured_on,
      'kpiName', (SELECT ck.name FROM challenge_kpis ck WHERE ck.id = k.kpi_id),
      'unit', (SELECT ck.unit FROM challenge_kpis ck WHERE ck.id = k.kpi_id)))
    FROM kpi_checkins k WHERE k.update_id = updates.id)`.as("checkins"),
};

type UpdateRow = { checkins: string; mentions: string };
export const parseUpdate = <T extends UpdateRow>({ mentions, ...r }: T) => ({
  ...r,
  mentions: parseMentions(mentions),
  checkins: JSON.parse(r.checkins) as {
    kpiId: string;
    value: number;
    measuredOn: string;
    kpiName: string;
    unit: string;
  }[],
});

/** A page of a challenge's updates, newest first (one more than `limit`, to tell whether more follow). */
export function updatesPlan(db: Database, challengeId: string, limit: number, before?: [string, string]) {
  const query = db
    .select(updateColumns)
    .from(updates)
    .where(
      and(
        eq(updates.challengeId, challengeId),
        before ? sql`(${updates.createdAt}, ${updates.id}) < (${before[0]}, ${before[1]})` : undefined,
      ),
    )
    .orderBy(desc(updates.createdAt), desc(updates.id))
    .limit(limit + 1);
  return readPlan([query], ([rows]) => rows.map(parseUpdate));
}

/** One update with its check-ins, as the listings show it. */
export function updatePlan(db: Database, id: string) {
  const query = db.select(updateColumns).from(updates).where(eq(updates.id, id)).limit(1);
  return readPlan([query], ([[row]]) => (row ? parseUpdate(row) : null));
}

/** An update as the listings show it. */
export type UpdateEntry = NonNullable<ReturnType<ReturnType<typeof updatePlan>["read"]>>;

/**
 * "Following": updates of challenges I lead, co-lead, back or am on, newest first; a seat on a
 * challenge never published shows nothing of it (SPEC §14).
 */
export async function listFollowing(db: Database, personId: string, limit: number, before?: [string, string]) {
  const followed = sql`SELECT id FROM challenges WHERE lead_id = ${personId} OR co_lead_id = ${personId}
    UNION SELECT challenge_id FROM backings WHERE person_id = ${personId}
    UNION SELECT challenge_id FROM memberships m WHERE m.person_id = ${personId} AND ${seatStatus(sql`m.status`)}`;
  const rows = await db
    .select(updateColumns)
    .from(updates)
    .where(
      and(
        sql`${updates.challengeId} IN (${followed})`,
        sql`NOT ${namesHiddenChallengeSql(sql`${updates.challengeId}`, personId)}`,
        before ? sql`(${updates.createdAt}, ${updates.id}) < (${before[0]}, ${before[1]})` : undefined,
      ),
    )
    .orderBy(desc(updates.createdAt), desc(updates.id))
    .limit(limit + 1);
  return rows.map(parseUpdate);
}

export async function kpisOf(db: Database, challengeId: string) {
  return db.select({ id: challengeKpis.id }).from(challengeKpis).where(eq(challengeKpis.challengeId, challengeId));
}

// ─── Contributions ──────────────────────────────────────────────────────────────────────────

export const contributionColumns = {
  id: contributions.id,
  challengeId: contributions.challengeId,
  challengeTitle: sql<string>`(SELECT c.title FROM challenges c WHERE c.id = contributions.challenge_id)`.as(
    "challenge_title",
  ),
  challengeStage: sql<string>`(SELECT c.stage FROM challenges c WHERE c.id = contributions.challenge_id)`.as(
    "challenge_stage",
  ),
  personId: contributions.personId,
  personName: personName(sql`contributions.person_id`).as("person_name"),
  recordedById: contributions.recordedById,
  recordedByName: personName(sql`contributions.recorded_by_id`).as("recorded_by_name"),
  type: contributions.type,
  description: contributions.description,
  hours: contributions.hours,
  status: contributions.status,
  declineReason: contributions.declineReason,
  retractedById: contributions.retractedById,
  retractedByName: sql<string | null>`${personName(sql`contributions.retracted_by_id`)}`.as("retracted_by_name"),
  retractReason: contributions.retractReason,
  confirmedAt: contributions.confirmedAt,
  endedAt: contributions.endedAt,
  createdAt: contributions.createdAt,
  endorsements: sql<string>`(SELECT json_group_array(json_object('id', e.id, 'endorserId', e.endorser_id,
      'endorserName', ${personName(sql`e.endorser_id`)}, 'note', e.note, 'createdAt', e.created_at,
      'skills', json((SELECT json_group_array(es.skill) FROM (SELECT skill FROM endorsement_skills
        WHERE endorsement_id = e.id ORDER BY skill) es))))
    FROM (SELECT * FROM endorsements WHERE contribution_id = contributions.id ORDER BY created_at) e)`.as(
    "endorsements",
  ),
};

type ContributionRow = { endorsements: string; type: string } & Record<string, unknown>;
export const parseContribution = <T extends ContributionRow>(r: T) => ({
  ...r,
  type: r.type as ContributionType,
  endorsements: JSON.parse(r.endorsements) as {
    id: string;
    endorserId: string;
    endorserName: string;
    note: string;
    createdAt: string;
    skills: string[];
  }[],
});

/** Credit records matching `where`, newest first; all of them unless `limit` says otherwise. */
export async function listContributions(db: Database, where: SQL, limit?: number) {
  const query = db
    .select(contributionColumns)
    .from(contributions)
    .where(where)
    .orderBy(desc(contributions.createdAt), desc(contributions.id));
  const rows = await (limit === undefined ? query : query.limit(limit));
  return rows.map(parseContribution);
}

/** Credit records matching `where`, newest first, at most `limit`: to read with other plans. */
function contributionsPlan(db: Database, where: SQL, limit: number) {
  const query = db
    .select(contributionColumns)
    .from(contributions)
    .where(where)
    .orderBy(desc(contributions.createdAt), desc(contributions.id))
    .limit(limit);
  return readPlan([query], ([rows]) => rows.map(parseContribution));
}

/** A challenge's credit records, newest first, from before the (createdAt, id) keyset cursor. */
export function challengeContributionsPlan(
  db: Database,
  challengeId: string,
  limit: number,
  before?: CursorKey | null,
) {
  return contributionsPlan(
    db,
    and(
      eq(contributions.challengeId, challengeId),
      before ? sql`(${contributions.createdAt}, ${contributions.id}) < (${before[0]}, ${before[1]})` : undefined,
    ) as SQL,
    limit,
  );
}

/** A challenge's confirmed credit, newest first: the credits roll of its showcase. */
export function listConfirmedContributions(db: Database, challengeId: string) {
  return listContributions(
    db,
    and(eq(contributions.challengeId, challengeId), eq(contributions.status, "confirmed")) as SQL,
  );
}

/** One credit record with its endorsements; null when there is none. */
export function contributionPlan(db: Database, id: string) {
  return mapPlan(contributionsPlan(db, eq(contributions.id, id), 1), ([row]) => row ?? null);
}

/** The challenge a credit record is on, as SQL, to read the challenge in the record's round trip. */
export const challengeOfContribution = (id: string) => sql`(SELECT challenge_id FROM contributions WHERE id = ${id})`;

/**
 * Records credit. For oneself it is confirmed at once; for a teammate it waits for them, and
 * they are told. Both people must be on the team when it is written (checked in the statement).
 */
export async function recordContribution<const P extends readonly Plan[]>(
  db: Database,
  input: {
    challengeId: string;
    personId: string;
    recordedById: string;
    type: ContributionType;
    description: string;
    hours: number | null;
  },
  after: (id: string) => P,
) {
  const id = newId("cr");
  const now = new Date().toISOString();
  const self = input.personId === input.recordedById;
  const team = teamOf(input.challengeId);
  const made = sql`EXISTS (SELECT 1 FROM contributions WHERE id = ${id})`;
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`INSERT INTO ${contributions} (id, challenge_id, person_id, recorded_by_id, type, description, hours, status, confirmed_at, created_at)
      SELECT ${id}, ${input.challengeId}, ${input.personId}, ${input.recordedById}, ${input.type}, ${input.description},
        ${input.hours}, ${self ? "confirmed" : "pending"}, ${self ? now : null}, ${now}
      WHERE ${input.personId} IN (${team}) AND ${input.recordedById} IN (${team})`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${input.challengeId}, ${input.recordedById}, 'credit_recorded',
        ${JSON.stringify({ contributionId: id, personId: input.personId, type: input.type })}, ${now}
      WHERE ${made}`,
      ...(self
        ? []
        : [
            notify(
              recipients.person(input.personId),
              {
                kind: "credit_pending",
                challengeId: input.challengeId,
                actorId: input.recordedById,
                data: { contributionId: id, type: input.type, description: input.description },
              },
              made,
            ),
          ]),
    ],
    ...after(id),
  );
  return { id: results[0].meta.changes > 0 ? id : null, read };
}

/** The credited person confirms (it now counts) or declines (with a reason) pending credit. */
export async function answerContribution<const P extends readonly Plan[]>(
  db: Database,
  c: { id: string; challengeId: string; personId: string; recordedById: string; type: string },
  answer: "confirm" | "decline",
  reason: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const status = answer === "confirm" ? "confirmed" : "declined";
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`UPDATE ${contributions} SET status = ${status}, confirmed_at = ${answer === "confirm" ? now : null},
        ended_at = ${answer === "decline" ? now : null}, decline_reason = ${answer === "decline" ? reason : ""}
      WHERE id = ${c.id} AND status = 'pending' AND person_id = ${c.personId}`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${c.challengeId}, ${c.personId}, ${`credit_${status}`},
        ${JSON.stringify({ contributionId: c.id, reason })}, ${now}
      WHERE changes() = 1`,
      notify(
        recipients.person(c.recordedById),
        {
          kind: `credit_${status}` as "credit_confirmed",
          challengeId: c.challengeId,
          actorId: c.personId,
          data: { contributionId: c.id, type: c.type, reason },
        },
        sql`EXISTS (SELECT 1 FROM contributions WHERE id = ${c.id} AND status = ${status}
        AND coalesce(confirmed_at, ended_at) = ${now})`,
      ),
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

export async function endorse<const P extends readonly Plan[]>(
  db: Database,
  c: { id: string; challengeId: string; personId: string; type: string },
  endorserId: string,
  note: string,
  skills: readonly string[],
  ...after: P
) {
  const id = newId("end");
  const made = sql`EXISTS (SELECT 1 FROM endorsements WHERE id = ${id})`;
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`INSERT INTO ${endorsements} (id, contribution_id, endorser_id, note)
      SELECT ${id}, ${c.id}, ${endorserId}, ${note}
      WHERE EXISTS (SELECT 1 FROM contributions WHERE id = ${c.id} AND status = 'confirmed')
      ON CONFLICT (contribution_id, endorser_id) DO NOTHING`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail)
      SELECT ${newId("act")}, ${c.challengeId}, ${endorserId}, 'credit_endorsed', ${JSON.stringify({ contributionId: c.id, endorsementId: id })}
      WHERE changes() = 1`,
      // The skills it names, in the same batch: evidence for them on the person's profile (SPEC §16).
      ...(skills.length
        ? [
            sql`INSERT INTO ${endorsementSkills} (endorsement_id, skill)
            SELECT ${id}, value FROM json_each(${JSON.stringify(skills)}) WHERE ${made}`,
          ]
        : []),
      notify(
        recipients.person(c.personId),
        {
          kind: "endorsement",
          challengeId: c.challengeId,
          actorId: endorserId,
          data: { contributionId: c.id, type: c.type, note, skills },
        },
        made,
      ),
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

/** Retraction: the record stays, marked retracted with who and why; it no longer counts. */
export async function retractContribution<const P extends readonly Plan[]>(
  db: Database,
  c: { id: string; challengeId: string; personId: string },
  actorId: string,
  reason: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`UPDATE ${contributions} SET status = 'retracted', retracted_by_id = ${actorId}, retract_reason = ${reason}, ended_at = ${now}
      WHERE id = ${c.id} AND status IN ('pending', 'confirmed')`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${c.challengeId}, ${actorId}, 'credit_retracted',
        ${JSON.stringify({ contributionId: c.id, personId: c.personId, reason })}, ${now}
      WHERE changes() = 1`,
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

// ─── Kudos ──────────────────────────────────────────────────────────────────────────────────

/** Gives kudos, tells the person thanked, and reads back `after(id)`, in one batch. */
export async function giveKudos<const P extends readonly Plan[]>(
  db: Database,
  input: { challengeId: string; fromId: string; toId: string; message: string },
  after: (id: string) => P,
) {
  const id = newId("kud");
  const createdAt = new Date().toISOString();
  const { read } = await writeThenRead(
    db,
    [
      db.insert(kudos).values({ id, ...input, createdAt }),
      recordActivity(db, {
        challengeId: input.challengeId,
        actorId: input.fromId,
        action: "kudos_given",
        detail: { kudosId: id, toId: input.toId },
      }),
      notify(recipients.person(input.toId), {
        kind: "kudos",
        challengeId: input.challengeId,
        actorId: input.fromId,
        data: { kudosId: id, message: input.message },
      }),
    ],
    ...after(id),
  );
  return { id, createdAt, read };
}

export function kudosPlan(db: Database, id: string) {
  return readPlan([db.select(kudosColumns).from(kudos).where(eq(kudos.id, id)).limit(1)], ([[row]]) => row ?? null);
}

export const kudosColumns = {
  id: kudos.id,
  challengeId: kudos.challengeId,
  challengeTitle: sql<string>`(SELECT c.title FROM challenges c WHERE c.id = kudos.challenge_id)`.as("challenge_title"),
  fromId: kudos.fromId,
  fromName: personName(sql`kudos.from_id`).as("from_name"),
  toId: kudos.toId,
  toName: personName(sql`kudos.to_id`).as("to_name"),
  message: kudos.message,
  createdAt: kudos.createdAt,
};

// ─── Framework dimensions ───────────────────────────────────────────────────────────────────

export async function loadDimensions(db: Database): Promise<Dimension[]> {
  const rows = await db.select().from(frameworkDimensions).orderBy(asc(frameworkDimensions.position));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    contributionTypes: JSON.parse(r.contributionTypes) as ContributionType[],
  }));
}

// ─── Portfolio ──────────────────────────────────────────────────────────────────────────────

/** A challenge a person led, co-led or joined, with their role and the challenge's outcome. */
interface PortfolioRole {
  challengeId: string;
  title: string;
  stage: string;
  role: string;
  discipline: string | null;
  commitmentPercent: number | null;
  outcome: string | null;
  decidedAt: string | null;
}

const ROLE_COLUMNS = [
  "challengeId",
  "title",
  "stage",
  "role",
  "discipline",
  "commitmentPercent",
  "outcome",
  "decidedAt",
] as const;

/**
 * A person's impact portfolio, to read in one round trip with their profile: challenges led and
 * joined with roles and outcomes, every credit record about them (the caller filters what
 * counts), kudos both ways, and the framework's dimensions.
 */
export function portfolioPlan(db: Database, personId: string, viewerId: string) {
  // Nothing of a challenge the viewer may not see, whoever the portfolio is of (SPEC §14).
  const seen = (challengeId: Column) => sql`NOT ${namesHiddenChallengeSql(sql`${challengeId}`, viewerId)}`;
  // Someone else's portfolio lists what was published; one's own, one's drafts too (as the profile).
  const onPortfolio = sql`(${publishedSql("c")} OR (${personId} = ${viewerId} AND ${visibleToSql("c", viewerId)}))`;
  const roles = sql`
      SELECT c.id AS challengeId, c.title, c.stage, 'lead' AS role, NULL AS discipline, NULL AS commitmentPercent,
        (SELECT json_extract(a.detail, '$.decision') FROM activities a WHERE a.challenge_id = c.id AND a.action = 'decided'
          ORDER BY a.created_at DESC LIMIT 1) AS outcome,
        (SELECT a.created_at FROM activities a WHERE a.challenge_id = c.id AND a.action = 'decided'
          ORDER BY a.created_at DESC LIMIT 1) AS decidedAt
      FROM challenges c WHERE c.lead_id = ${personId} AND ${onPortfolio}
      UNION ALL
      SELECT c.id, c.title, c.stage, 'co-lead', NULL, NULL,
        (SELECT json_extract(a.detail, '$.decision') FROM activities a WHERE a.challenge_id = c.id AND a.action = 'decided'
          ORDER BY a.created_at DESC LIMIT 1),
        (SELECT a.created_at FROM activities a WHERE a.challenge_id = c.id AND a.action = 'decided'
          ORDER BY a.created_at DESC LIMIT 1)
      FROM challenges c WHERE c.co_lead_id = ${personId} AND ${onPortfolio}
      UNION ALL
      SELECT c.id, c.title, c.stage, 'member', s.discipline_id, m.commitment_percent,
        (SELECT json_extract(a.detail, '$.decision') FROM activities a WHERE a.challenge_id = c.id AND a.action = 'decided'
          ORDER BY a.created_at DESC LIMIT 1),
        (SELECT a.created_at FROM activities a WHERE a.challenge_id = c.id AND a.action = 'decided'
          ORDER BY a.created_at DESC LIMIT 1)
      FROM memberships m JOIN challenges c ON c.id = m.challenge_id JOIN challenge_slots s ON s.id = m.slot_id
      WHERE m.person_id = ${personId} AND m.status IN ('active', 'released')
        AND (c.co_lead_id IS NULL OR c.co_lead_id <> ${personId}) AND ${onPortfolio}`;
  const queries = [
    rawRows<(typeof ROLE_COLUMNS)[number], PortfolioRole>(db, ROLE_COLUMNS, roles),
    // Every confirmed record, however many: the portfolio's counts and the impact packet rest on them.
    db
      .select(contributionColumns)
      .from(contributions)
      .where(
        and(
          eq(contributions.personId, personId),
          eq(contributions.status, "confirmed"),
          seen(contributions.challengeId),
        ),
      )
      .orderBy(desc(contributions.createdAt), desc(contributions.id)),
    // Pending, declined and retracted ones are shown but never count: the newest 500 are enough.
    db
      .select(contributionColumns)
      .from(contributions)
      .where(
        and(
          eq(contributions.personId, personId),
          ne(contributions.status, "confirmed"),
          seen(contributions.challengeId),
        ),
      )
      .orderBy(desc(contributions.createdAt), desc(contributions.id))
      .limit(500),
    // Kudos received are evidence in the impact packet: all of them. Those given: the newest 200.
    db
      .select(kudosColumns)
      .from(kudos)
      .where(and(eq(kudos.toId, personId), seen(kudos.challengeId)))
      .orderBy(desc(kudos.createdAt)),
    db
      .select(kudosColumns)
      .from(kudos)
      .where(and(eq(kudos.fromId, personId), seen(kudos.challengeId)))
      .orderBy(desc(kudos.createdAt))
      .limit(200),
    db.select().from(frameworkDimensions).orderBy(asc(frameworkDimensions.position)),
  ] as const;
  return readPlan(queries, ([roleRows, confirmed, others, kudosReceived, kudosGiven, dimensions]) => {
    const credit = [...confirmed, ...others].sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
    );
    return {
      roles: roleRows,
      credit: credit.map(parseContribution),
      kudosReceived,
      kudosGiven,
      dimensions: dimensions.map((r) => ({
        id: r.id,
        name: r.name,
        description: r.description,
        contributionTypes: JSON.parse(r.contributionTypes) as ContributionType[],
      })),
    };
  });
}
