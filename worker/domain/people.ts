/**
 * Who may edit a profile, and what a profile edit may not do (SPEC §2, §10). Pure: the route
 * reads the facts (the person, the org's disciplines and levels, the reporting line) first.
 */
import type { GlobalRole } from "./lifecycle";
import type { Refusal } from "./refusal";

export type Track = "ic" | "management";

/** The fields only an admin changes, on anyone's profile. */
export const ADMIN_ONLY_FIELDS = ["roles", "track", "level", "managerId", "active"] as const;
export type AdminOnlyField = (typeof ADMIN_ONLY_FIELDS)[number];

export interface Editor {
  id: string;
  roles: readonly GlobalRole[];
}

/** A profile is edited by its owner or an admin; `adminFields` (of ADMIN_ONLY_FIELDS) by an admin only. */
export function profileEditRefusal(
  editor: Editor,
  personId: string,
  adminFields: readonly AdminOnlyField[] = [],
): Refusal | null {
  const isAdmin = editor.roles.includes("admin");
  if (personId !== editor.id && !isAdmin) {
    return { status: 403, code: "forbidden", reason: "You can only edit your own profile." };
  }
  if (!isAdmin && adminFields.length) {
    return { status: 403, code: "forbidden", reason: `Only admins change ${adminFields.join(", ")}.` };
  }
  return null;
}

export interface PersonPatch {
  discipline?: string | null;
  track?: Track;
  level?: string | null;
  managerId?: string | null;
  roles?: readonly GlobalRole[];
  active?: boolean;
}

export interface PersonPatchFacts {
  editorId: string;
  person: { id: string; name: string; track: Track; levelId: string | null };
  disciplines: readonly { id: string; active: boolean }[];
  levels: readonly { id: string; track: Track }[];
  /** The proposed manager: whether they exist, their name, and whether they report to the person. */
  manager: { exists: boolean; name: string | null; loop: boolean };
}

/**
 * What is wrong with a profile edit: the fields to name in a 400, or a refusal (a reporting line
 * that would loop is a 409). Nothing wrong: no fields and no refusal.
 */
export function personPatchProblems(patch: PersonPatch, f: PersonPatchFacts) {
  const fields: Record<string, string> = {};
  if (patch.discipline && !f.disciplines.some((d) => d.id === patch.discipline && d.active)) {
    fields.discipline = `Unknown discipline "${patch.discipline}".`;
  }
  const track = patch.track ?? f.person.track;
  const levelId = patch.level === undefined ? f.person.levelId : patch.level;
  if (levelId && (patch.level !== undefined || patch.track !== undefined)) {
    const level = f.levels.find((l) => l.id === levelId);
    if (!level) fields.level = `Unknown level "${levelId}".`;
    else if (level.track !== track) fields.level = `${levelId} belongs to the ${level.track} track, not ${track}.`;
  }
  let refusal: Refusal | null = null;
  if (patch.managerId) {
    if (!f.manager.exists) fields.managerId = "No such person.";
    else if (f.manager.loop) {
      refusal = {
        status: 409,
        code: "manager_cycle",
        reason: `${f.manager.name} reports to ${f.person.name}, directly or not; that would make a loop.`,
      };
    }
  }
  const own = f.person.id === f.editorId;
  if (patch.roles && own && !patch.roles.includes("admin")) {
    fields.roles = "You cannot remove your own admin role; ask another admin.";
  }
  if (patch.active === false && own) fields.active = "You cannot deactivate yourself.";
  return { fields, refusal };
}
