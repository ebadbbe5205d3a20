import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { decodeCursor } from "../../domain/cursor";
import { answerRefusal, commitmentUpdateRefusal, replyRefusal, showcaseEventProblems } from "../../domain/review";
import { toFtsQuery } from "../../domain/search";
import type { AppEnv } from "../../env";
import { requireAuth, requireRole } from "../../middleware/auth";
import { createDb } from "../../middleware/db";
import { invalid, notFound, throwIfInvalid, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, isoDate, json, jsonBody, PaginationQuery, page } from "../../schemas/common";
import { BudgetSchema } from "../../schemas/funding";
import type { LoadedChallenge } from "../../services/challenges";
import {
  BUDGET_CURSOR_SHAPE,
  DASHBOARD_BUDGETS_PAGE,
  dashboardBudgetsPlan,
  dashboardPlan,
  REFRESH_AFTER_CHANGES,
  refreshDashboardRollup,
} from "../../services/dashboard";
import { type PlanValues, readFacts } from "../../services/facts";
import type { Me } from "../../services/people";
import {
  answer,
  challengeOfCommitment,
  challengeOfQuestion,
  challengeOfReview,
  commitmentPlan,
  createEvent,
  criteriaPlan,
  decisionsPlan,
  eventPlan,
  eventsPlan,
  findSimilarChallenges,
  postedInThreadPlan,
  questionPlan,
  questionsPlan,
  replyToReview,
  reviewsPlan,
  reviewThreadPlan,
  type ShowcaseEvent,
  setCommitmentStatus,
  showcaseQueuePlan,
  stagesPlan,
} from "../../services/review";
import { actorFor, callerOnTeam, challengeFactsWith, requireVisible } from "../challenges/access";
import { createRouter } from "../router";
import { fairnessRoutes } from "./fairness";
import {
  CriterionSchema,
  DecisionSchema,
  QuestionSchema,
  ReviewReplySchema,
  tags,
  toDecision,
  today,
  toQuestion,
  toReply,
} from "./shapes";

const AnswerInputSchema = z
  .object({ body: z.string().trim().min(1, "Write the answer.").max(5000) })
  .openapi("AnswerInput");

const ReplyInputSchema = z
  .object({ body: z.string().trim().min(1, "Write the reply.").max(5000) })
  .openapi("ReviewReplyInput");

const ShowcaseEventInputSchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    heldOn: isoDate,
    location: z.string().trim().max(200).default(""),
    challengeIds: z.array(z.string().min(1).max(64)).min(1, "Put at least one showcase on the agenda.").max(30),
  })
  .openapi("ShowcaseEventInput");

/** The question, its challenge and whether the caller is already on its thread, in one round trip. */
function answerFacts(c: Context<AppEnv>, id: string) {
  const db = c.var.db;
  return challengeFactsWith(c, challengeOfQuestion(id), questionPlan(db, id), postedInThreadPlan(db, id, c.var.me.id));
}

/** Who the caller is to a commitment, for `commitmentUpdateRefusal`. */
function commitmentFacts(me: Me, ch: LoadedChallenge, ownerId: string) {
  const actor = actorFor(me, ch);
  return {
    isOwner: ownerId === me.id,
    isLead: actor.isLead,
    isCoLead: actor.isCoLead,
    isReviewer: me.roles.includes("reviewer"),
  };
}

const questionRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "post",
    path: "/{id}/answers",
    tags,
    summary:
      "Answer or follow up on a question (the team, or anyone already on its thread); everyone on the thread is told",
    request: {
      params: IdParam("id"),
      body: jsonBody(AnswerInputSchema),
    },
    responses: { 201: json(QuestionSchema, "The question with its thread."), ...errors },
  }),
  async (c) => {
    const { body } = c.req.valid("json");
    const [found, q, onThread] = await answerFacts(c, c.req.valid("param").id);
    if (!q) throw notFound("That question");
    const ch = requireVisible(c, found);
    throwIfRefused(answerRefusal({ onTeam: callerOnTeam(c.var.me, ch), onThread }));
    const { read } = await answer(c.var.db, q, c.var.me.id, body, questionsPlan(c.var.db, ch.id));
    const fresh = read[0].find((x) => x.id === q.id);
    if (!fresh) throw new Error("question vanished");
    return c.json(toQuestion(fresh), 201);
  },
);

