import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { CONTRIBUTION_LABELS } from "../../domain/credit";
import { DECISIONS, decideTransition } from "../../domain/lifecycle";
import {
  answerRefusal,
  askRefusal,
  type Criterion,
  decisionProblems,
  kpiResultsProblems,
  replyRefusal,
  reviewRefusal,
  scoreRefusal,
  scoresProblems,
  showcaseEditRefusal,
  showcaseMissing,
  weightedScore,
} from "../../domain/review";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { assertAllowed, conflict, throwIfInvalid, throwIfRefused } from "../../middleware/errors";
import { errors, httpUrl, IdParam, isoDate, json, jsonBody } from "../../schemas/common";
import type { LoadedChallenge } from "../../services/challenges";
import { moneyPlan } from "../../services/funding";
import type { Me } from "../../services/people";
import {
  activePeoplePlan,
  ask,
  type CreditRow,
  creditsRollPlan,
  criteriaPlan,
  type DecisionRow,
  decide,
  decisionsPlan,
  type QuestionRow,
  questionsPlan,
  type ReviewRow,
  reviewsPlan,
  type Showcase,
  saveShowcase,
  showcasesPlan,
  upsertReview,
} from "../../services/review";
import {
  CriterionSchema,
  DecisionSchema,
  QuestionSchema,
  ThreadPostSchema,
  tags,
  toDecision,
  today,
  toQuestion,
  toReply,
} from "../review/shapes";
import { createRouter } from "../router";
import { actorFor, callerOnTeam, visibleChallengeWith } from "./access";

const ShowcaseInputSchema = z
  .object({
    summary: z.string().trim().max(5000).default(""),
    kpiResults: z
      .array(
        z.object({
          kpiId: z.string().min(1).max(64),
          actual: z.number(),
          note: z.string().trim().max(1000).default(""),
        }),
      )
      .max(10)
      .default([]),
    artifacts: z
      .array(z.object({ title: z.string().trim().min(1, "Name the link.").max(200), url: httpUrl }))
      .max(20)
      .default([]),
    lessons: z.string().max(20_000).default(""),
    recommendation: z.enum(DECISIONS).nullable().default(null),
    recommendationNote: z.string().max(5000).default(""),
  })
  .openapi("ShowcaseInput");

const ReviewInputSchema = z
  .object({
    scores: z.record(z.string().max(64), z.number()),
    feedback: z.string().trim().min(10, "Give the team feedback they can act on.").max(20_000),
  })
  .openapi("ReviewInput");

const QuestionInputSchema = z
  .object({ body: z.string().trim().min(3, "Ask something.").max(5000) })
  .openapi("QuestionInput");

const DecisionInputSchema = z
  .object({
    decision: z.enum(DECISIONS),
    rationale: z.string().trim().min(10, "Explain the decision so the team can learn from it.").max(20_000),
    nextGateOn: isoDate.nullable().optional(),
    commitments: z
      .array(
        z.object({
          what: z.string().trim().min(3, "Say what is committed.").max(1000),
          ownerId: z.string().min(1).max(64),
          due: isoDate,
        }),
      )
      .max(20)
      .default([]),
  })
  .openapi("DecisionInput");

const ShowcaseSchema = z
  .object({
    cycle: z.number().int(),
    summary: z.string(),
    kpiResults: z.array(
      z.object({
        kpiId: z.string(),
        name: z.string(),
        unit: z.string(),
        direction: z.enum(["up", "down"]),
        baseline: z.number(),
        target: z.number(),
        actual: z.number(),
        note: z.string(),
        met: z.boolean(),
      }),
    ),
    artifacts: z.array(z.object({ title: z.string(), url: z.string() })),
    lessons: z.string(),
    recommendation: z.enum(DECISIONS).nullable(),
    recommendationNote: z.string(),
    submittedAt: z.string().nullable(),
    updatedAt: z.string(),
    missing: z.array(z.string()),
    credits: z.array(
      z.object({
        person: z.object({ id: z.string(), name: z.string() }),
        contributions: z.array(
          z.object({ id: z.string(), type: z.string(), label: z.string(), description: z.string() }),
        ),
      }),
    ),
  })
  .openapi("Showcase");

