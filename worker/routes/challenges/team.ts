import { createRoute, z } from "@hono/zod-openapi";
import {
  addSlotRefusal,
  applyRefusal,
  coLeadProblems,
  coLeadRefusal,
  disciplineProblems,
  isTeamMember,
  manageSlotsRefusal,
  nameCoLeadRefusal,
  removeSlotRefusal,
  slotChangesProblems,
  slotEditRefusal,
} from "../../domain/teams";
import { requireAuth } from "../../middleware/auth";
import { conflict, throwIfInvalid, throwIfRefused } from "../../middleware/errors";
import { SlotInputSchema } from "../../schemas/challenge";
import { errors, IdParam, json, jsonBody } from "../../schemas/common";
import { type LoadedChallenge, unknownDisciplinesPlan } from "../../services/challenges";
import type { Me } from "../../services/people";
import { addSlot, apply, removeSlot, setCoLead, type Team, teamPlan, updateSlot } from "../../services/teams";
import { createRouter } from "../router";
import {
  ApplicationSchema,
  applicationIn,
  slotOf,
  TeamSchema,
  tags,
  teamAfter,
  teamRead,
  teamResponse,
} from "../teams/shapes";
import { actorFor, visibleChallengeWith } from "./access";

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

/** The facts worker/domain/teams.ts `manageSlotsRefusal` decides on. */
function slotManaging(me: Me, ch: LoadedChallenge) {
  const actor = actorFor(me, ch);
  return { isLeadOrCoLead: actor.isLead || actor.isCoLead, stage: ch.stage, slotCount: ch.slots.length };
}

/** The facts worker/domain/teams.ts `applyRefusal` decides on. */
function applyFactsOf(me: Me, ch: LoadedChallenge, team: Team, slot: ReturnType<typeof slotOf>) {
  const actor = actorFor(me, ch);
  return {
    stage: ch.stage,
    slot,
    isLeadOrCoLead: actor.isLead || actor.isCoLead,
    hasLiveApplication: team.applications.some(
      (a) => a.slotId === slot.id && a.applicantId === me.id && (a.status === "pending" || a.status === "accepted"),
    ),
    isMember: team.members.some((m) => m.personId === me.id),
  };
}

/** Whether the person named co-lead is an active member of the team. */
const onTeam = (team: Team, personId: string | null) =>
  team.members.some((m) => m.personId === personId && isTeamMember(m.status));

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
      throwIfRefused(addSlotRefusal(slotManaging(c.var.me, ch)));
      throwIfInvalid(disciplineProblems(unknown));
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
      throwIfRefused(manageSlotsRefusal(slotManaging(c.var.me, ch)));
      const slot = slotOf(ch, slotId);
      throwIfInvalid(slotChangesProblems(changes, unknown));
      throwIfRefused(slotEditRefusal(slot, changes));
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
      throwIfRefused(manageSlotsRefusal(slotManaging(c.var.me, ch)));
      const slot = slotOf(ch, slotId);
      throwIfRefused(removeSlotRefusal(slot));
      const slotRef = { id: slot.id, challengeId: ch.id };
      const { outcome, read } = await removeSlot(c.var.db, slotRef, c.var.me.id, ...teamAfter(c, ch.id));
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
      const [ch, team] = await visibleChallengeWith(c, id, teamPlan(c.var.db, id));
      const slot = slotOf(ch, slotId);
      throwIfRefused(applyRefusal(applyFactsOf(c.var.me, ch, team, slot)));
      const input = {
        challengeId: ch.id,
        slotId: slot.id,
        applicantId: c.var.me.id,
        pitch,
        discipline: slot.discipline,
      };
      const { id: appId, read } = await apply(c.var.db, input, ...teamAfter(c, ch.id));
      if (!appId) throw conflict("conflict", "The slot filled or you applied meanwhile; reload to see.");
      return c.json(applicationIn(teamRead(c, read), appId), 201);
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
      throwIfRefused(nameCoLeadRefusal(ch.leadId === c.var.me.id));
      throwIfInvalid(coLeadProblems(personId, ch.leadId));
      throwIfRefused(coLeadRefusal(personId, onTeam(team, personId)));
      const { ok, read } = await setCoLead(c.var.db, ch.id, personId, c.var.me.id, ...teamAfter(c, ch.id));
      if (!ok && personId) throw conflict("not_a_member", "That person left the team meanwhile.");
      return c.json(teamRead(c, read), 200);
    },
  );
