import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHALLENGE_SIGNS, type ChallengeFigure, challengeFunding, type LedgerType } from "../worker/domain/ledger";
import { createDb } from "../worker/middleware/db";
import { challengeFigureSql } from "../worker/services/ledger-sql";
import { createChallenge, env, member } from "./helpers";

const TYPES: LedgerType[] = ["allocation", "pledge", "pledge_withdrawal", "spend", "return"];
const FIGURES = Object.keys(CHALLENGE_SIGNS) as ChallengeFigure[];

/**
 * Money from one source (SPEC §5): every SQL sum over the ledger is built from the sign map in
 * worker/domain/ledger.ts, and for any ledger it says what `challengeFunding` says.
 */
describe("the ledger's SQL sums agree with challengeFunding", () => {
  it("for any entries, each figure in SQL equals the pure fold", async () => {
    const lead = await member();
    const challengeId = await createChallenge(lead.as);
    const db = createDb(env.DB);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ type: fc.constantFrom(...TYPES), amount: fc.integer({ min: 0, max: 10_000_000 }) }), {
          maxLength: 12,
        }),
        async (entries) => {
          await env.DB.batch([
            env.DB.prepare("DELETE FROM ledger_entries WHERE challenge_id = ?").bind(challengeId),
            ...entries.map((e, i) =>
              env.DB.prepare("INSERT INTO ledger_entries (id, type, challenge_id, amount) VALUES (?, ?, ?, ?)").bind(
                `le_prop_${i}_${crypto.randomUUID().slice(0, 8)}`,
                e.type,
                challengeId,
                e.amount,
              ),
            ),
          ]);
          const [row] = await db.all<Record<ChallengeFigure, number>>(
            sql`SELECT ${sql.join(
              FIGURES.map((f) => sql`${challengeFigureSql(f, sql`${challengeId}`)} AS ${sql.raw(f)}`),
              sql`, `,
            )}`,
          );
          expect(row).toEqual(challengeFunding(entries));
        },
      ),
      { numRuns: 40 },
    );
  });
});
