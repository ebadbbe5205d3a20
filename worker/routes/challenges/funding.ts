import { createRoute, z } from "@hono/zod-openapi";
import {
  budgetUseRefusal,
  formatMinor,
  hasPledgedTo,
  isSponsorOf,
  ledgerReadRefusal,
  type PledgeFacts,
  pledgeRefusal,
  pledgerRefusal,
  spenderRefusal,
  spendReportFitRefusal,
  spendRoom,
  spendRoomRefusal,
  stillNeeded,
} from "../../domain/ledger";
import { SPENDING_STAGES } from "../../domain/lifecycle";
import { requireAuth } from "../../middleware/auth";
import { conflict, invalid, refusalError, throwIfRefused } from "../../middleware/errors";
import { idempotency } from "../../middleware/idempotency";
import { errors, IdempotencyHeaders, IdParam, json, jsonBody } from "../../schemas/common";
import {
  ChallengeLedgerSchema,
  PledgeInputSchema,
  PledgeSchema,
  SpendInputSchema,
  SpendReportSchema,
} from "../../schemas/funding";
import type { LoadedChallenge } from "../../services/challenges";
import { budgetsPlan, type ChallengeMoney, moneyPlan, pledge, reportSpend } from "../../services/funding";
import type { Me } from "../../services/people";
import { tags, today, toEntry, toPledge, toSpendReport } from "../funding/shapes";
import { createRouter } from "../router";
import { actorFor, challengeAfter, requireVisible, visibleChallengeWith } from "./access";

function fundingOf(ch: Pick<LoadedChallenge, "fundingAsk" | "stage">, money: ChallengeMoney) {
  const ask = ch.fundingAsk;
  return {
    currency: money.currency,
    ask,
    ...money.funding,
    pendingSpend: money.pendingSpend,
    stillNeeded: stillNeeded(ch.stage, ask, money.funding),
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
  throwIfRefused(ledgerReadRefusal(reader));
}

export function ledgerResponse(me: Me, ch: LoadedChallenge, m: ChallengeMoney) {
  const actor = actorFor(me, ch);
  const spending = (SPENDING_STAGES as readonly string[]).includes(ch.stage);
  const spender = { isLead: actor.isLead, isCoLead: actor.isCoLead, stage: ch.stage };
  return {
    funding: fundingOf(ch, m),
    pledges: m.pledges.map((p) => toPledge(p, ch.id)),
    entries: m.entries.map(toEntry),
    spendReports: m.spends.map((s) => toSpendReport(me, ch, m, s)),
    viewer: {
      canReportSpend: !spenderRefusal(spender),
      // Whether any report may be decided by the caller at all; each report says for itself.
      canDecideSpend: spending && isSponsorOf(m.pledges, me.id),
    },
  };
}

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
      const { isLead, isCoLead } = actorFor(c.var.me, ch);
      throwIfRefused(spenderRefusal({ isLead, isCoLead, stage: ch.stage }));
      const room = spendRoom(money.funding, money.pendingSpend);
      const fmt = (minor: number) => formatMinor(minor, money.currency);
      throwIfRefused(spendReportFitRefusal(input.amount, room, fmt));
      const report = { challengeId: ch.id, reporterId: c.var.me.id, ...input };
      const {
        id,
        read: [after],
      } = await reportSpend(c.var.db, report, moneyPlan(c.var.db, ch.id));
      if (!id) throw refusalError(spendRoomRefusal(room, fmt)); // another report took the room meanwhile
      const made = after.spends.find((s) => s.id === id);
      if (!made) throw new Error("spend report written but not read back");
      return c.json(toSpendReport(c.var.me, ch, after, made), 201);
    },
  );
