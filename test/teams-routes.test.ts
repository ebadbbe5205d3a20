import { describe, expect, it } from "vitest";
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
  seatMembers,
  setChallenge,
} from "./helpers";

// ─── World builders ─────────────────────────────────────────────────────────────────────────

type Person = Awaited<ReturnType<typeof member>>;
type Stage = "draft" | "open" | "funded" | "active" | "showcase" | "reviewed" | "withdrawn" | "archived";

interface SlotSpec {
  discipline?: string;
  count?: number;
  skills?: string[];
  commitmentPercent?: number;
  required?: boolean;
}

const pitch = "I built the batch scheduler we run today and know where its costs hide.";

/**
 * A challenge in `stage` (published through the API, later stages set in D1) with the given
 * slots; by default one required data slot of one seat at 20%.
 */
async function challengeWith(
  options: { stage?: Stage; slots?: SlotSpec[]; lead?: Person; title?: string; horizonWeeks?: number } = {},
) {
  const stage = options.stage ?? "funded";
  const lead = options.lead ?? (await member({ name: "Lena Lead", discipline: "design" }));
  const slots = (options.slots ?? [{ required: true }]).map((s) => ({
    discipline: "data",
    count: 1,
    skills: [],
    commitmentPercent: 20,
    required: false,
    ...s,
  }));
  const id = await createChallenge(
    lead.as,
    {
      slots,
      ...(options.title ? { title: options.title } : {}),
      ...(options.horizonWeeks ? { horizonWeeks: options.horizonWeeks } : {}),
    },
    stage !== "draft",
  );
  if (stage !== "draft" && stage !== "open") await setChallenge(id, { stage });
  const ch = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body;
  return { lead, id, slotIds: ch.slots.map((s: { id: string }) => s.id) as string[] };
}

function applyTo(as: string, challengeId: string, slotId: string, body: unknown = { pitch }) {
  return callJson("POST", `/api/challenges/${challengeId}/slots/${slotId}/applications`, { as, body });
}

function decide(as: string, appId: string, body: unknown) {
  return callJson("POST", `/api/applications/${appId}/decision`, { as, body });
}

/** Applies `person` to a slot and returns the application id (asserting the 201). */
async function applied(person: Person, challengeId: string, slotId: string) {
  const res = await applyTo(person.as, challengeId, slotId);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Applies and gets accepted by `decider`; returns the application and membership ids. */
async function joined(person: Person, decider: Person, challengeId: string, slotId: string) {
  const appId = await applied(person, challengeId, slotId);
  const res = await decide(decider.as, appId, { decision: "accept", note: "Welcome." });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const seat = res.body.members.find((m: { person: { id: string } }) => m.person.id === person.id);
  return { appId, membershipId: seat.id as string, team: res.body };
}

/** Seats `personId` in a slot straight in D1 (as an accepted application would). */
async function seat(
  personId: string,
  challengeId: string,
  slotId: string,
  percent: number,
  status: "active" | "pending_lend" = "active",
) {
  const id = `mem_seat_${crypto.randomUUID().slice(0, 12)}`;
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, ?, ?)",
    ).bind(id, challengeId, slotId, personId, percent, status),
    env.DB.prepare("UPDATE challenge_slots SET filled = filled + 1 WHERE id = ?").bind(slotId),
  ]);
  return id;
}

async function slotRow(slotId: string) {
  return env.DB.prepare(
    "SELECT filled, count, status, required, skills, commitment_percent AS commitment FROM challenge_slots WHERE id = ?",
  )
    .bind(slotId)
    .first<{ filled: number; count: number; status: string; required: number; skills: string; commitment: number }>();
}

async function appStatus(appId: string) {
  return (await env.DB.prepare("SELECT status FROM applications WHERE id = ?").bind(appId).first<{ status: string }>())
    ?.status;
}

