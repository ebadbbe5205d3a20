import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, openChallengeTitled, signInAs, signInWithEmail } from "./browser";

/** Two open demo challenges no other journey touches, each with its own lead (db/seed/challenge-catalogue.ts). */
const SOURCE = "Interview kits that predict on-the-job success";
const TARGET = "Enablement that sticks: new sellers productive in 60 days";

let browser: Browser;
const ids = { source: "", target: "" };
const leads = { source: "", target: "" };
let backersBefore = { source: 0, target: 0 };

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("journey: two leads merge their challenges, and both pages say so", () => {
  it("finds the two challenges and their leads", async () => {
    const { context, page } = await signInAs(browser, "reviewer@example.com");
    ids.source = await openChallengeTitled(page, "interview kits", SOURCE);
    ids.target = await openChallengeTitled(page, "enablement sellers", TARGET);
    for (const key of ["source", "target"] as const) {
      const ch = await (await page.request.get(`/api/challenges/${ids[key]}`)).json();
      expect(ch.stage).toBe("open");
      backersBefore = { ...backersBefore, [key]: ch.backerCount };
      leads[key] = (await (await page.request.get(`/api/people/${ch.lead.id}`)).json()).email;
    }
    expect(leads.source).not.toBe(leads.target);
    await context.close();
  });

  it("the source's lead proposes merging into the target", async () => {
    const { context, page } = await signInWithEmail(browser, leads.source);
    await page.goto(`/challenges/${ids.source}`);
    await page.getByText("Propose a merge").click();
    await page.getByLabel("Merge into").fill("enablement sellers");
    await page.getByRole("radio", { name: new RegExp(TARGET.slice(0, 30)) }).check();
    await page.getByLabel("Note to the other lead (optional)").fill("Both are about getting new people productive.");
    await page.getByRole("button", { name: "Propose merge" }).click();
    await page.getByText("its lead is asked to consent").waitFor();
    await expectAccessible(page, "challenge page with a proposed merge (source lead)");
    await context.close();
  });

  it("the target's lead accepts; backers move and both pages show the merge", async () => {
    const { context, page } = await signInWithEmail(browser, leads.target);
    await page.goto(`/challenges/${ids.target}`);
    await page.getByRole("button", { name: `Accept merge of ${SOURCE}` }).click();
    await page.locator("p", { hasText: "Merged in:" }).getByRole("link", { name: SOURCE }).waitFor();
    await expectAccessible(page, "challenge page after a merge (target lead)");

    const [source, target] = await Promise.all(
      [ids.source, ids.target].map(async (id) => (await page.request.get(`/api/challenges/${id}`)).json()),
    );
    expect(source).toMatchObject({ stage: "withdrawn", mergedIntoId: ids.target });
    expect(target.mergedFrom.map((m: { id: string }) => m.id)).toEqual([ids.source]);
    // Backers move (someone backing both counts once).
    expect(target.backerCount).toBeGreaterThanOrEqual(backersBefore.target);
    expect(target.backerCount).toBeLessThanOrEqual(backersBefore.target + backersBefore.source);

    await page.goto(`/challenges/${ids.source}`);
    await page.locator("p", { hasText: "Merged into" }).getByRole("link", { name: TARGET }).waitFor();
    await context.close();
  });
});
