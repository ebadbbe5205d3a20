import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, signInAs } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SECTIONS = [
  { path: "/admin/people", name: "People", ready: "People and roles" },
  { path: "/admin/org", name: "Organisation", ready: "Organisation settings" },
  { path: "/admin/budgets", name: "Budgets", ready: "Budget periods" },
  { path: "/admin/integrations", name: "Integrations", ready: "Provisioning (SCIM)" },
  { path: "/admin/audit", name: "Audit log", ready: "Audit log" },
];

/** Nothing on the page scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label} scrolls sideways`).toBeLessThanOrEqual(0);
}

describe("the admin sections", () => {
  it("each section has its own address, title, heading and place in the navigation, and passes axe", async () => {
    const { context, page } = await signInAs(browser, "admin@example.com");
    await page.goto("/admin");
    await page.getByRole("heading", { level: 1, name: "Admin", exact: true }).waitFor();
    await expect.poll(() => page.title()).toBe("Admin · Crux");
    const nav = page.getByRole("navigation", { name: "Admin sections" });
    expect(await nav.getByRole("link", { name: "Overview" }).getAttribute("aria-current")).toBe("page");
    if (process.env.E2E_SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR}/admin-overview.png` });
    await expectAccessible(page, "admin overview");

    // From the overview's links, each section in turn.
    await page.locator(".admin-overview").getByRole("link", { name: "People" }).click();
    await page.waitForURL("**/admin/people");

    for (const section of SECTIONS) {
      if (!page.url().endsWith(section.path)) {
        await nav.getByRole("link", { name: section.name, exact: true }).click();
        await page.waitForURL(`**${section.path}`);
      }
      const heading = `Admin · ${section.name}`;
      await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
      await page.getByRole("heading", { level: 2, name: section.ready, exact: true }).waitFor();
      await expect.poll(() => page.title()).toBe(`${heading} · Crux`);
      expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
      const current = nav.locator('[aria-current="page"]');
      expect(await current.count()).toBe(1);
      expect(await current.textContent()).toBe(section.name);
      await page.locator("[aria-busy='true']").first().waitFor({ state: "detached" });
      await expectAccessible(page, `admin ${section.name}`);
    }

    // At a phone's width the navigation wraps and no section scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    for (const section of SECTIONS) {
      // Its heading is what the check waits for; "load" also waits on every asset of a busy dev server.
      await page.goto(section.path, { waitUntil: "domcontentloaded" });
      await page.getByRole("heading", { level: 2, name: section.ready, exact: true }).waitFor();
      await expectNoSidewaysScroll(page, `${section.path} at 375 px`);
      const box = await nav.boundingBox();
      expect(box?.width ?? 0).toBeLessThanOrEqual(375);
    }
    const shots = process.env.E2E_SCREENSHOT_DIR;
    if (shots) await page.screenshot({ path: `${shots}/admin-nav-phone.png` });
    await expectAccessible(page, "admin section at 375 px");

    // An address that is no section says so, with the navigation to find the right one.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/admin/nonsense");
    await page.getByRole("heading", { level: 1, name: "Admin · Section not found" }).waitFor();
    await page.getByText("There is no admin section called “nonsense”").waitFor();
    expect(await nav.locator('[aria-current="page"]').count()).toBe(0);
    await expectAccessible(page, "unknown admin section");

    // A link to a part of the old one-page /admin lands in the section that has it now.
    await page.goto("/admin#allocate-heading");
    await page.waitForURL("**/admin/budgets#allocate-heading");
    await page.getByRole("heading", { level: 2, name: "Allocate a budget" }).waitFor();
    await context.close();
  });

  it("someone who is not an admin is told the page is for admins, on every section", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    for (const path of ["/admin", "/admin/people", "/admin/nonsense"]) {
      await page.goto(path);
      await page.getByText("Only admins can see this page").waitFor();
      expect(await page.getByRole("navigation", { name: "Admin sections" }).count()).toBe(0);
    }
    await expectAccessible(page, "admin page for a non-admin");
    await context.close();
  });
});

