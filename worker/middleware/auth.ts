import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from "jose";
import type { GlobalRole } from "../domain/lifecycle";
import type { AppEnv, Bindings } from "../env";
import type { AuditContext } from "../services/activity";
import { findTokenHolder, hashSecret, lastUseIsStale, TOKEN_PREFIX, touchToken } from "../services/api-tokens";
import { findPersonByEmail, type Me, personByEmailPlan, provisionMember } from "../services/people";
import {
  findSessionHolder,
  SESSION_ABSOLUTE_MS,
  type SessionHolder,
  sessionHolderPlan,
  sessionUseIsStale,
  touchSession,
} from "../services/sessions";
import { CallerGate, callerHint, forgetCaller, rememberCaller } from "./caller";
import { createDb } from "./db";
import { ApiError, forbidden } from "./errors";

export const SESSION_COOKIE = "crux_session";
/** The cookie may live as long as the session's absolute end; the server ends it sooner when idle. */
export const SESSION_COOKIE_SECONDS = SESSION_ABSOLUTE_MS / 1000;
/** The methods that change something: rate-limited, scope-checked and origin-checked. */
export const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type AuthMode = "access" | "dev" | "demo";

export function authMode(env: Bindings): AuthMode {
  return env.AUTH_MODE === "dev" || env.AUTH_MODE === "demo" ? env.AUTH_MODE : "access";
}

/** Whether the request was sent to this machine: dev mode's sign-in and sessions answer nothing else. */
export function isLocalRequest(url: string) {
  return LOCAL_HOSTS.has(new URL(url).hostname);
}

/** The request's origin for the audit log (SPEC §14). */
export function auditContext(c: { req: { header(name: string): string | undefined } }): AuditContext {
  return {
    ip: c.req.header("CF-Connecting-IP") ?? null,
    userAgent: c.req.header("User-Agent")?.slice(0, 512) ?? null,
  };
}

const unauthenticated = (message: string) => new ApiError(401, "unauthenticated", message);

/** One JWKS fetcher per team domain per isolate; jose caches and refreshes the keys. */
const jwksByTeam = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function teamJwks(teamDomain: string) {
  let jwks = jwksByTeam.get(teamDomain);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(`https://${teamDomain}/cdn-cgi/access/certs`));
    jwksByTeam.set(teamDomain, jwks);
  }
  return jwks;
}

/** Verifies a Cloudflare Access assertion and returns the e-mail it was issued for. */
export async function verifyAccessJwt(token: string, env: Bindings): Promise<string> {
  const teamDomain = env.ACCESS_TEAM_DOMAIN.replace(/^https:\/\//, "").replace(/\/+$/, "");
  if (!teamDomain || !env.ACCESS_AUD) {
    throw new ApiError(503, "misconfigured", "Cloudflare Access is not configured (ACCESS_TEAM_DOMAIN, ACCESS_AUD).");
  }
  try {
    const { payload } = await jwtVerify(token, teamJwks(teamDomain), {
      issuer: `https://${teamDomain}`,
      audience: env.ACCESS_AUD,
      algorithms: ["RS256"],
    });
    if (typeof payload.email !== "string" || !payload.email.includes("@")) {
      throw unauthenticated("The Access token names no e-mail address.");
    }
    return payload.email.toLowerCase();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (err instanceof joseErrors.JWTExpired) throw unauthenticated("The Access token has expired.");
    if (err instanceof joseErrors.JWTClaimValidationFailed) {
      throw unauthenticated(`The Access token's ${err.claim} claim is not valid for this application.`);
    }
    if (err instanceof joseErrors.JOSEError) throw unauthenticated("The Access token could not be verified.");
    throw err;
  }
}

function allowedDomain(email: string, env: Bindings) {
  const domain = email.split("@").pop() ?? "";
  return env.ALLOWED_EMAIL_DOMAINS.split(",")
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean)
    .includes(domain);
}

