import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, openChallengeTitled, signInAs, signInWithEmail } from "./browser";

/** The demo's active first-cycle challenge with KPIs and no showcase yet (db/seed/review.ts). */
const TITLE = "Make on-call humane: halve out-of-hours pages";
const SEARCH = "humane on-call";
const SUMMARY = "We fixed or deleted the 40 noisiest alert rules; pages fell by almost half.";
const QUESTION = "Which teams still page most at night, and why?";
const ANSWER = "Payments and search: their alerts fire on retries. Both have a fix planned next cycle.";
const RATIONALE = "Halfway there with a clear plan for the rest: one more cycle.";
const COMMITMENT = "Lend one SRE from the platform team for the next cycle";

let browser: Browser;
let challengeId = "";
let leadEmail = "";
let reviewerName = "";
let iterateBefore = 0;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The count in the dashboard's "Decisions by outcome" table for Iterate. */
async function iterateCount(page: Page): Promise<number> {
  await page.goto("/dashboard");
  await page.getByRole("heading", { level: 1, name: "Leadership dashboard" }).waitFor();
  await page.getByRole("button", { name: "Show table: Decisions by outcome" }).click();
  const row = page.getByRole("table", { name: "Decisions by outcome" }).getByRole("row", { name: /^Iterate/ });
  await row.waitFor();
  return Number(((await row.getByRole("cell").first().textContent()) ?? "").replace(/[^0-9]/g, ""));
}

