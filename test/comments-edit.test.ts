import { describe, expect, it } from "vitest";
import { authoredChangeRefusal, mentionHandles } from "../worker/domain/discussion";
import { notificationLink, notificationMessage } from "../worker/domain/notifications";
import { createDb } from "../worker/middleware/db";
import { addComment } from "../worker/services/challenges";
import { postUpdate } from "../worker/services/credit";
import {
  activitiesOf,
  callJson,
  createChallenge,
  env,
  expectError,
  expectInvalid,
  JUNK_BODIES,
  member,
  setChallenge,
} from "./helpers";
import { activeTeam, ok, openChallenge } from "./round-trip-fixtures";

/** A signed-in person whose e-mail's local part is unique, so `@handle` names only them. */
async function named(handle: string) {
  const local = `${handle}-${crypto.randomUUID().slice(0, 6)}`;
  return { ...(await member({ email: `${local}@example.com` })), handle: local };
}

async function mentionsOf(personId: string) {
  const { results } = await env.DB.prepare(
    "SELECT actor_id AS actorId, challenge_id AS challengeId, data FROM notifications WHERE recipient_id = ? AND kind = 'mentioned'",
  )
    .bind(personId)
    .all<{ actorId: string; challengeId: string; data: string }>();
  return results.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, string> }));
}

const commentPath = (id: string, commentId: string) => `/api/challenges/${id}/comments/${commentId}`;
const updatePath = (id: string, updateId: string) => `/api/challenges/${id}/updates/${updateId}`;

async function postComment(as: string, id: string, body: string) {
  return ok("POST", `/api/challenges/${id}/comments`, { as, body: { body } }, 201);
}

describe("mention syntax (worker/domain/discussion.ts mentionHandles)", () => {
  it("reads @local-part and @full e-mail, lower-cased, once each; not inside an address, not a trailing dot", () => {
    expect(
      mentionHandles("Thanks @Designer, and @designer@Example.com. Mail bob@example.com or ask @ana.lima."),
    ).toEqual(["designer", "designer@example.com", "ana.lima"]);
    expect(mentionHandles("no mentions @ here, nor @-odd")).toEqual([]);
    expect(mentionHandles(Array.from({ length: 30 }, (_, i) => `@p${i}`).join(" "))).toHaveLength(20);
  });

  it("only the author changes an item; a removed one never; updates only while progress is reported", () => {
    const item = { authorId: "p_1", removedAt: null };
    expect(authoredChangeRefusal(item, "p_2", "open", "comment", "edit")?.status).toBe(403);
    expect(authoredChangeRefusal({ ...item, removedAt: "2026-01-01" }, "p_1", "open", "comment", "edit")?.status).toBe(
      409,
    );
    expect(authoredChangeRefusal(item, "p_1", "open", "comment", "edit")).toBeNull();
    expect(authoredChangeRefusal(item, "p_1", "archived", "comment", "edit")?.code).toBe("invalid_stage");
    expect(authoredChangeRefusal(item, "p_1", "archived", "comment", "remove")).toBeNull();
    expect(authoredChangeRefusal(item, "p_1", "active", "update", "remove")).toBeNull();
    expect(authoredChangeRefusal(item, "p_1", "showcase", "update", "edit")?.code).toBe("invalid_stage");
  });

  it("links a mention to the comment or update and says where", () => {
    expect(notificationLink({ kind: "mentioned", challengeId: "c_1", data: { commentId: "cm_2" } })).toBe(
      "/challenges/c_1#comment-cm_2",
    );
    expect(notificationLink({ kind: "mentioned", challengeId: "c_1", data: { updateId: "upd_3" } })).toBe(
      "/challenges/c_1#update-upd_3",
    );
    const view = { kind: "mentioned", actorName: "Ana", challengeTitle: "Cut spend", data: { updateId: "upd_3" } };
    expect(notificationMessage(view)).toBe("Ana mentioned you in an update on “Cut spend”.");
    expect(notificationMessage({ ...view, data: { commentId: "cm_1" } })).toBe(
      "Ana mentioned you in a comment on “Cut spend”.",
    );
  });
});

