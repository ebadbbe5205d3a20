import { createRoute, z } from "@hono/zod-openapi";
import {
  budgetUseRefusal,
  canReadLedger,
  formatMinor,
  hasPledgedTo,
  isSponsorOf,
  type PledgeFacts,
  pledgeRefusal,
  pledgerRefusal,
  spendDecisionRefusal,
  spendRoom,
} from "../../domain/ledger";
import { SPENDING_STAGES } from "../../domain/lifecycle";
import { requireAuth } from "../../middleware/auth";
import { conflict, forbidden, invalid, notFound, throwIfRefused } from "../../middleware/errors";
import { idempotency } from "../../middleware/idempotency";
import { errors, IdempotencyHeaders, IdParam, json, jsonBody } from "../../schemas/common";
import {
  BudgetSchema,
  ChallengeLedgerSchema,
  LedgerEntrySchema,
  PeriodSchema,
  PledgeInputSchema,
  PledgeSchema,
  SpendDecisionSchema,
  SpendInputSchema,
  SpendReportSchema,
} from "../../schemas/funding";
import type { LoadedChallenge } from "../../services/challenges";
import { readFacts } from "../../services/facts";
import {
  budgetEntriesPlan,
  budgetsPlan,
  type ChallengeMoney,
  challengeOfPledge,
  challengeOfSpendReport,
  decideSpend,
  listBudgets,
  listPeriods,
  moneyPlan,
  pledge,
  pledgePlan,
  reportSpend,
  spendReportPlan,
  withdrawPledge,
} from "../../services/funding";
import type { Me } from "../../services/people";
import {
  actorFor,
  challengeAfter,
  challengeFactsWith,
  requireVisible,
  visibleChallengeWith,
} from "../challenges/access";
import { createRouter } from "../router";

const tags = ["Funding"];
const today = () => new Date().toISOString().slice(0, 10);

type LedgerRow = ChallengeMoney["entries"][number];

