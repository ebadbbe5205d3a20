/**
 * `npm run audit:pages`: Lighthouse 12 (mobile preset) on every main page, signed in (SPEC §18).
 *
 *   npm run audit:pages -- [--no-build] [--runs 1] [--out docs/lighthouse.md]
 *
 * Starts the app the way test/e2e/global-setup.ts does (a build, a fresh local D1 with the demo
 * organisation at .tmp/audit-state, `wrangler dev --var AUTH_MODE:dev` on a free port), signs in
 * through the dev sign-in and runs Lighthouse (its Node API) on each page in Debian's Chromium
 * (CHROME_PATH, default /usr/bin/chromium; headless, --no-sandbox), launched by puppeteer-core,
 * the driver Lighthouse itself uses and installs, with the signed-in person's cookies put in the
 * browser's own cookie jar first. (A `Cookie` in Lighthouse's `--extra-headers` is not
 * enough: Chromium sends its jar's cookies instead once the app sets one, and the page's API
 * calls answered 401.) An audit in which any API call answered 401 or 403 fails. It stops the
 * server and the browser after, writes each report to .tmp/lighthouse/<page>.json and
 * the table (performance, accessibility, best practices, total blocking time, LCP, and what
 * accessibility found) into the file given by `--out`, between its `audit:pages` markers.
 *
 * With `--runs N` each page is audited N times and the run with the median performance score is
 * kept (Lighthouse's own advice for noisy machines). Targets: performance ≥ 95, accessibility 100.
 * It is not part of `npm test`: it is slow, and its performance scores move with the machine.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import lighthouseRun from "lighthouse";
import puppeteer, { type Browser } from "puppeteer-core";
import { WELL_KNOWN } from "../db/seed/people";

const root = path.resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i === -1) return undefined;
  return argv[i].includes("=") ? argv[i].slice(argv[i].indexOf("=") + 1) : argv[i + 1];
};
const build = !argv.includes("--no-build");
const runs = Number(flag("runs") ?? 1);
const out = path.resolve(root, flag("out") ?? "docs/lighthouse.md");
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const state = path.join(root, ".tmp/audit-state");
const reports = path.join(root, ".tmp/lighthouse");

const TARGET = { performance: 95, accessibility: 100 };
const BEGIN = "<!-- audit:pages -->";
const END = "<!-- /audit:pages -->";

// ─── The app ─────────────────────────────────────────────────────────────────────────────────

function run(command: string, args: string[]) {
  execFileSync(command, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CI: "1" } });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function query<T>(sql: string): T[] {
  const result = spawnSync(
    "npx",
    ["wrangler", "d1", "execute", "DB", "--local", "--persist-to", state, "--json", "--command", sql],
    { cwd: root, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`Query failed: ${sql}\n${result.stderr}`);
  const [first] = JSON.parse(result.stdout.slice(result.stdout.indexOf("["))) as { results: T[] }[];
  return first.results;
}

let server: ChildProcess | undefined;

function stopServer() {
  void browser?.close();
  browser = undefined;
  if (server?.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

async function startApp(): Promise<string> {
  if (build || !existsSync(path.join(root, "dist/client/index.html"))) {
    console.log("Building the client…");
    run("npx", ["vite", "build"]);
  }
  rmSync(state, { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  console.log("A fresh local D1 with the demo organisation…");
  run("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
  run("npx", ["tsx", "db/seed/load.ts", "--persist-to", state]);

  const port = await freePort();
  const inspector = await freePort();
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
      String(inspector),
      "--persist-to",
      state,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
      "--var",
      "AUTH_MODE:dev",
    ],
    { cwd: root, stdio: ["ignore", "inherit", "inherit"], detached: true },
  );
  // localhost, as the e2e tests use: the dev sign-in is honoured on localhost only.
  const base = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return base;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer ${base}/api/health within 90 s`);
}

/** The cookies a browser holds once signed in as `email` and after its first read. */
async function signIn(base: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0];
      jar.set(pair.slice(0, pair.indexOf("=")), pair);
    }
  };
  const res = await fetch(`${base}/api/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  if (!res.ok) throw new Error(`Signing in as ${email} failed: ${res.status} ${await res.text()}`);
  keep(res);
  const me = await fetch(`${base}/api/me`, { headers: { cookie: [...jar.values()].join("; ") } });
  await me.arrayBuffer();
  if (!me.ok) throw new Error(`GET /api/me as ${email} answered ${me.status}`);
  keep(me);
  return [...jar.values()].join("; ");
}

// ─── Lighthouse ──────────────────────────────────────────────────────────────────────────────

interface PageToAudit {
  name: string;
  path: string;
  as: keyof typeof WELL_KNOWN;
}

interface AuditRef {
  id: string;
  weight: number;
}
interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  numericValue?: number;
  details?: { items?: unknown[] };
}
interface Report {
  lighthouseVersion: string;
  environment: { hostUserAgent: string; benchmarkIndex: number };
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number | null; auditRefs: AuditRef[] }>;
  audits: Record<string, Audit>;
}

interface Outcome {
  page: PageToAudit;
  report: Report;
}

let browser: Browser | undefined;

/** Headless Chromium driven by puppeteer-core (Lighthouse's own driver, installed with it). */
async function startBrowser() {
  browser = await puppeteer.launch({
    executablePath: chromePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

/**
 * One Lighthouse run in a fresh page whose browser holds the signed-in person's cookies
 * (name=value pairs from `signIn`) in its own jar.
 */
async function lighthouse(url: string, base: string, cookie: string, file: string): Promise<Report> {
  const page = await (browser as Browser).newPage();
  try {
    const { hostname } = new URL(base);
    const existing = await page.cookies(base);
    if (existing.length) await page.deleteCookie(...existing);
    await page.setCookie(
      ...cookie.split("; ").map((pair) => ({
        name: pair.slice(0, pair.indexOf("=")),
        value: pair.slice(pair.indexOf("=") + 1),
        domain: hostname,
        path: "/",
        httpOnly: true,
      })),
    );
    const result = await lighthouseRun(
      url,
      { output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility", "best-practices"] },
      undefined,
      page,
    );
    if (!result) throw new Error(`Lighthouse on ${url} gave no result`);
    writeFileSync(file, result.report as string);
  } finally {
    await page.close();
  }
  const report = JSON.parse(readFileSync(file, "utf8")) as Report;
  if (report.runtimeError) throw new Error(`Lighthouse on ${url}: ${report.runtimeError.message}`);
  const refused = (
    (report.audits["network-requests"]?.details?.items ?? []) as { url: string; statusCode: number }[]
  ).filter((r) => r.url.includes("/api/") && (r.statusCode === 401 || r.statusCode === 403));
  if (refused.length) {
    throw new Error(
      `Lighthouse on ${url} was not signed in: ${refused.map((r) => `${r.url} ${r.statusCode}`).join(", ")}`,
    );
  }
  return report;
}

const score = (report: Report, category: string) => {
  const value = report.categories[category]?.score;
  return value === null || value === undefined ? Number.NaN : Math.round(value * 100);
};

/** The accessibility audits that failed, with how many elements each. */
function accessibilityFindings(report: Report): string[] {
  return report.categories.accessibility.auditRefs
    .map((ref) => report.audits[ref.id])
    .filter((a) => a && a.scoreDisplayMode === "binary" && a.score !== null && a.score < 1)
    .map((a) => `${a.id} (${a.details?.items?.length ?? 0}): ${a.title}`);
}

function median<T>(items: T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

async function main() {
  if (!existsSync(chromePath)) throw new Error(`No Chromium at ${chromePath} (set CHROME_PATH).`);
  const base = await startApp();
  const [challenge] = query<{ id: string }>(
    "SELECT c.id FROM challenges c JOIN contributions x ON x.challenge_id = c.id WHERE c.stage = 'active' " +
      "GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1",
  );
  const [person] = query<{ id: string }>(
    "SELECT person_id AS id FROM contributions WHERE status = 'confirmed' GROUP BY person_id ORDER BY count(*) DESC, person_id LIMIT 1",
  );
  const pages: PageToAudit[] = [
    { name: "Marketplace", path: "/", as: "ic" },
    { name: "Challenge (the busiest active one)", path: `/challenges/${challenge.id}`, as: "ic" },
    { name: "Profile (the most credited person)", path: `/people/${person.id}`, as: "ic" },
    { name: "My work", path: "/my-work", as: "ic" },
    { name: "Dashboard", path: "/dashboard", as: "reviewer" },
    { name: "Recognition", path: "/recognition", as: "ic" },
  ];
  const cookies = new Map<string, string>();
  for (const as of new Set(pages.map((p) => p.as))) cookies.set(as, await signIn(base, WELL_KNOWN[as]));

  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  await startBrowser();
  const outcomes: Outcome[] = [];
  for (const [i, page] of pages.entries()) {
    const tries: Report[] = [];
    for (let r = 0; r < runs; r++) {
      const file = path.join(
        reports,
        `${i + 1}-${page.path.split("/")[1] || "marketplace"}${runs > 1 ? `-${r + 1}` : ""}.json`,
      );
      console.log(
        `Lighthouse: ${page.name} (${page.path}) as ${page.as}${runs > 1 ? `, run ${r + 1} of ${runs}` : ""}…`,
      );
      tries.push(await lighthouse(`${base}${page.path}`, base, cookies.get(page.as) as string, file));
    }
    outcomes.push({ page, report: median(tries, (t) => score(t, "performance")) });
  }
  await browser?.close();
  stopServer();
  const markdown = table(outcomes);
  console.log(`\n${markdown}`);
  writeReport(markdown);
  console.log(`Wrote ${path.relative(root, out)}; the reports are in ${path.relative(root, reports)}/.`);
}

function table(outcomes: Outcome[]): string {
  const first = outcomes[0].report;
  const version = spawnSync(chromePath, ["--version"], { encoding: "utf8" }).stdout;
  const chromiumVersion = /([\d.]+)/.exec(version)?.[1] ?? "?";
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 10)}: Lighthouse ${first.lighthouseVersion}, mobile preset (simulated ` +
      `throttling), Chromium ${chromiumVersion} headless, Node ${process.version}, ${os.cpus().length} cores ` +
      `(Lighthouse's benchmark index ${Math.round(first.environment.benchmarkIndex)}), the demo organisation, ` +
      `${runs === 1 ? "one run per page" : `the median of ${runs} runs per page`}.`,
    "",
    "| Page | As | Performance | Accessibility | Best practices | TBT | LCP | Targets |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const findings: string[] = [];
  for (const { page, report } of outcomes) {
    const perf = score(report, "performance");
    const a11y = score(report, "accessibility");
    const met = perf >= TARGET.performance && a11y >= TARGET.accessibility;
    const ms = (id: string) => `${Math.round(report.audits[id]?.numericValue ?? Number.NaN)} ms`;
    lines.push(
      `| ${page.name} | ${page.as} | ${perf} | ${a11y} | ${score(report, "best-practices")} | ` +
        `${ms("total-blocking-time")} | ${ms("largest-contentful-paint")} | ${met ? "met" : "**missed**"} |`,
    );
    const found = accessibilityFindings(report);
    if (found.length) findings.push(`- ${page.name}: ${found.join("; ")}`);
  }
  lines.push(
    "",
    `Targets: performance ≥ ${TARGET.performance} and accessibility ${TARGET.accessibility} on each page.`,
    "",
    findings.length ? "Accessibility findings:\n" : "Accessibility findings: none.",
    ...findings,
  );
  return lines.join("\n");
}

function writeReport(markdown: string) {
  const block = `${BEGIN}\n${markdown}\n${END}`;
  const current = existsSync(out) ? readFileSync(out, "utf8") : "";
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    start !== -1 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + END.length)}`
      : `# Lighthouse on the main pages\n\nWritten by \`npm run audit:pages\` (scripts/audit-pages.ts).\n\n${block}\n`;
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, next);
  // Biome formats Markdown (tables aligned), and `npm test` lints: leave the file as it would.
  spawnSync("npx", ["biome", "format", "--write", out], { cwd: root, stdio: "ignore" });
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
