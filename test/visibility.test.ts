import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { isVisibleTo, STAGES } from "../worker/domain/lifecycle";
import { createDb } from "../worker/middleware/db";
import { visibleToSql } from "../worker/services/visibility";
import { call, callJson, createChallenge, env, expectError, member, setChallenge } from "./helpers";

// SPEC §14: drafts never appear through another object to anyone but their lead and co-lead,
// and money in activity entries reaches only those who may read the challenge's ledger.

// ─── World builders ─────────────────────────────────────────────────────────────────────────

type Person = Awaited<ReturnType<typeof member>>;

/** A word no other challenge holds, so a search or a tag finds exactly what a test seeded. */
const uniqueWord = () => `zq${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
const rowId = (prefix: string) => `${prefix}_vis_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;

interface Secret {
  id: string;
  title: string;
}

/**
 * A challenge never published, with a data slot asking for spark: a draft, or (`withdrawn`) a
 * draft its lead withdrew before publishing. Its title, summary and tag carry `word`.
 */
async function unpublished(lead: Person, word: string, withdrawn = false): Promise<Secret> {
  const title = `Secret ${withdrawn ? "withdrawn" : "draft"} ${word} ${crypto.randomUUID().slice(0, 6)}`;
  const id = await createChallenge(lead.as, {
    title,
    summary: `Nobody else may read about ${word} yet.`,
    tags: [word],
    slots: [{ discipline: "data", count: 2, skills: ["spark"], commitmentPercent: 20, required: false }],
  });
  if (withdrawn) {
    const res = await callJson("POST", `/api/challenges/${id}/transitions`, {
      as: lead.as,
      body: { action: "withdraw" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return { id, title };
}

/** A draft and a withdrawn draft of `lead`, both carrying `word`. */
async function secretsOf(lead: Person, word = uniqueWord()) {
  return { word, draft: await unpublished(lead, word), withdrawn: await unpublished(lead, word, true) };
}

/** Asserts that neither the id nor the title of any secret appears anywhere in a response. */
function expectHidden(what: string, body: unknown, ...secrets: Secret[]) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  for (const s of secrets) {
    expect(text, `${what} names ${s.id}`).not.toContain(s.id);
    expect(text, `${what} names “${s.title}”`).not.toContain(s.title);
  }
}

function expectShown(what: string, body: unknown, ...secrets: Secret[]) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  for (const s of secrets) expect(text, `${what} should name ${s.id}`).toContain(s.id);
}

async function get(as: string, path: string) {
  const res = await callJson("GET", path, { as });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

async function getText(as: string, path: string) {
  const res = await call("GET", path, { headers: { cookie: as } });
  const text = await res.text();
  expect(res.status, `${path}: ${text}`).toBe(200);
  return text;
}

async function firstSlotOf(challengeId: string) {
  const row = await env.DB.prepare("SELECT id FROM challenge_slots WHERE challenge_id = ? ORDER BY position LIMIT 1")
    .bind(challengeId)
    .first<{ id: string }>();
  if (!row) throw new Error(`challenge ${challengeId} has no slot`);
  return row.id;
}

/** Seats a person on a challenge straight in D1 (no route seats anyone on a draft). */
async function seat(personId: string, challengeId: string) {
  const id = rowId("mem");
  await env.DB.prepare(
    "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, 10, 'active')",
  )
    .bind(id, challengeId, await firstSlotOf(challengeId), personId)
    .run();
  return id;
}

async function transition(as: string, id: string, action: string) {
  return callJson("POST", `/api/challenges/${id}/transitions`, { as, body: { action } });
}

async function notificationsOf(personId: string, challengeId: string) {
  const row = await env.DB.prepare(
    "SELECT count(*) AS n FROM notifications WHERE recipient_id = ? AND challenge_id = ?",
  )
    .bind(personId, challengeId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

// ─── The rule ───────────────────────────────────────────────────────────────────────────────

describe("the visibility rule", () => {
  it("the SQL term of every list agrees with isVisibleTo for every stage, published or not, and every viewer", async () => {
    const lead = await member();
    const coLead = await member();
    const other = await member();
    const id = await createChallenge(lead.as);
    const db = createDb(env.DB);
    for (const stage of STAGES) {
      for (const publishedAt of [null, "2026-01-05T09:00:00.000Z"]) {
        for (const withCoLead of [false, true]) {
          await setChallenge(id, { stage, published_at: publishedAt, co_lead_id: withCoLead ? coLead.id : null });
          for (const viewer of [lead, coLead, other]) {
            const [row] = await db.all<{ v: number }>(
              sql`SELECT ${visibleToSql("c", viewer.id)} AS v FROM challenges c WHERE c.id = ${id}`,
            );
            const actor = { isLead: viewer === lead, isCoLead: withCoLead && viewer === coLead };
            expect(row.v === 1, `${stage}, published ${publishedAt}, co-lead ${withCoLead}`).toBe(
              isVisibleTo({ stage, publishedAt }, actor),
            );
          }
        }
      }
    }
  });

  it("GET /api/challenges/:id: a draft withdrawn unpublished stays with its leads; one withdrawn after publishing is public", async () => {
    const lead = await member();
    const coLead = await member();
    const { draft, withdrawn } = await secretsOf(lead);
    await setChallenge(withdrawn.id, { co_lead_id: coLead.id });
    const published = await createChallenge(lead.as, {}, true);
    expect((await transition(lead.as, published, "withdraw")).status).toBe(200);
    for (const outsider of [await member(), await member({ roles: ["admin", "reviewer", "sponsor"] })]) {
      for (const s of [draft, withdrawn]) {
        expectError(await callJson("GET", `/api/challenges/${s.id}`, { as: outsider.as }), 404, "not_found");
        expectError(await callJson("GET", `/api/challenges/${s.id}/activity`, { as: outsider.as }), 404);
      }
      expect((await callJson("GET", `/api/challenges/${published}`, { as: outsider.as })).status).toBe(200);
    }
    for (const leader of [lead, coLead]) {
      expect((await callJson("GET", `/api/challenges/${withdrawn.id}`, { as: leader.as })).body.stage).toBe(
        "withdrawn",
      );
    }
  });
});

// ─── Drafts never appear through another object ─────────────────────────────────────────────

describe("GET /api/challenges", () => {
  it("no stage, filter, sort or search shows another's draft or withdrawn draft; the lead still finds both", async () => {
    const lead = await member({ discipline: "data", skills: ["spark"] });
    const { word, draft, withdrawn } = await secretsOf(lead);
    // A published twin with the same word, so every query below has something to find.
    const twin = await createChallenge(
      lead.as,
      {
        title: `Published ${word}`,
        summary: `Everyone may read about ${word}.`,
        tags: [word],
        slots: [{ discipline: "data", count: 2, skills: ["spark"], commitmentPercent: 20, required: false }],
      },
      true,
    );
    const outsider = await member({ discipline: "data", skills: ["spark"] });
    const admin = await member({ roles: ["admin"] });
    const sorts = ["newest", "most_backed", "relevance", "nearest_funded", "best_match"];
    const filters = [
      `tag=${word}`,
      `q=${word}`,
      `q=${word}&tag=${word}`,
      `q=${word.slice(0, -2)}`,
      `tag=${word}&discipline=data`,
      `tag=${word}&skill=spark`,
      `tag=${word}&sponsor=${lead.id}`,
    ];
    const queries = filters.flatMap((filter) => [
      ...STAGES.map((stage) => `${filter}&stage=${stage}`),
      ...sorts.map((sort) => `${filter}&sort=${sort}`),
      ...sorts.map((sort) => `${filter}&sort=${sort}&stage=withdrawn`),
    ]);
    let sawTwin = false;
    for (const viewer of [outsider, admin]) {
      for (const query of queries) {
        const path = `/api/challenges?${query}&limit=50`;
        const body = await get(viewer.as, path);
        expectHidden(path, body, draft, withdrawn);
        sawTwin ||= body.items.some((c: { id: string }) => c.id === twin);
      }
    }
    expect(sawTwin).toBe(true);
    expectShown("the lead's drafts", await get(lead.as, `/api/challenges?tag=${word}&stage=draft`), draft);
    expectShown("the lead's withdrawn", await get(lead.as, `/api/challenges?q=${word}&stage=withdrawn`), withdrawn);
  });
});

describe("GET /api/similar-challenges", () => {
  it("never suggests another's draft or withdrawn draft, however close the words", async () => {
    const lead = await member();
    const { word, draft, withdrawn } = await secretsOf(lead);
    const twin = await createChallenge(lead.as, { title: `Published ${word}` }, true);
    const outsider = await member();
    for (const q of [word, draft.title, withdrawn.title]) {
      const body = await get(outsider.as, `/api/similar-challenges?q=${encodeURIComponent(q)}`);
      expectHidden(`similar to ${q}`, body, draft, withdrawn);
      expect(body.items.map((c: { id: string }) => c.id)).toContain(twin);
    }
  });
});

describe("merge requests", () => {
  async function openTarget() {
    const lead = await member();
    const id = await createChallenge(lead.as, { title: `Open target ${uniqueWord()}` }, true);
    return { lead, id };
  }

  it("a draft cannot be proposed for a merge (409): the other lead would see it; nothing is left behind", async () => {
    const leadA = await member();
    const draft = await unpublished(leadA, uniqueWord());
    const target = await openTarget();
    const made = await callJson("POST", `/api/challenges/${draft.id}/merge-requests`, {
      as: leadA.as,
      body: { targetId: target.id, note: "Mine is the same idea." },
    });
    expectError(made, 409, "invalid_stage");
    expect(made.body.error.message).toMatch(/publish/i);
    for (const viewer of [target.lead, await member()]) {
      expectHidden(
        "target's merge requests",
        await get(viewer.as, `/api/challenges/${target.id}/merge-requests`),
        draft,
      );
    }
    expectHidden("target lead's inbox", await get(target.lead.as, "/api/inbox"), draft);
    expect(await notificationsOf(target.lead.id, target.id)).toBe(0);
  });

  it("a proposal from a draft made earlier stays with the draft's leads: not listed, not decidable (404), not in the inbox", async () => {
    const leadA = await member();
    const draft = await unpublished(leadA, uniqueWord());
    const target = await openTarget();
    const requestId = rowId("mrg");
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO merge_requests (id, source_id, target_id, requested_by_id, note) VALUES (?, ?, ?, ?, 'Same idea.')",
      ).bind(requestId, draft.id, target.id, leadA.id),
      env.DB.prepare(
        "INSERT INTO notifications (id, recipient_id, kind, challenge_id, actor_id, data) VALUES (?, ?, 'merge_requested', ?, ?, ?)",
      ).bind(
        rowId("ntf"),
        target.lead.id,
        target.id,
        leadA.id,
        JSON.stringify({ mergeRequestId: requestId, sourceId: draft.id, sourceTitle: draft.title }),
      ),
    ]);
    for (const viewer of [target.lead, await member()]) {
      const listed = await get(viewer.as, `/api/challenges/${target.id}/merge-requests`);
      expectHidden("target's merge requests", listed, draft);
      expect(listed.items).toEqual([]);
    }
    for (const decision of ["accept", "decline"]) {
      const decided = await callJson("POST", `/api/merge-requests/${requestId}/decision`, {
        as: target.lead.as,
        body: { decision, note: "No." },
      });
      expectError(decided, 404, "not_found");
      expectHidden("the refusal", decided.body, draft);
    }
    const inbox = await get(target.lead.as, "/api/inbox");
    expectHidden("target lead's inbox", inbox, draft);
    expect(inbox.unread).toBe(0);
    expect((await get(target.lead.as, "/api/inbox/unread")).unread).toBe(0);
    // The draft's own lead still sees their proposal.
    expectShown("the draft's merge requests", await get(leadA.as, `/api/challenges/${draft.id}/merge-requests`), draft);
  });

  it("a draft merged in earlier: the target's page, activity and followers' inboxes name it only to its leads", async () => {
    const leadA = await member();
    const draft = await unpublished(leadA, uniqueWord());
    const target = await openTarget();
    const follower = await member();
    await callJson("PUT", `/api/challenges/${target.id}/backing`, { as: follower.as });
    await setChallenge(draft.id, { stage: "withdrawn", merged_into_id: target.id });
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO merge_requests (id, source_id, target_id, requested_by_id, status, decided_by_id) VALUES (?, ?, ?, ?, 'accepted', ?)",
      ).bind(rowId("mrg"), draft.id, target.id, leadA.id, target.lead.id),
      env.DB.prepare(
        "INSERT INTO activities (id, challenge_id, actor_id, action, detail) VALUES (?, ?, ?, 'merged_from', ?)",
      ).bind(rowId("act"), target.id, target.lead.id, JSON.stringify({ sourceId: draft.id, title: draft.title })),
      env.DB.prepare(
        "INSERT INTO notifications (id, recipient_id, kind, challenge_id, actor_id, data) VALUES (?, ?, 'merge_decided', ?, ?, ?)",
      ).bind(
        rowId("ntf"),
        follower.id,
        target.id,
        target.lead.id,
        JSON.stringify({ decision: "accept", sourceId: draft.id, sourceTitle: draft.title }),
      ),
    ]);
    for (const viewer of [follower, target.lead, await member({ roles: ["admin"] })]) {
      const page = await get(viewer.as, `/api/challenges/${target.id}`);
      expectHidden("the target's page", page, draft);
      expect(page.mergedFrom).toEqual([]);
      expectHidden("the target's activity", await get(viewer.as, `/api/challenges/${target.id}/activity`), draft);
      expectHidden("the target's merges", await get(viewer.as, `/api/challenges/${target.id}/merge-requests`), draft);
    }
    expectHidden("the follower's inbox", await get(follower.as, "/api/inbox"), draft);
    const own = await get(leadA.as, `/api/challenges/${target.id}`);
    expect(own.mergedFrom).toEqual([{ id: draft.id, title: draft.title }]);
    expectShown(
      "the draft lead's view of the activity",
      await get(leadA.as, `/api/challenges/${target.id}/activity`),
      draft,
    );
  });
});

