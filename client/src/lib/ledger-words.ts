import type { LedgerEntry, Pledge } from "./types";

/** Whose ledger is being read: a challenge's (money in from sponsors) or a budget's (money out to challenges). */
export type LedgerView = { of: "challenge"; pledges: readonly Pledge[] } | { of: "budget" };

const quoted = (title: string | null) => (title ? `“${title}”` : "a challenge");

/**
 * What a ledger entry means, in words: "Pledge by Ana from FY27-Q1", "Spend approved by Ben: GPU
 * hours", "Returned to Ana". A budget's ledger names the challenge instead of the sponsor.
 */
export function describeEntry(entry: LedgerEntry, view: LedgerView): string {
  const sponsor = entry.sponsorName ?? "a sponsor";
  const by = entry.actor ? ` by ${entry.actor.name}` : "";
  const memo = entry.memo.trim() ? `: ${entry.memo.trim()}` : "";
  const period = view.of === "challenge" ? view.pledges.find((p) => p.id === entry.pledgeId)?.periodName : undefined;
  switch (entry.type) {
    case "allocation":
      return entry.amount < 0 ? `Budget of ${sponsor} reduced${by}${memo}` : `Allocation to ${sponsor}${by}${memo}`;
    case "pledge":
      return view.of === "challenge"
        ? `Pledge by ${sponsor}${period ? ` from ${period}` : ""}`
        : `Pledge to ${quoted(entry.challengeTitle)}`;
    case "pledge_withdrawal":
      return view.of === "challenge"
        ? `Pledge withdrawn by ${sponsor}${period ? ` (${period})` : ""}`
        : `Pledge to ${quoted(entry.challengeTitle)} withdrawn`;
    case "spend": {
      const approver = entry.approvedBy ? ` by ${entry.approvedBy.name}` : "";
      const reporter = entry.actor ? ` (reported by ${entry.actor.name})` : "";
      return `Spend approved${approver}${memo}${reporter}`;
    }
    case "return":
      return view.of === "challenge" ? `Returned to ${sponsor}` : `Returned from ${quoted(entry.challengeTitle)}`;
    default:
      return String(entry.type);
  }
}

/**
 * The entry's effect on the ledger being read, signed: a pledge adds to a challenge and takes from
 * a budget; spend and returns take from a challenge; a withdrawal or a return gives back to a budget.
 */
export function signedAmount(entry: LedgerEntry, view: LedgerView): number {
  const toChallenge = { allocation: 0, pledge: 1, pledge_withdrawal: -1, spend: -1, return: -1 } as const;
  const toBudget = { allocation: 1, pledge: -1, pledge_withdrawal: 1, spend: -1, return: 1 } as const;
  const sign = (view.of === "challenge" ? toChallenge : toBudget)[entry.type];
  return entry.type === "allocation" ? entry.amount : sign * entry.amount;
}
