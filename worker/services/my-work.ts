import { type SQL, sql } from "drizzle-orm";
import { SPONSORING_PLEDGE_STATUSES } from "../domain/ledger";
import type { Database } from "../middleware/db";
import { type ReadPlan, rawRows, readPlan } from "./batch";
import { challengeFigureSql, sponsorOfSql } from "./ledger-sql";
import { suggestionsPlan } from "./skills";
import { stageIn } from "./stage-sql";
import { onTeamStatus, teamMemberSql } from "./team-sql";

/**
 * My work (SPEC §9 and §11): what waits on the reader, the teams they are on, their
 * applications and pledges, credit to confirm, roles that fit them, and for sponsors and
 * reviewers their own queues. Every list is one query of one batch, so the page is one round
 * trip whoever reads it; each list is capped at LIMIT rows and says how many there are in all.
 *
 * "Waits on me" asks the same facts as the inbox's needsAction (worker/services/inbox.ts), by
 * the things themselves rather than by their notifications, so it holds even for an item whose
 * notification was never sent or was deleted.
 */
export const MY_WORK_LIMIT = 20;

const LIMIT = sql.raw(String(MY_WORK_LIMIT));
const total = sql.raw(`count(*) OVER () AS "total"`);

/** Whether the reader holds a role, in SQL: the sponsor and reviewer lists are theirs only. */
const hasRole = (meId: string, role: "sponsor" | "reviewer") =>
  sql`EXISTS (SELECT 1 FROM person_roles pr WHERE pr.person_id = ${meId} AND pr.role = ${role})`;

/** The reader leads or co-leads challenge `c`. */
const leads = (meId: string) => sql`${meId} IN (c.lead_id, coalesce(c.co_lead_id, ''))`;

/**
 * The reader's challenges as sets an index finds (the lead, co-lead, seat and pledge indexes), so
 * each list walks only the reader's own rows, however large the organisation.
 */
const ledIds = (meId: string) =>
  sql`SELECT li.id FROM challenges li WHERE li.lead_id = ${meId}
    UNION SELECT ci.id FROM challenges ci WHERE ci.co_lead_id = ${meId}`;
const teamIds = (meId: string) =>
  sql`${ledIds(meId)} UNION SELECT ti.challenge_id FROM memberships ti
    WHERE ti.person_id = ${meId} AND ${onTeamStatus(sql`ti.status`)}`;
const sponsoredIds = (meId: string) =>
  sql`SELECT si.challenge_id FROM pledges si WHERE si.sponsor_id = ${meId}
    AND si.status IN (${sql.raw(SPONSORING_PLEDGE_STATUSES.map((st) => `'${st}'`).join(", "))})`;

function list<const K extends string>(db: Database, columns: readonly K[], query: SQL) {
  return rawRows(db, [...columns, "total"] as const, query);
}

