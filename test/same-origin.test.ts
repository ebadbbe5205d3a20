import { describe, expect, it } from "vitest";
import { call, callJson, createChallenge, env, expectError, member } from "./helpers";

const EVIL = "https://evil.example";

describe("cross-site changes (SPEC §12)", () => {
  it("refuses a JSON change whose Origin is another site, and changes nothing", async () => {
    const { as } = await member();
    const res = await callJson("POST", "/api/challenges", {
      as,
      body: { title: "Planted by another site" },
      headers: { Origin: EVIL },
    });
    expectError(res, 403, "cross_site_request");
    const planted = await env.DB.prepare("SELECT count(*) AS n FROM challenges WHERE title = ?")
      .bind("Planted by another site")
      .first();
    expect(planted?.n).toBe(0);
  });

  it("refuses a form-encoded change from another site, the way a plain HTML form sends it", async () => {
    const { as } = await member();
    const res = await callJson("PATCH", "/api/people/me", {
      as,
      body: "name=Hacked",
      headers: { "content-type": "application/x-www-form-urlencoded", Origin: EVIL, "Sec-Fetch-Site": "cross-site" },
    });
    expectError(res, 403, "cross_site_request");
  });

  it("refuses bodyless POSTs and DELETEs from another site: withdraw, back, sign-out", async () => {
    const lead = await member();
    const id = await createChallenge(lead.as, {}, true);
    const other = await member();
    const crossSite = { "Sec-Fetch-Site": "cross-site" };
    expectError(
      await callJson("POST", `/api/challenges/${id}/transitions`, {
        as: lead.as,
        body: { action: "withdraw" },
        headers: crossSite,
      }),
      403,
      "cross_site_request",
    );
    expectError(await callJson("PUT", `/api/challenges/${id}/backing`, { as: other.as, headers: crossSite }), 403);
    expectError(await callJson("DELETE", `/api/challenges/${id}/backing`, { as: other.as, headers: crossSite }), 403);
    expectError(await callJson("POST", "/api/sign-out", { as: other.as, headers: crossSite }), 403);
    // The session survived the forged sign-out, and the challenge is still open.
    expect((await call("GET", "/api/me", { as: other.as })).status).toBe(200);
    expect((await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.stage).toBe("open");
  });

  it.each([
    ["Sec-Fetch-Site: same-site (a sibling subdomain)", { "Sec-Fetch-Site": "same-site" }],
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }],
    ["Origin: null (a sandboxed frame or a data: page)", { Origin: "null" }],
    ["an Origin on another port", { Origin: "http://localhost:9999" }],
    ["an Origin on another scheme", { Origin: "https://localhost" }],
    ["a same-origin Sec-Fetch-Site with a foreign Origin", { "Sec-Fetch-Site": "same-origin", Origin: EVIL }],
  ])("refuses %s", async (_name, headers) => {
    const { as } = await member();
    expectError(await callJson("POST", "/api/kudos", { as, body: {}, headers }), 403, "cross_site_request");
  });

  it("refuses a cross-site sign-in too (no login CSRF)", async () => {
    const { email } = await member();
    const res = await call("POST", "/api/dev/sign-in", { body: { email }, headers: { Origin: EVIL } });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("accepts the app's own requests: same-origin, the own Origin, or a typed URL (none)", async () => {
    const lead = await member();
    const own: Record<string, string>[] = [
      { "Sec-Fetch-Site": "same-origin", Origin: "http://localhost" },
      { Origin: "http://localhost" },
      { "Sec-Fetch-Site": "none" },
    ];
    for (const headers of own) {
      const res = await callJson("POST", "/api/challenges", {
        as: lead.as,
        body: { title: "Our own change" },
        headers,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  it("judges a request with neither header by its credentials alone (scripts, curl)", async () => {
    const { as } = await member();
    expect((await callJson("POST", "/api/challenges", { as, body: { title: "From a script" } })).status).toBe(201);
    expectError(await callJson("POST", "/api/challenges", { body: { title: "Nobody" } }), 401);
  });

  it("exempts bearer-token requests, whose credential no other site can make a browser send", async () => {
    const admin = await member({ roles: ["admin"] });
    const holder = await member();
    const issued = await callJson("POST", "/api/admin/tokens", {
      as: admin.as,
      body: { personId: holder.id, name: "Writer", scope: "read write" },
    });
    const res = await callJson("POST", "/api/challenges", {
      body: { title: "From an integration" },
      headers: { Authorization: `Bearer ${issued.body.token}`, Origin: EVIL },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it("lets reads through from anywhere (they change nothing; CORS keeps their answers)", async () => {
    const { as } = await member();
    expect(
      (await call("GET", "/api/me", { as, headers: { "Sec-Fetch-Site": "cross-site", Origin: EVIL } })).status,
    ).toBe(200);
  });
});

describe("API token scopes (SPEC §12)", () => {
  async function tokenFor(scope?: string) {
    const admin = await member({ roles: ["admin"] });
    const holder = await member();
    const issued = await callJson("POST", "/api/admin/tokens", {
      as: admin.as,
      body: { personId: holder.id, name: "Scoped", ...(scope ? { scope } : {}) },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    return { headers: { Authorization: `Bearer ${issued.body.token}` }, issued: issued.body, admin };
  }

  it("a read token reads, and any change it tries is 403 insufficient_scope (the default scope is read)", async () => {
    const { headers, issued } = await tokenFor();
    expect(issued.scope).toBe("read");
    expect((await call("GET", "/api/challenges", { headers })).status).toBe(200);
    expectError(
      await callJson("POST", "/api/challenges", { headers, body: { title: "Nope" } }),
      403,
      "insufficient_scope",
    );
    expectError(await callJson("PUT", "/api/challenges/ch_any/backing", { headers }), 403, "insufficient_scope");
    expectError(await callJson("DELETE", "/api/pledges/pl_any", { headers }), 403, "insufficient_scope");
  });

  it("a read write token changes things", async () => {
    const { headers, issued } = await tokenFor("read write");
    expect(issued.scope).toBe("read write");
    expect((await callJson("POST", "/api/challenges", { headers, body: { title: "Yes" } })).status).toBe(201);
  });

  it("refuses an unknown scope and an expiry past a year (400 naming the fields)", async () => {
    const { admin } = await tokenFor();
    const holder = await member();
    const res = await callJson("POST", "/api/admin/tokens", {
      as: admin.as,
      body: { personId: holder.id, name: "Bad", scope: "admin", expiresInDays: 366 },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(["expiresInDays", "scope"]);
  });

  it("lists the scope, expiry and last use for the admin page", async () => {
    const { headers, issued, admin } = await tokenFor();
    await call("GET", "/api/me", { headers });
    const list = await callJson("GET", "/api/admin/tokens?limit=100", { as: admin.as });
    const row = list.body.items.find((t: { id: string }) => t.id === issued.id);
    expect(row).toMatchObject({ scope: "read", expiresAt: expect.any(String), lastUsedAt: expect.any(String) });
  });
});

describe("security headers", () => {
  it("the API reference carries the CSP, nosniff, the referrer policy and no framing", async () => {
    const res = await call("GET", "/api/docs");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    for (const directive of ["script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const html = await res.text();
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
  });
});
