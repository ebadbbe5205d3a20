/**
 * `npm run db:seed`: loads the demo organisation into the local D1 database, once.
 *
 * It leaves a database that already has people alone, so `npm start` can run it every time.
 * Migrations must already be applied (`npm start` applies them first). Pass
 * `--persist-to <dir>` to seed a scratch database instead of the default `.wrangler` one, or
 * `--remote` to load a deployed demo's database (AUTH_MODE=demo) on your Cloudflare account.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildDemoOrganisation, SECTIONS } from "./demo";
import { SETTLE_SEEDED_OUTBOX } from "./sql";

const root = path.resolve(import.meta.dirname, "../..");

function persistArgs(argv: string[]): string[] {
  const i = argv.findIndex((a) => a === "--persist-to" || a.startsWith("--persist-to="));
  if (i === -1) return [];
  const value = argv[i].includes("=") ? argv[i].slice(argv[i].indexOf("=") + 1) : argv[i + 1];
  if (!value) {
    console.error("Usage: tsx db/seed/load.ts [--persist-to <dir> | --remote]");
    process.exit(2);
  }
  return ["--persist-to", path.resolve(value)];
}

const target = process.argv.includes("--remote") ? "--remote" : "--local";

function wrangler(args: string[]) {
  const result = spawnSync("npx", ["wrangler", "d1", "execute", "DB", target, ...args], {
    cwd: root,
    encoding: "utf8",
    shell: process.platform === "win32",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return result;
}

function fail(message: string, output: { stdout: string; stderr: string }): never {
  console.error(message);
  const detail = `${output.stdout}\n${output.stderr}`.trim();
  if (detail) console.error(detail);
  process.exit(1);
}

function countPeople(persist: string[]): number {
  const result = wrangler([...persist, "--command", "SELECT count(*) AS n FROM people", "--json"]);
  if (result.status !== 0) {
    fail(`Could not read the ${target.slice(2)} database. Apply the migrations first (npm run db:migrate).`, result);
  }
  const json = result.stdout.slice(result.stdout.indexOf("["));
  const [first] = JSON.parse(json) as { results: { n: number }[] }[];
  return Number(first?.results?.[0]?.n ?? 0);
}

function main() {
  const persist = persistArgs(process.argv.slice(2));
  if (countPeople(persist) > 0) {
    console.log("Demo organisation already loaded; leaving it as it is.");
    return;
  }

  const org = buildDemoOrganisation({ now: new Date() });
  const statements = [...SECTIONS.flatMap((section) => section(org)), SETTLE_SEEDED_OUTBOX];
  console.log(`Loading the demo organisation: ${org.people.length} people, ${org.challenges.length} challenges…`);

  const started = performance.now();
  const dir = mkdtempSync(path.join(tmpdir(), "crux-seed-"));
  try {
    const file = path.join(dir, "demo.sql");
    writeFileSync(file, `${statements.join(";\n")};\n`);
    const result = wrangler([...persist, "--file", file, "--yes"]);
    if (result.status !== 0) fail("Loading the demo organisation failed.", result);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Demo organisation loaded in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

main();
