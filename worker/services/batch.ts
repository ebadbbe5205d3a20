import { is, SQL, sql } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Database } from "../middleware/db";

/** Anything drizzle can render to SQL: a query builder, or a raw `sql` template. */
export type Statement = SQL | { toSQL(): { sql: string; params: unknown[] } };

/** Renders a statement with drizzle (casing included) into a D1 statement, to batch. */
function prepareRaw(db: Database, statement: Statement) {
  const { sql, params } = is(statement, SQL) ? db.run(statement).getQuery() : statement.toSQL();
  return db.$client.prepare(sql).bind(...params);
}

/**
 * Runs statements as one atomic D1 batch (one round trip) and returns D1's raw results.
 *
 * drizzle's own `db.batch()` cannot take a raw `sql` statement with parameters (its SQLiteRaw
 * has no prepared statement to bind), and the conditional writes our invariants rest on
 * (`INSERT … SELECT … WHERE changes() = 1`, `INSERT … SELECT … FROM json_each(?)`) are raw SQL.
 * So this renders each statement with drizzle (casing included) and batches through D1.
 *
 * A result's `meta.changes` counts the rows the statement's triggers changed too (the outbox,
 * the dashboard's dirty marks, `responded_at`), so "did it change its row" is `meta.changes > 0`,
 * never `=== 1`; to count rows, use `RETURNING` and count what comes back. (SQL's own `changes()`
 * inside a batch counts only the statement's own rows.)
 */
export function writeBatch(db: Database, statements: Statement[]) {
  return db.$client.batch<Record<string, unknown>>(statements.map((s) => prepareRaw(db, s)));
}

/** What `db.batch(queries)` answers for a tuple of queries built elsewhere. */
export type BatchResults<T extends readonly BatchItem<"sqlite">[]> = BatchResponse<T>;

/**
 * Reads that can ride in anyone's batch: the queries, and how their results become a value.
 * A request gathers the plans it needs (the challenge, its team, its money …) and runs them in
 * one round trip (`readTogether`), or after its writes in the write's own batch (`writeThenRead`).
 */
export interface ReadPlan<T> {
  queries: readonly BatchItem<"sqlite">[];
  read(results: readonly unknown[]): T;
}

export function readPlan<const Q extends readonly BatchItem<"sqlite">[], T>(
  queries: Q,
  read: (results: BatchResults<Q>) => T,
): ReadPlan<T> {
  return { queries, read: (results) => read(results as unknown as BatchResults<Q>) };
}

/** A plan whose value is worked out from other plans' values, still in the same round trip. */
export function mapPlan<A, T>(plan: ReadPlan<A>, f: (value: A) => T): ReadPlan<T> {
  return { queries: plan.queries, read: (results) => f(plan.read(results)) };
}

type Values<P extends readonly ReadPlan<unknown>[]> = { [K in keyof P]: P[K] extends ReadPlan<infer T> ? T : never };

function readBack<P extends readonly ReadPlan<unknown>[]>(plans: P, results: readonly unknown[]): Values<P> {
  let at = 0;
  return plans.map((plan) => {
    const mine = results.slice(at, at + plan.queries.length);
    at += plan.queries.length;
    return plan.read(mine);
  }) as Values<P>;
}

/** Runs every plan's reads in one D1 batch (one round trip) and reads each back. */
export async function readTogether<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  ...plans: P
): Promise<Values<P>> {
  const queries = plans.flatMap((p) => p.queries);
  if (!queries.length) return readBack(plans, []);
  const results = await db.batch(queries as unknown as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return readBack(plans, results);
}

/**
 * One query read as a batch of one, so it can carry the caller's check (middleware/db.ts) and a
 * page's read stays one round trip. As in any batch, its column names must be distinct.
 */
export async function readRows<Q extends BatchItem<"sqlite">>(db: Database, query: Q) {
  const [rows] = await db.batch([query]);
  return rows;
}

/** The part of a drizzle query that its own `db.batch()` uses: a bound statement and its mapper. */
interface PreparedRead {
  stmt: D1PreparedStatement;
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: unknown, isFromBatch?: boolean): unknown;
}

/**
 * Runs `writes`, then the plans' reads, as one atomic D1 batch: one round trip that changes
 * what it must and reads back what it wrote (SPEC §18). Returns D1's raw results of the writes
 * (to see which conditional statements took effect) and each plan's value.
 */
export async function writeThenRead<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  writes: Statement[],
  ...plans: P
): Promise<{ written: Awaited<ReturnType<typeof writeBatch>>; read: Values<P> }> {
  const reads = prepareReads(plans);
  const statements = [...writes.map((w) => prepareRaw(db, w)), ...reads.statements];
  const results = await db.$client.batch<Record<string, unknown>>(statements);
  return { written: results.slice(0, writes.length), read: reads.read(results.slice(writes.length)) };
}

/**
 * The plans' reads as bound D1 statements, to put in a batch of one's own, and how D1's results
 * of those statements become the plans' values. (drizzle's own batch prepares each query this
 * way; its mapper turns D1's rows into its shape.)
 */
export function prepareReads<const P extends readonly ReadPlan<unknown>[]>(plans: P) {
  const reads = plans.flatMap((p) => p.queries).map((q) => (q as unknown as { _prepare(): PreparedRead })._prepare());
  return {
    statements: reads.map((r) => r.stmt.bind(...r.getQuery().params)),
    read: (results: readonly unknown[]): Values<P> =>
      readBack(
        plans,
        results.map((result, i) => reads[i].mapResult(result, true)),
      ),
  };
}

/**
 * A raw query (a UNION, a GROUP BY, a window) as a select a read plan can batch: drizzle cannot
 * batch a raw query with parameters, but it can select the raw query's named columns from it.
 */
export function rawRows<const K extends string, T extends { [P in K]: unknown } = { [P in K]: unknown }>(
  db: Database,
  columns: readonly K[],
  query: SQL,
) {
  const fields = Object.fromEntries(columns.map((k) => [k, sql.raw(`"${k}"`)])) as { [P in K]: SQL<T[P]> };
  return db.select(fields).from(sql`(${query})`);
}
