/**
 * Every rule about money (SPEC §5), as pure functions over integers in minor units. The
 * services enforce the same limits with conditional statements, so concurrency cannot get past
 * them; these functions decide what to ask the database and explain a refusal in words.
 */
import { SPENDING_STAGES } from "./lifecycle";
import { type Refusal, refuse } from "./refusal";

export type LedgerType = "allocation" | "pledge" | "pledge_withdrawal" | "spend" | "return";

export interface LedgerEntryLike {
  type: LedgerType;
  amount: number;
}

/** A budget's figures, all derived from ledger entries. */
export interface BudgetBalance {
  /** Allocations, net of reductions. */
  allocated: number;
  /** Pledged to challenges, net of withdrawn pledges. */
  pledged: number;
  /** This budget's share of the spend of the challenges it pledged to (see `spentShares`). */
  spent: number;
  /** The part of the pledged money that came back when challenges ended. */
  returned: number;
  /** Free to pledge: allocated − pledged + returned. */
  remaining: number;
}

/** A budget's own entries' figures; `spent` is derived separately, from its pledges. */
export function budgetBalance(entries: readonly LedgerEntryLike[], spent = 0): BudgetBalance {
  const sum = { allocation: 0, pledge: 0, pledge_withdrawal: 0, spend: 0, return: 0 };
  for (const e of entries) sum[e.type] += e.amount;
  const pledged = sum.pledge - sum.pledge_withdrawal;
  return {
    allocated: sum.allocation,
    pledged,
    spent,
    returned: sum.return,
    remaining: sum.allocation - pledged + sum.return,
  };
}

/** A challenge's money, derived from its ledger entries. */
export interface ChallengeFunding {
  pledged: number;
  spent: number;
  returned: number;
  /** Pledged money neither spent nor returned. */
  unspent: number;
}

/**
 * How each ledger entry moves a challenge's figures: +1 adds its amount, -1 takes it away, and a
 * type not named leaves the figure alone. The one source of the sign rule: `challengeFunding`
 * folds entries with it and worker/services/ledger-sql.ts builds every SQL sum from it.
 */
export const CHALLENGE_SIGNS = {
  pledged: { pledge: 1, pledge_withdrawal: -1 },
  spent: { spend: 1 },
  returned: { return: 1 },
  unspent: { pledge: 1, pledge_withdrawal: -1, spend: -1, return: -1 },
} as const satisfies Record<keyof ChallengeFunding, Partial<Record<LedgerType, 1 | -1>>>;

export type ChallengeFigure = keyof typeof CHALLENGE_SIGNS;

export function challengeFunding(entries: readonly LedgerEntryLike[]): ChallengeFunding {
  const figures: ChallengeFunding = { pledged: 0, spent: 0, returned: 0, unspent: 0 };
  for (const e of entries) {
    for (const figure of Object.keys(CHALLENGE_SIGNS) as ChallengeFigure[]) {
      const sign = (CHALLENGE_SIGNS[figure] as Partial<Record<LedgerType, 1 | -1>>)[e.type] ?? 0;
      figures[figure] += sign * e.amount;
    }
  }
  return figures;
}

export interface Share<K> {
  key: K;
  amount: number;
}

/**
 * Splits `total` in proportion to `weights`, exactly: each share is the floor of its
 * proportional part, and the cents left over (fewer than there are weights) go one each to the
 * largest weights, largest first (the earliest among equals). The shares always sum to `total`.
 *
 * SPEC §5 says the remainder goes "to the largest pledge". Given whole, that can hand a pledge
 * back more than it put in (three pledges of 100 with 1 cent spent would return 101, 99, 99),
 * so the largest pledge takes the first cent, the next largest the second, and so on. When one
 * cent is left over, which is the usual case, the two rules agree.
 */
export function splitProportionally<K>(total: number, weights: readonly Share<K>[]): Share<K>[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError("total must be a non-negative integer");
  const weightSum = weights.reduce((sum, w) => sum + w.amount, 0);
  if (weights.length === 0 || weightSum <= 0) {
    if (total === 0) return weights.map((w) => ({ key: w.key, amount: 0 }));
    throw new RangeError("cannot split a positive total without positive weights");
  }
  // BigInt keeps total × weight exact beyond 2^53.
  const shares = weights.map((w) => ({
    key: w.key,
    amount: Number((BigInt(total) * BigInt(w.amount)) / BigInt(weightSum)),
  }));
  let leftover = total - shares.reduce((sum, s) => sum + s.amount, 0);
  const largestFirst = weights
    .map((w, i) => ({ amount: w.amount, i }))
    .sort((a, b) => b.amount - a.amount || a.i - b.i);
  for (const { i } of largestFirst) {
    if (leftover === 0) break;
    shares[i].amount += 1;
    leftover -= 1;
  }
  return shares;
}