function waitingQueries(db: Database, meId: string) {
  return [
    // Applications to the challenges the reader leads, waiting for a decision.
    list(
      db,
      ["id", "challengeId", "challengeTitle", "personId", "personName", "discipline", "createdAt"],
      sql`SELECT a.id AS "id", c.id AS "challengeId", c.title AS "challengeTitle", p.id AS "personId",
          p.name AS "personName", s.discipline_id AS "discipline", a.created_at AS "createdAt", ${total}
        FROM applications a JOIN challenges c ON c.id = a.challenge_id
          JOIN people p ON p.id = a.applicant_id JOIN challenge_slots s ON s.id = a.slot_id
        WHERE a.challenge_id IN (${ledIds(meId)}) AND a.status = 'pending'
        ORDER BY a.created_at ASC, a.id ASC LIMIT ${LIMIT}`,
    ),
    // Lends of the reader's reports, waiting on them as the manager.
    list(
      db,
      ["id", "challengeId", "challengeTitle", "personId", "personName", "sharePercent", "createdAt"],
      sql`SELECT l.id AS "id", c.id AS "challengeId", c.title AS "challengeTitle", p.id AS "personId",
          p.name AS "personName", l.share_percent AS "sharePercent", l.created_at AS "createdAt", ${total}
        FROM lend_requests l JOIN challenges c ON c.id = l.challenge_id JOIN people p ON p.id = l.person_id
        WHERE l.status = 'pending' AND l.manager_id = ${meId}
        ORDER BY l.created_at ASC, l.id ASC LIMIT ${LIMIT}`,
    ),
    // Credit others recorded for the reader, waiting for them to confirm or decline it.
    list(
      db,
      ["id", "challengeId", "challengeTitle", "personId", "personName", "type", "description", "createdAt"],
      sql`SELECT k.id AS "id", c.id AS "challengeId", c.title AS "challengeTitle", p.id AS "personId",
          p.name AS "personName", k.type AS "type", k.description AS "description", k.created_at AS "createdAt", ${total}
        FROM contributions k JOIN challenges c ON c.id = k.challenge_id JOIN people p ON p.id = k.recorded_by_id
        WHERE k.status = 'pending' AND k.person_id = ${meId}
        ORDER BY k.created_at ASC, k.id ASC LIMIT ${LIMIT}`,
    ),
    // Questions on the showcase of a challenge whose team the reader is on, not answered yet.
    list(
      db,
      ["id", "challengeId", "challengeTitle", "personId", "personName", "body", "createdAt"],
      sql`SELECT q.id AS "id", c.id AS "challengeId", c.title AS "challengeTitle", p.id AS "personId",
          p.name AS "personName", q.body AS "body", q.created_at AS "createdAt", ${total}
        FROM questions q JOIN challenges c ON c.id = q.challenge_id AND q.cycle = c.cycle
          JOIN people p ON p.id = q.author_id
        WHERE NOT EXISTS (SELECT 1 FROM answers an WHERE an.question_id = q.id) AND q.author_id <> ${meId}
          AND q.challenge_id IN (${teamIds(meId)})
        ORDER BY q.created_at ASC, q.id ASC LIMIT ${LIMIT}`,
    ),
    // Spend reported on challenges the reader sponsors, waiting for a sponsor who did not report it.
    list(
      db,
      ["id", "challengeId", "challengeTitle", "personId", "personName", "amount", "description", "createdAt"],
      sql`SELECT r.id AS "id", c.id AS "challengeId", c.title AS "challengeTitle", p.id AS "personId",
          p.name AS "personName", r.amount AS "amount", r.description AS "description", r.created_at AS "createdAt", ${total}
        FROM spend_reports r JOIN challenges c ON c.id = r.challenge_id JOIN people p ON p.id = r.reporter_id
        WHERE r.challenge_id IN (${sponsoredIds(meId)}) AND r.status = 'pending' AND r.reporter_id <> ${meId}
        ORDER BY r.created_at ASC, r.id ASC LIMIT ${LIMIT}`,
    ),
    // Proposals to merge another challenge into one the reader leads.
    list(
      db,
      ["id", "challengeId", "challengeTitle", "personId", "personName", "sourceId", "sourceTitle", "createdAt"],
      sql`SELECT m.id AS "id", c.id AS "challengeId", c.title AS "challengeTitle", p.id AS "personId",
          p.name AS "personName", src.id AS "sourceId", src.title AS "sourceTitle", m.created_at AS "createdAt", ${total}
        FROM merge_requests m JOIN challenges c ON c.id = m.target_id JOIN challenges src ON src.id = m.source_id
          JOIN people p ON p.id = m.requested_by_id
        WHERE m.target_id IN (${ledIds(meId)}) AND m.status = 'pending'
        ORDER BY m.created_at ASC, m.id ASC LIMIT ${LIMIT}`,
    ),
  ] as const;
}

/** The teams the reader is on (as lead, co-lead or member) while the work is live, with what is next. */
function teamsQuery(db: Database, meId: string) {
  return list(
    db,
    [
      "id",
      "title",
      "stage",
      "role",
      "applicantsWaiting",
      "milestoneId",
      "milestoneTitle",
      "milestoneDue",
      "showcaseSubmitted",
    ],
    sql`SELECT c.id AS "id", c.title AS "title", c.stage AS "stage",
        CASE WHEN c.lead_id = ${meId} THEN 'lead' WHEN c.co_lead_id = ${meId} THEN 'co_lead' ELSE 'member' END AS "role",
        CASE WHEN ${leads(meId)} THEN (SELECT count(*) FROM applications wa
          WHERE wa.challenge_id = c.id AND wa.status = 'pending') ELSE 0 END AS "applicantsWaiting",
        nm.id AS "milestoneId", nm.title AS "milestoneTitle", nm.due_on AS "milestoneDue",
        EXISTS (SELECT 1 FROM showcases sc WHERE sc.challenge_id = c.id AND sc.cycle = c.cycle
          AND sc.submitted_at IS NOT NULL) AS "showcaseSubmitted", ${total}
      FROM challenges c
        LEFT JOIN milestones nm ON nm.id = (SELECT mi.id FROM milestones mi
          WHERE mi.challenge_id = c.id AND mi.status = 'planned' ORDER BY mi.due_on ASC, mi.id ASC LIMIT 1)
      WHERE ${stageIn(sql`c.stage`, ["draft", "open", "funded", "active", "showcase"])}
        AND c.merged_into_id IS NULL
        AND c.id IN (${teamIds(meId)})
      ORDER BY coalesce(nm.due_on, '9999-12-31') ASC, c.title ASC, c.id ASC LIMIT ${LIMIT}`,
  );
}