async function liveCommitment(personId: string) {
  const row = await env.DB.prepare(
    "SELECT coalesce(sum(commitment_percent), 0) AS n FROM memberships WHERE person_id = ? AND status IN ('active', 'pending_lend')",
  )
    .bind(personId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

function team(as: string, challengeId: string) {
  return callJson("GET", `/api/challenges/${challengeId}/team`, { as });
}

function start(as: string, challengeId: string) {
  return callJson("POST", `/api/challenges/${challengeId}/transitions`, { as, body: { action: "start" } });
}

async function lendsOf(manager: Person, status?: string) {
  const res = await callJson("GET", `/api/lends${status ? `?status=${status}` : ""}`, { as: manager.as });
  expect(res.status).toBe(200);
  return res.body.items as {
    id: string;
    status: string;
    reason: string;
    person: { id: string };
    challenge: { id: string };
  }[];
}

function decideLend(as: string, lendId: string, body: unknown) {
  return callJson("POST", `/api/lends/${lendId}/decision`, { as, body });
}

/** Every junk body to a route that takes one is a 400 in the error shape, never a 500. */
async function expectJunkRefused(method: string, path: string, as: string) {
  for (const body of JUNK_BODIES) {
    const res = await callJson(method, path, { as, body });
    expect(res.status, `${method} ${path} with ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).toBe(400);
    expectError(res, 400, "validation_failed");
  }
}

// ─── 401 without a session ──────────────────────────────────────────────────────────────────

describe("without a session", () => {
  it("every team route answers 401", async () => {
    const { id, slotIds } = await challengeWith();
    const routes: [string, string, unknown?][] = [
      ["GET", `/api/challenges/${id}/team`],
      ["POST", `/api/challenges/${id}/slots`, { discipline: "data", commitmentPercent: 20 }],
      ["PATCH", `/api/challenges/${id}/slots/${slotIds[0]}`, { count: 2 }],
      ["DELETE", `/api/challenges/${id}/slots/${slotIds[0]}`],
      ["POST", `/api/challenges/${id}/slots/${slotIds[0]}/applications`, { pitch }],
      ["PUT", `/api/challenges/${id}/co-lead`, { personId: null }],
      ["POST", "/api/applications/app_x/withdraw"],
      ["POST", "/api/applications/app_x/decision", { decision: "accept" }],
      ["DELETE", "/api/memberships/mem_x"],
      ["GET", "/api/lends"],
      ["POST", "/api/lends/lend_x/decision", { decision: "approve" }],
      ["GET", "/api/for-you"],
    ];
    for (const [method, path, body] of routes) {
      const res = await callJson(method, path, { body });
      expectError(res, 401);
    }
  });
});

// ─── GET /api/challenges/:id/team ───────────────────────────────────────────────────────────

describe("GET /api/challenges/:id/team", () => {
  it("shows members with their lends, the co-lead, and applications only to those who may see them", async () => {
    const manager = await member({ name: "Mona Manager", track: "management", level: "M2" });
    const { lead, id, slotIds } = await challengeWith({
      slots: [
        { discipline: "data", count: 2, required: true },
        { discipline: "research", count: 1 },
      ],
    });
    const dana = await member({ name: "Dana Data", discipline: "data" });
    const rory = await member({ name: "Rory Research", discipline: "research", managerId: manager.id });
    const waiting = await member({ name: "Wes Waiting", discipline: "data" });
    const stranger = await member();
    await joined(dana, lead, id, slotIds[0]);
    await joined(rory, lead, id, slotIds[1]);
    const waitingApp = await applied(waiting, id, slotIds[0]);
    await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: lead.as, body: { personId: dana.id } });

    const asLead = await team(lead.as, id);
    expect(asLead.status).toBe(200);
    expect(asLead.body.lead.id).toBe(lead.id);
    expect(asLead.body.coLead.id).toBe(dana.id);
    expect(asLead.body.viewer).toEqual({ canManage: true, canNameCoLead: true });
    const byPerson = new Map(asLead.body.members.map((m: any) => [m.person.id, m]));
    expect(byPerson.get(dana.id)).toMatchObject({
      status: "active",
      discipline: "data",
      isCoLead: true,
      lend: null,
      commitmentPercent: 20,
      slotId: slotIds[0],
    });
    expect(byPerson.get(rory.id)).toMatchObject({
      status: "pending_lend",
      discipline: "research",
      isCoLead: false,
      lend: { status: "pending", managerName: "Mona Manager" },
    });
    expect(asLead.body.applications.map((a: any) => a.applicant.id).sort()).toEqual(
      [dana.id, rory.id, waiting.id].sort(),
    );
    const pendingApp = asLead.body.applications.find((a: any) => a.id === waitingApp);
    expect(pendingApp).toMatchObject({ status: "pending", pitch, slotDiscipline: "data" });

    const asCoLead = await team(dana.as, id);
    expect(asCoLead.body.viewer).toEqual({ canManage: true, canNameCoLead: false });
    expect(asCoLead.body.applications).toHaveLength(3);

    const asApplicant = await team(waiting.as, id);
    expect(asApplicant.body.viewer).toEqual({ canManage: false, canNameCoLead: false });
    expect(asApplicant.body.applications.map((a: any) => a.id)).toEqual([waitingApp]);
    expect(asApplicant.body.members).toHaveLength(2);

    const asStranger = await team(stranger.as, id);
    expect(asStranger.status).toBe(200);
    expect(asStranger.body.applications).toEqual([]);
  });

  it("coverage: distinct disciplines of active members and the leads; seats awaiting a lend do not cover", async () => {
    const manager = await member({ track: "management", level: "M2" });
    const { lead, id, slotIds } = await challengeWith({
      slots: [
        { discipline: "data", count: 2, required: true },
        { discipline: "research", count: 1, required: true },
        { discipline: "legal", count: 1 },
      ],
    });
    const analyst = await member({ discipline: "data" });
    const engineer = await member({ discipline: "engineering" });
    const researcher = await member({ discipline: "research", managerId: manager.id });
    await joined(analyst, lead, id, slotIds[0]);
    await joined(engineer, lead, id, slotIds[0]);
    await joined(researcher, lead, id, slotIds[1]);

    let coverage = (await team(lead.as, id)).body.coverage;
    expect(coverage).toEqual({
      disciplinesCovered: ["data", "design", "engineering"],
      requiredSeats: 3,
      requiredSeatsFilled: 2,
      disciplinesMissing: ["legal", "research"],
    });

    const [lend] = await lendsOf(manager, "pending");
    expect((await decideLend(manager.as, lend.id, { decision: "approve" })).status).toBe(200);
    coverage = (await team(lead.as, id)).body.coverage;
    expect(coverage).toEqual({
      disciplinesCovered: ["data", "design", "engineering", "research"],
      requiredSeats: 3,
      requiredSeatsFilled: 3,
      disciplinesMissing: ["legal"],
    });

    // A co-lead's own discipline covers too, even when their slot asks for another.
    await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: lead.as, body: { personId: engineer.id } });
    expect((await team(lead.as, id)).body.coverage.disciplinesCovered).toContain("engineering");
  });

  it("is 404 for a draft to anyone but its leads, and 400 on a malformed id", async () => {
    const { lead, id } = await challengeWith({ stage: "draft" });
    const stranger = await member();
    expect((await team(lead.as, id)).status).toBe(200);
    expectError(await team(stranger.as, id), 404, "not_found");
    expectError(await team(stranger.as, "ch_nope"), 404, "not_found");
    expectInvalid(await team(stranger.as, "bad%20id!"), "id");
  });
});

// ─── Slots ──────────────────────────────────────────────────────────────────────────────────

describe("POST /api/challenges/:id/slots", () => {
  const slot = { discipline: "research", count: 2, skills: ["interviews"], commitmentPercent: 25, required: true };

  it("the lead or co-lead adds a slot; the team's coverage counts it", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const res = await callJson("POST", `/api/challenges/${id}/slots`, { as: lead.as, body: slot });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.coverage).toMatchObject({ requiredSeats: 3, disciplinesMissing: ["data", "research"] });
    const ch = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body;
    expect(ch.slots).toHaveLength(2);
    expect(ch.slots[1]).toMatchObject({ ...slot, filled: 0, open: 2, status: "open" });

    const coLead = await member({ discipline: "data" });
    await joined(coLead, lead, id, slotIds[0]);
    await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: lead.as, body: { personId: coLead.id } });
    const byCoLead = await callJson("POST", `/api/challenges/${id}/slots`, {
      as: coLead.as,
      body: { discipline: "legal", commitmentPercent: 10 },
    });
    expect(byCoLead.status).toBe(201);
    const slots = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.slots;
    expect(slots[2]).toMatchObject({ discipline: "legal", count: 1, skills: [], required: false });
    expect((await activitiesOf(id)).filter((a) => a.action === "slot_added")).toHaveLength(2);
  });

  it("refuses members, strangers (403) and others' drafts (404)", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const teamMember = await member({ discipline: "data" });
    await joined(teamMember, lead, id, slotIds[0]);
    const stranger = await member();
    expectError(await callJson("POST", `/api/challenges/${id}/slots`, { as: teamMember.as, body: slot }), 403);
    expectError(await callJson("POST", `/api/challenges/${id}/slots`, { as: stranger.as, body: slot }), 403);
    const draft = await challengeWith({ stage: "draft" });
    expectError(await callJson("POST", `/api/challenges/${draft.id}/slots`, { as: stranger.as, body: slot }), 404);
    expect(
      (await callJson("POST", `/api/challenges/${draft.id}/slots`, { as: draft.lead.as, body: slot })).status,
    ).toBe(201);
  });

  it("refuses slot management once the challenge is past recruiting (409)", async () => {
    for (const stage of ["showcase", "reviewed", "withdrawn", "archived"] as const) {
      const { lead, id } = await challengeWith({ stage });
      expectError(
        await callJson("POST", `/api/challenges/${id}/slots`, { as: lead.as, body: slot }),
        409,
        "invalid_stage",
      );
    }
  });

  it("has at most 20 slots", async () => {
    const { lead, id } = await challengeWith({ stage: "draft", slots: Array.from({ length: 20 }, () => ({})) });
    expectError(
      await callJson("POST", `/api/challenges/${id}/slots`, { as: lead.as, body: slot }),
      409,
      "too_many_slots",
    );
  });

  it("answers bad input with 400 naming the field", async () => {
    const { lead, id } = await challengeWith();
    const post = (body: unknown) => callJson("POST", `/api/challenges/${id}/slots`, { as: lead.as, body });
    expectInvalid(await post({ ...slot, discipline: "astrology" }), "discipline");
    expectInvalid(await post({ ...slot, discipline: "" }), "discipline");
    expectInvalid(await post({ ...slot, discipline: 7 }), "discipline");
    expectInvalid(await post({ ...slot, count: 0 }), "count");
    expectInvalid(await post({ ...slot, count: 21 }), "count");
    expectInvalid(await post({ ...slot, count: 1.5 }), "count");
    expectInvalid(await post({ ...slot, commitmentPercent: 4 }), "commitmentPercent");
    expectInvalid(await post({ ...slot, commitmentPercent: 101 }), "commitmentPercent");
    expectInvalid(await post({ discipline: "data" }), "commitmentPercent");
    expectInvalid(await post({ ...slot, skills: "sql" }), "skills");
    expectInvalid(await post({ ...slot, required: "yes" }), "required");
    await expectJunkRefused("POST", `/api/challenges/${id}/slots`, lead.as);
    const ch = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body;
    expect(ch.slots).toHaveLength(1);
  });
});

describe("PATCH /api/challenges/:id/slots/:slotId", () => {
  it("changes only the fields sent", async () => {
    const { lead, id, slotIds } = await challengeWith({
      slots: [{ discipline: "data", count: 3, skills: ["sql", "spark"], commitmentPercent: 30, required: true }],
    });
    const res = await callJson("PATCH", `/api/challenges/${id}/slots/${slotIds[0]}`, {
      as: lead.as,
      body: { commitmentPercent: 40 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [s] = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.slots;
    expect(s).toMatchObject({
      discipline: "data",
      count: 3,
      skills: ["sql", "spark"],
      commitmentPercent: 40,
      required: true,
      status: "open",
    });
  });

  it("edits count, skills, required and status; closing stops applications", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const res = await callJson("PATCH", `/api/challenges/${id}/slots/${slotIds[0]}`, {
      as: lead.as,
      body: { count: 2, skills: ["dbt"], required: false, discipline: "research" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.coverage).toMatchObject({ requiredSeats: 0, disciplinesMissing: ["research"] });
    const closed = await callJson("PATCH", `/api/challenges/${id}/slots/${slotIds[0]}`, {
      as: lead.as,
      body: { status: "closed" },
    });
    expect(closed.status).toBe(200);
    expect(await slotRow(slotIds[0])).toMatchObject({ status: "closed", count: 2, skills: '["dbt"]' });
    const applicant = await member({ discipline: "research" });
    expectError(await applyTo(applicant.as, id, slotIds[0]), 409, "slot_closed");
  });

  it("never lowers the count below the members, nor changes a filled slot's discipline (409)", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 3 }] });
    await seatMembers(id, slotIds[0], 2);
    const patch = (body: unknown) =>
      callJson("PATCH", `/api/challenges/${id}/slots/${slotIds[0]}`, { as: lead.as, body });
    expectError(await patch({ count: 1 }), 409, "slot_filled");
    expectError(await patch({ discipline: "design" }), 409, "slot_filled");
    expect((await patch({ count: 2 })).status).toBe(200);
    expect(await slotRow(slotIds[0])).toMatchObject({ filled: 2, count: 2 });
  });

  it("refuses members and strangers (403), unknown slots (404), and stages past recruiting (409)", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const other = await challengeWith();
    const stranger = await member();
    const path = `/api/challenges/${id}/slots/${slotIds[0]}`;
    expectError(await callJson("PATCH", path, { as: stranger.as, body: { count: 2 } }), 403);
    expectError(
      await callJson("PATCH", `/api/challenges/${id}/slots/slot_nope`, { as: lead.as, body: { count: 2 } }),
      404,
    );
    expectError(
      await callJson("PATCH", `/api/challenges/${id}/slots/${other.slotIds[0]}`, { as: lead.as, body: { count: 2 } }),
      404,
    );
    for (const stage of ["showcase", "reviewed"] as const) {
      await setChallenge(id, { stage });
      expectError(await callJson("PATCH", path, { as: lead.as, body: { count: 2 } }), 409, "invalid_stage");
    }
  });

  it("answers bad input with 400 naming the field", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const path = `/api/challenges/${id}/slots/${slotIds[0]}`;
    const patch = (body: unknown) => callJson("PATCH", path, { as: lead.as, body });
    expectInvalid(await patch({}), "body");
    expectInvalid(await patch({ count: 0 }), "count");
    expectInvalid(await patch({ count: "2" }), "count");
    expectInvalid(await patch({ commitmentPercent: 0 }), "commitmentPercent");
    expectInvalid(await patch({ discipline: "astrology" }), "discipline");
    expectInvalid(await patch({ status: "gone" }), "status");
    expectInvalid(await patch({ required: 1 }), "required");
    await expectJunkRefused("PATCH", path, lead.as);
    expect(await slotRow(slotIds[0])).toMatchObject({ count: 1, status: "open", required: 1 });
  });
});

describe("DELETE /api/challenges/:id/slots/:slotId", () => {
  it("deletes a slot without history", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ required: true }, { discipline: "legal" }] });
    const res = await callJson("DELETE", `/api/challenges/${id}/slots/${slotIds[1]}`, { as: lead.as });
    expect(res.status).toBe(200);
    expect(await slotRow(slotIds[1])).toBeNull();
    const ch = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body;
    expect(ch.slots.map((s: { id: string }) => s.id)).toEqual([slotIds[0]]);
    expect((await activitiesOf(id)).some((a) => a.action === "slot_removed")).toBe(true);
  });

  it("closes a slot with history instead, declining its pending applications", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{}, { discipline: "legal", count: 2 }] });
    const first = await member({ discipline: "legal" });
    const second = await member({ discipline: "legal" });
    const firstApp = await applied(first, id, slotIds[1]);
    const secondApp = await applied(second, id, slotIds[1]);
    await callJson("POST", `/api/applications/${secondApp}/withdraw`, { as: second.as });

    const res = await callJson("DELETE", `/api/challenges/${id}/slots/${slotIds[1]}`, { as: lead.as });
    expect(res.status).toBe(200);
    expect(await slotRow(slotIds[1])).toMatchObject({ status: "closed", filled: 0 });
    const apps = res.body.applications;
    expect(apps.find((a: any) => a.id === firstApp)).toMatchObject({
      status: "declined",
      decisionNote: "The role slot was removed.",
    });
    expect(apps.find((a: any) => a.id === secondApp).status).toBe("withdrawn");
    expectError(await applyTo(first.as, id, slotIds[1]), 409, "slot_closed");
  });

  it("a removed required slot no longer holds the team back from starting", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ required: true }] });
    const applicant = await member({ discipline: "data" });
    await applied(applicant, id, slotIds[0]);
    expect((await callJson("DELETE", `/api/challenges/${id}/slots/${slotIds[0]}`, { as: lead.as })).status).toBe(200);
    expect((await team(lead.as, id)).body.coverage).toMatchObject({ requiredSeats: 0, requiredSeatsFilled: 0 });
    const started = await start(lead.as, id);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
  });

  it("refuses a slot with members (409), members and strangers (403), and stages past recruiting (409)", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 2 }, { discipline: "legal" }] });
    await seatMembers(id, slotIds[0], 1, "pending_lend");
    expectError(
      await callJson("DELETE", `/api/challenges/${id}/slots/${slotIds[0]}`, { as: lead.as }),
      409,
      "slot_filled",
    );
    expect(await slotRow(slotIds[0])).toMatchObject({ status: "open", filled: 1 });
    const stranger = await member();
    expectError(await callJson("DELETE", `/api/challenges/${id}/slots/${slotIds[1]}`, { as: stranger.as }), 403);
    expectError(await callJson("DELETE", `/api/challenges/${id}/slots/slot_nope`, { as: lead.as }), 404);
    for (const stage of ["showcase", "reviewed"] as const) {
      await setChallenge(id, { stage });
      expectError(
        await callJson("DELETE", `/api/challenges/${id}/slots/${slotIds[1]}`, { as: lead.as }),
        409,
        "invalid_stage",
      );
    }
    expect(await slotRow(slotIds[1])).toMatchObject({ status: "open" });
  });
});

// ─── Applications ───────────────────────────────────────────────────────────────────────────

describe("POST /api/challenges/:id/slots/:slotId/applications", () => {
  it("applies with a pitch; the application is pending and the activity records it", async () => {
    for (const stage of ["open", "funded", "active"] as const) {
      const { id, slotIds } = await challengeWith({ stage });
      const ian = await member({ discipline: "data" });
      const res = await applyTo(ian.as, id, slotIds[0], { pitch: `  ${pitch}  ` });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({
        status: "pending",
        pitch,
        slotId: slotIds[0],
        slotDiscipline: "data",
        applicant: { id: ian.id },
        decisionNote: "",
        decidedAt: null,
        applicantCommitmentPercent: 0,
      });
      expect((await activitiesOf(id)).some((a) => a.action === "applied" && a.actorId === ian.id)).toBe(true);
    }
  });

  it("refuses leads, co-leads, members, second applications and full slots (409)", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 1 }, { discipline: "data", count: 2 }] });
    const coLead = await member({ discipline: "data" });
    await joined(coLead, lead, id, slotIds[1]);
    await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: lead.as, body: { personId: coLead.id } });
    expectError(await applyTo(lead.as, id, slotIds[0]), 409, "own_challenge");
    expectError(await applyTo(coLead.as, id, slotIds[0]), 409, "own_challenge");

    const teammate = await member({ discipline: "data" });
    await joined(teammate, lead, id, slotIds[0]);
    expectError(await applyTo(teammate.as, id, slotIds[1]), 409, "already_member");
    expectError(await applyTo((await member()).as, id, slotIds[0]), 409, "slot_full");

    const twice = await member();
    await applied(twice, id, slotIds[1]);
    expectError(await applyTo(twice.as, id, slotIds[1]), 409, "already_applied");
  });

  it("refuses drafts (404 for others) and challenges that no longer recruit (409)", async () => {
    const applicant = await member({ discipline: "data" });
    const draft = await challengeWith({ stage: "draft" });
    expectError(await applyTo(applicant.as, draft.id, draft.slotIds[0]), 404, "not_found");
    for (const stage of ["showcase", "reviewed", "withdrawn", "archived"] as const) {
      const { id, slotIds } = await challengeWith({ stage });
      expectError(await applyTo(applicant.as, id, slotIds[0]), 409, "invalid_stage");
    }
    const { id } = await challengeWith();
    const other = await challengeWith();
    expectError(await applyTo(applicant.as, id, other.slotIds[0]), 404);
    expectError(await applyTo(applicant.as, "ch_nope", other.slotIds[0]), 404);
  });

  it("concurrent applications by one person to one slot: exactly one is written", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 2 }] });
    const ian = await member();
    const results = await Promise.all(Array.from({ length: 6 }, () => applyTo(ian.as, id, slotIds[0])));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 201)) expect(r.status).toBe(409);
    expect((await team(lead.as, id)).body.applications).toHaveLength(1);
  });

  it("applies again after withdrawing", async () => {
    const { id, slotIds } = await challengeWith();
    const ian = await member();
    const first = await applied(ian, id, slotIds[0]);
    expect((await callJson("POST", `/api/applications/${first}/withdraw`, { as: ian.as })).status).toBe(200);
    const second = await applyTo(ian.as, id, slotIds[0]);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first);
  });

  it("applies again after being declined", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const ian = await member();
    const first = await applied(ian, id, slotIds[0]);
    expect((await decide(lead.as, first, { decision: "decline", note: "Not this quarter." })).status).toBe(200);
    expect((await applyTo(ian.as, id, slotIds[0])).status).toBe(201);
  });

  it("applies again to the same slot after the seat ended (released or lend declined)", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const ian = await member({ discipline: "data" });
    const { membershipId } = await joined(ian, lead, id, slotIds[0]);
    expect((await callJson("DELETE", `/api/memberships/${membershipId}`, { as: lead.as })).status).toBe(200);
    const again = await applyTo(ian.as, id, slotIds[0]);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const team = await callJson("GET", `/api/challenges/${id}/team`, { as: lead.as });
    expect(team.body.applications.map((a: { status: string }) => a.status).sort()).toEqual(["ended", "pending"]);
  });

  it("answers bad input with 400 naming the pitch, never a 500", async () => {
    const { id, slotIds } = await challengeWith();
    const ian = await member();
    expectInvalid(await applyTo(ian.as, id, slotIds[0], { pitch: "short" }), "pitch");
    expectInvalid(await applyTo(ian.as, id, slotIds[0], { pitch: "          x         " }), "pitch");
    expectInvalid(await applyTo(ian.as, id, slotIds[0], { pitch: "x".repeat(2001) }), "pitch");
    expectInvalid(await applyTo(ian.as, id, slotIds[0], { pitch: 12345678901 }), "pitch");
    expectInvalid(await applyTo(ian.as, id, slotIds[0], {}), "pitch");
    expectInvalid(await applyTo(ian.as, id, "bad slot!", { pitch }), "slotId");
    expect((await applyTo(ian.as, id, slotIds[0], { pitch: "x".repeat(2000) })).status).toBe(201);
    await expectJunkRefused("POST", `/api/challenges/${id}/slots/${slotIds[0]}/applications`, (await member()).as);
  });
});

describe("POST /api/applications/:id/withdraw", () => {
  it("the applicant withdraws a pending application; nobody else can", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const ian = await member();
    const stranger = await member();
    const appId = await applied(ian, id, slotIds[0]);
    expectError(await callJson("POST", `/api/applications/${appId}/withdraw`, { as: lead.as }), 403, "forbidden");
    expectError(await callJson("POST", `/api/applications/${appId}/withdraw`, { as: stranger.as }), 404);
    expectError(await callJson("POST", "/api/applications/app_nope/withdraw", { as: ian.as }), 404);
    const res = await callJson("POST", `/api/applications/${appId}/withdraw`, { as: ian.as });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: appId, status: "withdrawn" });
    expect(res.body.decidedAt).toEqual(expect.any(String));
    expect((await activitiesOf(id)).some((a) => a.action === "application_withdrawn")).toBe(true);
  });

  it("nothing moves out of a decided state (409)", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 3 }] });
    const [w, a, d] = [await member(), await member(), await member()];
    const withdrawn = await applied(w, id, slotIds[0]);
    const accepted = await applied(a, id, slotIds[0]);
    const declined = await applied(d, id, slotIds[0]);
    await callJson("POST", `/api/applications/${withdrawn}/withdraw`, { as: w.as });
    await decide(lead.as, accepted, { decision: "accept" });
    await decide(lead.as, declined, { decision: "decline", note: "Another time." });

    expectError(await callJson("POST", `/api/applications/${withdrawn}/withdraw`, { as: w.as }), 409, "invalid_state");
    expectError(await callJson("POST", `/api/applications/${accepted}/withdraw`, { as: a.as }), 409, "invalid_state");
    expectError(await callJson("POST", `/api/applications/${declined}/withdraw`, { as: d.as }), 409, "invalid_state");
    for (const [appId, status] of [
      [withdrawn, "withdrawn"],
      [accepted, "accepted"],
      [declined, "declined"],
    ]) {
      const acc = expectError(await decide(lead.as, appId, { decision: "accept" }), 409, "invalid_state");
      expect(acc.message).toContain(status);
      expectError(await decide(lead.as, appId, { decision: "decline", note: "No." }), 409, "invalid_state");
      expect(await appStatus(appId)).toBe(status);
    }
    expect(await slotRow(slotIds[0])).toMatchObject({ filled: 1 });
  });

  it("never answers junk with a 500", async () => {
    const { id, slotIds } = await challengeWith();
    const ian = await member();
    const appId = await applied(ian, id, slotIds[0]);
    for (const body of JUNK_BODIES) {
      const res = await callJson("POST", `/api/applications/${appId}/withdraw`, { as: ian.as, body });
      expect(res.status).toBeLessThan(500);
    }
    expect(await appStatus(appId)).toBe("withdrawn");
    expectInvalid(await callJson("POST", "/api/applications/bad id!/withdraw", { as: ian.as }), "id");
  });
});

describe("POST /api/applications/:id/decision", () => {
  it("the lead accepts: an active seat, the slot fills, the applicant's commitment shows", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 2, commitmentPercent: 35, required: true }] });
    const ian = await member({ discipline: "data" });
    const appId = await applied(ian, id, slotIds[0]);
    const res = await decide(lead.as, appId, { decision: "accept", note: "Welcome aboard." });
    expect(res.status).toBe(200);
    expect(res.body.members).toEqual([
      expect.objectContaining({
        person: expect.objectContaining({ id: ian.id }),
        status: "active",
        commitmentPercent: 35,
        lend: null,
      }),
    ]);
    expect(res.body.applications.find((a: any) => a.id === appId)).toMatchObject({
      status: "accepted",
      decisionNote: "Welcome aboard.",
      applicantCommitmentPercent: 35,
    });
    expect(await slotRow(slotIds[0])).toMatchObject({ filled: 1 });
    expect(await liveCommitment(ian.id)).toBe(35);
    expect((await activitiesOf(id)).some((a) => a.action === "application_accepted" && a.actorId === lead.id)).toBe(
      true,
    );
  });

  it("the lead declines with a note; the seat stays free", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const ian = await member();
    const appId = await applied(ian, id, slotIds[0]);
    const res = await decide(lead.as, appId, { decision: "decline", note: "  We need SQL depth.  " });
    expect(res.status).toBe(200);
    expect(res.body.applications.find((a: any) => a.id === appId)).toMatchObject({
      status: "declined",
      decisionNote: "We need SQL depth.",
    });
    expect(res.body.members).toEqual([]);
    expect(await slotRow(slotIds[0])).toMatchObject({ filled: 0 });
    expect((await activitiesOf(id)).some((a) => a.action === "application_declined")).toBe(true);
  });

  it("an applicant with a manager is seated pending the lend, for the duration asked or the horizon", async () => {
    const manager = await member({ track: "management", level: "M2" });
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 2 }], horizonWeeks: 12 });
    const [a, b] = [
      await member({ managerId: manager.id, discipline: "data" }),
      await member({ managerId: manager.id, discipline: "data" }),
    ];
    await decide(lead.as, await applied(a, id, slotIds[0]), { decision: "accept", durationWeeks: 6 });
    await decide(lead.as, await applied(b, id, slotIds[0]), { decision: "accept" });
    const lends = await lendsOf(manager, "pending");
    const weeks = new Map(lends.map((l: any) => [l.person.id, l.durationWeeks]));
    expect(weeks.get(a.id)).toBe(6);
    expect(weeks.get(b.id)).toBe(12);
    expect(lends[0]).toMatchObject({ sharePercent: 20, challenge: { id, stage: "funded" } });
  });

  it("the co-lead decides too; the applicant is refused (403), anyone else cannot see it (404)", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 3 }] });
    const coLead = await member({ discipline: "data" });
    await joined(coLead, lead, id, slotIds[0]);
    await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: lead.as, body: { personId: coLead.id } });
    const teammate = await member();
    await joined(teammate, lead, id, slotIds[0]);

    const ian = await member();
    const appId = await applied(ian, id, slotIds[0]);
    expectError(await decide(ian.as, appId, { decision: "accept" }), 403, "forbidden");
    expectError(await decide(teammate.as, appId, { decision: "accept" }), 404, "not_found");
    expectError(await decide((await member()).as, appId, { decision: "decline", note: "x" }), 404, "not_found");
    expectError(await decide(lead.as, "app_nope", { decision: "accept" }), 404);
    expect(await appStatus(appId)).toBe("pending");
    const byCoLead = await decide(coLead.as, appId, { decision: "decline", note: "We filled it with a specialist." });
    expect(byCoLead.status).toBe(200);

    const jo = await member();
    const joApp = await applied(jo, id, slotIds[0]);
    expect((await decide(coLead.as, joApp, { decision: "accept" })).status).toBe(200);
    expect(await appStatus(joApp)).toBe("accepted");
  });

  it("refuses accepting into a full slot, a closed slot, or a challenge past recruiting (409)", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 1 }, { discipline: "legal", count: 1 }] });
    const [a, b, c] = [await member(), await member(), await member()];
    const appA = await applied(a, id, slotIds[0]);
    const appB = await applied(b, id, slotIds[0]);
    const appC = await applied(c, id, slotIds[1]);
    expect((await decide(lead.as, appA, { decision: "accept" })).status).toBe(200);
    const full = expectError(await decide(lead.as, appB, { decision: "accept" }), 409, "slot_full");
    expect(full.message).toContain("1 of 1");
    expect(await appStatus(appB)).toBe("pending");

    await callJson("PATCH", `/api/challenges/${id}/slots/${slotIds[1]}`, { as: lead.as, body: { status: "closed" } });
    expectError(await decide(lead.as, appC, { decision: "accept" }), 409, "slot_closed");
    await callJson("PATCH", `/api/challenges/${id}/slots/${slotIds[1]}`, { as: lead.as, body: { status: "open" } });

    await setChallenge(id, { stage: "showcase" });
    expectError(await decide(lead.as, appC, { decision: "accept" }), 409, "invalid_stage");
    expect(await appStatus(appC)).toBe("pending");
    expect(await slotRow(slotIds[1])).toMatchObject({ filled: 0 });
  });

  it("refuses accepting someone already on the team through another slot, saying so", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 1 }, { discipline: "legal", count: 1 }] });
    const ian = await member();
    const first = await applied(ian, id, slotIds[0]);
    const second = await applied(ian, id, slotIds[1]);
    expect((await decide(lead.as, first, { decision: "accept" })).status).toBe(200);
    expectError(await decide(lead.as, second, { decision: "accept" }), 409, "already_member");
    expect(await slotRow(slotIds[1])).toMatchObject({ filled: 0 });
    expect(await appStatus(second)).toBe("pending");
  });

  it("answers bad input with 400 naming the field, never a 500", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const appId = await applied(await member(), id, slotIds[0]);
    expectInvalid(await decide(lead.as, appId, { decision: "maybe" }), "decision");
    expectInvalid(await decide(lead.as, appId, {}), "decision");
    expectInvalid(await decide(lead.as, appId, { decision: "decline" }), "note");
    expectInvalid(await decide(lead.as, appId, { decision: "decline", note: "   " }), "note");
    expectInvalid(await decide(lead.as, appId, { decision: "decline", note: "x".repeat(2001) }), "note");
    expectInvalid(await decide(lead.as, appId, { decision: "accept", durationWeeks: 0 }), "durationWeeks");
    expectInvalid(await decide(lead.as, appId, { decision: "accept", durationWeeks: 105 }), "durationWeeks");
    expectInvalid(await decide(lead.as, appId, { decision: "accept", durationWeeks: 2.5 }), "durationWeeks");
    expectInvalid(await decide(lead.as, appId, { decision: "accept", durationWeeks: "4" }), "durationWeeks");
    expectInvalid(await decide(lead.as, appId, { decision: "accept", note: 5 }), "note");
    await expectJunkRefused("POST", `/api/applications/${appId}/decision`, lead.as);
    expect(await appStatus(appId)).toBe("pending");
  });
});

// ─── Memberships ────────────────────────────────────────────────────────────────────────────

describe("DELETE /api/memberships/:id", () => {
  it("the lead releases a member; the seat frees up", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const ian = await member();
    const { membershipId } = await joined(ian, lead, id, slotIds[0]);
    const res = await callJson("DELETE", `/api/memberships/${membershipId}`, { as: lead.as });
    expect(res.status).toBe(200);
    expect(res.body.members).toEqual([]);
    expect(await slotRow(slotIds[0])).toMatchObject({ filled: 0 });
    expect(await liveCommitment(ian.id)).toBe(0);
    expect((await activitiesOf(id)).some((a) => a.action === "member_released")).toBe(true);
    expectError(await callJson("DELETE", `/api/memberships/${membershipId}`, { as: lead.as }), 409, "invalid_state");
  });

  it("a member leaves; the co-lead releases; nobody else may (403)", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 4 }] });
    const [coLead, leaver, released, bystander] = [await member(), await member(), await member(), await member()];
    await joined(coLead, lead, id, slotIds[0]);
    await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: lead.as, body: { personId: coLead.id } });
    const leaving = (await joined(leaver, lead, id, slotIds[0])).membershipId;
    const releasing = (await joined(released, lead, id, slotIds[0])).membershipId;
    await joined(bystander, lead, id, slotIds[0]);

    expectError(await callJson("DELETE", `/api/memberships/${leaving}`, { as: bystander.as }), 403, "forbidden");
    expectError(await callJson("DELETE", `/api/memberships/${leaving}`, { as: (await member()).as }), 403, "forbidden");
    expectError(await callJson("DELETE", "/api/memberships/mem_nope", { as: lead.as }), 404);

    expect((await callJson("DELETE", `/api/memberships/${leaving}`, { as: leaver.as })).status).toBe(200);
    expect((await activitiesOf(id)).some((a) => a.action === "member_left" && a.actorId === leaver.id)).toBe(true);
    expect((await callJson("DELETE", `/api/memberships/${releasing}`, { as: coLead.as })).status).toBe(200);
    expect(await slotRow(slotIds[0])).toMatchObject({ filled: 2 });
  });

  it("a released co-lead loses the role and the lead's rights", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 2 }] });
    const coLead = await member();
    const { membershipId } = await joined(coLead, lead, id, slotIds[0]);
    await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: lead.as, body: { personId: coLead.id } });
    expect((await callJson("DELETE", `/api/memberships/${membershipId}`, { as: lead.as })).status).toBe(200);
    const t = await team(lead.as, id);
    expect(t.body.coLead).toBeNull();
    const ch = await env.DB.prepare("SELECT co_lead_id FROM challenges WHERE id = ?").bind(id).first();
    expect(ch?.co_lead_id).toBeNull();
    const appId = await applied(await member(), id, slotIds[0]);
    expectError(await decide(coLead.as, appId, { decision: "accept" }), 404);
    expectError(
      await callJson("POST", `/api/challenges/${id}/slots`, {
        as: coLead.as,
        body: { discipline: "legal", commitmentPercent: 10 },
      }),
      403,
    );
  });

  it("a co-lead who leaves on their own loses the role too", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const coLead = await member();
    const { membershipId } = await joined(coLead, lead, id, slotIds[0]);
    await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: lead.as, body: { personId: coLead.id } });
    expect((await callJson("DELETE", `/api/memberships/${membershipId}`, { as: coLead.as })).status).toBe(200);
    expect((await team(lead.as, id)).body.coLead).toBeNull();
  });

  it("releasing someone awaiting a lend declines the lend: the manager can no longer approve it (409)", async () => {
    const manager = await member({ track: "management", level: "M2" });
    const { lead, id, slotIds } = await challengeWith();
    const ian = await member({ managerId: manager.id });
    const { membershipId } = await joined(ian, lead, id, slotIds[0]);
    const [lend] = await lendsOf(manager, "pending");
    expect((await callJson("DELETE", `/api/memberships/${membershipId}`, { as: lead.as })).status).toBe(200);
    expect(await slotRow(slotIds[0])).toMatchObject({ filled: 0 });
    expectError(await decideLend(manager.as, lend.id, { decision: "approve" }), 409, "invalid_state");
    const [after] = await lendsOf(manager);
    expect(after).toMatchObject({ id: lend.id, status: "declined" });
    expect(after.reason).toMatch(/released/i);
    const m = await env.DB.prepare("SELECT status FROM memberships WHERE id = ?").bind(membershipId).first();
    expect(m?.status).toBe("released");
  });

  it("is 404 for a membership of someone else's draft", async () => {
    const { lead, id, slotIds } = await challengeWith({ stage: "draft" });
    const membershipId = await seat((await member()).id, id, slotIds[0], 20);
    expectError(await callJson("DELETE", `/api/memberships/${membershipId}`, { as: (await member()).as }), 404);
    expect((await callJson("DELETE", `/api/memberships/${membershipId}`, { as: lead.as })).status).toBe(200);
    expectInvalid(await callJson("DELETE", "/api/memberships/bad id!", { as: lead.as }), "id");
  });
});

// ─── Co-lead ────────────────────────────────────────────────────────────────────────────────

describe("PUT /api/challenges/:id/co-lead", () => {
  it("the lead names an active member; the co-lead gets the lead's rights except naming a co-lead", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 3, required: true }] });
    const [coLead, other] = [await member({ discipline: "data" }), await member({ discipline: "data" })];
    await joined(coLead, lead, id, slotIds[0]);
    await joined(other, lead, id, slotIds[0]);
    const named = await callJson("PUT", `/api/challenges/${id}/co-lead`, {
      as: lead.as,
      body: { personId: coLead.id },
    });
    expect(named.status).toBe(200);
    expect(named.body.coLead.id).toBe(coLead.id);
    expect((await activitiesOf(id)).some((a) => a.action === "co_lead_named")).toBe(true);

    expectError(
      await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: coLead.as, body: { personId: other.id } }),
      403,
      "forbidden",
    );
    expectError(
      await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: coLead.as, body: { personId: null } }),
      403,
    );

    // Accept, manage slots, start.
    const third = await member();
    expect((await decide(coLead.as, await applied(third, id, slotIds[0]), { decision: "accept" })).status).toBe(200);
    expect(
      (
        await callJson("PATCH", `/api/challenges/${id}/slots/${slotIds[0]}`, {
          as: coLead.as,
          body: { skills: ["sql"] },
        })
      ).status,
    ).toBe(200);
    const started = await start(coLead.as, id);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.stage).toBe("active");

    // The lead replaces and removes the co-lead.
    const replaced = await callJson("PUT", `/api/challenges/${id}/co-lead`, {
      as: lead.as,
      body: { personId: other.id },
    });
    expect(replaced.body.coLead.id).toBe(other.id);
    expect(replaced.body.members.find((m: any) => m.person.id === coLead.id).isCoLead).toBe(false);
    const removed = await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: lead.as, body: { personId: null } });
    expect(removed.status).toBe(200);
    expect(removed.body.coLead).toBeNull();
  });

  it("a co-lead can publish a draft", async () => {
    const { lead, id, slotIds } = await challengeWith({ stage: "draft" });
    const coLead = await member();
    await seat(coLead.id, id, slotIds[0], 20);
    await setChallenge(id, { co_lead_id: coLead.id });
    expect((await team(coLead.as, id)).status).toBe(200);
    const res = await callJson("POST", `/api/challenges/${id}/transitions`, {
      as: coLead.as,
      body: { action: "publish" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.stage).toBe("open");
    expect(lead.id).not.toBe(coLead.id);
  });

  it("names only active members (409), never the lead (400)", async () => {
    const manager = await member({ track: "management", level: "M2" });
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 3 }] });
    const lent = await member({ managerId: manager.id });
    await joined(lent, lead, id, slotIds[0]);
    const applicant = await member();
    await applied(applicant, id, slotIds[0]);
    const gone = await member();
    const { membershipId } = await joined(gone, lead, id, slotIds[0]);
    await callJson("DELETE", `/api/memberships/${membershipId}`, { as: lead.as });
    const put = (personId: unknown) =>
      callJson("PUT", `/api/challenges/${id}/co-lead`, { as: lead.as, body: { personId } });
    expectError(await put(lent.id), 409, "not_a_member");
    expectError(await put(applicant.id), 409, "not_a_member");
    expectError(await put(gone.id), 409, "not_a_member");
    expectError(await put((await member()).id), 409, "not_a_member");
    expectError(await put("p_nobody"), 409, "not_a_member");
    expectInvalid(await put(lead.id), "personId");
    expect((await team(lead.as, id)).body.coLead).toBeNull();
  });

  it("refuses everyone but the lead: 403 on a visible challenge, 404 on a draft", async () => {
    const { lead, id, slotIds } = await challengeWith();
    const teammate = await member();
    await joined(teammate, lead, id, slotIds[0]);
    const stranger = await member();
    expectError(
      await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: teammate.as, body: { personId: teammate.id } }),
      403,
    );
    expectError(
      await callJson("PUT", `/api/challenges/${id}/co-lead`, { as: stranger.as, body: { personId: teammate.id } }),
      403,
    );
    const draft = await challengeWith({ stage: "draft" });
    expectError(
      await callJson("PUT", `/api/challenges/${draft.id}/co-lead`, { as: stranger.as, body: { personId: null } }),
      404,
    );
  });

  it("answers bad input with 400 naming personId, never a 500", async () => {
    const { lead, id } = await challengeWith();
    const put = (body: unknown) => callJson("PUT", `/api/challenges/${id}/co-lead`, { as: lead.as, body });
    expectInvalid(await put({}), "personId");
    expectInvalid(await put({ personId: 5 }), "personId");
    expectInvalid(await put({ personId: "" }), "personId");
    expectInvalid(await put({ personId: ["p_1"] }), "personId");
    expectInvalid(await put({ personId: { id: "p_1" } }), "personId");
    expectInvalid(await put({ personId: "p".repeat(65) }), "personId");
    await expectJunkRefused("PUT", `/api/challenges/${id}/co-lead`, lead.as);
  });
});

// ─── Lends ──────────────────────────────────────────────────────────────────────────────────

describe("GET /api/lends", () => {
  it("lists the lend requests for my reports, newest first, filtered by status; nobody else's", async () => {
    const manager = await member({ track: "management", level: "M2" });
    const otherManager = await member({ track: "management", level: "M2" });
    const [a, b] = [await member({ managerId: manager.id }), await member({ managerId: manager.id })];
    const c1 = await challengeWith({ title: "First loan" });
    const c2 = await challengeWith({ title: "Second loan" });
    await joined(a, c1.lead, c1.id, c1.slotIds[0]);
    await joined(b, c2.lead, c2.id, c2.slotIds[0]);

    const all = await lendsOf(manager);
    expect(all.map((l) => l.person.id)).toEqual([b.id, a.id]);
    expect(all[0]).toMatchObject({
      challenge: { id: c2.id, title: "Second loan", stage: "funded" },
      status: "pending",
      reason: "",
      decidedAt: null,
      sharePercent: 20,
    });
    await decideLend(manager.as, all[1].id, { decision: "approve" });
    expect((await lendsOf(manager, "pending")).map((l) => l.person.id)).toEqual([b.id]);
    expect((await lendsOf(manager, "approved")).map((l) => l.person.id)).toEqual([a.id]);
    expect(await lendsOf(manager, "declined")).toEqual([]);
    expect(await lendsOf(otherManager)).toEqual([]);
    expect(await lendsOf(a)).toEqual([]);
    expectInvalid(await callJson("GET", "/api/lends?status=lost", { as: manager.as }), "status");
  });

  it("pages to the end without repeats, and a decision answers with its request however many there are", async () => {
    const manager = await member({ track: "management", level: "M2" });
    const lent: string[] = [];
    for (let i = 0; i < 5; i++) {
      const report = await member({ managerId: manager.id });
      const ch = await challengeWith({ title: `Loan ${i}` });
      await joined(report, ch.lead, ch.id, ch.slotIds[0]);
      lent.push(report.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: { status: number; body: any } = await callJson(
        "GET",
        `/api/lends?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { as: manager.as },
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((l: { person: { id: string } }) => l.person.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...lent].reverse());
    const oldest = (await lendsOf(manager)).at(-1);
    const decided = await decideLend(manager.as, oldest?.id ?? "", { decision: "approve" });
    expect(decided.body).toMatchObject({ id: oldest?.id, status: "approved" });
    expectInvalid(await callJson("GET", "/api/lends?limit=0", { as: manager.as }), "limit");
    expectInvalid(await callJson("GET", "/api/lends?cursor=nope", { as: manager.as }), "cursor");
  });
});