export interface PledgeShare<K> {
  key: K;
  amount: number;
  /** What came back to this pledge when its challenge ended, or null while it runs. */
  returned: number | null;
}

/**
 * Each pledge's part of its challenge's spend. Spend is paid from the challenge as a whole;
 * once the challenge has ended, a pledge's part is exactly what did not come back to it; while
 * it runs, the spend so far is split like the returns will be (`splitProportionally`).
 */
export function spentShares<K>(pledges: readonly PledgeShare<K>[], spentTotal: number): Share<K>[] {
  if (pledges.length > 0 && pledges.every((p) => p.returned !== null)) {
    return pledges.map((p) => ({ key: p.key, amount: p.amount - (p.returned ?? 0) }));
  }
  return splitProportionally(spentTotal, pledges);
}

/** What each pledge gets back when its challenge ends: the unspent money, split by pledge. */
export function returnShares<K>(pledges: readonly Share<K>[], funding: ChallengeFunding): Share<K>[] {
  return splitProportionally(funding.unspent, pledges).filter((s) => s.amount > 0);
}

/** Who may pledge at all: a sponsor (the budget holders). */
export function pledgerRefusal(roles: readonly string[]): Refusal | null {
  if (roles.includes("sponsor")) return null;
  return { status: 403, code: "forbidden", reason: "Only sponsors pledge; ask an admin for a budget." };
}

/** Which challenges take pledges: open ones. With `pledgerRefusal`, when the pledge form shows. */
export function pledgeStageRefusal(stage: string): Refusal | null {
  if (stage === "open") return null;
  return { status: 409, code: "invalid_stage", reason: `Only open challenges take pledges; this one is ${stage}.` };
}

/**
 * What the ask still needs, in minor units: the ask less what is pledged and not returned, while
 * the challenge is open. In any other stage the question is settled (funded, or closed with its
 * money gone back), so nothing is still needed: one truth per stage (SPEC §3, §5).
 */
export function stillNeeded(stage: string, fundingAsk: number | null, funding: { pledged: number; returned: number }) {
  if (pledgeStageRefusal(stage)) return 0;
  return Math.max(0, (fundingAsk ?? 0) - (funding.pledged - funding.returned));
}

export interface BudgetUse {
  sponsorId: string;
  period: { name: string; startsOn: string; endsOn: string };
}

/** A budget is pledged from by its own sponsor, while its period is open (`today` as YYYY-MM-DD). */
export function budgetUseRefusal(budget: BudgetUse, pledgerId: string, today: string): Refusal | null {
  if (budget.sponsorId !== pledgerId) {
    return { status: 403, code: "forbidden", reason: "You can only pledge from your own budget." };
  }
  const { name, startsOn, endsOn } = budget.period;
  if (today < startsOn || today > endsOn) {
    return {
      status: 409,
      code: "period_closed",
      reason: `The ${name} budget can be pledged from ${startsOn} to ${endsOn}.`,
    };
  }
  return null;
}

export interface PledgeFacts {
  stage: string;
  fundingAsk: number | null;
  /** Active pledges' total on the challenge. */
  pledgedTotal: number;
  /** The budget's free balance. */
  budgetRemaining: number;
  amount: number;
  formatMoney: (minor: number) => string;
}

/** Why a pledge cannot be made now, or null when it can. */
export function pledgeRefusal(f: PledgeFacts): Refusal | null {
  const stage = pledgeStageRefusal(f.stage);
  if (stage) return stage;
  const ask = f.fundingAsk ?? 0;
  const stillNeeded = ask - f.pledgedTotal;
  if (ask === 0 && f.amount !== 0) {
    return {
      status: 409,
      code: "over_ask",
      reason: "This challenge asks for no money: endorse it with a pledge of 0.",
    };
  }
  if (ask > 0 && f.amount === 0) {
    return {
      status: 409,
      code: "zero_pledge",
      reason: "A pledge to a challenge that asks for money must be more than 0.",
    };
  }
  if (f.amount > stillNeeded && ask > 0) {
    return {
      status: 409,
      code: "over_ask",
      reason: `Only ${f.formatMoney(stillNeeded)} of the ask is still needed; pledge at most that.`,
    };
  }
  if (f.amount > f.budgetRemaining) {
    return {
      status: 409,
      code: "over_budget",
      reason: `The budget has ${f.formatMoney(f.budgetRemaining)} left; ${f.formatMoney(f.amount)} would overspend it.`,
    };
  }
  return null;
}

