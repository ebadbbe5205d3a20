import { describe, expect, it } from "vitest";
import {
  activitiesOf,
  callJson,
  createChallenge,
  env,
  expectError,
  expectInvalid,
  JUNK_BODIES,
  member,
  seedPerson,
  setChallenge,
} from "./helpers";

// ─── World builders ─────────────────────────────────────────────────────────────────────────

type Person = Awaited<ReturnType<typeof member>>;
type Sponsor = Person & { budgetId: string };

const DAY_MS = 86_400_000;
const isoDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);
const isoAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
const year = new Date().getUTCFullYear();
const SCORES = { impact: 4, evidence: 3, scalability: 5, learning: 4, collaboration: 2 };
const FEEDBACK = "Strong evidence; widen the rollout next quarter.";
const RATIONALE = "The savings held for a full quarter.";

let seq = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

/** An admin, a current budget period and one sponsor per amount, each holding that amount. */
async function sponsorsWith(amounts: number[]) {
  const admin = await member({ roles: ["admin"] });
  const period = await callJson("POST", "/api/admin/budget-periods", {
    as: admin.as,
    body: { name: unique("P"), startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` },
  });
  expect(period.status, JSON.stringify(period.body)).toBe(201);
  const sponsors: Sponsor[] = [];
  for (const amount of amounts) {
    const s = await member({ roles: ["sponsor"] });
    const b = await callJson("POST", "/api/admin/allocations", {
      as: admin.as,
      body: { periodId: period.body.id, sponsorId: s.id, amount },
    });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    sponsors.push({ ...s, budgetId: b.body.id });
  }
  return { admin, periodId: period.body.id as string, sponsors };
}

async function pledge(s: Sponsor, challengeId: string, amount: number) {
  const res = await callJson("POST", `/api/challenges/${challengeId}/pledges`, {
    as: s.as,
    body: { budgetId: s.budgetId, amount },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.pledge.id as string;
}

async function kpiIdsOf(challengeId: string) {
  const { results } = await env.DB.prepare("SELECT id FROM challenge_kpis WHERE challenge_id = ? ORDER BY position")
    .bind(challengeId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

async function slotIdsOf(challengeId: string) {
  const { results } = await env.DB.prepare("SELECT id FROM challenge_slots WHERE challenge_id = ? ORDER BY position")
    .bind(challengeId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Seats a signed-in person on a slot, as an accepted application would. */
async function seat(challengeId: string, slotId: string, personId: string) {
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, 20, 'active')",
    ).bind(`mem_${crypto.randomUUID().slice(0, 12)}`, challengeId, slotId, personId),
    env.DB.prepare("UPDATE challenge_slots SET filled = filled + 1 WHERE id = ?").bind(slotId),
  ]);
}

const KPIS = [
  { name: "Monthly batch spend", unit: "USD", direction: "down", baseline: 42000, target: 29400 },
  { name: "Jobs retired", unit: "jobs", direction: "up", baseline: 0, target: 10 },
];

/**
 * An active challenge (stage set straight in D1; funding is not the point) with a lead, a
 * co-lead and a teammate, all signed in.
 */
async function activeTeam(overrides: Record<string, unknown> = {}) {
  const lead = await member();
  const coLead = await member();
  const teammate = await member({ discipline: "data" });
  const id = await createChallenge(
    lead.as,
    {
      kpis: KPIS,
      slots: [{ discipline: "data", count: 2, skills: [], commitmentPercent: 20, required: false }],
      ...overrides,
    },
    true,
  );
  await setChallenge(id, { stage: "active", co_lead_id: coLead.id });
  const [slotId] = await slotIdsOf(id);
  await seat(id, slotId, teammate.id);
  return { lead, coLead, teammate, id, kpiIds: await kpiIdsOf(id) };
}

const showcaseBody = (kpiIds: string[], over: Record<string, unknown> = {}) => ({
  summary: "Spend fell by a quarter.",
  kpiResults: kpiIds.map((kpiId, i) => ({ kpiId, actual: i === 0 ? 31000 : 12, note: "Two jobs retired." })),
  artifacts: [{ title: "Dashboard", url: "https://example.com/dash" }],
  lessons: "Start with the noisiest jobs.",
  recommendation: "scale",
  recommendationNote: "Roll out to the other regions.",
  ...over,
});

function putShowcase(as: string, id: string, body: unknown) {
  return callJson("PUT", `/api/challenges/${id}/showcase`, { as, body });
}

function transition(as: string, id: string, action: string) {
  return callJson("POST", `/api/challenges/${id}/transitions`, { as, body: { action } });
}

async function submitShowcase(lead: Person, id: string, kpiIds: string[]) {
  const saved = await putShowcase(lead.as, id, showcaseBody(kpiIds));
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const submitted = await transition(lead.as, id, "submit");
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  expect(submitted.body.stage).toBe("showcase");
}

/** A challenge on show (submitted), with its team. */
async function onShow(overrides: Record<string, unknown> = {}) {
  const team = await activeTeam(overrides);
  await submitShowcase(team.lead, team.id, team.kpiIds);
  return team;
}

/**
 * A funded, started and submitted challenge: two sponsors pledged `amounts`, `spend` was
 * approved. Built through the API, so the ledger is real.
 */
async function fundedOnShow(amounts: number[], spend: number) {
  const world = await sponsorsWith(amounts.map(() => 1_000_000));
  const lead = await member();
  const ask = amounts.reduce((s, a) => s + a, 0);
  const id = await createChallenge(lead.as, { fundingAsk: ask, slots: [] }, true);
  const pledgeIds: string[] = [];
  for (const [i, amount] of amounts.entries()) pledgeIds.push(await pledge(world.sponsors[i], id, amount));
  expect((await transition(lead.as, id, "start")).body.stage).toBe("active");
  if (spend > 0) {
    const report = await callJson("POST", `/api/challenges/${id}/spends`, {
      as: lead.as,
      body: { amount: spend, description: "Load-test rig", spentOn: isoDay() },
    });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    const approved = await callJson("POST", `/api/spends/${report.body.id}/decision`, {
      as: world.sponsors[0].as,
      body: { decision: "approve" },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  }
  const kpiIds = await kpiIdsOf(id);
  await submitShowcase(lead, id, kpiIds);
  return { ...world, lead, id, pledgeIds, kpiIds };
}

function review(as: string, id: string, body: unknown = { scores: SCORES, feedback: FEEDBACK }) {
  return callJson("POST", `/api/challenges/${id}/reviews`, { as, body });
}

function ask(as: string, id: string, body: unknown = { body: "Would this hold at twice the data volume?" }) {
  return callJson("POST", `/api/challenges/${id}/questions`, { as, body });
}

function answer(as: string, questionId: string, body: unknown = { body: "Yes: we load-tested at three times." }) {
  return callJson("POST", `/api/questions/${questionId}/answers`, { as, body });
}

function decide(as: string, id: string, body: unknown) {
  return callJson("POST", `/api/challenges/${id}/decision`, { as, body });
}

function showcaseView(as: string, id: string) {
  return callJson("GET", `/api/challenges/${id}/showcase`, { as });
}

// ─── Reading D1 directly ────────────────────────────────────────────────────────────────────

async function one<T>(sql: string, ...binds: unknown[]) {
  return env.DB.prepare(sql)
    .bind(...binds)
    .first<T>();
}

async function count(sql: string, ...binds: unknown[]) {
  return (await one<{ n: number }>(sql, ...binds))?.n ?? 0;
}

async function stageOf(id: string) {
  return (await one<{ stage: string; cycle: number }>("SELECT stage, cycle FROM challenges WHERE id = ?", id)) ?? null;
}

/** Who got a notification of `kind` about `challengeId`, sorted. */
async function notified(kind: string, challengeId: string) {
  const { results } = await env.DB.prepare(
    "SELECT recipient_id AS id FROM notifications WHERE kind = ? AND challenge_id = ? ORDER BY recipient_id",
  )
    .bind(kind, challengeId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

const sorted = (...ids: string[]) => [...ids].sort();

async function remainingOf(budgetId: string) {
  return (await one<{ remaining: number }>("SELECT remaining FROM budgets WHERE id = ?", budgetId))?.remaining;
}

/** Every junk body is refused with a 400 in the error shape, never a 500. */
async function expectJunkRefused(method: string, path: string, as: string) {
  for (const body of JUNK_BODIES) {
    const res = await callJson(method, path, { as, body });
    expect(res.status, `${method} ${path} with ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).toBe(400);
    expectError(res, 400, "validation_failed");
  }
}

// ─── 401 without a session ──────────────────────────────────────────────────────────────────

describe("without a session", () => {
  it("every showcase, review, leadership and merge route answers 401", async () => {
    const { id } = await onShow();
    const routes: [string, string, unknown?][] = [
      ["GET", `/api/challenges/${id}/showcase`],
      ["PUT", `/api/challenges/${id}/showcase`, { summary: "x" }],
      ["POST", `/api/challenges/${id}/reviews`, { scores: SCORES, feedback: FEEDBACK }],
      ["POST", `/api/challenges/${id}/questions`, { body: "Why?" }],
      ["POST", `/api/challenges/${id}/decision`, { decision: "stop", rationale: RATIONALE }],
      ["POST", "/api/questions/q_x/answers", { body: "Because." }],
      ["POST", "/api/reviews/rev_x/replies", { body: "Thanks." }],
      ["PATCH", "/api/commitments/com_x", { status: "done" }],
      ["GET", "/api/showcases"],
      ["POST", "/api/showcases/events", { title: "Demo day", heldOn: isoDay(1), challengeIds: [id] }],
      ["GET", "/api/showcases/events/evt_x"],
      ["GET", "/api/review-criteria"],
      ["PUT", "/api/admin/review-criteria", { items: [{ id: "impact", name: "Impact", weight: 100 }] }],
      ["GET", "/api/dashboard"],
      ["GET", "/api/similar-challenges?q=batch"],
      ["GET", `/api/challenges/${id}/merge-requests`],
      ["POST", `/api/challenges/${id}/merge-requests`, { targetId: "ch_x" }],
      ["POST", "/api/merge-requests/mrg_x/decision", { decision: "accept" }],
    ];
    for (const [method, path, body] of routes) {
      const res = await callJson(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(401);
      expectError(res, 401);
    }
  });
});

// ─── PUT /api/challenges/:id/showcase ───────────────────────────────────────────────────────

describe("PUT /api/challenges/:id/showcase", () => {
  it("lets the lead and co-lead write the current cycle's showcase while active, saying what is still missing", async () => {
    const { lead, coLead, id, kpiIds } = await activeTeam();
    const draft = await putShowcase(lead.as, id, { summary: "Early numbers." });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body).toMatchObject({ cycle: 1, summary: "Early numbers.", submittedAt: null, recommendation: null });
    expect(draft.body.missing).toEqual(["the actual result of 2 KPIs", "a recommendation"]);

    const full = await putShowcase(coLead.as, id, showcaseBody(kpiIds));
    expect(full.status, JSON.stringify(full.body)).toBe(200);
    expect(full.body.missing).toEqual([]);
    expect(full.body.artifacts).toEqual([{ title: "Dashboard", url: "https://example.com/dash" }]);
    // Spend is a "down" KPI (31 000 ≤ 29 400 is false); jobs retired is "up" (12 ≥ 10).
    expect(full.body.kpiResults).toEqual([
      expect.objectContaining({
        kpiId: kpiIds[0],
        name: "Monthly batch spend",
        actual: 31000,
        target: 29400,
        met: false,
      }),
      expect.objectContaining({ kpiId: kpiIds[1], name: "Jobs retired", direction: "up", actual: 12, met: true }),
    ]);
    expect(await count("SELECT count(*) AS n FROM showcases WHERE challenge_id = ?", id)).toBe(1);
    expect((await activitiesOf(id)).filter((a) => a.action === "showcase_saved")).toHaveLength(2);
  });

  it("is 403 for anyone but the lead and co-lead, 404 on someone else's draft, 409 outside active", async () => {
    const { teammate, id, kpiIds } = await activeTeam();
    const reviewer = await member({ roles: ["reviewer"] });
    const admin = await member({ roles: ["admin"] });
    for (const who of [teammate, reviewer, admin]) {
      expectError(await putShowcase(who.as, id, showcaseBody(kpiIds)), 403, "forbidden");
    }
    const drafter = await member();
    const draft = await createChallenge(drafter.as);
    expectError(await putShowcase(reviewer.as, draft, showcaseBody([])), 404);
    expectError(await putShowcase(admin.as, draft, showcaseBody([])), 404);
    expectError(await putShowcase(drafter.as, draft, showcaseBody([])), 409, "invalid_stage");
    const open = await createChallenge(drafter.as, {}, true);
    expectError(await putShowcase(drafter.as, open, showcaseBody(await kpiIdsOf(open))), 409, "invalid_stage");
    expectError(await putShowcase(drafter.as, "ch_nope", showcaseBody([])), 404);
  });

  it("is frozen once submitted: a later PUT is 409 and changes nothing", async () => {
    const { lead, coLead, id } = await onShow();
    const before = await one<{ summary: string; submitted_at: string }>(
      "SELECT summary, submitted_at FROM showcases WHERE challenge_id = ? AND cycle = 1",
      id,
    );
    expect(before?.submitted_at).toBeTruthy();
    for (const who of [lead, coLead]) {
      expectError(await putShowcase(who.as, id, { summary: "Rewritten after the fact." }), 409, "invalid_stage");
    }
    const after = await one<{ summary: string; submitted_at: string }>(
      "SELECT summary, submitted_at FROM showcases WHERE challenge_id = ? AND cycle = 1",
      id,
    );
    expect(after).toEqual(before);
  });

  it("is 400 naming the field for unknown or repeated KPIs, bad links and recommendations; never 500 on junk", async () => {
    const { lead, id, kpiIds } = await activeTeam();
    expectInvalid(
      await putShowcase(lead.as, id, showcaseBody(kpiIds, { kpiResults: [{ kpiId: "kpi_other", actual: 1 }] })),
      "kpiResults.0.kpiId",
    );
    expectInvalid(
      await putShowcase(
        lead.as,
        id,
        showcaseBody(kpiIds, {
          kpiResults: [
            { kpiId: kpiIds[0], actual: 1 },
            { kpiId: kpiIds[0], actual: 2 },
          ],
        }),
      ),
      "kpiResults.1.kpiId",
    );
    expectInvalid(
      await putShowcase(lead.as, id, showcaseBody(kpiIds, { kpiResults: [{ kpiId: kpiIds[0], actual: "31000" }] })),
      "kpiResults.0.actual",
    );
    expectInvalid(
      await putShowcase(lead.as, id, showcaseBody(kpiIds, { artifacts: [{ title: "X", url: "javascript:alert(1)" }] })),
      "artifacts.0.url",
    );
    expectInvalid(
      await putShowcase(lead.as, id, showcaseBody(kpiIds, { artifacts: [{ title: "", url: "https://a.example" }] })),
      "artifacts.0.title",
    );
    expectInvalid(await putShowcase(lead.as, id, showcaseBody(kpiIds, { recommendation: "pivot" })), "recommendation");
    expectInvalid(await putShowcase(lead.as, "bad id!", showcaseBody(kpiIds)), "id");
    // Every field has a default, so an object of unknown keys is an (empty) showcase; the rest is 400.
    for (const body of JUNK_BODIES) {
      const res = await putShowcase(lead.as, id, body);
      const label = `PUT showcase with ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`;
      let parsed: unknown = body;
      if (typeof body === "string") {
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = undefined;
        }
      }
      const isObject = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
      if (isObject) expect([200, 400], label).toContain(res.status);
      else expect(res.status, label).toBe(400);
      if (res.status === 400) expectError(res, 400, "validation_failed");
    }
  });
});

