/**
 * The API document as integrators use it: builds GET /api/openapi.json from the app itself (in
 * Node, no server and no D1: worker/app.ts imports nothing of workerd's), then lints it with
 * `redocly lint` (redocly.yaml: the recommended rules, a missing operationId an error), generates
 * a TypeScript client with openapi-typescript and compiles it with a small use of it. Everything
 * lands in .tmp/openapi/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, ".tmp/openapi");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
/** The origin `npm start` serves on; the served document names the origin it was read from. */
const ORIGIN = "http://localhost:8787";

// Imported by URL so that this Node project's typecheck does not follow into the Worker's code
// (which tsconfig.json checks with the Workers types).
const load = (file: string) => import(pathToFileURL(path.join(root, file)).href);
const { app } = (await load("worker/app.ts")) as { app: unknown };
const { openApiDocument } = (await load("worker/openapi.ts")) as {
  openApiDocument(app: unknown, origin: string): unknown;
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const documentFile = path.join(out, "openapi.json");
writeFileSync(documentFile, `${JSON.stringify(openApiDocument(app, ORIGIN), null, 2)}\n`);

function run(step: string, command: string, args: string[]) {
  try {
    const output = execFileSync(command, args, { cwd: root, stdio: "pipe", encoding: "utf8" });
    console.log(`${step}: ok`);
    return output;
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    console.error(`${step} failed:\n${stdout ?? ""}${stderr ?? ""}`);
    process.exit(1);
  }
}

// Errors (redocly.yaml) fail; warnings pass, and are listed.
const lint = run("redocly lint", bin("redocly"), ["lint", documentFile, "--format=stylish", "--max-problems=1000"]);
for (const line of lint.split("\n").filter((l) => /\bwarning\b/.test(l))) console.log(`  ${line.trim()}`);

run("openapi-typescript", bin("openapi-typescript"), [documentFile, "--output", path.join(out, "api.d.ts")]);
writeFileSync(
  path.join(out, "usage.ts"),
  `import type { components, operations, paths } from "./api";

// What an integrator writes against the generated types: operations by their operationId.
type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
type Challenge = Json<operations["getChallenge"]["responses"][200]>;
type Page = Json<operations["listChallenges"]["responses"][200]>;
type NewPledge = Json<operations["createPledge"]["requestBody"]>;

export const challengeId: paths["/api/challenges/{id}"]["get"]["parameters"]["path"]["id"] = "ch_1";
export const title = (challenge: Challenge): string => challenge.title;
export const titles = (page: Page): string[] => page.items.map((item) => item.title);
export const pledge = (body: NewPledge): number => body.amount;
export const problem = (error: components["schemas"]["Error"]): string => error.error.message;
`,
);
writeFileSync(
  path.join(out, "tsconfig.json"),
  JSON.stringify({
    compilerOptions: {
      target: "ES2023",
      module: "ESNext",
      moduleResolution: "Bundler",
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
    },
    files: ["api.d.ts", "usage.ts"],
  }),
);
run("tsc on the generated client", bin("tsc"), ["-p", path.join(out, "tsconfig.json")]);
