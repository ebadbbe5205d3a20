/**
 * Lending agreements (SPEC §16), in SQL: the agreement's columns every lend shape reads (dates,
 * how it closed, the person's load and other live lends), extending and closing a lend, the daily
 * extend-or-end reminder and close, the return report and the manager's mentoring evidence.
 * Every write is one batch whose statements are conditional on the one before, so concurrent
 * closes (an end and a recall at once) leave exactly one winner and the slot's seat count right.
 */
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { lendRequests } from "../../db/schema";
import { newId } from "../domain/ids";
import { addDays, dayOf, END_REMINDER_DAYS } from "../domain/lends";
import { COMMITTED_STAGES } from "../domain/lifecycle";
import type { Database } from "../middleware/db";
import { type ReadPlan, rawRows, readPlan, readTogether, type Statement, writeBatch, writeThenRead } from "./batch";
import { notify } from "./inbox";
import { stageIn } from "./stage-sql";
import { seatStatus } from "./team-sql";
import { namesHiddenChallengeSql } from "./visibility";

type Plan = ReadPlan<unknown>;

/** A running lend, in SQL over `lend_requests` aliased `alias`: approved and not closed. */
export const liveLendSql = (alias: string) => sql.raw(`${alias}.status = 'approved' AND ${alias}.closed_at IS NULL`);

/** The person's load: the commitment percent of their live seats (open, funded and active teams). */
const loadOf = (personId: SQL) => sql<number>`(SELECT coalesce(sum(m.commitment_percent), 0)
  FROM memberships m JOIN challenges c ON c.id = m.challenge_id
  WHERE m.person_id = ${personId} AND ${seatStatus(sql`m.status`)} AND ${stageIn(sql`c.stage`, COMMITTED_STAGES)})`;

/**
 * The columns of a lend every lend shape reads (GET /api/lends, a decision's answer, the
 * agreement page): the request, its agreement, and what the approving manager weighs: the
 * person's current load against the org's cap and their other live lends.
 */
export const lendColumns = {
  id: lendRequests.id,
  membershipId: lendRequests.membershipId,
  challengeId: lendRequests.challengeId,
  challengeTitle: sql<string>`(SELECT c.title FROM challenges c WHERE c.id = lend_requests.challenge_id)`.as(
    "challenge_title",
  ),
  challengeStage: sql<string>`(SELECT c.stage FROM challenges c WHERE c.id = lend_requests.challenge_id)`.as(
    "challenge_stage",
  ),
  personId: lendRequests.personId,
  personName: sql<string>`(SELECT p.name FROM people p WHERE p.id = lend_requests.person_id)`.as("person_name"),
  managerId: lendRequests.managerId,
  managerName: sql<string>`(SELECT p.name FROM people p WHERE p.id = lend_requests.manager_id)`.as("manager_name"),
  sharePercent: lendRequests.sharePercent,
  durationWeeks: lendRequests.durationWeeks,
  status: lendRequests.status,
  reason: lendRequests.reason,
  decidedAt: lendRequests.decidedAt,
  createdAt: lendRequests.createdAt,
  startsOn: lendRequests.startsOn,
  endsOn: lendRequests.endsOn,
  endReminderAt: lendRequests.endReminderAt,
  closedKind: lendRequests.closedKind,
  closedAt: lendRequests.closedAt,
  recallReason: lendRequests.recallReason,
  loadPercent: sql<number>`${loadOf(sql`lend_requests.person_id`)}`.as("load_percent"),
  capPercent: sql<number>`(SELECT commitment_cap_percent FROM org_settings WHERE id = 'org')`.as("cap_percent"),
  otherLends: sql<string>`(SELECT json_group_array(json_object('id', o.id, 'challengeId', o.challenge_id,
      'challengeTitle', (SELECT oc.title FROM challenges oc WHERE oc.id = o.challenge_id),
      'sharePercent', o.share_percent, 'endsOn', o.ends_on))
    FROM lend_requests o WHERE o.person_id = lend_requests.person_id AND o.id <> lend_requests.id
      AND ${liveLendSql("o")})`.as("other_lends"),
};

