import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { CONTRIBUTION_LABELS } from "../../domain/credit";
import { DECISIONS, decideTransition } from "../../domain/lifecycle";
import {
  commitmentOverdue,
  mayAnswer,
  mayAsk,
  reviewRefusal,
  scoresProblems,
  showcaseMissing,
  weightedScore,
  weightsProblem,
} from "../../domain/review";
import { toFtsQuery } from "../../domain/search";
import type { AppEnv } from "../../env";
import { requireAuth, requireRole } from "../../middleware/auth";
import { assertAllowed, conflict, forbidden, invalid, notFound, throwIfRefused } from "../../middleware/errors";
import { errors, httpUrl, IdParam, isoDate, json, jsonBody } from "../../schemas/common";
import type { LoadedChallenge } from "../../services/challenges";
import { dashboardPlan } from "../../services/dashboard";
import { readFacts } from "../../services/facts";
import { moneyPlan } from "../../services/funding";
import type { Me } from "../../services/people";
import {
  activePeoplePlan,
  answer,
  ask,
  type CreditRow,
  challengeOfCommitment,
  challengeOfQuestion,
  commitmentPlan,
  createEvent,
  creditsRollPlan,
  criteriaPlan,
  type DecisionRow,
  decide,
  decisionsPlan,
  eventPlan,
  eventsPlan,
  findSimilarChallenges,
  postedInThreadPlan,
  type QuestionRow,
  questionPlan,
  questionsPlan,
  type ReviewRow,
  replaceCriteria,
  reviewsPlan,
  type Showcase,
  type ShowcaseEvent,
  saveShowcase,
  setCommitmentStatus,
  showcaseQueuePlan,
  showcasesPlan,
  stagesPlan,
  upsertReview,
} from "../../services/review";
import { actorFor, callerOnTeam, challengeFactsWith, requireVisible, visibleChallengeWith } from "../challenges/access";
import { createRouter } from "../router";

const tags = ["Showcases and review"];
const today = () => new Date().toISOString().slice(0, 10);

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
  })
  .openapi("Review");

const QuestionSchema = z
  .object({
    id: z.string(),
    cycle: z.number().int(),
    author: z.object({ id: z.string(), name: z.string() }),
    body: z.string(),
    createdAt: z.string(),
    answers: z.array(
      z.object({
        id: z.string(),
        author: z.object({ id: z.string(), name: z.string() }),
        body: z.string(),
        createdAt: z.string(),
      }),
    ),
  })
  .openapi("Question");

const DecisionSchema = z
  .object({
    id: z.string(),
    cycle: z.number().int(),
    decision: z.enum(DECISIONS),
    rationale: z.string(),
    nextGateOn: z.string().nullable(),
    decidedBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: z.string(),
    commitments: z.array(
      z.object({
        id: z.string(),
        what: z.string(),
        owner: z.object({ id: z.string(), name: z.string() }),
        dueOn: z.string(),
        status: z.enum(["open", "done"]),
        doneAt: z.string().nullable(),
        overdue: z.boolean(),
      }),
    ),
  })
  .openapi("Decision");

const CriterionSchema = z
  .object({ id: z.string(), name: z.string(), description: z.string(), weight: z.number().int() })
  .openapi("ReviewCriterion");

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

