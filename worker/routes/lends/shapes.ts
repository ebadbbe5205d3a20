import { z } from "@hono/zod-openapi";
import { lendState } from "../../domain/lends";
import type { Agreement } from "../../services/lends";

export const tags = ["Teams"];

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD.")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "Not a real date.")
  .openapi({ example: "2025-09-30" });

export { IsoDate };

const OtherLendSchema = z.object({
  id: z.string(),
  challenge: z.object({ id: z.string(), title: z.string() }),
  sharePercent: z.number().int(),
  endsOn: z.string().nullable(),
});

/**
 * A lend request and its lending agreement (SPEC §6, §16): the share of time, the dates, how it
 * closed, and what the approving manager weighs: the person's current load and other live lends.
 */
export const LendSchema = z
  .object({
    id: z.string(),
    membershipId: z.string(),
    challenge: z.object({ id: z.string(), title: z.string(), stage: z.string() }),
    person: z.object({ id: z.string(), name: z.string() }),
    manager: z.object({ id: z.string(), name: z.string() }),
    sharePercent: z.number().int().openapi({ description: "The time share: percent of the person's time lent." }),
    durationWeeks: z.number().int().nullable(),
    status: z.enum(["pending", "approved", "declined"]),
    state: z.enum(["pending", "declined", "live", "ended", "recalled"]).openapi({
      description: "`live` while an approved lend runs; `ended` at its end date or when ended now; `recalled` early.",
    }),
    reason: z.string(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
    startsOn: z.string().nullable().openapi({ description: "The day the lend starts (set when approved)." }),
    endsOn: z
      .string()
      .nullable()
      .openapi({ description: "The day the lend ends (set when approved; may be extended)." }),
    endReminderAt: z
      .string()
      .nullable()
      .openapi({ description: "When the manager and lead were asked to extend or end it, for this end date." }),
    closedKind: z.enum(["ended", "recalled"]).nullable(),
    closedAt: z.string().nullable(),
    recallReason: z.string().openapi({ description: "Why the manager recalled the person early; empty otherwise." }),
    load: z
      .object({
        commitmentPercent: z.number().int().openapi({
          description:
            "The person's current load: commitment percent of their live seats (this one included while it holds a seat).",
        }),
        capPercent: z.number().int().openapi({ description: "The organisation's commitment cap." }),
      })
      .openapi({ description: "What the manager weighs when approving." }),
    otherLends: z.array(OtherLendSchema).openapi({ description: "The person's other running lends." }),
  })
  .openapi("LendRequest");

type LendRow = Omit<Agreement, "leadId" | "coLeadId" | "slotId" | "membershipStatus">;

function parseOthers(json: string | null) {
  const rows = JSON.parse(json ?? "[]") as {
    id: string;
    challengeId: string;
    challengeTitle: string | null;
    sharePercent: number;
    endsOn: string | null;
  }[];
  return rows.map((o) => ({
    id: o.id,
    challenge: { id: o.challengeId, title: o.challengeTitle ?? "" },
    sharePercent: Number(o.sharePercent),
    endsOn: o.endsOn,
  }));
}

export function toLend(l: LendRow): z.infer<typeof LendSchema> {
  return {
    id: l.id,
    membershipId: l.membershipId,
    challenge: { id: l.challengeId, title: l.challengeTitle, stage: l.challengeStage },
    person: { id: l.personId, name: l.personName },
    manager: { id: l.managerId, name: l.managerName ?? "" },
    sharePercent: l.sharePercent,
    durationWeeks: l.durationWeeks,
    status: l.status,
    state: lendState(l),
    reason: l.reason,
    decidedAt: l.decidedAt,
    createdAt: l.createdAt,
    startsOn: l.startsOn,
    endsOn: l.endsOn,
    endReminderAt: l.endReminderAt,
    closedKind: l.closedKind,
    closedAt: l.closedAt,
    recallReason: l.recallReason,
    load: { commitmentPercent: Number(l.loadPercent ?? 0), capPercent: Number(l.capPercent ?? 100) },
    otherLends: parseOthers(l.otherLends),
  };
}

const PersonName = z.object({ id: z.string(), name: z.string() });

/** The return report (SPEC §16): what the person did on the challenge they were lent to. */
export const LendReportSchema = z
  .object({
    lend: LendSchema,
    credit: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        description: z.string(),
        hours: z.number().nullable(),
        confirmedAt: z.string().nullable(),
        endorsements: z.array(
          z.object({ id: z.string(), endorser: PersonName, note: z.string(), createdAt: z.string() }),
        ),
      }),
    ),
    outcomes: z.object({
      kpis: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          unit: z.string(),
          direction: z.enum(["up", "down"]),
          baseline: z.number(),
          target: z.number(),
          latest: z.number().nullable(),
          measuredOn: z.string().nullable(),
        }),
      ),
      decisions: z.array(
        z.object({
          id: z.string(),
          cycle: z.number().int(),
          decision: z.string(),
          rationale: z.string(),
          createdAt: z.string(),
        }),
      ),
    }),
    totals: z.object({ confirmed: z.number().int(), hours: z.number(), endorsements: z.number().int() }),
    viewer: z.object({ canExtendOrEnd: z.boolean(), canRecall: z.boolean() }),
  })
  .openapi("LendReport");

/** A lend as the manager's mentoring evidence. */
export const MentoringSchema = z
  .object({
    manager: PersonName,
    lends: z.array(
      z.object({
        id: z.string(),
        person: PersonName,
        challenge: z.object({ id: z.string(), title: z.string() }),
        sharePercent: z.number().int(),
        startsOn: z.string().nullable(),
        endsOn: z.string().nullable(),
        state: z.enum(["live", "ended", "recalled"]),
        closedAt: z.string().nullable(),
        credit: z.object({ confirmed: z.number().int(), hours: z.number() }),
      }),
    ),
  })
  .openapi("Mentoring");