/** The lend's columns with its challenge's leads and its seat: what the routes of one lend decide by. */
const agreementColumns = {
  ...lendColumns,
  leadId: sql<string>`(SELECT c.lead_id FROM challenges c WHERE c.id = lend_requests.challenge_id)`.as("lead_id"),
  coLeadId: sql<string | null>`(SELECT c.co_lead_id FROM challenges c WHERE c.id = lend_requests.challenge_id)`.as(
    "co_lead_id",
  ),
  slotId: sql<string>`(SELECT m.slot_id FROM memberships m WHERE m.id = lend_requests.membership_id)`.as("slot_id"),
  membershipStatus: sql<string>`(SELECT m.status FROM memberships m WHERE m.id = lend_requests.membership_id)`.as(
    "membership_status",
  ),
};

/** What the agreement page and the routes of one lend need: the lend, its challenge's leads, the seat. */
export function agreementPlan(db: Database, id: string) {
  const query = db.select(agreementColumns).from(lendRequests).where(eq(lendRequests.id, id)).limit(1);
  return readPlan([query], ([[row]]) => row ?? null);
}
export type Agreement = NonNullable<ReturnType<ReturnType<typeof agreementPlan>["read"]>>;

/**
 * Moves a running lend's end date later and asks for the reminder again (for the new date).
 * Written only while the lend runs and the new date is later than the current one.
 */
