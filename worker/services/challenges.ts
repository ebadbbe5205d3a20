import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import {
  backings,
  challengeKpis,
  challengeSlots,
  challenges,
  challengeTags,
  comments,
  disciplines,
  orgSettings,
  people,
  showcases,
} from "../../db/schema";
import type { CursorKey } from "../domain/cursor";
import { newId } from "../domain/ids";
import type { Stage } from "../domain/lifecycle";
import { UNLISTED_STAGES } from "../domain/lifecycle";
import type { MembershipStatus } from "../domain/teams";
import type { Database } from "../middleware/db";
import type { ChallengeCard, ChallengeCreate, ChallengePatch } from "../schemas/challenge";
import type { PersonRef } from "../schemas/common";
import { recordActivity, recordActivityIfChanged } from "./activity";
import {
  type BatchResults,
  type ReadPlan,
  readPlan,
  readTogether,
  type Statement,
  writeBatch,
  writeThenRead,
} from "./batch";
import { mentionStatements, mentionsJsonSql, parseMentions, shownBodySql } from "./discussion";
import { activePledgedSql, fundWhenAskMet } from "./funding";
import { notify, recipients } from "./inbox";
import { challengeFigureSql, pledgedToSql, sponsorOfSql } from "./ledger-sql";
import { stageNotIn } from "./stage-sql";
import { onTeamStatus, seatStatus } from "./team-sql";
import { visibleToSql } from "./visibility";

const currencyColumn = sql<string>`(SELECT ${orgSettings.currency} FROM ${orgSettings} WHERE ${orgSettings.id} = 'org')`;

/**
 * A challenge with everything its page shows, in one round trip. Each statement of the batch
 * reads one table: D1 hands batch rows back keyed by column name, so joined tables sharing
 * names (id, title) would overwrite each other.
 */
/**
 * The reads of `loadChallenge`. `id` is a bound id, or SQL that selects one (the challenge of an
 * application, say), so the challenge can be read in the same round trip as what leads to it.
 */
export function challengeQueries(db: Database, id: string | SQL, viewerId: string) {
  return [
    db.select().from(challenges).where(eq(challenges.id, id)).limit(1),
    db
      .select({
        id: people.id,
        name: people.name,
        title: people.title,
        disciplineId: people.disciplineId,
        avatarUrl: people.avatarUrl,
      })
      .from(people)
      .where(
        sql`${people.id} IN (SELECT lead_id FROM challenges WHERE id = ${id} UNION SELECT co_lead_id FROM challenges WHERE id = ${id})`,
      ),
    db
      .select({
        currency: currencyColumn,
        // Money shown is derived from the ledger (pledges net of withdrawals), never stored.
        pledged: challengeFigureSql("pledged", sql`${id}`),
        pledgeCount: sql<number>`(SELECT count(*) FROM pledges WHERE challenge_id = ${id} AND status <> 'withdrawn')`,
        sponsorCount: sql<number>`(SELECT count(DISTINCT sponsor_id) FROM pledges WHERE challenge_id = ${id} AND status <> 'withdrawn')`,
        spent: challengeFigureSql("spent", sql`${id}`),
        returned: challengeFigureSql("returned", sql`${id}`),
        pledgedByMe: pledgedToSql(sql`${id}`, sql`${viewerId}`),
        // The viewer's stakes beyond leading it, for the conflict-of-interest rule (worker/domain/review.ts).
        myMembership: sql<MembershipStatus | null>`(SELECT tm.status FROM memberships tm
          WHERE tm.challenge_id = ${id} AND tm.person_id = ${viewerId} AND ${seatStatus(sql`tm.status`)} LIMIT 1)`,
        sponsoredByMe: sponsorOfSql(sql`${id}`, sql`${viewerId}`),
        // The response clock (SPEC §8) stops at the first pledge or reviewer's comment.
        firstResponseAt: sql<string | null>`(SELECT min(t) FROM (
            SELECT min(created_at) AS t FROM pledges WHERE challenge_id = ${id}
            UNION ALL SELECT min(cm.created_at) FROM comments cm JOIN person_roles r ON r.person_id = cm.author_id
              AND r.role = 'reviewer' WHERE cm.challenge_id = ${id}))`,
        responseDeadlineDays: sql<number>`(SELECT response_deadline_days FROM org_settings WHERE id = 'org')`,
        mergedFrom: sql<string>`(SELECT json_group_array(json_object('id', m.id, 'title', m.title))
          FROM challenges m WHERE m.merged_into_id = ${id} AND ${visibleToSql("m", viewerId)})`,
        backedByMe: sql<number>`EXISTS (SELECT 1 FROM ${backings} WHERE ${backings.challengeId} = ${id} AND ${backings.personId} = ${viewerId})`,
      })
      .from(sql`(SELECT 1)`),
    db.select().from(challengeKpis).where(eq(challengeKpis.challengeId, id)).orderBy(asc(challengeKpis.position)),
    db
      .select({
        slot: challengeSlots,
        // Seats held by members whose managers have lent them (the `start` rule counts these).
        activeMembers: sql<number>`(SELECT count(*) FROM memberships m
          WHERE m.slot_id = challenge_slots.id AND ${onTeamStatus(sql`m.status`)})`.as("active_members"),
      })
      .from(challengeSlots)
      .where(eq(challengeSlots.challengeId, id))
      .orderBy(asc(challengeSlots.position)),
    db
      .select({ tag: challengeTags.tag })
      .from(challengeTags)
      .where(eq(challengeTags.challengeId, id))
      .orderBy(asc(challengeTags.tag)),
    // The current cycle's showcase, for the `submit` rule.
    db
      .select({
        summary: showcases.summary,
        kpiResults: showcases.kpiResults,
        recommendation: showcases.recommendation,
        submittedAt: showcases.submittedAt,
      })
      .from(showcases)
      .where(
        and(eq(showcases.challengeId, id), sql`${showcases.cycle} = (SELECT cycle FROM challenges WHERE id = ${id})`),
      )
      .limit(1),
  ] as const;
}

