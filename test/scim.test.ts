/**
 * SCIM 2.0 provisioning (SPEC §17), replayed request by request as the Okta and Microsoft Entra
 * ID provisioning validators send them, then the edges: bad filters, wrong tokens, a SCIM
 * token on /api, and what deactivation ends and keeps.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call, callJson, createChallenge, env, expectError, member, seedPerson, signIn } from "./helpers";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

let admin: { id: string; email: string; as: string };
let token: string;

async function scim(method: string, path: string, body?: unknown, bearer = token) {
  const res = await call(method, `/scim/v2${path}`, {
    body,
    headers: {
      Authorization: `Bearer ${bearer}`,
      ...(body !== undefined ? { "content-type": "application/scim+json" } : {}),
    },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const q = (filter: string) => `/Users?filter=${encodeURIComponent(filter)}`;
const unique = () => crypto.randomUUID().slice(0, 8);

function expectScimError(res: { status: number; body: any }, status: number, scimType?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.schemas).toEqual([ERROR]);
  expect(res.body.status).toBe(String(status));
  if (scimType) expect(res.body.scimType).toBe(scimType);
  expect(typeof res.body.detail).toBe("string");
}

async function auditOf(action: string, personId?: string) {
  const { results } = await env.DB.prepare(
    `SELECT actor_id AS actorId, detail, ip FROM activities WHERE action = ? ${personId ? "AND json_extract(detail, '$.personId') = ?" : ""}`,
  )
    .bind(...(personId ? [action, personId] : [action]))
    .all<{ actorId: string | null; detail: string; ip: string | null }>();
  return results.map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
}

async function rolesOf(personId: string) {
  const { results } = await env.DB.prepare("SELECT role FROM person_roles WHERE person_id = ? ORDER BY role")
    .bind(personId)
    .all<{ role: string }>();
  return results.map((r) => r.role);
}

beforeAll(async () => {
  admin = await member({ roles: ["admin"] });
  const issued = await callJson("POST", "/api/admin/scim-tokens", { as: admin.as, body: { name: "Okta" } });
  expect(issued.status).toBe(201);
  token = issued.body.token;
});

describe("SCIM tokens (SPEC §17)", () => {
  it("are issued once by an admin, stored hashed, listed without secrets and audited", async () => {
    const issued = await callJson("POST", "/api/admin/scim-tokens", { as: admin.as, body: { name: "Entra ID" } });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
    expect(issued.body.baseUrl).toBe("http://localhost/scim/v2");
    expect(issued.headers.get("cache-control")).toBe("no-store");
    const row = await env.DB.prepare("SELECT token_hash, prefix FROM scim_tokens WHERE id = ?")
      .bind(issued.body.id)
      .first<{ token_hash: string; prefix: string }>();
    expect(row?.token_hash).not.toContain(issued.body.token);
    expect(issued.body.token.startsWith(row?.prefix ?? "?")).toBe(true);
    const list = await callJson("GET", "/api/admin/scim-tokens", { as: admin.as });
    expect(list.body.items.map((t: { id: string }) => t.id)).toContain(issued.body.id);
    expect(JSON.stringify(list.body)).not.toContain(issued.body.token);
    const [entry] = (await auditOf("scim_token_issued")).filter((e) => e.detail.scimToken.id === issued.body.id);
    expect(entry).toMatchObject({ actorId: admin.id, detail: { scimToken: { name: "Entra ID" } } });
  });

  it("are for admins only, with a name", async () => {
    const someone = await member();
    expectError(await callJson("POST", "/api/admin/scim-tokens", { as: someone.as, body: { name: "x" } }), 403);
    expectError(await callJson("GET", "/api/admin/scim-tokens", { as: someone.as }), 403);
    const bad = await callJson("POST", "/api/admin/scim-tokens", { as: admin.as, body: { name: "" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toHaveProperty("name");
  });

  it("answers 401 to no token, a wrong token, an API token, and a revoked token", async () => {
    const none = await call("GET", "/scim/v2/Users");
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toContain("application/scim+json");
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expectScimError(await scim("GET", "/Users", undefined, "scim_wrong"), 401);
    expectScimError(await scim("GET", "/Users", undefined, `${token}x`), 401);
    const api = await callJson("POST", "/api/admin/tokens", {
      as: admin.as,
      body: { personId: admin.id, name: "integration", scope: "read write" },
    });
    expectScimError(await scim("GET", "/Users", undefined, api.body.token), 401);

    const issued = await callJson("POST", "/api/admin/scim-tokens", { as: admin.as, body: { name: "Old" } });
    expect((await scim("GET", "/ServiceProviderConfig", undefined, issued.body.token)).status).toBe(200);
    const revoked = await callJson("DELETE", `/api/admin/scim-tokens/${issued.body.id}`, { as: admin.as });
    expect(revoked.body.status).toBe("revoked");
    // Revoking again changes nothing and writes no second audit entry.
    expect((await callJson("DELETE", `/api/admin/scim-tokens/${issued.body.id}`, { as: admin.as })).status).toBe(200);
    const entries = (await auditOf("scim_token_revoked")).filter((e) => e.detail.scimToken.id === issued.body.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: admin.id, detail: { scimToken: { name: "Old" } } });
    expectScimError(await scim("GET", "/Users", undefined, issued.body.token), 401);
    expect((await callJson("DELETE", "/api/admin/scim-tokens/stk_nope", { as: admin.as })).status).toBe(404);
  });

  it("is never valid for /api", async () => {
    const res = await callJson("GET", "/api/me", { headers: { Authorization: `Bearer ${token}` } });
    expectError(res, 401);
    const write = await callJson("POST", "/api/admin/scim-tokens", {
      headers: { Authorization: `Bearer ${token}` },
      body: { name: "escalate" },
    });
    expectError(write, 401);
  });
});

describe("discovery", () => {
  it("describes exactly what is supported", async () => {
    const config = await scim("GET", "/ServiceProviderConfig");
    expect(config.status).toBe(200);
    expect(config.headers.get("content-type")).toContain("application/scim+json");
    expect(config.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      sort: { supported: false },
      etag: { supported: false },
      changePassword: { supported: false },
    });
    const types = await scim("GET", "/ResourceTypes");
    expect(types.body.Resources.map((t: { id: string }) => t.id)).toEqual(["User", "Group"]);
    expect((await scim("GET", "/ResourceTypes/User")).body.schemaExtensions).toEqual([
      { schema: ENTERPRISE, required: false },
    ]);
    const schemas = await scim("GET", "/Schemas");
    expect(schemas.body.totalResults).toBe(3);
    const user = await scim("GET", `/Schemas/${USER}`);
    expect(user.body.attributes.map((a: { name: string }) => a.name)).toContain("userName");
    expectScimError(await scim("GET", "/Schemas/urn:nope"), 404);
    expectScimError(await scim("GET", "/Nope"), 404);
  });
});

describe("the Okta validator's sequence", () => {
  const email = `okta.${unique()}@example.com`;
  let id: string;

  it("lists users one at a time", async () => {
    const res = await scim("GET", "/Users?count=1&startIndex=1");
    expect(res.status).toBe(200);
    expect(res.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:ListResponse"]);
    expect(res.body.itemsPerPage).toBe(1);
    expect(res.body.startIndex).toBe(1);
    expect(res.body.totalResults).toBeGreaterThanOrEqual(1);
  });

  it("looks for a user who is not there: an empty list, not 404", async () => {
    const res = await scim("GET", q(`userName eq "${email}"`));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it("creates the user", async () => {
    const res = await scim("POST", "/Users", {
      schemas: [USER],
      userName: email,
      name: { givenName: "Olive", familyName: "Kta" },
      emails: [{ primary: true, value: email, type: "work" }],
      displayName: "Olive Kta",
      locale: "en-US",
      externalId: `00u${unique()}`,
      groups: [],
      password: "never-stored-1A!",
      active: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    expect(res.headers.get("location")).toBe(`http://localhost/scim/v2/Users/${id}`);
    expect(res.body).toMatchObject({
      userName: email,
      active: true,
      name: { givenName: "Olive", familyName: "Kta" },
      displayName: "Olive Kta",
      meta: { resourceType: "User" },
    });
    expect(JSON.stringify(res.body)).not.toContain("never-stored");
    const person = await env.DB.prepare("SELECT name, active FROM people WHERE id = ?").bind(id).first();
    expect(person).toEqual({ name: "Olive Kta", active: 1 });
    expect(await rolesOf(id)).toEqual(["member"]);
    const [entry] = await auditOf("scim_user_created", id);
    expect(entry.actorId).toBeNull();
    expect(entry.detail.scimToken.name).toBe("Okta");
  });

  it("gets the user by id and by filter, in any case", async () => {
    expect((await scim("GET", `/Users/${id}`)).body.userName).toBe(email);
    const found = await scim("GET", q(`userName eq "${email.toUpperCase()}"`));
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);
  });

  it("refuses a duplicate with 409 uniqueness", async () => {
    const res = await scim("POST", "/Users", { schemas: [USER], userName: email, name: { givenName: "Dup" } });
    expectScimError(res, 409, "uniqueness");
  });

  it("replaces the user with PUT", async () => {
    const res = await scim("PUT", `/Users/${id}`, {
      schemas: [USER],
      id,
      userName: email,
      name: { givenName: "Olivia", familyName: "Kta" },
      emails: [{ primary: true, value: email, type: "work" }],
      title: "Staff Engineer",
      active: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: { givenName: "Olivia" },
      title: "Staff Engineer",
      displayName: "Olivia Kta",
    });
    const [entry] = await auditOf("scim_user_updated", id);
    expect(entry.detail.fields).toEqual(expect.arrayContaining(["name", "givenName", "title"]));
  });

  it('deactivates with {"op":"replace","value":{"active":false}} and reactivates the same way', async () => {
    const off = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await scim("GET", `/Users/${id}`)).body.active).toBe(false);
    expect(await auditOf("scim_user_deactivated", id)).toHaveLength(1);
    const on = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", value: { active: true } }],
    });
    expect(on.body.active).toBe(true);
    expect(await auditOf("scim_user_reactivated", id)).toHaveLength(1);
  });

  it("answers 404 for a user who does not exist", async () => {
    expectScimError(await scim("GET", "/Users/p_nobody"), 404);
    expectScimError(
      await scim("PATCH", "/Users/p_nobody", {
        schemas: [PATCH],
        Operations: [{ op: "replace", value: { active: false } }],
      }),
      404,
    );
  });

  it("pushes a group, adds and removes members, renames and deletes it: roles follow", async () => {
    const created = await scim("POST", "/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Crux Sponsors",
      members: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const gid = created.body.id;
    expect(created.headers.get("location")).toBe(`http://localhost/scim/v2/Groups/${gid}`);
    expectScimError(await scim("POST", "/Groups", { displayName: "crux sponsors" }), 409, "uniqueness");

    const add = await scim("PATCH", `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: "add", path: "members", value: [{ value: id, display: email }] }],
    });
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    expect(add.body.members.map((m: { value: string }) => m.value)).toEqual([id]);
    expect(await rolesOf(id)).toEqual(["member", "sponsor"]);
    const found = await scim(
      "GET",
      `/Groups?filter=${encodeURIComponent('displayName eq "Crux Sponsors"')}&excludedAttributes=members`,
    );
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].members).toBeUndefined();

    const rename = await scim("PATCH", `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", value: { id: gid, displayName: "Crux Reviewers" } }],
    });
    expect(rename.body.displayName).toBe("Crux Reviewers");
    expect(await rolesOf(id)).toEqual(["member", "reviewer"]);

    const remove = await scim("PATCH", `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: "remove", path: `members[value eq "${id}"]` }],
    });
    expect(remove.status, JSON.stringify(remove.body)).toBe(200);
    expect(remove.body.members ?? []).toEqual([]);
    expect(await rolesOf(id)).toEqual(["member"]);
    const [changed] = (await auditOf("scim_group_members_changed")).filter((e) => e.detail.groupId === gid);
    expect(changed.detail).toMatchObject({ added: [id], removed: [] });

    await scim("PATCH", `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: "add", path: "members", value: [{ value: id }] }],
    });
    expect(await rolesOf(id)).toEqual(["member", "reviewer"]);
    expect((await scim("DELETE", `/Groups/${gid}`)).status).toBe(204);
    expect(await rolesOf(id)).toEqual(["member"]);
    expectScimError(await scim("GET", `/Groups/${gid}`), 404);
  });
});

describe("the Entra ID validator's sequence", () => {
  const upn = `entra.${unique()}@example.com`;
  const externalId = crypto.randomUUID();
  let id: string;
  let managerId: string;

  it("creates a user with the enterprise extension after finding none", async () => {
    expect((await scim("GET", q(`userName eq "${upn}"`))).body.totalResults).toBe(0);
    const manager = await seedPerson({ name: "Mona Ager" });
    managerId = manager.id;
    await callJson("PUT", "/api/admin/scim/departments", {
      as: admin.as,
      body: { items: [{ department: "Research", disciplineId: "research" }] },
    });
    const res = await scim("POST", "/Users", {
      schemas: [USER, ENTERPRISE],
      externalId,
      userName: upn,
      active: true,
      displayName: "Eddie Ntra",
      emails: [{ primary: true, type: "work", value: upn }],
      name: { formatted: "Eddie Ntra", familyName: "Ntra", givenName: "Eddie" },
      title: "Principal Scientist",
      [ENTERPRISE]: { department: "Research", employeeNumber: "42", manager: { value: managerId } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    expect(res.body[ENTERPRISE]).toMatchObject({ department: "Research", manager: { value: managerId } });
    const person = await env.DB.prepare("SELECT discipline_id AS d, manager_id AS m, title FROM people WHERE id = ?")
      .bind(id)
      .first();
    expect(person).toEqual({ d: "research", m: managerId, title: "Principal Scientist" });
  });

  it("finds the user by externalId and by emails[value eq]", async () => {
    const byExternal = await scim("GET", q(`externalId eq "${externalId}"`));
    expect(byExternal.body.Resources.map((u: { id: string }) => u.id)).toEqual([id]);
    const byEmail = await scim("GET", q(`emails[value eq "${upn}"]`));
    expect(byEmail.body.totalResults).toBe(1);
    const both = await scim("GET", q(`userName eq "${upn}" and externalId eq "${externalId}"`));
    expect(both.body.totalResults).toBe(1);
    const neither = await scim("GET", q(`userName eq "${upn}" and externalId eq "other"`));
    expect(neither.body.totalResults).toBe(0);
  });

  it("patches with Entra's forms: capitalised ops, value paths, extension paths, a bare manager id", async () => {
    const other = await seedPerson({ name: "Nia Ew" });
    const res = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: "Replace", path: 'emails[type eq "work"].value', value: upn },
        { op: "Replace", path: "name.givenName", value: "Edward" },
        { op: "Add", path: "title", value: "Distinguished Scientist" },
        { op: "Replace", path: `${ENTERPRISE}:department`, value: "Unmapped Lab" },
        { op: "Add", path: `${ENTERPRISE}:manager`, value: other.id },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      name: { givenName: "Edward" },
      title: "Distinguished Scientist",
      [ENTERPRISE]: { department: "Unmapped Lab", manager: { value: other.id } },
    });
    // An unmapped department leaves the discipline as it was, and shows on /admin as unmapped.
    const person = await env.DB.prepare("SELECT discipline_id AS d FROM people WHERE id = ?").bind(id).first();
    expect(person).toEqual({ d: "research" });
    const departments = await callJson("GET", "/api/admin/scim/departments", { as: admin.as });
    expect(departments.body.items).toContainEqual({ department: "Unmapped Lab", disciplineId: null, people: 1 });

    const removeManager = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: "Remove", path: `${ENTERPRISE}:manager` }],
    });
    expect(removeManager.body[ENTERPRISE].manager).toBeUndefined();
  });

  it('deactivates with "False" and reactivates with "True"', async () => {
    const off = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: "Replace", path: "active", value: "False" }],
    });
    expect(off.body.active).toBe(false);
    const on = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: "Replace", path: "active", value: "True" }],
    });
    expect(on.body.active).toBe(true);
    expectScimError(
      await scim("PATCH", `/Users/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: "Replace", path: "active", value: "maybe" }],
      }),
      400,
      "invalidValue",
    );
  });

  it("pushes a group with externalId and changes membership with Add and Remove by value", async () => {
    const created = await scim("POST", "/Groups", {
      externalId: crypto.randomUUID(),
      displayName: "admins",
      members: [],
    });
    expect(created.status).toBe(201);
    const gid = created.body.id;
    const add = await scim("PATCH", `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: "Add", path: "members", value: [{ value: id }] }],
    });
    expect(add.status).toBe(200);
    expect(await rolesOf(id)).toEqual(["admin", "member"]);
    const remove = await scim("PATCH", `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: "Remove", path: "members", value: [{ value: id }] }],
    });
    expect(remove.status, JSON.stringify(remove.body)).toBe(200);
    expect(await rolesOf(id)).toEqual(["member"]);
    const rename = await scim("PATCH", `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: "Replace", path: "displayName", value: "Admins (renamed)" }],
    });
    expect(rename.body.displayName).toBe("Admins (renamed)");
    expectScimError(
      await scim("PATCH", `/Groups/${gid}`, {
        schemas: [PATCH],
        Operations: [{ op: "Add", path: "members", value: [{ value: "p_nobody" }] }],
      }),
      400,
      "invalidValue",
    );
  });

  it("DELETE deactivates and keeps the user", async () => {
    expect((await scim("DELETE", `/Users/${id}`)).status).toBe(204);
    const after = await scim("GET", `/Users/${id}`);
    expect(after.body.active).toBe(false);
    expect((await scim("DELETE", `/Users/${id}`)).status).toBe(204);
    expect(await auditOf("scim_user_deactivated", id)).toHaveLength(2);
  });
});

describe("under concurrency", () => {
  it("two creates of one userName at once: one 201, one 409 uniqueness, one person", async () => {
    const email = `twice.${unique()}@example.com`;
    const results = await Promise.all([0, 1, 2].map(() => scim("POST", "/Users", { userName: email })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expectScimError(r, 409, "uniqueness");
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM people WHERE email = ?").bind(email).first();
    expect(rows).toEqual({ n: 1 });
  });

  it("a group replaced with PUT holds exactly its new members, and their roles", async () => {
    const a = (await scim("POST", "/Users", { userName: `a.${unique()}@example.com` })).body.id;
    const b = (await scim("POST", "/Users", { userName: `b.${unique()}@example.com` })).body.id;
    const group = await scim("POST", "/Groups", { displayName: `Reviewers ${unique()}`, members: [{ value: a }] });
    expect(group.body.members.map((m: { value: string }) => m.value)).toEqual([a]);
    // Not a role's name: kept, grants nothing.
    expect(await rolesOf(a)).toEqual(["member"]);
    const put = await scim("PUT", `/Groups/${group.body.id}`, { displayName: "Reviewers", members: [{ value: b }] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.members.map((m: { value: string }) => m.value)).toEqual([b]);
    expect(await rolesOf(a)).toEqual(["member"]);
    expect(await rolesOf(b)).toEqual(["member", "reviewer"]);
  });
});

describe("paging to the end", () => {
  it("visits every user once, and a page past the end is empty", async () => {
    for (let i = 0; i < 7; i++) {
      const res = await scim("POST", "/Users", { userName: `pager.${i}.${unique()}@example.com` });
      expect(res.status).toBe(201);
    }
    const total = (await scim("GET", "/Users?count=0")).body.totalResults;
    expect(total).toBeGreaterThanOrEqual(7);
    const seen = new Set<string>();
    let startIndex = 1;
    for (;;) {
      const page = await scim("GET", `/Users?startIndex=${startIndex}&count=3`);
      expect(page.body.totalResults).toBe(total);
      expect(page.body.startIndex).toBe(startIndex);
      for (const u of page.body.Resources) seen.add(u.id);
      if (page.body.Resources.length < 3) break;
      startIndex += 3;
    }
    expect(seen.size).toBe(total);
    const past = await scim("GET", `/Users?startIndex=${total + 10}&count=3`);
    expect(past.body).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });
    expectScimError(await scim("GET", "/Users?count=x"), 400, "invalidValue");
  });
});

describe("large pages", () => {
  it("lists 150 groups with their members in one page, past D1's 100 bound parameters", async () => {
    const member = (await scim("POST", "/Users", { userName: `many.${unique()}@example.com` })).body.id;
    const prefix = `Bulk ${unique()}`;
    for (let i = 0; i < 150; i++) {
      const res = await scim("POST", "/Groups", { displayName: `${prefix} ${i}`, members: [{ value: member }] });
      expect(res.status).toBe(201);
    }
    const page = await scim("GET", "/Groups?count=200");
    expect(page.status, JSON.stringify(page.body).slice(0, 300)).toBe(200);
    const bulk = page.body.Resources.filter((g: { displayName: string }) => g.displayName.startsWith(prefix));
    expect(bulk).toHaveLength(150);
    expect(bulk.every((g: { members: { value: string }[] }) => g.members[0]?.value === member)).toBe(true);
    const mapped = await callJson("PUT", "/api/admin/scim/departments", {
      as: admin.as,
      body: { items: Array.from({ length: 150 }, (_, i) => ({ department: `D${i}`, disciplineId: `nope-${i}` })) },
    });
    expect(mapped.status).toBe(400);
    expect(mapped.body.error.details.fields).toHaveProperty("items.0.disciplineId");
  });
});

describe("bad input", () => {
  it.each([
    'userName co "x"',
    'title eq "x"',
    "userName eq",
    'userName eq "a" or',
    'not (userName eq "a")',
    "userName pr",
    "(((",
  ])("a filter Crux cannot answer is 400 invalidFilter: %s", async (filter) => {
    expectScimError(await scim("GET", q(filter)), 400, "invalidFilter");
  });

  it("names what is wrong with a user, in SCIM's error shape", async () => {
    expectScimError(await scim("POST", "/Users", { name: { givenName: "No" } }), 400, "invalidValue");
    expectScimError(await scim("POST", "/Users", { userName: "not-an-email" }), 400, "invalidValue");
    expectScimError(
      await scim("POST", "/Users", { userName: `x.${unique()}@example.com`, active: "yes" }),
      400,
      "invalidValue",
    );
    expectScimError(
      await scim("POST", "/Users", {
        userName: `x.${unique()}@example.com`,
        [ENTERPRISE]: { manager: { value: "p_nobody" } },
      }),
      400,
      "invalidValue",
    );
    expectScimError(await scim("POST", "/Users", [1, 2]), 400, "invalidSyntax");
    const notJson = await call("POST", "/scim/v2/Users", {
      body: "{nope",
      headers: { Authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
    });
    expect(notJson.status).toBe(400);
  });

  it("refuses a malformed PATCH and a patch on a missing target", async () => {
    const { body } = await scim("POST", "/Users", { userName: `patchy.${unique()}@example.com` });
    expectScimError(await scim("PATCH", `/Users/${body.id}`, { schemas: [PATCH] }), 400, "invalidSyntax");
    expectScimError(
      await scim("PATCH", `/Users/${body.id}`, { Operations: [{ op: "move", path: "title" }] }),
      400,
      "invalidSyntax",
    );
    // A replace of an attribute that is not there adds it (RFC 7644 §3.5.2.3); Crux keeps no home address.
    const added = await scim("PATCH", `/Users/${body.id}`, {
      Operations: [{ op: "replace", path: 'emails[type eq "home"].value', value: "a@b.c" }],
    });
    expect(added.body.emails).toEqual([{ value: body.userName, type: "work", primary: true }]);
    expectScimError(await scim("PATCH", `/Users/${body.id}`, { Operations: [{ op: "remove" }] }), 400);
    const taken = await seedPerson();
    expectScimError(
      await scim("PATCH", `/Users/${body.id}`, {
        Operations: [{ op: "replace", path: "userName", value: taken.email }],
      }),
      409,
      "uniqueness",
    );
  });
});

describe("deactivation is never deletion", () => {
  it("ends sessions and tokens, withdraws open applications, tells leads; credit stays, shown as (left)", async () => {
    const created = await scim("POST", "/Users", {
      userName: `leaver.${unique()}@example.com`,
      displayName: "Lee Ver",
    });
    const leaverId = created.body.id;
    const leaver = { id: leaverId, email: created.body.userName, as: await signIn(created.body.userName) };
    const apiToken = await callJson("POST", "/api/admin/tokens", {
      as: admin.as,
      body: { personId: leaverId, name: "leaver's script" },
    });
    expect(
      (await callJson("GET", "/api/me", { headers: { Authorization: `Bearer ${apiToken.body.token}` } })).status,
    ).toBe(200);

    // A lead with two challenges: the leaver has a seat on one and an open application on the other.
    const lead = await member();
    const seat = {
      id: await createChallenge(lead.as, { title: "Seat held by a leaver" }, true),
      title: "Seat held by a leaver",
    };
    const applied = {
      id: await createChallenge(lead.as, { title: "Applied to by a leaver" }, true),
      title: "Applied to by a leaver",
    };
    const slotOf = async (challengeId: string) =>
      (
        await env.DB.prepare("SELECT id FROM challenge_slots WHERE challenge_id = ?")
          .bind(challengeId)
          .first<{ id: string }>()
      )?.id as string;
    await env.DB.prepare(
      "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, 20, 'active')",
    )
      .bind(`mem_${unique()}`, seat.id, await slotOf(seat.id), leaverId)
      .run();
    const application = await callJson(
      "POST",
      `/api/challenges/${applied.id}/slots/${await slotOf(applied.id)}/applications`,
      {
        as: leaver.as,
        body: { pitch: "I would like to help with this." },
      },
    );
    expect(application.status, JSON.stringify(application.body)).toBe(201);
    await env.DB.prepare(
      `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status)
       VALUES (?, ?, ?, ?, 'software', 'Built the importer', 'confirmed')`,
    )
      .bind(`con_${unique()}`, seat.id, leaverId, leaverId)
      .run();

    const off = await scim("PATCH", `/Users/${leaverId}`, {
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect(off.body.active).toBe(false);

    expectError(await callJson("GET", "/api/me", { as: leaver.as }), 401);
    expectError(await callJson("GET", "/api/me", { headers: { Authorization: `Bearer ${apiToken.body.token}` } }), 401);
    const sessions = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE person_id = ?")
      .bind(leaverId)
      .first();
    expect(sessions).toEqual({ n: 0 });
    const app = await env.DB.prepare("SELECT status FROM applications WHERE id = ?").bind(application.body.id).first();
    expect(app).toEqual({ status: "withdrawn" });

    const inbox = await callJson("GET", "/api/inbox", { as: lead.as });
    const left = inbox.body.items.filter((n: { kind: string }) => n.kind === "member_left");
    expect(left.map((n: { challenge: { id: string } | null; message: string }) => n.message).sort()).toEqual(
      [
        `Lee Ver has left the organisation; their application to “${applied.title}” is withdrawn.`,
        `Lee Ver has left the organisation; their seat on “${seat.title}” stays theirs until you release it.`,
      ].sort(),
    );

    // Credit and the seat stay, named as someone who left.
    const credit = await env.DB.prepare("SELECT status FROM contributions WHERE person_id = ?").bind(leaverId).first();
    expect(credit).toEqual({ status: "confirmed" });
    const team = await callJson("GET", `/api/challenges/${seat.id}/team`, { as: lead.as });
    expect(JSON.stringify(team.body)).toContain("Lee Ver (left)");

    // Reactivation restores the account: they sign in again; the old token stays revoked.
    await scim("PATCH", `/Users/${leaverId}`, { Operations: [{ op: "replace", value: { active: true } }] });
    expect((await callJson("GET", "/api/me", { as: await signIn(leaver.email) })).status).toBe(200);
    expectError(await callJson("GET", "/api/me", { headers: { Authorization: `Bearer ${apiToken.body.token}` } }), 401);
    expect(
      JSON.stringify((await callJson("GET", `/api/challenges/${seat.id}/team`, { as: lead.as })).body),
    ).not.toContain("(left)");
  });
});

describe("departments on /admin", () => {
  it("maps a department to a discipline, moving its people, and names a bad discipline", async () => {
    const created = await scim("POST", "/Users", {
      userName: `dept.${unique()}@example.com`,
      [ENTERPRISE]: { department: "Hardware Lab" },
    });
    const before = await env.DB.prepare("SELECT discipline_id AS d FROM people WHERE id = ?")
      .bind(created.body.id)
      .first();
    expect(before).toEqual({ d: null });
    const listed = await callJson("GET", "/api/admin/scim/departments", { as: admin.as });
    expect(listed.body.items).toContainEqual({ department: "Hardware Lab", disciplineId: null, people: 1 });
    const mapped = await callJson("PUT", "/api/admin/scim/departments", {
      as: admin.as,
      body: { items: [{ department: "Hardware Lab", disciplineId: "engineering" }] },
    });
    expect(mapped.status).toBe(200);
    expect(mapped.body.items).toContainEqual({ department: "Hardware Lab", disciplineId: "engineering", people: 1 });
    const after = await env.DB.prepare("SELECT discipline_id AS d FROM people WHERE id = ?")
      .bind(created.body.id)
      .first();
    expect(after).toEqual({ d: "engineering" });
    const bad = await callJson("PUT", "/api/admin/scim/departments", {
      as: admin.as,
      body: { items: [{ department: "Hardware Lab", disciplineId: "astrology" }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toHaveProperty("items.0.disciplineId");
    const twice = await callJson("PUT", "/api/admin/scim/departments", {
      as: admin.as,
      body: {
        items: [
          { department: "Hardware Lab", disciplineId: "engineering" },
          { department: "Hardware Lab", disciplineId: null },
        ],
      },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details.fields).toHaveProperty("items.1.department");
    const someone = await member();
    expectError(await callJson("GET", "/api/admin/scim/departments", { as: someone.as }), 403);
  });
});
