import { and, eq, inArray, notInArray, type SQL, sql } from "drizzle-orm";
import { challengeSlots, challenges, memberships, orgSettings, people, slotInvitations } from "../../db/schema";
import { newId } from "../domain/ids";
import { COMMITTED_STAGES, RECRUITING_STAGES } from "../domain/lifecycle";
import {
  byFit,
  type CandidateFacts,
  declaredOnly,
  evidencedSlotFit,
  rankCandidates,
  type ShownSkill,
} from "../domain/skills";
import { SEAT_STATUSES } from "../domain/teams";
import type { Database } from "../middleware/db";
import { type ReadPlan, rawRows, readPlan, writeThenRead } from "./batch";
import { notify, recipients } from "./inbox";
import { stageIn } from "./stage-sql";
import { seatStatus } from "./team-sql";
import { namesHiddenChallengeSql, shownNameSql } from "./visibility";

type Plan = ReadPlan<unknown>;

/**
 * The evidence behind shown skills (SPEC §16), as rows (person_id, skill, contribution_id,
 * challenge_id, at, endorsement_id): each confirmed contribution counts for every skill its
 * credited person's slot on that challenge asked for (contribution → membership → slot skills),
 * and for every skill an endorsement of it names. A pending, declined or retracted contribution
 * backs nothing. `where` narrows the contributions (alias `c`), `skill` the skills (a SQL
 * expression of the candidate skill), and nothing on a challenge `viewerId` may not see leaves
 * the database.
 */
function evidenceSql(where: SQL, viewerId: string, skillIn?: (skill: SQL) => SQL) {
  const seen = sql`NOT ${namesHiddenChallengeSql(sql`c.challenge_id`, viewerId)}`;
  const slotSkill = sql`lower(trim(s.value))`;
  return sql`
    SELECT c.person_id AS person_id, ${slotSkill} AS skill, c.id AS contribution_id, c.challenge_id AS challenge_id,
      coalesce(c.confirmed_at, c.created_at) AS at, NULL AS endorsement_id
    FROM contributions c
    JOIN memberships m ON m.challenge_id = c.challenge_id AND m.person_id = c.person_id
    JOIN challenge_slots sl ON sl.id = m.slot_id
    JOIN json_each(sl.skills) s
    WHERE c.status = 'confirmed' AND ${where} AND ${seen} ${skillIn ? sql`AND ${skillIn(slotSkill)}` : sql``}
    UNION
    SELECT c.person_id, es.skill, c.id, c.challenge_id, e.created_at, e.id
    FROM endorsement_skills es
    JOIN endorsements e ON e.id = es.endorsement_id
    JOIN contributions c ON c.id = e.contribution_id
    WHERE c.status = 'confirmed' AND ${where} AND ${seen} ${skillIn ? sql`AND ${skillIn(sql`es.skill`)}` : sql``}`;
}

/** The skills one person has shown, as a SQL set of `skill`, for conditions. */
const shownSkillsOf = (personId: string, viewerId: string) =>
  sql`SELECT ev.skill FROM (${evidenceSql(sql`c.person_id = ${personId}`, viewerId)}) ev`;

const EVIDENCE_COLUMNS = [
  "skill",
  "contributionId",
  "challengeId",
  "challengeTitle",
  "at",
  "endorsementCount",
] as const;

interface EvidenceRow {
  skill: string;
  contributionId: string;
  challengeId: string;
  challengeTitle: string;
  at: string;
  endorsementCount: number;
}

/** One piece of evidence for a skill: a confirmed contribution, where it is and when. */
export interface SkillEvidence {
  contributionId: string;
  challengeId: string;
  challengeTitle: string;
  at: string;
}

export type ShownSkillWithEvidence = ShownSkill & { evidence: SkillEvidence[] };

