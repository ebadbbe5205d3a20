import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, openChallengeTitled, signInAs } from "./browser";

/** The demo's funded challenge led by designer@example.com, with required engineering and data slots. */
const TITLE = "Accessible by default: an audited component library";

let browser: Browser;
let challengeId = "";
const people: Record<string, { id: string; name: string; managerEmail: string | null }> = {};

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openChallenge(page: Page) {
  challengeId = await openChallengeTitled(page, "accessible by default", TITLE);
  await page.getByRole("heading", { name: "Team" }).waitFor();
}

/** Name and manager's e-mail of a well-known account, read through the API as the signed-in page. */
async function lookUp(page: Page, email: string) {
  const list = await (await page.request.get(`/api/people?q=${encodeURIComponent(email)}`)).json();
  const person = list.items.find((p: { email: string }) => p.email === email);
  const profile = await (await page.request.get(`/api/people/${person.id}`)).json();
  const manager = profile.manager ? await (await page.request.get(`/api/people/${profile.manager.id}`)).json() : null;
  people[email] = { id: person.id, name: person.name, managerEmail: manager?.email ?? null };
  return people[email];
}

async function apply(email: string, discipline: string) {
  const { context, page } = await signInAs(browser, email);
  await openChallenge(page);
  await lookUp(page, email);
  await page.getByRole("button", { name: `Apply for ${discipline} role` }).click();
  const dialog = page.getByRole("dialog", { name: `Apply for the ${discipline} role` });
  await dialog.waitFor();
  await expectAccessible(page, `apply dialog (${email})`);
  await dialog
    .getByLabel("Your pitch")
    .fill(`I have shipped accessible ${discipline.toLowerCase()} work for three years and can start this week.`);
  await dialog.getByRole("button", { name: "Send application" }).click();
  await dialog.waitFor({ state: "hidden" });
  await page.getByText("You applied").first().waitFor();
  await context.close();
}

async function inboxKinds(page: Page) {
  const inbox = await (await page.request.get("/api/inbox?limit=50")).json();
  return inbox.items
    .filter((n: { challenge: { id: string } | null }) => n.challenge?.id === challengeId)
    .map((n: { kind: string }) => n.kind);
}

