import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DECISIONS, REQUESTABLE_ACTIONS, SPENDING_STAGES, STAGES, type Stage } from "../worker/domain/lifecycle";
import { callJson, env, member, setChallenge } from "./helpers";
import {
  isoDay,
  ok,
  openChallenge,
  type Person,
  pledge,
  reviewer,
  scoresFor,
  showcaseBody,
  sponsorWithBudget,
} from "./round-trip-fixtures";

/**
 * The UI can never offer what the server refuses, and never hides what it accepts: every
 * `viewer.can…` flag (and `viewer.actions`) equals "the server accepts the action it offers".
 * For each sample (stage × the viewer's relation to the challenge × their global roles) a world
 * is built through the API and the D1 shortcuts the other tests use, the flag is read from the
 * response the UI reads, and then the action is attempted with a valid body: 2xx exactly when
 * the flag is true. A page the viewer cannot see (404/403) offers nothing, so each action must
 * be refused too. Stage-changing actions (transitions, the review decision) come last, each in
 * a world of its own.
 *
 * Preconditions a flag cannot know are made to hold by the world, so that only the rule the flag
 * stands for decides: there is money (a partial pledge, so a pledge within the ask and a spend
 * within the funding fit), a viewer with the sponsor role holds a budget of their own in the
 * current period, there are other active members to release and to name co-lead, and a
 * reviewer's question to answer.
 */

const RELATIONS = ["lead", "coLead", "member", "sponsor", "outsider"] as const;
type Relation = (typeof RELATIONS)[number];
const EXTRA_ROLES = ["sponsor", "reviewer", "admin"] as const;
type ExtraRole = (typeof EXTRA_ROLES)[number];

const stageArb = fc.constantFrom(...STAGES);
const relationArb = fc.constantFrom(...RELATIONS);
const rolesArb = fc.subarray([...EXTRA_ROLES]);

/**
 * Any of `all`, but half the time one of `favoured`: the few stages (or relations) in which a
 * property's flags turn true, so a modest number of runs sees both answers of every flag.
 */
const favouring = <T>(favoured: readonly NoInfer<T>[], all: fc.Arbitrary<T>) =>
  fc.oneof(fc.constantFrom(...favoured), all);
/** Roles that include reviewer three times in four (reviewing needs the role and no stake). */
const reviewerRolesArb = fc
  .tuple(rolesArb, fc.boolean())
  .map(([roles, add]): ExtraRole[] => (add && !roles.includes("reviewer") ? [...roles, "reviewer"] : roles));
/** The stage each transition starts from. */
const FROM_STAGE: Record<(typeof REQUESTABLE_ACTIONS)[number], Stage> = {
  publish: "draft",
  withdraw: "open",
  start: "funded",
  submit: "active",
  archive: "reviewed",
};

const ASK = 2_500_000;
/** The other sponsor's pledge: partial, so the challenge stays open and a small pledge still fits. */
const OTHER_PLEDGE = 1_000_000;
/** The viewer's own pledge when they are a sponsor of the challenge. */
const VIEWER_PLEDGE = 500_000;
/** What the viewer offers to pledge: OTHER_PLEDGE + VIEWER_PLEDGE + this stays below ASK. */
const SMALL_PLEDGE = 100_000;

const NUM_RUNS = 30;
const TIMEOUT = 120_000;

type Outcome = { status: number; body: any };
type Viewer = Person & { budgetId: string | null };

/** Flags that disagree with what the server did, with what it said. */
class Mismatches {
  readonly found: { flag: string; offered: boolean | "page refused"; status: number; said: unknown }[] = [];

  /** `offered` undefined: the page holding the flag was refused, so nothing is offered. */
  compare(flag: string, offered: boolean | undefined, outcome: Outcome) {
    if (offered !== undefined) expect(typeof offered, `${flag} is a boolean`).toBe("boolean");
    const accepted = outcome.status >= 200 && outcome.status < 300;
    if (accepted !== (offered ?? false)) {
      this.found.push({
        flag,
        offered: offered ?? "page refused",
        status: outcome.status,
        said: outcome.body?.error ?? "accepted",
      });
    }
  }

