import { describe, expect, it } from "vitest";
import {
  activitiesOf,
  call,
  callJson,
  challengeBody,
  createChallenge,
  env,
  expectError,
  expectInvalid,
  JUNK_BODIES,
  member,
  seatMembers,
  setChallenge,
} from "./helpers";

const long = (n: number) => "x".repeat(n);
const kpi = (overrides: Record<string, unknown> = {}) => ({
  name: "Latency",
  unit: "ms",
  direction: "down",
  baseline: 900,
  target: 300,
  ...overrides,
});
const slot = (overrides: Record<string, unknown> = {}) => ({
  discipline: "engineering",
  count: 1,
  skills: [],
  commitmentPercent: 20,
  required: false,
  ...overrides,
});

/** A challenge created (and published) by a fresh lead; returns the lead and the id. */
async function withChallenge(overrides: Record<string, unknown> = {}, publish = true) {
  const lead = await member();
  const id = await createChallenge(lead.as, overrides, publish);
  return { lead, id };
}

const transition = (id: string, as: string, action: string) =>
  callJson("POST", `/api/challenges/${id}/transitions`, { as, body: { action } });

/**
 * Bad §4 bodies and the field each must be refused on. Shared by POST (whole body) and PATCH
 * (the same fields, alone).
 */
const BAD_FIELDS: [string, Record<string, unknown>, string][] = [
  ["a title under 3 characters", { title: "ab" }, "title"],
  ["a blank title", { title: "     " }, "title"],
  ["a title over 120 characters", { title: long(121) }, "title"],
  ["a summary over 280 characters", { summary: long(281) }, "summary"],
  ["a problem over 20000 characters", { problem: long(20_001) }, "problem"],
  ["whyItMatters over 20000 characters", { whyItMatters: long(20_001) }, "whyItMatters"],
  ["assistanceNeeded over 20000 characters", { assistanceNeeded: long(20_001) }, "assistanceNeeded"],
  ["fundingBreakdown over 20000 characters", { fundingBreakdown: long(20_001) }, "fundingBreakdown"],
  [
    "constraints over 20000 characters",
    { boundaries: { constraints: long(20_001), outOfScope: "" } },
    "boundaries.constraints",
  ],
  ["a down KPI whose target is above its baseline", { kpis: [kpi({ target: 1000 })] }, "kpis.0.target"],
  [
    "an up KPI whose target equals its baseline",
    { kpis: [kpi(), kpi({ direction: "up", baseline: 5, target: 5 })] },
    "kpis.1.target",
  ],
  ["a KPI with an unknown direction", { kpis: [kpi({ direction: "sideways" })] }, "kpis.0.direction"],
  ["a KPI without a name", { kpis: [kpi({ name: " " })] }, "kpis.0.name"],
  ["a KPI with a text baseline", { kpis: [kpi({ baseline: "900" })] }, "kpis.0.baseline"],
  ["more than 10 KPIs", { kpis: Array.from({ length: 11 }, () => kpi()) }, "kpis"],
  ["more than 20 slots", { slots: Array.from({ length: 21 }, () => slot()) }, "slots"],
  ["a slot count of 0", { slots: [slot({ count: 0 })] }, "slots.0.count"],
  ["a commitment over 100%", { slots: [slot({ commitmentPercent: 101 })] }, "slots.0.commitmentPercent"],
  ["more than 10 tags", { tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }, "tags"],
  ["an empty tag", { tags: ["ok", "  "] }, "tags.1"],
  ["a tag with punctuation", { tags: ["cost!"] }, "tags.0"],
  ["a negative fundingAsk", { fundingAsk: -1 }, "fundingAsk"],
  ["a fractional fundingAsk", { fundingAsk: 10.5 }, "fundingAsk"],
  ["a huge fundingAsk", { fundingAsk: 1e20 }, "fundingAsk"],
  ["a fundingAsk sent as a string", { fundingAsk: "2500000" }, "fundingAsk"],
  ["horizonWeeks of 0", { horizonWeeks: 0 }, "horizonWeeks"],
  ["horizonWeeks of 105", { horizonWeeks: 105 }, "horizonWeeks"],
  ["fractional horizonWeeks", { horizonWeeks: 2.5 }, "horizonWeeks"],
];

