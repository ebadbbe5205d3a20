import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, openChallengeTitled, signInAs } from "./browser";

/** The demo's active challenge with both ic@ and designer@ on its team (db/seed/credit.ts). */
const TITLE = "Answer support questions before the ticket is filed";
const CREDIT = "Designed the in-product answer panel and its empty states";
const UPDATE = "Shipped the answer panel to 10% of users; deflection is climbing.";

let browser: Browser;
let challengeId = "";
let designerId = "";

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openChallenge(page: Page) {
  challengeId = await openChallengeTitled(page, "support questions ticket", TITLE);
}

describe("journey: progress without meetings and credit that counts once confirmed", () => {
  it("ic@example.com posts an update with a KPI check-in and records credit for designer@example.com", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    await openChallenge(page);
    await page.getByRole("heading", { name: "Progress" }).waitFor();

    await page.getByRole("button", { name: "Post an update" }).click();
    await page.getByLabel("Update", { exact: true }).fill(UPDATE);
    await page.getByRole("button", { name: "Add a KPI check-in" }).click();
    const checkin = page.getByRole("group", { name: "Check-in 1" });
    await checkin.getByLabel("Check-in KPI").selectOption({ index: 1 });
    await checkin.getByLabel("Value").fill("23.5");
    await checkin.getByLabel("Measured on").fill(new Date().toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Post update" }).click();
    await page.getByText(UPDATE).first().waitFor();
    const updates = await (await page.request.get(`/api/challenges/${challengeId}/updates?limit=1`)).json();
    expect(updates.items[0]).toMatchObject({ body: UPDATE });
    expect(updates.items[0].checkins[0]).toMatchObject({ value: 23.5 });

    const team = await (await page.request.get(`/api/challenges/${challengeId}/team`)).json();
    const designer = team.members.find((m: { discipline: string | null }) => m.discipline === "design");
    designerId = designer.person.id;
    await page.getByRole("button", { name: "Record credit" }).click();
    await page.getByLabel("Who").selectOption(designerId);
    await page.getByLabel("Contribution type").selectOption("design");
    await page.getByLabel("What was done").fill(CREDIT);
    await page.getByLabel("Hours (optional)").fill("14");
    await page.getByRole("button", { name: "Record credit" }).click();
    await page.getByText(CREDIT).first().waitFor();
    await expectAccessible(page, "challenge page with progress and credit (team member)");
    await context.close();
  });

  it("designer@example.com confirms it and sees it on their profile", async () => {
    const { context, page } = await signInAs(browser, "designer@example.com");
    const me = await (await page.request.get("/api/me")).json();
    expect(me.id).toBe(designerId);
    const before = await (await page.request.get(`/api/people/${me.id}/portfolio`)).json();
    await openChallenge(page);
    await page.getByRole("button", { name: `Confirm credit: ${CREDIT}` }).click();
    await page.getByRole("button", { name: `Confirm credit: ${CREDIT}` }).waitFor({ state: "detached" });
    const after = await (await page.request.get(`/api/people/${me.id}/portfolio`)).json();
    expect(after.totals.confirmed).toBe(before.totals.confirmed + 1);

    await page.goto(`/people/${me.id}`);
    await page.getByRole("heading", { name: "Impact portfolio" }).waitFor();
    await page.getByText(CREDIT).first().waitFor();
    await expectAccessible(page, "profile with impact portfolio");
    await context.close();
  });

  it("ic@example.com endorses it", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    await openChallenge(page);
    await page.getByRole("button", { name: `Endorse: ${CREDIT}` }).click();
    await page.getByLabel("Endorsement note").fill("The empty states made the panel trustworthy from day one.");
    await page.getByRole("button", { name: "Endorse", exact: true }).click();
    await page.getByText("The empty states made the panel trustworthy from day one.").first().waitFor();
    await context.close();
  });

  it("the designer downloads their impact packet, which holds the confirmed credit and its endorsement", async () => {
    const { context, page } = await signInAs(browser, "designer@example.com");
    await page.goto(`/people/${designerId}`);
    await page.getByRole("heading", { name: "Impact portfolio" }).waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download impact packet" }).click();
    const file = await download;
    const path = await file.path();
    const { readFileSync } = await import("node:fs");
    const markdown = readFileSync(path, "utf8");
    expect(markdown).toContain("# Impact packet:");
    expect(markdown).toContain(CREDIT);
    expect(markdown).toContain("The empty states made the panel trustworthy from day one.");

    await page.getByRole("link", { name: "Print impact packet" }).click();
    await page.getByRole("heading", { level: 1, name: /Impact packet: / }).waitFor();
    await expectAccessible(page, "printable impact packet");
    await context.close();
  });
});
