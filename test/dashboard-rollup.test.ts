import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DAILY_CRON } from "../worker/cron";
import worker from "../worker/index";
import { createDb } from "../worker/middleware/db";
import { readTogether } from "../worker/services/batch";
import { DASHBOARD_BUDGETS_PAGE, dashboardPlan, refreshDashboardRollup } from "../worker/services/dashboard";
import { listBudgets } from "../worker/services/funding";
import { callJson, env, expectInvalid, member, seedPerson } from "./helpers";

// The dashboard's rolled-up figures (worker/services/dashboard-rollup.ts) against a full recount
// (`dashboardPlan(…, { fullCount: true })`, the queries that walk every table) on a generated
// organisation: before any refresh (everything counted live), after one, after changes made
// between refreshes, and after the cron's.

const DAY = 86_400_000;
let seq = 0;
const uid = (prefix: string) => `${prefix}_roll${++seq}_${crypto.randomUUID().slice(0, 6)}`;

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = 20261203;
const rand = random(SEED);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const db = () => createDb(env.DB);

async function rows<T>(sql: string, ...binds: unknown[]) {
  return (
    await env.DB.prepare(sql)
      .bind(...binds)
      .all<T>()
  ).results;
}

/** The served figures, rolled up and fully counted, at the same instant. */
async function bothCounts(periodId?: string) {
  const now = new Date().toISOString();
  const [[rolled, full]] = [
    await readTogether(
      db(),
      dashboardPlan(db(), periodId, now),
      dashboardPlan(db(), periodId, now, { fullCount: true }),
    ),
  ];
  return { rolled, full };
}

async function expectExact(label: string, periodIds: (string | undefined)[]) {
  for (const periodId of periodIds) {
    const { rolled, full } = await bothCounts(periodId);
    expect(rolled.figures, `${label}, period ${periodId ?? "all time"}`).toEqual(full.figures);
  }
}

const changedCount = async () => (await rows<{ n: number }>("SELECT count(*) AS n FROM dashboard_dirty"))[0].n;

// ─── The generated organisation ─────────────────────────────────────────────────────────────

const MOVES: [action: string, to: string][] = [
  ["published", "open"],
  ["funded", "funded"],
  ["started", "active"],
  ["submitted", "showcase"],
  ["decided", "reviewed"],
];

interface World {
  people: { id: string; discipline: string | null }[];
  challenges: { id: string; stage: string; leadId: string; lastAt: number }[];
  periods: string[];
  reviewerId: string;
}

async function insertActivity(challengeId: string, actorId: string, action: string, detail: object, at: string) {
  await env.DB.prepare(
    "INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  )
    .bind(uid("act"), challengeId, actorId, action, JSON.stringify(detail), at)
    .run();
}

/** A challenge walked `steps` moves along the funnel from a random day in the last ~2 years, some withdrawn or looped back. */
async function generatedChallenge(world: World, leadId: string, coLeadId: string | null) {
  const id = uid("ch");
  let t = Date.now() - between(5, 700) * DAY - between(0, DAY - 1);
  const created = new Date(t).toISOString();
  const stmts: D1PreparedStatement[] = [];
  const act = (action: string, detail: object, at: string) =>
    env.DB.prepare(
      "INSERT INTO activities (id, challenge_id, actor_id, action, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    ).bind(uid("act"), id, leadId, action, JSON.stringify(detail), at);
  stmts.push(act("created", {}, created));
  let stage = "draft";
  let publishedAt: string | null = null;
  const steps = between(0, 5);
  for (let i = 0; i < steps; i++) {
    // Some moves land on the same instant as the one before (ties are taken in id order).
    t += rand() < 0.1 ? 0 : between(0, 40) * DAY + between(0, DAY - 1);
    const at = new Date(t).toISOString();
    const [action, to] = MOVES[i];
    if (action === "published") publishedAt = at;
    stmts.push(act(action, { from: stage, to }, at));
    stage = to;
  }
  if (stage === "reviewed" && rand() < 0.4) {
    t += between(1, 20) * DAY;
    stmts.push(act("decided", { from: "reviewed", to: "active" }, new Date(t).toISOString()));
    stage = "active";
  } else if ((stage === "draft" || stage === "open") && rand() < 0.25) {
    t += between(0, 9) * DAY;
    stmts.push(act("withdrawn", { from: stage, to: "withdrawn" }, new Date(t).toISOString()));
    stage = "withdrawn";
  }
  // An activity that is not a stage move, which no figure counts.
  stmts.push(act("commented", { to: "nowhere" }, new Date(t).toISOString()));
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO challenges (id, title, summary, stage, lead_id, co_lead_id, published_at, listed_at, stage_changed_at, created_at, updated_at)
       VALUES (?, ?, 'Generated for the rollup.', ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(id, `Rollup challenge ${seq}`, stage, leadId, coLeadId, publishedAt, created, created, created, created),
    ...stmts,
  ]);
  world.challenges.push({ id, stage, leadId, lastAt: t });
  return id;
}

async function seat(challengeId: string, personId: string, status: string) {
  const slotId = uid("slot");
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO challenge_slots (id, challenge_id, position, discipline_id, count, filled, commitment_percent) VALUES (?, ?, 0, 'data', 5, 0, 10)",
    ).bind(slotId, challengeId),
    env.DB.prepare(
      "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, 10, ?)",
    ).bind(uid("mem"), challengeId, slotId, personId, status),
  ]);
}

