import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../worker/index";
import { hashSecret } from "../worker/services/secrets";
import { call, callJson, env, expectError, member, seedPerson, signIn } from "./helpers";

/** The session secret of a Cookie header (it may carry `crux_caller` too). */
const cookieSecret = (cookie: string) => decodeURIComponent(/crux_session=([^;]*)/.exec(cookie)?.[1] ?? "");

async function sessionRow(cookie: string) {
  return env.DB.prepare("SELECT * FROM sessions WHERE token_hash = ?")
    .bind(await hashSecret(cookieSecret(cookie)))
    .first<Record<string, string>>();
}

async function auditEntries(action: string, personId: string) {
  const { results } = await env.DB.prepare(
    `SELECT action, actor_id AS actorId, detail, ip, user_agent AS userAgent, created_at AS createdAt
     FROM activities WHERE challenge_id IS NULL AND action = ? AND (actor_id = ? OR json_extract(detail, '$.personId') = ?)`,
  )
    .bind(action, personId, personId)
    .all<{ action: string; actorId: string; detail: string; ip: string | null; userAgent: string | null }>();
  return results;
}

const FROM = { "CF-Connecting-IP": "203.0.113.7", "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0" };

async function signInFrom(email: string, headers: Record<string, string> = FROM) {
  const res = await call("POST", "/api/dev/sign-in", { body: { email }, headers });
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

/** A request to a public host, with the real bindings but `mode` as AUTH_MODE. */
async function publicHost(path: string, cookie: string, mode: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`https://crux.example.com${path}`, { ...init, headers: { cookie, ...(init.headers ?? {}) } }),
    { ...env, AUTH_MODE: mode },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe("server-side sessions (SPEC §12)", () => {
  it("keeps only the hash of an opaque random secret, with the person, times and device", async () => {
    const person = await seedPerson();
    const cookie = await signInFrom(person.email);
    const secret = cookieSecret(cookie);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toContain(person.id);
    const row = await sessionRow(cookie);
    expect(row).toMatchObject({ person_id: person.id, user_agent: FROM["User-Agent"], ip: FROM["CF-Connecting-IP"] });
    expect(Object.values(row ?? {})).not.toContain(secret);
    const created = Date.parse(row?.created_at ?? "");
    expect(Date.parse(row?.expires_at ?? "") - created).toBe(7 * 86_400_000);
    expect(Date.parse(row?.absolute_expires_at ?? "") - created).toBe(30 * 86_400_000);
  });

  it("authenticates in one database round trip: the session rides in the person lookup", async () => {
    const { as } = await member();
    const res = await call("GET", "/api/me", { as });
    expect(res.status).toBe(200);
    expect(res.headers.get("server-timing")).toMatch(/db;desc="1 round trip"/);
  });

  it("sign-out deletes the session: a copied cookie is 401 afterwards", async () => {
    const person = await seedPerson();
    const cookie = await signInFrom(person.email);
    const copy = `${cookie}`;
    expect((await call("GET", "/api/me", { as: copy })).status).toBe(200);
    const out = await call("POST", "/api/sign-out", { as: cookie, headers: FROM });
    expect(out.status).toBe(200);
    expect(await sessionRow(cookie)).toBeNull();
    expectError(await callJson("GET", "/api/me", { as: copy }), 401, "unauthenticated");
    const [entry] = await auditEntries("signed_out", person.id);
    expect(entry).toMatchObject({ actorId: person.id, ip: FROM["CF-Connecting-IP"], userAgent: FROM["User-Agent"] });
  });

  it("ends after a week without use, and a month after sign-in however busy", async () => {
    const idle = await member();
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE person_id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), idle.id)
      .run();
    expectError(await callJson("GET", "/api/me", { as: idle.as }), 401, "unauthenticated");

    // Used a minute ago, signed in 30 days ago: the slide never passes the absolute end.
    const busy = await member();
    const signedIn = Date.now() - 30 * 86_400_000 + 5_000;
    await env.DB.prepare(
      "UPDATE sessions SET created_at = ?, last_used_at = ?, absolute_expires_at = ?, expires_at = ? WHERE person_id = ?",
    )
      .bind(
        new Date(signedIn).toISOString(),
        new Date(Date.now() - 120_000).toISOString(),
        new Date(signedIn + 30 * 86_400_000).toISOString(),
        new Date(signedIn + 30 * 86_400_000).toISOString(),
        busy.id,
      )
      .run();
    expect((await call("GET", "/api/me", { as: busy.as })).status).toBe(200);
    const row = await sessionRow(busy.as);
    expect(Date.parse(row?.expires_at ?? "")).toBe(signedIn + 30 * 86_400_000);
  });

  it("slides: a use more than a minute after the last one moves the expiry a week on", async () => {
    const person = await member();
    const old = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await env.DB.prepare("UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE person_id = ?")
      .bind(old, new Date(Date.now() + 5 * 86_400_000).toISOString(), person.id)
      .run();
    expect((await call("GET", "/api/me", { as: person.as })).status).toBe(200);
    const row = await sessionRow(person.as);
    expect(Date.parse(row?.last_used_at ?? "")).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(row?.expires_at ?? "")).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
  });

  it("in dev mode is honoured on localhost only: a dev Worker on a public host answers 401", async () => {
    const { as } = await member();
    const res = await publicHost("/api/me", as, "dev");
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
    // …and the same cookie still works on localhost.
    expect((await call("GET", "/api/me", { as })).status).toBe(200);
  });

  it("in access mode is ignored: the Access assertion decides", async () => {
    const { as } = await member();
    expect((await publicHost("/api/me", as, "access")).status).toBe(401);
  });
});