describe("POST /api/lends/:id/decision", () => {
  async function pendingLend() {
    const manager = await member({ name: "Mona Manager", track: "management", level: "M2" });
    const { lead, id, slotIds } = await challengeWith({ slots: [{ required: true }] });
    const ian = await member({ managerId: manager.id });
    const { membershipId } = await joined(ian, lead, id, slotIds[0]);
    const [lend] = await lendsOf(manager, "pending");
    return { manager, lead, id, slotIds, ian, membershipId, lend };
  }

  it("the manager approves: the seat becomes active and counts for starting", async () => {
    const { manager, lead, id, ian, membershipId, lend } = await pendingLend();
    expectError(await start(lead.as, id), 409);
    const res = await decideLend(manager.as, lend.id, { decision: "approve", reason: "Good growth for Ian." });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: lend.id, membershipId, status: "approved", person: { id: ian.id } });
    expect(res.body.decidedAt).toEqual(expect.any(String));
    const t = await team(lead.as, id);
    expect(t.body.members[0]).toMatchObject({ status: "active", lend: { id: lend.id, status: "approved" } });
    expect((await activitiesOf(id)).some((a) => a.action === "lend_approved" && a.actorId === manager.id)).toBe(true);
    expect((await start(lead.as, id)).status).toBe(200);
  });

  it("a decline needs a reason, ends the seat and frees it", async () => {
    const { manager, lead, id, slotIds, ian, membershipId, lend } = await pendingLend();
    expectInvalid(await decideLend(manager.as, lend.id, { decision: "decline" }), "reason");
    expectInvalid(await decideLend(manager.as, lend.id, { decision: "decline", reason: "  " }), "reason");
    const res = await decideLend(manager.as, lend.id, { decision: "decline", reason: "Quarter-end close." });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "declined", reason: "Quarter-end close." });
    expect(await slotRow(slotIds[0])).toMatchObject({ filled: 0 });
    const m = await env.DB.prepare("SELECT status, ended_at FROM memberships WHERE id = ?").bind(membershipId).first();
    expect(m).toMatchObject({ status: "lend_declined", ended_at: expect.any(String) });
    expect(await liveCommitment(ian.id)).toBe(0);
    expect((await team(lead.as, id)).body.members).toEqual([]);
    // The freed seat takes someone else.
    const next = await member();
    await joined(next, lead, id, slotIds[0]);
  });

  it("nothing moves out of a decided lend (409)", async () => {
    const approved = await pendingLend();
    await decideLend(approved.manager.as, approved.lend.id, { decision: "approve" });
    expectError(
      await decideLend(approved.manager.as, approved.lend.id, { decision: "decline", reason: "Changed my mind." }),
      409,
      "invalid_state",
    );
    expectError(await decideLend(approved.manager.as, approved.lend.id, { decision: "approve" }), 409, "invalid_state");
    const declined = await pendingLend();
    await decideLend(declined.manager.as, declined.lend.id, { decision: "decline", reason: "Not now." });
    expectError(await decideLend(declined.manager.as, declined.lend.id, { decision: "approve" }), 409, "invalid_state");
    expect(await slotRow(declined.slotIds[0])).toMatchObject({ filled: 0 });
  });

  it("only the member's manager decides: 403 for the member, 404 for the lead and others", async () => {
    const { manager, lead, ian, lend } = await pendingLend();
    expectError(await decideLend(ian.as, lend.id, { decision: "approve" }), 403, "forbidden");
    expectError(await decideLend(lead.as, lend.id, { decision: "approve" }), 404, "not_found");
    expectError(await decideLend((await member({ track: "management" })).as, lend.id, { decision: "approve" }), 404);
    expectError(await decideLend(manager.as, "lend_nope", { decision: "approve" }), 404);
    expect((await lendsOf(manager, "pending")).map((l) => l.id)).toEqual([lend.id]);
  });

  it("answers bad input with 400 naming the field, never a 500", async () => {
    const { manager, lend } = await pendingLend();
    expectInvalid(await decideLend(manager.as, lend.id, { decision: "approved" }), "decision");
    expectInvalid(await decideLend(manager.as, lend.id, {}), "decision");
    expectInvalid(await decideLend(manager.as, lend.id, { decision: "approve", reason: 5 }), "reason");
    expectInvalid(await decideLend(manager.as, lend.id, { decision: "approve", reason: "x".repeat(2001) }), "reason");
    await expectJunkRefused("POST", `/api/lends/${lend.id}/decision`, manager.as);
    expectInvalid(await decideLend(manager.as, "bad id!", { decision: "approve" }), "id");
    expect((await lendsOf(manager, "pending")).map((l) => l.id)).toEqual([lend.id]);
  });
});