export type ChallengeResults = BatchResults<ReturnType<typeof challengeQueries>>;

/** A challenge with what its page and rules need, to read with other plans; null when there is none. */
export function challengePlan(db: Database, id: string | SQL, viewerId: string) {
  return readPlan(challengeQueries(db, id, viewerId), readChallenge);
}

/** A challenge with what its page and rules need, in one round trip; null when there is none. */
export async function loadChallenge(db: Database, id: string, viewerId: string) {
  const [ch] = await readTogether(db, challengePlan(db, id, viewerId));
  return ch;
}

export function readChallenge([rows, leads, extras, kpis, slots, tags, currentShowcase]: ChallengeResults) {
  const row = rows[0];
  if (!row) return null;
  const lead = leads.find((p) => p.id === row.leadId);
  if (!lead) throw new Error(`challenge ${row.id} has no lead row`);
  return {
    ...row,
    lead: lead as PersonRef,
    coLead: (leads.find((p) => p.id === row.coLeadId) as PersonRef | undefined) ?? null,
    currency: extras[0]?.currency ?? "USD",
    backedByMe: Boolean(extras[0]?.backedByMe),
    /** The viewer has pledged to it at any time (worker/domain/ledger.ts `hasPledgedTo`). */
    pledgedByMe: Boolean(extras[0]?.pledgedByMe),
    /** The viewer's seat on the team, if any (worker/domain/teams.ts `isOnTeamOf` reads it). */
    myMembership: (extras[0]?.myMembership ?? null) as MembershipStatus | null,
    /** The viewer is a sponsor of it (worker/domain/ledger.ts `isSponsorOf`). */
    sponsoredByMe: Boolean(extras[0]?.sponsoredByMe),
    firstResponseAt: extras[0]?.firstResponseAt ?? null,
    responseDeadlineDays: Number(extras[0]?.responseDeadlineDays ?? 14),
    mergedFrom: JSON.parse(extras[0]?.mergedFrom ?? "[]") as { id: string; title: string }[],
    funding: {
      pledged: Number(extras[0]?.pledged ?? 0),
      pledgeCount: Number(extras[0]?.pledgeCount ?? 0),
      sponsorCount: Number(extras[0]?.sponsorCount ?? 0),
      spent: Number(extras[0]?.spent ?? 0),
      returned: Number(extras[0]?.returned ?? 0),
    },
    kpis: kpis.map(({ id, name, unit, direction, baseline, target }) => ({
      id,
      name,
      unit,
      direction,
      baseline,
      target,
    })),
    slots: slots.map(({ slot: s, activeMembers }) => ({
      id: s.id,
      discipline: s.disciplineId,
      count: s.count,
      filled: s.filled,
      activeMembers: Number(activeMembers),
      open: s.status === "open" ? s.count - s.filled : 0,
      skills: JSON.parse(s.skills) as string[],
      commitmentPercent: s.commitmentPercent,
      required: s.required,
      status: s.status,
    })),
    tags: tags.map((t) => t.tag),
    showcase: currentShowcase[0]
      ? {
          summary: currentShowcase[0].summary,
          kpiResults: JSON.parse(currentShowcase[0].kpiResults) as { kpiId: string }[],
          recommendation: currentShowcase[0].recommendation,
          submittedAt: currentShowcase[0].submittedAt,
        }
      : null,
  };
}
export type LoadedChallenge = NonNullable<Awaited<ReturnType<typeof loadChallenge>>>;

