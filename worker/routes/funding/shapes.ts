import { isSponsorOf, spendDecisionRefusal } from "../../domain/ledger";
import type { LoadedChallenge } from "../../services/challenges";
import type { ChallengeMoney } from "../../services/funding";
import type { Me } from "../../services/people";

export const tags = ["Funding"];
export const today = () => new Date().toISOString().slice(0, 10);

export type LedgerRow = ChallengeMoney["entries"][number];

export function toEntry(e: LedgerRow) {
  return {
    id: e.id,
    type: e.type,
    amount: e.amount,
    budgetId: e.budgetId,
    challengeId: e.challengeId,
    challengeTitle: e.challengeTitle,
    pledgeId: e.pledgeId,
    spendReportId: e.spendReportId,
    memo: e.memo,
    createdAt: e.createdAt,
    actor: e.actorId ? { id: e.actorId, name: e.actorName ?? "" } : null,
    approvedBy: e.approvedById ? { id: e.approvedById, name: e.approvedByName ?? "" } : null,
    sponsorName: e.sponsorName,
  };
}

export function toPledge(p: ChallengeMoney["pledges"][number], challengeId: string) {
  return {
    id: p.id,
    challengeId,
    budgetId: p.budgetId,
    sponsor: { id: p.sponsorId, name: p.sponsorName },
    periodName: p.periodName,
    amount: p.amount,
    status: p.status,
    createdAt: p.createdAt,
    endedAt: p.endedAt,
  };
}

/** Who the caller is to a spend report, for domain/ledger.ts `spendDecisionRefusal`. */
export function spendFacts(
  me: Me,
  ch: Pick<LoadedChallenge, "stage">,
  money: ChallengeMoney,
  report: { reporterId: string; status: "pending" | "approved" | "declined" },
) {
  return {
    isSponsor: isSponsorOf(money.pledges, me.id),
    isReporter: report.reporterId === me.id,
    status: report.status,
    stage: ch.stage,
  };
}

/** A spend report as the caller sees it, with whether they may decide it now. */
export function toSpendReport(
  me: Me,
  ch: Pick<LoadedChallenge, "stage">,
  money: ChallengeMoney,
  s: ChallengeMoney["spends"][number],
) {
  const canDecide = spendDecisionRefusal(spendFacts(me, ch, money, s)) === null;
  return {
    id: s.id,
    amount: s.amount,
    description: s.description,
    spentOn: s.spentOn,
    status: s.status,
    reporter: { id: s.reporterId, name: s.reporterName },
    decidedBy: s.decidedById ? { id: s.decidedById, name: s.decidedByName ?? "" } : null,
    decisionNote: s.decisionNote,
    decidedAt: s.decidedAt,
    createdAt: s.createdAt,
    viewer: { canDecide },
  };
}