/** The reader's applications, newest first, with where each stands. */
function applicationsQuery(db: Database, meId: string) {
  return list(
    db,
    ["id", "challengeId", "challengeTitle", "stage", "discipline", "status", "decisionNote", "createdAt", "decidedAt"],
    sql`SELECT a.id AS "id", c.id AS "challengeId", c.title AS "challengeTitle", c.stage AS "stage",
        s.discipline_id AS "discipline", a.status AS "status", a.decision_note AS "decisionNote",
        a.created_at AS "createdAt", a.decided_at AS "decidedAt", ${total}
      FROM applications a JOIN challenges c ON c.id = a.challenge_id JOIN challenge_slots s ON s.id = a.slot_id
      WHERE a.applicant_id = ${meId}
      ORDER BY (a.status = 'pending') DESC, coalesce(a.decided_at, a.created_at) DESC, a.id DESC LIMIT ${LIMIT}`,
  );
}

/** The reader's pledges, those still held first, with how far each challenge's ask is met. */
function pledgesQuery(db: Database, meId: string) {
  return list(
    db,
    ["id", "challengeId", "challengeTitle", "stage", "amount", "status", "pledged", "ask", "createdAt"],
    sql`SELECT pl.id AS "id", c.id AS "challengeId", c.title AS "challengeTitle", c.stage AS "stage",
        pl.amount AS "amount", pl.status AS "status", ${challengeFigureSql("pledged", sql`c.id`)} AS "pledged",
        c.funding_ask AS "ask", pl.created_at AS "createdAt", ${total}
      FROM pledges pl JOIN challenges c ON c.id = pl.challenge_id
      WHERE pl.sponsor_id = ${meId}
      ORDER BY (pl.status = 'active') DESC, pl.created_at DESC, pl.id DESC LIMIT ${LIMIT}`,
  );
}

/**
 * For a sponsor: challenges open for backing that share a tag with one they have pledged to,
 * that they do not sponsor or lead yet, nearest to funded first (the share of the ask pledged).
 */
function nearFundedQuery(db: Database, meId: string) {
  const pledged = challengeFigureSql("pledged", sql`c.id`);
  return list(
    db,
    ["id", "title", "stage", "pledged", "ask", "tag"],
    sql`SELECT c.id AS "id", c.title AS "title", c.stage AS "stage", ${pledged} AS "pledged",
        c.funding_ask AS "ask",
        (SELECT min(t.tag) FROM challenge_tags t WHERE t.challenge_id = c.id AND t.tag IN (SELECT mt.tag
          FROM challenge_tags mt JOIN pledges mp ON mp.challenge_id = mt.challenge_id
          WHERE mp.sponsor_id = ${meId})) AS "tag", ${total}
      FROM challenges c
      WHERE ${hasRole(meId, "sponsor")} AND c.stage = 'open' AND coalesce(c.funding_ask, 0) > 0
        AND c.merged_into_id IS NULL AND NOT ${leads(meId)}
        AND NOT ${sponsorOfSql(sql`c.id`, sql`${meId}`)}
        AND EXISTS (SELECT 1 FROM challenge_tags t JOIN challenge_tags mt ON mt.tag = t.tag
          JOIN pledges mp ON mp.challenge_id = mt.challenge_id
          WHERE t.challenge_id = c.id AND mp.sponsor_id = ${meId} AND mt.challenge_id <> c.id)
      ORDER BY (1.0 * ${pledged} / c.funding_ask) DESC, c.id ASC LIMIT 5`,
  );
}

/**
 * For a reviewer: showcases of this cycle they have not reviewed and have no stake in (the
 * conflict rule of worker/domain/review.ts `reviewerStake`), oldest first.
 */
function toReviewQuery(db: Database, meId: string) {
  return list(
    db,
    ["id", "title", "submittedAt", "reviews"],
    sql`SELECT c.id AS "id", c.title AS "title", c.stage_changed_at AS "submittedAt",
        (SELECT count(*) FROM reviews rc WHERE rc.challenge_id = c.id AND rc.cycle = c.cycle) AS "reviews", ${total}
      FROM challenges c
      WHERE ${hasRole(meId, "reviewer")} AND c.stage = 'showcase' AND NOT ${leads(meId)}
        AND NOT ${teamMemberSql(sql`c.id`, sql`${meId}`)} AND NOT ${sponsorOfSql(sql`c.id`, sql`${meId}`)}
        AND NOT EXISTS (SELECT 1 FROM reviews rv WHERE rv.challenge_id = c.id AND rv.cycle = c.cycle
          AND rv.reviewer_id = ${meId})
      ORDER BY c.stage_changed_at ASC, c.id ASC LIMIT ${LIMIT}`,
  );
}

