import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  CONTRIBUTION_TYPES,
  confirmRefusal,
  counts,
  endorseRefusal,
  groupByDimension,
  isOverdue,
  lendsDimensionId,
  milestoneChangeRefusal,
  recordRefusal,
  retractRefusal,
} from "../../domain/credit";
import { decodeCursor, pageOf } from "../../domain/cursor";
import { impactPacketMarkdown } from "../../domain/impact-packet";
import { isPrivate } from "../../domain/lifecycle";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { conflict, forbidden, invalid, notFound, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, isoDate, json, jsonBody, PaginationQuery, page } from "../../schemas/common";
import type { LoadedChallenge } from "../../services/challenges";
import {
  addMilestone,
  answerContribution,
  challengeContributionsPlan,
  challengeOfContribution,
  challengeOfMilestone,
  changeMilestone,
  contributionPlan,
  endorse,
  giveKudos,
  kudosPlan,
  type listContributions,
  listFollowing,
  milestonePlan,
  personOnChallengePlan,
  portfolioPlan,
  postUpdate,
  progressPlan,
  recognitionPlan,
  recordContribution,
  retractContribution,
  type UpdateEntry,
  updatePlan,
  updatesPlan,
} from "../../services/credit";
import { readFacts } from "../../services/facts";
import { type Me, profilePlan } from "../../services/people";
import {
  actorFor,
  callerOnTeam,
  challengeFactsWith,
  requireVisible,
  visibleChallenge,
  visibleChallengeWith,
} from "../challenges/access";
import { readCursor } from "../paging";
import { createRouter } from "../router";

const tags = ["Progress and credit"];
const today = () => new Date().toISOString().slice(0, 10);

/** Progress is reported while the work runs; credit can still be recorded after it ends. */
const PROGRESS_STAGES = ["open", "funded", "active"];

const MilestoneSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    dueOn: z.string(),
    status: z.enum(["planned", "done", "slipped"]),
    slipReason: z.string(),
    doneAt: z.string().nullable(),
    overdue: z.boolean(),
  })
  .openapi("Milestone");

const CheckinSchema = z.object({
  kpiId: z.string(),
  value: z.number(),
  measuredOn: z.string(),
  kpiName: z.string().nullable(),
  unit: z.string().nullable(),
});

const UpdateSchema = z
  .object({
    id: z.string(),
    challenge: z.object({ id: z.string(), title: z.string() }),
    author: z.object({ id: z.string(), name: z.string() }),
    body: z.string(),
    checkins: z.array(CheckinSchema),
    createdAt: z.string(),
  })
  .openapi("Update");

const ContributionSchema = z
  .object({
    id: z.string(),
    challenge: z.object({ id: z.string(), title: z.string(), stage: z.string() }),
    person: z.object({ id: z.string(), name: z.string() }),
    recordedBy: z.object({ id: z.string(), name: z.string() }),
    type: z.enum(CONTRIBUTION_TYPES),
    description: z.string(),
    hours: z.number().nullable(),
    status: z.enum(["pending", "confirmed", "declined", "retracted"]),
    counts: z.boolean().openapi({ description: "Only confirmed credit counts." }),
    declineReason: z.string(),
    retractedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    retractReason: z.string(),
    confirmedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    createdAt: z.string(),
    endorsements: z.array(
      z.object({
        id: z.string(),
        endorser: z.object({ id: z.string(), name: z.string() }),
        note: z.string(),
        createdAt: z.string(),
      }),
    ),
  })
  .openapi("Contribution");

const KudosSchema = z
  .object({
    id: z.string(),
    challenge: z.object({ id: z.string(), title: z.string() }),
    from: z.object({ id: z.string(), name: z.string() }),
    to: z.object({ id: z.string(), name: z.string() }),
    message: z.string(),
    createdAt: z.string(),
  })
  .openapi("Kudos");