const ReviewSchema = z
  .object({
    id: z.string(),
    cycle: z.number().int(),
    reviewer: z.object({ id: z.string(), name: z.string() }),
    scores: z.record(z.string(), z.number().int()),
    weightedScore: z.number().openapi({ description: "On the 1–5 scale, two decimals." }),
    feedback: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    replies: z
      .array(ThreadPostSchema)
      .openapi({ description: "The team's replies and the reviewer's follow-ups, oldest first." }),
    viewer: z.object({ canReply: z.boolean() }),
  })
  .openapi("Review");

/** What the showcase answer is made of, to read with the challenge or back after a write. */
const showcasesWith = (c: Context<AppEnv>, challengeId: string) =>
  [showcasesPlan(c.var.db, challengeId), creditsRollPlan(c.var.db, challengeId)] as const;

/** The credits roll: confirmed contributions, grouped by person (SPEC §6). */
function creditsRoll(rows: readonly CreditRow[]) {
  const byPerson = new Map<
    string,
    {
      person: { id: string; name: string };
      contributions: { id: string; type: string; label: string; description: string }[];
    }
  >();
  for (const r of [...rows].reverse()) {
    const entry = byPerson.get(r.personId) ?? { person: { id: r.personId, name: r.personName }, contributions: [] };
    entry.contributions.push({
      id: r.id,
      type: r.type,
      label: CONTRIBUTION_LABELS[r.type] ?? r.type,
      description: r.description,
    });
    byPerson.set(r.personId, entry);
  }
  return [...byPerson.values()];
}

function showcasesOf(ch: LoadedChallenge, [all, creditRows]: readonly [Showcase[], CreditRow[]]) {
  const credits = creditsRoll(creditRows);
  const kpis = new Map(ch.kpis.map((k) => [k.id, k]));
  return all.map((s) => ({
    cycle: s.cycle,
    summary: s.summary,
    kpiResults: s.kpiResults
      .flatMap((r) => {
        const k = kpis.get(r.kpiId);
        if (!k) return [];
        return [
          {
            ...k,
            kpiId: k.id,
            actual: r.actual,
            note: r.note,
            met: k.direction === "up" ? r.actual >= k.target : r.actual <= k.target,
          },
        ];
      })
      .map(({ id: _id, ...rest }) => rest),
    artifacts: s.artifacts,
    lessons: s.lessons,
    recommendation: s.recommendation,
    recommendationNote: s.recommendationNote,
    submittedAt: s.submittedAt,
    updatedAt: s.updatedAt,
    missing: showcaseMissing(
      s,
      ch.kpis.map((k) => k.id),
    ),
    credits,
  }));
}

function toReview(r: ReviewRow, me: Me, ch: LoadedChallenge) {
  const thread = {
    onTeam: callerOnTeam(me, ch),
    isItsReviewer: r.reviewerId === me.id,
    onThread: r.replies.some((x) => x.authorId === me.id),
  };
  return {
    id: r.id,
    cycle: r.cycle,
    reviewer: { id: r.reviewerId, name: r.reviewerName },
    scores: JSON.parse(r.scores) as Record<string, number>,
    weightedScore: r.weightedScore / 100,
    feedback: r.feedback,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    replies: r.replies.map(toReply),
    viewer: { canReply: !replyRefusal(thread) },
  };
}

/**
 * Who the caller is to a challenge for the review rules (worker/domain/review.ts): their role
 * and every stake they hold, all read in `loadChallenge`'s own batch.
 */
function reviewerFacts(me: Me, ch: LoadedChallenge) {
  const actor = actorFor(me, ch);
  return {
    isReviewer: me.roles.includes("reviewer"),
    isLead: actor.isLead,
    isCoLead: actor.isCoLead,
    onTeam: callerOnTeam(me, ch),
    isSponsor: ch.sponsoredByMe,
  };
}

/** The reason a conflict of interest gives, when it is all that keeps the caller from the form. */
function blockedReason(ch: LoadedChallenge, refusal: ReturnType<typeof reviewRefusal>) {
  return ch.stage === "showcase" && refusal?.code === "conflict_of_interest" ? refusal.reason : null;
}

export const ShowcaseViewSchema = z.object({
  showcases: z.array(ShowcaseSchema).openapi({ description: "Newest cycle first; earlier cycles are kept." }),
  reviews: z.array(ReviewSchema),
  averageScore: z.number().nullable(),
  criteria: z.array(CriterionSchema),
  questions: z.array(QuestionSchema),
  decisions: z.array(DecisionSchema),
  viewer: z.object({
    canEdit: z.boolean(),
    canReview: z.boolean(),
    canAsk: z.boolean(),
    canAnswer: z.boolean(),
    canDecide: z.boolean(),
    reviewBlockedReason: z.string().nullable().openapi({
      description:
        "Why this reviewer may not review the showcase on show: they have a stake in the challenge (conflict of interest). Null otherwise.",
    }),
    decideBlockedReason: z.string().nullable().openapi({
      description: "Why this reviewer may not decide the showcase on show, for the same reason. Null otherwise.",
    }),
  }),
});