describe("journey: an admin gives and takes roles on /admin/people", () => {
  it("admin@example.com imports someone, finds them, makes them a reviewer, reloads, takes it back and deactivates them", async () => {
    const { context, page } = await signInAs(browser, "admin@example.com");
    const stamp = Date.now().toString(36);
    const name = `Rowan Quill ${stamp}`;
    const email = `rowan-${stamp}@example.com`;

    await page.goto("/admin/people");
    await page.getByRole("heading", { level: 1, name: "Admin · People" }).waitFor();
    await page
      .getByLabel("CSV", { exact: true })
      .fill(
        `email,name,title,discipline,track,level,manager_email,roles\n${email},${name},Engineer,engineering,ic,IC5,,`,
      );
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByText("1 person imported: 1 created, 0 updated.").waitFor();

    // Search, debounced: typing is enough.
    const table = page.locator("table.people-roles");
    const search = page.getByLabel("Search people");
    await search.fill("no-such-person-zzz");
    await page.getByRole("heading", { name: "Nobody matches “no-such-person-zzz”" }).waitFor();
    await search.fill(stamp);
    const row = table.getByRole("row", { name: new RegExp(name) });
    await row.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(1);
    await row.getByText(email).waitFor();
    await row.getByText("Engineering").waitFor();
    await expectAccessible(page, "people & roles table with a search");

    const reviewer = page.getByLabel(`Reviewer: ${name}`, { exact: true });
    expect(await reviewer.isChecked()).toBe(false);
    await reviewer.check();
    await row.getByText(`${name} is now a reviewer.`).waitFor();
    expect(await reviewer.isEnabled()).toBe(true);
    if (process.env.E2E_SCREENSHOT_DIR)
      await page
        .locator("section[aria-labelledby='people-heading']")
        .screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR}/admin-people.png` });
    const person = (await (await page.request.get(`/api/people?q=${stamp}`)).json()).items[0];
    expect(person.roles).toEqual(["member", "reviewer"]);

    // Kept after a reload.
    await page.reload();
    await page.getByLabel("Search people").fill(stamp);
    await page.getByLabel(`Reviewer: ${name}`, { exact: true }).waitFor();
    expect(await page.getByLabel(`Reviewer: ${name}`, { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel(`Sponsor: ${name}`, { exact: true }).isChecked()).toBe(false);

    await page.getByLabel(`Reviewer: ${name}`, { exact: true }).uncheck();
    await row.getByText(`${name} is no longer a reviewer.`).waitFor();
    await page.reload();
    await page.getByLabel("Search people").fill(stamp);
    await page.getByLabel(`Reviewer: ${name}`, { exact: true }).waitFor();
    expect(await page.getByLabel(`Reviewer: ${name}`, { exact: true }).isChecked()).toBe(false);

    // Deactivating asks first; then they are found among the deactivated, and come back.
    await row.getByRole("button", { name: `Deactivate ${name}` }).click();
    await row.getByText(`Deactivate ${name}?`).waitFor();
    await row.getByRole("button", { name: "Keep active" }).click();
    await row.getByRole("button", { name: `Deactivate ${name}` }).click();
    await expectAccessible(page, "people & roles table asking to deactivate");
    await row.getByRole("button", { name: "Yes, deactivate" }).click();
    await row.getByRole("button", { name: `Reactivate ${name}` }).waitFor();
    await row.getByText("Deactivated", { exact: true }).waitFor();
    await page.getByLabel("Show").selectOption("inactive");
    await row.getByRole("button", { name: `Reactivate ${name}` }).click();
    await row.getByText(`${name} is reactivated.`).waitFor();
    await row.getByRole("button", { name: `Deactivate ${name}` }).waitFor();
    await page.getByLabel("Show").selectOption("active");
    await row.waitFor();

    // An admin cannot take away their own admin role: the API's reason shows in the row.
    const me = await (await page.request.get("/api/me")).json();
    await search.fill("admin@example.com");
    const own = page.getByLabel(`Admin: ${me.name}`, { exact: true });
    await own.waitFor();
    await own.click();
    const mine = table.getByRole("row", { name: new RegExp(me.name) });
    await mine.getByRole("alert").getByText("You cannot remove your own admin role").waitFor();
    await expect.poll(() => own.isChecked()).toBe(true);
    await mine.getByText("(you)").waitFor();
    expect(await mine.getByRole("button", { name: /Deactivate/ }).count()).toBe(0);
    await expectAccessible(page, "people & roles table with a refusal");

    // The audit log has each change.
    await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Audit log" }).click();
    const audit = page.locator("section[aria-labelledby='audit-heading'] .activity-list");
    // Each line names whom the change was about.
    await audit.getByText(`deactivated ${name}, ending their sessions and API tokens`).first().waitFor();
    await audit.getByText(`reactivated ${name}`).first().waitFor();
    await audit.getByText(`changed ${name}'s roles to reviewer`).first().waitFor();

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/admin/people");
    await page.getByLabel("Search people").fill(stamp);
    await page.getByLabel(`Reviewer: ${name}`, { exact: true }).waitFor();
    await expectNoSidewaysScroll(page, "people & roles at 375 px");
    const shots = process.env.E2E_SCREENSHOT_DIR;
    if (shots) await page.screenshot({ path: `${shots}/admin-people-phone.png`, fullPage: true });
    await context.close();
  });
});