// ─── POST /api/challenges/:id/transitions {submit} ──────────────────────────────────────────

describe("POST /api/challenges/:id/transitions (submit)", () => {
  it("needs a complete showcase: 409 showcase_missing naming what lacks, until it is complete", async () => {
    const { lead, teammate, id, kpiIds } = await activeTeam();
    const none = expectError(await transition(lead.as, id, "submit"), 409, "showcase_missing");
    expect(none.message).toContain("the showcase");

    await putShowcase(lead.as, id, { summary: " ", kpiResults: [{ kpiId: kpiIds[0], actual: 1 }] });
    const partial = expectError(await transition(lead.as, id, "submit"), 409, "showcase_missing");
    expect(partial.message).toContain("a summary");
    expect(partial.message).toContain("the actual result of 1 KPI");
    expect(partial.message).toContain("a recommendation");

    await putShowcase(lead.as, id, showcaseBody(kpiIds, { recommendation: null }));
    const noRecommendation = expectError(await transition(lead.as, id, "submit"), 409, "showcase_missing");
    expect(noRecommendation.message).toContain("a recommendation");
    expect(noRecommendation.message).not.toContain("a summary");
    expect((await stageOf(id))?.stage).toBe("active");

    await putShowcase(lead.as, id, showcaseBody(kpiIds));
    expectError(await transition(teammate.as, id, "submit"), 403);
    const done = await transition(lead.as, id, "submit");
    expect(done.status).toBe(200);
    expect(done.body.stage).toBe("showcase");
    const row = await one<{ submitted_at: string | null }>(
      "SELECT submitted_at FROM showcases WHERE challenge_id = ? AND cycle = 1",
      id,
    );
    expect(row?.submitted_at).toBe(done.body.stageChangedAt);
    expect((await showcaseView(lead.as, id)).body.showcases[0].submittedAt).toBe(done.body.stageChangedAt);
  });
});

// ─── GET /api/challenges/:id/showcase ───────────────────────────────────────────────────────

describe("GET /api/challenges/:id/showcase", () => {
  it("shows the showcase with its credits roll (confirmed credit only) and what each viewer may do", async () => {
    const { lead, teammate, id } = await onShow();
    const insert = (personId: string, status: string, description: string) =>
      env.DB.prepare(
        `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status)
         VALUES (?, ?, ?, ?, 'software', ?, ?)`,
      )
        .bind(`con_${crypto.randomUUID().slice(0, 10)}`, id, personId, lead.id, description, status)
        .run();
    await insert(teammate.id, "confirmed", "Wrote the job retirer");
    await insert(teammate.id, "pending", "Unconfirmed work");
    await insert(lead.id, "retracted", "Retracted work");

    const reviewer = await member({ roles: ["reviewer"] });
    const stranger = await member();
    const asLead = await showcaseView(lead.as, id);
    expect(asLead.status).toBe(200);
    expect(asLead.body.showcases).toHaveLength(1);
    expect(asLead.body.showcases[0].credits).toEqual([
      {
        person: { id: teammate.id, name: expect.any(String) },
        contributions: [expect.objectContaining({ type: "software", description: "Wrote the job retirer" })],
      },
    ]);
    expect(asLead.body.criteria.map((c: { weight: number }) => c.weight).reduce((s: number, w: number) => s + w)).toBe(
      100,
    );
    expect(asLead.body.viewer).toEqual({
      canEdit: false,
      canReview: false,
      canAsk: false,
      canAnswer: true,
      canDecide: false,
      reviewBlockedReason: null,
      decideBlockedReason: null,
    });
    expect((await showcaseView(reviewer.as, id)).body.viewer).toEqual({
      canEdit: false,
      canReview: true,
      canAsk: true,
      canAnswer: false,
      canDecide: true,
      reviewBlockedReason: null,
      decideBlockedReason: null,
    });
    const asStranger = await showcaseView(stranger.as, id);
    expect(asStranger.status).toBe(200);
    expect(asStranger.body.viewer).toEqual({
      canEdit: false,
      canReview: false,
      canAsk: false,
      canAnswer: false,
      canDecide: false,
      reviewBlockedReason: null,
      decideBlockedReason: null,
    });
  });

  it("is 404 on someone else's draft (reviewers and admins too) and 400 for a bad id", async () => {
    const drafter = await member();
    const draft = await createChallenge(drafter.as);
    expect((await showcaseView(drafter.as, draft)).body.showcases).toEqual([]);
    for (const who of [await member({ roles: ["reviewer"] }), await member({ roles: ["admin"] })]) {
      expectError(await showcaseView(who.as, draft), 404);
    }
    expectInvalid(await showcaseView(drafter.as, "no such id!"), "id");
  });
});

// ─── POST /api/challenges/:id/reviews ───────────────────────────────────────────────────────

