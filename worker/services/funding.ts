import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import {
  budgetPeriods,
  budgets,
  challenges,
  ledgerEntries,
  orgSettings,
  people,
  pledges,
  spendReports,
} from "../../db/schema";
import { newId } from "../domain/ids";
import {
  type BudgetBalance,
  budgetBalance,
  challengeFunding,
  type LedgerType,
  returnShares,
  spentShares,
} from "../domain/ledger";
import type { Stage } from "../domain/lifecycle";
import { SPENDING_STAGES } from "../domain/lifecycle";
import type { Database } from "../middleware/db";
import { recordActivityIfChanged } from "./activity";
import {
  type BatchResults,
  type ReadPlan,
  readPlan,
  readTogether,
  type Statement,
  writeBatch,
  writeThenRead,
} from "./batch";
import { moveStageThenRead } from "./challenges";
import { notify, recipients } from "./inbox";
import { challengeFigureSql } from "./ledger-sql";
import { type PersonRow, personColumns, toMe } from "./people";
import { stageIn } from "./stage-sql";

type Plan = ReadPlan<unknown>;

/** A fresh ledger id made inside SQL, for entries written by `INSERT … SELECT`. */
const sqlLedgerId = sql`'led_' || lower(hex(randomblob(10)))`;

const currencyColumn = sql<string>`(SELECT ${orgSettings.currency} FROM ${orgSettings} WHERE ${orgSettings.id} = 'org')`;

export async function loadCurrency(db: Database) {
  const [row] = await db.select({ currency: orgSettings.currency }).from(orgSettings).where(eq(orgSettings.id, "org"));
  return row?.currency ?? "USD";
}

// ─── Periods and allocations ────────────────────────────────────────────────────────────────

export async function listPeriods(db: Database) {
  return db.select().from(budgetPeriods).orderBy(desc(budgetPeriods.startsOn), asc(budgetPeriods.name));
}

export async function createPeriod(
  db: Database,
  input: { name: string; startsOn: string; endsOn: string },
  actorId: string,
) {
  const id = newId("per");
  const [inserted] = await writeBatch(db, [
    db
      .insert(budgetPeriods)
      .values({ id, ...input })
      .onConflictDoNothing(),
    sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail)
      SELECT ${newId("act")}, NULL, ${actorId}, 'period_created', ${JSON.stringify({ periodId: id, name: input.name })}
      WHERE changes() = 1`,
  ]);
  return inserted.meta.changes > 0 ? id : null;
}

/**
 * Allocates `amount` (negative to reduce) to a sponsor for a period, creating their budget on
 * first allocation. The budget's balance moves only if it stays at or above zero, and the
 * ledger entry is written only if it moved. Returns whether it moved, and `after`'s reads made
 * in the same batch (the budget as it now is: `budgetsPlan(db, { periodId, sponsorId })`).
 */
export async function allocate<const P extends readonly Plan[]>(
  db: Database,
  input: { periodId: string; sponsorId: string; amount: number; memo: string },
  actorId: string,
  ...after: P
) {
  const budgetId = newId("bud");
  const budgetOf = sql`(SELECT id FROM ${budgets} WHERE period_id = ${input.periodId} AND sponsor_id = ${input.sponsorId})`;
  const { written: results, read } = await writeThenRead(
    db,
    [
      // Only a positive allocation creates a budget: a refused reduction leaves nothing behind.
      sql`INSERT INTO ${budgets} (id, period_id, sponsor_id)
        SELECT ${budgetId}, ${input.periodId}, ${input.sponsorId} WHERE ${input.amount} > 0
        ON CONFLICT DO NOTHING`,
      sql`UPDATE ${budgets} SET remaining = remaining + ${input.amount}
        WHERE id = ${budgetOf} AND remaining + ${input.amount} >= 0`,
      sql`INSERT INTO ${ledgerEntries} (id, type, budget_id, amount, actor_id, memo)
        SELECT ${newId("led")}, 'allocation', ${budgetOf}, ${input.amount}, ${actorId}, ${input.memo}
        WHERE changes() = 1`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail)
        SELECT ${newId("act")}, NULL, ${actorId}, 'budget_allocated',
          json_object('budgetId', ${budgetOf}, 'sponsorId', ${input.sponsorId}, 'periodId', ${input.periodId}, 'amount', ${input.amount})
        WHERE changes() = 1`,
    ],
    ...after,
  );
  return { moved: results[2].meta.changes > 0, read };
}