/** Disciplines among `ids` that are not in the admin-managed list (or are inactive). */
export async function unknownDisciplines(db: Database, ids: string[]) {
  const [unknown] = await readTogether(db, unknownDisciplinesPlan(db, ids));
  return unknown;
}

/** `unknownDisciplines` as a plan, to read with the facts it goes with. */
export function unknownDisciplinesPlan(db: Database, ids: (string | undefined)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const query = db
    .select({ id: disciplines.id })
    .from(disciplines)
    .where(
      and(
        sql`${disciplines.id} IN (SELECT value FROM json_each(${JSON.stringify(wanted)}))`,
        eq(disciplines.active, true),
      ),
    );
  return readPlan([query], ([found]) => {
    const known = new Set(found.map((d) => d.id));
    return new Set(wanted.filter((id) => !known.has(id)));
  });
}

/** Which challenge: a bound id, or SQL that selects one (`challengeOfApplication(id)`). */
export type ChallengeKey = string | SQL;

/**
 * A challenge and other plans' reads in one round trip: the facts a request decides on. The
 * challenge is null when there is none; the route decides what the caller may see.
 */
export function loadChallengeWith<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  id: ChallengeKey,
  viewerId: string,
  ...plans: P
) {
  return readTogether(db, challengePlan(db, id, viewerId), ...plans);
}

/** What an edit can change on a KPI or a slot, in a fixed key order, to compare old and new. */
const kpiShape = (k: Omit<ChallengeCreate["kpis"][number], "id"> & { id?: string }) => ({
  id: k.id,
  name: k.name,
  unit: k.unit,
  direction: k.direction,
  baseline: k.baseline,
  target: k.target,
});
const slotShape = (s: Omit<ChallengeCreate["slots"][number], "id"> & { id?: string }) => ({
  id: s.id,
  discipline: s.discipline,
  count: s.count,
  skills: s.skills,
  commitmentPercent: s.commitmentPercent,
  required: s.required,
});

function kpiRows(challengeId: string, kpis: ChallengeCreate["kpis"]) {
  return kpis.map((k, position) => ({
    id: k.id ?? newId("kpi"),
    challengeId,
    position,
    name: k.name,
    unit: k.unit,
    direction: k.direction,
    baseline: k.baseline,
    target: k.target,
  }));
}

function slotRows(challengeId: string, slots: ChallengeCreate["slots"]) {
  return slots.map((s, position) => ({
    id: s.id ?? newId("slot"),
    challengeId,
    position,
    disciplineId: s.discipline,
    count: s.count,
    skills: JSON.stringify(s.skills),
    commitmentPercent: s.commitmentPercent,
    required: s.required,
  }));
}

