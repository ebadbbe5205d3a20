import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  answers,
  challenges,
  commitments,
  contributions,
  decisions,
  people,
  questions,
  reviewCriteria,
  reviewReplies,
  reviews,
  showcaseEventItems,
  showcaseEvents,
  showcases,
} from "../../db/schema";
import type { ContributionType } from "../domain/credit";
import { newId } from "../domain/ids";
import { type Decision, NOT_LIVE_STAGES, type Stage } from "../domain/lifecycle";
import type { Criterion } from "../domain/review";
import type { Database } from "../middleware/db";
import { recordActivity } from "./activity";
import { type ReadPlan, readPlan, type Statement, writeThenRead } from "./batch";
import { moveStageThenRead } from "./challenges";
import { type ChallengeMoney, closeWithMoneyThenRead } from "./funding";
import { notify, recipients } from "./inbox";
import { stageNotIn } from "./stage-sql";
import { shownNameSql } from "./visibility";

const name = shownNameSql;

type Plan = ReadPlan<unknown>;
type PlanValue<P> = P extends ReadPlan<infer T> ? T : never;

// ─── Showcase ───────────────────────────────────────────────────────────────────────────────

export interface ShowcaseInput {
  summary: string;
  kpiResults: { kpiId: string; actual: number; note: string }[];
  artifacts: { title: string; url: string }[];
  lessons: string;
  recommendation: Decision | null;
  recommendationNote: string;
}

/** Every cycle's showcase of a challenge, newest cycle first. */
export function showcasesPlan(db: Database, challengeId: string) {
  const query = db
    .select()
    .from(showcases)
    .where(eq(showcases.challengeId, challengeId))
    .orderBy(desc(showcases.cycle));
  return readPlan([query], ([rows]) =>
    rows.map((r) => ({
      ...r,
      kpiResults: JSON.parse(r.kpiResults) as ShowcaseInput["kpiResults"],
      artifacts: JSON.parse(r.artifacts) as ShowcaseInput["artifacts"],
    })),
  );
}

export type Showcase = PlanValue<ReturnType<typeof showcasesPlan>>[number];

/** A challenge's confirmed credit, newest first: the credits roll of its showcase (SPEC §6). */
export function creditsRollPlan(db: Database, challengeId: string) {
  const query = db
    .select({
      id: contributions.id,
      personId: contributions.personId,
      personName: name(sql`contributions.person_id`).as("person_name"),
      type: contributions.type,
      description: contributions.description,
    })
    .from(contributions)
    .where(and(eq(contributions.challengeId, challengeId), eq(contributions.status, "confirmed")))
    .orderBy(desc(contributions.createdAt), desc(contributions.id));
  return readPlan([query], ([rows]) => rows.map((r) => ({ ...r, type: r.type as ContributionType })));
}
export type CreditRow = PlanValue<ReturnType<typeof creditsRollPlan>>[number];

/**
 * Saves the current cycle's showcase, only while the challenge is active (results not yet
 * frozen), and reads `after` back in the same batch.
 */
