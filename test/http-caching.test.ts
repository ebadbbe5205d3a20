import { describe, expect, it } from "vitest";
import { call, member } from "./helpers";

/** ETag and 304 on the API's reads (SPEC §18), and immutable caching of hashed assets. */
describe("GET /api/*: ETag and If-None-Match", () => {
  it("answers 304 without a body while the answer is the same, and 200 with a new ETag once it changed", async () => {
    const p = await member();
    const first = await call("GET", `/api/people/${p.id}`, { as: p.as });
    expect(first.status).toBe(200);
    const tag = first.headers.get("etag");
    expect(tag).toMatch(/^"[0-9a-f]+"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");

    const again = await call("GET", `/api/people/${p.id}`, { as: p.as, headers: { "If-None-Match": tag ?? "" } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(tag);
    // The round trips are still reported on a 304.
    expect(again.headers.get("server-timing")).toMatch(/db;desc=/);

    expect((await call("PATCH", `/api/people/${p.id}`, { as: p.as, body: { bio: "Changed." } })).status).toBe(200);
    const changed = await call("GET", `/api/people/${p.id}`, { as: p.as, headers: { "If-None-Match": tag ?? "" } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(tag);
  });

  it("leaves writes, errors and no-store answers alone", async () => {
    const p = await member();
    const write = await call("PATCH", `/api/people/${p.id}`, { as: p.as, body: { bio: "Hello." } });
    expect(write.headers.get("etag")).toBeNull();
    const missing = await call("GET", "/api/people/nobody-here", { as: p.as });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("etag")).toBeNull();
  });
});
