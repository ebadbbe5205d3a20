import { describe, expect, it } from "vitest";
import { callJson, createChallenge, env, expectError, member, setChallenge } from "./helpers";

const pitch = "I built the batch scheduler we run today and know its costs.";

/** A funded challenge with one required data slot and one optional design slot. */
async function recruiting(options: { commitment?: number; count?: number } = {}) {
  const lead = await member({ name: "Lena Lead", discipline: "design" });
  const id = await createChallenge(lead.as, {
    slots: [
      {
        discipline: "data",
        count: options.count ?? 1,
        skills: ["sql"],
        commitmentPercent: options.commitment ?? 30,
        required: true,
      },
      { discipline: "design", count: 1, skills: [], commitmentPercent: 20, required: false },
    ],
  });
  await callJson("POST", `/api/challenges/${id}/transitions`, { as: lead.as, body: { action: "publish" } });
  await setChallenge(id, { stage: "funded" });
  const challenge = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body;
  return { lead, id, dataSlot: challenge.slots[0].id as string, designSlot: challenge.slots[1].id as string };
}

async function inbox(as: string) {
  return (await callJson("GET", "/api/inbox", { as })).body as {
    items: { kind: string; message: string }[];
    unread: number;
  };
}

describe("applications, lending and starting", () => {
  it("apply → accept (pending lend) → the manager lends → the lead starts; everyone hears of it", async () => {
    const manager = await member({ name: "Mona Manager", track: "management", level: "M2" });
    const ic = await member({ name: "Ian Coder", discipline: "data", managerId: manager.id, skills: ["sql"] });
    const { lead, id, dataSlot } = await recruiting();

    const applied = await callJson("POST", `/api/challenges/${id}/slots/${dataSlot}/applications`, {
      as: ic.as,
      body: { pitch },
    });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ status: "pending", slotDiscipline: "data" });
    expect((await inbox(lead.as)).items[0]).toMatchObject({ kind: "application_received" });

    expectError(
      await callJson("POST", `/api/challenges/${id}/slots/${dataSlot}/applications`, { as: ic.as, body: { pitch } }),
      409,
      "already_applied",
    );

    const accepted = await callJson("POST", `/api/applications/${applied.body.id}/decision`, {
      as: lead.as,
      body: { decision: "accept", note: "Welcome aboard." },
    });
    expect(accepted.status).toBe(200);
    const seat = accepted.body.members.find((m: { person: { id: string } }) => m.person.id === ic.id);
    expect(seat).toMatchObject({ status: "pending_lend", lend: { status: "pending" }, commitmentPercent: 30 });
    expect((await inbox(ic.as)).items[0].message).toContain("manager");

    expectError(
      await callJson("POST", `/api/challenges/${id}/transitions`, { as: lead.as, body: { action: "start" } }),
      409,
    );

    const lends = await callJson("GET", "/api/lends?status=pending", { as: manager.as });
    expect(lends.body.items).toHaveLength(1);
    expectError(
      await callJson("POST", `/api/lends/${lends.body.items[0].id}/decision`, {
        as: ic.as,
        body: { decision: "approve" },
      }),
      403,
    );
    const lent = await callJson("POST", `/api/lends/${lends.body.items[0].id}/decision`, {
      as: manager.as,
      body: { decision: "approve" },
    });
    expect(lent.status).toBe(200);
    expect(lent.body.status).toBe("approved");

    const team = await callJson("GET", `/api/challenges/${id}/team`, { as: lead.as });
    expect(team.body.coverage).toMatchObject({
      requiredSeats: 1,
      requiredSeatsFilled: 1,
      disciplinesCovered: ["data", "design"],
    });

    const started = await callJson("POST", `/api/challenges/${id}/transitions`, {
      as: lead.as,
      body: { action: "start" },
    });
    expect(started.status).toBe(200);
    expect(started.body.stage).toBe("active");
    const icInbox = await inbox(ic.as);
    expect(icInbox.items.map((n) => n.kind)).toEqual(
      expect.arrayContaining(["application_decided", "lend_decided", "stage_changed"]),
    );
    expect(icInbox.unread).toBeGreaterThanOrEqual(3);
    const read = await callJson("POST", "/api/inbox/read", { as: ic.as, body: { all: true } });
    expect(read.body).toEqual({ unread: 0, needsAction: 0 });
  });

  it("a declined lend frees the seat and says why", async () => {
    const manager = await member({ track: "management", level: "M2" });
    const ic = await member({ discipline: "data", managerId: manager.id });
    const { lead, id, dataSlot } = await recruiting();
    const app = await callJson("POST", `/api/challenges/${id}/slots/${dataSlot}/applications`, {
      as: ic.as,
      body: { pitch },
    });
    await callJson("POST", `/api/applications/${app.body.id}/decision`, { as: lead.as, body: { decision: "accept" } });
    const [lend] = (await callJson("GET", "/api/lends", { as: manager.as })).body.items;
    expect(
      (await callJson("POST", `/api/lends/${lend.id}/decision`, { as: manager.as, body: { decision: "decline" } }))
        .status,
    ).toBe(400);
    const declined = await callJson("POST", `/api/lends/${lend.id}/decision`, {
      as: manager.as,
      body: { decision: "decline", reason: "Quarter-end close needs them." },
    });
    expect(declined.body).toMatchObject({ status: "declined", reason: "Quarter-end close needs them." });
    const challenge = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body;
    expect(challenge.slots[0]).toMatchObject({ filled: 0, open: 1 });
  });

  it("refuses leads applying to their own challenge, drafts, full slots and unknown slots", async () => {
    const { lead, id, dataSlot } = await recruiting();
    expectError(
      await callJson("POST", `/api/challenges/${id}/slots/${dataSlot}/applications`, { as: lead.as, body: { pitch } }),
      409,
      "own_challenge",
    );
    const other = await member();
    const draftLead = await member();
    const draft = await createChallenge(draftLead.as);
    const draftSlot = (await callJson("GET", `/api/challenges/${draft}`, { as: draftLead.as })).body.slots[0].id;
    expectError(
      await callJson("POST", `/api/challenges/${draft}/slots/${draftSlot}/applications`, {
        as: other.as,
        body: { pitch },
      }),
      404,
    );
    expectError(
      await callJson("POST", `/api/challenges/${id}/slots/slot_nope/applications`, { as: other.as, body: { pitch } }),
      404,
    );
    const short = await callJson("POST", `/api/challenges/${id}/slots/${dataSlot}/applications`, {
      as: other.as,
      body: { pitch: "me" },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.details.fields).toHaveProperty("pitch");
  });
});

