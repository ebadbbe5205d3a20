import { describe, expect, it } from "vitest";
import {
  callJson,
  createChallenge,
  env,
  expectError,
  expectInvalid,
  JUNK_BODIES,
  member,
  setChallenge,
} from "./helpers";

// ─── World builders ─────────────────────────────────────────────────────────────────────────

type Person = Awaited<ReturnType<typeof member>>;

const pitch = "I built the batch scheduler we run today and know where its costs hide.";
let seq = 0;
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}-${++seq}`;

/** An open challenge (or `stage`) with a title of its own and one data slot of `count` seats. */
async function challenge(
  options: {
    lead?: Person;
    stage?: "draft" | "open" | "funded";
    count?: number;
    ask?: number;
    required?: boolean;
  } = {},
) {
  const leadName = unique("Lena Lead");
  const lead = options.lead ?? (await member({ name: leadName }));
  const title = unique("Tame the batch bill");
  const id = await createChallenge(
    lead.as,
    {
      title,
      fundingAsk: options.ask ?? 2_500_000,
      slots: [
        {
          discipline: "data",
          count: options.count ?? 3,
          skills: [],
          commitmentPercent: 20,
          required: options.required ?? true,
        },
      ],
    },
    options.stage !== "draft",
  );
  if (options.stage === "funded") await setChallenge(id, { stage: "funded" });
  const slotId = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.slots[0].id as string;
  return { lead, leadName, id, slotId, title };
}

async function apply(person: Person, challengeId: string, slotId: string) {
  const res = await callJson("POST", `/api/challenges/${challengeId}/slots/${slotId}/applications`, {
    as: person.as,
    body: { pitch },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function decide(as: string, appId: string, body: Record<string, unknown>) {
  const res = await callJson("POST", `/api/applications/${appId}/decision`, { as, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Applies and gets accepted; returns the membership id. */
async function join(person: Person, decider: Person, challengeId: string, slotId: string) {
  const team = await decide(decider.as, await apply(person, challengeId, slotId), { decision: "accept" });
  return team.members.find((m: { person: { id: string } }) => m.person.id === person.id).id as string;
}

async function nameCoLead(lead: Person, challengeId: string, slotId: string) {
  const name = unique("Cora CoLead");
  const coLead = await member({ name });
  await join(coLead, lead, challengeId, slotId);
  const res = await callJson("PUT", `/api/challenges/${challengeId}/co-lead`, {
    as: lead.as,
    body: { personId: coLead.id },
  });
  expect(res.status).toBe(200);
  return { ...coLead, name };
}

/** Who was notified of `kind` about a challenge, straight from D1 (sorted ids). */
async function recipientsOf(challengeId: string, kind: string) {
  const { results } = await env.DB.prepare(
    "SELECT recipient_id AS id FROM notifications WHERE challenge_id = ? AND kind = ? ORDER BY recipient_id",
  )
    .bind(challengeId, kind)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

const sorted = (...ids: string[]) => [...ids].sort();

async function inbox(as: string, query = "") {
  const res = await callJson("GET", `/api/inbox${query}`, { as });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: any[]; nextCursor: string | null; unread: number };
}

/** The newest notification of `kind` in someone's inbox. */
async function latest(person: Person, kind: string) {
  const item = (await inbox(person.as, "?limit=100")).items.find((n) => n.kind === kind);
  expect(item, `${kind} in the inbox`).toBeDefined();
  return item;
}

async function lendsOf(manager: Person) {
  return (await callJson("GET", "/api/lends?status=pending", { as: manager.as })).body.items as {
    id: string;
    person: { id: string };
  }[];
}

const year = new Date().getUTCFullYear();

/** A sponsor with a budget in a current period. */
async function sponsor(name: string) {
  const admin = await member({ roles: ["admin"] });
  const period = await callJson("POST", "/api/admin/budget-periods", {
    as: admin.as,
    body: { name: unique("FY"), startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` },
  });
  expect(period.status, JSON.stringify(period.body)).toBe(201);
  const s = await member({ name, roles: ["sponsor"] });
  const budget = await callJson("POST", "/api/admin/allocations", {
    as: admin.as,
    body: { periodId: period.body.id, sponsorId: s.id, amount: 10_000_000 },
  });
  expect(budget.status, JSON.stringify(budget.body)).toBe(201);
  return { ...s, budgetId: budget.body.id as string };
}

