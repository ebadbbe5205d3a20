import { describe, expect, it } from "vitest";
import { createDb } from "../worker/middleware/db";
import { runLendAgreements } from "../worker/services/lends";
import { callJson, env, expectError, expectInvalid, member } from "./helpers";
import { isoDay, ok, openChallenge, type Person } from "./round-trip-fixtures";

/**
 * Lending agreements (SPEC §16, issue 14 part 3): a lend's dates, the manager's view of the
 * person's load, the extend-or-end reminder, extend, end, recall, the return report, the
 * manager's mentoring evidence, and that no credit is lost, also when an end and a recall race.
 */

const db = () => createDb(env.DB);

/** Someone with a manager, accepted onto a fresh open challenge: a pending lend awaits the manager. */
async function lendOn(person: Person, manager: Person) {
  const ch = await openChallenge();
  const app = await ok(
    "POST",
    `/api/challenges/${ch.id}/slots/${ch.slotId}/applications`,
    { as: person.as, body: { pitch: "I have run this warehouse's batch jobs for two years." } },
    201,
  );
  await ok("POST", `/api/applications/${app.id}/decision`, { as: ch.lead.as, body: { decision: "accept" } });
  const lends = await ok("GET", "/api/lends?status=pending", { as: manager.as });
  const lend = lends.items.find((l: { challenge: { id: string } }) => l.challenge.id === ch.id);
  return { ...ch, lendId: lend.id as string, lend };
}

async function people() {
  const manager = await member({ track: "management", level: "M2", discipline: "operations" });
  const person = await member({ discipline: "data", managerId: manager.id, name: "Riley Lent" });
  return { manager, person };
}

/** An approved lend (optionally ending on `endsOn`). */
async function approved(endsOn?: string) {
  const { manager, person } = await people();
  const ch = await lendOn(person, manager);
  const lend = await ok("POST", `/api/lends/${ch.lendId}/decision`, {
    as: manager.as,
    body: { decision: "approve", ...(endsOn ? { endsOn } : {}) },
  });
  return { ...ch, manager, person, lend };
}

const slotOf = (slotId: string) =>
  env.DB.prepare("SELECT filled, status FROM challenge_slots WHERE id = ?")
    .bind(slotId)
    .first<{ filled: number; status: string }>();

/** The seats the slot's memberships hold, to compare with `filled`. */
const seatsIn = async (slotId: string) =>
  (
    await env.DB.prepare(
      "SELECT count(*) AS n FROM memberships WHERE slot_id = ? AND status IN ('pending_lend', 'active')",
    )
      .bind(slotId)
      .first<{ n: number }>()
  )?.n ?? -1;

const notices = async (kind: string, lendId: string) =>
  (
    await env.DB.prepare(
      "SELECT recipient_id AS recipient, data FROM notifications WHERE kind = ? AND json_extract(data, '$.lendId') = ?",
    )
      .bind(kind, lendId)
      .all<{ recipient: string; data: string }>()
  ).results;

async function confirmedCredit(challengeId: string, personId: string, recorderId: string, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `k_lend_${crypto.randomUUID().slice(0, 8)}`;
    ids.push(id);
    await env.DB.prepare(
      `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, hours, status, confirmed_at)
       VALUES (?, ?, ?, ?, 'code', ?, 6, 'confirmed', ?)`,
    )
      .bind(id, challengeId, personId, recorderId, `Retired batch job ${i + 1}`, new Date().toISOString())
      .run();
  }
  return ids;
}