export async function saveShowcase<const P extends readonly Plan[]>(
  db: Database,
  challengeId: string,
  cycle: number,
  input: ShowcaseInput,
  actorId: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const values = {
    summary: input.summary,
    kpiResults: JSON.stringify(input.kpiResults),
    artifacts: JSON.stringify(input.artifacts),
    lessons: input.lessons,
    recommendation: input.recommendation,
    recommendationNote: input.recommendationNote,
    updatedAt: now,
  };
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`INSERT INTO ${showcases} (challenge_id, cycle, summary, kpi_results, artifacts, lessons, recommendation, recommendation_note, updated_at)
      SELECT ${challengeId}, ${cycle}, ${values.summary}, ${values.kpiResults}, ${values.artifacts}, ${values.lessons},
        ${values.recommendation}, ${values.recommendationNote}, ${now}
      WHERE EXISTS (SELECT 1 FROM ${challenges} WHERE id = ${challengeId} AND stage = 'active' AND cycle = ${cycle})
      ON CONFLICT (challenge_id, cycle) DO UPDATE SET summary = excluded.summary, kpi_results = excluded.kpi_results,
        artifacts = excluded.artifacts, lessons = excluded.lessons, recommendation = excluded.recommendation,
        recommendation_note = excluded.recommendation_note, updated_at = excluded.updated_at
      WHERE showcases.submitted_at IS NULL`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${challengeId}, ${actorId}, 'showcase_saved', ${JSON.stringify({ cycle })}, ${now}
      WHERE changes() = 1`,
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

/** Submitting: the showcase is stamped (frozen) in the batch that moves the challenge to `showcase`. */
export function freezeShowcaseStatement(challengeId: string, cycle: number, now: string): Statement {
  return sql`UPDATE ${showcases} SET submitted_at = ${now}
    WHERE challenge_id = ${challengeId} AND cycle = ${cycle} AND submitted_at IS NULL
      AND EXISTS (SELECT 1 FROM ${challenges} WHERE id = ${challengeId} AND stage = 'showcase' AND stage_changed_at = ${now})`;
}

// ─── Criteria and reviews ───────────────────────────────────────────────────────────────────

/** The review criteria in their order (the active ones unless told otherwise). */
export function criteriaPlan(db: Database, includeInactive = false) {
  const query = db
    .select({
      id: reviewCriteria.id,
      name: reviewCriteria.name,
      description: reviewCriteria.description,
      weight: reviewCriteria.weight,
      active: reviewCriteria.active,
    })
    .from(reviewCriteria)
    .where(includeInactive ? undefined : eq(reviewCriteria.active, true))
    .orderBy(asc(reviewCriteria.position));
  return readPlan([query], ([rows]): (Criterion & { description: string; active: boolean })[] => rows);
}

/** Replaces the active criteria (ids kept stable so past reviews still name them), reading `after` back. */
export async function replaceCriteria<const P extends readonly Plan[]>(
  db: Database,
  list: { id: string; name: string; description: string; weight: number }[],
  actorId: string,
  ...after: P
) {
  const { read } = await writeThenRead(
    db,
    [
      db.update(reviewCriteria).set({ active: false }),
      ...list.map((c, position) =>
        db
          .insert(reviewCriteria)
          .values({ ...c, position, active: true })
          .onConflictDoUpdate({
            target: reviewCriteria.id,
            set: { name: c.name, description: c.description, weight: c.weight, position, active: true },
          }),
      ),
      recordActivity(db, {
        challengeId: null,
        actorId,
        action: "criteria_changed",
        detail: { criteria: list.map((c) => c.id) },
      }),
    ],
    ...after,
  );
  return read;
}

/** A challenge's reviews, newest cycle first. */
export function reviewsPlan(db: Database, challengeId: string) {
  const query = db
    .select({
      id: reviews.id,
      cycle: reviews.cycle,
      reviewerId: reviews.reviewerId,
      reviewerName: name(sql`reviews.reviewer_id`).as("reviewer_name"),
      scores: reviews.scores,
      weightedScore: reviews.weightedScore,
      feedback: reviews.feedback,
      createdAt: reviews.createdAt,
      updatedAt: reviews.updatedAt,
    })
    .from(reviews)
    .where(eq(reviews.challengeId, challengeId))
    .orderBy(desc(reviews.cycle), asc(reviews.createdAt));
  const replies = db
    .select({
      id: reviewReplies.id,
      reviewId: reviewReplies.reviewId,
      authorId: reviewReplies.authorId,
      authorName: name(sql`review_replies.author_id`).as("author_name"),
      body: reviewReplies.body,
      createdAt: reviewReplies.createdAt,
    })
    .from(reviewReplies)
    .where(
      inArray(
        reviewReplies.reviewId,
        db.select({ id: reviews.id }).from(reviews).where(eq(reviews.challengeId, challengeId)),
      ),
    )
    .orderBy(asc(reviewReplies.createdAt), asc(reviewReplies.id));
  return readPlan([query, replies] as const, ([rows, rs]) =>
    rows.map((r) => ({ ...r, replies: rs.filter((x) => x.reviewId === r.id) })),
  );
}
export type ReviewRow = PlanValue<ReturnType<typeof reviewsPlan>>[number];

/** One review with who has posted in its thread, to decide a reply on. */
export function reviewThreadPlan(db: Database, id: string) {
  const query = db
    .select({
      id: reviews.id,
      challengeId: reviews.challengeId,
      reviewerId: reviews.reviewerId,
      repliers: sql<string>`(SELECT json_group_array(DISTINCT author_id) FROM review_replies WHERE review_id = ${id})`,
    })
    .from(reviews)
    .where(eq(reviews.id, id))
    .limit(1);
  return readPlan([query], ([[row]]) =>
    row ? { ...row, repliers: JSON.parse(row.repliers ?? "[]") as string[] } : null,
  );
}

/** The challenge a review is of, as SQL, to read the challenge in the review's round trip. */
export const challengeOfReview = (id: string) => sql`(SELECT challenge_id FROM reviews WHERE id = ${id})`;

/** Everyone on a review's thread: its reviewer, whoever replied, and the team. */
const reviewThreadOf = (reviewId: string, challengeId: string) =>
  sql`SELECT reviewer_id AS id FROM reviews WHERE id = ${reviewId}
    UNION SELECT author_id FROM review_replies WHERE review_id = ${reviewId}
    UNION SELECT id FROM (${recipients.teamOf(challengeId)})`;

/**
 * Replies in a review's thread (SPEC §6): everyone on it but the author is told, the reviewer
 * above all. Reads `after` back in the same batch.
 */
export async function replyToReview<const P extends readonly Plan[]>(
  db: Database,
  review: { id: string; challengeId: string },
  authorId: string,
  body: string,
  ...after: P
) {
  const id = newId("rr");
  const { read } = await writeThenRead(
    db,
    [
      db.insert(reviewReplies).values({ id, reviewId: review.id, authorId, body }),
      recordActivity(db, {
        challengeId: review.challengeId,
        actorId: authorId,
        action: "review_replied",
        detail: { reviewId: review.id, replyId: id },
      }),
      notify(reviewThreadOf(review.id, review.challengeId), {
        kind: "review_replied",
        challengeId: review.challengeId,
        actorId: authorId,
        data: { reviewId: review.id, replyId: id, body: body.slice(0, 200) },
      }),
    ],
    ...after,
  );
  return { id, read };
}

/** A reviewer's review of the cycle on show; a second one from them revises the first. */
export async function upsertReview<const P extends readonly Plan[]>(
  db: Database,
  input: {
    challengeId: string;
    cycle: number;
    reviewerId: string;
    scores: Record<string, number>;
    weightedScore: number;
    feedback: string;
  },
  ...after: P
) {
  const now = new Date().toISOString();
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`INSERT INTO ${reviews} (id, challenge_id, cycle, reviewer_id, scores, weighted_score, feedback, created_at, updated_at)
      SELECT ${newId("rev")}, ${input.challengeId}, ${input.cycle}, ${input.reviewerId}, ${JSON.stringify(input.scores)},
        ${input.weightedScore}, ${input.feedback}, ${now}, ${now}
      WHERE EXISTS (SELECT 1 FROM ${challenges} WHERE id = ${input.challengeId} AND stage = 'showcase' AND cycle = ${input.cycle})
      ON CONFLICT (challenge_id, cycle, reviewer_id) DO UPDATE SET scores = excluded.scores,
        weighted_score = excluded.weighted_score, feedback = excluded.feedback, updated_at = excluded.updated_at`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${input.challengeId}, ${input.reviewerId}, 'reviewed',
        ${JSON.stringify({ cycle: input.cycle, weightedScore: input.weightedScore })}, ${now}
      WHERE changes() = 1`,
      notify(
        recipients.teamOf(input.challengeId),
        {
          kind: "review_posted",
          challengeId: input.challengeId,
          actorId: input.reviewerId,
          data: { cycle: input.cycle },
        },
        sql`EXISTS (SELECT 1 FROM reviews WHERE challenge_id = ${input.challengeId} AND cycle = ${input.cycle}
        AND reviewer_id = ${input.reviewerId} AND updated_at = ${now})`,
      ),
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

// ─── Questions and answers ──────────────────────────────────────────────────────────────────

/** A challenge's questions, oldest first, each with its answers. */
export function questionsPlan(db: Database, challengeId: string) {
  const queries = [
    db
      .select({
        id: questions.id,
        cycle: questions.cycle,
        authorId: questions.authorId,
        authorName: name(sql`questions.author_id`).as("author_name"),
        body: questions.body,
        createdAt: questions.createdAt,
      })
      .from(questions)
      .where(eq(questions.challengeId, challengeId))
      .orderBy(asc(questions.createdAt), asc(questions.id)),
    db
      .select({
        id: answers.id,
        questionId: answers.questionId,
        authorId: answers.authorId,
        authorName: name(sql`answers.author_id`).as("author_name"),
        body: answers.body,
        createdAt: answers.createdAt,
      })
      .from(answers)
      .where(
        inArray(
          answers.questionId,
          db.select({ id: questions.id }).from(questions).where(eq(questions.challengeId, challengeId)),
        ),
      )
      .orderBy(asc(answers.createdAt), asc(answers.id)),
  ] as const;
  return readPlan(queries, ([qs, as]) => qs.map((q) => ({ ...q, answers: as.filter((a) => a.questionId === q.id) })));
}
export type QuestionRow = PlanValue<ReturnType<typeof questionsPlan>>[number];

export function questionPlan(db: Database, id: string) {
  return readPlan([db.select().from(questions).where(eq(questions.id, id)).limit(1)], ([[row]]) => row ?? null);
}

/** The challenge a question is on, as SQL, to read the challenge in the question's round trip. */
export const challengeOfQuestion = (id: string) => sql`(SELECT challenge_id FROM questions WHERE id = ${id})`;

const { teamOf } = recipients;

/** Everyone on a question's thread: its asker, whoever posted in it, and the team. */
const threadOf = (questionId: string, challengeId: string) =>
  sql`SELECT author_id AS id FROM questions WHERE id = ${questionId}
    UNION SELECT author_id FROM answers WHERE question_id = ${questionId}
    UNION SELECT id FROM (${teamOf(challengeId)})`;

/** Asks on a showcase (the team is told) and reads `after` back in the same batch. */
export async function ask<const P extends readonly Plan[]>(
  db: Database,
  input: { challengeId: string; cycle: number; authorId: string; body: string },
  ...after: P
) {
  const id = newId("q");
  const { read } = await writeThenRead(
    db,
    [
      db.insert(questions).values({ id, ...input }),
      recordActivity(db, {
        challengeId: input.challengeId,
        actorId: input.authorId,
        action: "question_asked",
        detail: { questionId: id },
      }),
      notify(teamOf(input.challengeId), {
        kind: "question_asked",
        challengeId: input.challengeId,
        actorId: input.authorId,
        data: { questionId: id, body: input.body.slice(0, 200) },
      }),
    ],
    ...after,
  );
  return { id, read };
}

/** Answers on a question's thread (everyone on it is told) and reads `after` back in the same batch. */
export async function answer<const P extends readonly Plan[]>(
  db: Database,
  q: { id: string; challengeId: string },
  authorId: string,
  body: string,
  ...after: P
) {
  const id = newId("ans");
  const { read } = await writeThenRead(
    db,
    [
      db.insert(answers).values({ id, questionId: q.id, authorId, body }),
      recordActivity(db, {
        challengeId: q.challengeId,
        actorId: authorId,
        action: "question_answered",
        detail: { questionId: q.id, answerId: id },
      }),
      notify(threadOf(q.id, q.challengeId), {
        kind: "question_answered",
        challengeId: q.challengeId,
        actorId: authorId,
        data: { questionId: q.id, answerId: id, body: body.slice(0, 200) },
      }),
    ],
    ...after,
  );
  return { id, read };
}

// ─── Decisions and commitments ──────────────────────────────────────────────────────────────

export interface CommitmentInput {
  what: string;
  ownerId: string;
  due: string;
}

/**
 * Records a reviewer's decision with its commitments and moves the challenge (SPEC §3):
 * iterate → back to active with the next cycle; scale or stop → reviewed, with the unspent
 * money returned to the sponsors in the same batch, split as `money` (read with the facts) says;
 * if it changed since, nothing happens and `moved` is false. Reads `plans` back in the batch.
 */
export async function decide<const P extends readonly Plan[]>(
  db: Database,
  input: {
    challengeId: string;
    cycle: number;
    decision: Decision;
    rationale: string;
    nextGateOn: string | null;
    commitments: CommitmentInput[];
    deciderId: string;
    to: { stage: Stage; cycle: number };
    money: ChallengeMoney;
  },
  ...plans: P
) {
  const decisionId = newId("dec");
  const now = new Date().toISOString();
  const { challengeId } = input;
  const moved = sql`EXISTS (SELECT 1 FROM challenges WHERE id = ${challengeId} AND stage = ${input.to.stage}
    AND stage_changed_at = ${now} AND cycle = ${input.to.cycle})`;
  const after: Statement[] = [
    sql`INSERT INTO ${decisions} (id, challenge_id, cycle, decision, rationale, next_gate_on, decided_by_id, created_at)
      SELECT ${decisionId}, ${challengeId}, ${input.cycle}, ${input.decision}, ${input.rationale}, ${input.nextGateOn},
        ${input.deciderId}, ${now} WHERE ${moved}`,
    ...input.commitments.map(
      (c) => sql`INSERT INTO ${commitments} (id, decision_id, challenge_id, what, owner_id, due_on, created_at)
        SELECT ${newId("com")}, ${decisionId}, ${challengeId}, ${c.what}, ${c.ownerId}, ${c.due}, ${now}
        WHERE EXISTS (SELECT 1 FROM decisions WHERE id = ${decisionId})`,
    ),
    notify(sql`SELECT DISTINCT owner_id AS id FROM commitments WHERE decision_id = ${decisionId}`, {
      kind: "commitment_assigned",
      challengeId,
      actorId: input.deciderId,
      data: { decisionId, decision: input.decision },
    }),
  ];
  const move = {
    id: challengeId,
    from: "showcase" as Stage,
    to: input.to.stage,
    cycle: input.to.cycle,
    actorId: input.deciderId,
    activity: "decided",
    detail: { decision: input.decision, rationale: input.rationale, cycle: input.cycle, decisionId },
  };
  if (input.decision === "iterate") {
    const { moved: ok, read } = await moveStageThenRead(db, { ...move, now, after }, ...plans);
    return { moved: ok, decisionId, read };
  }
  const { moved: ok, read } = await closeWithMoneyThenRead(db, { ...move, now, after, money: input.money }, ...plans);
  return { moved: ok, decisionId, read };
}

/** A challenge's decisions, newest cycle first, each with its commitments. */
export function decisionsPlan(db: Database, challengeId: string) {
  const queries = [
    db
      .select({
        id: decisions.id,
        cycle: decisions.cycle,
        decision: decisions.decision,
        rationale: decisions.rationale,
        nextGateOn: decisions.nextGateOn,
        decidedById: decisions.decidedById,
        decidedByName: name(sql`decisions.decided_by_id`).as("decided_by_name"),
        createdAt: decisions.createdAt,
      })
      .from(decisions)
      .where(eq(decisions.challengeId, challengeId))
      .orderBy(desc(decisions.cycle)),
    db
      .select({
        id: commitments.id,
        decisionId: commitments.decisionId,
        what: commitments.what,
        ownerId: commitments.ownerId,
        ownerName: name(sql`commitments.owner_id`).as("owner_name"),
        dueOn: commitments.dueOn,
        status: commitments.status,
        doneAt: commitments.doneAt,
      })
      .from(commitments)
      .where(eq(commitments.challengeId, challengeId))
      .orderBy(asc(commitments.dueOn), asc(commitments.id)),
  ] as const;
  return readPlan(queries, ([ds, cs]) =>
    ds.map((d) => ({ ...d, commitments: cs.filter((c) => c.decisionId === d.id) })),
  );
}
export type DecisionRow = PlanValue<ReturnType<typeof decisionsPlan>>[number];

/** Which of these people are active (one query over all of them, however many commitments name them). */
export function activePeoplePlan(db: Database, ids: readonly string[]) {
  const query = db
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        sql`${people.id} IN (SELECT value FROM json_each(${JSON.stringify([...new Set(ids)])}))`,
        eq(people.active, true),
      ),
    );
  return readPlan([query], ([rows]) => new Set(rows.map((r) => r.id)));
}

