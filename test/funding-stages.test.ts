/**
 * Issue 12, "every promise kept": the funding box tells one truth per stage (nothing is still
 * needed once a challenge is funded or closed, and what came back shows), backing is for others
 * than the challenge's leads and for challenges not yet closed, and a budget's ledger names the
 * challenge of each entry.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stillNeeded } from "../worker/domain/ledger";
import { BACKING_STAGES, backingRefusal, CLOSED_STAGES, STAGES, type Stage } from "../worker/domain/lifecycle";
import { callJson, createChallenge, env, expectError, member, setChallenge } from "./helpers";

const year = new Date().getUTCFullYear();

// ─── The rules ──────────────────────────────────────────────────────────────────────────────

describe("backingRefusal (worker/domain/lifecycle.ts)", () => {
  const other = { isLead: false, isCoLead: false };
  const lead = { isLead: true, isCoLead: false };
  const coLead = { isLead: false, isCoLead: true };

  it("takes backing from others on open, funded, active and showcase challenges", () => {
    expect(BACKING_STAGES).toEqual(["open", "funded", "active", "showcase"]);
    for (const stage of BACKING_STAGES) expect(backingRefusal(stage, other)).toBeNull();
  });

  it("refuses the challenge's own lead and co-lead (403), whatever the stage that takes backers", () => {
    for (const stage of BACKING_STAGES) {
      for (const actor of [lead, coLead]) {
        expect(backingRefusal(stage, actor)).toMatchObject({ status: 403, code: "forbidden" });
      }
    }
  });

  it("refuses a closed or unpublished challenge to everyone (409), the stage asked first", () => {
    expect(CLOSED_STAGES).toEqual(["reviewed", "withdrawn", "archived"]);
    for (const stage of [...CLOSED_STAGES, "draft" as const]) {
      for (const actor of [other, lead, coLead]) {
        expect(backingRefusal(stage, actor)).toMatchObject({ status: 409, code: "invalid_stage" });
      }
    }
    expect(backingRefusal("reviewed", other)?.reason).toMatch(/closed/);
    expect(backingRefusal("draft", lead)?.reason).toMatch(/published/);
  });

  it("every stage either takes backers or is closed or a draft", () => {
    for (const stage of STAGES) {
      const closedOrDraft = CLOSED_STAGES.includes(stage) || stage === "draft";
      expect(BACKING_STAGES.includes(stage)).toBe(!closedOrDraft);
    }
  });
});

describe("stillNeeded (worker/domain/ledger.ts)", () => {
  const stage = fc.constantFrom<Stage>(...STAGES);
  const money = fc.nat({ max: 10_000_000 });

  it("is the ask less what is pledged and not returned, while open", () => {
    expect(stillNeeded("open", 100_000, { pledged: 40_000, returned: 0 })).toBe(60_000);
    expect(stillNeeded("open", 100_000, { pledged: 100_000, returned: 0 })).toBe(0);
    expect(stillNeeded("open", null, { pledged: 0, returned: 0 })).toBe(0);
  });

  it("is 0 in every other stage: funded, or closed with its money back", () => {
    // The bug it fixes: after a close the returns made the ask look unmet again.
    expect(stillNeeded("reviewed", 1_200_000, { pledged: 1_200_000, returned: 1_200_000 })).toBe(0);
    expect(stillNeeded("withdrawn", 100_000, { pledged: 40_000, returned: 40_000 })).toBe(0);
  });

  it("property: never negative, never over the ask, and non-zero only while open", () => {
    fc.assert(
      fc.property(stage, fc.option(money, { nil: null }), money, money, (s, ask, pledged, back) => {
        const returned = Math.min(back, pledged);
        const need = stillNeeded(s, ask, { pledged, returned });
        expect(need).toBeGreaterThanOrEqual(0);
        expect(need).toBeLessThanOrEqual(ask ?? 0);
        if (s !== "open") expect(need).toBe(0);
        else expect(need).toBe(Math.max(0, (ask ?? 0) - (pledged - returned)));
      }),
    );
  });
});

// ─── Worlds ─────────────────────────────────────────────────────────────────────────────────

type Person = Awaited<ReturnType<typeof member>>;

/** `count` sponsors, each holding a budget of 1 000 000 in a current period. */
async function sponsors(count: number) {
  const admin = await member({ roles: ["admin"] });
  const period = await callJson("POST", "/api/admin/budget-periods", {
    as: admin.as,
    body: { name: `FS-${crypto.randomUUID().slice(0, 8)}`, startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` },
  });
  expect(period.status).toBe(201);
  const made: (Person & { budgetId: string })[] = [];
  for (let i = 0; i < count; i++) {
    const s = await member({ roles: ["sponsor"] });
    const b = await callJson("POST", "/api/admin/allocations", {
      as: admin.as,
      body: { periodId: period.body.id, sponsorId: s.id, amount: 1_000_000 },
    });
    expect(b.status).toBe(201);
    made.push({ ...s, budgetId: b.body.id as string });
  }
  return made;
}

async function pledge(sponsor: Person & { budgetId: string }, id: string, amount: number) {
  const res = await callJson("POST", `/api/challenges/${id}/pledges`, {
    as: sponsor.as,
    body: { budgetId: sponsor.budgetId, amount },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res;
}

/** A showcase on show: funded 60 000 + 40 000, 10 000 spent, submitted for review. */
async function onShow() {
  const [a, b] = await sponsors(2);
  const lead = await member();
  const id = await createChallenge(lead.as, { fundingAsk: 100_000, slots: [] }, true);
  await pledge(a, id, 60_000);
  await pledge(b, id, 40_000);
  const started = await callJson("POST", `/api/challenges/${id}/transitions`, {
    as: lead.as,
    body: { action: "start" },
  });
  expect(started.body.stage).toBe("active");
  const report = await callJson("POST", `/api/challenges/${id}/spends`, {
    as: lead.as,
    body: { amount: 10_000, description: "Test rig", spentOn: `${year}-01-02` },
  });
  await callJson("POST", `/api/spends/${report.body.id}/decision`, { as: a.as, body: { decision: "approve" } });
  const saved = await callJson("PUT", `/api/challenges/${id}/showcase`, {
    as: lead.as,
    body: {
      summary: "Spend fell by a quarter.",
      kpiResults: [{ kpiId: started.body.kpis[0].id, actual: 31000, note: "Two jobs retired." }],
      artifacts: [{ title: "Dashboard", url: "https://example.com/dash" }],
      lessons: "Start with the noisiest jobs.",
      recommendation: "scale",
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const submitted = await callJson("POST", `/api/challenges/${id}/transitions`, {
    as: lead.as,
    body: { action: "submit" },
  });
  expect(submitted.body.stage).toBe("showcase");
  return { id, lead, sponsors: [a, b] };
}

// ─── The API ────────────────────────────────────────────────────────────────────────────────

describe("GET /api/challenges/:id: funding.stillNeeded and funding.returned, one truth per stage", () => {
  it("open: still needs the rest of the ask; funded: needs nothing", async () => {
    const [a, b] = await sponsors(2);
    const lead = await member();
    const id = await createChallenge(lead.as, { fundingAsk: 100_000 }, true);
    await pledge(a, id, 30_000);
    const open = await callJson("GET", `/api/challenges/${id}`, { as: lead.as });
    expect(open.body.funding).toMatchObject({ pledged: 30_000, returned: 0, stillNeeded: 70_000 });
    await pledge(b, id, 70_000);
    const funded = await callJson("GET", `/api/challenges/${id}`, { as: lead.as });
    expect(funded.body).toMatchObject({ stage: "funded", funding: { pledged: 100_000, stillNeeded: 0 } });
  });

  for (const decision of ["scale", "stop"] as const) {
    it(`after a ${decision} decision: the unspent money shows as returned, and nothing is still needed`, async () => {
      const { id, lead } = await onShow();
      const reviewer = await member({ roles: ["reviewer"] });
      const decided = await callJson("POST", `/api/challenges/${id}/decision`, {
        as: reviewer.as,
        body: { decision, rationale: `We ${decision} it: the numbers say so.` },
      });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      const ch = await callJson("GET", `/api/challenges/${id}`, { as: (await member()).as });
      expect(ch.body).toMatchObject({
        stage: "reviewed",
        funding: { pledged: 100_000, spent: 10_000, returned: 90_000, stillNeeded: 0 },
      });
      const ledger = await callJson("GET", `/api/challenges/${id}/ledger`, { as: lead.as });
      expect(ledger.body.funding).toMatchObject({ returned: 90_000, unspent: 0, stillNeeded: 0 });
      // The marketplace card says what came back too.
      const cards = await callJson("GET", "/api/challenges?stage=reviewed&limit=50", { as: lead.as });
      expect(cards.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({
        pledged: 100_000,
        returned: 90_000,
      });
    });
  }

  it("after a withdrawal: every pledge shows as returned, and nothing is still needed", async () => {
    const [a] = await sponsors(1);
    const lead = await member();
    const id = await createChallenge(lead.as, { fundingAsk: 100_000 }, true);
    await pledge(a, id, 40_000);
    const withdrawn = await callJson("POST", `/api/challenges/${id}/transitions`, {
      as: lead.as,
      body: { action: "withdraw" },
    });
    expect(withdrawn.body).toMatchObject({ stage: "withdrawn", funding: { returned: 40_000, stillNeeded: 0 } });
    const ledger = await callJson("GET", `/api/challenges/${id}/ledger`, { as: a.as });
    expect(ledger.body.funding).toMatchObject({ pledged: 40_000, returned: 40_000, stillNeeded: 0 });
  });
});

describe("PUT /api/challenges/:id/backing: for others, while the outcome is to come", () => {
  const backings = async (id: string) =>
    env.DB.prepare("SELECT count(*) AS n FROM backings WHERE challenge_id = ?").bind(id).first<number>("n");

  it("refuses the lead and the co-lead (403) and records nothing; viewer.canBack says so", async () => {
    const lead = await member();
    const coLead = await member();
    const id = await createChallenge(lead.as, {}, true);
    await setChallenge(id, { co_lead_id: coLead.id });
    for (const who of [lead, coLead]) {
      expectError(await callJson("PUT", `/api/challenges/${id}/backing`, { as: who.as }), 403, "forbidden");
      const got = await callJson("GET", `/api/challenges/${id}`, { as: who.as });
      expect(got.body.viewer).toMatchObject({ canBack: false, canParticipate: true });
    }
    expect(await backings(id)).toBe(0);
    // Stopping a backing is never refused: it is idempotent, and changes nothing here.
    expect((await callJson("DELETE", `/api/challenges/${id}/backing`, { as: lead.as })).status).toBe(200);
    const fan = await member();
    expect((await callJson("GET", `/api/challenges/${id}`, { as: fan.as })).body.viewer.canBack).toBe(true);
    expect((await callJson("PUT", `/api/challenges/${id}/backing`, { as: fan.as })).status).toBe(200);
  });

  it("refuses everyone on a closed challenge (409); a backer from before may still stop", async () => {
    const lead = await member();
    const fan = await member();
    const newcomer = await member();
    const id = await createChallenge(lead.as, {}, true);
    expect((await callJson("PUT", `/api/challenges/${id}/backing`, { as: fan.as })).status).toBe(200);
    await setChallenge(id, { stage: "reviewed" });
    for (const who of [newcomer, lead]) {
      expectError(await callJson("PUT", `/api/challenges/${id}/backing`, { as: who.as }), 409, "invalid_stage");
      expect((await callJson("GET", `/api/challenges/${id}`, { as: who.as })).body.viewer.canBack).toBe(false);
    }
    const stopped = await callJson("DELETE", `/api/challenges/${id}/backing`, { as: fan.as });
    expect(stopped.body).toEqual({ backed: false, backerCount: 0 });
  });
});

describe("GET /api/budgets/:id/ledger: each entry names its challenge", () => {
  it("pledges and returns carry the challenge's id and title, to link to", async () => {
    const [a] = await sponsors(1);
    const lead = await member();
    const id = await createChallenge(lead.as, { title: "Faster builds for everyone", fundingAsk: 100_000 }, true);
    await pledge(a, id, 25_000);
    await callJson("POST", `/api/challenges/${id}/transitions`, { as: lead.as, body: { action: "withdraw" } });
    const res = await callJson("GET", `/api/budgets/${a.budgetId}/ledger`, { as: a.as });
    expect(res.status).toBe(200);
    const named = res.body.entries
      .filter((e: { challengeId: string | null }) => e.challengeId)
      .map((e: { type: string; challengeId: string; challengeTitle: string }) => [
        e.type,
        e.challengeId,
        e.challengeTitle,
      ]);
    expect(named).toEqual([
      ["pledge", id, "Faster builds for everyone"],
      ["return", id, "Faster builds for everyone"],
    ]);
  });
});
