import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../middleware/auth";
import { errors, json } from "../schemas/common";
import { readFacts } from "../services/facts";
import { MY_WORK_LIMIT, myWorkPlan, waitingTotal } from "../services/my-work";
import { createRouter } from "./router";
import { ForYouSchema } from "./teams/shapes";

const tags = ["My work"];

/** A capped list: at most MY_WORK_LIMIT items, and how many there are in all. */
function listOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z
      .number()
      .int()
      .openapi({ description: `How many in all; at most ${MY_WORK_LIMIT} are listed.` }),
  });
}

const Ref = z.object({ id: z.string(), title: z.string() });
const PersonRef = z.object({ id: z.string(), name: z.string() });
const Waiting = z.object({ id: z.string(), challenge: Ref, person: PersonRef, createdAt: z.string() });

const MyWorkSchema = z
  .object({
    waitingTotal: z.number().int().openapi({ description: "How many things wait on you, over every waiting list." }),
    waiting: z.object({
      applications: listOf(Waiting.extend({ discipline: z.string() })).openapi({
        description: "Applications to challenges you lead, waiting for your decision; `person` is the applicant.",
      }),
      lends: listOf(Waiting.extend({ sharePercent: z.number().int() })).openapi({
        description: "Your reports' lends, waiting for you as their manager; `person` is the report.",
      }),
      credit: listOf(Waiting.extend({ type: z.string(), description: z.string() })).openapi({
        description: "Credit recorded for you, waiting for you to confirm it; `person` recorded it.",
      }),
      questions: listOf(Waiting.extend({ body: z.string() })).openapi({
        description: "Unanswered questions on the showcase of a team you are on; `person` asked.",
      }),
      spend: listOf(Waiting.extend({ amount: z.number().int(), description: z.string() })).openapi({
        description: "Spend on challenges you sponsor, waiting for a sponsor's approval; `person` reported it.",
      }),
      merges: listOf(Waiting.extend({ source: Ref })).openapi({
        description: "Proposals to merge another challenge (`source`) into one you lead; `person` proposed it.",
      }),
    }),
    teams: listOf(
      z.object({
        id: z.string(),
        title: z.string(),
        stage: z.string(),
        role: z.enum(["lead", "co_lead", "member"]),
        applicantsWaiting: z.number().int(),
        showcaseSubmitted: z.boolean(),
        nextMilestone: z.object({ id: z.string(), title: z.string(), dueOn: z.string() }).nullable(),
      }),
    ).openapi({ description: "Live challenges you lead, co-lead or are on the team of; soonest milestone first." }),
    applications: listOf(
      z.object({
        id: z.string(),
        challenge: Ref.extend({ stage: z.string() }),
        discipline: z.string(),
        status: z.string(),
        decisionNote: z.string(),
        createdAt: z.string(),
        decidedAt: z.string().nullable(),
      }),
    ).openapi({ description: "Your applications: pending ones first, then the latest decided." }),
    pledges: listOf(
      z.object({
        id: z.string(),
        challenge: Ref.extend({ stage: z.string(), pledged: z.number().int(), ask: z.number().int().nullable() }),
        amount: z.number().int(),
        status: z.string(),
        createdAt: z.string(),
      }),
    ).openapi({ description: "Your pledges, those still held first. Amounts in minor units." }),
    nearFunded: listOf(
      z.object({
        id: z.string(),
        title: z.string(),
        stage: z.string(),
        pledged: z.number().int(),
        ask: z.number().int(),
        tag: z.string().nullable().openapi({ description: "A tag it shares with a challenge you have funded." }),
      }),
    ).openapi({
      description: "Sponsors only (else empty): open challenges nearest to funded, in areas you have funded before.",
    }),
    toReview: listOf(
      z.object({ id: z.string(), title: z.string(), submittedAt: z.string(), reviews: z.number().int() }),
    ).openapi({
      description: "Reviewers only (else empty): showcases you have not reviewed this cycle and have no stake in.",
    }),
    rolesForYou: z.array(ForYouSchema).openapi({ description: "The open role slots that fit you best." }),
  })
  .openapi("MyWork");

export const myWorkRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "What waits on you, your teams, applications, pledges and credit to confirm, and roles that fit you",
    responses: { 200: json(MyWorkSchema, "Your work."), ...errors },
  }),
  async (c) => {
    const [work] = await readFacts(c.var.db, myWorkPlan(c.var.db, c.var.me.id));
    return c.json({ waitingTotal: waitingTotal(work.waiting), ...work }, 200);
  },
);