function transition(as: string, challengeId: string, action: string) {
  return callJson("POST", `/api/challenges/${challengeId}/transitions`, { as, body: { action } });
}

// ─── Who hears of what ──────────────────────────────────────────────────────────────────────

describe("application received", () => {
  it("tells the lead and the co-lead, never the applicant, in a sentence naming both", async () => {
    const { lead, id, slotId, title } = await challenge();
    const coLead = await nameCoLead(lead, id, slotId);
    const ian = await member({ name: "Ian Applicant" });
    const appId = await apply(ian, id, slotId);
    const sent = await env.DB.prepare(
      "SELECT recipient_id AS id FROM notifications WHERE kind = 'application_received' AND json_extract(data, '$.applicationId') = ?",
    )
      .bind(appId)
      .all<{ id: string }>();
    expect(sent.results.map((r) => r.id).sort()).toEqual(sorted(lead.id, coLead.id));
    const n = await latest(lead, "application_received");
    expect(n).toMatchObject({
      message: `Ian Applicant applied to the data role on “${title}”.`,
      challenge: { id, title },
      actor: { id: ian.id, name: "Ian Applicant" },
      data: { applicationId: appId, discipline: "data" },
      readAt: null,
    });
    expect((await inbox(ian.as)).items).toEqual([]);
  });

  it("without a co-lead, only the lead hears", async () => {
    const { lead, id, slotId } = await challenge();
    await apply(await member(), id, slotId);
    expect(await recipientsOf(id, "application_received")).toEqual([lead.id]);
  });
});

describe("application decided", () => {
  it("an acceptance tells the applicant only; no lend is mentioned without a manager", async () => {
    const { lead, id, slotId, title } = await challenge();
    const coLead = await nameCoLead(lead, id, slotId);
    const ian = await member({ name: "Ian Free" });
    const appId = await apply(ian, id, slotId);
    await decide(coLead.as, appId, { decision: "accept", note: "Welcome." });
    const sent = await env.DB.prepare(
      "SELECT recipient_id AS id, data FROM notifications WHERE kind = 'application_decided' AND json_extract(data, '$.applicationId') = ?",
    )
      .bind(appId)
      .all<{ id: string; data: string }>();
    expect(sent.results.map((r) => r.id)).toEqual([ian.id]);
    const n = await latest(ian, "application_decided");
    expect(n.message).toBe(`${coLead.name} accepted you onto “${title}”.`);
    expect(n.data).toMatchObject({ decision: "accept", applicationId: appId });
    expect(n.data.pendingLend).toBeUndefined();
  });

  it("an acceptance pending a lend says the manager is asked, with pendingLend", async () => {
    const manager = await member({ name: "Mona Manager", track: "management", level: "M2" });
    const { lead, leadName, id, slotId, title } = await challenge();
    const ian = await member({ name: "Ian Lent", managerId: manager.id });
    await decide(lead.as, await apply(ian, id, slotId), { decision: "accept" });
    const n = await latest(ian, "application_decided");
    expect(n.data).toMatchObject({ decision: "accept", pendingLend: true });
    expect(n.message).toBe(`${leadName} accepted you onto “${title}”; your manager is asked to lend your time.`);
    expect(n.actor.id).toBe(lead.id);
  });

  it("a decline tells the applicant with the note; the deciding lead hears nothing", async () => {
    const { lead, leadName, id, slotId, title } = await challenge();
    const ian = await member({ name: "Ian Declined" });
    const appId = await apply(ian, id, slotId);
    await callJson("POST", "/api/inbox/read", { as: lead.as, body: { all: true } });
    await decide(lead.as, appId, { decision: "decline", note: "We need deeper SQL for this one." });
    const n = await latest(ian, "application_decided");
    expect(n.message).toBe(`${leadName} declined your application to “${title}”: We need deeper SQL for this one.`);
    expect(n.data).toMatchObject({ decision: "decline", note: "We need deeper SQL for this one." });
    expect(await recipientsOf(id, "application_decided")).toEqual([ian.id]);
    expect((await inbox(lead.as, "?unread=true")).items).toEqual([]);
  });

  it("removing a slot tells those whose pending applications it declined", async () => {
    const { lead, leadName, id, slotId, title } = await challenge({ required: false });
    const [a, b, c] = [await member(), await member(), await member()];
    await apply(a, id, slotId);
    await apply(b, id, slotId);
    await decide(lead.as, await apply(c, id, slotId), { decision: "decline", note: "Not this time." });
    expect((await callJson("DELETE", `/api/challenges/${id}/slots/${slotId}`, { as: lead.as })).status).toBe(200);
    expect(await recipientsOf(id, "application_decided")).toEqual(sorted(a.id, b.id, c.id));
    expect((await inbox(c.as)).items.filter((n) => n.kind === "application_decided")).toHaveLength(1);
    expect((await latest(a, "application_decided")).message).toBe(
      `${leadName} declined your application to “${title}”: The role slot was removed.`,
    );
  });

  it("a withdrawal tells nobody a decision was made", async () => {
    const { id, slotId } = await challenge();
    const ian = await member();
    const appId = await apply(ian, id, slotId);
    await callJson("POST", `/api/applications/${appId}/withdraw`, { as: ian.as });
    expect(await recipientsOf(id, "application_decided")).toEqual([]);
  });
});

