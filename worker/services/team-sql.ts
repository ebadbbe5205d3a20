import { type SQL, sql } from "drizzle-orm";
import { ON_TEAM_STATUSES, SEAT_STATUSES } from "../domain/teams";

// The statuses are constants of the code, never input, so they are written into the SQL.
const quoted = (statuses: readonly string[]) => statuses.map((s) => `'${s}'`).join(", ");
const list = (statuses: readonly string[]) => sql.raw(quoted(statuses));

/** The on-the-team statuses as a literal SQL list, for the few queries kept as plain strings. */
export const ON_TEAM_STATUS_LIST = quoted(ON_TEAM_STATUSES);

/** `m.status IN ('active')`: a membership that puts its holder on the team (worker/domain/teams.ts). */
export const onTeamStatus = (column: SQL) => sql`${column} IN (${list(ON_TEAM_STATUSES)})`;

/** `m.status IN ('pending_lend', 'active')`: a membership that holds a seat. */
export const seatStatus = (column: SQL) => sql`${column} IN (${list(SEAT_STATUSES)})`;

/**
 * worker/domain/teams.ts `isOnTeamOf` as a set: the lead, co-lead and active members of the
 * challenge, selected as `id` (the co-lead may be NULL).
 */
export function teamOfSql(challengeId: SQL): SQL {
  return sql`SELECT lead_id AS id FROM challenges WHERE id = ${challengeId}
    UNION SELECT co_lead_id FROM challenges WHERE id = ${challengeId}
    UNION SELECT person_id FROM memberships tm WHERE tm.challenge_id = ${challengeId} AND ${onTeamStatus(sql`tm.status`)}`;
}

/** `isTeamMember` in SQL: an active membership of the challenge, leading it aside. */
export function teamMemberSql(challengeId: SQL, personId: SQL): SQL<number> {
  return sql<number>`EXISTS (SELECT 1 FROM memberships tm WHERE tm.challenge_id = ${challengeId}
    AND tm.person_id = ${personId} AND ${onTeamStatus(sql`tm.status`)})`;
}

/** `holdsSeat` in SQL: a seat on the challenge's team, lent or awaiting the lend. */
export function holdsSeatSql(challengeId: SQL, personId: SQL): SQL<number> {
  return sql<number>`EXISTS (SELECT 1 FROM memberships tm WHERE tm.challenge_id = ${challengeId}
    AND tm.person_id = ${personId} AND ${seatStatus(sql`tm.status`)})`;
}
