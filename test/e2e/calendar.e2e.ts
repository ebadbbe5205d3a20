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

describe("journey: a person subscribes to their calendar (SPEC §15)", () => {
  it("designer@example.com makes a feed on their profile, sees its URL once, and the URL answers text/calendar", async () => {
    const { context, page } = await signInAs(browser, "designer@example.com");
    const me = await (await page.request.get("/api/me")).json();
    await page.goto(`/people/${me.id}`);
    const section = page.locator("section[aria-labelledby='calendar-feed-heading']");
    await section.getByRole("heading", { level: 2, name: "Calendar feed" }).waitFor();
    await section.getByText("To subscribe, copy the feed's URL", { exact: false }).waitFor();

    // A feed made by an earlier run of the same data is rotated instead; both answer the URL once.
    const make = section.getByRole("button", { name: "Make a calendar feed" });
    const rotate = section.getByRole("button", { name: "Make a new URL" });
    await make.or(rotate).waitFor();
    if (await make.isVisible()) await make.click();
    else {
      await rotate.click();
      await section.getByRole("button", { name: "Yes, make a new URL" }).click();
    }
    await section.getByText("Your calendar feed is ready").waitFor();
    await section.getByText("it is not shown again", { exact: false }).waitFor();
    const url = await section.getByLabel("Calendar feed URL", { exact: true }).inputValue();
    expect(url).toMatch(new RegExp(`/api/people/${me.id}/calendar\\.ics\\?token=cal_`));
    const shots = process.env.E2E_SCREENSHOT_DIR;
    if (shots) await section.screenshot({ path: `${shots}/profile-calendar-feed.png` });
    await expectAccessible(page, "profile showing a new calendar feed URL");

    // A calendar app has no cookie: a fresh context reads the feed by its URL alone.
    const app = await browser.newContext();
    const feed = await app.request.get(url);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect((await page.request.get(url)).headers()["content-type"]).toBe("text/calendar; charset=utf-8");

    // Shown once: after Done and a reload, the URL is nowhere on the page.
    await section.getByRole("button", { name: "Done" }).click();
    await page.reload();
    await section.getByText("Your feed was made on", { exact: false }).waitFor();
    expect(await page.content()).not.toContain(new URL(url).searchParams.get("token") ?? "never");

    // Turning it off asks first; then the old URL is a 404.
    await section.getByRole("button", { name: "Turn off the feed" }).click();
    await expectAccessible(page, "profile asking before the calendar feed is turned off");
    await section.getByRole("button", { name: "Yes, turn it off" }).click();
    await section.getByText("Your calendar feed is off", { exact: false }).waitFor();
    await section.getByRole("button", { name: "Make a calendar feed" }).waitFor();
    expect((await app.request.get(url)).status()).toBe(404);
    await app.close();
    await context.close();
  });

  it("a showcase day offers its .ics download", async () => {
    const { context, page } = await signInAs(browser, "designer@example.com");
    const { events } = await (await page.request.get("/api/showcases")).json();
    expect(events.length, "the demo data has a showcase day ahead").toBeGreaterThan(0);
    await page.goto(`/showcases/events/${events[0].id}`);
    const link = page.getByRole("link", { name: "Add to calendar (.ics)" });
    await link.waitFor();
    const href = await link.getAttribute("href");
    expect(href).toBe(`/api/showcases/events/${events[0].id}/event.ics`);
    const file = await page.request.get(href ?? "");
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(await file.text()).toContain(`UID:showcase-day-${events[0].id}@crux`);
    const shots = process.env.E2E_SCREENSHOT_DIR;
    if (shots) await page.screenshot({ path: `${shots}/showcase-day-calendar.png` });
    await expectAccessible(page, "showcase day with its calendar download");
    await context.close();
  });
});
