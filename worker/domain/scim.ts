/**
 * SCIM 2.0 (RFC 7643, RFC 7644) as Crux speaks it (SPEC §17): the resources' shapes, how a
 * SCIM User becomes a person, the filters we answer, the errors' shape, and which groups grant
 * which roles. Pure: no I/O. The filter grammar is scim2-parse-filter's and PATCH is scim-patch's.
 */
import { type Filter, parse } from "scim2-parse-filter";

export const SCHEMA = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  enterprise: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  list: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  patch: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
} as const;

export const SCIM_CONTENT_TYPE = "application/scim+json";

export type ScimType = "uniqueness" | "invalidFilter" | "invalidValue" | "mutability" | "noTarget" | "invalidSyntax";

/** An error in the SCIM error schema (RFC 7644 §3.12): `status` is a string there. */
export class ScimError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 500 | 501,
    readonly scimType: ScimType | undefined,
    detail: string,
  ) {
    super(detail);
  }

  toBody() {
    return {
      schemas: [SCHEMA.error],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.message,
    };
  }
}

export const invalidValue = (detail: string) => new ScimError(400, "invalidValue", detail);

// ─── Groups and roles ───────────────────────────────────────────────────────────────────────

export type ScimRole = "sponsor" | "reviewer" | "admin";

/**
 * The global role a pushed group grants, by its display name: `sponsor`, `sponsors` or
 * `Crux sponsors` (any case) grant `sponsor`, and so on; any other group grants nothing.
 */
export function roleForGroupName(displayName: string): ScimRole | null {
  const name = displayName
    .trim()
    .toLowerCase()
    .replace(/^crux[\s_-]+/, "");
  for (const role of ["sponsor", "reviewer", "admin"] as const) {
    if (name === role || name === `${role}s`) return role;
  }
  return null;
}

// ─── Users ──────────────────────────────────────────────────────────────────────────────────