describe("PATCH /api/challenges/{id}/comments/{commentId}", () => {
  it("the author edits: 200 with the new text and editedAt; the discussion shows it; the activity says so", async () => {
    const { id } = await openChallenge();
    const author = await member();
    const made = await postComment(author.as, id, "Which jobs first?");
    expect(made).toMatchObject({ body: "Which jobs first?", editedAt: null, removedAt: null, mentions: [] });
    const edited = await ok("PATCH", commentPath(id, made.id), {
      as: author.as,
      body: { body: "Which five jobs first?" },
    });
    expect(edited).toMatchObject({ id: made.id, body: "Which five jobs first?", removedAt: null });
    expect(edited.author.id).toBe(author.id);
    expect(Date.parse(edited.editedAt)).toBeGreaterThanOrEqual(Date.parse(made.createdAt));
    const { items } = await ok("GET", `/api/challenges/${id}/comments`, { as: (await member()).as });
    expect(items.find((c: { id: string }) => c.id === made.id)).toEqual(edited);
    expect((await activitiesOf(id)).map((a) => a.action)).toContain("comment_edited");
  });

  it("refuses everyone but the author (403), on a challenge they cannot see 404, and unknown comments 404", async () => {
    const { lead, id } = await openChallenge();
    const author = await member();
    const made = await postComment(author.as, id, "Which jobs first?");
    const admin = await member({ roles: ["admin"] });
    for (const as of [lead.as, admin.as, (await member()).as]) {
      expectError(
        await callJson("PATCH", commentPath(id, made.id), { as, body: { body: "Mine now." } }),
        403,
        "forbidden",
      );
      expectError(await callJson("DELETE", commentPath(id, made.id), { as }), 403, "forbidden");
    }
    expectError(await callJson("PATCH", commentPath(id, "cm_nope"), { as: author.as, body: { body: "x" } }), 404);
    // The comment exists, but not on this challenge.
    const other = await openChallenge();
    expectError(await callJson("PATCH", commentPath(other.id, made.id), { as: author.as, body: { body: "x" } }), 404);

    // A draft's comment (written before it was withdrawn to a draft, say) is 404 to those who cannot see it.
    const draftLead = await member();
    const draftId = await createChallenge(draftLead.as, {}, false);
    await env.DB.prepare("INSERT INTO comments (id, challenge_id, author_id, body) VALUES ('cm_hidden_1', ?, ?, 'Hi')")
      .bind(draftId, author.id)
      .run();
    expectError(
      await callJson("PATCH", commentPath(draftId, "cm_hidden_1"), { as: author.as, body: { body: "x" } }),
      404,
    );
    expectError(await callJson("DELETE", commentPath(draftId, "cm_hidden_1"), { as: author.as }), 404);
    const body = await env.DB.prepare("SELECT body, edited_at AS e FROM comments WHERE id = 'cm_hidden_1'").first();
    expect(body).toEqual({ body: "Hi", e: null });
  });

  it("a bad body is a 400 naming body, never a 500", async () => {
    const { id } = await openChallenge();
    const author = await member();
    const made = await postComment(author.as, id, "Which jobs first?");
    expectInvalid(await callJson("PATCH", commentPath(id, made.id), { as: author.as, body: { body: "   " } }), "body");
    expectInvalid(await callJson("PATCH", commentPath(id, made.id), { as: author.as, body: {} }), "body");
    expectInvalid(
      await callJson("PATCH", commentPath(id, made.id), { as: author.as, body: { body: "x".repeat(5001) } }),
      "body",
    );
    for (const junk of JUNK_BODIES) {
      const res = await callJson("PATCH", commentPath(id, made.id), { as: author.as, body: junk });
      expect(res.status, JSON.stringify(junk)).toBe(400);
    }
  });

  it("the discussion closed: the author may still remove, not edit (409)", async () => {
    const { id } = await openChallenge();
    const author = await member();
    const made = await postComment(author.as, id, "Which jobs first?");
    await setChallenge(id, { stage: "archived" });
    expectError(
      await callJson("PATCH", commentPath(id, made.id), { as: author.as, body: { body: "x" } }),
      409,
      "invalid_stage",
    );
    expect((await ok("DELETE", commentPath(id, made.id), { as: author.as })).removedAt).not.toBeNull();
  });
});

