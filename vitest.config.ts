import { mkdirSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/** Tests run inside workerd against real (local) D1, with the migrations the app deploys. */
export default defineConfig(async () => {
  // wrangler.toml names the client build as static assets; tests need the folder, not its files.
  mkdirSync(path.join(import.meta.dirname, "dist/client"), { recursive: true });
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "db/migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        // The committed config deploys in `access` mode; the tests sign in through dev mode.
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, AUTH_MODE: "dev" } },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      exclude: ["test/e2e/**"],
      setupFiles: ["./test/setup.ts"],
    },
  };
});
