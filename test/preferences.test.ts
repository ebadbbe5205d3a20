import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS } from "../worker/outbox/kinds";
import { deliverEmail, notification } from "./email-fixtures";
import { callJson, expectInvalid, member } from "./helpers";

const prefs = (as: string) => callJson("GET", "/api/me/notification-preferences", { as });
const save = (as: string, body: unknown) => callJson("PUT", "/api/me/notification-preferences", { as, body });

describe("notification preferences", () => {
  it("lists every kind with SPEC §15's defaults: action now, the rest daily", async () => {
    const person = await member();
    const { status, body } = await prefs(person.as);
    expect(status).toBe(200);
    expect(body.items.map((i: { kind: string }) => i.kind)).toEqual(NOTIFICATION_KINDS);
    const of = (kind: string) => body.items.find((i: { kind: string }) => i.kind === kind);
    expect(of("application_received")).toMatchObject({
      needsAction: true,
      email: true,
      slack: true,
      cadence: "immediately",
    });
    expect(of("kudos")).toMatchObject({ needsAction: false, email: true, slack: true, cadence: "daily" });
    expect(of("kudos").label).toBeTruthy();
    expect(body.pausedUntil).toBeNull();
  });

  it("refuses unknown kinds and cadences and a pause in the past, naming the fields", async () => {
    const person = await member();
    expectInvalid(
      await save(person.as, {
        preferences: [{ kind: "no_such_kind", email: true, slack: true, cadence: "daily" }],
        pausedUntil: null,
      }),
      "preferences.0.kind",
    );
    expectInvalid(
      await save(person.as, {
        preferences: [{ kind: "kudos", email: true, slack: true, cadence: "hourly" }],
        pausedUntil: null,
      }),
      "preferences.0.cadence",
    );
    expectInvalid(await save(person.as, { preferences: [], pausedUntil: "2001-01-01" }), "pausedUntil");
    expectInvalid(await save(person.as, { preferences: [], pausedUntil: "soon" }), "pausedUntil");
  });

  it("off skips the e-mail, weekly holds it for the digest, a pause skips even what needs action", async () => {
    const person = await member();
    const off = await save(person.as, {
      preferences: [
        { kind: "kudos", email: true, slack: true, cadence: "off" },
        { kind: "comment_received", email: true, slack: false, cadence: "weekly" },
        { kind: "endorsement", email: false, slack: true, cadence: "immediately" },
      ],
      pausedUntil: null,
    });
    expect(off.status).toBe(200);
    const of = (kind: string) => off.body.items.find((i: { kind: string }) => i.kind === kind);
    expect(of("comment_received")).toMatchObject({ email: true, slack: false, cadence: "weekly" });
    expect(await deliverEmail((await notification(person.id, "kudos")).outboxId, person.id)).toBe("skipped");
    expect(await deliverEmail((await notification(person.id, "comment_received")).outboxId, person.id)).toBe("digest");
    expect(await deliverEmail((await notification(person.id, "endorsement")).outboxId, person.id)).toBe("skipped");

    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const paused = await save(person.as, { preferences: [], pausedUntil: future });
    expect(paused.status).toBe(200);
    expect(paused.body.pausedUntil).toBe(`${future}T00:00:00.000Z`);
    // Choices made before stay as they were.
    expect(paused.body.items.find((i: { kind: string }) => i.kind === "kudos").cadence).toBe("off");
    expect(await deliverEmail((await notification(person.id, "credit_pending")).outboxId, person.id)).toBe("skipped");

    const resumed = await save(person.as, { preferences: [], pausedUntil: null });
    expect(resumed.body.pausedUntil).toBeNull();
    expect(await deliverEmail((await notification(person.id, "credit_pending")).outboxId, person.id)).toBe("delivered");
  });

  it("the dev outbox lists e-mail deliveries with their rendered text", async () => {
    const person = await member();
    await deliverEmail(
      (await notification(person.id, "credit_pending", { data: { description: "Wrote docs" } })).outboxId,
      person.id,
    );
    const { status, body } = await callJson("GET", `/api/dev/outbox?to=${encodeURIComponent(person.email)}`, {
      as: person.as,
    });
    expect(status).toBe(200);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ status: "delivered", kind: "credit_pending" });
    expect(body.items[0].subject).toContain("Wrote docs");
    expect(body.items[0].text).toContain("http://localhost:8787/");
  });
});
