import { and, type Column, eq, isNull, type SQL, sql } from "drizzle-orm";
import { comments, mentions, people, updates } from "../../db/schema";
import type { Database } from "../middleware/db";
import { recordActivityIfChanged } from "./activity";
import { type ReadPlan, readPlan, type Statement, writeThenRead } from "./batch";
import { notify } from "./inbox";
import { publishedSql } from "./visibility";

// ─── What a comment's or update's reads carry beyond its text ─────────────────────────────────────

/** Its text, or null once its author removed it: the tombstone keeps its place, never its words. */
export const shownBodySql = (body: Column, removedAt: Column) =>
  sql<string | null>`CASE WHEN ${removedAt} IS NULL THEN ${body} END`;

/**
 * The people the item's text mentions, as JSON (`[{handle, id, name}]`): what the client
 * highlights. None once it is removed.
 */
export const mentionsJsonSql = (itemId: SQL, removedAt: SQL) =>
  sql<string>`(SELECT json_group_array(json_object('handle', m.handle, 'id', mp.id, 'name', mp.name))
    FROM ${mentions} m JOIN ${people} mp ON mp.id = m.person_id
    WHERE m.item_id = ${itemId} AND ${removedAt} IS NULL)`;

export interface Mention {
  handle: string;
  person: { id: string; name: string };
}

export function parseMentions(json: string | null | undefined): Mention[] {
  const rows = JSON.parse(json ?? "[]") as { handle: string; id: string; name: string }[];
  return rows.map((m) => ({ handle: m.handle, person: { id: m.id, name: m.name } }));
}

// ─── Mentions ───────────────────────────────────────────────────────────────────────────────────

/** An e-mail's local part, lower-cased. */
const localPart = (email: SQL) => sql`lower(substr(${email}, 1, instr(${email}, '@') - 1))`;

/**
 * The active people `handles` name (lower-cased, from domain/discussion.ts `mentionHandles`), as
 * `id` and `handle`: a full e-mail names its person; a local part names the one active person
 * whose e-mail starts with it, and nobody when two share it. Unknown handles name nobody.
 */
function mentionedSql(handles: readonly string[]) {
  return sql`SELECT DISTINCT p.id AS id, h.value AS handle
    FROM json_each(${JSON.stringify(handles)}) h JOIN ${people} p ON p.active = 1 AND (
      lower(p.email) = h.value
      OR (instr(h.value, '@') = 0 AND ${localPart(sql`p.email`)} = h.value
        AND NOT EXISTS (SELECT 1 FROM ${people} q WHERE q.active = 1 AND q.id <> p.id
          AND ${localPart(sql`q.email`)} = h.value)))`;
}

/** Who may see the challenge, for a person id expression: SQL for domain/lifecycle.ts `isVisibleTo`. */
const seesChallengeSql = (challengeId: string, personId: SQL) =>
  sql`EXISTS (SELECT 1 FROM challenges vc WHERE vc.id = ${challengeId}
    AND (${publishedSql("vc")} OR vc.lead_id = ${personId} OR vc.co_lead_id IS ${personId}))`;

/**
 * The statements that tell the people a comment or update mentions, for the batch that writes its
 * text: a `mentioned` notification to each one who can see the challenge and was not told of this
 * item before (never the author), then the mentions recorded, so an edit tells only the new ones.
 * `when` makes both conditional on the text having been written.
 */
export function mentionStatements(
  item: { kind: "comment" | "update"; id: string; challengeId: string; authorId: string },
  handles: readonly string[],
  when?: SQL,
): Statement[] {
  if (!handles.length) return [];
  const named = mentionedSql(handles);
  const toTell = sql`SELECT DISTINCT n.id FROM (${named}) n
    WHERE ${seesChallengeSql(item.challengeId, sql`n.id`)}
      AND NOT EXISTS (SELECT 1 FROM ${mentions} was WHERE was.item_id = ${item.id} AND was.person_id = n.id)`;
  return [
    notify(
      toTell,
      {
        kind: "mentioned",
        challengeId: item.challengeId,
        actorId: item.authorId,
        data: item.kind === "comment" ? { commentId: item.id } : { updateId: item.id },
      },
      when,
    ),
    sql`INSERT OR IGNORE INTO ${mentions} (item_id, handle, person_id)
      SELECT ${item.id}, n.handle, n.id FROM (${named}) n WHERE ${when ?? sql`1`}`,
  ];
}