describe("GET /api/feed", () => {
  it("shows nothing of a draft its reader holds a seat on or backs; its leads still follow it", async () => {
    const lead = await member();
    const { draft, withdrawn } = await secretsOf(lead);
    const seated = await member();
    for (const s of [draft, withdrawn]) {
      await seat(seated.id, s.id);
      await env.DB.batch([
        env.DB.prepare("INSERT INTO backings (challenge_id, person_id) VALUES (?, ?)").bind(s.id, seated.id),
        env.DB.prepare("INSERT INTO updates (id, challenge_id, author_id, body) VALUES (?, ?, ?, ?)").bind(
          rowId("upd"),
          s.id,
          lead.id,
          `Progress on ${s.title}`,
        ),
      ]);
    }
    expectHidden("the seated member's feed", await get(seated.as, "/api/feed"), draft, withdrawn);
    expectShown("the lead's feed", await get(lead.as, "/api/feed"), draft, withdrawn);
  });
});

describe("GET /api/inbox", () => {
  it("a member seated on a draft is not told its title when the draft is withdrawn, nor counted unread", async () => {
    const lead = await member();
    const draft = await unpublished(lead, uniqueWord());
    const seated = await member();
    await seat(seated.id, draft.id);
    expect((await transition(lead.as, draft.id, "withdraw")).status).toBe(200);
    // The notification exists (every follower is told of a stage change); the inbox does not show it.
    expect(await notificationsOf(seated.id, draft.id)).toBe(1);
    const inbox = await get(seated.as, "/api/inbox");
    expectHidden("the seated member's inbox", inbox, draft);
    expect(inbox.unread).toBe(0);
    expect((await get(seated.as, "/api/inbox?unread=true")).items).toEqual([]);
    expect((await get(seated.as, "/api/inbox/unread")).unread).toBe(0);
  });

  it("a co-lead reads what they were told about the draft until they are no longer co-lead", async () => {
    const lead = await member();
    const draft = await unpublished(lead, uniqueWord());
    const coLead = await member();
    await setChallenge(draft.id, { co_lead_id: coLead.id });
    expect((await transition(lead.as, draft.id, "withdraw")).status).toBe(200);
    const asCoLead = await get(coLead.as, "/api/inbox");
    expectShown("the co-lead's inbox", asCoLead, draft);
    expect(asCoLead.unread).toBe(1);
    await setChallenge(draft.id, { co_lead_id: null });
    const after = await get(coLead.as, "/api/inbox");
    expectHidden("the former co-lead's inbox", after, draft);
    expect(after.unread).toBe(0);
  });
});

