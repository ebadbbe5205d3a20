import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env";
import { operationIdFor } from "./openapi-operation-ids";

/** Where the document is served (the reference at /api/docs reads it from here). */
export const OPENAPI_PATH = "/api/openapi.json";

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Operation = { operationId?: string };
type Document = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;

/** The ways to authenticate, each named by the document's `security`. */
export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "crux_session",
    description: "Dev and demo mode: set by POST /api/dev/sign-in.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "access", {
    type: "apiKey",
    in: "header",
    name: "Cf-Access-Jwt-Assertion",
    description: "Production: the Cloudflare Access JWT, added by Access in front of the app.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiToken", {
    type: "http",
    scheme: "bearer",
    description: "Integrations: a personal API token (crux_…) issued by an admin, in `Authorization: Bearer`.",
  });
}

/**
 * The OpenAPI 3.1 document of every route `app` has, as integrators read it. Paths already start
 * with /api, so the one server is the origin the document was asked from (`origin`, e.g.
 * https://crux.example.com). Each operation's `operationId` comes from the table in
 * openapi-operation-ids.ts (generated clients name their methods after it), applied here to the
 * finished document rather than in each route file, so the names live in one place.
 */
export function openApiDocument(app: OpenAPIHono<AppEnv>, origin: string): Document {
  const document = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Crux API",
      version: "1.0.0",
      description:
        "The innovation-hub marketplace. Errors share one shape: {error: {code, message, details}}. Lists page with `limit` and `cursor`. Money is integer minor units of the org currency.",
    },
    servers: [{ url: origin, description: "This Crux (the origin the document was read from)." }],
    security: [{ session: [] }, { access: [] }, { apiToken: [] }],
  });
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Partial<Record<(typeof HTTP_METHODS)[number], Operation>>)[method];
      if (operation) operation.operationId = operationIdFor(method, path);
    }
  }
  return document;
}