/** Evidence rows (one per skill and contribution) as shown skills, best backed first. */
function shownFrom(rows: EvidenceRow[]): ShownSkillWithEvidence[] {
  const bySkill = new Map<string, EvidenceRow[]>();
  for (const r of rows) bySkill.set(r.skill, [...(bySkill.get(r.skill) ?? []), r]);
  return [...bySkill.entries()]
    .map(([skill, list]) => {
      const evidence = [...list].sort(
        (a, b) => b.at.localeCompare(a.at) || a.contributionId.localeCompare(b.contributionId),
      );
      const challengeIds = [...new Set(evidence.map((e) => e.challengeId))];
      return {
        skill,
        contributions: evidence.length,
        challenges: challengeIds.length,
        endorsements: evidence.reduce((n, e) => n + Number(e.endorsementCount), 0),
        latestAt: evidence[0]?.at ?? "",
        contributionIds: evidence.map((e) => e.contributionId),
        challengeIds,
        evidence: evidence.map(({ contributionId, challengeId, challengeTitle, at }) => ({
          contributionId,
          challengeId,
          challengeTitle,
          at,
        })),
      };
    })
    .sort(
      (a, b) =>
        b.challenges - a.challenges ||
        b.contributions - a.contributions ||
        b.latestAt.localeCompare(a.latestAt) ||
        a.skill.localeCompare(b.skill),
    );
}

function evidenceRowsQuery(db: Database, personId: string, viewerId: string) {
  return rawRows<(typeof EVIDENCE_COLUMNS)[number], EvidenceRow>(
    db,
    EVIDENCE_COLUMNS,
    sql`SELECT ev.skill AS "skill", ev.contribution_id AS "contributionId", ev.challenge_id AS "challengeId",
        (SELECT t.title FROM challenges t WHERE t.id = ev.challenge_id) AS "challengeTitle",
        max(ev.at) AS "at", count(ev.endorsement_id) AS "endorsementCount"
      FROM (${evidenceSql(sql`c.person_id = ${personId}`, viewerId)}) ev
      GROUP BY ev.skill, ev.contribution_id
      LIMIT 2000`,
  );
}

/**
 * A person's skills as `viewerId` sees them, in one query pair: the shown ones with their
 * evidence (count, latest date, links), and the declared ones (people.skills) no evidence backs
 * yet. Null when there is no such person.
 */
export function personSkillsPlan(db: Database, personId: string, viewerId: string) {
  const person = db
    .select({ id: people.id, skills: people.skills })
    .from(people)
    .where(eq(people.id, personId))
    .limit(1);
  return readPlan([person, evidenceRowsQuery(db, personId, viewerId)], ([[p], rows]) => {
    if (!p) return null;
    const shown = shownFrom(rows as EvidenceRow[]);
    return { shown, declared: declaredOnly(JSON.parse(p.skills) as string[], shown) };
  });
}

// ─── For you ────────────────────────────────────────────────────────────────────────────────

/**
 * "For you" (SPEC §6, §16): open role slots on recruiting challenges the person is not on, whose
 * discipline or skills fit theirs, roles asking for skills they have *shown* first, then those
 * asking only for skills they list (worker/domain/skills.ts `evidencedSlotFit`, `byFit`). Built
 * from the caller's id alone (their discipline, declared and shown skills ride in the same
 * batch), so it stays in the request's one round trip.
 */