/** Pledge statuses that make their sponsor a sponsor of the challenge: active, or settled at its close. */
export const SPONSORING_PLEDGE_STATUSES = ["active", "settled"] as const;

/**
 * "A sponsor of that challenge" (SPEC §10), the one definition: someone holding a pledge to it
 * that is not withdrawn. Approving spend, asking on the showcase, the conflict of interest and
 * the viewer's "You sponsor this challenge" all ask this; SQL asks `sponsorOfSql`, built from the
 * same statuses.
 */
export function isSponsorOf(pledges: readonly { sponsorId: string; status: string }[], personId: string) {
  return pledges.some(
    (p) => p.sponsorId === personId && (SPONSORING_PLEDGE_STATUSES as readonly string[]).includes(p.status),
  );
}

/** What deciding a spend report depends on (SPEC §10: a sponsor of that challenge, not its reporter). */
export interface SpendDecisionFacts {
  isSponsor: boolean;
  isReporter: boolean;
  status: "pending" | "approved" | "declined";
  stage: string;
}

/**
 * Whether the person may approve or decline this spend report now. The route's guard and each
 * report's `viewer.canDecide` both ask it, so the ledger never offers a decision it would refuse.
 */
export function spendDecisionRefusal(f: SpendDecisionFacts): Refusal | null {
  if (!f.isSponsor)
    return { status: 403, code: "forbidden", reason: "Only a sponsor of this challenge approves its spend." };
  if (f.isReporter) {
    return { status: 403, code: "forbidden", reason: "Someone other than the person who reported a spend decides it." };
  }
  if (f.status !== "pending")
    return { status: 409, code: "invalid_state", reason: `This spend report is already ${f.status}.` };
  if (!(SPENDING_STAGES as readonly string[]).includes(f.stage)) {
    return { status: 409, code: "invalid_stage", reason: `Spend can no longer be decided on a ${f.stage} challenge.` };
  }
  return null;
}

/** Pledged to it at any time, a withdrawn pledge included: enough to read its ledger. */
export function hasPledgedTo(pledges: readonly { sponsorId: string }[], personId: string) {
  return pledges.some((p) => p.sponsorId === personId);
}

/** Who the caller is to a challenge's money: enough to say whether they may read its ledger. */
export interface LedgerReader {
  isLead: boolean;
  isCoLead: boolean;
  /** Pledged to it at any time, a withdrawn pledge included: they saw their money move. */
  hasPledged: boolean;
  isAdmin: boolean;
}

/** The ledger is open to the lead, the co-lead, the challenge's sponsors and admins (SPEC §5). */
export function canReadLedger(r: LedgerReader) {
  return r.isLead || r.isCoLead || r.hasPledged || r.isAdmin;
}

/** `canReadLedger` as the refusal a ledger read gets. */
export function ledgerReadRefusal(r: LedgerReader): Refusal | null {
  if (canReadLedger(r)) return null;
  return refuse(403, "forbidden", "Only the challenge's lead, co-lead, sponsors and admins can read its ledger.");
}

/** A budget's own ledger is open to the sponsor who holds the budget and to admins (SPEC §5). */
export function budgetLedgerRefusal(r: { holdsBudget: boolean; isAdmin: boolean }): Refusal | null {
  if (r.holdsBudget || r.isAdmin) return null;
  return refuse(403, "forbidden", "Only the budget's sponsor and admins can read its ledger.");
}

/** A pledge is withdrawn by the sponsor who made it, no one else. */
export function pledgeWithdrawerRefusal(p: { sponsorId: string }, personId: string): Refusal | null {
  if (p.sponsorId === personId) return null;
  return refuse(403, "forbidden", "Only the sponsor who made a pledge can withdraw it.");
}

/** An active pledge can be withdrawn while its challenge is open; after that the money is committed. */
export function withdrawalRefusal(pledgeStatus: string, stage: string): Refusal | null {
  if (pledgeStatus !== "active") return refuse(409, "invalid_state", `This pledge is already ${pledgeStatus}.`);
  if (stage !== "open") {
    return refuse(409, "invalid_stage", `Pledges can be withdrawn only while the challenge is open; it is ${stage}.`);
  }
  return null;
}

