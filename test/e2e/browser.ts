import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const baseURL = () => inject("baseURL");

/** The CSP every HTML document must carry (SPEC §12), by directive. */
const REQUIRED_CSP = [
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
];

/** The headers of each page's current HTML document, as the server sent them. */
const documentHeaders = new WeakMap<Page, { url: string; headers: Record<string, string> }>();

/**
 * Watches every page of a context for the security review's points: the document's headers, and
 * any CSP violation the page reports (recorded by an init script, which the CSP does not govern).
 */
async function watchSecurity(context: BrowserContext) {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => {
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const watch = (page: Page) =>
    page.on("response", (res) => {
      if (res.request().resourceType() === "document" && res.request().frame() === page.mainFrame()) {
        documentHeaders.set(page, { url: res.url(), headers: res.headers() });
      }
    });
  context.on("page", watch);
  for (const page of context.pages()) watch(page);
}

/** Debian's Chromium, headless, with no background traffic (this machine has no internet). */
export async function launchBrowser(): Promise<Browser> {
  const browser = await launchChromium();
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchSecurity(context);
    return context;
  };
  return browser;
}

function launchChromium(): Promise<Browser> {
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

/** The page's document carries the CSP and its companions, and nothing on it broke the CSP. */
export async function expectSecure(page: Page, label: string) {
  const doc = documentHeaders.get(page);
  expect(doc, `${label}: the document's response was seen`).toBeDefined();
  const csp = doc?.headers["content-security-policy"] ?? "";
  for (const directive of REQUIRED_CSP)
    expect(csp, `${label} (${doc?.url}): CSP has ${directive}`).toContain(directive);
  expect(csp, `${label}: no inline scripts allowed`).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(doc?.headers["x-content-type-options"], `${label}: nosniff`).toBe("nosniff");
  expect(doc?.headers["referrer-policy"], `${label}: referrer policy`).toBe("strict-origin-when-cross-origin");
  const violations = await page.evaluate(
    () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
  );
  expect(violations, `${label}: CSP violations`).toEqual([]);
}

/**
 * Runs axe-core on the page as it is now; fails on any serious or critical violation. Every page
 * checked for accessibility is checked against the CSP too (`expectSecure`).
 */
export async function expectAccessible(page: Page, label: string) {
  await expectSecure(page, label);
  // Evaluated through the browser's debugging protocol, which the CSP does not govern (an
  // injected <script> would be refused, as it should be).
  await page.evaluate(AXE_SOURCE);
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
