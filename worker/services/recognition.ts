import { desc, inArray, sql } from "drizzle-orm";
import { challenges } from "../../db/schema";
import type { Database } from "../middleware/db";
import { rawRows, readPlan } from "./batch";
import { publishedSql, shownNameSql } from "./visibility";

export interface BoardFilter {
  from: string;
  to: string;
  discipline?: string;
  level?: string;
  track?: "ic" | "management";
}

/** A person on the recognition board, with their confirmed credit (and, for managers, approved lends) in the window. */
interface BoardRow {
  personId: string;
  name: string;
  title: string;
  disciplineId: string | null;
  levelId: string | null;
  track: "ic" | "management";
  credits: number;
  hours: number | null;
  challengesCount: number;
  endorsementsCount: number;
  lendsCount: number;
}

const BOARD_COLUMNS = [
  "personId",
  "name",
  "title",
  "disciplineId",
  "levelId",
  "track",
  "credits",
  "hours",
  "challengesCount",
  "endorsementsCount",
  "lendsCount",
] as const;

/**
 * The recognition board (SPEC §7), to read in one round trip: top contributors in a window by
 * confirmed credit, IC and management tracks side by side, and recent outcomes. On the management
 * track a lend the manager approved in the window counts as one credit too (SPEC §6: the
 * management track earns credit for growing others); a lend on a challenge never published
 * does not count.
 */
export function recognitionBoardPlan(db: Database, f: BoardFilter, limit: number) {
  const confirmedIn = sql`cr.status = 'confirmed' AND cr.confirmed_at >= ${f.from} AND cr.confirmed_at < ${f.to}`;
  const lentIn = sql`lr.status = 'approved' AND lr.decided_at >= ${f.from} AND lr.decided_at < ${f.to}
    AND NOT EXISTS (SELECT 1 FROM challenges c WHERE c.id = lr.challenge_id AND NOT ${publishedSql("c")})`;
  const top = (track: "ic" | "management") => {
    const lends = track === "management";
    // Who is on the board at all: credit confirmed in the window, or (managers) a lend approved in it.
    const candidates = lends
      ? sql`SELECT cr.person_id AS id FROM contributions cr WHERE ${confirmedIn}
          UNION SELECT lr.manager_id FROM lend_requests lr WHERE ${lentIn}`
      : sql`SELECT DISTINCT cr.person_id AS id FROM contributions cr WHERE ${confirmedIn}`;
    return (
      rawRows<(typeof BOARD_COLUMNS)[number], BoardRow>(
        db,
        BOARD_COLUMNS,
        sql`
      SELECT p.id AS personId, p.name, p.title, p.discipline_id AS disciplineId, p.level_id AS levelId, p.track,
        (SELECT count(*) FROM contributions cr WHERE cr.person_id = p.id AND ${confirmedIn}) AS credits,
        (SELECT sum(cr.hours) FROM contributions cr WHERE cr.person_id = p.id AND ${confirmedIn}) AS hours,
        (SELECT count(DISTINCT cr.challenge_id) FROM contributions cr WHERE cr.person_id = p.id AND ${confirmedIn})
          AS challengesCount,
        (SELECT count(*) FROM endorsements e JOIN contributions cr ON cr.id = e.contribution_id
          WHERE cr.person_id = p.id AND ${confirmedIn}) AS endorsementsCount,
        ${lends ? sql`(SELECT count(*) FROM lend_requests lr WHERE lr.manager_id = p.id AND ${lentIn})` : sql`0`}
          AS lendsCount
      FROM (${candidates}) who JOIN people p ON p.id = who.id
      WHERE p.track = ${track}
        ${f.discipline ? sql`AND p.discipline_id = ${f.discipline}` : sql``}
        ${f.level ? sql`AND p.level_id = ${f.level}` : sql``}
      ORDER BY credits + lendsCount DESC, endorsementsCount DESC, p.name ASC
      LIMIT ${limit}`,
      )
        // The subquery's order, kept by the select around it.
        .orderBy(sql`"credits" + "lendsCount" DESC, "endorsementsCount" DESC, "name" ASC`)
    );
  };
  const queries = [
    top("ic"),
    top("management"),
    db
      .select({
        id: challenges.id,
        title: challenges.title,
        stage: challenges.stage,
        summary: challenges.summary,
        leadName: shownNameSql(sql`challenges.lead_id`).as("lead_name"),
        decidedAt: challenges.stageChangedAt,
        outcome: sql<string | null>`(SELECT json_extract(a.detail, '$.decision') FROM activities a
          WHERE a.challenge_id = challenges.id AND a.action = 'decided' ORDER BY a.created_at DESC LIMIT 1)`.as(
          "outcome",
        ),
      })
      .from(challenges)
      .where(inArray(challenges.stage, ["reviewed", "archived"]))
      .orderBy(desc(challenges.stageChangedAt))
      .limit(12),
  ] as const;
  return readPlan(queries, ([ic, management, outcomes]) => ({
    ic: f.track === "management" ? [] : ic,
    management: f.track === "ic" ? [] : management,
    outcomes,
  }));
}
