import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, signInAs } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("journey: an admin changes the organisation and reads the audit log", () => {
  it("admin@example.com changes the response deadline, adds a discipline and sees both in the audit log", async () => {
    const { context, page } = await signInAs(browser, "admin@example.com");
    await page.goto("/admin");
    await page.getByRole("heading", { level: 1, name: "Admin" }).waitFor();
    const deadline = page.getByLabel("Response deadline (days)");
    await deadline.waitFor();
    await page.getByLabel("Dimension 1 name").waitFor();
    await expectAccessible(page, "admin page");

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

    const audit = page.locator("section[aria-labelledby='audit-heading'] .activity-list");
    await audit
      .getByText(`changed the response deadline from ${before.responseDeadlineDays} to ${days} days`)
      .waitFor();
    await audit.getByText("added the discipline “Developer relations”").waitFor();
    await audit.getByText("retired the discipline Developer relations").waitFor();
    await audit.getByText("changed the career framework's dimensions", { exact: false }).first().waitFor();
    await expectAccessible(page, "admin page after changes");

    // At a phone's width nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const shots = process.env.E2E_SCREENSHOT_DIR;
    if (shots)
      for (const id of ["settings", "disciplines", "framework", "audit"])
        await page.locator(`section[aria-labelledby='${id}-heading']`).screenshot({ path: `${shots}/admin-${id}.png` });
    await context.close();
  });
});
