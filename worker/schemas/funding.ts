import { z } from "@hono/zod-openapi";
import { MAX_AMOUNT } from "./challenge";
import { isoDate } from "./common";

/** Money in: whole minor units (cents), never a float. */
const minor = (what: string) =>
  z
    .number()
    .int(`${what} is in whole minor units (cents).`)
    .min(0, `${what} cannot be negative.`)
    .max(MAX_AMOUNT, `${what} is larger than any budget.`)
    .openapi({ description: "Minor units (cents) of the org currency." });

export const PeriodInputSchema = z
  .object({
    name: z.string().trim().min(2, "At least 2 characters.").max(40, "At most 40 characters."),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .refine((p) => p.endsOn >= p.startsOn, { path: ["endsOn"], message: "The period must end on or after its start." })
  .openapi("BudgetPeriodInput");

export const PeriodSchema = z
  .object({ id: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string(), current: z.boolean() })
  .openapi("BudgetPeriod");

export const AllocationInputSchema = z
  .object({
    periodId: z.string().min(1).max(64),
    sponsorId: z.string().min(1).max(64),
    amount: z
      .number()
      .int("Amounts are whole minor units (cents).")
      .min(-MAX_AMOUNT, "That reduction is larger than any budget.")
      .max(MAX_AMOUNT, "That is larger than any budget.")
      .refine((n) => n !== 0, "An allocation of 0 changes nothing.")
      .openapi({ description: "Minor units; negative to reduce the budget (never below what is free)." }),
    memo: z.string().trim().max(500).default(""),
  })
  .openapi("AllocationInput");

export const BudgetSchema = z
  .object({
    id: z.string(),
    period: z.object({ id: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string() }),
    sponsor: z.object({ id: z.string(), name: z.string() }),
    currency: z.string(),
    allocated: z.number().int(),
    pledged: z.number().int(),
    spent: z.number().int(),
    returned: z.number().int(),
    remaining: z.number().int(),
  })
  .openapi("Budget");

export const LedgerEntrySchema = z
  .object({
    id: z.string(),
    type: z.enum(["allocation", "pledge", "pledge_withdrawal", "spend", "return"]),
    amount: z.number().int(),
    budgetId: z.string().nullable(),
    challengeId: z.string().nullable(),
    challengeTitle: z.string().nullable(),
    pledgeId: z.string().nullable(),
    spendReportId: z.string().nullable(),
    memo: z.string(),
    createdAt: z.string(),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    approvedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    sponsorName: z.string().nullable(),
  })
  .openapi("LedgerEntry");

export const PledgeInputSchema = z
  .object({ budgetId: z.string().min(1, "Choose a budget.").max(64), amount: minor("The amount") })
  .openapi("PledgeInput");

export const PledgeSchema = z
  .object({
    id: z.string(),
    challengeId: z.string(),
    budgetId: z.string(),
    sponsor: z.object({ id: z.string(), name: z.string() }),
    periodName: z.string(),
    amount: z.number().int(),
    status: z.enum(["active", "withdrawn", "settled"]),
    createdAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .openapi("Pledge");

export const FundingSchema = z
  .object({
    currency: z.string(),
    ask: z.number().int().nullable(),
    pledged: z.number().int(),
    spent: z.number().int(),
    returned: z.number().int(),
    unspent: z.number().int(),
    pendingSpend: z.number().int(),
    stillNeeded: z.number().int(),
  })
  .openapi("Funding");

export const SpendInputSchema = z
  .object({
    amount: minor("The amount").refine((n) => n > 0, "Spend must be more than 0."),
    description: z.string().trim().min(3, "Say what the money was spent on.").max(1000),
    // A day of slack for people east of UTC reporting today's spend.
    spentOn: isoDate.refine(
      (d) => d <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
      "Spend is reported once it has happened, not in advance.",
    ),
  })
  .openapi("SpendInput");

export const SpendReportSchema = z
  .object({
    id: z.string(),
    amount: z.number().int(),
    description: z.string(),
    spentOn: z.string(),
    status: z.enum(["pending", "approved", "declined"]),
    reporter: z.object({ id: z.string(), name: z.string() }),
    decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    decisionNote: z.string(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
    viewer: z.object({
      canDecide: z.boolean().openapi({ description: "The caller may approve or decline it now (SPEC §10)." }),
    }),
  })
  .openapi("SpendReport");

export const SpendDecisionSchema = z
  .object({ decision: z.enum(["approve", "decline"]), note: z.string().trim().max(1000).default("") })
  .refine((d) => d.decision === "approve" || d.note.length > 0, {
    path: ["note"],
    message: "Say why the spend is declined.",
  })
  .openapi("SpendDecision");

export const ChallengeLedgerSchema = z
  .object({
    funding: FundingSchema,
    pledges: z.array(PledgeSchema),
    entries: z.array(LedgerEntrySchema),
    spendReports: z.array(SpendReportSchema),
    viewer: z.object({ canReportSpend: z.boolean(), canDecideSpend: z.boolean() }),
  })
  .openapi("ChallengeLedger");