  async check(flag: string, offered: boolean | undefined, attempt: () => Promise<Outcome>) {
    this.compare(flag, offered, await attempt());
  }

  assertNone(sample: unknown) {
    expect(this.found, `sample ${JSON.stringify(sample)}`).toEqual([]);
  }
}

/** The flags of a page the viewer read, or undefined when the page was refused (404/403). */
function viewerOf(page: Outcome) {
  if (page.status === 200) return page.body.viewer as Record<string, any>;
  expect([403, 404], JSON.stringify(page.body)).toContain(page.status);
  return undefined;
}

async function grantRoles(personId: string, roles: Iterable<string>) {
  const statements = [...roles].map((role) =>
    env.DB.prepare("INSERT OR IGNORE INTO person_roles (person_id, role) VALUES (?, ?)").bind(personId, role),
  );
  if (statements.length) await env.DB.batch(statements);
}

/** Seats a person as an active member of the slot, as an accepted application would; returns the membership id. */
async function seat(challengeId: string, slotId: string, personId: string) {
  const id = `mem_vf_${crypto.randomUUID().slice(0, 12)}`;
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, 20, 'active')",
    ).bind(id, challengeId, slotId, personId),
    env.DB.prepare("UPDATE challenge_slots SET filled = filled + 1 WHERE id = ?").bind(slotId),
  ]);
  return id;
}

/**
 * Moves the challenge to `stage` in D1; a draft was never published (so only its leads see it).
 * A shortcut, not the close: a reviewed or archived challenge keeps its pledges active, not settled
 * (both make a sponsor of the challenge, `SPONSORING_PLEDGE_STATUSES`).
 */
async function moveTo(id: string, stage: Stage, columns: Record<string, string | number | null> = {}) {
  await setChallenge(id, { stage, ...(stage === "draft" ? { published_at: null } : {}), ...columns });
}

/**
 * An open challenge (ask 2 500 000, two KPIs, one data slot of three) with another sponsor's
 * partial pledge, and the viewer in `relation` to it holding `roles`. A viewer who holds the
 * sponsor role at any point gets a budget of their own in the current period; a sponsor of the
 * challenge pledged from it while it was open (and loses the role afterwards when `roles` lacks it:
 * a pledge outlives its sponsor's role).
 */
async function world(relation: Relation, roles: readonly ExtraRole[]) {
  const money = await sponsorWithBudget();
  const ch = await openChallenge({ fundingAsk: ASK });
  await pledge(money.sponsor, ch.id, OTHER_PLEDGE);
  const person = relation === "lead" ? ch.lead : await member();
  const building = new Set<ExtraRole>(roles);
  if (relation === "sponsor") building.add("sponsor");
  await grantRoles(person.id, building);
  let budgetId: string | null = null;
  if (building.has("sponsor")) {
    const budget = await ok(
      "POST",
      "/api/admin/allocations",
      { as: money.admin.as, body: { periodId: money.periodId, sponsorId: person.id, amount: 5_000_000 } },
      201,
    );
    budgetId = budget.id;
  }
  const viewer: Viewer = { ...person, budgetId };
  if (relation === "sponsor") {
    await pledge({ ...viewer, budgetId: budgetId! }, ch.id, VIEWER_PLEDGE);
    if (!roles.includes("sponsor")) {
      await env.DB.prepare("DELETE FROM person_roles WHERE person_id = ? AND role = 'sponsor'").bind(person.id).run();
    }
  }
  // A co-lead is named from the team's active members, so they hold a seat too.
  if (relation === "member" || relation === "coLead") await seat(ch.id, ch.slotId, person.id);
  if (relation === "coLead") await setChallenge(ch.id, { co_lead_id: person.id });
  return { ...money, ...ch, viewer };
}

const get = (as: string, path: string) => callJson("GET", path, { as });

