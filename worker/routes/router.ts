import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { validationHook } from "../middleware/errors";

/**
 * A sub-app for one resource, with the shared validation hook and its middleware. (`use()` on an
 * OpenAPIHono returns a plain Hono type, so middleware is attached here, before the routes chain.)
 */
export function createRouter(...middleware: MiddlewareHandler<AppEnv>[]) {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  if (middleware.length) router.use(...middleware);
  return router;
}