export function suggestionsPlan(db: Database, meId: string, limit: number) {
  const person = db
    .select({ disciplineId: people.disciplineId, skills: people.skills })
    .from(people)
    .where(eq(people.id, meId))
    .limit(1);
  const mySkills = sql`(SELECT lower(ms.value) FROM ${people} mp, json_each(mp.skills) ms WHERE mp.id = ${meId}
    UNION ${shownSkillsOf(meId, meId)})`;
  const slots = db
    .select({
      id: challengeSlots.id,
      discipline: challengeSlots.disciplineId,
      count: challengeSlots.count,
      filled: challengeSlots.filled,
      skills: challengeSlots.skills,
      commitmentPercent: challengeSlots.commitmentPercent,
      required: challengeSlots.required,
      challengeId: sql<string>`${challenges.id}`.as("challenge_id"),
      title: challenges.title,
      summary: challenges.summary,
      stage: challenges.stage,
      applied: sql<number>`EXISTS (SELECT 1 FROM applications a WHERE a.slot_id = ${challengeSlots.id}
          AND a.applicant_id = ${meId} AND a.status = 'pending')`,
    })
    .from(challengeSlots)
    .innerJoin(challenges, eq(challenges.id, challengeSlots.challengeId))
    .where(
      and(
        inArray(challenges.stage, [...RECRUITING_STAGES]),
        eq(challengeSlots.status, "open"),
        sql`${challengeSlots.filled} < ${challengeSlots.count}`,
        sql`${challenges.leadId} <> ${meId}`,
        sql`coalesce(${challenges.coLeadId}, '') <> ${meId}`,
        notInArray(
          challenges.id,
          db
            .select({ id: memberships.challengeId })
            .from(memberships)
            .where(and(eq(memberships.personId, meId), inArray(memberships.status, [...SEAT_STATUSES]))),
        ),
        sql`(${challengeSlots.disciplineId} = (SELECT coalesce(discipline_id, '') FROM ${people} WHERE id = ${meId})
          OR EXISTS (SELECT 1 FROM json_each(${challengeSlots.skills}) s WHERE lower(s.value) IN ${mySkills}))`,
      ),
    )
    .limit(500);
  return readPlan([person, slots, evidenceRowsQuery(db, meId, meId)], ([[me], rows, evidence]) => {
    const shown = new Map(shownFrom(evidence as EvidenceRow[]).map((s) => [s.skill, s]));
    const fitter = {
      discipline: me?.disciplineId ?? null,
      declared: me ? (JSON.parse(me.skills) as string[]) : [],
      shown,
    };
    return rows
      .map((r) => {
        const skills = JSON.parse(r.skills) as string[];
        const fit = evidencedSlotFit(fitter, { discipline: r.discipline, skills, required: r.required });
        return {
          slot: {
            id: r.id,
            discipline: r.discipline,
            count: r.count,
            open: r.count - r.filled,
            skills,
            commitmentPercent: r.commitmentPercent,
            required: r.required,
          },
          challenge: { id: r.challengeId, title: r.title, summary: r.summary, stage: r.stage },
          score: fit.score,
          reasons: fit.reasons,
          shownSkills: fit.shownSkills,
          declaredSkills: fit.declaredSkills,
          applied: Boolean(r.applied),
        };
      })
      .filter((item) => item.score > 0)
      .sort((a, b) =>
        byFit(
          { shownMatches: a.shownSkills.length, score: a.score, title: a.challenge.title },
          { shownMatches: b.shownSkills.length, score: b.score, title: b.challenge.title },
        ),
      )
      .slice(0, limit);
  });
}

// ─── People who have done this ──────────────────────────────────────────────────────────────

/** A person's commitment across open, funded and active teams (their seats), in SQL. */
const loadOf = (personId: SQL) => sql`(SELECT coalesce(sum(lm.commitment_percent), 0)
  FROM memberships lm JOIN challenges lc ON lc.id = lm.challenge_id
  WHERE lm.person_id = ${personId} AND ${seatStatus(sql`lm.status`)} AND ${stageIn(sql`lc.stage`, COMMITTED_STAGES)})`;

const CANDIDATE_COLUMNS = [
  "personId",
  "name",
  "title",
  "disciplineId",
  "avatarUrl",
  "skill",
  "challengeCount",
  "contributionCount",
  "load",
  "cap",
  "invited",
] as const;

interface CandidateRow {
  personId: string;
  name: string;
  title: string;
  disciplineId: string | null;
  avatarUrl: string | null;
  skill: string;
  challengeCount: number;
  contributionCount: number;
  load: number;
  cap: number;
  invited: number;
}