describe("viewer flags equal what the server accepts", () => {
  it(
    "the challenge page: canSeeLedger, canEdit, canParticipate, canBack, canPledge, then one of viewer.actions",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...REQUESTABLE_ACTIONS)
            .chain((action) => fc.tuple(fc.constant(action), favouring([FROM_STAGE[action], "open"], stageArb))),
          relationArb,
          rolesArb,
          fc.boolean(),
          async ([action, stage], relation, roles, showcaseWritten) => {
            const w = await world(relation, roles);
            if (showcaseWritten) {
              // Written while active, so `submit` has what it needs when the sample is active.
              await setChallenge(w.id, { stage: "active" });
              await ok("PUT", `/api/challenges/${w.id}/showcase`, { as: w.lead.as, body: showcaseBody(w.kpiIds) });
            }
            await moveTo(w.id, stage);
            const as = w.viewer.as;
            const path = `/api/challenges/${w.id}`;
            const v = viewerOf(await get(as, path));
            const m = new Mismatches();

            await m.check("canSeeLedger", v?.canSeeLedger, () => get(as, `${path}/ledger`));
            await m.check("canEdit", v?.canEdit, () =>
              callJson("PATCH", path, { as, body: { title: "Cut batch analytics spend by a third" } }),
            );
            await m.check("canParticipate (comment)", v?.canParticipate, () =>
              callJson("POST", `${path}/comments`, { as, body: { body: "How will you measure the spend?" } }),
            );
            await m.check("canBack", v?.canBack, () => callJson("PUT", `${path}/backing`, { as }));
            // A viewer without the sponsor role holds no budget; any budget id is refused for them.
            await m.check("canPledge", v?.canPledge, () =>
              callJson("POST", `${path}/pledges`, {
                as,
                body: { budgetId: w.viewer.budgetId ?? "bud_none", amount: SMALL_PLEDGE },
              }),
            );
            // Last: it moves the stage.
            await m.check(`actions includes ${action}`, v ? v.actions.includes(action) : undefined, () =>
              callJson("POST", `${path}/transitions`, { as, body: { action } }),
            );
            m.assertNone({ stage, relation, roles, showcaseWritten, action });
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "the ledger: canReportSpend, canDecideSpend (and the pending report's viewer.canDecide)",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          favouring(SPENDING_STAGES, stageArb),
          favouring(["sponsor", "lead"], relationArb),
          rolesArb,
          async (stage, relation, roles) => {
            const w = await world(relation, roles);
            // The lead reported spend while the challenge was active; it awaits a sponsor.
            await setChallenge(w.id, { stage: "active" });
            const report = await ok(
              "POST",
              `/api/challenges/${w.id}/spends`,
              { as: w.lead.as, body: { amount: 40_000, description: "Load-test rig", spentOn: isoDay() } },
              201,
            );
            await moveTo(w.id, stage);
            const as = w.viewer.as;
            const ledger = await get(as, `/api/challenges/${w.id}/ledger`);
            const v = viewerOf(ledger);
            const pending = v ? ledger.body.spendReports.find((r: { id: string }) => r.id === report.id) : undefined;
            if (v) expect(pending, "the pending report is on the ledger").toBeDefined();
            const m = new Mismatches();

            // Small, within the funding's unspent money less what awaits approval.
            await m.check("canReportSpend", v?.canReportSpend, () =>
              callJson("POST", `/api/challenges/${w.id}/spends`, {
                as,
                body: { amount: 10_000, description: "Extra test data", spentOn: isoDay() },
              }),
            );
            const decided = await callJson("POST", `/api/spends/${report.id}/decision`, {
              as,
              body: { decision: "approve" },
            });
            m.compare("canDecideSpend", v?.canDecideSpend, decided);
            m.compare("spendReports[pending].viewer.canDecide", pending?.viewer.canDecide, decided);
            m.assertNone({ stage, relation, roles });
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "the team: canManage (release another member), canNameCoLead (name an active member)",
    async () => {
      await fc.assert(
        fc.asyncProperty(stageArb, relationArb, rolesArb, async (stage, relation, roles) => {
          const w = await world(relation, roles);
          const leaving = await member({ discipline: "data" });
          const named = await member({ discipline: "data" });
          const leavingMembership = await seat(w.id, w.slotId, leaving.id);
          await seat(w.id, w.slotId, named.id);
          await moveTo(w.id, stage);
          const as = w.viewer.as;
          const v = viewerOf(await get(as, `/api/challenges/${w.id}/team`));
          const m = new Mismatches();

          await m.check("canManage", v?.canManage, () =>
            callJson("DELETE", `/api/memberships/${leavingMembership}`, { as }),
          );
          await m.check("canNameCoLead", v?.canNameCoLead, () =>
            callJson("PUT", `/api/challenges/${w.id}/co-lead`, { as, body: { personId: named.id } }),
          );
          m.assertNone({ stage, relation, roles });
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "the showcase view: canEdit, canReview, canAsk, canAnswer, then canDecide",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          favouring(["showcase", "showcase", "active"], stageArb),
          favouring(["outsider"], relationArb),
          reviewerRolesArb,
          fc.constantFrom(...DECISIONS),
          async (stage, relation, roles, decision) => {
            const w = await world(relation, roles);
            // Through the showcase once: written, submitted and asked about by a reviewer.
            await setChallenge(w.id, { stage: "active" });
            await ok("PUT", `/api/challenges/${w.id}/showcase`, { as: w.lead.as, body: showcaseBody(w.kpiIds) });
            await ok("POST", `/api/challenges/${w.id}/transitions`, { as: w.lead.as, body: { action: "submit" } });
            const asker = await reviewer();
            const question = await ok(
              "POST",
              `/api/challenges/${w.id}/questions`,
              { as: asker.as, body: { body: "Would this hold at twice the data volume?" } },
              201,
            );
            // Before the showcase again: a new cycle, as an iterate decision makes, whose showcase is unwritten.
            const rewound = ["draft", "open", "funded", "active"].includes(stage);
            await moveTo(w.id, stage, rewound ? { cycle: 2 } : {});
            const as = w.viewer.as;
            const path = `/api/challenges/${w.id}`;
            const v = viewerOf(await get(as, `${path}/showcase`));
            const m = new Mismatches();

            await m.check("canEdit", v?.canEdit, () =>
              callJson("PUT", `${path}/showcase`, { as, body: showcaseBody(w.kpiIds) }),
            );
            const scores = await scoresFor(as);
            await m.check("canReview", v?.canReview, () =>
              callJson("POST", `${path}/reviews`, {
                as,
                body: { scores, feedback: "Clear results; show the cost curve per job." },
              }),
            );
            await m.check("canAsk", v?.canAsk, () =>
              callJson("POST", `${path}/questions`, { as, body: { body: "What did the retired jobs cost?" } }),
            );
            await m.check("canAnswer", v?.canAnswer, () =>
              callJson("POST", `/api/questions/${question.id}/answers`, {
                as,
                body: { body: "Yes: the jobs scale linearly." },
              }),
            );
            // Last: it moves the stage.
            await m.check("canDecide", v?.canDecide, () =>
              callJson("POST", `${path}/decision`, {
                as,
                body: { decision, rationale: "The numbers hold up across both KPIs.", commitments: [] },
              }),
            );
            m.assertNone({ stage, relation, roles, decision });
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "the profile: canEdit (bio), canEditRoles (the roles as they are)",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.boolean(), rolesArb, rolesArb, async (self, roles, targetRoles) => {
          const viewer = await member({ roles: [...roles] });
          const target = self ? viewer : await member({ roles: [...targetRoles] });
          const profile = await get(viewer.as, `/api/people/${target.id}`);
          const v = viewerOf(profile);
          const m = new Mismatches();

          await m.check("canEdit", v?.canEdit, () =>
            callJson("PATCH", `/api/people/${target.id}`, {
              as: viewer.as,
              body: { bio: "Data engineer; batch jobs." },
            }),
          );
          const current = profile.status === 200 ? profile.body.roles : ["member", ...(self ? roles : targetRoles)];
          await m.check("canEditRoles", v?.canEditRoles, () =>
            callJson("PATCH", `/api/people/${target.id}`, { as: viewer.as, body: { roles: current } }),
          );
          m.assertNone({ self, roles, targetRoles: self ? roles : targetRoles });
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );
});
