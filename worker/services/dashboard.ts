import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { budgetPeriods, budgets, ledgerEntries, orgSettings, people, pledges, STAGE_MOVES_SQL } from "../../db/schema";
import { type CursorKey, pageOf } from "../domain/cursor";
import { SPONSORING_PLEDGE_STATUSES } from "../domain/ledger";
import { STARTED_STAGES } from "../domain/lifecycle";
import { daysBetween, medianOfHistogram } from "../domain/review";
import type { Database } from "../middleware/db";
import { type BatchResults, type ReadPlan, rawRows, readPlan, writeBatch } from "./batch";
import {
  ALL_TIME,
  CHANGED_SQL,
  FUNNEL,
  PARTICIPATION_SQL,
  reachedSqlFor,
  staysSqlFor,
  TEAMS_SQL,
  type Window,
} from "./dashboard-rollup";
import { budgetViews, pledgeSharesQuery } from "./funding";
import { stageIn } from "./stage-sql";
import { ON_TEAM_STATUS_LIST, onTeamStatus } from "./team-sql";

export { FUNNEL, REFRESH_AFTER_CHANGES, refreshDashboardRollup } from "./dashboard-rollup";

/** Challenges whose team has started (SPEC §9 team make-up). */
const started = stageIn(sql`c.stage`, STARTED_STAGES);

/**
 * The latest publishing instant of an open challenge that is overdue as of `asOf` (an ISO
 * instant, or a date meaning its midnight UTC): the response clock's rule (worker/domain/review.ts
 * `responseClock`), more whole days than the deadline, so the dashboard, the cron and the
 * challenge page agree.
 */
function overdueIfPublishedBy(asOf: string, deadlineDays: number) {
  const at = instantOf(asOf);
  return { at, latest: new Date(Date.parse(at) - (deadlineDays + 1) * 86_400_000).toISOString() };
}

/**
 * Open challenges with no response yet (no pledge, no reviewer's comment): `responded_at` is kept by
 * triggers (db/migrations/0026_responded-at-triggers.sql), and these terms are the partial index
 * `challenges_awaiting_response_idx`'s own, so the lookup walks only the waiting ones.
 */
const awaitingResponse = sql`c.stage = 'open' AND c.responded_at IS NULL`;

/** An ISO instant, or a date meaning its midnight UTC, as an instant. */
const instantOf = (asOf: string) => (asOf.length === 10 ? `${asOf}T00:00:00.000Z` : asOf);

/**
 * `overdueIfPublishedBy(asOf, deadline).latest` in SQL, for a deadline read in the same query
 * (SQLite's day arithmetic is in whole milliseconds, so it gives the very instant JS does).
 */
