import { describe, expect, it } from "vitest";
import { digestId, runDigests } from "../worker/outbox/digest";
import { ctxAt, deliverEmail, notification, sentTo } from "./email-fixtures";
import { call, callJson, createChallenge, env, member, seedPerson } from "./helpers";

async function withChallenge(title: string) {
  const lead = await member();
  return createChallenge(lead.as, { title });
}

describe("e-mail channel", () => {
  it("sends what needs action at once: plain text and HTML, deep links, one-click unsubscribe", async () => {
    const person = await member({ name: "Rita Recipient" });
    const actor = await seedPerson({ name: "Ann Applicant" });
    const challengeId = await withChallenge("Faster builds");
    const { outboxId } = await notification(person.id, "application_received", {
      challengeId,
      actorId: actor.id,
      data: { applicationId: "ap_42", discipline: "design" },
    });
    expect(await deliverEmail(outboxId, person.id)).toBe("delivered");
    const [mail] = await sentTo(person.email);
    expect(mail.from?.address).toBe("crux@example.com");
    expect(mail.subject).toBe("Ann Applicant applied to the design role on “Faster builds”.");
    const link = `http://localhost:8787/challenges/${challengeId}#application-ap_42`;
    expect(mail.text).toContain("Ann Applicant applied to the design role on “Faster builds”.");
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
    const header = (name: string) => mail.headers.find((h) => h.key === name)?.value;
    expect(header("list-unsubscribe")).toMatch(/^<http:\/\/localhost:8787\/api\/unsubscribe\?token=[^>]+>$/);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toContain("/settings/notifications");

    // One click: that kind's e-mail goes off for this person, without sign-in; other kinds stay.
    const url = new URL(header("list-unsubscribe")!.slice(1, -1));
    const page = await call("GET", `${url.pathname}${url.search}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Stop e-mails when someone applies to your challenge");
    const res = await call("POST", `${url.pathname}${url.search}`, {
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    const { body } = await callJson("GET", "/api/me/notification-preferences", { as: person.as });
    const pref = (kind: string) => body.items.find((i: { kind: string }) => i.kind === kind);
    expect(pref("application_received")).toMatchObject({ email: false, slack: true, cadence: "immediately" });
    expect(pref("credit_pending")).toMatchObject({ email: true });

    const next = await notification(person.id, "application_received", { challengeId, actorId: actor.id });
    expect(await deliverEmail(next.outboxId, person.id)).toBe("skipped");
    const other = await notification(person.id, "credit_pending", { challengeId, actorId: actor.id });
    expect(await deliverEmail(other.outboxId, person.id)).toBe("delivered");
    // Another person's preferences are untouched.
    const bystander = await member();
    const theirs = await notification(bystander.id, "application_received", { challengeId, actorId: actor.id });
    expect(await deliverEmail(theirs.outboxId, bystander.id)).toBe("delivered");
  });

  it("refuses a forged or altered unsubscribe token", async () => {
    const person = await seedPerson();
    const forged = `${person.id}.kudos.${"0".repeat(32)}`;
    const res = await callJson("POST", `/api/unsubscribe?token=${forged}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toHaveProperty("token");
  });

  it("sends nothing to a deactivated person", async () => {
    const person = await seedPerson();
    await env.DB.prepare("UPDATE people SET active = 0 WHERE id = ?").bind(person.id).run();
    const { outboxId } = await notification(person.id, "credit_pending", {});
    expect(await deliverEmail(outboxId, person.id)).toBeNull();
    expect(await sentTo(person.email)).toEqual([]);
  });
});

describe("digests", () => {
  it("gathers a person's held e-mails into one daily digest, grouped by challenge, newest first, once", async () => {
    const person = await member();
    const actor = await seedPerson({ name: "Kim Kudos" });
    const older = await withChallenge("Older challenge");
    const newer = await withChallenge("Newer challenge");
    const at = (minute: number) => `2030-01-08T06:${String(minute).padStart(2, "0")}:00.000Z`;
    const rows = [
      await notification(person.id, "kudos", { challengeId: older, actorId: actor.id, createdAt: at(1) }),
      await notification(person.id, "kudos", { challengeId: newer, actorId: actor.id, createdAt: at(2) }),
      await notification(person.id, "comment_received", { challengeId: older, actorId: actor.id, createdAt: at(3) }),
    ];
    for (const r of rows) expect(await deliverEmail(r.outboxId, person.id)).toBe("digest");

    const tuesday = new Date("2030-01-08T07:00:00.000Z");
    const made = await runDigests(ctxAt(tuesday));
    expect(made).toContain(digestId(person.id, "2030-01-08"));
    const mails = await sentTo(person.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toBe("Your daily Crux digest: 3 updates");
    const text = mail.text ?? "";
    // The challenge with the newest item first; within it, newest first.
    expect(text.indexOf("Older challenge")).toBeLessThan(text.indexOf("Newer challenge"));
    expect(text.indexOf("Kim Kudos commented")).toBeLessThan(text.indexOf("Kim Kudos thanked"));
    expect(text).toContain(`http://localhost:8787/challenges/${older}`);
    expect(mail.headers.find((h) => h.key === "list-unsubscribe-post")?.value).toBe("List-Unsubscribe=One-Click");
    const { results } = await env.DB.prepare(
      "SELECT d.status FROM deliveries d WHERE d.channel = 'email' AND d.outbox_id IN (?, ?, ?)",
    )
      .bind(...rows.map((r) => r.outboxId))
      .all<{ status: string }>();
    expect(results.map((r) => r.status)).toEqual(["delivered", "delivered", "delivered"]);

    // Again the same day: nothing more.
    await runDigests(ctxAt(new Date("2030-01-08T07:05:00.000Z")));
    expect(await sentTo(person.email)).toHaveLength(1);
  });

  it("keeps weekly ones for Monday", async () => {
    const person = await member();
    const put = await callJson("PUT", "/api/me/notification-preferences", {
      as: person.as,
      body: { preferences: [{ kind: "kudos", email: true, slack: false, cadence: "weekly" }], pausedUntil: null },
    });
    expect(put.status).toBe(200);
    const { outboxId } = await notification(person.id, "kudos", {});
    expect(await deliverEmail(outboxId, person.id)).toBe("digest");
    await runDigests(ctxAt(new Date("2030-01-09T07:00:00.000Z")));
    expect(await sentTo(person.email)).toHaveLength(0);
    await runDigests(ctxAt(new Date("2030-01-14T07:00:00.000Z")));
    const mails = await sentTo(person.email);
    expect(mails.map((m) => m.subject)).toEqual(["Your weekly Crux digest: 1 update"]);
  });
});