// ─── Edits and removals ─────────────────────────────────────────────────────────────────────────

/** The comment or update as a change is decided on: who wrote it, on which challenge, whether removed. */
export interface AuthoredRow {
  id: string;
  challengeId: string;
  authorId: string;
  removedAt: string | null;
}

/** One comment of a challenge, as an edit decides on it (null if the challenge has no such comment). */
export function authoredCommentPlan(db: Database, challengeId: string, commentId: string) {
  const query = db
    .select({
      id: comments.id,
      challengeId: comments.challengeId,
      authorId: comments.authorId,
      removedAt: comments.removedAt,
    })
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.challengeId, challengeId)))
    .limit(1);
  return readPlan([query], ([[row]]): AuthoredRow | null => row ?? null);
}

/** One update of a challenge, as an edit decides on it (null if the challenge has no such update). */
export function authoredUpdatePlan(db: Database, challengeId: string, updateId: string) {
  const query = db
    .select({
      id: updates.id,
      challengeId: updates.challengeId,
      authorId: updates.authorId,
      removedAt: updates.removedAt,
    })
    .from(updates)
    .where(and(eq(updates.id, updateId), eq(updates.challengeId, challengeId)))
    .limit(1);
  return readPlan([query], ([[row]]): AuthoredRow | null => row ?? null);
}

const TABLES = { comment: comments, update: updates } as const;

/**
 * Changes the text of the author's own comment or update, tells the people newly mentioned, and
 * records the edit in the challenge's activity, in one batch that reads back `after`. The write
 * holds only while the item is the author's and not removed; `changed` is false when a removal
 * won the race.
 */
export async function editAuthored<T>(
  db: Database,
  kind: "comment" | "update",
  item: AuthoredRow,
  body: string,
  handles: readonly string[],
  after: ReadPlan<T>,
) {
  const table = TABLES[kind];
  const editedAt = new Date().toISOString();
  const edited = sql`EXISTS (SELECT 1 FROM ${table} e WHERE e.id = ${item.id} AND e.edited_at = ${editedAt}
    AND e.removed_at IS NULL)`;
  const { written, read } = await writeThenRead(
    db,
    [
      db
        .update(table)
        .set({ body, editedAt })
        .where(and(eq(table.id, item.id), eq(table.authorId, item.authorId), isNull(table.removedAt))),
      recordActivityIfChanged({
        challengeId: item.challengeId,
        actorId: item.authorId,
        action: `${kind}_edited`,
        detail: { [`${kind}Id`]: item.id },
      }),
      ...mentionStatements({ kind, ...item }, handles, edited),
    ],
    after,
  );
  return { changed: written[0].meta.changes > 0, read: read[0] };
}

/**
 * Removes the author's own comment or update: the row stays (credit and activity point at it, an
 * update's KPI check-ins still count), stamped with when, and its text is no longer shown.
 */
export async function removeAuthored<T>(
  db: Database,
  kind: "comment" | "update",
  item: AuthoredRow,
  after: ReadPlan<T>,
) {
  const table = TABLES[kind];
  const removedAt = new Date().toISOString();
  const { written, read } = await writeThenRead(
    db,
    [
      db
        .update(table)
        .set({ removedAt })
        .where(and(eq(table.id, item.id), eq(table.authorId, item.authorId), isNull(table.removedAt))),
      recordActivityIfChanged({
        challengeId: item.challengeId,
        actorId: item.authorId,
        action: `${kind}_removed`,
        detail: { [`${kind}Id`]: item.id },
      }),
    ],
    after,
  );
  return { changed: written[0].meta.changes > 0, read: read[0] };
}