type ContributionRow = Awaited<ReturnType<typeof listContributions>>[number];
function toContribution(c: ContributionRow) {
  return {
    id: c.id,
    challenge: { id: c.challengeId, title: c.challengeTitle, stage: c.challengeStage },
    person: { id: c.personId, name: c.personName },
    recordedBy: { id: c.recordedById, name: c.recordedByName },
    type: c.type,
    description: c.description,
    hours: c.hours,
    status: c.status,
    counts: counts(c.status),
    declineReason: c.declineReason,
    retractedBy: c.retractedById ? { id: c.retractedById, name: c.retractedByName ?? "" } : null,
    retractReason: c.retractReason,
    confirmedAt: c.confirmedAt,
    endedAt: c.endedAt,
    createdAt: c.createdAt,
    endorsements: c.endorsements.map((e) => ({
      id: e.id,
      endorser: { id: e.endorserId, name: e.endorserName },
      note: e.note,
      createdAt: e.createdAt,
    })),
  };
}

const toUpdate = (u: UpdateEntry) => ({
  id: u.id,
  challenge: { id: u.challengeId, title: u.challengeTitle },
  author: { id: u.authorId, name: u.authorName },
  body: u.body,
  checkins: u.checkins,
  createdAt: u.createdAt,
});

type KudosRow = {
  id: string;
  challengeId: string;
  challengeTitle: string;
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  message: string;
  createdAt: string;
};
const toKudos = (k: KudosRow) => ({
  id: k.id,
  challenge: { id: k.challengeId, title: k.challengeTitle },
  from: { id: k.fromId, name: k.fromName },
  to: { id: k.toId, name: k.toName },
  message: k.message,
  createdAt: k.createdAt,
});

function requireTeam(me: Me, ch: LoadedChallenge, doing: string) {
  if (!callerOnTeam(me, ch)) throw forbidden(`Only the challenge's team, lead and co-lead ${doing}.`);
}

function requireProgressStage(ch: LoadedChallenge) {
  if (!PROGRESS_STAGES.includes(ch.stage)) {
    throw conflict(
      "invalid_stage",
      `Progress is reported on open, funded and active challenges; this one is ${ch.stage}.`,
    );
  }
}

const CURSOR_SHAPE = ["string", "string"] as const;

/** The listing's (createdAt, id) cursor, to read the page with the challenge; null when absent or not ours. */
const cursorKey = (cursor: string | undefined) => (cursor ? decodeCursor(cursor, CURSOR_SHAPE) : null);

/**
 * A cursor that is not ours is a 400, asked once the challenge is known to be visible: a hidden
 * challenge stays a 404 whatever the query says.
 */
const requireCursor = (cursor: string | undefined) => readCursor(cursor, CURSOR_SHAPE);

