import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, it } from "vitest";
import { launchBrowser, signInAs } from "../../test/e2e/browser";

const OUT = path.resolve(import.meta.dirname, "../../docs/screens");
const WIDTHS = [1280, 375] as const;

let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A demo challenge's id, by its exact title. */
async function challengeId(page: Page, search: string, title: string) {
  const found = await (await page.request.get(`/api/challenges?q=${encodeURIComponent(search)}`)).json();
  return found.items.find((c: { title: string }) => c.title === title)?.id as string;
}

interface Shot {
  name: string;
  as: string;
  path: (page: Page) => Promise<string>;
}

const SHOTS: Shot[] = [
  { name: "marketplace", as: "ic@example.com", path: async () => "/" },
  { name: "my-work", as: "designer@example.com", path: async () => "/my-work" },
  {
    name: "challenge",
    as: "designer@example.com",
    path: async (page) =>
      `/challenges/${await challengeId(page, "accessible by default", "Accessible by default: an audited component library")}`,
  },
  { name: "inbox", as: "manager@example.com", path: async () => "/inbox" },
  { name: "dashboard", as: "reviewer@example.com", path: async () => "/dashboard" },
  { name: "admin", as: "admin@example.com", path: async () => "/admin/people" },
];

for (const shot of SHOTS) {
  it(`${shot.name} at ${WIDTHS.join(" and ")} px`, async () => {
    const { context, page } = await signInAs(browser, shot.as);
    const where = await shot.path(page);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 800 });
      await page.goto(where);
      await page.locator("h1").first().waitFor();
      await page.waitForLoadState("networkidle");
      // The first screen, as a person sees it on arrival.
      await page.screenshot({ path: path.join(OUT, `${shot.name}-${width}.png`) });
    }
    await context.close();
  });
}