// ─── The commitment cap ─────────────────────────────────────────────────────────────────────

describe("the commitment cap", () => {
  it("the refusal names the current total; a pending lend counts", async () => {
    const manager = await member({ track: "management", level: "M2" });
    const ian = await member({ name: "Ian Coder", managerId: manager.id });
    const first = await challengeWith({ slots: [{ commitmentPercent: 60 }] });
    await joined(ian, first.lead, first.id, first.slotIds[0]);
    expect((await team(first.lead.as, first.id)).body.members[0].status).toBe("pending_lend");

    const second = await challengeWith({ slots: [{ commitmentPercent: 50 }] });
    const appId = await applied(ian, second.id, second.slotIds[0]);
    const refusal = expectError(await decide(second.lead.as, appId, { decision: "accept" }), 409, "over_commitment");
    expect(refusal.message).toBe(
      "Ian Coder is already committed 60% across open, funded and active challenges; 50% more would pass the 100% cap.",
    );
    expect(await appStatus(appId)).toBe("pending");
    expect(await slotRow(second.slotIds[0])).toMatchObject({ filled: 0 });

    const third = await challengeWith({ slots: [{ commitmentPercent: 40 }] });
    await joined(ian, third.lead, third.id, third.slotIds[0]);
    expect(await liveCommitment(ian.id)).toBe(100);
  });

  it("commitments on challenges that are not open, funded or active do not count", async () => {
    const ian = await member({ name: "Ian Busy" });
    for (const stage of ["draft", "showcase", "reviewed", "withdrawn", "archived"] as const) {
      const { id, slotIds } = await challengeWith({ stage });
      await seat(ian.id, id, slotIds[0], 90);
    }
    const ongoing = await challengeWith({ stage: "active" });
    await seat(ian.id, ongoing.id, ongoing.slotIds[0], 70);
    const target = await challengeWith({ slots: [{ commitmentPercent: 30 }] });
    await joined(ian, target.lead, target.id, target.slotIds[0]);

    const more = await challengeWith({ slots: [{ commitmentPercent: 5 }] });
    const appId = await applied(ian, more.id, more.slotIds[0]);
    const refusal = expectError(await decide(more.lead.as, appId, { decision: "accept" }), 409, "over_commitment");
    expect(refusal.message).toContain("already committed 100%");
  });

  it("released and lend-declined seats stop counting", async () => {
    const manager = await member({ track: "management", level: "M2" });
    const ian = await member({ managerId: manager.id });
    const a = await challengeWith({ slots: [{ commitmentPercent: 80 }] });
    const b = await challengeWith({ slots: [{ commitmentPercent: 80 }] });
    await joined(ian, a.lead, a.id, a.slotIds[0]);
    const appB = await applied(ian, b.id, b.slotIds[0]);
    expectError(await decide(b.lead.as, appB, { decision: "accept" }), 409, "over_commitment");
    const [lend] = await lendsOf(manager, "pending");
    await decideLend(manager.as, lend.id, { decision: "decline", reason: "Needed on the platform team." });
    expect((await decide(b.lead.as, appB, { decision: "accept" })).status).toBe(200);
  });

  it("follows the org's cap setting", async () => {
    const before = await env.DB.prepare(
      "SELECT commitment_cap_percent AS cap FROM org_settings WHERE id = 'org'",
    ).first<{
      cap: number;
    }>();
    try {
      await env.DB.prepare("UPDATE org_settings SET commitment_cap_percent = 50 WHERE id = 'org'").run();
      const ian = await member({ name: "Ian Capped" });
      const a = await challengeWith({ slots: [{ commitmentPercent: 30 }] });
      await joined(ian, a.lead, a.id, a.slotIds[0]);
      const b = await challengeWith({ slots: [{ commitmentPercent: 25 }] });
      const appId = await applied(ian, b.id, b.slotIds[0]);
      const refusal = expectError(await decide(b.lead.as, appId, { decision: "accept" }), 409, "over_commitment");
      expect(refusal.message).toContain("30%");
      expect(refusal.message).toContain("the 50% cap");
      const c = await challengeWith({ slots: [{ commitmentPercent: 20 }] });
      await joined(ian, c.lead, c.id, c.slotIds[0]);
      expect(await liveCommitment(ian.id)).toBe(50);
    } finally {
      await env.DB.prepare("UPDATE org_settings SET commitment_cap_percent = ? WHERE id = 'org'")
        .bind(before?.cap ?? 100)
        .run();
    }
  });

  it("20 concurrent acceptances of one person into different challenges never pass the cap", async () => {
    const ian = await member({ name: "Ian Wanted" });
    const openings = await Promise.all(
      Array.from({ length: 20 }, () => challengeWith({ slots: [{ commitmentPercent: 35 }] })),
    );
    const apps = [];
    for (const o of openings) apps.push({ ...o, appId: await applied(ian, o.id, o.slotIds[0]) });
    const results = await Promise.all(apps.map((a) => decide(a.lead.as, a.appId, { decision: "accept" })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    for (const r of results.filter((r) => r.status !== 200)) {
      expectError(r, 409, "over_commitment");
      expect(r.body.error.message).toContain("70%");
    }
    expect(await liveCommitment(ian.id)).toBe(70);
    const filled = await Promise.all(apps.map((a) => slotRow(a.slotIds[0])));
    expect(filled.reduce((sum, s) => sum + (s?.filled ?? 0), 0)).toBe(2);
  });

  it("concurrent acceptances into one slot never overfill it", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 3 }] });
    const applicants = await Promise.all(Array.from({ length: 12 }, () => member()));
    const apps: string[] = [];
    for (const a of applicants) apps.push(await applied(a, id, slotIds[0]));
    const results = await Promise.all(apps.map((appId) => decide(lead.as, appId, { decision: "accept" })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    for (const r of results.filter((r) => r.status !== 200)) expectError(r, 409, "slot_full");
    expect(await slotRow(slotIds[0])).toMatchObject({ filled: 3, count: 3 });
    expect((await team(lead.as, id)).body.members).toHaveLength(3);
  });

  it("a concurrent withdrawal and acceptance: one wins, never both", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ count: 5 }] });
    for (let i = 0; i < 5; i++) {
      const ian = await member();
      const appId = await applied(ian, id, slotIds[0]);
      const [accepted, withdrawn] = await Promise.all([
        decide(lead.as, appId, { decision: "accept" }),
        callJson("POST", `/api/applications/${appId}/withdraw`, { as: ian.as }),
      ]);
      expect([accepted.status, withdrawn.status].sort()).toEqual([200, 409]);
      const status = await appStatus(appId);
      expect(status).toBe(accepted.status === 200 ? "accepted" : "withdrawn");
      expect(await liveCommitment(ian.id)).toBe(status === "accepted" ? 20 : 0);
    }
    const members = (await team(lead.as, id)).body.members.length;
    expect(await slotRow(slotIds[0])).toMatchObject({ filled: members });
  });
});

