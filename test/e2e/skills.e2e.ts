import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, signInAs } from "./browser";

/**
 * Skills with evidence (SPEC §16): a lead opens "People who have done this" for a slot of a
 * fresh challenge of their own, invites the first person listed, and that person sees the
 * invitation, with its Apply button, in their inbox.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TITLE = `Retire the legacy job runner ${Date.now().toString(36)}`;

describe("journey: people who have done this", () => {
  let challengeId = "";
  let invitee = { id: "", email: "", name: "" };

  it("sponsor2@ finds people who have done this for a slot and invites one", async () => {
    const { context, page } = await signInAs(browser, "sponsor2@example.com");
    const created = await page.request.post("/api/challenges", {
      data: {
        title: TITLE,
        summary: "The old runner fails every week and nobody wants to touch it.",
        problem: "It runs 300 jobs on a host nobody can patch.",
        whyItMatters: "Every failure wakes someone up.",
        kpis: [{ name: "Failed runs a month", unit: "runs", direction: "down", baseline: 12, target: 1 }],
        boundaries: { constraints: "No change to job schedules.", outOfScope: "Rewriting the jobs." },
        assistanceNeeded: "Two engineers for a month.",
        horizonWeeks: 6,
        fundingAsk: 500000,
        fundingBreakdown: "Compute 5000.00",
        tags: ["reliability"],
        slots: [
          {
            discipline: "engineering",
            count: 2,
            skills: ["go", "postgres", "typescript"],
            commitmentPercent: 10,
            required: true,
          },
        ],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    challengeId = (await created.json()).id;
    const published = await page.request.post(`/api/challenges/${challengeId}/transitions`, {
      data: { action: "publish" },
    });
    expect(published.status(), await published.text()).toBe(200);

    await page.goto(`/challenges/${challengeId}`);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByRole("heading", { name: "Team" }).waitFor();
    await page.getByRole("button", { name: /^Find people who have done this/ }).click();
    await page.getByRole("heading", { name: "People who have done this" }).waitFor();
    const invite = page.getByRole("button", { name: /^Invite .+ to apply$/ }).first();
    await invite.waitFor();
    await expectAccessible(page, "people who have done this");
    const label = (await invite.getAttribute("aria-label")) ?? "";
    invitee.name = label.replace(/^Invite /, "").replace(/ to apply$/, "");
    await invite.click();
    await page.getByText(`${invitee.name} is invited to apply`).waitFor();
    await page.getByText("Invited", { exact: true }).first().waitFor();

    const slotId = (await (await page.request.get(`/api/challenges/${challengeId}`)).json()).slots[0].id;
    const list = await (await page.request.get(`/api/challenges/${challengeId}/slots/${slotId}/candidates`)).json();
    const person = list.items.find((c: { invited: boolean }) => c.invited).person;
    const profile = await (await page.request.get(`/api/people/${person.id}`)).json();
    invitee = { id: person.id, email: profile.email, name: person.name };
    await context.close();
  });

  it("the person invited sees the invitation in their inbox, with Apply", async () => {
    expect(invitee.email).not.toBe("");
    const { context, page } = await signInAs(browser, invitee.email);
    await page.goto("/inbox");
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await page.getByText(`invited you to apply for the engineering role on “${TITLE}”`).waitFor();
    const apply = page.getByRole("button", { name: `Apply for the Engineering role on “${TITLE}”` });
    await apply.waitFor();
    await expectAccessible(page, "inbox with an invitation");
    await apply.click();
    const dialog = page.getByRole("dialog", { name: "Apply for the Engineering role" });
    await dialog.waitFor();
    await expect.poll(() => page.title()).toContain("Inbox");
    await context.close();
  });
});
