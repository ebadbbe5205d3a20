import { describe, expect, it } from "vitest";
import { quarterAfter } from "../worker/domain/plans";
import { createDb } from "../worker/middleware/db";
import { sendPlanReminders } from "../worker/services/plans";
import { call, callJson, createChallenge, env, expectError, expectInvalid, member } from "./helpers";

// Progression plans (issue 14, SPEC §16): private to the person, their current manager and admins;
// every version kept and acknowledged by both; evidence only from credit that counts.

type Person = Awaited<ReturnType<typeof member>>;

const rowId = (prefix: string) => `${prefix}_pl_${crypto.randomUUID().slice(0, 12)}`;

const GOALS = [
  { dimensionId: "scope", title: "Lead a cross-team challenge", evidenceWanted: "A challenge led to its showcase" },
  { dimensionId: "impact_levers", title: "Ship a measurable win", evidenceWanted: "A KPI moved by your work" },
];

const planBody = (overrides: Record<string, unknown> = {}) => ({
  targetKind: "next_level",
  targetLevelId: "IC5",
  summary: "Grow towards Senior Staff.",
  goals: GOALS,
  ...overrides,
});

/** A person (IC4) with a manager, an admin and a colleague; `former` managed them before. */
async function cast() {
  const manager = await member({ name: "Morgan Manager", track: "management", level: "M2" });
  const former = await member({ name: "Fern Former", track: "management", level: "M2" });
  const person = await member({ name: "Ivy Person", level: "IC4", managerId: manager.id });
  const admin = await member({ name: "Ada Admin", roles: ["admin"] });
  const colleague = await member({ name: "Cole Colleague" });
  return { manager, former, person, admin, colleague };
}

async function putPlan(as: Person, personId: string, body: unknown = planBody()) {
  return callJson("PUT", `/api/people/${personId}/plan`, { as: as.as, body });
}

async function withPlan() {
  const c = await cast();
  const res = await putPlan(c.person, c.person.id);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ...c, plan: res.body };
}

