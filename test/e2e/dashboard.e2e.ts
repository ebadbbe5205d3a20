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

describe("journey: the leadership dashboard puts what needs action first", () => {
  it("reviewer@example.com sees Needs action right under the heading, with the demo's overdue items and where to act", async () => {
    const { context, page } = await signInAs(browser, "reviewer@example.com");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/dashboard");
    await page.getByRole("heading", { level: 1, name: "Leadership dashboard" }).waitFor();
    const section = page.getByRole("region", { name: "Needs action" });
    await section.getByRole("heading", { level: 3, name: /^Overdue responses/ }).waitFor();

    // The first thing after the page's heading is the Needs action section.
    const next = await page.evaluate(() => {
      const el = document.querySelector("h1")?.nextElementSibling;
      return el ? `${el.tagName} ${el.querySelector("h2")?.textContent ?? ""}` : "";
    });
    expect(next).toBe("SECTION Needs action");

    // The demo has open challenges past the response deadline and commitments past due
    // (db/seed/review.ts); each says how late it is, in words.
    const responses = section.locator(".action-group").filter({ hasText: "Overdue responses" });
    const firstResponse = responses.getByRole("listitem").first();
    await expect.poll(() => firstResponse.textContent()).toMatch(/ (1 day|\d+ days) overdue |due today/);
    expect(await firstResponse.getByRole("link").getAttribute("href")).toMatch(/^\/challenges\/ch_[\w-]+#comments$/);

    const commitments = section.locator(".action-group").filter({ hasText: "Overdue commitments" });
    const commitment = commitments.getByRole("listitem").first();
    expect(await commitment.textContent()).toMatch(/ (1 day|\d+ days) overdue /);
    const link = commitment.getByRole("link");
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/challenges\/ch_[\w-]+#commitment-com_[\w-]+$/);

    // No page-long tables: each chart's table waits behind its own "Show table".
    expect(await page.getByRole("table").count()).toBe(1); // the IC participation heat map is the chart itself
    // Measured once the last section (fairness, its own request) is in: its funnel per group adds
    // about 1,500px on the demo's eleven disciplines.
    await page.getByRole("heading", { level: 2, name: "Reviewer calibration" }).waitFor();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`dashboard document height at 1280x800: ${height}px`);
    expect(height).toBeLessThan(5500);
    await expectAccessible(page, "leadership dashboard");

    // The commitment's link lands on that very commitment on its challenge's page.
    await link.click();
    await page.waitForURL((url) => url.hash === href.slice(href.indexOf("#")));
    const target = page.locator(href.slice(href.indexOf("#")));
    await target.waitFor();
    await expect.poll(() => target.evaluate((el) => el === document.activeElement)).toBe(true);
    await context.close();
  });

  it("a chart's figures open as a table behind a named Show table button, closed by default", async () => {
    const { context, page } = await signInAs(browser, "reviewer@example.com");
    await page.goto("/dashboard");
    await page.getByRole("heading", { level: 2, name: "Funnel" }).waitFor();

    const toggle = page.getByRole("button", { name: "Show table: Funnel by stage" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("table", { name: "Funnel by stage" }).count()).toBe(0);
    // Every table's button says which table it opens.
    for (const name of ["Budgets by sponsor and period", "Team diversity", "Decisions by outcome"])
      expect(await page.getByRole("button", { name: `Show table: ${name}` }).count()).toBe(1);

    await toggle.click();
    const opened = page.getByRole("button", { name: "Hide table: Funnel by stage" });
    expect(await opened.getAttribute("aria-expanded")).toBe("true");
    const table = page.getByRole("table", { name: "Funnel by stage" });
    await table.waitFor();
    expect(await table.getByRole("row", { name: /^Open/ }).count()).toBe(1);
    // The chart keeps its accessible name.
    expect(await page.getByRole("img", { name: /^Challenges that reached each stage: Draft/ }).count()).toBe(1);
    await expectAccessible(page, "leadership dashboard with the funnel's table open");

    await opened.click();
    expect(await page.getByRole("table", { name: "Funnel by stage" }).count()).toBe(0);
    await context.close();
  });
});