describe("profiles, portfolios, impact packets and kudos", () => {
  it("kudos cannot be given on a draft or a withdrawn draft (409)", async () => {
    const lead = await member();
    const { draft, withdrawn } = await secretsOf(lead);
    const thanked = await member();
    for (const s of [draft, withdrawn]) {
      const res = await callJson("POST", "/api/kudos", {
        as: lead.as,
        body: { challengeId: s.id, toId: thanked.id, message: "Thanks for the early thinking." },
      });
      expectError(res, 409, "invalid_stage");
    }
    const count = await env.DB.prepare("SELECT count(*) AS n FROM kudos WHERE to_id = ?")
      .bind(thanked.id)
      .first<{ n: number }>();
    expect(count?.n).toBe(0);
  });

  it("name none of another's drafts, whatever ties a person to them: seats, credit, kudos, lends", async () => {
    const lead = await member();
    const { draft, withdrawn } = await secretsOf(lead);
    const manager = await member({ track: "management", level: "M2" });
    const person = await member({ managerId: manager.id });
    for (const s of [draft, withdrawn]) {
      const membershipId = await seat(person.id, s.id);
      await env.DB.batch([
        env.DB.prepare(
          `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status, confirmed_at)
           VALUES (?, ?, ?, ?, 'software', ?, 'confirmed', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
        ).bind(rowId("cr"), s.id, person.id, person.id, `Prototype for ${s.title}`),
        env.DB.prepare(
          `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status)
           VALUES (?, ?, ?, ?, 'design', 'Pending sketch', 'pending')`,
        ).bind(rowId("cr"), s.id, person.id, lead.id),
        env.DB.prepare("INSERT INTO kudos (id, challenge_id, from_id, to_id, message) VALUES (?, ?, ?, ?, ?)").bind(
          rowId("kud"),
          s.id,
          lead.id,
          person.id,
          "Thanks for the prototype.",
        ),
        env.DB.prepare("INSERT INTO kudos (id, challenge_id, from_id, to_id, message) VALUES (?, ?, ?, ?, ?)").bind(
          rowId("kud"),
          s.id,
          person.id,
          lead.id,
          "Thanks for the idea.",
        ),
        env.DB.prepare(
          `INSERT INTO lend_requests (id, membership_id, challenge_id, person_id, manager_id, share_percent, status, decided_at)
           VALUES (?, ?, ?, ?, ?, 10, 'approved', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
        ).bind(rowId("lend"), membershipId, s.id, person.id, manager.id),
      ]);
    }
    const outsider = await member();
    const admin = await member({ roles: ["admin"] });
    const secrets = [draft, withdrawn];
    for (const viewer of [outsider, admin, person, manager]) {
      for (const who of [lead, person, manager]) {
        expectHidden(`profile of ${who.id}`, await get(viewer.as, `/api/people/${who.id}`), ...secrets);
        expectHidden(`portfolio of ${who.id}`, await get(viewer.as, `/api/people/${who.id}/portfolio`), ...secrets);
      }
      expectHidden("the recognition board", await get(viewer.as, "/api/recognition"), ...secrets);
    }
    // Impact packets: the person, their manager and admins export them.
    for (const viewer of [person, manager, admin]) {
      expectHidden(
        "the person's packet",
        await getText(viewer.as, `/api/people/${person.id}/impact-packet.md`),
        ...secrets,
      );
    }
    for (const viewer of [manager, admin]) {
      expectHidden(
        "the manager's packet",
        await getText(viewer.as, `/api/people/${manager.id}/impact-packet.md`),
        ...secrets,
      );
    }
    // The lead still sees their own drafts, and what ties others to them.
    for (const path of [
      `/api/people/${lead.id}`,
      `/api/people/${lead.id}/portfolio`,
      `/api/people/${person.id}/portfolio`,
    ]) {
      expectShown(path, await get(lead.as, path), ...secrets);
    }
  });
});