describe("GET /api/me/sessions and DELETE /api/me/sessions/:id", () => {
  it("lists my live sessions with the device and last use, marks this one, and ends another", async () => {
    const person = await seedPerson();
    const laptop = await signInFrom(person.email, { ...FROM, "User-Agent": "Laptop Firefox/140.0" });
    const phone = await signInFrom(person.email, { ...FROM, "User-Agent": "Phone Safari/18.0" });
    const other = await member();

    const list = await callJson("GET", "/api/me/sessions", { as: laptop });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const mine = list.body.items.find((s: { current: boolean }) => s.current);
    expect(mine.userAgent).toBe("Laptop Firefox/140.0");
    const phoneSession = list.body.items.find((s: { current: boolean }) => !s.current);
    expect(phoneSession).toMatchObject({ userAgent: "Phone Safari/18.0", lastUsedAt: expect.any(String) });
    expect(JSON.stringify(list.body)).not.toContain(cookieSecret(phone));

    // Someone else cannot end it (404, as if it did not exist); I can.
    expectError(await callJson("DELETE", `/api/me/sessions/${phoneSession.id}`, { as: other.as }), 404);
    expect((await call("GET", "/api/me", { as: phone })).status).toBe(200);
    const ended = await callJson("DELETE", `/api/me/sessions/${phoneSession.id}`, { as: laptop, headers: FROM });
    expect(ended.status).toBe(200);
    expectError(await callJson("GET", "/api/me", { as: phone }), 401);
    expect((await call("GET", "/api/me", { as: laptop })).status).toBe(200);
    expectError(await callJson("DELETE", `/api/me/sessions/${phoneSession.id}`, { as: laptop }), 404);
    const [entry] = await auditEntries("session_ended", person.id);
    expect(entry).toMatchObject({ actorId: person.id, ip: FROM["CF-Connecting-IP"] });
    expect(JSON.parse(entry.detail)).toEqual({ sessionId: phoneSession.id });
  });

  it("ending this session clears the cookie", async () => {
    const { as } = await member();
    const [current] = (await callJson("GET", "/api/me/sessions", { as })).body.items;
    const res = await call("DELETE", `/api/me/sessions/${current.id}`, { as });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/crux_session=;.*Max-Age=0/);
    expect((await call("GET", "/api/me", { as })).status).toBe(401);
  });

  it("is 401 without a session and 400 for a malformed id", async () => {
    expectError(await callJson("GET", "/api/me/sessions"), 401);
    const { as } = await member();
    expect((await callJson("DELETE", `/api/me/sessions/${"x".repeat(500)}`, { as })).status).toBe(400);
  });
});

