import { createRoute, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { pageOf } from "../../domain/cursor";
import { mentionHandles } from "../../domain/discussion";
import {
  askBelowPledgedRefusal,
  type EditedChallenge,
  editContentRefusal,
  editProblems,
  editStageRefusal,
  slotDisciplineProblems,
} from "../../domain/editing";
import { backingRefusal, decideTransition, participationRefusal } from "../../domain/lifecycle";
import { toFtsQuery, toLooseFtsQuery } from "../../domain/search";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import {
  assertAllowed,
  conflict,
  invalid,
  refusalError,
  throwIfInvalid,
  throwIfRefused,
} from "../../middleware/errors";
import {
  ActivitySchema,
  BackingSchema,
  ChallengeCardSchema,
  ChallengeCreateSchema,
  ChallengeListQuery,
  ChallengePatchSchema,
  ChallengeSchema,
  CommentInputSchema,
  CommentSchema,
  TransitionBodySchema,
} from "../../schemas/challenge";
import { errors, IdParam, json, jsonBody, PaginationQuery, page } from "../../schemas/common";
import { activityPlan } from "../../services/activity";
import {
  addComment,
  type ChallengeSort,
  CURSOR_SHAPES,
  commentsPlan,
  createChallenge,
  type LoadedChallenge,
  listChallenges,
  moveStageThenRead,
  setBacking,
  unknownDisciplinesPlan,
  updateChallenge,
} from "../../services/challenges";
import { readFacts } from "../../services/facts";
import { closeWithReturns } from "../../services/funding";
import { freezeShowcaseStatement } from "../../services/review";
import { readCursor } from "../paging";
import { createRouter } from "../router";
import { actorFor, challengeAfter, present, requireLeadership, visibleChallenge, visibleChallengeWith } from "./access";
import { challengeCandidateRoutes } from "./candidates";
import { challengeCreditRoutes } from "./credit";
import { challengeDiscussionRoutes } from "./discussion";
import { challengeFundingRoutes } from "./funding";
import { challengeMergeRoutes } from "./merge";
import { challengePageRoutes } from "./page";
import { challengeReviewRoutes } from "./review";
import { factsFor, readsLedger, toResponse } from "./shapes";
import { challengeTeamRoutes } from "./team";

const tags = ["Challenges"];
const Params = IdParam("id");

const disciplinesOf = (slots: { discipline: string }[] | undefined) => (slots ?? []).map((s) => s.discipline);

/** The challenge as an edit is checked against (worker/domain/editing.ts). */
const editedOf = (ch: LoadedChallenge): EditedChallenge => ({
  ...ch,
  pledged: ch.funding.pledged,
  kpiIds: ch.kpis.map((k) => k.id),
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "The marketplace: search, filter, sort and page through challenges",
  request: { query: ChallengeListQuery },
  responses: { 200: json(page(ChallengeCardSchema), "A page of challenges."), ...errors },
});

const createRouteDef = createRoute({
  method: "post",
  path: "/",
  tags,
  summary: "Propose a challenge (saved as a draft)",
  request: { body: jsonBody(ChallengeCreateSchema) },
  responses: { 201: json(ChallengeSchema, "The new draft."), ...errors },
});

const getRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  summary: "A challenge",
  request: { params: Params },
  responses: { 200: json(ChallengeSchema, "The challenge."), ...errors },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/{id}",
  tags,
  summary: "Edit a challenge (lead or co-lead)",
  request: { params: Params, body: jsonBody(ChallengePatchSchema) },
  responses: { 200: json(ChallengeSchema, "The edited challenge."), ...errors },
});

const transitionRoute = createRoute({
  method: "post",
  path: "/{id}/transitions",
  tags,
  summary: "Move a challenge through its stages: publish, withdraw, start, submit, archive",
  request: { params: Params, body: jsonBody(TransitionBodySchema) },
  responses: { 200: json(ChallengeSchema, "The challenge in its new stage."), ...errors },
});

const backRoute = createRoute({
  method: "put",
  path: "/{id}/backing",
  tags,
  summary: "Back a challenge (idempotent)",
  request: { params: Params },
  responses: { 200: json(BackingSchema, "You back it."), ...errors },
});

const unbackRoute = createRoute({
  method: "delete",
  path: "/{id}/backing",
  tags,
  summary: "Stop backing a challenge (idempotent)",
  request: { params: Params },
  responses: { 200: json(BackingSchema, "You no longer back it."), ...errors },
});

