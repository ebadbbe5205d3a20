import { defineConfig } from "drizzle-kit";

/** DRIZZLE_OUT lets `npm run check:migrations` generate into a scratch copy of the migrations. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: process.env.DRIZZLE_OUT ?? "./db/migrations",
  casing: "snake_case",
});
