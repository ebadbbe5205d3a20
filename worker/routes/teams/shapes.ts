import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { coverage } from "../../domain/teams";
import type { AppEnv } from "../../env";
import { notFound } from "../../middleware/errors";
import { PersonRefSchema } from "../../schemas/common";
import type { LoadedChallenge } from "../../services/challenges";
import type { PlanValues } from "../../services/facts";
import type { Me } from "../../services/people";
import { type applicationPlan, type commitmentPlan, type Team, teamPlan } from "../../services/teams";
import { actorFor, challengeAfter, present } from "../challenges/access";

export const tags = ["Teams"];

export const MemberSchema = z
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

export const ApplicationSchema = z
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

export const TeamSchema = z
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

export function teamResponse(ch: LoadedChallenge, team: Team, me: Me) {
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
export const teamAfter = (c: Context<AppEnv>, id: string) => [challengeAfter(c, id), teamPlan(c.var.db, id)] as const;

/** The team response from what a write read back. */
export function teamRead(c: Context<AppEnv>, [ch, team]: readonly [LoadedChallenge | null, Team]) {
  return teamResponse(present(ch), team, c.var.me);
}

export type Application = NonNullable<PlanValues<[ReturnType<typeof applicationPlan>]>[0]>;
export type Commitment = PlanValues<[ReturnType<typeof commitmentPlan>]>[0];

export function slotOf(ch: LoadedChallenge, slotId: string) {
  const slot = ch.slots.find((s) => s.id === slotId);
  if (!slot) throw notFound("That role slot");
  return slot;
}

/** The application a write read back, as the caller sees it in the team. */
export function applicationIn(team: ReturnType<typeof teamResponse>, id: string) {
  const application = team.applications.find((a) => a.id === id);
  if (!application) throw new Error("application written but not read back");
  return application;
}

/** A lend and its agreement: worker/routes/lends/shapes.ts. */
export { LendSchema, toLend } from "../lends/shapes";

/** An open role slot that fits the reader, with how well and why (For you, My work). */
export const ForYouSchema = z
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
    shownSkills: z
      .array(z.string())
      .openapi({ description: "Skills it asks for that you have shown (confirmed credit or endorsements)." }),
    declaredSkills: z.array(z.string()).openapi({ description: "Skills it asks for that you only list." }),
    applied: z.boolean(),
  })
  .openapi("ForYouItem");