/** The plans of everything the showcase view shows, to read with the challenge (`showcaseView` shapes them). */
export function showcaseViewPlans(c: Context<AppEnv>, id: string) {
  const db = c.var.db;
  return [
    ...showcasesWith(c, id),
    reviewsPlan(db, id),
    criteriaPlan(db),
    questionsPlan(db, id),
    decisionsPlan(db, id),
  ] as const;
}

/** Everything the showcase view shows, read with the challenge in one round trip. */
function showcaseViewFacts(c: Context<AppEnv>, id: string) {
  return visibleChallengeWith(c, id, ...showcaseViewPlans(c, id));
}

export type ShowcaseViewRows = readonly [
  Showcase[],
  CreditRow[],
  ReviewRow[],
  readonly { id: string; name: string; description: string; weight: number }[],
  QuestionRow[],
  DecisionRow[],
];

/** The showcase view: every cycle's showcase, its reviews, questions and decisions, and what the caller may do. */
export function showcaseView(
  me: Me,
  ch: LoadedChallenge,
  [shows, credits, reviews, criteria, qs, ds]: ShowcaseViewRows,
) {
  const current = reviews.filter((r) => r.cycle === ch.cycle);
  return {
    showcases: showcasesOf(ch, [shows, credits]),
    reviews: reviews.map((r) => toReview(r, me, ch)),
    averageScore: current.length
      ? Math.round(current.reduce((s, r) => s + r.weightedScore, 0) / current.length) / 100
      : null,
    criteria: criteria.map(({ id, name, description, weight }) => ({ id, name, description, weight })),
    questions: qs.map(toQuestion),
    decisions: ds.map(toDecision),
    viewer: showcaseViewer(me, ch),
  };
}

/**
 * What the caller may do on the showcase view, each flag asked of the rule its route asks, so
 * the page never offers what the server refuses.
 */
function showcaseViewer(me: Me, ch: LoadedChallenge) {
  const actor = actorFor(me, ch);
  const facts = reviewerFacts(me, ch);
  const reviewRefused = reviewRefusal(facts, "review");
  const decideRefused = reviewRefusal(facts, "decide");
  return {
    canEdit: !showcaseEditRefusal(actor, ch.stage),
    canReview: !scoreRefusal(facts, ch.stage),
    canAsk: !askRefusal(facts, ch.stage),
    canAnswer: !answerRefusal({ onTeam: facts.onTeam, onThread: false }),
    canDecide: !decideRefused && decideTransition(ch, actor, "decide", { decision: "scale" }).ok,
    reviewBlockedReason: blockedReason(ch, reviewRefused),
    decideBlockedReason: blockedReason(ch, decideRefused),
  };
}

/** The caller's review of the current cycle, with its weighted score. */
function reviewOf(
  me: Me,
  ch: LoadedChallenge,
  criteria: readonly Criterion[],
  input: z.infer<typeof ReviewInputSchema>,
) {
  const { scores, feedback } = input;
  const score = weightedScore(scores, criteria);
  return { challengeId: ch.id, cycle: ch.cycle, reviewerId: me.id, scores, weightedScore: score, feedback };
}

/** The decision's facts in one round trip: the challenge, the money a decision returns, which owners are active. */
function decisionFacts(c: Context<AppEnv>, id: string, commitments: readonly { ownerId: string }[]) {
  const db = c.var.db;
  const owners = commitments.map((co) => co.ownerId);
  return visibleChallengeWith(c, id, moneyPlan(db, id), activePeoplePlan(db, owners));
}