// ─── Starting with a team ───────────────────────────────────────────────────────────────────

describe("starting with a team", () => {
  it("a released member re-opens the requirement; a new member closes it again", async () => {
    const { lead, id, slotIds } = await challengeWith({ slots: [{ required: true }, { discipline: "legal" }] });
    const ian = await member();
    const { membershipId } = await joined(ian, lead, id, slotIds[0]);
    await callJson("DELETE", `/api/memberships/${membershipId}`, { as: lead.as });
    const refused = expectError(await start(lead.as, id), 409);
    expect(refused.message).toContain("data (1 of 1 open)");
    await joined(await member(), lead, id, slotIds[0]);
    expect((await start(lead.as, id)).status).toBe(200);
  });

  it("a declined lend re-opens the requirement; optional slots never block", async () => {
    const manager = await member({ track: "management", level: "M2" });
    const { lead, id, slotIds } = await challengeWith({
      slots: [{ required: true }, { discipline: "legal", count: 2 }],
    });
    await joined(await member({ managerId: manager.id }), lead, id, slotIds[0]);
    const [lend] = await lendsOf(manager, "pending");
    await decideLend(manager.as, lend.id, { decision: "decline", reason: "Not this quarter." });
    expectError(await start(lead.as, id), 409);
    await joined(await member(), lead, id, slotIds[0]);
    expect((await start(lead.as, id)).status).toBe(200);
  });
});

