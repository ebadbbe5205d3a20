import { describe, expect, it } from "vitest";
import { call, callJson, createChallenge, expectError, member, seatMembers, setChallenge } from "./helpers";

/** An active challenge led by `lead` with `ic` and `designer` as active members. */
async function activeTeam() {
  const manager = await member({ name: "Mara Manager", track: "management", level: "M2" });
  const lead = await member({ name: "Lia Lead" });
  const ic = await member({ name: "Ivo Coder", managerId: manager.id });
  const designer = await member({ name: "Dee Signer", discipline: "design" });
  const id = await createChallenge(lead.as, {}, true);
  const ch = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body;
  const slot = ch.slots[0].id;
  // Seat the two people we can sign in as, through the real flow.
  for (const p of [ic, designer]) {
    await callJson("POST", `/api/challenges/${id}/slots`, {
      as: lead.as,
      body: { discipline: "data", count: 1, skills: [], commitmentPercent: 10, required: false },
    });
    const slots = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.slots;
    const free = slots.at(-1).id;
    const app = await callJson("POST", `/api/challenges/${id}/slots/${free}/applications`, {
      as: p.as,
      body: { pitch: "I can help with this work right away." },
    });
    const team = await callJson("POST", `/api/applications/${app.body.id}/decision`, {
      as: lead.as,
      body: { decision: "accept" },
    });
    expect(team.status).toBe(200);
  }
  const [lend] = (await callJson("GET", "/api/lends?status=pending", { as: manager.as })).body.items;
  await callJson("POST", `/api/lends/${lend.id}/decision`, { as: manager.as, body: { decision: "approve" } });
  await seatMembers(id, slot, 1);
  await setChallenge(id, { stage: "active" });
  return { id, lead, ic, designer, manager, kpiId: ch.kpis[0].id as string };
}

describe("progress and credit", () => {
  it("update with a KPI check-in, credit for a teammate, confirm, endorse, impact packet", async () => {
    const { id, lead, ic, designer, manager, kpiId } = await activeTeam();
    const update = await callJson("POST", `/api/challenges/${id}/updates`, {
      as: ic.as,
      body: { body: "Cut two nightly jobs.", checkins: [{ kpiId, value: 39000, measuredOn: "2026-01-10" }] },
    });
    expect(update.status).toBe(201);
    expect(update.body.checkins[0]).toMatchObject({ kpiId, value: 39000 });
    const progress = await callJson("GET", `/api/challenges/${id}/progress`, { as: designer.as });
    expect(progress.body.kpis[0].checkins).toHaveLength(1);

    const credit = await callJson("POST", `/api/challenges/${id}/contributions`, {
      as: ic.as,
      body: { personId: designer.id, type: "design", description: "Designed the cost dashboard", hours: 12 },
    });
    expect(credit.status).toBe(201);
    expect(credit.body).toMatchObject({ status: "pending", counts: false });
    const before = (await callJson("GET", `/api/people/${designer.id}/portfolio`, { as: designer.as })).body;
    expect(before.totals).toMatchObject({ confirmed: 0, pending: 1 });

    expectError(await callJson("POST", `/api/contributions/${credit.body.id}/confirm`, { as: ic.as }), 403);
    const confirmed = await callJson("POST", `/api/contributions/${credit.body.id}/confirm`, { as: designer.as });
    expect(confirmed.body).toMatchObject({ status: "confirmed", counts: true });
    expectError(
      await callJson("POST", `/api/contributions/${credit.body.id}/endorsements`, {
        as: designer.as,
        body: { note: "Me!" },
      }),
      403,
    );
    const endorsed = await callJson("POST", `/api/contributions/${credit.body.id}/endorsements`, {
      as: ic.as,
      body: { note: "The dashboard made the savings visible." },
    });
    expect(endorsed.status).toBe(201);
    expect(endorsed.body.endorsements).toHaveLength(1);

    const after = (await callJson("GET", `/api/people/${designer.id}/portfolio`, { as: lead.as })).body;
    expect(after.totals).toMatchObject({ confirmed: 1, pending: 0, hours: 12, endorsements: 1 });
    expect(after.viewer.canExportPacket).toBe(false);

    const packet = await call("GET", `/api/people/${designer.id}/impact-packet.md`, { as: designer.as });
    expect(packet.status).toBe(200);
    expect(packet.headers.get("content-type")).toContain("text/markdown");
    const text = await packet.text();
    expect(text).toContain("# Impact packet: Dee Signer");
    expect(text).toContain("Designed the cost dashboard");
    expect(text).toContain("Endorsed by Ivo Coder");
    expectError(await callJson("GET", `/api/people/${designer.id}/impact-packet.md`, { as: lead.as }), 403);
    const icPacket = await call("GET", `/api/people/${ic.id}/impact-packet.md`, { as: manager.as });
    expect(icPacket.status).toBe(200);
  });
});