/** Creates a draft with its KPIs, slots and tags and the `created` activity, in one batch. */
export async function createChallenge<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  leadId: string,
  input: ChallengeCreate,
  after: (id: string) => P,
) {
  const id = newId("ch");
  const kpis = kpiRows(
    id,
    input.kpis.map(({ id: _ignored, ...k }) => k),
  );
  const slots = slotRows(
    id,
    input.slots.map(({ id: _ignored, ...s }) => s),
  );
  const { read } = await writeThenRead(
    db,
    [
      db.insert(challenges).values({
        id,
        title: input.title,
        summary: input.summary,
        problem: input.problem,
        whyItMatters: input.whyItMatters,
        constraints: input.boundaries.constraints,
        outOfScope: input.boundaries.outOfScope,
        assistanceNeeded: input.assistanceNeeded,
        horizonWeeks: input.horizonWeeks,
        fundingAsk: input.fundingAsk,
        fundingBreakdown: input.fundingBreakdown,
        leadId,
      }),
      // One statement per row: 20 slots in one INSERT would pass D1's 100 bound parameters.
      ...kpis.map((row) => db.insert(challengeKpis).values(row)),
      ...slots.map((row) => db.insert(challengeSlots).values(row)),
      ...(input.tags.length
        ? [db.insert(challengeTags).values(input.tags.map((tag) => ({ challengeId: id, tag })))]
        : []),
      recordActivity(db, { challengeId: id, actorId: leadId, action: "created", detail: { title: input.title } }),
    ],
    ...after(id),
  );
  return { id, read };
}

/**
 * Applies a patch: scalar fields in place; KPIs and slots matched by id (kept, updated, added,
 * removed); tags replaced. The route has already checked ids, stages and filled slots.
 */
export async function updateChallenge<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  current: LoadedChallenge,
  patch: ChallengePatch,
  actorId: string,
  ...after: P
) {
  const id = current.id;
  const set: Partial<typeof challenges.$inferInsert> = {};
  const changed: string[] = [];
  // Only what differs from the current challenge counts as changed (and is written).
  const scalar = <K extends keyof typeof set & keyof LoadedChallenge>(
    key: K,
    value: (typeof set)[K] | undefined,
    field: string,
  ) => {
    if (value === undefined || value === current[key]) return;
    set[key] = value;
    changed.push(field);
  };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const kpisChanged = patch.kpis !== undefined && !same(patch.kpis.map(kpiShape), current.kpis.map(kpiShape));
  const slotsChanged = patch.slots !== undefined && !same(patch.slots.map(slotShape), current.slots.map(slotShape));
  const tagsChanged = patch.tags !== undefined && !same([...patch.tags].sort(), [...current.tags].sort());
  scalar("title", patch.title, "title");
  scalar("summary", patch.summary, "summary");
  scalar("problem", patch.problem, "problem");
  scalar("whyItMatters", patch.whyItMatters, "whyItMatters");
  scalar("constraints", patch.boundaries?.constraints, "boundaries.constraints");
  scalar("outOfScope", patch.boundaries?.outOfScope, "boundaries.outOfScope");
  scalar("assistanceNeeded", patch.assistanceNeeded, "assistanceNeeded");
  scalar("horizonWeeks", patch.horizonWeeks, "horizonWeeks");
  scalar("fundingAsk", patch.fundingAsk, "fundingAsk");
  scalar("fundingBreakdown", patch.fundingBreakdown, "fundingBreakdown");

  const statements: Statement[] = [];
  if (patch.kpis && kpisChanged) {
    changed.push("kpis");
    const rows = kpiRows(id, patch.kpis);
    const keep = rows.map((r) => r.id);
    statements.push(
      db
        .delete(challengeKpis)
        .where(
          and(eq(challengeKpis.challengeId, id), keep.length ? sql`${challengeKpis.id} NOT IN ${keep}` : undefined),
        ),
    );
    for (const row of rows) {
      const { id: _kpiId, challengeId: _challengeId, ...values } = row;
      statements.push(
        db
          .insert(challengeKpis)
          .values(row)
          .onConflictDoUpdate({ target: challengeKpis.id, set: values, setWhere: eq(challengeKpis.challengeId, id) }),
      );
    }
  }
  if (patch.slots && slotsChanged) {
    changed.push("slots");
    const rows = slotRows(id, patch.slots);
    const keep = rows.map((r) => r.id);
    statements.push(
      db
        .delete(challengeSlots)
        .where(
          and(
            eq(challengeSlots.challengeId, id),
            eq(challengeSlots.filled, 0),
            keep.length ? sql`${challengeSlots.id} NOT IN ${keep}` : undefined,
          ),
        ),
    );
    for (const row of rows) {
      const { id: _slotId, challengeId: _challengeId, ...values } = row;
      statements.push(
        db
          .insert(challengeSlots)
          .values(row)
          .onConflictDoUpdate({ target: challengeSlots.id, set: values, setWhere: eq(challengeSlots.challengeId, id) }),
      );
    }
  }
  if (patch.tags && tagsChanged) {
    changed.push("tags");
    statements.push(db.delete(challengeTags).where(eq(challengeTags.challengeId, id)));
    if (patch.tags.length) {
      statements.push(db.insert(challengeTags).values(patch.tags.map((tag) => ({ challengeId: id, tag }))));
    }
  }
  if (changed.length === 0) return { changed, refused: false, read: null };
  const now = new Date().toISOString();
  // An open challenge's ask never goes below what is pledged (SPEC §14); met exactly, it funds.
  const askMoves = set.fundingAsk !== undefined && set.fundingAsk !== null && current.stage === "open";
  const { written: results, read } = await writeThenRead(
    db,
    [
      db
        .update(challenges)
        .set({ ...set, updatedAt: now })
        .where(and(eq(challenges.id, id), askMoves ? sql`${activePledgedSql(id)} <= ${set.fundingAsk}` : undefined)),
      ...statements,
      recordActivity(db, { challengeId: id, actorId, action: "edited", detail: { fields: changed } }),
      ...(askMoves ? fundWhenAskMet(id, now) : []),
    ],
    ...after,
  );
  return { changed, refused: results[0].meta.changes === 0, read };
}

