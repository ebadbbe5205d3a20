import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { pageOf } from "../../domain/cursor";
import { SLOT_EDIT_STAGES } from "../../domain/lifecycle";
import { type AcceptFacts, acceptRefusal, applyRefusal, coverage, isTeamMember } from "../../domain/teams";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { ApiError, conflict, forbidden, invalid, notFound, throwIfRefused } from "../../middleware/errors";
import { SlotInputSchema } from "../../schemas/challenge";
import { errors, IdParam, json, jsonBody, PaginationQuery, PersonRefSchema, page } from "../../schemas/common";
import { type LoadedChallenge, unknownDisciplinesPlan } from "../../services/challenges";
import { type Plan, type PlanValues, readFacts } from "../../services/facts";
import type { Me } from "../../services/people";
import {
  acceptApplication,
  addSlot,
  applicantOf,
  applicationPlan,
  apply,
  challengeOfApplication,
  challengeOfMembership,
  commitmentPlan,
  decideLend,
  declineApplication,
  lendPlan,
  lendsPlan,
  listLends,
  membershipPlan,
  releaseMember,
  removeSlot,
  setCoLead,
  suggestSlots,
  type Team,
  teamPlan,
  updateSlot,
  withdrawApplication,
} from "../../services/teams";
import {
  actorFor,
  challengeAfter,
  challengeFactsWith,
  present,
  requireVisible,
  visibleChallengeWith,
} from "../challenges/access";
import { readCursor } from "../paging";
import { createRouter } from "../router";

const tags = ["Teams"];

const MemberSchema = z
  .object({
    id: z.string(),
    person: PersonRefSchema.extend({ levelId: z.string().nullable() }),
    slotId: z.string(),
    discipline: z.string().nullable(),
    commitmentPercent: z.number().int(),
    status: z.enum(["pending_lend", "active"]),
    lend: z.object({ id: z.string(), status: z.string(), managerName: z.string().nullable() }).nullable(),
    isCoLead: z.boolean(),
    joinedAt: z.string(),
  })
  .openapi("TeamMember");

