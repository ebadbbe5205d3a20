import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, signInAs } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Each visible top-level item of the header's row: the logo, the main links, More, the account button. */
async function headerItems(page: Page) {
  return page.evaluate(() => {
    const inner = document.querySelector(".site-header .header-inner") as HTMLElement;
    const items = [...inner.children, ...inner.querySelectorAll(".nav-primary > li")].filter(
      (el) => el.matches(":not(nav)") && (el as HTMLElement).offsetParent !== null,
    );
    return {
      row: inner.getBoundingClientRect().height,
      items: items.map((el) => {
        const box = el.getBoundingClientRect();
        // biome-ignore lint/performance/useDomNodeTextContent: the text as shown, without More's closed list
        return { text: (el as HTMLElement).innerText.trim(), top: box.top, bottom: box.bottom, right: box.right };
      }),
      right: inner.getBoundingClientRect().right,
    };
  });
}

/** The header is one row: every item's box overlaps every other's vertically, and none spills out. */
async function expectOneRow(page: Page, label: string) {
  const { row, items, right } = await headerItems(page);
  const tallest = Math.max(...items.map((i) => i.bottom - i.top));
  const lowestTop = Math.max(...items.map((i) => i.top));
  const highestBottom = Math.min(...items.map((i) => i.bottom));
  expect(lowestTop, `${label}: an item starts below another's bottom: ${JSON.stringify(items)}`).toBeLessThan(
    highestBottom,
  );
  // Two rows would be at least twice the tallest item; padding adds less than one item's height.
  expect(row, `${label}: the header's height`).toBeLessThan(tallest * 2);
  for (const item of items) expect(item.right, `${label}: "${item.text}" fits`).toBeLessThanOrEqual(right + 1);
  return items;
}

async function expectShown(locator: Locator, shown: boolean) {
  await expect.poll(() => locator.isVisible()).toBe(shown);
}

