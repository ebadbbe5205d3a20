/**
 * The leadership dashboard's rollup (SPEC §18: its cost follows the page, not the organisation).
 *
 * The figures that would otherwise walk every challenge, activity and person (the stages
 * challenges reached, their stays in each stage, IC participation and team diversity) are kept
 * as facts per challenge, stay and IC, added up per figure (db/schema.ts `dashboard_*`). The
 * cron refreshes them (`refreshDashboardRollup`); between refreshes, triggers (migration 0019)
 * note in `dashboard_dirty`, in the same transaction as the change, each challenge and person
 * whose facts may have moved. A read then takes the sums, less those entities' facts as of the
 * refresh, plus their facts counted live now: exactly what a full count gives, at the cost of
 * what changed since. Each figure is one query whose rows are the full count's
 * (dashboard.ts `fullCountQueries`), so the page reads both alike.
 */
import { type SQL, sql } from "drizzle-orm";
import { STAGE_MOVES_SQL } from "../../db/schema";
import { STARTED_STAGES } from "../domain/lifecycle";
import type { Database } from "../middleware/db";
import { writeBatch } from "./batch";
import { stageIn } from "./stage-sql";
import { onTeamStatus } from "./team-sql";

/** The funnel's stages, in order; a challenge's `reached` has bit i set for FUNNEL[i]. */
export const FUNNEL: readonly string[] = ["draft", "open", "funded", "active", "showcase", "reviewed"];

/** How many changed challenges and people a read may count live before it asks for a refresh. */
export const REFRESH_AFTER_CHANGES = 1000;

/** A time window as SQL instants (`from` inclusive, `to` exclusive), each a midnight UTC. */
export interface Window {
  from: SQL;
  to: SQL;
  /** The all-time window, whose sums the refresh keeps ready (`reached_all`, `stay_all`). */
  allTime?: boolean;
}

/** The all-time window's bounds (dashboard.ts `windowSql` without a period). */
export const ALL_TIME = { from: "0000-01-01T00:00:00.000Z", to: "9999-12-31T00:00:00.000Z" };

/** `bits(stage, bit)`: each funnel stage and its bit in `reached`. */
const BITS_CTE = sql.raw(`bits(stage, bit) AS (VALUES ${FUNNEL.map((s, i) => `('${s}', ${1 << i})`).join(", ")})`);

/** The funnel's stages a challenge reached: draft always, the others from its stage moves. */
const reachedSql = (c: string) => {
  const cases = FUNNEL.slice(1)
    .map((s, i) => `WHEN '${s}' THEN ${1 << (i + 1)}`)
    .join(" ");
  return sql`(1 | coalesce((SELECT sum(DISTINCT CASE json_extract(a.detail, '$.to') ${sql.raw(cases)} END)
    FROM activities a WHERE a.challenge_id = ${sql.raw(c)}.id AND a.${STAGE_MOVES_SQL}
      AND a.action IN ('published', 'funded', 'started', 'submitted', 'decided')), 0))`;
};

/** Distinct disciplines of a started challenge's team (lead, co-lead, members on it); null when it counts for no team. */
const teamDisciplinesSql = (c: string) => {
  const t = sql.raw(c);
  return sql`CASE WHEN ${stageIn(sql`${t}.stage`, STARTED_STAGES)} THEN (SELECT nullif(count(DISTINCT p.discipline_id), 0)
    FROM people p WHERE p.id = ${t}.lead_id OR p.id = ${t}.co_lead_id OR p.id IN (
      SELECT m.person_id FROM memberships m WHERE m.challenge_id = ${t}.id AND ${onTeamStatus(sql`m.status`)})) END`;
};

/**
 * `moves` and `spans`: each completed stay in a stage of the challenges `scope` admits (over
 * `activities`), with the instant it ended and its whole days. Ties in time are taken in id
 * order, as the full count does.
 */
const staysCtes = (scope: SQL) => sql`moves AS (
    SELECT challenge_id, id, created_at,
      CASE WHEN action = 'created' THEN 'draft' ELSE json_extract(detail, '$.to') END AS stage
    FROM activities
    WHERE challenge_id IS NOT NULL AND (action = 'created' OR json_extract(detail, '$.to') IS NOT NULL)
      AND ${STAGE_MOVES_SQL} AND ${scope}
  ), spans AS (
    SELECT challenge_id, stage, created_at AS entered,
      LEAD(created_at) OVER (PARTITION BY challenge_id ORDER BY created_at, id) AS left_at
    FROM moves
  ), stays AS (
    SELECT challenge_id, stage, left_at, CAST(julianday(left_at) - julianday(entered) AS INTEGER) AS days
    FROM spans WHERE left_at IS NOT NULL
  )`;

