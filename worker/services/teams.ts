import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { applications, challengeSlots, challenges, lendRequests, memberships, orgSettings } from "../../db/schema";
import { newId } from "../domain/ids";
import { COMMITTED_STAGES, RECRUITING_STAGES } from "../domain/lifecycle";
import { SEAT_STATUSES } from "../domain/teams";
import type { Database } from "../middleware/db";
import { recordActivity } from "./activity";
import { type ReadPlan, readPlan, readTogether, writeThenRead } from "./batch";

type Plan = ReadPlan<unknown>;

import { notify, recipients } from "./inbox";
import { lendColumns } from "./lends";
import { stageIn } from "./stage-sql";
import { holdsSeatSql, seatStatus, teamMemberSql } from "./team-sql";
import { shownNameSql } from "./visibility";

/** A person's commitment across open, funded and active teams, in SQL (for conditions). */
const commitmentOf = (personId: string | SQL) => sql`(SELECT coalesce(sum(m.commitment_percent), 0)
  FROM memberships m JOIN challenges c ON c.id = m.challenge_id
  WHERE m.person_id = ${personId} AND ${seatStatus(sql`m.status`)} AND ${stageIn(sql`c.stage`, COMMITTED_STAGES)})`;

const capOf = sql`(SELECT commitment_cap_percent FROM ${orgSettings} WHERE id = 'org')`;

/**
 * A person's commitment, the org's cap, whether they already hold a seat on the challenge, and
 * their name. `personId` and `challengeId` may be SQL (the applicant of an application).
 */
export function commitmentPlan(db: Database, personId: string | SQL, challengeId: string | SQL) {
  const query = db
    .select({
      commitment: sql<number>`${commitmentOf(personId)}`,
      cap: sql<number>`${capOf}`,
      holdsSeat: holdsSeatSql(sql`${challengeId}`, sql`${personId}`),
      name: sql<string | null>`(SELECT name FROM people WHERE id = ${personId})`,
    })
    .from(sql`(SELECT 1)`);
  return readPlan([query], ([[row]]) => ({
    commitment: Number(row?.commitment ?? 0),
    cap: Number(row?.cap ?? 100),
    // A seat, lent or awaiting the lend: not "on the team" (lead, co-lead, active), which credit asks.
    holdsSeat: Boolean(row?.holdsSeat),
    name: row?.name ?? null,
  }));
}

export const applicantOf = (applicationId: string) =>
  sql`(SELECT applicant_id FROM applications WHERE id = ${applicationId})`;

// ─── Reading a team ─────────────────────────────────────────────────────────────────────────

/** The team (live seats), the applications and the open lends of a challenge, to read with other plans. */
export function teamPlan(db: Database, challengeId: string | SQL) {
  return readPlan(teamQueries(db, challengeId), ([members, applications]) => ({ members, applications }));
}

/** The team (live seats), the applications and the open lends of a challenge, in one round trip. */
export async function loadTeam(db: Database, challengeId: string) {
  const [team] = await readTogether(db, teamPlan(db, challengeId));
  return team;
}