/** What an allocation is checked against: whether its period exists, and the person it is for. */
export function allocationFactsPlan(db: Database, input: { periodId: string; sponsorId: string }) {
  return readPlan(
    [
      db.select({ id: budgetPeriods.id }).from(budgetPeriods).where(eq(budgetPeriods.id, input.periodId)).limit(1),
      db.select(personColumns).from(people).where(eq(people.id, input.sponsorId)).limit(1),
    ],
    ([periods, persons]) => ({
      periodExists: periods.length > 0,
      sponsor: persons[0] ? toMe(persons[0] as PersonRow) : null,
    }),
  );
}

// ─── Budgets ────────────────────────────────────────────────────────────────────────────────

export interface BudgetView extends BudgetBalance {
  id: string;
  period: { id: string; name: string; startsOn: string; endsOn: string };
  sponsor: { id: string; name: string };
  currency: string;
}

/** Which budgets `budgetsPlan` reads: a sponsor's, a period's, or these ids (all given filters hold). */
export interface BudgetFilter {
  sponsorId?: string;
  periodId?: string;
  budgetIds?: string[];
}

/**
 * Budgets with every figure derived from the ledger, in one round trip: the entries' sums per
 * budget, plus what each budget's pledges need to work out its share of spend.
 */
export async function listBudgets(db: Database, filter: BudgetFilter) {
  const [items] = await readTogether(db, budgetsPlan(db, filter));
  return items;
}

/** `listBudgets` as a plan, to read with a request's other facts or after its write. */
export function budgetsPlan(db: Database, filter: BudgetFilter) {
  const where = and(
    filter.sponsorId ? eq(budgets.sponsorId, filter.sponsorId) : undefined,
    filter.periodId ? eq(budgets.periodId, filter.periodId) : undefined,
    filter.budgetIds ? inArray(budgets.id, filter.budgetIds.length ? filter.budgetIds : [""]) : undefined,
  );
  const budgetIds = db.select({ id: budgets.id }).from(budgets).where(where);
  const queries = [
    db
      // Aliased: D1 batches key rows by column name, and three tables here have `id`.
      .select({
        id: budgets.id,
        periodId: sql<string>`${budgetPeriods.id}`.as("period_id_"),
        periodName: sql<string>`${budgetPeriods.name}`.as("period_name"),
        startsOn: budgetPeriods.startsOn,
        endsOn: budgetPeriods.endsOn,
        sponsorId: sql<string>`${people.id}`.as("sponsor_id_"),
        sponsorName: sql<string>`${people.name}`.as("sponsor_name"),
        currency: sql<string>`${currencyColumn}`.as("currency"),
      })
      .from(budgets)
      .innerJoin(budgetPeriods, eq(budgetPeriods.id, budgets.periodId))
      .innerJoin(people, eq(people.id, budgets.sponsorId))
      .where(where)
      .orderBy(desc(budgetPeriods.startsOn), asc(people.name)),
    db
      .select({
        budgetId: ledgerEntries.budgetId,
        type: ledgerEntries.type,
        amount: sql<number>`sum(${ledgerEntries.amount})`.as("amount"),
      })
      .from(ledgerEntries)
      .where(inArray(ledgerEntries.budgetId, budgetIds))
      .groupBy(ledgerEntries.budgetId, ledgerEntries.type),
    pledgeSharesQuery(db, inArray(pledges.budgetId, budgetIds)),
  ] as const;
  return readPlan(queries, ([rows, sums, shares]) => budgetViews(rows, sums, shares));
}