describe("DELETE /api/challenges/{id}/comments/{commentId}", () => {
  it("leaves a tombstone in place: removedAt, no text, no mentions; the row stays; edits and removals after are 409", async () => {
    const { lead, id } = await openChallenge();
    const author = await member();
    const dana = await named("dana");
    await postComment(author.as, id, "First.");
    const made = await postComment(author.as, id, `Secret plan, @${dana.handle}.`);
    await postComment(author.as, id, "Third.");
    const gone = await ok("DELETE", commentPath(id, made.id), { as: author.as });
    expect(gone).toMatchObject({ id: made.id, body: null, mentions: [], createdAt: made.createdAt });
    expect(gone.removedAt).toEqual(expect.any(String));
    expect(gone.author.id).toBe(author.id);

    const { items } = await ok("GET", `/api/challenges/${id}/comments`, { as: lead.as });
    expect(items.map((c: { body: string | null }) => c.body)).toEqual(["First.", null, "Third."]);
    expect(JSON.stringify(items)).not.toContain("Secret plan");
    const page = await ok("GET", `/api/challenges/${id}/page`, { as: lead.as });
    expect(JSON.stringify(page)).not.toContain("Secret plan");
    const row = await env.DB.prepare("SELECT body FROM comments WHERE id = ?").bind(made.id).first<{ body: string }>();
    expect(row?.body).toContain("Secret plan");
    expect((await ok("GET", `/api/challenges/${id}`, { as: lead.as })).commentCount).toBe(3);

    expectError(
      await callJson("PATCH", commentPath(id, made.id), { as: author.as, body: { body: "Back." } }),
      409,
      "invalid_state",
    );
    expectError(await callJson("DELETE", commentPath(id, made.id), { as: author.as }), 409, "invalid_state");
    expect((await activitiesOf(id)).filter((a) => a.action === "comment_removed")).toHaveLength(1);
  });
});

