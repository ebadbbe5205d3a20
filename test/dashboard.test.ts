import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DAILY_CRON } from "../worker/cron";
import { responseClock, reviewerStake } from "../worker/domain/review";
import worker from "../worker/index";
import { NEEDS_INDEPENDENT_REVIEWER_SQL } from "../worker/services/dashboard";
import { callJson, createChallenge, env, expectError, expectInvalid, member, seedPerson } from "./helpers";

// ─── Time and ids ───────────────────────────────────────────────────────────────────────────

const DAY = 86_400_000;
const FUNNEL = ["draft", "open", "funded", "active", "showcase", "reviewed"];
const todayIso = () => new Date().toISOString().slice(0, 10);
const midnight = () => Date.parse(`${todayIso()}T00:00:00.000Z`);
const isoDay = (offsetDays: number) => new Date(midnight() + offsetDays * DAY).toISOString().slice(0, 10);
/** An instant `days` ago, with an odd time of day and milliseconds, like real activity stamps. */
const ago = (days: number) => new Date(Date.now() - days * DAY - 37_123).toISOString();
const year = new Date().getUTCFullYear();

let seq = 0;
const uid = (prefix: string) => `${prefix}_dash${++seq}_${crypto.randomUUID().slice(0, 8)}`;

type Person = Awaited<ReturnType<typeof member>>;
type Sponsor = Person & { budgetId: string };

// ─── Reading D1 directly ────────────────────────────────────────────────────────────────────

async function rows<T>(sql: string, ...binds: unknown[]) {
  return (
    await env.DB.prepare(sql)
      .bind(...binds)
      .all<T>()
  ).results;
}

function roundTrips(res: { headers: Headers }) {
  const header = res.headers.get("server-timing") ?? "";
  const match = /^db;desc="(\d+) round trips?"/.exec(header);
  expect(match, header).not.toBeNull();
  return Number(match?.[1]);
}

// ─── Seeding straight into D1 ───────────────────────────────────────────────────────────────

const ACTION_TO: Record<string, string> = {
  published: "open",
  funded: "funded",
  started: "active",
  submitted: "showcase",
  withdrawn: "withdrawn",
  merged_into: "withdrawn",
  archived: "archived",
};

/**
 * A challenge that went through `moves` (action and instant, oldest first, after `created`),
 * with the activity entries the app writes for each stage change. `decided:<to>` moves to `to`.
 */
async function journey(
  leadId: string,
  created: string,
  moves: [string, string][] = [],
  extra: { coLeadId?: string | null; cycle?: number; title?: string } = {},
) {
  const id = uid("ch");
  let stage = "draft";
  let publishedAt: string | null = null;
  const acts: D1PreparedStatement[] = [
    env.DB.prepare(
      "INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at) VALUES (?, ?, ?, 'created', '{}', ?)",
    ).bind(uid("act"), id, leadId, created),
  ];
  let last = created;
  for (const [move, at] of moves) {
    const [action, decidedTo] = move.split(":");
    const to = decidedTo ?? ACTION_TO[action];
    if (action === "published") publishedAt ??= at;
    acts.push(
      env.DB.prepare(
        "INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ).bind(uid("act"), id, leadId, action, JSON.stringify({ from: stage, to }), at),
    );
    stage = to;
    last = at;
  }
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO challenges (id, title, summary, stage, cycle, lead_id, co_lead_id, published_at, listed_at, stage_changed_at, created_at, updated_at)
       VALUES (?, ?, 'Seeded for the dashboard.', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(
      id,
      extra.title ?? `Dashboard challenge ${seq}`,
      stage,
      extra.cycle ?? 1,
      leadId,
      extra.coLeadId ?? null,
      publishedAt,
      created,
      last,
      created,
      last,
    ),
    ...acts,
  ]);
  return id;
}

/** A slot on `challengeId` and a membership in it for each (person, status). */
async function team(challengeId: string, members: [string, string][]) {
  const slotId = uid("slot");
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO challenge_slots (id, challenge_id, position, discipline_id, count, filled, commitment_percent) VALUES (?, ?, 0, 'data', 20, 0, 10)",
    ).bind(slotId, challengeId),
    ...members.map(([personId, status]) =>
      env.DB.prepare(
        "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, 10, ?)",
      ).bind(uid("mem"), challengeId, slotId, personId, status),
    ),
  ]);
}

/** A decision on a challenge at `at`, with commitments [due, status]; returns the commitment ids. */
async function decision(
  challengeId: string,
  deciderId: string,
  outcome: string,
  at: string,
  commitments: [string, string][] = [],
  cycle = 1,
) {
  const decisionId = uid("dec");
  const ids = commitments.map(() => uid("com"));
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO decisions (id, challenge_id, cycle, decision, rationale, decided_by_id, created_at) VALUES (?, ?, ?, ?, 'Seeded.', ?, ?)",
    ).bind(decisionId, challengeId, cycle, outcome, deciderId, at),
    ...commitments.map(([due, status], i) =>
      env.DB.prepare(
        "INSERT INTO commitments (id, decision_id, challenge_id, what, owner_id, due_on, status) VALUES (?, ?, ?, 'A seeded commitment', ?, ?, ?)",
      ).bind(ids[i], decisionId, challengeId, deciderId, due, status),
    ),
  ]);
  return ids;
}

async function comment(challengeId: string, authorId: string) {
  await env.DB.prepare("INSERT INTO comments (id, challenge_id, author_id, body) VALUES (?, ?, ?, 'Seeded.')")
    .bind(uid("cm"), challengeId, authorId)
    .run();
}

// ─── Money through the API, so the ledger is the real one ───────────────────────────────────