/**
 * Moves a challenge from `from` to `to` only if no one else moved it first (the stage is part
 * of the WHERE), writing the activity entry in the same batch. A close that moves money passes
 * its statements (`before`, `after`) and the condition they rest on (`guard`): all of it
 * happens, or none. Returns false if it lost a race.
 */
export async function moveStage(db: Database, args: StageMove) {
  return (await moveStageThenRead(db, args)).moved;
}

interface StageMove {
  id: string;
  from: Stage;
  to: Stage;
  cycle: number;
  actorId: string | null;
  activity: string;
  detail?: Record<string, unknown>;
  now?: string;
  before?: Statement[];
  guard?: Statement;
  after?: Statement[];
}

/** `moveStage`, reading `plans` back in the move's own batch. */
export async function moveStageThenRead<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  args: StageMove,
  ...plans: P
) {
  const now = args.now ?? new Date().toISOString();
  const firstPublish = args.from === "draft" && args.to === "open";
  const before = args.before ?? [];
  const { written: results, read } = await writeThenRead(
    db,
    [
      ...before,
      db
        .update(challenges)
        .set({
          stage: args.to,
          cycle: args.cycle,
          stageChangedAt: now,
          updatedAt: now,
          ...(firstPublish ? { publishedAt: now, listedAt: now } : {}),
        })
        .where(
          and(eq(challenges.id, args.id), eq(challenges.stage, args.from), args.guard ? sql`${args.guard}` : undefined),
        ),
      recordActivityIfChanged({
        challengeId: args.id,
        actorId: args.actorId,
        action: args.activity,
        detail: { from: args.from, to: args.to, ...args.detail },
      }),
      notify(
        recipients.followersOf(args.id),
        { kind: "stage_changed", challengeId: args.id, actorId: args.actorId, data: { from: args.from, to: args.to } },
        sql`EXISTS (SELECT 1 FROM challenges WHERE id = ${args.id} AND stage = ${args.to} AND stage_changed_at = ${now})`,
      ),
      ...(args.after ?? []),
    ],
    ...plans,
  );
  return { moved: results[before.length].meta.changes > 0, read };
}

