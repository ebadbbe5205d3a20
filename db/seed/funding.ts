/**
 * The demo organisation's money (SPEC §5): budget periods around `now`, a budget per sponsor and
 * period with its allocations, pledges that take every challenge exactly as far as its stage
 * says, the spend its lead reported, and the unspent money that came back when it closed.
 *
 * Rows are shaped the way worker/services/funding.ts writes them (the same ledger entries,
 * activities and details), returns are split by worker/domain/ledger.ts `returnShares`, and
 * every budget's `remaining` is derived from the entries written here, so what the API derives
 * from the ledger agrees with the stored balances. `buildFunding` checks all of that before it
 * returns, and refuses to produce a demo that breaks a money rule.
 */
import type { Faker } from "@faker-js/faker";
import { budgetBalance, challengeFunding, type LedgerType, returnShares } from "../../worker/domain/ledger";
import { CATALOGUE } from "./challenge-catalogue";
import type { DemoActivity, DemoChallenge } from "./challenges";
import { type DemoPerson, WELL_KNOWN, WELL_KNOWN_EMAILS } from "./people";
import { type Clock, days, demoId, minutes, seededFaker } from "./random";

export interface DemoPeriod {
  id: string;
  name: string;
  /** Inclusive ISO dates. */
  startsOn: string;
  endsOn: string;
  createdAt: number;
}

export interface DemoBudget {
  id: string;
  periodId: string;
  sponsorId: string;
  /** allocated − (pledged − withdrawn) + returned, from this budget's ledger entries. */
  remaining: number;
  createdAt: number;
}

export interface DemoPledge {
  id: string;
  challengeId: string;
  budgetId: string;
  sponsorId: string;
  amount: number;
  status: "active" | "withdrawn" | "settled";
  createdAt: number;
  endedAt: number | null;
}

export interface DemoSpendReport {
  id: string;
  challengeId: string;
  reporterId: string;
  amount: number;
  description: string;
  /** ISO date. */
  spentOn: string;
  status: "pending" | "approved" | "declined";
  decidedById: string | null;
  decisionNote: string;
  decidedAt: number | null;
  createdAt: number;
}

export interface DemoLedgerEntry {
  id: string;
  type: LedgerType;
  budgetId: string | null;
  challengeId: string | null;
  pledgeId: string | null;
  spendReportId: string | null;
  amount: number;
  actorId: string | null;
  approvedById: string | null;
  memo: string;
  createdAt: number;
}

export interface DemoFundingActivity extends DemoActivity {
  challengeId: string | null;
}

export interface DemoFunding {
  periods: DemoPeriod[];
  budgets: DemoBudget[];
  pledges: DemoPledge[];
  spendReports: DemoSpendReport[];
  ledger: DemoLedgerEntry[];
  activities: DemoFundingActivity[];
  /**
   * Stage entries of challenges that closed holding money (withdrawn from open, decided scale or
   * stop), whose detail gains `returned` as worker/services/funding.ts `closeWithReturns` writes it.
   */
  stageDetails: { activityId: string; detail: Record<string, unknown> }[];
  /**
   * An open challenge with an ask and no pledges at all, left for sponsor@ and sponsor2@ to fund
   * (the browser test pledges to it until it is funded).
   */
  pledgeTargetId: string;
}

/**
 * The well-known sponsors pledge only to these challenges (everyone else's pledges are drawn at
 * random), so tests and documentation know where their money is.
 */
const NAMED_SPONSORS: Readonly<Record<string, readonly string[]>> = {
  "search-relevance": [WELL_KNOWN.sponsor],
  "batch-spend": [WELL_KNOWN.sponsor],
  "egress-cache": [WELL_KNOWN.sponsor],
  "onboarding-ttfv": [WELL_KNOWN.sponsor2],
  "usage-billing": [WELL_KNOWN.sponsor2],
};
/**
 * Open challenges no sponsor has answered since they were published weeks ago, so the leadership
 * dashboard lists them past the response deadline (SPEC §8). Their sponsors are still drawn, and
 * then pass, so every other challenge's sponsors stay as they were.
 */
