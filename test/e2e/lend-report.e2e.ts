import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, signInAs } from "./browser";

/**
 * Lending agreements (SPEC §16): the demo gives manager@example.com a lend that ended three days
 * ago, whose return report waits in their inbox, and one that ends within the week. Read-only, so
 * other journeys see the same demo.
 */

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("journey: a manager receives a lend's return report", () => {
  it("manager@ finds the return report in the inbox, opens it and reads the credit and outcomes", async () => {
    const { context, page } = await signInAs(browser, "manager@example.com");
    await page.goto("/inbox");
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    const notice = page.getByRole("link", { name: /is back from .*read the return report/ }).first();
    await notice.waitFor();
    await expectAccessible(page, "inbox with a return report (manager)");
    const href = await notice.getAttribute("href");
    expect(href).toMatch(/^\/lends\/lend_[\w-]+\/report$/);

    await notice.click();
    await page.waitForURL((url) => url.pathname === href);
    const heading = page.getByRole("heading", { level: 1, name: /^Return report: / });
    await heading.waitFor();
    await expect.poll(() => page.title()).toMatch(/^Return report: /);
    await page.getByRole("heading", { level: 2, name: "Confirmed credit" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "The challenge's outcomes" }).waitFor();
    await expect
      .poll(() =>
        page
          .getByText(/confirmed contributions?,/)
          .first()
          .textContent(),
      )
      .toMatch(/^[1-9]/);
    await expect(page.getByText(/^Ended on /).count()).resolves.toBe(1);
    // A closed lend cannot be extended, ended or recalled any more.
    expect(await page.getByRole("button", { name: "Extend the lend" }).count()).toBe(0);
    await expectAccessible(page, "a lend's return report");
    await context.close();
  });

  it("the lend nearing its end offers to extend or end it, and manager@'s profile lists both as mentoring", async () => {
    const { context, page } = await signInAs(browser, "manager@example.com");
    await page.goto("/inbox");
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    const ending = page.getByRole("link", { name: /ends on .*extend it or let it end/ }).first();
    await ending.waitFor();
    await ending.click();
    await page.getByRole("heading", { level: 1, name: /^Lend: / }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Lend: /);
    await page.getByRole("button", { name: "Extend the lend" }).waitFor();
    await page.getByRole("button", { name: "End the lend now" }).waitFor();
    await page.getByRole("button", { name: /^Recall / }).waitFor();
    await page.getByText(/current load:/).waitFor();
    await expectAccessible(page, "a running lend (manager)");

    const me = await (await page.request.get("/api/me")).json();
    await page.goto(`/people/${me.id}`);
    const mentoring = page.getByRole("region", { name: "Mentoring" });
    await mentoring.getByRole("heading", { name: "Mentoring" }).waitFor();
    expect(await mentoring.getByRole("link", { name: "Return report" }).count()).toBeGreaterThan(0);
    await expectAccessible(page, "manager@'s profile with mentoring");
    await context.close();
  });
});
