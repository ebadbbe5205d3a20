import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { activities, apiTokens, people, sessions } from "../../db/schema";
import { newId } from "../domain/ids";
import type { Database } from "../middleware/db";
import { type AuditContext, recordActivity, recordActivityIfChanged } from "./activity";
import { readPlan, readRows, readTogether, writeBatch } from "./batch";
import { type Me, type PersonRow, personColumns, toMe } from "./people";
import { generateSecret, hashSecret } from "./secrets";

const DAY_MS = 24 * 60 * 60 * 1000;
/** A session ends after a week without use (sliding)… */
export const SESSION_IDLE_MS = 7 * DAY_MS;
/** …and a month after sign-in, used or not (absolute). */
export const SESSION_ABSOLUTE_MS = 30 * DAY_MS;
/** `last_used_at` (and with it the sliding expiry) moves at most this often. */
const TOUCH_GRANULARITY_MS = 60_000;

/** When a session used at `now` ends: a week on, but never past its absolute end. */
export function slidingExpiry(now: number, absoluteExpiresAt: string): string {
  return new Date(Math.min(now + SESSION_IDLE_MS, Date.parse(absoluteExpiresAt))).toISOString();
}

export interface SessionHolder {
  person: Me;
  session: { id: string; lastUsedAt: string; absoluteExpiresAt: string };
}

/**
 * Starts a session for `personId` and returns the cookie's secret (32 random bytes: 256 bits, so
 * one SHA-256 is enough to store it). The sign-in goes to the audit log in the same batch.
 */
export async function startSession(db: Database, personId: string, audit: AuditContext) {
  const secret = generateSecret("");
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  const absoluteExpiresAt = new Date(now + SESSION_ABSOLUTE_MS).toISOString();
  const id = newId("ses");
  await db.batch([
    db.insert(sessions).values({
      id,
      tokenHash: await hashSecret(secret),
      personId,
      createdAt: nowIso,
      lastUsedAt: nowIso,
      expiresAt: slidingExpiry(now, absoluteExpiresAt),
      absoluteExpiresAt,
      userAgent: audit.userAgent ?? "",
      ip: audit.ip,
    }),
    recordActivity(db, { challengeId: null, actorId: personId, action: "signed_in", detail: { sessionId: id } }, audit),
  ]);
  return { id, secret };
}

/**
 * The live session with this cookie secret and its person (with roles), in one read: the
 * session lookup rides in the person lookup's round trip (SPEC §12).
 */
export async function findSessionHolder(db: Database, secret: string): Promise<SessionHolder | null> {
  const [holder] = await readTogether(db, sessionHolderPlan(db, await hashSecret(secret)));
  return holder;
}

/**
 * The live session whose secret hashes to `tokenHash`, with its person, as a read plan. (The
 * session's id is aliased: in a batch, rows are keyed by column name, and people have an id too.)
 */
export function sessionHolderPlan(db: Database, tokenHash: string, now = new Date().toISOString()) {
  const query = db
    .select({
      ...personColumns,
      sessionId: sql<string>`${sessions.id}`.as("session_id"),
      sessionLastUsedAt: sessions.lastUsedAt,
      sessionAbsoluteExpiresAt: sessions.absoluteExpiresAt,
    })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  return readPlan([query], ([[row]]): SessionHolder | null => {
    if (!row) return null;
    const { sessionId, sessionLastUsedAt, sessionAbsoluteExpiresAt, ...person } = row;
    return {
      person: toMe(person as PersonRow),
      session: { id: sessionId, lastUsedAt: sessionLastUsedAt, absoluteExpiresAt: sessionAbsoluteExpiresAt },
    };
  });
}

export function sessionUseIsStale(lastUsedAt: string, now = Date.now()) {
  return now - Date.parse(lastUsedAt) >= TOUCH_GRANULARITY_MS;
}

/** Records a use and slides the expiry; conditional, so concurrent requests write once between them. */
export async function touchSession(db: Database, session: SessionHolder["session"], now = Date.now()) {
  const threshold = new Date(now - TOUCH_GRANULARITY_MS).toISOString();
  await db
    .update(sessions)
    .set({ lastUsedAt: new Date(now).toISOString(), expiresAt: slidingExpiry(now, session.absoluteExpiresAt) })
    .where(and(eq(sessions.id, session.id), lt(sessions.lastUsedAt, threshold)));
}

/**
 * Sign-out: the row goes, so the cookie is worthless even if copied. One batch: the audit entry
 * is written from the session row just before the row is deleted.
 */
export async function endSessionBySecret(db: Database, secret: string, audit: AuditContext) {
  const hash = await hashSecret(secret);
  await writeBatch(db, [
    sql`INSERT INTO ${activities} (id, challenge_id, actor_id, action, detail, ip, user_agent)
      SELECT ${newId("act")}, NULL, person_id, 'signed_out', json_object('sessionId', id), ${audit.ip}, ${audit.userAgent}
      FROM ${sessions} WHERE token_hash = ${hash}`,
    db.delete(sessions).where(eq(sessions.tokenHash, hash)),
  ]);
}

export interface SessionView {
  id: string;
  userAgent: string;
  ip: string | null;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
}

/** A person's live sessions, most recently used first. */
export async function listSessions(db: Database, personId: string): Promise<SessionView[]> {
  return readRows(
    db,
    db
      .select({
        id: sessions.id,
        userAgent: sessions.userAgent,
        ip: sessions.ip,
        createdAt: sessions.createdAt,
        lastUsedAt: sessions.lastUsedAt,
        expiresAt: sessions.expiresAt,
      })
      .from(sessions)
      .where(and(eq(sessions.personId, personId), gt(sessions.expiresAt, new Date().toISOString())))
      .orderBy(desc(sessions.lastUsedAt))
      .limit(100),
  );
}

/**
 * Ends one of the person's sessions (another device, or this one). One batch: the delete, and
 * the audit entry only if it deleted a row. Returns whether the session existed.
 */
export async function endSession(db: Database, personId: string, id: string, audit: AuditContext) {
  const [deleted] = await writeBatch(db, [
    db.delete(sessions).where(and(eq(sessions.id, id), eq(sessions.personId, personId))),
    recordActivityIfChanged(
      { challengeId: null, actorId: personId, action: "session_ended", detail: { sessionId: id } },
      audit,
    ),
  ]);
  return deleted.meta.changes > 0;
}

/**
 * What deactivating a person also does (SPEC §12): every session ends and every live API token
 * is revoked, in the deactivation's own batch.
 */
export function endAccessOf(db: Database, personId: string, now = new Date().toISOString()) {
  return [
    db.delete(sessions).where(eq(sessions.personId, personId)),
    db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.personId, personId), isNull(apiTokens.revokedAt))),
  ] as const;
}