const UNANSWERED: readonly string[] = ["seller-ramp"];
/** Challenges whose latest spend report awaits a sponsor: sponsor@ and sponsor2@ each have one to decide. */
const PENDING_SPEND: readonly string[] = ["batch-spend", "usage-billing"];
/** The challenge with the one declined spend report. */
const DECLINED_SPEND = "churn-forecast";
/** What a sponsor's budget keeps free in the current period at least: room for the browser test's pledges. */
const WELL_KNOWN_HEADROOM = 5_000_000;

/** Pledges come in whole $500 steps. */
const PLEDGE_UNIT = 50_000;
const HOUR = minutes(60);
const SPENDING = ["active", "showcase", "reviewed", "archived"] as const;
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const DECLINED_REPORTS: { description: string; note: string }[] = [
  {
    description: "Conference travel: two of the team to present early results at a practitioners' meetup",
    note: "Travel is not in the funding breakdown. Please claim it from your department's travel budget.",
  },
  {
    description: "Team dinner to celebrate the pilot going live",
    note: "Lovely idea, but the pledge covers the work itself. The team-events budget is the place for this one.",
  },
  {
    description: "Two standing desks for the project room",
    note: "Furniture goes through Workplace, who can lend these for the duration. Declining here so it is not paid twice.",
  },
];

// ─── Quarters ───────────────────────────────────────────────────────────────────────────────

/**
 * Budget periods are fiscal quarters. The fiscal year starts on 1 October and is named after the
 * calendar year it ends in, so November 2026 is in FY27-Q1 and the quarters fall on calendar
 * quarter boundaries. `index` counts calendar quarters: year × 4 + (month ÷ 3).
 */
interface Quarter {
  index: number;
  name: string;
  /** First moment of the quarter, and of the next one (UTC). */
  start: number;
  next: number;
  startsOn: string;
  endsOn: string;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function quarterIndexOf(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
}

function quarter(index: number): Quarter {
  const year = Math.floor(index / 4);
  const q = index % 4;
  const start = Date.UTC(year, q * 3, 1);
  const next = Date.UTC(year, q * 3 + 3, 1);
  const fiscalYear = q === 3 ? year + 1 : year;
  return {
    index,
    name: `FY${String(fiscalYear % 100).padStart(2, "0")}-Q${((q + 1) % 4) + 1}`,
    start,
    next,
    startsOn: isoDate(start),
    endsOn: isoDate(next - days(1)),
  };
}

// ─── Drawing moments and amounts ────────────────────────────────────────────────────────────

/** A moment in [from, to], in whole minutes from `from`. */
function momentIn(f: Faker, from: number, to: number): number {
  if (to < from) throw new Error(`Empty window ${new Date(from).toISOString()}–${new Date(to).toISOString()}`);
  return from + minutes(f.number.int({ min: 0, max: Math.floor((to - from) / 60_000) }));
}

/** `n` distinct moments in [from, to], in order. */
function momentsIn(f: Faker, from: number, to: number, n: number): number[] {
  const moments = Array.from({ length: n }, () => momentIn(f, from, to)).sort((a, b) => a - b);
  for (let i = 1; i < moments.length; i++) {
    if (moments[i] <= moments[i - 1]) moments[i] = moments[i - 1] + 1000;
  }
  return moments;
}

/** `total` in up to `parts` shares of whole pledge units, each at least one; odd cents join the largest. */
function splitAmount(f: Faker, total: number, parts: number): number[] {
  const units = Math.floor(total / PLEDGE_UNIT);
  if (units === 0) return [total];
  const n = Math.max(1, Math.min(parts, units));
  const weights = Array.from({ length: n }, () => f.number.int({ min: 2, max: 6 }));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.max(1, Math.floor((units * w) / weightSum)));
  const largest = () => shares.indexOf(Math.max(...shares));
  let sum = shares.reduce((a, b) => a + b, 0);
  for (; sum > units; sum--) shares[largest()]--;
  for (; sum < units; sum++) shares[largest()]++;
  const amounts = shares.map((s) => s * PLEDGE_UNIT);
  amounts[largest()] += total - units * PLEDGE_UNIT;
  return amounts;
}

