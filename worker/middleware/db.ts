import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
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

/** One statement's answer in a D1 batch. */
export type BatchResult = Awaited<ReturnType<D1Database["batch"]>>[number];

/**
 * A check the request's first batch of reads can carry: the caller's verification (SPEC §18, a
 * read costs one round trip, authentication included). `board()` hands out its statements once;
 * `land()` gets their results and throws if the check fails. `outcome` settles when it has.
 */
export interface RidingCheck {
  board(): {
    statements: D1PreparedStatement[];
    land(results: BatchResult[]): Promise<void>;
    fail(err: unknown): void;
  } | null;
  readonly outcome: Promise<void>;
}

/** Where the auth middleware leaves its check for the request's D1, and how it makes sure it ran. */
export interface CheckSlot {
  check?: RidingCheck;
  /** Runs the check alone if no batch has carried it yet, and waits for it; no-op without a check. */
  passed(): Promise<void>;
}

/** What a request's D1 needs: a database, or a session of one (the Sessions API, for replicas). */
export type D1Like = Pick<D1Database, "prepare" | "batch">;

/** Whether a statement only reads: only then may it run before the caller is verified. */
const READS_ONLY = /^\s*select\b/i;

/**
 * Wraps a D1 binding so every round trip (a statement's run/all/first/raw, or one `batch()`) is
 * counted and timed. Statements stay real D1 statements, so they still go into `batch()`.
 *
 * With a check in `slot`, nothing reaches D1 before the check has passed, except that the first
 * batch made only of SELECTs carries the check's statements in front of its own: one round trip
 * verifies the caller and reads the facts, and the facts are handed on only if the check passed.
 */
export function instrumentD1(d1: D1Like, stats: DbStats, slot?: CheckSlot): D1Database {
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      stats.roundTrips += 1;
      stats.ms += performance.now() - started;
    }
  };
  const sqlOf = new WeakMap<D1PreparedStatement, string>();
  /** Runs `statements` behind a boarded check, lands the check and returns the rest's results. */
  const carry = async (ride: NonNullable<ReturnType<RidingCheck["board"]>>, statements: D1PreparedStatement[]) => {
    let results: BatchResult[];
    try {
      results = await timed(() => d1.batch([...ride.statements, ...statements]));
    } catch (err) {
      ride.fail(err);
      throw err;
    }
    await ride.land(results.slice(0, ride.statements.length));
    return results.slice(ride.statements.length);
  };
  const passed = async () => {
    const ride = slot?.check?.board();
    if (ride) await carry(ride, []);
    await slot?.check?.outcome;
  };
  if (slot) slot.passed = passed;
  /**
   * A lone SELECT's `all()` or `first()` can carry the check as well: a batch answers each
   * statement as `all()` does, rows as objects. (`raw()` answers arrays, so it waits instead.)
   */
  const ridingAlone = async (stmt: D1PreparedStatement) => {
    const ride = READS_ONLY.test(sqlOf.get(stmt) ?? "") ? slot?.check?.board() : null;
    return ride ? (await carry(ride, [stmt]))[0] : null;
  };
  const wrap = (stmt: D1PreparedStatement, query: string): D1PreparedStatement => {
    sqlOf.set(stmt, query);
    const { bind, all, run, first, raw } = stmt;
    return Object.assign(stmt, {
      bind: (...values: unknown[]) => wrap(bind.apply(stmt, values), query),
      all: async () => (await ridingAlone(stmt)) ?? passed().then(() => timed(() => all.apply(stmt))),
      run: () => passed().then(() => timed(() => run.apply(stmt))),
      first: async (column?: string) => {
        const rode = await ridingAlone(stmt);
        if (rode) {
          const row = (rode.results[0] ?? null) as Record<string, unknown> | null;
          return row && column !== undefined ? row[column] : row;
        }
        return passed().then(() =>
          timed(() => (first as (this: D1PreparedStatement, column?: string) => Promise<unknown>).call(stmt, column)),
        );
      },
      raw: (options?: { columnNames?: boolean }) =>
        passed().then(() => timed(() => raw.apply(stmt, [options] as never))),
    }) as D1PreparedStatement;
  };
  const batch = async (statements: D1PreparedStatement[]) => {
    const readsOnly = statements.length > 0 && statements.every((s) => READS_ONLY.test(sqlOf.get(s) ?? ""));
    const ride = readsOnly ? slot?.check?.board() : null;
    if (ride) return carry(ride, statements);
    await passed();
    return timed(() => d1.batch(statements));
  };
  return {
    prepare: (query: string) => wrap(d1.prepare(query), query),
    batch,
    // A request never runs raw multi-statement SQL or opens a session of its own: it already is one.
    exec: () => Promise.reject(new Error("exec() is not available to a request's D1 session")),
    withSession: () => {
      throw new Error("a request's D1 is already a session");
    },
    dump: () => Promise.reject(new Error("dump() is not available")),
  } as D1Database;
}

