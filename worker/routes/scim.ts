/**
 * `/scim/v2` (SPEC §17, RFC 7644): the identity provider's door. Its own sub-app, because SCIM
 * has its own media type, error schema and token, and none of /api's cookies or origin rules.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import {
  compileFilter,
  listResponse,
  paging,
  resourceTypes,
  SCHEMA,
  SCIM_CONTENT_TYPE,
  ScimError,
  schemaResources,
  serviceProviderConfig,
  toScimUser,
} from "../domain/scim";
import type { AppEnv } from "../env";
import { auditContext } from "../middleware/auth";
import {
  authenticateScimToken,
  createScimGroup,
  createScimUser,
  deleteScimGroup,
  deleteScimUser,
  findScimGroup,
  findScimUser,
  listScimGroups,
  listScimUsers,
  patchScimGroup,
  patchScimUser,
  replaceScimGroup,
  replaceScimUser,
  type ScimActor,
  toScimGroup,
} from "../services/scim";

type ScimEnv = AppEnv & { Variables: AppEnv["Variables"] & { scim: ScimActor; baseUrl: string } };

/** SCIM bodies are small: a user, a group with its members. */
const MAX_SCIM_BYTES = 1024 * 1024;

function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": `${SCIM_CONTENT_TYPE}; charset=utf-8`, "Cache-Control": "no-store", ...headers },
  });
}

/** The request's JSON body (`application/scim+json` or `application/json`), or 400 invalidSyntax. */
async function bodyOf(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new ScimError(400, "invalidSyntax", "The body is not JSON.");
  }
}

/** `attributes`/`excludedAttributes=members`: Okta and Entra ask for groups without their members. */
const wantsMembers = (q: { excludedAttributes?: string; attributes?: string }) => {
  const excluded = (q.excludedAttributes ?? "")
    .toLowerCase()
    .split(",")
    .map((s) => s.trim());
  if (excluded.includes("members")) return false;
  if (q.attributes)
    return q.attributes
      .toLowerCase()
      .split(",")
      .map((s) => s.trim())
      .includes("members");
  return true;
};