function toEntry(e: LedgerRow) {
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

function toPledge(p: ChallengeMoney["pledges"][number], challengeId: string) {
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
function spendFacts(
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
function toSpendReport(
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

function fundingOf(ch: Pick<LoadedChallenge, "fundingAsk" | "stage">, money: ChallengeMoney) {
  const ask = ch.fundingAsk;
  return {
    currency: money.currency,
    ask,
    ...money.funding,
    pendingSpend: money.pendingSpend,
    // Only an open challenge still needs money; afterwards the ask is met or moot.
    stillNeeded: ch.stage === "open" ? Math.max(0, (ask ?? 0) - (money.funding.pledged - money.funding.returned)) : 0,
  };
}

/** The ledger is open to the lead, the co-lead, the challenge's sponsors and admins (SPEC §5). */
function requireLedgerAccess(me: Me, ch: LoadedChallenge, money: ChallengeMoney) {
  const actor = actorFor(me, ch);
  const reader = {
    isLead: actor.isLead,
    isCoLead: actor.isCoLead,
    hasPledged: hasPledgedTo(money.pledges, me.id),
    isAdmin: me.roles.includes("admin"),
  };
  if (!canReadLedger(reader)) {
    throw forbidden("Only the challenge's lead, co-lead, sponsors and admins can read its ledger.");
  }
}

function ledgerResponse(me: Me, ch: LoadedChallenge, m: ChallengeMoney) {
  const actor = actorFor(me, ch);
  const spending = (SPENDING_STAGES as readonly string[]).includes(ch.stage);
  return {
    funding: fundingOf(ch, m),
    pledges: m.pledges.map((p) => toPledge(p, ch.id)),
    entries: m.entries.map(toEntry),
    spendReports: m.spends.map((s) => toSpendReport(me, ch, m, s)),
    viewer: {
      canReportSpend: spending && (actor.isLead || actor.isCoLead),
      // Whether any report may be decided by the caller at all; each report says for itself.
      canDecideSpend: spending && isSponsorOf(m.pledges, me.id),
    },
  };
}

export const periodRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Budget periods, newest first",
    responses: { 200: json(z.object({ items: z.array(PeriodSchema) }), "The periods."), ...errors },
  }),
  async (c) => {
    const now = today();
    const rows = await listPeriods(c.var.db);
    return c.json(
      {
        items: rows.map(({ id, name, startsOn, endsOn }) => ({
          id,
          name,
          startsOn,
          endsOn,
          current: startsOn <= now && now <= endsOn,
        })),
      },
      200,
    );
  },
);

export const budgetRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Budgets the caller may see (a sponsor their own, an admin all), every figure derived from the ledger",
      request: { query: z.object({ periodId: z.string().max(64).optional() }) },
      responses: { 200: json(z.object({ items: z.array(BudgetSchema) }), "Budgets."), ...errors },
    }),
    async (c) => {
      const me = c.var.me;
      const { periodId } = c.req.valid("query");
      if (!me.roles.includes("admin") && !me.roles.includes("sponsor")) return c.json({ items: [] }, 200);
      const items = await listBudgets(c.var.db, {
        periodId,
        sponsorId: me.roles.includes("admin") ? undefined : me.id,
      });
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/ledger",
      tags,
      summary: "A budget's ledger entries, oldest first (its sponsor and admins)",
      request: { params: IdParam("id") },
      responses: {
        200: json(
          z.object({ budget: BudgetSchema, entries: z.array(LedgerEntrySchema) }),
          "The budget and its entries.",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const me = c.var.me;
      const id = c.req.valid("param").id;
      // The entries ride with the budget; they are shown only once the caller may read them.
      const [[budget], entries] = await readFacts(
        c.var.db,
        budgetsPlan(c.var.db, { budgetIds: [id] }),
        budgetEntriesPlan(c.var.db, id, 1000),
      );
      if (!budget) throw notFound("That budget");
      if (budget.sponsor.id !== me.id && !me.roles.includes("admin")) {
        throw forbidden("Only the budget's sponsor and admins can read its ledger.");
      }
      return c.json({ budget, entries: entries.map(toEntry) }, 200);
    },
  );

/** The facts worker/domain/ledger.ts `pledgeRefusal` decides a pledge of `amount` on. */
function pledgeFactsOf(ch: LoadedChallenge, money: ChallengeMoney, budgetRemaining: number, amount: number) {
  return {
    stage: ch.stage,
    fundingAsk: ch.fundingAsk,
    pledgedTotal: money.funding.pledged - money.funding.returned,
    budgetRemaining,
    amount,
    formatMoney: (m: number) => formatMinor(m, money.currency),
  };
}

/** A pledge another request beat to the money: says what is true now. */
function lostPledge(now: PledgeFacts) {
  const why = pledgeRefusal(now);
  return conflict(
    why?.code ?? "conflict",
    why?.reason ?? "The challenge's funding changed meanwhile; reload and try again.",
  );
}

export const challengeFundingRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/pledges",
      tags,
      summary: "Pledge from one of your budgets to an open challenge (send an Idempotency-Key)",
      middleware: [idempotency()] as const,
      request: {
        params: IdParam("id"),
        headers: IdempotencyHeaders,
        body: jsonBody(PledgeInputSchema),
      },
      responses: {
        201: json(z.object({ pledge: PledgeSchema, funded: z.boolean(), ledger: ChallengeLedgerSchema }), "Pledged."),
        ...errors,
      },
    }),
    async (c) => {
      const me = c.var.me;
      const db = c.var.db;
      const { budgetId, amount } = c.req.valid("json");
      const id = c.req.valid("param").id;
      const pledgeFacts = () => [moneyPlan(db, id), budgetsPlan(db, { budgetIds: [budgetId] })] as const;
      const [ch, before, [budget]] = await visibleChallengeWith(c, id, ...pledgeFacts());
      throwIfRefused(pledgerRefusal(me.roles));
      if (!budget) throw invalid({ budgetId: "No such budget." });
      throwIfRefused(budgetUseRefusal({ sponsorId: budget.sponsor.id, period: budget.period }, me.id, today()));
      throwIfRefused(pledgeRefusal(pledgeFactsOf(ch, before, budget.remaining, amount)));
      // What is true after the write, read in its batch: the answer, or why it was refused.
      const input = { challengeId: ch.id, budgetId, sponsorId: me.id, amount };
      const result = await pledge(db, input, challengeAfter(c, ch.id), ...pledgeFacts());
      const [freshCh, money, [freshBudget]] = result.read;
      const fresh = requireVisible(c, freshCh);
      if (!result.made) throw lostPledge(pledgeFactsOf(fresh, money, freshBudget?.remaining ?? 0, amount));
      const made = money.pledges.find((p) => p.id === result.pledgeId);
      if (!made) throw new Error("pledge written but not read back");
      return c.json(
        { pledge: toPledge(made, ch.id), funded: result.funded, ledger: ledgerResponse(me, fresh, money) },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/ledger",
      tags,
      summary: "The challenge's ledger: pledges, spend, returns and totals (lead, co-lead, sponsors, admins)",
      request: { params: IdParam("id") },
      responses: { 200: json(ChallengeLedgerSchema, "The ledger."), ...errors },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const [ch, money] = await visibleChallengeWith(c, id, moneyPlan(c.var.db, id));
      requireLedgerAccess(c.var.me, ch, money);
      return c.json(ledgerResponse(c.var.me, ch, money), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/spends",
      tags,
      summary: "Report spend against the funding (lead or co-lead); it counts once a sponsor approves it",
      middleware: [idempotency()] as const,
      request: { params: IdParam("id"), headers: IdempotencyHeaders, body: jsonBody(SpendInputSchema) },
      responses: { 201: json(SpendReportSchema, "The spend report, awaiting approval."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const challengeId = c.req.valid("param").id;
      const [ch, money] = await visibleChallengeWith(c, challengeId, moneyPlan(c.var.db, challengeId));
      const actor = actorFor(c.var.me, ch);
      if (!actor.isLead && !actor.isCoLead) throw forbidden("Only the lead or co-lead reports spend.");
      if (!(SPENDING_STAGES as readonly string[]).includes(ch.stage)) {
        throw conflict(
          "invalid_stage",
          `Spend is reported on funded, active or showcase challenges; this one is ${ch.stage}.`,
        );
      }
      const room = spendRoom(money.funding, money.pendingSpend);
      const tooMuch = () =>
        conflict(
          "over_funding",
          `Only ${formatMinor(Math.max(0, room), money.currency)} of the funding is unspent and not already awaiting approval.`,
        );
      if (input.amount > room) throw tooMuch();
      const {
        id,
        read: [after],
      } = await reportSpend(
        c.var.db,
        { challengeId: ch.id, reporterId: c.var.me.id, ...input },
        moneyPlan(c.var.db, ch.id),
      );
      if (!id) throw tooMuch();
      const report = after.spends.find((s) => s.id === id);
      if (!report) throw new Error("spend report written but not read back");
      return c.json(toSpendReport(c.var.me, ch, after, report), 201);
    },
  );

export const pledgeRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Withdraw your pledge while the challenge is open",
    request: { params: IdParam("id") },
    responses: { 200: json(PledgeSchema, "The withdrawn pledge."), ...errors },
  }),
  async (c) => {
    const pledgeId = c.req.valid("param").id;
    const [challenge, found] = await challengeFactsWith(c, challengeOfPledge(pledgeId), pledgePlan(c.var.db, pledgeId));
    if (!found) throw notFound("That pledge");
    if (found.sponsorId !== c.var.me.id) throw forbidden("Only the sponsor who made a pledge can withdraw it.");
    const ch = requireVisible(c, challenge);
    if (found.status !== "active") throw conflict("invalid_state", `This pledge is already ${found.status}.`);
    if (ch.stage !== "open") {
      throw conflict("invalid_stage", `Pledges can be withdrawn only while the challenge is open; it is ${ch.stage}.`);
    }
    const {
      ok,
      read: [money],
    } = await withdrawPledge(c.var.db, found, c.var.me.id, moneyPlan(c.var.db, ch.id));
    if (!ok) throw conflict("conflict", "The challenge's funding changed meanwhile; reload and try again.");
    const withdrawn = money.pledges.find((p) => p.id === found.id);
    if (!withdrawn) throw new Error("pledge vanished");
    return c.json(toPledge(withdrawn, ch.id), 200);
  },
);

