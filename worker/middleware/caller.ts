import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { prepareReads, type ReadPlan } from "../services/batch";
import type { Me } from "../services/people";
import type { BatchResult, RidingCheck } from "./db";

/**
 * The browser's note of who it was last time (a person id, nothing secret). With it, the caller's
 * verification rides in the request's first batch of reads, so a page's read is one round trip
 * (SPEC §18). Without it, or when it is wrong, the caller is looked up on their own first.
 */
export const CALLER_COOKIE = "crux_caller";

export function rememberCaller(c: Context<AppEnv>, personId: string) {
  if (getCookie(c, CALLER_COOKIE) === personId) return;
  setCookie(c, CALLER_COOKIE, personId, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    maxAge: 400 * 24 * 60 * 60,
  });
}

export function forgetCaller(c: Context<AppEnv>) {
  deleteCookie(c, CALLER_COOKIE, { path: "/", secure: new URL(c.req.url).protocol === "https:" });
}

/** The person id the browser says it is, to build the request's reads with until it is verified. */
export const callerHint = (c: Context<AppEnv>) => getCookie(c, CALLER_COOKIE) || null;

/**
 * `c.var.me` before the caller is verified: its `id` is the hint, and reading anything else
 * throws, so no decision can rest on an unverified caller. Once verified it is the person.
 */
function pendingMe(hint: string) {
  const target = { id: hint } as Me;
  let verified = false;
  const me = new Proxy(target, {
    get(t, prop, receiver) {
      if (verified || prop === "id") return Reflect.get(t, prop, receiver);
      if (typeof prop === "symbol" || prop === "then") return undefined;
      throw new Error(`c.var.me.${prop} was read before the caller was verified; read the request's facts first`);
    },
  });
  return {
    me,
    fill(person: Me) {
      Object.assign(target, person);
      verified = true;
    },
  };
}

/**
 * The caller's verification as a check for the request's D1 (middleware/db.ts): `plan` reads
 * the caller's credential and person; `verify` throws the 401/403 or returns the person.
 * Checks that need the verified person (the role a route asks for) wait in `whenVerified`.
 */
export class CallerGate<V> implements RidingCheck {
  readonly me: Me;
  readonly outcome: Promise<void>;
  #fill: (person: Me) => void;
  #boarded = false;
  #verified = false;
  #waiting: ((me: Me) => void | Promise<void>)[] = [];
  #settle!: { pass(): void; fail(err: unknown): void };

  constructor(
    hint: string,
    private readonly plan: ReadPlan<V>,
    private readonly verify: (value: V) => Promise<Me>,
  ) {
    const pending = pendingMe(hint);
    this.me = pending.me;
    this.#fill = pending.fill;
    this.outcome = new Promise<void>((pass, fail) => {
      this.#settle = { pass, fail };
    });
    this.outcome.catch(() => undefined);
  }

  get verified() {
    return this.#verified;
  }

  /** Runs `check` on the verified person: now if verified, else as part of the verification. */
  async whenVerified(check: (me: Me) => void | Promise<void>) {
    if (this.#verified) await check(this.me);
    else this.#waiting.push(check);
  }

  board() {
    if (this.#boarded) return null;
    this.#boarded = true;
    let reads: ReturnType<typeof prepareReads<readonly [ReadPlan<V>]>>;
    try {
      reads = prepareReads([this.plan]);
    } catch (err) {
      this.#settle.fail(err);
      throw err;
    }
    return {
      statements: reads.statements,
      land: async (results: BatchResult[]) => {
        try {
          const person = await this.verify(reads.read(results)[0]);
          this.#fill(person);
          this.#verified = true;
          for (const check of this.#waiting) await check(this.me);
          this.#settle.pass();
        } catch (err) {
          this.#settle.fail(err);
          throw err;
        }
      },
      fail: (err: unknown) => this.#settle.fail(err),
    };
  }
}
