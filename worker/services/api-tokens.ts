import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { apiTokens, people } from "../../db/schema";
import { newId } from "../domain/ids";
import type { Database } from "../middleware/db";
import { type AuditContext, recordActivity, recordActivityIfChanged } from "./activity";
import { type ReadPlan, readPlan, readTogether, writeThenRead } from "./batch";
import { type Me, type PersonRow, personColumns, toMe } from "./people";
import { generateSecret, hashSecret, TOKEN_PREFIX } from "./secrets";

export { generateSecret, hashSecret, TOKEN_PREFIX };

/** Characters of the secret kept in clear (`crux_` and 8 more) so people can tell tokens apart. */
const VISIBLE_CHARS = TOKEN_PREFIX.length + 8;
/** `last_used_at` moves at most this often, so a busy integration does not write on every call. */
export const LAST_USED_GRANULARITY_MS = 60_000;

export type TokenStatus = "active" | "expired" | "revoked";
export type TokenScope = "read" | "read write";
export const TOKEN_SCOPES = ["read", "read write"] as const;
/** A token lives 90 days unless its issuer says otherwise, and never more than a year (SPEC §12). */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  status: TokenStatus;
  person: { id: string; name: string; email: string };
  createdBy: { id: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  scope: TokenScope;
}

export function tokenStatus(t: { revokedAt: string | null; expiresAt: string | null }, now: string): TokenStatus {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt && t.expiresAt <= now) return "expired";
  return "active";
}

const creator = alias(people, "creator");

/** The metadata of tokens with their person and issuer, newest first (ids sort by creation time). */
function selectTokens(db: Database) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      scope: apiTokens.scope,
      // Named apart from the token's own columns: a batch hands rows back keyed by column name.
      person: {
        id: sql<string>`${people.id}`.as("person_id"),
        name: sql<string>`${people.name}`.as("person_name"),
        email: sql<string>`${people.email}`.as("person_email"),
      },
      createdBy: {
        id: sql<string>`${creator.id}`.as("creator_id"),
        name: sql<string>`${creator.name}`.as("creator_name"),
      },
    })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId))
    .innerJoin(creator, eq(creator.id, apiTokens.createdById))
    .orderBy(desc(apiTokens.id));
}

type TokenRow = Omit<ApiTokenView, "status">;
const view = (row: TokenRow, now = new Date().toISOString()): ApiTokenView => ({
  ...row,
  status: tokenStatus(row, now),
});

export async function listTokens(db: Database, query: { limit: number; afterId?: string }) {
  const rows = await selectTokens(db)
    .where(query.afterId ? lt(apiTokens.id, query.afterId) : undefined)
    .limit(query.limit + 1);
  const now = new Date().toISOString();
  return rows.map((row) => view(row, now));
}

export async function findToken(db: Database, id: string): Promise<ApiTokenView | null> {
  const [token] = await readTogether(db, tokenPlan(db, id));
  return token;
}

/** A token as the admin sees it, to read back in the batch that issued or revoked it. */
export function tokenPlan(db: Database, id: string) {
  return readPlan([selectTokens(db).where(eq(apiTokens.id, id)).limit(1)], ([[row]]) => (row ? view(row) : null));
}

/** Stores a new token for `personId` and returns its secret, which is never readable again. */
export async function issueToken<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  input: { personId: string; name: string; expiresInDays: number; scope: TokenScope },
  createdById: string,
  audit: AuditContext,
  after: (id: string) => P,
) {
  const secret = generateSecret();
  const id = newId("tok");
  const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000).toISOString();
  const prefix = secret.slice(0, VISIBLE_CHARS);
  const { read } = await writeThenRead(
    db,
    [
      db.insert(apiTokens).values({
        id,
        personId: input.personId,
        name: input.name,
        tokenHash: await hashSecret(secret),
        prefix,
        createdById,
        expiresAt,
        scope: input.scope,
      }),
      recordActivity(
        db,
        {
          challengeId: null,
          actorId: createdById,
          action: "token_issued",
          detail: { tokenId: id, personId: input.personId, name: input.name, prefix, expiresAt, scope: input.scope },
        },
        audit,
      ),
    ],
    ...after(id),
  );
  return { id, secret, read };
}

/**
 * Revokes a token; revoking it again keeps the first time. Returns the token as it now is, or
 * null when there is none. One batch: the update touches only a live token, the audit entry
 * follows only when it did, and the token is read back.
 */
export async function revokeToken(db: Database, id: string, actorId: string, audit: AuditContext) {
  const { read } = await writeThenRead(
    db,
    [
      // Only a live token changes, so revoking again records nothing more in the audit log.
      db
        .update(apiTokens)
        .set({ revokedAt: new Date().toISOString() })
        .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))),
      recordActivityIfChanged({ challengeId: null, actorId, action: "token_revoked", detail: { tokenId: id } }, audit),
    ],
    tokenPlan(db, id),
  );
  return read[0];
}

export interface TokenHolder {
  person: Me;
  token: {
    id: string;
    expiresAt: string | null;
    revokedAt: string | null;
    lastUsedAt: string | null;
    scope: TokenScope;
  };
}

/** The token with this hash and its person (with roles), in one read; null when no token has it. */
export async function findTokenHolder(db: Database, tokenHash: string): Promise<TokenHolder | null> {
  const [row] = await db
    .select({
      ...personColumns,
      tokenId: apiTokens.id,
      tokenExpiresAt: apiTokens.expiresAt,
      tokenRevokedAt: apiTokens.revokedAt,
      tokenLastUsedAt: apiTokens.lastUsedAt,
      tokenScope: apiTokens.scope,
    })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId))
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1);
  if (!row) return null;
  const { tokenId, tokenExpiresAt, tokenRevokedAt, tokenLastUsedAt, tokenScope, ...person } = row;
  return {
    person: toMe(person as PersonRow),
    token: {
      id: tokenId,
      expiresAt: tokenExpiresAt,
      revokedAt: tokenRevokedAt,
      lastUsedAt: tokenLastUsedAt,
      scope: tokenScope,
    },
  };
}

/** Whether `last_used_at` is stale enough to be worth a write. */
export function lastUseIsStale(lastUsedAt: string | null, now = Date.now()) {
  return !lastUsedAt || now - Date.parse(lastUsedAt) >= LAST_USED_GRANULARITY_MS;
}

/**
 * Records a use of the token. Conditional, so concurrent requests in the same minute write once
 * between them at most.
 */
export async function touchToken(db: Database, id: string, now = new Date()) {
  const threshold = new Date(now.getTime() - LAST_USED_GRANULARITY_MS).toISOString();
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now.toISOString() })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, threshold))));
}