/** The e-mail a Cloudflare Access assertion was issued for (verified; no database involved). */
async function accessEmail(c: AuthContext) {
  const token = c.req.header("Cf-Access-Jwt-Assertion");
  if (!token) throw unauthenticated("Sign in through your company's Cloudflare Access first.");
  return verifyAccessJwt(token, c.env);
}

async function personFromAccess(c: AuthContext, email: string): Promise<Me> {
  const person = await findPersonByEmail(c.var.db, email);
  if (person) return person;
  if (!allowedDomain(email, c.env)) {
    throw forbidden(`People from ${email.split("@").pop()} are not provisioned automatically; ask an admin.`);
  }
  return provisionMember(c.var.db, email);
}

type AuthContext = Parameters<MiddlewareHandler<AppEnv>>[0];

/** The secret of an `Authorization: Bearer …` header, or null when the request has none. */
function bearerSecret(c: AuthContext): string | null {
  const header = c.req.header("Authorization");
  const match = header ? /^Bearer\s+(.*)$/i.exec(header.trim()) : null;
  return match ? match[1].trim() : null;
}

/**
 * An integration's personal API token (SPEC §12). A token that is wrong, revoked or expired is a
 * 401 of its own: falling back to a cookie or an Access session would hide the integration's
 * broken credential behind whoever else happens to be signed in.
 */
async function personFromToken(c: AuthContext, secret: string): Promise<Me> {
  if (!secret.startsWith(TOKEN_PREFIX)) {
    throw unauthenticated(`The bearer token is not a Crux API token (they start with ${TOKEN_PREFIX}).`);
  }
  const holder = await findTokenHolder(c.var.db, await hashSecret(secret));
  if (!holder) throw unauthenticated("The API token is not valid; ask an admin for a new one.");
  const { token, person } = holder;
  if (token.revokedAt) throw unauthenticated("The API token has been revoked; ask an admin for a new one.");
  const now = new Date();
  if (token.expiresAt && token.expiresAt <= now.toISOString()) {
    throw unauthenticated(`The API token expired at ${token.expiresAt}; ask an admin for a new one.`);
  }
  if (token.scope !== "read write" && WRITES.has(c.req.method)) {
    throw new ApiError(403, "insufficient_scope", "This API token may only read; ask an admin for a read write token.");
  }
  if (lastUseIsStale(token.lastUsedAt, now.getTime())) afterResponse(c, touchToken(createDb(c.env.DB), token.id, now));
  return person;
}

/** Bookkeeping after the response where the runtime allows, so it does not delay the answer. */
function afterResponse(c: AuthContext, work: Promise<unknown>) {
  const logged = work.catch((err) =>
    console.error(JSON.stringify({ level: "error", msg: "last use not recorded", error: String(err) })),
  );
  try {
    c.executionCtx.waitUntil(logged);
  } catch {
    return logged;
  }
}

/**
 * A dev or demo session's cookie secret (SPEC §12). In dev mode a session counts only on requests
 * to localhost, on every request, so a Worker deployed with dev mode by mistake still lets nobody
 * in with a cookie.
 */
function sessionSecret(c: AuthContext) {
  const secret = getCookie(c, SESSION_COOKIE);
  if (!secret) throw unauthenticated("Sign in first.");
  if (authMode(c.env) === "dev" && !isLocalRequest(c.req.url)) {
    throw unauthenticated("Dev-mode sessions are honoured on localhost only.");
  }
  return secret;
}

const SESSION_ENDED = "Your session has ended; sign in again.";

/** The session's holder, or the 401; records the use after the response when it is due. */
async function sessionPerson(c: AuthContext, holder: SessionHolder | null): Promise<Me> {
  if (!holder) throw unauthenticated(SESSION_ENDED);
  c.set("sessionId", holder.session.id);
  if (sessionUseIsStale(holder.session.lastUsedAt)) {
    await afterResponse(c, touchSession(createDb(c.env.DB), holder.session));
  }
  return holder.person;
}