export const spendRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "post",
    path: "/{id}/decision",
    tags,
    summary: "Approve or decline a spend report (a sponsor of the challenge)",
    middleware: [idempotency()] as const,
    request: { params: IdParam("id"), headers: IdempotencyHeaders, body: jsonBody(SpendDecisionSchema) },
    responses: { 200: json(SpendReportSchema, "The decided report."), ...errors },
  }),
  async (c) => {
    const { decision, note } = c.req.valid("json");
    const reportId = c.req.valid("param").id;
    const [challenge, report, money] = await challengeFactsWith(
      c,
      challengeOfSpendReport(reportId),
      spendReportPlan(c.var.db, reportId),
      moneyPlan(c.var.db, challengeOfSpendReport(reportId)),
    );
    if (!report) throw notFound("That spend report");
    const ch = requireVisible(c, challenge);
    throwIfRefused(spendDecisionRefusal(spendFacts(c.var.me, ch, money, report)));
    if (decision === "approve" && report.amount > money.funding.unspent) {
      throw conflict(
        "over_funding",
        `Only ${formatMinor(money.funding.unspent, money.currency)} of the funding is unspent; this report is for more.`,
      );
    }
    const {
      ok,
      read: [after],
    } = await decideSpend(c.var.db, report, decision, c.var.me.id, note, moneyPlan(c.var.db, ch.id));
    if (!ok) throw conflict("conflict", "This spend report or the funding changed meanwhile; reload and try again.");
    const decided = after.spends.find((s) => s.id === report.id);
    if (!decided) throw new Error("spend report vanished");
    return c.json(toSpendReport(c.var.me, ch, after, decided), 200);
  },
);
