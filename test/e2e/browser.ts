import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const baseURL = () => inject("baseURL");

/** Debian's Chromium, headless, with no background traffic (this machine has no internet). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A fresh browser context signed in as `email` through the dev sign-in page. */
export async function signInAs(browser: Browser, email: string) {
  const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page
    .getByRole("button", { name: new RegExp(email.replace(/[.]/g, "\\.")) })
    .first()
    .click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  return { context, page };
}

/** Signs in through the sign-in page's e-mail field, for people the page does not list. */
export async function signInWithEmail(browser: Browser, email: string) {
  const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  return { context, page };
}

/** Runs axe-core on the page as it is now; fails on any serious or critical violation. */
export async function expectAccessible(page: Page, label: string) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return (result.violations as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[]).map(
      (v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
      }),
    );
  });
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking, `${label}: ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
}

/** Finds a demo challenge by a search and its exact title, and opens its page; returns its id. */
export async function openChallengeTitled(page: Page, search: string, title: string): Promise<string> {
  const found = await (await page.request.get(`/api/challenges?q=${encodeURIComponent(search)}`)).json();
  const id: string = found.items.find((c: { title: string }) => c.title === title)?.id ?? "";
  expect(id, `the demo challenge "${title}"`).not.toBe("");
  await page.goto(`/challenges/${id}`);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  return id;
}
