import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allocateeRefusal,
  allocationProblems,
  budgetBalance,
  budgetLedgerRefusal,
  budgetsVisibleTo,
  budgetUseRefusal,
  challengeFunding,
  formatMinor,
  type LedgerEntryLike,
  ledgerReadRefusal,
  pledgeRefusal,
  pledgerRefusal,
  pledgeStageRefusal,
  pledgeWithdrawerRefusal,
  reductionRefusal,
  returnShares,
  type Share,
  spendApprovalFitRefusal,
  spendDecisionRefusal,
  spenderRefusal,
  spendReportFitRefusal,
  spendRoomRefusal,
  spentShares,
  splitProportionally,
  withdrawalRefusal,
} from "../worker/domain/ledger";
import { STAGES } from "../worker/domain/lifecycle";

/** The largest amount the API accepts (worker/schemas/challenge.ts MAX_AMOUNT): 10^13 minor units. */
const HUGE = 10 ** 13;

/** Amounts as money arrives: zeros, single cents, ordinary sums and the largest accepted. */
const amount = fc.oneof(
  fc.constant(0),
  fc.constant(1),
  fc.integer({ min: 0, max: 100 }),
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.integer({ min: 0, max: HUGE }),
  fc.constant(HUGE),
);

/** Pledge amounts: random lists, and lists of many equal pledges (where the remainder rule matters). */
const pledgeAmounts: fc.Arbitrary<number[]> = fc.oneof(
  fc.array(amount, { minLength: 1, maxLength: 40 }),
  fc
    .tuple(amount, fc.integer({ min: 1, max: 60 }), fc.array(amount, { maxLength: 3 }))
    .map(([value, count, others]) => [...Array<number>(count).fill(value), ...others]),
);

/** Pledges with at least one positive amount: the only kind that can carry money to split. */
const positivePledges = pledgeAmounts.filter((a) => a.some((x) => x > 0));

const keyed = (amounts: number[]): Share<number>[] => amounts.map((amount, key) => ({ key, amount }));
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const floorShare = (total: number, weight: number, weightSum: number) =>
  Number((BigInt(total) * BigInt(weight)) / BigInt(weightSum));

/** Pledges, plus a spend that they cover and a total to split that is at most their sum. */
const pledgesAndSpend = positivePledges.chain((amounts) =>
  fc.record({ amounts: fc.constant(amounts), spent: fc.integer({ min: 0, max: sum(amounts) }) }),
);

const fundingOf = (amounts: number[], spent: number) =>
  challengeFunding([
    ...amounts.map((a): LedgerEntryLike => ({ type: "pledge", amount: a })),
    ...(spent ? [{ type: "spend" as const, amount: spent }] : []),
  ]);