describe("POST /api/challenges/:id/reviews", () => {
  it("scores every criterion, computes the weighted score, tells the team; a second review revises the first", async () => {
    const { lead, coLead, teammate, id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const first = await review(reviewer.as, id);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // (4·30 + 3·20 + 5·20 + 4·15 + 2·15) / 100
    expect(first.body).toMatchObject({ cycle: 1, weightedScore: 3.7, scores: SCORES, feedback: FEEDBACK });
    expect(first.body.reviewer.id).toBe(reviewer.id);
    expect(await notified("review_posted", id)).toEqual(sorted(lead.id, coLead.id, teammate.id));

    const revised = await review(reviewer.as, id, {
      scores: { impact: 5, evidence: 5, scalability: 5, learning: 5, collaboration: 5 },
      feedback: "Revised after the demo: excellent.",
    });
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ id: first.body.id, weightedScore: 5, createdAt: first.body.createdAt });
    expect(await count("SELECT count(*) AS n FROM reviews WHERE challenge_id = ?", id)).toBe(1);
    expect(
      (await one<{ weighted_score: number }>("SELECT weighted_score FROM reviews WHERE id = ?", first.body.id))
        ?.weighted_score,
    ).toBe(500);

    const second = await member({ roles: ["reviewer"] });
    const other = await review(second.as, id, {
      scores: { impact: 1, evidence: 2, scalability: 1, learning: 3, collaboration: 2 },
      feedback: "Too little evidence for scale.",
    });
    // (1·30 + 2·20 + 1·20 + 3·15 + 2·15) / 100 = 1.65
    expect(other.body.weightedScore).toBe(1.65);
    const view = await showcaseView(lead.as, id);
    expect(view.body.reviews).toHaveLength(2);
    expect(view.body.averageScore).toBe(3.33);
    expect((await activitiesOf(id)).filter((a) => a.action === "reviewed")).toHaveLength(3);
  });

  it("is for reviewers only (403 for the lead, sponsors and admins), only on a showcase (409), 404 on drafts", async () => {
    const { lead, id } = await onShow();
    const sponsor = await member({ roles: ["sponsor"] });
    const admin = await member({ roles: ["admin"] });
    for (const who of [lead, sponsor, admin]) expectError(await review(who.as, id), 403, "forbidden");
    const reviewer = await member({ roles: ["reviewer"] });
    const active = await activeTeam();
    expectError(await review(reviewer.as, active.id), 409, "invalid_stage");
    const drafter = await member({ roles: ["reviewer"] });
    const draft = await createChallenge(drafter.as);
    expectError(await review(reviewer.as, draft), 404);
    // A reviewer never reviews their own challenge, whatever its stage: the stake is the reason.
    expectError(await review(drafter.as, draft), 403, "conflict_of_interest");
    expectError(await review(reviewer.as, "ch_missing"), 404);
    expect(await count("SELECT count(*) AS n FROM reviews WHERE challenge_id IN (?, ?)", id, active.id)).toBe(0);
  });

  it("is 400 naming scores.<id> for unknown, missing or out-of-range scores, and the feedback; never 500", async () => {
    const { id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    expectInvalid(
      await review(reviewer.as, id, { scores: { ...SCORES, charisma: 5 }, feedback: FEEDBACK }),
      "scores.charisma",
    );
    const missing = expectInvalid(
      await review(reviewer.as, id, { scores: { impact: 3 }, feedback: FEEDBACK }),
      "scores.evidence",
      "scores.scalability",
      "scores.learning",
      "scores.collaboration",
    );
    expect(Object.keys(missing)).not.toContain("scores.impact");
    for (const bad of [0, 6, 2.5, -3]) {
      expectInvalid(
        await review(reviewer.as, id, { scores: { ...SCORES, impact: bad }, feedback: FEEDBACK }),
        "scores.impact",
      );
    }
    expectInvalid(
      await review(reviewer.as, id, { scores: { ...SCORES, impact: "5" }, feedback: FEEDBACK }),
      "scores.impact",
    );
    expectInvalid(await review(reviewer.as, id, { scores: SCORES, feedback: "Meh." }), "feedback");
    expectInvalid(await review(reviewer.as, id, { scores: SCORES }), "feedback");
    await expectJunkRefused("POST", `/api/challenges/${id}/reviews`, reviewer.as);
    expect(await count("SELECT count(*) AS n FROM reviews WHERE challenge_id = ?", id)).toBe(0);
  });
});

// ─── Conflicts of interest (SPEC §10) ───────────────────────────────────────────────────────

describe("conflicts of interest: POST /api/challenges/:id/reviews and /decision", () => {
  /** Gives a seeded person the reviewer role straight in D1 (roles are read on every request). */
  async function makeReviewer(personId: string) {
    await env.DB.prepare("INSERT OR IGNORE INTO person_roles (person_id, role) VALUES (?, 'reviewer')")
      .bind(personId)
      .run();
  }

  /**
   * A funded challenge on show whose lead, co-lead, teammate and sponsor are all reviewers, and a
   * reviewer who pledged and withdrew while it was open (so no sponsor of it). Built through the
   * API, so the pledges and the ledger are real.
   */
  async function showcaseJudgedByItsOwn() {
    const { sponsors } = await sponsorsWith([1_000_000, 1_000_000]);
    const [sponsor, former] = sponsors;
    const lead = await member({ roles: ["reviewer"] });
    const coLead = await member({ roles: ["reviewer"] });
    const teammate = await member({ roles: ["reviewer"] });
    const id = await createChallenge(
      lead.as,
      {
        fundingAsk: 50_000,
        slots: [{ discipline: "data", count: 1, skills: [], commitmentPercent: 20, required: false }],
      },
      true,
    );
    const withdrawn = await pledge(former, id, 10_000);
    expect((await callJson("DELETE", `/api/pledges/${withdrawn}`, { as: former.as })).status).toBe(200);
    await pledge(sponsor, id, 50_000);
    await setChallenge(id, { co_lead_id: coLead.id });
    const [slotId] = await slotIdsOf(id);
    await seat(id, slotId, teammate.id);
    expect((await transition(lead.as, id, "start")).body.stage).toBe("active");
    await submitShowcase(lead, id, await kpiIdsOf(id));
    for (const s of sponsors) await makeReviewer(s.id);
    const stakes = [
      [lead, "lead", "You lead this challenge"],
      [coLead, "co_lead", "You co-lead this challenge"],
      [teammate, "team", "You are on this challenge's team"],
      [sponsor, "sponsor", "You sponsor this challenge"],
    ] as const;
    return { id, lead, coLead, teammate, sponsor, former, stakes };
  }

  const DECISION = { decision: "stop", rationale: RATIONALE };

  it("refuses the lead, co-lead, a teammate and a sponsor who are reviewers: 403 conflict_of_interest naming the stake, and writes nothing", async () => {
    const { id, sponsor, stakes } = await showcaseJudgedByItsOwn();
    const budgetBefore = await remainingOf(sponsor.budgetId);
    for (const [who, stake, words] of stakes) {
      const reviewed = expectError(await review(who.as, id), 403, "conflict_of_interest");
      expect(reviewed.message).toBe(`${words}, so another reviewer must review it.`);
      expect(reviewed.details).toEqual({ stake });
      const decided = expectError(await decide(who.as, id, DECISION), 403, "conflict_of_interest");
      expect(decided.message).toBe(`${words}, so another reviewer must decide it.`);
      expect(decided.details).toEqual({ stake });
    }
    expect(await count("SELECT count(*) AS n FROM reviews WHERE challenge_id = ?", id)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM decisions WHERE challenge_id = ?", id)).toBe(0);
    expect(await stageOf(id)).toEqual({ stage: "showcase", cycle: 1 });
    // No money went back: the sponsor cannot close their own challenge and recover the funds.
    expect(await count("SELECT count(*) AS n FROM ledger_entries WHERE challenge_id = ? AND type = 'return'", id)).toBe(
      0,
    );
    expect(await remainingOf(sponsor.budgetId)).toBe(budgetBefore);
    expect((await activitiesOf(id)).filter((a) => a.action === "reviewed" || a.action === "decided")).toEqual([]);
  });

  it("refuses for the stake before the stage: a conflicted reviewer hears why, whatever the stage", async () => {
    const { lead, teammate, id } = await activeTeam();
    await makeReviewer(lead.id);
    await makeReviewer(teammate.id);
    expectError(await review(lead.as, id), 403, "conflict_of_interest");
    expectError(await decide(teammate.as, id, DECISION), 403, "conflict_of_interest");
    // An independent reviewer on the same active challenge hears about the stage instead.
    const reviewer = await member({ roles: ["reviewer"] });
    expectError(await review(reviewer.as, id), 409, "invalid_stage");
  });

  it("a reviewer who withdrew every pledge is no sponsor: they review, and decide with the money returned", async () => {
    const { id, former, sponsor } = await showcaseJudgedByItsOwn();
    const reviewed = await review(former.as, id);
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(201);
    expect(reviewed.body.reviewer.id).toBe(former.id);
    const before = await remainingOf(sponsor.budgetId);
    const decided = await decide(former.as, id, DECISION);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.decidedBy.id).toBe(former.id);
    expect(await stageOf(id)).toEqual({ stage: "reviewed", cycle: 1 });
    expect(await remainingOf(sponsor.budgetId)).toBe((before ?? 0) + 50_000);
  });

  it("an independent reviewer still reviews and decides the same showcase; a released teammate is no longer on the team", async () => {
    const { id, teammate } = await showcaseJudgedByItsOwn();
    const independent = await member({ roles: ["reviewer"] });
    const reviewed = await review(independent.as, id);
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(201);
    await env.DB.prepare("UPDATE memberships SET status = 'released' WHERE challenge_id = ? AND person_id = ?")
      .bind(id, teammate.id)
      .run();
    expect((await review(teammate.as, id)).status).toBe(201);
    const decided = await decide(independent.as, id, { decision: "scale", rationale: RATIONALE });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(await count("SELECT count(*) AS n FROM reviews WHERE challenge_id = ?", id)).toBe(2);
  });

  it("GET …/showcase offers neither form to a conflicted reviewer and gives the server's own reason", async () => {
    const { id, former, stakes } = await showcaseJudgedByItsOwn();
    for (const [who] of stakes) {
      const { viewer } = (await showcaseView(who.as, id)).body;
      const refusedReview = (await review(who.as, id)).body.error.message;
      const refusedDecision = (await decide(who.as, id, DECISION)).body.error.message;
      expect(viewer).toMatchObject({
        canReview: false,
        canDecide: false,
        reviewBlockedReason: refusedReview,
        decideBlockedReason: refusedDecision,
      });
    }
    const independent = await member({ roles: ["reviewer"] });
    for (const who of [independent, former]) {
      expect((await showcaseView(who.as, id)).body.viewer).toMatchObject({
        canReview: true,
        canDecide: true,
        reviewBlockedReason: null,
        decideBlockedReason: null,
      });
    }
    // Once decided there is nothing left to review: no form and no reason, for anyone.
    expect((await decide(independent.as, id, DECISION)).status).toBe(200);
    for (const [who] of stakes) {
      expect((await showcaseView(who.as, id)).body.viewer).toMatchObject({
        canReview: false,
        canDecide: false,
        reviewBlockedReason: null,
        decideBlockedReason: null,
      });
    }
  });
});

// ─── GET and PUT the review criteria ────────────────────────────────────────────────────────