describe("journey: the site header and the marketplace's filters fit a laptop and a phone", () => {
  it("at 1280 px the admin's header is one row, with More and the account menu opening and closing", async () => {
    const { context, page } = await signInAs(browser, "admin@example.com");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("heading", { level: 1, name: "Marketplace" }).waitFor();
    const header = page.locator("header.site-header");
    const nav = header.getByRole("navigation", { name: "Main" });

    const items = await expectOneRow(page, "admin at 1280");
    expect(items.map((i) => i.text)).toEqual(expect.arrayContaining(["My work", "Marketplace", "For you", "More"]));
    expect(await header.getByRole("button", { name: /^Menu/ }).isVisible()).toBe(false);
    expect(await nav.getByRole("link").first().textContent()).toBe("My work");
    expect(await nav.getByRole("link", { name: "Marketplace" }).getAttribute("aria-current")).toBe("page");

    // More: the secondary pages, the admin's Dashboard and Budgets among them; Escape closes it.
    const more = nav.getByRole("button", { name: "More" });
    expect(await more.getAttribute("aria-expanded")).toBe("false");
    await expectShown(nav.getByRole("link", { name: "Showcases" }), false);
    await more.click();
    expect(await more.getAttribute("aria-expanded")).toBe("true");
    for (const name of ["Propose", "People", "Showcases", "Recognition", "Following", "Dashboard", "Budgets"])
      await expectShown(nav.getByRole("link", { name, exact: true }), true);
    await expectOneRow(page, "admin at 1280 with More open");
    await expectAccessible(page, "header with More open");
    await page.keyboard.press("Escape");
    expect(await more.getAttribute("aria-expanded")).toBe("false");
    await expectShown(nav.getByRole("link", { name: "Showcases" }), false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("More");

    // The account menu: profile, Admin and Sign out; an outside click closes it.
    const me = await (await page.request.get("/api/me")).json();
    const account = header.getByRole("button", { name: `Account: ${me.name}` });
    expect(await account.getAttribute("aria-expanded")).toBe("false");
    await account.click();
    expect(await account.getAttribute("aria-expanded")).toBe("true");
    const menu = header.locator("#account-menu");
    await expectShown(menu.getByRole("link", { name: "Admin" }), true);
    await expectShown(menu.getByRole("link", { name: "Your profile" }), true);
    await expectShown(menu.getByRole("link", { name: "Notification settings" }), true);
    await expectShown(menu.getByRole("button", { name: "Sign out" }), true);
    await expectAccessible(page, "header with the account menu open");
    await page.getByRole("heading", { level: 1, name: "Marketplace" }).click();
    expect(await account.getAttribute("aria-expanded")).toBe("false");
    await expectShown(menu.getByRole("link", { name: "Admin" }), false);

    // By keyboard: Enter opens it, Tab reaches its links, following one goes there and closes it.
    await account.focus();
    await page.keyboard.press("Enter");
    expect(await account.getAttribute("aria-expanded")).toBe("true");
    // Your profile, Notification settings, then Admin.
    for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Admin");
    await page.keyboard.press("Enter");
    await page.waitForURL("**/admin");
    await page.getByRole("heading", { level: 1, name: "Admin" }).waitFor();
    expect(await account.getAttribute("aria-expanded")).toBe("false");
    await expectOneRow(page, "admin page at 1280");

    // Down to the phone's breakpoint the links stay out in the one row.
    for (const width of [900, 641]) {
      await page.setViewportSize({ width, height: 800 });
      await expectOneRow(page, `admin at ${width}`);
    }
    await context.close();
  });

  it("at 375 px the header is logo, Menu and account in one row, and Menu opens the links", async () => {
    const { context, page } = await signInAs(browser, "admin@example.com");
    await page.setViewportSize({ width: 375, height: 740 });
    await page.getByRole("heading", { level: 1, name: "Marketplace" }).waitFor();
    const header = page.locator("header.site-header");
    const nav = header.getByRole("navigation", { name: "Main" });

    const items = await expectOneRow(page, "phone, menu closed");
    expect(items).toHaveLength(3);
    const menuButton = header.getByRole("button", { name: /^Menu/ });
    expect(await menuButton.getAttribute("aria-controls")).toBe("main-nav");
    expect(await menuButton.getAttribute("aria-expanded")).toBe("false");
    await expectShown(nav, false);
    await expectAccessible(page, "phone header, menu closed");

    await menuButton.click();
    expect(await menuButton.getAttribute("aria-expanded")).toBe("true");
    await expectShown(nav.getByRole("link", { name: "My work" }), true);
    // On a phone the secondary pages are listed with the rest, not behind More.
    await expectShown(nav.getByRole("link", { name: "Budgets" }), true);
    await expectAccessible(page, "phone header, menu open");

    await nav.getByRole("link", { name: "For you" }).click();
    await page.waitForURL("**/for-you");
    // The header closes its menus when the page changes; wait for the new page to render first,
    // or that close can land on the account menu opened below.
    await page.getByRole("heading", { level: 1, name: "For you" }).waitFor();
    expect(await menuButton.getAttribute("aria-expanded")).toBe("false");
    await expectShown(nav, false);

    // The account menu works on the phone too, within the screen.
    const account = header.getByRole("button", { name: /^Account: / });
    await account.click();
    const signOut = header.getByRole("button", { name: "Sign out" });
    await expectShown(signOut, true);
    const box = await header.locator("#account-menu").boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    await page.keyboard.press("Escape");
    await expectShown(signOut, false);
    await context.close();
  });

  it("at 375 px the marketplace's filters fold behind a Filters button", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    await page.setViewportSize({ width: 375, height: 740 });
    await page.getByRole("heading", { level: 1, name: "Marketplace" }).waitFor();
    const filters = page.getByRole("search", { name: "Challenges" });
    await expectShown(filters.getByLabel("Search challenges"), true);
    const stage = filters.getByLabel("Stage");
    await expectShown(stage, false);

    const toggle = filters.getByRole("button", { name: /^Filters/ });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await expectShown(stage, true);
    await expectShown(filters.getByLabel("Sort by"), true);
    await expectAccessible(page, "marketplace filters open on a phone");

    await toggle.click();
    await expectShown(stage, false);

    // On a wide screen the same filters show without the button.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectShown(toggle, false);
    await expectShown(stage, true);
    await context.close();
  });
});