/** Whether an IC took part: led or co-led a published challenge, or held a seat that was active. */
const participatingSql = (p: string) => {
  const id = sql.raw(`${p}.id`);
  return sql`(EXISTS (SELECT 1 FROM challenges c WHERE c.lead_id = ${id} AND c.published_at IS NOT NULL)
    OR EXISTS (SELECT 1 FROM challenges c WHERE c.co_lead_id = ${id} AND c.published_at IS NOT NULL)
    OR EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = ${id} AND m.status IN ('active', 'released')))`;
};

/** The same set for everyone at once (SQLite builds it once). */
const PARTICIPANTS_SQL = sql`SELECT c.lead_id FROM challenges c WHERE c.published_at IS NOT NULL
  UNION ALL SELECT c.co_lead_id FROM challenges c WHERE c.published_at IS NOT NULL AND c.co_lead_id IS NOT NULL
  UNION ALL SELECT m.person_id FROM memberships m WHERE m.status IN ('active', 'released')`;

/**
 * The day an instant falls in for window comparisons: the last D with `D 'T00:00:00.000Z' <=
 * instant`, so `instant >= from` exactly when `day >= from's day`, whatever the instant's format.
 */
const dayBucketSql = (t: SQL) =>
  sql`CASE WHEN ${t} >= substr(${t}, 1, 10) || 'T00:00:00.000Z' THEN substr(${t}, 1, 10) ELSE date(substr(${t}, 1, 10), '-1 day') END`;

const dayOf = (instant: SQL) => sql`substr(${instant}, 1, 10)`;

/**
 * `dp`, the changed people, and `dc`, the challenges whose facts may have moved: those changed,
 * and those a changed person leads, co-leads or is on the team of (their discipline counts).
 */
const DIRTY_CTES = sql`dp AS (SELECT id FROM dashboard_dirty WHERE kind = 'person'),
  dc AS (SELECT id FROM dashboard_dirty WHERE kind = 'challenge'
    UNION SELECT c.id FROM challenges c WHERE c.lead_id IN dp
    UNION SELECT c.id FROM challenges c WHERE c.co_lead_id IN dp
    UNION SELECT m.challenge_id FROM memberships m WHERE m.person_id IN dp AND ${onTeamStatus(sql`m.status`)})`;

// ─── Reads (one query per figure; rows like the full count's) ───────────────────────────────

/** How many challenges created in the window reached each funnel stage: (stage, n). */
export function reachedSqlFor({ from, to, allTime }: Window) {
  const sums = allTime
    ? sql`SELECT stage, n FROM dashboard_rollup WHERE figure = 'reached_all'`
    : sql`SELECT stage, n FROM dashboard_rollup WHERE figure = 'reached' AND day >= ${dayOf(from)} AND day < ${dayOf(to)}`;
  return sql`WITH ${DIRTY_CTES}, ${BITS_CTE},
    live AS (SELECT c.created_at, ${reachedSql("c")} AS reached FROM challenges c WHERE c.id IN dc)
    SELECT stage, sum(n) AS n FROM (
      ${sums}
      UNION ALL SELECT b.stage, -1 FROM dashboard_challenge_facts f JOIN bits b ON f.reached & b.bit
        WHERE f.challenge_id IN dc AND f.created_at >= ${from} AND f.created_at < ${to}
      UNION ALL SELECT b.stage, 1 FROM live f JOIN bits b ON f.reached & b.bit
        WHERE f.created_at >= ${from} AND f.created_at < ${to}
    ) GROUP BY stage`;
}

/** Completed stays ending in the window, as a histogram of whole days: (stage, days, n). */
export function staysSqlFor({ from, to, allTime }: Window) {
  const sums = allTime
    ? sql`SELECT stage, days, n FROM dashboard_rollup WHERE figure = 'stay_all'`
    : sql`SELECT stage, days, n FROM dashboard_rollup WHERE figure = 'stay' AND day >= ${dayOf(from)} AND day < ${dayOf(to)}`;
  return sql`WITH ${DIRTY_CTES}, ${staysCtes(sql`challenge_id IN dc`)}
    SELECT stage, days, sum(n) AS n FROM (
      ${sums}
      UNION ALL SELECT stage, days, -1 FROM dashboard_stay_facts
        WHERE challenge_id IN dc AND left_at >= ${from} AND left_at < ${to}
      UNION ALL SELECT stage, days, 1 FROM stays WHERE left_at >= ${from} AND left_at < ${to}
    ) GROUP BY stage, days HAVING sum(n) <> 0`;
}