export const challengeCreditRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/progress",
      tags,
      summary: "Milestones and KPI check-ins (for the charts against baseline and target)",
      request: { params: IdParam("id") },
      responses: {
        200: json(
          z.object({
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
          }),
          "Progress.",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const [ch, progress] = await visibleChallengeWith(c, id, progressPlan(c.var.db, id));
      const now = today();
      return c.json(
        {
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
        },
        200,
      );
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
      requireTeam(c.var.me, ch, "plan milestones");
      requireProgressStage(ch);
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
      requireTeam(c.var.me, ch, "post updates");
      requireProgressStage(ch);
      const fields: Record<string, string> = {};
      const kpiIds = new Set(ch.kpis.map((k) => k.id));
      input.checkins.forEach((x, i) => {
        if (!kpiIds.has(x.kpiId)) fields[`checkins.${i}.kpiId`] = "No such KPI on this challenge.";
        if (x.measuredOn > today()) fields[`checkins.${i}.measuredOn`] = "A check-in reports a value already measured.";
      });
      if (Object.keys(fields).length) throw invalid(fields);
      const {
        read: [made],
      } = await postUpdate(c.var.db, ch.id, input, c.var.me.id, (id) => [updatePlan(c.var.db, id)]);
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

const Reason = (what: string) =>
  jsonBody(
    z
      .object({ reason: z.string().trim().min(3, `Say why ${what}.`).max(2000) })
      .openapi(`${what.replace(/\W/g, "")}Reason`),
  );

export const contributionRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/confirm",
      tags,
      summary: "Confirm credit recorded for you: from now on it counts",
      request: { params: IdParam("id") },
      responses: { 200: json(ContributionSchema, "The confirmed credit."), ...errors },
    }),
    async (c) => {
      const { found } = await contributionFor(c, c.req.valid("param").id);
      const refusal = confirmRefusal(found, c.var.me.id);
      throwIfRefused(refusal);
      const { ok, read } = await answerContribution(
        c.var.db,
        found,
        "confirm",
        "",
        contributionPlan(c.var.db, found.id),
      );
      if (!ok) throw conflict("invalid_state", "It was answered meanwhile.");
      return c.json(freshCredit(read), 200);
    },
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
    async (c) => {
      const { reason } = c.req.valid("json");
      const { found } = await contributionFor(c, c.req.valid("param").id);
      const refusal = confirmRefusal(found, c.var.me.id);
      throwIfRefused(refusal);
      const after = contributionPlan(c.var.db, found.id);
      const { ok, read } = await answerContribution(c.var.db, found, "decline", reason, after);
      if (!ok) throw conflict("invalid_state", "It was answered meanwhile.");
      return c.json(freshCredit(read), 200);
    },
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
          z.object({ note: z.string().trim().min(3, "Say what you saw.").max(2000) }).openapi("EndorsementInput"),
        ),
      },
      responses: { 201: json(ContributionSchema, "The credit with your endorsement."), ...errors },
    }),
    async (c) => {
      const { note } = c.req.valid("json");
      const { found, ch } = await contributionFor(c, c.req.valid("param").id);
      const refusal = endorseRefusal(found, {
        id: c.var.me.id,
        onTeam: callerOnTeam(c.var.me, ch),
        alreadyEndorsed: found.endorsements.some((e) => e.endorserId === c.var.me.id),
      });
      throwIfRefused(refusal);
      const { ok, read } = await endorse(c.var.db, found, c.var.me.id, note, contributionPlan(c.var.db, found.id));
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

export const milestoneRoutes = createRouter(requireAuth()).openapi(
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
    requireTeam(c.var.me, ch, "change milestones");
    requireProgressStage(ch);
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

export const kudosRoutes = createRouter(requireAuth()).openapi(
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
    if (isPrivate(ch)) throw conflict("invalid_stage", "Kudos go on published challenges.");
    if (input.toId === c.var.me.id) throw invalid({ toId: "Thank someone else." });
    if (!to.active) throw invalid({ toId: "No such person." });
    const {
      read: [made],
    } = await giveKudos(c.var.db, { ...input, fromId: c.var.me.id }, (id) => [kudosPlan(c.var.db, id)]);
    if (!made) throw new Error("kudos written but not read back");
    return c.json(toKudos(made), 201);
  },
);

export const feedRoutes = createRouter(requireAuth()).openapi(
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

const PortfolioSchema = z
  .object({
    person: z.object({
      id: z.string(),
      name: z.string(),
      title: z.string(),
      track: z.string(),
      levelId: z.string().nullable(),
    }),
    challenges: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        stage: z.string(),
        role: z.string(),
        discipline: z.string().nullable(),
        commitmentPercent: z.number().nullable(),
        outcome: z.string().nullable(),
        decidedAt: z.string().nullable(),
      }),
    ),
    totals: z.object({
      confirmed: z.number().int(),
      pending: z.number().int(),
      hours: z.number(),
      endorsements: z.number().int(),
      kudos: z.number().int(),
      lends: z.number().int(),
    }),
    byType: z.array(z.object({ type: z.enum(CONTRIBUTION_TYPES), count: z.number().int() })),
    dimensions: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string(),
        contributions: z.array(ContributionSchema),
        holdsLends: z
          .boolean()
          .openapi({ description: "The person's approved lends (as a manager) are evidence in this dimension." }),
      }),
    ),
    records: z
      .array(ContributionSchema)
      .openapi({ description: "Every credit record about them, whatever its state." }),
    kudosReceived: z.array(KudosSchema),
    kudosGiven: z.array(KudosSchema),
    lends: z.array(
      z.object({
        id: z.string(),
        challenge: z.object({ id: z.string(), title: z.string() }),
        person: z.object({ id: z.string(), name: z.string() }),
        sharePercent: z.number().int(),
        decidedAt: z.string().nullable(),
      }),
    ),
    viewer: z.object({ canExportPacket: z.boolean() }),
  })
  .openapi("Portfolio");