describe("journey: a showcase, a two-way review and a decision with a commitment", () => {
  it("reviewer@example.com finds the challenge's lead and notes the dashboard's decisions", async () => {
    const { context, page } = await signInAs(browser, "reviewer@example.com");
    challengeId = await openChallengeTitled(page, SEARCH, TITLE);
    const ch = await (await page.request.get(`/api/challenges/${challengeId}`)).json();
    expect(ch).toMatchObject({ stage: "active", cycle: 1 });
    leadEmail = (await (await page.request.get(`/api/people/${ch.lead.id}`)).json()).email;
    reviewerName = (await (await page.request.get("/api/me")).json()).name;
    expect(leadEmail).toMatch(/@/);
    iterateBefore = await iterateCount(page);
    await expectAccessible(page, "leadership dashboard");
    await context.close();
  });

  it("the lead writes the outcome showcase and submits it", async () => {
    const { context, page } = await signInWithEmail(browser, leadEmail);
    await page.goto(`/challenges/${challengeId}`);
    const form = page.getByRole("form", { name: "Outcome showcase" });
    await form.waitFor();

    // Each empty actual value starts from its KPI's latest check-in, and says which.
    const progress = await (await page.request.get(`/api/challenges/${challengeId}/progress`)).json();
    type Checkin = { value: number; measuredOn: string };
    const checkedIn = progress.kpis.filter((k: { checkins: Checkin[] }) => k.checkins.length > 0);
    expect(checkedIn.length, "the demo challenge has KPI check-ins").toBeGreaterThan(0);
    for (const k of checkedIn as { name: string; checkins: Checkin[] }[]) {
      const latest = [...k.checkins].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn)).at(-1) as Checkin;
      const actual = form.getByLabel(`Actual ${k.name}`);
      await expect
        .poll(() => actual.inputValue(), { message: `Actual ${k.name} is prefilled` })
        .toBe(String(latest.value));
      expect(await actual.getAttribute("aria-describedby")).toMatch(/-from$/);
    }
    await form
      .getByText(/^From the check-in of /)
      .first()
      .waitFor();
    await expectAccessible(page, "showcase editor with prefilled actual values");

    await form.getByLabel("Summary", { exact: true }).fill(SUMMARY);
    await form.getByLabel("Actual Out-of-hours pages per week").fill("21");
    await form.getByLabel("Note on Out-of-hours pages per week").fill("Down from 38.");
    await form.getByLabel("Actual Median time to acknowledge").fill("7");
    await form.getByLabel("Lessons learned").fill("Owning teams agree faster when they see their own numbers.");
    await form.getByLabel("Recommendation", { exact: true }).selectOption("iterate");
    await form.getByLabel("Recommendation note").fill("One more cycle to reach the target.");
    await form.getByRole("button", { name: "Save showcase" }).click();
    await page.getByText("The showcase is saved").waitFor();

    // Submitting asks first; keeping on editing changes nothing.
    await form.getByRole("button", { name: "Submit showcase" }).click();
    const confirm = page.getByRole("dialog", { name: "Submit the showcase?" });
    await confirm.getByText("Reviewers will be asked to score it").waitFor();
    await expectAccessible(page, "showcase submit confirmation");
    await confirm.getByRole("button", { name: "Keep editing" }).click();
    await confirm.waitFor({ state: "hidden" });
    const still = await (await page.request.get(`/api/challenges/${challengeId}`)).json();
    expect(still.stage).toBe("active");
    expect(
      await form.getByRole("button", { name: "Submit showcase" }).evaluate((el) => el === document.activeElement),
    ).toBe(true);

    await form.getByRole("button", { name: "Submit showcase" }).click();
    await confirm.getByRole("button", { name: "Submit", exact: true }).click();
    await page.getByText("The showcase is submitted for review").waitFor();
    const ch = await (await page.request.get(`/api/challenges/${challengeId}`)).json();
    expect(ch.stage).toBe("showcase");
    await page.getByText(SUMMARY).first().waitFor();
    await expectAccessible(page, "challenge page with a submitted showcase (lead)");
    await context.close();
  });

  it("reviewer@example.com scores the showcase and asks a question", async () => {
    const { context, page } = await signInAs(browser, "reviewer@example.com");
    await page.goto(`/challenges/${challengeId}`);
    const form = page.getByRole("form", { name: "Review this showcase" });
    await form.waitFor();
    const { criteria } = await (await page.request.get(`/api/challenges/${challengeId}/showcase`)).json();
    expect(criteria.length).toBeGreaterThan(0);

    // Sending it unscored marks every criterion; a score clears its own message at once.
    await form.getByRole("button", { name: "Submit review" }).click();
    const problems = form.getByRole("alert").filter({ hasText: "There is a problem" });
    await problems.waitFor();
    expect(await problems.getByRole("link").count()).toBe(criteria.length + 1);

    // Each criterion is a group of five radio buttons, 1 to 5, with the scale's ends in words.
    for (const [i, c] of (criteria as { name: string }[]).entries()) {
      const group = form.getByRole("group", { name: c.name, exact: true });
      const radios = group.getByRole("radio");
      expect(await radios.count()).toBe(5);
      await group.getByRole("radio", { name: "1 — weak" }).waitFor();
      await group.getByRole("radio", { name: "5 — outstanding" }).waitFor();
      expect(await radios.first().getAttribute("aria-invalid")).toBe("true");
      const score = 3 + (i % 3);
      await group.getByRole("radio", { name: new RegExp(`^${score}( |$)`) }).check();
      await expect.poll(() => radios.first().getAttribute("aria-invalid")).toBeNull();
    }
    await expect.poll(() => problems.getByRole("link").count()).toBe(1);
    await form.getByLabel("Feedback").fill("Strong evidence on pages; the acknowledgement time needs a plan.");
    await problems.waitFor({ state: "detached" });
    await form.getByRole("button", { name: "Submit review" }).click();
    await page.getByText("Strong evidence on pages").first().waitFor();

    await page.getByLabel("Ask a question").fill(QUESTION);
    await page.getByRole("button", { name: "Ask", exact: true }).click();
    await page.getByText(QUESTION).first().waitFor();

    const view = await (await page.request.get(`/api/challenges/${challengeId}/showcase`)).json();
    expect(view.reviews).toHaveLength(1);
    expect((criteria as { id: string }[]).map((c) => view.reviews[0].scores[c.id])).toEqual(
      (criteria as unknown[]).map((_, i) => 3 + (i % 3)),
    );
    await expectAccessible(page, "challenge page in review (reviewer)");
    await context.close();
  });

  it("the showcases page lists it awaiting review, and the upcoming showcase day has its agenda", async () => {
    const { context, page } = await signInAs(browser, "reviewer@example.com");
    await page.goto("/showcases");
    await page.getByRole("heading", { level: 1, name: "Showcases" }).waitFor();
    await page
      .getByRole("table", { name: /awaiting review/ })
      .getByRole("link", { name: TITLE })
      .waitFor();
    await expectAccessible(page, "showcases page (reviewer)");
    await page.getByRole("list", { name: "Upcoming" }).getByRole("link").first().click();
    await page.getByRole("heading", { name: "Agenda" }).waitFor();
    await expectAccessible(page, "showcase day (reviewer)");
    await context.close();
  });

  it("the lead answers the question", async () => {
    const { context, page } = await signInWithEmail(browser, leadEmail);
    await page.goto(`/challenges/${challengeId}`);
    await page.getByText(QUESTION).first().waitFor();
    await page.getByLabel(`Reply to ${reviewerName}`).fill(ANSWER);
    await page.getByRole("button", { name: "Reply", exact: true }).click();
    await page.getByText(ANSWER).first().waitFor();
    await context.close();
  });

  it("reviewer@example.com decides to iterate with a commitment", async () => {
    const { context, page } = await signInAs(browser, "reviewer@example.com");
    await page.goto(`/challenges/${challengeId}`);
    await page.getByText(ANSWER).first().waitFor();
    const form = page.getByRole("form", { name: "Decide" });
    await form.getByRole("radio", { name: /^Iterate/ }).check();
    await form.getByLabel("Rationale").fill(RATIONALE);
    await form.getByRole("button", { name: "Add commitment" }).click();
    await form.getByLabel("Commitment 1: what").fill(COMMITMENT);
    await form.getByLabel("Commitment 1: owner").selectOption({ label: reviewerName });
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel("Commitment 1: due").fill(due);
    await form.getByRole("button", { name: "Record decision" }).click();
    await page.getByRole("rowheader", { name: COMMITMENT }).first().waitFor();

    const ch = await (await page.request.get(`/api/challenges/${challengeId}`)).json();
    expect(ch).toMatchObject({ stage: "active", cycle: 2 });
    await context.close();
  });

  it("a team member (analyst@example.com) sees the decision and the commitment", async () => {
    const { context, page } = await signInAs(browser, "analyst@example.com");
    await page.goto(`/challenges/${challengeId}`);
    const decisions = page.getByRole("region", { name: "Decisions" });
    await decisions.getByText(RATIONALE).waitFor();
    await decisions.getByRole("rowheader", { name: COMMITMENT }).waitFor();
    await expectAccessible(page, "challenge page after a decision (team member)");
    await context.close();
  });

  it("the reviewer's dashboard counts the new decision, and fits a phone", async () => {
    const { context, page } = await signInAs(browser, "reviewer@example.com");
    expect(await iterateCount(page)).toBe(iterateBefore + 1);
    // Wide tables scroll inside their own region; the page itself never scrolls sideways at 375 px.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole("region", { name: "IC participation table" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await context.close();
  });
});