function toReview(r: ReviewRow) {
  return {
    id: r.id,
    cycle: r.cycle,
    reviewer: { id: r.reviewerId, name: r.reviewerName },
    scores: JSON.parse(r.scores) as Record<string, number>,
    weightedScore: r.weightedScore / 100,
    feedback: r.feedback,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function toQuestion(q: QuestionRow) {
  return {
    id: q.id,
    cycle: q.cycle,
    author: { id: q.authorId, name: q.authorName },
    body: q.body,
    createdAt: q.createdAt,
    answers: q.answers.map((a) => ({
      id: a.id,
      author: { id: a.authorId, name: a.authorName },
      body: a.body,
      createdAt: a.createdAt,
    })),
  };
}

function toDecision(d: DecisionRow) {
  const now = today();
  return {
    id: d.id,
    cycle: d.cycle,
    decision: d.decision,
    rationale: d.rationale,
    nextGateOn: d.nextGateOn,
    decidedBy: { id: d.decidedById, name: d.decidedByName },
    createdAt: d.createdAt,
    commitments: d.commitments.map((c) => ({
      id: c.id,
      what: c.what,
      owner: { id: c.ownerId, name: c.ownerName },
      dueOn: c.dueOn,
      status: c.status,
      doneAt: c.doneAt,
      overdue: commitmentOverdue(c, now),
    })),
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

const ShowcaseViewSchema = z.object({
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
      const id = c.req.valid("param").id;
      const db = c.var.db;
      const [ch, showRows, creditRows, reviewRows, criteria, qs, ds] = await visibleChallengeWith(
        c,
        id,
        ...showcasesWith(c, id),
        reviewsPlan(db, id),
        criteriaPlan(db),
        questionsPlan(db, id),
        decisionsPlan(db, id),
      );
      const shows = showcasesOf(ch, [showRows, creditRows]);
      const actor = actorFor(c.var.me, ch);
      const facts = reviewerFacts(c.var.me, ch);
      const onShow = ch.stage === "showcase";
      const reviewRefused = reviewRefusal(facts, "review");
      const decideRefused = reviewRefusal(facts, "decide");
      const current = reviewRows.filter((r) => r.cycle === ch.cycle);
      return c.json(
        {
          showcases: shows,
          reviews: reviewRows.map(toReview),
          averageScore: current.length
            ? Math.round(current.reduce((s, r) => s + r.weightedScore, 0) / current.length) / 100
            : null,
          criteria: criteria.map(({ id, name, description, weight }) => ({ id, name, description, weight })),
          questions: qs.map(toQuestion),
          decisions: ds.map(toDecision),
          viewer: {
            canEdit: (actor.isLead || actor.isCoLead) && ch.stage === "active",
            canReview: onShow && !reviewRefused,
            canAsk: mayAsk(facts) && onShow,
            canAnswer: mayAnswer({ onTeam: callerOnTeam(c.var.me, ch), onThread: false }),
            canDecide: onShow && !decideRefused,
            reviewBlockedReason: blockedReason(ch, reviewRefused),
            decideBlockedReason: blockedReason(ch, decideRefused),
          },
        },
        200,
      );
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
      const actor = actorFor(c.var.me, ch);
      if (!actor.isLead && !actor.isCoLead) throw forbidden("Only the lead or co-lead writes the showcase.");
      if (ch.stage !== "active") {
        throw conflict(
          "invalid_stage",
          `The showcase is written while the challenge is active; it is ${ch.stage}, so its results are frozen.`,
        );
      }
      const kpiIds = new Set(ch.kpis.map((k) => k.id));
      const fields: Record<string, string> = {};
      const seen = new Set<string>();
      input.kpiResults.forEach((r, i) => {
        if (!kpiIds.has(r.kpiId)) fields[`kpiResults.${i}.kpiId`] = "No such KPI on this challenge.";
        else if (seen.has(r.kpiId)) fields[`kpiResults.${i}.kpiId`] = "Report each KPI once.";
        seen.add(r.kpiId);
      });
      if (Object.keys(fields).length) throw invalid(fields);
      const { ok, read } = await saveShowcase(
        c.var.db,
        ch.id,
        ch.cycle,
        input,
        c.var.me.id,
        ...showcasesWith(c, ch.id),
      );
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
        body: jsonBody(
          z
            .object({
              scores: z.record(z.string().max(64), z.number()),
              feedback: z.string().trim().min(10, "Give the team feedback they can act on.").max(20_000),
            })
            .openapi("ReviewInput"),
        ),
      },
      responses: { 201: json(ReviewSchema, "Your review."), ...errors },
    }),
    async (c) => {
      const { scores, feedback } = c.req.valid("json");
      const [ch, criteria] = await visibleChallengeWith(c, c.req.valid("param").id, criteriaPlan(c.var.db));
      throwIfRefused(reviewRefusal(reviewerFacts(c.var.me, ch), "review"));
      if (ch.stage !== "showcase")
        throw conflict("invalid_stage", `Only showcases are reviewed; this challenge is ${ch.stage}.`);
      const problems = scoresProblems(scores, criteria);
      if (Object.keys(problems).length) throw invalid(problems);
      const score = weightedScore(scores, criteria);
      const review = {
        challengeId: ch.id,
        cycle: ch.cycle,
        reviewerId: c.var.me.id,
        scores,
        weightedScore: score,
        feedback,
      };
      const { ok, read } = await upsertReview(c.var.db, review, reviewsPlan(c.var.db, ch.id));
      if (!ok) throw conflict("invalid_stage", "The showcase was decided meanwhile.");
      const mine = read[0].find((r) => r.cycle === ch.cycle && r.reviewerId === c.var.me.id);
      if (!mine) throw new Error("review written but not read back");
      return c.json(toReview(mine), 201);
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
        body: jsonBody(
          z.object({ body: z.string().trim().min(3, "Ask something.").max(5000) }).openapi("QuestionInput"),
        ),
      },
      responses: { 201: json(QuestionSchema, "The question."), ...errors },
    }),
    async (c) => {
      const { body } = c.req.valid("json");
      const [ch] = await visibleChallengeWith(c, c.req.valid("param").id);
      if (!mayAsk(reviewerFacts(c.var.me, ch))) {
        throw forbidden(
          "Reviewers and the challenge's sponsors ask on its showcase; anyone can comment on the challenge.",
        );
      }
      if (ch.stage !== "showcase")
        throw conflict("invalid_stage", `Questions are asked on a showcase; this challenge is ${ch.stage}.`);
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
        body: jsonBody(
          z
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
            .openapi("DecisionInput"),
        ),
      },
      responses: { 200: json(DecisionSchema, "The decision."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const id = c.req.valid("param").id;
      const [ch, money, activeOwners] = await visibleChallengeWith(
        c,
        id,
        moneyPlan(c.var.db, id),
        activePeoplePlan(
          c.var.db,
          input.commitments.map((co) => co.ownerId),
        ),
      );
      // Nobody decides a challenge they have a stake in: the decision also returns its money.
      throwIfRefused(reviewRefusal(reviewerFacts(c.var.me, ch), "decide"));
      const transition = decideTransition(ch, actorFor(c.var.me, ch), "decide", { decision: input.decision });
      assertAllowed(transition);
      const fields: Record<string, string> = {};
      input.commitments.forEach((co, i) => {
        if (!activeOwners.has(co.ownerId)) fields[`commitments.${i}.ownerId`] = "No such person.";
        if (co.due < today()) fields[`commitments.${i}.due`] = "A commitment is due in the future.";
      });
      if (input.decision === "iterate" && input.nextGateOn && input.nextGateOn < today()) {
        fields.nextGateOn = "The next gate is in the future.";
      }
      if (Object.keys(fields).length) throw invalid(fields);
      const result = await decide(
        c.var.db,
        {
          challengeId: ch.id,
          cycle: ch.cycle,
          decision: input.decision,
          rationale: input.rationale,
          nextGateOn: input.nextGateOn ?? null,
          commitments: input.commitments,
          deciderId: c.var.me.id,
          to: transition.next,
          money,
        },
        decisionsPlan(c.var.db, ch.id),
      );
      if (!result.moved)
        throw conflict("stale_stage", "The showcase was decided or its funding changed meanwhile; reload.");
      const made = result.read[0].find((d) => d.id === result.decisionId);
      if (!made) throw new Error("decision written but not read back");
      return c.json(toDecision(made), 200);
    },
  );

export const questionRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "post",
    path: "/{id}/answers",
    tags,
    summary:
      "Answer or follow up on a question (the team, or anyone already on its thread); everyone on the thread is told",
    request: {
      params: IdParam("id"),
      body: jsonBody(
        z.object({ body: z.string().trim().min(1, "Write the answer.").max(5000) }).openapi("AnswerInput"),
      ),
    },
    responses: { 201: json(QuestionSchema, "The question with its thread."), ...errors },
  }),
  async (c) => {
    const { body } = c.req.valid("json");
    const id = c.req.valid("param").id;
    const [found, q, onThread] = await challengeFactsWith(
      c,
      challengeOfQuestion(id),
      questionPlan(c.var.db, id),
      postedInThreadPlan(c.var.db, id, c.var.me.id),
    );
    if (!q) throw notFound("That question");
    const ch = requireVisible(c, found);
    if (!mayAnswer({ onTeam: callerOnTeam(c.var.me, ch), onThread })) {
      throw forbidden("The team answers; whoever asked, or posted in the thread, follows up.");
    }
    const { read } = await answer(c.var.db, q, c.var.me.id, body, questionsPlan(c.var.db, ch.id));
    const fresh = read[0].find((x) => x.id === q.id);
    if (!fresh) throw new Error("question vanished");
    return c.json(toQuestion(fresh), 201);
  },
);

