import { describe, expect, it } from "vitest";
import { demoStatements } from "../db/seed/demo";
import { MIN_GROUP_SIZE } from "../worker/domain/fairness";
import { createDb } from "../worker/middleware/db";
import { readTogether } from "../worker/services/batch";
import { fairnessPlan } from "../worker/services/fairness";
import { env } from "./helpers";

// The fairness view on the demo organisation (db/seed/demo.ts, as `npm run db:seed` loads it):
// issue 14 asks for enough people to show both real groups and an "Other".

describe("the fairness view on the demo organisation", () => {
  it("shows real groups in every grouping, an Other by level, and every step reached by someone", async () => {
    const statements = demoStatements({ now: new Date() });
    for (let i = 0; i < statements.length; i += 50) {
      await env.DB.batch(statements.slice(i, i + 50).map((s) => env.DB.prepare(s)));
    }
    const db = createDb(env.DB);
    const [view] = await readTogether(db, fairnessPlan(db));
    for (const grouping of view.groupings) {
      expect(grouping.suppressed).toBe(false);
      expect(grouping.groups.filter((g) => !g.other).length, grouping.by).toBeGreaterThanOrEqual(2);
      for (const g of grouping.groups) expect(g.counts.people).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
    }
    const byLevel = view.groupings.find((g) => g.by === "level");
    const other = byLevel?.groups.find((g) => g.other);
    expect(other?.includes.length).toBeGreaterThanOrEqual(2);
    const all = view.groupings[0].groups.reduce(
      (sum, g) => ({ credited: sum.credited + g.counts.credited, funded: sum.funded + g.counts.funded }),
      { credited: 0, funded: 0 },
    );
    expect(all.credited).toBeGreaterThan(0);
    expect(all.funded).toBeGreaterThan(0);
    expect(view.calibration.length).toBeGreaterThanOrEqual(2);
  });
});