// ─── For you ────────────────────────────────────────────────────────────────────────────────

describe("GET /api/for-you", () => {
  /** A discipline and skills nobody else in this file uses, so only this test's slots match. */
  async function uniqueDiscipline() {
    const id = `fy${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.prepare("INSERT INTO disciplines (id, name, position, active) VALUES (?, ?, 99, 1)")
      .bind(id, `For-you ${id}`)
      .run();
    return id;
  }

  async function forYou(as: string, query = "") {
    const res = await callJson("GET", `/api/for-you${query}`, { as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as any[];
  }

  it("ranks by discipline (+10), shared skills (+3 each) and required (+1), with reasons", async () => {
    const d = await uniqueDiscipline();
    const other = await uniqueDiscipline();
    const [s1, s2, s3] = [`k-${d}-a`, `k-${d}-b`, `k-${d}-c`];
    const me = await member({ discipline: d, skills: [s1, s2.toUpperCase(), s3] });
    const best = await challengeWith({
      title: "A best fit",
      slots: [{ discipline: d, skills: [s1, s2], required: true, count: 2 }],
    });
    const disciplineOnly = await challengeWith({ title: "B discipline only", slots: [{ discipline: d }] });
    const skillOnly = await challengeWith({
      title: "C one skill",
      slots: [{ discipline: other, skills: [s3, "unrelated"], required: true }],
    });
    await challengeWith({ title: "D nothing shared", slots: [{ discipline: other, skills: ["unrelated"] }] });

    const items = await forYou(me.as, "?limit=50");
    expect(items.map((i) => [i.challenge.id, i.score])).toEqual([
      [best.id, 17],
      [disciplineOnly.id, 10],
      [skillOnly.id, 4],
    ]);
    expect(items[0]).toMatchObject({
      slot: { id: best.slotIds[0], discipline: d, count: 2, open: 2, skills: [s1, s2], required: true },
      challenge: { title: "A best fit", stage: "funded" },
      applied: false,
    });
    expect(items[0].reasons).toEqual([
      `It asks for ${d}, your discipline.`,
      `You list ${s1}, ${s2}.`,
      "The team cannot start without this role.",
    ]);
    expect(items[1].reasons).toEqual([`It asks for ${d}, your discipline.`]);
    expect(items[2].reasons).toHaveLength(2);
    expect((await forYou(me.as, "?limit=1")).map((i) => i.challenge.id)).toEqual([best.id]);
  });

  it("marks slots I applied to, and leaves out challenges I lead, co-lead or am on", async () => {
    const d = await uniqueDiscipline();
    const me = await member({ discipline: d });
    const appliedTo = await challengeWith({ title: "Applied", slots: [{ discipline: d }] });
    await applied(me, appliedTo.id, appliedTo.slotIds[0]);
    const onIt = await challengeWith({ title: "On it", slots: [{ discipline: d, count: 2 }] });
    await joined(me, onIt.lead, onIt.id, onIt.slotIds[0]);
    // A co-lead is normally also a member; set directly, the co-lead rule alone must exclude it.
    const coLed = await challengeWith({ title: "Co-led", slots: [{ discipline: d, count: 2 }] });
    await setChallenge(coLed.id, { co_lead_id: me.id });
    await challengeWith({ title: "Mine", lead: me, slots: [{ discipline: d }] });

    const items = await forYou(me.as, "?limit=50");
    expect(items.map((i) => i.challenge.title)).toEqual(["Applied"]);
    expect(items[0].applied).toBe(true);
  });

  it("leaves out full and closed slots, and drafts, showcases and other stages that do not recruit", async () => {
    const d = await uniqueDiscipline();
    const me = await member({ discipline: d });
    const full = await challengeWith({ title: "Full", slots: [{ discipline: d }] });
    await seatMembers(full.id, full.slotIds[0], 1);
    const closed = await challengeWith({ title: "Closed", slots: [{ discipline: d }] });
    await callJson("PATCH", `/api/challenges/${closed.id}/slots/${closed.slotIds[0]}`, {
      as: closed.lead.as,
      body: { status: "closed" },
    });
    for (const stage of ["draft", "showcase", "reviewed", "withdrawn", "archived"] as const) {
      await challengeWith({ stage, title: `Stage ${stage}`, slots: [{ discipline: d }] });
    }
    for (const stage of ["open", "funded", "active"] as const) {
      await challengeWith({ stage, title: `Stage ${stage}`, slots: [{ discipline: d }] });
    }
    const items = await forYou(me.as, "?limit=50");
    expect(items.map((i) => i.challenge.title).sort()).toEqual(["Stage active", "Stage funded", "Stage open"]);
  });

  it("answers a bad limit with 400", async () => {
    const me = await member();
    expectInvalid(await callJson("GET", "/api/for-you?limit=0", { as: me.as }), "limit");
    expectInvalid(await callJson("GET", "/api/for-you?limit=51", { as: me.as }), "limit");
    expectInvalid(await callJson("GET", "/api/for-you?limit=ten", { as: me.as }), "limit");
    const res = await call("GET", "/api/for-you", { headers: { cookie: "" } });
    expect(res.status).toBe(401);
  });
});
