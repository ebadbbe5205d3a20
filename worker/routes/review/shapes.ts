import { z } from "@hono/zod-openapi";
import { DECISIONS } from "../../domain/lifecycle";
import { commitmentOverdue } from "../../domain/review";
import type { DecisionRow, QuestionRow } from "../../services/review";

export const tags = ["Showcases and review"];
export const today = () => new Date().toISOString().slice(0, 10);

/** One post in a thread: an answer under a showcase question, a reply under a review. */
export const ThreadPostSchema = z
  .object({
    id: z.string(),
    author: z.object({ id: z.string(), name: z.string() }),
    body: z.string(),
    createdAt: z.string(),
  })
  .openapi("ThreadPost");

/** A reply in a review's thread (SPEC §6). */
export const ReviewReplySchema = ThreadPostSchema;

export const toPost = (p: { id: string; authorId: string; authorName: string; body: string; createdAt: string }) => ({
  id: p.id,
  author: { id: p.authorId, name: p.authorName },
  body: p.body,
  createdAt: p.createdAt,
});
export const toReply = toPost;

export const QuestionSchema = z
  .object({
    id: z.string(),
    cycle: z.number().int(),
    author: z.object({ id: z.string(), name: z.string() }),
    body: z.string(),
    createdAt: z.string(),
    answers: z.array(ThreadPostSchema),
  })
  .openapi("Question");

export const DecisionSchema = z
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

export const CriterionSchema = z
  .object({ id: z.string(), name: z.string(), description: z.string(), weight: z.number().int() })
  .openapi("ReviewCriterion");

export function toQuestion(q: QuestionRow) {
  return {
    id: q.id,
    cycle: q.cycle,
    author: { id: q.authorId, name: q.authorName },
    body: q.body,
    createdAt: q.createdAt,
    answers: q.answers.map(toPost),
  };
}

export function toDecision(d: DecisionRow) {
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