describe("approving a lend sets its agreement", () => {
  it("starts today and ends after the requested weeks by default; the manager sees load, cap and other lends", async () => {
    const { manager, person } = await people();
    const first = await lendOn(person, manager);
    await ok("POST", `/api/lends/${first.lendId}/decision`, { as: manager.as, body: { decision: "approve" } });
    const second = await lendOn(person, manager);

    // The pending lend shows the person's load (both seats) against the cap, and the running lend.
    expect(second.lend.load).toEqual({ commitmentPercent: 40, capPercent: expect.any(Number) });
    expect(second.lend.otherLends).toEqual([
      {
        id: first.lendId,
        challenge: { id: first.id, title: expect.any(String) },
        sharePercent: 20,
        endsOn: expect.any(String),
      },
    ]);
    expect(second.lend.state).toBe("pending");
    expect(second.lend.startsOn).toBeNull();

    const lend = await ok("POST", `/api/lends/${second.lendId}/decision`, {
      as: manager.as,
      body: { decision: "approve" },
    });
    expect(lend.state).toBe("live");
    expect(lend.startsOn).toBe(isoDay(0));
    expect(lend.endsOn).toBe(isoDay(7 * (lend.durationWeeks ?? 12)));
    expect(lend.manager).toEqual({ id: manager.id, name: expect.any(String) });
  });

  it("the manager may set the end date; an end not after today or the start is refused with 400", async () => {
    const { manager, person } = await people();
    const ch = await lendOn(person, manager);
    const decide = (body: Record<string, unknown>) =>
      callJson("POST", `/api/lends/${ch.lendId}/decision`, { as: manager.as, body: { decision: "approve", ...body } });
    expectInvalid(await decide({ endsOn: isoDay(0) }), "endsOn");
    expectInvalid(await decide({ endsOn: isoDay(-3) }), "endsOn");
    expectInvalid(await decide({ startsOn: isoDay(10), endsOn: isoDay(5) }), "endsOn");
    expectInvalid(await decide({ endsOn: "next week" }), "endsOn");
    const lend = (await decide({ endsOn: isoDay(21) })).body;
    expect(lend.endsOn).toBe(isoDay(21));
    expect(lend.startsOn).toBe(isoDay(0));
    const read = await ok("GET", `/api/lends/${ch.lendId}`, { as: person.as });
    expect(read.endsOn).toBe(isoDay(21));
  });
});

describe("the extend-or-end reminder", () => {
  it("reaches the manager and the lead once, seven days before the end, however often the job runs", async () => {
    const ch = await approved(isoDay(6));
    const now = new Date().toISOString();
    await runLendAgreements(db(), now);
    await runLendAgreements(db(), now);
    await runLendAgreements(db(), new Date(Date.now() + 60_000).toISOString());
    const sent = await notices("lend_ending", ch.lendId);
    expect(sent.map((n) => n.recipient).sort()).toEqual([ch.manager.id, ch.lead.id].sort());
    expect(JSON.parse(sent[0].data)).toMatchObject({ endsOn: isoDay(6), personName: "Riley Lent" });
    const lend = await ok("GET", `/api/lends/${ch.lendId}`, { as: ch.manager.as });
    expect(lend.endReminderAt).toEqual(expect.any(String));

    const inbox = await ok("GET", "/api/inbox", { as: ch.manager.as });
    const item = inbox.items.find((n: { kind: string }) => n.kind === "lend_ending");
    expect(item.message).toContain("extend it or let it end");
    expect(item.link).toBe(`/lends/${ch.lendId}`);
  });

  it("is not sent for a lend ending later than seven days out", async () => {
    const ch = await approved(isoDay(20));
    await runLendAgreements(db(), new Date().toISOString());
    expect(await notices("lend_ending", ch.lendId)).toHaveLength(0);
  });
});

