import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ADMIN_ONLY_FIELDS, personPatchProblems, profileEditRefusal } from "../worker/domain/people";

const me = { id: "p_me", roles: ["member"] as const };
const admin = { id: "p_admin", roles: ["member", "admin"] as const };

describe("profileEditRefusal", () => {
  it("lets owners edit their own profile and admins anyone's; admin-only fields need an admin", () => {
    expect(profileEditRefusal(me, "p_me")).toBeNull();
    expect(profileEditRefusal(me, "p_other")).toMatchObject({ status: 403, code: "forbidden" });
    expect(profileEditRefusal(admin, "p_other", ["roles", "active"])).toBeNull();
    expect(profileEditRefusal(me, "p_me", ["level"])).toMatchObject({
      status: 403,
      reason: "Only admins change level.",
    });
  });
  it("for any editor, target and fields: refused exactly when neither owner-without-admin-fields nor admin", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.subarray([...ADMIN_ONLY_FIELDS]), (isAdmin, own, fields) => {
        const editor = isAdmin ? admin : me;
        const refused = profileEditRefusal(editor, own ? editor.id : "p_someone", fields) !== null;
        expect(refused).toBe(!isAdmin && (!own || fields.length > 0));
      }),
    );
  });
});

describe("personPatchProblems", () => {
  const facts = {
    editorId: "p_admin",
    person: { id: "p_x", name: "Xia", track: "ic" as const, levelId: "IC3" },
    disciplines: [
      { id: "data", active: true },
      { id: "old", active: false },
    ],
    levels: [
      { id: "IC3", track: "ic" as const },
      { id: "M1", track: "management" as const },
    ],
    manager: { exists: true, name: "Mo", loop: false },
  };
  it("names unknown or retired disciplines, unknown levels and levels of another track", () => {
    expect(personPatchProblems({ discipline: "old" }, facts).fields).toEqual({
      discipline: 'Unknown discipline "old".',
    });
    expect(personPatchProblems({ level: "IC9" }, facts).fields).toEqual({ level: 'Unknown level "IC9".' });
    expect(personPatchProblems({ track: "management" }, facts).fields).toEqual({
      level: "IC3 belongs to the ic track, not management.",
    });
    expect(personPatchProblems({ track: "management", level: "M1" }, facts)).toEqual({ fields: {}, refusal: null });
  });
  it("refuses a manager who is nobody (400) or who reports to the person (409)", () => {
    expect(
      personPatchProblems({ managerId: "p_nobody" }, { ...facts, manager: { exists: false, name: null, loop: false } })
        .fields,
    ).toEqual({
      managerId: "No such person.",
    });
    expect(
      personPatchProblems({ managerId: "p_mo" }, { ...facts, manager: { ...facts.manager, loop: true } }).refusal,
    ).toMatchObject({
      status: 409,
      code: "manager_cycle",
    });
  });
  it("keeps admins from removing their own admin role or deactivating themselves", () => {
    const self = { ...facts, person: { ...facts.person, id: "p_admin" } };
    expect(Object.keys(personPatchProblems({ roles: ["member"], active: false }, self).fields)).toEqual([
      "roles",
      "active",
    ]);
    expect(personPatchProblems({ roles: ["member"], active: false }, facts).fields).toEqual({});
  });
});
