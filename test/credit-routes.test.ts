import { describe, expect, it } from "vitest";
import { CONTRIBUTION_TYPES, DEFAULT_DIMENSIONS } from "../worker/domain/credit";
import {
  activitiesOf,
  call,
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
type Stage = "draft" | "open" | "funded" | "active" | "showcase" | "reviewed" | "withdrawn" | "archived";

/** An ISO date `n` days from today (negative: in the past). */
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Seats `personId` on the challenge's first slot straight in D1, as an accepted application would. */
async function seat(personId: string, challengeId: string, status: "active" | "pending_lend" | "released" = "active") {
  const slot = await env.DB.prepare("SELECT id FROM challenge_slots WHERE challenge_id = ? ORDER BY position LIMIT 1")
    .bind(challengeId)
    .first<{ id: string }>();
  await env.DB.prepare(
    `INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status, ended_at)
     VALUES (?, ?, ?, ?, 10, ?, ?)`,
  )
    .bind(
      `mem_cr_${crypto.randomUUID().slice(0, 12)}`,
      challengeId,
      slot?.id,
      personId,
      status,
      status === "released" ? new Date().toISOString() : null,
    )
    .run();
}

async function back(personId: string, challengeId: string) {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO backings (challenge_id, person_id) VALUES (?, ?)").bind(challengeId, personId),
    env.DB.prepare("UPDATE challenges SET backer_count = backer_count + 1 WHERE id = ?").bind(challengeId),
  ]);
}

/**
 * A challenge in `stage` led by Lia with Cole as co-lead and Ivo (whose manager is Mara) and Dee
 * as active members. Later stages are set in D1.
 */
async function team(stage: Stage = "active", overrides: Record<string, unknown> = {}) {
  const lead = await member({ name: "Lia Lead" });
  const coLead = await member({ name: "Cole Colead" });
  const manager = await member({ name: "Mara Manager", track: "management", level: "M2", discipline: "operations" });
  const ic = await member({ name: "Ivo Coder", managerId: manager.id, level: "IC5" });
  const designer = await member({ name: "Dee Signer", discipline: "design" });
  const id = await createChallenge(lead.as, overrides, stage !== "draft");
  for (const p of [coLead, ic, designer]) await seat(p.id, id);
  await setChallenge(id, { co_lead_id: coLead.id, ...(stage === "draft" || stage === "open" ? {} : { stage }) });
  const { results: kpis } = await env.DB.prepare(
    "SELECT id FROM challenge_kpis WHERE challenge_id = ? ORDER BY position",
  )
    .bind(id)
    .all<{ id: string }>();
  return { id, lead, coLead, manager, ic, designer, kpiId: kpis[0].id, kpiIds: kpis.map((k) => k.id) };
}

/** People around a challenge who are not its team: awaiting a lend, released, a backer, a stranger, an admin. */
async function outsiders(challengeId: string) {
  const pending = await member({ name: "Pat Pending" });
  const released = await member({ name: "Rae Released" });
  const backer = await member({ name: "Bo Backer" });
  const stranger = await member({ name: "Stan Stranger" });
  const admin = await member({ name: "Ada Admin", roles: ["admin"] });
  await seat(pending.id, challengeId, "pending_lend");
  await seat(released.id, challengeId, "released");
  await back(backer.id, challengeId);
  return { pending, released, backer, stranger, admin };
}

// ─── Calls ──────────────────────────────────────────────────────────────────────────────────

const record = (as: string, challengeId: string, body: unknown) =>
  callJson("POST", `/api/challenges/${challengeId}/contributions`, { as, body });

