import { createRoute, z } from "@hono/zod-openapi";
import { pageOf } from "../../domain/cursor";
import { auditContext, requireAuth, requireRole } from "../../middleware/auth";
import { invalid, notFound } from "../../middleware/errors";
import { errors, IdParam, json, jsonBody, PaginationQuery, page } from "../../schemas/common";
import {
  DEFAULT_TOKEN_DAYS,
  issueToken,
  listTokens,
  MAX_TOKEN_DAYS,
  revokeToken,
  TOKEN_SCOPES,
  tokenPlan,
} from "../../services/api-tokens";
import { readFacts } from "../../services/facts";
import { personPlan } from "../../services/people";
import { readCursor } from "../paging";
import { createRouter } from "../router";

const tags = ["Admin"];

const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The secret's first characters, to tell tokens apart." }),
    status: z.enum(["active", "expired", "revoked"]),
    person: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    createdBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().openapi({ description: "Accurate to about a minute." }),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    scope: z.enum(TOKEN_SCOPES).openapi({ description: "`read` tokens may only read; `read write` may also change." }),
  })
  .openapi("ApiToken");

const IssuedApiTokenSchema = ApiTokenSchema.extend({
  token: z.string().openapi({
    description: "The secret, shown this once: send it as `Authorization: Bearer <token>`.",
    example: "crux_3q2-7wEXAMPLEonlyEXAMPLEonlyEXAMPLEonly0",
  }),
}).openapi("IssuedApiToken");

const IssueTokenSchema = z
  .object({
    personId: z.string().min(1, "Choose a person.").max(64).openapi({ description: "Whom the token acts as." }),
    name: z.string().trim().min(2, "Name the token (at least 2 characters).").max(80),
    expiresInDays: z
      .number()
      .int()
      .min(1, "At least 1 day.")
      .max(MAX_TOKEN_DAYS, `At most ${MAX_TOKEN_DAYS} days.`)
      .default(DEFAULT_TOKEN_DAYS)
      .openapi({ description: `Days until the token expires: ${DEFAULT_TOKEN_DAYS} unless given, at most a year.` }),
    scope: z
      .enum(TOKEN_SCOPES, { message: 'Choose "read" or "read write".' })
      .default("read")
      .openapi({ description: "What the token may do: `read` (the default) or `read write`." }),
  })
  .openapi("IssueApiToken");

/** Personal API tokens for integrations (SPEC §12): issued and revoked by admins only. */
export const adminTokenRoutes = createRouter(requireAuth(), requireRole("admin"))
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "API tokens, newest first (never their secrets)",
      request: { query: PaginationQuery },
      responses: { 200: json(page(ApiTokenSchema), "The tokens."), ...errors },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      const after = readCursor(cursor, ["string"]);
      const rows = await listTokens(c.var.db, { limit, afterId: after ? String(after[0]) : undefined });
      return c.json(
        pageOf(rows, limit, (t) => [t.id]),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Issue a personal API token: the secret is in this answer and never again",
      request: { body: jsonBody(IssueTokenSchema) },
      responses: { 201: json(IssuedApiTokenSchema, "The token, with its secret."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const db = c.var.db;
      const [person] = await readFacts(db, personPlan(db, input.personId));
      if (!person) throw invalid({ personId: "No such person." });
      if (!person.active) throw invalid({ personId: `${person.name} is deactivated; reactivate them first.` });
      const issued = await issueToken(db, input, c.var.me.id, auditContext(c), (id) => [tokenPlan(db, id)]);
      const [token] = issued.read;
      if (!token) throw new Error("issued token not read back");
      // The secret must not linger in any cache between here and the admin's screen.
      c.header("Cache-Control", "no-store");
      return c.json({ ...token, token: issued.secret }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      summary: "Revoke an API token (revoking it again changes nothing)",
      request: { params: IdParam("id") },
      responses: { 200: json(ApiTokenSchema, "The revoked token."), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const token = await revokeToken(c.var.db, id, c.var.me.id, auditContext(c));
      if (!token) throw notFound("That API token");
      return c.json(token, 200);
    },
  );