describe("lend requested and decided", () => {
  it("the manager hears of the request; the member and both leads hear the decision, never the manager", async () => {
    const manager = await member({ name: "Mona Manager", track: "management", level: "M2" });
    const { lead, id, slotId, title } = await challenge();
    const coLead = await nameCoLead(lead, id, slotId);
    const ian = await member({ name: "Ian Reporter", managerId: manager.id });
    await decide(lead.as, await apply(ian, id, slotId), { decision: "accept" });

    expect(await recipientsOf(id, "lend_requested")).toEqual([manager.id]);
    const asked = await latest(manager, "lend_requested");
    expect(asked.message).toBe(`Ian Reporter joined “${title}” for 20% of their time; approve or decline the lend.`);
    expect(asked.data).toMatchObject({ sharePercent: 20, durationWeeks: 10 });
    const [lend] = await lendsOf(manager);
    expect(asked.data.lendId).toBe(lend.id);

    const res = await callJson("POST", `/api/lends/${lend.id}/decision`, {
      as: manager.as,
      body: { decision: "approve" },
    });
    expect(res.status).toBe(200);
    expect(await recipientsOf(id, "lend_decided")).toEqual(sorted(ian.id, lead.id, coLead.id));
    for (const who of [ian, lead, coLead]) {
      expect((await latest(who, "lend_decided")).message).toBe(`Mona Manager lent Ian Reporter to “${title}”.`);
    }
  });

  it("a declined lend tells the member and the lead why", async () => {
    const manager = await member({ name: "Mona Manager", track: "management", level: "M2" });
    const { lead, id, slotId, title } = await challenge();
    const ian = await member({ name: "Ian Kept", managerId: manager.id });
    await decide(lead.as, await apply(ian, id, slotId), { decision: "accept" });
    const [lend] = await lendsOf(manager);
    await callJson("POST", `/api/lends/${lend.id}/decision`, {
      as: manager.as,
      body: { decision: "decline", reason: "Quarter-end close needs him." },
    });
    expect(await recipientsOf(id, "lend_decided")).toEqual(sorted(ian.id, lead.id));
    const n = await latest(ian, "lend_decided");
    expect(n.message).toBe(`Mona Manager declined to lend Ian Kept to “${title}”: Quarter-end close needs him.`);
    expect(n.data).toMatchObject({ decision: "decline", reason: "Quarter-end close needs him." });
  });

  it("a lead who accepts their own report is not told of the lend they must still decide", async () => {
    const boss = await member({ name: "Bo Boss", track: "management", level: "M2" });
    const { id, slotId } = await challenge({ lead: boss });
    const report = await member({ managerId: boss.id });
    await decide(boss.as, await apply(report, id, slotId), { decision: "accept" });
    expect(await recipientsOf(id, "lend_requested")).toEqual([]);
    expect((await lendsOf(boss)).map((l) => l.person.id)).toEqual([report.id]);
  });
});

