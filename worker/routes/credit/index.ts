import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  confirmRefusal,
  endorseRefusal,
  isOverdue,
  kudosProblems,
  kudosStageRefusal,
  milestoneChangeRefusal,
  retractRefusal,
} from "../../domain/credit";
import { pageOf } from "../../domain/cursor";
import { isPrivate } from "../../domain/lifecycle";
import { MAX_ENDORSED_SKILLS, MAX_SKILL_LENGTH, normaliseSkills } from "../../domain/skills";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { conflict, notFound, throwIfInvalid, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, isoDate, json, jsonBody, PaginationQuery } from "../../schemas/common";
import {
  answerContribution,
  challengeOfContribution,
  challengeOfMilestone,
  changeMilestone,
  contributionPlan,
  endorse,
  giveKudos,
  kudosPlan,
  listFollowing,
  milestonePlan,
  personOnChallengePlan,
  retractContribution,
} from "../../services/credit";
import { readFacts } from "../../services/facts";
import { recognitionBoardPlan } from "../../services/recognition";
import { actorFor, callerOnTeam, challengeFactsWith, requireVisible, visibleChallengeWith } from "../challenges/access";
import { readCursor } from "../paging";
import { createRouter } from "../router";
import {
  type ContributionRow,
  ContributionSchema,
  KudosSchema,
  MilestoneSchema,
  requireProgressReporter,
  tags,
  toContribution,
  today,
  toKudos,
  toUpdate,
  UpdateSchema,
} from "./shapes";

/** A credit record and the challenge it is on (404 unless the caller may see it), in one round trip. */
async function contributionFor(c: Context<AppEnv>, id: string) {
  const [ch, found] = await challengeFactsWith(c, challengeOfContribution(id), contributionPlan(c.var.db, id));
  if (!found) throw notFound("That credit record");
  return { found, ch: requireVisible(c, ch) };
}

/** The credit record read back in a write's own batch: it is there, since the write found it. */
function freshCredit([fresh]: readonly [ContributionRow | null]) {
  if (!fresh) throw new Error("credit vanished");
  return toContribution(fresh);
}

/**
 * The caller (`c.var.me`, the person credited) confirms or declines credit, under the same rules
 * wherever they do it: the web routes, or a Slack button (worker/routes/integrations/slack.ts).
 */
export async function answerCredit(c: Context<AppEnv>, id: string, answer: "confirm" | "decline", reason: string) {
  const { found } = await contributionFor(c, id);
  throwIfRefused(confirmRefusal(found, c.var.me.id));
  const after = contributionPlan(c.var.db, found.id);
  const { ok, read } = await answerContribution(c.var.db, found, answer, reason, after);
  if (!ok) throw conflict("invalid_state", "It was answered meanwhile.");
  return freshCredit(read);
}

const Reason = (what: string) =>
  jsonBody(
    z
      .object({ reason: z.string().trim().min(3, `Say why ${what}.`).max(2000) })
      .openapi(`${what.replace(/\W/g, "")}Reason`),
  );

const contributionRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/confirm",
      tags,
      summary: "Confirm credit recorded for you: from now on it counts",
      request: { params: IdParam("id") },
      responses: { 200: json(ContributionSchema, "The confirmed credit."), ...errors },
    }),
    async (c) => c.json(await answerCredit(c, c.req.valid("param").id, "confirm", ""), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/decline",
      tags,
      summary: "Decline credit recorded for you, with a reason (it never counts, and stays on record)",
      request: { params: IdParam("id"), body: Reason("you decline it") },
      responses: { 200: json(ContributionSchema, "The declined credit."), ...errors },
    }),
    async (c) => c.json(await answerCredit(c, c.req.valid("param").id, "decline", c.req.valid("json").reason), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/endorsements",
      tags,
      summary: "Endorse confirmed credit with a note (the team and leads, not the person credited)",
      request: {
        params: IdParam("id"),
        body: jsonBody(
          z
            .object({
              note: z.string().trim().min(3, "Say what you saw.").max(2000),
              skills: z
                .array(
                  z
                    .string()
                    .trim()
                    .min(1, "A skill needs a name.")
                    .max(MAX_SKILL_LENGTH, `At most ${MAX_SKILL_LENGTH} characters a skill.`),
                )
                .max(MAX_ENDORSED_SKILLS, `Name at most ${MAX_ENDORSED_SKILLS} skills.`)
                .transform(normaliseSkills)
                .optional()
                .openapi({ description: "Skills the endorsement names (lower-case tags): evidence for them." }),
            })
            .openapi("EndorsementInput"),
        ),
      },
      responses: { 201: json(ContributionSchema, "The credit with your endorsement."), ...errors },
    }),
    async (c) => {
      const { note, skills = [] } = c.req.valid("json");
      const { found, ch } = await contributionFor(c, c.req.valid("param").id);
      const refusal = endorseRefusal(found, {
        id: c.var.me.id,
        onTeam: callerOnTeam(c.var.me, ch),
        alreadyEndorsed: found.endorsements.some((e) => e.endorserId === c.var.me.id),
      });
      throwIfRefused(refusal);
      const { ok, read } = await endorse(
        c.var.db,
        found,
        c.var.me.id,
        note,
        skills,
        contributionPlan(c.var.db, found.id),
      );
      if (!ok) throw conflict("already_endorsed", "You endorsed it meanwhile, or it was retracted.");
      return c.json(freshCredit(read), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/retract",
      tags,
      summary: "Retract credit with a reason: it stays readable, marked retracted, and stops counting",
      request: { params: IdParam("id"), body: Reason("it is retracted") },
      responses: { 200: json(ContributionSchema, "The retracted credit."), ...errors },
    }),
    async (c) => {
      const { reason } = c.req.valid("json");
      const { found, ch } = await contributionFor(c, c.req.valid("param").id);
      const actor = actorFor(c.var.me, ch);
      const refusal = retractRefusal(found, {
        id: c.var.me.id,
        isLeadOrCoLead: actor.isLead || actor.isCoLead,
        isAdmin: c.var.me.roles.includes("admin"),
      });
      throwIfRefused(refusal);
      const after = contributionPlan(c.var.db, found.id);
      const { ok, read } = await retractContribution(c.var.db, found, c.var.me.id, reason, after);
      if (!ok) throw conflict("invalid_state", "It was retracted or declined meanwhile.");
      return c.json(freshCredit(read), 200);
    },
  );

const milestoneRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Change a milestone: done, slipped (with a reason, which tells the team), re-planned, renamed",
    request: {
      params: IdParam("id"),
      body: jsonBody(
        z
          .object({
            title: z.string().trim().min(3).max(200).optional(),
            dueOn: isoDate.optional(),
            status: z.enum(["planned", "done", "slipped"]).optional(),
            slipReason: z.string().trim().max(2000).optional(),
          })
          .refine((b) => Object.values(b).some((v) => v !== undefined), { path: ["body"], message: "Send a change." })
          .openapi("MilestonePatch"),
      ),
    },
    responses: { 200: json(MilestoneSchema, "The milestone."), ...errors },
  }),
  async (c) => {
    const changes = c.req.valid("json");
    const milestoneId = c.req.valid("param").id;
    const [found, m] = await challengeFactsWith(
      c,
      challengeOfMilestone(milestoneId),
      milestonePlan(c.var.db, milestoneId),
    );
    if (!m) throw notFound("That milestone");
    const ch = requireVisible(c, found);
    requireProgressReporter(c.var.me, ch, "change milestones");
    if (changes.status) {
      const refusal = milestoneChangeRefusal(m.status, changes.status, changes.slipReason);
      throwIfRefused(refusal);
    }
    const {
      ok,
      read: [fresh],
    } = await changeMilestone(c.var.db, m, changes, c.var.me.id, milestonePlan(c.var.db, m.id));
    if (!ok) throw conflict("invalid_state", "It changed meanwhile.");
    if (!fresh) throw new Error("milestone vanished");
    const { id, title, dueOn, status, slipReason, doneAt } = fresh;
    return c.json({ id, title, dueOn, status, slipReason, doneAt, overdue: isOverdue(fresh, today()) }, 200);
  },
);

const kudosRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Thank someone publicly for their part in a challenge",
    request: {
      body: jsonBody(
        z
          .object({
            challengeId: z.string().min(1).max(64),
            toId: z.string().min(1).max(64),
            message: z.string().trim().min(3, "Say thanks for something.").max(1000),
          })
          .openapi("KudosInput"),
      ),
    },
    responses: { 201: json(KudosSchema, "The kudos."), ...errors },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const [ch, to] = await visibleChallengeWith(
      c,
      input.challengeId,
      personOnChallengePlan(c.var.db, input.challengeId, input.toId),
    );
    // A withdrawn draft too: kudos are public, and it never was (SPEC §14).
    throwIfRefused(kudosStageRefusal(isPrivate(ch)));
    throwIfInvalid(kudosProblems({ fromId: c.var.me.id, toId: input.toId, toActive: to.active }));
    const {
      read: [made],
    } = await giveKudos(c.var.db, { ...input, fromId: c.var.me.id }, (id) => [kudosPlan(c.var.db, id)]);
    if (!made) throw new Error("kudos written but not read back");
    return c.json(toKudos(made), 201);
  },
);

const feedRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Following: updates of the challenges you lead, back or are on, newest first",
    request: { query: PaginationQuery },
    responses: {
      200: json(z.object({ items: z.array(UpdateSchema), nextCursor: z.string().nullable() }), "Updates."),
      ...errors,
    },
  }),
  async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const before = readCursor(cursor, ["string", "string"]);
    const rows = await listFollowing(
      c.var.db,
      c.var.me.id,
      limit,
      before ? [String(before[0]), String(before[1])] : undefined,
    );
    const page = pageOf(rows, limit, (u) => [u.createdAt, u.id]);
    return c.json({ items: page.items.map(toUpdate), nextCursor: page.nextCursor }, 200);
  },
);

function quarterOf(date: Date) {
  const q = Math.floor(date.getUTCMonth() / 3);
  const from = new Date(Date.UTC(date.getUTCFullYear(), q * 3, 1));
  const to = new Date(Date.UTC(date.getUTCFullYear(), q * 3 + 3, 1));
  return { from: from.toISOString(), to: to.toISOString(), label: `${date.getUTCFullYear()}-Q${q + 1}` };
}

const BoardPersonSchema = z.object({
  person: z.object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    disciplineId: z.string().nullable(),
    levelId: z.string().nullable(),
  }),
  credits: z.number().int(),
  hours: z.number(),
  challenges: z.number().int(),
  endorsements: z.number().int(),
  lends: z.number().int().openapi({
    description: "Lends they approved as a manager in the quarter; each counts as credit on the management track.",
  }),
});

const recognitionRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary:
      "The recognition board: recent outcomes and the most confirmed credit this quarter (approved lends count for managers), IC and management side by side",
    request: {
      query: z.object({
        quarter: z
          .string()
          .regex(/^\d{4}-Q[1-4]$/, "Use a quarter like 2026-Q4.")
          .optional(),
        discipline: z.string().max(40).optional(),
        level: z.string().max(20).optional(),
        track: z.enum(["ic", "management"]).optional(),
        limit: z.coerce.number().int().min(1).max(50).default(10),
      }),
    },
    responses: {
      200: json(
        z.object({
          quarter: z.string(),
          ic: z.array(BoardPersonSchema),
          management: z.array(BoardPersonSchema),
          outcomes: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              summary: z.string(),
              stage: z.string(),
              leadName: z.string(),
              outcome: z.string().nullable(),
              decidedAt: z.string(),
            }),
          ),
        }),
        "The board.",
      ),
      ...errors,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const window = q.quarter
      ? quarterOf(new Date(Date.UTC(Number(q.quarter.slice(0, 4)), (Number(q.quarter.slice(-1)) - 1) * 3, 1)))
      : quarterOf(new Date());
    const [board] = await readFacts(
      c.var.db,
      recognitionBoardPlan(
        c.var.db,
        { from: window.from, to: window.to, discipline: q.discipline, level: q.level, track: q.track },
        q.limit,
      ),
    );
    const person = (r: (typeof board.ic)[number]) => ({
      person: { id: r.personId, name: r.name, title: r.title, disciplineId: r.disciplineId, levelId: r.levelId },
      credits: Number(r.credits),
      hours: Number(r.hours ?? 0),
      challenges: Number(r.challengesCount),
      endorsements: Number(r.endorsementsCount),
      lends: Number(r.lendsCount),
    });
    return c.json(
      {
        quarter: window.label,
        ic: board.ic.map(person),
        management: board.management.map(person),
        outcomes: board.outcomes.map((o) => ({ ...o, leadName: o.leadName ?? "" })),
      },
      200,
    );
  },
);

/** Credit outside one challenge, mounted once: contributions, milestones, kudos, the feed and recognition. */
export const creditRoutes = createRouter()
  .route("/contributions", contributionRoutes)
  .route("/milestones", milestoneRoutes)
  .route("/kudos", kudosRoutes)
  .route("/feed", feedRoutes)
  .route("/recognition", recognitionRoutes);
