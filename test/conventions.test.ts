import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it, vi } from "vitest";
import app from "../worker/index";
import { handleError } from "../worker/middleware/errors";
import { call, callJson, createChallenge, member, seedPerson, signIn } from "./helpers";

const TIMING = /^db;desc="(\d+) round trips?";dur=\d+(\.\d+)?$/;

function roundTrips(res: { headers: Headers }) {
  const header = res.headers.get("server-timing") ?? "";
  expect(header).toMatch(TIMING);
  return Number(TIMING.exec(header)?.[1]);
}

describe("GET /api/health", () => {
  it("is served by the Worker's real entrypoint", async () => {
    const res = await exports.default.fetch("http://localhost/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers without auth and without touching the database", async () => {
    const res = await callJson("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(roundTrips(res)).toBe(0);
  });
});

describe("errors", () => {
  it("an unknown API route is a JSON 404 in the error shape", async () => {
    const res = await callJson("GET", "/api/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.body).toEqual({ error: { code: "not_found", message: expect.stringContaining("/api/no-such-thing") } });
  });

  it("a malformed JSON body is a 400 in the error shape, not a 500", async () => {
    const { as } = await member();
    const res = await callJson("POST", "/api/challenges", { as, body: "{ not json" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBeTypeOf("string");
    expect(res.body.error.message).toBeTypeOf("string");
  });

  it("an oversized body is a 413 in the error shape", async () => {
    const { as } = await member();
    const res = await callJson("POST", "/api/challenges", { as, body: { title: "x".repeat(3 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("too_large");
  });

  it("bad query parameters are 400s naming the parameter", async () => {
    const { as } = await member();
    const res = await callJson("GET", "/api/challenges?limit=0&stage=nonsense", { as });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(["limit", "stage"]);
  });

  it("an unexpected failure is logged with its cause and answered without internals", async () => {
    const person = await seedPerson();
    const cookie = await signIn(person.email);
    const fail = () => {
      throw new Error("secret internal detail: table people is on fire");
    };
    const failing = { prepare: fail, batch: fail, exec: fail, withSession: fail, dump: fail } as unknown as D1Database;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await app.fetch(
      new Request("http://localhost/api/me", { headers: { cookie } }),
      { ...env, DB: failing },
      createExecutionContext(),
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret");
    expect(text).not.toContain("fire");
    expect(JSON.parse(text)).toEqual({ error: { code: "internal_error", message: expect.any(String) } });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("table people is on fire"));
    expect(res.headers.get("server-timing")).toMatch(TIMING);
    logged.mockRestore();
  });

  it("a database constraint refusing a write is a 409 conflict, not a 500", async () => {
    const probe = new OpenAPIHono();
    probe.get("/", () => {
      throw new Error("D1_ERROR: CHECK constraint failed: challenge_slots_filled_check: SQLITE_CONSTRAINT");
    });
    probe.onError(handleError);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await probe.request("/");
    logged.mockRestore();
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "conflict", message: expect.any(String) } });
  });
});

describe("Server-Timing", () => {
  it("counts every D1 round trip of the request", async () => {
    const { as } = await member();
    const id = await createChallenge(as, {}, true);
    // The caller's verification rides in the challenge page's batched read: one round trip.
    const page = await call("GET", `/api/challenges/${id}`, { as });
    expect(page.status).toBe(200);
    expect(roundTrips(page)).toBe(1);
    // The marketplace's single query carries the caller's verification too.
    const list = await call("GET", "/api/challenges?q=batch", { as });
    expect(roundTrips(list)).toBe(1);
  });

  it("is on error responses too", async () => {
    const res = await call("GET", "/api/me");
    expect(res.status).toBe(401);
    expect(roundTrips(res)).toBe(0);
  });
});

describe("security headers", () => {
  it("API responses carry nosniff and a same-origin resource policy", async () => {
    const res = await call("GET", "/api/health");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
  });
});

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document of every core route, with the shared error shape", async () => {
    const res = await callJson("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    const expected: [string, string][] = [
      ["/api/health", "get"],
      ["/api/me", "get"],
      ["/api/dev/sign-in", "post"],
      ["/api/sign-out", "post"],
      ["/api/people", "get"],
      ["/api/people/{id}", "get"],
      ["/api/people/{id}", "patch"],
      ["/api/challenges", "get"],
      ["/api/challenges", "post"],
      ["/api/challenges/{id}", "get"],
      ["/api/challenges/{id}", "patch"],
      ["/api/challenges/{id}/transitions", "post"],
      ["/api/challenges/{id}/backing", "put"],
      ["/api/challenges/{id}/backing", "delete"],
      ["/api/challenges/{id}/comments", "get"],
      ["/api/challenges/{id}/comments", "post"],
      ["/api/challenges/{id}/activity", "get"],
      ["/api/admin/people/import", "post"],
      ["/api/budgets", "get"],
      ["/api/budget-periods", "get"],
      ["/api/admin/budget-periods", "post"],
      ["/api/admin/allocations", "post"],
      ["/api/challenges/{id}/pledges", "post"],
      ["/api/pledges/{id}", "delete"],
      ["/api/challenges/{id}/ledger", "get"],
      ["/api/challenges/{id}/spends", "post"],
      ["/api/spends/{id}/decision", "post"],
    ];
    for (const [path, method] of expected) expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(res.body.components.schemas).toHaveProperty("Error");
    expect(res.body.components.schemas).toHaveProperty("ChallengeInput");
    const create = paths["/api/challenges"].post as { responses: Record<string, unknown> };
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "400", "401"]));
  });
});

describe("GET /api/docs", () => {
  it("serves the interactive reference from this origin (no CDN)", async () => {
    const res = await call("GET", "/api/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<title>Crux API reference</title>");
    expect(html).toContain('src="/vendor/swagger-ui/swagger-ui-bundle.js"');
    expect(html).not.toMatch(/(src|href)="https?:\/\//);
  });
});
