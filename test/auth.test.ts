import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import app from "../worker/index";
import { call, callJson, seedPerson, signIn } from "./helpers";

const TEAM = "crux-test.cloudflareaccess.com";
const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";
const accessEnv = {
  ...env,
  AUTH_MODE: "access",
  ACCESS_TEAM_DOMAIN: TEAM,
  ACCESS_AUD: AUD,
  ALLOWED_EMAIL_DOMAINS: "example.com",
};

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let keys: KeyPair;
let otherKeys: KeyPair;
let jwksRequests = 0;

/** Serves the test's JWKS where the Worker looks for the Access team's keys. */
beforeAll(async () => {
  keys = await generateKeyPair("RS256");
  otherKeys = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === `https://${TEAM}/cdn-cgi/access/certs`) {
      jwksRequests += 1;
      return Response.json({ keys: [jwk] });
    }
    return realFetch(input, init);
  });
});
afterAll(() => vi.restoreAllMocks());

async function token(
  claims: Record<string, unknown>,
  options: { key?: KeyPair["privateKey"]; issuer?: string; audience?: string; expires?: string | number } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "test-key" })
    .setIssuer(options.issuer ?? `https://${TEAM}`)
    .setAudience(options.audience ?? AUD)
    .setIssuedAt()
    .setExpirationTime(options.expires ?? "5m")
    .sign(options.key ?? keys.privateKey);
}

async function accessCall(path: string, jwt?: string, init: RequestInit = {}, bindings: object = accessEnv) {
  const headers = new Headers(init.headers);
  if (jwt) headers.set("Cf-Access-Jwt-Assertion", jwt);
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`https://crux.example.com${path}`, { ...init, headers }), bindings, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

