import { type SQL, sql } from "drizzle-orm";
import { CHALLENGE_SIGNS, type ChallengeFigure, SPONSORING_PLEDGE_STATUSES } from "../domain/ledger";

/**
 * A challenge's figure summed over its ledger entries in SQL, built from the one sign map in
 * worker/domain/ledger.ts (test/ledger-sql.test.ts checks it against `challengeFunding`).
 * `challengeId` is SQL: a bound id, or a column of the outer query such as `c.id`.
 */
export function challengeFigureSql(figure: ChallengeFigure, challengeId: SQL): SQL<number> {
  const signs = Object.entries(CHALLENGE_SIGNS[figure]) as [string, 1 | -1][];
  // The types and signs are constants of the code, never input, so they are written into the SQL.
  const cases = signs.map(([type, sign]) => `WHEN '${type}' THEN ${sign === 1 ? "" : "-"}le.amount`).join(" ");
  return sql<number>`(SELECT coalesce(sum(CASE le.type ${sql.raw(cases)} ELSE 0 END), 0)
    FROM ledger_entries le WHERE le.challenge_id = ${challengeId})`;
}

const SPONSORING = sql.raw(SPONSORING_PLEDGE_STATUSES.map((s) => `'${s}'`).join(", "));

/** worker/domain/ledger.ts `isSponsorOf` in SQL: a pledge to the challenge that is not withdrawn. */
export function sponsorOfSql(challengeId: SQL, personId: SQL): SQL<number> {
  return sql<number>`EXISTS (SELECT 1 FROM pledges sp WHERE sp.challenge_id = ${challengeId}
    AND sp.sponsor_id = ${personId} AND sp.status IN (${SPONSORING}))`;
}

/** worker/domain/ledger.ts `hasPledgedTo` in SQL: any pledge to the challenge, withdrawn or not. */
export function pledgedToSql(challengeId: SQL, personId: SQL): SQL<number> {
  return sql<number>`EXISTS (SELECT 1 FROM pledges sp WHERE sp.challenge_id = ${challengeId} AND sp.sponsor_id = ${personId})`;
}
