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

const LABEL = "Someone comments on a challenge you follow";

/** This person's comment e-mails in the dev outbox, newest first. */
async function commentEmails(page: Page, email: string) {
  const res = await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(email)}&limit=20`);
  const { items } = (await res.json()) as { items: { id: string; kind: string; status: string }[] };
  return items.filter((i) => i.kind === "comment_received");
}

/** The status of the newest comment e-mail not in `seen`, or null while there is none. */
async function newestStatus(page: Page, email: string, seen: Set<string>) {
  return (await commentEmails(page, email)).find((i) => !seen.has(i.id))?.status ?? null;
}

const seenNow = async (page: Page, email: string) => new Set((await commentEmails(page, email)).map((i) => i.id));

async function saveRow(page: Page, patch: { email: boolean; when?: string }) {
  await page.goto("/settings/notifications");
  await page.getByRole("heading", { level: 1, name: "Notification settings" }).waitFor();
  const row = page.getByRole("row", { name: new RegExp(LABEL) });
  await row.getByRole("checkbox", { name: /E-mail/ }).setChecked(patch.email);
  if (patch.when) await row.getByRole("combobox").selectOption({ label: patch.when });
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Your notification settings are saved.").waitFor();
}

describe("journey: a person changes a notification preference and the next e-mail follows it", () => {
  it("turns e-mail off for comments, then on and immediate, and the dev outbox shows skipped, then sent", async () => {
    const { context, page } = await signInAs(browser, "ic@example.com");
    const { context: otherContext, page: other } = await signInAs(browser, "designer@example.com");
    const me = (await (await page.request.get("/api/me")).json()) as { id: string; email: string };
    const list = (await (await page.request.get("/api/challenges?limit=100")).json()) as {
      items: { id: string; lead: { id: string } }[];
    };
    const challenge = list.items.find((c) => c.lead.id === me.id);
    expect(challenge, "a listed challenge ic@example.com leads").toBeDefined();

    await page.goto("/settings/notifications");
    await page.getByRole("heading", { level: 1, name: "Notification settings" }).waitFor();
    await expect.poll(() => page.title()).toContain("Notification settings");
    await page.getByRole("heading", { level: 2, name: "Needs your action" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Updates" }).waitFor();
    await expectAccessible(page, "notification settings");

    await saveRow(page, { email: false });
    let seen = await seenNow(page, me.email);
    const first = await other.request.post(`/api/challenges/${challenge!.id}/comments`, {
      data: { body: "Does the cron retirement cover the invoicing jobs too?" },
    });
    expect(first.status()).toBe(201);
    await expect.poll(() => newestStatus(page, me.email, seen), { timeout: 15_000 }).toBe("skipped");

    await saveRow(page, { email: true, when: "Immediately" });
    seen = await seenNow(page, me.email);
    const second = await other.request.post(`/api/challenges/${challenge!.id}/comments`, {
      data: { body: "And the dunning e-mails?" },
    });
    expect(second.status()).toBe(201);
    await expect.poll(() => newestStatus(page, me.email, seen), { timeout: 15_000 }).toBe("delivered");

    await page.goto("/dev/outbox");
    await page.getByRole("heading", { level: 1, name: "Dev outbox" }).waitFor();
    await page.getByText("Sent").first().waitFor();
    await expectAccessible(page, "dev outbox");

    // Back to the default for the next run.
    await saveRow(page, { email: true, when: "Daily digest" });
    await context.close();
    await otherContext.close();
  });
});
