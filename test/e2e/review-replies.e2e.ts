import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, openChallengeTitled, signInAs, signInWithEmail } from "./browser";

/** A demo challenge decided "scale", with its reviewers' reviews (db/seed/review-catalogue.ts "green-ci"). */
const TITLE = "Green CI: make the main branch trustworthy again";
const SEARCH = "green CI main branch";
const REPLY = "Thank you: the flakiness scores now ship to every team, and we will report the quarantine numbers.";

let browser: Browser;
let challengeId = "";
let reviewId = "";
let reviewerName = "";
let reviewerEmail = "";
let leadEmail = "";

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("journey: the team answers a review, and its reviewer reads the reply", () => {
  it("finds the reviewed challenge, one of its reviews, its lead and that reviewer", async () => {
    const { context, page } = await signInAs(browser, "reviewer@example.com");
    challengeId = await openChallengeTitled(page, SEARCH, TITLE);
    const ch = await (await page.request.get(`/api/challenges/${challengeId}`)).json();
    expect(ch.stage).toBe("reviewed");
    const view = await (await page.request.get(`/api/challenges/${challengeId}/showcase`)).json();
    const review = view.reviews.find((r: { reviewer: { id: string } }) => r.reviewer.id !== ch.lead.id);
    expect(review, "a review of the demo challenge").toBeDefined();
    reviewId = review.id;
    reviewerName = review.reviewer.name;
    reviewerEmail = (await (await page.request.get(`/api/people/${review.reviewer.id}`)).json()).email;
    leadEmail = (await (await page.request.get(`/api/people/${ch.lead.id}`)).json()).email;
    expect(reviewerEmail).toMatch(/@/);
    expect(leadEmail).toMatch(/@/);
    await context.close();
  });

  it("the lead opens the reply form under the review and replies", async () => {
    const { context, page } = await signInWithEmail(browser, leadEmail);
    await page.goto(`/challenges/${challengeId}`);
    const review = page.locator(`#review-${reviewId}`);
    await review.waitFor();
    // Closed until asked for: the text box appears only after "Reply".
    expect(await review.getByLabel("Your reply").count()).toBe(0);
    await review.getByRole("button", { name: `Reply to the review by ${reviewerName}` }).click();
    const form = review.getByRole("form", { name: `Reply to the review by ${reviewerName}` });
    await form.getByLabel("Your reply").waitFor();
    await expectAccessible(page, "challenge page with a review's reply form (lead)");

    // An empty reply is caught beside the box, and nothing is sent.
    await form.getByRole("button", { name: "Post reply" }).click();
    await form.getByText("Write the reply first.").first().waitFor();

    await form.getByLabel("Your reply").fill(REPLY);
    await form.getByRole("button", { name: "Post reply" }).click();
    await page.getByText(/Your reply to the review by .* is posted/).waitFor();
    await review.getByText(REPLY).waitFor();
    expect(await review.getByLabel("Your reply").count(), "the form closes once posted").toBe(0);

    const view = await (await page.request.get(`/api/challenges/${challengeId}/showcase`)).json();
    const reply = view.reviews
      .find((r: { id: string }) => r.id === reviewId)
      .replies.find((p: { body: string }) => p.body === REPLY);
    expect(reply).toBeDefined();
    await page.locator(`#reply-${reply.id}`).getByText(REPLY).waitFor();
    await expectAccessible(page, "challenge page after a reply to a review (lead)");
    await context.close();
  });

  it("the reviewer sees the reply under their review, and is told in their inbox", async () => {
    const { context, page } = await signInWithEmail(browser, reviewerEmail);
    await page.goto(`/challenges/${challengeId}`);
    await page.locator(`#review-${reviewId}`).getByText(REPLY).waitFor();
    // The reviewer follows up in the same thread.
    await page
      .locator(`#review-${reviewId}`)
      .getByRole("button", { name: `Reply to the review by ${reviewerName}` })
      .waitFor();
    await expectAccessible(page, "challenge page with a reply to my review (reviewer)");

    await page.goto("/inbox");
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await page
      .getByText(/replied to a review of the showcase of/)
      .first()
      .waitFor();
    await page.getByText(REPLY.slice(0, 60)).first().waitFor();
    await expectAccessible(page, "inbox with a reply to my review (reviewer)");
    await context.close();
  });
});