describe("extend", () => {
  it("the manager or the lead moves the end later; the reminder is asked again for the new date", async () => {
    const ch = await approved(isoDay(5));
    await runLendAgreements(db(), new Date().toISOString());
    expect(await notices("lend_ending", ch.lendId)).toHaveLength(2);

    const extended = await ok("POST", `/api/lends/${ch.lendId}/extend`, {
      as: ch.manager.as,
      body: { endsOn: isoDay(6) },
    });
    expect(extended.endsOn).toBe(isoDay(6));
    expect(extended.endReminderAt).toBeNull();
    // The lead and the person hear of it.
    const told = (await notices("lend_extended", ch.lendId)).map((n) => n.recipient);
    expect(told.sort()).toEqual([ch.lead.id, ch.person.id].sort());

    // The new date is within the week again: one more reminder each, once.
    await runLendAgreements(db(), new Date().toISOString());
    await runLendAgreements(db(), new Date().toISOString());
    expect(await notices("lend_ending", ch.lendId)).toHaveLength(4);

    const byLead = await ok("POST", `/api/lends/${ch.lendId}/extend`, { as: ch.lead.as, body: { endsOn: isoDay(40) } });
    expect(byLead.endsOn).toBe(isoDay(40));
  });

  it("refuses an end not after today or the current end (400), the person (403) and strangers (404)", async () => {
    const ch = await approved(isoDay(20));
    const extend = (as: string, endsOn: string) =>
      callJson("POST", `/api/lends/${ch.lendId}/extend`, { as, body: { endsOn } });
    expectInvalid(await extend(ch.manager.as, isoDay(0)), "endsOn");
    expectInvalid(await extend(ch.manager.as, isoDay(20)), "endsOn");
    expectInvalid(await extend(ch.manager.as, isoDay(10)), "endsOn");
    expectError(await extend(ch.person.as, isoDay(30)), 403, "forbidden");
    const stranger = await member();
    expectError(await extend(stranger.as, isoDay(30)), 404);
  });
});

describe("end", () => {
  it("closes the seat without losing credit; the manager gets the return report", async () => {
    const ch = await approved(isoDay(20));
    await confirmedCredit(ch.id, ch.person.id, ch.lead.id, 2);
    const before = await ok("GET", `/api/people/${ch.person.id}/portfolio`, { as: ch.person.as });
    const filledBefore = (await slotOf(ch.slotId))?.filled ?? 0;

    const ended = await ok("POST", `/api/lends/${ch.lendId}/end`, { as: ch.lead.as });
    expect(ended).toMatchObject({ state: "ended", closedKind: "ended", closedAt: expect.any(String) });

    const membership = await env.DB.prepare("SELECT status, ended_at FROM memberships WHERE id = ?")
      .bind(ch.lend.membershipId)
      .first<{ status: string; ended_at: string | null }>();
    expect(membership?.status).toBe("released");
    expect(membership?.ended_at).toEqual(expect.any(String));
    expect((await slotOf(ch.slotId))?.filled).toBe(filledBefore - 1);
    expect((await slotOf(ch.slotId))?.filled).toBe(await seatsIn(ch.slotId));

    const after = await ok("GET", `/api/people/${ch.person.id}/portfolio`, { as: ch.person.as });
    expect(after.totals).toEqual(before.totals);
    expect(after.totals.confirmed).toBe(2);

    const returned = await notices("lend_returned", ch.lendId);
    expect(returned.map((n) => n.recipient)).toEqual([ch.manager.id]);
    const inbox = await ok("GET", "/api/inbox", { as: ch.manager.as });
    const item = inbox.items.find((n: { kind: string }) => n.kind === "lend_returned");
    expect(item.link).toBe(`/lends/${ch.lendId}/report`);

    // Closed: nothing more changes it.
    expectError(await callJson("POST", `/api/lends/${ch.lendId}/end`, { as: ch.manager.as }), 409, "invalid_state");
    expectError(
      await callJson("POST", `/api/lends/${ch.lendId}/extend`, { as: ch.manager.as, body: { endsOn: isoDay(60) } }),
      409,
      "invalid_state",
    );
    expectError(
      await callJson("POST", `/api/lends/${ch.lendId}/recall`, { as: ch.manager.as, body: { reason: "Too late" } }),
      409,
      "invalid_state",
    );
  });

  it("the daily job ends a lend on its end date, once", async () => {
    const ch = await approved(isoDay(3));
    await env.DB.prepare("UPDATE lend_requests SET ends_on = ? WHERE id = ?").bind(isoDay(0), ch.lendId).run();
    await runLendAgreements(db(), new Date().toISOString());
    await runLendAgreements(db(), new Date().toISOString());
    const lend = await ok("GET", `/api/lends/${ch.lendId}`, { as: ch.manager.as });
    expect(lend.state).toBe("ended");
    expect(await notices("lend_returned", ch.lendId)).toHaveLength(1);
    expect((await slotOf(ch.slotId))?.filled).toBe(await seatsIn(ch.slotId));
  });

  it("a pending or declined lend cannot be extended, ended or recalled (409)", async () => {
    const { manager, person } = await people();
    const pending = await lendOn(person, manager);
    expectError(await callJson("POST", `/api/lends/${pending.lendId}/end`, { as: manager.as }), 409, "invalid_state");
    const declined = await lendOn(person, manager);
    await ok("POST", `/api/lends/${declined.lendId}/decision`, {
      as: manager.as,
      body: { decision: "decline", reason: "Quarter end." },
    });
    expectError(
      await callJson("POST", `/api/lends/${declined.lendId}/recall`, { as: manager.as, body: { reason: "x" } }),
      409,
      "invalid_state",
    );
    expectError(
      await callJson("POST", `/api/lends/${declined.lendId}/extend`, { as: manager.as, body: { endsOn: isoDay(9) } }),
      409,
      "invalid_state",
    );
  });
});

