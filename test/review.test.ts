import { describe, expect, it } from "vitest";
import { callJson, createChallenge, env, expectError, member, setChallenge } from "./helpers";

const year = new Date().getUTCFullYear();
const scores = { impact: 4, evidence: 3, scalability: 5, learning: 4, collaboration: 2 };

/** An active challenge funded by two sponsors, with spend, ready to showcase. */
async function activeFunded() {
  const admin = await member({ roles: ["admin"] });
  const period = await callJson("POST", "/api/admin/budget-periods", {
    as: admin.as,
    body: { name: `R-${crypto.randomUUID().slice(0, 8)}`, startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` },
  });
  const sponsors = [];
  for (let i = 0; i < 2; i++) {
    const s = await member({ roles: ["sponsor"] });
    const b = await callJson("POST", "/api/admin/allocations", {
      as: admin.as,
      body: { periodId: period.body.id, sponsorId: s.id, amount: 1_000_000 },
    });
    sponsors.push({ ...s, budgetId: b.body.id as string });
  }
  const lead = await member();
  const id = await createChallenge(lead.as, { fundingAsk: 100_001, slots: [] }, true);
  await callJson("POST", `/api/challenges/${id}/pledges`, {
    as: sponsors[0].as,
    body: { budgetId: sponsors[0].budgetId, amount: 33_334 },
  });
  await callJson("POST", `/api/challenges/${id}/pledges`, {
    as: sponsors[1].as,
    body: { budgetId: sponsors[1].budgetId, amount: 66_667 },
  });
  const started = await callJson("POST", `/api/challenges/${id}/transitions`, {
    as: lead.as,
    body: { action: "start" },
  });
  expect(started.body.stage).toBe("active");
  const report = await callJson("POST", `/api/challenges/${id}/spends`, {
    as: lead.as,
    body: { amount: 10_000, description: "Load-test rig", spentOn: `${year}-01-02` },
  });
  await callJson("POST", `/api/spends/${report.body.id}/decision`, {
    as: sponsors[0].as,
    body: { decision: "approve" },
  });
  const reviewer = await member({ roles: ["reviewer"] });
  const kpiId = started.body.kpis[0].id as string;
  return { id, lead, sponsors, reviewer, kpiId };
}

async function showcase(id: string, lead: string, kpiId: string) {
  const saved = await callJson("PUT", `/api/challenges/${id}/showcase`, {
    as: lead,
    body: {
      summary: "Spend fell by a quarter.",
      kpiResults: [{ kpiId, actual: 31000, note: "Two jobs retired." }],
      artifacts: [{ title: "Dashboard", url: "https://example.com/dash" }],
      lessons: "Start with the noisiest jobs.",
      recommendation: "iterate",
    },
  });
  expect(saved.status).toBe(200);
  expect(saved.body.missing).toEqual([]);
  const submitted = await callJson("POST", `/api/challenges/${id}/transitions`, {
    as: lead,
    body: { action: "submit" },
  });
  expect(submitted.body.stage).toBe("showcase");
}

describe("showcase → review → questions → decision", () => {
  it("submit needs a complete showcase; review, dialogue, iterate with a commitment; stop returns the unspent money", async () => {
    const { id, lead, sponsors, reviewer, kpiId } = await activeFunded();
    const early = await callJson("POST", `/api/challenges/${id}/transitions`, {
      as: lead.as,
      body: { action: "submit" },
    });
    expectError(early, 409, "showcase_missing");
    expect(early.body.error.message).toContain("the showcase");

    await showcase(id, lead.as, kpiId);
    expectError(
      await callJson("PUT", `/api/challenges/${id}/showcase`, {
        as: lead.as,
        body: { summary: "Changed after submitting" },
      }),
      409,
    );

    expectError(
      await callJson("POST", `/api/challenges/${id}/reviews`, {
        as: lead.as,
        body: { scores, feedback: "Great work all round." },
      }),
      403,
    );
    const review = await callJson("POST", `/api/challenges/${id}/reviews`, {
      as: reviewer.as,
      body: { scores, feedback: "Strong evidence; widen the rollout." },
    });
    expect(review.status).toBe(201);
    // (4·30 + 3·20 + 5·20 + 4·15 + 2·15) / 100 = 3.7
    expect(review.body.weightedScore).toBe(3.7);
    const revised = await callJson("POST", `/api/challenges/${id}/reviews`, {
      as: reviewer.as,
      body: { scores: { ...scores, collaboration: 5 }, feedback: "Revised after the demo." },
    });
    expect(revised.body.weightedScore).toBe(4.15);
    const bad = await callJson("POST", `/api/challenges/${id}/reviews`, {
      as: reviewer.as,
      body: { scores: { impact: 6 }, feedback: "Not enough scores here." },
    });
    expect(Object.keys(bad.body.error.details.fields)).toEqual(
      expect.arrayContaining(["scores.impact", "scores.evidence"]),
    );

    const question = await callJson("POST", `/api/challenges/${id}/questions`, {
      as: reviewer.as,
      body: { body: "Would this hold at twice the data volume?" },
    });
    expect(question.status).toBe(201);
    const outsider = await member();
    expectError(
      await callJson("POST", `/api/questions/${question.body.id}/answers`, { as: outsider.as, body: { body: "Sure" } }),
      403,
    );
    const answered = await callJson("POST", `/api/questions/${question.body.id}/answers`, {
      as: lead.as,
      body: { body: "Yes: we load-tested at three times." },
    });
    expect(answered.body.answers).toHaveLength(1);
    const followUp = await callJson("POST", `/api/questions/${question.body.id}/answers`, {
      as: reviewer.as,
      body: { body: "Thanks — please share the test plan." },
    });
    expect(followUp.body.answers).toHaveLength(2);
    const told = await env.DB.prepare(
      "SELECT count(*) AS n FROM notifications WHERE kind = 'question_answered' AND recipient_id = ?",
    )
      .bind(reviewer.id)
      .first<{ n: number }>();
    expect(told?.n).toBe(1);

    const due = `${year + 1}-03-01`;
    const iterate = await callJson("POST", `/api/challenges/${id}/decision`, {
      as: reviewer.as,
      body: {
        decision: "iterate",
        rationale: "Promising; prove it at scale first.",
        nextGateOn: `${year + 1}-04-01`,
        commitments: [{ what: "Two more data engineers for a quarter", ownerId: reviewer.id, due }],
      },
    });
    expect(iterate.status).toBe(200);
    expect(iterate.body.commitments[0]).toMatchObject({ status: "open", overdue: false, dueOn: due });
    const after = await callJson("GET", `/api/challenges/${id}`, { as: lead.as });
    expect(after.body).toMatchObject({ stage: "active", cycle: 2 });
    const view = await callJson("GET", `/api/challenges/${id}/showcase`, { as: lead.as });
    expect(view.body.showcases[0]).toMatchObject({ cycle: 1 });
    expect(view.body.decisions[0]).toMatchObject({ decision: "iterate", cycle: 1 });

    // Second cycle: stop. The unspent money returns exactly, split by pledge.
    await showcase(id, lead.as, kpiId);
    const stop = await callJson("POST", `/api/challenges/${id}/decision`, {
      as: reviewer.as,
      body: { decision: "stop", rationale: "The savings did not hold in cycle two." },
    });
    expect(stop.status).toBe(200);
    const ledger = await callJson("GET", `/api/challenges/${id}/ledger`, { as: lead.as });
    expect(ledger.body.funding).toMatchObject({ pledged: 100_001, spent: 10_000, returned: 90_001, unspent: 0 });
    const returns = ledger.body.entries
      .filter((e: { type: string }) => e.type === "return")
      .map((e: { amount: number }) => e.amount);
    // 90 001 × 33 334 / 100 001 = 30 000.96… → 30 000; × 66 667 / 100 001 = 60 000.03… → 60 000; 1 cent to the largest.
    expect(returns.sort((a: number, b: number) => a - b)).toEqual([30_000, 60_001]);
    const [b0] = (await callJson("GET", "/api/budgets", { as: sponsors[0].as })).body.items;
    expect(b0.remaining).toBe(1_000_000 - 33_334 + 30_000);
    expectError(
      await callJson("POST", `/api/challenges/${id}/decision`, {
        as: reviewer.as,
        body: { decision: "scale", rationale: "Changed my mind entirely." },
      }),
      409,
    );
  });

  it("the dashboard is for reviewers and admins and counts from the data", async () => {
    const reviewer = await member({ roles: ["reviewer"] });
    const ic = await member();
    expectError(await callJson("GET", "/api/dashboard", { as: ic.as }), 403);
    const res = await callJson("GET", "/api/dashboard", { as: reviewer.as });
    expect(res.status).toBe(200);
    const open = await env.DB.prepare("SELECT count(*) AS n FROM challenges WHERE stage = 'open'").first<{
      n: number;
    }>();
    expect(res.body.funnel.find((f: { stage: string }) => f.stage === "open").current).toBe(open?.n);
    expect(Number(res.headers.get("server-timing")?.match(/"(\d+) round trips?"/)?.[1])).toBeLessThanOrEqual(5);
  });

  it("similar challenges match on title and summary words", async () => {
    const lead = await member();
    const id = await createChallenge(lead.as, { title: "Shrink the Kestrelwing build cache" }, true);
    const res = await callJson("GET", `/api/similar-challenges?q=${encodeURIComponent("kestrelwing cache")}`, {
      as: lead.as,
    });
    expect(res.body.items.map((i: { id: string }) => i.id)).toContain(id);
    await setChallenge(id, { stage: "open" });
  });
});

describe("merging two challenges with both leads' consent", () => {
  it("moves backers, comments and pending applications, and both pages show it", async () => {
    const leadA = await member();
    const leadB = await member();
    const backer = await member();
    const applicant = await member({ discipline: "data" });
    const source = await createChallenge(leadA.as, { title: "Tidy the billing exports" }, true);
    const target = await createChallenge(leadB.as, { title: "One billing data model for all teams" }, true);
    await callJson("PUT", `/api/challenges/${source}/backing`, { as: backer.as });
    await callJson("POST", `/api/challenges/${source}/comments`, { as: backer.as, body: { body: "These overlap." } });
    const sourceSlot = (await callJson("GET", `/api/challenges/${source}`, { as: leadA.as })).body.slots[0].id;
    await callJson("POST", `/api/challenges/${source}/slots/${sourceSlot}/applications`, {
      as: applicant.as,
      body: { pitch: "I maintain the exports today and know their quirks." },
    });

    expectError(
      await callJson("POST", `/api/challenges/${source}/merge-requests`, { as: backer.as, body: { targetId: target } }),
      403,
    );
    const request = await callJson("POST", `/api/challenges/${source}/merge-requests`, {
      as: leadA.as,
      body: { targetId: target, note: "Same problem; let's join forces." },
    });
    expect(request.status).toBe(201);
    expectError(
      await callJson("POST", `/api/merge-requests/${request.body.id}/decision`, {
        as: leadA.as,
        body: { decision: "accept" },
      }),
      403,
    );
    const accepted = await callJson("POST", `/api/merge-requests/${request.body.id}/decision`, {
      as: leadB.as,
      body: { decision: "accept" },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe("accepted");

    const a = (await callJson("GET", `/api/challenges/${source}`, { as: leadA.as })).body;
    const b = (await callJson("GET", `/api/challenges/${target}`, { as: leadB.as })).body;
    expect(a).toMatchObject({ stage: "withdrawn", mergedIntoId: target, backerCount: 0, commentCount: 0 });
    expect(b).toMatchObject({
      backerCount: 1,
      commentCount: 1,
      mergedFrom: [{ id: source, title: "Tidy the billing exports" }],
    });
    const team = (await callJson("GET", `/api/challenges/${target}/team`, { as: leadB.as })).body;
    expect(team.applications.map((x: { applicant: { id: string } }) => x.applicant.id)).toContain(applicant.id);
  });
});