describe("splitProportionally", () => {
  it("gives non-negative integer shares, in the weights' order, that sum exactly to the total", () => {
    fc.assert(
      fc.property(positivePledges, fc.oneof(amount, fc.integer({ min: 0, max: 5 * HUGE })), (amounts, total) => {
        const shares = splitProportionally(total, keyed(amounts));
        expect(shares.map((s) => s.key)).toEqual(amounts.map((_, i) => i));
        for (const s of shares) {
          expect(Number.isSafeInteger(s.amount)).toBe(true);
          expect(s.amount).toBeGreaterThanOrEqual(0);
        }
        expect(sum(shares.map((s) => s.amount))).toBe(total);
      }),
      { numRuns: 500 },
    );
  });

  it("each share is floor(total·w/W) or one cent more; the extra cents go to the largest weights first", () => {
    fc.assert(
      fc.property(positivePledges, amount, (amounts, total) => {
        const weightSum = sum(amounts);
        const shares = splitProportionally(total, keyed(amounts));
        const extra = shares.map((s, i) => s.amount - floorShare(total, amounts[i], weightSum));
        for (const e of extra) expect([0, 1]).toContain(e);
        const order = amounts.map((a, i) => ({ a, i })).sort((x, y) => y.a - x.a || x.i - y.i);
        const leftover = sum(extra);
        expect(leftover).toBeLessThan(amounts.length);
        expect(order.map(({ i }) => extra[i])).toEqual(order.map((_, rank) => (rank < leftover ? 1 : 0)));
      }),
      { numRuns: 500 },
    );
  });

  it("among many equal pledges the earliest ones take one cent more each", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: HUGE }), fc.integer({ min: 2, max: 80 }), amount, (value, count, total) => {
        const shares = splitProportionally(total, keyed(Array(count).fill(value)));
        const base = Math.floor(total / count);
        const remainder = total % count;
        expect(shares.map((s) => s.amount)).toEqual(shares.map((_, i) => base + (i < remainder ? 1 : 0)));
      }),
    );
  });

  it("splits with exact integers where floats would lose cents (10^13 × 10^13)", () => {
    const shares = splitProportionally(HUGE - 1, keyed([HUGE, HUGE - 1, 3]));
    expect(shares.map((s) => s.amount)).toEqual([
      Number((BigInt(HUGE - 1) * BigInt(HUGE)) / BigInt(2 * HUGE + 2)) + 1,
      Number((BigInt(HUGE - 1) * BigInt(HUGE - 1)) / BigInt(2 * HUGE + 2)),
      Number((BigInt(HUGE - 1) * 3n) / BigInt(2 * HUGE + 2)),
    ]);
    expect(sum(shares.map((s) => s.amount))).toBe(HUGE - 1);
  });

  it("splits 0 among zero weights into zeros, and refuses to split money it cannot place", () => {
    fc.assert(
      fc.property(fc.array(fc.constant(0), { maxLength: 10 }), (zeros) => {
        expect(splitProportionally(0, keyed(zeros)).map((s) => s.amount)).toEqual(zeros);
        expect(() => splitProportionally(1, keyed(zeros))).toThrow(RangeError);
      }),
    );
    for (const bad of [-1, 0.5, Number.NaN, 2 ** 53]) {
      expect(() => splitProportionally(bad, keyed([1, 2])), String(bad)).toThrow(RangeError);
    }
  });
});

describe("returnShares", () => {
  it("returns exactly the unspent money, only positive shares, split as splitProportionally splits", () => {
    fc.assert(
      fc.property(pledgesAndSpend, ({ amounts, spent }) => {
        const funding = fundingOf(amounts, spent);
        expect(funding.unspent).toBe(sum(amounts) - spent);
        const shares = returnShares(keyed(amounts), funding);
        expect(sum(shares.map((s) => s.amount))).toBe(funding.unspent);
        for (const s of shares) expect(s.amount).toBeGreaterThan(0);
        const byKey = new Map(shares.map((s) => [s.key, s.amount]));
        const expected = splitProportionally(funding.unspent, keyed(amounts));
        for (const e of expected) expect(byKey.get(e.key) ?? 0).toBe(e.amount);
      }),
      { numRuns: 500 },
    );
  });

  it("returns everything when nothing was spent, and nothing when everything was", () => {
    fc.assert(
      fc.property(positivePledges, (amounts) => {
        const all = returnShares(keyed(amounts), fundingOf(amounts, 0));
        expect(sum(all.map((s) => s.amount))).toBe(sum(amounts));
        expect(returnShares(keyed(amounts), fundingOf(amounts, sum(amounts)))).toEqual([]);
      }),
    );
  });

  it("never returns more to a pledge than it pledged", () => {
    fc.assert(
      fc.property(pledgesAndSpend, ({ amounts, spent }) => {
        const shares = returnShares(keyed(amounts), fundingOf(amounts, spent));
        for (const s of shares) expect(s.amount).toBeLessThanOrEqual(amounts[s.key]);
      }),
      { examples: [[{ amounts: [100, 100, 100], spent: 1 }]] },
    );
  });
});

