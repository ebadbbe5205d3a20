import { describe, expect, it } from "vitest";
import {
  callJson,
  createChallenge,
  env,
  expectError,
  expectInvalid,
  JUNK_BODIES,
  member,
  seedPerson,
  setChallenge,
} from "./helpers";

/** A random lower-case token, so a test can search for exactly the people it seeded. */
const token = () => `q${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`;

const directory = (as: string, query: string) => callJson("GET", `/api/people?${query}`, { as });
const idsOf = (res: { body: any }) => (res.body.items as { id: string }[]).map((p) => p.id);
const patch = (as: string, id: string, body: unknown) => callJson("PATCH", `/api/people/${id}`, { as, body });

describe("GET /api/people", () => {
  it("searches by name, e-mail, title or skill, ignoring case", async () => {
    const { as } = await member();
    const t = token();
    const byName = await seedPerson({ name: `Ada ${t}name` });
    const byEmail = await seedPerson({ email: `${t}mail@example.com` });
    const byTitle = await seedPerson({ title: `Chief ${t}title` });
    const bySkill = await seedPerson({ skills: ["sql", `${t}skill`] });
    await seedPerson({ name: "Unrelated" });

    expect(idsOf(await directory(as, `q=${t}`)).sort()).toEqual(
      [byName, byEmail, byTitle, bySkill].map((p) => p.id).sort(),
    );
    expect(idsOf(await directory(as, `q=${t.toUpperCase()}NAME`))).toEqual([byName.id]);
    expect(idsOf(await directory(as, `q=${t}MAIL@EXAMPLE`))).toEqual([byEmail.id]);
    expect(idsOf(await directory(as, `q=${t}Title`))).toEqual([byTitle.id]);
    expect(idsOf(await directory(as, `q=${t}SKILL`))).toEqual([bySkill.id]);
    expect(idsOf(await directory(as, `q=${encodeURIComponent(`  ${t}skill `)}`))).toEqual([bySkill.id]);
  });

  it("treats % and _ in q as literal characters", async () => {
    const { as } = await member();
    const t = token();
    const percent = await seedPerson({ title: `50%${t}` });
    const underscore = await seedPerson({ title: `snake_${t}` });
    await seedPerson({ title: `50 and more ${t}` });
    await seedPerson({ title: `snakeX${t}` });
    expect(idsOf(await directory(as, `q=${encodeURIComponent(`50%${t}`)}`))).toEqual([percent.id]);
    expect(idsOf(await directory(as, `q=${encodeURIComponent(`e_${t}`)}`))).toEqual([underscore.id]);
    const anyPercent = await directory(as, "q=%25&limit=100");
    expect(anyPercent.status).toBe(200);
    for (const p of anyPercent.body.items) expect(JSON.stringify([p.name, p.email, p.title, p.skills])).toContain("%");
    expect(idsOf(anyPercent)).toContain(percent.id);
    expect((await directory(as, `q=${encodeURIComponent("\\")}`)).status).toBe(200);
  });

  it("matches skills, not the JSON they are stored in", async () => {
    const { as } = await member();
    await seedPerson({ skills: ["sql", "go"] });
    await seedPerson({ skills: [] });
    for (const q of ["[", "]", '"', '","', "[]"]) {
      const res = await directory(as, `q=${encodeURIComponent(q)}&limit=100`);
      expect(res.status).toBe(200);
      for (const p of res.body.items) {
        const fields = [p.name, p.email, p.title, ...p.skills].map((f: string) => f.toLowerCase());
        expect(
          fields.some((f) => f.includes(q)),
          `q=${q} listed ${JSON.stringify(p)}`,
        ).toBe(true);
      }
    }
  });

  it("filters by discipline and by role", async () => {
    const { as } = await member();
    const t = token();
    const designer = await seedPerson({ title: t, discipline: "design" });
    const sponsor = await seedPerson({ title: t, roles: ["sponsor"] });
    const both = await seedPerson({ title: t, discipline: "design", roles: ["sponsor", "reviewer"] });
    const plain = await seedPerson({ title: t });
    expect(idsOf(await directory(as, `q=${t}&discipline=design`)).sort()).toEqual([designer.id, both.id].sort());
    expect(idsOf(await directory(as, `q=${t}&role=sponsor`)).sort()).toEqual([sponsor.id, both.id].sort());
    expect(idsOf(await directory(as, `q=${t}&role=reviewer&discipline=design`))).toEqual([both.id]);
    expect(idsOf(await directory(as, `q=${t}&role=member`)).sort()).toEqual(
      [designer.id, sponsor.id, both.id, plain.id].sort(),
    );
    expect(idsOf(await directory(as, `q=${t}&discipline=legal`))).toEqual([]);
  });

  it("answers people with their roles, and leaves out inactive people", async () => {
    const { as } = await member();
    const t = token();
    const active = await seedPerson({ name: `Active ${t}`, roles: ["reviewer"], skills: ["go"] });
    await seedPerson({ name: `Gone ${t}`, active: false });
    const res = await directory(as, `q=${t}`);
    expect(res.body).toEqual({
      items: [
        {
          id: active.id,
          email: active.email,
          name: `Active ${t}`,
          title: "Engineer",
          disciplineId: "engineering",
          track: "ic",
          levelId: "IC4",
          managerId: null,
          skills: ["go"],
          bio: "",
          avatarUrl: null,
          active: true,
          roles: ["member", "reviewer"],
        },
      ],
      nextCursor: null,
    });
  });

  it("pages through 25 people by name to the end, without repeats or gaps (names tie)", async () => {
    const { as } = await member();
    const t = token();
    const seeded: string[] = [];
    for (let i = 0; i < 25; i++) {
      // Five people share each name, so the id breaks ties.
      const { id } = await seedPerson({
        name: `Walker ${String.fromCharCode(69 - (i % 5))}`,
        title: `Cartographer ${t}`,
      });
      seeded.push(id);
    }
    const whole = await directory(as, `q=${t}&limit=100`);
    expect(whole.body.nextCursor).toBeNull();
    const wholeIds = idsOf(whole);
    expect([...wholeIds].sort()).toEqual([...seeded].sort());
    const names = whole.body.items.map((p: any) => `${p.name}|${p.id}`);
    expect(names).toEqual([...names].sort());

    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `q=${t}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await directory(as, query);
      expect(page.status).toBe(200);
      walked.push(...idsOf(page));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBe(7);
    expect(walked).toEqual(wholeIds);
  });

  it("refuses a bad limit, cursor, role or over-long q (400 naming each)", async () => {
    const { as } = await member();
    for (const limit of ["0", "101", "x"]) expectInvalid(await directory(as, `limit=${limit}`), "limit");
    expectInvalid(await directory(as, "cursor=nonsense"), "cursor");
    expectInvalid(await directory(as, "role=king"), "role");
    expectInvalid(await directory(as, `q=${"a".repeat(101)}`), "q");
  });

  it("is 401 without a session", async () => {
    expectError(await callJson("GET", "/api/people"), 401, "unauthenticated");
  });
});

describe("GET /api/people/:id", () => {
  it("shows the manager, reports, challenges led and co-led, and how many they back", async () => {
    const boss = await seedPerson({ name: "Boss", track: "management", level: "M2" });
    const person = await member({ name: "Pat", managerId: boss.id });
    const reportB = await seedPerson({ name: "B report", managerId: person.id });
    const reportA = await seedPerson({ name: "A report", managerId: person.id });
    const led = await createChallenge(person.as, { title: "Pat leads this" }, true);
    const ownDraft = await createChallenge(person.as, { title: "Pat's draft" });
    const other = await member();
    const coLed = await createChallenge(other.as, { title: "Pat co-leads this" }, true);
    await setChallenge(coLed, { co_lead_id: person.id });
    const coLedDraft = await createChallenge(other.as, { title: "Co-led draft" });
    await setChallenge(coLedDraft, { co_lead_id: person.id });
    // A lead does not back their own challenge (worker/domain/lifecycle.ts backingRefusal): Pat backs others'.
    for (const title of ["Pat backs this", "Pat backs this too"]) {
      const backed = await createChallenge(other.as, { title }, true);
      expect((await callJson("PUT", `/api/challenges/${backed}/backing`, { as: person.as })).status).toBe(200);
    }

    const viewer = await member();
    const res = await callJson("GET", `/api/people/${person.id}`, { as: viewer.as });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: person.id,
      name: "Pat",
      manager: { id: boss.id, name: "Boss" },
      reports: [
        { id: reportA.id, name: "A report" },
        { id: reportB.id, name: "B report" },
      ],
      backing: 2,
      viewer: { canEdit: false, canEditRoles: false },
    });
    expect(res.body.challenges).toHaveLength(2);
    expect(res.body.challenges).toEqual(
      expect.arrayContaining([
        { id: led, title: "Pat leads this", stage: "open", role: "lead" },
        { id: coLed, title: "Pat co-leads this", stage: "open", role: "co-lead" },
      ]),
    );

    const own = await callJson("GET", `/api/people/${person.id}`, { as: person.as });
    expect(own.body.viewer).toEqual({ canEdit: true, canEditRoles: false });
    expect(own.body.challenges.map((c: any) => c.id).sort()).toEqual([led, ownDraft, coLed, coLedDraft].sort());
    expect(own.body.challenges.find((c: any) => c.id === ownDraft)).toMatchObject({ stage: "draft", role: "lead" });

    // The lead of the co-led draft sees it on their own profile, but not on Pat's.
    const onOthers = await callJson("GET", `/api/people/${person.id}`, { as: other.as });
    expect(onOthers.body.challenges.map((c: any) => c.id)).not.toContain(coLedDraft);
  });

  it("shows an admin that they may edit roles", async () => {
    const person = await seedPerson();
    const admin = await member({ roles: ["admin"] });
    const res = await callJson("GET", `/api/people/${person.id}`, { as: admin.as });
    expect(res.body).toMatchObject({ manager: null, reports: [], challenges: [], backing: 0 });
    expect(res.body.viewer).toEqual({ canEdit: true, canEditRoles: true });
  });

  it("is 404 for an unknown id, 400 for a malformed one, 401 without a session", async () => {
    const { as, id } = await member();
    expectError(await callJson("GET", "/api/people/p_nobody", { as }), 404, "not_found");
    expectInvalid(await callJson("GET", "/api/people/not.an.id", { as }), "id");
    expectError(await callJson("GET", `/api/people/${id}`), 401);
  });
});

describe("PATCH /api/people/:id", () => {
  it("lets a person edit their own name, title, discipline, skills, bio and avatar", async () => {
    const me = await member();
    const body = {
      name: "  Grace Hopper ",
      title: "Rear Admiral",
      discipline: "research",
      skills: ["COBOL", "cobol", "Compilers"],
      bio: "Found the first bug.",
      avatarUrl: "https://example.com/grace.png",
    };
    const res = await patch(me.as, me.id, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: me.id,
      name: "Grace Hopper",
      title: "Rear Admiral",
      disciplineId: "research",
      skills: ["cobol", "compilers"],
      bio: "Found the first bug.",
      avatarUrl: "https://example.com/grace.png",
      roles: ["member"],
    });
    const again = await callJson("GET", `/api/people/${me.id}`, { as: me.as });
    expect(again.body).toMatchObject({ name: "Grace Hopper", disciplineId: "research" });
    const cleared = await patch(me.as, me.id, { avatarUrl: null, discipline: null });
    expect(cleared.body).toMatchObject({ avatarUrl: null, disciplineId: null, name: "Grace Hopper" });
  });

  it("is 403 with a reason on someone else's profile", async () => {
    const me = await member();
    const other = await seedPerson({ name: "Other" });
    const res = await patch(me.as, other.id, { name: "Renamed" });
    expect(expectError(res, 403, "forbidden").message).toMatch(/own profile/);
    const name = await env.DB.prepare("SELECT name FROM people WHERE id = ?").bind(other.id).first("name");
    expect(name).toBe("Other");
  });

  it("is 403 naming the fields when a non-admin sends roles, track, level, managerId or active", async () => {
    const me = await member({ roles: ["sponsor", "reviewer"] });
    const boss = await seedPerson();
    const fields = {
      roles: ["member", "admin"],
      track: "management",
      level: "M2",
      managerId: boss.id,
      active: true,
    };
    for (const [field, value] of Object.entries(fields)) {
      const res = await patch(me.as, me.id, { name: "Sneaky", [field]: value });
      expect(expectError(res, 403, "forbidden").message).toContain(field);
    }
    const all = expectError(await patch(me.as, me.id, fields), 403);
    for (const field of Object.keys(fields)) expect(all.message).toContain(field);
    const row = await callJson("GET", `/api/me`, { as: me.as });
    expect(row.body).toMatchObject({ roles: ["member", "sponsor", "reviewer"], track: "ic", managerId: null });
    expect(row.body.name).not.toBe("Sneaky");
  });

  it("lets an admin set roles, always keeping member, and leaves an audit entry", async () => {
    const admin = await member({ roles: ["admin"] });
    const person = await member();
    const res = await patch(admin.as, person.id, { roles: ["reviewer", "sponsor", "sponsor"] });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(["member", "sponsor", "reviewer"]);
    expect((await callJson("GET", "/api/me", { as: person.as })).body.roles).toEqual(["member", "sponsor", "reviewer"]);
    const none = await patch(admin.as, person.id, { roles: [] });
    expect(none.body.roles).toEqual(["member"]);
    const audit = await env.DB.prepare(
      "SELECT actor_id AS actorId, detail FROM activities WHERE action = 'person_updated' AND detail LIKE ? ORDER BY created_at, id",
    )
      .bind(`%${person.id}%`)
      .all<{ actorId: string; detail: string }>();
    expect(audit.results).toHaveLength(2);
    expect(audit.results[0].actorId).toBe(admin.id);
    expect(JSON.parse(audit.results[0].detail).fields).toContain("roles");
  });

  it("lets an admin change track, level and manager together", async () => {
    const admin = await member({ roles: ["admin"] });
    const manager = await seedPerson({ track: "management", level: "M3" });
    const person = await seedPerson({ track: "ic", level: "IC5" });
    const res = await patch(admin.as, person.id, { track: "management", level: "M1", managerId: manager.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ track: "management", levelId: "M1", managerId: manager.id });
    const cleared = await patch(admin.as, person.id, { managerId: null, level: null });
    expect(cleared.body).toMatchObject({ managerId: null, levelId: null, track: "management" });
  });

  it("refuses a level of the other track or outside the framework (400 on level)", async () => {
    const admin = await member({ roles: ["admin"] });
    const person = await seedPerson({ track: "ic", level: "IC4" });
    expectInvalid(await patch(admin.as, person.id, { level: "M2" }), "level");
    expectInvalid(await patch(admin.as, person.id, { track: "management" }), "level");
    expectInvalid(await patch(admin.as, person.id, { track: "management", level: "IC6" }), "level");
    expectInvalid(await patch(admin.as, person.id, { level: "IC9" }), "level");
    const row = await env.DB.prepare("SELECT track, level_id AS level FROM people WHERE id = ?")
      .bind(person.id)
      .first();
    expect(row).toEqual({ track: "ic", level: "IC4" });
  });

  it("refuses an unknown discipline (400 on discipline), for anyone", async () => {
    const me = await member();
    expectInvalid(await patch(me.as, me.id, { discipline: "astrology" }), "discipline");
    const admin = await member({ roles: ["admin"] });
    expectInvalid(await patch(admin.as, me.id, { discipline: "alchemy" }), "discipline");
  });

  it("refuses a manager that would close a reporting loop (409)", async () => {
    const admin = await member({ roles: ["admin"] });
    const top = await seedPerson({ name: "Top" });
    const middle = await seedPerson({ name: "Middle", managerId: top.id });
    const bottom = await seedPerson({ name: "Bottom", managerId: middle.id });
    expectError(await patch(admin.as, top.id, { managerId: bottom.id }), 409, "manager_cycle");
    expectError(await patch(admin.as, top.id, { managerId: middle.id }), 409, "manager_cycle");
    expectError(await patch(admin.as, top.id, { managerId: top.id }), 409, "manager_cycle");
    const row = await env.DB.prepare("SELECT manager_id AS m FROM people WHERE id = ?").bind(top.id).first("m");
    expect(row).toBeNull();
    expect((await patch(admin.as, bottom.id, { managerId: top.id })).status).toBe(200);
  });

  it("refuses a manager who does not exist (400 on managerId)", async () => {
    const admin = await member({ roles: ["admin"] });
    const person = await seedPerson();
    expectInvalid(await patch(admin.as, person.id, { managerId: "p_nobody" }), "managerId");
  });

  it("keeps an admin from removing their own admin role or deactivating themselves (400)", async () => {
    const admin = await member({ roles: ["admin", "sponsor"] });
    expectInvalid(await patch(admin.as, admin.id, { roles: ["sponsor"] }), "roles");
    expectInvalid(await patch(admin.as, admin.id, { active: false }), "active");
    const kept = await patch(admin.as, admin.id, { roles: ["admin"] });
    expect(kept.status).toBe(200);
    expect(kept.body.roles).toEqual(["member", "admin"]);
  });

  it("lets an admin deactivate someone: their session ends and they leave the directory", async () => {
    const admin = await member({ roles: ["admin"] });
    const t = token();
    const person = await member({ name: `Leaver ${t}` });
    expect(idsOf(await directory(admin.as, `q=${t}`))).toEqual([person.id]);
    const res = await patch(admin.as, person.id, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expectError(await callJson("GET", "/api/me", { as: person.as }), 401, "unauthenticated");
    expect(idsOf(await directory(admin.as, `q=${t}`))).toEqual([]);
  });

  it("is 404 when an admin edits someone who does not exist", async () => {
    const admin = await member({ roles: ["admin"] });
    expectError(await patch(admin.as, "p_nobody", { name: "Ghost" }), 404, "not_found");
  });

  it.each([
    ["a javascript: avatar", { avatarUrl: "javascript:alert(1)" }, "avatarUrl"],
    ["a data: avatar", { avatarUrl: "data:image/png;base64,AAAA" }, "avatarUrl"],
    ["an avatar that is not a URL", { avatarUrl: "not a url" }, "avatarUrl"],
    ["an empty name", { name: "   " }, "name"],
    ["a name over 100 characters", { name: "n".repeat(101) }, "name"],
    ["a bio over 5000 characters", { bio: "b".repeat(5001) }, "bio"],
    ["more than 30 skills", { skills: Array.from({ length: 31 }, (_, i) => `s${i}`) }, "skills"],
    ["an empty skill", { skills: ["ok", ""] }, "skills.1"],
    ["skills as a string", { skills: "sql" }, "skills"],
  ])("refuses %s (400 naming the field)", async (_label, body, field) => {
    const me = await member();
    expectInvalid(await patch(me.as, me.id, body), field);
  });

  it("refuses an unknown role or track (400 naming the field)", async () => {
    const admin = await member({ roles: ["admin"] });
    const person = await seedPerson();
    expectInvalid(await patch(admin.as, person.id, { roles: ["king"], track: "executive" }), "roles.0", "track");
  });

  it("never answers junk with a 500", async () => {
    const admin = await member({ roles: ["admin"] });
    const person = await seedPerson();
    for (const body of JUNK_BODIES) {
      const res = await patch(admin.as, person.id, body);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      if (res.status >= 400) expectError(res, res.status);
    }
  });

  it("is 401 without a session", async () => {
    const person = await seedPerson();
    expectError(await callJson("PATCH", `/api/people/${person.id}`, { body: { name: "Anon" } }), 401);
  });
});

describe("GET /api/org", () => {
  it("answers the settings, the disciplines and the career framework", async () => {
    const { as } = await member();
    const res = await callJson("GET", "/api/org", { as });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: "Crux",
      currency: "USD",
      commitmentCapPercent: 100,
      responseDeadlineDays: 14,
    });
    expect(res.body.disciplines.map((d: any) => d.id)).toEqual([
      "engineering",
      "design",
      "product",
      "data",
      "research",
      "marketing",
      "sales",
      "operations",
      "finance",
      "legal",
      "people",
    ]);
    expect(res.body.disciplines[0]).toEqual({ id: "engineering", name: "Engineering", active: true });
    expect(res.body.levels.map((l: any) => l.id)).toEqual([
      "IC1",
      "IC2",
      "IC3",
      "IC4",
      "IC5",
      "IC6",
      "IC7",
      "M1",
      "M2",
      "M3",
      "M4",
      "M5",
      "M6",
    ]);
    expect(res.body.levels[4]).toMatchObject({ id: "IC5", track: "ic", rank: 5, name: expect.stringContaining("IC5") });
  });

  it("is 401 without a session", async () => {
    expectError(await callJson("GET", "/api/org"), 401, "unauthenticated");
  });
});