export const challengeReviewRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/showcase",
      tags,
      summary: "The showcase of every cycle with its credits roll, reviews, questions and decisions",
      request: { params: IdParam("id") },
      responses: { 200: json(ShowcaseViewSchema, "The showcase view."), ...errors },
    }),
    async (c) => {
      const [ch, ...rows] = await showcaseViewFacts(c, c.req.valid("param").id);
      return c.json(showcaseView(c.var.me, ch, rows), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{id}/showcase",
      tags,
      summary: "Write the outcome showcase (lead or co-lead, while active); `submit` freezes it",
      request: { params: IdParam("id"), body: jsonBody(ShowcaseInputSchema) },
      responses: { 200: json(ShowcaseSchema, "The showcase of the current cycle."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const [ch] = await visibleChallengeWith(c, c.req.valid("param").id);
      throwIfRefused(showcaseEditRefusal(actorFor(c.var.me, ch), ch.stage));
      const kpiIds = ch.kpis.map((k) => k.id);
      throwIfInvalid(kpiResultsProblems(input.kpiResults, kpiIds));
      const after = showcasesWith(c, ch.id);
      const { ok, read } = await saveShowcase(c.var.db, ch.id, ch.cycle, input, c.var.me.id, ...after);
      if (!ok) throw conflict("invalid_stage", "The challenge moved on meanwhile; its showcase is frozen.");
      const [current] = showcasesOf(ch, read);
      if (!current) throw new Error("showcase written but not read back");
      return c.json(current, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/reviews",
      tags,
      summary: "Score the showcase on the weighted criteria (1–5) with feedback (reviewers; once each, revisable)",
      request: {
        params: IdParam("id"),
        body: jsonBody(ReviewInputSchema),
      },
      responses: { 201: json(ReviewSchema, "Your review."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const [ch, criteria] = await visibleChallengeWith(c, c.req.valid("param").id, criteriaPlan(c.var.db));
      throwIfRefused(scoreRefusal(reviewerFacts(c.var.me, ch), ch.stage));
      throwIfInvalid(scoresProblems(input.scores, criteria));
      const review = reviewOf(c.var.me, ch, criteria, input);
      const { ok, read } = await upsertReview(c.var.db, review, reviewsPlan(c.var.db, ch.id));
      if (!ok) throw conflict("invalid_stage", "The showcase was decided meanwhile.");
      const mine = read[0].find((r) => r.cycle === ch.cycle && r.reviewerId === c.var.me.id);
      if (!mine) throw new Error("review written but not read back");
      return c.json(toReview(mine, c.var.me, ch), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/questions",
      tags,
      summary: "Ask about a showcase (reviewers and the challenge's sponsors); the team is told",
      request: {
        params: IdParam("id"),
        body: jsonBody(QuestionInputSchema),
      },
      responses: { 201: json(QuestionSchema, "The question."), ...errors },
    }),
    async (c) => {
      const { body } = c.req.valid("json");
      const [ch] = await visibleChallengeWith(c, c.req.valid("param").id);
      throwIfRefused(askRefusal(reviewerFacts(c.var.me, ch), ch.stage));
      const question = { challengeId: ch.id, cycle: ch.cycle, authorId: c.var.me.id, body };
      const { id, read } = await ask(c.var.db, question, questionsPlan(c.var.db, ch.id));
      const q = read[0].find((x) => x.id === id);
      if (!q) throw new Error("question written but not read back");
      return c.json(toQuestion(q), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/decision",
      tags,
      summary: "Decide scale, iterate or stop, with a rationale and commitments (reviewers)",
      request: {
        params: IdParam("id"),
        body: jsonBody(DecisionInputSchema),
      },
      responses: { 200: json(DecisionSchema, "The decision."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const [ch, money, activeOwners] = await decisionFacts(c, c.req.valid("param").id, input.commitments);
      // Nobody decides a challenge they have a stake in: the decision also returns its money.
      throwIfRefused(reviewRefusal(reviewerFacts(c.var.me, ch), "decide"));
      const transition = decideTransition(ch, actorFor(c.var.me, ch), "decide", { decision: input.decision });
      assertAllowed(transition);
      throwIfInvalid(decisionProblems(input, activeOwners, today()));
      const decision = { ...input, nextGateOn: input.nextGateOn ?? null, to: transition.next, money };
      const mine = { challengeId: ch.id, cycle: ch.cycle, deciderId: c.var.me.id };
      const result = await decide(c.var.db, { ...decision, ...mine }, decisionsPlan(c.var.db, ch.id));
      if (!result.moved)
        throw conflict("stale_stage", "The showcase was decided or its funding changed meanwhile; reload.");
      const made = result.read[0].find((d) => d.id === result.decisionId);
      if (!made) throw new Error("decision written but not read back");
      return c.json(toDecision(made), 200);
    },
  );
