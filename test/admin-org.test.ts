import { describe, expect, it } from "vitest";
import { DEFAULT_DIMENSIONS } from "../worker/domain/credit";
import { callJson, createChallenge, env, expectError, expectInvalid, JUNK_BODIES, member } from "./helpers";

const admin = () => member({ roles: ["admin"] });

async function auditActions(as: string) {
  const res = await callJson("GET", "/api/admin/audit?limit=100", { as });
  expect(res.status).toBe(200);
  return res.body.items as { action: string; actor: { id: string } | null; detail: Record<string, unknown> }[];
}

describe("PATCH /api/admin/settings", () => {
  it("changes the settings, shows them on /api/org and records who changed what", async () => {
    const a = await admin();
    const before = (await callJson("GET", "/api/org", { as: a.as })).body;
    const res = await callJson("PATCH", "/api/admin/settings", {
      as: a.as,
      body: { name: "Crux Labs", commitmentCapPercent: 60, responseDeadlineDays: 10 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: "Crux Labs", commitmentCapPercent: 60, responseDeadlineDays: 10 });
    expect((await callJson("GET", "/api/org", { as: a.as })).body).toMatchObject({ commitmentCapPercent: 60 });
    const [entry] = await auditActions(a.as);
    expect(entry).toMatchObject({
      action: "settings_changed",
      actor: { id: a.id },
      detail: {
        name: { from: before.name, to: "Crux Labs" },
        commitmentCapPercent: { from: before.commitmentCapPercent, to: 60 },
      },
    });
    // Nothing changed: no audit entry.
    const count = (await auditActions(a.as)).length;
    expect((await callJson("PATCH", "/api/admin/settings", { as: a.as, body: { name: "Crux Labs" } })).status).toBe(
      200,
    );
    expect(await auditActions(a.as)).toHaveLength(count);
    await callJson("PATCH", "/api/admin/settings", {
      as: a.as,
      body: { name: before.name, commitmentCapPercent: before.commitmentCapPercent, responseDeadlineDays: 14 },
    });
  });

  it("the new commitment cap is the one acceptances are held to", async () => {
    const a = await admin();
    await callJson("PATCH", "/api/admin/settings", { as: a.as, body: { commitmentCapPercent: 20 } });
    const lead = await member();
    const id = await createChallenge(
      lead.as,
      { slots: [{ discipline: "data", count: 1, commitmentPercent: 30 }] },
      true,
    );
    const slotId = (await callJson("GET", `/api/challenges/${id}`, { as: lead.as })).body.slots[0].id;
    const applicant = await member({ discipline: "data" });
    const applied = await callJson("POST", `/api/challenges/${id}/slots/${slotId}/applications`, {
      as: applicant.as,
      body: { pitch: "I know this data inside out." },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const accepted = await callJson("POST", `/api/applications/${applied.body.id}/decision`, {
      as: lead.as,
      body: { decision: "accept" },
    });
    expectError(accepted, 409);
    expect(accepted.body.error.message).toMatch(/20% cap/);
    await callJson("PATCH", "/api/admin/settings", { as: a.as, body: { commitmentCapPercent: 100 } });
  });

  it("refuses a currency change once money has moved (409), and allows it before", async () => {
    const a = await admin();
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM ledger_entries").first<{ n: number }>()) ?? { n: 0 };
    expect(n).toBe(0);
    const eur = await callJson("PATCH", "/api/admin/settings", { as: a.as, body: { currency: "eur" } });
    expect(eur.status, JSON.stringify(eur.body)).toBe(200);
    expect(eur.body.currency).toBe("EUR");
    await env.DB.prepare(
      "INSERT INTO ledger_entries (id, type, amount) VALUES ('le_admin_org_test', 'allocation', 100)",
    ).run();
    expectError(
      await callJson("PATCH", "/api/admin/settings", { as: a.as, body: { currency: "GBP" } }),
      409,
      "currency_locked",
    );
    // The same currency again is no change at all.
    expect((await callJson("PATCH", "/api/admin/settings", { as: a.as, body: { currency: "EUR" } })).status).toBe(200);
  });

  it("names each bad field (400) and never answers junk with a 500", async () => {
    const a = await admin();
    expectInvalid(
      await callJson("PATCH", "/api/admin/settings", {
        as: a.as,
        body: { name: "x", currency: "DOLLARS", commitmentCapPercent: 150, responseDeadlineDays: 0 },
      }),
      "name",
      "currency",
      "commitmentCapPercent",
      "responseDeadlineDays",
    );
    expectInvalid(await callJson("PATCH", "/api/admin/settings", { as: a.as, body: { currency: "ZZZ" } }), "currency");
    for (const body of JUNK_BODIES) {
      const res = await callJson("PATCH", "/api/admin/settings", { as: a.as, body });
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
    }
  });
});

describe("framework dimensions", () => {
  it("lists the defaults, replaces them in order, and impact packets group by the new ones", async () => {
    const a = await admin();
    const listed = await callJson("GET", "/api/admin/framework-dimensions", { as: a.as });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual(DEFAULT_DIMENSIONS.map((d) => d.id));

    const items = [
      { id: "craft", name: "Craft", description: "Hands-on work.", contributionTypes: ["software", "design"] },
      { id: "leadership", name: "Leadership", contributionTypes: ["supervision_mentoring", "conceptualization"] },
      { id: "everything_else", name: "Everything else", contributionTypes: [] },
    ];
    const put = await callJson("PUT", "/api/admin/framework-dimensions", { as: a.as, body: { items } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.items).toEqual([
      { ...items[0] },
      { ...items[1], description: "" },
      { ...items[2], description: "" },
    ]);
    const packet = await callJson("GET", `/api/people/${a.id}/portfolio`, { as: a.as });
    expect(packet.status).toBe(200);
    expect(packet.body.dimensions.map((d: { id: string; holdsLends: boolean }) => [d.id, d.holdsLends])).toEqual([
      ["craft", false],
      ["leadership", true],
      ["everything_else", false],
    ]);
    const md = await env.DB.prepare("SELECT count(*) AS n FROM framework_dimensions").first<{ n: number }>();
    expect(md?.n).toBe(3);
    expect((await auditActions(a.as))[0]).toMatchObject({
      action: "framework_changed",
      detail: { dimensions: ["craft", "leadership", "everything_else"] },
    });
  });

  it("refuses a type in two dimensions, repeated ids, an empty list and bad ids (400 naming each)", async () => {
    const a = await admin();
    const twice = await callJson("PUT", "/api/admin/framework-dimensions", {
      as: a.as,
      body: {
        items: [
          { id: "one", name: "One", contributionTypes: ["software"] },
          { id: "two", name: "Two", contributionTypes: ["software"] },
          { id: "one", name: "Again", contributionTypes: [] },
        ],
      },
    });
    expectInvalid(twice, "items.1.contributionTypes", "items.2.id");
    expectInvalid(await callJson("PUT", "/api/admin/framework-dimensions", { as: a.as, body: { items: [] } }), "items");
    expectInvalid(
      await callJson("PUT", "/api/admin/framework-dimensions", {
        as: a.as,
        body: { items: [{ id: "Bad Id", name: "x", contributionTypes: ["juggling"] }] },
      }),
      "items.0.id",
      "items.0.name",
      "items.0.contributionTypes.0",
    );
  });
});

describe("disciplines", () => {
  it("adds one, renames it, retires it (kept, no longer active), and audits each change", async () => {
    const a = await admin();
    const added = await callJson("POST", "/api/admin/disciplines", {
      as: a.as,
      body: { id: "security", name: "Security" },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toEqual({ id: "security", name: "Security", active: true });
    expectError(
      await callJson("POST", "/api/admin/disciplines", { as: a.as, body: { id: "sec", name: "security" } }),
      409,
      "duplicate",
    );
    const renamed = await callJson("PATCH", "/api/admin/disciplines/security", {
      as: a.as,
      body: { name: "Security engineering" },
    });
    expect(renamed.body).toEqual({ id: "security", name: "Security engineering", active: true });
    expectError(
      await callJson("PATCH", "/api/admin/disciplines/security", { as: a.as, body: { name: "Design" } }),
      409,
      "duplicate",
    );
    const retired = await callJson("PATCH", "/api/admin/disciplines/security", { as: a.as, body: { active: false } });
    expect(retired.body.active).toBe(false);
    const org = (await callJson("GET", "/api/org", { as: a.as })).body;
    expect(org.disciplines).toContainEqual({ id: "security", name: "Security engineering", active: false });
    expect((await auditActions(a.as)).slice(0, 3).map((e) => e.action)).toEqual([
      "discipline_changed",
      "discipline_changed",
      "discipline_added",
    ]);
    expectError(await callJson("PATCH", "/api/admin/disciplines/nope", { as: a.as, body: { active: true } }), 404);
    expectInvalid(
      await callJson("POST", "/api/admin/disciplines", { as: a.as, body: { id: "9x", name: "" } }),
      "id",
      "name",
    );
  });
});

describe("permissions and the audit log", () => {
  it("is admin-only: 403 for every other role, 401 without a session", async () => {
    for (const role of [[], ["sponsor"], ["reviewer"]] as const) {
      const who = await member({ roles: [...role] });
      for (const [method, path, body] of [
        ["PATCH", "/api/admin/settings", { name: "Nope" }],
        ["GET", "/api/admin/framework-dimensions", undefined],
        ["PUT", "/api/admin/framework-dimensions", { items: [{ id: "x1", name: "X one", contributionTypes: [] }] }],
        ["POST", "/api/admin/disciplines", { id: "nope", name: "Nope" }],
        ["PATCH", "/api/admin/disciplines/design", { active: false }],
        ["GET", "/api/admin/audit", undefined],
      ] as const) {
        expectError(await callJson(method, path, { as: who.as, body }), 403, "forbidden");
        expectError(await callJson(method, path, { body }), 401);
      }
    }
  });

  it("lists organisation-wide changes newest first, pages to the end without repeats, and leaves out challenge activity", async () => {
    const a = await admin();
    for (let i = 0; i < 5; i++) {
      await callJson("PATCH", "/api/admin/settings", { as: a.as, body: { responseDeadlineDays: 20 + i } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: any } = await callJson(
        "GET",
        `/api/admin/audit?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { as: a.as },
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((e: { id: string }) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await auditActions(a.as);
    expect(all.map((e) => (e as unknown as { id: string }).id)).toEqual(seen);
    expect(all.slice(0, 5).map((e) => e.detail.responseDeadlineDays)).toEqual(
      [24, 23, 22, 21, 20].map((to, i) => ({ from: i === 4 ? 14 : to - 1, to })),
    );
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM activities WHERE challenge_id IS NULL").first<{
      n: number;
    }>()) ?? { n: -1 };
    expect(seen).toHaveLength(n);
    expectInvalid(await callJson("GET", "/api/admin/audit?cursor=garbage", { as: a.as }), "cursor");
  });
});

describe("GET /api/admin/audit: each line names whom the change was about", () => {
  it("names the sponsor of an allocation and the person whose roles changed", async () => {
    const a = await admin();
    const period = await callJson("POST", "/api/admin/budget-periods", {
      as: a.as,
      body: { name: `FY audit ${Date.now()}`, startsOn: "2026-01-01", endsOn: "2026-12-31" },
    });
    expect(period.status, JSON.stringify(period.body)).toBe(201);
    const sponsor = await member({ roles: ["sponsor"], name: "Sasha Sponsor" });
    const allocated = await callJson("POST", "/api/admin/allocations", {
      as: a.as,
      body: { periodId: period.body.id, sponsorId: sponsor.id, amount: 500_000 },
    });
    expect(allocated.status, JSON.stringify(allocated.body)).toBe(201);
    const promoted = await member({ name: "Rene Reviewer" });
    expect(
      (await callJson("PATCH", `/api/people/${promoted.id}`, { as: a.as, body: { roles: ["reviewer"] } })).status,
    ).toBe(200);

    const items = (await callJson("GET", "/api/admin/audit?limit=100", { as: a.as })).body.items as {
      action: string;
      subject: { id: string; name: string } | null;
      detail: Record<string, unknown>;
    }[];
    expect(items.find((e) => e.action === "budget_allocated" && e.detail.sponsorId === sponsor.id)?.subject).toEqual({
      id: sponsor.id,
      name: "Sasha Sponsor",
    });
    expect(items.find((e) => e.action === "roles_changed" && e.detail.personId === promoted.id)?.subject).toEqual({
      id: promoted.id,
      name: "Rene Reviewer",
    });
    expect(items.find((e) => e.action === "period_created")?.subject).toBeNull();
  });
});