const latestOverdueSql = (at: string, deadlineDays: SQL) =>
  sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${at}, '-' || (${deadlineDays} + 1) || ' days')`;

/**
 * The window a budget period spans, in SQL over its row: from its first day's midnight to the
 * midnight after its last (UTC). Without a period, all time.
 */
function windowSql(periodId: string | undefined): Window {
  if (!periodId) return { from: sql`${ALL_TIME.from}`, to: sql`${ALL_TIME.to}`, allTime: true };
  return {
    from: sql`(SELECT starts_on || 'T00:00:00.000Z' FROM ${budgetPeriods} WHERE id = ${periodId})`,
    to: sql`(SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ends_on, '+1 day') FROM ${budgetPeriods} WHERE id = ${periodId})`,
  };
}

/**
 * Showcases no one may review or decide: every active reviewer has a stake in the challenge
 * (leads it, co-leads it, holds an active seat on its team, or a pledge not withdrawn), the
 * rule of worker/domain/review.ts `reviewerStake` in SQL. With no active reviewer at all, every
 * showcase is listed: nobody can review it. The 100 oldest (by listing), and how many in all; one
 * independent reviewer ends the inner search, so the cost follows the showcases, not the people.
 * The count's window is ordered like the list so SQLite walks the stage index once, unsorted.
 * `submittedAt` is when it entered the showcase stage (the stage's own clock), to say how long
 * it has waited. Exported for the query-plan test.
 */
export const NEEDS_INDEPENDENT_REVIEWER_SQL = `SELECT c.id, c.title, c.stage_changed_at AS submittedAt,
    count(*) OVER (ORDER BY c.listed_at, c.id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS total
  FROM challenges c
  WHERE c.stage = 'showcase' AND NOT EXISTS (
    SELECT 1 FROM person_roles r JOIN people p ON p.id = r.person_id
    WHERE r.role = 'reviewer' AND p.active = 1
      AND r.person_id <> c.lead_id AND r.person_id IS NOT c.co_lead_id
      AND NOT EXISTS (SELECT 1 FROM memberships m
        WHERE m.challenge_id = c.id AND m.person_id = r.person_id AND m.status IN (${ON_TEAM_STATUS_LIST}))
      AND NOT EXISTS (SELECT 1 FROM pledges pl
        WHERE pl.challenge_id = c.id AND pl.sponsor_id = r.person_id
          AND pl.status IN (${SPONSORING_PLEDGE_STATUSES.map((s) => `'${s}'`).join(", ")})))
  ORDER BY c.listed_at ASC, c.id ASC LIMIT 100`;

/**
 * The leadership dashboard (SPEC §9) as one batch of reads whatever the organisation's size:
 * the period asked for (null when there is none: the route's 400) and the response deadline,
 * the aggregate queries (every figure is counted in SQL, never row by row here), which read
 * the period's window and the deadline in SQL, and the first page of the period's budgets.
 * The figures that would walk the whole organisation come from the rollup plus what changed
 * since its refresh (worker/services/dashboard-rollup.ts); `fullCount` counts them straight
 * from the tables instead, as the rollup's tests do to check it.
 */
export function dashboardPlan(
  db: Database,
  periodId: string | undefined,
  now: string,
  options: { fullCount?: boolean; budgetsLimit?: number } = {},
) {
  const at = instantOf(now);
  return combine(
    readPlan(dashboardQueries(db, periodId, now, options.fullCount ?? false), (results) => results),
    dashboardBudgetsPlan(db, { periodId, limit: options.budgetsLimit ?? DASHBOARD_BUDGETS_PAGE }),
    (results, budgetPage) => readDashboard(results, budgetPage, at),
  );
}

function dashboardQueries(db: Database, periodId: string | undefined, now: string, fullCount: boolean) {
  const window = windowSql(periodId);
  const { from, to } = window;
  const today = now.slice(0, 10);
  const at = instantOf(now);
  const deadlineDays = sql`(SELECT response_deadline_days FROM ${orgSettings} WHERE id = 'org')`;
  const latest = latestOverdueSql(at, deadlineDays);
  return [
    db
      .select({
        id: budgetPeriods.id,
        name: budgetPeriods.name,
        startsOn: budgetPeriods.startsOn,
        endsOn: budgetPeriods.endsOn,
      })
      .from(budgetPeriods)
      .where(eq(budgetPeriods.id, periodId ?? ""))
      .limit(1),
    db.select({ days: orgSettings.responseDeadlineDays }).from(orgSettings).where(eq(orgSettings.id, "org")).limit(1),
    rawRows(db, ["stage", "n"], sql`SELECT stage, count(*) AS n FROM challenges GROUP BY stage`),
    ...(fullCount ? fullCountQueries(db, window) : rolledUpQueries(db, window)),
    rawRows(
      db,
      ["decision", "n"],
      sql`SELECT decision, count(*) AS n FROM decisions WHERE created_at >= ${from} AND created_at < ${to} GROUP BY decision`,
    ),
    // Open challenges waiting past the deadline for a pledge or a reviewer's response (SPEC §8).
    // The 100 longest waiting, and (count over the whole set) how many there are in all.
    rawRows(
      db,
      ["id", "title", "publishedAt", "leadId", "leadName", "total"],
      sql`SELECT c.id, c.title, c.published_at AS publishedAt, c.lead_id AS leadId,
          (SELECT p.name FROM people p WHERE p.id = c.lead_id) AS leadName, count(*) OVER () AS total
        FROM challenges c
        WHERE ${awaitingResponse} AND c.published_at <= ${latest}
        ORDER BY c.published_at ASC LIMIT 100`,
    ),
    rawRows(
      db,
      ["id", "what", "dueOn", "challengeId", "challengeTitle", "ownerName", "total"],
      sql`SELECT co.id, co.what, co.due_on AS dueOn, co.challenge_id AS challengeId,
          (SELECT c.title FROM challenges c WHERE c.id = co.challenge_id) AS challengeTitle,
          (SELECT p.name FROM people p WHERE p.id = co.owner_id) AS ownerName, count(*) OVER () AS total
        FROM commitments co WHERE co.status = 'open' AND co.due_on < ${today}
        ORDER BY co.due_on ASC LIMIT 100`,
    ),
    rawRows(db, ["id", "title", "submittedAt", "total"], sql.raw(NEEDS_INDEPENDENT_REVIEWER_SQL)),
    rawRows(db, ["n"], CHANGED_SQL),
  ] as const;
}

/**
 * The four figures that walk the organisation, counted straight from the tables: what the
 * rollup must always equal (test/dashboard-rollup.test.ts), and its definition.
 */
function fullCountQueries(db: Database, { from, to }: Window) {
  return [
    // How many challenges created in the window ever reached each stage (from the activity log).
    // Grouped by the expression: `GROUP BY stage` would mean the challenge's current stage.
    rawRows(
      db,
      ["stage", "n"],
      sql`SELECT json_extract(a.detail, '$.to') AS stage, count(DISTINCT a.challenge_id) AS n
        FROM activities a JOIN challenges c ON c.id = a.challenge_id
        WHERE a.${STAGE_MOVES_SQL} AND a.action IN ('published', 'funded', 'started', 'submitted', 'decided')
          AND c.created_at >= ${from} AND c.created_at < ${to}
        GROUP BY json_extract(a.detail, '$.to')
        UNION ALL
        SELECT 'draft', count(*) FROM challenges WHERE created_at >= ${from} AND created_at < ${to}`,
    ),
    // Completed stays in each stage, as a histogram of whole days.
    rawRows(
      db,
      ["stage", "days", "n"],
      sql`WITH moves AS (
          SELECT challenge_id, id, created_at,
            CASE WHEN action = 'created' THEN 'draft' ELSE json_extract(detail, '$.to') END AS stage
          FROM activities
          WHERE challenge_id IS NOT NULL AND (action = 'created' OR json_extract(detail, '$.to') IS NOT NULL)
            AND ${STAGE_MOVES_SQL}
        ), spans AS (
          SELECT stage, created_at AS entered,
            LEAD(created_at) OVER (PARTITION BY challenge_id ORDER BY created_at, id) AS left_at
          FROM moves
        )
        SELECT stage, CAST(julianday(left_at) - julianday(entered) AS INTEGER) AS days, count(*) AS n
        FROM spans WHERE left_at IS NOT NULL AND left_at >= ${from} AND left_at < ${to}
        GROUP BY stage, days`,
    ),
    // ICs who led, co-led or joined a published challenge, by discipline and level.
    // One uncorrelated set of participants (SQLite builds it once), not two probes per person.
    rawRows(
      db,
      ["discipline", "level", "people", "participating"],
      sql`SELECT p.discipline_id AS discipline, p.level_id AS level, count(*) AS people,
          sum(p.id IN (
            SELECT c.lead_id FROM challenges c WHERE c.published_at IS NOT NULL
            UNION ALL SELECT c.co_lead_id FROM challenges c WHERE c.published_at IS NOT NULL AND c.co_lead_id IS NOT NULL
            UNION ALL SELECT m.person_id FROM memberships m WHERE m.status IN ('active', 'released')
          )) AS participating
        FROM people p WHERE p.track = 'ic' AND p.active = 1
        GROUP BY p.discipline_id, p.level_id`,
    ),
    // Distinct disciplines per team (lead, co-lead and active members) of challenges that formed one.
    rawRows(
      db,
      ["average", "teams"],
      sql`SELECT avg(n) AS average, count(*) AS teams FROM (
          SELECT t.challenge_id, count(DISTINCT t.discipline) AS n FROM (
            SELECT c.id AS challenge_id, p.discipline_id AS discipline FROM challenges c JOIN people p ON p.id = c.lead_id
              WHERE ${started}
            UNION ALL SELECT c.id, p.discipline_id FROM challenges c JOIN people p ON p.id = c.co_lead_id
              WHERE ${started}
            UNION ALL SELECT m.challenge_id, p.discipline_id FROM memberships m JOIN people p ON p.id = m.person_id
              JOIN challenges c ON c.id = m.challenge_id
              WHERE ${onTeamStatus(sql`m.status`)} AND ${started}
          ) t WHERE t.discipline IS NOT NULL GROUP BY t.challenge_id
        )`,
    ),
  ] as const;
}

/** The same four from the rollup and what changed since it was refreshed, row for row. */
function rolledUpQueries(db: Database, window: Window) {
  return [
    rawRows(db, ["stage", "n"], reachedSqlFor(window)),
    rawRows(db, ["stage", "days", "n"], staysSqlFor(window)),
    rawRows(db, ["discipline", "level", "people", "participating"], PARTICIPATION_SQL),
    rawRows(db, ["average", "teams"], TEAMS_SQL),
  ] as const;
}

/** Two plans as one, whose value `f` makes of theirs. */
function combine<A, B, T>(a: ReadPlan<A>, b: ReadPlan<B>, f: (a: A, b: B) => T): ReadPlan<T> {
  const split = a.queries.length;
  return {
    queries: [...a.queries, ...b.queries],
    read: (results) => f(a.read(results.slice(0, split)), b.read(results.slice(split))),
  };
}

type DashboardResults = BatchResults<ReturnType<typeof dashboardQueries>>;

function readDashboard(
  [[period], [settings], ...figures]: DashboardResults,
  budgetPage: DashboardBudgetPage,
  at: string,
) {
  if (!settings) throw new Error("org_settings has no 'org' row; run the migrations");
  const changed = Number((figures.at(-1) as Rows)[0]?.n ?? 0);
  return {
    period: period ?? null,
    responseDeadlineDays: settings.days,
    figures: dashboardFigures(figures.slice(0, -1) as Rows[], budgetPage, at),
    /** How many challenges and people the figures counted live (changed since the rollup's refresh). */
    changed,
  };
}

type Rows = readonly Record<string, unknown>[];

function dashboardFigures(
  [
    stages,
    reached,
    spans,
    participation,
    disciplinesPerTeam,
    outcomes,
    overdue,
    overdueCommitments,
    unreviewable,
  ]: Rows[],
  budgetPage: DashboardBudgetPage,
  at: string,
) {
  const reachedBy = new Map(reached.map((r) => [String(r.stage), Number(r.n)]));
  const funnel = FUNNEL.map((stage, i) => {
    const hist = spans.filter((s) => s.stage === stage).map((s) => ({ value: Number(s.days), count: Number(s.n) }));
    const previous = i > 0 ? (reachedBy.get(FUNNEL[i - 1]) ?? 0) : null;
    const here = reachedBy.get(stage) ?? 0;
    return {
      stage,
      current: Number(stages.find((s) => s.stage === stage)?.n ?? 0),
      reached: here,
      conversion: previous ? Math.round((here / previous) * 1000) / 10 : null,
      medianDays: medianOfHistogram(hist),
    };
  });
  return {
    funnel,
    otherStages: ["withdrawn", "archived"].map((stage) => ({
      stage,
      current: Number(stages.find((s) => s.stage === stage)?.n ?? 0),
    })),
    budgets: budgetPage.items,
    budgetsNextCursor: budgetPage.nextCursor,
    budgetsTotal: budgetPage.total,
    participation: participation.map((r) => ({
      discipline: (r.discipline as string | null) ?? null,
      level: (r.level as string | null) ?? null,
      people: Number(r.people),
      participating: Number(r.participating),
    })),
    averageDisciplinesPerTeam: Math.round(Number(disciplinesPerTeam[0]?.average ?? 0) * 100) / 100,
    teams: Number(disciplinesPerTeam[0]?.teams ?? 0),
    decisions: ["scale", "iterate", "stop"].map((decision) => ({
      decision,
      count: Number(outcomes.find((o) => o.decision === decision)?.n ?? 0),
    })),
    overdueResponses: overdue.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      leadName: String(r.leadName ?? ""),
      publishedAt: String(r.publishedAt),
      days: daysBetween(String(r.publishedAt), at),
    })),
    overdueResponsesTotal: Number(overdue[0]?.total ?? 0),
    overdueCommitmentsTotal: Number(overdueCommitments[0]?.total ?? 0),
    overdueCommitments: overdueCommitments.map((r) => ({
      id: String(r.id),
      what: String(r.what),
      dueOn: String(r.dueOn),
      challengeId: String(r.challengeId),
      challengeTitle: String(r.challengeTitle ?? ""),
      ownerName: String(r.ownerName ?? ""),
    })),
    needsIndependentReviewer: unreviewable.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      submittedAt: String(r.submittedAt),
      days: daysBetween(String(r.submittedAt), at),
    })),
    needsIndependentReviewerTotal: Number(unreviewable[0]?.total ?? 0),
  };
}

// ─── Budgets, a page at a time ──────────────────────────────────────────────────────────────

/** Budgets on the dashboard's first page, and on each "Show more". */
export const DASHBOARD_BUDGETS_PAGE = 50;

/** Where a page of budgets starts: after this budget in (period start desc, period, sponsor name, id) order. */
export const BUDGET_CURSOR_SHAPE = ["string", "string", "string", "string"] as const;

type DashboardBudgetPage = PlanValue<ReturnType<typeof dashboardBudgetsPlan>>;
type PlanValue<P> = P extends ReadPlan<infer T> ? T : never;

/**
 * One page of the period's budgets (all periods without one), grouped by period, newest first,
 * and by sponsor within it, each with every figure derived from the ledger as the budgets page
 * does (worker/services/funding.ts `budgetsPlan`), and how many there are in all. The page's ids
 * are a subquery, so the sums and spend shares read only its budgets, in the same round trip.
 */
export function dashboardBudgetsPlan(
  db: Database,
  { periodId, after, limit }: { periodId?: string; after?: CursorKey | null; limit: number },
) {
  const inPeriod = periodId ? eq(budgets.periodId, periodId) : undefined;
  const [startsOn, afterPeriod, name, id] = (after ?? []) as string[];
  const afterKey = after
    ? sql`(${budgetPeriods.startsOn} < ${startsOn} OR (${budgetPeriods.startsOn} = ${startsOn} AND (${budgetPeriods.id} > ${afterPeriod}
        OR (${budgetPeriods.id} = ${afterPeriod} AND (${people.name} > ${name} OR (${people.name} = ${name} AND ${budgets.id} > ${id}))))))`
    : undefined;
  const order = [desc(budgetPeriods.startsOn), asc(budgetPeriods.id), asc(people.name), asc(budgets.id)];
  const pageIds = db
    .select({ id: budgets.id })
    .from(budgets)
    .innerJoin(budgetPeriods, eq(budgetPeriods.id, budgets.periodId))
    .innerJoin(people, eq(people.id, budgets.sponsorId))
    .where(and(inPeriod, afterKey))
    .orderBy(...order)
    .limit(limit + 1);
  const inPage = sql`IN (SELECT id FROM (${pageIds}))`;
  const queries = [
    db
      // Aliased: D1 batches key rows by column name, and three tables here have `id`.
      .select({
        id: budgets.id,
        periodId: sql<string>`${budgetPeriods.id}`.as("period_id_"),
        periodName: sql<string>`${budgetPeriods.name}`.as("period_name"),
        startsOn: budgetPeriods.startsOn,
        endsOn: budgetPeriods.endsOn,
        sponsorId: sql<string>`${people.id}`.as("sponsor_id_"),
        sponsorName: sql<string>`${people.name}`.as("sponsor_name"),
        currency: sql<string>`(SELECT ${orgSettings.currency} FROM ${orgSettings} WHERE ${orgSettings.id} = 'org')`.as(
          "currency",
        ),
      })
      .from(budgets)
      .innerJoin(budgetPeriods, eq(budgetPeriods.id, budgets.periodId))
      .innerJoin(people, eq(people.id, budgets.sponsorId))
      .where(and(inPeriod, afterKey))
      .orderBy(...order)
      .limit(limit + 1),
    db
      .select({
        budgetId: ledgerEntries.budgetId,
        type: ledgerEntries.type,
        amount: sql<number>`sum(${ledgerEntries.amount})`.as("amount"),
      })
      .from(ledgerEntries)
      .where(sql`${ledgerEntries.budgetId} ${inPage}`)
      .groupBy(ledgerEntries.budgetId, ledgerEntries.type),
    // Every live pledge on the challenges the page's budgets pledged to: enough to split spend by pledge.
    pledgeSharesQuery(db, sql`${pledges.budgetId} ${inPage}`),
    db
      .select({ n: sql<number>`count(*)`.as("n") })
      .from(budgets)
      .where(inPeriod),
  ] as const;
  return readPlan(queries, ([rows, sums, shares, [count]]) => {
    const page = pageOf(rows, limit, (r) => [r.startsOn, r.periodId, r.sponsorName, r.id]);
    return {
      // The balances as /api/budgets derives them (worker/services/funding.ts), for this page's budgets.
      items: budgetViews(page.items, sums, shares),
      nextCursor: page.nextCursor,
      total: Number(count?.n ?? 0),
    };
  });
}

/**
 * Tells the leads of open challenges that passed the response deadline, once per challenge
 * (run daily by the cron trigger; given a date, as of its midnight, so never before the
 * challenge page shows the clock overdue). Returns how many were told.
 */
export async function notifyOverdueResponses(db: Database, asOf: string, deadlineDays: number) {
  const { at, latest } = overdueIfPublishedBy(asOf, deadlineDays);
  const [result] = await writeBatch(db, [
    sql`INSERT INTO notifications (id, recipient_id, kind, challenge_id, actor_id, data)
      SELECT 'ntf_' || lower(hex(randomblob(10))), c.lead_id, 'response_overdue', c.id, NULL,
        json_object('days', CAST(julianday(${at}) - julianday(c.published_at) AS INTEGER))
      FROM challenges c
      WHERE ${awaitingResponse} AND c.published_at <= ${latest}
        AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.challenge_id = c.id AND n.kind = 'response_overdue')
      RETURNING id`,
  ]);
  // Counted from RETURNING: `meta.changes` would count the outbox rows its trigger writes too.
  return result.results.length;
}
