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

describe("journey: an admin connects an identity provider over SCIM", () => {
  it("admin@example.com issues a SCIM token, maps a department it sent, revokes the token and reads the audit log", async () => {
    const { context, page } = await signInAs(browser, "admin@example.com");
    await page.goto("/admin/integrations");
    const section = page.locator("section[aria-labelledby='scim-heading']");
    await section.getByRole("heading", { level: 2, name: "Provisioning (SCIM)" }).waitFor();
    await section.getByText("No departments yet", { exact: false }).waitFor();
    expect(await section.getByLabel("SCIM base URL", { exact: true }).inputValue()).toMatch(
      /^http:\/\/localhost:\d+\/scim\/v2$/,
    );

    await section.getByRole("button", { name: "Issue a SCIM token" }).click();
    await section.getByRole("button", { name: "Issue token" }).click();
    await page.locator("#scim-token-name-error").waitFor();
    await section.getByLabel("Token name").fill("Okta e2e");
    await section.getByRole("button", { name: "Issue token" }).click();
    await section.getByText("SCIM token Okta e2e issued").waitFor();
    await section.getByText("it is not shown again", { exact: false }).waitFor();
    const secret = await section.getByLabel("SCIM token", { exact: true }).inputValue();
    expect(secret).toMatch(/^scim_/);
    const shots = process.env.E2E_SCREENSHOT_DIR;
    if (shots) await section.screenshot({ path: `${shots}/admin-scim-issued.png` });
    await expectAccessible(page, "admin page showing a new SCIM token");

    // The identity provider pushes someone with a department.
    const email = `scim-e2e-${Date.now()}@example.com`;
    const created = await page.request.post("/scim/v2/Users", {
      headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/scim+json" },
      data: {
        schemas: [
          "urn:ietf:params:scim:schemas:core:2.0:User",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        ],
        userName: email,
        name: { givenName: "Scim", familyName: "Journey" },
        active: true,
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "E2E Platform" },
      },
    });
    expect(created.status()).toBe(201);

    // Shown once: after Done, and after a reload, the secret is nowhere on the page.
    await section.getByRole("button", { name: "Done" }).click();
    await page.reload();
    await section.getByRole("rowheader", { name: "Okta e2e" }).waitFor();
    expect(await page.content()).not.toContain(secret);

    const row = section.getByRole("row", { name: /E2E Platform/ });
    await row.getByText("Unmapped", { exact: true }).waitFor();
    const org = await (await page.request.get("/api/org")).json();
    const discipline = org.disciplines.find((d: { active: boolean }) => d.active);
    await section.getByLabel("Discipline for E2E Platform").selectOption(discipline.id);
    await expectAccessible(page, "admin page with a department to map");

    // A refusal names the row it is about (the discipline went away meanwhile, say).
    await page.route(
      "**/api/admin/scim/departments",
      (route) =>
        route.fulfill({
          status: 400,
          contentType: "application/json",
          body: JSON.stringify({
            error: {
              code: "validation_failed",
              message: "The field items.0.disciplineId is not valid: No such discipline.",
              details: { fields: { "items.0.disciplineId": "No such discipline." } },
            },
          }),
        }),
      { times: 1 },
    );
    await section.getByRole("button", { name: "Save 1 change" }).click();
    await section.getByRole("link", { name: "Discipline for E2E Platform: No such discipline." }).waitFor();
    await expect
      .poll(() => section.getByLabel("Discipline for E2E Platform").getAttribute("aria-invalid"))
      .toBe("true");

    await section.getByRole("button", { name: "Save 1 change" }).click();
    await section.getByText("1 department saved.", { exact: false }).waitFor();
    await expect.poll(() => row.getByText("Unmapped", { exact: true }).count()).toBe(0);

    await section.getByRole("button", { name: "Revoke Okta e2e" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke Okta e2e?" });
    await dialog.getByRole("button", { name: "Yes, revoke it" }).click();
    await section.getByText("Okta e2e is revoked", { exact: false }).waitFor();
    await section
      .getByRole("row", { name: /Okta e2e/ })
      .getByText("Revoked")
      .waitFor();
    const refused = await page.request.get("/scim/v2/Users", { headers: { Authorization: `Bearer ${secret}` } });
    expect(refused.status()).toBe(401);

    await page.goto("/admin/audit");
    const audit = page.locator("section[aria-labelledby='audit-heading'] .activity-list");
    await audit.getByText(`SCIM (Okta e2e) created ${email}`).waitFor();
    await audit.getByText(`mapped the department “E2E Platform” to ${discipline.name}`).waitFor();
    await audit.getByText("revoked the SCIM token “Okta e2e”").waitFor();
    await expectAccessible(page, "admin audit log after SCIM changes");

    await page.goto("/admin/integrations");
    await section.getByRole("rowheader", { name: "Okta e2e" }).waitFor();

    if (shots) await section.screenshot({ path: `${shots}/admin-scim-wide.png` });
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    if (shots) await section.screenshot({ path: `${shots}/admin-scim.png` });
    await context.close();
  });
});
