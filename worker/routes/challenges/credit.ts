import { createRoute, z } from "@hono/zod-openapi";
import { CONTRIBUTION_TYPES, checkinProblems, isOverdue, recordRefusal } from "../../domain/credit";
import { decodeCursor, pageOf } from "../../domain/cursor";
import { mentionHandles } from "../../domain/discussion";
import { requireAuth } from "../../middleware/auth";
import { conflict, invalid, throwIfInvalid, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, isoDate, json, jsonBody, PaginationQuery, page } from "../../schemas/common";
import type { LoadedChallenge } from "../../services/challenges";
import {
  addMilestone,
  challengeContributionsPlan,
  contributionPlan,
  personOnChallengePlan,
  postUpdate,
  progressPlan,
  recordContribution,
  updatePlan,
  updatesPlan,
} from "../../services/credit";
import type { PlanValues } from "../../services/facts";
import {
  ContributionSchema,
  MilestoneSchema,
  requireProgressReporter,
  tags,
  toContribution,
  today,
  toUpdate,
  UpdateSchema,
} from "../credit/shapes";
import { readCursor } from "../paging";
import { createRouter } from "../router";
import { callerOnTeam, visibleChallenge, visibleChallengeWith } from "./access";

const CURSOR_SHAPE = ["string", "string"] as const;

/** The listing's (createdAt, id) cursor, to read the page with the challenge; null when absent or not ours. */
const cursorKey = (cursor: string | undefined) => (cursor ? decodeCursor(cursor, CURSOR_SHAPE) : null);

/**
 * A cursor that is not ours is a 400, asked once the challenge is known to be visible: a hidden
 * challenge stays a 404 whatever the query says.
 */
const requireCursor = (cursor: string | undefined) => readCursor(cursor, CURSOR_SHAPE);

type Progress = PlanValues<[ReturnType<typeof progressPlan>]>[0];

/** Milestones and each KPI's check-ins, as GET /{id}/progress answers them. */
export const ProgressSchema = z
  .object({
    milestones: z.array(MilestoneSchema),
    kpis: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        unit: z.string(),
        direction: z.enum(["up", "down"]),
        baseline: z.number(),
        target: z.number(),
        checkins: z.array(z.object({ value: z.number(), measuredOn: z.string(), updateId: z.string() })),
      }),
    ),
  })
  .openapi("ChallengeProgress");

/** The progress response from what `progressPlan` read. */
export function progressResponse(ch: LoadedChallenge, progress: Progress) {
  const now = today();
  return {
    milestones: progress.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.dueOn,
      status: m.status,
      slipReason: m.slipReason,
      doneAt: m.doneAt,
      overdue: isOverdue(m, now),
    })),
    kpis: ch.kpis.map((k) => ({
      ...k,
      checkins: progress.checkins
        .filter((x) => x.kpiId === k.id)
        .map(({ value, measuredOn, updateId }) => ({ value, measuredOn, updateId })),
    })),
  };
}