describe("recall", () => {
  it("the manager recalls with a reason: the lead hears it and the slot's seat is open again", async () => {
    const ch = await approved(isoDay(30));
    // The lead had closed the slot once it was full enough; the recall opens it again.
    await env.DB.prepare("UPDATE challenge_slots SET status = 'closed' WHERE id = ?").bind(ch.slotId).run();
    const filledBefore = (await slotOf(ch.slotId))?.filled ?? 0;
    const recall = (as: string, body: unknown) => callJson("POST", `/api/lends/${ch.lendId}/recall`, { as, body });

    expectInvalid(await recall(ch.manager.as, { reason: "  " }), "reason");
    expectInvalid(await recall(ch.manager.as, {}), "reason");
    expectError(await recall(ch.lead.as, { reason: "Mine now" }), 403, "forbidden");
    expectError(await recall(ch.person.as, { reason: "I want out" }), 403, "forbidden");

    const recalled = (await recall(ch.manager.as, { reason: "Needed back for the launch." })).body;
    expect(recalled).toMatchObject({ state: "recalled", recallReason: "Needed back for the launch." });
    expect(await slotOf(ch.slotId)).toEqual({ filled: filledBefore - 1, status: "open" });

    const inbox = await ok("GET", "/api/inbox", { as: ch.lead.as });
    const item = inbox.items.find((n: { kind: string }) => n.kind === "lend_recalled");
    expect(item.message).toContain("Needed back for the launch.");
    expect(await notices("lend_returned", ch.lendId)).toHaveLength(1);
  });
});

describe("the return report", () => {
  it("shows the person's confirmed credit with its endorsements and the challenge's outcomes, to those who may see it", async () => {
    const ch = await approved(isoDay(30));
    const [first] = await confirmedCredit(ch.id, ch.person.id, ch.lead.id, 2);
    await env.DB.prepare(
      `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status)
       VALUES (?, ?, ?, ?, 'code', 'Not confirmed yet', 'pending')`,
    )
      .bind(`k_pending_${crypto.randomUUID().slice(0, 6)}`, ch.id, ch.person.id, ch.lead.id)
      .run();
    await env.DB.prepare("INSERT INTO endorsements (id, contribution_id, endorser_id, note) VALUES (?, ?, ?, ?)")
      .bind(`e_${crypto.randomUUID().slice(0, 8)}`, first, ch.lead.id, "Saved us a month.")
      .run();
    await ok("POST", `/api/lends/${ch.lendId}/end`, { as: ch.manager.as });

    const report = await ok("GET", `/api/lends/${ch.lendId}/report`, { as: ch.manager.as });
    expect(report.lend.state).toBe("ended");
    expect(report.credit).toHaveLength(2);
    expect(report.totals).toEqual({ confirmed: 2, hours: 12, endorsements: 1 });
    expect(report.credit[0].endorsements).toEqual([
      {
        id: expect.any(String),
        endorser: { id: ch.lead.id, name: expect.any(String) },
        note: "Saved us a month.",
        createdAt: expect.any(String),
      },
    ]);
    expect(report.outcomes.kpis.map((k: { name: string }) => k.name)).toEqual(["Monthly batch spend", "Jobs retired"]);
    expect(report.viewer).toEqual({ canExtendOrEnd: false, canRecall: false });

    for (const who of [ch.person, ch.lead, await member({ roles: ["admin"] })]) {
      await ok("GET", `/api/lends/${ch.lendId}/report`, { as: who.as });
    }
    expectError(await callJson("GET", `/api/lends/${ch.lendId}/report`, { as: (await member()).as }), 404);
  });
});