/** Part of a line item's unspent money, as an invoice would state it: whole dollars, sometimes cents. */
function invoiceAmount(f: Faker, left: number, share: [number, number]): number {
  const dollars = Math.floor((left * f.number.float({ min: share[0], max: share[1] })) / 100);
  const cents = f.datatype.boolean(0.4) ? f.number.int({ min: 1, max: 99 }) : 0;
  return Math.min(left, Math.max(100, dollars * 100 + cents));
}

const ORDINALS = ["first", "second", "third", "fourth"];

/** What the lead writes on a spend report: the line of the funding breakdown, and which bill it is. */
function describeSpend(f: Faker, line: string, spentOn: number, nth: number): string {
  const month = MONTHS[new Date(spentOn).getUTCMonth()];
  const l = line.toLowerCase();
  if (/incentive|compensation|participant|sessions|judgements|recruiting/.test(l)) {
    return `${line}: ${f.number.int({ min: 6, max: 24 })} participants in ${month}`;
  }
  if (/review|audit|assessment|installation|commission|translation/.test(l))
    return `${line}: ${ORDINALS[nth]} milestone`;
  if (/contractor|support|paralegal|hours/.test(l))
    return `${line}: ${f.number.int({ min: 2, max: 9 })} days in ${month}`;
  if (/credits/.test(l)) return `${line}: ${f.number.int({ min: 3, max: 12 })} pilot accounts, ${month}`;
  if (/data|kits|keys|hardware|shipping/.test(l)) return `${line}: ${ORDINALS[nth]} delivery`;
  if (
    /compute|capacity|cluster|nodes|infrastructure|pipeline|storage|serving|training|runners|lab|testing|scoring/.test(
      l,
    )
  ) {
    return `${line}: ${month} usage`;
  }
  return `${line}: ${month} invoice`;
}

// ─── The builder ────────────────────────────────────────────────────────────────────────────

interface BudgetDraft {
  id: string;
  quarter: Quarter;
  sponsor: DemoPerson;
}