/** The review, its challenge and who has posted in its thread, in one round trip. */
function replyFacts(c: Context<AppEnv>, id: string) {
  return challengeFactsWith(c, challengeOfReview(id), reviewThreadPlan(c.var.db, id));
}

const reviewReplyRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "post",
    path: "/{id}/replies",
    tags,
    summary: "Reply to a review (the team), or follow up (its reviewer, or whoever replied); the thread is told",
    request: { params: IdParam("id"), body: jsonBody(ReplyInputSchema) },
    responses: { 201: json(ReviewReplySchema, "The reply."), ...errors },
  }),
  async (c) => {
    const { body } = c.req.valid("json");
    const me = c.var.me;
    const [found, review] = await replyFacts(c, c.req.valid("param").id);
    if (!review) throw notFound("That review");
    const ch = requireVisible(c, found);
    const onThread = review.repliers.includes(me.id);
    throwIfRefused(
      replyRefusal({ onTeam: callerOnTeam(me, ch), isItsReviewer: review.reviewerId === me.id, onThread }),
    );
    const { id, read } = await replyToReview(c.var.db, review, me.id, body, reviewsPlan(c.var.db, ch.id));
    const made = read[0].find((r) => r.id === review.id)?.replies.find((r) => r.id === id);
    if (!made) throw new Error("reply written but not read back");
    return c.json(toReply(made), 201);
  },
);

const commitmentRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Mark a commitment done or open again (its owner, the challenge's leads, reviewers)",
    request: {
      params: IdParam("id"),
      body: jsonBody(z.object({ status: z.enum(["open", "done"]) }).openapi("CommitmentPatch")),
    },
    responses: { 200: json(DecisionSchema, "The decision with its commitments."), ...errors },
  }),
  async (c) => {
    const { status } = c.req.valid("json");
    const id = c.req.valid("param").id;
    const [found, co] = await challengeFactsWith(c, challengeOfCommitment(id), commitmentPlan(c.var.db, id));
    if (!co) throw notFound("That commitment");
    const ch = requireVisible(c, found);
    throwIfRefused(commitmentUpdateRefusal(commitmentFacts(c.var.me, ch, co.ownerId), co.status, status));
    const { read } = await setCommitmentStatus(c.var.db, co, status, c.var.me.id, decisionsPlan(c.var.db, ch.id));
    const d = read[0].find((x) => x.id === co.decisionId);
    if (!d) throw new Error("decision vanished");
    return c.json(toDecision(d), 200);
  },
);

const EventSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    heldOn: z.string(),
    location: z.string(),
    items: z.array(
      z.object({
        position: z.number().int(),
        challenge: z.object({
          id: z.string(),
          title: z.string(),
          stage: z.string(),
          cycle: z.number().int(),
          leadName: z.string(),
        }),
        decision: z.string().nullable(),
        averageScore: z.number().nullable(),
      }),
    ),
  })
  .openapi("ShowcaseEvent");

function eventResponse(event: ShowcaseEvent | null) {
  if (!event) throw notFound("That showcase event");
  return {
    id: event.id,
    title: event.title,
    heldOn: event.heldOn,
    location: event.location,
    items: event.items.map((i) => ({
      position: i.position,
      challenge: { id: i.challengeId, title: i.title, stage: i.stage, cycle: i.cycle, leadName: i.leadName ?? "" },
      decision: i.decision,
      averageScore: i.weightedScore === null ? null : Math.round(Number(i.weightedScore)) / 100,
    })),
  };
}

const ShowcasesSchema = z.object({
  queue: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      cycle: z.number().int(),
      leadName: z.string(),
      submittedAt: z.string(),
      reviews: z.number().int(),
      averageScore: z.number().nullable(),
      openQuestions: z.number().int(),
    }),
  ),
  events: z.array(
    z.object({ id: z.string(), title: z.string(), heldOn: z.string(), location: z.string(), items: z.number().int() }),
  ),
});

type ShowcasesRows = PlanValues<[ReturnType<typeof showcaseQueuePlan>, ReturnType<typeof eventsPlan>]>;

