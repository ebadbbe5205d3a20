import { createRoute, z } from "@hono/zod-openapi";
import {
  budgetLedgerRefusal,
  budgetsVisibleTo,
  formatMinor,
  pledgeWithdrawerRefusal,
  spendApprovalFitRefusal,
  spendDecisionRefusal,
  withdrawalRefusal,
} from "../../domain/ledger";
import { requireAuth, verifiedMe } from "../../middleware/auth";
import { conflict, notFound, throwIfRefused } from "../../middleware/errors";
import { idempotency } from "../../middleware/idempotency";
import { errors, IdempotencyHeaders, IdParam, json, jsonBody } from "../../schemas/common";
import {
  BudgetSchema,
  LedgerEntrySchema,
  PeriodSchema,
  PledgeSchema,
  SpendDecisionSchema,
  SpendReportSchema,
} from "../../schemas/funding";
import { readFacts } from "../../services/facts";
import {
  budgetEntriesPlan,
  budgetsPlan,
  challengeOfPledge,
  challengeOfSpendReport,
  decideSpend,
  listBudgets,
  listPeriods,
  moneyPlan,
  pledgePlan,
  spendReportPlan,
  withdrawPledge,
} from "../../services/funding";
import { challengeFactsWith, requireVisible } from "../challenges/access";
import { createRouter } from "../router";
import { spendFacts, tags, today, toEntry, toPledge, toSpendReport } from "./shapes";

const periodRoutes = createRouter(requireAuth()).openapi(
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

const budgetRoutes = createRouter(requireAuth())
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
      const me = await verifiedMe(c);
      const { periodId } = c.req.valid("query");
      const scope = budgetsVisibleTo(me.roles, me.id);
      if (!scope) return c.json({ items: [] }, 200);
      return c.json({ items: await listBudgets(c.var.db, { periodId, ...scope }) }, 200);
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
      throwIfRefused(
        budgetLedgerRefusal({ holdsBudget: budget.sponsor.id === me.id, isAdmin: me.roles.includes("admin") }),
      );
      return c.json({ budget, entries: entries.map(toEntry) }, 200);
    },
  );

const pledgeRoutes = createRouter(requireAuth()).openapi(
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
    throwIfRefused(pledgeWithdrawerRefusal(found, c.var.me.id));
    const ch = requireVisible(c, challenge);
    throwIfRefused(withdrawalRefusal(found.status, ch.stage));
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

const spendRoutes = createRouter(requireAuth()).openapi(
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
    const fmt = (minor: number) => formatMinor(minor, money.currency);
    throwIfRefused(spendApprovalFitRefusal(decision, report.amount, money.funding.unspent, fmt));
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

/** Money outside one challenge, mounted once: budget periods, budgets, pledges and spends. */
export const fundingRoutes = createRouter()
  .route("/budget-periods", periodRoutes)
  .route("/budgets", budgetRoutes)
  .route("/pledges", pledgeRoutes)
  .route("/spends", spendRoutes);