/** Seats a person on a challenge's first slot and records credit for them straight in D1. */
async function creditOn(challengeId: string, personId: string, status: string, type = "software") {
  const id = rowId("cr");
  await env.DB.prepare(
    `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status, confirmed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      id,
      challengeId,
      personId,
      personId,
      type,
      `Work (${status})`,
      status,
      status === "confirmed" ? "2026-03-02T10:00:00.000Z" : null,
    )
    .run();
  return id;
}

async function changeManager(personId: string, managerId: string | null) {
  await env.DB.prepare("UPDATE people SET manager_id = ? WHERE id = ?").bind(managerId, personId).run();
}

async function notificationsOf(personId: string, kind: string) {
  const { results } = await env.DB.prepare("SELECT data FROM notifications WHERE recipient_id = ? AND kind = ?")
    .bind(personId, kind)
    .all<{ data: string }>();
  return results.map((r) => JSON.parse(r.data));
}

describe("GET /api/people/:id/plan", () => {
  it("answers null before there is a plan, with the levels above theirs on their track", async () => {
    const { person } = await cast();
    const res = await callJson("GET", `/api/people/${person.id}/plan`, { as: person.as });
    expect(res.status).toBe(200);
    expect(res.body.plan).toBeNull();
    expect(res.body.levels.map((l: { id: string }) => l.id)).toEqual(["IC5", "IC6", "IC7"]);
    expect(res.body.dimensions.length).toBeGreaterThan(0);
    expect(res.body.viewer).toMatchObject({ role: "person", canEdit: true, canCheckIn: false });
  });

  it("is private to the person, their current manager and admins: a colleague and a former manager get 404", async () => {
    const { person, manager, former, admin, colleague } = await withPlan();
    await changeManager(person.id, former.id);
    await changeManager(person.id, manager.id);
    for (const reader of [person, manager, admin]) {
      expect((await call("GET", `/api/people/${person.id}/plan`, { as: reader.as })).status).toBe(200);
    }
    for (const other of [colleague, former]) {
      expectError(await callJson("GET", `/api/people/${person.id}/plan`, { as: other.as }), 404, "not_found");
    }
    const asAdmin = await callJson("GET", `/api/people/${person.id}/plan`, { as: admin.as });
    expect(asAdmin.body.viewer).toMatchObject({ role: "admin", canEdit: false, canAcknowledge: false });
  });

  it("is a 404 for someone who is not there", async () => {
    const { person } = await cast();
    expectError(await callJson("GET", "/api/people/p_nobody/plan", { as: person.as }), 404);
  });
});

describe("PUT /api/people/:id/plan", () => {
  it("creates version 1, acknowledged by its author, and asks the manager to acknowledge", async () => {
    const { person, manager, plan } = await withPlan();
    expect(plan.plan).toMatchObject({ version: 1, targetKind: "next_level", targetLevel: { id: "IC5" } });
    expect(plan.plan.goals).toHaveLength(2);
    expect(plan.plan.current).toMatchObject({ personAcknowledged: true, managerAcknowledged: false, agreed: false });
    expect(plan.plan.managerMustAcknowledge).toBe(true);
    expect(plan.plan.nextReminderOn).toBe(quarterAfter(new Date().toISOString().slice(0, 10)));
    const asked = await notificationsOf(manager.id, "plan_acknowledge");
    expect(asked).toEqual([expect.objectContaining({ personId: person.id, version: 1, forManager: true })]);
    const inbox = await callJson("GET", "/api/inbox", { as: manager.as });
    const item = inbox.body.items.find((n: { kind: string }) => n.kind === "plan_acknowledge");
    expect(item).toMatchObject({ needsAction: true, link: `/people/${person.id}/plan` });
  });

  it("keeps every version: a change is a new one that both acknowledge again; no change is no version", async () => {
    const { person, manager, plan } = await withPlan();
    const ack = await callJson("POST", `/api/people/${person.id}/plan/acknowledge`, {
      as: manager.as,
      body: { version: 1 },
    });
    expect(ack.status).toBe(200);
    expect(ack.body.plan.current.agreed).toBe(true);

    const same = await putPlan(manager, person.id, planBody({ goals: plan.plan.goals.map(goalInput) }));
    expect(same.body.plan.version).toBe(1);

    const goals = [
      ...plan.plan.goals.map(goalInput),
      { dimensionId: "mentoring", title: "Mentor two people", evidenceWanted: "" },
    ];
    const v2 = await putPlan(manager, person.id, planBody({ goals, summary: "Now with mentoring." }));
    expect(v2.status).toBe(200);
    expect(v2.body.plan).toMatchObject({ version: 2, summary: "Now with mentoring." });
    expect(v2.body.plan.goals.map((g: { id: string }) => g.id).slice(0, 2)).toEqual(
      plan.plan.goals.map((g: { id: string }) => g.id),
    );
    expect(v2.body.plan.current).toMatchObject({ personAcknowledged: false, managerAcknowledged: true, agreed: false });
    expect(v2.body.plan.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(await notificationsOf(person.id, "plan_acknowledge")).toEqual([expect.objectContaining({ version: 2 })]);

    const kept = await callJson("GET", `/api/people/${person.id}/plan/versions/1`, { as: person.as });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ version: 1, summary: "Grow towards Senior Staff.", targetLevel: { id: "IC5" } });
    expect(kept.body.goals).toHaveLength(2);
    expect(kept.body.managerAckBy).toMatchObject({ id: manager.id });
    expectError(await callJson("GET", `/api/people/${person.id}/plan/versions/9`, { as: person.as }), 404);
  });

  it("refuses bad targets and goals with 400s naming the fields", async () => {
    const { person } = await cast();
    expectInvalid(await putPlan(person, person.id, planBody({ targetLevelId: "IC3" })), "targetLevelId");
    expectInvalid(await putPlan(person, person.id, planBody({ targetLevelId: "IC4" })), "targetLevelId");
    expectInvalid(await putPlan(person, person.id, planBody({ targetLevelId: "M3" })), "targetLevelId");
    expectInvalid(await putPlan(person, person.id, planBody({ targetLevelId: null })), "targetLevelId");
    expectInvalid(await putPlan(person, person.id, planBody({ goals: [GOALS[0]] })), "goals");
    expectInvalid(await putPlan(person, person.id, planBody({ goals: Array(7).fill(GOALS[0]) })), "goals");
    expectInvalid(
      await putPlan(person, person.id, planBody({ goals: [GOALS[0], { ...GOALS[1], dimensionId: "nope" }] })),
      "goals.1.dimensionId",
    );
    expectInvalid(
      await putPlan(person, person.id, planBody({ goals: [GOALS[0], { ...GOALS[1], id: "goal_x" }] })),
      "goals.1.id",
    );
    expectInvalid(await putPlan(person, person.id, planBody({ targetKind: "promotion" })), "targetKind");
    expectInvalid(
      await putPlan(person, person.id, planBody({ goals: [GOALS[0], { ...GOALS[1], title: "" }] })),
      "goals.1.title",
    );
    const grow = await putPlan(person, person.id, planBody({ targetKind: "grow_in_level", targetLevelId: null }));
    expect(grow.status).toBe(200);
    expect(grow.body.plan).toMatchObject({ targetKind: "grow_in_level", targetLevel: null });
  });

  it("offers growth in level only on the IC track", async () => {
    const lead = await member({ track: "management", level: "M2" });
    expectInvalid(
      await putPlan(lead, lead.id, planBody({ targetKind: "grow_in_level", targetLevelId: null })),
      "targetKind",
    );
    expect((await putPlan(lead, lead.id, planBody({ targetLevelId: "M3" }))).status).toBe(200);
  });

  it("lets only the person and their current manager write: admins 403, a colleague and a former manager 404", async () => {
    const { person, manager, former, admin, colleague } = await withPlan();
    await changeManager(person.id, former.id);
    await changeManager(person.id, manager.id);
    expectError(await putPlan(admin, person.id), 403, "forbidden");
    expectError(await putPlan(colleague, person.id), 404);
    expectError(await putPlan(former, person.id), 404);
  });
});

const goalInput = (g: { id: string; dimension: { id: string }; title: string; evidenceWanted: string }) => ({
  id: g.id,
  dimensionId: g.dimension.id,
  title: g.title,
  evidenceWanted: g.evidenceWanted,
});

describe("POST /api/people/:id/plan/acknowledge", () => {
  it("is once per side per version, for the version read, by the person or the current manager", async () => {
    const { person, manager, former, admin, colleague } = await withPlan();
    const path = `/api/people/${person.id}/plan/acknowledge`;
    expectError(await callJson("POST", path, { as: person.as, body: { version: 1 } }), 409, "invalid_state");
    expectError(await callJson("POST", path, { as: manager.as, body: { version: 2 } }), 409, "conflict");
    expectError(await callJson("POST", path, { as: admin.as, body: { version: 1 } }), 403);
    expectError(await callJson("POST", path, { as: colleague.as, body: { version: 1 } }), 404);
    expectError(await callJson("POST", path, { as: former.as, body: { version: 1 } }), 404);
    expectInvalid(await callJson("POST", path, { as: manager.as, body: { version: "one" } }), "version");
    const ok = await callJson("POST", path, { as: manager.as, body: { version: 1 } });
    expect(ok.body.plan.current).toMatchObject({ agreed: true, managerAckBy: { id: manager.id } });
    expect(ok.body.viewer.canAcknowledge).toBe(false);
    const inbox = await callJson("GET", "/api/inbox", { as: manager.as });
    expect(inbox.body.items.find((n: { kind: string }) => n.kind === "plan_acknowledge")?.needsAction).toBe(false);
  });

  it("404s when there is no plan", async () => {
    const { person } = await cast();
    expectError(
      await callJson("POST", `/api/people/${person.id}/plan/acknowledge`, { as: person.as, body: { version: 1 } }),
      404,
    );
  });
});

describe("a change of manager", () => {
  it("keeps the plan with the person and asks the new manager to acknowledge it; the old one loses access", async () => {
    const { person, manager, former } = await withPlan();
    await callJson("POST", `/api/people/${person.id}/plan/acknowledge`, { as: manager.as, body: { version: 1 } });
    const newManager = await member({ name: "Nia New", track: "management", level: "M3" });
    const res = await callJson("PATCH", `/api/people/${person.id}`, {
      as: (await member({ roles: ["admin"] })).as,
      body: { managerId: newManager.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await notificationsOf(newManager.id, "plan_acknowledge")).toEqual([
      expect.objectContaining({ personId: person.id, reason: "new_manager", version: 1 }),
    ]);
    const seen = await callJson("GET", `/api/people/${person.id}/plan`, { as: newManager.as });
    expect(seen.body.plan.current).toMatchObject({ managerAcknowledged: false, agreed: false });
    expect(seen.body.plan.managerMustAcknowledge).toBe(true);
    expect(seen.body.viewer).toMatchObject({ role: "manager", canAcknowledge: true });
    expectError(await callJson("GET", `/api/people/${person.id}/plan`, { as: manager.as }), 404);
    const inbox = await callJson("GET", "/api/inbox", { as: newManager.as });
    expect(inbox.body.items[0]).toMatchObject({ kind: "plan_acknowledge", needsAction: true });
    // Setting the same manager again asks nobody twice; nobody is asked about a person with no plan.
    await changeManager(person.id, newManager.id);
    expect(await notificationsOf(newManager.id, "plan_acknowledge")).toHaveLength(1);
    const noPlan = await member({ managerId: manager.id });
    await changeManager(noPlan.id, former.id);
    expect(await notificationsOf(former.id, "plan_acknowledge")).toHaveLength(0);
  });
});

describe("POST /api/people/:id/plan/checkins", () => {
  it("adds dated check-ins from either side, newest first, and moves the reminder", async () => {
    const { person, manager, admin, colleague } = await withPlan();
    await env.DB.prepare("UPDATE progression_plans SET next_reminder_on = '2020-01-01' WHERE person_id = ?")
      .bind(person.id)
      .run();
    const path = `/api/people/${person.id}/plan/checkins`;
    const a = await callJson("POST", path, { as: manager.as, body: { note: "Good quarter." } });
    expect(a.status).toBe(201);
    expect(a.body.plan.nextReminderOn).toBe(quarterAfter(new Date().toISOString().slice(0, 10)));
    const b = await callJson("POST", path, { as: person.as, body: { note: "Took the lead on the rollout." } });
    expect(b.body.plan.checkins.map((k: { note: string }) => k.note)).toEqual([
      "Took the lead on the rollout.",
      "Good quarter.",
    ]);
    expect(await notificationsOf(person.id, "plan_checkin")).toHaveLength(1);
    expect(await notificationsOf(manager.id, "plan_checkin")).toHaveLength(1);
    expectInvalid(await callJson("POST", path, { as: person.as, body: { note: "  " } }), "note");
    expectError(await callJson("POST", path, { as: admin.as, body: { note: "Hi" } }), 403);
    expectError(await callJson("POST", path, { as: colleague.as, body: { note: "Hi" } }), 404);
  });
});

describe("sendPlanReminders (daily cron)", () => {
  it("tells person and manager when a check-in is due, once, and moves the reminder a quarter on", async () => {
    const { person, manager } = await withPlan();
    await env.DB.prepare("UPDATE progression_plans SET next_reminder_on = '2020-01-01' WHERE person_id = ?")
      .bind(person.id)
      .run();
    const db = createDb(env.DB);
    const now = new Date().toISOString();
    await sendPlanReminders(db, now);
    await sendPlanReminders(db, now);
    expect(await notificationsOf(person.id, "plan_checkin_due")).toHaveLength(1);
    expect(await notificationsOf(manager.id, "plan_checkin_due")).toEqual([
      expect.objectContaining({ personId: person.id, forManager: true }),
    ]);
    const row = await env.DB.prepare("SELECT next_reminder_on AS d FROM progression_plans WHERE person_id = ?")
      .bind(person.id)
      .first<{ d: string }>();
    expect(row?.d).toBe(quarterAfter(now.slice(0, 10)));
  });
});

describe("evidence", () => {
  /** A plan, and a published challenge where the person holds confirmed, pending and declined credit. */
  async function withCredit() {
    const c = await withPlan();
    const lead = await member({ name: "Lee Lead" });
    const challengeId = await createChallenge(lead.as, { title: "Cut batch spend" }, true);
    const confirmed = await creditOn(challengeId, c.person.id, "confirmed", "software");
    const pending = await creditOn(challengeId, c.person.id, "pending", "software");
    const declined = await creditOn(challengeId, c.person.id, "declined", "software");
    const kudosId = rowId("kd");
    const endorsementId = rowId("en");
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO kudos (id, challenge_id, from_id, to_id, message) VALUES (?, ?, ?, ?, 'Thanks!')",
      ).bind(kudosId, challengeId, lead.id, c.person.id),
      env.DB.prepare(
        "INSERT INTO endorsements (id, contribution_id, endorser_id, note) VALUES (?, ?, ?, 'Solid.')",
      ).bind(endorsementId, confirmed, lead.id),
    ]);
    const impact = c.plan.plan.goals.find((g: { dimension: { id: string } }) => g.dimension.id === "impact_levers");
    const scope = c.plan.plan.goals.find((g: { dimension: { id: string } }) => g.dimension.id === "scope");
    return { ...c, lead, challengeId, confirmed, pending, declined, kudosId, endorsementId, impact, scope };
  }

  it("suggests only what counts, matched by the goal's dimension", async () => {
    const w = await withCredit();
    const res = await callJson("GET", `/api/people/${w.person.id}/plan/suggestions`, { as: w.manager.as });
    expect(res.status).toBe(200);
    const forImpact = res.body.goals.find((g: { goalId: string }) => g.goalId === w.impact.id).suggestions;
    const ids = forImpact.map((s: { kind: string; sourceId: string }) => `${s.kind}:${s.sourceId}`);
    expect(ids).toEqual(
      expect.arrayContaining([`contribution:${w.confirmed}`, `endorsement:${w.endorsementId}`, `kudos:${w.kudosId}`]),
    );
    expect(ids).not.toContain(`contribution:${w.pending}`);
    expect(ids).not.toContain(`contribution:${w.declined}`);
    const forScope = res.body.goals.find((g: { goalId: string }) => g.goalId === w.scope.id).suggestions;
    expect(forScope).toEqual([]);
    expectError(await callJson("GET", `/api/people/${w.person.id}/plan/suggestions`, { as: w.colleague.as }), 404);
    expect((await call("GET", `/api/people/${w.person.id}/plan/suggestions`, { as: w.admin.as })).status).toBe(200);
  });

  it("is attached by the person only, from their own counting credit; a pending or declined one is refused", async () => {
    const w = await withCredit();
    const path = `/api/people/${w.person.id}/plan/goals/${w.impact.id}/evidence`;
    const attach = (as: Person, kind: string, sourceId: string) =>
      callJson("POST", path, { as: as.as, body: { kind, sourceId } });
    expectInvalid(await attach(w.person, "contribution", w.pending), "sourceId");
    expectInvalid(await attach(w.person, "contribution", w.declined), "sourceId");
    expectInvalid(await attach(w.person, "kudos", w.confirmed), "sourceId");
    expectInvalid(await attach(w.person, "evidence", w.confirmed), "kind");
    expectError(await attach(w.manager, "contribution", w.confirmed), 403);
    expectError(await attach(w.admin, "contribution", w.confirmed), 403);
    expectError(await attach(w.colleague, "contribution", w.confirmed), 404);
    // Someone else's confirmed credit is not theirs to claim.
    const other = await creditOn(w.challengeId, w.colleague.id, "confirmed");
    expectInvalid(await attach(w.person, "contribution", other), "sourceId");
    expectError(
      await callJson("POST", `/api/people/${w.person.id}/plan/goals/goal_nope/evidence`, {
        as: w.person.as,
        body: { kind: "contribution", sourceId: w.confirmed },
      }),
      404,
    );

    const ok = await attach(w.person, "contribution", w.confirmed);
    expect(ok.status).toBe(201);
    await attach(w.person, "kudos", w.kudosId);
    await attach(w.person, "contribution", w.confirmed);
    const goal = ok.body.plan.goals.find((g: { id: string }) => g.id === w.impact.id);
    expect(goal.evidence).toEqual([expect.objectContaining({ kind: "contribution", sourceId: w.confirmed })]);
    const after = await callJson("GET", `/api/people/${w.person.id}/plan`, { as: w.manager.as });
    expect(after.body.plan.goals.find((g: { id: string }) => g.id === w.impact.id).evidence).toHaveLength(2);
    const suggested = await callJson("GET", `/api/people/${w.person.id}/plan/suggestions`, { as: w.person.as });
    const left = suggested.body.goals.find((g: { goalId: string }) => g.goalId === w.impact.id).suggestions;
    expect(left.map((s: { sourceId: string }) => s.sourceId)).not.toContain(w.confirmed);

    // Retracted credit stops counting, and so stops being evidence.
    await env.DB.prepare("UPDATE contributions SET status = 'retracted' WHERE id = ?").bind(w.confirmed).run();
    const retracted = await callJson("GET", `/api/people/${w.person.id}/plan`, { as: w.person.as });
    expect(
      retracted.body.plan.goals
        .find((g: { id: string }) => g.id === w.impact.id)
        .evidence.map((e: { kind: string }) => e.kind),
    ).toEqual(["kudos"]);
  });

  it("is removed by the person only", async () => {
    const w = await withCredit();
    const added = await callJson("POST", `/api/people/${w.person.id}/plan/goals/${w.impact.id}/evidence`, {
      as: w.person.as,
      body: { kind: "kudos", sourceId: w.kudosId },
    });
    const evidenceId = added.body.plan.goals.find((g: { id: string }) => g.id === w.impact.id).evidence[0].id;
    const path = `/api/people/${w.person.id}/plan/goals/${w.impact.id}/evidence/${evidenceId}`;
    expectError(await callJson("DELETE", path, { as: w.manager.as }), 403);
    expectError(await callJson("DELETE", path, { as: w.admin.as }), 403);
    expectError(await callJson("DELETE", path, { as: w.colleague.as }), 404);
    const gone = await callJson("DELETE", path, { as: w.person.as });
    expect(gone.status).toBe(200);
    expect(gone.body.plan.goals.find((g: { id: string }) => g.id === w.impact.id).evidence).toEqual([]);
    expectError(await callJson("DELETE", path, { as: w.person.as }), 404);
  });

  it("goes with a goal removed in a new version", async () => {
    const w = await withCredit();
    await callJson("POST", `/api/people/${w.person.id}/plan/goals/${w.impact.id}/evidence`, {
      as: w.person.as,
      body: { kind: "kudos", sourceId: w.kudosId },
    });
    const goals = [goalInput(w.scope), { dimensionId: "mentoring", title: "Mentor", evidenceWanted: "" }];
    const v2 = await putPlan(w.person, w.person.id, planBody({ goals }));
    expect(v2.body.plan.version).toBe(2);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM plan_evidence WHERE goal_id = ?")
      .bind(w.impact.id)
      .first<{ n: number }>()) ?? { n: -1 };
    expect(n).toBe(0);
  });

  it("shows in the impact packet's Plan and evidence section, each goal with its evidence or none yet", async () => {
    const w = await withCredit();
    await callJson("POST", `/api/people/${w.person.id}/plan/goals/${w.impact.id}/evidence`, {
      as: w.person.as,
      body: { kind: "contribution", sourceId: w.confirmed },
    });
    const packet = await callJson("GET", `/api/people/${w.person.id}/impact-packet`, { as: w.manager.as });
    expect(packet.status).toBe(200);
    expect(packet.body.plan).toMatchObject({ version: 1, targetLevel: "IC5 · Senior Staff" });
    const goals = packet.body.plan.goals;
    expect(goals.find((g: { title: string }) => g.title === w.impact.title).evidence).toHaveLength(1);
    expect(goals.find((g: { title: string }) => g.title === w.scope.title).evidence).toEqual([]);
    const md = await (await call("GET", `/api/people/${w.person.id}/impact-packet.md`, { as: w.person.as })).text();
    expect(md).toContain("## Plan and evidence");
    expect(md).toContain("Ship a measurable win");
    expect(md).toContain("Work (confirmed)");
    expect(md).toContain("No evidence yet.");
  });

  it("leaves the packet without the section when there is no plan", async () => {
    const { person } = await cast();
    const packet = await callJson("GET", `/api/people/${person.id}/impact-packet`, { as: person.as });
    expect(packet.body.plan).toBeNull();
    const md = await (await call("GET", `/api/people/${person.id}/impact-packet.md`, { as: person.as })).text();
    expect(md).not.toContain("## Plan and evidence");
  });
});