/** The review queue, oldest showcase first, and the showcase days ahead. */
function showcasesResponse([queue, events]: ShowcasesRows) {
  return {
    queue: queue.map((q) => ({
      id: q.id,
      title: q.title,
      cycle: q.cycle,
      leadName: q.leadName ?? "",
      submittedAt: q.stageChangedAt,
      reviews: Number(q.reviewCount),
      averageScore: q.weightedScore === null ? null : Math.round(Number(q.weightedScore)) / 100,
      openQuestions: Number(q.openQuestions),
    })),
    events: events.map((e) => ({ ...e, items: Number(e.items) })),
  };
}

const showcaseRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Showcases awaiting review, and the showcase days ahead",
      responses: { 200: json(ShowcasesSchema, "Showcases."), ...errors },
    }),
    async (c) => {
      const rows = await readFacts(c.var.db, showcaseQueuePlan(c.var.db), eventsPlan(c.var.db, today()));
      return c.json(showcasesResponse(rows), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events",
      tags,
      summary: "Schedule a showcase day with an agenda (reviewers); each team and its sponsors are told",
      middleware: [requireRole("reviewer")] as const,
      request: {
        body: jsonBody(ShowcaseEventInputSchema),
      },
      responses: { 201: json(EventSchema, "The event."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const [stages] = await readFacts(c.var.db, stagesPlan(c.var.db, input.challengeIds));
      throwIfInvalid(showcaseEventProblems(input, stages, today()));
      const { read } = await createEvent(c.var.db, input, c.var.me.id, (id) => [eventPlan(c.var.db, id)] as const);
      return c.json(eventResponse(read[0]), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{id}",
      tags,
      summary: "A showcase day: its agenda with each showcase's status and decision",
      request: { params: IdParam("id") },
      responses: { 200: json(EventSchema, "The event."), ...errors },
    }),
    async (c) => {
      const [event] = await readFacts(c.var.db, eventPlan(c.var.db, c.req.valid("param").id));
      return c.json(eventResponse(event), 200);
    },
  );

const criteriaRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "The review criteria and their weights",
    responses: { 200: json(z.object({ items: z.array(CriterionSchema) }), "Criteria."), ...errors },
  }),
  async (c) => {
    const [rows] = await readFacts(c.var.db, criteriaPlan(c.var.db));
    return c.json({ items: rows.map(({ id, name, description, weight }) => ({ id, name, description, weight })) }, 200);
  },
);

const DashboardSchema = z
  .object({
    period: z.object({ id: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string() }).nullable(),
    funnel: z.array(
      z.object({
        stage: z.string(),
        current: z.number().int(),
        reached: z.number().int(),
        conversion: z
          .number()
          .nullable()
          .openapi({ description: "Percent of the previous stage's challenges that reached this one." }),
        medianDays: z.number().nullable(),
      }),
    ),
    otherStages: z.array(z.object({ stage: z.string(), current: z.number().int() })),
    budgets: z.array(BudgetSchema).openapi({
      description: `The first page of budgets (${DASHBOARD_BUDGETS_PAGE}), by period, newest first, then sponsor; GET /api/dashboard/budgets with \`budgetsNextCursor\` gives the next.`,
    }),
    budgetsNextCursor: z.string().nullable(),
    budgetsTotal: z
      .number()
      .int()
      .openapi({ description: "How many budgets the period has (all periods without one)." }),
    participation: z.array(
      z.object({
        discipline: z.string().nullable(),
        level: z.string().nullable(),
        people: z.number().int(),
        participating: z.number().int(),
      }),
    ),
    averageDisciplinesPerTeam: z.number(),
    teams: z.number().int(),
    decisions: z.array(z.object({ decision: z.string(), count: z.number().int() })),
    overdueResponses: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        leadName: z.string(),
        publishedAt: z.string(),
        days: z.number().int(),
      }),
    ),
    overdueResponsesTotal: z.number().int().openapi({
      description: "How many open challenges are overdue; `overdueResponses` lists the 100 longest waiting.",
    }),
    overdueCommitmentsTotal: z
      .number()
      .int()
      .openapi({ description: "How many commitments are overdue; `overdueCommitments` lists the 100 most overdue." }),
    overdueCommitments: z.array(
      z.object({
        id: z.string(),
        what: z.string(),
        dueOn: z.string(),
        challengeId: z.string(),
        challengeTitle: z.string(),
        ownerName: z.string(),
      }),
    ),
    needsIndependentReviewer: z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          submittedAt: z.string().openapi({ description: "When the challenge entered the showcase stage." }),
          days: z.number().int().openapi({ description: "Whole days since `submittedAt`." }),
        }),
      )
      .openapi({
        description:
          "Showcases that every active reviewer has a stake in (leads, co-leads, is on the team or sponsors it), so none may review or decide them; the 100 oldest (by listing), oldest first.",
      }),
    needsIndependentReviewerTotal: z
      .number()
      .int()
      .openapi({ description: "How many showcases need an independent reviewer." }),
    responseDeadlineDays: z.number().int(),
  })
  .openapi("Dashboard");