async function generateWorld(): Promise<World> {
  const disciplines = (await rows<{ id: string }>("SELECT id FROM disciplines")).map((d) => d.id);
  const levels = (await rows<{ id: string }>("SELECT id FROM levels WHERE track = 'ic'")).map((l) => l.id);
  const reviewer = await seedPerson({ roles: ["reviewer"] });
  const world: World = { people: [], challenges: [], periods: [], reviewerId: reviewer.id };
  for (let i = 0; i < 40; i++) {
    const discipline = rand() < 0.1 ? null : pick(disciplines);
    const { id } = await seedPerson({
      discipline,
      level: rand() < 0.1 ? null : pick(levels),
      track: rand() < 0.15 ? "management" : "ic",
      active: rand() > 0.1,
    });
    world.people.push({ id, discipline });
  }
  for (let i = 0; i < 35; i++) {
    const lead = pick(world.people).id;
    const coLead = rand() < 0.3 ? pick(world.people).id : null;
    const id = await generatedChallenge(world, lead, coLead === lead ? null : coLead);
    for (let j = between(0, 4); j > 0; j--) {
      await seat(id, pick(world.people).id, pick(["active", "active", "released", "pending_lend", "lend_declined"]));
    }
  }
  for (let i = 0; i < 12; i++) {
    const c = pick(world.challenges);
    await env.DB.prepare(
      "INSERT INTO decisions (id, challenge_id, cycle, decision, rationale, decided_by_id, created_at) VALUES (?, ?, ?, ?, 'Generated.', ?, ?)",
    )
      .bind(
        uid("dec"),
        c.id,
        100 + i,
        pick(["scale", "iterate", "stop"]),
        reviewer.id,
        new Date(c.lastAt).toISOString(),
      )
      .run();
  }
  // Budget periods: one around the last year, one a year before it, and one of a single day.
  const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
  for (const [from, to] of [
    [-365, 0],
    [-730, -366],
    [-200, -200],
  ]) {
    const id = uid("per");
    await env.DB.prepare("INSERT INTO budget_periods (id, name, starts_on, ends_on) VALUES (?, ?, ?, ?)")
      .bind(id, id, day(from), day(to))
      .run();
    world.periods.push(id);
  }
  return world;
}

