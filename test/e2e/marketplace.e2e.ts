import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseURL, expectAccessible, launchBrowser, signInAs } from "./browser";

/** A word no demo challenge uses, so the search below can only find this journey's challenge. */
const WORD = "Quillfeather";
const TITLE = `Halve flaky test reruns in the ${WORD} monorepo`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("journey: an IC proposes and publishes; a designer finds, backs and discusses", () => {
  let challengeId = "";

  it("ic@example.com proposes a challenge with two KPIs and two role slots and publishes it", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    await page.getByRole("heading", { level: 1, name: "Marketplace" }).waitFor();
    await expectAccessible(page, "marketplace");

    await page
      .getByRole("link", { name: /propose/i })
      .first()
      .click();
    await page.waitForURL("**/propose");
    await page.getByLabel("Title", { exact: true }).waitFor();
    await expectAccessible(page, "propose form");

    await page.getByLabel("Title", { exact: true }).fill(TITLE);

    // Publishing with what it needs missing stays on the form, marks each field and lists them on top.
    await page.getByRole("button", { name: "Save and publish" }).click();
    const problems = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await problems.waitFor();
    expect(await problems.evaluate((el) => el === document.activeElement), "the summary takes focus").toBe(true);
    expect(new URL(page.url()).pathname).toBe("/propose");
    const needed = ["Summary", "Problem", "KPI 1 name", "Constraints", "Time horizon (weeks)", "Funding ask"];
    for (const label of needed) {
      const field = page.getByLabel(label, { exact: true });
      expect(await field.getAttribute("aria-invalid"), `${label} is marked`).toBe("true");
      await problems.getByRole("link", { name: new RegExp(`^${label.replace(/[()]/g, "\\$&")}: `) }).waitFor();
    }
    expect(await problems.getByRole("link").count()).toBe(needed.length);
    await page.locator("p.field-error", { hasText: "Describe the problem: it is needed to publish." }).waitFor();
    await problems.getByRole("link", { name: /^Problem: / }).click();
    expect(await page.getByLabel("Problem", { exact: true }).evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
    await expectAccessible(page, "propose form with missing fields");

    // A field's message goes as soon as it is filled in; the others stay until theirs are.
    await page.getByLabel("Summary", { exact: true }).fill("Flaky tests cost every engineer twenty minutes a day.");
    await expect.poll(() => page.getByLabel("Summary", { exact: true }).getAttribute("aria-invalid")).toBeNull();
    await problems.getByRole("link", { name: /^Summary: / }).waitFor({ state: "detached" });
    expect(await page.getByLabel("Problem", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Problem", { exact: true }).fill("Reruns hide **real** failures and slow every merge.");
    await page.getByLabel("Why it matters", { exact: true }).fill("Faster merges for 400 engineers.");
    await page.getByLabel("KPI 1 name").fill("Flaky reruns per week");
    await page.getByLabel("KPI 1 unit").fill("reruns");
    await page.getByLabel("KPI 1 direction").selectOption("down");
    await page.getByLabel("KPI 1 baseline").fill("1200");
    await page.getByLabel("KPI 1 target").fill("600");
    await page.getByRole("button", { name: "Add KPI" }).click();
    await page.getByLabel("KPI 2 name").fill("Median merge time");
    await page.getByLabel("KPI 2 unit").fill("minutes");
    await page.getByLabel("KPI 2 direction").selectOption("down");
    await page.getByLabel("KPI 2 baseline").fill("48");
    await page.getByLabel("KPI 2 target").fill("30");
    await page.getByLabel("Constraints", { exact: true }).fill("No test may be deleted without its owner's consent.");
    await page.getByLabel("Out of scope", { exact: true }).fill("Rewriting the build system.");
    await page.getByLabel("Assistance needed", { exact: true }).fill("A data analyst to mine the CI history.");
    await page.getByLabel("Time horizon (weeks)").fill("8");
    await page.getByLabel("Funding ask", { exact: true }).fill("12000.50");
    await expect.poll(() => page.getByLabel("Funding ask", { exact: true }).getAttribute("aria-invalid")).toBeNull();
    await problems.waitFor({ state: "detached" });
    await page.getByLabel("Funding breakdown", { exact: true }).fill("CI minutes 10000.00, tooling 2000.50");
    await page.getByLabel("Tags", { exact: true }).fill("testing, developer-experience");

    await page.getByLabel("Role 1 discipline").selectOption("engineering");
    await page.getByLabel("Role 1 count").fill("1");
    await page.getByLabel("Role 1 skills").fill("ci, typescript");
    await page.getByLabel("Role 1 commitment %").fill("30");
    await page.getByLabel("Role 1 required").check();
    await page.getByRole("button", { name: "Add role slot" }).click();
    await page.getByLabel("Role 2 discipline").selectOption("data");
    await page.getByLabel("Role 2 count").fill("1");
    await page.getByLabel("Role 2 skills").fill("sql");
    await page.getByLabel("Role 2 commitment %").fill("20");

    await page.getByRole("button", { name: "Save and publish" }).click();
    await page.waitForURL(/\/challenges\/[A-Za-z0-9_-]+$/);
    challengeId = page.url().split("/").pop() ?? "";
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();

    const saved = await (await page.request.get(`/api/challenges/${challengeId}`)).json();
    expect(saved).toMatchObject({
      title: TITLE,
      stage: "open",
      fundingAsk: 1_200_050,
      horizonWeeks: 8,
    });
    expect([...saved.tags].sort()).toEqual(["developer-experience", "testing"]);
    expect(saved.kpis).toHaveLength(2);
    expect(saved.kpis[1]).toMatchObject({ name: "Median merge time", direction: "down", baseline: 48, target: 30 });
    expect(saved.slots.map((s: { discipline: string }) => s.discipline)).toEqual(["engineering", "data"]);
    expect(saved.slots[0]).toMatchObject({ required: true, commitmentPercent: 30, skills: ["ci", "typescript"] });
    await expectAccessible(page, "challenge page (lead)");
    await context.close();
  });

  it("designer@example.com finds it by a word of its title, backs it and comments", async () => {
    expect(challengeId).not.toBe("");
    const { context, page } = await signInAs(browser, "designer@example.com");
    await page.getByLabel("Search challenges").fill(WORD.toLowerCase());
    await page.getByLabel("Search challenges").press("Enter");
    const result = page.getByRole("link", { name: TITLE });
    await result.waitFor();
    await expectAccessible(page, "marketplace search results");
    await result.click();
    await page.waitForURL(`**/challenges/${challengeId}`);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();

    await page.getByRole("button", { name: "Back this challenge" }).click();
    await page.getByRole("button", { name: "Stop backing" }).waitFor();

    const comment = "Happy to pair on the flaky-test dashboard design.";
    await page.getByLabel("Add a comment").fill(comment);
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.getByText(comment).first().waitFor();
    await expectAccessible(page, "challenge page (backer)");

    const after = await (await page.request.get(`/api/challenges/${challengeId}`)).json();
    expect(after).toMatchObject({ backerCount: 1, backedByMe: true, commentCount: 1 });
    const activity = await (await page.request.get(`/api/challenges/${challengeId}/activity`)).json();
    expect(activity.items.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(["created", "published", "backed", "commented"]),
    );
    await context.close();
  });

  it("the pages work at 375 px wide without horizontal scrolling", async () => {
    const { context, page } = await signInAs(browser, "designer@example.com");
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of ["/", `/challenges/${challengeId}`, "/propose", "/people"]) {
      await page.goto(path);
      await page.locator("h1").first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});

describe("sign-in", () => {
  it("lists the demo people and lets every well-known account in", async () => {
    const context = await browser.newContext({ baseURL: baseURL() });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expectAccessible(page, "sign-in page");
    for (const email of WELL_KNOWN) {
      await expect(
        page.getByRole("button", { name: new RegExp(email.replace(".", "\\.")) }).count(),
      ).resolves.toBeGreaterThan(0);
      const res = await page.request.post("/api/dev/sign-in", { data: { email } });
      expect(res.status(), email).toBe(200);
    }
    await context.close();
  });
});

const WELL_KNOWN = [
  "admin@example.com",
  "sponsor@example.com",
  "sponsor2@example.com",
  "reviewer@example.com",
  "ic@example.com",
  "designer@example.com",
  "analyst@example.com",
  "manager@example.com",
];