describe("mentoring evidence", () => {
  it("lists the people the manager lent, the challenge, the dates and the credit each earned", async () => {
    const ch = await approved(isoDay(30));
    await confirmedCredit(ch.id, ch.person.id, ch.lead.id, 3);
    await ok("POST", `/api/lends/${ch.lendId}/end`, { as: ch.lead.as });
    const other = await lendOn(ch.person, ch.manager);
    await ok("POST", `/api/lends/${other.lendId}/decision`, { as: ch.manager.as, body: { decision: "approve" } });

    const mentoring = await ok("GET", `/api/people/${ch.manager.id}/mentoring`, { as: (await member()).as });
    expect(mentoring.manager.id).toBe(ch.manager.id);
    const byId = Object.fromEntries(mentoring.lends.map((l: { id: string }) => [l.id, l]));
    expect(byId[ch.lendId]).toMatchObject({
      person: { id: ch.person.id, name: "Riley Lent" },
      challenge: { id: ch.id },
      state: "ended",
      startsOn: isoDay(0),
      credit: { confirmed: 3, hours: 18 },
    });
    expect(byId[other.lendId]).toMatchObject({ state: "live", credit: { confirmed: 0, hours: 0 } });
    expectError(await callJson("GET", "/api/people/p_nobody/mentoring", { as: ch.manager.as }), 404);
  });
});

describe("concurrency", () => {
  it("an end and a recall at once: exactly one wins, and the slot's seat count stays right", async () => {
    for (let round = 0; round < 3; round++) {
      const ch = await approved(isoDay(30));
      const [end, recall] = await Promise.all([
        callJson("POST", `/api/lends/${ch.lendId}/end`, { as: ch.lead.as }),
        callJson("POST", `/api/lends/${ch.lendId}/recall`, { as: ch.manager.as, body: { reason: "Back, please." } }),
      ]);
      expect([end.status, recall.status].sort()).toEqual([200, 409]);
      const slot = await slotOf(ch.slotId);
      expect(slot?.filled).toBe(await seatsIn(ch.slotId));
      expect(slot?.filled).toBe(0);
      expect(await notices("lend_returned", ch.lendId)).toHaveLength(1);
    }
  });

  it("two ends at once and the daily job: one closes the lend, the seat frees once", async () => {
    const ch = await approved(isoDay(3));
    await env.DB.prepare("UPDATE lend_requests SET ends_on = ? WHERE id = ?").bind(isoDay(0), ch.lendId).run();
    const results = await Promise.all([
      callJson("POST", `/api/lends/${ch.lendId}/end`, { as: ch.lead.as }),
      callJson("POST", `/api/lends/${ch.lendId}/end`, { as: ch.manager.as }),
      runLendAgreements(db(), new Date().toISOString()),
    ]);
    const statuses = results.slice(0, 2).map((r) => (r as { status: number }).status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
    expect((await slotOf(ch.slotId))?.filled).toBe(await seatsIn(ch.slotId));
    expect(await notices("lend_returned", ch.lendId)).toHaveLength(1);
  });
});
