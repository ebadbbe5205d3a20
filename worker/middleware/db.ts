import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import type { MiddlewareHandler } from "hono";
import * as schema from "../../db/schema";
import type { AppEnv } from "../env";

export type Database = DrizzleD1Database<typeof schema> & { $client: D1Database };

/** Round trips to D1 made while serving one request, and their total time in milliseconds. */
export interface DbStats {
  roundTrips: number;
  ms: number;
}

export function createDb(d1: D1Database): Database {
  return drizzle(d1, { schema, casing: "snake_case" });
}

/**
 * Wraps a D1 binding so every round trip (a statement's run/all/first/raw, or one `batch()`) is
 * counted and timed. Statements stay real D1 statements, so they still go into `batch()`.
 */
export function instrumentD1(d1: D1Database, stats: DbStats): D1Database {
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      stats.roundTrips += 1;
      stats.ms += performance.now() - started;
    }
  };
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const { bind, all, run, first, raw } = stmt;
    return Object.assign(stmt, {
      bind: (...values: unknown[]) => wrap(bind.apply(stmt, values)),
      all: () => timed(() => all.apply(stmt)),
      run: () => timed(() => run.apply(stmt)),
      first: (column?: string) =>
        timed(() => (first as (this: D1PreparedStatement, column?: string) => Promise<unknown>).call(stmt, column)),
      raw: (options?: { columnNames?: boolean }) => timed(() => raw.apply(stmt, [options] as never)),
    }) as D1PreparedStatement;
  };
  return {
    prepare: (query: string) => wrap(d1.prepare(query)),
    batch: (statements: D1PreparedStatement[]) => timed(() => d1.batch(statements)),
    exec: (query: string) => timed(() => d1.exec(query)),
    withSession: d1.withSession.bind(d1),
    dump: d1.dump.bind(d1),
  } as D1Database;
}

/**
 * Puts a drizzle client on `c.var.db` and reports the request's D1 round trips in a
 * `Server-Timing` header (SPEC §11), including on error responses.
 */
export function dbProvider(): MiddlewareHandler<AppEnv> {
  return async function dbProvider(c, next) {
    const stats: DbStats = { roundTrips: 0, ms: 0 };
    c.set("dbStats", stats);
    c.set("db", createDb(instrumentD1(c.env.DB, stats)));
    await next();
    const trips = stats.roundTrips === 1 ? "1 round trip" : `${stats.roundTrips} round trips`;
    c.res.headers.append("Server-Timing", `db;desc="${trips}";dur=${stats.ms.toFixed(1)}`);
  };
}