const ApplicationSchema = z
  .object({
    id: z.string(),
    slotId: z.string(),
    slotDiscipline: z.string().nullable(),
    applicant: PersonRefSchema.extend({ levelId: z.string().nullable() }),
    pitch: z.string(),
    status: z.enum(["pending", "accepted", "declined", "withdrawn", "ended"]).openapi({
      description: "`ended` once the seat it gave was released or its lend declined.",
    }),
    decisionNote: z.string(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
    applicantCommitmentPercent: z.number().int(),
  })
  .openapi("Application");

const TeamSchema = z
  .object({
    lead: PersonRefSchema,
    coLead: PersonRefSchema.nullable(),
    members: z.array(MemberSchema),
    coverage: z.object({
      disciplinesCovered: z.array(z.string()),
      requiredSeats: z.number().int(),
      requiredSeatsFilled: z.number().int(),
      disciplinesMissing: z.array(z.string()),
    }),
    applications: z.array(ApplicationSchema).openapi({
      description: "Every application for the lead and co-lead; only your own for anyone else.",
    }),
    viewer: z.object({ canManage: z.boolean(), canNameCoLead: z.boolean() }),
  })
  .openapi("Team");

const LendSchema = z
  .object({
    id: z.string(),
    membershipId: z.string(),
    challenge: z.object({ id: z.string(), title: z.string(), stage: z.string() }),
    person: z.object({ id: z.string(), name: z.string() }),
    sharePercent: z.number().int(),
    durationWeeks: z.number().int().nullable(),
    status: z.enum(["pending", "approved", "declined"]),
    reason: z.string(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("LendRequest");

const SlotParams = z.object({ id: IdParam("id").shape.id, slotId: IdParam("slotId").shape.slotId });

/**
 * A slot edit: every field optional and none defaulted (`.partial()` of the input schema would
 * keep its defaults and reset count, skills and required on every PATCH that leaves them out).
 */
const SlotPatchSchema = z
  .object({
    discipline: SlotInputSchema.shape.discipline.optional(),
    count: SlotInputSchema.shape.count.unwrap().optional(),
    skills: SlotInputSchema.shape.skills.unwrap().optional(),
    commitmentPercent: SlotInputSchema.shape.commitmentPercent.optional(),
    required: SlotInputSchema.shape.required.unwrap().optional(),
    status: z.enum(["open", "closed"]).optional(),
  })
  .openapi("SlotPatch");

function teamResponse(ch: LoadedChallenge, team: Team, me: Me) {
  const actor = actorFor(me, ch);
  const canManage = actor.isLead || actor.isCoLead;
  const discipline = new Map(ch.slots.map((s) => [s.id, s.discipline]));
  const members = team.members.map((m) => ({
    id: m.id,
    person: {
      id: m.personId,
      name: m.name,
      title: m.title,
      disciplineId: m.disciplineId,
      avatarUrl: m.avatarUrl,
      levelId: m.levelId,
    },
    slotId: m.slotId,
    discipline: discipline.get(m.slotId) ?? null,
    commitmentPercent: m.commitmentPercent,
    status: m.status as "pending_lend" | "active",
    lend: m.lendId ? { id: m.lendId, status: m.lendStatus ?? "pending", managerName: m.managerName } : null,
    isCoLead: ch.coLeadId === m.personId,
    joinedAt: m.createdAt,
  }));
  return {
    lead: ch.lead,
    coLead: ch.coLead,
    members,
    coverage: coverage(
      ch.slots,
      members.map((m) => ({ discipline: m.person.disciplineId, slotId: m.slotId, status: m.status })),
      [ch.lead.disciplineId, ch.coLead?.disciplineId ?? null],
    ),
    applications: team.applications
      .filter((a) => canManage || a.applicantId === me.id)
      .map((a) => ({
        id: a.id,
        slotId: a.slotId,
        slotDiscipline: discipline.get(a.slotId) ?? null,
        applicant: {
          id: a.applicantId,
          name: a.name,
          title: a.title,
          disciplineId: a.disciplineId,
          avatarUrl: a.avatarUrl,
          levelId: a.levelId,
        },
        pitch: a.pitch,
        status: a.status,
        decisionNote: a.decisionNote,
        decidedAt: a.decidedAt,
        createdAt: a.createdAt,
        applicantCommitmentPercent: Number(a.commitment),
      })),
    viewer: { canManage, canNameCoLead: actor.isLead },
  };
}

/** What a write reads back in its own batch: the challenge and its team, as the caller sees them. */
const teamAfter = (c: Context<AppEnv>, id: string) => [challengeAfter(c, id), teamPlan(c.var.db, id)] as const;

/** The team response from what a write read back. */
function teamRead(c: Context<AppEnv>, [ch, team]: readonly [LoadedChallenge | null, Team]) {
  return teamResponse(present(ch), team, c.var.me);
}

/** An application, the challenge it is to (404 unless the caller may see it) and other reads, in one round trip. */
async function applicationFacts<const P extends readonly Plan[]>(c: Context<AppEnv>, appId: string, ...plans: P) {
  const db = c.var.db;
  const [ch, app, ...rest] = await challengeFactsWith(
    c,
    challengeOfApplication(appId),
    applicationPlan(db, appId),
    ...plans,
  );
  if (!app) throw notFound("That application");
  return [requireVisible(c, ch), app, ...rest] as [LoadedChallenge, NonNullable<typeof app>, ...PlanValues<P>];
}

type Application = NonNullable<PlanValues<[ReturnType<typeof applicationPlan>]>[0]>;
type Commitment = PlanValues<[ReturnType<typeof commitmentPlan>]>[0];

/** The lead or co-lead decides; the applicant is told so, anyone else finds no such application. */
function requireDecider(me: Me, ch: LoadedChallenge, app: Application) {
  const actor = actorFor(me, ch);
  if (actor.isLead || actor.isCoLead) return;
  if (app.applicantId === me.id) throw forbidden("Only the lead or co-lead decides applications.");
  throw notFound("That application");
}

async function decline(c: Context<AppEnv>, ch: LoadedChallenge, app: Application, note: string) {
  if (app.status !== "pending") throw conflict("invalid_state", `This application is already ${app.status}.`);
  const { ok, read } = await declineApplication(c.var.db, app, c.var.me.id, note, ...teamAfter(c, ch.id));
  if (!ok) throw conflict("invalid_state", "This application was decided or withdrawn meanwhile.");
  return teamRead(c, read);
}

/** The facts worker/domain/teams.ts `acceptRefusal` decides on. */
function acceptFactsOf(ch: LoadedChallenge, app: Application, applicant: Commitment) {
  const slot = slotOf(ch, app.slotId);
  return {
    stage: ch.stage,
    slot,
    applicationStatus: app.status,
    isMember: applicant.holdsSeat,
    currentCommitment: applicant.commitment,
    commitment: slot.commitmentPercent,
    cap: applicant.cap,
    applicantName: applicant.name ?? "The applicant",
  };
}

/** An acceptance that lost a race: says what holds now, as the rule words it. */
async function explainLostAcceptance(c: Context<AppEnv>, app: Application, facts: AcceptFacts): Promise<never> {
  const commitment = commitmentPlan(c.var.db, app.applicantId, app.challengeId);
  const [fresh, current, now] = await applicationFacts(c, app.id, commitment);
  const why = acceptRefusal({
    ...facts,
    stage: fresh.stage,
    slot: slotOf(fresh, app.slotId),
    applicationStatus: current.status,
    isMember: now.holdsSeat,
    currentCommitment: now.commitment,
  });
  throw new ApiError(why?.status ?? 409, why?.code ?? "conflict", why?.reason ?? "The team changed meanwhile; reload.");
}

function requireManager(me: Me, ch: LoadedChallenge, doing: string) {
  const actor = actorFor(me, ch);
  if (!actor.isLead && !actor.isCoLead) throw forbidden(`Only the lead or co-lead can ${doing}.`);
}

function requireSlotStage(ch: LoadedChallenge) {
  if (!SLOT_EDIT_STAGES.includes(ch.stage)) {
    throw conflict(
      "invalid_stage",
      `Role slots are managed on draft, open, funded and active challenges; this one is ${ch.stage}.`,
    );
  }
}

function slotOf(ch: LoadedChallenge, slotId: string) {
  const slot = ch.slots.find((s) => s.id === slotId);
  if (!slot) throw notFound("That role slot");
  return slot;
}

function checkDiscipline(unknown: Set<string>) {
  for (const discipline of unknown) throw invalid({ discipline: `Unknown discipline "${discipline}".` });
}

export const challengeTeamRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/team",
      tags,
      summary: "The team: members with roles and lends, coverage of disciplines, applications",
      request: { params: IdParam("id") },
      responses: { 200: json(TeamSchema, "The team."), ...errors },
    }),
    async (c) => {
      const [ch, team] = await visibleChallengeWith(
        c,
        c.req.valid("param").id,
        teamPlan(c.var.db, c.req.valid("param").id),
      );
      return c.json(teamResponse(ch, team, c.var.me), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/slots",
      tags,
      summary: "Add a role slot (lead or co-lead)",
      request: { params: IdParam("id"), body: jsonBody(SlotInputSchema.omit({ id: true })) },
      responses: { 201: json(TeamSchema, "The team with the new slot."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const id = c.req.valid("param").id;
      const [ch, unknown] = await visibleChallengeWith(c, id, unknownDisciplinesPlan(c.var.db, [input.discipline]));
      requireManager(c.var.me, ch, "manage role slots");
      requireSlotStage(ch);
      if (ch.slots.length >= 20) throw conflict("too_many_slots", "A challenge has at most 20 role slots.");
      checkDiscipline(unknown);
      const { read } = await addSlot(c.var.db, ch.id, input, c.var.me.id, ...teamAfter(c, ch.id));
      return c.json(teamRead(c, read), 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}/slots/{slotId}",
      tags,
      summary: "Edit or close a role slot (lead or co-lead); its count never drops below its members",
      request: {
        params: SlotParams,
        body: jsonBody(SlotPatchSchema),
      },
      responses: { 200: json(TeamSchema, "The team."), ...errors },
    }),
    async (c) => {
      const { id, slotId } = c.req.valid("param");
      const changes = c.req.valid("json");
      const [ch, unknown] = await visibleChallengeWith(c, id, unknownDisciplinesPlan(c.var.db, [changes.discipline]));
      requireManager(c.var.me, ch, "manage role slots");
      requireSlotStage(ch);
      const slot = slotOf(ch, slotId);
      if (Object.values(changes).every((v) => v === undefined))
        throw invalid({ body: "Send at least one field to change." });
      checkDiscipline(unknown);
      if (changes.count !== undefined && changes.count < slot.filled) {
        throw conflict(
          "slot_filled",
          `The slot has ${slot.filled} members; release one before lowering its count below that.`,
        );
      }
      if (changes.discipline && changes.discipline !== slot.discipline && slot.filled > 0) {
        throw conflict("slot_filled", "Release the slot's members before changing its discipline.");
      }
      const slotRef = { id: slot.id, challengeId: ch.id };
      const { ok, read } = await updateSlot(c.var.db, slotRef, changes, c.var.me.id, ...teamAfter(c, ch.id));
      if (!ok) throw conflict("slot_filled", "Someone joined this slot meanwhile; reload and try again.");
      return c.json(teamRead(c, read), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/slots/{slotId}",
      tags,
      summary: "Remove a role slot nobody holds (closed instead when it has history)",
      request: { params: SlotParams },
      responses: { 200: json(TeamSchema, "The team."), ...errors },
    }),
    async (c) => {
      const { id, slotId } = c.req.valid("param");
      const [ch] = await visibleChallengeWith(c, id);
      requireManager(c.var.me, ch, "manage role slots");
      requireSlotStage(ch);
      const slot = slotOf(ch, slotId);
      if (slot.filled > 0) {
        throw conflict("slot_filled", `The ${slot.discipline} slot has members; release them before removing it.`);
      }
      const { outcome, read } = await removeSlot(
        c.var.db,
        { id: slot.id, challengeId: ch.id },
        c.var.me.id,
        ...teamAfter(c, ch.id),
      );
      if (!outcome) throw conflict("slot_filled", "Someone joined this slot meanwhile; release them first.");
      return c.json(teamRead(c, read), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/slots/{slotId}/applications",
      tags,
      summary: "Apply to a role slot with a pitch",
      request: {
        params: SlotParams,
        body: jsonBody(
          z
            .object({ pitch: z.string().trim().min(10, "Say in a sentence or two why you fit.").max(2000) })
            .openapi("ApplicationInput"),
        ),
      },
      responses: { 201: json(ApplicationSchema, "Your application, awaiting the lead."), ...errors },
    }),
    async (c) => {
      const { id, slotId } = c.req.valid("param");
      const { pitch } = c.req.valid("json");
      const me = c.var.me;
      const [ch, team] = await visibleChallengeWith(c, id, teamPlan(c.var.db, id));
      const slot = slotOf(ch, slotId);
      const actor = actorFor(me, ch);
      const refusal = applyRefusal({
        stage: ch.stage,
        slot,
        isLeadOrCoLead: actor.isLead || actor.isCoLead,
        hasLiveApplication: team.applications.some(
          (a) => a.slotId === slot.id && a.applicantId === me.id && (a.status === "pending" || a.status === "accepted"),
        ),
        isMember: team.members.some((m) => m.personId === me.id),
      });
      throwIfRefused(refusal);
      const input = { challengeId: ch.id, slotId: slot.id, applicantId: me.id, pitch, discipline: slot.discipline };
      const { id: appId, read } = await apply(c.var.db, input, ...teamAfter(c, ch.id));
      if (!appId) throw conflict("conflict", "The slot filled or you applied meanwhile; reload to see.");
      const made = teamRead(c, read).applications.find((a) => a.id === appId);
      if (!made) throw new Error("application written but not read back");
      return c.json(made, 201);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{id}/co-lead",
      tags,
      summary: "Name a team member co-lead, or remove the co-lead with null (the lead only)",
      request: {
        params: IdParam("id"),
        body: jsonBody(z.object({ personId: z.string().min(1).max(64).nullable() }).openapi("CoLeadInput")),
      },
      responses: { 200: json(TeamSchema, "The team."), ...errors },
    }),
    async (c) => {
      const { personId } = c.req.valid("json");
      const id = c.req.valid("param").id;
      const [ch, team] = await visibleChallengeWith(c, id, teamPlan(c.var.db, id));
      if (ch.leadId !== c.var.me.id) throw forbidden("Only the lead names the co-lead.");
      if (personId === ch.leadId) throw invalid({ personId: "The lead cannot also be the co-lead." });
      if (personId && !team.members.some((m) => m.personId === personId && isTeamMember(m.status))) {
        throw conflict("not_a_member", "Only an active member of the team can be co-lead.");
      }
      const { ok, read } = await setCoLead(c.var.db, ch.id, personId, c.var.me.id, ...teamAfter(c, ch.id));
      if (!ok && personId) throw conflict("not_a_member", "That person left the team meanwhile.");
      return c.json(teamRead(c, read), 200);
    },
  );

export const applicationRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/withdraw",
      tags,
      summary: "Withdraw your pending application",
      request: { params: IdParam("id") },
      responses: { 200: json(ApplicationSchema, "The withdrawn application."), ...errors },
    }),
    async (c) => {
      const [ch, app] = await applicationFacts(c, c.req.valid("param").id);
      const actor = actorFor(c.var.me, ch);
      if (app.applicantId !== c.var.me.id) {
        if (actor.isLead || actor.isCoLead) throw forbidden("Only the applicant can withdraw an application.");
        throw notFound("That application");
      }
      if (app.status !== "pending") throw conflict("invalid_state", `This application is already ${app.status}.`);
      const { ok, read } = await withdrawApplication(c.var.db, app, c.var.me.id, ...teamAfter(c, ch.id));
      if (!ok) throw conflict("invalid_state", "This application was decided meanwhile.");
      const fresh = teamRead(c, read).applications.find((a) => a.id === app.id);
      if (!fresh) throw new Error("application vanished");
      return c.json(fresh, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/decision",
      tags,
      summary: "Accept or decline an application with a note (lead or co-lead)",
      request: {
        params: IdParam("id"),
        body: jsonBody(
          z
            .object({
              decision: z.enum(["accept", "decline"]),
              note: z.string().trim().max(2000).default(""),
              durationWeeks: z.number().int().min(1).max(104).optional().openapi({
                description: "How long the member is lent for; defaults to the challenge's time horizon.",
              }),
            })
            .refine((d) => d.decision === "accept" || d.note.length > 0, {
              path: ["note"],
              message: "Say why, so the applicant can learn from it.",
            })
            .openapi("ApplicationDecision"),
        ),
      },
      responses: { 200: json(TeamSchema, "The team after the decision."), ...errors },
    }),
    async (c) => {
      const { decision, note, durationWeeks } = c.req.valid("json");
      const appId = c.req.valid("param").id;
      const commitment = commitmentPlan(c.var.db, applicantOf(appId), challengeOfApplication(appId));
      const [ch, app, applicant] = await applicationFacts(c, appId, commitment);
      requireDecider(c.var.me, ch, app);
      if (decision === "decline") return c.json(await decline(c, ch, app, note), 200);
      const facts = acceptFactsOf(ch, app, applicant);
      throwIfRefused(acceptRefusal(facts));
      const input = {
        deciderId: c.var.me.id,
        note,
        commitmentPercent: facts.commitment,
        durationWeeks: durationWeeks ?? ch.horizonWeeks,
        applicantName: facts.applicantName,
      };
      const result = await acceptApplication(c.var.db, app, input, ...teamAfter(c, ch.id));
      if (!result.accepted) await explainLostAcceptance(c, app, facts);
      return c.json(teamRead(c, result.read), 200);
    },
  );