function teamQueries(db: Database, challengeId: string | SQL) {
  return [
    db
      .select({
        id: memberships.id,
        slotId: memberships.slotId,
        commitmentPercent: memberships.commitmentPercent,
        status: memberships.status,
        createdAt: memberships.createdAt,
        personId: memberships.personId,
        name: shownNameSql(sql`memberships.person_id`).as("name"),
        title: sql<string>`(SELECT p.title FROM people p WHERE p.id = memberships.person_id)`.as("title"),
        disciplineId: sql<string | null>`(SELECT p.discipline_id FROM people p WHERE p.id = memberships.person_id)`.as(
          "discipline_id",
        ),
        levelId: sql<string | null>`(SELECT p.level_id FROM people p WHERE p.id = memberships.person_id)`.as(
          "level_id",
        ),
        avatarUrl: sql<string | null>`(SELECT p.avatar_url FROM people p WHERE p.id = memberships.person_id)`.as(
          "avatar_url",
        ),
        lendId: sql<string | null>`(SELECT l.id FROM lend_requests l WHERE l.membership_id = memberships.id
          ORDER BY l.created_at DESC LIMIT 1)`.as("lend_id"),
        lendStatus: sql<string | null>`(SELECT l.status FROM lend_requests l WHERE l.membership_id = memberships.id
          ORDER BY l.created_at DESC LIMIT 1)`.as("lend_status"),
        managerName: sql<string | null>`(SELECT m.name FROM people p JOIN people m ON m.id = p.manager_id
          WHERE p.id = memberships.person_id)`.as("manager_name"),
      })
      .from(memberships)
      .where(and(eq(memberships.challengeId, challengeId), inArray(memberships.status, [...SEAT_STATUSES])))
      .orderBy(asc(memberships.createdAt), asc(memberships.id)),
    db
      .select({
        id: applications.id,
        slotId: applications.slotId,
        pitch: applications.pitch,
        status: applications.status,
        decisionNote: applications.decisionNote,
        decidedAt: applications.decidedAt,
        createdAt: applications.createdAt,
        applicantId: applications.applicantId,
        name: shownNameSql(sql`applications.applicant_id`).as("name"),
        title: sql<string>`(SELECT p.title FROM people p WHERE p.id = applications.applicant_id)`.as("title"),
        disciplineId: sql<
          string | null
        >`(SELECT p.discipline_id FROM people p WHERE p.id = applications.applicant_id)`.as("discipline_id"),
        levelId: sql<string | null>`(SELECT p.level_id FROM people p WHERE p.id = applications.applicant_id)`.as(
          "level_id",
        ),
        avatarUrl: sql<string | null>`(SELECT p.avatar_url FROM people p WHERE p.id = applications.applicant_id)`.as(
          "avatar_url",
        ),
        commitment: sql<number>`(SELECT coalesce(sum(m.commitment_percent), 0) FROM memberships m
          JOIN challenges c ON c.id = m.challenge_id
          WHERE m.person_id = applications.applicant_id AND ${seatStatus(sql`m.status`)}
            AND ${stageIn(sql`c.stage`, COMMITTED_STAGES)})`.as("commitment"),
      })
      .from(applications)
      .where(eq(applications.challengeId, challengeId))
      .orderBy(desc(applications.createdAt), desc(applications.id)),
  ] as const;
}
export type Team = Awaited<ReturnType<typeof loadTeam>>;

export function applicationPlan(db: Database, id: string) {
  return readPlan([db.select().from(applications).where(eq(applications.id, id)).limit(1)], ([[row]]) => row ?? null);
}

/** The challenge an application is to, as SQL, to read the challenge in the application's round trip. */
export const challengeOfApplication = (id: string) => sql`(SELECT challenge_id FROM applications WHERE id = ${id})`;

export function membershipPlan(db: Database, id: string) {
  return readPlan([db.select().from(memberships).where(eq(memberships.id, id)).limit(1)], ([[row]]) => row ?? null);
}

export const challengeOfMembership = (id: string) => sql`(SELECT challenge_id FROM memberships WHERE id = ${id})`;

/** A lend request with the lent person's name. */
export function lendPlan(db: Database, id: string) {
  return readPlan(
    [
      db
        .select({
          lend: lendRequests,
          personName: sql<string>`(SELECT p.name FROM people p WHERE p.id = lend_requests.person_id)`,
        })
        .from(lendRequests)
        .where(eq(lendRequests.id, id))
        .limit(1),
    ],
    ([[row]]) => (row ? { ...row.lend, personName: row.personName ?? "" } : null),
  );
}

export async function findApplication(db: Database, id: string) {
  const [row] = await readTogether(db, applicationPlan(db, id));
  return row;
}

// ─── Applications ───────────────────────────────────────────────────────────────────────────

/**
 * Applies to a slot: written only while the slot is open with a free seat, the challenge is
 * recruiting, and the applicant neither leads it, holds a seat on it nor has a live application
 * to the slot. The leads are told in the same batch.
 */
