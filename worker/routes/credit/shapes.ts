import { z } from "@hono/zod-openapi";
import { CONTRIBUTION_TYPES, counts, progressRefusal } from "../../domain/credit";
import { throwIfRefused } from "../../middleware/errors";
import { AuthoredFields } from "../../schemas/challenge";
import type { LoadedChallenge } from "../../services/challenges";
import type { listContributions, UpdateEntry } from "../../services/credit";
import type { Me } from "../../services/people";
import { callerOnTeam } from "../challenges/access";

export const tags = ["Progress and credit"];
export const today = () => new Date().toISOString().slice(0, 10);

/** Progress is reported while the work runs; credit can still be recorded after it ends. */

export const MilestoneSchema = z
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

export const CheckinSchema = z.object({
  kpiId: z.string(),
  value: z.number(),
  measuredOn: z.string(),
  kpiName: z.string().nullable(),
  unit: z.string().nullable(),
});

export const UpdateSchema = z
  .object({
    id: z.string(),
    challenge: z.object({ id: z.string(), title: z.string() }),
    author: z.object({ id: z.string(), name: z.string() }),
    body: z.string().nullable(),
    checkins: z.array(CheckinSchema),
    createdAt: z.string(),
    ...AuthoredFields,
  })
  .openapi("Update");

export const ContributionSchema = z
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
        skills: z.array(z.string()).openapi({ description: "Skills the endorser named." }),
      }),
    ),
  })
  .openapi("Contribution");

export const KudosSchema = z
  .object({
    id: z.string(),
    challenge: z.object({ id: z.string(), title: z.string() }),
    from: z.object({ id: z.string(), name: z.string() }),
    to: z.object({ id: z.string(), name: z.string() }),
    message: z.string(),
    createdAt: z.string(),
  })
  .openapi("Kudos");

export type ContributionRow = Awaited<ReturnType<typeof listContributions>>[number];
export function toContribution(c: ContributionRow) {
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
      skills: e.skills ?? [],
    })),
  };
}

export const toUpdate = (u: UpdateEntry) => ({
  id: u.id,
  challenge: { id: u.challengeId, title: u.challengeTitle },
  author: { id: u.authorId, name: u.authorName },
  body: u.body,
  checkins: u.checkins,
  createdAt: u.createdAt,
  editedAt: u.editedAt,
  removedAt: u.removedAt,
  mentions: u.mentions,
});

export type KudosRow = {
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
export const toKudos = (k: KudosRow) => ({
  id: k.id,
  challenge: { id: k.challengeId, title: k.challengeTitle },
  from: { id: k.fromId, name: k.fromName },
  to: { id: k.toId, name: k.toName },
  message: k.message,
  createdAt: k.createdAt,
});

/** The progress rule (worker/domain/credit.ts `progressRefusal`) for the caller on `ch`. */
export function requireProgressReporter(me: Me, ch: LoadedChallenge, doing: string) {
  throwIfRefused(progressRefusal(callerOnTeam(me, ch), ch.stage, doing));
}