/** A person as SCIM sees them (what the services read). */
export interface ScimPerson {
  id: string;
  email: string;
  name: string;
  givenName: string | null;
  familyName: string | null;
  title: string;
  active: boolean;
  externalId: string | null;
  department: string | null;
  managerId: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toScimUser(p: ScimPerson, baseUrl: string) {
  return {
    schemas: [SCHEMA.user, SCHEMA.enterprise],
    id: p.id,
    ...(p.externalId ? { externalId: p.externalId } : {}),
    userName: p.email,
    name: {
      formatted: p.name,
      ...(p.givenName ? { givenName: p.givenName } : {}),
      ...(p.familyName ? { familyName: p.familyName } : {}),
    },
    displayName: p.name,
    emails: [{ value: p.email, type: "work", primary: true }],
    title: p.title,
    active: p.active,
    [SCHEMA.enterprise]: {
      ...(p.department ? { department: p.department } : {}),
      ...(p.managerId ? { manager: { value: p.managerId, $ref: `${baseUrl}/Users/${p.managerId}` } } : {}),
    },
    meta: {
      resourceType: "User",
      created: p.createdAt,
      lastModified: p.updatedAt,
      location: `${baseUrl}/Users/${p.id}`,
      version: `W/"${p.updatedAt}"`,
    },
  };
}

export type ScimUser = ReturnType<typeof toScimUser>;

/** What a SCIM User asks of the person: the columns Crux keeps. */
export type PersonFromScim = Omit<ScimPerson, "id" | "createdAt" | "updatedAt" | "managerId"> & {
  /** undefined: not given (left as it is); null: no manager. */
  managerId: string | null | undefined;
};

/**
 * Entra ID sends booleans as the strings "True" and "False"; everything else sends booleans.
 * Anything else is not a boolean.
 */
export function scimBoolean(value: unknown, field: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw invalidValue(`${field} must be true or false.`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown, field: string, max = 200): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw invalidValue(`${field} must be a string.`);
  const t = v.trim();
  if (t.length > max) throw invalidValue(`${field} is longer than ${max} characters.`);
  return t || null;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A manager reference: `{"value": id}` as RFC 7643 has it, or a bare id as some providers send. */
function managerOf(v: unknown): string | null | undefined {
  if (v === undefined) return undefined;
  if (v === null || v === "") return null;
  if (typeof v === "string") return v.trim() || null;
  if (isObject(v)) {
    if (v.value === undefined || v.value === null || v.value === "") return null;
    if (typeof v.value === "string") return v.value.trim() || null;
  }
  throw invalidValue('manager must be {"value": "<user id>"}.');
}

/** Reads a SCIM User (the body of POST or PUT, or a patched resource) into a person's columns. */
export function personFromScim(body: unknown): PersonFromScim {
  if (!isObject(body)) throw new ScimError(400, "invalidSyntax", "The body must be a SCIM User object.");
  const userName = text(body.userName, "userName", 200);
  if (!userName) throw invalidValue("userName is required.");
  // The userName is the person's sign-in e-mail (Okta's login, Entra's userPrincipalName): what
  // Access vouches for and what providers filter by. Other addresses in `emails` are not kept.
  if (!EMAIL.test(userName)) throw invalidValue("userName must be the person's e-mail address.");
  const email = userName.toLowerCase();
  const name = isObject(body.name) ? body.name : {};
  const givenName = text(name.givenName, "name.givenName", 100);
  const familyName = text(name.familyName, "name.familyName", 100);
  const display =
    text(body.displayName, "displayName", 100) ??
    text(name.formatted, "name.formatted", 100) ??
    ([givenName, familyName].filter(Boolean).join(" ") || email.split("@")[0]);
  const enterprise = isObject(body[SCHEMA.enterprise]) ? (body[SCHEMA.enterprise] as Record<string, unknown>) : {};
  return {
    email,
    name: display.slice(0, 100),
    givenName,
    familyName,
    title: text(body.title, "title", 120) ?? "",
    active: body.active === undefined ? true : scimBoolean(body.active, "active"),
    externalId: text(body.externalId, "externalId", 200),
    department: text(enterprise.department, "department", 120),
    managerId: managerOf(enterprise.manager),
  };
}

/**
 * PATCH bodies as providers send them, made regular for scim-patch: op names in any case,
 * Entra's "True"/"False" for `active`, and Okta's path-less `{"value": {"active": false}}`.
 */
export function normalisePatchOps(body: unknown) {
  if (!isObject(body) || !Array.isArray(body.Operations) || body.Operations.length === 0) {
    throw new ScimError(400, "invalidSyntax", "A PATCH body needs Operations: [{op, path?, value?}].");
  }
  return body.Operations.flatMap((raw, i): PatchOp[] => {
    if (!isObject(raw) || typeof raw.op !== "string")
      throw new ScimError(400, "invalidSyntax", `Operations[${i}] needs an op.`);
    const op = raw.op.toLowerCase();
    if (op !== "add" && op !== "replace" && op !== "remove") {
      throw new ScimError(400, "invalidSyntax", `Operations[${i}].op must be add, replace or remove.`);
    }
    const path = typeof raw.path === "string" ? raw.path : undefined;
    let value = raw.value;
    if (path && /^active$/i.test(path)) value = scimBoolean(value, "active");
    if (!path && isObject(value) && "active" in value)
      value = { ...value, active: scimBoolean(value.active, "active") };
    // Entra ID sends the manager as a bare id; RFC 7643 has {"value": id}.
    if (path && /(^|:)manager$/i.test(path) && typeof value === "string") value = { value };
    // Entra ID removes members by value (`"path":"members","value":[{"value":id}]`): one remove per
    // member, addressed by a filter, as RFC 7644 §3.5.2.2 writes it.
    if (op === "remove" && path && !path.includes("[") && Array.isArray(value)) {
      return value.map((v, j) => {
        const id = isObject(v) ? v.value : undefined;
        if (typeof id !== "string") throw invalidValue(`Operations[${i}].value[${j}].value must be an id.`);
        return { op, path: `${path}[value eq ${JSON.stringify(id)}]` };
      });
    }
    return [{ op, ...(path ? { path } : {}), ...(value !== undefined ? { value } : {}) }];
  });
}

type PatchOp = { op: "add" | "replace" | "remove"; path?: string; value?: unknown };

// ─── Filters ────────────────────────────────────────────────────────────────────────────────

/** The filters we answer: equality on these attributes, combined with `and` and `or`. */
export type UserFilterTerm = { attr: "userName" | "externalId" | "email" | "id"; value: string };
export type FilterTree = { and: FilterTree[] } | { or: FilterTree[] } | UserFilterTerm;

const USER_ATTRS: Record<string, UserFilterTerm["attr"]> = {
  username: "userName",
  externalid: "externalId",
  id: "id",
  "emails.value": "email",
  emails: "email",
};

const GROUP_ATTRS: Record<string, UserFilterTerm["attr"]> = {
  displayname: "userName",
  externalid: "externalId",
  id: "id",
};

/**
 * Parses a `filter` with scim2-parse-filter and keeps it to what we can answer from an index.
 * Anything else (another operator or attribute, bad syntax) is 400 `invalidFilter`. For Groups,
 * `displayName` plays the part of `userName`.
 */
export function compileFilter(filter: string, resource: "User" | "Group"): FilterTree {
  let ast: Filter;
  try {
    ast = parse(filter);
  } catch (err) {
    throw new ScimError(400, "invalidFilter", `The filter could not be read: ${(err as Error).message}`);
  }
  const attrs = resource === "User" ? USER_ATTRS : GROUP_ATTRS;
  const walk = (f: Filter, prefix = ""): FilterTree => {
    if (f.op === "and" || f.op === "or") {
      const parts = f.filters.map((x) => walk(x, prefix));
      return f.op === "and" ? { and: parts } : { or: parts };
    }
    if (f.op === "[]") {
      if (f.attrPath.toLowerCase() !== "emails" || resource !== "User") throw unsupported(filter);
      return walk(f.valFilter, "emails.");
    }
    if (f.op !== "eq" || typeof f.compValue !== "string") throw unsupported(filter);
    const attr = attrs[`${prefix}${f.attrPath}`.toLowerCase()];
    if (!attr) throw unsupported(filter);
    return { attr, value: f.compValue };
  };
  return walk(ast);
}

const unsupported = (filter: string) =>
  new ScimError(
    400,
    "invalidFilter",
    `Crux answers eq filters on userName, externalId, emails.value and id, joined by and/or; not: ${filter}`,
  );

/** SCIM paging (RFC 7644 §3.4.2.4): 1-based `startIndex`, `count` up to a page's worth. */
export function paging(query: { startIndex?: string; count?: string }, maxCount = MAX_RESULTS) {
  const startIndex = query.startIndex === undefined ? 1 : Number(query.startIndex);
  const count = query.count === undefined ? 100 : Number(query.count);
  if (!Number.isInteger(startIndex) || !Number.isInteger(count)) {
    throw invalidValue("startIndex and count must be whole numbers.");
  }
  return { startIndex: Math.max(1, startIndex), count: Math.min(Math.max(0, count), maxCount) };
}

export function listResponse<T>(resources: T[], totalResults: number, startIndex: number) {
  return {
    schemas: [SCHEMA.list],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

// ─── Discovery (RFC 7643 §5–§7) ─────────────────────────────────────────────────────────────

interface Attribute {
  name: string;
  type: "string" | "boolean" | "complex" | "reference" | "dateTime";
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  uniqueness?: "none" | "server" | "global";
  description: string;
  subAttributes?: Attribute[];
  referenceTypes?: string[];
}

/** An attribute as RFC 7643 §7 describes it, with its defaults spelled out. */
const attr = (a: Attribute): Record<string, unknown> => ({
  name: a.name,
  type: a.type,
  multiValued: a.multiValued ?? false,
  description: a.description,
  required: a.required ?? false,
  caseExact: a.caseExact ?? false,
  mutability: a.mutability ?? "readWrite",
  returned: "default",
  uniqueness: a.uniqueness ?? "none",
  ...(a.referenceTypes ? { referenceTypes: a.referenceTypes } : {}),
  ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attr) } : {}),
});

/** Exactly the attributes Crux keeps; others a provider sends are accepted and not stored. */
const SCHEMAS = [
  {
    id: SCHEMA.user,
    name: "User",
    description: "A person in Crux.",
    attributes: [
      {
        name: "userName",
        type: "string",
        required: true,
        uniqueness: "server",
        description: "The person's work e-mail address; unique without regard to case.",
      },
      {
        name: "name",
        type: "complex",
        description: "The person's name.",
        subAttributes: [
          { name: "formatted", type: "string", description: "The full name, shown when displayName is not sent." },
          { name: "givenName", type: "string", description: "Given name." },
          { name: "familyName", type: "string", description: "Family name." },
        ],
      },
      { name: "displayName", type: "string", description: "The name Crux shows." },
      { name: "title", type: "string", description: "Job title." },
      {
        name: "active",
        type: "boolean",
        description:
          "false deactivates: sessions end, API tokens are revoked, open applications are withdrawn; credit stays.",
      },
      {
        name: "externalId",
        type: "string",
        caseExact: true,
        uniqueness: "server",
        description: "The identity provider's id for the person.",
      },
      {
        name: "emails",
        type: "complex",
        multiValued: true,
        description:
          "Crux keeps one address: the userName, which must be the person's e-mail. Others sent are accepted and not kept.",
        subAttributes: [
          { name: "value", type: "string", description: "The address." },
          { name: "type", type: "string", description: "work" },
          { name: "primary", type: "boolean", description: "The primary address." },
        ],
      },
    ] satisfies Attribute[],
  },
  {
    id: SCHEMA.enterprise,
    name: "EnterpriseUser",
    description: "The enterprise extension: manager and department.",
    attributes: [
      {
        name: "department",
        type: "string",
        description:
          "Maps to a discipline through the admin-managed table on /admin; unmapped departments leave the discipline as it is.",
      },
      {
        name: "manager",
        type: "complex",
        description: "The person's manager, by their SCIM id.",
        subAttributes: [
          { name: "value", type: "string", description: "The manager's id." },
          { name: "$ref", type: "reference", referenceTypes: ["User"], description: "The manager's URI." },
        ],
      },
    ] satisfies Attribute[],
  },
  {
    id: SCHEMA.group,
    name: "Group",
    description:
      "A group; one named sponsors, reviewers or admins (optionally prefixed Crux) grants that global role to its members.",
    attributes: [
      { name: "displayName", type: "string", required: true, uniqueness: "server", description: "The group's name." },
      { name: "externalId", type: "string", caseExact: true, description: "The identity provider's id for the group." },
      {
        name: "members",
        type: "complex",
        multiValued: true,
        description: "The users in the group (groups do not nest).",
        subAttributes: [
          { name: "value", type: "string", mutability: "immutable", description: "A user's id." },
          { name: "display", type: "string", mutability: "readOnly", description: "The user's name." },
          {
            name: "$ref",
            type: "reference",
            referenceTypes: ["User"],
            mutability: "immutable",
            description: "The user's URI.",
          },
        ],
      },
    ] satisfies Attribute[],
  },
] as const;

export function schemaResources(baseUrl: string) {
  return SCHEMAS.map((s) => ({
    schemas: [SCHEMA.schema],
    id: s.id,
    name: s.name,
    description: s.description,
    attributes: s.attributes.map((a) => attr(a as Attribute)),
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${s.id}` },
  }));
}

export function resourceTypes(baseUrl: string) {
  return [
    {
      schemas: [SCHEMA.resourceType],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "People",
      schema: SCHEMA.user,
      schemaExtensions: [{ schema: SCHEMA.enterprise, required: false }],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [SCHEMA.resourceType],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      description: "Groups; some grant global roles",
      schema: SCHEMA.group,
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

export const MAX_RESULTS = 200;

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SCHEMA.serviceProviderConfig],
    documentationUri: `${baseUrl.replace(/\/scim\/v2$/, "")}/api/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "A SCIM token (scim_…) issued by a Crux admin on /admin, sent as Authorization: Bearer.",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}