/** Backs or stops backing; repeats change nothing. Returns the fresh backer count. */
export async function setBacking(db: Database, challengeId: string, personId: string, backed: boolean) {
  const change = backed
    ? db.insert(backings).values({ challengeId, personId }).onConflictDoNothing()
    : db.delete(backings).where(and(eq(backings.challengeId, challengeId), eq(backings.personId, personId)));
  const results = await writeBatch(db, [
    change,
    recordActivityIfChanged({ challengeId, actorId: personId, action: backed ? "backed" : "unbacked" }),
    db
      .update(challenges)
      .set({ backerCount: sql`(SELECT count(*) FROM ${backings} WHERE ${backings.challengeId} = ${challengeId})` })
      .where(eq(challenges.id, challengeId)),
    db.select({ backerCount: challenges.backerCount }).from(challenges).where(eq(challenges.id, challengeId)),
  ]);
  return Number(results[3].results[0]?.backer_count ?? 0);
}

/**
 * Posts a comment: the leads hear of it, and each person it mentions (`handles`, from
 * domain/discussion.ts `mentionHandles`) who can see the challenge is told, in the same batch.
 */
export async function addComment(
  db: Database,
  challengeId: string,
  authorId: string,
  body: string,
  handles: readonly string[] = [],
) {
  const id = newId("cm");
  const createdAt = new Date().toISOString();
  const {
    read: [made],
  } = await writeThenRead(
    db,
    [
      db.insert(comments).values({ id, challengeId, authorId, body, createdAt }),
      db
        .update(challenges)
        .set({ commentCount: sql`${challenges.commentCount} + 1` })
        .where(eq(challenges.id, challengeId)),
      recordActivity(db, { challengeId, actorId: authorId, action: "commented", detail: { commentId: id } }),
      notify(recipients.leadsOf(challengeId), {
        kind: "comment_received",
        challengeId,
        actorId: authorId,
        data: { commentId: id },
      }),
      ...mentionStatements({ kind: "comment", id, challengeId, authorId }, handles),
    ],
    commentPlan(db, id),
  );
  if (!made) throw new Error("comment written but not read back");
  return made;
}

// Named apart from the comment's own columns: a batch hands rows back keyed by column name.
const commentColumns = {
  id: comments.id,
  body: shownBodySql(comments.body, comments.removedAt).as("body"),
  createdAt: comments.createdAt,
  editedAt: comments.editedAt,
  removedAt: comments.removedAt,
  mentions: mentionsJsonSql(sql`${comments.id}`, sql`${comments.removedAt}`).as("mentions"),
  author: {
    id: sql<string>`${people.id}`.as("author_id"),
    name: sql<string>`${people.name}`.as("author_name"),
    title: sql<string>`${people.title}`.as("author_title"),
    disciplineId: sql<string | null>`${people.disciplineId}`.as("author_discipline_id"),
    avatarUrl: sql<string | null>`${people.avatarUrl}`.as("author_avatar_url"),
  },
};

type CommentRow = { mentions: string } & Record<string, unknown>;
const parseComment = <T extends CommentRow>({ mentions, ...rest }: T) => ({
  ...rest,
  mentions: parseMentions(mentions),
});

