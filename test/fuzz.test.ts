import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../worker/domain/refusal";
import { call, callJson, createChallenge, JUNK_BODIES, member } from "./helpers";

/**
 * SPEC §11: a 500 on any input is a bug. Every route of the OpenAPI document, for every method,
 * gets junk ids, junk query strings and junk bodies, as an admin (who may reach the most code)
 * and as a plain member; nothing may answer 5xx.
 */
describe("every route, junk in, never a 500", () => {
  it("answers junk with 4xx (or 2xx) on every route in the OpenAPI document", async () => {
    const doc = (await callJson("GET", "/api/openapi.json")).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const codes = (doc as unknown as { components: { schemas: { Error: any } } }).components.schemas.Error.properties
      .error.properties.code.enum as string[];
    expect(codes).toEqual([...ERROR_CODES]);
    const lead = await member();
    const realChallenge = await createChallenge(lead.as, {}, true);
    const ids = ["x", "ch_nope", realChallenge, "%00", "a".repeat(300), "__proto__"];
    const queries = [
      "",
      "?limit=-1",
      "?limit=abc&cursor=%7B%7D",
      "?cursor=AAAA&q=%22%2A%28",
      "?periodId=&stage=nope&sort=1",
    ];
    const failures: string[] = [];
    let calls = 0;
    for (const [template, methods] of Object.entries(doc.paths)) {
      if (template === "/api/dev/sign-in" || template === "/api/sign-out") continue;
      for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
        // A fresh admin and member per route: the per-person write allowance never hides a route's answer.
        const people = [await member({ roles: ["admin", "reviewer", "sponsor"] }), await member()];
        for (const id of ids) {
          const path = template.replace(/\{[^}]+\}/g, encodeURIComponent(id));
          for (const [i, who] of people.entries()) {
            const bodies = method === "GET" || method === "DELETE" ? [undefined] : i === 0 ? JUNK_BODIES : [{}];
            for (const body of bodies) {
              for (const query of method === "GET" ? queries : [""]) {
                // A 2xx may be CSV, Markdown or iCalendar; a refusal is always the JSON error shape.
                const raw = await call(method, `${path}${query}`, { as: who.as, body });
                const text = await raw.text();
                const json = (raw.headers.get("content-type") ?? "").includes("json") && text ? JSON.parse(text) : null;
                const res = { status: raw.status, body: json };
                calls += 1;
                // 503 `misconfigured` is the honest answer of an integration nobody connected (Slack).
                const unconnected = res.status === 503 && res.body?.error?.code === "misconfigured";
                if (res.status >= 500 && !unconnected)
                  failures.push(`${method} ${path}${query} ${JSON.stringify(body)} → ${res.status}`);
                // Every refusal speaks one closed list of codes, the one the OpenAPI document lists.
                if (res.status >= 400 && !codes.includes(res.body?.error?.code))
                  failures.push(`${method} ${path}${query} → ${res.status} with code ${res.body?.error?.code}`);
              }
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 300_000);
});
