import { z } from "@hono/zod-openapi";
import type { ChallengeFeedback } from "../../domain/impact-packet";
import { DECISIONS } from "../../domain/lifecycle";
import type { portfolioFeedbackPlan } from "../../services/people";
import { ThreadPostSchema, toReply } from "../review/shapes";

type FeedbackFacts = ReturnType<ReturnType<typeof portfolioFeedbackPlan>["read"]>;
type Feedback = ChallengeFeedback<
  FeedbackFacts["reviews"][number],
  FeedbackFacts["replies"][number],
  FeedbackFacts["decisions"][number]
>;

/** A lend a manager approved: mentoring evidence on their portfolio and packet (SPEC §6, §16). */
export const LendSchema = z
  .object({
    id: z.string(),
    challenge: z.object({ id: z.string(), title: z.string() }),
    person: z.object({ id: z.string(), name: z.string() }),
    sharePercent: z.number().int(),
    decidedAt: z.string().nullable(),
  })
  .openapi("ApprovedLend");

/**
 * What the reviewers said about one cycle of a challenge the person has confirmed credit on, and
 * what the leadership decided (SPEC §7: review feedback and outcomes in the portfolio).
 */
export const ChallengeFeedbackSchema = z
  .object({
    challenge: z.object({ id: z.string(), title: z.string() }),
    cycle: z.number().int(),
    decision: z
      .object({
        id: z.string(),
        decision: z.enum(DECISIONS),
        rationale: z.string(),
        nextGateOn: z.string().nullable(),
        decidedBy: z.object({ id: z.string(), name: z.string() }),
        createdAt: z.string(),
      })
      .nullable()
      .openapi({ description: "Null while the cycle is not decided." }),
    reviews: z.array(
      z.object({
        id: z.string(),
        reviewer: z.object({ id: z.string(), name: z.string() }),
        weightedScore: z.number(),
        feedback: z.string(),
        createdAt: z.string(),
        updatedAt: z.string(),
        replies: z
          .array(ThreadPostSchema)
          .openapi({ description: "The team's replies and the reviewer's follow-ups." }),
      }),
    ),
  })
  .openapi("ChallengeFeedback");

export function toFeedback(f: Feedback): z.infer<typeof ChallengeFeedbackSchema> {
  const d = f.decision;
  return {
    challenge: { id: f.challengeId, title: f.challengeTitle },
    cycle: f.cycle,
    decision: d
      ? {
          id: d.id,
          decision: d.decision,
          rationale: d.rationale,
          nextGateOn: d.nextGateOn,
          decidedBy: { id: d.decidedById, name: d.decidedByName },
          createdAt: d.createdAt,
        }
      : null,
    reviews: f.reviews.map((r) => ({
      id: r.id,
      reviewer: { id: r.reviewerId, name: r.reviewerName },
      weightedScore: r.weightedScore / 100,
      feedback: r.feedback,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      replies: r.replies.map(toReply),
    })),
  };
}