/** A person's profile (404 when there is none) and portfolio, in one round trip. */
async function portfolioOf(c: Context<AppEnv>, personId: string) {
  const db = c.var.db;
  const [profile, p] = await readFacts(
    db,
    profilePlan(db, personId, c.var.me.id),
    portfolioPlan(db, personId, c.var.me.id),
  );
  if (!profile) throw notFound("That person");
  return { profile, p };
}

type Portfolio = Awaited<ReturnType<typeof portfolioOf>>;

/** The portfolio's answer: roles and outcomes, credit by type and dimension, kudos and lends. */
function toPortfolio(profile: Portfolio["profile"], p: Portfolio["p"], me: Me) {
  const confirmed = p.credit.filter((x) => counts(x.status));
  const byType = new Map<string, number>();
  for (const x of confirmed) byType.set(x.type, (byType.get(x.type) ?? 0) + 1);
  const lendsIn = lendsDimensionId(p.dimensions);
  return {
    person: {
      id: profile.id,
      name: profile.name,
      title: profile.title,
      track: profile.track,
      levelId: profile.levelId,
    },
    challenges: p.roles.map((r) => ({
      id: r.challengeId,
      title: r.title,
      stage: r.stage,
      role: r.role,
      discipline: r.discipline,
      commitmentPercent: r.commitmentPercent,
      outcome: r.outcome,
      decidedAt: r.decidedAt,
    })),
    totals: {
      confirmed: confirmed.length,
      pending: p.credit.filter((x) => x.status === "pending").length,
      hours: confirmed.reduce((sum, x) => sum + (x.hours ?? 0), 0),
      endorsements: confirmed.reduce((sum, x) => sum + x.endorsements.length, 0),
      kudos: p.kudosReceived.length,
      lends: profile.lends.length,
    },
    byType: CONTRIBUTION_TYPES.filter((t) => byType.has(t)).map((type) => ({
      type,
      count: byType.get(type) ?? 0,
    })),
    dimensions: groupByDimension(confirmed, p.dimensions).map((g) => ({
      id: g.dimension.id,
      name: g.dimension.name,
      description: g.dimension.description,
      contributions: g.items.map(toContribution),
      holdsLends: g.dimension.id === lendsIn,
    })),
    records: p.credit.map(toContribution),
    kudosReceived: p.kudosReceived.map(toKudos),
    kudosGiven: p.kudosGiven.map(toKudos),
    lends: profile.lends,
    viewer: { canExportPacket: canExport(me, profile) },
  };
}

function canExport(me: Me, profile: { id: string; managerId: string | null }) {
  return me.id === profile.id || profile.managerId === me.id || me.roles.includes("admin");
}

export const portfolioRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/portfolio",
      tags,
      summary:
        "A person's impact portfolio: challenges with roles and outcomes, credit by type and dimension, endorsements, kudos, lends",
      request: { params: IdParam("id") },
      responses: { 200: json(PortfolioSchema, "The portfolio."), ...errors },
    }),
    async (c) => {
      const { profile, p } = await portfolioOf(c, c.req.valid("param").id);
      return c.json(toPortfolio(profile, p, c.var.me), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/impact-packet.md",
      tags,
      summary:
        "The impact packet as Markdown, grouped by the framework's dimensions (the person, their manager, admins)",
      request: { params: IdParam("id") },
      responses: {
        200: { description: "Markdown.", content: { "text/markdown": { schema: z.string() } } },
        ...errors,
      },
    }),
    async (c) => {
      const { profile, p } = await portfolioOf(c, c.req.valid("param").id);
      if (!canExport(c.var.me, profile)) {
        throw forbidden("Only the person, their manager and admins can export an impact packet.");
      }
      const markdown = impactPacketMarkdown({
        person: profile,
        generatedAt: new Date().toISOString(),
        origin: new URL(c.req.url).origin,
        roles: p.roles,
        credit: p.credit,
        kudos: p.kudosReceived,
        lends: profile.lends,
        dimensions: p.dimensions,
      });
      const file = `impact-packet-${profile.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.md`;
      return c.body(markdown, 200, {
        "content-type": "text/markdown; charset=utf-8",
        "content-disposition": `attachment; filename="${file}"`,
      });
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
});

export const recognitionRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary:
      "The recognition board: recent outcomes and the most confirmed credit this quarter, IC and management side by side",
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
      recognitionPlan(
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
