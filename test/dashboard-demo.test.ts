import { describe, expect, it } from "vitest";
import { demoStatements } from "../db/seed/demo";
import { createDb } from "../worker/middleware/db";
import { readTogether } from "../worker/services/batch";
import { dashboardPlan, refreshDashboardRollup } from "../worker/services/dashboard";
import { env } from "./helpers";

// The rolled-up dashboard against a full recount on the demo organisation (db/seed/demo.ts, as
// `npm run db:seed` loads it), before and after a refresh, for all time and each of its periods.

const db = () => createDb(env.DB);

async function expectExact(label: string) {
  const periods = (await env.DB.prepare("SELECT id FROM budget_periods").all<{ id: string }>()).results;
  for (const periodId of [undefined, ...periods.map((p) => p.id)]) {
    const now = new Date().toISOString();
    const [rolled, full] = await readTogether(
      db(),
      dashboardPlan(db(), periodId, now),
      dashboardPlan(db(), periodId, now, { fullCount: true }),
    );
    expect(rolled.figures, `${label}, period ${periodId ?? "all time"}`).toEqual(full.figures);
  }
  return periods.length;
}

describe("the dashboard's rollup on the demo organisation", () => {
  it("gives exactly the full count before and after a refresh", async () => {
    const statements = demoStatements({ now: new Date() });
    for (let i = 0; i < statements.length; i += 50) {
      await env.DB.batch(statements.slice(i, i + 50).map((s) => env.DB.prepare(s)));
    }
    const [{ n }] = (await env.DB.prepare("SELECT count(*) AS n FROM challenges").all<{ n: number }>()).results;
    expect(n).toBeGreaterThan(20);
    expect(await expectExact("before any refresh")).toBeGreaterThan(0);
    await refreshDashboardRollup(db());
    await expectExact("after a refresh");
    const [rolled] = await readTogether(db(), dashboardPlan(db(), undefined, new Date().toISOString()));
    expect(rolled.changed).toBe(0);
    expect(rolled.figures.funnel[0].reached).toBe(n);
  });
});
