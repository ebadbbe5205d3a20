import { describe, expect, it } from "vitest";
import { callJson, expectError, expectInvalid, member, seedPerson } from "./helpers";

/** A random lower-case token, so a test can search for exactly the people it seeded. */
const token = () => `q${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`;

const directory = (as: string, query: string) => callJson("GET", `/api/people?${query}`, { as });
const idsOf = (res: { body: any }) => (res.body.items as { id: string }[]).map((p) => p.id).sort();
const patch = (as: string, id: string, body: unknown) => callJson("PATCH", `/api/people/${id}`, { as, body });

describe("the people & roles table on /admin/people", () => {
  it("lists active people by default, and deactivated people or everyone for an admin", async () => {
    const admin = await member({ roles: ["admin"] });
    const t = token();
    const active = await seedPerson({ name: `Active ${t}` });
    const gone = await seedPerson({ name: `Gone ${t}`, active: false });

    expect(idsOf(await directory(admin.as, `q=${t}`))).toEqual([active.id]);
    expect(idsOf(await directory(admin.as, `q=${t}&status=active`))).toEqual([active.id]);
    expect(idsOf(await directory(admin.as, `q=${t}&status=inactive`))).toEqual([gone.id]);
    const all = await directory(admin.as, `q=${t}&status=all`);
    expect(idsOf(all)).toEqual([active.id, gone.id].sort());
    const shown = all.body.items.find((p: { id: string }) => p.id === gone.id);
    expect(shown).toMatchObject({ active: false, roles: ["member"] });
  });

  it("pages through everyone by name, active or not", async () => {
    const admin = await member({ roles: ["admin"] });
    const t = token();
    const seeded = [
      await seedPerson({ name: `A ${t}` }),
      await seedPerson({ name: `B ${t}`, active: false }),
      await seedPerson({ name: `C ${t}` }),
    ];
    const first = await directory(admin.as, `q=${t}&status=all&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((p: { id: string }) => p.id)).toEqual([seeded[0].id, seeded[1].id]);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await directory(
      admin.as,
      `q=${t}&status=all&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.items.map((p: { id: string }) => p.id)).toEqual([seeded[2].id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("refuses deactivated people to anyone but an admin, and an unknown status", async () => {
    const { as } = await member({ roles: ["sponsor", "reviewer"] });
    expectError(await directory(as, "status=inactive"), 403, "forbidden");
    expectError(await directory(as, "status=all"), 403, "forbidden");
    expect((await directory(as, "status=active")).status).toBe(200);
    const admin = await member({ roles: ["admin"] });
    expectInvalid(await directory(admin.as, "status=gone"), "status");
  });

  it("an admin gives and takes a role, deactivates and reactivates, and may not drop their own admin role", async () => {
    const admin = await member({ roles: ["admin"] });
    const t = token();
    const person = await seedPerson({ name: `Ines ${t}` });

    const given = await patch(admin.as, person.id, { roles: ["member", "reviewer"] });
    expect(given.status).toBe(200);
    expect(given.body.roles).toEqual(["member", "reviewer"]);
    expect((await directory(admin.as, `q=${t}`)).body.items[0].roles).toEqual(["member", "reviewer"]);

    const taken = await patch(admin.as, person.id, { roles: ["member"] });
    expect(taken.body.roles).toEqual(["member"]);

    expect((await patch(admin.as, person.id, { active: false })).body.active).toBe(false);
    expect(idsOf(await directory(admin.as, `q=${t}`))).toEqual([]);
    expect((await directory(admin.as, `q=${t}&status=inactive`)).body.items[0]).toMatchObject({ active: false });
    expect((await patch(admin.as, person.id, { active: true })).body.active).toBe(true);
    expect(idsOf(await directory(admin.as, `q=${t}`))).toEqual([person.id]);

    const own = await patch(admin.as, admin.id, { roles: ["member", "sponsor"] });
    expectInvalid(own, "roles");
    expect(own.body.error.details.fields.roles).toContain("cannot remove your own admin role");
  });
});
