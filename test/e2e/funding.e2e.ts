import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, openChallengeTitled, signInAs } from "./browser";

/** The demo's open challenge led by ic@example.com that no sponsor has pledged to (db/seed/funding.ts). */
const TITLE = "Self-serve preview environments for every pull request";
const SPEND = "Preview cluster nodes for the first two weeks";

let browser: Browser;
let challengeId = "";

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openChallenge(page: Page) {
  challengeId = await openChallengeTitled(page, "preview environments", TITLE);
}

/** The pledge dialog's note when the amount typed meets the ask. */
const COMPLETES = "This pledge completes the ask: the challenge becomes funded and pledges lock.";

async function pledge(page: Page, amount: string, completes = false) {
  await page.getByRole("button", { name: "Pledge funding" }).click();
  const dialog = page.getByRole("dialog", { name: "Pledge funding" });
  await dialog.waitFor();
  await expectAccessible(page, "pledge dialog");
  await dialog.getByLabel("Budget").selectOption({ index: 0 });
  await dialog.getByLabel("Amount").fill(amount);
  if (completes) {
    await dialog.getByText(COMPLETES).waitFor();
    await expectAccessible(page, "pledge dialog completing the ask");
  } else expect(await dialog.getByText(COMPLETES).count(), "a part of the ask does not complete it").toBe(0);
  await dialog.getByRole("button", { name: "Pledge", exact: true }).click();
  await dialog.waitFor({ state: "hidden" });
}

describe("journey: two sponsors fund a challenge; the lead reports spend; a sponsor approves it", () => {
  it("sponsor@example.com pledges part of the ask from their budget", async () => {
    const { context, page } = await signInAs(browser, "sponsor@example.com");
    await openChallenge(page);
    const before = await (await page.request.get("/api/budgets")).json();
    await pledge(page, "9,000");
    await page
      .getByText(/Pledged \$9,000\.00/)
      .first()
      .waitFor();
    const challenge = await (await page.request.get(`/api/challenges/${challengeId}`)).json();
    expect(challenge).toMatchObject({ stage: "open", funding: { pledged: 900_000 } });
    const after = await (await page.request.get("/api/budgets")).json();
    const used = after.items.find((b: { remaining: number; id: string }) =>
      before.items.some(
        (o: { id: string; remaining: number }) => o.id === b.id && o.remaining - b.remaining === 900_000,
      ),
    );
    expect(used, "one budget went down by exactly the pledge").toBeDefined();

    await page.goto("/budgets");
    await page.getByRole("heading", { level: 1, name: "Budgets" }).waitFor();
    // A sponsor's ledger is open at the page's width, and its pledge links to the challenge.
    const entry = page.getByRole("table", { name: /^Ledger of / }).getByRole("link", { name: TITLE });
    await entry.first().waitFor();
    expect(await entry.first().getAttribute("href")).toBe(`/challenges/${challengeId}`);
    await expectAccessible(page, "budgets page");
    await context.close();
  });

  it("sponsor2@example.com pledges the rest and the challenge becomes funded", async () => {
    const { context, page } = await signInAs(browser, "sponsor2@example.com");
    await openChallenge(page);
    await pledge(page, "9000.00", true);
    await page
      .getByText(/now funded/i)
      .first()
      .waitFor();
    const challenge = await (await page.request.get(`/api/challenges/${challengeId}`)).json();
    expect(challenge).toMatchObject({
      stage: "funded",
      funding: { pledged: 1_800_000, sponsorCount: 2, stillNeeded: 0 },
    });
    const funding = page.getByRole("region", { name: "Funding", exact: true });
    await funding.getByText("Fully funded").waitFor();
    expect(await funding.getByText("Still needed").count(), "a funded challenge needs nothing more").toBe(0);
    await context.close();
  });

  it("the lead sees it funded with its ledger, and reports spend", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    await openChallenge(page);
    await page.getByRole("heading", { name: "Ledger" }).waitFor();
    await expectAccessible(page, "challenge page with ledger (lead)");
    const ledger = await (await page.request.get(`/api/challenges/${challengeId}/ledger`)).json();
    expect(ledger.funding).toMatchObject({ ask: 1_800_000, pledged: 1_800_000, stillNeeded: 0 });
    expect(ledger.entries.map((e: { type: string }) => e.type)).toEqual(["pledge", "pledge"]);

    await page.getByRole("button", { name: "Report spend", exact: true }).click();
    await page.getByLabel("Spend amount").fill("1250.50");
    await page.getByLabel("Description").fill(SPEND);
    await page.getByLabel("Spent on").fill(new Date().toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Report spend", exact: true }).click();
    await page.getByText(SPEND).first().waitFor();
    const reported = await (await page.request.get(`/api/challenges/${challengeId}/ledger`)).json();
    expect(reported.spendReports[0]).toMatchObject({ amount: 125_050, status: "pending", description: SPEND });
    await context.close();
  });

  it("sponsor@example.com approves the spend, and the ledger says who approved what", async () => {
    const { context, page } = await signInAs(browser, "sponsor@example.com");
    await openChallenge(page);
    await page.getByRole("button", { name: `Approve spend: ${SPEND}` }).click();
    await page.getByRole("button", { name: `Approve spend: ${SPEND}` }).waitFor({ state: "detached" });
    await expectAccessible(page, "challenge page (sponsor, after approval)");
    const ledger = await (await page.request.get(`/api/challenges/${challengeId}/ledger`)).json();
    const me = await (await page.request.get("/api/me")).json();
    expect(ledger.spendReports[0]).toMatchObject({ status: "approved", decidedBy: { id: me.id } });
    expect(ledger.entries.find((e: { type: string }) => e.type === "spend")).toMatchObject({
      amount: 125_050,
      approvedBy: { id: me.id },
    });
    expect(ledger.funding).toMatchObject({ spent: 125_050, unspent: 1_800_000 - 125_050 });
    await context.close();
  });
});

describe("journey: a decided challenge's funding tells one truth", () => {
  /** Demo challenges closed by a decision (db/seed/challenge-catalogue.ts): one stopped, one scaled. */
  const DECIDED = [
    { title: "Trim our SaaS sprawl: 180 tools to 120", search: "SaaS sprawl", decision: "stop" },
    { title: "Privacy requests answered in 72 hours, automatically", search: "privacy requests", decision: "scale" },
  ];

  for (const d of DECIDED) {
    it(`after a ${d.decision} decision: fully funded, what came back, no "Still needed", no backing`, async () => {
      const { context, page } = await signInAs(browser, "designer@example.com");
      const id = await openChallengeTitled(page, d.search, d.title);
      const ch = await (await page.request.get(`/api/challenges/${id}`)).json();
      expect(ch).toMatchObject({ stage: "reviewed", funding: { stillNeeded: 0 }, viewer: { canBack: false } });
      expect(ch.funding.returned, "the unspent money went back").toBeGreaterThan(0);

      const funding = page.getByRole("region", { name: "Funding", exact: true });
      await funding.getByText("Fully funded").waitFor();
      await funding.getByText("Returned to sponsors").waitFor();
      expect(await funding.getByText("Still needed").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Back this challenge" }).count()).toBe(0);
      // Someone who backed it before the close may still stop; nobody new is offered to back it.
      if (ch.backedByMe) await page.getByRole("button", { name: "Stop backing" }).waitFor();
      else await page.getByText("it no longer takes backers").waitFor();
      await expectAccessible(page, `challenge page after a ${d.decision} decision`);
      await context.close();
    });
  }
});