/** Changes of every kind the triggers watch, made between refreshes. */
async function changeThings(world: World) {
  const person = () => pick(world.people).id;
  // Stage moves of existing challenges, with their activity, as the app writes them.
  for (const c of world.challenges.filter((c) => ["draft", "open", "funded", "active"].includes(c.stage)).slice(0, 6)) {
    const next = MOVES.find(([, to]) => to === c.stage);
    const index = next ? MOVES.indexOf(next) + 1 : 0;
    const [action, to] = MOVES[Math.min(index, MOVES.length - 1)];
    const at = new Date(Date.now() - between(0, 3) * DAY).toISOString();
    await insertActivity(c.id, c.leadId, action, { from: c.stage, to }, at);
    await env.DB.prepare(
      "UPDATE challenges SET stage = ?, published_at = coalesce(published_at, ?), stage_changed_at = ? WHERE id = ?",
    )
      .bind(to, at, at, c.id)
      .run();
    c.stage = to;
  }
  // New challenges, some with teams.
  for (let i = 0; i < 4; i++) {
    const id = await generatedChallenge(world, person(), rand() < 0.5 ? person() : null);
    await seat(id, person(), "active");
  }
  // People move discipline or level, leave, come back, change track.
  const disciplines = (await rows<{ id: string }>("SELECT id FROM disciplines")).map((d) => d.id);
  for (const p of world.people.slice(0, 8)) {
    const column = pick(["discipline_id", "level_id", "active", "track"]);
    const value =
      column === "discipline_id"
        ? pick([...disciplines, null])
        : column === "level_id"
          ? pick(["IC3", "IC5", null])
          : column === "active"
            ? pick([0, 1])
            : pick(["ic", "management"]);
    await env.DB.prepare(`UPDATE people SET ${column} = ? WHERE id = ?`).bind(value, p.id).run();
  }
  // Seats change status, move, or are removed.
  const seats = await rows<{ id: string }>("SELECT id FROM memberships ORDER BY id LIMIT 10");
  for (const [i, s] of seats.entries()) {
    if (i % 3 === 0) await env.DB.prepare("UPDATE memberships SET status = 'released' WHERE id = ?").bind(s.id).run();
    if (i % 3 === 1) await env.DB.prepare("UPDATE memberships SET status = 'active' WHERE id = ?").bind(s.id).run();
    if (i % 3 === 2) await env.DB.prepare("DELETE FROM memberships WHERE id = ?").bind(s.id).run();
  }
  // A co-lead named and another changed; a lead handed over.
  const [a, b, c] = world.challenges;
  await env.DB.prepare("UPDATE challenges SET co_lead_id = ? WHERE id = ?").bind(person(), a.id).run();
  await env.DB.prepare("UPDATE challenges SET co_lead_id = NULL WHERE id = ?").bind(b.id).run();
  await env.DB.prepare("UPDATE challenges SET lead_id = ? WHERE id = ?").bind(person(), c.id).run();
  // An activity moved to another challenge, and one removed.
  const [moved, removed] = await rows<{ id: string }>(
    "SELECT id FROM activities WHERE action = 'funded' AND challenge_id IS NOT NULL ORDER BY id LIMIT 2",
  );
  if (moved)
    await env.DB.prepare("UPDATE activities SET challenge_id = ? WHERE id = ?")
      .bind(world.challenges[5].id, moved.id)
      .run();
  if (removed) await env.DB.prepare("DELETE FROM activities WHERE id = ?").bind(removed.id).run();
  // A new person, and a new period the rollup has never seen.
  world.people.push({ id: (await seedPerson({ discipline: "design", level: "IC2" })).id, discipline: "design" });
  const period = uid("per");
  await env.DB.prepare("INSERT INTO budget_periods (id, name, starts_on, ends_on) VALUES (?, ?, ?, ?)")
    .bind(
      period,
      period,
      new Date(Date.now() - 90 * DAY).toISOString().slice(0, 10),
      new Date().toISOString().slice(0, 10),
    )
    .run();
  world.periods.push(period);
}

// ─── The tests ──────────────────────────────────────────────────────────────────────────────