describe("spentShares", () => {
  it("for a settled challenge: each pledge's part is what did not come back, and the parts sum to the spend", () => {
    fc.assert(
      fc.property(pledgesAndSpend, ({ amounts, spent }) => {
        const returned = new Map(returnShares(keyed(amounts), fundingOf(amounts, spent)).map((s) => [s.key, s.amount]));
        const settled = amounts.map((amount, key) => ({ key, amount, returned: returned.get(key) ?? 0 }));
        const shares = spentShares(settled, spent);
        shares.forEach((s, i) => {
          expect(s.amount).toBe(amounts[i] - (returned.get(i) ?? 0));
        });
        expect(sum(shares.map((s) => s.amount))).toBe(spent);
      }),
      { numRuns: 500 },
    );
  });

  it("while the challenge runs, the spend so far is split like the returns will be", () => {
    fc.assert(
      fc.property(pledgesAndSpend, fc.boolean(), ({ amounts, spent }, oneSettled) => {
        const running = amounts.map((amount, key) => ({
          key,
          amount,
          returned: oneSettled && key === 0 && amounts.length > 1 ? 0 : null,
        }));
        const shares = spentShares(running, spent);
        expect(shares).toEqual(splitProportionally(spent, keyed(amounts)));
        expect(sum(shares.map((s) => s.amount))).toBe(spent);
      }),
    );
  });
});

type Op =
  | { kind: "allocate"; amount: number }
  | { kind: "reduce"; fraction: number }
  | { kind: "pledge"; fraction: number }
  | { kind: "withdraw"; pick: number }
  | { kind: "settle"; pick: number; fraction: number };

const fraction = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("allocate" as const), amount: fc.oneof(fc.constant(1), amount) }),
  fc.record({ kind: fc.constant("reduce" as const), fraction }),
  fc.record({ kind: fc.constant("pledge" as const), fraction }),
  fc.record({ kind: fc.constant("withdraw" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("settle" as const), pick: fc.nat(), fraction }),
);

