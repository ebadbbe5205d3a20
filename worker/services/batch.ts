import { is, SQL } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Database } from "../middleware/db";

/** Anything drizzle can render to SQL: a query builder, or a raw `sql` template. */
export type Statement = SQL | { toSQL(): { sql: string; params: unknown[] } };

/**
 * Runs statements as one atomic D1 batch (one round trip) and returns D1's raw results.
 *
 * drizzle's own `db.batch()` cannot take a raw `sql` statement with parameters (its SQLiteRaw
 * has no prepared statement to bind), and the conditional writes our invariants rest on
 * (`INSERT … SELECT … WHERE changes() = 1`, `INSERT … SELECT … FROM json_each(?)`) are raw SQL.
 * So this renders each statement with drizzle (casing included) and batches through D1.
 */
export function writeBatch(db: Database, statements: Statement[]) {
  const prepared = statements.map((statement) => {
    const { sql, params } = is(statement, SQL) ? db.run(statement).getQuery() : statement.toSQL();
    return db.$client.prepare(sql).bind(...params);
  });
  return db.$client.batch<Record<string, unknown>>(prepared);
}

/** What `db.batch(queries)` answers for a tuple of queries built elsewhere. */
export type BatchResults<T extends readonly BatchItem<"sqlite">[]> = BatchResponse<T>;
