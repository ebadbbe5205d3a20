import { defineConfig } from "vitest/config";

/**
 * `npm run screenshots`: the main pages at 1280 and 375 px wide, taken in real Chromium against
 * `wrangler dev` on the demo data (the browser journeys' setup), into docs/screens/.
 */
export default defineConfig({
  test: {
    include: ["scripts/screens/**/*.screens.ts"],
    globalSetup: ["./test/e2e/global-setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: "forks",
  },
});