describe("@mentions in comments", () => {
  it("tell each mentioned person once, linking to the comment, never the author; unknown handles stay text", async () => {
    const { id } = await openChallenge();
    const author = await named("ana");
    const dana = await named("dana");
    const eli = await named("eli");
    const body = `@${dana.handle} and @${dana.handle}@example.com, see this; also @${author.handle} and @nobody-here.`;
    const made = await postComment(author.as, id, body);
    expect(made.mentions.map((m: { person: { id: string } }) => m.person.id).sort()).toEqual(
      [dana.id, dana.id, author.id].sort(),
    );
    const told = await mentionsOf(dana.id);
    expect(told).toEqual([{ actorId: author.id, challengeId: id, data: { commentId: made.id } }]);
    expect(await mentionsOf(author.id)).toEqual([]);
    expect(await mentionsOf(eli.id)).toEqual([]);
    const inbox = await ok("GET", "/api/inbox", { as: dana.as });
    const item = inbox.items.find((n: { kind: string }) => n.kind === "mentioned");
    expect(item.link).toBe(`/challenges/${id}#comment-${made.id}`);
    expect(item.message).toMatch(/mentioned you in a comment on/);

    // An edit that keeps Dana and adds Eli tells only Eli; Dana is not told twice.
    await ok("PATCH", commentPath(id, made.id), {
      as: author.as,
      body: { body: `@${dana.handle}, @${eli.handle}: see this.` },
    });
    expect(await mentionsOf(dana.id)).toHaveLength(1);
    expect(await mentionsOf(eli.id)).toEqual([{ actorId: author.id, challengeId: id, data: { commentId: made.id } }]);
    // Taking Eli out and putting him back tells nobody again.
    await ok("PATCH", commentPath(id, made.id), { as: author.as, body: { body: "See this." } });
    await ok("PATCH", commentPath(id, made.id), { as: author.as, body: { body: `@${eli.handle} see this.` } });
    expect(await mentionsOf(eli.id)).toHaveLength(1);
  });

  it("does not tell people who have left, nor name a local part two people share", async () => {
    const { id } = await openChallenge();
    const author = await member();
    const gone = await named("gone");
    await env.DB.prepare("UPDATE people SET active = 0 WHERE id = ?").bind(gone.id).run();
    const shared = `twin-${crypto.randomUUID().slice(0, 6)}`;
    const twinA = await member({ email: `${shared}@example.com` });
    const twinB = await member({ email: `${shared}@other.example.com` });
    const made = await postComment(author.as, id, `@${gone.handle} @${shared} @${shared}@other.example.com`);
    expect(await mentionsOf(gone.id)).toEqual([]);
    expect(await mentionsOf(twinA.id)).toEqual([]);
    expect(await mentionsOf(twinB.id)).toHaveLength(1);
    expect(made.mentions).toEqual([
      { handle: `${shared}@other.example.com`, person: { id: twinB.id, name: expect.any(String) } },
    ]);
  });

  it("tells nobody who cannot see the challenge: a draft's mention reaches its co-lead, not an outsider", async () => {
    const lead = await member();
    const coLead = await named("colead");
    const outsider = await named("outsider");
    const draftId = await createChallenge(lead.as, {}, false);
    await setChallenge(draftId, { co_lead_id: coLead.id });
    const db = createDb(env.DB);
    // No route writes on a draft (comments and updates wait for publication): the rule is the SQL's own.
    const comment = await addComment(db, draftId, lead.id, "x", [coLead.handle, outsider.handle]);
    await postUpdate(db, draftId, { body: "y", checkins: [] }, lead.id, () => [], [coLead.handle, outsider.handle]);
    expect((await mentionsOf(coLead.id)).map((n) => Object.keys(n.data)[0]).sort()).toEqual(["commentId", "updateId"]);
    expect(await mentionsOf(outsider.id)).toEqual([]);
    expect(comment.mentions).toHaveLength(2);
  });
});