/**
 * "People who have done this" for a slot (SPEC §16): active people who have shown at least one
 * of the skills it asks for, not on the team (lead, co-lead, a seat) and not applied to the
 * challenge (pending or accepted), each with their load and the org's cap, one row per person
 * and skill; `rankedCandidates` ranks them (worker/domain/skills.ts `rankCandidates`). A slot
 * asking for no skills has nobody to match.
 */
export function candidatesPlan(db: Database, challengeId: string, slotId: string, viewerId: string) {
  // The slot's skills, read in the same statement: the plan rides in the challenge's round trip.
  const wanted = sql`(SELECT DISTINCT lower(trim(ws.value)) FROM challenge_slots wsl, json_each(wsl.skills) ws
    WHERE wsl.id = ${slotId} AND wsl.challenge_id = ${challengeId})`;
  const skillIn = (skill: SQL) => sql`${skill} IN ${wanted}`;
  const query = rawRows<(typeof CANDIDATE_COLUMNS)[number], CandidateRow>(
    db,
    CANDIDATE_COLUMNS,
    sql`SELECT ev.person_id AS "personId", ${shownNameSql(sql`ev.person_id`)} AS "name", p.title AS "title",
        p.discipline_id AS "disciplineId", p.avatar_url AS "avatarUrl", ev.skill AS "skill",
        count(DISTINCT ev.challenge_id) AS "challengeCount", count(DISTINCT ev.contribution_id) AS "contributionCount",
        ${loadOf(sql`ev.person_id`)} AS "load",
        (SELECT commitment_cap_percent FROM ${orgSettings} WHERE id = 'org') AS "cap",
        EXISTS (SELECT 1 FROM ${slotInvitations} si WHERE si.slot_id = ${slotId} AND si.person_id = ev.person_id) AS "invited"
      FROM (${evidenceSql(sql`1 = 1`, viewerId, skillIn)}) ev
      JOIN people p ON p.id = ev.person_id
      JOIN challenges ch ON ch.id = ${challengeId}
      WHERE p.active = 1
        AND ev.person_id <> ch.lead_id AND ev.person_id IS NOT ch.co_lead_id
        AND NOT EXISTS (SELECT 1 FROM memberships tm WHERE tm.challenge_id = ${challengeId}
          AND tm.person_id = ev.person_id AND ${seatStatus(sql`tm.status`)})
        AND NOT EXISTS (SELECT 1 FROM applications ta WHERE ta.challenge_id = ${challengeId}
          AND ta.applicant_id = ev.person_id AND ta.status IN ('pending', 'accepted'))
      GROUP BY ev.person_id, ev.skill
      LIMIT 5000`,
  );
  return readPlan([query], ([rows]) => rows as CandidateRow[]);
}

export type CandidateRows = CandidateRow[];

/** The candidate rows (one per person and skill) ranked for the slot, at most `limit` people. */
export function rankedCandidates(
  rows: CandidateRows,
  slot: { discipline: string; commitmentPercent: number },
  limit = 20,
) {
  const byPerson = new Map<string, { facts: CandidateFacts; row: CandidateRow }>();
  for (const r of rows) {
    const entry = byPerson.get(r.personId) ?? {
      row: r,
      facts: {
        personId: r.personId,
        name: r.name,
        disciplineId: r.disciplineId,
        shown: [],
        load: Number(r.load),
        cap: Number(r.cap ?? 100),
      },
    };
    entry.facts.shown.push({
      skill: r.skill,
      challenges: Number(r.challengeCount),
      contributions: Number(r.contributionCount),
    });
    byPerson.set(r.personId, entry);
  }
  return rankCandidates(
    slot,
    [...byPerson.values()].map((e) => e.facts),
  )
    .slice(0, limit)
    .map((c) => {
      const row = byPerson.get(c.personId)?.row as CandidateRow;
      return {
        person: {
          id: c.personId,
          name: c.name,
          title: row.title,
          disciplineId: c.disciplineId,
          avatarUrl: row.avatarUrl,
        },
        shownSkills: c.shown,
        sameDiscipline: c.sameDiscipline,
        loadPercent: c.load,
        capPercent: c.cap,
        headroomPercent: c.headroom,
        hasRoom: c.hasRoom,
        invited: Boolean(row.invited),
        reasons: c.reasons,
      };
    });
}

