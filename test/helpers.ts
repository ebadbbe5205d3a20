import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import app from "../worker/index";

export type Role = "member" | "sponsor" | "reviewer" | "admin";

export interface SeedPerson {
  id?: string;
  email?: string;
  name?: string;
  title?: string;
  discipline?: string | null;
  track?: "ic" | "management";
  level?: string | null;
  managerId?: string | null;
  skills?: string[];
  roles?: Role[];
  active?: boolean;
}

let counter = 0;

/** Inserts a person straight into D1 (tests seed what they need) and returns their id and e-mail. */
export async function seedPerson(p: SeedPerson = {}) {
  counter += 1;
  const id = p.id ?? `p_test${counter}_${crypto.randomUUID().slice(0, 8)}`;
  const email = (p.email ?? `person${counter}-${id.slice(-4)}@example.com`).toLowerCase();
  const roles = [...new Set<Role>(["member", ...(p.roles ?? [])])];
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO people (id, email, name, title, discipline_id, track, level_id, manager_id, skills, active)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(
      id,
      email,
      p.name ?? `Person ${counter}`,
      p.title ?? "Engineer",
      p.discipline === undefined ? "engineering" : p.discipline,
      p.track ?? "ic",
      p.level === undefined ? "IC4" : p.level,
      p.managerId ?? null,
      JSON.stringify(p.skills ?? []),
      p.active === false ? 0 : 1,
    ),
    ...roles.map((role) => env.DB.prepare("INSERT INTO person_roles (person_id, role) VALUES (?, ?)").bind(id, role)),
  ]);
  return { id, email };
}

/**
 * Signs in through the dev sign-in route and returns the cookies to send back, as a browser
 * would: the session and the caller's id (with which a read is one round trip).
 */
export async function signIn(email: string): Promise<string> {
  const res = await call("POST", "/api/dev/sign-in", { body: { email } });
  if (res.status !== 200) throw new Error(`sign-in failed for ${email}: ${res.status} ${await res.text()}`);
  // The D1 bookmark cookie is left out: requests here start fresh sessions, as a new tab would.
  const cookies = res.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .filter((cookie) => !cookie.startsWith("crux_bookmark="));
  if (!cookies.some((cookie) => cookie.startsWith("crux_session="))) throw new Error("no session cookie");
  return cookies.join("; ");
}

/** A seeded person, signed in: `as` is their cookie. */
export async function member(p: SeedPerson = {}) {
  const person = await seedPerson(p);
  return { ...person, as: await signIn(person.email) };
}

export interface CallOptions {
  body?: unknown;
  as?: string;
  headers?: Record<string, string>;
}

/**
 * Sends a request to the Worker's app in-process with the real bindings. (Going through
 * `exports.default.fetch` instead makes each request slower than the last within a test file,
 * cloudflare/workers-sdk#15446; test/conventions.test.ts proves that entrypoint separately.)
 */