describe("PATCH and DELETE /api/challenges/{id}/updates/{updateId}", () => {
  async function posted(body = "Five jobs retired.") {
    const team = await activeTeam();
    const update = await ok(
      "POST",
      `/api/challenges/${team.id}/updates`,
      {
        as: team.teammate.as,
        body: { body, checkins: [{ kpiId: team.kpiIds[1], value: 5, measuredOn: "2026-01-02" }] },
      },
      201,
    );
    return { ...team, update };
  }

  it("the author edits the text: 200 with editedAt; the check-ins stay as posted", async () => {
    const { id, teammate, update } = await posted();
    expect(update).toMatchObject({ editedAt: null, removedAt: null, mentions: [] });
    const edited = await ok("PATCH", updatePath(id, update.id), {
      as: teammate.as,
      body: { body: "Five jobs retired, **two** to go." },
    });
    expect(edited).toMatchObject({
      id: update.id,
      body: "Five jobs retired, **two** to go.",
      checkins: update.checkins,
    });
    expect(edited.editedAt).toEqual(expect.any(String));
    const { items } = await ok("GET", `/api/challenges/${id}/updates`, { as: (await member()).as });
    expect(items[0]).toEqual(edited);
    expect((await activitiesOf(id)).map((a) => a.action)).toContain("update_edited");
  });

  it("refuses others (403, the lead included), hidden challenges and unknown updates (404), bad bodies (400)", async () => {
    const { id, lead, coLead, other, teammate, update } = await posted();
    for (const as of [lead.as, coLead.as, other.as, (await member()).as]) {
      expectError(
        await callJson("PATCH", updatePath(id, update.id), { as, body: { body: "Mine." } }),
        403,
        "forbidden",
      );
      expectError(await callJson("DELETE", updatePath(id, update.id), { as }), 403, "forbidden");
    }
    expectError(await callJson("PATCH", updatePath(id, "upd_nope"), { as: teammate.as, body: { body: "x" } }), 404);
    expectInvalid(await callJson("PATCH", updatePath(id, update.id), { as: teammate.as, body: { body: "" } }), "body");
    expectInvalid(
      await callJson("PATCH", updatePath(id, update.id), { as: teammate.as, body: { body: "x".repeat(20_001) } }),
      "body",
    );
    for (const junk of JUNK_BODIES) {
      const res = await callJson("PATCH", updatePath(id, update.id), { as: teammate.as, body: junk });
      expect(res.status, JSON.stringify(junk)).toBe(400);
    }
    // Unpublished again (a draft in the data), the challenge is 404 to the teammate.
    await setChallenge(id, { stage: "draft", published_at: null });
    expectError(await callJson("PATCH", updatePath(id, update.id), { as: teammate.as, body: { body: "x" } }), 404);
  });

  it("once the showcase is submitted, updates are the record: no edit, no removal (409)", async () => {
    const { id, teammate, update } = await posted();
    await setChallenge(id, { stage: "showcase" });
    expectError(
      await callJson("PATCH", updatePath(id, update.id), { as: teammate.as, body: { body: "x" } }),
      409,
      "invalid_stage",
    );
    expectError(await callJson("DELETE", updatePath(id, update.id), { as: teammate.as }), 409, "invalid_stage");
  });

  it("a removal leaves a tombstone; its KPI check-in still counts; edits after are 409", async () => {
    const { id, teammate, lead, update } = await posted("Secret numbers.");
    const gone = await ok("DELETE", updatePath(id, update.id), { as: teammate.as });
    expect(gone).toMatchObject({ id: update.id, body: null, mentions: [], checkins: update.checkins });
    expect(gone.removedAt).toEqual(expect.any(String));
    const { items } = await ok("GET", `/api/challenges/${id}/updates`, { as: lead.as });
    expect(items[0]).toEqual(gone);
    const feed = await ok("GET", "/api/feed", { as: lead.as });
    expect(JSON.stringify(feed)).not.toContain("Secret numbers");
    const progress = await ok("GET", `/api/challenges/${id}/progress`, { as: lead.as });
    const checkins = progress.kpis.flatMap((k: { checkins: { updateId: string }[] }) => k.checkins);
    expect(checkins.map((c: { updateId: string }) => c.updateId)).toContain(update.id);
    expectError(
      await callJson("PATCH", updatePath(id, update.id), { as: teammate.as, body: { body: "Back." } }),
      409,
      "invalid_state",
    );
    expectError(await callJson("DELETE", updatePath(id, update.id), { as: teammate.as }), 409, "invalid_state");
    expect((await activitiesOf(id)).filter((a) => a.action === "update_removed")).toHaveLength(1);
  });

  it("mentions tell each person once (not the author); an edit tells only the newly mentioned", async () => {
    const team = await activeTeam();
    const author = team.teammate;
    const authorHandle = (await env.DB.prepare("SELECT email FROM people WHERE id = ?").bind(author.id).first<{
      email: string;
    }>())!.email;
    const dana = await named("dana");
    const eli = await named("eli");
    const update = await ok(
      "POST",
      `/api/challenges/${team.id}/updates`,
      { as: author.as, body: { body: `Thanks @${dana.handle} and @${dana.handle}! (cc @${authorHandle})` } },
      201,
    );
    expect(await mentionsOf(dana.id)).toEqual([
      { actorId: author.id, challengeId: team.id, data: { updateId: update.id } },
    ]);
    expect(await mentionsOf(author.id)).toEqual([]);
    const inbox = await ok("GET", "/api/inbox", { as: dana.as });
    expect(inbox.items.find((n: { kind: string }) => n.kind === "mentioned").link).toBe(
      `/challenges/${team.id}#update-${update.id}`,
    );
    await ok("PATCH", updatePath(team.id, update.id), {
      as: author.as,
      body: { body: `Thanks @${dana.handle} and @${eli.handle}!` },
    });
    expect(await mentionsOf(dana.id)).toHaveLength(1);
    expect(await mentionsOf(eli.id)).toHaveLength(1);
  });
});