const dashboardRoutes = createRouter(requireAuth(), requireRole("reviewer", "admin"))
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["Leadership"],
      summary:
        "The leadership dashboard in one request: funnel, budgets, participation, coverage, decisions, overdue items",
      request: { query: z.object({ periodId: z.string().max(64).optional() }) },
      responses: { 200: json(DashboardSchema, "The dashboard."), ...errors },
    }),
    async (c) => {
      const { periodId } = c.req.valid("query");
      // The period's window and the response deadline are read in the figures' own SQL.
      const [{ period, figures, responseDeadlineDays, changed }] = await readFacts(
        c.var.db,
        dashboardPlan(c.var.db, periodId, new Date().toISOString()),
      );
      if (periodId && !period) throw invalid({ periodId: "No such budget period." });
      // Many changes counted live since the rollup's last refresh: refresh it after answering.
      if (changed > REFRESH_AFTER_CHANGES) afterResponse(c, refreshDashboardRollup(createDb(c.env.DB)));
      return c.json({ period, ...figures, responseDeadlineDays }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/budgets",
      tags: ["Leadership"],
      summary: 'The dashboard\'s budgets, a page at a time (its "Show more")',
      request: { query: z.object({ periodId: z.string().max(64).optional(), cursor: PaginationQuery.shape.cursor }) },
      responses: {
        200: json(
          page(BudgetSchema).extend({ total: z.number().int() }),
          "Budgets by period, newest first, then sponsor.",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { periodId, cursor } = c.req.valid("query");
      const after = cursor ? decodeCursor(cursor, BUDGET_CURSOR_SHAPE) : null;
      if (cursor && !after) throw invalid({ cursor: "Not a cursor this list gave." });
      const [budgetPage] = await readFacts(
        c.var.db,
        dashboardBudgetsPlan(c.var.db, { periodId, after, limit: DASHBOARD_BUDGETS_PAGE }),
      );
      return c.json(budgetPage, 200);
    },
  );

/** Work after the response where the runtime allows, so it does not delay the answer. */
function afterResponse(c: Context<AppEnv>, work: Promise<unknown>) {
  const logged = work.catch((err) =>
    console.error(JSON.stringify({ level: "error", msg: "dashboard rollup not refreshed", error: String(err) })),
  );
  try {
    c.executionCtx.waitUntil(logged);
  } catch {
    return logged;
  }
}

const similarRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Challenges"],
    summary: "Published challenges similar to a title or summary being written (SPEC §8: back one instead)",
    request: { query: z.object({ q: z.string().max(400), exclude: z.string().max(64).optional() }) },
    responses: {
      200: json(
        z.object({
          items: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              summary: z.string(),
              stage: z.string(),
              backerCount: z.number().int(),
            }),
          ),
        }),
        "Up to five similar challenges, best match first.",
      ),
      ...errors,
    },
  }),
  async (c) => {
    const { q, exclude } = c.req.valid("query");
    const words = toFtsQuery(q);
    if (!words) return c.json({ items: [] }, 200);
    // Any of the words (OR), over title and summary only, so a draft title finds its neighbours.
    const match = words.replace(/"\s+"/g, '" OR "').replace(/^/, "{title summary} : (").concat(")");
    return c.json({ items: await findSimilarChallenges(c.var.db, match, exclude) }, 200);
  },
);

/** Review outside one challenge, mounted once: questions, commitments, showcases, criteria, the dashboard and similar challenges. */
export const reviewRoutes = createRouter()
  .route("/questions", questionRoutes)
  .route("/commitments", commitmentRoutes)
  .route("/reviews", reviewReplyRoutes)
  .route("/showcases", showcaseRoutes)
  .route("/review-criteria", criteriaRoutes)
  .route("/dashboard", fairnessRoutes)
  .route("/dashboard", dashboardRoutes)
  .route("/similar-challenges", similarRoutes);
