import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, openChallengeTitled, signInAs } from "./browser";

const FIRST = `Could we start with the nightly jobs, @analyst? (${Date.now().toString(36)})`;
/** The demo's analyst@example.com (db/seed/people.ts). */
const ANALYST = "Amara Nwosu";
const EDITED = `${FIRST} Edited: the weekly ones first.`;

let browser: Browser;
let challengeId = "";
let commentId = "";

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("journey: an author edits and removes their comment; the person they mention is told", () => {
  it("the designer comments on an open demo challenge, mentioning the analyst, who shows as a highlighted name", async () => {
    const { context, page } = await signInAs(browser, "designer@example.com");
    const list = await (await page.request.get("/api/challenges?stage=open&limit=5")).json();
    challengeId = list.items[0].id;
    await page.goto(`/challenges/${challengeId}`);
    await page.getByLabel("Add a comment").fill(FIRST);
    await page.getByRole("button", { name: "Post comment" }).click();

    const { items } = await (await page.request.get(`/api/challenges/${challengeId}/comments?limit=100`)).json();
    const mine = items.find((c: { body: string | null }) => c.body === FIRST);
    expect(mine, "the comment was posted").toBeDefined();
    commentId = mine.id;
    const item = page.locator(`#comment-${commentId}`);
    await item.waitFor();
    const mention = item.locator("a.mention");
    await mention.waitFor();
    expect(await mention.textContent()).toBe(`@${ANALYST}`);
    await expectAccessible(page, "challenge page with my comment and its mention");
    await context.close();
  });

  it("the author edits it in place (Save), and it shows as edited", async () => {
    const { context, page } = await signInAs(browser, "designer@example.com");
    await page.goto(`/challenges/${challengeId}`);
    const item = page.locator(`#comment-${commentId}`);
    await item.waitFor();
    // The controls name what they act on, their visible word first.
    await item.getByRole("button", { name: /^Edit your comment of / }).click();
    const box = item.getByLabel("Edit your comment");
    await box.waitFor();
    await expectAccessible(page, "challenge page editing my comment");

    // Cancel keeps the text as it was.
    await box.fill("Something else");
    await item.getByRole("button", { name: "Cancel" }).click();
    await item.getByText("Could we start with the nightly jobs").waitFor();
    expect(await item.getByText("Something else").count()).toBe(0);

    await item.getByRole("button", { name: /^Edit your comment of / }).click();
    await item.getByLabel("Edit your comment").fill(EDITED);
    await item.getByRole("button", { name: "Save" }).click();
    await item.getByText("Edited: the weekly ones first.").waitFor();
    await item
      .getByText(/edited/)
      .first()
      .waitFor();
    expect(await item.getByLabel("Edit your comment").count(), "the form closes once saved").toBe(0);
    await expectAccessible(page, "challenge page after editing my comment");
    await context.close();
  });

  it("the author removes it after confirming, and a tombstone stays in its place", async () => {
    const { context, page } = await signInAs(browser, "designer@example.com");
    await page.goto(`/challenges/${challengeId}`);
    const item = page.locator(`#comment-${commentId}`);
    await item.waitFor();
    await item.getByRole("button", { name: /^Remove your comment of / }).click();
    await item.getByText(/Remove your comment\? Everyone will see that you removed it/).waitFor();
    await expectAccessible(page, "challenge page confirming a removal");
    // "Keep it" changes nothing.
    await item.getByRole("button", { name: "Keep it" }).click();
    await item.getByText("Edited: the weekly ones first.").waitFor();

    await item.getByRole("button", { name: /^Remove your comment of / }).click();
    await item.getByRole("button", { name: "Remove comment" }).click();
    await item.getByText(/Comment removed by its author on/).waitFor();
    expect(await item.getByText("Edited: the weekly ones first.").count()).toBe(0);
    expect(await item.getByRole("button", { name: /^Edit/ }).count()).toBe(0);
    await expectAccessible(page, "challenge page with my removed comment's tombstone");
    await context.close();

    // Another reader sees the tombstone too, never the words.
    const other = await signInAs(browser, "ic@example.com");
    await other.page.goto(`/challenges/${challengeId}`);
    const seen = other.page.locator(`#comment-${commentId}`);
    await seen.getByText(/Comment removed by its author on/).waitFor();
    expect(await seen.getByText("nightly jobs").count()).toBe(0);
    await other.context.close();
  });

  it("the analyst was told once, in the inbox, with a link to the comment", async () => {
    const { context, page } = await signInAs(browser, "analyst@example.com");
    await page.goto("/inbox");
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await page
      .getByText(/mentioned you in a comment on/)
      .first()
      .waitFor();
    const inbox = await (await page.request.get("/api/inbox?limit=50")).json();
    const told = inbox.items.filter(
      (n: { kind: string; link: string }) => n.kind === "mentioned" && n.link.endsWith(`#comment-${commentId}`),
    );
    expect(told).toHaveLength(1);
    await expectAccessible(page, "inbox with a mention (analyst)");
    await context.close();
  });

  it("a teammate edits and removes their progress update; its tombstone stays in the feed", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    const id = await openChallengeTitled(
      page,
      "support questions ticket",
      "Answer support questions before the ticket is filed",
    );
    const words = `Deflection pilot live for the billing queue (${Date.now().toString(36)}).`;
    await page.getByRole("button", { name: "Post an update" }).click();
    await page.getByLabel("Update", { exact: true }).fill(words);
    await page.getByRole("button", { name: "Post update" }).click();
    await page.getByText(words).first().waitFor();
    const { items } = await (await page.request.get(`/api/challenges/${id}/updates?limit=20`)).json();
    const posted = items.find((u: { body: string | null }) => u.body === words);
    expect(posted, "the update was posted").toBeDefined();
    const entry = page.locator(`#update-${posted.id}`);

    await entry.getByRole("button", { name: /^Edit your update of / }).click();
    await entry.getByLabel("Edit your update").fill(`${words} Now for refunds too.`);
    await expectAccessible(page, "challenge page editing my update");
    await entry.getByRole("button", { name: "Save" }).click();
    await entry.getByText("Now for refunds too.").waitFor();
    await entry
      .getByText(/edited/)
      .first()
      .waitFor();

    await entry.getByRole("button", { name: /^Remove your update of / }).click();
    await entry.getByText(/Its KPI check-ins still count/).waitFor();
    await entry.getByRole("button", { name: "Remove update" }).click();
    await entry.getByText(/Update removed by its author on/).waitFor();
    expect(await entry.getByText("Now for refunds too.").count()).toBe(0);
    await expectAccessible(page, "challenge page with my removed update's tombstone");
    await context.close();
  });
});