export function budgetViews(
  rows: {
    id: string;
    periodId: string;
    periodName: string;
    startsOn: string;
    endsOn: string;
    sponsorId: string;
    sponsorName: string;
    currency: string;
  }[],
  sums: { budgetId: string | null; type: string; amount: number }[],
  shares: PledgeShareRow[],
) {
  const spent = spentByBudget(shares);
  const sumsByBudget = new Map<string, { type: LedgerType; amount: number }[]>();
  for (const s of sums) {
    if (!s.budgetId) continue;
    const entry = { type: s.type as LedgerType, amount: Number(s.amount) };
    const list = sumsByBudget.get(s.budgetId);
    if (list) list.push(entry);
    else sumsByBudget.set(s.budgetId, [entry]);
  }
  return rows.map(
    (r): BudgetView => ({
      id: r.id,
      period: { id: r.periodId, name: r.periodName, startsOn: r.startsOn, endsOn: r.endsOn },
      sponsor: { id: r.sponsorId, name: r.sponsorName },
      currency: r.currency,
      ...budgetBalance(sumsByBudget.get(r.id) ?? [], spent.get(r.id) ?? 0),
    }),
  );
}

/**
 * Every pledge (not withdrawn) on the challenges that pledges matching `where` went to, with
 * what came back to it and its challenge's approved spend: enough to split spend by pledge.
 */
export function pledgeSharesQuery(db: Database, where: ReturnType<typeof and>) {
  return db
    .select({
      pledgeId: pledges.id,
      budgetId: pledges.budgetId,
      challengeId: pledges.challengeId,
      amount: pledges.amount,
      status: pledges.status,
      returned: sql<number>`(SELECT coalesce(sum(amount), 0) FROM ledger_entries r
        WHERE r.pledge_id = pledges.id AND r.type = 'return')`.as("returned"),
      challengeSpent: sql<number>`${challengeFigureSql("spent", sql`pledges.challenge_id`)}`.as("challenge_spent"),
    })
    .from(pledges)
    .where(
      and(
        sql`${pledges.status} <> 'withdrawn'`,
        inArray(pledges.challengeId, db.select({ id: pledges.challengeId }).from(pledges).where(where)),
      ),
    );
}

type PledgeShareRow = {
  pledgeId: string;
  budgetId: string;
  challengeId: string;
  amount: number;
  status: string;
  returned: number;
  challengeSpent: number;
};

function spentByBudget(rows: PledgeShareRow[]) {
  const byChallenge = new Map<string, PledgeShareRow[]>();
  for (const row of rows) {
    const group = byChallenge.get(row.challengeId);
    if (group) group.push(row);
    else byChallenge.set(row.challengeId, [row]);
  }
  const spent = new Map<string, number>();
  for (const group of byChallenge.values()) {
    const shares = spentShares(
      group.map((p) => ({
        key: p.budgetId,
        amount: p.amount,
        returned: p.status === "settled" ? Number(p.returned) : null,
      })),
      Number(group[0].challengeSpent),
    );
    for (const s of shares) spent.set(s.key, (spent.get(s.key) ?? 0) + s.amount);
  }
  return spent;
}

/** A budget's ledger entries, oldest first, to read with the budget. */
export function budgetEntriesPlan(db: Database, budgetId: string, limit: number) {
  return readPlan([ledgerRows(db, eq(ledgerEntries.budgetId, budgetId), limit)], ([rows]) => rows);
}

// ─── The challenge's money ──────────────────────────────────────────────────────────────────

function ledgerRows(db: Database, where: ReturnType<typeof eq>, limit: number) {
  return db
    .select({
      id: ledgerEntries.id,
      type: ledgerEntries.type,
      amount: ledgerEntries.amount,
      budgetId: ledgerEntries.budgetId,
      challengeId: ledgerEntries.challengeId,
      challengeTitle: sql<
        string | null
      >`(SELECT c.title FROM challenges c WHERE c.id = ledger_entries.challenge_id)`.as("challenge_title"),
      pledgeId: ledgerEntries.pledgeId,
      spendReportId: ledgerEntries.spendReportId,
      memo: ledgerEntries.memo,
      createdAt: ledgerEntries.createdAt,
      actorId: ledgerEntries.actorId,
      actorName: sql<string | null>`(SELECT p.name FROM people p WHERE p.id = ledger_entries.actor_id)`.as(
        "actor_name",
      ),
      approvedById: ledgerEntries.approvedById,
      approvedByName: sql<string | null>`(SELECT p.name FROM people p WHERE p.id = ledger_entries.approved_by_id)`.as(
        "approved_by_name",
      ),
      sponsorName: sql<string | null>`(SELECT p.name FROM budgets b JOIN people p ON p.id = b.sponsor_id
        WHERE b.id = ledger_entries.budget_id)`.as("sponsor_name"),
    })
    .from(ledgerEntries)
    .where(where)
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id))
    .limit(limit);
}