describe("the commitment cap", () => {
  it("10 concurrent acceptances that together would pass a person's cap: the cap holds", async () => {
    const ic = await member({ discipline: "data" });
    const openings = [];
    for (let i = 0; i < 10; i++) openings.push(await recruiting({ commitment: 30 }));
    const apps = [];
    for (const o of openings) {
      const app = await callJson("POST", `/api/challenges/${o.id}/slots/${o.dataSlot}/applications`, {
        as: ic.as,
        body: { pitch },
      });
      expect(app.status).toBe(201);
      apps.push({ ...o, appId: app.body.id as string });
    }
    const results = await Promise.all(
      apps.map((a) =>
        callJson("POST", `/api/applications/${a.appId}/decision`, { as: a.lead.as, body: { decision: "accept" } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    for (const r of results.filter((r) => r.status !== 200)) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe("over_commitment");
      expect(r.body.error.message).toContain("90%");
    }
    const total = await env.DB.prepare(
      "SELECT sum(commitment_percent) AS n FROM memberships WHERE person_id = ? AND status IN ('active', 'pending_lend')",
    )
      .bind(ic.id)
      .first<{ n: number }>();
    expect(total?.n).toBe(90);
  });

  it("concurrent acceptances into one seat: exactly one gets it", async () => {
    const { lead, id, dataSlot } = await recruiting({ count: 1 });
    const applicants = await Promise.all(Array.from({ length: 6 }, () => member({ discipline: "data" })));
    const apps = [];
    for (const a of applicants) {
      apps.push(
        (await callJson("POST", `/api/challenges/${id}/slots/${dataSlot}/applications`, { as: a.as, body: { pitch } }))
          .body.id,
      );
    }
    const results = await Promise.all(
      apps.map((appId) =>
        callJson("POST", `/api/applications/${appId}/decision`, { as: lead.as, body: { decision: "accept" } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const slot = await env.DB.prepare("SELECT filled, count FROM challenge_slots WHERE id = ?")
      .bind(dataSlot)
      .first<{ filled: number; count: number }>();
    expect(slot).toEqual({ filled: 1, count: 1 });
  });
});

describe("GET /api/for-you", () => {
  it("ranks open slots by discipline and skills, explains why, and leaves out my own challenges", async () => {
    const me = await member({ discipline: "data", skills: ["sql", "dbt"] });
    const { id } = await recruiting();
    const mine = await createChallenge(me.as, {}, true);
    const res = await callJson("GET", "/api/for-you?limit=50", { as: me.as });
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { challenge: { id: string } }) => i.challenge.id === id);
    expect(item.reasons.join(" ")).toContain("your discipline");
    expect(item.reasons.join(" ")).toContain("sql");
    expect(res.body.items.some((i: { challenge: { id: string } }) => i.challenge.id === mine)).toBe(false);
  });
});