/** Records credit and asserts the 201; returns the record. */
async function recorded(
  by: Person,
  challengeId: string,
  personId: string,
  over: { type?: string; description?: string; hours?: number | null } = {},
) {
  const res = await record(by.as, challengeId, {
    personId,
    type: "software",
    description: "Rewrote the nightly rollup job",
    ...over,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const act = (as: string, contributionId: string, action: string, body?: unknown) =>
  callJson("POST", `/api/contributions/${contributionId}/${action}`, { as, body });

async function ok(res: Promise<{ status: number; body: any }>, status = 200) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

const addMilestone = (as: string, challengeId: string, body: unknown) =>
  callJson("POST", `/api/challenges/${challengeId}/milestones`, { as, body });
const patchMilestone = (as: string, id: string, body: unknown) =>
  callJson("PATCH", `/api/milestones/${id}`, { as, body });
const postUpdate = (as: string, challengeId: string, body: unknown) =>
  callJson("POST", `/api/challenges/${challengeId}/updates`, { as, body });
const portfolio = async (as: string, personId: string) =>
  ok(callJson("GET", `/api/people/${personId}/portfolio`, { as }));

async function packet(as: string, personId: string) {
  const res = await call("GET", `/api/people/${personId}/impact-packet.md`, { as });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text(), headers: res.headers };
}

/** Notifications about a challenge straight from D1. */
async function notificationsOf(challengeId: string, kind?: string) {
  const { results } = await env.DB.prepare(
    `SELECT recipient_id AS recipientId, kind, actor_id AS actorId, data FROM notifications
     WHERE challenge_id = ? ${kind ? "AND kind = ?" : ""} ORDER BY created_at, id`,
  )
    .bind(...(kind ? [challengeId, kind] : [challengeId]))
    .all<{ recipientId: string; kind: string; actorId: string | null; data: string }>();
  return results.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/** Reads every page of a paged list, asserting no item repeats. */
async function allPages(as: string, path: string, limit: number) {
  const ids: string[] = [];
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const url: string = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page = await ok(callJson("GET", url, { as }));
    expect(page.items.length).toBeLessThanOrEqual(limit);
    for (const item of page.items) {
      expect(ids).not.toContain(item.id);
      ids.push(item.id);
      items.push(item);
    }
    cursor = page.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(50);
  } while (cursor);
  return { items, pages };
}

const newestFirst = (items: { createdAt: string; id: string }[]) =>
  [...items].sort((a, b) =>
    a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : a.createdAt < b.createdAt ? 1 : -1,
  );

// ─── Without a session ──────────────────────────────────────────────────────────────────────

describe("without a session", () => {
  it("every progress and credit route answers 401", async () => {
    const routes: [string, string][] = [
      ["GET", "/api/challenges/ch_x/progress"],
      ["POST", "/api/challenges/ch_x/milestones"],
      ["PATCH", "/api/milestones/ms_x"],
      ["GET", "/api/challenges/ch_x/updates"],
      ["POST", "/api/challenges/ch_x/updates"],
      ["GET", "/api/challenges/ch_x/contributions"],
      ["POST", "/api/challenges/ch_x/contributions"],
      ["POST", "/api/contributions/cr_x/confirm"],
      ["POST", "/api/contributions/cr_x/decline"],
      ["POST", "/api/contributions/cr_x/endorsements"],
      ["POST", "/api/contributions/cr_x/retract"],
      ["POST", "/api/kudos"],
      ["GET", "/api/feed"],
      ["GET", "/api/people/p_x/portfolio"],
      ["GET", "/api/people/p_x/impact-packet.md"],
      ["GET", "/api/recognition"],
    ];
    for (const [method, path] of routes) {
      const res = await callJson(method, path, { body: method === "GET" ? undefined : { reason: "Because." } });
      expect(res.status, `${method} ${path}`).toBe(401);
      expectError(res, 401);
    }
  });
});

// ─── Progress and milestones ────────────────────────────────────────────────────────────────

describe("GET /api/challenges/:id/progress", () => {
  it("milestones by due date with overdue flags, and each KPI's check-ins in date order", async () => {
    const kpis = [
      { name: "Monthly batch spend", unit: "USD", direction: "down", baseline: 42000, target: 29400 },
      { name: "Jobs on the new runner", unit: "%", direction: "up", baseline: 0, target: 80 },
    ];
    const t = await team("active", { kpis });
    const [spend, jobs] = t.kpiIds;
    const first = await ok(
      postUpdate(t.ic.as, t.id, {
        body: "Week 3.",
        checkins: [
          { kpiId: spend, value: 40000, measuredOn: day(-3) },
          { kpiId: jobs, value: 10, measuredOn: day(-10) },
        ],
      }),
      201,
    );
    const second = await ok(
      postUpdate(t.lead.as, t.id, {
        body: "Catching up on older numbers.",
        checkins: [
          { kpiId: spend, value: 41500, measuredOn: day(-20) },
          { kpiId: spend, value: 39000, measuredOn: day(0) },
        ],
      }),
      201,
    );
    const late = await ok(addMilestone(t.lead.as, t.id, { title: "Baseline measured", dueOn: day(-5) }), 201);
    const future = await ok(addMilestone(t.lead.as, t.id, { title: "Pilot on two jobs", dueOn: day(20) }), 201);
    const done = await ok(addMilestone(t.lead.as, t.id, { title: "Access to billing", dueOn: day(-9) }), 201);
    const slipped = await ok(addMilestone(t.lead.as, t.id, { title: "Vendor quote", dueOn: day(-2) }), 201);
    await ok(patchMilestone(t.lead.as, done.id, { status: "done" }));
    await ok(patchMilestone(t.lead.as, slipped.id, { status: "slipped", slipReason: "The vendor is on holiday." }));

    const { stranger } = await outsiders(t.id);
    const progress = await ok(callJson("GET", `/api/challenges/${t.id}/progress`, { as: stranger.as }));
    expect(progress.milestones.map((m: any) => [m.id, m.status, m.overdue])).toEqual([
      [done.id, "done", false],
      [late.id, "planned", true],
      [slipped.id, "slipped", false],
      [future.id, "planned", false],
    ]);
    expect(progress.milestones[2].slipReason).toBe("The vendor is on holiday.");
    expect(progress.kpis.map((k: any) => [k.id, k.name, k.direction, k.baseline, k.target])).toEqual([
      [spend, "Monthly batch spend", "down", 42000, 29400],
      [jobs, "Jobs on the new runner", "up", 0, 80],
    ]);
    expect(progress.kpis[0].checkins).toEqual([
      { value: 41500, measuredOn: day(-20), updateId: second.id },
      { value: 40000, measuredOn: day(-3), updateId: first.id },
      { value: 39000, measuredOn: day(0), updateId: second.id },
    ]);
    expect(progress.kpis[1].checkins).toEqual([{ value: 10, measuredOn: day(-10), updateId: first.id }]);
  });

  it("is 404 on a draft to anyone but its leads; 404 for an unknown challenge", async () => {
    const t = await team("draft");
    const { stranger, admin } = await outsiders(t.id);
    for (const p of [stranger, admin, t.ic]) {
      expectError(await callJson("GET", `/api/challenges/${t.id}/progress`, { as: p.as }), 404, "not_found");
    }
    for (const p of [t.lead, t.coLead]) await ok(callJson("GET", `/api/challenges/${t.id}/progress`, { as: p.as }));
    expectError(await callJson("GET", "/api/challenges/ch_nope/progress", { as: t.lead.as }), 404);
  });
});

describe("POST /api/challenges/:id/milestones", () => {
  it("the lead, the co-lead and active members add milestones; each is recorded as activity", async () => {
    const t = await team();
    const ids = [];
    for (const p of [t.lead, t.coLead, t.ic]) {
      const res = await addMilestone(p.as, t.id, { title: `Milestone by ${p.id}`, dueOn: day(7) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
    const added = (await activitiesOf(t.id)).filter((a) => a.action === "milestone_added");
    expect(added.map((a) => a.detail.milestoneId)).toEqual(ids);
    expect(added.map((a) => a.actorId)).toEqual([t.lead.id, t.coLead.id, t.ic.id]);
  });

  it("refuses people awaiting a lend, released members, backers, strangers and admins (403)", async () => {
    const t = await team();
    const o = await outsiders(t.id);
    for (const p of [o.pending, o.released, o.backer, o.stranger, o.admin]) {
      expectError(await addMilestone(p.as, t.id, { title: "Sneak in", dueOn: day(3) }), 403, "forbidden");
    }
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM milestones WHERE challenge_id = ?")
      .bind(t.id)
      .first<{ n: number }>())!;
    expect(n).toBe(0);
  });

  it("only while open, funded or active: 409 on showcase, reviewed, withdrawn, archived and one's own draft", async () => {
    const t = await team("open");
    for (const stage of ["open", "funded", "active"]) {
      await setChallenge(t.id, { stage });
      await ok(addMilestone(t.ic.as, t.id, { title: `While ${stage}`, dueOn: day(5) }), 201);
    }
    for (const stage of ["showcase", "reviewed", "withdrawn", "archived"]) {
      await setChallenge(t.id, { stage });
      expectError(await addMilestone(t.ic.as, t.id, { title: "Too late", dueOn: day(5) }), 409, "invalid_stage");
    }
    const draft = await team("draft");
    for (const p of [draft.lead, draft.coLead]) {
      expectError(await addMilestone(p.as, draft.id, { title: "Too early", dueOn: day(5) }), 409, "invalid_stage");
    }
    expectError(await addMilestone(draft.ic.as, draft.id, { title: "Hidden", dueOn: day(5) }), 404, "not_found");
  });

  it("answers bad input with 400 naming the field, never a 500", async () => {
    const t = await team();
    expectInvalid(await addMilestone(t.lead.as, t.id, { title: "ab", dueOn: day(5) }), "title");
    expectInvalid(await addMilestone(t.lead.as, t.id, { title: "   ab   ", dueOn: day(5) }), "title");
    expectInvalid(await addMilestone(t.lead.as, t.id, { title: "x".repeat(201), dueOn: day(5) }), "title");
    expectInvalid(await addMilestone(t.lead.as, t.id, { title: "Real date", dueOn: "2027-02-30" }), "dueOn");
    expectInvalid(await addMilestone(t.lead.as, t.id, { title: "Real date", dueOn: "next week" }), "dueOn");
    expectInvalid(await addMilestone(t.lead.as, t.id, { title: "Real date", dueOn: "2027-01-31T10:00:00Z" }), "dueOn");
    expectInvalid(await addMilestone(t.lead.as, t.id, {}), "title", "dueOn");
    for (const body of JUNK_BODIES) expectInvalid(await addMilestone(t.lead.as, t.id, body));
  });
});

describe("PATCH /api/milestones/:id", () => {
  it("done: stamped and never overdue; a done milestone stays done (409) but may be renamed", async () => {
    const t = await team();
    const m = await ok(addMilestone(t.lead.as, t.id, { title: "Baseline measured", dueOn: day(-1) }), 201);
    const done = await ok(patchMilestone(t.ic.as, m.id, { status: "done" }));
    expect(done).toMatchObject({ id: m.id, status: "done", overdue: false, slipReason: "" });
    expect(Date.parse(done.doneAt)).toBeGreaterThan(Date.now() - 60_000);
    expectError(await patchMilestone(t.ic.as, m.id, { status: "planned" }), 409, "invalid_transition");
    expectError(
      await patchMilestone(t.ic.as, m.id, { status: "slipped", slipReason: "Second thoughts." }),
      409,
      "invalid_transition",
    );
    const renamed = await ok(patchMilestone(t.coLead.as, m.id, { title: "Baseline measured and shared" }));
    expect(renamed).toMatchObject({ status: "done", title: "Baseline measured and shared", doneAt: done.doneAt });
    const actions = (await activitiesOf(t.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["milestone_done", "milestone_edited"]));
  });

  it("a slip needs a reason (409 reason_missing); it tells the team, never the actor nor those off the team", async () => {
    const t = await team();
    const o = await outsiders(t.id);
    const m = await ok(addMilestone(t.lead.as, t.id, { title: "Pilot on two jobs", dueOn: day(-3) }), 201);
    expectError(await patchMilestone(t.ic.as, m.id, { status: "slipped" }), 409, "reason_missing");
    expectError(await patchMilestone(t.ic.as, m.id, { status: "slipped", slipReason: "   " }), 409, "reason_missing");
    expect(await notificationsOf(t.id, "milestone_slipped")).toEqual([]);

    const slipped = await ok(patchMilestone(t.ic.as, m.id, { status: "slipped", slipReason: "Billing export late." }));
    expect(slipped).toMatchObject({ status: "slipped", slipReason: "Billing export late.", overdue: false });
    const notes = await notificationsOf(t.id, "milestone_slipped");
    expect(notes.map((n) => n.recipientId).sort()).toEqual([t.lead.id, t.coLead.id, t.designer.id].sort());
    for (const n of notes) {
      expect(n.actorId).toBe(t.ic.id);
      expect(n.data).toMatchObject({ milestoneId: m.id, title: "Pilot on two jobs", reason: "Billing export late." });
    }
    for (const p of [t.ic, o.pending, o.released, o.backer, t.manager]) {
      expect(notes.map((n) => n.recipientId)).not.toContain(p.id);
    }
    const inbox = await ok(callJson("GET", "/api/inbox", { as: t.designer.as }));
    expect(inbox.items[0].message).toContain("Billing export late.");
    const slipActivity = (await activitiesOf(t.id)).find((a) => a.action === "milestone_slipped");
    expect(slipActivity).toMatchObject({ actorId: t.ic.id, detail: { reason: "Billing export late." } });

    // A new reason on a milestone already slipped is recorded, but the team is not told twice.
    await ok(patchMilestone(t.lead.as, m.id, { status: "slipped", slipReason: "Export late again." }));
    expect(await notificationsOf(t.id, "milestone_slipped")).toHaveLength(3);
  });

  it("re-plans a slipped milestone with a new date (the reason clears) and renames without touching the rest", async () => {
    const t = await team();
    const m = await ok(addMilestone(t.lead.as, t.id, { title: "Pilot", dueOn: day(-3) }), 201);
    await ok(patchMilestone(t.lead.as, m.id, { status: "slipped", slipReason: "Waiting on data." }));
    const replanned = await ok(patchMilestone(t.lead.as, m.id, { status: "planned", dueOn: day(14) }));
    expect(replanned).toMatchObject({
      status: "planned",
      dueOn: day(14),
      slipReason: "",
      doneAt: null,
      overdue: false,
    });
    const renamed = await ok(patchMilestone(t.designer.as, m.id, { title: "Pilot on two jobs" }));
    expect(renamed).toMatchObject({ title: "Pilot on two jobs", status: "planned", dueOn: day(14) });
    const moved = await ok(patchMilestone(t.designer.as, m.id, { dueOn: day(-1) }));
    expect(moved).toMatchObject({ status: "planned", dueOn: day(-1), overdue: true });
    const finished = await ok(patchMilestone(t.ic.as, m.id, { status: "done" }));
    expect(finished.overdue).toBe(false);
  });

  it("refuses people off the team (403), others' drafts and unknown milestones (404), stages past the work (409)", async () => {
    const t = await team();
    const o = await outsiders(t.id);
    const m = await ok(addMilestone(t.lead.as, t.id, { title: "Pilot", dueOn: day(3) }), 201);
    for (const p of [o.pending, o.released, o.backer, o.stranger, o.admin]) {
      expectError(await patchMilestone(p.as, m.id, { status: "done" }), 403, "forbidden");
    }
    expectError(await patchMilestone(t.lead.as, "ms_nope", { status: "done" }), 404, "not_found");
    for (const stage of ["showcase", "reviewed", "withdrawn"]) {
      await setChallenge(t.id, { stage });
      expectError(await patchMilestone(t.lead.as, m.id, { status: "done" }), 409, "invalid_stage");
    }
    const row = await env.DB.prepare("SELECT status FROM milestones WHERE id = ?")
      .bind(m.id)
      .first<{ status: string }>();
    expect(row?.status).toBe("planned");
  });

  it("answers bad input with 400 naming the field, never a 500", async () => {
    const t = await team();
    const m = await ok(addMilestone(t.lead.as, t.id, { title: "Pilot", dueOn: day(3) }), 201);
    expectInvalid(await patchMilestone(t.lead.as, m.id, {}), "body");
    expectInvalid(await patchMilestone(t.lead.as, m.id, { status: "cancelled" }), "status");
    expectInvalid(await patchMilestone(t.lead.as, m.id, { dueOn: "2027-13-01" }), "dueOn");
    expectInvalid(await patchMilestone(t.lead.as, m.id, { title: "ab" }), "title");
    expectInvalid(
      await patchMilestone(t.lead.as, m.id, { slipReason: "x".repeat(2001), status: "slipped" }),
      "slipReason",
    );
    for (const body of JUNK_BODIES) {
      const res = await patchMilestone(t.lead.as, m.id, body);
      // A junk body that happens to carry a valid title renames the milestone; anything else is a 400.
      if (res.status !== 200) expectInvalid(res);
    }
  });
});

// ─── Updates and the feed ───────────────────────────────────────────────────────────────────

describe("POST /api/challenges/:id/updates", () => {
  it("the team posts Markdown with KPI check-ins; the update names each KPI and its unit", async () => {
    const t = await team();
    for (const p of [t.lead, t.coLead, t.designer]) {
      const res = await postUpdate(p.as, t.id, {
        body: `**Progress** from ${p.id}`,
        checkins: [{ kpiId: t.kpiId, value: 39_500.5, measuredOn: day(-1) }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({
        challenge: { id: t.id },
        author: { id: p.id },
        body: `**Progress** from ${p.id}`,
        checkins: [
          { kpiId: t.kpiId, value: 39_500.5, measuredOn: day(-1), kpiName: "Monthly batch spend", unit: "USD" },
        ],
      });
    }
    const withoutCheckins = await ok(postUpdate(t.ic.as, t.id, { body: "Nothing measured this week." }), 201);
    expect(withoutCheckins.checkins).toEqual([]);
    const posted = (await activitiesOf(t.id)).filter((a) => a.action === "update_posted");
    expect(posted.map((a) => a.detail.checkins)).toEqual([1, 1, 1, 0]);
  });

  it("refuses people off the team (403), others' drafts (404), and stages past the work (409)", async () => {
    const t = await team();
    const o = await outsiders(t.id);
    for (const p of [o.pending, o.released, o.backer, o.stranger, o.admin]) {
      expectError(await postUpdate(p.as, t.id, { body: "Hello." }), 403, "forbidden");
    }
    for (const stage of ["showcase", "reviewed", "archived"]) {
      await setChallenge(t.id, { stage });
      expectError(await postUpdate(t.ic.as, t.id, { body: "Late news." }), 409, "invalid_stage");
    }
    const draft = await team("draft");
    expectError(await postUpdate(draft.ic.as, draft.id, { body: "Hello." }), 404, "not_found");
    expectError(await postUpdate(draft.lead.as, draft.id, { body: "Hello." }), 409, "invalid_stage");
    expect((await activitiesOf(t.id)).filter((a) => a.action === "update_posted")).toEqual([]);
  });

  it("check-ins name this challenge's KPIs and dates already measured (400 naming the check-in)", async () => {
    const t = await team();
    const other = await team();
    expectInvalid(
      await postUpdate(t.ic.as, t.id, {
        body: "Numbers.",
        checkins: [{ kpiId: other.kpiId, value: 1, measuredOn: day(-1) }],
      }),
      "checkins.0.kpiId",
    );
    const fields = expectInvalid(
      await postUpdate(t.ic.as, t.id, {
        body: "Numbers.",
        checkins: [
          { kpiId: t.kpiId, value: 1, measuredOn: day(0) },
          { kpiId: "kpi_nope", value: 2, measuredOn: day(1) },
        ],
      }),
      "checkins.1.kpiId",
      "checkins.1.measuredOn",
    );
    expect(Object.keys(fields)).not.toContain("checkins.0.measuredOn");
    expectInvalid(
      await postUpdate(t.ic.as, t.id, { body: "N.", checkins: [{ kpiId: t.kpiId, value: "12", measuredOn: day(0) }] }),
      "checkins.0.value",
    );
    expectInvalid(
      await postUpdate(t.ic.as, t.id, {
        body: "N.",
        checkins: [{ kpiId: t.kpiId, value: 1, measuredOn: "yesterday" }],
      }),
      "checkins.0.measuredOn",
    );
    expectInvalid(
      await postUpdate(t.ic.as, t.id, { body: "N.", checkins: [{ value: 1, measuredOn: day(0) }] }),
      "checkins.0.kpiId",
    );
    const many = Array.from({ length: 11 }, () => ({ kpiId: t.kpiId, value: 1, measuredOn: day(0) }));
    expectInvalid(await postUpdate(t.ic.as, t.id, { body: "Many.", checkins: many }), "checkins");
    // Nothing of a refused update was written.
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM updates WHERE challenge_id = ?")
      .bind(t.id)
      .first<{ n: number }>())!;
    expect(n).toBe(0);
  });

  it("an empty body is a 400 naming body; junk is never a 500", async () => {
    const t = await team();
    expectInvalid(await postUpdate(t.ic.as, t.id, { body: "" }), "body");
    expectInvalid(await postUpdate(t.ic.as, t.id, { body: "  \n\t " }), "body");
    expectInvalid(await postUpdate(t.ic.as, t.id, { checkins: [] }), "body");
    expectInvalid(await postUpdate(t.ic.as, t.id, { body: "x".repeat(20_001) }), "body");
    for (const body of JUNK_BODIES) expectInvalid(await postUpdate(t.ic.as, t.id, body));
  });
});

describe("GET /api/challenges/:id/updates", () => {
  it("newest first, paged to the end without repeats; anyone may read a published challenge's updates", async () => {
    const t = await team();
    const posted = [];
    for (let i = 0; i < 5; i++) posted.push(await ok(postUpdate(t.ic.as, t.id, { body: `Update ${i}` }), 201));
    const { stranger } = await outsiders(t.id);
    const { items, pages } = await allPages(stranger.as, `/api/challenges/${t.id}/updates`, 2);
    expect(pages).toBe(3);
    expect(items.map((u) => u.id).sort()).toEqual(posted.map((u) => u.id).sort());
    expect(items.map((u) => u.id)).toEqual(newestFirst(items).map((u) => u.id));
    const whole = await ok(callJson("GET", `/api/challenges/${t.id}/updates`, { as: stranger.as }));
    expect(whole.nextCursor).toBeNull();
    expect(whole.items.map((u: any) => u.id)).toEqual(items.map((u) => u.id));
  });

  it("400 on a cursor not of this list or a bad limit; 404 on others' drafts", async () => {
    const t = await team();
    expectInvalid(await callJson("GET", `/api/challenges/${t.id}/updates?cursor=nonsense`, { as: t.ic.as }), "cursor");
    expectInvalid(await callJson("GET", `/api/challenges/${t.id}/updates?limit=0`, { as: t.ic.as }), "limit");
    expectInvalid(await callJson("GET", `/api/challenges/${t.id}/updates?limit=101`, { as: t.ic.as }), "limit");
    const draft = await team("draft");
    expectError(await callJson("GET", `/api/challenges/${draft.id}/updates`, { as: draft.ic.as }), 404);
    await ok(callJson("GET", `/api/challenges/${draft.id}/updates`, { as: draft.coLead.as }));
    // A hidden challenge stays hidden whatever the query says: 404 before the cursor's 400.
    for (const list of ["updates", "contributions"]) {
      const res = await callJson("GET", `/api/challenges/${draft.id}/${list}?cursor=nonsense`, { as: draft.ic.as });
      expectError(res, 404);
    }
  });
});

describe("GET /api/feed", () => {
  it("updates of challenges I lead, co-lead, back or am on; newest first; paged to the end without repeats", async () => {
    const me = await member({ name: "Fay Follower" });
    const other = await member({ name: "Otto Other" });
    const mine = await createChallenge(me.as, { title: "Mine" }, true);
    // Titles name each relation, so the assertions below read as what they check.
    const ids: Record<string, string> = { mine };
    for (const name of ["coLed", "backed", "member", "released", "unrelated"]) {
      ids[name] = await createChallenge(other.as, { title: name }, true);
    }
    await setChallenge(ids.coLed, { co_lead_id: me.id });
    await back(me.id, ids.backed);
    await seat(me.id, ids.member);
    await seat(me.id, ids.released, "released");
    for (const id of Object.values(ids)) await setChallenge(id, { stage: "active" });

    const expected: string[] = [];
    for (const [name, id] of Object.entries(ids)) {
      for (let i = 0; i < 2; i++) {
        const author = name === "mine" ? me : other;
        const u = await ok(postUpdate(author.as, id, { body: `${name} ${i}` }), 201);
        if (!["released", "unrelated"].includes(name)) expected.push(u.id);
      }
    }
    const { items } = await allPages(me.as, "/api/feed", 3);
    expect(items.map((u) => u.id).sort()).toEqual(expected.sort());
    expect(items.map((u) => u.id)).toEqual(newestFirst(items).map((u) => u.id));
    expect(new Set(items.map((u) => u.challenge.title))).toEqual(new Set(["Mine", "coLed", "backed", "member"]));
    const own = items.find((u) => u.challenge.id === mine);
    expect(own).toMatchObject({ author: { id: me.id, name: "Fay Follower" }, challenge: { title: "Mine" } });

    const stranger = await member();
    expect(await ok(callJson("GET", "/api/feed", { as: stranger.as }))).toEqual({ items: [], nextCursor: null });
    expectInvalid(await callJson("GET", "/api/feed?cursor=%E2%9C%93", { as: me.as }), "cursor");
  });
});

// ─── Contributions ──────────────────────────────────────────────────────────────────────────

describe("POST /api/challenges/:id/contributions", () => {
  it("credit for oneself is confirmed at once and counts; nobody is asked to confirm it", async () => {
    const t = await team();
    const c = await recorded(t.ic, t.id, t.ic.id, { type: "software", hours: 6.5 });
    expect(c).toMatchObject({
      challenge: { id: t.id, stage: "active" },
      person: { id: t.ic.id, name: "Ivo Coder" },
      recordedBy: { id: t.ic.id },
      type: "software",
      hours: 6.5,
      status: "confirmed",
      counts: true,
      retractedBy: null,
      endorsements: [],
    });
    expect(c.confirmedAt).not.toBeNull();
    expect(await notificationsOf(t.id)).toEqual([]);
    const activity = (await activitiesOf(t.id)).filter((a) => a.action === "credit_recorded");
    expect(activity).toEqual([
      {
        action: "credit_recorded",
        actorId: t.ic.id,
        detail: { contributionId: c.id, personId: t.ic.id, type: "software" },
      },
    ]);
  });

  it("credit for a teammate is pending, does not count, and asks them (only them) to confirm", async () => {
    const t = await team();
    const c = await recorded(t.ic, t.id, t.designer.id, { type: "design", description: "Designed the dashboard" });
    expect(c).toMatchObject({ status: "pending", counts: false, confirmedAt: null, person: { id: t.designer.id } });
    const notes = await notificationsOf(t.id);
    expect(notes).toEqual([
      {
        recipientId: t.designer.id,
        kind: "credit_pending",
        actorId: t.ic.id,
        data: { contributionId: c.id, type: "design", description: "Designed the dashboard" },
      },
    ]);
    const inbox = await ok(callJson("GET", "/api/inbox", { as: t.designer.as }));
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0].message).toContain("Confirm it so it counts");
    expect((await portfolio(t.designer.as, t.designer.id)).totals).toMatchObject({ confirmed: 0, pending: 1 });
  });

  it("the lead and the co-lead record credit too, for themselves or the team", async () => {
    const t = await team();
    expect((await recorded(t.lead, t.id, t.ic.id)).status).toBe("pending");
    expect((await recorded(t.lead, t.id, t.lead.id)).status).toBe("confirmed");
    expect((await recorded(t.coLead, t.id, t.coLead.id)).status).toBe("confirmed");
    expect((await recorded(t.designer, t.id, t.lead.id)).status).toBe("pending");
    expect((await recorded(t.ic, t.id, t.coLead.id)).status).toBe("pending");
  });

  it("refuses recorders off the team (403): awaiting a lend, released, backers, strangers, admins", async () => {
    const t = await team();
    const o = await outsiders(t.id);
    for (const p of [o.pending, o.released, o.backer, o.stranger, o.admin]) {
      for (const personId of [p.id, t.ic.id]) {
        expectError(
          await record(p.as, t.id, { personId, type: "software", description: "Helped from outside" }),
          403,
          "forbidden",
        );
      }
    }
  });

  it("409 when crediting someone not on the team: awaiting a lend, released, a backer, a stranger, the manager", async () => {
    const t = await team();
    const o = await outsiders(t.id);
    for (const p of [o.pending, o.released, o.backer, o.stranger, t.manager]) {
      expectError(
        await record(t.lead.as, t.id, { personId: p.id, type: "resources", description: "Lent us a GPU box" }),
        409,
        "not_on_team",
      );
    }
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM contributions WHERE challenge_id = ?")
      .bind(t.id)
      .first<{ n: number }>())!;
    expect(n).toBe(0);
  });

  it("records on every stage with work behind it; 409 on one's own draft, withdrawn and archived; 404 on others' drafts", async () => {
    const t = await team();
    for (const stage of ["open", "funded", "active", "showcase", "reviewed"]) {
      await setChallenge(t.id, { stage });
      await recorded(t.ic, t.id, t.ic.id, { description: `Work while ${stage}` });
    }
    for (const stage of ["withdrawn", "archived"]) {
      await setChallenge(t.id, { stage });
      expectError(
        await record(t.ic.as, t.id, { personId: t.ic.id, type: "software", description: "Afterwards" }),
        409,
        "invalid_stage",
      );
    }
    const draft = await team("draft");
    expectError(
      await record(draft.lead.as, draft.id, {
        personId: draft.lead.id,
        type: "conceptualization",
        description: "The idea",
      }),
      409,
      "invalid_stage",
    );
    expectError(
      await record(draft.ic.as, draft.id, { personId: draft.ic.id, type: "software", description: "Early work" }),
      404,
      "not_found",
    );
  });

  it("answers bad input with 400 naming the field, never a 500", async () => {
    const t = await team();
    const base = { personId: t.ic.id, type: "software", description: "Rewrote the rollup job" };
    const bad: [Record<string, unknown>, string][] = [
      [{ ...base, type: "coding" }, "type"],
      [{ ...base, type: "Software" }, "type"],
      [{ ...base, type: "supervision/mentoring" }, "type"],
      [{ ...base, type: undefined }, "type"],
      [{ ...base, hours: 0 }, "hours"],
      [{ ...base, hours: -3 }, "hours"],
      [{ ...base, hours: 5001 }, "hours"],
      [{ ...base, hours: 1e308 }, "hours"],
      [{ ...base, hours: "12" }, "hours"],
      [{ ...base, description: "abcd" }, "description"],
      [{ ...base, description: "   ab    " }, "description"],
      [{ ...base, description: "x".repeat(2001) }, "description"],
      [{ ...base, description: undefined }, "description"],
      [{ ...base, personId: undefined }, "personId"],
      [{ ...base, personId: "" }, "personId"],
      [{ ...base, personId: "p_nobody" }, "personId"],
    ];
    for (const [body, field] of bad) expectInvalid(await record(t.ic.as, t.id, body), field);
    for (const body of JUNK_BODIES) expectInvalid(await record(t.ic.as, t.id, body));
    // Every type of the taxonomy is accepted; hours may be left out or null.
    for (const type of CONTRIBUTION_TYPES) await recorded(t.ic, t.id, t.ic.id, { type, hours: null });
    expect((await recorded(t.ic, t.id, t.ic.id, { hours: undefined })).hours).toBeNull();
  });
});

describe("POST /api/contributions/:id/confirm and /decline", () => {
  it("the credited person confirms: it counts, and the recorder is told (not the person)", async () => {
    const t = await team();
    const o = await outsiders(t.id);
    const c = await recorded(t.ic, t.id, t.designer.id, { type: "design", hours: 12 });
    for (const p of [t.ic, t.lead, t.coLead, o.stranger, o.admin]) {
      expectError(await act(p.as, c.id, "confirm"), 403, "forbidden");
    }
    const confirmed = await ok(act(t.designer.as, c.id, "confirm"));
    expect(confirmed).toMatchObject({ id: c.id, status: "confirmed", counts: true, endedAt: null });
    expect(Date.parse(confirmed.confirmedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await notificationsOf(t.id, "credit_confirmed")).toEqual([
      { recipientId: t.ic.id, kind: "credit_confirmed", actorId: t.designer.id, data: expect.any(Object) },
    ]);
    expectError(await act(t.designer.as, c.id, "confirm"), 409, "invalid_state");
    expectError(await act(t.designer.as, c.id, "decline", { reason: "Changed my mind." }), 409, "invalid_state");
    expect((await portfolio(t.designer.as, t.designer.id)).totals).toMatchObject({
      confirmed: 1,
      pending: 0,
      hours: 12,
    });
  });

  it("the credited person declines with a reason: it never counts, stays on record, and the recorder is told", async () => {
    const t = await team();
    const c = await recorded(t.lead, t.id, t.ic.id, { type: "writing", description: "Wrote the proposal" });
    expectError(await act(t.lead.as, c.id, "decline", { reason: "Not mine to decline." }), 403, "forbidden");
    const declined = await ok(act(t.ic.as, c.id, "decline", { reason: "Dee wrote most of it." }));
    expect(declined).toMatchObject({
      status: "declined",
      counts: false,
      declineReason: "Dee wrote most of it.",
      confirmedAt: null,
    });
    expect(declined.endedAt).not.toBeNull();
    const notes = await notificationsOf(t.id, "credit_declined");
    expect(notes).toEqual([
      {
        recipientId: t.lead.id,
        kind: "credit_declined",
        actorId: t.ic.id,
        data: { contributionId: c.id, type: "writing", reason: "Dee wrote most of it." },
      },
    ]);
    expectError(await act(t.ic.as, c.id, "confirm"), 409, "invalid_state");
    const list = await ok(callJson("GET", `/api/challenges/${t.id}/contributions`, { as: t.designer.as }));
    expect(list.items.map((x: any) => [x.id, x.status])).toEqual([[c.id, "declined"]]);
  });

  it("pages a challenge's credit records newest first to the end, without repeats", async () => {
    const t = await team();
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await recorded(t.ic, t.id, i % 2 ? t.designer.id : t.ic.id)).id);
    const { items, pages } = await allPages(t.designer.as, `/api/challenges/${t.id}/contributions`, 3);
    expect(pages).toBe(3);
    expect(items.map((x) => x.id)).toEqual([...made].reverse());
    expectInvalid(
      await callJson("GET", `/api/challenges/${t.id}/contributions?cursor=nope`, { as: t.ic.as }),
      "cursor",
    );
  });

  it("a portfolio and impact packet count every confirmed record, past a thousand of them", async () => {
    const t = await team();
    // 1,050 confirmed and 600 declined records, written straight to D1 (the routes would take minutes).
    const rows = (n: number, status: string, prefix: string) =>
      Array.from({ length: n }, (_, i) =>
        env.DB.prepare(
          `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status, confirmed_at, created_at)
           VALUES (?, ?, ?, ?, 'software', ?, ?, ?, ?)`,
        ).bind(
          `cr_${prefix}${String(i).padStart(5, "0")}`,
          t.id,
          t.designer.id,
          t.ic.id,
          `${prefix} record ${i}`,
          status,
          status === "confirmed" ? "2026-01-01T00:00:00.000Z" : null,
          new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        ),
      );
    const all = [...rows(1050, "confirmed", "ok"), ...rows(600, "declined", "no")];
    for (let i = 0; i < all.length; i += 100) await env.DB.batch(all.slice(i, i + 100));
    const p = await portfolio(t.designer.as, t.designer.id);
    expect(p.totals.confirmed).toBe(1050);
    expect(p.dimensions.reduce((n: number, d: { contributions: unknown[] }) => n + d.contributions.length, 0)).toBe(
      1050,
    );
    const md = await packet(t.designer.as, t.designer.id);
    expect(md.status).toBe(200);
    expect(md.text).toContain("ok record 0");
    expect(md.text).toContain("ok record 1049");
    expect(md.text).not.toContain("no record");
  });

  it("credit recorded for oneself is already confirmed: nothing to answer (409); unknown ids are 404", async () => {
    const t = await team();
    const c = await recorded(t.ic, t.id, t.ic.id);
    expectError(await act(t.ic.as, c.id, "confirm"), 409, "invalid_state");
    expectError(await act(t.ic.as, c.id, "decline", { reason: "Oops, wrong person." }), 409, "invalid_state");
    expectError(await act(t.ic.as, "cr_nope", "confirm"), 404, "not_found");
    // Confirm takes no body: whatever is sent, the answer is the same 409, never a 500.
    for (const body of JUNK_BODIES) expectError(await act(t.ic.as, c.id, "confirm", body), 409, "invalid_state");
    expectError(await act(t.ic.as, "cr_nope", "decline", { reason: "Nope nope." }), 404, "not_found");
  });

  it("a confirm and a decline at once: exactly one wins, and the recorder hears once", async () => {
    const t = await team();
    const c = await recorded(t.ic, t.id, t.designer.id);
    const results = await Promise.all([
      act(t.designer.as, c.id, "confirm"),
      act(t.designer.as, c.id, "decline", { reason: "Not me." }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const notes = await notificationsOf(t.id);
    expect(notes.filter((n) => n.kind !== "credit_pending")).toHaveLength(1);
  });

  it("a decline needs a reason: 400 naming reason, never a 500", async () => {
    const t = await team();
    const c = await recorded(t.ic, t.id, t.designer.id);
    for (const body of [{}, { reason: "" }, { reason: "ab" }, { reason: "   ab   " }, { reason: "x".repeat(2001) }]) {
      expectInvalid(await act(t.designer.as, c.id, "decline", body), "reason");
    }
    for (const body of JUNK_BODIES) expectInvalid(await act(t.designer.as, c.id, "decline", body));
    expect((await ok(callJson("GET", `/api/challenges/${t.id}/contributions`, { as: t.ic.as }))).items[0].status).toBe(
      "pending",
    );
  });
});

describe("POST /api/contributions/:id/endorsements", () => {
  it("teammates, the lead and the co-lead endorse once each; never the credited person; each endorsement tells them", async () => {
    const t = await team();
    const o = await outsiders(t.id);
    const c = await recorded(t.ic, t.id, t.ic.id);
    for (const p of [t.designer, t.lead, t.coLead]) {
      const res = await act(p.as, c.id, "endorsements", { note: `Saw it: ${p.id}` });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    expectError(await act(t.designer.as, c.id, "endorsements", { note: "Twice!" }), 409, "already_endorsed");
    expectError(await act(t.ic.as, c.id, "endorsements", { note: "I endorse me." }), 403, "forbidden");
    for (const p of [o.pending, o.released, o.backer, o.stranger, o.admin, t.manager]) {
      expectError(await act(p.as, c.id, "endorsements", { note: "From afar." }), 403, "forbidden");
    }
    const fresh = await ok(callJson("GET", `/api/challenges/${t.id}/contributions`, { as: t.ic.as }));
    expect(fresh.items[0].endorsements.map((e: any) => [e.endorser.id, e.note])).toEqual(
      [t.designer, t.lead, t.coLead].map((p) => [p.id, `Saw it: ${p.id}`]),
    );
    const notes = await notificationsOf(t.id, "endorsement");
    expect(notes.map((n) => [n.recipientId, n.actorId])).toEqual(
      [t.designer, t.lead, t.coLead].map((p) => [t.ic.id, p.id]),
    );
    expect((await activitiesOf(t.id)).filter((a) => a.action === "credit_endorsed")).toHaveLength(3);
  });

  it("only confirmed credit is endorsed: pending, declined and retracted are 409", async () => {
    const t = await team();
    const pending = await recorded(t.ic, t.id, t.designer.id);
    const declined = await recorded(t.ic, t.id, t.designer.id, { description: "Reviewed the dashboards" });
    await ok(act(t.designer.as, declined.id, "decline", { reason: "Did not do it." }));
    const retracted = await recorded(t.designer, t.id, t.designer.id);
    await ok(act(t.designer.as, retracted.id, "retract", { reason: "Double entry." }));
    for (const c of [pending, declined, retracted]) {
      expectError(await act(t.lead.as, c.id, "endorsements", { note: "Good work." }), 409, "invalid_state");
    }
    expect(await notificationsOf(t.id, "endorsement")).toEqual([]);
  });

  it("two endorsements by one person at once: exactly one is written", async () => {
    const t = await team();
    const c = await recorded(t.ic, t.id, t.ic.id);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => act(t.lead.as, c.id, "endorsements", { note: "Great job." })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM endorsements WHERE contribution_id = ?")
      .bind(c.id)
      .first<{ n: number }>())!;
    expect(n).toBe(1);
    expect(await notificationsOf(t.id, "endorsement")).toHaveLength(1);
  });

  it("a note is required: 400 naming note, never a 500; unknown credit is 404", async () => {
    const t = await team();
    const c = await recorded(t.ic, t.id, t.ic.id);
    for (const body of [
      {},
      { note: "" },
      { note: "ok" },
      { note: "  ok  " },
      { note: "x".repeat(2001) },
      { note: 5 },
    ]) {
      expectInvalid(await act(t.lead.as, c.id, "endorsements", body), "note");
    }
    for (const body of JUNK_BODIES) expectInvalid(await act(t.lead.as, c.id, "endorsements", body));
    expectError(await act(t.lead.as, "cr_nope", "endorsements", { note: "Great job." }), 404, "not_found");
  });
});

describe("POST /api/contributions/:id/retract", () => {
  it("the credited person, the recorder, the lead, the co-lead and an admin retract; the record stays, with who and why", async () => {
    const t = await team();
    const o = await outsiders(t.id);
    const cases: [Person, any][] = [
      [t.designer, await recorded(t.ic, t.id, t.designer.id)], // credited, pending
      [t.ic, await recorded(t.ic, t.id, t.designer.id)], // recorder, pending
      [t.lead, await recorded(t.designer, t.id, t.designer.id)], // lead, confirmed
      [t.coLead, await recorded(t.designer, t.id, t.designer.id)], // co-lead, confirmed
      [o.admin, await recorded(t.designer, t.id, t.designer.id)], // admin, confirmed
    ];
    for (const [who, c] of cases) {
      const res = await ok(act(who.as, c.id, "retract", { reason: `Retracted by ${who.id}` }));
      expect(res).toMatchObject({
        id: c.id,
        status: "retracted",
        counts: false,
        retractedBy: { id: who.id },
        retractReason: `Retracted by ${who.id}`,
      });
      expect(res.endedAt).not.toBeNull();
    }
    const list = await ok(callJson("GET", `/api/challenges/${t.id}/contributions`, { as: o.stranger.as }));
    expect(list.items).toHaveLength(5);
    expect(list.items.map((x: any) => x.id)).toEqual(newestFirst(list.items).map((x) => x.id));
    for (const item of list.items) {
      expect(item.status).toBe("retracted");
      expect(item.retractedBy.name.length).toBeGreaterThan(0);
    }
    const retracted = (await activitiesOf(t.id)).filter((a) => a.action === "credit_retracted");
    expect(retracted.map((a) => a.actorId)).toEqual(cases.map(([who]) => who.id));
    // Nothing was deleted.
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM contributions WHERE challenge_id = ?")
      .bind(t.id)
      .first<{ n: number }>())!;
    expect(n).toBe(5);
  });

  it("refuses everyone else (403): a teammate who neither recorded nor is credited, a backer, a stranger, the manager", async () => {
    const t = await team();
    const o = await outsiders(t.id);
    const c = await recorded(t.lead, t.id, t.ic.id);
    for (const p of [t.designer, o.pending, o.released, o.backer, o.stranger, t.manager]) {
      expectError(await act(p.as, c.id, "retract", { reason: "I don't like it." }), 403, "forbidden");
    }
  });

  it("cannot retract twice nor a declined record (409); retracted pending credit can no longer be confirmed", async () => {
    const t = await team();
    const c = await recorded(t.ic, t.id, t.designer.id);
    await ok(act(t.ic.as, c.id, "retract", { reason: "Wrong person." }));
    expectError(await act(t.ic.as, c.id, "retract", { reason: "Again." }), 409, "invalid_state");
    expectError(await act(t.designer.as, c.id, "confirm"), 409, "invalid_state");
    expectError(await act(t.designer.as, c.id, "decline", { reason: "Was not me." }), 409, "invalid_state");
    const d = await recorded(t.ic, t.id, t.designer.id);
    await ok(act(t.designer.as, d.id, "decline", { reason: "Was not me." }));
    expectError(await act(t.ic.as, d.id, "retract", { reason: "Cleaning up." }), 409, "invalid_state");
    const results = await Promise.all(
      [t.lead, t.coLead].map(async (p) =>
        act(p.as, (await recorded(t.ic, t.id, t.ic.id)).id, "retract", { reason: "x!!" }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const e = await recorded(t.ic, t.id, t.ic.id);
    const both = await Promise.all([
      act(t.lead.as, e.id, "retract", { reason: "Lead says." }),
      act(t.ic.as, e.id, "retract", { reason: "I say." }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("a reason is required: 400 naming reason, never a 500", async () => {
    const t = await team();
    const c = await recorded(t.ic, t.id, t.ic.id);
    for (const body of [{}, { reason: "" }, { reason: "no" }, { reason: "  no  " }, { reason: ["why"] }]) {
      expectInvalid(await act(t.ic.as, c.id, "retract", body), "reason");
    }
    for (const body of JUNK_BODIES) expectInvalid(await act(t.ic.as, c.id, "retract", body));
    expectError(await act(t.ic.as, "cr_nope", "retract", { reason: "Not there." }), 404, "not_found");
  });
});

// ─── Portfolio and impact packet ────────────────────────────────────────────────────────────

/**
 * Dee's credit on one challenge in every state: three confirmed (software 3 h, design 12 h with
 * two endorsements, mentoring without hours), one pending, one declined, one retracted after an
 * endorsement.
 */
async function deesCredit() {
  const t = await team();
  const d = t.designer;
  const sw = await recorded(d, t.id, d.id, { type: "software", description: "Built the cost explorer", hours: 3 });
  const design = await recorded(t.ic, t.id, d.id, { type: "design", description: "Designed the dashboard", hours: 12 });
  await ok(act(d.as, design.id, "confirm"));
  await ok(act(t.ic.as, design.id, "endorsements", { note: "The dashboard made the savings visible." }), 201);
  await ok(act(t.lead.as, design.id, "endorsements", { note: "Leadership loved it." }), 201);
  const mentoring = await recorded(t.lead, t.id, d.id, {
    type: "supervision_mentoring",
    description: "Mentored two interns",
    hours: null,
  });
  await ok(act(d.as, mentoring.id, "confirm"));
  const pending = await recorded(t.ic, t.id, d.id, { type: "data_curation", description: "Cleaned billing exports" });
  const declined = await recorded(t.lead, t.id, d.id, { type: "writing", description: "Wrote the launch memo" });
  await ok(act(d.as, declined.id, "decline", { reason: "Ivo wrote it." }));
  const retracted = await recorded(d, t.id, d.id, {
    type: "validation",
    description: "Validated the forecast",
    hours: 5,
  });
  await ok(act(t.lead.as, retracted.id, "endorsements", { note: "Solid checks." }), 201);
  await ok(act(d.as, retracted.id, "retract", { reason: "Recorded twice." }));
  return {
    t,
    confirmed: [sw, design, mentoring],
    notCounting: [pending, declined, retracted],
    ids: { sw, design, mentoring, pending, declined, retracted },
  };
}

describe("GET /api/people/:id/portfolio", () => {
  it("counts equal the confirmed records, after a decline and a retraction; records keep every state", async () => {
    const { t, confirmed, notCounting, ids } = await deesCredit();
    const { stranger } = await outsiders(t.id);
    const p = await portfolio(stranger.as, t.designer.id);
    expect(p.person).toMatchObject({ id: t.designer.id, name: "Dee Signer" });
    expect(p.totals).toEqual({ confirmed: 3, pending: 1, hours: 15, endorsements: 2, kudos: 0, lends: 0 });
    expect(p.byType).toEqual([
      { type: "software", count: 1 },
      { type: "design", count: 1 },
      { type: "supervision_mentoring", count: 1 },
    ]);
    expect(p.dimensions.map((d: any) => [d.id, d.contributions.map((c: any) => c.id).sort()])).toEqual([
      ["scope", []],
      ["collaborative_reach", []],
      ["impact_levers", [ids.sw.id, ids.design.id].sort()],
      ["mentoring", [ids.mentoring.id]],
    ]);
    const inDimensions = p.dimensions.flatMap((d: any) => d.contributions);
    expect(inDimensions.every((c: any) => c.status === "confirmed" && c.counts)).toBe(true);
    expect(inDimensions.length).toBe(p.totals.confirmed);
    expect(p.records.map((r: any) => r.id).sort()).toEqual([...confirmed, ...notCounting].map((c) => c.id).sort());
    const byId = new Map(p.records.map((r: any) => [r.id, r]));
    expect(byId.get(ids.declined.id)).toMatchObject({
      status: "declined",
      declineReason: "Ivo wrote it.",
      counts: false,
    });
    expect(byId.get(ids.retracted.id)).toMatchObject({
      status: "retracted",
      retractedBy: { id: t.designer.id, name: "Dee Signer" },
      retractReason: "Recorded twice.",
      counts: false,
    });
    // The retracted record keeps its endorsement on record, but it no longer counts.
    expect((byId.get(ids.retracted.id) as any).endorsements).toHaveLength(1);
    expect(p.challenges).toEqual([expect.objectContaining({ id: t.id, role: "member", stage: "active" })]);
    expect(p.viewer.canExportPacket).toBe(false);
  });

  it("a manager's approved lends count on their portfolio and packet; unknown people are 404", async () => {
    const t = await team();
    const seatRow = await env.DB.prepare("SELECT id FROM memberships WHERE challenge_id = ? AND person_id = ?")
      .bind(t.id, t.ic.id)
      .first<{ id: string }>();
    await env.DB.prepare(
      `INSERT INTO lend_requests (id, membership_id, challenge_id, person_id, manager_id, share_percent, status, decided_at)
       VALUES (?, ?, ?, ?, ?, 10, 'approved', ?)`,
    )
      .bind(
        `lend_cr_${crypto.randomUUID().slice(0, 8)}`,
        seatRow?.id,
        t.id,
        t.ic.id,
        t.manager.id,
        new Date().toISOString(),
      )
      .run();
    const mine = await portfolio(t.manager.as, t.manager.id);
    expect(mine.viewer.canExportPacket).toBe(true);
    expect(mine.totals).toMatchObject({ lends: 1, confirmed: 0 });
    expect(mine.lends).toEqual([
      expect.objectContaining({ person: { id: t.ic.id, name: "Ivo Coder" }, sharePercent: 10 }),
    ]);
    const text = (await packet(t.manager.as, t.manager.id)).text;
    expect(text).toContain("management track");
    expect(text).toContain(
      `  - Ivo Coder to [Cut batch analytics spend by 30%](http://localhost/challenges/${t.id}), 10%`,
    );
    expectError(await callJson("GET", "/api/people/p_nobody/portfolio", { as: t.ic.as }), 404, "not_found");
  });
});

describe("GET /api/people/:id/impact-packet.md", () => {
  it("holds each confirmed contribution with its evidence link, none pending, declined or retracted", async () => {
    const { t, confirmed, notCounting } = await deesCredit();
    const res = await packet(t.designer.as, t.designer.id);
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="impact-packet-dee-signer.md"');
    const text = res.text;
    expect(text.startsWith("# Impact packet: Dee Signer\n")).toBe(true);
    expect(text).toContain("3 confirmed contributions on 1 challenge;");
    for (const c of confirmed) {
      expect(text).toContain(c.description);
      expect(text).toContain(`http://localhost/challenges/${t.id}#credit-${c.id}`);
    }
    for (const c of notCounting) {
      expect(text).not.toContain(c.description);
      expect(text).not.toContain(c.id);
    }
    expect(text).toContain("Endorsed by Ivo Coder");
    expect(text).toContain("The dashboard made the savings visible.");
    expect(text).not.toContain("Solid checks.");
    expect(text).toContain(
      `- Member of [Cut batch analytics spend by 30%](http://localhost/challenges/${t.id}) — active`,
    );
  });

  it("only the person, their manager and admins export it: 403 for a teammate, the lead, a stranger", async () => {
    const t = await team();
    await recorded(t.ic, t.id, t.ic.id, { description: "Moved jobs to spot instances" });
    const o = await outsiders(t.id);
    for (const p of [t.ic, t.manager, o.admin]) {
      const res = await packet(p.as, t.ic.id);
      expect(res.status, p.id).toBe(200);
      expect(res.text).toContain("Moved jobs to spot instances");
      expect((await portfolio(p.as, t.ic.id)).viewer.canExportPacket).toBe(true);
    }
    for (const p of [t.designer, t.lead, t.coLead, o.stranger, o.backer]) {
      const res = await callJson("GET", `/api/people/${t.ic.id}/impact-packet.md`, { as: p.as });
      expectError(res, 403, "forbidden");
      expect((await portfolio(p.as, t.ic.id)).viewer.canExportPacket).toBe(false);
    }
    expectError(await callJson("GET", "/api/people/p_nobody/impact-packet.md", { as: o.admin.as }), 404, "not_found");
  });

  it("D1's default framework dimensions are the domain's defaults", async () => {
    const { results } = await env.DB.prepare(
      "SELECT id, name, description, contribution_types AS types FROM framework_dimensions ORDER BY position",
    ).all<{ id: string; name: string; description: string; types: string }>();
    expect(results.map((r) => ({ ...r, types: JSON.parse(r.types) }))).toEqual(
      DEFAULT_DIMENSIONS.map((d) => ({
        id: d.id,
        name: d.name,
        description: d.description,
        types: d.contributionTypes,
      })),
    );
  });

  it("follows the framework's dimensions in D1: a new dimension claiming a type takes its credit", async () => {
    const t = await team();
    const sw = await recorded(t.ic, t.id, t.ic.id, { type: "software", description: "Moved jobs to spot instances" });
    const inv = await recorded(t.ic, t.id, t.ic.id, { type: "investigation", description: "Profiled the worst jobs" });
    const section = (text: string, heading: string) => text.split(`\n## ${heading}\n`)[1]?.split("\n## ")[0] ?? "";
    const before = (await packet(t.ic.as, t.ic.id)).text;
    expect(section(before, "Impact levers")).toContain(`#credit-${sw.id}`);
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO framework_dimensions (id, name, description, position, contribution_types)
         VALUES ('craft', 'Technical craft', 'Depth in the work itself.', 0, '["software"]')`,
      ),
      env.DB.prepare("UPDATE framework_dimensions SET contribution_types = '[]' WHERE id = 'mentoring'"),
    ]);
    try {
      const text = (await packet(t.ic.as, t.ic.id)).text;
      const headings = text.split("\n").filter((l) => l.startsWith("## "));
      expect(headings).toEqual([
        "## Challenges",
        "## Technical craft",
        "## Scope",
        "## Collaborative reach",
        "## Impact levers",
        "## Mentoring",
        "## Review feedback and decisions",
        "## Kudos",
      ]);
      expect(section(text, "Technical craft")).toContain(`#credit-${sw.id}`);
      expect(section(text, "Technical craft")).toContain("_Depth in the work itself._");
      expect(section(text, "Impact levers")).not.toContain(`#credit-${sw.id}`);
      expect(section(text, "Impact levers")).toContain(`#credit-${inv.id}`);
      const p = await portfolio(t.ic.as, t.ic.id);
      expect(p.dimensions.map((d: any) => [d.id, d.contributions.length])).toEqual([
        ["craft", 1],
        ["scope", 0],
        ["collaborative_reach", 0],
        ["impact_levers", 1],
        ["mentoring", 0],
      ]);
    } finally {
      await env.DB.batch([
        env.DB.prepare("DELETE FROM framework_dimensions WHERE id = 'craft'"),
        env.DB.prepare(
          `UPDATE framework_dimensions SET contribution_types = '["supervision_mentoring"]' WHERE id = 'mentoring'`,
        ),
      ]);
    }
    expect(section((await packet(t.ic.as, t.ic.id)).text, "Impact levers")).toContain(`#credit-${sw.id}`);
  });

  it("user text cannot inject headings, links or HTML into the exported packet", async () => {
    const t = await team();
    const hostile = "# Title [x](javascript:alert(1)) <script>alert(1)</script>\r\r## Fake\r===";
    const c = await recorded(t.ic, t.id, t.ic.id, { description: hostile });
    await ok(act(t.lead.as, c.id, "endorsements", { note: "<img src=x onerror=alert(1)> [y](javascript:void)" }), 201);
    const text = (await packet(t.ic.as, t.ic.id)).text;
    expect(text).not.toContain("<script");
    expect(text).not.toContain("<img");
    expect(text).not.toContain("\r");
    expect(text).not.toContain("[x](");
    expect(text).not.toMatch(/[^\\]\]\(javascript:/);
    expect(text.split("\n").filter((l) => /^#{1,6} /.test(l))).toEqual([
      "# Impact packet: Ivo Coder",
      "## Challenges",
      ...DEFAULT_DIMENSIONS.map((d) => `## ${d.name}`),
      "## Review feedback and decisions",
      "## Kudos",
    ]);
    expect(text).toContain("\\# Title \\[x\\](javascript:alert(1)) &lt;script&gt;");
  });
});

// ─── Kudos ──────────────────────────────────────────────────────────────────────────────────

describe("POST /api/kudos", () => {
  it("anyone thanks anyone else on a published challenge; it shows on both profiles and tells the recipient", async () => {
    const t = await team();
    const { stranger } = await outsiders(t.id);
    const res = await callJson("POST", "/api/kudos", {
      as: stranger.as,
      body: { challengeId: t.id, toId: t.designer.id, message: "  The dashboard is lovely.  " },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      challenge: { id: t.id, title: "Cut batch analytics spend by 30%" },
      from: { id: stranger.id, name: "Stan Stranger" },
      to: { id: t.designer.id, name: "Dee Signer" },
      message: "The dashboard is lovely.",
    });
    const received = await portfolio(t.ic.as, t.designer.id);
    expect(received.kudosReceived.map((k: any) => k.id)).toEqual([res.body.id]);
    expect(received.totals.kudos).toBe(1);
    const given = await portfolio(t.ic.as, stranger.id);
    expect(given.kudosGiven.map((k: any) => k.id)).toEqual([res.body.id]);
    expect(given.kudosReceived).toEqual([]);
    expect(await notificationsOf(t.id, "kudos")).toEqual([
      {
        recipientId: t.designer.id,
        kind: "kudos",
        actorId: stranger.id,
        data: { kudosId: res.body.id, message: "The dashboard is lovely." },
      },
    ]);
    expect((await packet(t.designer.as, t.designer.id)).text).toContain("“The dashboard is lovely.”");
    // Kudos on an open challenge, to a lead, from a member.
    await setChallenge(t.id, { stage: "open" });
    await ok(
      callJson("POST", "/api/kudos", { as: t.ic.as, body: { challengeId: t.id, toId: t.lead.id, message: "Thanks!" } }),
      201,
    );
  });

  it("409 on a draft of mine, 404 on someone else's draft or an unknown challenge", async () => {
    const t = await team("draft");
    const { stranger } = await outsiders(t.id);
    const body = { challengeId: t.id, toId: t.ic.id, message: "Thanks for the idea." };
    expectError(await callJson("POST", "/api/kudos", { as: t.lead.as, body }), 409, "invalid_stage");
    expectError(await callJson("POST", "/api/kudos", { as: t.coLead.as, body }), 409, "invalid_stage");
    expectError(await callJson("POST", "/api/kudos", { as: stranger.as, body }), 404, "not_found");
    expectError(
      await callJson("POST", "/api/kudos", { as: stranger.as, body: { ...body, challengeId: "ch_nope" } }),
      404,
      "not_found",
    );
    expect(await notificationsOf(t.id, "kudos")).toEqual([]);
  });

  it("not to oneself, nor to nobody (400 toId); bad input is 400 naming the field, never a 500", async () => {
    const t = await team();
    const inactive = await seedPerson({ name: "Gone Person", active: false });
    const k = (body: unknown) => callJson("POST", "/api/kudos", { as: t.ic.as, body });
    expectInvalid(await k({ challengeId: t.id, toId: t.ic.id, message: "Go me!" }), "toId");
    expectInvalid(await k({ challengeId: t.id, toId: "p_nobody", message: "Thanks!" }), "toId");
    expectInvalid(await k({ challengeId: t.id, toId: inactive.id, message: "Thanks!" }), "toId");
    expectInvalid(await k({ challengeId: t.id, toId: t.lead.id, message: "ty" }), "message");
    expectInvalid(await k({ challengeId: t.id, toId: t.lead.id, message: "x".repeat(1001) }), "message");
    expectInvalid(await k({ toId: t.lead.id, message: "Thanks!" }), "challengeId");
    expectInvalid(await k({ challengeId: t.id, message: "Thanks!" }), "toId");
    for (const body of JUNK_BODIES) expectInvalid(await k(body));
    expect(await notificationsOf(t.id, "kudos")).toEqual([]);
  });
});

// ─── Recognition board ──────────────────────────────────────────────────────────────────────

/** Moves a credit record's confirmation into the past, to place it in a quarter of our choosing. */
async function confirmedOn(contributionId: string, iso: string) {
  await env.DB.prepare("UPDATE contributions SET confirmed_at = ? WHERE id = ?").bind(iso, contributionId).run();
}

describe("GET /api/recognition", () => {
  it("counts confirmed credit confirmed in the quarter; pending, declined and retracted never count; tracks apart", async () => {
    const t = await team();
    const q = "2019-05-10T12:00:00.000Z"; // 2019-Q2
    const ic1 = await recorded(t.ic, t.id, t.ic.id, { hours: 4 });
    const ic2 = await recorded(t.ic, t.id, t.ic.id, { type: "investigation", hours: 2.5 });
    const ic3 = await recorded(t.ic, t.id, t.ic.id, { type: "writing" });
    await ok(act(t.lead.as, ic1.id, "endorsements", { note: "Nice work." }), 201);
    const dee = await recorded(t.ic, t.id, t.designer.id, { type: "design", hours: 8 });
    await ok(act(t.designer.as, dee.id, "confirm"));
    const lead1 = await recorded(t.lead, t.id, t.lead.id, { type: "conceptualization" });
    // Not counting: pending, declined, retracted after confirming, and confirmed in another quarter.
    await recorded(t.ic, t.id, t.lead.id);
    const declined = await recorded(t.ic, t.id, t.designer.id);
    await ok(act(t.designer.as, declined.id, "decline", { reason: "Not mine." }));
    const retracted = await recorded(t.designer, t.id, t.designer.id, { hours: 100 });
    await ok(act(t.designer.as, retracted.id, "retract", { reason: "Double entry." }));
    const later = await recorded(t.designer, t.id, t.designer.id);
    // The manager joins the team so the management track has someone.
    await seat(t.manager.id, t.id);
    const mgr = await recorded(t.manager, t.id, t.manager.id, { type: "supervision_mentoring", hours: 1 });
    for (const c of [ic1, ic2, ic3, dee, lead1, retracted, mgr]) await confirmedOn(c.id, q);
    await confirmedOn(later.id, "2019-07-01T00:00:00.000Z");

    const board = await ok(callJson("GET", "/api/recognition?quarter=2019-Q2", { as: t.ic.as }));
    expect(board.quarter).toBe("2019-Q2");
    expect(board.ic.map((r: any) => [r.person.id, r.credits, r.hours, r.challenges, r.endorsements])).toEqual([
      [t.ic.id, 3, 6.5, 1, 1],
      [t.designer.id, 1, 8, 1, 0],
      [t.lead.id, 1, 0, 1, 0],
    ]);
    expect(board.management.map((r: any) => [r.person.id, r.credits, r.hours])).toEqual([[t.manager.id, 1, 1]]);
    expect(board.ic[0].person).toMatchObject({ name: "Ivo Coder", disciplineId: "engineering", levelId: "IC5" });

    const q3 = await ok(callJson("GET", "/api/recognition?quarter=2019-Q3", { as: t.ic.as }));
    expect(q3.ic.map((r: any) => [r.person.id, r.credits])).toEqual([[t.designer.id, 1]]);
    expect(q3.management).toEqual([]);
  });

  it("filters by discipline, level and track; a bad quarter or filter is a 400", async () => {
    const t = await team();
    await seat(t.manager.id, t.id);
    const q = "2018-02-01T00:00:00.000Z"; // 2018-Q1
    for (const p of [t.ic, t.designer, t.lead, t.manager]) {
      await confirmedOn((await recorded(p, t.id, p.id)).id, q);
    }
    const get = (query: string) => callJson("GET", `/api/recognition?quarter=2018-Q1${query}`, { as: t.lead.as });
    const ids = (rows: any[]) => rows.map((r) => r.person.id).sort();
    const design = await ok(get("&discipline=design"));
    expect([ids(design.ic), ids(design.management)]).toEqual([[t.designer.id], []]);
    const ic5 = await ok(get("&level=IC5"));
    expect([ids(ic5.ic), ids(ic5.management)]).toEqual([[t.ic.id], []]);
    const m2 = await ok(get("&level=M2"));
    expect([ids(m2.ic), ids(m2.management)]).toEqual([[], [t.manager.id]]);
    const icOnly = await ok(get("&track=ic"));
    expect([ids(icOnly.ic), icOnly.management]).toEqual([[t.ic.id, t.designer.id, t.lead.id].sort(), []]);
    const mgmtOnly = await ok(get("&track=management"));
    expect([mgmtOnly.ic, ids(mgmtOnly.management)]).toEqual([[], [t.manager.id]]);
    const limited = await ok(get("&limit=1"));
    expect(limited.ic).toHaveLength(1);

    for (const quarter of ["2019-Q5", "2019Q1", "Q1-2019", "2019-Q0", "now"]) {
      expectInvalid(await callJson("GET", `/api/recognition?quarter=${quarter}`, { as: t.lead.as }), "quarter");
    }
    expectInvalid(await callJson("GET", "/api/recognition?track=exec", { as: t.lead.as }), "track");
    expectInvalid(await callJson("GET", "/api/recognition?limit=0", { as: t.lead.as }), "limit");
    expectInvalid(await callJson("GET", "/api/recognition?limit=51", { as: t.lead.as }), "limit");
    // A decided challenge leads the recent outcomes, and the decision shows on its members' portfolios.
    await setChallenge(t.id, { stage: "reviewed", stage_changed_at: "2999-01-01T00:00:00.000Z" });
    await env.DB.prepare(
      "INSERT INTO activities (id, challenge_id, actor_id, action, detail) VALUES (?, ?, ?, 'decided', ?)",
    )
      .bind(`act_cr_${crypto.randomUUID().slice(0, 8)}`, t.id, t.lead.id, JSON.stringify({ decision: "scale" }))
      .run();
    const board = await ok(get(""));
    expect(board.outcomes[0]).toMatchObject({ id: t.id, stage: "reviewed", outcome: "scale", leadName: "Lia Lead" });
    const dee = await portfolio(t.ic.as, t.designer.id);
    expect(dee.challenges).toEqual([expect.objectContaining({ id: t.id, role: "member", outcome: "scale" })]);
    const current = await ok(callJson("GET", "/api/recognition", { as: t.lead.as }));
    const now = new Date();
    expect(current.quarter).toBe(`${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`);
  });
});

// ─── Drafts, across every challenge-scoped route ────────────────────────────────────────────

describe("drafts", () => {
  it("every challenge-scoped route is 404 to all but the lead and co-lead", async () => {
    const t = await team("draft");
    const o = await outsiders(t.id);
    // A milestone and a credit record on the draft, as if written before (no route writes them on a draft).
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO milestones (id, challenge_id, title, due_on, created_by_id) VALUES ('ms_draft_1', ?, 'Plan', ?, ?)",
      ).bind(t.id, day(5), t.lead.id),
      env.DB.prepare(
        `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status, confirmed_at)
         VALUES ('cr_draft_1', ?, ?, ?, 'software', 'Early work', 'confirmed', ?)`,
      ).bind(t.id, t.ic.id, t.ic.id, new Date().toISOString()),
      env.DB.prepare(
        `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status)
         VALUES ('cr_draft_2', ?, ?, ?, 'design', 'Early sketches', 'pending')`,
      ).bind(t.id, t.designer.id, t.ic.id),
    ]);
    const routes: [string, string, unknown][] = [
      ["GET", `/api/challenges/${t.id}/progress`, undefined],
      ["POST", `/api/challenges/${t.id}/milestones`, { title: "Hidden", dueOn: day(3) }],
      ["PATCH", "/api/milestones/ms_draft_1", { status: "done" }],
      ["GET", `/api/challenges/${t.id}/updates`, undefined],
      ["POST", `/api/challenges/${t.id}/updates`, { body: "Hidden." }],
      ["GET", `/api/challenges/${t.id}/contributions`, undefined],
      [
        "POST",
        `/api/challenges/${t.id}/contributions`,
        { personId: t.ic.id, type: "software", description: "Hidden work" },
      ],
      ["POST", "/api/contributions/cr_draft_2/confirm", undefined],
      ["POST", "/api/contributions/cr_draft_2/decline", { reason: "Hidden." }],
      ["POST", "/api/contributions/cr_draft_1/endorsements", { note: "Hidden." }],
      ["POST", "/api/contributions/cr_draft_1/retract", { reason: "Hidden." }],
      ["POST", "/api/kudos", { challengeId: t.id, toId: t.lead.id, message: "Hidden thanks." }],
    ];
    // The members seated on it, and the person credited, cannot see it either: only the leads can.
    for (const p of [t.ic, t.designer, o.pending, o.backer, o.stranger, o.admin]) {
      for (const [method, path, body] of routes) {
        const res = await callJson(method, path, { as: p.as, body });
        expect(res.status, `${p.id} ${method} ${path}`).toBe(404);
        expectError(res, 404, "not_found");
      }
    }
    for (const p of [t.lead, t.coLead]) {
      for (const [method, path, body] of routes) {
        const res = await callJson(method, path, { as: p.as, body });
        expect(res.status, `${p.id} ${method} ${path}`).not.toBe(404);
        expect(res.status).toBeLessThan(500);
      }
    }
  });
});