/** Active ICs by discipline and level, and how many took part: (discipline, level, people, participating). */
export const PARTICIPATION_SQL = sql`WITH ${DIRTY_CTES}
  SELECT discipline, level, sum(people) AS people, sum(participating) AS participating FROM (
    SELECT discipline_id AS discipline, level_id AS level, n AS people, m AS participating
      FROM dashboard_rollup WHERE figure = 'participation'
    UNION ALL SELECT discipline_id, level_id, -1, -participating FROM dashboard_person_facts WHERE person_id IN dp
    UNION ALL SELECT p.discipline_id, p.level_id, 1, ${participatingSql("p")}
      FROM people p WHERE p.id IN dp AND p.track = 'ic' AND p.active = 1
  ) GROUP BY discipline, level HAVING sum(people) <> 0 ORDER BY discipline, level`;

/** The average count of distinct disciplines per team that formed, and how many teams: (average, teams). */
export const TEAMS_SQL = sql`WITH ${DIRTY_CTES}
  SELECT CAST(sum(s) AS REAL) / nullif(sum(t), 0) AS average, coalesce(sum(t), 0) AS teams FROM (
    SELECT n AS s, m AS t FROM dashboard_rollup WHERE figure = 'teams'
    UNION ALL SELECT -team_disciplines, -1 FROM dashboard_challenge_facts
      WHERE challenge_id IN dc AND team_disciplines IS NOT NULL
    UNION ALL SELECT d, 1 FROM (SELECT ${teamDisciplinesSql("c")} AS d FROM challenges c WHERE c.id IN dc) WHERE d IS NOT NULL
  )`;

/** How many challenges and people changed since the last refresh. */
export const CHANGED_SQL = sql`SELECT count(*) AS n FROM dashboard_dirty`;

// ─── The refresh ────────────────────────────────────────────────────────────────────────────

/**
 * Counts every fact afresh and adds them up, in one transaction (a D1 batch), and empties the
 * list of changes: run by the daily cron, and after a read that counted many changes live.
 */
export async function refreshDashboardRollup(db: Database) {
  await writeBatch(db, [
    sql`DELETE FROM dashboard_dirty`,
    sql`DELETE FROM dashboard_challenge_facts`,
    sql`INSERT INTO dashboard_challenge_facts (challenge_id, created_at, reached, team_disciplines)
      SELECT c.id, c.created_at, ${reachedSql("c")}, ${teamDisciplinesSql("c")} FROM challenges c`,
    sql`DELETE FROM dashboard_stay_facts`,
    sql`WITH ${staysCtes(sql`1`)}
      INSERT INTO dashboard_stay_facts (challenge_id, stage, left_at, days) SELECT challenge_id, stage, left_at, days FROM stays`,
    sql`DELETE FROM dashboard_person_facts`,
    sql`INSERT INTO dashboard_person_facts (person_id, discipline_id, level_id, participating)
      SELECT p.id, p.discipline_id, p.level_id, p.id IN (${PARTICIPANTS_SQL})
      FROM people p WHERE p.track = 'ic' AND p.active = 1`,
    sql`DELETE FROM dashboard_rollup`,
    sql`WITH ${BITS_CTE}
      INSERT INTO dashboard_rollup (figure, day, stage, n)
      SELECT 'reached', ${dayBucketSql(sql`f.created_at`)}, b.stage, count(*)
      FROM dashboard_challenge_facts f JOIN bits b ON f.reached & b.bit GROUP BY 2, 3`,
    sql`INSERT INTO dashboard_rollup (figure, day, stage, days, n)
      SELECT 'stay', ${dayBucketSql(sql`left_at`)}, stage, days, count(*) FROM dashboard_stay_facts GROUP BY 2, 3, 4`,
    // The all-time window's sums, ready: the days in its bounds, added up.
    sql`INSERT INTO dashboard_rollup (figure, stage, n)
      SELECT 'reached_all', stage, sum(n) FROM dashboard_rollup
      WHERE figure = 'reached' AND day >= ${ALL_TIME.from.slice(0, 10)} AND day < ${ALL_TIME.to.slice(0, 10)} GROUP BY stage`,
    sql`INSERT INTO dashboard_rollup (figure, stage, days, n)
      SELECT 'stay_all', stage, days, sum(n) FROM dashboard_rollup
      WHERE figure = 'stay' AND day >= ${ALL_TIME.from.slice(0, 10)} AND day < ${ALL_TIME.to.slice(0, 10)} GROUP BY stage, days`,
    sql`INSERT INTO dashboard_rollup (figure, discipline_id, level_id, n, m)
      SELECT 'participation', discipline_id, level_id, count(*), sum(participating)
      FROM dashboard_person_facts GROUP BY discipline_id, level_id`,
    sql`INSERT INTO dashboard_rollup (figure, n, m)
      SELECT 'teams', coalesce(sum(team_disciplines), 0), count(team_disciplines) FROM dashboard_challenge_facts`,
  ]);
}
