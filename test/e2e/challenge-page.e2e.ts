import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, signInAs } from "./browser";

/**
 * The challenge page's layout (issue 12): one read on load, a header that says what the viewer
 * should do next, a sticky section nav whose links are shareable hashes, two columns from
 * 1024 px and one at 375 px without horizontal scroll.
 */

let browser: Browser;
let challengeId = "";
let waiting = 0;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Card = { id: string; lead: { id: string }; stage: string };

/** An open or funded demo challenge the signed-in person leads, with applications waiting (one is made if none waits). */
async function ledWithApplicants(page: Page) {
  const me = await (await page.request.get("/api/me")).json();
  const cards: Card[] = [];
  for (const stage of ["open", "funded"]) {
    const list = await (await page.request.get(`/api/challenges?stage=${stage}&limit=50`)).json();
    cards.push(...list.items.filter((c: Card) => c.lead.id === me.id));
  }
  expect(cards.length, "ic@example.com leads an open or funded demo challenge").toBeGreaterThan(0);
  for (const card of cards) {
    const team = await (await page.request.get(`/api/challenges/${card.id}/team`)).json();
    const pending = team.applications.filter((a: { status: string }) => a.status === "pending").length;
    if (pending > 0) return { id: card.id, pending };
  }
  // None waits: someone applies to the first open seat.
  const id = cards[0].id;
  const ch = await (await page.request.get(`/api/challenges/${id}`)).json();
  const slot = ch.slots.find((s: { status: string; open: number }) => s.status === "open" && s.open > 0);
  expect(slot, "an open seat to apply to").toBeTruthy();
  const applicant = await signInAs(browser, "sponsor@example.com");
  const res = await applicant.page.request.post(`/api/challenges/${id}/slots/${slot.id}/applications`, {
    data: { pitch: "I ran the last migration of this kind and can give it a day a week." },
  });
  expect(res.status(), await res.text()).toBe(201);
  await applicant.context.close();
  return { id, pending: 1 };
}

const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);
const topOf = (page: Page, id: string) =>
  page.evaluate((target) => {
    const el = document.getElementById(target);
    return el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : -1;
  }, id);

describe("the challenge page", () => {
  it("loads with one request to the API, says what the lead should do next and leads to it", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    await page.setViewportSize({ width: 1280, height: 800 });
    ({ id: challengeId, pending: waiting } = await ledWithApplicants(page));

    const requests: string[] = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/api/challenges/")) requests.push(url.pathname);
    });
    await page.goto(`/challenges/${challengeId}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Credit", exact: true }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(requests).toEqual([`/api/challenges/${challengeId}/page`]);

    // Two columns at 1280: the sidebar beside the sections.
    const main = await page.locator(".challenge-main").boundingBox();
    const aside = await page.locator(".challenge-aside").boundingBox();
    expect(main && aside && aside.x > main.x + main.width - 1, "the sidebar sits right of the sections").toBe(true);
    expect(aside && main && Math.abs(aside.y - main.y) < 40, "side by side, not stacked").toBe(true);

    const height = await pageHeight(page);
    const applicantsAt = await topOf(page, "applicants");
    console.log(`challenge page at 1280x800 as its lead: ${height} px tall, applicants ${applicantsAt} px down`);

    // The header's one primary action: the applicants waiting.
    const header = page.locator("header.challenge-header");
    const next = header.getByRole("link", { name: `${waiting} applicant${waiting === 1 ? "" : "s"} waiting` });
    await expect(next.isVisible()).resolves.toBe(true);
    await next.click();
    await page.waitForURL((url) => url.hash === "#applicants");
    await page.waitForFunction(() => {
      const top = document.getElementById("applicants")?.getBoundingClientRect().top ?? -1;
      return top >= 0 && top < window.innerHeight / 2;
    });
    await expectAccessible(page, "challenge page (lead, two columns)");
    await context.close();
  });

  it("loads a reviewed challenge, showcase and review included, with one request too", async () => {
    const { context, page } = await signInAs(browser, "reviewer@example.com");
    const list = await (await page.request.get("/api/challenges?stage=reviewed&limit=1")).json();
    const id: string = list.items[0]?.id ?? "";
    expect(id, "a reviewed demo challenge").not.toBe("");
    const requests: string[] = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/api/challenges/")) requests.push(url.pathname);
    });
    await page.goto(`/challenges/${id}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.locator("#showcase-heading").first().waitFor();
    await page.waitForLoadState("networkidle");
    expect(requests).toEqual([`/api/challenges/${id}/page`]);
    await context.close();
  });

  it("has a section nav whose links change the hash and bring their section into view", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/challenges/${challengeId}`);
    const nav = page.getByRole("navigation", { name: "Challenge sections" });
    await nav.waitFor();
    for (const [name, hash] of [
      ["Credit", "credit"],
      ["Funding", "funding"],
      ["Activity", "activity"],
      ["Team", "team"],
      ["Showcase & review", "showcase"],
    ] as const) {
      await nav.getByRole("link", { name, exact: true }).click();
      await page.waitForURL((url) => url.hash === `#${hash}`);
      await page.waitForFunction((id) => {
        const top = document.getElementById(id)?.getBoundingClientRect().top ?? -1;
        return top >= 0 && top < window.innerHeight / 2;
      }, hash);
      // The nav stays in view while the page scrolls under it.
      const box = await nav.boundingBox();
      expect(box && box.y >= -1 && box.y < 10, `the nav is stuck to the top at #${hash}`).toBe(true);
    }
    // A shared link lands on its section.
    await page.goto(`/challenges/${challengeId}#progress`);
    await page.waitForFunction(() => {
      const top = document.getElementById("progress")?.getBoundingClientRect().top ?? -1;
      return top >= 0 && top < window.innerHeight / 2;
    });
    await context.close();
  });

  it("fits a 375 px phone in one column without horizontal scroll", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`/challenges/${challengeId}`);
    await page.getByRole("heading", { name: "Credit", exact: true }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "no horizontal scroll at 375 px").toBeLessThanOrEqual(0);
    const main = await page.locator(".challenge-main").boundingBox();
    const aside = await page.locator(".challenge-aside").boundingBox();
    expect(main && aside && Math.abs(main.x - aside.x) < 2, "one column").toBe(true);
    await expectAccessible(page, "challenge page at 375 px");
    await context.close();
  });

  it("keeps the forms closed until asked for", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    await page.goto(`/challenges/${challengeId}`);
    await page.getByRole("heading", { name: "Progress", exact: true }).waitFor();
    await expect(page.getByLabel("Update", { exact: true }).count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Post an update" }).click();
    await expect(page.getByLabel("Update", { exact: true }).isVisible()).resolves.toBe(true);
    await context.close();
  });
});
