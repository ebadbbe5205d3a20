import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, signInAs, signInWithEmail } from "./browser";

// Progression plans (issue 14, SPEC §16): a person drafts a plan, their manager checks in and
// acknowledges it, the person attaches evidence, and the printed impact packet shows it.
// designer@ has no demo plan (db/seed/growth-plans.ts), so the journey starts from nothing.

const PERSON = "designer@example.com";
const GOAL = "Move a KPI with research-led design";

let browser: Browser;
let personId = "";
let managerEmail = "";

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("journey: a progression plan both sides own", () => {
  it("the person drafts a plan with two goals", async () => {
    const { context, page } = await signInAs(browser, PERSON);
    const me = await (await page.request.get("/api/me")).json();
    personId = me.id;
    const profile = await (await page.request.get(`/api/people/${personId}`)).json();
    const people = await (await page.request.get("/api/dev/people")).json();
    managerEmail = people.items.find((p: { id: string }) => p.id === profile.manager?.id)?.email ?? "";
    expect(managerEmail).not.toBe("");

    await page.goto(`/people/${personId}`);
    await page.getByRole("link", { name: "Progression plan" }).click();
    await page.getByRole("heading", { name: "Your progression plan", level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe(`Progression plan: ${me.name} · Crux`);
    const existing = await (await page.request.get(`/api/people/${personId}/plan`)).json();
    await page.getByRole("button", { name: existing.plan ? "Edit the plan" : "Write the plan" }).click();
    await page.getByRole("heading", { name: /Write the plan|Edit the plan/ }).waitFor();
    await page.getByLabel("Goal 1 Title").fill(GOAL);
    await page.getByLabel("Goal 1 Dimension").selectOption("impact_levers");
    await page.getByLabel("Goal 1 What would show it").fill("Confirmed design credit on a challenge whose KPI moved");
    await page.getByLabel("Goal 2 Title").fill("Frame a challenge of my own");
    await page.getByLabel("Goal 2 Dimension").selectOption("scope");
    await expectAccessible(page, "plan form");
    await page.getByRole("button", { name: "Save the plan" }).click();
    await page.getByRole("heading", { name: GOAL }).waitFor();
    await page.getByText(/You acknowledged version \d+ on .*; waiting for /).waitFor();
    await expectAccessible(page, "plan page (person, waiting for the manager)");
    await context.close();
  });

  it("their manager adds a check-in and acknowledges the plan", async () => {
    const { context, page } = await signInWithEmail(browser, managerEmail);
    await page.goto(`/people/${personId}/plan`);
    await page.getByRole("heading", { name: /^Progression plan: /, level: 1 }).waitFor();
    await page.getByLabel("New check-in").fill("Good first draft; let us review the KPI goal next month.");
    await page.getByRole("button", { name: "Add check-in" }).click();
    await page.getByText("Good first draft; let us review the KPI goal next month.").waitFor();
    await page.getByRole("button", { name: /^Acknowledge version \d+$/ }).click();
    await page.getByText(/Version \d+ is acknowledged by /).waitFor();
    await expectAccessible(page, "plan page (manager, agreed)");
    await context.close();
  });

  it("the person attaches evidence, and the printed packet shows it", async () => {
    const { context, page } = await signInAs(browser, PERSON);
    await page.goto(`/people/${personId}/plan`);
    await page.getByRole("heading", { name: GOAL }).waitFor();
    const goal = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: GOAL }) });
    await goal.getByText(/^Suggested evidence/).click();
    const attach = goal.getByRole("button", { name: /^Attach / }).first();
    await attach.waitFor();
    const attached = (await goal.locator(".plan-evidence li").count()) > 0;
    await attach.click();
    await goal
      .getByRole("button", { name: /^Remove / })
      .first()
      .waitFor();
    expect(attached || (await goal.getByRole("button", { name: /^Remove / }).count()) > 0).toBe(true);
    await expectAccessible(page, "plan page (person, evidence attached)");

    const plan = await (await page.request.get(`/api/people/${personId}/plan`)).json();
    const evidence = plan.plan.goals.find((g: { title: string }) => g.title === GOAL).evidence[0];
    await page.goto(`/people/${personId}/impact-packet`);
    const section = page.getByRole("region", { name: "Plan and evidence" });
    await section.getByRole("heading", { name: new RegExp(GOAL) }).waitFor();
    await section.getByText(evidence.body, { exact: false }).first().waitFor();
    await page.emulateMedia({ media: "print" });
    expect(await section.isVisible()).toBe(true);
    await expectAccessible(page, "impact packet with Plan and evidence");
    await context.close();
  });
});