describe("Cloudflare Access (AUTH_MODE=access)", () => {
  it("accepts a valid assertion for a known person", async () => {
    const person = await seedPerson({ email: "known@example.com", name: "Known Person", roles: ["reviewer"] });
    const res = await accessCall("/api/me", await token({ email: "Known@Example.com" }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: person.id, email: "known@example.com", roles: ["member", "reviewer"] });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it("provisions a member on first sight of an allowed domain, once even under concurrency", async () => {
    const jwt = await token({ email: "newcomer.person@example.com" });
    const results = await Promise.all(Array.from({ length: 6 }, () => accessCall("/api/me", jwt)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results[0].body).toMatchObject({ name: "Newcomer Person", roles: ["member"], track: "ic" });
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM people WHERE email = ?")
      .bind("newcomer.person@example.com")
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it("refuses to provision a domain that is not allowed (403, nobody created)", async () => {
    const res = await accessCall("/api/me", await token({ email: "outsider@elsewhere.org" }));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    const row = await env.DB.prepare("SELECT count(*) AS n FROM people WHERE email = 'outsider@elsewhere.org'").first<{
      n: number;
    }>();
    expect(row?.n).toBe(0);
  });

  it("answers 401 without the header", async () => {
    const res = await accessCall("/api/me");
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: "unauthenticated" });
  });

  it("answers 401 for a bad signature", async () => {
    const res = await accessCall("/api/me", await token({ email: "known@example.com" }, { key: otherKeys.privateKey }));
    expect(res.status).toBe(401);
  });

  it("answers 401 for a tampered payload", async () => {
    const jwt = await token({ email: "someone@example.com" });
    const [h, , s] = jwt.split(".");
    const forged = btoa(
      JSON.stringify({ email: "admin@example.com", iss: `https://${TEAM}`, aud: AUD, exp: 9999999999 }),
    )
      .replaceAll("=", "")
      .replaceAll("+", "-")
      .replaceAll("/", "_");
    const res = await accessCall("/api/me", `${h}.${forged}.${s}`);
    expect(res.status).toBe(401);
  });

  it("answers 401 for the wrong audience", async () => {
    const res = await accessCall("/api/me", await token({ email: "known@example.com" }, { audience: "another-app" }));
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain("aud");
  });

  it("answers 401 for the wrong issuer", async () => {
    const res = await accessCall(
      "/api/me",
      await token({ email: "known@example.com" }, { issuer: "https://evil.cloudflareaccess.com" }),
    );
    expect(res.status).toBe(401);
  });

  it("answers 401 for an expired token", async () => {
    const res = await accessCall(
      "/api/me",
      await token({ email: "known@example.com" }, { expires: Math.floor(Date.now() / 1000) - 120 }),
    );
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain("expired");
  });

  it("answers 401 for an unsigned (alg: none) token and for garbage", async () => {
    const none = `${btoa(JSON.stringify({ alg: "none" }))}.${btoa(JSON.stringify({ email: "known@example.com", aud: AUD }))}.`;
    expect((await accessCall("/api/me", none)).status).toBe(401);
    expect((await accessCall("/api/me", "not-a-jwt")).status).toBe(401);
  });

  it("answers 401 for a token without an e-mail (e.g. a service token)", async () => {
    const res = await accessCall("/api/me", await token({ common_name: "ci-bot" }));
    expect(res.status).toBe(401);
  });

  it("refuses a deactivated person with 403", async () => {
    await seedPerson({ email: "gone@example.com", active: false });
    const res = await accessCall("/api/me", await token({ email: "gone@example.com" }));
    expect(res.status).toBe(403);
  });

  it("remembers the caller, and then verifies them in the page's own read: one round trip", async () => {
    const person = await seedPerson({ email: "hinted@example.com" });
    const jwt = await token({ email: "hinted@example.com" });
    const first = await accessCall("/api/challenges/none", jwt);
    expect(first.status).toBe(404);
    expect(first.headers.get("server-timing")).toContain('"2 round trips"');
    const remembered = first.headers.getSetCookie().find((c) => c.startsWith("crux_caller="));
    expect(remembered).toMatch(new RegExp(`^crux_caller=${person.id};.*HttpOnly.*Secure.*SameSite=Lax`));
    const again = await accessCall("/api/challenges/none", jwt, { headers: { cookie: `crux_caller=${person.id}` } });
    expect(again.status).toBe(404);
    expect(again.headers.get("server-timing")).toContain('"1 round trip"');
  });

  it("answers 401 and forgets the note when it names someone other than the Access user", async () => {
    await seedPerson({ email: "signed@example.com" });
    const other = await seedPerson({ email: "someone-else@example.com", roles: ["admin"] });
    const res = await accessCall("/api/admin/audit", await token({ email: "signed@example.com" }), {
      headers: { cookie: `crux_caller=${other.id}` },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain("reload");
    expect(res.headers.getSetCookie().join("\n")).toMatch(/crux_caller=;.*Max-Age=0/);
  });

  it("still refuses a deactivated person who names themselves, with 403", async () => {
    const gone = await seedPerson({ email: "gone-hinted@example.com", active: false });
    const res = await accessCall("/api/challenges", await token({ email: "gone-hinted@example.com" }), {
      headers: { cookie: `crux_caller=${gone.id}` },
    });
    expect(res.status).toBe(403);
  });

  it("does not offer dev sign-in", async () => {
    await seedPerson({ email: "devtry@example.com" });
    const res = await accessCall("/api/dev/sign-in", undefined, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "devtry@example.com" }),
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("ignores a session cookie: identity comes from Access alone", async () => {
    const person = await seedPerson({ email: "cookie-holder@example.com" });
    const cookie = await signIn(person.email);
    const res = await accessCall("/api/me", undefined, { headers: { cookie } });
    expect(res.status).toBe(401);
  });

  it("says Access is misconfigured (503) rather than letting anyone in", async () => {
    const res = await accessCall(
      "/api/me",
      await token({ email: "known@example.com" }),
      {},
      { ...accessEnv, ACCESS_AUD: "" },
    );
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("misconfigured");
  });
});

describe("POST /api/dev/sign-in (AUTH_MODE=dev)", () => {
  it("sets a signed, HttpOnly, SameSite=Lax session cookie and answers with the person", async () => {
    const person = await seedPerson({ email: "dev-ok@example.com", roles: ["sponsor"] });
    const res = await call("POST", "/api/dev/sign-in", { body: { email: "DEV-OK@example.com" } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^crux_session=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(await res.json()).toMatchObject({ id: person.id, roles: ["member", "sponsor"] });

    const me = await callJson("GET", "/api/me", { as: cookie.split(";")[0] });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(person.id);
  });

  it("marks the cookie Secure over https", async () => {
    await seedPerson({ email: "dev-secure@example.com" });
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request("https://localhost/api/dev/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "dev-secure@example.com" }),
      }),
      env,
      ctx,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toContain("Secure");
  });

  it("answers only requests to localhost in dev mode", async () => {
    await seedPerson({ email: "dev-remote@example.com" });
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request("https://crux.example.com/api/dev/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "dev-remote@example.com" }),
      }),
      env,
      ctx,
    );
    expect(res.status).toBe(404);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("works from any host in demo mode, with no secret to configure", async () => {
    await seedPerson({ email: "demo-user@example.com" });
    const demo = { ...env, AUTH_MODE: "demo" };
    const signedIn = await app.fetch(
      new Request("https://demo.crux.example.com/api/dev/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "demo-user@example.com" }),
      }),
      demo,
      createExecutionContext(),
    );
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0];
    const me = await app.fetch(
      new Request("https://demo.crux.example.com/api/me", { headers: { cookie } }),
      demo,
      createExecutionContext(),
    );
    expect(me.status).toBe(200);
  });

  it("is 404 for an unknown or deactivated person and 400 for a bad e-mail", async () => {
    await seedPerson({ email: "dev-inactive@example.com", active: false });
    expect((await call("POST", "/api/dev/sign-in", { body: { email: "nobody@example.com" } })).status).toBe(404);
    expect((await call("POST", "/api/dev/sign-in", { body: { email: "dev-inactive@example.com" } })).status).toBe(404);
    const bad = await callJson("POST", "/api/dev/sign-in", { body: { email: "not-an-email" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toHaveProperty("email");
    const missing = await callJson("POST", "/api/dev/sign-in", { body: {} });
    expect(missing.status).toBe(400);
  });

  it("rejects a tampered or forged session cookie", async () => {
    const person = await seedPerson({ email: "dev-tamper@example.com" });
    const cookie = await signIn(person.email);
    const other = await seedPerson({ email: "dev-victim@example.com", roles: ["admin"] });
    const tampered = `${cookie.slice(0, -2)}${cookie.endsWith("AA") ? "BB" : "AA"}`;
    expect(tampered).not.toBe(cookie);
    expect((await call("GET", "/api/me", { as: tampered })).status).toBe(401);
    // The old cookie format (a person's id, signed) names a person; the new one names nobody.
    expect((await call("GET", "/api/me", { as: `crux_session=${other.id}` })).status).toBe(401);
    expect(
      (await call("GET", "/api/me", { as: `crux_session=${encodeURIComponent(`${other.id}|9999999999`)}` })).status,
    ).toBe(401);
  });
});

describe("POST /api/sign-out", () => {
  it("clears the session cookie", async () => {
    const person = await seedPerson({ email: "dev-out@example.com" });
    const cookie = await signIn(person.email);
    const res = await call("POST", "/api/sign-out", { as: cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, logoutUrl: null });
    expect(res.headers.get("set-cookie")).toMatch(/crux_session=;.*Max-Age=0/);
  });

  it("points to the Access logout under Cloudflare Access", async () => {
    const res = await accessCall("/api/sign-out", undefined, { method: "POST" });
    expect(res.status).toBe(200);
    expect(res.body.logoutUrl).toBe("/cdn-cgi/access/logout");
  });
});

describe("GET /api/me", () => {
  it("is 401 with the error shape when nobody is signed in", async () => {
    const res = await callJson("GET", "/api/me");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
  });
});
