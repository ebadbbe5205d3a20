/**
 * `npm run bench`: how fast the main reads are, on the large organisation (SPEC §13) or the demo.
 *
 *   npm run bench -- [--org large|demo] [--persist-to <dir>] [--runs 15] [--port 8790]
 *                    [--only latency|throughput] [--duration 10] [--connections 20] [--strict]
 *
 * Starts `wrangler dev` against the database of the organisation: the large one at
 * `.wrangler/bench` (generated with db/seed/large.ts when missing) or the demo at
 * `.wrangler/bench-demo` (migrated and loaded with db/seed/load.ts when missing), and signs in as
 * the well-known accounts. Then:
 *
 * - Latency: requests each endpoint a few times and prints the client-side p50/p95, the D1 round
 *   trips the API reports in `Server-Timing` (SPEC §11) and the response size, against targets.
 * - Throughput (SPEC §18): also starts the baseline Worker of scripts/baseline (Hono, one indexed
 *   D1 query for 20 rows, on the same wrangler and a copy of the same local D1 data, as two
 *   workerd processes cannot share one SQLite file) on `--port` + 2, and
 *   runs autocannon (`--connections` for `--duration` seconds each, after a short warm-up) on the
 *   baseline and each main read in turn: baseline, read, baseline, read, …, baseline. A read's
 *   ratio is its requests per second over the mean of the two baseline runs either side of it,
 *   so a machine that gets busier or quieter during the run moves both alike.
 *
 * Speed targets live here rather than in timed unit tests, which would be flaky on a shared
 * runner; `--strict` makes a missed target fail the run (exit code 1). docs/bench.md has figures.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { WELL_KNOWN } from "../db/seed/people";

const root = path.resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i === -1) return undefined;
  return argv[i].includes("=") ? argv[i].slice(argv[i].indexOf("=") + 1) : argv[i + 1];
};
const org = flag("org") ?? "large";
if (org !== "large" && org !== "demo") {
  console.error(`--org is large or demo, not ${org}`);
  process.exit(2);
}
const only = flag("only");
if (only !== undefined && only !== "latency" && only !== "throughput") {
  console.error(`--only is latency or throughput, not ${only}`);
  process.exit(2);
}
const persistTo = path.resolve(
  root,
  flag("persist-to") ?? (org === "large" ? ".wrangler/bench" : ".wrangler/bench-demo"),
);
const port = Number(flag("port") ?? 8790);
const runs = Number(flag("runs") ?? 15);
const duration = Number(flag("duration") ?? 10);
const connections = Number(flag("connections") ?? 20);
const strict = argv.includes("--strict");
const base = `http://127.0.0.1:${port}`;
const baselinePort = port + 2;
/** The baseline's copy of the database: two workerd processes on one SQLite file get SQLITE_BUSY. */
const baselineState = `${persistTo}-baseline`;
const baselineUrl = `http://127.0.0.1:${baselinePort}/api/baseline`;

/** A read's requests per second over the baseline's (SPEC §18). */
const MIN_RATIO = 0.8;

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

const servers: ChildProcess[] = [];