export async function apply<const P extends readonly Plan[]>(
  db: Database,
  input: { challengeId: string; slotId: string; applicantId: string; pitch: string; discipline: string },
  ...after: P
) {
  const id = newId("app");
  const { challengeId, slotId, applicantId } = input;
  const made = sql`EXISTS (SELECT 1 FROM ${applications} WHERE id = ${id})`;
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`INSERT INTO ${applications} (id, challenge_id, slot_id, applicant_id, pitch)
      SELECT ${id}, ${challengeId}, ${slotId}, ${applicantId}, ${input.pitch}
      WHERE EXISTS (SELECT 1 FROM ${challengeSlots} s JOIN ${challenges} c ON c.id = s.challenge_id
          WHERE s.id = ${slotId} AND s.challenge_id = ${challengeId} AND s.status = 'open' AND s.filled < s.count
            AND ${stageIn(sql`c.stage`, RECRUITING_STAGES)}
            AND c.lead_id <> ${applicantId} AND coalesce(c.co_lead_id, '') <> ${applicantId})
        AND NOT EXISTS (SELECT 1 FROM ${applications} WHERE slot_id = ${slotId} AND applicant_id = ${applicantId}
          AND status IN ('pending', 'accepted'))
        AND NOT ${holdsSeatSql(sql`${challengeId}`, sql`${applicantId}`)}`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail)
      SELECT ${newId("act")}, ${challengeId}, ${applicantId}, 'applied', ${JSON.stringify({ applicationId: id, slotId })}
      WHERE ${made}`,
      notify(
        recipients.leadsOf(challengeId),
        {
          kind: "application_received",
          challengeId,
          actorId: applicantId,
          data: { applicationId: id, discipline: input.discipline },
        },
        made,
      ),
    ],
    ...after,
  );
  return { id: results[0].meta.changes > 0 ? id : null, read };
}

export async function withdrawApplication<const P extends readonly Plan[]>(
  db: Database,
  app: { id: string; challengeId: string },
  applicantId: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`UPDATE ${applications} SET status = 'withdrawn', decided_at = ${now}
      WHERE id = ${app.id} AND applicant_id = ${applicantId} AND status = 'pending'`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail)
      SELECT ${newId("act")}, ${app.challengeId}, ${applicantId}, 'application_withdrawn', ${JSON.stringify({ applicationId: app.id })}
      WHERE changes() = 1`,
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

/**
 * Accepts an application. One batch, in this order, each step conditional on the one before:
 *   1. take a seat in the slot — only if the application is pending, the slot open with a free
 *      seat, the challenge recruiting, and the applicant's commitment stays within the cap;
 *   2. mark the application accepted; 3. seat the applicant — `pending_lend` if they have a
 *      manager, who gets a lend request, else `active`; 4. the activity and notifications.
 * Concurrent acceptances are serialised by D1, so the cap and the seat count always hold.
 */