describe("GET /api/for-you", () => {
  it("never suggests an open role on someone's draft", async () => {
    const lead = await member();
    const { word, draft, withdrawn } = await secretsOf(lead);
    const twin = await createChallenge(
      lead.as,
      {
        title: `Published ${word}`,
        slots: [{ discipline: "data", count: 2, skills: ["spark"], commitmentPercent: 20, required: true }],
      },
      true,
    );
    const fits = await member({ discipline: "data", skills: ["spark"] });
    const body = await get(fits.as, "/api/for-you?limit=50");
    expectHidden("For you", body, draft, withdrawn);
    expect(body.items.map((i: { challenge: { id: string } }) => i.challenge.id)).toContain(twin);
  });
});

// ─── Money in activity ──────────────────────────────────────────────────────────────────────

describe("GET /api/challenges/:id/activity: money only for ledger readers", () => {
  const year = new Date().getUTCFullYear();
  const today = new Date().toISOString().slice(0, 10);

  async function sponsorWithBudget(admin: Person, periodId: string, amount = 1_000_000) {
    const sponsor = await member({ roles: ["sponsor"] });
    const res = await callJson("POST", "/api/admin/allocations", {
      as: admin.as,
      body: { periodId, sponsorId: sponsor.id, amount },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { ...sponsor, budgetId: res.body.id as string };
  }

  async function ok(res: Promise<{ status: number; body: any }>, status = 201) {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  }

  /**
   * A funded challenge whose activity holds every kind of money entry: a pledge withdrawn, the
   * pledge that funded it, a spend approved and a spend declined; and an open one withdrawn
   * with its pledge returned.
   */
  async function moneyWorld() {
    const admin = await member({ roles: ["admin"] });
    const period = await ok(
      callJson("POST", "/api/admin/budget-periods", {
        as: admin.as,
        body: { name: `P-${uniqueWord()}`, startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` },
      }),
    );
    const funder = await sponsorWithBudget(admin, period.id);
    const quitter = await sponsorWithBudget(admin, period.id);
    const bystander = await sponsorWithBudget(admin, period.id);
    const lead = await member();
    const coLead = await member();
    const secret = {
      spend: `Vendor invoice ${uniqueWord()}`,
      approval: `Matches ${uniqueWord()}`,
      decline: `Not ${uniqueWord()}`,
    };

    const funded = await createChallenge(lead.as, { fundingAsk: 100_000 }, true);
    await setChallenge(funded, { co_lead_id: coLead.id });
    const quit = await ok(
      callJson("POST", `/api/challenges/${funded}/pledges`, {
        as: quitter.as,
        body: { budgetId: quitter.budgetId, amount: 20_000 },
      }),
    );
    await ok(callJson("DELETE", `/api/pledges/${quit.pledge.id}`, { as: quitter.as }), 200);
    await ok(
      callJson("POST", `/api/challenges/${funded}/pledges`, {
        as: funder.as,
        body: { budgetId: funder.budgetId, amount: 100_000 },
      }),
    );
    const spent = await ok(
      callJson("POST", `/api/challenges/${funded}/spends`, {
        as: lead.as,
        body: { amount: 12_345, description: secret.spend, spentOn: today },
      }),
    );
    await ok(
      callJson("POST", `/api/spends/${spent.id}/decision`, {
        as: funder.as,
        body: { decision: "approve", note: secret.approval },
      }),
      200,
    );
    const refused = await ok(
      callJson("POST", `/api/challenges/${funded}/spends`, {
        as: lead.as,
        body: { amount: 2_222, description: secret.spend, spentOn: today },
      }),
    );
    await ok(
      callJson("POST", `/api/spends/${refused.id}/decision`, {
        as: funder.as,
        body: { decision: "decline", note: secret.decline },
      }),
      200,
    );

    const closed = await createChallenge(lead.as, { fundingAsk: 50_000 }, true);
    await ok(
      callJson("POST", `/api/challenges/${closed}/pledges`, {
        as: funder.as,
        body: { budgetId: funder.budgetId, amount: 5_555 },
      }),
    );
    await ok(transition(lead.as, closed, "withdraw"), 200);
    return { admin, funder, quitter, bystander, lead, coLead, funded, closed, secret };
  }

  const MONEY_ACTIONS = ["pledged", "pledge_withdrawn", "spend_reported", "spend_approved", "spend_declined"];

  async function activityAs(viewer: Person, challengeId: string) {
    const body = await get(viewer.as, `/api/challenges/${challengeId}/activity?limit=100`);
    return body as { items: { action: string; actor: { id: string } | null; detail: Record<string, unknown> }[] };
  }

  it("an outsider and a sponsor who never pledged here see that money moved, by whom, and no amounts or descriptions", async () => {
    const w = await moneyWorld();
    for (const viewer of [await member(), w.bystander]) {
      expectError(await callJson("GET", `/api/challenges/${w.funded}/ledger`, { as: viewer.as }), 403);
      const { items } = await activityAs(viewer, w.funded);
      expect(
        items
          .map((e) => e.action)
          .filter((a) => MONEY_ACTIONS.includes(a))
          .sort(),
      ).toEqual([
        "pledge_withdrawn",
        "pledged",
        "pledged",
        "spend_approved",
        "spend_declined",
        "spend_reported",
        "spend_reported",
      ]);
      for (const e of items.filter((x) => MONEY_ACTIONS.includes(x.action))) {
        for (const field of ["amount", "description", "note", "returned"]) {
          expect(e.detail, `${e.action} shows ${field}`).not.toHaveProperty(field);
        }
      }
      const pledges = items.filter((e) => e.action === "pledged");
      expect(pledges.map((e) => e.actor?.id).sort()).toEqual([w.funder.id, w.quitter.id].sort());
      const text = JSON.stringify(items);
      for (const words of Object.values(w.secret)) expect(text).not.toContain(words);

      const closing = (await activityAs(viewer, w.closed)).items.find((e) => e.action === "withdrawn");
      expect(closing?.detail).toEqual({ from: "open", to: "withdrawn" });
    }
  });

  it("the lead, the co-lead, its sponsors (one who withdrew included) and admins see the amounts, as they read the ledger", async () => {
    const w = await moneyWorld();
    for (const viewer of [w.lead, w.coLead, w.funder, w.quitter, w.admin]) {
      expect((await callJson("GET", `/api/challenges/${w.funded}/ledger`, { as: viewer.as })).status).toBe(200);
      expect((await get(viewer.as, `/api/challenges/${w.funded}`)).viewer.canSeeLedger).toBe(true);
      const { items } = await activityAs(viewer, w.funded);
      const detail = (action: string) => items.filter((e) => e.action === action).map((e) => e.detail);
      const amounts = (action: string) =>
        detail(action)
          .map((d) => Number(d.amount))
          .sort((a, b) => a - b);
      expect(amounts("pledged")).toEqual([20_000, 100_000]);
      expect(detail("pledge_withdrawn")[0]).toMatchObject({ amount: 20_000 });
      expect(amounts("spend_reported")).toEqual([2_222, 12_345]);
      expect(detail("spend_reported")[0]).toMatchObject({ description: w.secret.spend });
      expect(detail("spend_approved")[0]).toMatchObject({ amount: 12_345, note: w.secret.approval });
      expect(detail("spend_declined")[0]).toMatchObject({ amount: 2_222, note: w.secret.decline });
    }
    for (const viewer of [w.lead, w.funder, w.admin]) {
      const closing = (await activityAs(viewer, w.closed)).items.find((e) => e.action === "withdrawn");
      expect(closing?.detail).toMatchObject({ returned: 5_555 });
    }
    const outsider = await member();
    expect((await get(outsider.as, `/api/challenges/${w.funded}`)).viewer.canSeeLedger).toBe(false);
  });
});