const commentsRoute = createRoute({
  method: "get",
  path: "/{id}/comments",
  tags,
  summary: "The discussion, oldest first",
  request: { params: Params, query: PaginationQuery },
  responses: { 200: json(page(CommentSchema), "A page of comments."), ...errors },
});

const commentRoute = createRoute({
  method: "post",
  path: "/{id}/comments",
  tags,
  summary: "Comment on a challenge",
  request: { params: Params, body: jsonBody(CommentInputSchema) },
  responses: { 201: json(CommentSchema, "The comment."), ...errors },
});

const activityRoute = createRoute({
  method: "get",
  path: "/{id}/activity",
  tags,
  summary: "Who did what, when: newest first",
  request: { params: Params, query: PaginationQuery },
  responses: { 200: json(page(ActivitySchema), "A page of activity."), ...errors },
});

/** Marks the cursor of a search that pages on its loosened words. */
const LOOSE = "~loose";

/**
 * The marketplace's page: filters, a sort, and a full-text search that, finding nothing as
 * typed, pages on its loosened words instead (their cursors say so).
 */
async function searchChallenges(c: Context<AppEnv>, query: z.infer<typeof ChallengeListQuery>) {
  const ftsQuery = query.q ? toFtsQuery(query.q) : null;
  let sort: ChallengeSort = query.sort ?? (ftsQuery ? "relevance" : "newest");
  if (sort === "relevance" && !ftsQuery) sort = "newest";
  const cursor = readCursor(query.cursor, CURSOR_SHAPES[sort]);
  // A search that found nothing as typed pages on loosened (see toLooseFtsQuery); its cursors say so.
  const looseMark = `${sort}${LOOSE}`;
  if (cursor && cursor[0] !== sort && cursor[0] !== looseMark) {
    throw invalid({ cursor: `This cursor pages a ${cursor[0]} listing, not ${sort}; start again without it.` });
  }
  const list = (fts: string | null) =>
    listChallenges(c.var.db, {
      ftsQuery: fts,
      stage: query.stage,
      discipline: query.discipline,
      tag: query.tag?.trim().toLowerCase().replace(/\s+/g, "-"),
      skill: query.skill,
      sponsor: query.sponsor,
      sort,
      limit: query.limit,
      after: cursor ? cursor.slice(1) : null,
      viewerId: c.var.me.id,
    });
  const loose = query.q ? toLooseFtsQuery(query.q) : null;
  let loosened = cursor?.[0] === looseMark && loose !== null;
  let rows = await list(loosened ? loose : ftsQuery);
  if (!cursor && rows.length === 0 && loose) {
    rows = await list(loose);
    loosened = true;
  }
  const { items, nextCursor } = pageOf(rows, query.limit, (r) => (loosened ? [looseMark, ...r.key.slice(1)] : r.key));
  return { items: items.map((r) => r.card), nextCursor };
}

