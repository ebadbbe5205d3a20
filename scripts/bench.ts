/**
 * `npm run bench`: how fast the main reads are on the large organisation (SPEC §13).
 *
 *   npm run bench -- [--persist-to .wrangler/bench] [--runs 15] [--port 8790] [--strict]
 *
 * Starts `wrangler dev` against the large database (generating it with db/seed/large.ts first
 * when it is missing), signs in as the well-known accounts and requests each endpoint a few
 * times. It prints the client-side p50/p95, the D1 round trips the API reports in
 * `Server-Timing` (SPEC §11) and the response size, each against the targets below. Speed
 * targets live here rather than in timed unit tests, which would be flaky on a shared runner;
 * `--strict` makes a missed target fail the run (exit code 1).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { WELL_KNOWN } from "../db/seed/people";

const root = path.resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i === -1) return undefined;
  return argv[i].includes("=") ? argv[i].slice(argv[i].indexOf("=") + 1) : argv[i + 1];
};
const persistTo = path.resolve(root, flag("persist-to") ?? ".wrangler/bench");
const port = Number(flag("port") ?? 8790);
const runs = Number(flag("runs") ?? 15);
const strict = argv.includes("--strict");
const base = `http://127.0.0.1:${port}`;

/** p95 in ms on a developer machine (workerd's local SQLite; D1 in production adds network time). */
const LIST_MS = 300;
const PAGE_MS = 200;

interface Target {
  p95Ms: number;
  maxTrips?: number;
}

type Who = "reviewer" | "ic" | "admin";

interface Probe {
  name: string;
  who: Who;
  path: string;
  target: Target;
}

// ─── The large database and the server ───────────────────────────────────────────────────────

function databaseExists(): boolean {
  const dir = path.join(persistTo, "v3/d1/miniflare-D1DatabaseObject");
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
}