describe("stage changed", () => {
  it("publishing (by the co-lead) tells the lead, not the co-lead", async () => {
    const { lead, id, slotId, title } = await challenge({ stage: "draft" });
    const coLead = await member({ name: "Cora Draft" });
    await env.DB.prepare(
      "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, 20, 'active')",
    )
      .bind(`mem_${crypto.randomUUID().slice(0, 8)}`, id, slotId, coLead.id)
      .run();
    await setChallenge(id, { co_lead_id: coLead.id });
    expect((await transition(coLead.as, id, "publish")).status).toBe(200);
    expect(await recipientsOf(id, "stage_changed")).toEqual([lead.id]);
    const n = await latest(lead, "stage_changed");
    expect(n.data).toEqual({ from: "draft", to: "open" });
    expect(n.actor).toMatchObject({ id: coLead.id, name: "Cora Draft" });
    expect(n.message).toBe(`Cora Draft moved “${title}” to open.`);
  });

  it("starting tells the team, the backers and the co-lead; never the lead who started it, a released member, an applicant or a stranger", async () => {
    const { lead, leadName, id, slotId, title } = await challenge({ stage: "funded", count: 4, required: false });
    const coLead = await nameCoLead(lead, id, slotId);
    const teammate = await member({ name: "Tess Team" });
    await join(teammate, lead, id, slotId);
    const released = await member();
    const releasedSeat = await join(released, lead, id, slotId);
    await callJson("DELETE", `/api/memberships/${releasedSeat}`, { as: lead.as });
    const backer = await member();
    await callJson("PUT", `/api/challenges/${id}/backing`, { as: backer.as });
    const applicant = await member();
    await apply(applicant, id, slotId);

    const started = await transition(lead.as, id, "start");
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(await recipientsOf(id, "stage_changed")).toEqual(sorted(coLead.id, teammate.id, backer.id));
    const n = await latest(teammate, "stage_changed");
    expect(n.data).toEqual({ from: "funded", to: "active" });
    expect(n.actor.id).toBe(lead.id);
    expect(n.message).toBe(`${leadName} moved “${title}” to active.`);
  });

  it("withdrawing an open challenge tells its backers and co-lead", async () => {
    const { lead, leadName, id, slotId, title } = await challenge();
    const coLead = await nameCoLead(lead, id, slotId);
    const backers = [await member(), await member()];
    for (const b of backers) await callJson("PUT", `/api/challenges/${id}/backing`, { as: b.as });
    expect((await transition(lead.as, id, "withdraw")).status).toBe(200);
    expect(await recipientsOf(id, "stage_changed")).toEqual(sorted(coLead.id, ...backers.map((b) => b.id)));
    const n = await latest(backers[0], "stage_changed");
    expect(n.data).toEqual({ from: "open", to: "withdrawn" });
    expect(n.message).toBe(`${leadName} moved “${title}” to withdrawn.`);
  });

  it("funding by a pledge tells everyone following it, the lead included (no actor moved it)", async () => {
    const sam = await sponsor("Sam Sponsor");
    const { lead, id, slotId, title } = await challenge({ ask: 100_000 });
    const coLead = await nameCoLead(lead, id, slotId);
    const teammate = await member();
    await join(teammate, lead, id, slotId);
    const backer = await member();
    await callJson("PUT", `/api/challenges/${id}/backing`, { as: backer.as });

    const pledged = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sam.as,
      body: { budgetId: sam.budgetId, amount: 100_000 },
    });
    expect(pledged.status, JSON.stringify(pledged.body)).toBe(201);
    expect(await recipientsOf(id, "stage_changed")).toEqual(sorted(lead.id, coLead.id, teammate.id, backer.id));
    const n = await latest(backer, "stage_changed");
    expect(n.actor).toBeNull();
    expect(n.message).toBe(`“${title}” is now funded: its funding ask is met.`);
  });
});