export function commitmentPlan(db: Database, id: string) {
  return readPlan([db.select().from(commitments).where(eq(commitments.id, id)).limit(1)], ([[row]]) => row ?? null);
}

/** The challenge a commitment is on, as SQL, to read the challenge in the commitment's round trip. */
export const challengeOfCommitment = (id: string) => sql`(SELECT challenge_id FROM commitments WHERE id = ${id})`;

/** Marks a commitment done or open again, reading `after` back in the same batch. */
export async function setCommitmentStatus<const P extends readonly Plan[]>(
  db: Database,
  c: { id: string; challengeId: string },
  status: "open" | "done",
  actorId: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const { written: results, read } = await writeThenRead(
    db,
    [
      db
        .update(commitments)
        .set({ status, doneAt: status === "done" ? now : null })
        .where(and(eq(commitments.id, c.id), sql`${commitments.status} <> ${status}`)),
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${c.challengeId}, ${actorId}, ${status === "done" ? "commitment_done" : "commitment_reopened"},
        ${JSON.stringify({ commitmentId: c.id })}, ${now}
      WHERE changes() = 1`,
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

// ─── Showcase events ────────────────────────────────────────────────────────────────────────

/** Schedules a showcase day (each team and its sponsors are told) and reads `after(id)` back in the same batch. */
export async function createEvent<const P extends readonly Plan[]>(
  db: Database,
  input: { title: string; heldOn: string; location: string; challengeIds: string[] },
  actorId: string,
  after: (id: string) => P,
) {
  const id = newId("evt");
  const { read } = await writeThenRead(
    db,
    [
      db
        .insert(showcaseEvents)
        .values({ id, title: input.title, heldOn: input.heldOn, location: input.location, createdById: actorId }),
      ...input.challengeIds.map((challengeId, position) =>
        db.insert(showcaseEventItems).values({ eventId: id, challengeId, position }),
      ),
      recordActivity(db, {
        challengeId: null,
        actorId,
        action: "showcase_event_scheduled",
        detail: { eventId: id, title: input.title },
      }),
      ...input.challengeIds.map((challengeId) =>
        notify(
          sql`SELECT id FROM (${teamOf(challengeId)})
          UNION SELECT sponsor_id FROM pledges WHERE challenge_id = ${challengeId} AND status <> 'withdrawn'`,
          {
            kind: "showcase_scheduled",
            challengeId,
            actorId,
            data: { eventId: id, title: input.title, heldOn: input.heldOn },
          },
        ),
      ),
    ],
    ...after(id),
  );
  return { id, read };
}

/** The showcase days from `fromDate` on, soonest first. */
export function eventsPlan(db: Database, fromDate?: string) {
  const query = db
    .select({
      id: showcaseEvents.id,
      title: showcaseEvents.title,
      heldOn: showcaseEvents.heldOn,
      location: showcaseEvents.location,
      items: sql<number>`(SELECT count(*) FROM showcase_event_items i WHERE i.event_id = showcase_events.id)`.as(
        "items",
      ),
    })
    .from(showcaseEvents)
    .where(fromDate ? sql`${showcaseEvents.heldOn} >= ${fromDate}` : undefined)
    .orderBy(asc(showcaseEvents.heldOn))
    .limit(200);
  return readPlan([query], ([rows]) => rows);
}

/** A showcase day with its agenda; null when there is none. */
export function eventPlan(db: Database, id: string) {
  const queries = [
    db.select().from(showcaseEvents).where(eq(showcaseEvents.id, id)).limit(1),
    db
      .select({
        position: showcaseEventItems.position,
        challengeId: challenges.id,
        title: challenges.title,
        stage: challenges.stage,
        cycle: challenges.cycle,
        leadName: name(sql`challenges.lead_id`).as("lead_name"),
        decision: sql<string | null>`(SELECT d.decision FROM decisions d WHERE d.challenge_id = challenges.id
          ORDER BY d.cycle DESC LIMIT 1)`.as("decision"),
        weightedScore: sql<
          number | null
        >`(SELECT avg(r.weighted_score) FROM reviews r WHERE r.challenge_id = challenges.id
          AND r.cycle = challenges.cycle)`.as("weighted_score"),
      })
      .from(showcaseEventItems)
      .innerJoin(challenges, eq(challenges.id, showcaseEventItems.challengeId))
      .where(eq(showcaseEventItems.eventId, id))
      .orderBy(asc(showcaseEventItems.position)),
  ] as const;
  return readPlan(queries, ([[event], items]) => (event ? { ...event, items } : null));
}
export type ShowcaseEvent = NonNullable<PlanValue<ReturnType<typeof eventPlan>>>;

/** Showcases that reviewers should look at: challenges on show, with their average score. */
export function showcaseQueuePlan(db: Database) {
  const query = db
    .select({
      id: challenges.id,
      title: challenges.title,
      cycle: challenges.cycle,
      stageChangedAt: challenges.stageChangedAt,
      leadName: name(sql`challenges.lead_id`).as("lead_name"),
      reviewCount:
        sql<number>`(SELECT count(*) FROM reviews r WHERE r.challenge_id = challenges.id AND r.cycle = challenges.cycle)`.as(
          "review_count",
        ),
      weightedScore: sql<
        number | null
      >`(SELECT avg(r.weighted_score) FROM reviews r WHERE r.challenge_id = challenges.id
        AND r.cycle = challenges.cycle)`.as("weighted_score"),
      openQuestions:
        sql<number>`(SELECT count(*) FROM questions q WHERE q.challenge_id = challenges.id AND q.cycle = challenges.cycle
        AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.question_id = q.id))`.as("open_questions"),
    })
    .from(challenges)
    .where(eq(challenges.stage, "showcase"))
    .orderBy(asc(challenges.stageChangedAt))
    .limit(200);
  return readPlan([query], ([rows]) => rows);
}

/** Whether the person asked this question or posted in its thread. */
export function postedInThreadPlan(db: Database, questionId: string, personId: string) {
  const query = db
    .select({
      n: sql<number>`(SELECT count(*) FROM questions WHERE id = ${questionId} AND author_id = ${personId})
      + (SELECT count(*) FROM answers WHERE question_id = ${questionId} AND author_id = ${personId})`,
    })
    .from(sql`(SELECT 1)`);
  return readPlan([query], ([[row]]) => Number(row?.n ?? 0) > 0);
}

/** The stage of each of these challenges (ids not found are left out), in one read. */
export function stagesPlan(db: Database, challengeIds: readonly string[]) {
  const query = db
    .select({ id: challenges.id, stage: challenges.stage })
    .from(challenges)
    .where(sql`${challenges.id} IN (SELECT value FROM json_each(${JSON.stringify(challengeIds)}))`);
  return readPlan([query], ([rows]) => rows);
}

/**
 * Up to five live challenges (not drafts or withdrawn) matching an FTS5 `match`, best first,
 * leaving out `exclude`: what a lead sees while proposing (SPEC §8).
 */
export function findSimilarChallenges(db: Database, match: string, exclude: string | undefined) {
  return db.all<{ id: string; title: string; summary: string; stage: string; backerCount: number }>(sql`
    SELECT c.id, c.title, c.summary, c.stage, c.backer_count AS backerCount
    FROM challenges_fts f JOIN challenges c ON c.rowid = f.rowid
    WHERE challenges_fts MATCH ${match} AND ${stageNotIn(sql`c.stage`, NOT_LIVE_STAGES)} AND c.id <> ${exclude ?? ""}
    ORDER BY bm25(challenges_fts, 10.0, 4.0, 1.0) LIMIT 5`);
}