describe("budgetBalance", () => {
  it("never goes negative, and remaining = allocated − pledged + returned, for any sequence of valid operations", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const entries: LedgerEntryLike[] = [];
        const active: number[] = [];
        let model = { allocated: 0, pledged: 0, returned: 0, remaining: 0, spent: 0 };
        for (const o of ops) {
          if (o.kind === "allocate") {
            entries.push({ type: "allocation", amount: o.amount });
            model = { ...model, allocated: model.allocated + o.amount, remaining: model.remaining + o.amount };
          } else if (o.kind === "reduce") {
            // A reduction never takes more than is free (worker/services/funding.ts `allocate`).
            const cut = Math.floor(model.remaining * o.fraction);
            if (cut === 0) continue;
            entries.push({ type: "allocation", amount: -cut });
            model = { ...model, allocated: model.allocated - cut, remaining: model.remaining - cut };
          } else if (o.kind === "pledge") {
            const a = Math.floor(model.remaining * o.fraction);
            entries.push({ type: "pledge", amount: a });
            active.push(a);
            model = { ...model, pledged: model.pledged + a, remaining: model.remaining - a };
          } else if (o.kind === "withdraw") {
            if (active.length === 0) continue;
            const [a] = active.splice(o.pick % active.length, 1);
            entries.push({ type: "pledge_withdrawal", amount: a });
            model = { ...model, pledged: model.pledged - a, remaining: model.remaining + a };
          } else {
            if (active.length === 0) continue;
            const [a] = active.splice(o.pick % active.length, 1);
            const back = Math.floor(a * o.fraction);
            if (back > 0) entries.push({ type: "return", amount: back });
            model = {
              ...model,
              returned: model.returned + back,
              remaining: model.remaining + back,
              spent: model.spent + a - back,
            };
          }
          const balance = budgetBalance(entries);
          expect(balance.remaining).toBeGreaterThanOrEqual(0);
          expect(balance.remaining).toBe(balance.allocated - balance.pledged + balance.returned);
          expect(balance).toEqual({ ...model, spent: 0 });
          // Conservation: every allocated cent is free, still pledged, or spent.
          expect(balance.allocated).toBe(balance.remaining + sum(active) + model.spent);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("passes the spent figure through and ignores entries that belong to challenges", () => {
    const balance = budgetBalance(
      [
        { type: "allocation", amount: 500 },
        { type: "pledge", amount: 200 },
        { type: "spend", amount: 150 },
      ],
      120,
    );
    expect(balance).toEqual({ allocated: 500, pledged: 200, spent: 120, returned: 0, remaining: 300 });
  });
});

const STILL_NEEDED = "«still needed»";

describe("pledgeRefusal", () => {
  const facts = fc.record({
    stage: fc.oneof(fc.constant("open"), fc.constantFrom(...STAGES)),
    fundingAsk: fc.oneof(fc.constant(null), fc.constant(0), amount),
    budgetRemaining: amount,
    pledgedFraction: fraction,
    amountChoice: fc.oneof(amount, fc.constantFrom("stillNeeded", "stillNeeded+1", "remaining", "remaining+1")),
  });

  it("refuses exactly when the stage is not open, or the pledge would pass the ask or the budget", () => {
    fc.assert(
      fc.property(facts, (f) => {
        const ask = f.fundingAsk ?? 0;
        const pledgedTotal = Math.floor(ask * f.pledgedFraction);
        const stillNeeded = ask - pledgedTotal;
        const amount =
          typeof f.amountChoice === "number"
            ? f.amountChoice
            : {
                stillNeeded,
                "stillNeeded+1": stillNeeded + 1,
                remaining: f.budgetRemaining,
                "remaining+1": f.budgetRemaining + 1,
              }[f.amountChoice];
        const refusal = pledgeRefusal({
          stage: f.stage,
          fundingAsk: f.fundingAsk,
          pledgedTotal,
          budgetRemaining: f.budgetRemaining,
          amount,
          formatMoney: (m) => `${STILL_NEEDED}${m}`,
        });
        const wrongStage = f.stage !== "open";
        const overAsk = ask === 0 ? amount !== 0 : amount > stillNeeded;
        const zeroToAsk = ask > 0 && amount === 0;
        const overBudget = amount > f.budgetRemaining;
        expect(refusal !== null).toBe(wrongStage || overAsk || zeroToAsk || overBudget);
        if (!refusal) return;
        expect(refusal.status).toBe(409);
        expect(refusal.reason.length).toBeGreaterThan(0);
        if (wrongStage) expect(refusal.code).toBe("invalid_stage");
        else if (zeroToAsk) expect(refusal.code).toBe("zero_pledge");
        else if (overAsk) {
          expect(refusal.code).toBe("over_ask");
          if (ask > 0) expect(refusal.reason).toContain(`${STILL_NEEDED}${stillNeeded}`);
        } else expect(refusal.code).toBe("over_budget");
      }),
      { numRuns: 1000 },
    );
  });

  it("says in words how much of the ask is still needed", () => {
    const refusal = pledgeRefusal({
      stage: "open",
      fundingAsk: 100_000,
      pledgedTotal: 66_667,
      budgetRemaining: 1_000_000,
      amount: 40_000,
      formatMoney: (m) => formatMinor(m, "USD"),
    });
    expect(refusal).toMatchObject({ status: 409, code: "over_ask" });
    expect(refusal?.reason).toContain("$333.33");
  });
});

describe("formatMinor", () => {
  it("formats examples without losing a cent", () => {
    expect(formatMinor(0, "USD")).toBe("$0.00");
    expect(formatMinor(1, "USD")).toBe("$0.01");
    expect(formatMinor(10, "USD")).toBe("$0.10");
    expect(formatMinor(99, "USD")).toBe("$0.99");
    expect(formatMinor(100, "USD")).toBe("$1.00");
    expect(formatMinor(123456789, "USD")).toBe("$1,234,567.89");
    expect(formatMinor(-5, "USD")).toBe("-$0.05");
    expect(formatMinor(-123456789, "USD")).toBe("-$1,234,567.89");
    expect(formatMinor(HUGE, "USD")).toBe("$100,000,000,000.00");
    expect(formatMinor(Number.MAX_SAFE_INTEGER, "USD")).toBe("$90,071,992,547,409.91");
    expect(formatMinor(1234, "JPY")).toBe("¥1,234");
    expect(formatMinor(1, "JPY")).toBe("¥1");
    expect(formatMinor(-7, "JPY")).toBe("-¥7");
    expect(formatMinor(1234, "EUR")).toBe("€12.34");
    expect(formatMinor(1234, "KWD")).toMatch(/1\.234/);
  });

  it("keeps every digit of any amount, with the sign, in 0-, 2- and 3-decimal currencies", () => {
    const currencies = { USD: 2, EUR: 2, GBP: 2, JPY: 0, KRW: 0, KWD: 3, BHD: 3 } as const;
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -HUGE, max: HUGE }), fc.maxSafeInteger()),
        fc.constantFrom(...(Object.keys(currencies) as (keyof typeof currencies)[])),
        (minor, currency) => {
          const text = formatMinor(minor, currency);
          const digits = currencies[currency];
          expect(text.replace(/\D/g, "")).toBe(String(Math.abs(minor)).padStart(digits + 1, "0"));
          expect(text.startsWith("-")).toBe(minor < 0);
          if (digits > 0) expect(text).toMatch(new RegExp(`\\.\\d{${digits}}$`));
          else expect(text).not.toContain(".");
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("spendDecisionRefusal (SPEC §10: a sponsor of that challenge, never the reporter)", () => {
  const ok = { isSponsor: true, isReporter: false, status: "pending" as const, stage: "active" };
  it("lets a sponsor who did not report it decide a pending report while money can be spent", () => {
    for (const stage of ["funded", "active", "showcase"]) expect(spendDecisionRefusal({ ...ok, stage })).toBeNull();
  });
  it("refuses everyone else, and every other state, with the reason", () => {
    expect(spendDecisionRefusal({ ...ok, isSponsor: false })).toMatchObject({ status: 403, code: "forbidden" });
    expect(spendDecisionRefusal({ ...ok, isReporter: true })).toMatchObject({ status: 403, code: "forbidden" });
    expect(spendDecisionRefusal({ ...ok, status: "approved" })).toMatchObject({ status: 409, code: "invalid_state" });
    for (const stage of ["draft", "open", "reviewed", "withdrawn", "archived"]) {
      expect(spendDecisionRefusal({ ...ok, stage })).toMatchObject({ status: 409, code: "invalid_stage" });
    }
  });
});

describe("who may pledge, from which budget", () => {
  it("takes pledges from sponsors only, to open challenges only", () => {
    expect(pledgerRefusal(["member", "sponsor"])).toBeNull();
    expect(pledgerRefusal(["member", "admin"])).toMatchObject({ status: 403, code: "forbidden" });
    expect(pledgeStageRefusal("open")).toBeNull();
    for (const stage of STAGES.filter((s) => s !== "open")) {
      expect(pledgeStageRefusal(stage)).toMatchObject({ status: 409, code: "invalid_stage" });
    }
  });
  it("lets a sponsor pledge from their own budget while its period is open", () => {
    const budget = { sponsorId: "p_s", period: { name: "FY27 H1", startsOn: "2027-01-01", endsOn: "2027-06-30" } };
    expect(budgetUseRefusal(budget, "p_s", "2027-01-01")).toBeNull();
    expect(budgetUseRefusal(budget, "p_s", "2027-06-30")).toBeNull();
    expect(budgetUseRefusal(budget, "p_other", "2027-03-01")).toMatchObject({ status: 403 });
    expect(budgetUseRefusal(budget, "p_s", "2026-12-31")).toMatchObject({ status: 409, code: "period_closed" });
    expect(budgetUseRefusal(budget, "p_s", "2027-07-01")).toMatchObject({ status: 409, code: "period_closed" });
  });
});

describe("who reads a ledger (SPEC §5)", () => {
  const none = { isLead: false, isCoLead: false, hasPledged: false, isAdmin: false };
  it("opens a challenge's ledger to its lead, co-lead, anyone who pledged and admins", () => {
    for (const key of ["isLead", "isCoLead", "hasPledged", "isAdmin"] as const) {
      expect(ledgerReadRefusal({ ...none, [key]: true })).toBeNull();
    }
    expect(ledgerReadRefusal(none)).toMatchObject({ status: 403, code: "forbidden" });
  });
  it("opens a budget's ledger to the sponsor holding it and to admins", () => {
    expect(budgetLedgerRefusal({ holdsBudget: true, isAdmin: false })).toBeNull();
    expect(budgetLedgerRefusal({ holdsBudget: false, isAdmin: true })).toBeNull();
    expect(budgetLedgerRefusal({ holdsBudget: false, isAdmin: false })).toMatchObject({ status: 403 });
  });
});

describe("withdrawing a pledge", () => {
  it("is for the sponsor who made it", () => {
    expect(pledgeWithdrawerRefusal({ sponsorId: "p_s" }, "p_s")).toBeNull();
    expect(pledgeWithdrawerRefusal({ sponsorId: "p_s" }, "p_t")).toMatchObject({ status: 403, code: "forbidden" });
  });
  it("takes back an active pledge while the challenge is open, and nothing else", () => {
    expect(withdrawalRefusal("active", "open")).toBeNull();
    for (const status of ["withdrawn", "settled"]) {
      expect(withdrawalRefusal(status, "open")).toMatchObject({ status: 409, code: "invalid_state" });
    }
    for (const stage of STAGES.filter((s) => s !== "open")) {
      expect(withdrawalRefusal("active", stage)).toMatchObject({ status: 409, code: "invalid_stage" });
    }
  });
});

describe("reporting and approving spend (SPEC §5)", () => {
  const usd = (minor: number) => formatMinor(minor, "USD");
  it("is reported by the lead or co-lead of a funded, active or showcase challenge", () => {
    for (const stage of STAGES) {
      const spending = ["funded", "active", "showcase"].includes(stage);
      expect(spenderRefusal({ isLead: true, isCoLead: false, stage }) === null).toBe(spending);
      expect(spenderRefusal({ isLead: false, isCoLead: true, stage }) === null).toBe(spending);
      expect(spenderRefusal({ isLead: false, isCoLead: false, stage })).toMatchObject({ status: 403 });
    }
  });
  it("fits in the room left, never beyond it, whatever the amounts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: -(10 ** 9), max: 10 ** 9 }),
        (amount, room) => {
          const refused = spendReportFitRefusal(amount, room, usd);
          expect(refused === null).toBe(amount <= room);
          if (refused) expect(refused).toEqual(spendRoomRefusal(room, usd));
        },
      ),
    );
    expect(spendRoomRefusal(-500, usd).reason).toContain("$0.00");
  });
  it("is approved only within what is unspent; a decline always fits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 ** 9 }), (amount, unspent) => {
        expect(spendApprovalFitRefusal("decline", amount, unspent, usd)).toBeNull();
        const refused = spendApprovalFitRefusal("approve", amount, unspent, usd);
        expect(refused === null).toBe(amount <= unspent);
        if (refused) expect(refused).toMatchObject({ status: 409, code: "over_funding" });
      }),
    );
  });
});

describe("allocating to a budget", () => {
  it("names a missing period and a missing person", () => {
    expect(allocationProblems({ periodExists: true, sponsorExists: true })).toEqual({});
    expect(allocationProblems({ periodExists: false, sponsorExists: false })).toEqual({
      periodId: "No such budget period.",
      sponsorId: "No such person.",
    });
  });
  it("goes to sponsors only, and takes back only what is free", () => {
    expect(allocateeRefusal({ name: "Sam", roles: ["member", "sponsor"] })).toBeNull();
    expect(allocateeRefusal({ name: "Ira", roles: ["member"] })).toMatchObject({ status: 409, code: "not_a_sponsor" });
    expect(reductionRefusal(12_345, "USD").reason).toBe(
      "The budget has $123.45 free; it cannot be reduced below that.",
    );
  });
});

describe("which budgets a person sees", () => {
  it("shows an admin every budget, a sponsor their own, and anyone else none", () => {
    expect(budgetsVisibleTo(["member", "admin", "sponsor"], "p_a")).toEqual({});
    expect(budgetsVisibleTo(["member", "sponsor"], "p_s")).toEqual({ sponsorId: "p_s" });
    expect(budgetsVisibleTo(["member", "reviewer"], "p_r")).toBeNull();
  });
});