export async function extendLend<const P extends readonly Plan[]>(
  db: Database,
  lend: Agreement,
  endsOn: string,
  actorId: string,
  ...after: P
) {
  const now = new Date().toISOString();
  // This batch's activity, written only if its update took: what the notice is conditional on.
  const activityId = newId("act");
  const extended = sql`EXISTS (SELECT 1 FROM activities WHERE id = ${activityId})`;
  const { written, read } = await writeThenRead(
    db,
    [
      sql`UPDATE lend_requests SET ends_on = ${endsOn}, end_reminder_at = NULL
      WHERE id = ${lend.id} AND ${liveLendSql("lend_requests")} AND (ends_on IS NULL OR ends_on < ${endsOn})`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${activityId}, ${lend.challengeId}, ${actorId}, 'lend_extended',
        ${JSON.stringify({ lendId: lend.id, personId: lend.personId, from: lend.endsOn, endsOn })}, ${now}
      WHERE changes() = 1`,
      notify(
        sql`SELECT ${lend.managerId} AS id UNION SELECT ${lend.personId} UNION SELECT ${lend.leadId}
          UNION SELECT ${lend.coLeadId}`,
        {
          kind: "lend_extended",
          challengeId: lend.challengeId,
          actorId,
          data: { lendId: lend.id, personName: lend.personName, endsOn },
        },
        extended,
      ),
    ],
    ...after,
  );
  return { ok: written[0].meta.changes > 0, read };
}

/**
 * The statements that close one running lend, conditional on the first: the lend closes (ended,
 * or recalled with its reason), the seat is released (credit untouched), the slot's seat frees
 * (and, for a recall, the slot opens again), the application that gave the seat ends, the
 * activity, and the notices: the manager gets the return report, the leads and the person hear
 * how it ended (a recall with its reason).
 */
function closeStatements(
  lend: Agreement,
  close: { kind: "ended" | "recalled"; reason: string; actorId: string | null; now: string; managerOnly?: boolean },
): Statement[] {
  const { kind, reason, actorId, now } = close;
  // The activity is written only if this batch closed the lend (changes() of the statement
  // before); every later statement is conditional on it, so a close that lost a race (even one
  // in the same millisecond) changes nothing and tells no one.
  const activityId = newId("act");
  const closed = sql`EXISTS (SELECT 1 FROM activities WHERE id = ${activityId})`;
  const released = sql`${closed} AND EXISTS (SELECT 1 FROM memberships WHERE id = ${lend.membershipId}
    AND status = 'released')`;
  const data = { lendId: lend.id, personName: lend.personName, reason, endsOn: lend.endsOn };
  return [
    sql`UPDATE lend_requests SET closed_kind = ${kind}, closed_at = ${now}, recall_reason = ${reason}
    WHERE id = ${lend.id} AND ${liveLendSql("lend_requests")}
      ${close.managerOnly && actorId ? sql`AND manager_id = ${actorId}` : sql``}`,
    sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
    SELECT ${activityId}, ${lend.challengeId}, ${actorId}, ${kind === "ended" ? "lend_ended" : "lend_recalled"},
      ${JSON.stringify({ lendId: lend.id, personId: lend.personId, reason })}, ${now}
    WHERE changes() = 1`,
    sql`UPDATE memberships SET status = 'released', ended_at = ${now}
    WHERE id = ${lend.membershipId} AND ${seatStatus(sql`status`)} AND ${closed}`,
    // The seat frees only if this batch released it (changes() of the statement before).
    sql`UPDATE challenge_slots SET filled = filled - 1 ${kind === "recalled" ? sql`, status = 'open'` : sql``}
    WHERE id = (SELECT slot_id FROM memberships WHERE id = ${lend.membershipId}) AND filled > 0 AND changes() = 1`,
    sql`UPDATE applications SET status = 'ended'
    WHERE id = (SELECT application_id FROM memberships WHERE id = ${lend.membershipId}) AND status = 'accepted'
      AND ${released}`,
    sql`UPDATE challenges SET co_lead_id = NULL, updated_at = ${now}
    WHERE id = ${lend.challengeId} AND co_lead_id = ${lend.personId} AND ${released}`,
    notify(
      sql`SELECT ${lend.personId} AS id UNION SELECT lead_id FROM challenges WHERE id = ${lend.challengeId}
        UNION SELECT co_lead_id FROM challenges WHERE id = ${lend.challengeId}`,
      { kind: kind === "ended" ? "lend_ended" : "lend_recalled", challengeId: lend.challengeId, actorId, data },
      closed,
    ),
    // The return report is the manager's whoever closed the lend, so no actor is left out.
    notify(
      sql`SELECT ${lend.managerId} AS id`,
      { kind: "lend_returned", challengeId: lend.challengeId, actorId: null, data },
      closed,
    ),
  ];
}

/** Ends a running lend now (the manager or the lead), or recalls it early (the manager, with a reason). */
export async function closeLend<const P extends readonly Plan[]>(
  db: Database,
  lend: Agreement,
  close: { kind: "ended" | "recalled"; reason: string; actorId: string },
  ...after: P
) {
  const now = new Date().toISOString();
  const { written, read } = await writeThenRead(
    db,
    closeStatements(lend, { ...close, now, managerOnly: close.kind === "recalled" }),
    ...after,
  );
  return { ok: written[0].meta.changes > 0, read };
}

/**
 * The daily job: asks the manager and the leads of every running lend that ends within
 * END_REMINDER_DAYS to extend or end it (once per end date: `end_reminder_at`, and no second
 * notice for the same lend and date), then closes every running lend whose end date has come.
 * Running it twice in a day sends nothing twice and closes nothing twice.
 */
export async function runLendAgreements(db: Database, nowIso: string) {
  const today = dayOf(nowIso);
  const horizon = addDays(today, END_REMINDER_DAYS);
  const due = (l: string) => sql`${sql.raw(l)}.status = 'approved' AND ${sql.raw(l)}.closed_at IS NULL
    AND ${sql.raw(l)}.ends_on > ${today} AND ${sql.raw(l)}.ends_on <= ${horizon}
    AND ${sql.raw(l)}.end_reminder_at IS NULL`;
  const reminded = await writeBatch(db, [
    sql`INSERT INTO notifications (id, recipient_id, kind, challenge_id, actor_id, data)
    SELECT 'ntf_' || lower(hex(randomblob(10))), x.recipient, 'lend_ending', l.challenge_id, NULL,
      json_object('lendId', l.id, 'personName', (SELECT p.name FROM people p WHERE p.id = l.person_id),
        'endsOn', l.ends_on, 'sharePercent', l.share_percent)
    FROM (SELECT DISTINCT d.id AS lend_id, r.value AS recipient
        FROM lend_requests d JOIN challenges c ON c.id = d.challenge_id,
          json_each(json_array(d.manager_id, c.lead_id, c.co_lead_id)) r
        WHERE ${due("d")} AND r.value IS NOT NULL) x
      JOIN lend_requests l ON l.id = x.lend_id
    WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.kind = 'lend_ending' AND n.recipient_id = x.recipient
      AND json_extract(n.data, '$.lendId') = l.id AND json_extract(n.data, '$.endsOn') = l.ends_on)`,
    sql`UPDATE lend_requests SET end_reminder_at = ${nowIso} WHERE ${due("lend_requests")}`,
  ]);
  const [ending] = await readTogether(db, endingPlan(db, today));
  for (const lend of ending) {
    await writeBatch(db, closeStatements(lend, { kind: "ended", reason: "", actorId: null, now: nowIso }));
  }
  return { reminded: Number(reminded[1]?.meta.changes ?? 0), ended: ending.length };
}

/** Running lends whose end date has come. */
function endingPlan(db: Database, today: string) {
  const query = db
    .select(agreementColumns)
    .from(lendRequests)
    .where(
      and(
        eq(lendRequests.status, "approved"),
        sql`${lendRequests.closedAt} IS NULL`,
        sql`${lendRequests.endsOn} <= ${today}`,
      ),
    )
    .orderBy(asc(lendRequests.endsOn))
    .limit(500);
  return readPlan([query], ([rows]) => rows);
}

// ─── The return report and mentoring evidence ───────────────────────────────────────────────

/** A lend's challenge and person, as SQL, to read the report in the lend's own round trip. */
export const lendOfSql = (id: string) => ({
  challengeId: sql`(SELECT challenge_id FROM lend_requests WHERE id = ${id})`,
  personId: sql`(SELECT person_id FROM lend_requests WHERE id = ${id})`,
});

/**
 * What the person did on the lend's challenge: their confirmed credit (with its endorsements),
 * the challenge's outcomes (each KPI's latest measure, the reviewers' decisions).
 */
export function reportPlan(db: Database, lend: { challengeId: string | SQL; personId: string | SQL }) {
  type Credit = {
    id: string;
    type: string;
    description: string;
    hours: number | null;
    confirmedAt: string | null;
    createdAt: string;
  };
  const credit = rawRows<keyof Credit, Credit>(
    db,
    ["id", "type", "description", "hours", "confirmedAt", "createdAt"] as const,
    sql`SELECT k.id AS "id", k.type AS "type", k.description AS "description", k.hours AS "hours",
        k.confirmed_at AS "confirmedAt", k.created_at AS "createdAt"
      FROM contributions k
      WHERE k.challenge_id = ${lend.challengeId} AND k.person_id = ${lend.personId} AND k.status = 'confirmed'
      ORDER BY k.created_at ASC, k.id ASC`,
  );
  type Endorsed = {
    id: string;
    contributionId: string;
    endorserId: string;
    endorserName: string | null;
    note: string;
    createdAt: string;
  };
  const endorsed = rawRows<keyof Endorsed, Endorsed>(
    db,
    ["id", "contributionId", "endorserId", "endorserName", "note", "createdAt"] as const,
    sql`SELECT e.id AS "id", e.contribution_id AS "contributionId", e.endorser_id AS "endorserId",
        (SELECT p.name FROM people p WHERE p.id = e.endorser_id) AS "endorserName", e.note AS "note",
        e.created_at AS "createdAt"
      FROM endorsements e JOIN contributions k ON k.id = e.contribution_id
      WHERE k.challenge_id = ${lend.challengeId} AND k.person_id = ${lend.personId} AND k.status = 'confirmed'
      ORDER BY e.created_at ASC, e.id ASC`,
  );
  type Kpi = {
    id: string;
    name: string;
    unit: string;
    direction: "up" | "down";
    baseline: number;
    target: number;
    latest: number | null;
    measuredOn: string | null;
  };
  const kpis = rawRows<keyof Kpi, Kpi>(
    db,
    ["id", "name", "unit", "direction", "baseline", "target", "latest", "measuredOn"] as const,
    sql`SELECT q.id AS "id", q.name AS "name", q.unit AS "unit", q.direction AS "direction",
        q.baseline AS "baseline", q.target AS "target",
        (SELECT ck.value FROM kpi_checkins ck WHERE ck.kpi_id = q.id ORDER BY ck.measured_on DESC, ck.created_at DESC LIMIT 1) AS "latest",
        (SELECT ck.measured_on FROM kpi_checkins ck WHERE ck.kpi_id = q.id ORDER BY ck.measured_on DESC, ck.created_at DESC LIMIT 1) AS "measuredOn"
      FROM challenge_kpis q WHERE q.challenge_id = ${lend.challengeId}
      ORDER BY q.position ASC`,
  );
  type Decided = { id: string; cycle: number; decision: string; rationale: string; createdAt: string };
  const decided = rawRows<keyof Decided, Decided>(
    db,
    ["id", "cycle", "decision", "rationale", "createdAt"] as const,
    sql`SELECT d.id AS "id", d.cycle AS "cycle", d.decision AS "decision", d.rationale AS "rationale",
        d.created_at AS "createdAt"
      FROM decisions d WHERE d.challenge_id = ${lend.challengeId} ORDER BY d.cycle ASC`,
  );
  return readPlan([credit, endorsed, kpis, decided], ([c, e, k, d]) => ({
    credit: c,
    endorsements: e,
    kpis: k,
    decisions: d,
  }));
}

/**
 * A manager's lends as mentoring evidence: every approved lend (running or closed) on a challenge
 * the viewer may see, with the dates and the confirmed credit the person earned there.
 */
export function mentoringPlan(db: Database, managerId: string, viewerId: string) {
  const query = db
    .select({
      id: lendRequests.id,
      challengeId: lendRequests.challengeId,
      challengeTitle: sql<string>`(SELECT c.title FROM challenges c WHERE c.id = lend_requests.challenge_id)`.as(
        "challenge_title",
      ),
      personId: lendRequests.personId,
      personName: sql<string>`(SELECT p.name FROM people p WHERE p.id = lend_requests.person_id)`.as("person_name"),
      sharePercent: lendRequests.sharePercent,
      startsOn: lendRequests.startsOn,
      endsOn: lendRequests.endsOn,
      closedKind: lendRequests.closedKind,
      closedAt: lendRequests.closedAt,
      decidedAt: lendRequests.decidedAt,
      credit: sql<number>`(SELECT count(*) FROM contributions k WHERE k.challenge_id = lend_requests.challenge_id
        AND k.person_id = lend_requests.person_id AND k.status = 'confirmed')`.as("credit"),
      hours: sql<number>`(SELECT coalesce(sum(k.hours), 0) FROM contributions k
        WHERE k.challenge_id = lend_requests.challenge_id AND k.person_id = lend_requests.person_id
          AND k.status = 'confirmed')`.as("hours"),
    })
    .from(lendRequests)
    .where(
      and(
        eq(lendRequests.managerId, managerId),
        inArray(lendRequests.status, ["approved"]),
        sql`NOT ${namesHiddenChallengeSql(sql`${lendRequests.challengeId}`, viewerId)}`,
      ),
    )
    .orderBy(desc(lendRequests.startsOn), desc(lendRequests.decidedAt), desc(lendRequests.id))
    .limit(200);
  const person = sql`(SELECT name FROM people WHERE id = ${managerId})`;
  const who = db.select({ name: sql<string | null>`${person}`.as("manager_name") }).from(sql`(SELECT 1)`);
  return readPlan([who, query], ([[m], rows]) => ({ managerName: m?.name ?? null, lends: rows }));
}
