import { exports } from "cloudflare:workers";
import { expect, it } from "vitest";

it("answers health", async () => {
  const res = await exports.default.fetch("http://localhost/api/health");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
  console.log(res.headers.get("server-timing"));
});