describe("GET /api/review-criteria and PUT /api/admin/review-criteria", () => {
  const DEFAULTS = [
    { id: "impact", name: "Impact", weight: 30 },
    { id: "evidence", name: "Evidence", weight: 20 },
    { id: "scalability", name: "Scalability", weight: 20 },
    { id: "learning", name: "Learning", weight: 15 },
    { id: "collaboration", name: "Collaboration", weight: 15 },
  ];
  const putCriteria = (as: string, body: unknown) => callJson("PUT", "/api/admin/review-criteria", { as, body });

  it("lists the defaults; an admin's new weights apply to new reviews while past reviews keep their score", async () => {
    const admin = await member({ roles: ["admin"] });
    const reviewer = await member({ roles: ["reviewer"] });
    const anyone = await member();
    const listed = await callJson("GET", "/api/review-criteria", { as: anyone.as });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map(({ id, weight }: { id: string; weight: number }) => ({ id, weight }))).toEqual(
      DEFAULTS.map(({ id, weight }) => ({ id, weight })),
    );

    const { id } = await onShow();
    const before = await review(reviewer.as, id);
    expect(before.body.weightedScore).toBe(3.7);
    try {
      const changed = await putCriteria(admin.as, {
        items: [
          { id: "impact", name: "Impact", weight: 50 },
          { id: "evidence", name: "Evidence", weight: 50 },
        ],
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body.items.map((c: { id: string }) => c.id)).toEqual(["impact", "evidence"]);
      expect((await callJson("GET", "/api/review-criteria", { as: anyone.as })).body.items).toHaveLength(2);
      // The stored weighted score of the past review is kept as it was.
      expect((await showcaseView(reviewer.as, id)).body.reviews[0].weightedScore).toBe(3.7);
      // A criterion no longer in use is now unknown; the new weights decide the score.
      expectInvalid(await review(reviewer.as, id), "scores.scalability", "scores.learning", "scores.collaboration");
      const second = await member({ roles: ["reviewer"] });
      const now = await review(second.as, id, { scores: { impact: 4, evidence: 3 }, feedback: FEEDBACK });
      expect(now.body.weightedScore).toBe(3.5);
      expect(
        (await showcaseView(reviewer.as, id)).body.reviews.map((r: { weightedScore: number }) => r.weightedScore),
      ).toEqual([3.7, 3.5]);
      expect(
        await count(
          "SELECT count(*) AS n FROM activities WHERE action = 'criteria_changed' AND actor_id = ?",
          admin.id,
        ),
      ).toBe(1);
    } finally {
      expect((await putCriteria(admin.as, { items: DEFAULTS })).status).toBe(200);
    }
  });

  it("is admin-only (403 for reviewers and members) and 400 unless the weights sum to 100 with distinct, well-formed ids", async () => {
    const admin = await member({ roles: ["admin"] });
    for (const who of [await member({ roles: ["reviewer"] }), await member({ roles: ["sponsor"] }), await member()]) {
      expectError(await putCriteria(who.as, { items: DEFAULTS }), 403);
    }
    expectInvalid(await putCriteria(admin.as, { items: DEFAULTS.map((c) => ({ ...c, weight: 10 })) }), "items");
    expectInvalid(
      await putCriteria(admin.as, {
        items: [
          { id: "impact", name: "Impact", weight: 50 },
          { id: "impact", name: "Impact again", weight: 50 },
        ],
      }),
      "items",
    );
    expectInvalid(
      await putCriteria(admin.as, { items: [{ id: "Big Impact", name: "Impact", weight: 100 }] }),
      "items.0.id",
    );
    expectInvalid(
      await putCriteria(admin.as, {
        items: [
          { id: "impact", name: "Impact", weight: 0 },
          { id: "evidence", name: "Evidence", weight: 100 },
        ],
      }),
      "items.0.weight",
    );
    expectInvalid(
      await putCriteria(admin.as, { items: [{ id: "impact", name: "Impact", weight: 99.5 }] }),
      "items.0.weight",
    );
    expectInvalid(await putCriteria(admin.as, { items: [] }), "items");
    await expectJunkRefused("PUT", "/api/admin/review-criteria", admin.as);
    expect((await callJson("GET", "/api/review-criteria", { as: admin.as })).body.items).toHaveLength(5);
  });

  it("a criterion whose id is an inherited object name is still required in every review", async () => {
    // "constructor" passes the id rule; a review without its score must be a 400, not a NaN score.
    const admin = await member({ roles: ["admin"] });
    const reviewer = await member({ roles: ["reviewer"] });
    const { id } = await onShow();
    try {
      const changed = await putCriteria(admin.as, {
        items: [
          { id: "constructor", name: "Construction", weight: 40 },
          { id: "impact", name: "Impact", weight: 60 },
        ],
      });
      expect(changed.status).toBe(200);
      expectInvalid(await review(reviewer.as, id, { scores: { impact: 4 }, feedback: FEEDBACK }), "scores.constructor");
      const ok = await review(reviewer.as, id, { scores: { impact: 4, constructor: 2 }, feedback: FEEDBACK });
      expect(ok.status).toBe(201);
      expect(ok.body.weightedScore).toBe(3.2);
    } finally {
      expect((await putCriteria(admin.as, { items: DEFAULTS })).status).toBe(200);
    }
  });

  it("refuses ids that a JSON object cannot carry as a score key", async () => {
    // A `__proto__` criterion could never be scored: JSON objects lose that key on parsing.
    const admin = await member({ roles: ["admin"] });
    const res = await putCriteria(admin.as, {
      items: [
        { id: "__proto__", name: "Prototype", weight: 40 },
        { id: "impact", name: "Impact", weight: 60 },
      ],
    });
    try {
      expectInvalid(res, "items.0.id");
    } finally {
      expect((await putCriteria(admin.as, { items: DEFAULTS })).status).toBe(200);
    }
  });
});

// ─── POST /api/challenges/:id/questions ─────────────────────────────────────────────────────

describe("POST /api/challenges/:id/questions", () => {
  /** A submitted challenge funded by `current`, with `former` having pledged and withdrawn while open. */
  async function sponsoredShowcase() {
    const { sponsors } = await sponsorsWith([1_000_000, 1_000_000, 1_000_000]);
    const [current, former, stranger] = sponsors;
    const lead = await member();
    const id = await createChallenge(lead.as, { fundingAsk: 50_000, slots: [] }, true);
    const withdrawn = await pledge(former, id, 10_000);
    expect((await callJson("DELETE", `/api/pledges/${withdrawn}`, { as: former.as })).status).toBe(200);
    await pledge(current, id, 50_000);
    expect((await transition(lead.as, id, "start")).status).toBe(200);
    await submitShowcase(lead, id, await kpiIdsOf(id));
    return { lead, id, current, former, stranger };
  }

  it("lets reviewers and the challenge's sponsors ask; the team is told; nobody else may", async () => {
    const { lead, id, current, former, stranger } = await sponsoredShowcase();
    const reviewer = await member({ roles: ["reviewer"] });
    const asked = await ask(reviewer.as, id);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ cycle: 1, author: { id: reviewer.id }, answers: [] });
    expect(await notified("question_asked", id)).toEqual([lead.id]);

    const bySponsor = await ask(current.as, id, { body: "What would scaling cost?" });
    expect(bySponsor.status, JSON.stringify(bySponsor.body)).toBe(201);
    expectError(await ask(former.as, id), 403, "forbidden");
    expectError(await ask(stranger.as, id), 403, "forbidden");
    for (const who of [lead, await member(), await member({ roles: ["admin"] })]) {
      expectError(await ask(who.as, id), 403, "forbidden");
    }
    const view = await showcaseView(lead.as, id);
    expect(view.body.questions.map((q: { author: { id: string } }) => q.author.id)).toEqual([reviewer.id, current.id]);
    expect((await showcaseView(current.as, id)).body.viewer.canAsk).toBe(true);
    expect((await showcaseView(former.as, id)).body.viewer.canAsk).toBe(false);
  });

  it("is only on a showcase (409), 404 on someone else's draft, 400 for a short body or junk", async () => {
    const reviewer = await member({ roles: ["reviewer"] });
    const active = await activeTeam();
    expectError(await ask(reviewer.as, active.id), 409, "invalid_stage");
    const drafter = await member();
    expectError(await ask(reviewer.as, await createChallenge(drafter.as)), 404);
    const { id } = await onShow();
    expectInvalid(await ask(reviewer.as, id, { body: "  " }), "body");
    expectInvalid(await ask(reviewer.as, id, { body: "x".repeat(5001) }), "body");
    await expectJunkRefused("POST", `/api/challenges/${id}/questions`, reviewer.as);
    expect(await count("SELECT count(*) AS n FROM questions WHERE challenge_id = ?", id)).toBe(0);
  });
});

// ─── POST /api/questions/:id/answers ────────────────────────────────────────────────────────