/** Everything about a challenge's money, in one round trip. */
export async function loadChallengeMoney(db: Database, challengeId: string) {
  const [money] = await readTogether(db, moneyPlan(db, challengeId));
  return money;
}

/** Everything about a challenge's money, to read with other plans. */
export function moneyPlan(db: Database, challengeId: string | SQL) {
  return readPlan(challengeMoneyQueries(db, challengeId), readChallengeMoney);
}

/** The reads of `loadChallengeMoney`. */
function challengeMoneyQueries(db: Database, challengeId: string | SQL) {
  return [
    // The totals come from SQL sums over every entry; the list of entries stops at the first 1000.
    db
      .select({ type: ledgerEntries.type, amount: sql<number>`sum(${ledgerEntries.amount})`.as("amount") })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.challengeId, challengeId))
      .groupBy(ledgerEntries.type),
    ledgerRows(db, eq(ledgerEntries.challengeId, challengeId), 1000),
    db
      .select({
        id: pledges.id,
        budgetId: pledges.budgetId,
        sponsorId: pledges.sponsorId,
        sponsorName: people.name,
        periodName: sql<string>`(SELECT bp.name FROM budgets b JOIN budget_periods bp ON bp.id = b.period_id
          WHERE b.id = pledges.budget_id)`.as("period_name"),
        amount: pledges.amount,
        status: pledges.status,
        createdAt: pledges.createdAt,
        endedAt: pledges.endedAt,
      })
      .from(pledges)
      .innerJoin(people, eq(people.id, pledges.sponsorId))
      .where(eq(pledges.challengeId, challengeId))
      .orderBy(asc(pledges.createdAt), asc(pledges.id)),
    db
      .select({
        id: spendReports.id,
        amount: spendReports.amount,
        description: spendReports.description,
        spentOn: spendReports.spentOn,
        status: spendReports.status,
        reporterId: spendReports.reporterId,
        reporterName: sql<string>`(SELECT p.name FROM people p WHERE p.id = spend_reports.reporter_id)`.as(
          "reporter_name",
        ),
        decidedById: spendReports.decidedById,
        decidedByName: sql<string | null>`(SELECT p.name FROM people p WHERE p.id = spend_reports.decided_by_id)`.as(
          "decided_by_name",
        ),
        decisionNote: spendReports.decisionNote,
        decidedAt: spendReports.decidedAt,
        createdAt: spendReports.createdAt,
      })
      .from(spendReports)
      .where(eq(spendReports.challengeId, challengeId))
      .orderBy(desc(spendReports.createdAt), desc(spendReports.id)),
    db.select({ currency: currencyColumn }).from(sql`(SELECT 1)`),
  ] as const;
}

export function readChallengeMoney([totals, entries, pledgeRows, spends, currency]: BatchResults<
  ReturnType<typeof challengeMoneyQueries>
>) {
  const funding = challengeFunding(totals.map((t) => ({ type: t.type, amount: Number(t.amount) })));
  const pendingSpend = spends.filter((s) => s.status === "pending").reduce((sum, s) => sum + s.amount, 0);
  return { entries, pledges: pledgeRows, spends, funding, pendingSpend, currency: currency[0]?.currency ?? "USD" };
}
export type ChallengeMoney = Awaited<ReturnType<typeof loadChallengeMoney>>;

// ─── Pledges ────────────────────────────────────────────────────────────────────────────────

