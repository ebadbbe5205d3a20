import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, callJson, challengeBody, member, signIn } from "./helpers";

/**
 * The caller's verification rides in the request's first batch of reads (worker/middleware/
 * caller.ts, db.ts). These tests hold it to what the separate lookup promised: nobody is let in,
 * nothing is written and nothing read is answered unless the caller is who the session says.
 */

const trips = (res: { headers: Headers }) =>
  Number(/"(\d+) round trips?"/.exec(res.headers.get("server-timing") ?? "")?.[1]);
const sessionOnly = (cookie: string) => cookie.split("; ").find((c) => c.startsWith("crux_session=")) ?? "";

async function publishedChallenge(as: string) {
  const created = await callJson("POST", "/api/challenges", { as, body: challengeBody() });
  expect(created.status).toBe(201);
  const published = await callJson("POST", `/api/challenges/${created.body.id}/transitions`, {
    as,
    body: { action: "publish" },
  });
  expect(published.status).toBe(200);
  return created.body.id as string;
}

describe("the caller's verification rides in the first read (SPEC §18)", () => {
  it("sign-in names the caller; a page's read is then one round trip, authentication included", async () => {
    const lead = await member();
    expect(lead.as).toContain(`crux_caller=${lead.id}`);
    const id = await publishedChallenge(lead.as);
    const page = await callJson("GET", `/api/challenges/${id}`, { as: lead.as });
    expect(page.status).toBe(200);
    expect(page.body.viewer.isLead).toBe(true);
    expect(trips(page)).toBe(1);
  });

  it("without the note the caller is looked up first, and the answer names them for next time", async () => {
    const lead = await member();
    const res = await call("GET", "/api/challenges?limit=1", { as: sessionOnly(lead.as) });
    expect(res.status).toBe(200);
    expect(trips(res)).toBe(2);
    expect(res.headers.getSetCookie().join("\n")).toContain(`crux_caller=${lead.id}`);
  });

  it("a note naming someone else is a 401 that leaks nothing of theirs and forgets the note", async () => {
    const owner = await member();
    const draft = await callJson("POST", "/api/challenges", { as: owner.as, body: challengeBody() });
    const intruder = await member();
    const forged = `${sessionOnly(intruder.as)}; crux_caller=${owner.id}`;
    const res = await callJson("GET", `/api/challenges/${draft.body.id}`, { as: forged });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).not.toContain(draft.body.id);
    expect(res.headers.getSetCookie().join("\n")).toMatch(/crux_caller=;.*Max-Age=0/);
  });

  it("an ended session with a note is a 401 before anything is written", async () => {
    const lead = await member();
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE person_id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), lead.id)
      .run();
    const before = await env.DB.prepare("SELECT count(*) AS n FROM challenges WHERE lead_id = ?").bind(lead.id).first();
    const res = await callJson("POST", "/api/challenges", { as: lead.as, body: challengeBody() });
    expect(res.status).toBe(401);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM challenges WHERE lead_id = ?").bind(lead.id).first();
    expect(after).toEqual(before);
  });

  it("a deactivated caller is refused with 403, on a read and on a change", async () => {
    const lead = await member();
    const id = await publishedChallenge(lead.as);
    await env.DB.prepare("UPDATE people SET active = 0 WHERE id = ?").bind(lead.id).run();
    expect((await call("GET", `/api/challenges/${id}`, { as: lead.as })).status).toBe(403);
    const comment = await call("POST", `/api/challenges/${id}/comments`, {
      as: lead.as,
      body: { body: "Still here?" },
    });
    expect(comment.status).toBe(403);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM comments WHERE challenge_id = ?")
      .bind(id)
      .first()) as { n: number };
    expect(n).toBe(0);
  });

  it("a role a route asks for is checked on the verified person", async () => {
    const plain = await member();
    const admin = await member({ roles: ["admin"] });
    expect((await call("GET", "/api/admin/audit", { as: plain.as })).status).toBe(403);
    const allowed = await call("GET", "/api/admin/audit", { as: admin.as });
    expect(allowed.status).toBe(200);
    // A member who names an admin gets a 401, not the admin's page.
    const forged = `${sessionOnly(plain.as)}; crux_caller=${admin.id}`;
    expect((await call("GET", "/api/admin/audit", { as: forged })).status).toBe(401);
  });

  it("a handler that reads nothing still answers only a verified caller", async () => {
    const person = await member();
    const me = await callJson("GET", "/api/me", { as: person.as });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(person.id);
    const stranger = await member();
    const forged = `${sessionOnly(stranger.as)}; crux_caller=${person.id}`;
    expect((await call("GET", "/api/me", { as: forged })).status).toBe(401);
  });

  it("bad input from an unverified caller is a 401, not a 400 that answers before the check", async () => {
    const person = await member();
    await call("POST", "/api/sign-out", { as: person.as });
    const res = await callJson("GET", "/api/challenges?limit=0", { as: person.as });
    expect(res.status).toBe(401);
  });

  it("a change costs its write and one read: facts and caller in one round trip", async () => {
    const lead = await member();
    const id = await publishedChallenge(lead.as);
    const comment = await call("POST", `/api/challenges/${id}/comments`, { as: lead.as, body: { body: "Progress!" } });
    expect(comment.status).toBe(201);
    expect(trips(comment)).toBeLessThanOrEqual(2);
  });

  it("signing in as someone else names the new person", async () => {
    const first = await member();
    const second = await member();
    const again = await signIn(second.email);
    expect(again).toContain(`crux_caller=${second.id}`);
    expect(again).not.toContain(first.id);
  });
});