export const membershipRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Release a member (lead or co-lead) or leave a team (the member); the seat frees up",
    request: { params: IdParam("id") },
    responses: { 200: json(TeamSchema, "The team."), ...errors },
  }),
  async (c) => {
    const id = c.req.valid("param").id;
    const [found, m] = await challengeFactsWith(c, challengeOfMembership(id), membershipPlan(c.var.db, id));
    if (!m) throw notFound("That membership");
    const ch = requireVisible(c, found);
    const actor = actorFor(c.var.me, ch);
    if (!actor.isLead && !actor.isCoLead && m.personId !== c.var.me.id) {
      throw forbidden("Only the lead, the co-lead or the member can end a membership.");
    }
    if (m.status !== "active" && m.status !== "pending_lend")
      throw conflict("invalid_state", `This membership is already ${m.status}.`);
    const { ok, read } = await releaseMember(c.var.db, m, c.var.me.id, ...teamAfter(c, ch.id));
    if (!ok) throw conflict("invalid_state", "This membership ended meanwhile.");
    return c.json(teamRead(c, read), 200);
  },
);

function toLend(l: Awaited<ReturnType<typeof listLends>>[number]) {
  return {
    id: l.id,
    membershipId: l.membershipId,
    challenge: { id: l.challengeId, title: l.challengeTitle, stage: l.challengeStage },
    person: { id: l.personId, name: l.personName },
    sharePercent: l.sharePercent,
    durationWeeks: l.durationWeeks,
    status: l.status,
    reason: l.reason,
    decidedAt: l.decidedAt,
    createdAt: l.createdAt,
  };
}

