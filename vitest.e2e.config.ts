import { defineConfig } from "vitest/config";

/**
 * Browser journeys: real Chromium (Debian's, driven by playwright-core) against `wrangler dev`
 * serving the built client and the Worker on a scratch local D1 loaded with the demo data.
 */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["./test/e2e/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: "forks",
  },
});