type Row = { total: unknown } & Record<string, unknown>;

/** A capped list and how many there are in all. */
function counted<T>(rows: readonly Row[], shape: (r: Row) => T) {
  return { items: rows.map(shape), total: rows.length ? Number(rows[0].total) : 0 };
}

const str = (v: unknown) => String(v);
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

function waitingItem(r: Row) {
  return {
    id: str(r.id),
    challenge: { id: str(r.challengeId), title: str(r.challengeTitle) },
    person: { id: str(r.personId), name: str(r.personName) },
    createdAt: str(r.createdAt),
  };
}

/** Everything on the reader's My work page, in one round trip (with the caller's verification). */
export function myWorkPlan(db: Database, meId: string) {
  const waiting = waitingQueries(db, meId);
  const queries = [
    ...waiting,
    teamsQuery(db, meId),
    applicationsQuery(db, meId),
    pledgesQuery(db, meId),
    nearFundedQuery(db, meId),
    toReviewQuery(db, meId),
  ] as const;
  const lists = readPlan(queries, (results) => {
    const [applications, lends, credit, questions, spend, merges, teams, mine, pledges, nearFunded, toReview] =
      results as unknown as Row[][];
    return {
      waiting: {
        applications: counted(applications, (r) => ({ ...waitingItem(r), discipline: str(r.discipline) })),
        lends: counted(lends, (r) => ({ ...waitingItem(r), sharePercent: Number(r.sharePercent) })),
        credit: counted(credit, (r) => ({ ...waitingItem(r), type: str(r.type), description: str(r.description) })),
        questions: counted(questions, (r) => ({ ...waitingItem(r), body: str(r.body) })),
        spend: counted(spend, (r) => ({
          ...waitingItem(r),
          amount: Number(r.amount),
          description: str(r.description),
        })),
        merges: counted(merges, (r) => ({
          ...waitingItem(r),
          source: { id: str(r.sourceId), title: str(r.sourceTitle) },
        })),
      },
      teams: counted(teams, (r) => ({
        id: str(r.id),
        title: str(r.title),
        stage: str(r.stage),
        role: str(r.role) as "lead" | "co_lead" | "member",
        applicantsWaiting: Number(r.applicantsWaiting),
        showcaseSubmitted: Number(r.showcaseSubmitted) === 1,
        nextMilestone: r.milestoneId
          ? { id: str(r.milestoneId), title: str(r.milestoneTitle), dueOn: str(r.milestoneDue) }
          : null,
      })),
      applications: counted(mine, (r) => ({
        id: str(r.id),
        challenge: { id: str(r.challengeId), title: str(r.challengeTitle), stage: str(r.stage) },
        discipline: str(r.discipline),
        status: str(r.status),
        decisionNote: str(r.decisionNote),
        createdAt: str(r.createdAt),
        decidedAt: strOrNull(r.decidedAt),
      })),
      pledges: counted(pledges, (r) => ({
        id: str(r.id),
        challenge: {
          id: str(r.challengeId),
          title: str(r.challengeTitle),
          stage: str(r.stage),
          pledged: Number(r.pledged),
          ask: r.ask === null ? null : Number(r.ask),
        },
        amount: Number(r.amount),
        status: str(r.status),
        createdAt: str(r.createdAt),
      })),
      nearFunded: counted(nearFunded, (r) => ({
        id: str(r.id),
        title: str(r.title),
        stage: str(r.stage),
        pledged: Number(r.pledged),
        ask: Number(r.ask),
        tag: strOrNull(r.tag),
      })),
      toReview: counted(toReview, (r) => ({
        id: str(r.id),
        title: str(r.title),
        submittedAt: str(r.submittedAt),
        reviews: Number(r.reviews),
      })),
    };
  });
  return combinePlans(lists, suggestionsPlan(db, meId, 5));
}

function combinePlans<A, B>(a: ReadPlan<A>, b: ReadPlan<B>): ReadPlan<A & { rolesForYou: B }> {
  return {
    queries: [...a.queries, ...b.queries],
    read: (results) => ({
      ...a.read(results.slice(0, a.queries.length)),
      rolesForYou: b.read(results.slice(a.queries.length)),
    }),
  };
}

export type MyWork = ReturnType<typeof myWorkPlan> extends ReadPlan<infer T> ? T : never;

/** How many things wait on the reader, over every waiting list (the page's first figure). */
export const waitingTotal = (w: MyWork["waiting"]) => Object.values(w).reduce((n, l) => n + l.total, 0);