export const lendRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Lend requests for your reports (you as their manager), newest first",
      request: {
        query: PaginationQuery.extend({ status: z.enum(["pending", "approved", "declined"]).optional() }),
      },
      responses: { 200: json(page(LendSchema), "A page of lend requests."), ...errors },
    }),
    async (c) => {
      const { status, limit, cursor } = c.req.valid("query");
      const before = readCursor(cursor, ["string", "string"]);
      const rows = await listLends(c.var.db, c.var.me.id, {
        status,
        limit,
        before: before ? { createdAt: String(before[0]), id: String(before[1]) } : undefined,
      });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.createdAt, r.id]);
      return c.json({ items: items.map(toLend), nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/decision",
      tags,
      summary: "Approve or decline lending your report to a challenge (their manager); a decline needs a reason",
      request: {
        params: IdParam("id"),
        body: jsonBody(
          z
            .object({ decision: z.enum(["approve", "decline"]), reason: z.string().trim().max(2000).default("") })
            .refine((d) => d.decision === "approve" || d.reason.length > 0, {
              path: ["reason"],
              message: "Say why, so the team and your report know.",
            })
            .openapi("LendDecision"),
        ),
      },
      responses: { 200: json(LendSchema, "The decided lend request."), ...errors },
    }),
    async (c) => {
      const { decision, reason } = c.req.valid("json");
      const id = c.req.valid("param").id;
      const [lend] = await readFacts(c.var.db, lendPlan(c.var.db, id));
      if (!lend) throw notFound("That lend request");
      if (lend.managerId !== c.var.me.id) {
        if (lend.personId === c.var.me.id) throw forbidden("Only your manager decides this lend.");
        throw notFound("That lend request");
      }
      if (lend.status !== "pending") throw conflict("invalid_state", `This lend request is already ${lend.status}.`);
      const after = lendsPlan(c.var.db, c.var.me.id, { id: lend.id, limit: 1 });
      const { ok, read } = await decideLend(c.var.db, lend, c.var.me.id, decision, reason, after);
      if (!ok) throw conflict("invalid_state", "The membership ended or the request was decided meanwhile.");
      const [[fresh]] = read;
      if (!fresh) throw new Error("lend vanished");
      return c.json(toLend(fresh), 200);
    },
  );

const ForYouSchema = z
  .object({
    slot: z.object({
      id: z.string(),
      discipline: z.string(),
      count: z.number().int(),
      open: z.number().int(),
      skills: z.array(z.string()),
      commitmentPercent: z.number().int(),
      required: z.boolean(),
    }),
    challenge: z.object({ id: z.string(), title: z.string(), summary: z.string(), stage: z.string() }),
    score: z.number().int(),
    reasons: z.array(z.string()),
    applied: z.boolean(),
  })
  .openapi("ForYouItem");

export const forYouRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Open role slots that fit your discipline and skills, best first, with why",
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) }) },
    responses: { 200: json(z.object({ items: z.array(ForYouSchema) }), "Suggestions."), ...errors },
  }),
  async (c) => c.json({ items: await suggestSlots(c.var.db, c.var.me, c.req.valid("query").limit) }, 200),
);