/** The header a client sends its last bookmark in, and the response carries the new one in. */
export const BOOKMARK_HEADER = "D1-Bookmark";
/** The same bookmark as a cookie, so every tab of the browser reads what any of them wrote. */
export const BOOKMARK_COOKIE = "crux_bookmark";
// D1 bookmarks are hyphen-separated hex groups; anything else is ignored, never passed on.
const BOOKMARK = /^[0-9a-f]{1,64}(?:-[0-9a-f]{1,64}){1,8}$/i;

/**
 * The request's D1 session (SPEC §18, the Sessions API): after the caller's last bookmark, so
 * they read their own writes from whichever replica answers; without one, a read may start at
 * any replica and a write starts at the primary.
 */
function requestSession(c: Context<AppEnv>): {
  session: D1Like & Pick<ReturnType<D1Database["withSession"]>, "getBookmark">;
  given: string | null;
} {
  const sent = c.req.header(BOOKMARK_HEADER) ?? getCookie(c, BOOKMARK_COOKIE);
  const given = sent && BOOKMARK.test(sent) ? sent : null;
  const reads = c.req.method === "GET" || c.req.method === "HEAD";
  const open = (start: string) => {
    try {
      return c.env.DB.withSession(start);
    } catch {
      // A bookmark D1 does not know (another database's, a forged one): start afresh.
      return null;
    }
  };
  const after = given ? open(given) : null;
  if (after) return { session: after, given };
  const fresh = open(reads ? "first-unconstrained" : "first-primary");
  // Without sessions at all (a binding that has none), the database itself, with no bookmark.
  return {
    session: fresh ?? { prepare: (q) => c.env.DB.prepare(q), batch: (s) => c.env.DB.batch(s), getBookmark: () => null },
    given: null,
  };
}

/** Hands the session's latest bookmark back, as a header and a cookie, when it moved on. */
function handBookmarkBack(c: Context<AppEnv>, given: string | null, latest: string | null) {
  if (!latest || latest === given) return;
  c.res.headers.set(BOOKMARK_HEADER, latest);
  setCookie(c, BOOKMARK_COOKIE, latest, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    maxAge: 24 * 60 * 60,
  });
}

/**
 * Puts a drizzle client on `c.var.db` and reports the request's D1 round trips in a
 * `Server-Timing` header (SPEC §11), including on error responses. `c.var.callerCheck` is where
 * the auth middleware puts the caller's verification, to ride in the first batch of reads.
 */
export function dbProvider(): MiddlewareHandler<AppEnv> {
  return async function dbProvider(c, next) {
    const stats: DbStats = { roundTrips: 0, ms: 0 };
    const slot: CheckSlot = { passed: async () => undefined };
    const { session, given } = requestSession(c);
    c.set("dbStats", stats);
    c.set("callerCheck", slot);
    c.set("db", createDb(instrumentD1(session, stats, slot)));
    await next();
    handBookmarkBack(c, given, session.getBookmark());
    const trips = stats.roundTrips === 1 ? "1 round trip" : `${stats.roundTrips} round trips`;
    c.res.headers.append("Server-Timing", `db;desc="${trips}";dur=${stats.ms.toFixed(1)}`);
  };
}