/**
 * What an invitation to `personId` for `slotId` decides on: whether they exist and are active,
 * are on the team (lead, co-lead, a seat), have applied (pending or accepted), or were invited.
 */
export function inviteeFactsPlan(db: Database, challengeId: string, slotId: string, personId: string) {
  const query = db
    .select({
      name: sql<string | null>`(SELECT name FROM people WHERE id = ${personId} AND active = 1)`,
      onTeam: sql<number>`(EXISTS (SELECT 1 FROM challenges oc WHERE oc.id = ${challengeId}
          AND ${personId} IN (oc.lead_id, coalesce(oc.co_lead_id, '')))
        OR EXISTS (SELECT 1 FROM memberships om WHERE om.challenge_id = ${challengeId} AND om.person_id = ${personId}
          AND ${seatStatus(sql`om.status`)}))`,
      applied: sql<number>`EXISTS (SELECT 1 FROM applications oa WHERE oa.challenge_id = ${challengeId}
        AND oa.applicant_id = ${personId} AND oa.status IN ('pending', 'accepted'))`,
      invited: sql<number>`EXISTS (SELECT 1 FROM ${slotInvitations} WHERE slot_id = ${slotId} AND person_id = ${personId})`,
    })
    .from(sql`(SELECT 1)`);
  return readPlan([query], ([[row]]) => ({
    name: row?.name ?? null,
    onTeam: Boolean(row?.onTeam),
    applied: Boolean(row?.applied),
    alreadyInvited: Boolean(row?.invited),
  }));
}

/** One invitation by id, for the route to answer with. */
export function invitationPlan(db: Database, id: string) {
  const query = db
    .select({
      id: slotInvitations.id,
      slotId: slotInvitations.slotId,
      challengeId: slotInvitations.challengeId,
      personId: slotInvitations.personId,
      personName: shownNameSql(sql`slot_invitations.person_id`).as("person_name"),
      invitedById: slotInvitations.invitedById,
      note: slotInvitations.note,
      createdAt: slotInvitations.createdAt,
    })
    .from(slotInvitations)
    .where(eq(slotInvitations.id, id))
    .limit(1);
  return readPlan([query], ([[row]]) => row ?? null);
}

/**
 * Invites a person to apply for a slot and tells them (kind `slot_invited`, which opens the
 * slot), in one batch. Once per slot and person (the unique index): a repeat writes nothing and
 * answers `id: null`.
 */
export async function inviteToSlot<const P extends readonly Plan[]>(
  db: Database,
  input: {
    challengeId: string;
    slot: { id: string; discipline: string; commitmentPercent: number };
    personId: string;
    invitedById: string;
    note: string;
  },
  after: (id: string) => P,
) {
  const id = newId("inv");
  const { written, read } = await writeThenRead(
    db,
    [
      sql`INSERT INTO ${slotInvitations} (id, slot_id, challenge_id, person_id, invited_by_id, note)
      SELECT ${id}, ${input.slot.id}, ${input.challengeId}, ${input.personId}, ${input.invitedById}, ${input.note}
      WHERE EXISTS (SELECT 1 FROM people WHERE id = ${input.personId} AND active = 1)
      ON CONFLICT (slot_id, person_id) DO NOTHING`,
      notify(
        recipients.person(input.personId),
        {
          kind: "slot_invited",
          challengeId: input.challengeId,
          actorId: input.invitedById,
          data: {
            invitationId: id,
            slotId: input.slot.id,
            discipline: input.slot.discipline,
            commitmentPercent: input.slot.commitmentPercent,
            note: input.note,
          },
        },
        sql`EXISTS (SELECT 1 FROM ${slotInvitations} WHERE id = ${id})`,
      ),
    ],
    ...after(id),
  );
  return { id: written[0].meta.changes > 0 ? id : null, read };
}
