import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import { staticAssetHeadersFile } from "./worker/security-headers";

const require = createRequire(import.meta.url);

/** Ships Swagger UI's files with the app, for the reference at /api/docs (no CDN). */
function swaggerUiAssets(): Plugin {
  const dir = path.dirname(require.resolve("swagger-ui-dist/package.json"));
  return {
    name: "crux-swagger-ui-assets",
    apply: "build",
    generateBundle() {
      for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
        this.emitFile({
          type: "asset",
          fileName: `vendor/swagger-ui/${file}`,
          source: readFileSync(path.join(dir, file)),
        });
      }
    },
  };
}

/** Writes the Workers Static Assets `_headers` file: the CSP and friends, and immutable hashed assets. */
function securityHeaders(): Plugin {
  return {
    name: "crux-security-headers",
    apply: "build",
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "_headers", source: staticAssetHeadersFile() });
    },
  };
}

export default defineConfig({
  root: "client",
  plugins: [preact(), swaggerUiAssets(), securityHeaders()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
  },
  server: {
    proxy: { "/api": "http://localhost:8787" },
  },
});