export async function call(method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) headers.cookie = options.as;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`http://localhost${path}`, { method, headers, body }), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** Calls and parses JSON, for brevity in assertions. */
export async function callJson<T = any>(method: string, path: string, options: CallOptions = {}) {
  const res = await call(method, path, options);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** A complete §4 body: publishable as it is. */
export function challengeBody(overrides: Record<string, unknown> = {}) {
  return {
    title: "Cut batch analytics spend by 30%",
    summary: "Our nightly batch jobs cost more than the products they serve.",
    problem: "Markdown: **what is hard**, what has been tried.",
    whyItMatters: "Markdown: who gains, by how much.",
    kpis: [{ name: "Monthly batch spend", unit: "USD", direction: "down", baseline: 42000, target: 29400 }],
    boundaries: { constraints: "No change to customer-facing SLAs.", outOfScope: "Streaming jobs." },
    assistanceNeeded: "A data engineer two days a week; read access to billing exports.",
    horizonWeeks: 10,
    fundingAsk: 2500000,
    fundingBreakdown: "Compute for experiments 15000.00, contractor review 10000.00",
    tags: ["cost", "data-platform"],
    slots: [{ discipline: "data", count: 1, skills: ["spark", "sql"], commitmentPercent: 30, required: true }],
    ...overrides,
  };
}

/** Creates a challenge as `as` and optionally publishes it; returns its id. */
export async function createChallenge(as: string, overrides: Record<string, unknown> = {}, publish = false) {
  const created = await callJson("POST", "/api/challenges", { as, body: challengeBody(overrides) });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const id: string = created.body.id;
  if (publish) {
    const res = await callJson("POST", `/api/challenges/${id}/transitions`, { as, body: { action: "publish" } });
    if (res.status !== 200) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return id;
}

export { env };

/** Asserts the §11 error shape `{error: {code, message}}` and the status (and code); returns the error. */
export function expectError(res: { status: number; body: any }, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(typeof res.body?.error?.code).toBe("string");
  expect(res.body.error.code).toMatch(/^[a-z0-9_]+$/);
  expect(typeof res.body.error.message).toBe("string");
  expect(res.body.error.message.length).toBeGreaterThan(0);
  if (code) expect(res.body.error.code).toBe(code);
  return res.body.error as { code: string; message: string; details?: any };
}

/** Asserts a 400 `validation_failed` whose `details.fields` names each of `fields`; returns all named fields. */
export function expectInvalid(res: { status: number; body: any }, ...fields: string[]) {
  const error = expectError(res, 400, "validation_failed");
  const named = error.details?.fields ?? {};
  for (const field of fields) expect(Object.keys(named), `fields should name ${field}`).toContain(field);
  return named as Record<string, string>;
}

/**
 * Sets columns of a challenge straight in D1 (stage, co_lead_id, backer_count, listed_at …), to
 * reach states that other routes (funding, teams) produce.
 */
export async function setChallenge(id: string, columns: Record<string, string | number | null>) {
  const names = Object.keys(columns);
  await env.DB.prepare(`UPDATE challenges SET ${names.map((n) => `${n} = ?`).join(", ")} WHERE id = ?`)
    .bind(...Object.values(columns), id)
    .run();
}

/** A challenge's activity entries straight from D1, oldest first. */
export async function activitiesOf(challengeId: string) {
  const { results } = await env.DB.prepare(
    "SELECT action, actor_id AS actorId, detail FROM activities WHERE challenge_id = ? ORDER BY created_at, id",
  )
    .bind(challengeId)
    .all<{ action: string; actorId: string | null; detail: string }>();
  return results.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, any> }));
}

/** Bodies no route should answer with a 500: wrong types, wrong shapes, odd values. */
export const JUNK_BODIES: unknown[] = [
  "null",
  "[]",
  '"a string"',
  "42",
  "true",
  "{",
  "",
  '{"title": {"$gt": ""}}',
  '{"__proto__": {"admin": true}, "title": "Prototype"}',
  { title: null, summary: 5, kpis: "all of them" },
  { kpis: [null], slots: [null], tags: [null] },
  { kpis: [{ direction: "up", baseline: "1", target: [] }] },
  { slots: [{ discipline: 7, count: -1, commitmentPercent: 1e308 }] },
  { boundaries: "none", horizonWeeks: "10", fundingAsk: "2500000" },
  { fundingAsk: 1e300, horizonWeeks: -0.5 },
  { name: ["x"], roles: "admin", managerId: 12, skills: "sql", avatarUrl: 1, active: "yes" },
  { body: { nested: true }, action: 1, csv: 5 },
  { title: "\u0000\u0001\uffff", tags: ["\u0000"], summary: "😀".repeat(200) },
  { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: {} } } } } } } } } } },
];

/**
 * Seats `n` new people in a slot as members (`active` unless told otherwise), as an accepted
 * application would, keeping the slot's `filled` count in step.
 */
export async function seatMembers(
  challengeId: string,
  slotId: string,
  n: number,
  status: "active" | "pending_lend" = "active",
) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const person = await seedPerson();
    const id = `mem_test_${crypto.randomUUID().slice(0, 12)}`;
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, 20, ?)",
      ).bind(id, challengeId, slotId, person.id, status),
      env.DB.prepare("UPDATE challenge_slots SET filled = filled + 1 WHERE id = ?").bind(slotId),
    ]);
    ids.push(person.id);
  }
  return ids;
}