export function buildFunding(clock: Clock, people: DemoPerson[], challenges: DemoChallenge[]): DemoFunding {
  const now = clock.now;
  const byId = new Map(people.map((p) => [p.id, p]));
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const sponsors = people.filter((p) => p.roles.includes("sponsor"));
  const admins = people.filter((p) => p.roles.includes("admin"));
  const admin = byEmail.get(WELL_KNOWN.admin);
  if (!admin || sponsors.length < 3) throw new Error("The demo needs admin@ and at least three sponsors");
  const catalogue = new Map(CATALOGUE.map((e) => [e.key, e]));
  const byKey = new Map(challenges.map((c) => [c.key, c]));
  const expectStage = (key: string, stages: readonly string[]) => {
    const c = byKey.get(key);
    if (!c || !stages.includes(c.stage)) throw new Error(`Demo funding expects "${key}" in ${stages.join("/")}`);
  };
  for (const key of Object.keys(NAMED_SPONSORS)) expectStage(key, ["open", "funded", ...SPENDING]);
  for (const key of PENDING_SPEND) expectStage(key, ["active", "showcase"]);
  for (const key of UNANSWERED) expectStage(key, ["open"]);
  expectStage(DECLINED_SPEND, ["active", "showcase"]);

  const pledges: DemoPledge[] = [];
  const spendReports: DemoSpendReport[] = [];
  const ledger: DemoLedgerEntry[] = [];
  const activities: DemoFundingActivity[] = [];
  const stageDetails: DemoFunding["stageDetails"] = [];
  const budgets = new Map<string, BudgetDraft>();
  /** How many challenges each sponsor backs with money, to spread pledges around. */
  const load = new Map<string, number>();

  const budgetFor = (sponsor: DemoPerson, at: number): BudgetDraft => {
    const q = quarter(quarterIndexOf(at));
    const key = `${q.index}:${sponsor.id}`;
    let budget = budgets.get(key);
    if (!budget) {
      budget = { id: demoId("bud", `${q.name}:${sponsor.email}`), quarter: q, sponsor };
      budgets.set(key, budget);
    }
    return budget;
  };

  const entry = (e: Omit<DemoLedgerEntry, "id">, key: string) => {
    const made = { id: demoId("led", key), ...e };
    ledger.push(made);
    return made;
  };
  const activity = (key: string, a: Omit<DemoFundingActivity, "id">) => {
    activities.push({ id: demoId("act", `funding:${key}`), ...a });
  };

  // The open challenge left for the browser test: the one ic@ leads, else any with a mid-sized ask.
  const ic = byEmail.get(WELL_KNOWN.ic);
  const open = challenges.filter((c) => c.stage === "open");
  const target =
    open.find((c) => c.leadId === ic?.id && c.fundingAsk > 0) ??
    open.find((c) => c.fundingAsk >= 1_000_000 && c.fundingAsk <= 4_000_000 && !NAMED_SPONSORS[c.key]);
  if (!target) throw new Error("No open challenge with an ask of $10,000–$40,000 to leave for the browser test");

  // A few sponsors pledge and then think better of it while the challenge is open.
  const fw = seededFaker("funding:withdrawals");
  const withdrawing = new Set([
    ...fw.helpers.arrayElements(
      open.filter((c) => c.fundingAsk > 0 && c !== target).map((c) => c.key),
      2,
    ),
    fw.helpers.arrayElement(
      challenges
        .filter((c) => ["funded", "active", "showcase"].includes(c.stage) && c.fundingAsk > 0)
        .map((c) => c.key),
    ),
  ]);

  const pickSponsors = (f: Faker, c: DemoChallenge, count: number): DemoPerson[] => {
    const chosen = (NAMED_SPONSORS[c.key] ?? []).map((email) => byEmail.get(email)!);
    const lead = byId.get(c.leadId)!;
    while (chosen.length < count) {
      const pool = sponsors.filter(
        (s) => !WELL_KNOWN_EMAILS.has(s.email) && s.id !== c.leadId && s.id !== c.coLeadId && !chosen.includes(s),
      );
      chosen.push(
        f.helpers.weightedArrayElement(
          pool.map((s) => ({
            value: s,
            weight: (s.disciplineId === lead.disciplineId ? 4 : 1) / (1 + (load.get(s.id) ?? 0)),
          })),
        ),
      );
    }
    for (const s of chosen) load.set(s.id, (load.get(s.id) ?? 0) + 1);
    return chosen;
  };

  /** Per challenge: numbered ids, and the entries the app writes for each money move. */
  const moneyOf = (c: DemoChallenge) => {
    let n = 0;
    const next = () => `${c.key}:${n++}`;
    const pledge = (sponsor: DemoPerson, amount: number, at: number) => {
      const budget = budgetFor(sponsor, at);
      const p: DemoPledge = {
        id: demoId("pl", next()),
        challengeId: c.id,
        budgetId: budget.id,
        sponsorId: sponsor.id,
        amount,
        status: "active",
        createdAt: at,
        endedAt: null,
      };
      pledges.push(p);
      const common = { challengeId: c.id, spendReportId: null, approvedById: null, memo: "" };
      entry(
        { ...common, type: "pledge", budgetId: budget.id, pledgeId: p.id, amount, actorId: sponsor.id, createdAt: at },
        next(),
      );
      activity(next(), {
        challengeId: c.id,
        actorId: sponsor.id,
        action: "pledged",
        detail: { pledgeId: p.id, amount },
        createdAt: at,
      });
      return p;
    };
    const withdraw = (p: DemoPledge, at: number) => {
      p.status = "withdrawn";
      p.endedAt = at;
      entry(
        {
          type: "pledge_withdrawal",
          budgetId: p.budgetId,
          challengeId: c.id,
          pledgeId: p.id,
          spendReportId: null,
          amount: p.amount,
          actorId: p.sponsorId,
          approvedById: null,
          memo: "",
          createdAt: at,
        },
        next(),
      );
      activity(next(), {
        challengeId: c.id,
        actorId: p.sponsorId,
        action: "pledge_withdrawn",
        detail: { pledgeId: p.id, amount: p.amount },
        createdAt: at,
      });
    };
    /** Closing with money: the unspent remainder goes back split by pledge, and the pledges settle. */
    const close = (stageAction: string, at: number) => {
      const stageEntry = c.activities.find((a) => a.action === stageAction);
      if (!stageEntry) throw new Error(`Demo challenge "${c.key}" has no ${stageAction} entry`);
      const active = pledges
        .filter((p) => p.challengeId === c.id && p.status === "active")
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      const funding = challengeFunding(ledger.filter((e) => e.challengeId === c.id));
      const shares = returnShares(
        active.map((p) => ({ key: p, amount: p.amount })),
        funding,
      );
      for (const { key: p, amount } of shares) {
        entry(
          {
            type: "return",
            budgetId: p.budgetId,
            challengeId: c.id,
            pledgeId: p.id,
            spendReportId: null,
            amount,
            actorId: stageEntry.actorId,
            approvedById: null,
            memo: "",
            createdAt: at,
          },
          next(),
        );
      }
      for (const p of active) {
        p.status = "settled";
        p.endedAt = at;
      }
      const returned = shares.reduce((sum, s) => sum + s.amount, 0);
      stageDetails.push({ activityId: stageEntry.id, detail: { ...stageEntry.detail, returned } });
    };
    return { next, pledge, withdraw, close };
  };

  for (const c of challenges) {
    const f = seededFaker(`funding:${c.key}`);
    const money = moneyOf(c);
    const t = c.timeline;
    const ask = c.fundingAsk;
    const lead = byId.get(c.leadId)!;

    if (c.stage === "draft" || (c.stage === "withdrawn" && t.published === undefined)) continue;

    if (c.stage === "open" || c.stage === "withdrawn") {
      // Partial pledges only: reaching the ask would have funded it. An ask of 0 takes no pledge at all,
      // since one pledge of 0 would fund it too.
      if (c === target || ask === 0) continue;
      const closes = c.stage === "withdrawn" ? t.withdrawn! : null;
      const partial = closes !== null || NAMED_SPONSORS[c.key] !== undefined || f.datatype.boolean(0.7);
      const count = partial ? Math.max(NAMED_SPONSORS[c.key]?.length ?? 0, f.number.int({ min: 1, max: 2 })) : 0;
      const units = Math.floor(ask / PLEDGE_UNIT);
      const total =
        Math.min(units - 1, Math.max(1, Math.round(units * f.number.float({ min: 0.2, max: 0.7 })))) * PLEDGE_UNIT;
      const amounts = partial ? splitAmount(f, total, count) : [];
      const withdrawal = withdrawing.has(c.key);
      const cast = pickSponsors(f, c, amounts.length + (withdrawal ? 1 : 0));
      const end = closes !== null ? closes - days(1) : now - HOUR;
      const times = momentsIn(f, t.published! + 2 * HOUR, end, amounts.length + (withdrawal ? 2 : 0));
      if (UNANSWERED.includes(c.key)) continue;
      if (withdrawal) {
        const w = f.number.int({ min: 1, max: Math.max(1, Math.floor(units / 2)) }) * PLEDGE_UNIT;
        money.withdraw(money.pledge(cast[amounts.length], w, times[0]), times[1]);
      }
      const offset = withdrawal ? 2 : 0;
      amounts.forEach((amount, i) => {
        money.pledge(cast[i], amount, times[offset + i]);
      });
      if (closes !== null) money.close("withdrawn", closes);
      continue;
    }

    // funded and beyond: pledges met the ask exactly, the last one at the moment it was funded.
    const funded = t.funded!;
    const amounts = ask === 0 ? [0] : splitAmount(f, ask, f.number.int({ min: 1, max: ask <= 800_000 ? 2 : 3 }));
    const named = NAMED_SPONSORS[c.key]?.length ?? 0;
    while (amounts.length < named) amounts.push(...splitAmount(f, amounts.pop()!, 2));
    const withdrawal = withdrawing.has(c.key);
    const cast = pickSponsors(f, c, amounts.length + (withdrawal ? 1 : 0));
    const withdrawer = withdrawal ? cast.pop()! : null;
    const backers = f.helpers.shuffle(cast);
    const times = momentsIn(f, t.published! + 2 * HOUR, funded - 2 * HOUR, amounts.length - 1 + (withdrawal ? 2 : 0));
    if (withdrawer) {
      // Withdrawn before anyone else pledged, and never more than the ask: it could not have funded it.
      const w = f.number.int({ min: 1, max: Math.max(1, Math.floor(ask / PLEDGE_UNIT / 2)) }) * PLEDGE_UNIT;
      money.withdraw(money.pledge(withdrawer, w, times.shift()!), times.shift()!);
    }
    times.push(funded - 1000);
    amounts.forEach((amount, i) => {
      money.pledge(backers[i], amount, times[i]);
    });

    if (!(SPENDING as readonly string[]).includes(c.stage) || ask === 0) continue;
    // Spend the lead reported against the funding breakdown, approved by one of the sponsors.
    const closed = c.stage === "reviewed" || c.stage === "archived";
    const approvers = backers;
    const lines = (catalogue.get(c.key)?.funding ?? []).map(([what, amount]) => ({
      what,
      left: amount * 100,
      bills: 0,
    }));
    const workEnd = c.stage === "active" ? now - 6 * HOUR : t.submitted!;
    const decideBy = closed ? t.decided! - HOUR : now - 10 * 60_000;
    const share: [number, number] = closed ? [0.5, 0.95] : c.stage === "showcase" ? [0.35, 0.8] : [0.2, 0.55];
    const count = f.number.int({ min: closed ? 2 : 1, max: c.stage === "active" ? 3 : 4 });
    const pending = PENDING_SPEND.includes(c.key);
    const moments = momentsIn(f, t.started! + days(2), workEnd, pending ? count - 1 : count);
    if (pending) moments.push(momentIn(f, Math.max(t.started! + days(2), workEnd - days(5)), workEnd));
    const reports: { at: number; status: DemoSpendReport["status"] }[] = moments.map((at, i) => ({
      at,
      status: pending && i === count - 1 ? "pending" : "approved",
    }));
    if (c.key === DECLINED_SPEND) reports.push({ at: momentIn(f, t.started! + days(2), workEnd), status: "declined" });
    reports.sort((a, b) => a.at - b.at);

    for (const r of reports) {
      const at = r.at;
      const spent = Math.max(t.started!, at - minutes(f.number.int({ min: 0, max: 4 * 1440 })));
      let amount: number;
      let description: string;
      let note = "";
      if (r.status === "declined") {
        const declined = f.helpers.arrayElement(DECLINED_REPORTS);
        amount = f.number.int({ min: 900, max: 3200 }) * 100;
        description = declined.description;
        note = declined.note;
      } else {
        const unspentLines = lines.filter((l) => l.left >= 100);
        if (unspentLines.length === 0) continue;
        const line = f.helpers.weightedArrayElement(unspentLines.map((l) => ({ value: l, weight: l.left })));
        amount = invoiceAmount(f, line.left, share);
        line.left -= amount;
        description = describeSpend(f, line.what, spent, line.bills++);
        if (r.status === "approved" && f.datatype.boolean(0.25)) {
          note = f.helpers.arrayElement(["Thanks for the receipts.", "Matches the breakdown. Approved.", "Approved."]);
        }
      }
      const report: DemoSpendReport = {
        id: demoId("sp", money.next()),
        challengeId: c.id,
        reporterId: lead.id,
        amount,
        description,
        spentOn: isoDate(spent),
        status: r.status,
        decidedById: null,
        decisionNote: "",
        decidedAt: null,
        createdAt: at,
      };
      spendReports.push(report);
      activity(money.next(), {
        challengeId: c.id,
        actorId: lead.id,
        action: "spend_reported",
        detail: { spendReportId: report.id, amount, description },
        createdAt: at,
      });
      if (r.status === "pending") continue;
      const decider = f.helpers.arrayElement(approvers);
      const decidedAt = Math.min(at + minutes(f.number.int({ min: 120, max: 3 * 1440 })), decideBy);
      Object.assign(report, { decidedById: decider.id, decisionNote: note, decidedAt });
      if (r.status === "approved") {
        entry(
          {
            type: "spend",
            budgetId: null,
            challengeId: c.id,
            pledgeId: null,
            spendReportId: report.id,
            amount,
            actorId: lead.id,
            approvedById: decider.id,
            memo: description,
            createdAt: decidedAt,
          },
          money.next(),
        );
      }
      activity(money.next(), {
        challengeId: c.id,
        actorId: decider.id,
        action: `spend_${r.status}`,
        detail: { spendReportId: report.id, amount, note },
        createdAt: decidedAt,
      });
    }
    if (closed) money.close("decided", t.decided!);
  }

  // ─── Periods, budgets and allocations ─────────────────────────────────────────────────────
  const current = quarterIndexOf(now);
  for (const sponsor of sponsors) budgetFor(sponsor, now);
  for (const sponsor of sponsors) {
    // Most sponsors had a budget last quarter too, whether or not they pledged from it.
    if (seededFaker(`funding:previous:${sponsor.email}`).datatype.boolean(0.8)) {
      budgetFor(sponsor, quarter(current - 1).start);
    }
  }
  const quarterIndexes = new Set([
    current - 1,
    current,
    current + 1,
    ...[...budgets.values()].map((b) => b.quarter.index),
  ]);
  const periods: DemoPeriod[] = [...quarterIndexes]
    .sort((a, b) => a - b)
    .map((index) => {
      const q = quarter(index);
      const f = seededFaker(`funding:period:${index - current}`);
      // Set up three to four weeks ahead; the next quarter's a few days ago if it starts sooner.
      let createdAt = q.start - minutes(f.number.int({ min: 18 * 1440, max: 28 * 1440 }));
      if (createdAt >= now - HOUR) createdAt = now - minutes(f.number.int({ min: 1 * 1440, max: 3 * 1440 }));
      return { id: demoId("per", q.name), name: q.name, startsOn: q.startsOn, endsOn: q.endsOn, createdAt };
    });
  const periodOf = new Map(periods.map((p) => [p.name, p]));
  for (const p of periods) {
    activity(`period:${p.name}`, {
      challengeId: null,
      actorId: admin.id,
      action: "period_created",
      detail: { periodId: p.id, name: p.name },
      createdAt: p.createdAt,
    });
  }

  const budgetRows: DemoBudget[] = [];
  const drafts = [...budgets.values()].sort(
    (a, b) => a.quarter.index - b.quarter.index || (a.sponsor.email < b.sponsor.email ? -1 : 1),
  );
  for (const b of drafts) {
    const period = periodOf.get(b.quarter.name)!;
    const f = seededFaker(`funding:budget:${b.sponsor.email}:${b.quarter.index - current}`);
    const pledged = pledges.filter((p) => p.budgetId === b.id).reduce((sum, p) => sum + p.amount, 0);
    // Allocated up front to cover every pledge made from it, so the balance never dipped below zero.
    const headroom = b.quarter.index === current && WELL_KNOWN_EMAILS.has(b.sponsor.email) ? WELL_KNOWN_HEADROOM : 0;
    const needed = Math.ceil((pledged + headroom + 200_000) / 100_000) * 100_000;
    const amounts = [Math.max(f.number.int({ min: 20, max: 100 }) * 100_000, needed)];
    const allocatedAt = [b.quarter.start - minutes(f.number.int({ min: 1 * 1440, max: 6 * 1440 }))];
    const topUpFrom = b.quarter.start + days(10);
    const topUpTo = Math.min(b.quarter.next - days(1), now - days(1));
    if (f.datatype.boolean(0.35) && topUpTo > topUpFrom) {
      amounts.push(f.number.int({ min: 5, max: 30 }) * 100_000);
      allocatedAt.push(momentIn(f, topUpFrom, topUpTo));
    }
    amounts.forEach((amount, i) => {
      const actor = i === 0 ? admin : f.helpers.arrayElement(admins);
      const memo =
        i === 0
          ? `${period.name} allocation`
          : f.helpers.arrayElement([
              "Top-up after the mid-quarter review",
              "Top-up: moved from an underspent budget",
              "Top-up for work the quarter's plan did not foresee",
            ]);
      const key = `alloc:${period.name}:${b.sponsor.email}:${i}`;
      entry(
        {
          type: "allocation",
          budgetId: b.id,
          challengeId: null,
          pledgeId: null,
          spendReportId: null,
          amount,
          actorId: actor.id,
          approvedById: null,
          memo,
          createdAt: allocatedAt[i],
        },
        key,
      );
      activity(key, {
        challengeId: null,
        actorId: actor.id,
        action: "budget_allocated",
        detail: { budgetId: b.id, sponsorId: b.sponsor.id, periodId: period.id, amount },
        createdAt: allocatedAt[i],
      });
    });
    const entries = ledger.filter((e) => e.budgetId === b.id);
    budgetRows.push({
      id: b.id,
      periodId: period.id,
      sponsorId: b.sponsor.id,
      remaining: budgetBalance(entries).remaining,
      createdAt: allocatedAt[0],
    });
  }

  ledger.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  activities.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const funding: DemoFunding = {
    periods,
    budgets: budgetRows,
    pledges,
    spendReports,
    ledger,
    activities,
    stageDetails,
    pledgeTargetId: target.id,
  };
  checkFunding(funding, challenges, now);
  return funding;
}