export const commitmentRoutes = createRouter(requireAuth()).openapi(
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
    const actor = actorFor(c.var.me, ch);
    if (co.ownerId !== c.var.me.id && !actor.isLead && !actor.isCoLead && !c.var.me.roles.includes("reviewer")) {
      throw forbidden("Only the commitment's owner, the challenge's leads and reviewers update it.");
    }
    if (co.status === status) throw conflict("invalid_state", `This commitment is already ${status}.`);
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

export const showcaseRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Showcases awaiting review, and the showcase days ahead",
      responses: {
        200: json(
          z.object({
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
              z.object({
                id: z.string(),
                title: z.string(),
                heldOn: z.string(),
                location: z.string(),
                items: z.number().int(),
              }),
            ),
          }),
          "Showcases.",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const [queue, events] = await readFacts(c.var.db, showcaseQueuePlan(c.var.db), eventsPlan(c.var.db, today()));
      return c.json(
        {
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
        },
        200,
      );
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
        body: jsonBody(
          z
            .object({
              title: z.string().trim().min(3).max(200),
              heldOn: isoDate,
              location: z.string().trim().max(200).default(""),
              challengeIds: z
                .array(z.string().min(1).max(64))
                .min(1, "Put at least one showcase on the agenda.")
                .max(30),
            })
            .openapi("ShowcaseEventInput"),
        ),
      },
      responses: { 201: json(EventSchema, "The event."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const fields: Record<string, string> = {};
      if (input.heldOn < today()) fields.heldOn = "Schedule it for today or later.";
      if (new Set(input.challengeIds).size !== input.challengeIds.length)
        fields.challengeIds = "List each showcase once.";
      const [rows] = await readFacts(c.var.db, stagesPlan(c.var.db, input.challengeIds));
      input.challengeIds.forEach((id, i) => {
        const row = rows.find((r) => r.id === id);
        if (!row || row.stage === "draft") fields[`challengeIds.${i}`] = "No such challenge.";
        else if (!["active", "showcase"].includes(row.stage))
          fields[`challengeIds.${i}`] = `This challenge is ${row.stage}; showcase days show active work and showcases.`;
      });
      if (Object.keys(fields).length) throw invalid(fields);
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

export const criteriaRoutes = createRouter(requireAuth()).openapi(
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

export const adminCriteriaRoutes = createRouter(requireAuth(), requireRole("admin")).openapi(
  createRoute({
    method: "put",
    path: "/",
    tags: ["Admin"],
    summary: "Replace the review criteria (weights sum to 100)",
    request: {
      body: jsonBody(
        z
          .object({
            items: z
              .array(
                z.object({
                  id: z
                    .string()
                    .trim()
                    .min(2)
                    .max(40)
                    // A letter first: a `__proto__` key would vanish from every review's scores object.
                    .regex(/^[a-z][a-z0-9_]*$/, "A lower-case letter, then lower-case letters, digits and _."),
                  name: z.string().trim().min(2).max(60),
                  description: z.string().trim().max(500).default(""),
                  weight: z.number().int().min(1, "At least 1%.").max(100),
                }),
              )
              .min(1)
              .max(12),
          })
          .openapi("CriteriaInput"),
      ),
    },
    responses: { 200: json(z.object({ items: z.array(CriterionSchema) }), "The criteria."), ...errors },
  }),
  async (c) => {
    const { items } = c.req.valid("json");
    const problem = weightsProblem(items);
    if (problem) throw invalid({ items: problem });
    if (new Set(items.map((i) => i.id)).size !== items.length)
      throw invalid({ items: "Each criterion needs its own id." });
    const [rows] = await replaceCriteria(c.var.db, items, c.var.me.id, criteriaPlan(c.var.db));
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
    budgets: z.array(
      z.object({
        id: z.string(),
        period: z.object({ id: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string() }),
        sponsor: z.object({ id: z.string(), name: z.string() }),
        currency: z.string(),
        allocated: z.number().int(),
        pledged: z.number().int(),
        spent: z.number().int(),
        returned: z.number().int(),
        remaining: z.number().int(),
      }),
    ),
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
    needsIndependentReviewer: z.array(z.object({ id: z.string(), title: z.string() })).openapi({
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

export const dashboardRoutes = createRouter(requireAuth(), requireRole("reviewer", "admin")).openapi(
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
    const [{ period, figures, responseDeadlineDays }] = await readFacts(
      c.var.db,
      dashboardPlan(c.var.db, periodId, new Date().toISOString()),
    );
    if (periodId && !period) throw invalid({ periodId: "No such budget period." });
    return c.json({ period, ...figures, responseDeadlineDays }, 200);
  },
);

export const similarRoutes = createRouter(requireAuth()).openapi(
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