/** A page of a challenge's comments, oldest first, to read with the challenge. */
export function commentsPlan(
  db: Database,
  challengeId: string,
  limit: number,
  after?: { createdAt: string; id: string },
) {
  const query = db
    .select(commentColumns)
    .from(comments)
    .innerJoin(people, eq(people.id, comments.authorId))
    .where(
      and(
        eq(comments.challengeId, challengeId),
        after ? sql`(${comments.createdAt}, ${comments.id}) > (${after.createdAt}, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(limit + 1);
  return readPlan([query], ([rows]) => rows.map(parseComment));
}

/** One comment as the discussion shows it: a tombstone once removed. */
export function commentPlan(db: Database, id: string) {
  const query = db
    .select(commentColumns)
    .from(comments)
    .innerJoin(people, eq(people.id, comments.authorId))
    .where(eq(comments.id, id))
    .limit(1);
  return readPlan([query], ([[row]]) => (row ? parseComment(row) : null));
}

export type ChallengeSort = "newest" | "most_backed" | "relevance" | "nearest_funded" | "best_match";

export interface ChallengeListQuery {
  /** An FTS5 expression from `toFtsQuery`; `relevance` sorting needs one. */
  ftsQuery: string | null;
  stage?: Stage;
  discipline?: string;
  tag?: string;
  /** An open role slot asks for this skill. */
  skill?: string;
  /** A person who pledged to it (withdrawn pledges do not count). */
  sponsor?: string;
  sort: ChallengeSort;
  limit: number;
  /** The last card's sort key, without the sort's name. */
  after: CursorKey | null;
  viewerId: string;
}

type CardRow = Omit<ChallengeCard, "tags" | "openRoles" | "lead"> & {
  leadId: string;
  leadName: string;
  tags: string;
  openRoles: string;
  rank: number | null;
  /** The computed key of `nearest_funded` and `best_match`. */
  sortKey: number | null;
};

/** A card's cursor: the sort's name (so a cursor cannot be used with another sort) and its key. */
export function cardSortKey(
  sort: ChallengeSort,
  row: { listedAt: string; backerCount: number; id: string; rank: number | null; sortKey?: number | null },
): CursorKey {
  if (sort === "most_backed") return [sort, row.backerCount, row.id];
  if (sort === "relevance") return [sort, row.rank ?? 0, row.id];
  if (sort === "nearest_funded" || sort === "best_match") return [sort, row.sortKey ?? 0, row.listedAt, row.id];
  return [sort, row.listedAt, row.id];
}

export const CURSOR_SHAPES: Record<ChallengeSort, ("string" | "number")[]> = {
  newest: ["string", "string", "string"],
  most_backed: ["string", "number", "string"],
  relevance: ["string", "number", "string"],
  nearest_funded: ["string", "number", "string", "string"],
  best_match: ["string", "number", "string", "string"],
};

const PLEDGED = challengeFigureSql("pledged", sql`c.id`);
const RETURNED = challengeFigureSql("returned", sql`c.id`);

/**
 * `nearest_funded`: an open challenge's share of its ask already pledged, in basis points
 * (an ask of 0 counts as fully pledged); every other stage sorts after them (-1).
 */
const NEAREST_FUNDED_KEY = sql`(CASE WHEN c.stage = 'open' THEN
  CASE WHEN c.funding_ask <= 0 THEN 10000 ELSE min(10000, (${PLEDGED} * 10000) / c.funding_ask) END
  ELSE -1 END)`;

/**
 * `best_match`: the best fit of one of its open slots for the viewer, scored like For you
 * (worker/domain/teams.ts slotFit): 10 for the viewer's discipline, 3 for each shared skill,
 * and 1 more for a required slot that fits at all.
 */
function bestMatchKey(viewerId: string) {
  const fit = sql`((CASE WHEN s.discipline_id = (SELECT p.discipline_id FROM people p WHERE p.id = ${viewerId}) THEN 10 ELSE 0 END)
    + 3 * (SELECT count(*) FROM json_each(s.skills) k WHERE lower(k.value) IN
      (SELECT lower(m.value) FROM json_each((SELECT p.skills FROM people p WHERE p.id = ${viewerId})) m)))`;
  // Challenges the viewer already leads or is on score 0: For you leaves them out for the same reason.
  return sql`(CASE WHEN c.lead_id = ${viewerId} OR c.co_lead_id = ${viewerId} OR EXISTS (SELECT 1 FROM memberships ms
      WHERE ms.challenge_id = c.id AND ms.person_id = ${viewerId} AND ${seatStatus(sql`ms.status`)}) THEN 0
    ELSE (SELECT coalesce(max(${fit} + CASE WHEN s.required AND ${fit} > 0 THEN 1 ELSE 0 END), 0)
    FROM challenge_slots s WHERE s.challenge_id = c.id AND s.status = 'open' AND s.filled < s.count) END)`;
}

/**
 * The marketplace in one query: the page of challenges with their tags and open roles as JSON
 * sub-selects, keyset-paginated on the chosen sort.
 */
export async function listChallenges(db: Database, q: ChallengeListQuery) {
  const where: SQL[] = [];
  if (q.stage) {
    // A stage asked for by name may hold challenges never published (drafts, withdrawn drafts): the viewer's own only.
    where.push(sql`c.stage = ${q.stage} AND ${visibleToSql("c", q.viewerId)}`);
  } else {
    // Written as NOT IN so the planner can walk the sort index instead of sorting.
    where.push(stageNotIn(sql`c.stage`, UNLISTED_STAGES));
  }
  if (q.discipline) {
    where.push(sql`EXISTS (SELECT 1 FROM challenge_slots s WHERE s.challenge_id = c.id
      AND s.discipline_id = ${q.discipline} AND s.status = 'open' AND s.filled < s.count)`);
  }
  if (q.tag) {
    where.push(sql`EXISTS (SELECT 1 FROM challenge_tags t WHERE t.challenge_id = c.id AND t.tag = ${q.tag})`);
  }
  if (q.skill) {
    where.push(sql`EXISTS (SELECT 1 FROM challenge_slots s, json_each(s.skills) k WHERE s.challenge_id = c.id
      AND s.status = 'open' AND s.filled < s.count AND lower(k.value) = lower(${q.skill}))`);
  }
  if (q.sponsor) {
    where.push(sql`EXISTS (SELECT 1 FROM pledges p WHERE p.challenge_id = c.id AND p.sponsor_id = ${q.sponsor}
      AND p.status IN ('active', 'settled'))`);
  }
  const sortKey =
    q.sort === "nearest_funded" ? NEAREST_FUNDED_KEY : q.sort === "best_match" ? bestMatchKey(q.viewerId) : null;
  let order: SQL;
  if (q.sort === "relevance" && q.ftsQuery) {
    order = sql`f.rank ASC, c.id ASC`;
    if (q.after) where.push(sql`(f.rank, c.id) > (${q.after[0]}, ${q.after[1]})`);
  } else if (sortKey) {
    order = sql`sortKey DESC, c.listed_at DESC, c.id DESC`;
    if (q.after) where.push(sql`(${sortKey}, c.listed_at, c.id) < (${q.after[0]}, ${q.after[1]}, ${q.after[2]})`);
  } else if (q.sort === "most_backed") {
    order = sql`c.backer_count DESC, c.id DESC`;
    if (q.after) where.push(sql`(c.backer_count, c.id) < (${q.after[0]}, ${q.after[1]})`);
  } else {
    order = sql`c.listed_at DESC, c.id DESC`;
    if (q.after) where.push(sql`(c.listed_at, c.id) < (${q.after[0]}, ${q.after[1]})`);
  }
  const search = q.ftsQuery
    ? sql`JOIN (SELECT rowid AS rid, bm25(challenges_fts, 10.0, 4.0, 1.0) AS rank FROM challenges_fts
        WHERE challenges_fts MATCH ${q.ftsQuery}) f ON f.rid = c.rowid`
    : sql``;
  const rows = await db.all<CardRow>(sql`
    SELECT c.id, c.title, c.summary, c.stage, c.backer_count AS backerCount, c.comment_count AS commentCount,
      c.funding_ask AS fundingAsk, c.listed_at AS listedAt, c.published_at AS publishedAt,
      ${currencyColumn} AS currency, l.id AS leadId, l.name AS leadName,
      ${PLEDGED} AS pledged, ${RETURNED} AS returned,
      (SELECT json_group_array(tag) FROM (SELECT t.tag FROM challenge_tags t WHERE t.challenge_id = c.id ORDER BY t.tag)) AS tags,
      (SELECT json_group_array(json_object('discipline', s.discipline_id, 'open', s.count - s.filled))
        FROM challenge_slots s WHERE s.challenge_id = c.id AND s.status = 'open' AND s.filled < s.count) AS openRoles,
      ${q.ftsQuery ? sql`f.rank` : sql`NULL`} AS rank, ${sortKey ?? sql`NULL`} AS sortKey
    FROM challenges c
    JOIN people l ON l.id = c.lead_id
    ${search}
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${order}
    LIMIT ${q.limit + 1}`);
  return rows.map((r) => ({
    card: {
      id: r.id,
      title: r.title,
      summary: r.summary,
      stage: r.stage,
      tags: JSON.parse(r.tags) as string[],
      backerCount: r.backerCount,
      commentCount: r.commentCount,
      fundingAsk: r.fundingAsk,
      pledged: r.pledged,
      returned: r.returned,
      currency: r.currency,
      openRoles: JSON.parse(r.openRoles) as ChallengeCard["openRoles"],
      lead: { id: r.leadId, name: r.leadName },
      listedAt: r.listedAt,
      publishedAt: r.publishedAt,
    } satisfies ChallengeCard,
    key: cardSortKey(q.sort, r),
  }));
}
