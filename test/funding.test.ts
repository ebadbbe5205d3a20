import { describe, expect, it } from "vitest";
import { callJson, createChallenge, env, expectError, member } from "./helpers";

const year = new Date().getUTCFullYear();
let periodCounter = 0;

/** An admin, a current budget period and `sponsors` sponsors each holding `budget` in it. */
async function fundingWorld(options: { budget?: number; sponsors?: number } = {}) {
  const admin = await member({ roles: ["admin"] });
  periodCounter += 1;
  const period = await callJson("POST", "/api/admin/budget-periods", {
    as: admin.as,
    body: { name: `FY${year}-T${periodCounter}`, startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` },
  });
  expect(period.status).toBe(201);
  const sponsors = [];
  for (let i = 0; i < (options.sponsors ?? 1); i++) {
    const sponsor = await member({ roles: ["sponsor"] });
    const budget = await callJson("POST", "/api/admin/allocations", {
      as: admin.as,
      body: { periodId: period.body.id, sponsorId: sponsor.id, amount: options.budget ?? 1_000_000 },
    });
    expect(budget.status).toBe(201);
    sponsors.push({ ...sponsor, budgetId: budget.body.id as string });
  }
  return { admin, periodId: period.body.id as string, sponsors };
}

async function openChallenge(fundingAsk: number) {
  const lead = await member();
  const id = await createChallenge(lead.as, { fundingAsk }, true);
  return { lead, id };
}

async function budgetRemainingColumn(id: string) {
  const row = await env.DB.prepare("SELECT remaining FROM budgets WHERE id = ?")
    .bind(id)
    .first<{ remaining: number }>();
  return row?.remaining;
}

describe("POST /api/challenges/:id/pledges", () => {
  it("pledges from a budget; pledges that meet the ask fund the challenge in the same batch", async () => {
    const { sponsors } = await fundingWorld({ sponsors: 2 });
    const { lead, id } = await openChallenge(300_000);
    const first = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[0].as,
      body: { budgetId: sponsors[0].budgetId, amount: 100_000 },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ funded: false, pledge: { amount: 100_000, status: "active" } });
    const second = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[1].as,
      body: { budgetId: sponsors[1].budgetId, amount: 200_000 },
    });
    expect(second.body.funded).toBe(true);
    const challenge = await callJson("GET", `/api/challenges/${id}`, { as: lead.as });
    expect(challenge.body).toMatchObject({ stage: "funded", funding: { pledged: 300_000, pledgeCount: 2 } });
    const ledger = await callJson("GET", `/api/challenges/${id}/ledger`, { as: lead.as });
    expect(ledger.status).toBe(200);
    expect(ledger.body.funding).toMatchObject({ ask: 300_000, pledged: 300_000, stillNeeded: 0, unspent: 300_000 });
    expect(ledger.body.entries.map((e: { type: string }) => e.type)).toEqual(["pledge", "pledge"]);
    const budgets = await callJson("GET", "/api/budgets", { as: sponsors[0].as });
    expect(budgets.body.items).toHaveLength(1);
    expect(budgets.body.items[0]).toMatchObject({ allocated: 1_000_000, pledged: 100_000, remaining: 900_000 });
    expect(await budgetRemainingColumn(sponsors[0].budgetId)).toBe(900_000);
  });

  it("50 concurrent pledges of a tenth of a budget: exactly 10 succeed and nothing is overspent", async () => {
    const { sponsors } = await fundingWorld({ budget: 1_000_000 });
    const { id } = await openChallenge(100_000_000);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        callJson("POST", `/api/challenges/${id}/pledges`, {
          as: sponsors[0].as,
          body: { budgetId: sponsors[0].budgetId, amount: 100_000 },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.error.code).toBe("over_budget");
    expect(await budgetRemainingColumn(sponsors[0].budgetId)).toBe(0);
    const [budget] = (await callJson("GET", "/api/budgets", { as: sponsors[0].as })).body.items;
    expect(budget).toMatchObject({ allocated: 1_000_000, pledged: 1_000_000, remaining: 0 });
  });

  it("20 concurrent replays of one Idempotency-Key move money once and all get the first answer", async () => {
    const { sponsors } = await fundingWorld();
    const { id } = await openChallenge(500_000);
    const body = { budgetId: sponsors[0].budgetId, amount: 50_000 };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        callJson("POST", `/api/challenges/${id}/pledges`, {
          as: sponsors[0].as,
          body,
          headers: { "Idempotency-Key": "replay-key-1" },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.pledge.id)).size).toBe(1);
    const entries = await env.DB.prepare("SELECT count(*) AS n FROM ledger_entries WHERE challenge_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(entries?.n).toBe(1);
    expect(await budgetRemainingColumn(sponsors[0].budgetId)).toBe(950_000);

    const other = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[0].as,
      body: { ...body, amount: 60_000 },
      headers: { "Idempotency-Key": "replay-key-1" },
    });
    expectError(other, 422, "idempotency_key_reused");
  });

  it("refuses over-budget, over-ask, wrong stage, foreign budget and non-sponsors with reasons", async () => {
    const { sponsors } = await fundingWorld({ budget: 100_000, sponsors: 2 });
    const { id } = await openChallenge(500_000);
    const overBudget = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[0].as,
      body: { budgetId: sponsors[0].budgetId, amount: 100_001 },
    });
    expectError(overBudget, 409, "over_budget");
    expect(overBudget.body.error.message).toContain("$1,000.00");
    const foreign = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[0].as,
      body: { budgetId: sponsors[1].budgetId, amount: 1 },
    });
    expectError(foreign, 403);
    const ic = await member();
    expectError(
      await callJson("POST", `/api/challenges/${id}/pledges`, {
        as: ic.as,
        body: { budgetId: sponsors[0].budgetId, amount: 1 },
      }),
      403,
    );
    const small = await openChallenge(1_000);
    expectError(
      await callJson("POST", `/api/challenges/${small.id}/pledges`, {
        as: sponsors[0].as,
        body: { budgetId: sponsors[0].budgetId, amount: 1_001 },
      }),
      409,
      "over_ask",
    );
    const draftLead = await member();
    const draft = await createChallenge(draftLead.as, {}, false);
    expectError(
      await callJson("POST", `/api/challenges/${draft}/pledges`, {
        as: sponsors[0].as,
        body: { budgetId: sponsors[0].budgetId, amount: 1 },
      }),
      404,
    );
    await callJson("POST", `/api/challenges/${draft}/transitions`, { as: draftLead.as, body: { action: "withdraw" } });
  });

  it("an ask of 0 is funded by one endorsement pledge of 0", async () => {
    const { sponsors } = await fundingWorld();
    const { id, lead } = await openChallenge(0);
    const res = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[0].as,
      body: { budgetId: sponsors[0].budgetId, amount: 0 },
    });
    expect(res.status).toBe(201);
    expect(res.body.funded).toBe(true);
    expect((await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.stage).toBe("funded");
  });

  it("bad amounts are 400s naming the field", async () => {
    const { sponsors } = await fundingWorld();
    const { id } = await openChallenge(500_000);
    for (const amount of [-1, 1.5, 1e20, "100", null]) {
      const res = await callJson("POST", `/api/challenges/${id}/pledges`, {
        as: sponsors[0].as,
        body: { budgetId: sponsors[0].budgetId, amount },
      });
      expect(res.status, String(amount)).toBe(400);
      expect(res.body.error.details.fields).toHaveProperty("amount");
    }
    const missing = await callJson("POST", `/api/challenges/${id}/pledges`, { as: sponsors[0].as, body: {} });
    expect(Object.keys(missing.body.error.details.fields).sort()).toEqual(["amount", "budgetId"]);
    const unknown = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[0].as,
      body: { budgetId: "bud_nope", amount: 1 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields).toHaveProperty("budgetId");
  });
});

describe("DELETE /api/pledges/:id and withdrawing a challenge", () => {
  it("a sponsor withdraws their pledge while open; the money goes back", async () => {
    const { sponsors } = await fundingWorld({ sponsors: 2 });
    const { id } = await openChallenge(500_000);
    const made = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[0].as,
      body: { budgetId: sponsors[0].budgetId, amount: 70_000 },
    });
    expectError(await callJson("DELETE", `/api/pledges/${made.body.pledge.id}`, { as: sponsors[1].as }), 403);
    const res = await callJson("DELETE", `/api/pledges/${made.body.pledge.id}`, { as: sponsors[0].as });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("withdrawn");
    expectError(await callJson("DELETE", `/api/pledges/${made.body.pledge.id}`, { as: sponsors[0].as }), 409);
    expect(await budgetRemainingColumn(sponsors[0].budgetId)).toBe(1_000_000);
  });

  it("pledges cannot be withdrawn once the challenge is funded", async () => {
    const { sponsors } = await fundingWorld();
    const { id } = await openChallenge(10_000);
    const made = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[0].as,
      body: { budgetId: sponsors[0].budgetId, amount: 10_000 },
    });
    expect(made.body.funded).toBe(true);
    expectError(
      await callJson("DELETE", `/api/pledges/${made.body.pledge.id}`, { as: sponsors[0].as }),
      409,
      "invalid_stage",
    );
  });

  it("withdrawing an open challenge returns every pledge to its budget", async () => {
    const { sponsors } = await fundingWorld({ sponsors: 2 });
    const { id, lead } = await openChallenge(900_000);
    await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[0].as,
      body: { budgetId: sponsors[0].budgetId, amount: 123_457 },
    });
    await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[1].as,
      body: { budgetId: sponsors[1].budgetId, amount: 300_001 },
    });
    const res = await callJson("POST", `/api/challenges/${id}/transitions`, {
      as: lead.as,
      body: { action: "withdraw" },
    });
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe("withdrawn");
    expect(await budgetRemainingColumn(sponsors[0].budgetId)).toBe(1_000_000);
    expect(await budgetRemainingColumn(sponsors[1].budgetId)).toBe(1_000_000);
    const ledger = await callJson("GET", `/api/challenges/${id}/ledger`, { as: lead.as });
    expect(ledger.body.funding).toMatchObject({ pledged: 423_458, returned: 423_458, unspent: 0 });
    expect(ledger.body.pledges.map((p: { status: string }) => p.status)).toEqual(["settled", "settled"]);
    const [budget] = (await callJson("GET", "/api/budgets", { as: sponsors[0].as })).body.items;
    expect(budget).toMatchObject({ pledged: 123_457, returned: 123_457, spent: 0, remaining: 1_000_000 });
  });
});

describe("spend reports", () => {
  it("the lead reports spend, a sponsor approves it, and the ledger names who approved what", async () => {
    const { sponsors } = await fundingWorld({ sponsors: 2 });
    const { id, lead } = await openChallenge(300_000);
    await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[0].as,
      body: { budgetId: sponsors[0].budgetId, amount: 100_000 },
    });
    await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[1].as,
      body: { budgetId: sponsors[1].budgetId, amount: 200_000 },
    });
    const report = await callJson("POST", `/api/challenges/${id}/spends`, {
      as: lead.as,
      body: { amount: 30_001, description: "GPU hours for the first experiments", spentOn: `${year}-01-15` },
    });
    expect(report.status).toBe(201);
    expect(report.body.status).toBe("pending");
    expectError(
      await callJson("POST", `/api/challenges/${id}/spends`, {
        as: lead.as,
        body: { amount: 300_000, description: "Too much", spentOn: `${year}-01-15` },
      }),
      409,
      "over_funding",
    );
    const outsider = await member();
    expectError(
      await callJson("POST", `/api/spends/${report.body.id}/decision`, {
        as: outsider.as,
        body: { decision: "approve" },
      }),
      403,
    );
    const approved = await callJson("POST", `/api/spends/${report.body.id}/decision`, {
      as: sponsors[1].as,
      body: { decision: "approve" },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", decidedBy: { id: sponsors[1].id } });
    const ledger = await callJson("GET", `/api/challenges/${id}/ledger`, { as: sponsors[0].as });
    const spend = ledger.body.entries.find((e: { type: string }) => e.type === "spend");
    expect(spend).toMatchObject({ amount: 30_001, approvedBy: { id: sponsors[1].id }, actor: { id: lead.id } });
    expect(ledger.body.funding).toMatchObject({ spent: 30_001, unspent: 269_999 });
    const budgets = await callJson("GET", "/api/budgets", { as: sponsors[0].as });
    expect(budgets.body.items[0].spent).toBe(10_000);
    const budgets2 = await callJson("GET", "/api/budgets", { as: sponsors[1].as });
    expect(budgets2.body.items[0].spent).toBe(20_001);
  });
});

describe("Idempotency-Key and spend decisions: edges", () => {
  it("a 400 does not use up the key: the corrected request with the same key goes through", async () => {
    const { sponsors } = await fundingWorld();
    const { id } = await openChallenge(500_000);
    const headers = { "Idempotency-Key": "fix-and-retry" };
    const bad = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[0].as,
      body: { budgetId: sponsors[0].budgetId, amount: -5 },
      headers,
    });
    expect(bad.status).toBe(400);
    const good = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sponsors[0].as,
      body: { budgetId: sponsors[0].budgetId, amount: 5 },
      headers,
    });
    expect(good.status).toBe(201);
  });

  it("a lead who also sponsors cannot approve their own spend report", async () => {
    const { sponsors } = await fundingWorld();
    const lead = sponsors[0];
    const id = await createChallenge(lead.as, { fundingAsk: 10_000 }, true);
    await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: lead.as,
      body: { budgetId: lead.budgetId, amount: 10_000 },
    });
    const report = await callJson("POST", `/api/challenges/${id}/spends`, {
      as: lead.as,
      body: { amount: 1_000, description: "Hosting", spentOn: `${year}-02-01` },
    });
    expect(report.status).toBe(201);
    expectError(
      await callJson("POST", `/api/spends/${report.body.id}/decision`, { as: lead.as, body: { decision: "approve" } }),
      403,
    );
  });
});