describe("pledge received", () => {
  it("tells the lead and the co-lead, never the sponsor, naming the sponsor", async () => {
    const sam = await sponsor("Sam Sponsor");
    const { lead, id, slotId, title } = await challenge({ ask: 1_000_000 });
    const coLead = await nameCoLead(lead, id, slotId);
    await callJson("PUT", `/api/challenges/${id}/backing`, { as: sam.as });
    const res = await callJson("POST", `/api/challenges/${id}/pledges`, {
      as: sam.as,
      body: { budgetId: sam.budgetId, amount: 250_000 },
    });
    expect(res.status).toBe(201);
    expect(await recipientsOf(id, "pledge_received")).toEqual(sorted(lead.id, coLead.id));
    const n = await latest(coLead, "pledge_received");
    expect(n.message).toBe(`Sam Sponsor pledged to “${title}”.`);
    expect(n.data).toMatchObject({ amount: 250_000 });
    expect(await recipientsOf(id, "stage_changed")).toEqual([]);
  });
});

describe("comment received", () => {
  it("tells the leads, never the commenter", async () => {
    const { lead, id, slotId, title } = await challenge();
    const coLead = await nameCoLead(lead, id, slotId);
    const carl = await member({ name: "Carl Commenter" });
    const backer = await member();
    await callJson("PUT", `/api/challenges/${id}/backing`, { as: backer.as });
    expect(
      (
        await callJson("POST", `/api/challenges/${id}/comments`, {
          as: carl.as,
          body: { body: "Have you tried spot?" },
        })
      ).status,
    ).toBe(201);
    expect(await recipientsOf(id, "comment_received")).toEqual(sorted(lead.id, coLead.id));
    expect((await latest(lead, "comment_received")).message).toBe(`Carl Commenter commented on “${title}”.`);

    await callJson("POST", `/api/challenges/${id}/comments`, { as: coLead.as, body: { body: "Yes, last year." } });
    await callJson("POST", `/api/challenges/${id}/comments`, {
      as: lead.as,
      body: { body: "It failed on preemption." },
    });
    const { results } = await env.DB.prepare(
      "SELECT recipient_id AS r, actor_id AS a FROM notifications WHERE challenge_id = ? AND kind = 'comment_received'",
    )
      .bind(id)
      .all<{ r: string; a: string }>();
    expect(results).toHaveLength(4);
    for (const row of results) expect(row.r).not.toBe(row.a);
  });
});

describe("member released", () => {
  it("tells the released member who released them; leaving on one's own tells nobody", async () => {
    const { lead, leadName, id, slotId, title } = await challenge();
    const ian = await member({ name: "Ian Released" });
    const seat = await join(ian, lead, id, slotId);
    expect((await callJson("DELETE", `/api/memberships/${seat}`, { as: lead.as })).status).toBe(200);
    expect(await recipientsOf(id, "member_released")).toEqual([ian.id]);
    const n = await latest(ian, "member_released");
    expect(n.message).toBe(`${leadName} released you from the team of “${title}”.`);
    expect(n.actor.id).toBe(lead.id);

    const leaver = await member();
    const leaverSeat = await join(leaver, lead, id, slotId);
    expect((await callJson("DELETE", `/api/memberships/${leaverSeat}`, { as: leaver.as })).status).toBe(200);
    expect(await recipientsOf(id, "member_released")).toEqual([ian.id]);
  });
});

describe("never the actor", () => {
  it("no notification in the whole file was sent to the person who caused it", async () => {
    const row = await env.DB.prepare("SELECT count(*) AS n FROM notifications WHERE recipient_id = actor_id").first<{
      n: number;
    }>();
    expect(row?.n).toBe(0);
  });
});

