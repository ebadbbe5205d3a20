import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../worker/index";
import { createDb } from "../worker/middleware/db";
import { hashSecret, lastUseIsStale, touchToken } from "../worker/services/api-tokens";
import { call, callJson, env, expectError, expectInvalid, JUNK_BODIES, member, seedPerson } from "./helpers";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** An admin, signed in, and a person to issue tokens for. */
async function setup() {
  const admin = await member({ roles: ["admin"] });
  const holder = await seedPerson({ name: "Integration Holder", roles: ["sponsor"] });
  return { admin, holder };
}

async function issue(as: string, body: Record<string, unknown>) {
  const res = await callJson("POST", "/api/admin/tokens", { as, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return res.body as { id: string; token: string; prefix: string; status: string; expiresAt: string | null };
}

async function tokenRow(id: string) {
  return env.DB.prepare("SELECT * FROM api_tokens WHERE id = ?").bind(id).first<Record<string, string | null>>();
}

describe("POST /api/admin/tokens", () => {
  it("issues a token shown once, stores only its SHA-256, and the token signs its person in", async () => {
    const { admin, holder } = await setup();
    const issued = await issue(admin.as, { personId: holder.id, name: "  CI pipeline  " });
    expect(issued.token).toMatch(/^crux_[A-Za-z0-9_-]{43}$/);
    expect(issued).toMatchObject({
      name: "CI pipeline",
      status: "active",
      person: { id: holder.id, name: "Integration Holder", email: holder.email },
      createdBy: { id: admin.id },
      revokedAt: null,
      lastUsedAt: null,
      scope: "read",
    });
    // 90 days unless told otherwise (SPEC §12).
    expect(Date.parse(issued.expiresAt ?? "") - Date.now()).toBeGreaterThan(89.9 * 86_400_000);
    expect(Date.parse(issued.expiresAt ?? "") - Date.now()).toBeLessThanOrEqual(90 * 86_400_000);
    expect(issued.token.startsWith(issued.prefix)).toBe(true);
    expect(issued.prefix.length).toBeLessThan(20);

    const row = await tokenRow(issued.id);
    expect(row?.token_hash).toBe(await hashSecret(issued.token));
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.values(row ?? {})).not.toContain(issued.token);

    const me = await callJson("GET", "/api/me", { headers: bearer(issued.token) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: holder.id, roles: ["member", "sponsor"] });
  });

  it("sets an expiry from expiresInDays", async () => {
    const { admin, holder } = await setup();
    const before = Date.now();
    const issued = await issue(admin.as, { personId: holder.id, name: "Weekly report", expiresInDays: 30 });
    const expires = Date.parse(issued.expiresAt ?? "");
    expect(expires - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 1000);
    expect(expires - before).toBeLessThanOrEqual(30 * 86_400_000 + 60_000);
  });

  it("is 403 for people who are not admins, and 401 for nobody", async () => {
    const { holder } = await setup();
    const sponsor = await member({ roles: ["sponsor", "reviewer"] });
    const res = await callJson("POST", "/api/admin/tokens", {
      as: sponsor.as,
      body: { personId: holder.id, name: "Mine" },
    });
    expectError(res, 403, "forbidden");
    expectError(await callJson("POST", "/api/admin/tokens", { body: { personId: holder.id, name: "x" } }), 401);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM api_tokens WHERE person_id = ?")
      .bind(holder.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("is 400 naming each bad field", async () => {
    const { admin, holder } = await setup();
    expectInvalid(await callJson("POST", "/api/admin/tokens", { as: admin.as, body: {} }), "personId", "name");
    expectInvalid(
      await callJson("POST", "/api/admin/tokens", {
        as: admin.as,
        body: { personId: holder.id, name: "x", expiresInDays: 0 },
      }),
      "name",
      "expiresInDays",
    );
    for (const expiresInDays of [366, 1.5, "30"]) {
      expectInvalid(
        await callJson("POST", "/api/admin/tokens", {
          as: admin.as,
          body: { personId: holder.id, name: "Reports", expiresInDays },
        }),
        "expiresInDays",
      );
    }
    const unknown = expectInvalid(
      await callJson("POST", "/api/admin/tokens", { as: admin.as, body: { personId: "p_nobody", name: "Reports" } }),
      "personId",
    );
    expect(unknown.personId).toMatch(/no such person/i);
  });

  it("refuses a deactivated person (400 on personId)", async () => {
    const { admin } = await setup();
    const gone = await seedPerson({ active: false });
    expectInvalid(
      await callJson("POST", "/api/admin/tokens", { as: admin.as, body: { personId: gone.id, name: "Old bot" } }),
      "personId",
    );
  });

  it("never answers junk with a 500", async () => {
    const { admin } = await setup();
    for (const body of JUNK_BODIES) {
      const res = await callJson("POST", "/api/admin/tokens", { as: admin.as, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe("GET /api/admin/tokens", () => {
  it("lists metadata with the person's name, newest first, and never the secret or its hash", async () => {
    const { admin, holder } = await setup();
    const first = await issue(admin.as, { personId: holder.id, name: "First" });
    const second = await issue(admin.as, { personId: holder.id, name: "Second" });
    const res = await call("GET", "/api/admin/tokens?limit=100", { as: admin.as });
    const text = await res.text();
    expect(res.status).toBe(200);
    for (const t of [first, second]) {
      expect(text).not.toContain(t.token);
      expect(text).not.toContain((await tokenRow(t.id))?.token_hash);
    }
    const body = JSON.parse(text);
    const ids = body.items.map((t: { id: string }) => t.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    const listed = body.items.find((t: { id: string }) => t.id === first.id);
    expect(listed).toMatchObject({ name: "First", prefix: first.prefix, person: { name: "Integration Holder" } });
    expect(listed).not.toHaveProperty("token");
    expect(listed).not.toHaveProperty("tokenHash");
  });

  it("pages with a cursor", async () => {
    const { admin, holder } = await setup();
    for (const name of ["Page A", "Page B", "Page C"]) await issue(admin.as, { personId: holder.id, name });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: any } = await callJson(
        "GET",
        `/api/admin/tokens?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { as: admin.as },
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((t: { id: string }) => t.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expectInvalid(await callJson("GET", "/api/admin/tokens?cursor=nonsense", { as: admin.as }), "cursor");
  });

  it("is 403 for people who are not admins", async () => {
    const sponsor = await member({ roles: ["sponsor"] });
    expectError(await callJson("GET", "/api/admin/tokens", { as: sponsor.as }), 403);
  });

  it("walks the primary key, with no sort of its own", async () => {
    const { results } = await env.DB.prepare(
      `EXPLAIN QUERY PLAN SELECT t.id FROM api_tokens t JOIN people p ON p.id = t.person_id
       JOIN people c ON c.id = t.created_by_id WHERE t.id < ? ORDER BY t.id DESC LIMIT 21`,
    )
      .bind("tok_zzz")
      .all<{ detail: string }>();
    const plan = results.map((r) => r.detail).join("\n");
    expect(plan).not.toContain("TEMP B-TREE");
    expect(plan).toMatch(/SEARCH t USING INTEGER PRIMARY KEY|SEARCH t USING INDEX sqlite_autoindex_api_tokens_1/);
  });
});

describe("DELETE /api/admin/tokens/:id", () => {
  it("revokes the token (401 from then on), idempotently, and 404s an unknown id", async () => {
    const { admin, holder } = await setup();
    const issued = await issue(admin.as, { personId: holder.id, name: "To revoke" });
    expect((await call("GET", "/api/me", { headers: bearer(issued.token) })).status).toBe(200);

    const revoked = await callJson("DELETE", `/api/admin/tokens/${issued.id}`, { as: admin.as });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: issued.id, status: "revoked" });
    expect(revoked.body).not.toHaveProperty("token");
    const again = await callJson("DELETE", `/api/admin/tokens/${issued.id}`, { as: admin.as });
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);

    const res = await callJson("GET", "/api/me", { headers: bearer(issued.token) });
    expect(expectError(res, 401, "unauthenticated").message).toMatch(/revoked/);

    expectError(await callJson("DELETE", "/api/admin/tokens/tok_unknown", { as: admin.as }), 404, "not_found");

    // The audit log has the issue and one revocation (the repeat changed nothing), never the secret.
    const audit = await callJson("GET", "/api/admin/audit?limit=100", { as: admin.as });
    const mine = audit.body.items.filter((e: { detail: { tokenId?: string } }) => e.detail.tokenId === issued.id);
    expect(mine.map((e: { action: string; actor: { id: string } }) => [e.action, e.actor.id])).toEqual([
      ["token_revoked", admin.id],
      ["token_issued", admin.id],
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(issued.token);
  });

  it("is 403 for people who are not admins, even with their own token", async () => {
    const { admin, holder } = await setup();
    const issued = await issue(admin.as, { personId: holder.id, name: "Sponsor bot" });
    expectError(await callJson("DELETE", `/api/admin/tokens/${issued.id}`, { headers: bearer(issued.token) }), 403);
    expectError(await callJson("GET", "/api/admin/tokens", { headers: bearer(issued.token) }), 403);
  });
});

describe("Authorization: Bearer", () => {
  it("is 401 for an expired token", async () => {
    const { admin, holder } = await setup();
    const issued = await issue(admin.as, { personId: holder.id, name: "Expiring", expiresInDays: 1 });
    await env.DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), issued.id)
      .run();
    const res = await callJson("GET", "/api/me", { headers: bearer(issued.token) });
    expect(expectError(res, 401, "unauthenticated").message).toMatch(/expired/);
    const list = await callJson("GET", "/api/admin/tokens?limit=100", { as: admin.as });
    expect(list.body.items.find((t: { id: string }) => t.id === issued.id).status).toBe("expired");
  });

  it("is 401 for a wrong secret, a token of another kind and an empty one", async () => {
    const { admin, holder } = await setup();
    const issued = await issue(admin.as, { personId: holder.id, name: "Real" });
    const wrong = `${issued.token.slice(0, -4)}${issued.token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    for (const token of [wrong, "crux_", "ghp_notours", "", issued.prefix]) {
      const res = await callJson("GET", "/api/me", { headers: { authorization: `Bearer ${token}` } });
      expectError(res, 401, "unauthenticated");
    }
  });

  it("never falls back to the session cookie when the token is bad", async () => {
    const { admin } = await setup();
    const res = await callJson("GET", "/api/me", { as: admin.as, headers: bearer("crux_forged") });
    expectError(res, 401, "unauthenticated");
  });

  it("wins over the session cookie when it is good", async () => {
    const { admin, holder } = await setup();
    const issued = await issue(admin.as, { personId: holder.id, name: "Both" });
    const res = await callJson("GET", "/api/me", { as: admin.as, headers: bearer(issued.token) });
    expect(res.body.id).toBe(holder.id);
  });

  it("is 403 when the token's person has been deactivated", async () => {
    const { admin, holder } = await setup();
    const issued = await issue(admin.as, { personId: holder.id, name: "Leaver" });
    await env.DB.prepare("UPDATE people SET active = 0 WHERE id = ?").bind(holder.id).run();
    expectError(await callJson("GET", "/api/me", { headers: bearer(issued.token) }), 403, "forbidden");
  });

  it("authenticates in one database round trip, and records the last use at most once a minute", async () => {
    const { admin, holder } = await setup();
    const issued = await issue(admin.as, { personId: holder.id, name: "Busy bot" });
    const first = await call("GET", "/api/me", { headers: bearer(issued.token) });
    expect(first.headers.get("server-timing")).toContain('"1 round trip"');
    const used = (await tokenRow(issued.id))?.last_used_at;
    expect(used).toBeTruthy();
    await call("GET", "/api/me", { headers: bearer(issued.token) });
    expect((await tokenRow(issued.id))?.last_used_at).toBe(used);

    expect(lastUseIsStale(null)).toBe(true);
    expect(lastUseIsStale(new Date(Date.now() - 30_000).toISOString())).toBe(false);
    expect(lastUseIsStale(new Date(Date.now() - 61_000).toISOString())).toBe(true);
    // The write itself is conditional: a second writer in the same minute changes nothing.
    const db = createDb(env.DB);
    await touchToken(db, issued.id, new Date(Date.parse(used ?? "") + 10_000));
    expect((await tokenRow(issued.id))?.last_used_at).toBe(used);
    const later = new Date(Date.parse(used ?? "") + 120_000);
    await touchToken(db, issued.id, later);
    expect((await tokenRow(issued.id))?.last_used_at).toBe(later.toISOString());
  });

  it("is checked before the Access JWT in access mode", async () => {
    const { admin, holder } = await setup();
    const issued = await issue(admin.as, { personId: holder.id, name: "Behind Access" });
    const accessEnv = {
      ...env,
      AUTH_MODE: "access",
      ACCESS_TEAM_DOMAIN: "crux-test.cloudflareaccess.com",
      ACCESS_AUD: "aud",
      ALLOWED_EMAIL_DOMAINS: "example.com",
    };
    async function accessCall(headers: Record<string, string>) {
      const ctx = createExecutionContext();
      const res = await app.fetch(new Request("https://crux.example.com/api/me", { headers }), accessEnv, ctx);
      await waitOnExecutionContext(ctx);
      return { status: res.status, body: await res.json<any>() };
    }
    // An Access service token's assertion (no e-mail) alongside: the API token decides, unverified JWT unread.
    const ok = await accessCall({ ...bearer(issued.token), "cf-access-jwt-assertion": "not-a-jwt" });
    expect(ok.status).toBe(200);
    expect(ok.body.id).toBe(holder.id);
    const bad = await accessCall({ ...bearer("crux_wrong"), "cf-access-jwt-assertion": "not-a-jwt" });
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toMatch(/API token/);
  });
});

describe("OpenAPI document", () => {
  it("declares the bearer scheme", async () => {
    const doc = await callJson("GET", "/api/openapi.json");
    expect(doc.body.components.securitySchemes.apiToken).toMatchObject({ type: "http", scheme: "bearer" });
  });
});
