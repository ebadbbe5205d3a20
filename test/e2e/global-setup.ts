import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

const root = path.resolve(import.meta.dirname, "../..");
const PORT = Number(process.env.E2E_PORT ?? 8799);

let server: ChildProcess | undefined;

function run(command: string, args: string[]) {
  execFileSync(command, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}

async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) {
      throw new Error(`wrangler dev exited with code ${server.exitCode}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer ${url}/api/health within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
  if (!existsSync(path.join(root, "dist/client/index.html"))) run("npx", ["vite", "build"]);
  const state = path.join(root, ".tmp/e2e-state");
  rmSync(state, { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  run("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
  run("npx", ["tsx", "db/seed/load.ts", "--persist-to", state]);
  // The demo's history wrote outbox rows (by trigger) as it was loaded: it is not news, so none of
  // it is sent, and the queue hears only what the journeys do.
  run("npx", [
    "wrangler",
    "d1",
    "execute",
    "DB",
    "--local",
    "--persist-to",
    state,
    "--command",
    "UPDATE outbox SET enqueued_at = created_at, fanned_out_at = created_at WHERE fanned_out_at IS NULL",
  ]);

  server = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--port",
      String(PORT),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(PORT + 1),
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
  const baseURL = `http://localhost:${PORT}`;
  await waitForHealth(baseURL, 90_000);
  project.provide("baseURL", baseURL);

  return async () => {
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}