// ─── The inbox API ──────────────────────────────────────────────────────────────────────────

/** `n` notifications for `recipientId` straight in D1, several sharing a timestamp. */
async function seedNotifications(recipientId: string, n: number, read = false) {
  const base = Date.parse("2030-01-01T00:00:00.000Z");
  const statements = [];
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `ntf_seed_${crypto.randomUUID().slice(0, 12)}`;
    ids.push(id);
    // Every third pair shares a millisecond, so the id breaks the tie.
    const at = new Date(base + Math.floor(i / 3) * 1000).toISOString();
    statements.push(
      env.DB.prepare(
        "INSERT INTO notifications (id, recipient_id, kind, data, created_at, read_at) VALUES (?, ?, 'member_released', '{}', ?, ?)",
      ).bind(id, recipientId, at, read ? at : null),
    );
  }
  await env.DB.batch(statements);
  return ids;
}

describe("GET /api/inbox", () => {
  it("pages to the end, newest first, without repeats or gaps", async () => {
    const me = await member();
    const ids = await seedNotifications(me.id, 45);
    const seen: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await inbox(me.as, `?limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(7);
      expect(page.unread).toBe(45);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBe(7);
    expect(seen.map((n) => n.id).sort()).toEqual([...ids].sort());
    expect(new Set(seen.map((n) => n.id)).size).toBe(45);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]];
      expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)).toBe(true);
    }
    expect(seen[0]).toMatchObject({ challenge: null, actor: null, data: {}, readAt: null });
    expect(seen[0].message).toBe("Someone released you from the team of a challenge.");
  });

  it("an exact page ends with a null cursor", async () => {
    const me = await member();
    await seedNotifications(me.id, 6);
    const first = await inbox(me.as, "?limit=3");
    expect(first.nextCursor).not.toBeNull();
    const second = await inbox(me.as, `?limit=3&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
    expect((await inbox(me.as, "?limit=6")).nextCursor).toBeNull();
  });

  it("unread=true lists only unread ones, paged to the end", async () => {
    const me = await member();
    const unreadIds = await seedNotifications(me.id, 11);
    await seedNotifications(me.id, 9, true);
    expect((await inbox(me.as, "?limit=100")).items).toHaveLength(20);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await inbox(me.as, `?unread=true&limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.unread).toBe(11);
      for (const n of page.items) expect(n.readAt).toBeNull();
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...unreadIds].sort());
    expect((await inbox(me.as, "?unread=false&limit=100")).items).toHaveLength(20);
  });

  it("shows only my own notifications", async () => {
    const [me, other] = [await member(), await member()];
    await seedNotifications(other.id, 5);
    const mine = await seedNotifications(me.id, 2);
    const page = await inbox(me.as);
    expect(page.items.map((n) => n.id).sort()).toEqual([...mine].sort());
    expect(page.unread).toBe(2);
  });

  it("answers bad queries with 400 naming the parameter, and 401 without a session", async () => {
    const me = await member();
    expectInvalid(await callJson("GET", "/api/inbox?limit=0", { as: me.as }), "limit");
    expectInvalid(await callJson("GET", "/api/inbox?limit=101", { as: me.as }), "limit");
    expectInvalid(await callJson("GET", "/api/inbox?unread=yes", { as: me.as }), "unread");
    expectInvalid(await callJson("GET", "/api/inbox?cursor=not-a-cursor", { as: me.as }), "cursor");
    expectInvalid(await callJson("GET", `/api/inbox?cursor=${btoa('["x"]')}`, { as: me.as }), "cursor");
    expectError(await callJson("GET", "/api/inbox"), 401);
    expectError(await callJson("GET", "/api/inbox/unread"), 401);
    expectError(await callJson("POST", "/api/inbox/read", { body: { all: true } }), 401);
  });
});

describe("GET /api/inbox/unread and POST /api/inbox/read", () => {
  it("marks some read, then all; the count follows", async () => {
    const me = await member();
    const ids = await seedNotifications(me.id, 8);
    expect((await callJson("GET", "/api/inbox/unread", { as: me.as })).body).toEqual({ unread: 8, needsAction: 0 });

    const some = await callJson("POST", "/api/inbox/read", { as: me.as, body: { ids: ids.slice(0, 3) } });
    expect(some.status).toBe(200);
    expect(some.body).toEqual({ unread: 5, needsAction: 0 });
    const page = await inbox(me.as, "?limit=100");
    for (const n of page.items) {
      if (ids.slice(0, 3).includes(n.id)) expect(n.readAt).toEqual(expect.any(String));
      else expect(n.readAt).toBeNull();
    }
    const readAt = page.items.find((n) => n.id === ids[0]).readAt;

    // Marking again changes nothing, not even when they were read.
    expect(
      (await callJson("POST", "/api/inbox/read", { as: me.as, body: { ids: [ids[0], "ntf_nope"] } })).body,
    ).toEqual({ unread: 5, needsAction: 0 });
    expect((await inbox(me.as, "?limit=100")).items.find((n) => n.id === ids[0]).readAt).toBe(readAt);
    expect((await callJson("POST", "/api/inbox/read", { as: me.as, body: { ids: [] } })).body).toEqual({
      unread: 5,
      needsAction: 0,
    });
    expect(
      (await callJson("POST", "/api/inbox/read", { as: me.as, body: { ids: ids.slice(3, 4), all: false } })).body,
    ).toEqual({ unread: 4, needsAction: 0 });

    const all = await callJson("POST", "/api/inbox/read", { as: me.as, body: { all: true } });
    expect(all.body).toEqual({ unread: 0, needsAction: 0 });
    expect((await callJson("GET", "/api/inbox/unread", { as: me.as })).body).toEqual({ unread: 0, needsAction: 0 });
    expect((await inbox(me.as, "?unread=true")).items).toEqual([]);
  });

  it("reading someone else's notification ids changes nothing", async () => {
    const [me, other] = [await member(), await member()];
    const theirs = await seedNotifications(other.id, 4);
    await seedNotifications(me.id, 1);
    const res = await callJson("POST", "/api/inbox/read", { as: me.as, body: { ids: theirs } });
    expect(res.body).toEqual({ unread: 1, needsAction: 0 });
    expect((await callJson("GET", "/api/inbox/unread", { as: other.as })).body).toEqual({ unread: 4, needsAction: 0 });
    const { results } = await env.DB.prepare(
      `SELECT read_at FROM notifications WHERE id IN (${theirs.map(() => "?").join(",")})`,
    )
      .bind(...theirs)
      .all();
    for (const r of results) expect(r.read_at).toBeNull();
    // And `all` reads only mine.
    await callJson("POST", "/api/inbox/read", { as: me.as, body: { all: true } });
    expect((await callJson("GET", "/api/inbox/unread", { as: other.as })).body).toEqual({ unread: 4, needsAction: 0 });
  });

  it("answers bad bodies with 400 naming the field, never a 500", async () => {
    const me = await member();
    const ids = await seedNotifications(me.id, 2);
    const read = (body: unknown) => callJson("POST", "/api/inbox/read", { as: me.as, body });
    expectInvalid(await read({ ids, all: true }), "ids");
    expectInvalid(await read({}), "ids");
    expectInvalid(await read({ all: false }), "ids");
    expectInvalid(await read({ ids: "all" }), "ids");
    expectInvalid(await read({ ids: [1, 2] }), "ids.0");
    expectInvalid(await read({ ids: [""] }), "ids.0");
    expectInvalid(await read({ ids: ["n".repeat(65)] }), "ids.0");
    expectInvalid(await read({ ids: Array.from({ length: 101 }, (_, i) => `ntf_${i}`) }), "ids");
    expectInvalid(await read({ all: "true" }), "all");
    for (const body of JUNK_BODIES) {
      const res = await read(body);
      expect(res.status, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).toBe(400);
      expectError(res, 400, "validation_failed");
    }
    expect((await callJson("GET", "/api/inbox/unread", { as: me.as })).body).toEqual({ unread: 2, needsAction: 0 });
  });
});
