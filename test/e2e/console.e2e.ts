import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseURL, launchBrowser, signInAs } from "./browser";

/** No page logs an error to the browser's console (issue 12): signed out, and for each kind of user. */
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every console error and uncaught exception the page logs from now on. */
function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.locator("h1").first().waitFor();
  // Let the page's reads settle (a late 4xx would log then).
  await page.waitForLoadState("networkidle");
}

const PAGES = [
  "/",
  "/my-work",
  "/for-you",
  "/inbox",
  "/people",
  "/recognition",
  "/showcases",
  "/following",
  "/propose",
];

async function expectQuiet(context: BrowserContext, page: Page, paths: string[], who: string) {
  const errors = watchConsole(page);
  for (const path of paths) {
    await visit(page, path);
    expect(errors, `${who} on ${path}`).toEqual([]);
  }
  await context.close();
}

describe("the browser console stays quiet", () => {
  it("on the sign-in page, signed out", async () => {
    const context = await browser.newContext({ baseURL: baseURL() });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await visit(page, "/sign-in");
    await visit(page, "/");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("on the main pages for an IC", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    await expectQuiet(context, page, PAGES, "ic@");
  });

  it("on the sponsor's, reviewer's and admin's pages", async () => {
    const sponsor = await signInAs(browser, "sponsor@example.com");
    await expectQuiet(sponsor.context, sponsor.page, ["/my-work", "/budgets"], "sponsor@");
    const reviewer = await signInAs(browser, "reviewer@example.com");
    await expectQuiet(reviewer.context, reviewer.page, ["/my-work", "/dashboard", "/showcases"], "reviewer@");
    const admin = await signInAs(browser, "admin@example.com");
    await expectQuiet(admin.context, admin.page, ["/admin", "/my-work"], "admin@");
  });
});
