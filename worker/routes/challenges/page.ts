import { createRoute, z } from "@hono/zod-openapi";
import { pageOf } from "../../domain/cursor";
import { requireAuth } from "../../middleware/auth";
import { ActivitySchema, ChallengeSchema, CommentSchema } from "../../schemas/challenge";
import { errors, IdParam, json, page } from "../../schemas/common";
import { ChallengeLedgerSchema } from "../../schemas/funding";
import { activityPlan } from "../../services/activity";
import { commentsPlan } from "../../services/challenges";
import { challengeContributionsPlan, progressPlan, updatesPlan } from "../../services/credit";
import { moneyPlan } from "../../services/funding";
import { teamPlan } from "../../services/teams";
import { ContributionSchema, toContribution, toUpdate, UpdateSchema } from "../credit/shapes";
import { MergeRequestSchema, requestsOf, toMergeRequest } from "../merge-requests/shapes";
import { createRouter } from "../router";
import { TeamSchema, teamResponse } from "../teams/shapes";
import { actorFor, visibleChallengeWith } from "./access";
import { ProgressSchema, progressResponse } from "./credit";
import { ledgerResponse } from "./funding";
import { ShowcaseViewSchema, showcaseView, showcaseViewPlans } from "./review";
import { readsLedger, toResponse } from "./shapes";

/** The first page of each feed the page shows, as its client asks the feeds' own routes for more. */
export const PAGE_LIMITS = { comments: 50, activity: 10, updates: 10, contributions: 100 } as const;

const ChallengePageSchema = z
  .object({
    challenge: ChallengeSchema,
    team: TeamSchema,
    ledger: ChallengeLedgerSchema.nullable().openapi({
      description: "The ledger, when the caller may read it (viewer.canSeeLedger); null otherwise.",
    }),
    mergeRequests: z.array(MergeRequestSchema).openapi({
      description: "For the lead and co-lead, and for anyone once the challenge was merged; empty otherwise.",
    }),
    comments: page(CommentSchema),
    activity: page(ActivitySchema),
    progress: ProgressSchema,
    updates: page(UpdateSchema),
    contributions: page(ContributionSchema),
    showcase: ShowcaseViewSchema,
  })
  .openapi("ChallengePage");

const pageRoute = createRoute({
  method: "get",
  path: "/{id}/page",
  tags: ["Challenges"],
  summary:
    "Everything the challenge page shows, in one read: the challenge, its team, ledger, merges, progress, credit, showcase and the first page of each feed",
  description:
    "Each part is what its own route answers (GET /{id}, /{id}/team, /{id}/ledger …), with the same permissions; the feeds' cursors page on through their own routes.",
  request: { params: IdParam("id") },
  responses: { 200: json(ChallengePageSchema, "The challenge page."), ...errors },
});

/** Every plan of the page, read with the challenge in one round trip. */
function pagePlans(c: Parameters<typeof requestsOf>[0], id: string) {
  const db = c.var.db;
  return [
    teamPlan(db, id),
    moneyPlan(db, id),
    requestsOf(c, id),
    commentsPlan(db, id, PAGE_LIMITS.comments),
    activityPlan(db, id, c.var.me.id, PAGE_LIMITS.activity),
    progressPlan(db, id),
    updatesPlan(db, id, PAGE_LIMITS.updates),
    challengeContributionsPlan(db, id, PAGE_LIMITS.contributions + 1, null),
    ...showcaseViewPlans(c, id),
  ] as const;
}

const byTime = (r: { createdAt: string; id: string }) => [r.createdAt, r.id];

export const challengePageRoutes = createRouter(requireAuth()).openapi(pageRoute, async (c) => {
  const id = c.req.valid("param").id;
  const me = c.var.me;
  const [ch, team, money, merges, comments, activity, progress, updates, contributions, ...showcaseRows] =
    await visibleChallengeWith(c, id, ...pagePlans(c, id));
  const actor = actorFor(me, ch);
  const ledger = readsLedger(me, ch);
  const updatesPage = pageOf(updates, PAGE_LIMITS.updates, byTime);
  const contributionsPage = pageOf(contributions, PAGE_LIMITS.contributions, byTime);
  return c.json(
    {
      challenge: toResponse(ch, me),
      team: teamResponse(ch, team, me),
      ledger: ledger ? ledgerResponse(me, ch, money) : null,
      mergeRequests: actor.isLead || actor.isCoLead || ch.mergedIntoId !== null ? merges.map(toMergeRequest) : [],
      comments: pageOf(comments, PAGE_LIMITS.comments, byTime),
      activity: pageOf(activity(ledger), PAGE_LIMITS.activity, byTime),
      progress: progressResponse(ch, progress),
      updates: { items: updatesPage.items.map(toUpdate), nextCursor: updatesPage.nextCursor },
      contributions: { items: contributionsPage.items.map(toContribution), nextCursor: contributionsPage.nextCursor },
      showcase: showcaseView(me, ch, showcaseRows),
    },
    200,
  );
});
