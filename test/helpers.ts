import { env, exports } from "cloudflare:workers";

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

/** Signs in through the dev sign-in route and returns the session cookie to send back. */
export async function signIn(email: string): Promise<string> {
  const res = await call("POST", "/api/dev/sign-in", { body: { email } });
  if (res.status !== 200) throw new Error(`sign-in failed for ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie");
  if (!cookie) throw new Error("no session cookie");
  return cookie.split(";")[0];
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

export function call(method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) headers.cookie = options.as;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  return exports.default.fetch(new Request(`http://localhost${path}`, { method, headers, body }));
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
