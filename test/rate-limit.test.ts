import { describe, expect, it } from "vitest";
import { callJson, createChallenge, expectError, member } from "./helpers";

describe("the per-person write allowance (429)", () => {
  it("refuses the 121st change in a minute with 429 and Retry-After, and still serves reads and other people", async () => {
    const lead = await member();
    const id = await createChallenge(lead.as, {}, true);
    const eager = await member();
    const statuses: number[] = [];
    // Backing is idempotent, so 120 of them change nothing but still count.
    for (let i = 0; i < 120; i++) {
      statuses.push(
        (await callJson(i % 2 ? "DELETE" : "PUT", `/api/challenges/${id}/backing`, { as: eager.as })).status,
      );
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const refused = await callJson("PUT", `/api/challenges/${id}/backing`, { as: eager.as });
    expectError(refused, 429, "rate_limited");
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(refused.body.error.details).toEqual({ retryAfterSeconds: 60 });

    expect((await callJson("GET", `/api/challenges/${id}`, { as: eager.as })).status).toBe(200);
    const other = await member();
    expect((await callJson("PUT", `/api/challenges/${id}/backing`, { as: other.as })).status).toBe(200);
  });
});