describe("journey: an admin changes the organisation and reads the audit log", () => {
  it("admin@example.com changes the response deadline, adds a discipline and sees both in the audit log", async () => {
    const { context, page } = await signInAs(browser, "admin@example.com");
    await page.goto("/admin/org");
    await page.getByRole("heading", { level: 1, name: "Admin · Organisation" }).waitFor();
    const deadline = page.getByLabel("Response deadline (days)");
    await deadline.waitFor();
    await page.getByLabel("Dimension 1 name").waitFor();
    await expectAccessible(page, "admin organisation section");

    const before = await (await page.request.get("/api/org")).json();
    const days = before.responseDeadlineDays === 21 ? 20 : 21;

    // The demo ledger has entries, so the currency is fixed: the refusal shows beside the field.
    await page.getByLabel("Currency", { exact: true }).fill("EUR");
    await page.getByRole("button", { name: "Save settings" }).click();
    const currencyError = page.locator("#settings-currency-error");
    await currencyError.waitFor();
    expect(await currencyError.textContent()).toContain("cannot change");
    await expect.poll(() => page.getByLabel("Currency", { exact: true }).getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Currency", { exact: true }).fill(before.currency);
    await deadline.fill(String(days));
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("The settings are saved.").waitFor();
    expect((await (await page.request.get("/api/org")).json()).responseDeadlineDays).toBe(days);

    await page.getByLabel("Discipline name", { exact: true }).fill("Developer relations");
    expect(await page.getByLabel("Discipline id", { exact: true }).inputValue()).toBe("developer-relations");
    await page.getByRole("button", { name: "Add discipline" }).click();
    await page.getByText("Developer relations is added.").waitFor();
    await page.getByRole("rowheader", { name: "Developer relations" }).waitFor();

    await page.getByRole("button", { name: "Retire Developer relations" }).click();
    await page.getByRole("button", { name: "Yes, retire it" }).click();
    await page.getByRole("button", { name: "Restore Developer relations" }).waitFor();

    // The framework editor: swap the first two dimensions and save.
    const first = await page.getByLabel("Dimension 1 name").inputValue();
    await page.getByRole("button", { name: "Move dimension 2 up" }).click();
    expect(await page.getByLabel("Dimension 2 name").inputValue()).toBe(first);
    await page.getByRole("button", { name: "Save career framework" }).click();
    await page.getByText("The career framework is saved.", { exact: false }).waitFor();
    const dims = await (await page.request.get("/api/admin/framework-dimensions")).json();
    expect(dims.items[1].name).toBe(first);
    await expectAccessible(page, "admin organisation section after changes");

    // At a phone's width nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoSidewaysScroll(page, "/admin/org at 375 px");
    const shots = process.env.E2E_SCREENSHOT_DIR;
    if (shots)
      for (const id of ["settings", "disciplines", "framework"])
        await page.locator(`section[aria-labelledby='${id}-heading']`).screenshot({ path: `${shots}/admin-${id}.png` });

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Audit log" }).click();
    await page.waitForURL("**/admin/audit");
    const audit = page.locator("section[aria-labelledby='audit-heading'] .activity-list");
    await audit
      .getByText(`changed the response deadline from ${before.responseDeadlineDays} to ${days} days`)
      .waitFor();
    await audit.getByText("added the discipline “Developer relations”").waitFor();
    await audit.getByText("retired the discipline Developer relations").waitFor();
    await audit.getByText("changed the career framework's dimensions", { exact: false }).first().waitFor();
    await expectAccessible(page, "admin audit log after changes");
    if (shots)
      await page.locator("section[aria-labelledby='audit-heading']").screenshot({ path: `${shots}/admin-audit.png` });
    await context.close();
  });
});
