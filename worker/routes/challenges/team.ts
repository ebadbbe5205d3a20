import { createRoute, z } from "@hono/zod-openapi";
import { SLOT_EDIT_STAGES } from "../../domain/lifecycle";
import { applyRefusal, isTeamMember } from "../../domain/teams";
import { requireAuth } from "../../middleware/auth";
import { conflict, forbidden, invalid, throwIfRefused } from "../../middleware/errors";
import { SlotInputSchema } from "../../schemas/challenge";
import { errors, IdParam, json, jsonBody } from "../../schemas/common";
import { type LoadedChallenge, unknownDisciplinesPlan } from "../../services/challenges";
import type { Me } from "../../services/people";
import { addSlot, apply, removeSlot, setCoLead, teamPlan, updateSlot } from "../../services/teams";
import { createRouter } from "../router";
import { ApplicationSchema, slotOf, TeamSchema, tags, teamAfter, teamRead, teamResponse } from "../teams/shapes";
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