describe("POST /api/questions/:id/answers", () => {
  it("the team answers, the asker follows up; everyone on the thread but the actor is told", async () => {
    const { lead, coLead, teammate, id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const q = (await ask(reviewer.as, id)).body.id as string;

    const byTeammate = await answer(teammate.as, q);
    expect(byTeammate.status, JSON.stringify(byTeammate.body)).toBe(201);
    expect(byTeammate.body.answers).toEqual([
      expect.objectContaining({ author: expect.objectContaining({ id: teammate.id }) }),
    ]);
    expect(await notified("question_answered", id)).toEqual(sorted(reviewer.id, lead.id, coLead.id));

    await env.DB.prepare("DELETE FROM notifications WHERE kind = 'question_answered' AND challenge_id = ?")
      .bind(id)
      .run();
    const followUp = await answer(reviewer.as, q, { body: "Thanks: please share the test plan." });
    expect(followUp.status).toBe(201);
    expect(followUp.body.answers).toHaveLength(2);
    expect(await notified("question_answered", id)).toEqual(sorted(lead.id, coLead.id, teammate.id));

    await env.DB.prepare("DELETE FROM notifications WHERE kind = 'question_answered' AND challenge_id = ?")
      .bind(id)
      .run();
    expect((await answer(lead.as, q, { body: "Shared in the artifacts." })).status).toBe(201);
    expect(await notified("question_answered", id)).toEqual(sorted(reviewer.id, coLead.id, teammate.id));
    expect((await activitiesOf(id)).filter((a) => a.action === "question_answered")).toHaveLength(3);
  });

  it("is 403 for anyone off the team and off the thread (other reviewers, sponsors, admins), 404 for an unknown question", async () => {
    const { id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const q = (await ask(reviewer.as, id)).body.id as string;
    for (const who of [
      await member({ roles: ["reviewer"] }),
      await member({ roles: ["sponsor"] }),
      await member({ roles: ["admin"] }),
      await member(),
    ]) {
      expectError(await answer(who.as, q), 403, "forbidden");
    }
    expectError(await answer(reviewer.as, "q_unknown"), 404);
    expectInvalid(await answer(reviewer.as, "bad id!"), "id");
    expect(await count("SELECT count(*) AS n FROM answers WHERE question_id = ?", q)).toBe(0);
  });

  it("is 400 for an empty body and for junk, never 500", async () => {
    const { lead, id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const q = (await ask(reviewer.as, id)).body.id as string;
    expectInvalid(await answer(lead.as, q, { body: "   " }), "body");
    await expectJunkRefused("POST", `/api/questions/${q}/answers`, lead.as);
  });
});

// ─── POST /api/reviews/:id/replies ──────────────────────────────────────────────────────────

function reply(as: string, reviewId: string, body: unknown = { body: "Thank you: we will start with two regions." }) {
  return callJson("POST", `/api/reviews/${reviewId}/replies`, { as, body });
}

describe("POST /api/reviews/:id/replies", () => {
  it("the team replies to a review, the reviewer follows up; the thread is told and the showcase view shows it", async () => {
    const { lead, coLead, teammate, id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const reviewId = (await review(reviewer.as, id)).body.id as string;

    const byLead = await reply(lead.as, reviewId);
    expect(byLead.status, JSON.stringify(byLead.body)).toBe(201);
    expect(byLead.body).toMatchObject({
      author: { id: lead.id, name: expect.any(String) },
      body: "Thank you: we will start with two regions.",
    });
    expect(await notified("review_replied", id)).toEqual(sorted(reviewer.id, coLead.id, teammate.id));

    await env.DB.prepare("DELETE FROM notifications WHERE kind = 'review_replied' AND challenge_id = ?").bind(id).run();
    expect((await reply(reviewer.as, reviewId, { body: "Good: which two?" })).status).toBe(201);
    expect(await notified("review_replied", id)).toEqual(sorted(lead.id, coLead.id, teammate.id));

    const view = await showcaseView(teammate.as, id);
    const shown = view.body.reviews.find((r: { id: string }) => r.id === reviewId);
    expect(shown.replies.map((r: { body: string }) => r.body)).toEqual([
      "Thank you: we will start with two regions.",
      "Good: which two?",
    ]);
    expect(shown.viewer).toEqual({ canReply: true });
    expect((await activitiesOf(id)).filter((a) => a.action === "review_replied")).toHaveLength(2);
  });

  it("is open to reply after the decision too: the dialogue outlives the showcase", async () => {
    const { lead, id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const reviewId = (await review(reviewer.as, id)).body.id as string;
    const decided = await decide(reviewer.as, id, { decision: "stop", rationale: RATIONALE });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect((await reply(lead.as, reviewId)).status).toBe(201);
  });

  it("is 403 for anyone off the team and off the thread, and the flag says so; 404 for an unknown or hidden review", async () => {
    const { id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const reviewId = (await review(reviewer.as, id)).body.id as string;
    for (const who of [
      await member({ roles: ["reviewer"] }),
      await member({ roles: ["sponsor"] }),
      await member({ roles: ["admin"] }),
      await member(),
    ]) {
      expectError(await reply(who.as, reviewId), 403, "forbidden");
      const shown = (await showcaseView(who.as, id)).body.reviews.find((r: { id: string }) => r.id === reviewId);
      expect(shown.viewer.canReply).toBe(false);
    }
    expectError(await reply(reviewer.as, "rev_unknown"), 404);
    expectInvalid(await reply(reviewer.as, "bad id!"), "id");
    expect(await count("SELECT count(*) AS n FROM review_replies WHERE review_id = ?", reviewId)).toBe(0);
  });

  it("is 400 for an empty body and for junk, never 500", async () => {
    const { lead, id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const reviewId = (await review(reviewer.as, id)).body.id as string;
    expectInvalid(await reply(lead.as, reviewId, { body: "  " }), "body");
    await expectJunkRefused("POST", `/api/reviews/${reviewId}/replies`, lead.as);
  });
});

// ─── POST /api/challenges/:id/decision ──────────────────────────────────────────────────────

describe("POST /api/challenges/:id/decision", () => {
  it("iterate: back to active in the next cycle, with the earlier cycle's showcase, reviews and decision kept", async () => {
    const { lead, coLead, teammate, id, kpiIds } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const owner = await member();
    await review(reviewer.as, id);
    const q = (await ask(reviewer.as, id)).body.id as string;
    await answer(lead.as, q);
    const due = isoDay(30);
    const decided = await decide(reviewer.as, id, {
      decision: "iterate",
      rationale: "Promising; prove it at scale first.",
      nextGateOn: isoDay(90),
      commitments: [{ what: "Two more data engineers for a quarter", ownerId: owner.id, due }],
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({
      cycle: 1,
      decision: "iterate",
      nextGateOn: isoDay(90),
      decidedBy: { id: reviewer.id },
      commitments: [
        {
          what: "Two more data engineers for a quarter",
          owner: { id: owner.id },
          dueOn: due,
          status: "open",
          overdue: false,
          doneAt: null,
        },
      ],
    });
    expect(await stageOf(id)).toEqual({ stage: "active", cycle: 2 });
    expect(await notified("commitment_assigned", id)).toEqual([owner.id]);
    expect(await notified("stage_changed", id)).toEqual(expect.arrayContaining([lead.id, coLead.id, teammate.id]));
    const activity = (await activitiesOf(id)).find((a) => a.action === "decided");
    expect(activity?.detail).toMatchObject({ from: "showcase", to: "active", decision: "iterate", cycle: 1 });

    // The next cycle has its own showcase; the first one stays, frozen, with its reviews and questions.
    const second = await putShowcase(lead.as, id, { summary: "Cycle two so far." });
    expect(second.status).toBe(200);
    expect(second.body.cycle).toBe(2);
    const view = await showcaseView(lead.as, id);
    expect(
      view.body.showcases.map((s: { cycle: number; submittedAt: string | null }) => [s.cycle, Boolean(s.submittedAt)]),
    ).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(view.body.showcases[1].summary).toBe("Spend fell by a quarter.");
    expect(view.body.reviews).toEqual([expect.objectContaining({ cycle: 1, weightedScore: 3.7 })]);
    // The average is of the cycle on show: none yet in cycle two.
    expect(view.body.averageScore).toBeNull();
    expect(view.body.questions).toEqual([expect.objectContaining({ cycle: 1, answers: [expect.anything()] })]);
    expect(view.body.decisions).toEqual([expect.objectContaining({ cycle: 1, decision: "iterate" })]);
    expect(view.body.viewer.canEdit).toBe(true);

    // Submitting cycle two needs its own complete showcase.
    const early = expectError(await transition(lead.as, id, "submit"), 409, "showcase_missing");
    expect(early.message).toContain("the actual result of 2 KPIs");
    await submitShowcase(lead, id, kpiIds);
    const again = await decide(reviewer.as, id, { decision: "scale", rationale: RATIONALE });
    expect(again.status).toBe(200);
    expect(again.body.cycle).toBe(2);
    expect((await showcaseView(lead.as, id)).body.decisions.map((d: { cycle: number }) => d.cycle)).toEqual([2, 1]);
  });

  it("scale: reviewed, and the unspent money returns exactly, split by pledge, to each sponsor's budget", async () => {
    const { id, sponsors, pledgeIds, lead } = await fundedOnShow([20_000, 50_001], 7_001);
    const reviewer = await member({ roles: ["reviewer"] });
    const before = await Promise.all(sponsors.map((s) => remainingOf(s.budgetId)));
    const decided = await decide(reviewer.as, id, { decision: "scale", rationale: RATIONALE });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(await stageOf(id)).toEqual({ stage: "reviewed", cycle: 1 });

    const { results: returns } = await env.DB.prepare(
      "SELECT pledge_id AS pledgeId, budget_id AS budgetId, amount FROM ledger_entries WHERE challenge_id = ? AND type = 'return' ORDER BY amount",
    )
      .bind(id)
      .all<{ pledgeId: string; budgetId: string; amount: number }>();
    // Unspent 63 000: 63 000 × 20 000 / 70 001 = 17 999.74 → 17 999; × 50 001 / 70 001 = 45 000.26 → 45 000;
    // the cent left goes to the largest pledge.
    expect(returns).toEqual([
      { pledgeId: pledgeIds[0], budgetId: sponsors[0].budgetId, amount: 17_999 },
      { pledgeId: pledgeIds[1], budgetId: sponsors[1].budgetId, amount: 45_001 },
    ]);
    expect(returns.reduce((s, r) => s + r.amount, 0)).toBe(70_001 - 7_001);
    expect(await Promise.all(sponsors.map((s) => remainingOf(s.budgetId)))).toEqual([
      (before[0] ?? 0) + 17_999,
      (before[1] ?? 0) + 45_001,
    ]);
    expect(await count("SELECT count(*) AS n FROM pledges WHERE challenge_id = ? AND status = 'settled'", id)).toBe(2);

    const ledger = await callJson("GET", `/api/challenges/${id}/ledger`, { as: lead.as });
    expect(ledger.body.funding).toMatchObject({ pledged: 70_001, spent: 7_001, returned: 63_000, unspent: 0 });
    const budgets = await callJson("GET", "/api/budgets", { as: sponsors[1].as });
    expect(budgets.body.items[0]).toMatchObject({
      pledged: 50_001,
      returned: 45_001,
      remaining: 1_000_000 - 50_001 + 45_001,
    });
    // Each budget's derived spend is what did not come back: together exactly the spend.
    const spent = [];
    for (const s of sponsors) spent.push((await callJson("GET", "/api/budgets", { as: s.as })).body.items[0].spent);
    expect(spent).toEqual([2_001, 5_000]);

    // A second decision on the same showcase is a conflict and moves no money.
    expectError(await decide(reviewer.as, id, { decision: "stop", rationale: RATIONALE }), 409);
    expect(await count("SELECT count(*) AS n FROM ledger_entries WHERE challenge_id = ? AND type = 'return'", id)).toBe(
      2,
    );
    expect(await count("SELECT count(*) AS n FROM decisions WHERE challenge_id = ?", id)).toBe(1);
  });

  it("two reviewers deciding at once: one decision, the money returned once", async () => {
    const { id, sponsors } = await fundedOnShow([30_000, 20_000], 10_000);
    const [a, b] = [await member({ roles: ["reviewer"] }), await member({ roles: ["reviewer"] })];
    const results = await Promise.all([
      decide(a.as, id, { decision: "scale", rationale: RATIONALE }),
      decide(b.as, id, { decision: "stop", rationale: RATIONALE }),
      decide(a.as, id, { decision: "iterate", rationale: RATIONALE }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    for (const r of results.filter((r) => r.status !== 200)) expectError(r, 409);
    expect(await count("SELECT count(*) AS n FROM decisions WHERE challenge_id = ?", id)).toBe(1);
    const won = results.find((r) => r.status === 200)?.body.decision;
    const returned = await count(
      "SELECT coalesce(sum(amount), 0) AS n FROM ledger_entries WHERE challenge_id = ? AND type = 'return'",
      id,
    );
    expect(returned).toBe(won === "iterate" ? 0 : 40_000);
    const remaining = await Promise.all(sponsors.map((s) => remainingOf(s.budgetId)));
    expect((remaining[0] ?? 0) + (remaining[1] ?? 0)).toBe(2_000_000 - 50_000 + returned);
  });

  it("stop with nothing spent returns every pledge whole", async () => {
    const { id, sponsors } = await fundedOnShow([10_000, 30_000], 0);
    const reviewer = await member({ roles: ["reviewer"] });
    expect((await decide(reviewer.as, id, { decision: "stop", rationale: RATIONALE })).status).toBe(200);
    expect(await Promise.all(sponsors.map((s) => remainingOf(s.budgetId)))).toEqual([1_000_000, 1_000_000]);
    expect(await stageOf(id)).toEqual({ stage: "reviewed", cycle: 1 });
  });

  it("is for reviewers only (403), only on a showcase (409), and 404 on someone else's draft", async () => {
    const { lead, id } = await onShow();
    for (const who of [
      lead,
      await member({ roles: ["admin"] }),
      await member({ roles: ["sponsor"] }),
      await member(),
    ]) {
      expectError(await decide(who.as, id, { decision: "scale", rationale: RATIONALE }), 403);
    }
    const reviewer = await member({ roles: ["reviewer"] });
    const active = await activeTeam();
    expectError(await decide(reviewer.as, active.id, { decision: "scale", rationale: RATIONALE }), 409);
    const drafter = await member();
    expectError(
      await decide(reviewer.as, await createChallenge(drafter.as), { decision: "stop", rationale: RATIONALE }),
      404,
    );
    expect(await stageOf(id)).toEqual({ stage: "showcase", cycle: 1 });
    expect(await count("SELECT count(*) AS n FROM decisions WHERE challenge_id IN (?, ?)", id, active.id)).toBe(0);
  });

  it("is 400 naming each bad field (owner, due date, decision, rationale, next gate) and moves nothing", async () => {
    const { id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const owner = await member();
    const gone = await seedPerson({ active: false });
    const base = { decision: "iterate", rationale: RATIONALE };
    expectInvalid(
      await decide(reviewer.as, id, {
        ...base,
        commitments: [{ what: "More engineers", ownerId: "p_nobody", due: isoDay(10) }],
      }),
      "commitments.0.ownerId",
    );
    expectInvalid(
      await decide(reviewer.as, id, {
        ...base,
        commitments: [
          { what: "More engineers", ownerId: owner.id, due: isoDay(10) },
          { what: "A budget line", ownerId: gone.id, due: isoDay(10) },
        ],
      }),
      "commitments.1.ownerId",
    );
    expectInvalid(
      await decide(reviewer.as, id, {
        ...base,
        commitments: [{ what: "More engineers", ownerId: owner.id, due: isoDay(-1) }],
      }),
      "commitments.0.due",
    );
    expectInvalid(
      await decide(reviewer.as, id, {
        ...base,
        commitments: [{ what: "More engineers", ownerId: owner.id, due: `${year + 1}-02-30` }],
      }),
      "commitments.0.due",
    );
    expectInvalid(
      await decide(reviewer.as, id, { ...base, commitments: [{ what: "x", ownerId: owner.id, due: isoDay(3) }] }),
      "commitments.0.what",
    );
    expectInvalid(await decide(reviewer.as, id, { ...base, nextGateOn: isoDay(-2) }), "nextGateOn");
    expectInvalid(await decide(reviewer.as, id, { decision: "pivot", rationale: RATIONALE }), "decision");
    expectInvalid(await decide(reviewer.as, id, { decision: "scale", rationale: "ok" }), "rationale");
    expectInvalid(await decide(reviewer.as, id, { decision: "scale" }), "rationale");
    await expectJunkRefused("POST", `/api/challenges/${id}/decision`, reviewer.as);
    expect(await stageOf(id)).toEqual({ stage: "showcase", cycle: 1 });
    expect(await count("SELECT count(*) AS n FROM decisions WHERE challenge_id = ?", id)).toBe(0);
  });
});

// ─── PATCH /api/commitments/:id ─────────────────────────────────────────────────────────────

describe("PATCH /api/commitments/:id", () => {
  async function withCommitment() {
    const team = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const owner = await member();
    const decided = await decide(reviewer.as, team.id, {
      decision: "iterate",
      rationale: RATIONALE,
      commitments: [{ what: "A data engineer for a quarter", ownerId: owner.id, due: isoDay(5) }],
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    return { ...team, reviewer, owner, commitmentId: decided.body.commitments[0].id as string };
  }
  const patch = (as: string, id: string, body: unknown) => callJson("PATCH", `/api/commitments/${id}`, { as, body });

  it("is overdue once its due date has passed while open; its owner, leads and reviewers mark it done or open", async () => {
    const { lead, coLead, reviewer, owner, id, commitmentId } = await withCommitment();
    await env.DB.prepare("UPDATE commitments SET due_on = ? WHERE id = ?").bind(isoDay(-3), commitmentId).run();
    const late = (await showcaseView(lead.as, id)).body.decisions[0].commitments[0];
    expect(late).toMatchObject({ id: commitmentId, status: "open", overdue: true, dueOn: isoDay(-3) });

    const done = await patch(owner.as, commitmentId, { status: "done" });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.commitments[0]).toMatchObject({ status: "done", overdue: false, doneAt: expect.any(String) });
    expectError(await patch(owner.as, commitmentId, { status: "done" }), 409);

    const reopened = await patch(lead.as, commitmentId, { status: "open" });
    expect(reopened.body.commitments[0]).toMatchObject({ status: "open", overdue: true, doneAt: null });
    expect((await patch(coLead.as, commitmentId, { status: "done" })).status).toBe(200);
    expect((await patch(reviewer.as, commitmentId, { status: "open" })).status).toBe(200);
    const other = await member({ roles: ["reviewer"] });
    expect((await patch(other.as, commitmentId, { status: "done" })).status).toBe(200);
    expect((await activitiesOf(id)).filter((a) => a.action.startsWith("commitment_")).map((a) => a.action)).toEqual([
      "commitment_done",
      "commitment_reopened",
      "commitment_done",
      "commitment_reopened",
      "commitment_done",
    ]);
  });

  it("is 403 for teammates, sponsors, admins and others; 404 for an unknown one; 400 for a bad status or junk", async () => {
    const { teammate, commitmentId, owner } = await withCommitment();
    for (const who of [
      teammate,
      await member({ roles: ["sponsor"] }),
      await member({ roles: ["admin"] }),
      await member(),
    ]) {
      expectError(await patch(who.as, commitmentId, { status: "done" }), 403, "forbidden");
    }
    expectError(await patch(owner.as, "com_unknown", { status: "done" }), 404);
    expectInvalid(await patch(owner.as, commitmentId, { status: "finished" }), "status");
    expectInvalid(await patch(owner.as, "bad id!", { status: "done" }), "id");
    await expectJunkRefused("PATCH", `/api/commitments/${commitmentId}`, owner.as);
    expect((await one<{ status: string }>("SELECT status FROM commitments WHERE id = ?", commitmentId))?.status).toBe(
      "open",
    );
  });
});

// ─── Showcase events and the queue ──────────────────────────────────────────────────────────

describe("POST /api/showcases/events and GET /api/showcases/events/:id", () => {
  const schedule = (as: string, body: unknown) => callJson("POST", "/api/showcases/events", { as, body });

  it("a reviewer schedules a day of active work and showcases; teams and sponsors are told; the agenda shows status and decision", async () => {
    const shown = await fundedOnShow([40_000], 0);
    const working = await activeTeam();
    const reviewer = await member({ roles: ["reviewer"] });
    const made = await schedule(reviewer.as, {
      title: "Spring showcase day",
      heldOn: isoDay(),
      location: "Atrium",
      challengeIds: [shown.id, working.id],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ title: "Spring showcase day", heldOn: isoDay(), location: "Atrium" });
    expect(
      made.body.items.map((i: { position: number; challenge: { id: string; stage: string } }) => [
        i.position,
        i.challenge.id,
        i.challenge.stage,
      ]),
    ).toEqual([
      [0, shown.id, "showcase"],
      [1, working.id, "active"],
    ]);
    expect(made.body.items[0]).toMatchObject({ decision: null, averageScore: null });
    expect(await notified("showcase_scheduled", shown.id)).toEqual(sorted(shown.lead.id, shown.sponsors[0].id));
    expect(await notified("showcase_scheduled", working.id)).toEqual(
      sorted(working.lead.id, working.coLead.id, working.teammate.id),
    );

    await review(reviewer.as, shown.id);
    await decide(reviewer.as, shown.id, { decision: "scale", rationale: RATIONALE });
    const viewer = await member();
    const agenda = await callJson("GET", `/api/showcases/events/${made.body.id}`, { as: viewer.as });
    expect(agenda.status).toBe(200);
    expect(agenda.body.items[0]).toMatchObject({
      challenge: { id: shown.id, stage: "reviewed", cycle: 1 },
      decision: "scale",
      averageScore: 3.7,
    });
    expect(agenda.body.items[1]).toMatchObject({ challenge: { stage: "active" }, decision: null });
    expect(agenda.body.items[0].challenge.leadName).toEqual(expect.any(String));
  });

  it("is for reviewers only (403), today or later, active or showcase challenges, each once; 404 for an unknown event", async () => {
    const { id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const body = { title: "Showcase day", heldOn: isoDay(7), challengeIds: [id] };
    for (const who of [await member({ roles: ["admin"] }), await member({ roles: ["sponsor"] }), await member()]) {
      expectError(await schedule(who.as, body), 403);
    }
    expectInvalid(await schedule(reviewer.as, { ...body, heldOn: isoDay(-1) }), "heldOn");
    expectInvalid(await schedule(reviewer.as, { ...body, heldOn: `${year + 1}-13-01` }), "heldOn");
    expectInvalid(await schedule(reviewer.as, { ...body, challengeIds: [] }), "challengeIds");
    expectInvalid(await schedule(reviewer.as, { ...body, challengeIds: [id, id] }), "challengeIds");
    const drafter = await member();
    const draft = await createChallenge(drafter.as);
    const open = await createChallenge(drafter.as, {}, true);
    const named = expectInvalid(
      await schedule(reviewer.as, { ...body, challengeIds: [id, draft, open, "ch_unknown"] }),
      "challengeIds.1",
      "challengeIds.2",
      "challengeIds.3",
    );
    expect(named["challengeIds.2"]).toContain("open");
    expect(Object.keys(named)).not.toContain("challengeIds.0");
    expectInvalid(await schedule(reviewer.as, { ...body, title: "x" }), "title");
    await expectJunkRefused("POST", "/api/showcases/events", reviewer.as);
    expect(await count("SELECT count(*) AS n FROM showcase_event_items WHERE challenge_id = ?", id)).toBe(0);
    expectError(await callJson("GET", "/api/showcases/events/evt_unknown", { as: reviewer.as }), 404);
    expectInvalid(await callJson("GET", "/api/showcases/events/bad%20id", { as: reviewer.as }), "id");
  });
});

describe("GET /api/showcases", () => {
  it("queues the challenges on show with their reviews, average score and unanswered questions", async () => {
    const { lead, id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const another = await member({ roles: ["reviewer"] });
    await review(reviewer.as, id);
    await review(another.as, id, {
      scores: { impact: 1, evidence: 2, scalability: 1, learning: 3, collaboration: 2 },
      feedback: "Too little evidence for scale.",
    });
    const q1 = (await ask(reviewer.as, id)).body.id as string;
    await ask(another.as, id, { body: "Who maintains this next year?" });
    await answer(lead.as, q1);
    const active = await activeTeam();

    const res = await callJson("GET", "/api/showcases", { as: (await member()).as });
    expect(res.status).toBe(200);
    const entry = res.body.queue.find((q: { id: string }) => q.id === id);
    expect(entry).toMatchObject({ cycle: 1, reviews: 2, averageScore: 2.68, openQuestions: 1 });
    expect(entry.submittedAt).toEqual(expect.any(String));
    expect(res.body.queue.map((q: { id: string }) => q.id)).not.toContain(active.id);
    for (const q of res.body.queue) expect((await stageOf(q.id))?.stage).toBe("showcase");

    await decide(reviewer.as, id, { decision: "stop", rationale: RATIONALE });
    const after = await callJson("GET", "/api/showcases", { as: lead.as });
    expect(after.body.queue.map((q: { id: string }) => q.id)).not.toContain(id);
  });

  it("lists the showcase days ahead, even after hundreds of past ones", async () => {
    const { id } = await onShow();
    const reviewer = await member({ roles: ["reviewer"] });
    const statements = [];
    for (let i = 0; i < 210; i++) {
      statements.push(
        env.DB.prepare("INSERT INTO showcase_events (id, title, held_on, created_by_id) VALUES (?, ?, ?, ?)").bind(
          `evt_past_${i}_${crypto.randomUUID().slice(0, 6)}`,
          `Past day ${i}`,
          isoDay(-400 + i),
          reviewer.id,
        ),
      );
    }
    await env.DB.batch(statements);
    const ahead = await callJson("POST", "/api/showcases/events", {
      as: reviewer.as,
      body: { title: "Next showcase day", heldOn: isoDay(14), challengeIds: [id] },
    });
    expect(ahead.status).toBe(201);
    const res = await callJson("GET", "/api/showcases", { as: reviewer.as });
    expect(res.body.events.map((e: { id: string }) => e.id)).toContain(ahead.body.id);
    expect(res.body.events.find((e: { id: string }) => e.id === ahead.body.id)).toMatchObject({ items: 1 });
    for (const e of res.body.events) expect(e.heldOn >= isoDay()).toBe(true);
  });
});

// ─── GET /api/similar-challenges ────────────────────────────────────────────────────────────

describe("GET /api/similar-challenges", () => {
  const similar = (as: string, q: string, exclude?: string) =>
    callJson(
      "GET",
      `/api/similar-challenges?q=${encodeURIComponent(q)}${exclude ? `&exclude=${encodeURIComponent(exclude)}` : ""}`,
      { as },
    );
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

  it("matches any word of the title or summary, but not drafts, withdrawn challenges or the one excluded", async () => {
    const lead = await member();
    // Porter stems the words (and a prefix typed so far), so a made-up word ending in consonants it keeps.
    const stem = `zq${Date.now()}k`;
    const word = `${stem}wx`;
    const byTitle = await createChallenge(lead.as, { title: `Retire the ${word} pipeline` }, true);
    const bySummary = await createChallenge(
      lead.as,
      { title: "Faster nightly builds", summary: `The ${word} cache is cold.` },
      true,
    );
    const byProblem = await createChallenge(
      lead.as,
      { title: "Quiet on-call", problem: `The ${word} pager is noisy.` },
      true,
    );
    const draft = await createChallenge(lead.as, { title: `Draft about ${word}` });
    const withdrawn = await createChallenge(lead.as, { title: `Withdrawn ${word} idea` }, true);
    expect((await transition(lead.as, withdrawn, "withdraw")).status).toBe(200);
    const active = await createChallenge(lead.as, { title: `Active ${word} work` }, true);
    await setChallenge(active, { stage: "active" });

    const someone = await member();
    const res = await similar(someone.as, `${word} unrelatedword`);
    expect(res.status).toBe(200);
    expect(ids(res).sort()).toEqual([byTitle, bySummary, active].sort());
    expect(ids(res)).not.toContain(byProblem);
    expect(ids(res)).not.toContain(draft);
    expect(ids(res)).not.toContain(withdrawn);
    for (const item of res.body.items)
      expect(item).toEqual(
        expect.objectContaining({ title: expect.any(String), stage: expect.any(String), backerCount: 0 }),
      );
    expect(ids(await similar(someone.as, word, byTitle)).sort()).toEqual([bySummary, active].sort());
    // The last word matches as a prefix, as it is typed.
    expect(ids(await similar(someone.as, stem))).toContain(byTitle);
  });

  it("answers at most five; nothing for input without words; never 500 on FTS syntax; 400 without q", async () => {
    const lead = await member();
    const word = `quillon${Date.now().toString(36)}`;
    for (let i = 0; i < 7; i++) await createChallenge(lead.as, { title: `The ${word} problem number ${i}` }, true);
    expect((await similar(lead.as, word)).body.items).toHaveLength(5);
    expect((await similar(lead.as, "  !!! ")).body.items).toEqual([]);
    for (const q of [
      '"',
      "a OR",
      "NEAR(x y)",
      "title:foo",
      "*",
      "-x",
      "(((",
      "😀 emoji",
      "x".repeat(400),
      `${word}"*`,
    ]) {
      const res = await similar(lead.as, q);
      expect(res.status, `q=${q}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    expectInvalid(await callJson("GET", "/api/similar-challenges", { as: lead.as }), "q");
    expectInvalid(await similar(lead.as, "x".repeat(401)), "q");
  });
});

// ─── Merging ────────────────────────────────────────────────────────────────────────────────

describe("POST /api/challenges/:id/merge-requests", () => {
  const propose = (as: string, id: string, body: unknown) =>
    callJson("POST", `/api/challenges/${id}/merge-requests`, { as, body });

  it("the source's lead or co-lead proposes; the target's leads are told; both challenges list it", async () => {
    const leadA = await member();
    const coLeadA = await member();
    const leadB = await member();
    const coLeadB = await member();
    const source = await createChallenge(leadA.as, { title: "Tidy the billing exports" }, true);
    const target = await createChallenge(leadB.as, { title: "One billing data model" }, true);
    await setChallenge(source, { co_lead_id: coLeadA.id });
    await setChallenge(target, { co_lead_id: coLeadB.id });
    const made = await propose(coLeadA.as, source, { targetId: target, note: "Same problem." });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({
      source: { id: source, title: "Tidy the billing exports" },
      target: { id: target, title: "One billing data model" },
      status: "pending",
      note: "Same problem.",
      decidedAt: null,
    });
    expect(await notified("merge_requested", target)).toEqual(sorted(leadB.id, coLeadB.id));
    for (const id of [source, target]) {
      const listed = await callJson("GET", `/api/challenges/${id}/merge-requests`, { as: (await member()).as });
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((m: { id: string }) => m.id)).toEqual([made.body.id]);
    }
    expect((await activitiesOf(source)).map((a) => a.action)).toContain("merge_requested");
  });

  it("refuses others (403), a second pending proposal (409), funded sources and closed targets (409), bad targets (400)", async () => {
    const leadA = await member();
    const leadB = await member();
    const source = await createChallenge(leadA.as, {}, true);
    const target = await createChallenge(leadB.as, {}, true);
    for (const who of [leadB, await member({ roles: ["admin"] }), await member()]) {
      expectError(await propose(who.as, source, { targetId: target }), 403);
    }
    expectInvalid(await propose(leadA.as, source, { targetId: source }), "targetId");
    expectInvalid(await propose(leadA.as, source, { targetId: "ch_unknown" }), "targetId");
    expectInvalid(await propose(leadA.as, source, { targetId: await createChallenge(leadB.as) }), "targetId");
    const closed = await createChallenge(leadB.as, {}, true);
    for (const stage of ["showcase", "reviewed", "withdrawn", "archived"]) {
      await setChallenge(closed, { stage });
      expectError(await propose(leadA.as, source, { targetId: closed }), 409, "invalid_stage");
    }
    const ownDraft = await createChallenge(leadA.as);
    expectError(await propose(leadA.as, source, { targetId: ownDraft }), 409, "invalid_stage");

    expect((await propose(leadA.as, source, { targetId: target })).status).toBe(201);
    const other = await createChallenge(leadB.as, {}, true);
    expectError(await propose(leadA.as, source, { targetId: other }), 409, "already_requested");
    expect(await count("SELECT count(*) AS n FROM merge_requests WHERE source_id = ?", source)).toBe(1);

    const funded = await createChallenge(leadA.as, {}, true);
    await setChallenge(funded, { stage: "funded" });
    expectError(await propose(leadA.as, funded, { targetId: target }), 409, "invalid_stage");
    expectError(await propose(leadA.as, await createChallenge(leadB.as), { targetId: target }), 404);
    expectError(
      await callJson("GET", `/api/challenges/${await createChallenge(leadB.as)}/merge-requests`, { as: leadA.as }),
      404,
    );
    expectInvalid(await propose(leadA.as, funded, { targetId: target, note: "x".repeat(2001) }), "note");
    await expectJunkRefused("POST", `/api/challenges/${other}/merge-requests`, leadB.as);
  });
});

describe("POST /api/merge-requests/:id/decision", () => {
  const decideMerge = (as: string, id: string, body: unknown) =>
    callJson("POST", `/api/merge-requests/${id}/decision`, { as, body });

  async function proposal(
    targetOverrides: Record<string, unknown> = {},
    sourceOverrides: Record<string, unknown> = {},
  ) {
    const leadA = await member();
    const leadB = await member();
    const source = await createChallenge(leadA.as, { title: "Tidy the billing exports", ...sourceOverrides }, true);
    const target = await createChallenge(leadB.as, { title: "One billing data model", ...targetOverrides }, true);
    const made = await callJson("POST", `/api/challenges/${source}/merge-requests`, {
      as: leadA.as,
      body: { targetId: target, note: "Let's join forces." },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return { leadA, leadB, source, target, requestId: made.body.id as string };
  }

  it("decline keeps both challenges as they were and tells the source's leads; a new proposal may follow", async () => {
    const { leadA, leadB, source, target, requestId } = await proposal();
    const backer = await member();
    await callJson("PUT", `/api/challenges/${source}/backing`, { as: backer.as });
    const declined = await decideMerge(leadB.as, requestId, { decision: "decline", note: "Different users." });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(declined.body).toMatchObject({
      status: "declined",
      note: "Different users.",
      decidedAt: expect.any(String),
    });
    expect(await stageOf(source)).toMatchObject({ stage: "open" });
    expect(await stageOf(target)).toMatchObject({ stage: "open" });
    const a = (await callJson("GET", `/api/challenges/${source}`, { as: leadA.as })).body;
    expect(a).toMatchObject({ mergedIntoId: null, backerCount: 1 });
    expect(await notified("merge_decided", target)).toEqual([leadA.id]);
    expectError(await decideMerge(leadB.as, requestId, { decision: "accept" }), 409, "invalid_state");
    const again = await callJson("POST", `/api/challenges/${source}/merge-requests`, {
      as: leadA.as,
      body: { targetId: target },
    });
    expect(again.status).toBe(201);
  });

  it("accept moves backers (once each), comments and pending applications; withdraws the source and returns its pledges", async () => {
    const { sponsors } = await sponsorsWith([1_000_000]);
    const { leadA, leadB, source, target, requestId } = await proposal(
      { slots: [{ discipline: "data", count: 1, skills: [], commitmentPercent: 20, required: false }] },
      {
        slots: [
          { discipline: "data", count: 1, skills: [], commitmentPercent: 20, required: false },
          { discipline: "legal", count: 1, skills: [], commitmentPercent: 20, required: false },
        ],
      },
    );
    const both = await member();
    const onlySource = await member();
    for (const who of [both, onlySource]) await callJson("PUT", `/api/challenges/${source}/backing`, { as: who.as });
    await callJson("PUT", `/api/challenges/${target}/backing`, { as: both.as });
    await callJson("POST", `/api/challenges/${source}/comments`, { as: both.as, body: { body: "These overlap." } });
    await callJson("POST", `/api/challenges/${source}/comments`, { as: onlySource.as, body: { body: "Agreed." } });
    const [dataSlot, legalSlot] = await slotIdsOf(source);
    const [targetSlot] = await slotIdsOf(target);
    const dataApplicant = await member({ discipline: "data" });
    const lawyer = await member({ discipline: "legal" });
    const pitch = { pitch: "I maintain the exports today and know their quirks." };
    expect(
      (
        await callJson("POST", `/api/challenges/${source}/slots/${dataSlot}/applications`, {
          as: dataApplicant.as,
          body: pitch,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await callJson("POST", `/api/challenges/${source}/slots/${legalSlot}/applications`, {
          as: lawyer.as,
          body: pitch,
        })
      ).status,
    ).toBe(201);
    await pledge(sponsors[0], source, 12_345);
    expect(await remainingOf(sponsors[0].budgetId)).toBe(1_000_000 - 12_345);

    const accepted = await decideMerge(leadB.as, requestId, { decision: "accept" });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ status: "accepted", decidedAt: expect.any(String) });

    const a = (await callJson("GET", `/api/challenges/${source}`, { as: leadA.as })).body;
    const b = (await callJson("GET", `/api/challenges/${target}`, { as: leadB.as })).body;
    expect(a).toMatchObject({ stage: "withdrawn", mergedIntoId: target, backerCount: 0, commentCount: 0 });
    expect(b).toMatchObject({
      stage: "open",
      backerCount: 2,
      commentCount: 2,
      mergedFrom: [{ id: source, title: "Tidy the billing exports" }],
    });
    expect(await count("SELECT count(*) AS n FROM backings WHERE challenge_id = ?", target)).toBe(2);
    expect(
      await count("SELECT count(*) AS n FROM backings WHERE challenge_id = ? AND person_id = ?", target, both.id),
    ).toBe(1);
    expect(await count("SELECT count(*) AS n FROM comments WHERE challenge_id = ?", target)).toBe(2);

    const apps = await env.DB.prepare(
      "SELECT applicant_id AS applicantId, challenge_id AS challengeId, slot_id AS slotId, status, decision_note AS note FROM applications WHERE applicant_id IN (?, ?) ORDER BY applicant_id",
    )
      .bind(dataApplicant.id, lawyer.id)
      .all<{ applicantId: string; challengeId: string; slotId: string; status: string; note: string }>();
    const byApplicant = new Map(apps.results.map((r) => [r.applicantId, r]));
    expect(byApplicant.get(dataApplicant.id)).toMatchObject({
      challengeId: target,
      slotId: targetSlot,
      status: "pending",
    });
    expect(byApplicant.get(lawyer.id)).toMatchObject({ challengeId: source, status: "declined" });
    expect(byApplicant.get(lawyer.id)?.note).toMatch(/merged/i);

    // The source's pledge came back whole to the sponsor's budget.
    expect(await remainingOf(sponsors[0].budgetId)).toBe(1_000_000);
    expect(
      await count(
        "SELECT count(*) AS n FROM ledger_entries WHERE challenge_id = ? AND type = 'return' AND amount = 12345",
        source,
      ),
    ).toBe(1);
    expect((await activitiesOf(source)).map((a) => a.action)).toContain("merged_into");
    expect((await activitiesOf(target)).map((a) => a.action)).toContain("merged_from");
    expect(await notified("merge_decided", target)).toEqual(expect.arrayContaining([leadA.id, both.id, onlySource.id]));
    expect(await notified("merge_decided", target)).not.toContain(leadB.id);
    expectError(await decideMerge(leadB.as, requestId, { decision: "accept" }), 409, "invalid_state");
  });

  it("the target's lead and co-lead accepting at once merge once and return the source's pledge once", async () => {
    const { sponsors } = await sponsorsWith([1_000_000]);
    const { leadB, source, target, requestId } = await proposal();
    const coLeadB = await member();
    await setChallenge(target, { co_lead_id: coLeadB.id });
    await pledge(sponsors[0], source, 5_000);
    const results = await Promise.all([
      decideMerge(leadB.as, requestId, { decision: "accept" }),
      decideMerge(coLeadB.as, requestId, { decision: "accept" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await one<{ status: string }>("SELECT status FROM merge_requests WHERE id = ?", requestId))?.status).toBe(
      "accepted",
    );
    expect(
      await count("SELECT count(*) AS n FROM ledger_entries WHERE challenge_id = ? AND type = 'return'", source),
    ).toBe(1);
    expect(await remainingOf(sponsors[0].budgetId)).toBe(1_000_000);
  });

  it("a decline racing an accept: one of them wins, and the challenges match the answer", async () => {
    const { sponsors } = await sponsorsWith([1_000_000]);
    const { leadB, source, target, requestId } = await proposal();
    const coLeadB = await member();
    await setChallenge(target, { co_lead_id: coLeadB.id });
    await pledge(sponsors[0], source, 5_000);
    const results = await Promise.all([
      decideMerge(leadB.as, requestId, { decision: "accept" }),
      decideMerge(coLeadB.as, requestId, { decision: "decline", note: "Not now." }),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const status = (await one<{ status: string }>("SELECT status FROM merge_requests WHERE id = ?", requestId))?.status;
    expect((await stageOf(source))?.stage).toBe(status === "accepted" ? "withdrawn" : "open");
    expect(await remainingOf(sponsors[0].budgetId)).toBe(status === "accepted" ? 1_000_000 : 995_000);
  });

  it("moves an application only to a slot with a free seat; otherwise declines it", async () => {
    const { leadB, source, target, requestId } = await proposal(
      { slots: [{ discipline: "data", count: 1, skills: [], commitmentPercent: 20, required: false }] },
      { slots: [{ discipline: "data", count: 1, skills: [], commitmentPercent: 20, required: false }] },
    );
    const [targetSlot] = await slotIdsOf(target);
    await seat(target, targetSlot, (await member({ discipline: "data" })).id);
    const applicant = await member({ discipline: "data" });
    const [sourceSlot] = await slotIdsOf(source);
    await callJson("POST", `/api/challenges/${source}/slots/${sourceSlot}/applications`, {
      as: applicant.as,
      body: { pitch: "I maintain the exports today and know their quirks." },
    });
    expect((await decideMerge(leadB.as, requestId, { decision: "accept" })).status).toBe(200);
    const app = await one<{ challenge_id: string; status: string }>(
      "SELECT challenge_id, status FROM applications WHERE applicant_id = ?",
      applicant.id,
    );
    expect(app).toEqual({ challenge_id: source, status: "declined" });
  });

  it("an applicant to two same-discipline slots of the source does not block the merge", async () => {
    const data = { discipline: "data", count: 1, skills: [], commitmentPercent: 20, required: false };
    const { leadB, source, target, requestId } = await proposal(
      { slots: [data] },
      { slots: [data, { ...data, count: 2 }] },
    );
    const applicant = await member({ discipline: "data" });
    for (const slotId of await slotIdsOf(source)) {
      const applied = await callJson("POST", `/api/challenges/${source}/slots/${slotId}/applications`, {
        as: applicant.as,
        body: { pitch: "I maintain the exports today and know their quirks." },
      });
      expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    }
    const accepted = await decideMerge(leadB.as, requestId, { decision: "accept" });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(
      await count(
        "SELECT count(*) AS n FROM applications WHERE applicant_id = ? AND challenge_id = ? AND status = 'pending'",
        applicant.id,
        target,
      ),
    ).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM applications WHERE applicant_id = ? AND challenge_id = ? AND status = 'declined'",
        applicant.id,
        source,
      ),
    ).toBe(1);
  });

  it("a draft is published before it is merged (409 before: the other lead would see it, SPEC §14)", async () => {
    const leadA = await member();
    const leadB = await member();
    const draft = await createChallenge(leadA.as, { title: "My draft on billing" });
    const target = await createChallenge(leadB.as, { title: "One billing data model" }, true);
    const propose = () =>
      callJson("POST", `/api/challenges/${draft}/merge-requests`, { as: leadA.as, body: { targetId: target } });
    expectError(await propose(), 409, "invalid_stage");
    await callJson("POST", `/api/challenges/${draft}/transitions`, { as: leadA.as, body: { action: "publish" } });
    const made = await propose();
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const accepted = await decideMerge(leadB.as, made.body.id, { decision: "accept" });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(await stageOf(draft)).toMatchObject({ stage: "withdrawn" });
    expect((await callJson("GET", `/api/challenges/${target}`, { as: leadB.as })).body.mergedFrom).toEqual([
      { id: draft, title: "My draft on billing" },
    ]);
  });

  it("is the target's lead or co-lead only (403), 409 once either side moved on, 404 unknown, 400 for junk", async () => {
    const { leadA, leadB, source, target, requestId } = await proposal();
    const coLeadB = await member();
    await setChallenge(target, { co_lead_id: coLeadB.id });
    for (const who of [
      leadA,
      await member({ roles: ["admin"] }),
      await member({ roles: ["reviewer"] }),
      await member(),
    ]) {
      expectError(await decideMerge(who.as, requestId, { decision: "accept" }), 403, "forbidden");
    }
    await setChallenge(target, { stage: "showcase" });
    expectError(await decideMerge(coLeadB.as, requestId, { decision: "accept" }), 409, "invalid_stage");
    await setChallenge(target, { stage: "active" });
    await setChallenge(source, { stage: "funded" });
    expectError(await decideMerge(coLeadB.as, requestId, { decision: "accept" }), 409, "invalid_stage");
    expect(await stageOf(source)).toMatchObject({ stage: "funded" });
    expect((await one<{ status: string }>("SELECT status FROM merge_requests WHERE id = ?", requestId))?.status).toBe(
      "pending",
    );
    expectError(await decideMerge(leadB.as, "mrg_unknown", { decision: "accept" }), 404);
    expectInvalid(await decideMerge(leadB.as, requestId, { decision: "maybe" }), "decision");
    expectInvalid(await decideMerge(leadB.as, "bad id!", { decision: "accept" }), "id");
    await expectJunkRefused("POST", `/api/merge-requests/${requestId}/decision`, leadB.as);
    await setChallenge(source, { stage: "open" });
    expect((await decideMerge(coLeadB.as, requestId, { decision: "accept" })).status).toBe(200);
  });
});

// ─── The response clock on GET /api/challenges/:id ──────────────────────────────────────────

describe("GET /api/challenges/:id responseClock", () => {
  const clockOf = async (as: string, id: string) =>
    (await callJson("GET", `/api/challenges/${id}`, { as })).body.responseClock;

  it("counts days since publishing while nobody responds; overdue past the deadline", async () => {
    const lead = await member();
    const id = await createChallenge(lead.as, {}, true);
    expect(await clockOf(lead.as, id)).toEqual({ waiting: true, days: 0, overdue: false, deadlineDays: 14 });
    await setChallenge(id, { published_at: isoAgo(14.5) });
    expect(await clockOf(lead.as, id)).toMatchObject({ waiting: true, days: 14, overdue: false });
    await setChallenge(id, { published_at: isoAgo(20) });
    expect(await clockOf(lead.as, id)).toMatchObject({ waiting: true, days: 20, overdue: true });
    // A member's or sponsor's comment is not a response; a pledge or a reviewer's comment is.
    await callJson("POST", `/api/challenges/${id}/comments`, { as: (await member()).as, body: { body: "+1" } });
    await callJson("POST", `/api/challenges/${id}/comments`, {
      as: (await member({ roles: ["sponsor"] })).as,
      body: { body: "Nice" },
    });
    expect(await clockOf(lead.as, id)).toMatchObject({ waiting: true, overdue: true });
    const reviewer = await member({ roles: ["reviewer"] });
    await callJson("POST", `/api/challenges/${id}/comments`, {
      as: reviewer.as,
      body: { body: "Bring it to the next showcase." },
    });
    const stopped = await clockOf(lead.as, id);
    expect(stopped).toMatchObject({ waiting: false, overdue: false, days: 20 });
  });

  it("stops at the first pledge and is null outside open", async () => {
    const { sponsors } = await sponsorsWith([1_000_000]);
    const lead = await member();
    const id = await createChallenge(lead.as, { fundingAsk: 100_000 }, true);
    await setChallenge(id, { published_at: isoAgo(30) });
    await pledge(sponsors[0], id, 1_000);
    expect(await clockOf(lead.as, id)).toMatchObject({ waiting: false, overdue: false, days: 30 });
    const draft = await createChallenge(lead.as);
    expect(await clockOf(lead.as, draft)).toBeNull();
    await setChallenge(id, { stage: "funded" });
    expect(await clockOf(lead.as, id)).toBeNull();
  });
});
