/**
 * The parts of Slack's Web API the app uses (https://api.slack.com/web), with the bot token a Worker
 * secret (`wrangler secret put SLACK_BOT_TOKEN`), and the check of Slack's request signatures
 * (https://api.slack.com/authentication/verifying-requests-from-slack). Slack answers HTTP 200
 * with `{ ok: false, error }` for most failures, so `ok` decides, not the status.
 */
import { eq } from "drizzle-orm";
import { people, slackUsers } from "../../db/schema";
import type { Database } from "../middleware/db";

export const SLACK_API = "https://slack.com/api/";
/** Slack answers within seconds; a stuck request must not hold the delivery's lease. */
const TIMEOUT_MS = 10_000;

export type SlackAnswer = { ok: true; [key: string]: unknown } | { ok: false; error: string; status: number };

/** Slack errors that retrying cannot fix: the delivery is dead at once. */
export const PERMANENT_SLACK_ERRORS = new Set([
  "users_not_found",
  "user_not_found",
  "channel_not_found",
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "not_in_channel",
  "is_archived",
  "missing_scope",
]);

/**
 * Calls one Web API method. Reads (`users.*`) go form-encoded, as Slack requires of them; writes go
 * as JSON. A transport failure or a non-2xx answer is `ok: false` too.
 */
export async function slackApi(
  token: string,
  method: string,
  params: Record<string, unknown>,
  { form = false } = {},
): Promise<SlackAnswer> {
  const body = form
    ? new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()
    : JSON.stringify(params);
  const res = await fetch(`${SLACK_API}${method}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": form ? "application/x-www-form-urlencoded" : "application/json; charset=utf-8",
    },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!res.ok || !parsed || typeof parsed !== "object") {
    const error = res.status === 429 ? "ratelimited" : `http_${res.status}`;
    return { ok: false, error, status: res.status };
  }
  const answer = parsed as { ok?: unknown; error?: unknown };
  if (answer.ok !== true) return { ok: false, error: String(answer.error ?? "unknown_error"), status: res.status };
  return parsed as SlackAnswer;
}

/**
 * The person's Slack user id: from the cache (slack_users), else looked up by their e-mail
 * (users.lookupByEmail, scope users:read.email) and cached. Answers Slack's failure when there is one.
 */
export async function slackUserOf(
  db: Database,
  token: string,
  personId: string,
): Promise<{ ok: true; slackUserId: string } | { ok: false; error: string; status?: number; missing?: boolean }> {
  const [[cached], [person]] = await db.batch([
    db.select().from(slackUsers).where(eq(slackUsers.personId, personId)),
    db.select({ email: people.email, active: people.active }).from(people).where(eq(people.id, personId)),
  ]);
  if (!person?.active) return { ok: false, error: "The recipient is gone or deactivated.", missing: true };
  if (cached) return { ok: true, slackUserId: cached.slackUserId };
  const found = await slackApi(token, "users.lookupByEmail", { email: person.email }, { form: true });
  if (!found.ok) return { ok: false, error: found.error, status: found.status };
  const user = found.user as { id?: unknown } | undefined;
  if (typeof user?.id !== "string") return { ok: false, error: "users_not_found" };
  await rememberSlackUser(db, personId, user.id);
  return { ok: true, slackUserId: user.id };
}

/** Caches a match of person and Slack user (a Slack user belongs to one person at a time). */
export async function rememberSlackUser(db: Database, personId: string, slackUserId: string) {
  await db.batch([
    db.delete(slackUsers).where(eq(slackUsers.slackUserId, slackUserId)),
    db
      .insert(slackUsers)
      .values({ personId, slackUserId, updatedAt: new Date().toISOString() })
      .onConflictDoUpdate({ target: slackUsers.personId, set: { slackUserId, updatedAt: new Date().toISOString() } }),
  ]);
}

/**
 * The person a Slack user is: the cached match, else users.info's e-mail matched to an active
 * person (and cached). Null when no one matches.
 */
export async function personOfSlackUser(db: Database, token: string | undefined, slackUserId: string) {
  const [cached] = await db
    .select({ personId: slackUsers.personId })
    .from(slackUsers)
    .where(eq(slackUsers.slackUserId, slackUserId));
  if (cached) return cached.personId;
  if (!token) return null;
  const info = await slackApi(token, "users.info", { user: slackUserId }, { form: true });
  if (!info.ok) return null;
  const email = (info.user as { profile?: { email?: unknown } } | undefined)?.profile?.email;
  if (typeof email !== "string" || !email.includes("@")) return null;
  const [person] = await db.select({ id: people.id }).from(people).where(eq(people.email, email.trim().toLowerCase()));
  if (!person) return null;
  await rememberSlackUser(db, person.id, slackUserId);
  return person.id;
}

/** Slack's signatures are refused this far from now (its documented replay window). */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** Compares two strings in time that depends only on their length. */
function constantTimeEqual(a: string, b: string) {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** `v0=` and the hex HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret, as Slack signs. */
export async function slackSignature(secret: string, timestamp: string, body: string) {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return `v0=${hex(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`v0:${timestamp}:${body}`)))}`;
}

/**
 * Whether a request came from Slack: its `X-Slack-Signature` matches the raw body signed with the
 * signing secret, and its `X-Slack-Request-Timestamp` is within five minutes of now.
 */
export async function verifySlackRequest(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  now: Date,
): Promise<boolean> {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return false;
  return constantTimeEqual(await slackSignature(secret, timestamp, rawBody), signature);
}