describe("deactivation ends access (SPEC §12)", () => {
  it("ends every session and revokes every API token, and the audit log says so with IP and user agent", async () => {
    const admin = await member({ roles: ["admin"] });
    const leaver = await member();
    const secondDevice = await signIn(leaver.email);
    const issued = await callJson("POST", "/api/admin/tokens", {
      as: admin.as,
      body: { personId: leaver.id, name: "Leaver's script" },
    });
    expect(issued.status).toBe(201);
    const bearer = { Authorization: `Bearer ${issued.body.token}` };
    expect((await call("GET", "/api/me", { headers: bearer })).status).toBe(200);

    const res = await callJson("PATCH", `/api/people/${leaver.id}`, {
      as: admin.as,
      body: { active: false },
      headers: FROM,
    });
    expect(res.status).toBe(200);
    expectError(await callJson("GET", "/api/me", { as: leaver.as }), 401);
    expectError(await callJson("GET", "/api/me", { as: secondDevice }), 401);
    expectError(await callJson("GET", "/api/me", { headers: bearer }), 401);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE person_id = ?").bind(leaver.id).first();
    expect(left?.n).toBe(0);
    const token = await env.DB.prepare("SELECT revoked_at FROM api_tokens WHERE id = ?").bind(issued.body.id).first();
    expect(token?.revoked_at).toEqual(expect.any(String));
    const [entry] = await auditEntries("person_deactivated", leaver.id);
    expect(entry).toMatchObject({ actorId: admin.id, ip: FROM["CF-Connecting-IP"], userAgent: FROM["User-Agent"] });

    // Reactivated, they sign in afresh; the old cookie and token stay dead.
    expect((await callJson("PATCH", `/api/people/${leaver.id}`, { as: admin.as, body: { active: true } })).status).toBe(
      200,
    );
    expect(await auditEntries("person_reactivated", leaver.id)).toHaveLength(1);
    expectError(await callJson("GET", "/api/me", { as: leaver.as }), 401);
    expectError(await callJson("GET", "/api/me", { headers: bearer }), 401);
    expect((await call("GET", "/api/me", { as: await signIn(leaver.email) })).status).toBe(200);
  });
});