/** What every caller must be, once known: active, and within their allowance of changes. */
async function admit(c: AuthContext, person: Me) {
  if (!person.active) throw forbidden("This account has been deactivated; ask an admin.");
  await limitWrites(c, person.id);
  return person;
}

/**
 * Counts a change against the person's per-minute allowance (SPEC §11's 429). Keyed by person, so
 * an integration's token and its owner's browser share one allowance; reads are never limited.
 */
async function limitWrites(c: AuthContext, personId: string) {
  if (!c.env.WRITE_LIMITER || !WRITES.has(c.req.method)) return;
  const { success } = await c.env.WRITE_LIMITER.limit({ key: personId });
  if (!success) {
    throw new ApiError(429, "rate_limited", "Too many changes in a minute. Wait a moment, then try again.", {
      retryAfterSeconds: 60,
    });
  }
}

/**
 * Establishes who is calling and puts them on `c.var.me`; 401 when nobody is signed in. A bearer
 * API token decides alone, in every mode. Otherwise, in `access` mode identity comes only from
 * Cloudflare Access; in `dev`/`demo` mode from the session cookie set by dev sign-in.
 *
 * A browser that names who it was (`crux_caller`) is verified in the request's first batch of
 * reads (middleware/caller.ts): nothing is written and nothing read is used before that passes,
 * and if the handler reads nothing, the check runs on its own after it, before the answer.
 */
export function requireAuth(): MiddlewareHandler<AppEnv> {
  return async function requireAuth(c, next) {
    // Two routers mounted on one prefix both ask for auth; the person is looked up once.
    if (c.get("me")) return next();
    const token = bearerSecret(c);
    if (token !== null) {
      c.set("me", await admit(c, await personFromToken(c, token)));
      return next();
    }
    const credential: { email: string } | { secret: string } =
      authMode(c.env) === "access" ? { email: await accessEmail(c) } : { secret: sessionSecret(c) };
    const hint = callerHint(c);
    if (!hint) {
      const person = await admit(
        c,
        "email" in credential
          ? await personFromAccess(c, credential.email)
          : await sessionPerson(c, await findSessionHolder(c.var.db, credential.secret)),
      );
      rememberCaller(c, person.id);
      c.set("me", person);
      return next();
    }
    const gate =
      "email" in credential
        ? new CallerGate(hint, personByEmailPlan(c.var.db, credential.email), (person) =>
            admit(c, hintedPerson(c, hint, person, "Your Cloudflare Access sign-in changed; reload the page.")),
          )
        : new CallerGate(hint, sessionHolderPlan(c.var.db, await hashSecret(credential.secret)), async (holder) =>
            admit(c, hintedPerson(c, hint, await sessionPerson(c, holder), SESSION_ENDED)),
          );
    c.var.callerCheck.check = gate;
    c.set("callerGate", gate);
    c.set("me", gate.me);
    await next();
    await c.var.callerCheck.passed();
  };
}

/** The verified person, if the browser's note named them; otherwise the note is dropped and a 401. */
function hintedPerson(c: AuthContext, hint: string, person: Me | null, message: string): Me {
  if (person?.id === hint) return person;
  forgetCaller(c);
  throw unauthenticated(message);
}

/** The caller, verified: for a handler that answers with who they are without reading anything. */
export async function verifiedMe(c: AuthContext): Promise<Me> {
  await c.var.callerCheck.passed();
  return c.var.me;
}

/** Lets through only people holding one of `roles` (after `requireAuth`). */
export function requireRole(...roles: GlobalRole[]): MiddlewareHandler<AppEnv> {
  const check = (me: Me) => {
    if (!roles.some((role) => me.roles.includes(role))) {
      throw forbidden(`Only ${roles.map((r) => `${r}s`).join(" or ")} can do this.`);
    }
  };
  return async function requireRole(c, next) {
    const gate = c.get("callerGate");
    if (gate) await gate.whenVerified(check);
    else check(c.var.me);
    await next();
  };
}