// ─── The money rules, checked ───────────────────────────────────────────────────────────────

/** Every rule of SPEC §5 the demo must keep; a broken one stops the seed rather than loading it. */
function checkFunding(funding: DemoFunding, challenges: DemoChallenge[], now: number) {
  const fail = (why: string) => {
    throw new Error(`Demo funding: ${why}`);
  };
  const periodOf = new Map(funding.periods.map((p) => [p.id, p]));
  const budgetOf = new Map(funding.budgets.map((b) => [b.id, b]));

  for (const e of funding.ledger) if (e.createdAt >= now) fail(`ledger entry ${e.id} is in the future`);
  for (const a of funding.activities) if (a.createdAt >= now) fail(`activity ${a.id} is in the future`);

  for (const b of funding.budgets) {
    // Walked in time order, the balance never goes below zero (the app refuses such a pledge).
    let balance = 0;
    for (const e of funding.ledger.filter((x) => x.budgetId === b.id)) {
      balance += e.type === "pledge" ? -e.amount : e.amount;
      if (balance < 0) fail(`budget ${b.id} goes below zero at ${new Date(e.createdAt).toISOString()}`);
    }
    if (balance !== b.remaining) fail(`budget ${b.id} remaining ${b.remaining} is not its ledger's ${balance}`);
  }
  for (const p of funding.pledges) {
    const period = periodOf.get(budgetOf.get(p.budgetId)!.periodId)!;
    const day = new Date(p.createdAt).toISOString().slice(0, 10);
    if (day < period.startsOn || day > period.endsOn) fail(`pledge ${p.id} is outside its budget's period`);
  }

  for (const c of challenges) {
    const mine = funding.pledges.filter((p) => p.challengeId === c.id);
    const sum = (status: DemoPledge["status"]) =>
      mine.filter((p) => p.status === status).reduce((total, p) => total + p.amount, 0);
    const entries = funding.ledger.filter((e) => e.challengeId === c.id);
    const money = challengeFunding(entries);
    const reports = funding.spendReports.filter((s) => s.challengeId === c.id);
    const pending = reports.filter((s) => s.status === "pending").reduce((total, s) => total + s.amount, 0);
    const closedWithMoney = c.stage === "reviewed" || c.stage === "archived" || c.stage === "withdrawn";
    const funds = c.fundingAsk === 0 ? mine.some((p) => p.status === "active") : sum("active") >= c.fundingAsk;
    if (c.stage === "open" && funds) fail(`open challenge ${c.key} has pledges that would have funded it`);
    if (["funded", "active", "showcase"].includes(c.stage)) {
      if (sum("active") !== c.fundingAsk || !mine.some((p) => p.status === "active")) {
        fail(`${c.stage} challenge ${c.key} pledges ${sum("active")}, not its ask ${c.fundingAsk}`);
      }
    }
    if ((c.stage === "reviewed" || c.stage === "archived") && sum("settled") !== c.fundingAsk) {
      fail(`closed challenge ${c.key} settled ${sum("settled")}, not its ask ${c.fundingAsk}`);
    }
    if (closedWithMoney && (sum("active") !== 0 || money.unspent !== 0)) {
      fail(`closed challenge ${c.key} still holds ${money.unspent}`);
    }
    if (money.spent + pending > money.pledged) {
      fail(`challenge ${c.key} spends more than it was pledged`);
    }
    if (money.pledged !== sum("active") + sum("settled")) fail(`challenge ${c.key} ledger disagrees with its pledges`);
  }
}
