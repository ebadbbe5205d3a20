import Papa from "papaparse";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, signInAs } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("journey: the fairness view on the leadership dashboard", () => {
  it("reviewer@example.com sees each group's funnel, Other for small groups, the table, the CSV and calibration", async () => {
    const { context, page } = await signInAs(browser, "reviewer@example.com");
    await page.goto("/dashboard");
    await page.getByRole("heading", { level: 1, name: "Leadership dashboard" }).waitFor();
    const section = page.getByRole("region", { name: "Fairness" });
    await section.getByRole("heading", { level: 3, name: "Engineering" }).waitFor();
    expect(
      await section.getByRole("img", { name: /^Engineering: people at each step: People \d+ people/ }).count(),
    ).toBe(1);

    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`dashboard document height with the fairness view at 1280x900: ${height}px`);

    // The demo's levels include some with fewer than 5 people (db/seed/people.ts): they are Other.
    await section.getByLabel("Group by").selectOption("level");
    await section.getByRole("heading", { level: 3, name: "Other" }).waitFor();
    await expect.poll(() => section.getByText(/^Other counts .+ together\.$/).count()).toBe(1);
    const link = section.getByRole("link", { name: /^Download fairness by level as CSV$/ });
    expect(await link.getAttribute("href")).toBe("/api/dashboard/fairness.csv?by=level");

    // The CSV the link downloads: the same groups, none under 5.
    const res = await page.request.get("/api/dashboard/fairness.csv?by=level");
    expect(res.status()).toBe(200);
    const [header, ...rows] = Papa.parse<string[]>(await res.text(), { skipEmptyLines: true }).data;
    const people = header.indexOf("people");
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(Number(row[people])).toBeGreaterThanOrEqual(5);
    expect(rows.map((r) => r[1])).toContain("Other");

    await section.getByRole("button", { name: "Show table: Fairness by level" }).click();
    const table = section.getByRole("table", { name: /^Fairness by level/ });
    await table.waitFor();
    expect(await table.getByRole("row").count()).toBe(rows.length + 1);

    const calibration = page.getByRole("region", { name: "Reviewer calibration" });
    await calibration.getByRole("img", { name: /^Reviewer calibration, mean weighted score from 1 to 5: / }).waitFor();
    await expectAccessible(page, "leadership dashboard: fairness by level with its table open");
    await context.close();
  });

  it("ic@example.com, a member, neither sees nor can read it", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    await page.goto("/dashboard");
    await page.getByRole("heading", { level: 1, name: "Leadership dashboard" }).waitFor();
    expect(await page.getByRole("region", { name: "Fairness" }).count()).toBe(0);
    expect((await page.request.get("/api/dashboard/fairness")).status()).toBe(403);
    expect((await page.request.get("/api/dashboard/fairness.csv")).status()).toBe(403);
    await context.close();
  });
});
