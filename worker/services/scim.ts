/**
 * SCIM provisioning (SPEC §17): the identity provider's tokens, Users as people and Groups as
 * global roles. Every change is one D1 batch with its audit entry, whose actor is the token.
 */
import { and, asc, count, desc, eq, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import type { AnySQLiteColumn, SelectedFields } from "drizzle-orm/sqlite-core";
import { scimPatch } from "scim-patch";
import {
  departmentMappings,
  disciplines,
  people,
  personRoles,
  scimGroupMembers,
  scimGroups,
  scimTokens,
} from "../../db/schema";
import { newId } from "../domain/ids";
import {
  type FilterTree,
  normalisePatchOps,
  type PersonFromScim,
  personFromScim,
  roleForGroupName,
  SCHEMA,
  ScimError,
  type ScimPerson,
  type ScimRole,
  toScimUser,
} from "../domain/scim";
import type { Database } from "../middleware/db";
import { type AuditContext, recordActivity } from "./activity";
import { generateSecret, LAST_USED_GRANULARITY_MS, lastUseIsStale } from "./api-tokens";
import { type ReadPlan, readPlan, readTogether, type Statement, writeBatch, writeThenRead } from "./batch";
import { deactivationOf, managerCheck } from "./people";
import { hashSecret } from "./secrets";

// ─── Tokens ─────────────────────────────────────────────────────────────────────────────────

/** SCIM secrets start with this, never with `crux_`, so one is never mistaken for an API token. */
export const SCIM_TOKEN_PREFIX = "scim_";
const VISIBLE_CHARS = SCIM_TOKEN_PREFIX.length + 8;

export interface ScimTokenView {
  id: string;
  name: string;
  prefix: string;
  status: "active" | "revoked";
  createdBy: { id: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Who made a SCIM change, as the audit log names it. */
export interface ScimActor {
  token: { id: string; name: string };
  audit: AuditContext;
}

function selectTokens(db: Database) {
  return db
    .select({
      id: scimTokens.id,
      name: scimTokens.name,
      prefix: scimTokens.prefix,
      createdAt: scimTokens.createdAt,
      lastUsedAt: scimTokens.lastUsedAt,
      revokedAt: scimTokens.revokedAt,
      createdBy: { id: people.id, name: people.name },
    })
    .from(scimTokens)
    .innerJoin(people, eq(people.id, scimTokens.createdById))
    .orderBy(desc(scimTokens.id));
}

const tokenView = (row: Omit<ScimTokenView, "status">): ScimTokenView => ({
  ...row,
  status: row.revokedAt ? "revoked" : "active",
});

export async function listScimTokens(db: Database): Promise<ScimTokenView[]> {
  // An organisation has one or two identity providers; a hundred tokens is far beyond any.
  return (await selectTokens(db).limit(100)).map(tokenView);
}

export async function findScimToken(db: Database, id: string): Promise<ScimTokenView | null> {
  const [row] = await selectTokens(db).where(eq(scimTokens.id, id)).limit(1);
  return row ? tokenView(row) : null;
}

/** A new SCIM token; its secret is in this answer and never again (only its hash is kept). */
export async function issueScimToken(db: Database, name: string, createdById: string, audit: AuditContext) {
  const secret = generateSecret(SCIM_TOKEN_PREFIX);
  const id = newId("stk");
  const prefix = secret.slice(0, VISIBLE_CHARS);
  await db.batch([
    db.insert(scimTokens).values({ id, name, tokenHash: await hashSecret(secret), prefix, createdById }),
    recordActivity(
      db,
      {
        challengeId: null,
        actorId: createdById,
        action: "scim_token_issued",
        detail: { scimToken: { id, name }, prefix },
      },
      audit,
    ),
  ]);
  return { id, secret };
}

/** Revokes a SCIM token (again: no change, no second entry). Returns whether it exists. */
export async function revokeScimToken(db: Database, id: string, actorId: string, audit: AuditContext) {
  const [, , found] = await writeBatch(db, [
    db
      .update(scimTokens)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(scimTokens.id, id), isNull(scimTokens.revokedAt))),
    sql`INSERT INTO activities (id, challenge_id, actor_id, action, detail, ip, user_agent)
      SELECT ${newId("act")}, NULL, ${actorId}, 'scim_token_revoked', json_object('scimToken', json_object('id', id, 'name', name)),
        ${audit.ip}, ${audit.userAgent}
      FROM ${scimTokens} WHERE id = ${id} AND changes() = 1`,
    sql`SELECT 1 AS found FROM ${scimTokens} WHERE id = ${id}`,
  ]);
  return found.results.length > 0;
}

/** The live token with this secret, or null; its use is recorded at most once a minute. */
export async function authenticateScimToken(db: Database, secret: string) {
  if (!secret.startsWith(SCIM_TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({ id: scimTokens.id, name: scimTokens.name, lastUsedAt: scimTokens.lastUsedAt })
    .from(scimTokens)
    .where(and(eq(scimTokens.tokenHash, await hashSecret(secret)), isNull(scimTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  const now = Date.now();
  // As API tokens do (services/api-tokens.ts): a use is written at most once a minute.
  const touch = lastUseIsStale(row.lastUsedAt, now)
    ? db
        .update(scimTokens)
        .set({ lastUsedAt: new Date(now).toISOString() })
        .where(
          and(
            eq(scimTokens.id, row.id),
            or(
              isNull(scimTokens.lastUsedAt),
              lt(scimTokens.lastUsedAt, new Date(now - LAST_USED_GRANULARITY_MS).toISOString()),
            ),
          ),
        )
    : null;
  return { token: { id: row.id, name: row.name }, touch };
}

function audit(db: Database, actor: ScimActor, action: string, detail: Record<string, unknown>) {
  return recordActivity(
    db,
    { challengeId: null, actorId: null, action, detail: { ...detail, scimToken: actor.token } },
    actor.audit,
  );
}

// ─── Users ──────────────────────────────────────────────────────────────────────────────────

const userColumns = {
  id: people.id,
  email: people.email,
  name: people.name,
  givenName: people.givenName,
  familyName: people.familyName,
  title: people.title,
  active: people.active,
  externalId: people.externalId,
  department: people.department,
  managerId: people.managerId,
  createdAt: people.createdAt,
  updatedAt: people.updatedAt,
};

export async function findScimUser(db: Database, id: string): Promise<ScimPerson | null> {
  const [row] = await db.select(userColumns).from(people).where(eq(people.id, id)).limit(1);
  return row ?? null;
}

/** A filter as SQL over `people`. E-mail addresses (userName) are compared without case. */
function userWhere(f: FilterTree): SQL {
  if ("and" in f) return and(...f.and.map(userWhere)) as SQL;
  if ("or" in f) return or(...f.or.map(userWhere)) as SQL;
  switch (f.attr) {
    case "userName":
    case "email":
      return eq(people.email, f.value.toLowerCase());
    case "externalId":
      return eq(people.externalId, f.value);
    case "id":
      return eq(people.id, f.value);
  }
}

/** One page of users and how many match in all, in one round trip. Deactivated people are listed too. */
export async function listScimUsers(
  db: Database,
  filter: FilterTree | null,
  page: { startIndex: number; count: number },
) {
  return pageOf(db, people, userColumns, filter ? userWhere(filter) : undefined, people.id, page);
}

/** A SCIM page (1-based `startIndex`) and how many match in all, in one round trip. */
async function pageOf<C extends SelectedFields>(
  db: Database,
  table: typeof people | typeof scimGroups,
  columns: C,
  where: SQL | undefined,
  order: AnySQLiteColumn,
  page: { startIndex: number; count: number },
) {
  const [[total], rows] = await db.batch([
    db
      .select({ n: count() })
      .from(table as typeof people)
      .where(where),
    db
      .select(columns as SelectedFields)
      .from(table as typeof people)
      .where(where)
      .orderBy(asc(order))
      .limit(page.count)
      .offset(page.startIndex - 1),
  ]);
  return { total: total?.n ?? 0, rows: rows as unknown as SelectResultFields<C>[] };
}

const uniqueness = (what: string) => new ScimError(409, "uniqueness", what);

/** What a D1 error says when a unique index refused the write, as a SCIM 409. */
function uniquenessOf(err: unknown, input: { email: string; externalId: string | null }): ScimError | null {
  const message = String((err as Error)?.message ?? err);
  if (!/UNIQUE constraint failed/i.test(message)) return null;
  if (/external_id/.test(message)) return uniqueness(`Another user has externalId ${input.externalId}.`);
  return uniqueness(`A user with userName ${input.email} already exists.`);
}

/** The manager a SCIM User names must be a person here, and not close a loop in the line. */
async function checkManager(db: Database, personId: string | null, managerId: string | null | undefined) {
  if (!managerId) return;
  if (managerId === personId) throw new ScimError(400, "invalidValue", "A user cannot be their own manager.");
  const { exists, loop } = await managerCheck(db, personId, managerId);
  if (!exists) throw new ScimError(400, "invalidValue", `manager ${managerId} is not a user here.`);
  if (loop) throw new ScimError(400, "invalidValue", "That manager would close a loop in the reporting line.");
}

/** The discipline a department maps to, or the person's own when the department is unmapped. */
const disciplineFor = (department: string | null, otherwise: SQL) =>
  department
    ? sql`COALESCE((SELECT ${departmentMappings.disciplineId} FROM ${departmentMappings} WHERE ${departmentMappings.department} = ${department}), ${otherwise})`
    : otherwise;

/** The person's columns a SCIM User sets as they are (the manager and discipline need care). */
function keptColumns(p: PersonFromScim) {
  const { email, name, givenName, familyName, title, active, externalId, department } = p;
  return { email, name, givenName, familyName, title, active, externalId, department };
}

export async function createScimUser(db: Database, body: unknown, actor: ScimActor): Promise<ScimPerson> {
  const input = personFromScim(body);
  await checkManager(db, null, input.managerId);
  const id = newId("p");
  const now = new Date().toISOString();
  try {
    await writeBatch(db, [
      db.insert(people).values({
        id,
        ...keptColumns(input),
        managerId: input.managerId ?? null,
        disciplineId: disciplineFor(input.department, sql`NULL`),
        createdAt: now,
        updatedAt: now,
      }),
      db.insert(personRoles).values({ personId: id, role: "member" }),
      audit(db, actor, "scim_user_created", { personId: id, email: input.email, active: input.active }),
    ]);
  } catch (err) {
    throw uniquenessOf(err, input) ?? err;
  }
  const created = await findScimUser(db, id);
  if (!created) throw new Error("created user not read back");
  return created;
}

/**
 * Writes what a SCIM User says of an existing person (PUT, or a patched resource), with the
 * consequences of (de)activation, in one batch.
 */
async function applyScimUser(
  db: Database,
  current: ScimPerson,
  input: PersonFromScim,
  actor: ScimActor,
  verb: "replaced" | "patched",
) {
  // Only a new manager needs checking: providers send the same one on every sync.
  if (input.managerId !== current.managerId) await checkManager(db, current.id, input.managerId);
  const now = new Date().toISOString();
  const fields = (
    [
      ["userName", input.email !== current.email],
      ["name", input.name !== current.name],
      ["givenName", input.givenName !== current.givenName],
      ["familyName", input.familyName !== current.familyName],
      ["title", input.title !== current.title],
      ["externalId", input.externalId !== current.externalId],
      ["department", input.department !== current.department],
      ["manager", input.managerId !== undefined && input.managerId !== current.managerId],
    ] as const
  )
    .filter(([, changed]) => changed)
    .map(([field]) => field);
  const deactivating = current.active && !input.active;
  const reactivating = !current.active && input.active;
  const statements: Statement[] = [
    db
      .update(people)
      .set({
        ...keptColumns(input),
        ...(input.managerId !== undefined ? { managerId: input.managerId } : {}),
        ...(input.department !== current.department
          ? { disciplineId: disciplineFor(input.department, sql`${people.disciplineId}`) }
          : {}),
        updatedAt: now,
      })
      .where(eq(people.id, current.id)),
    ...(deactivating ? deactivationOf(db, { id: current.id, name: input.name }, null, now) : []),
    ...(fields.length ? [audit(db, actor, `scim_user_updated`, { personId: current.id, fields, via: verb })] : []),
    ...(deactivating ? [audit(db, actor, "scim_user_deactivated", { personId: current.id })] : []),
    ...(reactivating ? [audit(db, actor, "scim_user_reactivated", { personId: current.id })] : []),
  ];
  try {
    await writeBatch(db, statements);
  } catch (err) {
    throw uniquenessOf(err, input) ?? err;
  }
  const updated = await findScimUser(db, current.id);
  if (!updated) throw new ScimError(404, undefined, `No user ${current.id}.`);
  return updated;
}

async function existingUser(db: Database, id: string) {
  const current = await findScimUser(db, id);
  if (!current) throw new ScimError(404, undefined, `No user ${id}.`);
  return current;
}

/**
 * PUT replaces the user. A body without the enterprise `manager` leaves Crux's manager as it is
 * (providers that do not sync managers would otherwise clear what admins set).
 */
export async function replaceScimUser(db: Database, id: string, body: unknown, actor: ScimActor) {
  const current = await existingUser(db, id);
  return applyScimUser(db, current, personFromScim(body), actor, "replaced");
}

/** PATCH: the operations are applied by scim-patch to the user as we serve it, then written back. */
export async function patchScimUser(db: Database, id: string, body: unknown, baseUrl: string, actor: ScimActor) {
  const current = await existingUser(db, id);
  const ops = normalisePatchOps(body);
  const resource = toScimUser(current, baseUrl);
  const patched = applyPatch(resource, ops);
  const input = personFromScim(patched);
  // A patch that removed the manager leaves none; personFromScim reads "absent" as "unchanged".
  if (input.managerId === undefined && current.managerId) input.managerId = null;
  return applyScimUser(db, current, input, actor, "patched");
}

/** DELETE deactivates: the person and everything they did stay (SPEC §17). */
export async function deleteScimUser(db: Database, id: string, actor: ScimActor) {
  const current = await existingUser(db, id);
  if (!current.active) return current;
  return applyScimUser(db, current, { ...current, active: false, managerId: undefined }, actor, "replaced");
}

function applyPatch<T extends { schemas: string[] }>(resource: T, ops: ReturnType<typeof normalisePatchOps>): T {
  try {
    return scimPatch(resource as never, ops as never, { mutateDocument: false, treatMissingAsAdd: true }) as T;
  } catch (err) {
    const code = (err as { scimCode?: string }).scimCode;
    const scimType = code === "noTarget" ? "noTarget" : code === "mutability" ? "mutability" : "invalidValue";
    throw new ScimError(400, scimType, (err as Error).message || "The patch could not be applied.");
  }
}

// ─── Groups ─────────────────────────────────────────────────────────────────────────────────

export interface ScimGroupRow {
  id: string;
  displayName: string;
  externalId: string | null;
  role: ScimRole | null;
  createdAt: string;
  updatedAt: string;
}

export interface ScimGroupView extends ScimGroupRow {
  members: { value: string; display: string }[] | undefined;
}

export function toScimGroup(g: ScimGroupView, baseUrl: string) {
  return {
    schemas: [SCHEMA.group],
    id: g.id,
    displayName: g.displayName,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    ...(g.members
      ? { members: g.members.map((m) => ({ ...m, $ref: `${baseUrl}/Users/${m.value}`, type: "User" })) }
      : {}),
    meta: {
      resourceType: "Group",
      created: g.createdAt,
      lastModified: g.updatedAt,
      location: `${baseUrl}/Groups/${g.id}`,
      version: `W/"${g.updatedAt}"`,
    },
  };
}

const groupColumns = {
  id: scimGroups.id,
  displayName: scimGroups.displayName,
  externalId: scimGroups.externalId,
  role: scimGroups.role,
  createdAt: scimGroups.createdAt,
  updatedAt: scimGroups.updatedAt,
};

/** The members of these groups, in one read. */
async function membersOf(db: Database, groupIds: string[]) {
  const byGroup = new Map<string, { value: string; display: string }[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const rows = await db
    .select({ groupId: scimGroupMembers.groupId, value: people.id, display: people.name })
    .from(scimGroupMembers)
    .innerJoin(people, eq(people.id, scimGroupMembers.personId))
    // json_each: a page holds up to 200 groups, past D1's 100 bound parameters.
    .where(sql`${scimGroupMembers.groupId} IN (SELECT value FROM json_each(${JSON.stringify(groupIds)}))`)
    .orderBy(asc(people.id));
  for (const { groupId, ...m } of rows) byGroup.get(groupId)?.push(m);
  return byGroup;
}

export async function findScimGroup(db: Database, id: string, withMembers = true): Promise<ScimGroupView | null> {
  const [row] = await db.select(groupColumns).from(scimGroups).where(eq(scimGroups.id, id)).limit(1);
  if (!row) return null;
  return { ...row, members: withMembers ? (await membersOf(db, [id])).get(id) : undefined };
}

function groupWhere(f: FilterTree): SQL {
  if ("and" in f) return and(...f.and.map(groupWhere)) as SQL;
  if ("or" in f) return or(...f.or.map(groupWhere)) as SQL;
  if (f.attr === "userName") return sql`${scimGroups.displayName} = ${f.value} COLLATE NOCASE`;
  if (f.attr === "externalId") return eq(scimGroups.externalId, f.value);
  return eq(scimGroups.id, f.value);
}

export async function listScimGroups(
  db: Database,
  filter: FilterTree | null,
  page: { startIndex: number; count: number },
  withMembers: boolean,
) {
  const { total, rows } = await pageOf(
    db,
    scimGroups,
    groupColumns,
    filter ? groupWhere(filter) : undefined,
    scimGroups.id,
    page,
  );
  const members = withMembers
    ? await membersOf(
        db,
        rows.map((r) => r.id),
      )
    : null;
  return {
    total,
    rows: rows.map((r) => ({ ...r, members: members?.get(r.id) })),
  };
}

interface GroupInput {
  displayName: string;
  externalId: string | null;
  /** undefined: members not given (left as they are). */
  memberIds: string[] | undefined;
}

function groupFromScim(body: unknown): GroupInput {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ScimError(400, "invalidSyntax", "The body must be a SCIM Group object.");
  }
  const b = body as Record<string, unknown>;
  const displayName = typeof b.displayName === "string" ? b.displayName.trim() : "";
  if (!displayName || displayName.length > 200) {
    throw new ScimError(400, "invalidValue", "displayName is required (at most 200 characters).");
  }
  if (b.externalId !== undefined && b.externalId !== null && typeof b.externalId !== "string") {
    throw new ScimError(400, "invalidValue", "externalId must be a string.");
  }
  let memberIds: string[] | undefined;
  if (b.members !== undefined && b.members !== null) {
    if (!Array.isArray(b.members)) throw new ScimError(400, "invalidValue", "members must be a list of {value}.");
    memberIds = b.members.map((m, i) => {
      const value = typeof m === "object" && m !== null ? (m as { value?: unknown }).value : undefined;
      if (typeof value !== "string" || !value)
        throw new ScimError(400, "invalidValue", `members[${i}].value must be a user id.`);
      return value;
    });
  }
  return {
    displayName,
    externalId: (b.externalId as string | undefined) ?? null,
    memberIds: memberIds && [...new Set(memberIds)],
  };
}

/** Every id must be a user here; a group cannot hold other groups (we do not nest). */
async function checkMembers(db: Database, ids: string[]) {
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(sql`${people.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new ScimError(400, "invalidValue", `Not users here: ${missing.slice(0, 5).join(", ")}.`);
}

/**
 * The statements that bring global roles in line with group membership for these people: a
 * role a group grants is added; a role no group grants them any more is taken away. Roles an
 * admin gave by hand to people in no such group are left alone.
 */
function syncRoles(personIds: string[], roles: ScimRole[]): Statement[] {
  if (personIds.length === 0 || roles.length === 0) return [];
  const ids = sql`SELECT value FROM json_each(${JSON.stringify(personIds)})`;
  const roleList = sql`SELECT value FROM json_each(${JSON.stringify(roles)})`;
  return [
    sql`DELETE FROM ${personRoles} WHERE person_id IN (${ids}) AND role IN (${roleList})
      AND NOT EXISTS (SELECT 1 FROM scim_group_members gm JOIN scim_groups g ON g.id = gm.group_id
        WHERE gm.person_id = person_roles.person_id AND g.role = person_roles.role)`,
    sql`INSERT OR IGNORE INTO ${personRoles} (person_id, role)
      SELECT gm.person_id, g.role FROM scim_group_members gm JOIN scim_groups g ON g.id = gm.group_id
      WHERE gm.person_id IN (${ids}) AND g.role IN (${roleList})`,
  ];
}

/** Who joins and leaves a group, and the statements that make it so (any number, one parameter each). */
function memberChanges(groupId: string, before: string[], after: string[]) {
  const was = new Set(before);
  const is = new Set(after);
  const added = after.filter((id) => !was.has(id));
  const removed = before.filter((id) => !is.has(id));
  const statements: Statement[] = [
    ...(removed.length
      ? [
          sql`DELETE FROM ${scimGroupMembers} WHERE group_id = ${groupId}
            AND person_id IN (SELECT value FROM json_each(${JSON.stringify(removed)}))`,
        ]
      : []),
    ...(added.length
      ? [
          sql`INSERT OR IGNORE INTO ${scimGroupMembers} (group_id, person_id)
            SELECT ${groupId}, value FROM json_each(${JSON.stringify(added)})`,
        ]
      : []),
  ];
  return { added, removed, statements };
}

/** Runs a group's write; a name another group has (in any case) is 409 uniqueness. */
async function writeGroup(db: Database, displayName: string, statements: Statement[]) {
  try {
    await writeBatch(db, statements);
  } catch (err) {
    if (/UNIQUE constraint failed/i.test(String((err as Error)?.message))) throw groupNameTaken(displayName);
    throw err;
  }
}

const groupNameTaken = (name: string) => uniqueness(`A group named ${name} already exists.`);

export async function createScimGroup(db: Database, body: unknown, actor: ScimActor) {
  const input = groupFromScim(body);
  const memberIds = input.memberIds ?? [];
  await checkMembers(db, memberIds);
  const id = newId("grp");
  const role = roleForGroupName(input.displayName);
  const now = new Date().toISOString();
  const { statements } = memberChanges(id, [], memberIds);
  await writeGroup(db, input.displayName, [
    db.insert(scimGroups).values({
      id,
      displayName: input.displayName,
      externalId: input.externalId,
      role,
      createdAt: now,
      updatedAt: now,
    }),
    ...statements,
    ...syncRoles(memberIds, role ? [role] : []),
    audit(db, actor, "scim_group_created", {
      groupId: id,
      displayName: input.displayName,
      role,
      members: memberIds.length,
    }),
  ]);
  return (await findScimGroup(db, id)) as ScimGroupView;
}

async function existingGroup(db: Database, id: string) {
  const group = await findScimGroup(db, id);
  if (!group?.members) throw new ScimError(404, undefined, `No group ${id}.`);
  return group as ScimGroupView & { members: { value: string; display: string }[] };
}

/** Writes a group's new name and members, and the roles that follow, in one batch. */
async function applyGroup(
  db: Database,
  current: ScimGroupView & { members: { value: string }[] },
  input: GroupInput,
  actor: ScimActor,
) {
  const before = current.members.map((m) => m.value);
  const after = input.memberIds ?? before;
  const { added, removed, statements } = memberChanges(current.id, before, after);
  await checkMembers(db, added);
  const role = roleForGroupName(input.displayName);
  const roles = [...new Set([current.role, role].filter((r): r is ScimRole => r !== null))];
  // A renamed group may grant another role: everyone in it before or after is brought in line.
  const affected = role !== current.role ? [...new Set([...before, ...after])] : [...added, ...removed];
  const renamed = input.displayName !== current.displayName;
  await writeGroup(db, input.displayName, [
    db
      .update(scimGroups)
      .set({
        displayName: input.displayName,
        externalId: input.externalId,
        role,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(scimGroups.id, current.id)),
    ...statements,
    ...syncRoles(affected, roles),
    ...(renamed || input.externalId !== current.externalId
      ? [
          audit(db, actor, "scim_group_updated", {
            groupId: current.id,
            displayName: input.displayName,
            from: current.displayName,
            role,
          }),
        ]
      : []),
    ...(added.length || removed.length
      ? [
          audit(db, actor, "scim_group_members_changed", {
            groupId: current.id,
            displayName: input.displayName,
            role,
            added,
            removed,
          }),
        ]
      : []),
  ]);
  return (await findScimGroup(db, current.id)) as ScimGroupView;
}

export async function replaceScimGroup(db: Database, id: string, body: unknown, actor: ScimActor) {
  const current = await existingGroup(db, id);
  const input = groupFromScim(body);
  // PUT replaces: a body without members leaves the group empty (RFC 7644 §3.5.1).
  return applyGroup(db, current, { ...input, memberIds: input.memberIds ?? [] }, actor);
}

/**
 * PATCH of a group: scim-patch applies the operations to the group as we serve it. Entra ID
 * removes members with `{"op":"Remove","path":"members","value":[{"value":id}]}`, Okta with
 * `members[value eq "id"]`; both are read the same.
 */
export async function patchScimGroup(db: Database, id: string, body: unknown, baseUrl: string, actor: ScimActor) {
  const current = await existingGroup(db, id);
  const resource = toScimGroup(current, baseUrl);
  const patched = applyPatch(resource, normalisePatchOps(body)) as ReturnType<typeof toScimGroup> & {
    members?: { value: string }[];
  };
  const input = groupFromScim({ ...patched, members: patched.members ?? [] });
  return applyGroup(db, current, input, actor);
}

export async function deleteScimGroup(db: Database, id: string, actor: ScimActor) {
  const current = await existingGroup(db, id);
  const before = current.members.map((m) => m.value);
  await writeBatch(db, [
    db.delete(scimGroupMembers).where(eq(scimGroupMembers.groupId, id)),
    db.delete(scimGroups).where(eq(scimGroups.id, id)),
    ...syncRoles(before, current.role ? [current.role] : []),
    audit(db, actor, "scim_group_deleted", { groupId: id, displayName: current.displayName, role: current.role }),
  ]);
}

// ─── Departments ────────────────────────────────────────────────────────────────────────────

/**
 * Every department the identity provider has sent (and every mapped one), with its discipline
 * (null: unmapped) and how many active people are in it.
 */
export async function listDepartments(db: Database) {
  const [items] = await readTogether(db, departmentsPlan(db));
  return items;
}

/** `listDepartments` as a plan, to read back in a mapping's own batch. */
export function departmentsPlan(db: Database) {
  const query = db
    .select({
      department: sql<string>`d.department`,
      disciplineId: sql<string | null>`m.discipline_id`,
      people: sql<number>`(SELECT count(*) FROM people p WHERE p.department = d.department AND p.active = 1)`,
    })
    .from(
      sql`(SELECT department FROM people WHERE department IS NOT NULL UNION SELECT department FROM department_mappings) d
        LEFT JOIN department_mappings m ON m.department = d.department`,
    )
    .orderBy(sql`m.discipline_id IS NOT NULL`, sql`d.department`)
    .limit(500);
  return readPlan([query], ([rows]) => rows);
}

/**
 * Replaces the mapping of the departments given (null: unmapped) and moves the people in a
 * newly mapped department to its discipline, in one batch. Returns the unknown discipline ids.
 */
export async function mapDepartments<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  items: { department: string; disciplineId: string | null }[],
  actorId: string,
  auditContext: AuditContext,
  ...after: P
) {
  const wanted = [...new Set(items.map((i) => i.disciplineId).filter((d): d is string => d !== null))];
  if (wanted.length) {
    const known = new Set(
      (
        await db
          .select({ id: disciplines.id })
          .from(disciplines)
          .where(sql`${disciplines.id} IN (SELECT value FROM json_each(${JSON.stringify(wanted)}))`)
      ).map((d) => d.id),
    );
    const unknown = items.findIndex((i) => i.disciplineId !== null && !known.has(i.disciplineId));
    if (unknown >= 0) return { bad: unknown, read: null };
  }
  const statements = items.flatMap(({ department, disciplineId }): Statement[] =>
    disciplineId === null
      ? [db.delete(departmentMappings).where(eq(departmentMappings.department, department))]
      : [
          db
            .insert(departmentMappings)
            .values({ department, disciplineId })
            .onConflictDoUpdate({ target: departmentMappings.department, set: { disciplineId } }),
          db.update(people).set({ disciplineId }).where(eq(people.department, department)),
        ],
  );
  const { read } = await writeThenRead(
    db,
    [
      ...statements,
      recordActivity(db, { challengeId: null, actorId, action: "departments_mapped", detail: { items } }, auditContext),
    ],
    ...after,
  );
  return { bad: -1, read };
}