export const challengeCreditRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/progress",
      tags,
      summary: "Milestones and KPI check-ins (for the charts against baseline and target)",
      request: { params: IdParam("id") },
      responses: {
        200: json(ProgressSchema, "Progress."),
        ...errors,
      },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const [ch, progress] = await visibleChallengeWith(c, id, progressPlan(c.var.db, id));
      return c.json(progressResponse(ch, progress), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/milestones",
      tags,
      summary: "Add a milestone (team, lead or co-lead)",
      request: {
        params: IdParam("id"),
        body: jsonBody(
          z.object({ title: z.string().trim().min(3).max(200), dueOn: isoDate }).openapi("MilestoneInput"),
        ),
      },
      responses: { 201: json(z.object({ id: z.string() }), "The milestone."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const ch = await visibleChallenge(c, c.req.valid("param").id);
      requireProgressReporter(c.var.me, ch, "plan milestones");
      return c.json({ id: await addMilestone(c.var.db, ch.id, input, c.var.me.id) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/updates",
      tags,
      summary: "The challenge's updates, newest first",
      request: { params: IdParam("id"), query: PaginationQuery },
      responses: {
        200: json(z.object({ items: z.array(UpdateSchema), nextCursor: z.string().nullable() }), "Updates."),
        ...errors,
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      const id = c.req.valid("param").id;
      const key = cursorKey(cursor);
      const before: [string, string] | undefined = key ? [String(key[0]), String(key[1])] : undefined;
      const [, rows] = await visibleChallengeWith(c, id, updatesPlan(c.var.db, id, limit, before));
      requireCursor(cursor);
      const page = pageOf(rows, limit, (u) => [u.createdAt, u.id]);
      return c.json({ items: page.items.map(toUpdate), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/updates",
      tags,
      summary: "Post an update in Markdown, with optional KPI check-ins (team, lead or co-lead)",
      request: {
        params: IdParam("id"),
        body: jsonBody(
          z
            .object({
              body: z.string().trim().min(1, "Write the update.").max(20_000),
              checkins: z
                .array(z.object({ kpiId: z.string().min(1).max(64), value: z.number(), measuredOn: isoDate }))
                .max(10)
                .default([]),
            })
            .openapi("UpdateInput"),
        ),
      },
      responses: { 201: json(UpdateSchema, "The update."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const [ch] = await visibleChallengeWith(c, c.req.valid("param").id);
      requireProgressReporter(c.var.me, ch, "post updates");
      throwIfInvalid(
        checkinProblems(
          input.checkins,
          ch.kpis.map((k) => k.id),
          today(),
        ),
      );
      const {
        read: [made],
      } = await postUpdate(
        c.var.db,
        ch.id,
        input,
        c.var.me.id,
        (id) => [updatePlan(c.var.db, id)],
        mentionHandles(input.body),
      );
      if (!made) throw new Error("update written but not read back");
      return c.json(toUpdate(made), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/contributions",
      tags,
      summary:
        "Every credit record of the challenge, newest first, including pending, declined and retracted ones (never deleted)",
      request: { params: IdParam("id"), query: PaginationQuery },
      responses: { 200: json(page(ContributionSchema), "A page of credit records."), ...errors },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      const id = c.req.valid("param").id;
      const plan = challengeContributionsPlan(c.var.db, id, limit + 1, cursorKey(cursor));
      const [, rows] = await visibleChallengeWith(c, id, plan);
      requireCursor(cursor);
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.createdAt, r.id]);
      return c.json({ items: items.map(toContribution), nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/contributions",
      tags,
      summary: "Record credit for yourself or a teammate (team members); a teammate's credit counts once they confirm",
      request: {
        params: IdParam("id"),
        body: jsonBody(
          z
            .object({
              personId: z.string().min(1).max(64),
              type: z.enum(CONTRIBUTION_TYPES),
              description: z.string().trim().min(5, "Say what was done.").max(2000),
              hours: z.number().positive("Hours are more than 0.").max(5000).nullable().optional(),
            })
            .openapi("ContributionInput"),
        ),
      },
      responses: { 201: json(ContributionSchema, "The credit record."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const me = c.var.me;
      const id = c.req.valid("param").id;
      const [ch, credited] = await visibleChallengeWith(c, id, personOnChallengePlan(c.var.db, id, input.personId));
      if (!credited.exists) throw invalid({ personId: "No such person." });
      const refusal = recordRefusal(
        { onTeam: callerOnTeam(me, ch) },
        { onTeam: credited.onTeam },
        ch.stage === "archived" ? "withdrawn" : ch.stage,
      );
      throwIfRefused(refusal);
      const record = {
        challengeId: ch.id,
        personId: input.personId,
        recordedById: me.id,
        type: input.type,
        description: input.description,
        hours: input.hours ?? null,
      };
      const {
        id: madeId,
        read: [made],
      } = await recordContribution(c.var.db, record, (id) => [contributionPlan(c.var.db, id)]);
      if (!madeId) throw conflict("not_on_team", "The team changed meanwhile; reload and try again.");
      if (!made) throw new Error("credit written but not read back");
      return c.json(toContribution(made), 201);
    },
  );