const challengeCoreRoutes = createRouter(requireAuth())
  .openapi(listRoute, async (c) => c.json(await searchChallenges(c, c.req.valid("query")), 200))
  .openapi(createRouteDef, async (c) => {
    const input = c.req.valid("json");
    const [unknown] = await readFacts(c.var.db, unknownDisciplinesPlan(c.var.db, disciplinesOf(input.slots)));
    throwIfInvalid(slotDisciplineProblems(unknown, input.slots));
    const { read } = await createChallenge(c.var.db, c.var.me.id, input, (id) => [challengeAfter(c, id)]);
    return c.json(toResponse(present(read[0]), c.var.me), 201);
  })
  .openapi(getRoute, async (c) => {
    const ch = await visibleChallenge(c, c.req.valid("param").id);
    return c.json(toResponse(ch, c.var.me), 200);
  })
  .openapi(patchRoute, async (c) => {
    const patch = c.req.valid("json");
    const id = c.req.valid("param").id;
    const [ch, unknown] = await visibleChallengeWith(
      c,
      id,
      unknownDisciplinesPlan(c.var.db, disciplinesOf(patch.slots)),
    );
    requireLeadership(c.var.me, ch, "edit this challenge");
    throwIfRefused(editStageRefusal(editedOf(ch), patch));
    throwIfInvalid({ ...editProblems(editedOf(ch), patch), ...slotDisciplineProblems(unknown, patch.slots) });
    throwIfRefused(editContentRefusal(editedOf(ch), patch));
    const { refused, read } = await updateChallenge(c.var.db, ch, patch, c.var.me.id, challengeAfter(c, ch.id));
    const fresh = read ? present(read[0]) : ch;
    // A pledge landed between the read and the write: the ask is now below what is pledged.
    if (refused) throw refusalError(askBelowPledgedRefusal(fresh.funding.pledged));
    return c.json(toResponse(fresh, c.var.me), 200);
  })
  .openapi(transitionRoute, async (c) => {
    const { action } = c.req.valid("json");
    const [ch] = await visibleChallengeWith(c, c.req.valid("param").id);
    const decision = decideTransition(ch, actorFor(c.var.me, ch), action, factsFor(ch));
    assertAllowed(decision);
    const move = {
      id: ch.id,
      from: ch.stage,
      to: decision.next.stage,
      cycle: decision.next.cycle,
      actorId: c.var.me.id,
      activity: decision.activity,
    };
    const now = new Date().toISOString();
    // Withdrawing an open challenge hands its pledges back (SPEC §3); submitting freezes the showcase.
    const { moved, read } =
      action === "withdraw" && ch.stage === "open"
        ? { moved: (await closeWithReturns(c.var.db, { ...move, now })).moved, read: null }
        : await moveStageThenRead(
            c.var.db,
            { ...move, now, after: action === "submit" ? [freezeShowcaseStatement(ch.id, ch.cycle, now)] : [] },
            challengeAfter(c, ch.id),
          );
    if (!moved)
      throw conflict("stale_stage", "Someone changed this challenge's stage at the same moment; reload and try again.");
    const fresh = read ? present(read[0]) : await visibleChallenge(c, ch.id);
    return c.json(toResponse(fresh, c.var.me), 200);
  })
  .openapi(backRoute, async (c) => {
    const ch = await visibleChallenge(c, c.req.valid("param").id);
    throwIfRefused(backingRefusal(ch.stage, actorFor(c.var.me, ch)));
    const backerCount = await setBacking(c.var.db, ch.id, c.var.me.id, true);
    return c.json({ backed: true, backerCount }, 200);
  })
  .openapi(unbackRoute, async (c) => {
    const ch = await visibleChallenge(c, c.req.valid("param").id);
    const backerCount = await setBacking(c.var.db, ch.id, c.var.me.id, false);
    return c.json({ backed: false, backerCount }, 200);
  })
  .openapi(commentsRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const id = c.req.valid("param").id;
    const after = readCursor(cursor, ["string", "string"]);
    const since = after ? { createdAt: String(after[0]), id: String(after[1]) } : undefined;
    const [, rows] = await visibleChallengeWith(c, id, commentsPlan(c.var.db, id, limit, since));
    return c.json(
      pageOf(rows, limit, (r) => [r.createdAt, r.id]),
      200,
    );
  })
  .openapi(commentRoute, async (c) => {
    const { body } = c.req.valid("json");
    const ch = await visibleChallenge(c, c.req.valid("param").id);
    throwIfRefused(participationRefusal(ch.stage, "comment on"));
    return c.json(await addComment(c.var.db, ch.id, c.var.me.id, body, mentionHandles(body)), 201);
  })
  .openapi(activityRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const id = c.req.valid("param").id;
    const before = readCursor(cursor, ["string", "string"]);
    const until = before ? { createdAt: String(before[0]), id: String(before[1]) } : undefined;
    const [ch, shown] = await visibleChallengeWith(c, id, activityPlan(c.var.db, id, c.var.me.id, limit, until));
    const rows = shown(readsLedger(c.var.me, ch));
    return c.json(
      pageOf(rows, limit, (r) => [r.createdAt, r.id]),
      200,
    );
  });

/**
 * Everything under /challenges, mounted once: the challenge itself, then its money, team, credit,
 * review and merges. Each part asks for auth itself; the person is looked up once per request.
 */
export const challengeRoutes = createRouter()
  .route("/", challengeCoreRoutes)
  .route("/", challengeFundingRoutes)
  .route("/", challengeTeamRoutes)
  .route("/", challengeCandidateRoutes)
  .route("/", challengeCreditRoutes)
  .route("/", challengeDiscussionRoutes)
  .route("/", challengeReviewRoutes)
  .route("/", challengeMergeRoutes)
  .route("/", challengePageRoutes);
