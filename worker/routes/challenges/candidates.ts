import { createRoute, z } from "@hono/zod-openapi";
import { candidatesRefusal, inviteRefusal } from "../../domain/skills";
import { requireAuth } from "../../middleware/auth";
import { conflict, invalid, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, json, jsonBody } from "../../schemas/common";
import {
  candidatesPlan,
  invitationPlan,
  inviteeFactsPlan,
  inviteToSlot,
  rankedCandidates,
} from "../../services/skills";
import { createRouter } from "../router";
import { slotOf } from "../teams/shapes";
import { actorFor, visibleChallengeWith } from "./access";

const tags = ["Teams"];
const SlotParams = z.object({ id: IdParam("id").shape.id, slotId: IdParam("slotId").shape.slotId });

const CandidateSchema = z
  .object({
    person: z.object({
      id: z.string(),
      name: z.string(),
      title: z.string(),
      disciplineId: z.string().nullable(),
      avatarUrl: z.string().nullable(),
    }),
    shownSkills: z
      .array(z.object({ skill: z.string(), challenges: z.number().int(), contributions: z.number().int() }))
      .openapi({ description: "The slot's skills this person has shown, with on how many challenges." }),
    sameDiscipline: z.boolean(),
    loadPercent: z.number().int().openapi({ description: "Their commitment across open, funded and active teams." }),
    capPercent: z.number().int(),
    headroomPercent: z.number().int().openapi({ description: "Cap minus load, never below 0." }),
    hasRoom: z
      .boolean()
      .openapi({ description: "The headroom covers the slot's commitment; those without room are listed last." }),
    invited: z.boolean().openapi({ description: "You (or a co-lead) already invited them to this slot." }),
    reasons: z.array(z.string()),
  })
  .openapi("SlotCandidate");

const InvitationSchema = z
  .object({
    id: z.string(),
    slotId: z.string(),
    challengeId: z.string(),
    person: z.object({ id: z.string(), name: z.string() }),
    invitedById: z.string(),
    note: z.string(),
    createdAt: z.string(),
  })
  .openapi("SlotInvitation");

/** "People who have done this" for a slot, and inviting them to apply (SPEC §16). */
export const challengeCandidateRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/slots/{slotId}/candidates",
      tags,
      summary:
        "People who have done this: who has shown the slot's skills, by skill, discipline and commitment headroom (lead or co-lead)",
      request: { params: SlotParams },
      responses: { 200: json(z.object({ items: z.array(CandidateSchema) }), "Candidates, best first."), ...errors },
    }),
    async (c) => {
      const { id, slotId } = c.req.valid("param");
      const [ch, rows] = await visibleChallengeWith(c, id, candidatesPlan(c.var.db, id, slotId, c.var.me.id));
      const actor = actorFor(c.var.me, ch);
      throwIfRefused(candidatesRefusal({ isLeadOrCoLead: actor.isLead || actor.isCoLead }));
      const slot = slotOf(ch, slotId);
      return c.json({ items: rankedCandidates(rows, slot) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/slots/{slotId}/invitations",
      tags,
      summary: "Invite a person to apply for a slot (lead or co-lead); they are told in their inbox. Once per person",
      request: {
        params: SlotParams,
        body: jsonBody(
          z
            .object({
              personId: IdParam("personId").shape.personId,
              note: z.string().trim().max(1000, "At most 1000 characters.").default(""),
            })
            .openapi("SlotInvitationInput"),
        ),
      },
      responses: { 201: json(InvitationSchema, "The invitation."), ...errors },
    }),
    async (c) => {
      const { id, slotId } = c.req.valid("param");
      const { personId, note } = c.req.valid("json");
      const [ch, invitee] = await visibleChallengeWith(c, id, inviteeFactsPlan(c.var.db, id, slotId, personId));
      const actor = actorFor(c.var.me, ch);
      const isLeadOrCoLead = actor.isLead || actor.isCoLead;
      throwIfRefused(candidatesRefusal({ isLeadOrCoLead }));
      const slot = slotOf(ch, slotId);
      if (!invitee.name) throw invalid({ personId: "Nobody active in Crux has this id." });
      throwIfRefused(inviteRefusal({ isLeadOrCoLead, stage: ch.stage, slot, ...invitee }));
      const input = { challengeId: ch.id, slot, personId, invitedById: c.var.me.id, note };
      const { id: invitationId, read } = await inviteToSlot(c.var.db, input, (newId) => [
        invitationPlan(c.var.db, newId),
      ]);
      const [fresh] = read;
      if (!invitationId || !fresh) throw conflict("duplicate", "They were invited to this slot meanwhile.");
      const { personId: pid, personName, ...rest } = fresh;
      return c.json({ ...rest, person: { id: pid, name: personName } }, 201);
    },
  );