function query<T>(sql: string): T[] {
  const result = spawnSync(
    "npx",
    ["wrangler", "d1", "execute", "DB", "--local", "--persist-to", persistTo, "--json", "--command", sql],
    { cwd: root, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`Query failed: ${sql}\n${result.stderr}`);
  const [first] = JSON.parse(result.stdout.slice(result.stdout.indexOf("["))) as { results: T[] }[];
  return first.results;
}

let server: ChildProcess | undefined;

function stopServer() {
  if (server?.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

async function startServer() {
  if (!existsSync(path.join(root, "dist/client/index.html"))) {
    spawnSync("npx", ["vite", "build"], { cwd: root, stdio: "inherit" });
  }
  server = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(port + 1),
      "--persist-to",
      persistTo,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
      "--var",
      "AUTH_MODE:dev",
    ],
    { cwd: root, stdio: ["ignore", "inherit", "inherit"], detached: true },
  );
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer on port ${port} within 90 s`);
}

// ─── Measuring ───────────────────────────────────────────────────────────────────────────────

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${base}/api/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  if (!res.ok) throw new Error(`Signing in as ${email} failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

interface Sample {
  ms: number;
  trips: number;
  bytes: number;
}

/**
 * One GET. `wrangler dev` rebuilds and restarts the worker when a source file changes (someone
 * editing while the bench runs), which drops the connection: such a request is tried again.
 */
async function get(url: string, cookie: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(`${base}${url}`, { headers: { cookie } });
    } catch (error) {
      if (attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

async function request(cookie: string, url: string): Promise<Sample & { body: unknown }> {
  const started = performance.now();
  const res = await get(url, cookie);
  const buffer = await res.arrayBuffer();
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${new TextDecoder().decode(buffer).slice(0, 300)}`);
  const timing = res.headers.get("server-timing") ?? "";
  const trips = Number(/db;desc="(\d+) round trips?"/.exec(timing)?.[1] ?? Number.NaN);
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? JSON.parse(new TextDecoder().decode(buffer)) : null;
  return { ms, trips, bytes: buffer.byteLength, body };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(
  cookie: string,
  url: string,
): Promise<{ p50: number; p95: number; trips: number; bytes: number }> {
  await request(cookie, url); // warm the isolate and SQLite's page cache
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await request(cookie, url));
  const ms = samples.map((s) => s.ms);
  return {
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    trips: Math.max(...samples.map((s) => s.trips)),
    bytes: samples[samples.length - 1].bytes,
  };
}

/** The cursor of page `pages` + 1 of a list, walked the way the client does. */
async function deepCursor(cookie: string, url: string, pages: number): Promise<string> {
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const sep = url.includes("?") ? "&" : "?";
    const { body } = await request(cookie, cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url);
    cursor = (body as { nextCursor: string | null }).nextCursor;
    if (!cursor) throw new Error(`${url} ran out of pages after ${i + 1}`);
  }
  return cursor as string;
}

// ─── The probes ──────────────────────────────────────────────────────────────────────────────

async function probes(cookies: Record<Who, string>): Promise<Probe[]> {
  const [challenge] = query<{ id: string }>(
    "SELECT c.id FROM challenges c JOIN contributions x ON x.challenge_id = c.id WHERE c.stage = 'active' " +
      "GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1",
  );
  const [person] = query<{ id: string }>(
    "SELECT person_id AS id FROM contributions WHERE status = 'confirmed' GROUP BY person_id ORDER BY count(*) DESC, person_id LIMIT 1",
  );
  const deep = await deepCursor(cookies.ic, "/api/challenges?limit=20", 50);
  const list = (name: string, url: string, who: Who = "ic"): Probe => ({
    name,
    who,
    path: url,
    target: { p95Ms: LIST_MS },
  });
  const page = (name: string, url: string, who: Who = "admin", maxTrips?: number): Probe => ({
    name,
    who,
    path: url,
    target: { p95Ms: PAGE_MS, maxTrips },
  });
  const c = `/api/challenges/${challenge.id}`;
  return [
    list("marketplace (newest)", "/api/challenges"),
    list("marketplace most backed", "/api/challenges?sort=most_backed"),
    list("marketplace q=latency", "/api/challenges?q=latency"),
    list("marketplace stage=active", "/api/challenges?stage=active"),
    list("marketplace discipline=design", "/api/challenges?discipline=design"),
    list("marketplace tag=security", "/api/challenges?tag=security"),
    list("marketplace page 51", `/api/challenges?limit=20&cursor=${encodeURIComponent(deep)}`),
    page("challenge", c),
    page("challenge ledger", `${c}/ledger`),
    page("challenge team", `${c}/team`),
    page("challenge comments", `${c}/comments?limit=50`),
    page("challenge activity", `${c}/activity?limit=20`),
    page("challenge progress", `${c}/progress`),
    page("challenge updates", `${c}/updates?limit=10`),
    page("challenge contributions", `${c}/contributions`),
    page("challenge showcase", `${c}/showcase`),
    list("people (directory)", "/api/people"),
    list("people q=staff", "/api/people?q=staff"),
    list("people discipline=data", "/api/people?discipline=data"),
    page("profile", `/api/people/${person.id}`, "ic"),
    page("portfolio (busiest person)", `/api/people/${person.id}/portfolio`, "ic"),
    list("for-you", "/api/for-you?limit=30", "ic"),
    list("inbox (ic)", "/api/inbox", "ic"),
    list("inbox (reviewer)", "/api/inbox", "reviewer"),
    { name: "dashboard", who: "reviewer", path: "/api/dashboard", target: { p95Ms: LIST_MS, maxTrips: 6 } },
  ];
}

async function main() {
  if (!databaseExists()) {
    console.log(`No large database at ${path.relative(root, persistTo)}; generating it first.`);
    const { seedLarge } = await import("../db/seed/large");
    await seedLarge(["--persist-to", persistTo]);
  }
  const [size] = query<{ people: number; challenges: number; contributions: number }>(
    "SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM challenges) AS challenges, " +
      "(SELECT count(*) FROM contributions) AS contributions",
  );
  console.log(`Database: ${size.people} people, ${size.challenges} challenges, ${size.contributions} contributions.`);

  await startServer();
  const cookies = {
    reviewer: await signIn(WELL_KNOWN.reviewer),
    ic: await signIn(WELL_KNOWN.ic),
    admin: await signIn(WELL_KNOWN.admin),
  };
  const rows: string[][] = [];
  let failed = 0;
  for (const probe of await probes(cookies)) {
    const r = await measure(cookies[probe.who], probe.path);
    const slow = r.p95 > probe.target.p95Ms;
    const chatty = probe.target.maxTrips !== undefined && r.trips > probe.target.maxTrips;
    if (slow || chatty) failed++;
    rows.push([
      probe.name,
      probe.who,
      r.p50.toFixed(1),
      r.p95.toFixed(1),
      String(r.trips),
      String(r.bytes),
      `p95 < ${probe.target.p95Ms}${probe.target.maxTrips === undefined ? "" : `, trips ≤ ${probe.target.maxTrips}`}`,
      slow || chatty ? "FAIL" : "PASS",
    ]);
  }
  printTable(["endpoint", "as", "p50 ms", "p95 ms", "db trips", "bytes", "target", "result"], rows);
  console.log(`${runs} runs each after one warm-up; ${failed} of ${rows.length} missed their target.`);
  if (strict && failed > 0) process.exitCode = 1;
}

function printTable(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const r of rows) console.log(line(r));
}

process.on("SIGINT", () => {
  stopServer();
  process.exit(130);
});

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(stopServer);
