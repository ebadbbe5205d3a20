import { type SQL, sql } from "drizzle-orm";
import type { Stage } from "../domain/lifecycle";

/**
 * `column IN ('open', …)` for one of worker/domain/lifecycle.ts's stage sets, so SQL never spells
 * a set of its own. The stages are constants of the code, never input, so they are written in.
 */
export function stageIn(column: SQL, stages: readonly Stage[]): SQL {
  return sql`${column} IN (${sql.raw(stages.map((s) => `'${s}'`).join(", "))})`;
}

export function stageNotIn(column: SQL, stages: readonly Stage[]): SQL {
  return sql`${column} NOT IN (${sql.raw(stages.map((s) => `'${s}'`).join(", "))})`;
}