describe("the dashboard's rollup gives exactly the full count", () => {
  it(`on a generated organisation (seed ${SEED}): before a refresh, after one, after changes between refreshes, and after the cron's`, async () => {
    const world = await generateWorld();
    const windows = [undefined, ...world.periods];

    // Nothing refreshed yet: every change so far is counted live.
    expect(await changedCount()).toBeGreaterThan(0);
    await expectExact("before any refresh", windows);

    await refreshDashboardRollup(db());
    expect(await changedCount()).toBe(0);
    await expectExact("just after a refresh", windows);
    const { rolled } = await bothCounts();
    expect(rolled.changed).toBe(0);
    // The generated world shows in every rolled-up figure.
    expect(rolled.figures.funnel.every((f) => f.reached > 0)).toBe(true);
    expect(rolled.figures.funnel.some((f) => f.medianDays !== null)).toBe(true);
    expect(rolled.figures.teams).toBeGreaterThan(0);
    expect(rolled.figures.participation.some((p) => p.participating > 0)).toBe(true);

    await changeThings(world);
    expect(await changedCount()).toBeGreaterThan(0);
    await expectExact("after changes made since the refresh", [...windows, world.periods.at(-1)]);

    await changeThings(world);
    await expectExact("after more changes", windows);

    // The daily cron refreshes it too.
    const ctx = createExecutionContext();
    await worker.scheduled({ cron: DAILY_CRON, scheduledTime: Date.now() }, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await changedCount()).toBe(0);
    await expectExact("after the cron's refresh", windows);

    // The route serves the rolled-up figures, in one round trip.
    const reviewer = await member({ roles: ["reviewer"] });
    const res = await callJson("GET", `/api/dashboard?periodId=${world.periods[0]}`, { as: reviewer.as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get("server-timing")).toMatch(/^db;desc="1 round trip"/);
    const { full } = await bothCounts(world.periods[0]);
    expect(res.body.funnel).toEqual(full.figures.funnel);
    expect(res.body.participation).toEqual(full.figures.participation);
    expect(res.body.averageDisciplinesPerTeam).toBe(full.figures.averageDisciplinesPerTeam);
  });

  it("a read that counted many changes live refreshes the rollup after answering", async () => {
    const people = Array.from({ length: 1005 }, (_, i) =>
      env.DB.prepare("INSERT INTO people (id, email, name) VALUES (?, ?, 'Bulk')").bind(
        uid("pbulk"),
        `bulk${i}-${seq}@example.com`,
      ),
    );
    await env.DB.batch(people);
    expect(await changedCount()).toBeGreaterThan(1000);
    const reviewer = await member({ roles: ["reviewer"] });
    const res = await callJson("GET", "/api/dashboard", { as: reviewer.as });
    expect(res.status).toBe(200);
    expect(await changedCount()).toBe(0);
    await expectExact("after the read's refresh", [undefined]);
  });
});

describe("the dashboard's budgets, a page at a time", () => {
  it("serves the first page with the dashboard and the rest through GET /api/dashboard/budgets, each budget once, in order", async () => {
    const admin = await member({ roles: ["admin"] });
    const periods = [uid("per"), uid("per")];
    await env.DB.batch(
      periods.map((id, i) =>
        env.DB.prepare("INSERT INTO budget_periods (id, name, starts_on, ends_on) VALUES (?, ?, ?, ?)").bind(
          id,
          id,
          `${2090 + i}-01-01`,
          `${2090 + i}-03-31`,
        ),
      ),
    );
    // 70 sponsors with budgets in both periods (some with money moved through the API).
    for (let i = 0; i < 70; i++) {
      const sponsor = await seedPerson({ roles: ["sponsor"], name: `Sponsor ${String(i % 35).padStart(2, "0")}` });
      await env.DB.batch(
        periods.map((periodId) =>
          env.DB.prepare("INSERT INTO budgets (id, period_id, sponsor_id) VALUES (?, ?, ?)").bind(
            uid("bud"),
            periodId,
            sponsor.id,
          ),
        ),
      );
      if (i < 3) {
        const res = await callJson("POST", "/api/admin/allocations", {
          as: admin.as,
          body: { periodId: periods[1], sponsorId: sponsor.id, amount: 1000 * (i + 1) },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    }
    const reviewer = await member({ roles: ["reviewer"] });
    for (const periodId of [periods[1], undefined]) {
      const q = periodId ? `periodId=${periodId}` : "";
      const first = await callJson("GET", `/api/dashboard?${q}`, { as: reviewer.as });
      expect(first.status).toBe(200);
      expect(first.body.budgets).toHaveLength(DASHBOARD_BUDGETS_PAGE);
      const served = [...first.body.budgets];
      let cursor: string | null = first.body.budgetsNextCursor;
      while (cursor) {
        const next = await callJson("GET", `/api/dashboard/budgets?${q}&cursor=${encodeURIComponent(cursor)}`, {
          as: reviewer.as,
        });
        expect(next.status, JSON.stringify(next.body)).toBe(200);
        expect(next.headers.get("server-timing")).toMatch(/^db;desc="1 round trip"/);
        expect(next.body.items.length).toBeLessThanOrEqual(DASHBOARD_BUDGETS_PAGE);
        expect(next.body.total).toBe(first.body.budgetsTotal);
        served.push(...next.body.items);
        cursor = next.body.nextCursor;
      }
      // Every budget once, each as the budgets page derives it, grouped by period (newest first) then sponsor.
      const all = await listBudgets(db(), { periodId });
      expect(served).toHaveLength(all.length);
      expect(first.body.budgetsTotal).toBe(all.length);
      const byId = new Map(all.map((b) => [b.id, b]));
      for (const b of served) expect(b).toEqual(byId.get(b.id));
      const key = (b: (typeof all)[number]) => [b.period.startsOn, b.period.id, b.sponsor.name, b.id];
      const sorted = [...served].sort((x, y) => {
        const [a, b] = [key(x), key(y)];
        if (a[0] !== b[0]) return a[0] < b[0] ? 1 : -1;
        for (let i = 1; i < 4; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
        return 0;
      });
      expect(served.map((b) => b.id)).toEqual(sorted.map((b) => b.id));
      if (periodId) expect(served.find((b) => b.allocated === 3000)).toBeTruthy();
    }
  });

  it("is 400 naming cursor for a cursor it did not give, and for reviewers and admins only", async () => {
    const reviewer = await member({ roles: ["reviewer"] });
    expectInvalid(await callJson("GET", "/api/dashboard/budgets?cursor=nonsense", { as: reviewer.as }), "cursor");
    const someone = await member();
    expect((await callJson("GET", "/api/dashboard/budgets", { as: someone.as })).status).toBe(403);
  });
});