export const scimRoutes = new Hono<ScimEnv>()
  .use(
    bodyLimit({
      maxSize: MAX_SCIM_BYTES,
      onError: () => {
        throw new ScimError(413, undefined, "SCIM requests are limited to 1 MB.");
      },
    }),
  )
  .use(async (c, next) => {
    const header = c.req.header("Authorization") ?? "";
    const secret = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
    const found = secret ? await authenticateScimToken(c.var.db, secret) : null;
    if (!found) {
      const err = new ScimError(401, undefined, "A live SCIM token (scim_…) is required, as Authorization: Bearer.");
      return scimJson(err.toBody(), 401, { "WWW-Authenticate": 'Bearer realm="Crux SCIM"' });
    }
    if (found.touch) c.executionCtx.waitUntil(found.touch.run().catch(() => undefined));
    c.set("scim", { token: found.token, audit: auditContext(c) });
    c.set("baseUrl", `${new URL(c.req.url).origin}/scim/v2`);
    await next();
  })
  .get("/ServiceProviderConfig", (c) => scimJson(serviceProviderConfig(c.var.baseUrl)))
  .get("/ResourceTypes", (c) => {
    const types = resourceTypes(c.var.baseUrl);
    return scimJson(listResponse(types, types.length, 1));
  })
  .get("/ResourceTypes/:name", (c) => {
    const type = resourceTypes(c.var.baseUrl).find((t) => t.id === c.req.param("name"));
    if (!type) throw new ScimError(404, undefined, `No resource type ${c.req.param("name")}.`);
    return scimJson(type);
  })
  .get("/Schemas", (c) => {
    const schemas = schemaResources(c.var.baseUrl);
    return scimJson(listResponse(schemas, schemas.length, 1));
  })
  .get("/Schemas/:id", (c) => {
    const schema = schemaResources(c.var.baseUrl).find((s) => s.id === c.req.param("id"));
    if (!schema) throw new ScimError(404, undefined, `No schema ${c.req.param("id")}.`);
    return scimJson(schema);
  })
  // ─── Users ───
  .get("/Users", async (c) => {
    const q = c.req.query();
    const page = paging(q);
    const filter = q.filter ? compileFilter(q.filter, "User") : null;
    const { total, rows } = await listScimUsers(c.var.db, filter, page);
    return scimJson(
      listResponse(
        rows.map((p) => toScimUser(p, c.var.baseUrl)),
        total,
        page.startIndex,
      ),
    );
  })
  .post("/Users", async (c) => {
    const user = toScimUser(await createScimUser(c.var.db, await bodyOf(c.req.raw), c.var.scim), c.var.baseUrl);
    return scimJson(user, 201, { Location: user.meta.location });
  })
  .get("/Users/:id", async (c) => {
    const person = await findScimUser(c.var.db, c.req.param("id"));
    if (!person) throw new ScimError(404, undefined, `No user ${c.req.param("id")}.`);
    return scimJson(toScimUser(person, c.var.baseUrl));
  })
  .put("/Users/:id", async (c) => {
    const person = await replaceScimUser(c.var.db, c.req.param("id"), await bodyOf(c.req.raw), c.var.scim);
    return scimJson(toScimUser(person, c.var.baseUrl));
  })
  .patch("/Users/:id", async (c) => {
    const body = await bodyOf(c.req.raw);
    const person = await patchScimUser(c.var.db, c.req.param("id"), body, c.var.baseUrl, c.var.scim);
    return scimJson(toScimUser(person, c.var.baseUrl));
  })
  .delete("/Users/:id", async (c) => {
    await deleteScimUser(c.var.db, c.req.param("id"), c.var.scim);
    return c.body(null, 204);
  })
  // ─── Groups ───
  .get("/Groups", async (c) => {
    const q = c.req.query();
    const page = paging(q);
    const filter = q.filter ? compileFilter(q.filter, "Group") : null;
    const { total, rows } = await listScimGroups(c.var.db, filter, page, wantsMembers(q));
    return scimJson(
      listResponse(
        rows.map((g) => toScimGroup(g, c.var.baseUrl)),
        total,
        page.startIndex,
      ),
    );
  })
  .post("/Groups", async (c) => {
    const group = toScimGroup(await createScimGroup(c.var.db, await bodyOf(c.req.raw), c.var.scim), c.var.baseUrl);
    return scimJson(group, 201, { Location: group.meta.location });
  })
  .get("/Groups/:id", async (c) => {
    const group = await findScimGroup(c.var.db, c.req.param("id"), wantsMembers(c.req.query()));
    if (!group) throw new ScimError(404, undefined, `No group ${c.req.param("id")}.`);
    return scimJson(toScimGroup(group, c.var.baseUrl));
  })
  .put("/Groups/:id", async (c) => {
    const group = await replaceScimGroup(c.var.db, c.req.param("id"), await bodyOf(c.req.raw), c.var.scim);
    return scimJson(toScimGroup(group, c.var.baseUrl));
  })
  .patch("/Groups/:id", async (c) => {
    const body = await bodyOf(c.req.raw);
    const group = await patchScimGroup(c.var.db, c.req.param("id"), body, c.var.baseUrl, c.var.scim);
    return scimJson(toScimGroup(group, c.var.baseUrl));
  })
  .delete("/Groups/:id", async (c) => {
    await deleteScimGroup(c.var.db, c.req.param("id"), c.var.scim);
    return c.body(null, 204);
  })
  // A sub-app's notFound is not used once mounted; a last route answers the rest in SCIM's shape.
  .all("*", (c) =>
    scimJson(new ScimError(404, undefined, `No SCIM endpoint ${c.req.method} ${c.req.path}.`).toBody(), 404),
  )
  .onError((err, c) => {
    if (err instanceof ScimError) return scimJson(err.toBody(), err.status);
    console.error("SCIM request failed", c.req.method, c.req.path, err);
    return scimJson({ schemas: [SCHEMA.error], status: "500", detail: "Something went wrong on our side." }, 500);
  });