/**
 * Pledges `amount` from a budget to an open challenge in one atomic batch:
 *   1. the budget's balance drops only if it covers the amount, the challenge is still open and
 *      the pledge does not pass what the ask still needs (one conditional UPDATE);
 *   2. the pledge, its ledger entry and its activity are written only if that UPDATE did;
 *   3. if the pledges now meet the ask, the challenge becomes funded (SPEC §3), with its entry.
 * Returns whether the pledge was made and whether it funded the challenge, and `after`'s reads
 * made in the same batch (what is true now, whether or not it was made).
 */
export async function pledge<const P extends readonly Plan[]>(
  db: Database,
  input: { challengeId: string; budgetId: string; sponsorId: string; amount: number },
  ...after: P
) {
  const pledgeId = newId("pl");
  const now = new Date().toISOString();
  const { challengeId, budgetId, sponsorId, amount } = input;
  const activePledged = activePledgedSql(challengeId);
  const pledgeMade = sql`EXISTS (SELECT 1 FROM ${pledges} WHERE id = ${pledgeId})`;
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`UPDATE ${budgets} SET remaining = remaining - ${amount}
      WHERE id = ${budgetId} AND remaining >= ${amount}
        AND EXISTS (SELECT 1 FROM ${challenges} c WHERE c.id = ${challengeId} AND c.stage = 'open'
          AND (coalesce(c.funding_ask, 0) = 0 OR ${amount} <= coalesce(c.funding_ask, 0) - ${activePledged}))`,
      sql`INSERT INTO ${pledges} (id, challenge_id, budget_id, sponsor_id, amount, created_at)
      SELECT ${pledgeId}, ${challengeId}, ${budgetId}, ${sponsorId}, ${amount}, ${now} WHERE changes() = 1`,
      sql`INSERT INTO ${ledgerEntries} (id, type, budget_id, challenge_id, pledge_id, amount, actor_id, created_at)
      SELECT ${newId("led")}, 'pledge', ${budgetId}, ${challengeId}, ${pledgeId}, ${amount}, ${sponsorId}, ${now}
      WHERE ${pledgeMade}`,
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${challengeId}, ${sponsorId}, 'pledged', ${JSON.stringify({ pledgeId, amount })}, ${now}
      WHERE ${pledgeMade}`,
      ...fundWhenAskMet(challengeId, now, pledgeMade),
      notify(
        recipients.leadsOf(challengeId),
        { kind: "pledge_received", challengeId, actorId: sponsorId, data: { pledgeId, amount } },
        pledgeMade,
      ),
    ],
    ...after,
  );
  return { made: results[1].meta.changes > 0, funded: results[4].meta.changes > 0, pledgeId, read };
}

/**
 * An open challenge becomes funded once its pledges meet the ask (SPEC §3): the funding rule of
 * worker/domain/lifecycle.ts `isFullyFunded`, evaluated inside the batch where it cannot race,
 * with its activity entry and the followers' notice. The last pledge ends in these statements,
 * and so does lowering the ask to exactly what is pledged (SPEC §14). `when` adds a condition
 * of the caller's batch (the pledge was made).
 */
export function fundWhenAskMet(challengeId: string, now: string, when: Statement = sql`1`): Statement[] {
  const activePledges = sql`FROM ${pledges} WHERE challenge_id = ${challengeId} AND status = 'active'`;
  return [
    sql`UPDATE ${challenges} SET stage = 'funded', stage_changed_at = ${now}, updated_at = ${now}
      WHERE id = ${challengeId} AND stage = 'open' AND ${when}
        AND (CASE WHEN coalesce(funding_ask, 0) = 0
          THEN (SELECT count(*) ${activePledges}) > 0
          ELSE (SELECT coalesce(sum(amount), 0) ${activePledges}) >= funding_ask END)`,
    recordActivityIfChanged({ challengeId, actorId: null, action: "funded", detail: { from: "open", to: "funded" } }),
    notify(
      recipients.followersOf(challengeId),
      { kind: "stage_changed", challengeId, actorId: null, data: { from: "open", to: "funded" } },
      sql`EXISTS (SELECT 1 FROM ${challenges} WHERE id = ${challengeId} AND stage = 'funded' AND stage_changed_at = ${now})`,
    ),
  ];
}

/** An open challenge's pledged total (active pledges), as SQL, for conditions that must not race. */
export function activePledgedSql(challengeId: string) {
  return sql`(SELECT coalesce(sum(amount), 0) FROM ${pledges} WHERE challenge_id = ${challengeId} AND status = 'active')`;
}

/**
 * Withdraws an active pledge while its challenge is open: the pledge ends, its amount goes
 * back to the budget and the ledger says so, all or nothing. `after` is read in the same batch.
 */
export async function withdrawPledge<const P extends readonly Plan[]>(
  db: Database,
  p: { id: string; budgetId: string; challengeId: string; amount: number },
  actorId: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`UPDATE ${pledges} SET status = 'withdrawn', ended_at = ${now}
      WHERE id = ${p.id} AND status = 'active'
        AND EXISTS (SELECT 1 FROM ${challenges} WHERE id = ${p.challengeId} AND stage = 'open')`,
      sql`UPDATE ${budgets} SET remaining = remaining + ${p.amount} WHERE id = ${p.budgetId} AND changes() = 1`,
      sql`INSERT INTO ${ledgerEntries} (id, type, budget_id, challenge_id, pledge_id, amount, actor_id, created_at)
      SELECT ${newId("led")}, 'pledge_withdrawal', ${p.budgetId}, ${p.challengeId}, ${p.id}, ${p.amount}, ${actorId}, ${now}
      WHERE changes() = 1`,
      recordActivityIfChanged({
        challengeId: p.challengeId,
        actorId,
        action: "pledge_withdrawn",
        detail: { pledgeId: p.id, amount: p.amount },
      }),
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

/** A pledge (null when there is none), to read with its challenge (`challengeOfPledge`). */
export function pledgePlan(db: Database, id: string) {
  return readPlan([db.select().from(pledges).where(eq(pledges.id, id)).limit(1)], ([rows]) => rows[0] ?? null);
}

/** The challenge a pledge went to, as SQL, so the challenge is read with the pledge. */
export const challengeOfPledge = (id: string) => sql`(SELECT challenge_id FROM ${pledges} WHERE id = ${id})`;

// ─── Closing: returns of unspent money ──────────────────────────────────────────────────────

/**
 * The statements that return a closing challenge's unspent money to its sponsors, split by
 * pledge (worker/domain/ledger.ts `returnShares`), and settle its pledges. They run in the
 * same batch as the stage change, before it, and only while the money is as it was read
 * (`guard`), so a pledge or spend that lands in between makes the whole close a no-op.
 */
export function settlementStatements(
  money: Pick<ChallengeMoney, "pledges" | "funding">,
  challengeId: string,
  fromStage: Stage,
  actorId: string | null,
  now: string,
  /** A further condition the whole close rests on (e.g. a merge request still pending). */
  extraGuard?: Statement,
): { guard: Statement; statements: Statement[]; returns: { pledgeId: string; budgetId: string; amount: number }[] } {
  const active = money.pledges.filter((p) => p.status === "active");
  // The same pledges, not just the same sum: a pledge withdrawn and an equal one made meanwhile
  // would otherwise send the new pledge's money back to the withdrawn one.
  const activeIds = `,${active.map((p) => p.id).join(",")},`;
  const guard = sql`EXISTS (SELECT 1 FROM ${challenges} WHERE id = ${challengeId} AND stage = ${fromStage})
    AND (SELECT coalesce(sum(amount), 0) FROM ${pledges} WHERE challenge_id = ${challengeId} AND status = 'active') = ${money.funding.pledged - money.funding.returned}
    AND (SELECT count(*) FROM ${pledges} WHERE challenge_id = ${challengeId} AND status = 'active') = ${active.length}
    AND NOT EXISTS (SELECT 1 FROM ${pledges} WHERE challenge_id = ${challengeId} AND status = 'active'
      AND instr(${activeIds}, ',' || id || ',') = 0)
    AND ${challengeFigureSql("spent", sql`${challengeId}`)} = ${money.funding.spent}
    ${extraGuard ? sql`AND ${extraGuard}` : sql``}`;
  const shares = returnShares(
    active.map((p) => ({ key: p, amount: p.amount })),
    money.funding,
  );
  const statements: Statement[] = [];
  for (const { key: p, amount } of shares) {
    statements.push(
      sql`INSERT INTO ${ledgerEntries} (id, type, budget_id, challenge_id, pledge_id, amount, actor_id, created_at)
        SELECT ${sqlLedgerId}, 'return', ${p.budgetId}, ${challengeId}, ${p.id}, ${amount}, ${actorId}, ${now} WHERE ${guard}`,
      sql`UPDATE ${budgets} SET remaining = remaining + ${amount} WHERE id = ${p.budgetId} AND ${guard}`,
    );
  }
  return {
    guard,
    statements,
    returns: shares.map(({ key: p, amount }) => ({ pledgeId: p.id, budgetId: p.budgetId, amount })),
  };
}

/** Settles the pledges of a challenge that has just closed (after its stage change in the batch). */
export function settlePledgesStatement(challengeId: string, toStage: Stage, now: string): Statement {
  return sql`UPDATE ${pledges} SET status = 'settled', ended_at = ${now}
    WHERE challenge_id = ${challengeId} AND status = 'active'
      AND EXISTS (SELECT 1 FROM ${challenges} WHERE id = ${challengeId} AND stage = ${toStage})`;
}

// ─── Spend ──────────────────────────────────────────────────────────────────────────────────

/**
 * Records a spend report, only if the challenge's unspent money (less pending reports) covers
 * it. Returns its id (null when refused) and `after`'s reads, made in the same batch.
 */
export async function reportSpend<const P extends readonly Plan[]>(
  db: Database,
  input: { challengeId: string; reporterId: string; amount: number; description: string; spentOn: string },
  ...after: P
) {
  const id = newId("sp");
  const { challengeId, amount } = input;
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`INSERT INTO ${spendReports} (id, challenge_id, reporter_id, amount, description, spent_on)
      SELECT ${id}, ${challengeId}, ${input.reporterId}, ${amount}, ${input.description}, ${input.spentOn}
      WHERE EXISTS (SELECT 1 FROM ${challenges} WHERE id = ${challengeId} AND ${stageIn(sql`stage`, SPENDING_STAGES)})
        AND ${amount} <= ${challengeFigureSql("unspent", sql`${challengeId}`)}
          - (SELECT coalesce(sum(amount), 0) FROM ${spendReports} WHERE challenge_id = ${challengeId} AND status = 'pending')`,
      recordActivityIfChanged({
        challengeId,
        actorId: input.reporterId,
        action: "spend_reported",
        detail: { spendReportId: id, amount, description: input.description },
      }),
      // The sponsors decide it: it waits in their inbox until one of them does.
      notify(
        recipients.sponsorsOf(challengeId),
        {
          kind: "spend_reported",
          challengeId,
          actorId: input.reporterId,
          data: { spendReportId: id, amount, description: input.description.slice(0, 200) },
        },
        sql`EXISTS (SELECT 1 FROM ${spendReports} WHERE id = ${id})`,
      ),
    ],
    ...after,
  );
  return { id: results[0].meta.changes > 0 ? id : null, read };
}

/** A spend report (null when there is none), to read with its challenge (`challengeOfSpendReport`). */
export function spendReportPlan(db: Database, id: string) {
  return readPlan(
    [db.select().from(spendReports).where(eq(spendReports.id, id)).limit(1)],
    ([rows]) => rows[0] ?? null,
  );
}

/** The challenge a spend report is about, as SQL, so the challenge is read with the report. */
export const challengeOfSpendReport = (id: string) => sql`(SELECT challenge_id FROM ${spendReports} WHERE id = ${id})`;

/**
 * Approves or declines a pending spend report. An approval writes the spend to the ledger,
 * naming who approved it, only if the challenge still has the unspent money for it. `after` is
 * read in the same batch.
 */
export async function decideSpend<const P extends readonly Plan[]>(
  db: Database,
  report: { id: string; challengeId: string; amount: number },
  decision: "approve" | "decline",
  deciderId: string,
  note: string,
  ...after: P
) {
  const now = new Date().toISOString();
  const status = decision === "approve" ? "approved" : "declined";
  const unspent = challengeFigureSql("unspent", sql`${report.challengeId}`);
  const { written: results, read } = await writeThenRead(
    db,
    [
      sql`UPDATE ${spendReports} SET status = ${status}, decided_by_id = ${deciderId}, decision_note = ${note}, decided_at = ${now}
      WHERE id = ${report.id} AND status = 'pending'
        AND EXISTS (SELECT 1 FROM ${challenges} WHERE id = ${report.challengeId} AND ${stageIn(sql`stage`, SPENDING_STAGES)})
        AND (${status} = 'declined' OR ${report.amount} <= ${unspent})`,
      ...(decision === "approve"
        ? [
            sql`INSERT INTO ${ledgerEntries} (id, type, challenge_id, spend_report_id, amount, actor_id, approved_by_id, memo, created_at)
            SELECT ${newId("led")}, 'spend', ${report.challengeId}, ${report.id}, ${report.amount},
              (SELECT reporter_id FROM spend_reports WHERE id = ${report.id}), ${deciderId},
              (SELECT description FROM spend_reports WHERE id = ${report.id}), ${now}
            WHERE changes() = 1`,
          ]
        : []),
      sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at)
      SELECT ${newId("act")}, ${report.challengeId}, ${deciderId}, ${`spend_${status}`},
        ${JSON.stringify({ spendReportId: report.id, amount: report.amount, note })}, ${now}
      WHERE EXISTS (SELECT 1 FROM ${spendReports} WHERE id = ${report.id} AND decided_at = ${now} AND decided_by_id = ${deciderId})`,
    ],
    ...after,
  );
  return { ok: results[0].meta.changes > 0, read };
}

