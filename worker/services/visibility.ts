import { type SQL, sql } from "drizzle-orm";
import { NOT_LIVE_STAGES } from "../domain/lifecycle";
import { stageNotIn } from "./stage-sql";

/**
 * worker/domain/lifecycle.ts `isVisibleTo` as a WHERE term on the challenges row named `alias`:
 * a challenge never published (a draft, or a draft withdrawn unpublished) only for its lead and
 * co-lead. Lists that name challenges through another object (merge requests, credit, kudos,
 * notifications, feeds) put it into their own query, so what the viewer may not see never
 * leaves the database and pages stay full. Never NULL (`IS` for the optional co-lead), so it
 * can be negated.
 */
export function visibleToSql(alias: string, viewerId: string): SQL {
  const c = sql.raw(alias);
  return sql`(${publishedSql(alias)} OR ${c}.lead_id = ${viewerId} OR ${c}.co_lead_id IS ${viewerId})`;
}

/** The challenges row `alias` was published: the negation of `isPrivate`. */
export function publishedSql(alias: string): SQL {
  const c = sql.raw(alias);
  return sql`(${stageNotIn(sql`${c}.stage`, NOT_LIVE_STAGES)} OR (${c}.stage = 'withdrawn' AND ${c}.published_at IS NOT NULL))`;
}

/**
 * Whether `idExpr` (a column, or a challenge id inside JSON) names a challenge `viewerId` may not
 * see. NULL or an unknown id names none, so optional references pass.
 */
export function namesHiddenChallengeSql(idExpr: SQL, viewerId: string): SQL {
  return sql`EXISTS (SELECT 1 FROM challenges hc WHERE hc.id = ${idExpr} AND NOT ${visibleToSql("hc", viewerId)})`;
}

/**
 * A person's name as Crux shows it beside what they did: with "(left)" once they are
 * deactivated (SPEC §17), so their credit, endorsements and reviews stay and say so.
 */
export const LEFT_SUFFIX = " (left)";
export function shownNameSql(personId: SQL): SQL<string> {
  return sql<string>`(SELECT p.name || CASE WHEN p.active THEN '' ELSE ${LEFT_SUFFIX} END FROM people p WHERE p.id = ${personId})`;
}
