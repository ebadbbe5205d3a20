/**
 * Fails when db/schema.ts and the committed migrations disagree: drizzle-kit generates into a
 * scratch copy of db/migrations, and any new migration it writes is drift someone forgot to
 * generate (`npm run db:generate`).
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const committed = path.join(root, "db/migrations");
// drizzle-kit reads `out` relative to the project, so the scratch copy lives inside it.
mkdirSync(path.join(root, ".tmp"), { recursive: true });
const scratch = mkdtempSync(path.join(root, ".tmp", "migrations-"));
try {
  cpSync(committed, scratch, { recursive: true });
  const before = new Set(readdirSync(scratch));
  execFileSync("npx", ["drizzle-kit", "generate", "--name", "drift"], {
    cwd: root,
    env: { ...process.env, DRIZZLE_OUT: `./${path.relative(root, scratch)}` },
    stdio: "pipe",
  });
  if (!existsSync(path.join(scratch, "meta/_journal.json"))) throw new Error("drizzle-kit did not read the migrations");
  const added = readdirSync(scratch).filter((f) => !before.has(f));
  if (added.length > 0) {
    console.error(
      `db/schema.ts has changes with no migration (drizzle-kit would write ${added.join(", ")}).\nRun \`npm run db:generate\` and commit the result.`,
    );
    process.exitCode = 1;
  } else {
    console.log("Schema and migrations agree.");
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
