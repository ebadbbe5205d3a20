import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, signInAs } from "./browser";

/**
 * Webhooks (SPEC §15): admin@ registers an endpoint pointing at a receiver this test runs on
 * 127.0.0.1 (allowed in dev mode), a challenge is published, the receiver gets it signed as
 * Standard Webhooks says and verifies it with the standardwebhooks package, and the delivery shows
 * in the admin's delivery log as delivered; a redelivery arrives with the same webhook-id.
 */
interface Got {
  id: string;
  verified: boolean;
  payload: { type: string; data: { challenge?: { id: string } | null } } | null;
}
const got: Got[] = [];
let secret = "";
let server: Server;
let hookUrl = "";
let browser: Browser;

function headersOf(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const headers = headersOf(req.headers);
      let payload: Got["payload"] = null;
      let verified = false;
      try {
        payload = new Webhook(secret).verify(body, headers) as Got["payload"];
        verified = true;
      } catch {
        // Recorded as unverified; the test fails on it.
      }
      got.push({ id: headers["webhook-id"] ?? "", verified, payload });
      res.writeHead(verified ? 204 : 400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/crux`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function json(page: Page, method: "get" | "post", path: string, data?: unknown) {
  const res = await page.request[method](path, data === undefined ? {} : { data });
  expect(res.ok(), `${method.toUpperCase()} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json();
}

describe("journey: an admin connects a webhook and watches its deliveries", () => {
  it("admin@example.com registers a webhook, a published challenge reaches the receiver signed, and the log shows it delivered", async () => {
    const { context, page } = await signInAs(browser, "admin@example.com");
    await page.goto("/admin/integrations");
    const section = page.locator("section[aria-labelledby='webhooks-heading']");
    await section.getByRole("heading", { level: 2, name: "Webhooks" }).waitFor();
    await section.getByRole("group", { name: "Challenges" }).waitFor();

    // Nothing chosen: the form says what is missing, and sends nothing.
    await section.getByRole("button", { name: "Register webhook" }).click();
    await page.locator("#webhook-url-error").waitFor();
    await page.locator("#webhook-events-error").waitFor();
    await expectAccessible(page, "webhooks form with its problems");

    await section.getByLabel("Address").fill(hookUrl);
    await section.getByLabel("What it is for").fill("E2E receiver");
    await section.getByLabel("challenge.published", { exact: true }).check();
    await section.getByRole("button", { name: "Register webhook" }).click();
    await section.getByText(`Webhook registered for ${hookUrl}`).waitFor();
    await section.getByText("it is not shown again", { exact: false }).waitFor();
    secret = await section.getByLabel("Signing secret", { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    await expectAccessible(page, "webhooks section showing a new secret");
    const shots = process.env.E2E_SCREENSHOT_DIR;
    if (shots) await section.screenshot({ path: `${shots}/admin-webhook-registered.png` });

    // Shown once: after Done, and after a reload, the secret is nowhere on the page.
    await section.getByRole("button", { name: "Done" }).click();
    await page.reload();
    const row = section.getByRole("row", { name: new RegExp(hookUrl.replace(/[.]/g, "\\.")) });
    await row.getByText("Enabled", { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);

    // A challenge is published: the receiver gets it, and the signature verifies.
    const me = await json(page, "get", "/api/me");
    const created = await json(page, "post", "/api/challenges", {
      title: `Webhook journey ${Date.now().toString(36)}`,
      summary: "A challenge published so a webhook hears it.",
      problem: "Nobody outside Crux hears when a challenge is published.",
      whyItMatters: "Other systems can follow the marketplace.",
      kpis: [{ name: "Systems told", unit: "systems", direction: "up", baseline: 0, target: 1 }],
      boundaries: { constraints: "None.", outOfScope: "Everything else." },
      assistanceNeeded: "Nothing.",
      horizonWeeks: 4,
      fundingAsk: 100000,
      fundingBreakdown: "Review 1000.00",
      tags: ["integrations"],
      slots: [{ discipline: me.disciplineId, count: 1, skills: [], commitmentPercent: 10, required: false }],
    });
    await json(page, "post", `/api/challenges/${created.id}/transitions`, { action: "publish" });
    const mine = () =>
      got.filter((g) => g.payload?.type === "challenge.published" && g.payload.data.challenge?.id === created.id);
    await expect.poll(() => mine().length, { timeout: 30_000, interval: 250 }).toBeGreaterThan(0);
    expect(mine()[0].verified).toBe(true);
    expect(got.every((g) => g.verified)).toBe(true);
    const webhookId = mine()[0].id;
    expect(webhookId).toMatch(/^msg_/);

    // The delivery log shows it delivered, with the receiver's status code.
    await row.getByRole("button", { name: `Deliveries of ${hookUrl}` }).click();
    const log = section.locator("#webhook-log");
    await log.getByRole("heading", { name: `Deliveries to ${hookUrl}` }).waitFor();
    const delivered = log.getByRole("row", { name: /challenge\.published/ }).first();
    await expect
      .poll(
        async () => {
          if ((await delivered.getByText("Delivered", { exact: true }).count()) > 0) return true;
          await log.getByRole("button", { name: "Refresh deliveries" }).click();
          await log
            .getByRole("table")
            .or(log.getByText("No deliveries yet", { exact: false }))
            .first()
            .waitFor();
          return false;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(true);
    await delivered.getByRole("cell", { name: "204", exact: true }).waitFor();
    await expectAccessible(page, "webhook delivery log");
    if (shots) await section.screenshot({ path: `${shots}/admin-webhook-deliveries.png` });

    // Redeliver: the receiver gets it again, with the same webhook-id.
    await delivered.getByRole("button", { name: /^Redeliver challenge\.published/ }).click();
    await log.getByText("is on its way again", { exact: false }).waitFor();
    await expect.poll(() => mine().length, { timeout: 30_000, interval: 250 }).toBe(2);
    expect(mine().map((g) => g.id)).toEqual([webhookId, webhookId]);
    expect(mine().every((g) => g.verified)).toBe(true);

    // Delete it (confirmed), so later journeys' events go nowhere.
    await row.getByRole("button", { name: `Delete ${hookUrl}` }).click();
    const dialog = page.getByRole("dialog", { name: `Delete the webhook for ${hookUrl}?` });
    await dialog.waitFor();
    await expectAccessible(page, "delete webhook dialog");
    await dialog.getByRole("button", { name: "Yes, delete it" }).click();
    await section.getByText(`The webhook for ${hookUrl} is deleted.`).waitFor();
    await expect.poll(() => row.count()).toBe(0);
    await context.close();
  });
});
