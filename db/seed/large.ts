/**
 * `npm run db:seed:large`: a fresh local D1 database holding the large organisation
 * (db/seed/large-org.ts) for performance work, at `--persist-to` (default `.wrangler/bench`).
 *
 *   npm run db:seed:large -- [--persist-to <dir>] [--people 20000] [--challenges 5000] [--contributions 200000]
 *
 * It replaces whatever database was there, applies the migrations with wrangler, then writes
 * through a D1 binding from `getPlatformProxy`: the same workerd SQLite `wrangler dev` uses, so
 * the FTS triggers of migration 0001 index every challenge, about eight times faster than
 * `wrangler d1 execute --file` (which spends its time splitting a large file into statements).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { getPlatformProxy } from "wrangler";
import { buildLargeOrganisation, LARGE_DEFAULTS } from "./large-org";
import { insertRows, SETTLE_SEEDED_OUTBOX } from "./sql";

const root = path.resolve(import.meta.dirname, "../..");
/** Statements per `batch()`: each is up to 60 KB (see sql.ts), so a batch stays a few MB. */
const BATCH = 40;

function flag(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i === -1) return undefined;
  return argv[i].includes("=") ? argv[i].slice(argv[i].indexOf("=") + 1) : argv[i + 1];
}

function count(argv: string[], name: keyof typeof LARGE_DEFAULTS): number {
  const value = flag(argv, name);
  if (value === undefined) return LARGE_DEFAULTS[name];
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, not ${value}`);
    process.exit(2);
  }
  return n;
}

/** The part of the D1 binding the loader uses (the Node config has no Workers types). */
interface Statement {
  first<T>(): Promise<T | null>;
}
interface D1 {
  prepare(query: string): Statement;
  batch(statements: Statement[]): Promise<unknown>;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

export async function seedLarge(argv: string[]) {
  const persistTo = path.resolve(root, flag(argv, "persist-to") ?? ".wrangler/bench");
  const sizes = { people: count(argv, "people"), challenges: count(argv, "challenges") };
  const contributions = count(argv, "contributions");
  const started = performance.now();

  // It replaces what is there, so it only ever deletes a wrangler state folder (or an empty one).
  if (existsSync(persistTo) && readdirSync(persistTo).length > 0 && !existsSync(path.join(persistTo, "v3"))) {
    console.error(`${persistTo} is not a wrangler state folder (no v3/ inside); refusing to replace it.`);
    process.exit(2);
  }
  rmSync(persistTo, { recursive: true, force: true });
  const migrate = spawnSync(
    "npx",
    ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo],
    { cwd: root, encoding: "utf8", shell: process.platform === "win32", env: { ...process.env, CI: "1" } },
  );
  if (migrate.status !== 0) {
    console.error(`${migrate.stdout}\n${migrate.stderr}`.trim());
    throw new Error("Applying the migrations failed.");
  }
  console.log(`Migrations applied at ${path.relative(root, persistTo) || persistTo} (${seconds(started)}).`);

  const built = performance.now();
  const org = buildLargeOrganisation({ now: new Date(), ...sizes, contributions });
  const rowCount = org.tables.reduce((sum, [, rows]) => sum + rows.length, 0);
  console.log(
    `Generated ${org.counts.people} people, ${org.counts.challenges} challenges, ${org.counts.contributions} contributions ` +
      `(${rowCount} rows on top of the demo) in ${seconds(built)}.`,
  );

  const proxy = await getPlatformProxy<{ DB: D1 }>({
    configPath: path.join(root, "wrangler.toml"),
    persist: { path: path.join(persistTo, "v3") },
  });
  try {
    const db = proxy.env.DB;
    const run = async (statements: string[]) => {
      for (let i = 0; i < statements.length; i += BATCH) {
        await db.batch(statements.slice(i, i + BATCH).map((s) => db.prepare(s)));
      }
    };
    const loaded = performance.now();
    await run(org.demoStatements);
    for (const [table, rows] of org.tables) {
      const t = performance.now();
      await run(insertRows(table, rows));
      console.log(`  ${table}: ${rows.length} rows (${seconds(t)})`);
    }
    await run([SETTLE_SEEDED_OUTBOX]);
    const fts = await db
      .prepare("SELECT (SELECT count(*) FROM challenges_fts) AS fts, (SELECT count(*) FROM challenges) AS n")
      .first<{
        fts: number;
        n: number;
      }>();
    if (!fts || fts.fts !== fts.n) throw new Error(`The search index has ${fts?.fts} rows for ${fts?.n} challenges.`);
    console.log(`Loaded in ${seconds(loaded)}; ${seconds(started)} in all.`);
  } finally {
    await proxy.dispose();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  seedLarge(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