describe("journey: a team forms on designer@'s funded challenge, with lending, and starts", () => {
  it("ic@example.com and analyst@example.com apply to the two required slots", async () => {
    await apply("ic@example.com", "Engineering");
    await apply("analyst@example.com", "Data");
  });

  it("the lead opens the application's notification and lands on that application", async () => {
    const { context, page } = await signInAs(browser, "designer@example.com");
    await page.goto("/inbox");
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    const name = people["ic@example.com"].name;
    const notice = page.getByRole("link", { name: new RegExp(`^${name} applied to the engineering role`, "i") });
    await notice.first().waitFor();
    await expectAccessible(page, "inbox with an application waiting (lead)");
    const href = await notice.first().getAttribute("href");
    expect(href).toMatch(new RegExp(`^/challenges/${challengeId}#application-ap`));
    await notice.first().click();
    await page.waitForURL((url) => url.hash.startsWith("#application-"));
    const target = page.locator(`[id="${(href ?? "").split("#")[1]}"]`);
    await target.waitFor();
    await expect.poll(() => target.evaluate((el) => el.classList.contains("is-target"))).toBe(true);
    await expect.poll(() => target.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await target.textContent()).toContain(name);
    // Opening it marked it read; it still waits on the lead until decided.
    const inbox = await (await page.request.get("/api/inbox?limit=50")).json();
    const item = inbox.items.find((n: { link: string }) => n.link === href);
    expect(item).toMatchObject({ needsAction: true });
    await expect
      .poll(
        async () =>
          (await (await page.request.get("/api/inbox?limit=50")).json()).items.find(
            (n: { link: string }) => n.link === href,
          ).readAt,
      )
      .not.toBeNull();
    await context.close();
  });

  it("designer@example.com (the lead) accepts both from the applicants panel", async () => {
    const { context, page } = await signInAs(browser, "designer@example.com");
    await openChallenge(page);
    await page.getByRole("heading", { name: /Applicants/ }).waitFor();
    await expectAccessible(page, "applicants panel (lead)");
    for (const email of ["ic@example.com", "analyst@example.com"]) {
      const name = people[email].name;
      await page.getByRole("button", { name: `Accept ${name}` }).click();
      const dialog = page.getByRole("dialog", { name: `Accept ${name}` });
      await dialog.waitFor();
      await dialog.getByLabel(`Note to ${name}`).fill("Welcome to the team!");
      await dialog.getByRole("button", { name: "Accept application" }).click();
      await dialog.waitFor({ state: "hidden" });
    }
    const team = await (await page.request.get(`/api/challenges/${challengeId}/team`)).json();
    const statuses = Object.fromEntries(
      team.members.map((m: { person: { id: string }; status: string }) => [m.person.id, m.status]),
    );
    expect(statuses[people["ic@example.com"].id]).toBe("pending_lend");
    expect(await inboxKinds(page)).toContain("application_received");
    await context.close();
  });

  it("the members' managers lend them from their inbox (manager@example.com for ic@)", async () => {
    expect(people["ic@example.com"].managerEmail).toBe("manager@example.com");
    const managers = new Map<string, string[]>();
    for (const email of ["ic@example.com", "analyst@example.com"]) {
      const m = people[email].managerEmail;
      if (m) managers.set(m, [...(managers.get(m) ?? []), email]);
    }
    for (const [managerEmail, reports] of managers) {
      const { context, page } = await signInAs(browser, managerEmail);
      await page.goto("/inbox");
      await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
      await page.getByText("Needs your action").first().waitFor();
      await expectAccessible(page, `inbox with lend requests (${managerEmail})`);
      for (const email of reports) {
        // Decided right in the inbox: the item leaves "needs action".
        const approve = page.getByRole("button", { name: `Approve lending ${people[email].name} to ${TITLE}` });
        await approve.click();
        await approve.waitFor({ state: "detached" });
      }
      await page.getByText("Done: it no longer waits on you.").waitFor();
      const inbox = await (await page.request.get("/api/inbox?limit=50")).json();
      const lends = inbox.items.filter(
        (n: { kind: string; challenge: { title: string } | null }) =>
          n.kind === "lend_requested" && n.challenge?.title === TITLE,
      );
      expect(lends.length).toBe(reports.length);
      expect(lends.every((n: { needsAction: boolean }) => !n.needsAction)).toBe(true);
      await context.close();
    }
  });

  it("the lead starts the challenge once the required slots are filled", async () => {
    const { context, page } = await signInAs(browser, "designer@example.com");
    await openChallenge(page);
    await page
      .getByText(/Required roles filled: 2 of 2/)
      .first()
      .waitFor();
    await page.getByRole("button", { name: "Start work" }).click();
    await page.getByText("Work has started.").first().waitFor();
    const challenge = await (await page.request.get(`/api/challenges/${challengeId}`)).json();
    expect(challenge.stage).toBe("active");
    await expectAccessible(page, "challenge page after start (lead)");
    expect(await inboxKinds(page)).toEqual(expect.arrayContaining(["application_received", "lend_decided"]));
    await context.close();
  });

  it("each person sees their part in their inbox", async () => {
    for (const [email, kinds] of [
      ["ic@example.com", ["application_decided", "lend_decided", "stage_changed"]],
      ["analyst@example.com", ["application_decided", "stage_changed"]],
      ["manager@example.com", ["lend_requested"]],
    ] as const) {
      const { context, page } = await signInAs(browser, email);
      await page.goto("/inbox");
      await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
      expect(await inboxKinds(page), email).toEqual(expect.arrayContaining([...kinds]));
      await page.getByText(TITLE).first().waitFor();
      await context.close();
    }
  });
});
