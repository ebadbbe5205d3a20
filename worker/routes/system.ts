import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "../middleware/errors";
import { json } from "../schemas/common";
import { HTML_SECURITY_HEADERS } from "../security-headers";

/**
 * The interactive API reference. Swagger UI's files are copied into the client build
 * (vite.config.ts) so the page works where CDNs are blocked.
 */
const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Crux API reference</title>
  <link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css">
  <link rel="stylesheet" href="/vendor/swagger-ui/docs.css">
</head>
<body>
  <h1 class="visually-hidden">Crux API reference</h1>
  <main id="api-reference"></main>
  <script src="/vendor/swagger-ui/swagger-ui-bundle.js"></script>
  <script src="/vendor/swagger-ui/init.js"></script>
</body>
</html>`;

export const systemRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/health",
      tags: ["System"],
      summary: "Uptime check (no sign-in needed)",
      responses: { 200: json(z.object({ ok: z.literal(true) }), "The Worker is up.") },
    }),
    (c) => c.json({ ok: true as const }, 200),
  )
  .get("/docs", (c) => c.html(DOCS_HTML, 200, HTML_SECURITY_HEADERS));