export async function acceptApplication<const P extends readonly Plan[]>(
  db: Database,
  app: { id: string; challengeId: string; slotId: string; applicantId: string },
  input: {
    deciderId: string;
    note: string;
    commitmentPercent: number;
    durationWeeks: number | null;
    /** Named in the manager's lend request, who may have several reports. */
    applicantName: string;
  },
  ...after: P
) {
  const now = new Date().toISOString();
  const membershipId = newId("mem");
  const lendId = newId("lend");
  const { challengeId, slotId, applicantId } = app;
  const seated = sql`EXISTS (SELECT 1 FROM ${memberships} WHERE id = ${membershipId})`;
  const managerId = sql`(SELECT manager_id FROM people WHERE id = ${applicantId})`;
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`UPDATE ${challengeSlots} SET filled = filled + 1
      WHERE id = ${slotId} AND status = 'open' AND filled < count
        AND EXISTS (SELECT 1 FROM ${applications} WHERE id = ${app.id} AND status = 'pending')
        AND EXISTS (SELECT 1 FROM ${challenges} WHERE id = ${challengeId} AND ${stageIn(sql`stage`, RECRUITING_STAGES)})
        AND NOT ${holdsSeatSql(sql`${challengeId}`, sql`${applicantId}`)}
        AND ${commitmentOf(applicantId)} + ${input.commitmentPercent} <= ${capOf}`,
      sql`UPDATE ${applications} SET status = 'accepted', decided_by_id = ${input.deciderId},
        decision_note = ${input.note}, decided_at = ${now}
      WHERE id = ${app.id} AND status = 'pending' AND changes() = 1`,
      sql`INSERT INTO ${memberships} (id, challenge_id, slot_id, person_id, application_id, commitment_percent, status, created_at)
      SELECT ${membershipId}, ${challengeId}, ${slotId}, ${applicantId}, ${app.id}, ${input.commitmentPercent},
        CASE WHEN ${managerId} IS NULL THEN 'active' ELSE 'pending_lend' END, ${now}
      WHERE changes() = 1`,
      sql`INSERT INTO ${lendRequests} (id, membership_id, challenge_id, person_id, manager_id, share_percent, duration_weeks, created_at)
      SELECT ${lendId}, ${membershipId}, ${challengeId}, ${applicantId}, ${managerId}, ${input.commitmentPercent},
        ${input.durationWeeks}, ${now}
      WHERE ${seated} AND ${managerId} IS NOT NULL`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${challengeId}, ${input.deciderId}, 'application_accepted',
        json_object('applicationId', ${app.id}, 'personId', ${applicantId}, 'membershipId', ${membershipId},
          'pendingLend', json(CASE WHEN ${managerId} IS NULL THEN 'false' ELSE 'true' END)), ${now}
      WHERE ${seated}`,
      notify(
        recipients.person(applicantId),
        {
          kind: "application_decided",
          challengeId,
          actorId: input.deciderId,
          data: { decision: "accept", applicationId: app.id },
        },
        seated,
      ),
      sql`UPDATE notifications SET data = json_set(data, '$.pendingLend', json('true'))
      WHERE recipient_id = ${applicantId} AND kind = 'application_decided' AND json_extract(data, '$.applicationId') = ${app.id}
        AND ${managerId} IS NOT NULL`,
      notify(
        recipients.managerOf(applicantId),
        {
          kind: "lend_requested",
          challengeId,
          actorId: input.deciderId,
          data: {
            lendId,
            membershipId,
            personName: input.applicantName,
            sharePercent: input.commitmentPercent,
            durationWeeks: input.durationWeeks,
          },
        },
        sql`EXISTS (SELECT 1 FROM ${lendRequests} WHERE id = ${lendId})`,
      ),
    ],
    ...after,
  );
  return { accepted: results[0].meta.changes > 0, membershipId, lendId, read };
}

export async function declineApplication<const P extends readonly Plan[]>(
  db: Database,
  app: { id: string; challengeId: string; applicantId: string },
  deciderId: string,
  note: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const declined = sql`EXISTS (SELECT 1 FROM ${applications} WHERE id = ${app.id} AND status = 'declined' AND decided_at = ${now})`;
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`UPDATE ${applications} SET status = 'declined', decided_by_id = ${deciderId}, decision_note = ${note}, decided_at = ${now}
      WHERE id = ${app.id} AND status = 'pending'`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${app.challengeId}, ${deciderId}, 'application_declined',
        ${JSON.stringify({ applicationId: app.id, personId: app.applicantId })}, ${now}
      WHERE ${declined}`,
      notify(
        recipients.person(app.applicantId),
        {
          kind: "application_decided",
          challengeId: app.challengeId,
          actorId: deciderId,
          data: { decision: "decline", note },
        },
        declined,
      ),
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

// ─── Lending ────────────────────────────────────────────────────────────────────────────────

/**
 * The manager decides a lend request. Approving activates the membership; declining ends it
 * and frees the seat. Either way the member and the leads are told.
 */
export async function decideLend<const P extends readonly Plan[]>(
  db: Database,
  lend: { id: string; membershipId: string; challengeId: string; personId: string; personName: string },
  managerId: string,
  decision: "approve" | "decline",
  reason: string,
  /** An approval's lending agreement (worker/domain/lends.ts `agreementDates`). */
  agreement: { startsOn: string; endsOn: string } | null,
  ...after: P
) {
  const now = new Date().toISOString();
  const status = decision === "approve" ? "approved" : "declined";
  const dates = decision === "approve" && agreement ? agreement : { startsOn: null, endsOn: null };
  const decided = sql`EXISTS (SELECT 1 FROM ${lendRequests} WHERE id = ${lend.id} AND status = ${status} AND decided_at = ${now})`;
  const data = { decision, reason, lendId: lend.id, personName: lend.personName };
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`UPDATE ${lendRequests} SET status = ${status}, reason = ${reason}, decided_at = ${now},
        starts_on = ${dates.startsOn}, ends_on = ${dates.endsOn}
      WHERE id = ${lend.id} AND manager_id = ${managerId} AND status = 'pending'
        AND EXISTS (SELECT 1 FROM ${memberships} WHERE id = ${lend.membershipId} AND status = 'pending_lend')`,
      decision === "approve"
        ? sql`UPDATE ${memberships} SET status = 'active' WHERE id = ${lend.membershipId} AND status = 'pending_lend' AND ${decided}`
        : sql`UPDATE ${memberships} SET status = 'lend_declined', ended_at = ${now}
          WHERE id = ${lend.membershipId} AND status = 'pending_lend' AND ${decided}`,
      ...(decision === "decline"
        ? [
            sql`UPDATE ${challengeSlots} SET filled = filled - 1
            WHERE id = (SELECT slot_id FROM memberships WHERE id = ${lend.membershipId}) AND filled > 0 AND changes() = 1`,
            sql`UPDATE ${applications} SET status = 'ended'
            WHERE id = (SELECT application_id FROM memberships WHERE id = ${lend.membershipId}) AND status = 'accepted'
              AND ${decided}`,
          ]
        : []),
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${lend.challengeId}, ${managerId}, ${`lend_${status}`},
        ${JSON.stringify({ lendId: lend.id, personId: lend.personId, reason })}, ${now}
      WHERE ${decided}`,
      notify(
        sql`SELECT ${lend.personId} AS id UNION ${recipients.leadsOf(lend.challengeId)}`,
        { kind: "lend_decided", challengeId: lend.challengeId, actorId: managerId, data },
        decided,
      ),
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

interface LendQuery {
  status?: "pending" | "approved" | "declined";
  /** Just this one request. */
  id?: string;
  limit: number;
  before?: { createdAt: string; id: string };
}

/** The lend requests a manager decides (pending first), or the ones they approved (their credit). */
export async function listLends(db: Database, managerId: string, query: LendQuery) {
  const [rows] = await readTogether(db, lendsPlan(db, managerId, query));
  return rows;
}

/** `listLends` as a plan, to read back in a decision's own batch. */
export function lendsPlan(db: Database, managerId: string, query: LendQuery) {
  return readPlan([lendsQuery(db, managerId, query)], ([rows]) => rows);
}

function lendsQuery(db: Database, managerId: string, query: LendQuery) {
  const { status, id, limit, before } = query;
  // The agreement and the person's load and other lends, as every lend shape reads them.
  return db
    .select(lendColumns)
    .from(lendRequests)
    .where(
      and(
        eq(lendRequests.managerId, managerId),
        status ? eq(lendRequests.status, status) : undefined,
        id ? eq(lendRequests.id, id) : undefined,
        before ? sql`(${lendRequests.createdAt}, ${lendRequests.id}) < (${before.createdAt}, ${before.id})` : undefined,
      ),
    )
    .orderBy(desc(lendRequests.createdAt), desc(lendRequests.id))
    .limit(limit + 1);
}

// ─── Releasing members, co-leads ────────────────────────────────────────────────────────────

/** Ends a live membership (the lead releases, or the member leaves) and frees its seat. */
export async function releaseMember<const P extends readonly Plan[]>(
  db: Database,
  m: { id: string; challengeId: string; slotId: string; personId: string },
  actorId: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const released = sql`EXISTS (SELECT 1 FROM ${memberships} WHERE id = ${m.id} AND status = 'released' AND ended_at = ${now})`;
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`UPDATE ${memberships} SET status = 'released', ended_at = ${now}
      WHERE id = ${m.id} AND ${seatStatus(sql`status`)}`,
      sql`UPDATE ${challengeSlots} SET filled = filled - 1 WHERE id = ${m.slotId} AND filled > 0 AND changes() = 1`,
      sql`UPDATE ${lendRequests} SET status = 'declined', reason = 'Released from the team before the lend was decided.',
        decided_at = ${now}
      WHERE membership_id = ${m.id} AND status = 'pending' AND ${released}`,
      // The application that gave the seat ends with it, so the person may apply again later.
      sql`UPDATE ${applications} SET status = 'ended'
      WHERE id = (SELECT application_id FROM memberships WHERE id = ${m.id}) AND status = 'accepted' AND ${released}`,
      sql`UPDATE ${challenges} SET co_lead_id = NULL, updated_at = ${now}
      WHERE id = ${m.challengeId} AND co_lead_id = ${m.personId} AND ${released}`,
      // A running lend of the seat ends with it; its manager gets the return report (worker/services/lends.ts).
      sql`UPDATE ${lendRequests} SET closed_kind = 'ended', closed_at = ${now}
      WHERE membership_id = ${m.id} AND status = 'approved' AND closed_at IS NULL AND ${released}`,
      sql`INSERT INTO notifications (id, recipient_id, kind, challenge_id, actor_id, data)
      SELECT 'ntf_' || lower(hex(randomblob(10))), l.manager_id, 'lend_returned', l.challenge_id, NULL,
        json_object('lendId', l.id, 'personName', (SELECT p.name FROM people p WHERE p.id = l.person_id))
      FROM ${lendRequests} l WHERE l.membership_id = ${m.id} AND l.closed_at = ${now}`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${m.challengeId}, ${actorId}, ${actorId === m.personId ? "member_left" : "member_released"},
        ${JSON.stringify({ membershipId: m.id, personId: m.personId })}, ${now}
      WHERE ${released}`,
      notify(
        recipients.person(m.personId),
        { kind: "member_released", challengeId: m.challengeId, actorId, data: { membershipId: m.id } },
        released,
      ),
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

/** Names (or, with null, removes) the co-lead: only an active member can be named. */
export async function setCoLead<const P extends readonly Plan[]>(
  db: Database,
  challengeId: string,
  personId: string | null,
  actorId: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const { written: results, read } = await writeThenRead(
    db,
    [
      personId
        ? sql`UPDATE ${challenges} SET co_lead_id = ${personId}, updated_at = ${now}
          WHERE id = ${challengeId} AND lead_id <> ${personId}
            AND ${teamMemberSql(sql`${challengeId}`, sql`${personId}`)}`
        : sql`UPDATE ${challenges} SET co_lead_id = NULL, updated_at = ${now} WHERE id = ${challengeId}`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${challengeId}, ${actorId}, ${personId ? "co_lead_named" : "co_lead_removed"},
        ${JSON.stringify({ personId })}, ${now}
      WHERE changes() = 1`,
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

// ─── Slots ──────────────────────────────────────────────────────────────────────────────────

export interface SlotInput {
  discipline: string;
  count: number;
  skills: string[];
  commitmentPercent: number;
  required: boolean;
}

export async function addSlot<const P extends readonly Plan[]>(
  db: Database,
  challengeId: string,
  input: SlotInput,
  actorId: string,
  ...after: P
) {
  const id = newId("slot");
  const { read } = await writeThenRead(
    db,
    [
      db.insert(challengeSlots).values({
        id,
        challengeId,
        position: sql`(SELECT coalesce(max(position), -1) + 1 FROM challenge_slots WHERE challenge_id = ${challengeId})`,
        disciplineId: input.discipline,
        count: input.count,
        skills: JSON.stringify(input.skills),
        commitmentPercent: input.commitmentPercent,
        required: input.required,
      }),
      recordActivity(db, {
        challengeId,
        actorId,
        action: "slot_added",
        detail: { slotId: id, discipline: input.discipline },
      }),
    ],
    ...after,
  );
  return { id, read };
}

/** Edits a slot; its count never drops below its filled seats (checked in the same statement). */
export async function updateSlot<const P extends readonly Plan[]>(
  db: Database,
  slot: { id: string; challengeId: string },
  changes: Partial<SlotInput> & { status?: "open" | "closed" },
  actorId: string,
  ...after: P
) {
  const { written: results, read } = await writeThenRead(
    db,
    [
      db
        .update(challengeSlots)
        .set({
          disciplineId: changes.discipline,
          count: changes.count,
          skills: changes.skills ? JSON.stringify(changes.skills) : undefined,
          commitmentPercent: changes.commitmentPercent,
          required: changes.required,
          status: changes.status,
        })
        .where(
          and(
            eq(challengeSlots.id, slot.id),
            changes.count !== undefined ? sql`${challengeSlots.filled} <= ${changes.count}` : undefined,
          ),
        ),
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail)
      SELECT ${newId("act")}, ${slot.challengeId}, ${actorId}, 'slot_edited',
        ${JSON.stringify({ slotId: slot.id, fields: Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined) })}
      WHERE changes() = 1`,
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

/**
 * Removes a slot nobody holds a seat in: deleted outright when it has no history, otherwise
 * closed (applications and past seats keep pointing at it). Pending applications are declined.
 * Returns "removed", "closed", or null when someone took a seat meanwhile.
 */
export async function removeSlot<const P extends readonly Plan[]>(
  db: Database,
  slot: { id: string; challengeId: string },
  actorId: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`UPDATE ${applications} SET status = 'declined', decision_note = 'The role slot was removed.', decided_at = ${now},
        decided_by_id = ${actorId}
      WHERE slot_id = ${slot.id} AND status = 'pending'
        AND EXISTS (SELECT 1 FROM ${challengeSlots} WHERE id = ${slot.id} AND filled = 0)`,
      sql`DELETE FROM ${challengeSlots} WHERE id = ${slot.id} AND filled = 0
      AND NOT EXISTS (SELECT 1 FROM ${applications} WHERE slot_id = ${slot.id})
      AND NOT EXISTS (SELECT 1 FROM ${memberships} WHERE slot_id = ${slot.id})`,
      // A removed slot no longer asks for anyone: closed, and not required (or it would block `start`).
      sql`UPDATE ${challengeSlots} SET status = 'closed', required = 0 WHERE id = ${slot.id} AND filled = 0 AND changes() = 0`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail)
      SELECT ${newId("act")}, ${slot.challengeId}, ${actorId}, 'slot_removed', ${JSON.stringify({ slotId: slot.id })}
      WHERE NOT EXISTS (SELECT 1 FROM ${challengeSlots} WHERE id = ${slot.id} AND status = 'open')`,
      // Those whose applications the removal declined hear of it, as from any other decline.
      notify(
        sql`SELECT applicant_id AS id FROM ${applications}
        WHERE slot_id = ${slot.id} AND status = 'declined' AND decided_at = ${now} AND decided_by_id = ${actorId}`,
        {
          kind: "application_decided",
          challengeId: slot.challengeId,
          actorId,
          data: { decision: "decline", note: "The role slot was removed." },
        },
      ),
    ],
    ...after,
  );
  const outcome = results[1].meta.changes > 0 ? "removed" : results[2].meta.changes > 0 ? "closed" : null;
  return { outcome, read };
}