function stopServers() {
  for (const server of servers) {
    if (server.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
}

/** `wrangler dev` on `port` with the local D1 at `persistTo`, once it answers `/api/health`. */
async function startWrangler(what: string, serverPort: number, state: string, args: string[]) {
  const server = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      ...args,
      "--port",
      String(serverPort),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(serverPort + 1),
      "--persist-to",
      state,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
    ],
    { cwd: root, stdio: ["ignore", "inherit", "inherit"], detached: true },
  );
  servers.push(server);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev (${what}) exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${serverPort}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev (${what}) did not answer on port ${serverPort} within 90 s`);
}

async function startServer() {
  if (!existsSync(path.join(root, "dist/client/index.html"))) {
    spawnSync("npx", ["vite", "build"], { cwd: root, stdio: "inherit" });
  }
  await startWrangler("Crux", port, persistTo, ["--var", "AUTH_MODE:dev"]);
}

/** A copy of the local D1 data for the baseline, taken while no server has it open. */
function copyForBaseline() {
  rmSync(baselineState, { recursive: true, force: true });
  cpSync(path.join(persistTo, "v3/d1"), path.join(baselineState, "v3/d1"), { recursive: true });
}

/** The baseline Worker (scripts/baseline) on its copy of the same local D1 data as Crux. */
async function startBaseline() {
  await startWrangler("baseline", baselinePort, baselineState, ["--config", "scripts/baseline/wrangler.toml"]);
}

// ─── Measuring ───────────────────────────────────────────────────────────────────────────────

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${base}/api/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  if (!res.ok) throw new Error(`Signing in as ${email} failed: ${res.status} ${await res.text()}`);
  // Then the cookies a browser holds after its first read (the caller hint, the D1 bookmark).
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const pair = c.split(";")[0];
      jar.set(pair.slice(0, pair.indexOf("=")), pair);
    }
  };
  keep(res);
  const cookie = () => [...jar.values()].join("; ");
  const me = await fetch(`${base}/api/me`, { headers: { cookie: cookie() } });
  await me.arrayBuffer();
  if (!me.ok) throw new Error(`GET /api/me as ${email} answered ${me.status}`);
  keep(me);
  return cookie();
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

/** The cursor of page `pages` + 1 of a list, walked the way the client does; null if it is shorter. */
async function deepCursor(cookie: string, url: string, pages: number): Promise<string | null> {
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const sep = url.includes("?") ? "&" : "?";
    const { body } = await request(cookie, cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url);
    cursor = (body as { nextCursor: string | null }).nextCursor;
    if (!cursor) return null;
  }
  return cursor;
}

// ─── The probes ──────────────────────────────────────────────────────────────────────────────

/** The busiest active challenge and the person with the most confirmed contributions. */
function subjects(): { challenge: string; person: string } {
  const [challenge] = query<{ id: string }>(
    "SELECT c.id FROM challenges c JOIN contributions x ON x.challenge_id = c.id WHERE c.stage = 'active' " +
      "GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1",
  );
  const [person] = query<{ id: string }>(
    "SELECT person_id AS id FROM contributions WHERE status = 'confirmed' GROUP BY person_id ORDER BY count(*) DESC, person_id LIMIT 1",
  );
  return { challenge: challenge.id, person: person.id };
}

async function probes(cookies: Record<Who, string>, subject: { challenge: string; person: string }): Promise<Probe[]> {
  const challenge = { id: subject.challenge };
  const person = { id: subject.person };
  // Page 51 of the marketplace, where the organisation has one (the demo's has a few pages).
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
    ...(deep ? [list("marketplace page 51", `/api/challenges?limit=20&cursor=${encodeURIComponent(deep)}`)] : []),
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

// ─── Throughput against the baseline ─────────────────────────────────────────────────────────

interface Read {
  name: string;
  who: Who;
  path: string;
  /** The least ratio to the baseline this read should reach (SPEC §18); none: reported only. */
  minRatio?: number;
}

function reads(subject: { challenge: string }): Read[] {
  const c = `/api/challenges/${subject.challenge}`;
  return [
    { name: "marketplace", who: "ic", path: "/api/challenges", minRatio: MIN_RATIO },
    { name: "challenge", who: "ic", path: c, minRatio: MIN_RATIO },
    { name: "challenge page", who: "ic", path: `${c}/page`, minRatio: MIN_RATIO },
    { name: "people directory", who: "ic", path: "/api/people", minRatio: MIN_RATIO },
    { name: "my work", who: "ic", path: "/api/my-work" },
    { name: "inbox", who: "ic", path: "/api/inbox" },
  ];
}

/** Requests per second of one autocannon run; a run with failed requests is an error. */
async function cannon(url: string, cookie?: string, seconds = duration): Promise<number> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: cookie ? { cookie } : {},
  });
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(
      `autocannon on ${url}: ${result.errors} connection errors, ${result.non2xx} answers not 2xx ` +
        `(${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  return result.requests.total / result.duration;
}

async function throughput(cookies: Record<Who, string>, subject: { challenge: string }): Promise<number> {
  await startBaseline();
  const list = reads(subject);
  console.log(
    `\nThroughput: autocannon, ${connections} connections, ${duration} s a run, baseline and each read in turn ` +
      `(${list.length * duration + (list.length + 1) * duration} s and warm-ups)…`,
  );
  await cannon(baselineUrl, undefined, 2); // warm-up
  const baselines = [await cannon(baselineUrl)];
  const rows: string[][] = [];
  let failed = 0;
  for (const read of list) {
    const cookie = cookies[read.who];
    const probe = await request(cookie, read.path); // its round trips and size, and a warm isolate
    await cannon(`${base}${read.path}`, cookie, 2); // warm-up
    const rps = await cannon(`${base}${read.path}`, cookie);
    baselines.push(await cannon(baselineUrl));
    const around = (baselines[baselines.length - 2] + baselines[baselines.length - 1]) / 2;
    const ratio = rps / around;
    const missed = read.minRatio !== undefined && ratio < read.minRatio;
    if (missed) failed++;
    rows.push([
      read.name,
      read.path.replace(subject.challenge, ":id"),
      rps.toFixed(1),
      around.toFixed(1),
      `${ratio.toFixed(2)}×`,
      String(probe.trips),
      String(probe.bytes),
      read.minRatio === undefined ? "(reported)" : `≥ ${read.minRatio}×`,
      read.minRatio === undefined ? "" : missed ? "FAIL" : "PASS",
    ]);
  }
  printTable(["read", "path", "req/s", "baseline req/s", "ratio", "db trips", "bytes", "target", "result"], rows);
  const low = Math.min(...baselines);
  const high = Math.max(...baselines);
  console.log(
    `Baseline runs: ${baselines.map((b) => b.toFixed(1)).join(", ")} req/s ` +
      `(spread ${(((high - low) / low) * 100).toFixed(0)}%); each ratio is over the two either side of its read. ` +
      `${failed} of ${list.filter((r) => r.minRatio !== undefined).length} missed their target.`,
  );
  return failed;
}

// ─── The run ─────────────────────────────────────────────────────────────────────────────────

function wrangler(args: string[]) {
  const result = spawnSync("npx", ["wrangler", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
}

async function ensureDatabase() {
  if (org === "large") {
    if (!databaseExists()) {
      console.log(`No large database at ${path.relative(root, persistTo)}; generating it first.`);
      const { seedLarge } = await import("../db/seed/large");
      await seedLarge(["--persist-to", persistTo]);
    }
    return;
  }
  // The demo: migrated (a no-op when it is current) and loaded when empty, as test/e2e does.
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo]);
  const load = spawnSync("npx", ["tsx", "db/seed/load.ts", "--persist-to", persistTo], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (load.status !== 0) throw new Error("Loading the demo organisation failed.");
}

async function main() {
  await ensureDatabase();
  const [size] = query<{ people: number; challenges: number; contributions: number }>(
    "SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM challenges) AS challenges, " +
      "(SELECT count(*) FROM contributions) AS contributions",
  );
  console.log(
    `Database (${org} organisation): ${size.people} people, ${size.challenges} challenges, ${size.contributions} contributions.`,
  );
  const subject = subjects();
  if (only !== "latency") copyForBaseline();

  await startServer();
  const cookies = {
    reviewer: await signIn(WELL_KNOWN.reviewer),
    ic: await signIn(WELL_KNOWN.ic),
    admin: await signIn(WELL_KNOWN.admin),
  };
  let failed = 0;
  if (only !== "throughput") failed += await latency(cookies, subject);
  if (only !== "latency") failed += await throughput(cookies, subject);
  if (strict && failed > 0) process.exitCode = 1;
}

async function latency(cookies: Record<Who, string>, subject: { challenge: string; person: string }): Promise<number> {
  const rows: string[][] = [];
  let failed = 0;
  for (const probe of await probes(cookies, subject)) {
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
  return failed;
}

function printTable(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const r of rows) console.log(line(r));
}

process.on("SIGINT", () => {
  stopServers();
  process.exit(130);
});

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(stopServers);