/** What a close with returns moves, and the statements and condition it rides with. */
interface CloseArgs {
  id: string;
  from: Stage;
  to: Stage;
  cycle: number;
  actorId: string;
  activity: string;
  detail?: Record<string, unknown>;
  now?: string;
  /** More statements for the same batch, after the stage change (e.g. the decision record). */
  after?: Statement[];
  /** A further condition for the whole close, checked in the same batch. */
  guard?: Statement;
}

/**
 * Closes a challenge that holds money (withdrawn from open; later, stop or scale): its unspent
 * money returns to the sponsors' budgets, split by pledge, its pledges settle and its stage
 * moves, in one batch that happens only if nothing changed since the money was read.
 * Returns whether it moved and what went back to whom.
 */
export async function closeWithReturns(db: Database, args: CloseArgs) {
  const money = await loadChallengeMoney(db, args.id);
  const { moved, returns } = await closeWithMoneyThenRead(db, { ...args, money });
  return { moved, returns };
}

/**
 * `closeWithReturns` over the money the caller read with its other facts (`moneyPlan`), reading
 * `plans` back in the close's own batch: one round trip. The close's guard compares the money
 * with what was read, so a pledge, withdrawal or spend since makes it a no-op.
 */
export async function closeWithMoneyThenRead<const P extends readonly Plan[]>(
  db: Database,
  args: CloseArgs & { money: Pick<ChallengeMoney, "pledges" | "funding"> },
  ...plans: P
) {
  const { money, ...move } = args;
  const now = args.now ?? new Date().toISOString();
  const { guard, statements, returns } = settlementStatements(money, args.id, args.from, args.actorId, now, args.guard);
  const { moved, read } = await moveStageThenRead(
    db,
    {
      ...move,
      now,
      detail: { ...args.detail, returned: returns.reduce((sum, r) => sum + r.amount, 0) },
      before: statements,
      guard,
      after: [settlePledgesStatement(args.id, args.to, now), ...(args.after ?? [])],
    },
    ...plans,
  );
  return { moved, returns, read };
}