async function period(admin: Person, startsOn: string, endsOn: string) {
  const res = await callJson("POST", "/api/admin/budget-periods", {
    as: admin.as,
    body: { name: uid("P"), startsOn, endsOn },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, startsOn, endsOn };
}

async function allocate(admin: Person, periodId: string, sponsorId: string, amount: number) {
  const res = await callJson("POST", "/api/admin/allocations", { as: admin.as, body: { periodId, sponsorId, amount } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function pledge(s: Sponsor, challengeId: string, amount: number) {
  const res = await callJson("POST", `/api/challenges/${challengeId}/pledges`, {
    as: s.as,
    body: { budgetId: s.budgetId, amount },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.pledge.id as string;
}

async function act(as: string, method: string, path: string, body?: unknown, status = 200) {
  const res = await callJson(method, path, { as, body });
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

/** Started, with `spend` approved by `approver`. */
async function startWithSpend(lead: Person, id: string, spend: number, approver: Sponsor) {
  await act(lead.as, "POST", `/api/challenges/${id}/transitions`, { action: "start" });
  const report = await act(
    lead.as,
    "POST",
    `/api/challenges/${id}/spends`,
    { amount: spend, description: "Cloud credits", spentOn: todayIso() },
    201,
  );
  await act(approver.as, "POST", `/api/spends/${report.id}/decision`, { decision: "approve" });
}

async function submitAndDecide(lead: Person, id: string, reviewer: Person, outcome: string) {
  const kpis = await rows<{ id: string }>("SELECT id FROM challenge_kpis WHERE challenge_id = ?", id);
  await act(lead.as, "PUT", `/api/challenges/${id}/showcase`, {
    summary: "Done.",
    kpiResults: kpis.map((k) => ({ kpiId: k.id, actual: 1 })),
    recommendation: outcome,
  });
  await act(lead.as, "POST", `/api/challenges/${id}/transitions`, { action: "submit" });
  await act(reviewer.as, "POST", `/api/challenges/${id}/decision`, {
    decision: outcome,
    rationale: "Seeded decision.",
  });
}

// ─── The same figures, counted straight from the tables ─────────────────────────────────────

interface Window {
  from: string;
  to: string;
  periodId?: string;
}
const ALL_TIME: Window = { from: "0000-01-01T00:00:00.000Z", to: "9999-12-31T00:00:00.000Z" };

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function expectedDashboard(window: Window) {
  const inWindow = (t: string) => t >= window.from && t < window.to;
  const challenges = await rows<{
    id: string;
    stage: string;
    leadId: string;
    coLeadId: string | null;
    publishedAt: string | null;
    createdAt: string;
    listedAt: string;
  }>(
    "SELECT id, stage, lead_id AS leadId, co_lead_id AS coLeadId, published_at AS publishedAt, created_at AS createdAt, listed_at AS listedAt FROM challenges",
  );
  const activities = await rows<{ challengeId: string; action: string; detail: string; createdAt: string }>(
    "SELECT challenge_id AS challengeId, action, detail, created_at AS createdAt FROM activities WHERE challenge_id IS NOT NULL ORDER BY created_at, id",
  );
  const people = await rows<{
    id: string;
    discipline: string | null;
    level: string | null;
    track: string;
    active: number;
  }>("SELECT id, discipline_id AS discipline, level_id AS level, track, active FROM people");
  const memberships = await rows<{ challengeId: string; personId: string; status: string }>(
    "SELECT challenge_id AS challengeId, person_id AS personId, status FROM memberships",
  );
  const decisions = await rows<{ decision: string; createdAt: string }>(
    "SELECT decision, created_at AS createdAt FROM decisions",
  );
  const pledges = await rows<{
    id: string;
    challengeId: string;
    budgetId: string;
    sponsorId: string;
    amount: number;
    status: string;
  }>(
    "SELECT id, challenge_id AS challengeId, budget_id AS budgetId, sponsor_id AS sponsorId, amount, status FROM pledges",
  );
  const ledger = await rows<{
    type: string;
    budgetId: string | null;
    challengeId: string | null;
    pledgeId: string | null;
    amount: number;
  }>(
    "SELECT type, budget_id AS budgetId, challenge_id AS challengeId, pledge_id AS pledgeId, amount FROM ledger_entries",
  );
  const reviewerComments = await rows<{ challengeId: string }>(
    "SELECT cm.challenge_id AS challengeId FROM comments cm JOIN person_roles r ON r.person_id = cm.author_id AND r.role = 'reviewer'",
  );
  const budgets = await rows<{ id: string; periodId: string; sponsorId: string; remaining: number }>(
    "SELECT id, period_id AS periodId, sponsor_id AS sponsorId, remaining FROM budgets",
  );
  const org = await rows<{ days: number }>("SELECT response_deadline_days AS days FROM org_settings WHERE id = 'org'");
  const deadline = org[0].days;

  // The funnel: where each challenge is now; which stages those created in the window reached
  // (from the activity log); completed stays per stage, in whole days, ending in the window.
  const byChallenge = new Map<string, { stage: string; at: string }[]>();
  for (const a of activities) {
    const detail = JSON.parse(a.detail) as { to?: unknown };
    const stage = a.action === "created" ? "draft" : typeof detail.to === "string" ? detail.to : null;
    if (!stage) continue;
    byChallenge.set(a.challengeId, [...(byChallenge.get(a.challengeId) ?? []), { stage, at: a.createdAt }]);
  }
  const reached = new Map<string, number>();
  for (const c of challenges.filter((c) => inWindow(c.createdAt))) {
    const stages = new Set(["draft", ...(byChallenge.get(c.id) ?? []).map((m) => m.stage)]);
    for (const s of stages) reached.set(s, (reached.get(s) ?? 0) + 1);
  }
  const stays = new Map<string, number[]>();
  for (const moves of byChallenge.values()) {
    for (let i = 0; i + 1 < moves.length; i++) {
      const left = moves[i + 1].at;
      if (!inWindow(left)) continue;
      const days = Math.floor((Date.parse(left) - Date.parse(moves[i].at)) / DAY);
      stays.set(moves[i].stage, [...(stays.get(moves[i].stage) ?? []), days]);
    }
  }
  const current = (stage: string) => challenges.filter((c) => c.stage === stage).length;
  const funnel = FUNNEL.map((stage, i) => {
    const here = reached.get(stage) ?? 0;
    const previous = i > 0 ? (reached.get(FUNNEL[i - 1]) ?? 0) : 0;
    return {
      stage,
      current: current(stage),
      reached: here,
      conversion: previous ? Math.round((here / previous) * 1000) / 10 : null,
      medianDays: median(stays.get(stage) ?? []),
    };
  });

  // ICs who led or co-led a published challenge, or held a seat on a team.
  const participants = new Set<string>();
  for (const c of challenges.filter((c) => c.publishedAt !== null)) {
    participants.add(c.leadId);
    if (c.coLeadId) participants.add(c.coLeadId);
  }
  for (const m of memberships.filter((m) => m.status === "active" || m.status === "released")) {
    participants.add(m.personId);
  }
  const groups = new Map<
    string,
    { discipline: string | null; level: string | null; people: number; participating: number }
  >();
  for (const p of people.filter((p) => p.track === "ic" && p.active === 1)) {
    const key = `${p.discipline}|${p.level}`;
    const g = groups.get(key) ?? { discipline: p.discipline, level: p.level, people: 0, participating: 0 };
    g.people += 1;
    if (participants.has(p.id)) g.participating += 1;
    groups.set(key, g);
  }

  // Distinct disciplines of each team that formed (lead, co-lead, active members).
  const disciplineOf = new Map(people.map((p) => [p.id, p.discipline]));
  const counts: number[] = [];
  for (const c of challenges.filter((c) => ["active", "showcase", "reviewed", "archived"].includes(c.stage))) {
    const ids = [
      c.leadId,
      c.coLeadId,
      ...memberships.filter((m) => m.challengeId === c.id && m.status === "active").map((m) => m.personId),
    ];
    const distinct = new Set(ids.map((id) => (id ? disciplineOf.get(id) : null)).filter((d) => d));
    if (distinct.size > 0) counts.push(distinct.size);
  }
  const average = counts.length ? counts.reduce((s, n) => s + n, 0) / counts.length : 0;

  // Budgets: every figure from the ledger; a budget's spend is what did not come back of its
  // pledges to closed challenges, or all of a running challenge's spend when it is the only pledge.
  const sum = (filter: (e: (typeof ledger)[number]) => boolean) =>
    ledger.filter(filter).reduce((s, e) => s + e.amount, 0);
  const live = pledges.filter((p) => p.status !== "withdrawn");
  const spentOf = (budgetId: string) => {
    let spent = 0;
    for (const p of live.filter((p) => p.budgetId === budgetId)) {
      const siblings = live.filter((q) => q.challengeId === p.challengeId);
      if (siblings.every((q) => q.status === "settled")) {
        spent += p.amount - sum((e) => e.type === "return" && e.pledgeId === p.id);
      } else {
        expect(siblings, "this world splits running spend only over a single pledge").toHaveLength(1);
        spent += sum((e) => e.type === "spend" && e.challengeId === p.challengeId);
      }
    }
    return spent;
  };
  const budgetFigures = budgets
    .filter((b) => !window.periodId || b.periodId === window.periodId)
    .map((b) => {
      const allocated = sum((e) => e.type === "allocation" && e.budgetId === b.id);
      const pledged =
        sum((e) => e.type === "pledge" && e.budgetId === b.id) -
        sum((e) => e.type === "pledge_withdrawal" && e.budgetId === b.id);
      const returned = sum((e) => e.type === "return" && e.budgetId === b.id);
      // The stored balance and the ledger agree.
      expect(allocated - pledged + returned).toBe(b.remaining);
      return {
        id: b.id,
        periodId: b.periodId,
        sponsorId: b.sponsorId,
        allocated,
        pledged,
        spent: spentOf(b.id),
        returned,
        remaining: b.remaining,
      };
    });

  // Open challenges whose response clock (as the challenge page shows it) is overdue.
  const now = new Date().toISOString();
  const pledged = new Set(pledges.map((p) => p.challengeId));
  const answered = new Set(reviewerComments.map((c) => c.challengeId));
  const overdueResponses = challenges
    .filter((c) => c.stage === "open" && !pledged.has(c.id) && !answered.has(c.id))
    .map((c) => ({ c, clock: responseClock({ ...c, firstResponseAt: null }, now, deadline) }))
    .filter(({ clock }) => clock?.overdue)
    .sort((a, b) => (a.c.publishedAt ?? "").localeCompare(b.c.publishedAt ?? ""))
    .map(({ c, clock }) => ({ id: c.id, days: clock?.days }));

  const commitments = await rows<{ id: string; dueOn: string; status: string }>(
    "SELECT id, due_on AS dueOn, status FROM commitments",
  );
  const overdueCommitments = commitments
    .filter((c) => c.status === "open" && c.dueOn < todayIso())
    .map((c) => c.id)
    .sort();

  // Showcases in which every active reviewer has a stake, by the domain's own rule.
  const reviewers = (
    await rows<{ id: string }>(
      "SELECT r.person_id AS id FROM person_roles r JOIN people p ON p.id = r.person_id WHERE r.role = 'reviewer' AND p.active = 1",
    )
  ).map((r) => r.id);
  const stakeOf = (c: (typeof challenges)[number], personId: string) =>
    reviewerStake({
      isLead: c.leadId === personId,
      isCoLead: c.coLeadId === personId,
      onTeam: memberships.some((m) => m.challengeId === c.id && m.personId === personId && m.status === "active"),
      isSponsor: live.some((p) => p.challengeId === c.id && p.sponsorId === personId),
    });
  const needsIndependentReviewer = challenges
    .filter((c) => c.stage === "showcase" && reviewers.every((r) => stakeOf(c, r) !== null))
    .sort((a, b) => a.listedAt.localeCompare(b.listedAt) || a.id.localeCompare(b.id))
    .map((c) => c.id);

  return {
    funnel,
    otherStages: ["withdrawn", "archived"].map((stage) => ({ stage, current: current(stage) })),
    participation: [...groups.values()],
    averageDisciplinesPerTeam: Math.round(average * 100) / 100,
    teams: counts.length,
    decisions: ["scale", "iterate", "stop"].map((d) => ({
      decision: d,
      count: decisions.filter((x) => x.decision === d && inWindow(x.createdAt)).length,
    })),
    budgets: budgetFigures,
    overdueResponses,
    overdueResponsesTotal: overdueResponses.length,
    overdueCommitments,
    overdueCommitmentsTotal: overdueCommitments.length,
    needsIndependentReviewer: needsIndependentReviewer.slice(0, 100),
    needsIndependentReviewerTotal: needsIndependentReviewer.length,
    responseDeadlineDays: deadline,
  };
}

/** The dashboard as served, in the shape `expectedDashboard` counts. */
function comparable(body: any) {
  const key = (g: { discipline: string | null; level: string | null }) => `${g.discipline}|${g.level}`;
  return {
    funnel: body.funnel,
    otherStages: body.otherStages,
    participation: [...body.participation].sort((a, b) => key(a).localeCompare(key(b))),
    averageDisciplinesPerTeam: body.averageDisciplinesPerTeam,
    teams: body.teams,
    decisions: body.decisions,
    budgets: body.budgets
      .map((b: any) => ({
        id: b.id,
        periodId: b.period.id,
        sponsorId: b.sponsor.id,
        allocated: b.allocated,
        pledged: b.pledged,
        spent: b.spent,
        returned: b.returned,
        remaining: b.remaining,
      }))
      .sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)),
    overdueResponses: body.overdueResponses.map((o: { id: string; days: number }) => ({ id: o.id, days: o.days })),
    overdueResponsesTotal: body.overdueResponsesTotal,
    overdueCommitments: body.overdueCommitments.map((o: { id: string }) => o.id).sort(),
    overdueCommitmentsTotal: body.overdueCommitmentsTotal,
    needsIndependentReviewer: body.needsIndependentReviewer.map((c: { id: string }) => c.id),
    needsIndependentReviewerTotal: body.needsIndependentReviewerTotal,
    responseDeadlineDays: body.responseDeadlineDays,
  };
}

async function expectDashboardMatches(as: string, window: Window) {
  const res = await callJson("GET", `/api/dashboard${window.periodId ? `?periodId=${window.periodId}` : ""}`, { as });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const expected = await expectedDashboard(window);
  const served = comparable(res.body);
  const key = (g: { discipline: string | null; level: string | null }) => `${g.discipline}|${g.level}`;
  expect(served).toEqual({
    ...expected,
    participation: [...expected.participation].sort((a, b) => key(a).localeCompare(key(b))),
    budgets: [...expected.budgets].sort((a, b) => a.id.localeCompare(b.id)),
  });
  return res.body;
}

// ─── The seeded organisation ────────────────────────────────────────────────────────────────

/**
 * A small organisation with known answers: its own discipline and IC levels (so its
 * participation rows are exactly these people), challenges that walked the funnel on known
 * days, teams, decisions with commitments, open challenges waiting for a response, and money
 * moved through the API (allocations, pledges, a withdrawn pledge, spend, returns).
 */
let seeded: ReturnType<typeof seedOrganisation> | undefined;
/** The organisation, seeded once for the tests that only read it. */
const organisation = () => {
  seeded ??= seedOrganisation();
  return seeded;
};

async function seedOrganisation() {
  const tag = crypto.randomUUID().slice(0, 6);
  const discipline = `dash_${tag}`;
  const [l1, l2] = [`DX1_${tag}`, `DX2_${tag}`];
  const rank = 100 + ++seq * 2;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO disciplines (id, name, position) VALUES (?, ?, 99)").bind(discipline, `Dash ${tag}`),
    env.DB.prepare("INSERT INTO levels (id, track, rank, name) VALUES (?, 'ic', ?, ?)").bind(l1, rank, l1),
    env.DB.prepare("INSERT INTO levels (id, track, rank, name) VALUES (?, 'ic', ?, ?)").bind(l2, rank + 1, l2),
  ]);
  const person = (level: string, over: Parameters<typeof seedPerson>[0] = {}) =>
    seedPerson({ discipline, level, ...over }).then((p) => p.id);

  // Participation: level 1 has 4 active ICs, 3 taking part; level 2 has 3, 1 taking part.
  const leadsOpen = await person(l1);
  const activeMember = await person(l1);
  const released = await person(l1);
  const awaitingLend = await person(l1);
  const withdrewDraft = await person(l2);
  const coLead = await person(l2);
  const draftsOnly = await person(l2);
  const inactive = await person(l2, { active: false });
  const manager = await person(l1, { track: "management" });

  const reviewer = await member({ roles: ["reviewer"] });
  const eng = (await seedPerson({ discipline: "engineering" })).id;
  const design = (await seedPerson({ discipline: "design" })).id;
  const data = (await seedPerson({ discipline: "data" })).id;
  const nobody = (await seedPerson({ discipline: null, level: null })).id;

  // The funnel, walked on whole days from an odd instant (spans of exactly N days), long enough
  // ago that a budget period around it holds nothing else.
  const base = Date.now() - 400 * DAY - 12_345_678;
  const day = (n: number) => new Date(base + n * DAY).toISOString();
  const open = await journey(leadsOpen, day(0), [["published", day(2)]]);
  await journey(draftsOnly, day(1));
  await journey(withdrewDraft, day(3), [["withdrawn", day(4)]]);
  await journey(inactive, day(5), [
    ["published", day(6)],
    ["withdrawn", day(9)],
  ]);
  const funded = await journey(eng, day(10), [
    ["published", day(11)],
    ["funded", day(20)],
  ]);
  const active = await journey(eng, day(12), [
    ["published", day(13)],
    ["funded", day(16)],
    ["started", day(30)],
  ]);
  const shown = await journey(
    design,
    day(14),
    [
      ["published", day(15)],
      ["funded", day(19)],
      ["started", day(21)],
      ["submitted", day(60)],
    ],
    { coLeadId: coLead },
  );
  const reviewed = await journey(nobody, day(17), [
    ["published", day(18)],
    ["funded", day(22)],
    ["started", day(25)],
    ["submitted", day(55)],
    ["decided:reviewed", day(58)],
  ]);
  const iterated = await journey(
    data,
    day(23),
    [
      ["published", day(24)],
      ["funded", day(26)],
      ["started", day(27)],
      ["submitted", day(50)],
      ["decided:active", day(52)],
    ],
    { cycle: 2 },
  );
  const merged = await journey(eng, day(28), [
    ["published", day(29)],
    ["merged_into", day(70)],
  ]);
  await journey(eng, day(31), [
    ["published", day(32)],
    ["funded", day(33)],
    ["started", day(34)],
    ["submitted", day(35)],
    ["decided:reviewed", day(40)],
    ["archived", day(80)],
  ]);
  expect(funded && merged).toBeTruthy();

  await team(active, [
    [activeMember, "active"],
    [data, "active"],
    [design, "active"],
    [awaitingLend, "pending_lend"],
  ]);
  await team(shown, [[released, "released"]]);
  await team(iterated, [[eng, "released"]]);

  const [lateCommitment] = await decision(reviewed, reviewer.id, "scale", day(58), [
    [isoDay(-3), "open"],
    [isoDay(0), "open"],
    [isoDay(-10), "done"],
    [isoDay(20), "open"],
  ]);
  await decision(iterated, reviewer.id, "iterate", day(52));
  await decision(iterated, reviewer.id, "stop", ago(600), [], 7);

  // Open challenges waiting for a response (the default deadline is 14 days).
  const waiting = {
    longAgo: await journey(eng, ago(40), [["published", ago(20)]]),
    memberComment: await journey(eng, ago(40), [["published", ago(30)]]),
    reviewerComment: await journey(eng, ago(40), [["published", ago(30)]]),
    withdrawnPledge: await journey(eng, ago(40), [["published", ago(30)]]),
    justPastMidnight: await journey(eng, ago(40), [
      ["published", new Date(midnight() - 14 * DAY - 60_000).toISOString()],
    ]),
    recent: await journey(eng, ago(10), [["published", ago(5)]]),
  };
  await comment(waiting.memberComment, design);
  await comment(waiting.reviewerComment, reviewer.id);

  // Money, through the API.
  const admin = await member({ roles: ["admin"] });
  const current = await period(admin, `${year - 1}-01-01`, `${year + 1}-12-31`);
  const earlier = await period(admin, isoDay(-120), isoDay(-30));
  const funnelDays = await period(
    admin,
    new Date(base - DAY).toISOString().slice(0, 10),
    new Date(base + 81 * DAY).toISOString().slice(0, 10),
  );
  const sponsors: Sponsor[] = [];
  for (const amount of [500_000, 300_000]) {
    const s = await member({ roles: ["sponsor"] });
    sponsors.push({ ...s, budgetId: await allocate(admin, current.id, s.id, amount) });
  }
  await allocate(admin, earlier.id, sponsors[0].id, 40_000);
  const thirdSponsor = await seedPerson({ roles: ["sponsor"] });
  await allocate(admin, earlier.id, thirdSponsor.id, 25_000);
  await allocate(admin, earlier.id, thirdSponsor.id, -5_000);

  const lead = await member();
  const closed = await createChallenge(lead.as, { fundingAsk: 100_000, slots: [] }, true);
  await pledge(sponsors[0], closed, 100_000);
  await startWithSpend(lead, closed, 30_000, sponsors[0]);
  await submitAndDecide(lead, closed, reviewer, "stop");
  const running = await createChallenge(lead.as, { fundingAsk: 50_000, slots: [] }, true);
  await pledge(sponsors[1], running, 50_000);
  await startWithSpend(lead, running, 5_000, sponsors[1]);
  const stillOpen = await createChallenge(lead.as, { fundingAsk: 1_000_000, slots: [] }, true);
  const withdrawn = await pledge(sponsors[0], stillOpen, 10_000);
  await act(sponsors[0].as, "DELETE", `/api/pledges/${withdrawn}`);
  await pledge(sponsors[1], stillOpen, 7_000);
  await env.DB.prepare(
    "INSERT INTO pledges (id, challenge_id, budget_id, sponsor_id, amount, status) VALUES (?, ?, ?, ?, 0, 'withdrawn')",
  )
    .bind(uid("pl"), waiting.withdrawnPledge, sponsors[0].budgetId, sponsors[0].id)
    .run();

  return {
    reviewer,
    admin,
    sponsors,
    current,
    earlier,
    funnelDays,
    thirdSponsor,
    discipline,
    levels: [l1, l2],
    open,
    lateCommitment,
    waiting,
    manager,
    closed,
    running,
  };
}

// ─── GET /api/dashboard ─────────────────────────────────────────────────────────────────────

describe("GET /api/dashboard", () => {
  it("serves every figure as counted straight from the tables, and the known answers of a seeded organisation", async () => {
    const org = await organisation();
    const body = await expectDashboardMatches(org.reviewer.as, ALL_TIME);
    expect(body.period).toBeNull();

    // The seeded discipline's rows are exactly its people: inactive and management left out.
    const mine = body.participation.filter((p: { discipline: string }) => p.discipline === org.discipline);
    expect(mine).toEqual(
      expect.arrayContaining([
        { discipline: org.discipline, level: org.levels[0], people: 4, participating: 3 },
        { discipline: org.discipline, level: org.levels[1], people: 3, participating: 1 },
      ]),
    );
    expect(mine).toHaveLength(2);
    expect(body.decisions.find((d: { decision: string }) => d.decision === "stop").count).toBeGreaterThanOrEqual(2);
    expect(body.overdueResponses.map((o: { id: string }) => o.id)).toEqual(
      expect.arrayContaining([org.waiting.longAgo, org.waiting.memberComment, org.open]),
    );
    for (const notListed of [org.waiting.reviewerComment, org.waiting.withdrawnPledge, org.waiting.recent]) {
      expect(body.overdueResponses.map((o: { id: string }) => o.id)).not.toContain(notListed);
    }
    expect(body.overdueResponses.find((o: { id: string }) => o.id === org.waiting.longAgo)).toMatchObject({
      days: 20,
      leadName: expect.any(String),
      title: expect.any(String),
    });
    expect(body.overdueCommitments.map((c: { id: string }) => c.id)).toContain(org.lateCommitment);
    expect(body.overdueCommitments.find((c: { id: string }) => c.id === org.lateCommitment)).toMatchObject({
      dueOn: isoDay(-3),
      challengeTitle: expect.any(String),
      ownerName: expect.any(String),
    });
    const budget = (id: string) => body.budgets.find((b: { id: string }) => b.id === id);
    expect(budget(org.sponsors[0].budgetId)).toMatchObject({
      allocated: 500_000,
      pledged: 100_000,
      spent: 30_000,
      returned: 70_000,
      remaining: 470_000,
    });
    expect(budget(org.sponsors[1].budgetId)).toMatchObject({
      allocated: 300_000,
      pledged: 57_000,
      spent: 5_000,
      returned: 0,
      remaining: 243_000,
    });
  });
});

describe("GET /api/dashboard?periodId=", () => {
  it("counts the funnel and decisions of challenges in the period, and only that period's budgets", async () => {
    const org = await organisation();
    const window = (p: { id: string; startsOn: string; endsOn: string }) => ({
      from: `${p.startsOn}T00:00:00.000Z`,
      to: new Date(Date.parse(`${p.endsOn}T00:00:00.000Z`) + DAY).toISOString(),
      periodId: p.id,
    });
    const body = await expectDashboardMatches(org.admin.as, window(org.funnelDays));
    expect(body.period).toEqual({
      id: org.funnelDays.id,
      name: expect.any(String),
      startsOn: org.funnelDays.startsOn,
      endsOn: org.funnelDays.endsOn,
    });
    expect(body.budgets).toEqual([]);
    // Only the eleven seeded journeys were created, and left stages, in this period:
    // reached 11 → 9 → 6 → 5 → 4 → 2; stays in whole days (see seedOrganisation).
    expect(
      body.funnel.map(({ stage, reached, conversion, medianDays }: any) => ({
        stage,
        reached,
        conversion,
        medianDays,
      })),
    ).toEqual([
      { stage: "draft", reached: 11, conversion: null, medianDays: 1 },
      { stage: "open", reached: 9, conversion: 81.8, medianDays: 3.5 },
      { stage: "funded", reached: 6, conversion: 66.7, medianDays: 2 },
      { stage: "active", reached: 5, conversion: 83.3, medianDays: 26.5 },
      { stage: "showcase", reached: 4, conversion: 80, medianDays: 3 },
      { stage: "reviewed", reached: 2, conversion: 50, medianDays: 40 },
    ]);
    expect(body.decisions).toEqual([
      { decision: "scale", count: 1 },
      { decision: "iterate", count: 1 },
      { decision: "stop", count: 0 },
    ]);

    const earlier = await expectDashboardMatches(org.reviewer.as, window(org.earlier));
    expect(
      earlier.budgets
        .map((b: any) => [b.sponsor.id, b.allocated, b.remaining])
        .sort((a: string[], b: string[]) => a[0].localeCompare(b[0])),
    ).toEqual(
      [
        [org.sponsors[0].id, 40_000, 40_000],
        [org.thirdSponsor.id, 20_000, 20_000],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // Figures that are not about a period stay whole.
    const all = await callJson("GET", "/api/dashboard", { as: org.reviewer.as });
    expect(earlier.participation).toEqual(all.body.participation);
    expect(earlier.overdueResponses).toEqual(all.body.overdueResponses);
    expect(earlier.funnel.map((f: { current: number }) => f.current)).toEqual(
      all.body.funnel.map((f: { current: number }) => f.current),
    );
  });

  it("is 400 naming periodId for an unknown or overlong period", async () => {
    const reviewer = await member({ roles: ["reviewer"] });
    expectInvalid(await callJson("GET", "/api/dashboard?periodId=per_unknown", { as: reviewer.as }), "periodId");
    expectInvalid(await callJson("GET", `/api/dashboard?periodId=${"x".repeat(65)}`, { as: reviewer.as }), "periodId");
  });
});

describe("GET /api/dashboard: showcases that need an independent reviewer", () => {
  const ON_SHOW: [string, string][] = [
    ["published", ago(30)],
    ["funded", ago(25)],
    ["started", ago(20)],
    ["submitted", ago(2)],
  ];

  /** A budget of `sponsorId` straight in D1, for pledges seeded beside it. */
  async function budgetOf(sponsorId: string) {
    const periodId = uid("per");
    const budgetId = uid("bud");
    await env.DB.batch([
      env.DB.prepare("INSERT INTO budget_periods (id, name, starts_on, ends_on) VALUES (?, ?, ?, ?)").bind(
        periodId,
        periodId,
        `${year - 1}-01-01`,
        `${year + 1}-12-31`,
      ),
      env.DB.prepare("INSERT INTO budgets (id, period_id, sponsor_id, remaining) VALUES (?, ?, ?, 0)").bind(
        budgetId,
        periodId,
        sponsorId,
      ),
    ]);
    return budgetId;
  }

  async function seedPledge(challengeId: string, sponsorId: string, status: "active" | "withdrawn") {
    await env.DB.prepare(
      "INSERT INTO pledges (id, challenge_id, budget_id, sponsor_id, amount, status) VALUES (?, ?, ?, ?, 0, ?)",
    )
      .bind(uid("pl"), challengeId, await budgetOf(sponsorId), sponsorId, status)
      .run();
  }

  /**
   * Seats every active reviewer not in `except`, and not already seated, on the challenge's team:
   * each then has a stake in it.
   */
  async function seatEveryReviewer(challengeId: string, except: string[] = []) {
    const everyone = await rows<{ id: string }>(
      `SELECT r.person_id AS id FROM person_roles r JOIN people p ON p.id = r.person_id
       WHERE r.role = 'reviewer' AND p.active = 1 AND NOT EXISTS (SELECT 1 FROM memberships m
         WHERE m.challenge_id = ? AND m.person_id = r.person_id AND m.status IN ('active', 'pending_lend'))`,
      challengeId,
    );
    await team(
      challengeId,
      everyone.filter((r) => !except.includes(r.id)).map((r) => [r.id, "active"] as [string, string]),
    );
  }

  it("lists a showcase whose every active reviewer leads, co-leads, is on the team or sponsors it; not one with an independent reviewer", async () => {
    const org = await organisation();
    const [lead, coLead, teammate, sponsor, formerSponsor, lentOnly] = await Promise.all(
      Array.from({ length: 6 }, () => seedPerson({ roles: ["reviewer"] })),
    );
    // An inactive reviewer reviews nothing, so their lack of a stake does not count.
    await seedPerson({ roles: ["reviewer"], active: false });

    const stuck = await journey(lead.id, ago(40), ON_SHOW, { coLeadId: coLead.id, title: "Judged by its own" });
    await team(stuck, [[teammate.id, "active"]]);
    await seedPledge(stuck, sponsor.id, "active");
    // The rest of the organisation's reviewers sit on its team, so every reviewer has a stake.
    await seatEveryReviewer(stuck, [lead.id, coLead.id, sponsor.id]);

    // The same, except one reviewer withdrew their only pledge: no sponsor, so they may review it.
    const withdrawnOnly = await journey(lead.id, ago(40), ON_SHOW, { coLeadId: coLead.id });
    await seatEveryReviewer(withdrawnOnly, [lead.id, coLead.id, formerSponsor.id]);
    await seedPledge(withdrawnOnly, formerSponsor.id, "withdrawn");
    // The same, except one reviewer's seat still awaits their manager's lend: not on the team yet.
    const lendPending = await journey(lead.id, ago(40), ON_SHOW, { coLeadId: coLead.id });
    await team(lendPending, [[lentOnly.id, "pending_lend"]]);
    await seatEveryReviewer(lendPending, [lead.id, coLead.id]);

    // Every reviewer has a stake in this one too, but it is active: nothing to review yet.
    const notOnShow = await journey(lead.id, ago(40), ON_SHOW.slice(0, 3), { coLeadId: coLead.id });
    await seatEveryReviewer(notOnShow, [lead.id, coLead.id]);

    const body = await expectDashboardMatches(org.reviewer.as, ALL_TIME);
    const listed = body.needsIndependentReviewer.map((c: { id: string }) => c.id);
    expect(listed).toContain(stuck);
    expect(listed).not.toContain(withdrawnOnly);
    expect(listed).not.toContain(lendPending);
    expect(listed).not.toContain(notOnShow);
    // Submitted two days ago (ON_SHOW): how long it has waited for a reviewer who may judge it.
    expect(body.needsIndependentReviewer.find((c: { id: string }) => c.id === stuck)).toEqual({
      id: stuck,
      title: "Judged by its own",
      submittedAt: ON_SHOW[3][1],
      days: 2,
    });
    expect(body.needsIndependentReviewerTotal).toBe(listed.length);

    // One new reviewer without a stake is enough to take it off the list.
    await seedPerson({ roles: ["reviewer"] });
    const after = await callJson("GET", "/api/dashboard", { as: org.reviewer.as });
    expect(after.body.needsIndependentReviewer.map((c: { id: string }) => c.id)).not.toContain(stuck);
    expect(after.body.needsIndependentReviewerTotal).toBe(0);
  });

  it("walks the stage index in its order, with no sort of its own", async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${NEEDS_INDEPENDENT_REVIEWER_SQL}`).all<{
      detail: string;
    }>();
    const plan = results.map((r) => r.detail).join("\n");
    expect(plan).toMatch(/SEARCH c USING (COVERING )?INDEX challenges_stage_listed_idx \(stage=\?\)/);
    expect(plan).not.toContain("TEMP B-TREE FOR ORDER BY");
  });
});

describe("GET /api/dashboard: who may see it", () => {
  it("is for reviewers and admins; 403 for members, sponsors and managers; 401 without a session", async () => {
    for (const roles of [["reviewer"], ["admin"], ["reviewer", "admin"]] as const) {
      expect((await callJson("GET", "/api/dashboard", { as: (await member({ roles: [...roles] })).as })).status).toBe(
        200,
      );
    }
    for (const who of [
      await member(),
      await member({ roles: ["sponsor"] }),
      await member({ track: "management", level: "M2" }),
    ]) {
      expectError(await callJson("GET", "/api/dashboard", { as: who.as }), 403, "forbidden");
    }
    expectError(await callJson("GET", "/api/dashboard"), 401);
  });
});

describe("GET /api/dashboard: round trips", () => {
  it("takes the same small number of round trips with 10 challenges more or 60", async () => {
    const reviewer = await member({ roles: ["reviewer"] });
    const org = await organisation();
    const lead = (await seedPerson({ discipline: "design" })).id;
    const helper = (await seedPerson({ discipline: "data" })).id;
    const addChallenges = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const id = await journey(lead, ago(50 + i), [
          ["published", ago(40 + i / 10)],
          ["funded", ago(30)],
          ["started", ago(20)],
        ]);
        await team(id, [[helper, "active"]]);
        await decision(id, reviewer.id, i % 2 ? "scale" : "iterate", ago(10), [[isoDay(-1), "open"]]);
      }
    };
    const measure = async () => {
      const all = await callJson("GET", "/api/dashboard", { as: reviewer.as });
      const period = await callJson("GET", `/api/dashboard?periodId=${org.current.id}`, { as: reviewer.as });
      expect([all.status, period.status]).toEqual([200, 200]);
      return [roundTrips(all), roundTrips(period)];
    };
    await addChallenges(10);
    const small = await measure();
    await addChallenges(50);
    const large = await measure();
    expect(large).toEqual(small);
    // One batch: the caller, the period, the settings, the figures and the budgets (SPEC §18).
    expect(small).toEqual([1, 1]);
  });
});

describe("the daily cron (scheduled)", () => {
  async function runCron() {
    const ctx = createExecutionContext();
    await worker.scheduled({ cron: DAILY_CRON, scheduledTime: Date.now() }, env, ctx);
    await waitOnExecutionContext(ctx);
  }
  const told = async (challengeId: string) =>
    rows<{ recipientId: string; data: string }>(
      "SELECT recipient_id AS recipientId, data FROM notifications WHERE kind = 'response_overdue' AND challenge_id = ?",
      challengeId,
    );

  it("tells each overdue challenge's lead once, however often it runs, and nobody else", async () => {
    const org = await organisation();
    const lead = await seedPerson();
    const reviewer = await seedPerson({ roles: ["reviewer"] });
    const overdue = await journey(lead.id, ago(40), [["published", ago(25)]]);
    const overdueToo = await journey(lead.id, ago(40), [["published", ago(18)]]);
    const answered = await journey(lead.id, ago(40), [["published", ago(25)]]);
    await comment(answered, reviewer.id);
    const recent = await journey(lead.id, ago(10), [["published", ago(3)]]);
    const funded = await journey(lead.id, ago(50), [
      ["published", ago(45)],
      ["funded", ago(40)],
    ]);

    await runCron();
    await runCron();
    const notice = await told(overdue);
    expect(notice.map((n) => n.recipientId)).toEqual([lead.id]);
    // Days waited as of the run: today's midnight (the cron passes a date) or the instant itself.
    const published = await rows<{ at: string }>("SELECT published_at AS at FROM challenges WHERE id = ?", overdue);
    const waited = (to: number) => Math.floor((to - Date.parse(published[0].at)) / DAY);
    expect([waited(midnight()), waited(Date.now())]).toContainEqual(JSON.parse(notice[0].data).days);
    expect((await told(overdueToo)).map((n) => n.recipientId)).toEqual([lead.id]);
    for (const id of [
      answered,
      recent,
      funded,
      org.waiting.reviewerComment,
      org.waiting.withdrawnPledge,
      org.waiting.recent,
    ]) {
      expect(await told(id), id).toEqual([]);
    }
    // Every notice went to a lead of a challenge the dashboard lists as overdue, once.
    const notices = await rows<{ challengeId: string; recipientId: string; n: number }>(
      "SELECT challenge_id AS challengeId, recipient_id AS recipientId, count(*) AS n FROM notifications WHERE kind = 'response_overdue' GROUP BY challenge_id, recipient_id",
    );
    const dashboard = await callJson("GET", "/api/dashboard", { as: org.reviewer.as });
    const listed = new Set(dashboard.body.overdueResponses.map((o: { id: string }) => o.id));
    for (const n of notices) {
      expect(n.n).toBe(1);
      expect(listed.has(n.challengeId), n.challengeId).toBe(true);
      const c = await rows<{ leadId: string }>("SELECT lead_id AS leadId FROM challenges WHERE id = ?", n.challengeId);
      expect(n.recipientId).toBe(c[0].leadId);
    }
    expect(notices.map((n) => n.challengeId)).toEqual(
      expect.arrayContaining([org.waiting.longAgo, org.waiting.memberComment, org.open]),
    );
  });
});
