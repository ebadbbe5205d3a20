import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, signInAs } from "./browser";

/**
 * My work (SPEC §9): admin@ leads a new challenge (so no other journey's inbox or team moves),
 * sponsor2@ applies to it, and the application waits on admin@'s My work until decided there.
 */
const TITLE = `Retire the legacy export queue ${Date.now().toString(36)}`;
const LEAD = "admin@example.com";
const APPLICANT = "sponsor2@example.com";

let browser: Browser;
let challengeId = "";
let applicantName = "";

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function json(page: Page, method: "get" | "post", path: string, data?: unknown) {
  const res = await page.request[method](path, data === undefined ? {} : { data });
  expect(res.ok(), `${method.toUpperCase()} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json();
}

describe("journey: My work shows an application waiting, decided right there", () => {
  it(`${LEAD} publishes a challenge with a role for ${APPLICANT}'s discipline, who applies`, async () => {
    const applicant = await signInAs(browser, APPLICANT);
    const me = await json(applicant.page, "get", "/api/me");
    applicantName = me.name;

    const lead = await signInAs(browser, LEAD);
    const created = await json(lead.page, "post", "/api/challenges", {
      title: TITLE,
      summary: "The nightly export queue is the last user of the old message bus.",
      problem: "Three teams still read from it, and nobody owns it.",
      whyItMatters: "Retiring it removes our last unsupported broker.",
      kpis: [{ name: "Consumers on the old queue", unit: "teams", direction: "down", baseline: 3, target: 0 }],
      boundaries: { constraints: "No downtime for exports.", outOfScope: "The new bus itself." },
      assistanceNeeded: "Someone who knows the export consumers.",
      horizonWeeks: 6,
      fundingAsk: 500000,
      fundingBreakdown: "Contractor review 5000.00",
      tags: ["platform"],
      slots: [{ discipline: me.disciplineId, count: 1, skills: [], commitmentPercent: 20, required: false }],
    });
    challengeId = created.id;
    await json(lead.page, "post", `/api/challenges/${challengeId}/transitions`, { action: "publish" });
    const challenge = await json(lead.page, "get", `/api/challenges/${challengeId}`);
    await lead.context.close();

    await json(applicant.page, "post", `/api/challenges/${challengeId}/slots/${challenge.slots[0].id}/applications`, {
      pitch: "I moved two of the three export consumers last year and know the third.",
    });
    // The applicant's My work shows where their application stands.
    await applicant.page.goto("/my-work");
    await applicant.page.getByRole("heading", { level: 1, name: "My work" }).waitFor();
    const mine = applicant.page.getByRole("region", { name: "Your applications" });
    await mine.getByRole("link", { name: TITLE }).waitFor();
    expect(await mine.getByText("Waiting for the lead").count()).toBeGreaterThan(0);
    await expectAccessible(applicant.page, "My work of an applicant");
    await applicant.context.close();
  });

  it(`${LEAD} opens My work from the header and sees the application waiting on them`, async () => {
    const { context, page } = await signInAs(browser, LEAD);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My work" }).click();
    await page.waitForURL("**/my-work");
    await page.getByRole("heading", { level: 1, name: "My work" }).waitFor();
    await expect.poll(() => page.title()).toContain("My work");

    const waiting = page.getByRole("region", { name: /^Applications to decide/ });
    const link = waiting.getByRole("link", { name: new RegExp(`${applicantName} applied .*${TITLE}`) });
    await link.waitFor();
    expect(await link.getAttribute("href")).toMatch(new RegExp(`^/challenges/${challengeId}#application-`));
    const team = page.getByRole("region", { name: "Your teams" });
    await team.getByRole("link", { name: "1 applicant waiting" }).first().waitFor();
    await expectAccessible(page, "My work with an application waiting (lead)");

    // Decided right there: it leaves the list, and the page says so.
    await waiting.getByRole("button", { name: `Accept ${applicantName}'s application to ${TITLE}` }).click();
    await page.getByText("Done: it no longer waits on you.").waitFor();
    expect(await page.getByRole("region", { name: /^Applications to decide/ }).count()).toBe(0);

    // Read again, it holds: nothing of this challenge waits, and the applicant is on the team.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "My work" }).waitFor();
    await page.getByRole("region", { name: "Your teams" }).getByRole("link", { name: TITLE }).waitFor();
    const work = await json(page, "get", "/api/my-work");
    expect(
      work.waiting.applications.items.some((a: { challenge: { id: string } }) => a.challenge.id === challengeId),
    ).toBe(false);
    await context.close();
  });

  it("reviewer@example.com sees the showcases waiting for their review", async () => {
    const { context, page } = await signInAs(browser, "reviewer@example.com");
    await page.goto("/my-work");
    await page.getByRole("heading", { level: 1, name: "My work" }).waitFor();
    const toReview = page.getByRole("region", { name: "Showcases to review" });
    await toReview.waitFor();
    const work = await json(page, "get", "/api/my-work");
    if (work.toReview.items.length > 0)
      await toReview.getByRole("link", { name: work.toReview.items[0].title }).waitFor();
    else await toReview.getByText("No showcase waits for your review.").waitFor();
    await expectAccessible(page, "My work of a reviewer");
    await page.setViewportSize({ width: 375, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "no horizontal scrolling at 375 px").toBeLessThanOrEqual(0);
    await context.close();
  });
});