describe("the audit log (SPEC §14)", () => {
  it("records sign-in, role changes and token changes with actor, time, IP and user agent", async () => {
    const admin = await member({ roles: ["admin"] });
    const person = await seedPerson();
    await signInFrom(person.email);
    const [signedIn] = await auditEntries("signed_in", person.id);
    expect(signedIn).toMatchObject({ actorId: person.id, ip: FROM["CF-Connecting-IP"], userAgent: FROM["User-Agent"] });

    const roles = await callJson("PATCH", `/api/people/${person.id}`, {
      as: admin.as,
      body: { roles: ["sponsor"] },
      headers: FROM,
    });
    expect(roles.status).toBe(200);
    const [changed] = await auditEntries("roles_changed", person.id);
    expect(changed).toMatchObject({ actorId: admin.id, ip: FROM["CF-Connecting-IP"] });
    expect(JSON.parse(changed.detail)).toMatchObject({ from: ["member"], to: ["member", "sponsor"] });
    // The same roles again change nothing, so no second line.
    await callJson("PATCH", `/api/people/${person.id}`, { as: admin.as, body: { roles: ["sponsor"] } });
    expect(await auditEntries("roles_changed", person.id)).toHaveLength(1);

    const issued = await callJson("POST", "/api/admin/tokens", {
      as: admin.as,
      body: { personId: person.id, name: "Audit me" },
      headers: FROM,
    });
    await callJson("DELETE", `/api/admin/tokens/${issued.body.id}`, { as: admin.as, headers: FROM });
    const { results } = await env.DB.prepare(
      "SELECT action, ip, user_agent AS userAgent FROM activities WHERE json_extract(detail, '$.tokenId') = ? ORDER BY action",
    )
      .bind(issued.body.id)
      .all();
    expect(results).toEqual([
      { action: "token_issued", ip: FROM["CF-Connecting-IP"], userAgent: FROM["User-Agent"] },
      { action: "token_revoked", ip: FROM["CF-Connecting-IP"], userAgent: FROM["User-Agent"] },
    ]);

    const log = await callJson("GET", "/api/admin/audit?limit=50", { as: admin.as });
    expect(log.status).toBe(200);
    const line = log.body.items.find((i: { action: string }) => i.action === "token_revoked");
    expect(line).toMatchObject({
      ip: FROM["CF-Connecting-IP"],
      userAgent: FROM["User-Agent"],
      createdAt: expect.any(String),
    });
  });
});

describe("GET /api/session: signed out is an answer, not an error", () => {
  it("answers the signed-in person, and null for nobody, for an ended session and for a forged cookie", async () => {
    const p = await member();
    const mine = await callJson("GET", "/api/session", { as: p.as });
    expect(mine.status).toBe(200);
    expect(mine.body.me).toMatchObject({ id: p.id, email: p.email, roles: expect.arrayContaining(["member"]) });

    expect(await callJson("GET", "/api/session")).toMatchObject({ status: 200, body: { me: null } });
    expect(await callJson("GET", "/api/session", { as: "crux_session=forged" })).toMatchObject({
      status: 200,
      body: { me: null },
    });

    const cookie = await signInFrom(p.email);
    expect((await call("POST", "/api/sign-out", { as: cookie })).status).toBe(200);
    expect(await callJson("GET", "/api/session", { as: cookie })).toMatchObject({ status: 200, body: { me: null } });
    // GET /api/me keeps its 401 for the same cookie: API clients rely on it.
    expect((await call("GET", "/api/me", { as: cookie })).status).toBe(401);
  });
});

describe("D1 sessions: a person reads their own writes (SPEC §18, read replicas)", () => {
  it("hands back a bookmark as a header and a cookie, and a read with it sees the write", async () => {
    const p = await member();
    const write = await call("PATCH", `/api/people/${p.id}`, { as: p.as, body: { bio: "Bookmarked bio." } });
    expect(write.status).toBe(200);
    const bookmark = write.headers.get("d1-bookmark");
    expect(bookmark, "the write's bookmark").toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/i);
    expect(write.headers.get("set-cookie") ?? "").toContain(`crux_bookmark=${bookmark}`);

    const read = await callJson("GET", `/api/people/${p.id}`, {
      as: p.as,
      headers: { "D1-Bookmark": bookmark ?? "" },
    });
    expect(read.status).toBe(200);
    expect(read.body.bio).toBe("Bookmarked bio.");
    // The cookie works as the header does.
    const viaCookie = await callJson("GET", `/api/people/${p.id}`, { as: `${p.as}; crux_bookmark=${bookmark}` });
    expect(viaCookie.body.bio).toBe("Bookmarked bio.");
  });

  it("ignores a bookmark that is not one, and answers as usual", async () => {
    const p = await member();
    for (const junk of ["not a bookmark", "'; DROP TABLE people; --", "0".repeat(500), "zz-zz"]) {
      const res = await call("GET", "/api/me", { as: p.as, headers: { "D1-Bookmark": junk } });
      expect(res.status, junk).toBe(200);
    }
  });
});