/**
 * Who reports spend, and when (SPEC §5): the lead or co-lead of a funded, active or showcase
 * challenge. The route's guard and the ledger's `viewer.canReportSpend` both ask it.
 */
export function spenderRefusal(f: { isLead: boolean; isCoLead: boolean; stage: string }): Refusal | null {
  if (!f.isLead && !f.isCoLead) return refuse(403, "forbidden", "Only the lead or co-lead reports spend.");
  if (!(SPENDING_STAGES as readonly string[]).includes(f.stage)) {
    return refuse(
      409,
      "invalid_stage",
      `Spend is reported on funded, active or showcase challenges; this one is ${f.stage}.`,
    );
  }
  return null;
}

/** A spend report fits in `room` (`spendRoom`): what is unspent and not already awaiting approval. */
export function spendReportFitRefusal(amount: number, room: number, formatMoney: (minor: number) => string) {
  return amount <= room ? null : spendRoomRefusal(room, formatMoney);
}

/** The refusal of spend beyond `room`, naming what room there is. */
export const spendRoomRefusal = (room: number, formatMoney: (minor: number) => string) =>
  refuse(
    409,
    "over_funding",
    `Only ${formatMoney(Math.max(0, room))} of the funding is unspent and not already awaiting approval.`,
  );

/** Approving a spend needs that much unspent funding; declining always fits. */
export function spendApprovalFitRefusal(
  decision: "approve" | "decline",
  amount: number,
  unspent: number,
  formatMoney: (minor: number) => string,
): Refusal | null {
  if (decision !== "approve" || amount <= unspent) return null;
  return refuse(
    409,
    "over_funding",
    `Only ${formatMoney(unspent)} of the funding is unspent; this report is for more.`,
  );
}

/** Field problems of an allocation: its period and its sponsor must exist. */
export function allocationProblems(f: { periodExists: boolean; sponsorExists: boolean }): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!f.periodExists) fields.periodId = "No such budget period.";
  if (!f.sponsorExists) fields.sponsorId = "No such person.";
  return fields;
}

/** Budgets are held by sponsors: an allocation goes to someone with the sponsor role. */
export function allocateeRefusal(person: { name: string; roles: readonly string[] }): Refusal | null {
  if (person.roles.includes("sponsor")) return null;
  return refuse(409, "not_a_sponsor", `${person.name} is not a sponsor; give them the sponsor role first.`);
}

/** A negative allocation takes back only what is free: the budget never goes below what is pledged from it. */
export const reductionRefusal = (remaining: number, currency: string) =>
  refuse(
    409,
    "over_budget",
    `The budget has ${formatMinor(remaining, currency)} free; it cannot be reduced below that.`,
  );

/**
 * Which budgets a person sees (SPEC §5): an admin every budget, a sponsor their own (`sponsorId`),
 * anyone else none (null).
 */
export function budgetsVisibleTo(roles: readonly string[], personId: string): { sponsorId?: string } | null {
  if (roles.includes("admin")) return {};
  if (roles.includes("sponsor")) return { sponsorId: personId };
  return null;
}

/** Detail fields that carry money on any activity entry: pledged amounts, and what a close returned. */
const MONEY_FIELDS = ["amount", "returned"];
/** On spend entries the description and the decision's note say what the money went on. */
const SPEND_FIELDS = ["description", "note"];

/**
 * An activity entry's detail as someone who may not read the ledger sees it (SPEC §14): that a
 * pledge, a withdrawal or a spend happened, without amounts or spend descriptions.
 */
export function withoutMoneyDetail(action: string, detail: Record<string, unknown>): Record<string, unknown> {
  const hidden = action.startsWith("spend_") ? [...MONEY_FIELDS, ...SPEND_FIELDS] : MONEY_FIELDS;
  return Object.fromEntries(Object.entries(detail).filter(([key]) => !hidden.includes(key)));
}

/** How much more spend a challenge can take: its unspent money less spend awaiting approval. */
export function spendRoom(funding: ChallengeFunding, pendingSpend: number) {
  return funding.unspent - pendingSpend;
}

/**
 * Formats minor units in the org currency. The amount goes to Intl as a decimal string
 * ("12345.67"), so it is never rounded through a float.
 */
export function formatMinor(minor: number, currency: string) {
  const format = new Intl.NumberFormat("en", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  const decimal = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return format.format(`${minor < 0 ? "-" : ""}${decimal}` as unknown as number);
}
