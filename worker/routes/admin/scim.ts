import { createRoute, z } from "@hono/zod-openapi";
import { auditContext, requireAuth, requireRole } from "../../middleware/auth";
import { invalid, notFound } from "../../middleware/errors";
import { errors, IdParam, json, jsonBody } from "../../schemas/common";
import {
  departmentsPlan,
  findScimToken,
  issueScimToken,
  listDepartments,
  listScimTokens,
  mapDepartments,
  revokeScimToken,
} from "../../services/scim";
import { createRouter } from "../router";

const tags = ["Admin"];

const ScimTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The secret's first characters, to tell tokens apart." }),
    status: z.enum(["active", "revoked"]),
    createdBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().openapi({ description: "Accurate to about a minute." }),
    revokedAt: z.string().nullable(),
  })
  .openapi("ScimToken");

const IssuedScimTokenSchema = ScimTokenSchema.extend({
  token: z.string().openapi({ description: "The secret, shown this once: the identity provider's bearer token." }),
  baseUrl: z.string().openapi({ description: "The SCIM base URL to give the identity provider." }),
}).openapi("IssuedScimToken");

const DepartmentSchema = z
  .object({
    department: z.string(),
    disciplineId: z.string().nullable().openapi({ description: "null: unmapped (people keep their discipline)." }),
    people: z.number().int().openapi({ description: "Active people in the department." }),
  })
  .openapi("DepartmentMapping");

const DepartmentsSchema = z
  .object({ items: z.array(DepartmentSchema), baseUrl: z.string() })
  .openapi("DepartmentMappings");

const scimBase = (url: string) => `${new URL(url).origin}/scim/v2`;

/** SCIM provisioning's admin side (SPEC §17): tokens for the identity provider, departments to disciplines. */
export const adminScimRoutes = createRouter(requireAuth(), requireRole("admin"))
  .openapi(
    createRoute({
      method: "get",
      path: "/scim-tokens",
      tags,
      summary: "SCIM tokens, newest first (never their secrets)",
      responses: {
        200: json(z.object({ items: z.array(ScimTokenSchema), baseUrl: z.string() }), "The tokens."),
        ...errors,
      },
    }),
    async (c) => c.json({ items: await listScimTokens(c.var.db), baseUrl: scimBase(c.req.url) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/scim-tokens",
      tags,
      summary: "Issue a SCIM token for an identity provider: the secret is in this answer and never again",
      description: "The token is valid only under /scim/v2, never for /api.",
      request: {
        body: jsonBody(z.object({ name: z.string().trim().min(2, "Name the token (at least 2 characters).").max(80) })),
      },
      responses: { 201: json(IssuedScimTokenSchema, "The token, with its secret."), ...errors },
    }),
    async (c) => {
      const { name } = c.req.valid("json");
      const { id, secret } = await issueScimToken(c.var.db, name, c.var.me.id, auditContext(c));
      const token = await findScimToken(c.var.db, id);
      if (!token) throw new Error("issued SCIM token not read back");
      c.header("Cache-Control", "no-store");
      return c.json({ ...token, token: secret, baseUrl: scimBase(c.req.url) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/scim-tokens/{id}",
      tags,
      summary: "Revoke a SCIM token (revoking it again changes nothing)",
      request: { params: IdParam("id") },
      responses: { 200: json(ScimTokenSchema, "The revoked token."), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await revokeScimToken(c.var.db, id, c.var.me.id, auditContext(c)))) throw notFound("That SCIM token");
      const token = await findScimToken(c.var.db, id);
      if (!token) throw notFound("That SCIM token");
      return c.json(token, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/scim/departments",
      tags,
      summary: "Departments the identity provider sent, unmapped first, with the discipline each maps to",
      responses: { 200: json(DepartmentsSchema, "The departments."), ...errors },
    }),
    async (c) => c.json({ items: await listDepartments(c.var.db), baseUrl: scimBase(c.req.url) }, 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/scim/departments",
      tags,
      summary: "Map departments to disciplines (null unmaps); people in a mapped department move to its discipline",
      request: {
        body: jsonBody(
          z.object({
            items: z
              .array(
                z.object({
                  department: z.string().trim().min(1, "Name the department.").max(120),
                  disciplineId: z.string().min(1).max(64).nullable(),
                }),
              )
              .min(1, "Map at least one department.")
              .max(200),
          }),
        ),
      },
      responses: { 200: json(DepartmentsSchema, "The departments after the change."), ...errors },
    }),
    async (c) => {
      const { items } = c.req.valid("json");
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.department)) throw invalid({ [`items.${i}.department`]: "That department is listed twice." });
        seen.add(item.department);
      });
      const after = departmentsPlan(c.var.db);
      const { bad, read } = await mapDepartments(c.var.db, items, c.var.me.id, auditContext(c), after);
      if (!read) throw invalid({ [`items.${bad}.disciplineId`]: "No such discipline." });
      return c.json({ items: read[0], baseUrl: scimBase(c.req.url) }, 200);
    },
  );
