import { expect } from "vitest";
import { callJson, createChallenge, env, member, setChallenge } from "./helpers";

/**
 * World builders for test/round-trips.test.ts: each reaches one state through the API (and the
 * D1 shortcuts the other tests use: `setChallenge` for a stage, `seatMembers` for a seat) and
 * returns who is who. Nothing here is counted; only the request under test is.
 */

export type Person = Awaited<ReturnType<typeof member>>;
export type Sponsor = Person & { budgetId: string };

const DAY_MS = 86_400_000;
/** An ISO date `offsetDays` from today (negative: in the past). */
export const isoDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);
const year = new Date().getUTCFullYear();

let seq = 0;
/** A name nobody else in the file uses (budget periods, disciplines, tokens must be unique). */
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

/** Calls, asserts the status and returns the body. */
export async function ok<T = any>(
  method: string,
  path: string,
  options: { as?: string; body?: unknown; headers?: Record<string, string> },
  status = 200,
): Promise<T> {
  const res = await callJson<T>(method, path, options);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

export const admin = () => member({ roles: ["admin"] });
export const reviewer = () => member({ roles: ["reviewer"] });

const KPIS = [
  { name: "Monthly batch spend", unit: "USD", direction: "down", baseline: 42000, target: 29400 },
  { name: "Jobs retired", unit: "jobs", direction: "up", baseline: 0, target: 10 },
];
const DATA_SLOT = { discipline: "data", count: 3, skills: ["sql"], commitmentPercent: 20, required: false };

/** The ids a challenge's KPIs and slots got, read through the API. */
async function idsOf(as: string, id: string) {
  const ch = await ok("GET", `/api/challenges/${id}`, { as });
  return {
    kpiIds: ch.kpis.map((k: { id: string }) => k.id) as string[],
    slotIds: ch.slots.map((s: { id: string }) => s.id) as string[],
  };
}

/** A published (open) challenge with two KPIs and one open data slot of three seats. */
export async function openChallenge(overrides: Record<string, unknown> = {}) {
  const lead = await member();
  const id = await createChallenge(lead.as, { kpis: KPIS, slots: [DATA_SLOT], ...overrides }, true);
  const { kpiIds, slotIds } = await idsOf(lead.as, id);
  return { lead, id, kpiIds, slotId: slotIds[0] };
}

/** A draft, not yet published. */
export async function draftChallenge() {
  const lead = await member();
  const id = await createChallenge(lead.as, { kpis: KPIS, slots: [DATA_SLOT] }, false);
  return { lead, id };
}

/** An admin, a current budget period and one sponsor holding `amount` in it. */
export async function sponsorWithBudget(amount = 10_000_000) {
  const a = await admin();
  const period = await ok(
    "POST",
    "/api/admin/budget-periods",
    { as: a.as, body: { name: unique("FY"), startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` } },
    201,
  );
  const s = await member({ roles: ["sponsor"] });
  const budget = await ok(
    "POST",
    "/api/admin/allocations",
    { as: a.as, body: { periodId: period.id, sponsorId: s.id, amount } },
    201,
  );
  const sponsor: Sponsor = { ...s, budgetId: budget.id };
  return { admin: a, periodId: period.id as string, sponsor };
}

export async function pledge(sponsor: Sponsor, challengeId: string, amount: number) {
  const made = await ok(
    "POST",
    `/api/challenges/${challengeId}/pledges`,
    { as: sponsor.as, body: { budgetId: sponsor.budgetId, amount } },
    201,
  );
  return made.pledge.id as string;
}

/** An open challenge (ask 2 500 000) with a sponsor's partial pledge: still open. */
export async function pledgedChallenge() {
  const world = await sponsorWithBudget();
  const ch = await openChallenge({ fundingAsk: 2_500_000 });
  const pledgeId = await pledge(world.sponsor, ch.id, 1_000_000);
  return { ...world, ...ch, pledgeId };
}

/** A challenge its one sponsor funded in full, then started: active, with money to spend. */
export async function fundedChallenge() {
  const world = await sponsorWithBudget();
  const ch = await openChallenge({ fundingAsk: 2_500_000, slots: [] });
  const pledgeId = await pledge(world.sponsor, ch.id, 2_500_000);
  const started = await ok("POST", `/api/challenges/${ch.id}/transitions`, {
    as: ch.lead.as,
    body: { action: "start" },
  });
  expect(started.stage).toBe("active");
  return { ...world, ...ch, pledgeId };
}

/** A funded, active challenge with a spend report awaiting its sponsor. */
export async function pendingSpend() {
  const funded = await fundedChallenge();
  const report = await ok(
    "POST",
    `/api/challenges/${funded.id}/spends`,
    { as: funded.lead.as, body: { amount: 40_000, description: "Load-test rig", spentOn: isoDay() } },
    201,
  );
  return { ...funded, reportId: report.id as string };
}

/** An open challenge and someone's pending application to its data slot. */
export async function pendingApplication(applicantFields: Parameters<typeof member>[0] = {}) {
  const ch = await openChallenge();
  const applicant = await member({ discipline: "data", ...applicantFields });
  const made = await ok(
    "POST",
    `/api/challenges/${ch.id}/slots/${ch.slotId}/applications`,
    { as: applicant.as, body: { pitch: "I have run this warehouse's batch jobs for two years." } },
    201,
  );
  return { ...ch, applicant, applicationId: made.id as string };
}

/** An accepted application: the applicant holds a seat (its membership id is returned). */
export async function teamMember() {
  const app = await pendingApplication();
  const team = await ok("POST", `/api/applications/${app.applicationId}/decision`, {
    as: app.lead.as,
    body: { decision: "accept" },
  });
  const membershipId = team.members.find((m: { person: { id: string } }) => m.person.id === app.applicant.id).id;
  return { ...app, membershipId: membershipId as string };
}

/** An accepted application of someone with a manager: a lend request awaits the manager. */
export async function pendingLend() {
  const manager = await member({ track: "management", level: "M2", discipline: "operations" });
  const app = await pendingApplication({ managerId: manager.id });
  await ok("POST", `/api/applications/${app.applicationId}/decision`, {
    as: app.lead.as,
    body: { decision: "accept" },
  });
  const lends = await ok("GET", "/api/lends?status=pending", { as: manager.as });
  expect(lends.items).toHaveLength(1);
  return { ...app, manager, lendId: lends.items[0].id as string };
}

/**
 * An active challenge (stage set in D1; funding is not the point) with a lead, a co-lead and
 * two teammates seated on its data slot, all signed in.
 */
export async function activeTeam() {
  const ch = await openChallenge();
  const coLead = await member();
  const teammate = await member({ discipline: "data" });
  const other = await member({ discipline: "data" });
  await setChallenge(ch.id, { stage: "active", co_lead_id: coLead.id });
  await seatWith(ch.id, ch.slotId, [teammate, other]);
  return { ...ch, coLead, teammate, other };
}

/** Seats signed-in people (seatMembers seats fresh ones; these need their own cookies). */
async function seatWith(challengeId: string, slotId: string, people: Person[]) {
  for (const p of people) {
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, 20, 'active')",
      ).bind(`mem_rt_${crypto.randomUUID().slice(0, 12)}`, challengeId, slotId, p.id),
      env.DB.prepare("UPDATE challenge_slots SET filled = filled + 1 WHERE id = ?").bind(slotId),
    ]);
  }
}

/** The outcome showcase the lead writes for `kpiIds`. */
export const showcaseBody = (kpiIds: string[]) => ({
  summary: "Spend fell by a quarter.",
  kpiResults: kpiIds.map((kpiId, i) => ({ kpiId, actual: i === 0 ? 31000 : 12, note: "Two jobs retired." })),
  artifacts: [{ title: "Dashboard", url: "https://example.com/dash" }],
  lessons: "Start with the noisiest jobs.",
  recommendation: "scale",
  recommendationNote: "Roll out to the other regions.",
});

/** An active team whose showcase is written and submitted: the challenge is in review. */
export async function challengeInReview() {
  const team = await activeTeam();
  await ok("PUT", `/api/challenges/${team.id}/showcase`, { as: team.lead.as, body: showcaseBody(team.kpiIds) });
  const submitted = await ok("POST", `/api/challenges/${team.id}/transitions`, {
    as: team.lead.as,
    body: { action: "submit" },
  });
  expect(submitted.stage).toBe("showcase");
  return team;
}

/** Scores of 4 on every review criterion there is now. */
export async function scoresFor(as: string) {
  const criteria = await ok("GET", "/api/review-criteria", { as });
  return Object.fromEntries(criteria.items.map((c: { id: string }) => [c.id, 4]));
}

/** A reviewer's question on a challenge in review, awaiting the team's answer. */
export async function openQuestion() {
  const team = await challengeInReview();
  const r = await reviewer();
  const q = await ok(
    "POST",
    `/api/challenges/${team.id}/questions`,
    { as: r.as, body: { body: "Would this hold at twice the data volume?" } },
    201,
  );
  return { ...team, reviewer: r, questionId: q.id as string };
}

/** A reviewer's review of a challenge in review, awaiting the team's reply. */
export async function postedReview() {
  const team = await challengeInReview();
  const r = await reviewer();
  const body = { scores: await scoresFor(r.as), feedback: "Strong evidence; widen the rollout next quarter." };
  const review = await ok("POST", `/api/challenges/${team.id}/reviews`, { as: r.as, body }, 201);
  return { ...team, reviewer: r, reviewId: review.id as string };
}

/** A decided showcase (iterate) with one open commitment owned by `owner`. */
export async function decidedWithCommitment() {
  const team = await challengeInReview();
  const r = await reviewer();
  const owner = await member();
  const decided = await ok("POST", `/api/challenges/${team.id}/decision`, {
    as: r.as,
    body: {
      decision: "iterate",
      rationale: "Promising; prove it on a second region.",
      commitments: [{ what: "A data engineer for a quarter", ownerId: owner.id, due: isoDay(30) }],
    },
  });
  return { ...team, reviewer: r, owner, commitmentId: decided.commitments[0].id as string };
}

/** Credit a teammate recorded for another teammate: pending until that one answers. */
export async function pendingCredit() {
  const team = await activeTeam();
  const made = await ok(
    "POST",
    `/api/challenges/${team.id}/contributions`,
    {
      as: team.teammate.as,
      body: { personId: team.other.id, type: "software", description: "Rewrote the nightly rollup job" },
    },
    201,
  );
  expect(made.status).toBe("pending");
  return { ...team, contributionId: made.id as string };
}

/** Credit a teammate recorded for themself: it counts (confirmed) at once. */
export async function confirmedCredit() {
  const team = await activeTeam();
  const made = await ok(
    "POST",
    `/api/challenges/${team.id}/contributions`,
    {
      as: team.teammate.as,
      body: { personId: team.teammate.id, type: "software", description: "Rewrote the nightly rollup job", hours: 6 },
    },
    201,
  );
  expect(made.status).toBe("confirmed");
  return { ...team, contributionId: made.id as string };
}

/** A planned milestone on an active team's challenge. */
export async function plannedMilestone() {
  const team = await activeTeam();
  const m = await ok(
    "POST",
    `/api/challenges/${team.id}/milestones`,
    { as: team.lead.as, body: { title: "Retire the first five jobs", dueOn: isoDay(14) } },
    201,
  );
  return { ...team, milestoneId: m.id as string };
}

/** Two open challenges and the source lead's pending proposal to merge into the target. */
export async function pendingMerge() {
  const source = await openChallenge({ title: "Tidy the billing exports" });
  const target = await openChallenge({ title: "One billing data model" });
  const made = await ok(
    "POST",
    `/api/challenges/${source.id}/merge-requests`,
    { as: source.lead.as, body: { targetId: target.id, note: "Same problem." } },
    201,
  );
  return { source, target, mergeRequestId: made.id as string };
}

/** A person whose inbox holds a notification (a lead told of an application). */
export async function personWithNotifications() {
  const app = await pendingApplication();
  return app.lead;
}