describe("POST /api/challenges", () => {
  it("creates a draft that echoes the §4 body, with a `created` activity", async () => {
    const lead = await member();
    const body = challengeBody();
    const res = await callJson("POST", "/api/challenges", { as: lead.as, body });
    expect(res.status).toBe(201);
    const ch = res.body;
    expect(ch.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(ch).toMatchObject({
      title: body.title,
      summary: body.summary,
      problem: body.problem,
      whyItMatters: body.whyItMatters,
      boundaries: body.boundaries,
      assistanceNeeded: body.assistanceNeeded,
      horizonWeeks: 10,
      fundingAsk: 2500000,
      currency: "USD",
      fundingBreakdown: body.fundingBreakdown,
      tags: ["cost", "data-platform"],
      stage: "draft",
      cycle: 1,
      lead: { id: lead.id },
      coLead: null,
      backerCount: 0,
      commentCount: 0,
      backedByMe: false,
      publishedAt: null,
      viewer: {
        isLead: true,
        isCoLead: false,
        canEdit: true,
        canParticipate: false,
        canBack: false,
        missingForPublish: [],
      },
    });
    expect(ch.kpis).toEqual([{ id: expect.any(String), ...body.kpis[0] }]);
    expect(ch.slots).toEqual([
      { id: expect.any(String), ...body.slots[0], filled: 0, activeMembers: 0, open: 1, status: "open" },
    ]);
    expect(ch.viewer.actions.sort()).toEqual(["publish", "withdraw"]);
    expect(new Date(ch.createdAt).toISOString()).toBe(ch.createdAt);

    const activity = await activitiesOf(ch.id);
    expect(activity).toEqual([{ action: "created", actorId: lead.id, detail: { title: body.title } }]);
  });

  it("normalises tags and skills: lower-case, spaces to dashes, duplicates removed", async () => {
    const { as } = await member();
    const res = await callJson("POST", "/api/challenges", {
      as,
      body: challengeBody({
        tags: ["Cost", "cost", " COST ", "Data Platform", "data-platform", "c++"],
        slots: [slot({ skills: ["Spark", "spark", "SQL"] })],
      }),
    });
    expect(res.status).toBe(201);
    expect([...res.body.tags].sort()).toEqual(["c++", "cost", "data-platform"]);
    expect(res.body.slots[0].skills).toEqual(["spark", "sql"]);
    const { results } = await env.DB.prepare("SELECT tag FROM challenge_tags WHERE challenge_id = ? ORDER BY tag")
      .bind(res.body.id)
      .all<{ tag: string }>();
    expect(results.map((r) => r.tag)).toEqual(["c++", "cost", "data-platform"]);
  });

  it("saves a draft from a title alone, listing what publishing still needs", async () => {
    const { as } = await member();
    const res = await callJson("POST", "/api/challenges", { as, body: { title: "Just an idea" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: "Just an idea",
      summary: "",
      kpis: [],
      slots: [],
      tags: [],
      horizonWeeks: null,
      fundingAsk: null,
      boundaries: { constraints: "", outOfScope: "" },
    });
    expect(res.body.viewer.missingForPublish).toEqual([
      "summary",
      "problem",
      "kpis",
      "boundaries.constraints",
      "horizonWeeks",
      "fundingAsk",
    ]);
    expect(res.body.viewer.actions).toEqual(["withdraw"]);
  });

  it("accepts the limits themselves: 280-character summary, 20000-character Markdown, 10 KPIs, 20 slots, 10 tags", async () => {
    const { as } = await member();
    const res = await callJson("POST", "/api/challenges", {
      as,
      body: challengeBody({
        title: long(120),
        summary: long(280),
        problem: long(20_000),
        kpis: Array.from({ length: 10 }, () => kpi()),
        slots: Array.from({ length: 20 }, () => slot()),
        tags: Array.from({ length: 10 }, (_, i) => `t${i}`),
        horizonWeeks: 104,
        fundingAsk: 0,
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body.kpis).toHaveLength(10);
    expect(res.body.slots).toHaveLength(20);
    expect(res.body.tags).toHaveLength(10);
    expect(res.body.fundingAsk).toBe(0);
  });

  it("is 401 without a session", async () => {
    const res = await callJson("POST", "/api/challenges", { body: challengeBody() });
    expectError(res, 401, "unauthenticated");
  });

  it.each(BAD_FIELDS)("refuses %s (400 naming the field)", async (_label, overrides, field) => {
    const { as } = await member();
    const before = await env.DB.prepare("SELECT count(*) AS n FROM challenges").first<number>("n");
    const res = await callJson("POST", "/api/challenges", { as, body: challengeBody(overrides) });
    expectInvalid(res, field);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM challenges").first<number>("n")).toBe(before);
  });

  it("refuses a body without a title", async () => {
    const { as } = await member();
    const { title: _title, ...body } = challengeBody();
    expectInvalid(await callJson("POST", "/api/challenges", { as, body }), "title");
  });

  it("names every bad field at once", async () => {
    const { as } = await member();
    const res = await callJson("POST", "/api/challenges", {
      as,
      body: challengeBody({
        title: "",
        summary: long(281),
        horizonWeeks: 0,
        fundingAsk: -5,
        kpis: [kpi({ target: 901 })],
      }),
    });
    const fields = expectInvalid(res, "title", "summary", "horizonWeeks", "fundingAsk", "kpis.0.target");
    for (const message of Object.values(fields)) expect(message).toBeTypeOf("string");
  });

  it("refuses a slot discipline that is not in the admin-managed list, naming each slot", async () => {
    const { as } = await member();
    const res = await callJson("POST", "/api/challenges", {
      as,
      body: challengeBody({ slots: [slot({ discipline: "astrology" }), slot(), slot({ discipline: "alchemy" })] }),
    });
    const fields = expectInvalid(res, "slots.0.discipline", "slots.2.discipline");
    expect(fields).not.toHaveProperty(["slots.1.discipline"]);
  });

  it("answers a malformed JSON body as validation_failed naming the body", async () => {
    const { as } = await member();
    const res = await callJson("POST", "/api/challenges", { as, body: '{"title": "Broken",' });
    expectInvalid(res, "body");
  });

  it("a malformed JSON body is a 400 in the error shape (not a 500)", async () => {
    const { as } = await member();
    expectError(await callJson("POST", "/api/challenges", { as, body: '{"title": "Broken",' }), 400);
  });

  it("never answers junk with a 500", async () => {
    const { as } = await member();
    for (const body of JUNK_BODIES) {
      const res = await callJson("POST", "/api/challenges", { as, body });
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      if (res.status >= 400) expectError(res, res.status);
    }
  });
});

describe("GET /api/challenges/:id", () => {
  it("shows a published challenge to any member, with what they may do", async () => {
    const { id } = await withChallenge();
    const other = await member();
    const res = await callJson("GET", `/api/challenges/${id}`, { as: other.as });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, stage: "open", backedByMe: false });
    expect(res.body.publishedAt).toEqual(expect.any(String));
    expect(res.body.viewer).toMatchObject({ isLead: false, isCoLead: false, canEdit: false, canParticipate: true });
    expect(res.body.viewer.actions).toEqual([]);
  });

  it("shows a draft to its lead and co-lead, and 404s it for everyone else, admins included", async () => {
    const { lead, id } = await withChallenge({}, false);
    const coLead = await member();
    await setChallenge(id, { co_lead_id: coLead.id });
    const stranger = await member();
    const admin = await member({ roles: ["admin", "reviewer", "sponsor"] });

    expect((await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).status).toBe(200);
    const asCoLead = await callJson("GET", `/api/challenges/${id}`, { as: coLead.as });
    expect(asCoLead.status).toBe(200);
    expect(asCoLead.body.coLead.id).toBe(coLead.id);
    expect(asCoLead.body.viewer).toMatchObject({ isLead: false, isCoLead: true, canEdit: true });
    for (const viewer of [stranger, admin]) {
      expectError(await callJson("GET", `/api/challenges/${id}`, { as: viewer.as }), 404, "not_found");
    }
  });

  it("is 404 for an id that does not exist, the same as for a hidden draft", async () => {
    const { as } = await member();
    const res = await callJson("GET", "/api/challenges/ch_doesnotexist", { as });
    expectError(res, 404, "not_found");
  });

  it("is 400 naming `id` for a malformed id", async () => {
    const { as } = await member();
    expectInvalid(await callJson("GET", "/api/challenges/bad$id", { as }), "id");
    expectInvalid(await callJson("GET", `/api/challenges/${"a".repeat(65)}`, { as }), "id");
  });

  it("is 401 without a session", async () => {
    const { id } = await withChallenge();
    expectError(await callJson("GET", `/api/challenges/${id}`), 401);
  });
});

describe("PATCH /api/challenges/:id", () => {
  it("lets the lead edit content, and records the changed fields as one `edited` activity", async () => {
    const { lead, id } = await withChallenge();
    const res = await callJson("PATCH", `/api/challenges/${id}`, {
      as: lead.as,
      body: { title: "A sharper title", horizonWeeks: 12, boundaries: { outOfScope: "Mobile." } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: "A sharper title",
      horizonWeeks: 12,
      boundaries: { constraints: "No change to customer-facing SLAs.", outOfScope: "Mobile." },
      summary: challengeBody().summary,
    });
    const edits = (await activitiesOf(id)).filter((a) => a.action === "edited");
    expect(edits).toHaveLength(1);
    expect(edits[0].actorId).toBe(lead.id);
    expect([...edits[0].detail.fields].sort()).toEqual(["boundaries.outOfScope", "horizonWeeks", "title"]);
  });

  it("lets the co-lead edit, draft or published", async () => {
    const { id } = await withChallenge({}, false);
    const coLead = await member();
    await setChallenge(id, { co_lead_id: coLead.id });
    const res = await callJson("PATCH", `/api/challenges/${id}`, { as: coLead.as, body: { summary: "Co-led." } });
    expect(res.status).toBe(200);
    expect(res.body.summary).toBe("Co-led.");
  });

  it("is 403 with a reason for a member who is not the lead or co-lead of a published challenge", async () => {
    const { id } = await withChallenge();
    const other = await member({ roles: ["admin"] });
    const res = await callJson("PATCH", `/api/challenges/${id}`, { as: other.as, body: { title: "Hijacked" } });
    expect(expectError(res, 403, "forbidden").message).toMatch(/lead/);
    const row = await env.DB.prepare("SELECT title FROM challenges WHERE id = ?").bind(id).first<string>("title");
    expect(row).toBe(challengeBody().title);
  });

  it("is 404 on someone else's draft", async () => {
    const { id } = await withChallenge({}, false);
    const other = await member();
    expectError(await callJson("PATCH", `/api/challenges/${id}`, { as: other.as, body: { title: "Peek" } }), 404);
  });

  it("is 401 without a session", async () => {
    const { id } = await withChallenge();
    expectError(await callJson("PATCH", `/api/challenges/${id}`, { body: { title: "Anon" } }), 401);
  });

  it("keeps KPIs sent with their id, removes those left out and adds new ones", async () => {
    const { lead, id } = await withChallenge({ kpis: [kpi({ name: "A" }), kpi({ name: "B" })] }, false);
    const before = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.kpis;
    const [a, b] = before;
    const res = await callJson("PATCH", `/api/challenges/${id}`, {
      as: lead.as,
      body: { kpis: [kpi({ name: "C" }), { ...b, name: "B renamed", target: 100 }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.kpis).toHaveLength(2);
    expect(res.body.kpis[0]).toMatchObject({ name: "C" });
    expect(res.body.kpis[0].id).not.toBe(a.id);
    expect(res.body.kpis[1]).toEqual({ ...b, name: "B renamed", target: 100 });
    const ids = await env.DB.prepare("SELECT id FROM challenge_kpis WHERE challenge_id = ? ORDER BY position")
      .bind(id)
      .all<{ id: string }>();
    expect(ids.results.map((r) => r.id)).toEqual([res.body.kpis[0].id, b.id]);
  });

  it("keeps slots sent with their id, removes those left out and adds new ones", async () => {
    const { lead, id } = await withChallenge(
      { slots: [slot({ discipline: "design" }), slot({ discipline: "data", count: 2 })] },
      false,
    );
    const [design, data] = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.slots;
    const res = await callJson("PATCH", `/api/challenges/${id}`, {
      as: lead.as,
      body: {
        slots: [
          { id: data.id, discipline: "data", count: 3, skills: ["SQL"], commitmentPercent: 50, required: true },
          slot({ discipline: "legal" }),
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.slots.map((s: any) => s.discipline)).toEqual(["data", "legal"]);
    expect(res.body.slots[0]).toMatchObject({ id: data.id, count: 3, skills: ["sql"], required: true, open: 3 });
    expect(res.body.slots.map((s: any) => s.id)).not.toContain(design.id);
  });

  it("refuses a KPI or slot id that belongs to another challenge, and leaves that one untouched", async () => {
    const mine = await withChallenge({}, false);
    const theirs = await withChallenge({ kpis: [kpi({ name: "Theirs" })], slots: [slot({ discipline: "design" })] });
    const their = (await callJson("GET", `/api/challenges/${theirs.id}`, { as: theirs.lead.as })).body;

    const res = await callJson("PATCH", `/api/challenges/${mine.id}`, {
      as: mine.lead.as,
      body: {
        kpis: [kpi(), { ...their.kpis[0], name: "Stolen" }],
        slots: [{ ...slot(), id: their.slots[0].id, discipline: "legal" }],
      },
    });
    expectInvalid(res, "kpis.1.id", "slots.0.id");

    const after = (await callJson("GET", `/api/challenges/${theirs.id}`, { as: theirs.lead.as })).body;
    expect(after.kpis).toEqual(their.kpis);
    expect(after.slots).toEqual(their.slots);
    const owner = await env.DB.prepare("SELECT challenge_id AS c FROM challenge_kpis WHERE id = ?")
      .bind(their.kpis[0].id)
      .first<string>("c");
    expect(owner).toBe(theirs.id);
    const mineAfter = (await callJson("GET", `/api/challenges/${mine.id}`, { as: mine.lead.as })).body;
    expect(mineAfter.kpis).toHaveLength(1);
    expect(mineAfter.slots.map((s: any) => s.discipline)).toEqual(["data"]);
  });

  it("refuses to remove a slot that has members (409)", async () => {
    const { lead, id } = await withChallenge({ slots: [slot({ discipline: "design", count: 2 }), slot()] });
    const [design, eng] = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.slots;
    await env.DB.prepare("UPDATE challenge_slots SET filled = 1 WHERE id = ?").bind(design.id).run();
    const res = await callJson("PATCH", `/api/challenges/${id}`, { as: lead.as, body: { slots: [eng] } });
    expect(expectError(res, 409, "slot_filled").message).toMatch(/design/);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM challenge_slots WHERE challenge_id = ?")
      .bind(id)
      .first<number>("n");
    expect(left).toBe(2);
  });

  it("refuses to lower a slot's count below its members (409), but allows lowering it to them", async () => {
    const { lead, id } = await withChallenge({ slots: [slot({ discipline: "design", count: 3 })] });
    const [design] = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.slots;
    await env.DB.prepare("UPDATE challenge_slots SET filled = 2 WHERE id = ?").bind(design.id).run();
    const { filled: _f, open: _o, status: _s, ...input } = design;
    const below = await callJson("PATCH", `/api/challenges/${id}`, {
      as: lead.as,
      body: { slots: [{ ...input, count: 1 }] },
    });
    expectError(below, 409, "slot_filled");
    const to = await callJson("PATCH", `/api/challenges/${id}`, {
      as: lead.as,
      body: { slots: [{ ...input, count: 2 }] },
    });
    expect(to.status).toBe(200);
    expect(to.body.slots[0]).toMatchObject({ id: design.id, count: 2, filled: 2, open: 0 });
  });

  it("refuses edits once a challenge is withdrawn (409)", async () => {
    const { lead, id } = await withChallenge();
    expect((await transition(id, lead.as, "withdraw")).status).toBe(200);
    const res = await callJson("PATCH", `/api/challenges/${id}`, { as: lead.as, body: { title: "Too late" } });
    expectError(res, 409, "invalid_stage");
  });

  it("settles the funding ask once funded (409), while other content stays editable", async () => {
    const { lead, id } = await withChallenge();
    await setChallenge(id, { stage: "funded" });
    const ask = await callJson("PATCH", `/api/challenges/${id}`, { as: lead.as, body: { fundingAsk: 1 } });
    expect(expectError(ask, 409, "invalid_stage").message).toMatch(/funding ask/i);
    const same = await callJson("PATCH", `/api/challenges/${id}`, {
      as: lead.as,
      body: { fundingAsk: 2500000, summary: "Still editable." },
    });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ fundingAsk: 2500000, summary: "Still editable." });
  });

  it("lets an open challenge change the ask", async () => {
    const { lead, id } = await withChallenge();
    const res = await callJson("PATCH", `/api/challenges/${id}`, { as: lead.as, body: { fundingAsk: 99 } });
    expect(res.status).toBe(200);
    expect(res.body.fundingAsk).toBe(99);
  });

  it("keeps a published challenge's goals: it cannot drop its last KPI or its summary (409 not_ready)", async () => {
    const { lead, id } = await withChallenge();
    const kpis = await callJson("PATCH", `/api/challenges/${id}`, { as: lead.as, body: { kpis: [] } });
    expect(expectError(kpis, 409, "not_ready").message).toMatch(/kpis/);
    const summary = await callJson("PATCH", `/api/challenges/${id}`, { as: lead.as, body: { summary: "  " } });
    expect(expectError(summary, 409, "not_ready").message).toMatch(/summary/);
    const ask = await callJson("PATCH", `/api/challenges/${id}`, { as: lead.as, body: { fundingAsk: null } });
    expect(expectError(ask, 409, "not_ready").message).toMatch(/fundingAsk/);
    const after = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body;
    expect(after.kpis).toHaveLength(1);
    expect(after.summary).toBe(challengeBody().summary);
  });

  it("lets a draft drop everything but its title", async () => {
    const { lead, id } = await withChallenge({}, false);
    const res = await callJson("PATCH", `/api/challenges/${id}`, {
      as: lead.as,
      body: { kpis: [], slots: [], tags: [], summary: "", horizonWeeks: null, fundingAsk: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kpis: [], slots: [], tags: [], horizonWeeks: null, fundingAsk: null });
  });

  it("writes no activity for an empty PATCH", async () => {
    const { lead, id } = await withChallenge();
    const before = await activitiesOf(id);
    const res = await callJson("PATCH", `/api/challenges/${id}`, { as: lead.as, body: {} });
    expect(res.status).toBe(200);
    expect(await activitiesOf(id)).toEqual(before);
  });

  it("writes no activity for a PATCH that re-sends the current values", async () => {
    const { lead, id } = await withChallenge();
    const current = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body;
    const before = await activitiesOf(id);
    const res = await callJson("PATCH", `/api/challenges/${id}`, {
      as: lead.as,
      body: { title: current.title, summary: current.summary, tags: current.tags, kpis: current.kpis },
    });
    expect(res.status).toBe(200);
    expect(await activitiesOf(id)).toEqual(before);
  });

  it.each(BAD_FIELDS)("refuses %s (400 naming the field)", async (_label, body, field) => {
    const { lead, id } = await withChallenge({}, false);
    expectInvalid(await callJson("PATCH", `/api/challenges/${id}`, { as: lead.as, body }), field);
  });

  it("refuses an unknown slot discipline (400 on slots.N.discipline)", async () => {
    const { lead, id } = await withChallenge({}, false);
    const res = await callJson("PATCH", `/api/challenges/${id}`, {
      as: lead.as,
      body: { slots: [slot(), slot({ discipline: "astrology" })] },
    });
    expectInvalid(res, "slots.1.discipline");
  });

  it("is 400 on a malformed id and 404 on an unknown one", async () => {
    const { as } = await member();
    expectInvalid(await callJson("PATCH", "/api/challenges/no%20spaces", { as, body: { title: "Valid" } }), "id");
    expectError(await callJson("PATCH", "/api/challenges/ch_unknown", { as, body: { title: "Valid" } }), 404);
  });

  it("never answers junk with a 500", async () => {
    const { lead, id } = await withChallenge();
    for (const body of [...JUNK_BODIES, { slots: [slot({ id: "dup" }), slot({ id: "dup" })] }]) {
      const res = await callJson("PATCH", `/api/challenges/${id}`, { as: lead.as, body });
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      if (res.status >= 400) expectError(res, res.status);
    }
  });
});

describe("POST /api/challenges/:id/transitions", () => {
  it("publishes a complete draft: open, listed, one `published` activity", async () => {
    const { lead, id } = await withChallenge({}, false);
    const res = await transition(id, lead.as, "publish");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, stage: "open", viewer: { canParticipate: true } });
    expect(res.body.publishedAt).toEqual(expect.any(String));
    expect(res.body.stageChangedAt).toBe(res.body.publishedAt);
    const activity = await activitiesOf(id);
    expect(activity.map((a) => a.action)).toEqual(["created", "published"]);
    expect(activity[1]).toMatchObject({ actorId: lead.id, detail: { from: "draft", to: "open" } });
  });

  it("refuses to publish without goals and boundaries (409 not_ready naming each missing part)", async () => {
    const lead = await member();
    const bare = await callJson("POST", "/api/challenges", { as: lead.as, body: { title: "Bare idea" } });
    const res = await transition(bare.body.id, lead.as, "publish");
    const error = expectError(res, 409, "not_ready");
    expect(error.details.missing).toEqual([
      "summary",
      "problem",
      "kpis",
      "boundaries.constraints",
      "horizonWeeks",
      "fundingAsk",
    ]);
    for (const words of ["a summary", "a problem statement", "at least one KPI", "constraints", "time horizon"]) {
      expect(error.message).toContain(words);
    }
    const almost = await createChallenge(lead.as, { fundingAsk: null });
    const one = expectError(await transition(almost, lead.as, "publish"), 409, "not_ready");
    expect(one.details.missing).toEqual(["fundingAsk"]);
    expect(one.message).toContain("a funding ask");
    expect(one.message).not.toContain("summary");
    expect((await activitiesOf(almost)).map((a) => a.action)).toEqual(["created"]);
  });

  it("publishes with a funding ask of 0", async () => {
    const { lead, id } = await withChallenge({ fundingAsk: 0 }, false);
    expect((await transition(id, lead.as, "publish")).status).toBe(200);
  });

  it("lets the co-lead publish", async () => {
    const { id } = await withChallenge({}, false);
    const coLead = await member();
    await setChallenge(id, { co_lead_id: coLead.id });
    const res = await transition(id, coLead.as, "publish");
    expect(res.status).toBe(200);
    expect((await activitiesOf(id)).at(-1)).toMatchObject({ action: "published", actorId: coLead.id });
  });

  it("is 404 on someone else's draft, whatever the action", async () => {
    const { id } = await withChallenge({}, false);
    const other = await member({ roles: ["admin"] });
    for (const action of ["publish", "withdraw", "start", "submit", "archive"]) {
      expectError(await transition(id, other.as, action), 404, "not_found");
    }
    const row = await env.DB.prepare("SELECT stage FROM challenges WHERE id = ?").bind(id).first<string>("stage");
    expect(row).toBe("draft");
  });

  it("is 403 with a reason when someone other than the lead acts on a published challenge", async () => {
    const { id } = await withChallenge();
    const other = await member();
    for (const action of ["publish", "withdraw", "start", "submit"]) {
      expect(expectError(await transition(id, other.as, action), 403, "forbidden").message).toMatch(/lead/);
    }
    expect((await activitiesOf(id)).map((a) => a.action)).toEqual(["created", "published"]);
  });

  it("refuses to publish twice (409)", async () => {
    const { lead, id } = await withChallenge();
    expectError(await transition(id, lead.as, "publish"), 409, "invalid_transition");
  });

  it("withdraws from draft and from open, once", async () => {
    const draft = await withChallenge({}, false);
    const fromDraft = await transition(draft.id, draft.lead.as, "withdraw");
    expect(fromDraft.status).toBe(200);
    expect(fromDraft.body.stage).toBe("withdrawn");

    const open = await withChallenge();
    const fromOpen = await transition(open.id, open.lead.as, "withdraw");
    expect(fromOpen.status).toBe(200);
    expect(fromOpen.body.stage).toBe("withdrawn");
    expect((await activitiesOf(open.id)).map((a) => a.action)).toEqual(["created", "published", "withdrawn"]);

    expectError(await transition(open.id, open.lead.as, "withdraw"), 409, "invalid_transition");
    expectError(await transition(open.id, open.lead.as, "publish"), 409, "invalid_transition");
  });

  it("cannot withdraw a funded challenge (409)", async () => {
    const { lead, id } = await withChallenge();
    await setChallenge(id, { stage: "funded" });
    expectError(await transition(id, lead.as, "withdraw"), 409, "invalid_transition");
  });

  it("cannot start an open challenge (409)", async () => {
    const { lead, id } = await withChallenge();
    expectError(await transition(id, lead.as, "start"), 409, "invalid_transition");
  });

  it("starts a funded challenge only when every required slot is filled", async () => {
    const { lead, id } = await withChallenge({
      slots: [slot({ discipline: "data", count: 2, required: true }), slot({ discipline: "design", required: false })],
    });
    await setChallenge(id, { stage: "funded" });
    const [data] = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.slots;

    const refused = expectError(await transition(id, lead.as, "start"), 409, "slots_unfilled");
    expect(refused.message).toContain("data");
    expect(refused.message).not.toContain("design");

    await seatMembers(id, data.id, 1);
    expectError(await transition(id, lead.as, "start"), 409, "slots_unfilled");
    // A seat awaiting the member's manager does not count yet.
    await seatMembers(id, data.id, 1, "pending_lend");
    expectError(await transition(id, lead.as, "start"), 409, "slots_unfilled");
    await env.DB.prepare("UPDATE memberships SET status = 'active' WHERE slot_id = ?").bind(data.id).run();
    const started = await transition(id, lead.as, "start");
    expect(started.status).toBe(200);
    expect(started.body.stage).toBe("active");
    expect((await activitiesOf(id)).at(-1)).toMatchObject({
      action: "started",
      detail: { from: "funded", to: "active" },
    });
  });

  it("cannot submit without a showcase, nor from open (409)", async () => {
    const { lead, id } = await withChallenge();
    expectError(await transition(id, lead.as, "submit"), 409, "invalid_transition");
    await setChallenge(id, { stage: "active" });
    expectError(await transition(id, lead.as, "submit"), 409, "showcase_missing");
  });

  it("archives only reviewed challenges; an admin may archive", async () => {
    const { lead, id } = await withChallenge();
    expectError(await transition(id, lead.as, "archive"), 409, "invalid_transition");
    await setChallenge(id, { stage: "reviewed" });
    const stranger = await member();
    expectError(await transition(id, stranger.as, "archive"), 403, "forbidden");
    const admin = await member({ roles: ["admin"] });
    const res = await transition(id, admin.as, "archive");
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe("archived");
  });

  it("writes exactly one activity entry per accepted transition, and none for a refused one", async () => {
    const { lead, id } = await withChallenge({ slots: [slot({ required: true })] }, false);
    const count = async () => (await activitiesOf(id)).length;
    let n = await count();
    const step = async (action: string, status: number, activity?: string) => {
      const res = await transition(id, lead.as, action);
      expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(status);
      const after = await activitiesOf(id);
      expect(after.length).toBe(n + (activity ? 1 : 0));
      if (activity) expect(after.at(-1)).toMatchObject({ action: activity, actorId: lead.id });
      n = after.length;
    };
    await step("start", 409);
    await step("publish", 200, "published");
    await step("publish", 409);
    await setChallenge(id, { stage: "funded" });
    await step("start", 409);
    for (const slot of (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.slots) {
      await seatMembers(id, slot.id, slot.count - slot.filled);
    }
    await step("start", 200, "started");
    await step("submit", 409);
    await setChallenge(id, { stage: "reviewed" });
    await step("archive", 200, "archived");
    await step("archive", 409);
  });

  it("lets exactly one of 10 concurrent publishes through, with one `published` activity", async () => {
    const { lead, id } = await withChallenge({}, false);
    const results = await Promise.all(Array.from({ length: 10 }, () => transition(id, lead.as, "publish")));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    for (const r of results.filter((r) => r.status === 409)) expectError(r, 409);
    const published = (await activitiesOf(id)).filter((a) => a.action === "published");
    expect(published).toHaveLength(1);
  });

  it("refuses unknown or system-only actions (400 on `action`)", async () => {
    const { lead, id } = await withChallenge();
    for (const action of ["fund", "decide", "PUBLISH", "", 3]) {
      expectInvalid(await transition(id, lead.as, action as string), "action");
    }
    expectInvalid(await callJson("POST", `/api/challenges/${id}/transitions`, { as: lead.as, body: {} }), "action");
  });

  it("is 401 without a session and 400 on a malformed id", async () => {
    const { lead, id } = await withChallenge({}, false);
    expectError(await callJson("POST", `/api/challenges/${id}/transitions`, { body: { action: "publish" } }), 401);
    expectInvalid(await transition("bad.id", lead.as, "publish"), "id");
    expectError(await transition("ch_nothing", lead.as, "publish"), 404);
  });

  it("never answers junk with a 500", async () => {
    const { lead, id } = await withChallenge({}, false);
    for (const body of JUNK_BODIES) {
      const res = await callJson("POST", `/api/challenges/${id}/transitions`, { as: lead.as, body });
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
    }
  });
});

describe("PUT/DELETE /api/challenges/:id/backing", () => {
  it("backs idempotently: twice is one backer and one `backed` activity", async () => {
    const { id } = await withChallenge();
    const fan = await member();
    for (let i = 0; i < 2; i++) {
      const res = await callJson("PUT", `/api/challenges/${id}/backing`, { as: fan.as });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ backed: true, backerCount: 1 });
    }
    const got = await callJson("GET", `/api/challenges/${id}`, { as: fan.as });
    expect(got.body).toMatchObject({ backerCount: 1, backedByMe: true });
    const backed = (await activitiesOf(id)).filter((a) => a.action === "backed");
    expect(backed).toEqual([{ action: "backed", actorId: fan.id, detail: {} }]);
  });

  it("stops backing idempotently: twice is zero backers and one `unbacked` activity", async () => {
    const { id } = await withChallenge();
    const fan = await member();
    await callJson("PUT", `/api/challenges/${id}/backing`, { as: fan.as });
    for (let i = 0; i < 2; i++) {
      const res = await callJson("DELETE", `/api/challenges/${id}/backing`, { as: fan.as });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ backed: false, backerCount: 0 });
    }
    expect((await activitiesOf(id)).filter((a) => a.action === "unbacked")).toHaveLength(1);
    const never = await member();
    const res = await callJson("DELETE", `/api/challenges/${id}/backing`, { as: never.as });
    expect(res.body).toEqual({ backed: false, backerCount: 0 });
    expect((await activitiesOf(id)).filter((a) => a.action === "unbacked")).toHaveLength(1);
  });

  it("keeps backer_count equal to the backings under 20 concurrent backs and unbacks", async () => {
    const { id } = await withChallenge();
    const fans = await Promise.all(Array.from({ length: 20 }, () => member()));
    // Half of them back first, so the concurrent wave mixes new backs, repeats and unbacks.
    await Promise.all(fans.slice(0, 10).map((f) => call("PUT", `/api/challenges/${id}/backing`, { as: f.as })));
    const wave = fans.flatMap((f, i) => [
      call(i % 3 === 0 ? "DELETE" : "PUT", `/api/challenges/${id}/backing`, { as: f.as }),
      call(i % 2 === 0 ? "PUT" : "DELETE", `/api/challenges/${id}/backing`, { as: f.as }),
    ]);
    const results = await Promise.all(wave);
    expect(results.every((r) => r.status === 200)).toBe(true);
    const row = await env.DB.prepare(
      "SELECT backer_count AS stored, (SELECT count(*) FROM backings WHERE challenge_id = ?) AS actual FROM challenges WHERE id = ?",
    )
      .bind(id, id)
      .first<{ stored: number; actual: number }>();
    expect(row?.stored).toBe(row?.actual);
    const got = await callJson("GET", `/api/challenges/${id}`, { as: fans[0].as });
    expect(got.body.backerCount).toBe(row?.actual);
  });

  it("cannot back a draft: 404 for others, 409 for its lead", async () => {
    const { lead, id } = await withChallenge({}, false);
    const other = await member();
    expectError(await callJson("PUT", `/api/challenges/${id}/backing`, { as: other.as }), 404);
    expectError(await callJson("DELETE", `/api/challenges/${id}/backing`, { as: other.as }), 404);
    expectError(await callJson("PUT", `/api/challenges/${id}/backing`, { as: lead.as }), 409, "invalid_stage");
    const n = await env.DB.prepare("SELECT count(*) AS n FROM backings WHERE challenge_id = ?").bind(id).first("n");
    expect(n).toBe(0);
  });

  it("cannot back a closed challenge: reviewed, withdrawn or archived (409)", async () => {
    const fan = await member();
    for (const stage of ["reviewed", "withdrawn", "archived"]) {
      const { id } = await withChallenge();
      await setChallenge(id, { stage });
      expectError(await callJson("PUT", `/api/challenges/${id}/backing`, { as: fan.as }), 409, "invalid_stage");
    }
  });

  it("backs funded, active and showcase challenges", async () => {
    const fan = await member();
    for (const stage of ["funded", "active", "showcase"]) {
      const { id } = await withChallenge();
      await setChallenge(id, { stage });
      expect((await callJson("PUT", `/api/challenges/${id}/backing`, { as: fan.as })).status).toBe(200);
    }
  });

  it("is 401 without a session, 400 on a malformed id, 404 on an unknown one", async () => {
    const { id } = await withChallenge();
    const { as } = await member();
    expectError(await callJson("PUT", `/api/challenges/${id}/backing`), 401);
    expectError(await callJson("DELETE", `/api/challenges/${id}/backing`), 401);
    expectInvalid(await callJson("PUT", "/api/challenges/x*y/backing", { as }), "id");
    expectError(await callJson("PUT", "/api/challenges/ch_nothing/backing", { as }), 404);
  });
});

describe("GET/POST /api/challenges/:id/comments", () => {
  it("posts a comment: 201 with its author, commentCount + 1, a `commented` activity", async () => {
    const { id } = await withChallenge();
    const critic = await member({ name: "Critic" });
    const res = await callJson("POST", `/api/challenges/${id}/comments`, {
      as: critic.as,
      body: { body: "  Have you tried spot instances?  " },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      body: "Have you tried spot instances?",
      author: { id: critic.id, name: "Critic" },
    });
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
    const got = await callJson("GET", `/api/challenges/${id}`, { as: critic.as });
    expect(got.body.commentCount).toBe(1);
    expect((await activitiesOf(id)).at(-1)).toEqual({
      action: "commented",
      actorId: critic.id,
      detail: { commentId: res.body.id },
    });
  });

  it("lists comments oldest first and pages to the end without repeats or gaps", async () => {
    const { id } = await withChallenge();
    const critic = await member();
    // Distinct timestamps, inserted out of order, so the order comes from the listing.
    const stamps = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString());
    for (const i of [3, 0, 6, 1, 5, 2, 4]) {
      await env.DB.prepare(
        "INSERT INTO comments (id, challenge_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)",
      )
        .bind(`cm_seed_${id}_${i}`, id, critic.id, `comment ${i}`, stamps[i])
        .run();
    }
    const all = await callJson("GET", `/api/challenges/${id}/comments?limit=100`, { as: critic.as });
    expect(all.body.items.map((c: any) => c.body)).toEqual(Array.from({ length: 7 }, (_, i) => `comment ${i}`));
    expect(all.body.nextCursor).toBeNull();

    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await callJson("GET", `/api/challenges/${id}/comments?${query}`, { as: critic.as });
      expect(page.status).toBe(200);
      walked.push(...page.body.items.map((c: any) => c.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(walked).toEqual(all.body.items.map((c: any) => c.id));
  });

  it("keeps posted comments in the order they were posted", async () => {
    const { id } = await withChallenge();
    const critic = await member();
    for (const body of ["first", "second", "third"]) {
      await callJson("POST", `/api/challenges/${id}/comments`, { as: critic.as, body: { body } });
    }
    const list = await callJson("GET", `/api/challenges/${id}/comments`, { as: critic.as });
    expect(list.body.items.map((c: any) => c.body)).toEqual(["first", "second", "third"]);
    const got = await callJson("GET", `/api/challenges/${id}`, { as: critic.as });
    expect(got.body.commentCount).toBe(3);
  });

  it("refuses an empty, blank or over-long comment (400 on `body`), and accepts 5000 characters", async () => {
    const { id } = await withChallenge();
    const { as } = await member();
    for (const body of ["", "   \n\t ", long(5001)]) {
      expectInvalid(await callJson("POST", `/api/challenges/${id}/comments`, { as, body: { body } }), "body");
    }
    expectInvalid(await callJson("POST", `/api/challenges/${id}/comments`, { as, body: {} }), "body");
    const ok = await callJson("POST", `/api/challenges/${id}/comments`, { as, body: { body: long(5000) } });
    expect(ok.status).toBe(201);
  });

  it("is 409 for the lead on their own draft and 404 for anyone else, reading or writing", async () => {
    const { lead, id } = await withChallenge({}, false);
    const other = await member();
    const post = await callJson("POST", `/api/challenges/${id}/comments`, { as: lead.as, body: { body: "Note" } });
    expectError(post, 409, "invalid_stage");
    expectError(await callJson("POST", `/api/challenges/${id}/comments`, { as: other.as, body: { body: "Hi" } }), 404);
    expectError(await callJson("GET", `/api/challenges/${id}/comments`, { as: other.as }), 404);
    expect((await callJson("GET", `/api/challenges/${id}/comments`, { as: lead.as })).body.items).toEqual([]);
  });

  it("is 409 on a withdrawn challenge", async () => {
    const { lead, id } = await withChallenge();
    await transition(id, lead.as, "withdraw");
    const res = await callJson("POST", `/api/challenges/${id}/comments`, { as: lead.as, body: { body: "Late" } });
    expectError(res, 409, "invalid_stage");
  });

  it("is 400 on a bad cursor or limit", async () => {
    const { id } = await withChallenge();
    const { as } = await member();
    expectInvalid(await callJson("GET", `/api/challenges/${id}/comments?cursor=garbage`, { as }), "cursor");
    expectInvalid(await callJson("GET", `/api/challenges/${id}/comments?cursor=WzEsMl0`, { as }), "cursor");
    for (const limit of ["0", "101", "x", "-1", "2.5"]) {
      expectInvalid(await callJson("GET", `/api/challenges/${id}/comments?limit=${limit}`, { as }), "limit");
    }
  });

  it("is 401 without a session", async () => {
    const { id } = await withChallenge();
    expectError(await callJson("GET", `/api/challenges/${id}/comments`), 401);
    expectError(await callJson("POST", `/api/challenges/${id}/comments`, { body: { body: "Anon" } }), 401);
  });

  it("never answers junk with a 500", async () => {
    const { id } = await withChallenge();
    const { as } = await member();
    for (const body of JUNK_BODIES) {
      const res = await callJson("POST", `/api/challenges/${id}/comments`, { as, body });
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
    }
  });
});

describe("GET /api/challenges/:id/activity", () => {
  it("lists who did what, newest first, with the actor", async () => {
    const { lead, id } = await withChallenge();
    const fan = await member({ name: "Fan" });
    await callJson("PUT", `/api/challenges/${id}/backing`, { as: fan.as });
    const res = await callJson("GET", `/api/challenges/${id}/activity`, { as: fan.as });
    expect(res.status).toBe(200);
    expect(res.body.items.map((a: any) => a.action)).toEqual(["backed", "published", "created"]);
    expect(res.body.items[0].actor).toMatchObject({ id: fan.id, name: "Fan" });
    expect(res.body.items[1]).toMatchObject({ actor: { id: lead.id }, detail: { from: "draft", to: "open" } });
    expect(res.body.nextCursor).toBeNull();
  });

  it("pages to the end without repeats or gaps", async () => {
    const { id } = await withChallenge();
    const critic = await member();
    for (let i = 0; i < 5; i++) {
      await callJson("POST", `/api/challenges/${id}/comments`, { as: critic.as, body: { body: `c${i}` } });
    }
    const all = (await callJson("GET", `/api/challenges/${id}/activity?limit=100`, { as: critic.as })).body.items;
    expect(all).toHaveLength(7);
    const walked: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const query: string = `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await callJson("GET", `/api/challenges/${id}/activity?${query}`, { as: critic.as });
      walked.push(...page.body.items.map((a: any) => a.id));
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    expect(walked).toEqual(all.map((a: any) => a.id));
  });

  it("shows a draft's history to its lead and 404s it for others", async () => {
    const { lead, id } = await withChallenge({}, false);
    const other = await member();
    const mine = await callJson("GET", `/api/challenges/${id}/activity`, { as: lead.as });
    expect(mine.body.items.map((a: any) => a.action)).toEqual(["created"]);
    expectError(await callJson("GET", `/api/challenges/${id}/activity`, { as: other.as }), 404);
  });

  it("is 401 without a session and 400 on a bad cursor, limit or id", async () => {
    const { id } = await withChallenge();
    const { as } = await member();
    expectError(await callJson("GET", `/api/challenges/${id}/activity`), 401);
    expectInvalid(await callJson("GET", `/api/challenges/${id}/activity?cursor=%%%`, { as }), "cursor");
    expectInvalid(await callJson("GET", `/api/challenges/${id}/activity?limit=0`, { as }), "limit");
    expectInvalid(await callJson("GET", "/api/challenges/a:b/activity", { as }), "id");
  });
});
