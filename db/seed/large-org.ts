/**
 * The large organisation for performance work (SPEC §13): the demo organisation, whose
 * well-known accounts and stories stay exactly as `npm run db:seed` writes them, grown with
 * generated people, challenges and credit up to the sizes asked for.
 *
 * Pure and deterministic like the demo: every draw comes from a named seeded stream and every
 * moment is an offset from `now`. The rows keep the invariants the app relies on: managers on
 * the management track in a tree, cached counts (backer_count, comment_count, slot filled) equal
 * to their rows, pledges that take a challenge exactly as far as its stage says from budgets
 * whose allocation covers them (so `remaining` never goes below zero and equals what the ledger
 * derives), one live seat per person and challenge, and decided stages with their decision.
 */
import type { Faker } from "@faker-js/faker";
import { CONTRIBUTION_TYPES } from "../../worker/domain/credit";
import { challengeFunding, type LedgerType, returnShares } from "../../worker/domain/ledger";
import { weightedScore } from "../../worker/domain/review";
import { buildDemoOrganisation, type DemoOrganisation, SECTIONS } from "./demo";
import type { DisciplineId } from "./people";
import { Clock, days, demoId, iso, minutes, seededFaker } from "./random";
import { DEFAULT_CRITERIA } from "./review";
import type { SqlRow } from "./sql";

export interface LargeOptions {
  now: Date;
  /** Totals, the demo organisation included. */
  people: number;
  challenges: number;
  contributions: number;
}

export const LARGE_DEFAULTS = { people: 20_000, challenges: 5_000, contributions: 200_000 } as const;

/** Rows to insert, per table, in an order that satisfies the foreign keys. */
export type TableRows = [table: string, rows: SqlRow[]][];

export interface LargeOrganisation {
  demo: DemoOrganisation;
  /** The demo's own statements (load them first). */
  demoStatements: string[];
  tables: TableRows;
  counts: { people: number; challenges: number; contributions: number };
}

type Stage = "draft" | "open" | "funded" | "active" | "showcase" | "reviewed" | "withdrawn" | "archived";

const DISCIPLINES: readonly [DisciplineId, number][] = [
  ["engineering", 34],
  ["design", 8],
  ["product", 8],
  ["data", 9],
  ["research", 4],
  ["marketing", 7],
  ["sales", 10],
  ["operations", 8],
  ["finance", 4],
  ["legal", 3],
  ["people", 5],
];

const ROLE_OF: Record<DisciplineId, { role: string; skills: string[] }> = {
  engineering: {
    role: "Software Engineer",
    skills: ["typescript", "go", "postgres", "kubernetes", "api-design", "observability", "security", "react"],
  },
  design: {
    role: "Product Designer",
    skills: ["figma", "prototyping", "accessibility", "interaction-design", "ux-writing", "visual-design"],
  },
  product: {
    role: "Product Manager",
    skills: ["discovery", "roadmapping", "experimentation", "pricing", "b2b-saas", "prioritisation"],
  },
  data: {
    role: "Data Scientist",
    skills: ["sql", "python", "statistics", "forecasting", "dbt", "machine-learning", "dashboards"],
  },
  research: {
    role: "UX Researcher",
    skills: ["user-interviews", "usability-testing", "survey-design", "synthesis", "diary-studies"],
  },
  marketing: {
    role: "Product Marketing Manager",
    skills: ["positioning", "seo", "go-to-market", "copywriting", "lifecycle-email"],
  },
  sales: {
    role: "Account Executive",
    skills: ["enterprise-sales", "negotiation", "salesforce", "account-planning", "demos"],
  },
  operations: {
    role: "Operations Specialist",
    skills: ["process-design", "automation", "zendesk", "okta", "vendor-management"],
  },
  finance: { role: "Financial Analyst", skills: ["forecasting", "budgeting", "excel", "netsuite", "audit"] },
  legal: { role: "Counsel", skills: ["contracts", "privacy", "compliance", "gdpr", "negotiation"] },
  people: { role: "People Partner", skills: ["recruiting", "coaching", "career-frameworks", "compensation"] },
};

const IC_PREFIX = ["", "Associate", "", "Senior", "Staff", "Senior Staff", "Principal", "Distinguished"];
const IC_RANKS: readonly [number, number][] = [
  [1, 6],
  [2, 18],
  [3, 30],
  [4, 24],
  [5, 14],
  [6, 6],
  [7, 2],
];

const STAGES: readonly [Stage, number][] = [
  ["draft", 10],
  ["open", 28],
  ["funded", 7],
  ["active", 22],
  ["showcase", 7],
  ["reviewed", 9],
  ["withdrawn", 5],
  ["archived", 12],
];

const VERBS = ["Cut", "Halve", "Speed up", "Automate", "Simplify", "Rethink", "Measure", "Fix", "Prototype", "Unify"];
const AREAS = [
  "checkout latency",
  "search relevance",
  "onboarding time",
  "invoice disputes",
  "support backlog",
  "cloud spend",
  "deploy lead time",
  "churn forecasting",
  "accessibility gaps",
  "pricing experiments",
  "access reviews",
  "incident response",
  "mobile crash rate",
  "data quality checks",
  "hiring loops",
  "localisation costs",
  "payment failures",
  "contract turnaround",
  "docs discoverability",
  "trial conversion",
  "warehouse costs",
  "flaky tests",
  "sales handoffs",
  "renewal risk",
];
const AUDIENCES = [
  "for enterprise accounts",
  "across regions",
  "for new customers",
  "in the EU",
  "for the support team",
  "before the next audit",
  "for partners",
  "on mobile",
  "for self-serve plans",
  "with one shared tool",
];
const TAGS = [
  "performance",
  "cost",
  "growth",
  "retention",
  "ai",
  "automation",
  "security",
  "compliance",
  "accessibility",
  "developer-experience",
  "customer-experience",
  "data",
  "infrastructure",
  "mobile",
  "payments",
  "search",
  "onboarding",
  "pricing",
  "hiring",
  "internationalisation",
  "observability",
  "quality",
  "sustainability",
  "tooling",
];
const KPI_UNITS: readonly [string, string, "up" | "down"][] = [
  ["p95 latency", "ms", "down"],
  ["conversion", "%", "up"],
  ["hours per week", "hours", "down"],
  ["tickets per week", "tickets", "down"],
  ["monthly cost", "USD", "down"],
  ["satisfaction", "score", "up"],
  ["adoption", "%", "up"],
  ["error rate", "%", "down"],
];
const CONTRIBUTION_WORDS: Record<string, string[]> = {
  conceptualization: ["Framed the problem and the first hypothesis", "Sketched the approach with the lead"],
  investigation: ["Ran the baseline measurements", "Interviewed users about the current flow"],
  methodology: ["Designed the experiment and its guardrails", "Set up the evaluation method"],
  software: ["Built the prototype service", "Wrote the migration and its tests", "Shipped the feature flag rollout"],
  design: ["Designed the new flow in Figma", "Ran two rounds of prototype tests"],
  data_curation: ["Cleaned and labelled the sample set", "Built the dataset from warehouse tables"],
  formal_analysis: ["Analysed the pilot results", "Wrote the significance analysis"],
  validation: ["Checked the results against production", "Reviewed the numbers independently"],
  visualization: ["Built the results dashboard", "Made the charts for the showcase"],
  writing: ["Wrote the showcase narrative", "Drafted the decision memo"],
  project_administration: ["Ran the weekly check-ins", "Kept the milestone plan current"],
  resources: ["Arranged the test environment", "Secured pilot customer access"],
  supervision_mentoring: ["Mentored two newer teammates", "Paired with the team on the hard parts"],
  funding_acquisition: ["Pitched the funding ask to sponsors", "Wrote the funding breakdown"],
  other: ["Helped wherever the team was stuck", "Organised the showcase demo"],
};

/** A weighted draw from `[value, weight]` pairs. */
function weighted<T>(f: Faker, pairs: readonly [T, number][]): T {
  return f.helpers.weightedArrayElement(pairs.map(([value, weight]) => ({ value, weight })));
}

/** Fiscal quarters as worker budgets use them: FY starts 1 October and is named after the year it ends in. */
function quarterOf(ms: number) {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const q = Math.floor(d.getUTCMonth() / 3);
  const start = Date.UTC(year, q * 3, 1);
  const next = Date.UTC(year, q * 3 + 3, 1);
  const fiscalYear = q === 3 ? year + 1 : year;
  return {
    name: `FY${String(fiscalYear % 100).padStart(2, "0")}-Q${((q + 1) % 4) + 1}`,
    start,
    startsOn: iso(start).slice(0, 10),
    endsOn: iso(next - days(1)).slice(0, 10),
  };
}

interface Person {
  id: string;
  disciplineId: DisciplineId;
  managerId: string | null;
  skills: string[];
}

interface Challenge {
  id: string;
  title: string;
  stage: Stage;
  leadId: string;
  coLeadId: string | null;
  ask: number;
  kpiIds: string[];
  slots: { id: string; disciplineId: DisciplineId; count: number; percent: number; skills: string[] }[];
  t: {
    created: number;
    published?: number;
    funded?: number;
    started?: number;
    submitted?: number;
    decided?: number;
    closed?: number;
  };
  team: string[];
}

export function buildLargeOrganisation(options: LargeOptions): LargeOrganisation {
  const clock = new Clock(options.now);
  const now = clock.now;
  const demo = buildDemoOrganisation({ now: options.now });
  const demoStatements = SECTIONS.flatMap((section) => section(demo));
  const rows = new Map<string, SqlRow[]>();
  const add = (table: string, row: SqlRow) => {
    let list = rows.get(table);
    if (!list) {
      list = [];
      rows.set(table, list);
    }
    list.push(row);
  };
  let serial = 0;
  const id = (prefix: string) => demoId(prefix, `large:${serial++}`);
  const activity = (challengeId: string | null, actorId: string | null, action: string, detail: object, at: number) =>
    add("activities", {
      id: id("a"),
      challenge_id: challengeId,
      actor_id: actorId,
      action,
      detail: JSON.stringify(detail),
      created_at: iso(at),
    });
  const notify = (
    recipientId: string,
    kind: string,
    challengeId: string | null,
    actorId: string | null,
    data: object,
    at: number,
    f: Faker,
  ) => {
    if (recipientId === actorId) return;
    add("notifications", {
      id: id("n"),
      recipient_id: recipientId,
      kind,
      challenge_id: challengeId,
      actor_id: actorId,
      data: JSON.stringify(data),
      read_at: f.datatype.boolean(0.7) ? iso(Math.min(now, at + minutes(f.number.int({ min: 5, max: 4000 })))) : null,
      created_at: iso(at),
    });
  };

  // ─── People: directors under the demo's top executive, managers under them, ICs under managers.
  const f = seededFaker("large:people");
  const root = demo.people.find((p) => p.managerId === null);
  if (!root) throw new Error("The demo organisation has no top of the org chart.");
  const usedEmails = new Set(demo.people.map((p) => p.email));
  const extraPeople = Math.max(0, options.people - demo.people.length);
  const people: Person[] = [];
  const sponsors: string[] = [];
  const reviewers: string[] = [];
  const byDiscipline = new Map<DisciplineId, string[]>();
  const directors: Person[] = [];
  let managers: Person[] = [];
  const addPerson = (track: "ic" | "management", rank: number, disciplineId: DisciplineId, managerId: string) => {
    const first = f.person.firstName();
    const last = f.person.lastName();
    const n = people.length + 1;
    let email = `${first}.${last}.${n}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, "");
    while (usedEmails.has(email)) email = `x${email}`;
    usedEmails.add(email);
    const { role, skills: pool } = ROLE_OF[disciplineId];
    const title =
      track === "management"
        ? ["", "Team Lead", "Manager", "Senior Manager", "Director", "Senior Director", "VP"][rank] +
          `, ${disciplineId[0].toUpperCase()}${disciplineId.slice(1)}`
        : `${IC_PREFIX[rank]} ${role}`.trim();
    const skills = f.helpers.arrayElements(pool, { min: 2, max: 4 });
    const createdAt = clock.daysAgo(f.number.int({ min: 200, max: 1500 }));
    const person: Person = { id: id("p"), disciplineId, managerId, skills };
    people.push(person);
    add("people", {
      id: person.id,
      email,
      name: `${first} ${last}`,
      title,
      discipline_id: disciplineId,
      track,
      level_id: `${track === "ic" ? "IC" : "M"}${rank}`,
      manager_id: managerId,
      skills: JSON.stringify(skills),
      bio: `${title} working on ${f.helpers.arrayElement(AREAS)}.`,
      avatar_url: null,
      active: true,
      created_at: iso(createdAt),
      updated_at: iso(createdAt),
    });
    add("person_roles", { person_id: person.id, role: "member" });
    if (track === "ic") {
      const list = byDiscipline.get(disciplineId) ?? [];
      list.push(person.id);
      byDiscipline.set(disciplineId, list);
    }
    return person;
  };
  const directorCount = extraPeople > 0 ? Math.max(1, Math.round(extraPeople / 400)) : 0;
  for (let i = 0; i < directorCount && people.length < extraPeople; i++) {
    const d = addPerson("management", 4, DISCIPLINES[i % DISCIPLINES.length][0], root.id);
    directors.push(d);
    sponsors.push(d.id);
  }
  const managerCount = Math.max(directorCount, Math.round(extraPeople / 9));
  for (let i = 0; i < managerCount && people.length < extraPeople; i++) {
    const director = directors[i % directors.length];
    managers.push(addPerson("management", f.datatype.boolean(0.3) ? 3 : 2, director.disciplineId, director.id));
  }
  if (managers.length === 0) managers = directors;
  while (people.length < extraPeople) {
    const manager = managers[people.length % managers.length];
    const disciplineId = f.datatype.boolean(0.8) ? manager.disciplineId : weighted(f, DISCIPLINES);
    addPerson("ic", weighted(f, IC_RANKS), disciplineId, manager.id);
  }
  for (const m of managers) {
    if (m !== directors[0] && f.datatype.boolean(0.06)) sponsors.push(m.id);
  }
  for (const p of people) {
    if (p.managerId !== root.id && f.datatype.boolean(0.004)) reviewers.push(p.id);
  }
  for (const s of sponsors) add("person_roles", { person_id: s, role: "sponsor" });
  for (const r of reviewers) add("person_roles", { person_id: r, role: "reviewer" });
  if (reviewers.length === 0) {
    reviewers.push(...demo.people.filter((p) => p.roles.includes("reviewer")).map((p) => p.id));
  }
  if (sponsors.length === 0) {
    sponsors.push(...demo.people.filter((p) => p.roles.includes("sponsor")).map((p) => p.id));
  }
  const everyone = [...demo.people.map((p) => p.id), ...people.map((p) => p.id)];
  const ics = people.length > 0 ? [...byDiscipline.values()].flat() : everyone;
  const poolOf = (d: DisciplineId) => byDiscipline.get(d) ?? ics;
  const managerOf = new Map<string, string | null>([
    ...demo.people.map((p): [string, string | null] => [p.id, p.managerId]),
    ...people.map((p): [string, string | null] => [p.id, p.managerId]),
  ]);

  // ─── Budgets: one per sponsor and quarter, allocated at the end to cover what was pledged.
  const periodIds = new Map(demo.funding.periods.map((p) => [p.name, p.id]));
  interface Budget {
    id: string;
    sponsorId: string;
    periodId: string;
    start: number;
    pledged: number;
    returned: number;
  }
  const budgets = new Map<string, Budget>();
  const budgetById = new Map<string, Budget>();
  const budgetFor = (sponsorId: string, at: number): Budget => {
    const q = quarterOf(at);
    let periodId = periodIds.get(q.name);
    if (!periodId) {
      periodId = demoId("bp", `large:${q.name}`);
      periodIds.set(q.name, periodId);
      add("budget_periods", {
        id: periodId,
        name: q.name,
        starts_on: q.startsOn,
        ends_on: q.endsOn,
        created_at: iso(q.start - days(14)),
      });
    }
    const key = `${sponsorId}:${periodId}`;
    let b = budgets.get(key);
    if (!b) {
      b = { id: id("b"), sponsorId, periodId, start: q.start, pledged: 0, returned: 0 };
      budgets.set(key, b);
      budgetById.set(b.id, b);
    }
    return b;
  };
  const ledger: SqlRow[] = [];
  const entry = (
    type: LedgerType,
    e: { budgetId?: string; challengeId?: string; pledgeId?: string; spendReportId?: string },
    amount: number,
    actorId: string | null,
    at: number,
    approvedById: string | null = null,
  ) =>
    ledger.push({
      id: id("le"),
      type,
      budget_id: e.budgetId ?? null,
      challenge_id: e.challengeId ?? null,
      pledge_id: e.pledgeId ?? null,
      spend_report_id: e.spendReportId ?? null,
      amount,
      actor_id: actorId,
      approved_by_id: approvedById,
      memo: "",
      created_at: iso(at),
    });

  // ─── Challenges.
  const extraChallenges = Math.max(0, options.challenges - demo.challenges.length);
  const challenges: Challenge[] = [];
  const leads = ics.length > 0 ? ics : everyone;
  for (let i = 0; i < extraChallenges; i++) {
    const g = seededFaker(`large:challenge:${i}`);
    const stage = weighted(g, STAGES);
    const verb = g.helpers.arrayElement(VERBS);
    const area = g.helpers.arrayElement(AREAS);
    const title = `${verb} ${area} ${g.helpers.arrayElement(AUDIENCES)}`;
    const horizonWeeks = g.number.int({ min: 4, max: 26 });
    const ask = g.number.int({ min: 10, max: 100 }) * 50_000;
    const leadId = g.helpers.arrayElement(leads);
    // Durations first, then the creation moment that puts the last step in the past.
    const span = (a: number, b: number) => days(g.number.float({ min: a, max: b }));
    const steps: Partial<Record<keyof Challenge["t"], number>> = {};
    const order: Stage[] = ["draft", "open", "funded", "active", "showcase", "reviewed", "archived"];
    const reach = stage === "withdrawn" ? 1 : order.indexOf(stage);
    let offset = 0;
    if (reach >= 1) steps.published = offset += span(0.5, 14);
    if (reach >= 2) steps.funded = offset += span(3, 40);
    if (reach >= 3) steps.started = offset += span(1, 10);
    if (reach >= 4) steps.submitted = offset += days(horizonWeeks * 7 * g.number.float({ min: 0.6, max: 1.1 }));
    if (reach >= 5) steps.decided = offset += span(3, 25);
    if (reach >= 6) steps.closed = offset += span(5, 60);
    if (stage === "withdrawn") steps.closed = offset += span(5, 60);
    const created = now - offset - span(0.2, stage === "draft" ? 90 : 60) - (stage === "open" ? span(0, 60) : 0);
    const t: Challenge["t"] = { created };
    for (const [k, v] of Object.entries(steps)) t[k as keyof Challenge["t"]] = created + (v as number);

    const c: Challenge = {
      id: id("c"),
      title,
      stage,
      leadId,
      coLeadId: null,
      ask,
      kpiIds: [],
      slots: [],
      t,
      team: [],
    };
    challenges.push(c);
    const summary = `${verb} ${area} so teams spend their time on the work that matters; ${g.hacker.phrase()}`.slice(
      0,
      280,
    );
    const last = t.closed ?? t.decided ?? t.submitted ?? t.started ?? t.funded ?? t.published ?? created;
    const decision = t.decided !== undefined ? (g.datatype.boolean(0.6) ? "scale" : "stop") : null;
    const challengeRow: SqlRow = {
      id: c.id,
      title,
      summary,
      problem: `${g.hacker.phrase()} ${g.hacker.phrase()} Today ${area} costs us every week.`,
      why_it_matters: `${g.company.catchPhrase()}. ${g.hacker.phrase()}`,
      constraints: "No new vendors without a security review.",
      out_of_scope: "Re-platforming the whole area.",
      assistance_needed: `People with ${ROLE_OF[weighted(g, DISCIPLINES)].skills[0]} experience.`,
      horizon_weeks: horizonWeeks,
      funding_ask: ask,
      funding_breakdown: `Contractor time and tooling: $${(ask / 100).toLocaleString("en-US")}`,
      stage,
      cycle: 1,
      lead_id: leadId,
      co_lead_id: null,
      backer_count: 0,
      comment_count: 0,
      listed_at: iso(t.published ?? created),
      published_at: t.published === undefined ? null : iso(t.published),
      stage_changed_at: iso(last),
      created_at: iso(created),
      updated_at: iso(last),
    };
    add("challenges", challengeRow);
    activity(c.id, leadId, "created", { title }, created);

    for (let k = 0, n = g.number.int({ min: 1, max: 3 }); k < n; k++) {
      const [metric, unit, direction] = g.helpers.arrayElement(KPI_UNITS);
      const baseline = g.number.int({ min: 20, max: 400 });
      const target = direction === "up" ? baseline + g.number.int({ min: 5, max: 100 }) : Math.ceil(baseline / 2);
      const kpiId = id("k");
      c.kpiIds.push(kpiId);
      add("challenge_kpis", {
        id: kpiId,
        challenge_id: c.id,
        position: k,
        name: `${area} ${metric}`.slice(0, 80),
        unit,
        direction,
        baseline,
        target,
      });
    }
    const slotDisciplines = g.helpers.arrayElements(
      DISCIPLINES.map(([d]) => d),
      { min: 1, max: 3 },
    );
    slotDisciplines.forEach((disciplineId) => {
      const slot = {
        id: id("s"),
        disciplineId,
        count: g.number.int({ min: 1, max: 2 }),
        percent: g.helpers.arrayElement([10, 20, 25, 30, 40, 50]),
        skills: g.helpers.arrayElements(ROLE_OF[disciplineId].skills, { min: 1, max: 2 }),
      };
      c.slots.push(slot);
    });
    for (const tag of g.helpers.arrayElements(TAGS, { min: 1, max: 4 }))
      add("challenge_tags", { challenge_id: c.id, tag });

    if (t.published === undefined) continue;
    activity(c.id, leadId, "published", { from: "draft", to: "open" }, t.published);
    const closedAt = t.closed ?? now - minutes(30);
    const within = (from: number, to: number) => from + Math.round((to - from) * g.number.float());

    // Backers and discussion.
    const backers = new Set<string>();
    const backerCount = g.number.int({ min: 0, max: stage === "open" ? 25 : 45 });
    for (let k = 0; k < backerCount; k++) backers.add(g.helpers.arrayElement(everyone));
    backers.delete(leadId);
    for (const personId of backers) {
      const at = within(t.published, closedAt);
      add("backings", { challenge_id: c.id, person_id: personId, created_at: iso(at) });
      activity(c.id, personId, "backed", {}, at);
    }
    challengeRow.backer_count = backers.size;
    const commentCount = g.number.int({ min: 0, max: 4 });
    for (let k = 0; k < commentCount; k++) {
      const authorId = g.helpers.arrayElement(everyone);
      const at = within(t.published, closedAt);
      const commentId = id("cm");
      add("comments", {
        id: commentId,
        challenge_id: c.id,
        author_id: authorId,
        body: `${g.hacker.phrase()} Have you looked at how ${g.helpers.arrayElement(AREAS)} handled this?`,
        created_at: iso(at),
      });
      activity(c.id, authorId, "commented", { commentId }, at);
      notify(leadId, "comment_received", c.id, authorId, { commentId }, at, g);
    }
    challengeRow.comment_count = commentCount;

    // Money: pledges take the challenge exactly as far as its stage says.
    const pledges: { id: string; budgetId: string; sponsorId: string; amount: number }[] = [];
    const funded = t.funded !== undefined;
    const pledgeTotal = funded
      ? ask
      : stage === "open" && g.datatype.boolean(0.4)
        ? ask - 50_000 * g.number.int({ min: 1, max: 9 })
        : 0;
    if (pledgeTotal > 0) {
      const parts = Math.min(g.number.int({ min: 1, max: 3 }), pledgeTotal / 50_000);
      const sponsorIds = g.helpers.arrayElements(sponsors, Math.min(parts, sponsors.length));
      let left = pledgeTotal;
      sponsorIds.forEach((sponsorId, k) => {
        const amount =
          k === sponsorIds.length - 1 ? left : Math.floor(left / (sponsorIds.length - k) / 50_000) * 50_000;
        left -= amount;
        const at = within(t.published as number, t.funded ?? closedAt);
        const budget = budgetFor(sponsorId, at);
        budget.pledged += amount;
        const pledgeId = id("pl");
        pledges.push({ id: pledgeId, budgetId: budget.id, sponsorId, amount });
        add("pledges", {
          id: pledgeId,
          challenge_id: c.id,
          budget_id: budget.id,
          sponsor_id: sponsorId,
          amount,
          status: t.decided !== undefined ? "settled" : "active",
          created_at: iso(at),
          ended_at: t.decided !== undefined ? iso(t.decided) : null,
        });
        entry("pledge", { budgetId: budget.id, challengeId: c.id, pledgeId }, amount, sponsorId, at);
        activity(c.id, sponsorId, "pledged", { pledgeId, amount }, at);
        notify(leadId, "pledge_received", c.id, sponsorId, { pledgeId, amount }, at, g);
      });
    }
    if (t.funded !== undefined) activity(c.id, null, "funded", { from: "open", to: "funded" }, t.funded);
    if (t.started !== undefined) activity(c.id, leadId, "started", { from: "funded", to: "active" }, t.started);

    // Team: accepted applications and lent seats; open challenges collect pending applications.
    const members = new Set<string>([leadId]);
    for (const slot of c.slots) {
      const seats = funded ? slot.count : stage === "open" ? g.number.int({ min: 0, max: slot.count }) : 0;
      let filled = 0;
      const pool = poolOf(slot.disciplineId);
      for (let k = 0; k < seats + (stage === "open" ? 1 : 0); k++) {
        const personId = g.helpers.arrayElement(pool);
        if (members.has(personId)) continue;
        members.add(personId);
        const applied = within(t.published, t.started ?? closedAt);
        const applicationId = id("ap");
        const accepted = k < seats;
        add("applications", {
          id: applicationId,
          challenge_id: c.id,
          slot_id: slot.id,
          applicant_id: personId,
          pitch: `I have worked on ${g.helpers.arrayElement(AREAS)} and know ${slot.skills[0]}.`,
          status: accepted ? "accepted" : "pending",
          decided_by_id: accepted ? leadId : null,
          decision_note: "",
          decided_at: accepted ? iso(applied + days(1)) : null,
          created_at: iso(applied),
        });
        notify(leadId, "application_received", c.id, personId, { discipline: slot.disciplineId }, applied, g);
        if (!accepted) continue;
        const joined = applied + days(1);
        const released = stage === "archived" ? (t.closed as number) : null;
        const membershipId = id("m");
        add("memberships", {
          id: membershipId,
          challenge_id: c.id,
          slot_id: slot.id,
          person_id: personId,
          application_id: applicationId,
          commitment_percent: slot.percent,
          status: released === null ? "active" : "released",
          created_at: iso(joined),
          ended_at: released === null ? null : iso(released),
        });
        if (released === null) filled++;
        const managerId = managerOf.get(personId);
        if (managerId) {
          add("lend_requests", {
            id: id("lr"),
            membership_id: membershipId,
            challenge_id: c.id,
            person_id: personId,
            manager_id: managerId,
            share_percent: slot.percent,
            duration_weeks: horizonWeeks,
            status: "approved",
            reason: "",
            decided_at: iso(joined + days(1)),
            created_at: iso(joined),
          });
        }
        notify(personId, "application_decided", c.id, leadId, { decision: "accept" }, joined, g);
        c.team.push(personId);
      }
      add("challenge_slots", {
        id: slot.id,
        challenge_id: c.id,
        position: c.slots.indexOf(slot),
        discipline_id: slot.disciplineId,
        count: slot.count,
        filled,
        skills: JSON.stringify(slot.skills),
        commitment_percent: slot.percent,
        required: c.slots.indexOf(slot) === 0,
        status: filled >= slot.count || t.decided !== undefined ? "closed" : "open",
      });
    }
    if (c.team.length > 0 && g.datatype.boolean(0.3)) {
      c.coLeadId = c.team[0];
      challengeRow.co_lead_id = c.coLeadId;
    }

    // Progress while the work runs: milestones, updates with a KPI check-in, spend.
    let spent = 0;
    if (t.started !== undefined) {
      const workEnd = t.submitted ?? now - minutes(60);
      for (let k = 0, n = g.number.int({ min: 1, max: 3 }); k < n; k++) {
        const due = within(t.started, t.started + days(horizonWeeks * 7));
        const done = due < workEnd;
        add("milestones", {
          id: id("ms"),
          challenge_id: c.id,
          title: `${g.helpers.arrayElement(["Baseline", "Pilot", "Rollout", "Readout"])} ${k + 1}`,
          due_on: iso(due).slice(0, 10),
          status: done ? "done" : "planned",
          slip_reason: "",
          created_by_id: leadId,
          done_at: done ? iso(due) : null,
          created_at: iso(t.started),
          updated_at: iso(done ? due : t.started),
        });
      }
      for (let k = 0, n = g.number.int({ min: 1, max: 4 }); k < n; k++) {
        const at = within(t.started, workEnd);
        const updateId = id("u");
        add("updates", {
          id: updateId,
          challenge_id: c.id,
          author_id: leadId,
          body: `**Week ${k + 1}.** ${g.hacker.phrase()}`,
          created_at: iso(at),
        });
        add("kpi_checkins", {
          id: id("kc"),
          update_id: updateId,
          challenge_id: c.id,
          kpi_id: c.kpiIds[0],
          value: g.number.int({ min: 10, max: 400 }),
          measured_on: iso(at).slice(0, 10),
          created_at: iso(at),
        });
      }
      const approver = pledges[0]?.sponsorId ?? null;
      if (approver && g.datatype.boolean(0.8)) {
        const amount = Math.round(ask * g.number.float({ min: 0.2, max: 0.9 }));
        const at = within(t.started, workEnd);
        const reportId = id("sr");
        add("spend_reports", {
          id: reportId,
          challenge_id: c.id,
          reporter_id: leadId,
          amount,
          description: "Contractor time and tooling: invoice",
          spent_on: iso(at).slice(0, 10),
          status: "approved",
          decided_by_id: approver,
          decision_note: "",
          decided_at: iso(at + days(1)),
          created_at: iso(at),
        });
        entry("spend", { challengeId: c.id, spendReportId: reportId }, amount, approver, at + days(1), approver);
        spent = amount;
      }
    }
    if (t.submitted !== undefined) activity(c.id, leadId, "submitted", { from: "active", to: "showcase" }, t.submitted);

    // Showcase, reviews and the decision.
    if (t.submitted !== undefined) {
      add("showcases", {
        challenge_id: c.id,
        cycle: 1,
        summary: `We set out to ${verb.toLowerCase()} ${area}. ${g.hacker.phrase()}`,
        kpi_results: JSON.stringify(
          c.kpiIds.map((kpiId) => ({ kpiId, actual: g.number.int({ min: 10, max: 400 }), note: "" })),
        ),
        artifacts: JSON.stringify([{ title: "Readout deck", url: "https://example.com/readout" }]),
        lessons: g.hacker.phrase(),
        recommendation: g.helpers.arrayElement(["scale", "iterate", "stop"]),
        recommendation_note: "",
        submitted_at: iso(t.submitted),
        updated_at: iso(t.submitted),
      });
      const reviewedBy = g.helpers.arrayElements(reviewers, { min: 1, max: Math.min(3, reviewers.length) });
      for (const reviewerId of t.decided !== undefined ? reviewedBy : reviewedBy.slice(0, 1)) {
        const scores = Object.fromEntries(DEFAULT_CRITERIA.map((cr) => [cr.id, g.number.int({ min: 2, max: 5 })]));
        const at = within(t.submitted, t.decided ?? now - minutes(30));
        add("reviews", {
          id: id("r"),
          challenge_id: c.id,
          cycle: 1,
          reviewer_id: reviewerId,
          scores: JSON.stringify(scores),
          weighted_score: weightedScore(scores, DEFAULT_CRITERIA),
          feedback: g.hacker.phrase(),
          created_at: iso(at),
          updated_at: iso(at),
        });
        notify(leadId, "review_posted", c.id, reviewerId, {}, at, g);
      }
      const questionId = id("q");
      const asked = t.submitted + days(1);
      add("questions", {
        id: questionId,
        challenge_id: c.id,
        cycle: 1,
        author_id: reviewedBy[0],
        body: "What would it take to run this in every region?",
        created_at: iso(asked),
      });
      if (asked + days(1) < now) {
        add("answers", {
          id: id("an"),
          question_id: questionId,
          author_id: leadId,
          body: "Mostly the rollout playbook; the code is region-agnostic.",
          created_at: iso(asked + days(1)),
        });
      }
    }
    if (t.decided !== undefined && decision) {
      const decidedById = g.helpers.arrayElement(reviewers);
      const decisionId = id("d");
      add("decisions", {
        id: decisionId,
        challenge_id: c.id,
        cycle: 1,
        decision,
        rationale: `${decision === "scale" ? "The pilot moved the KPI" : "The pilot did not move the KPI"}; ${g.hacker.phrase()}`,
        next_gate_on: null,
        decided_by_id: decidedById,
        created_at: iso(t.decided),
      });
      if (decision === "scale") {
        add("commitments", {
          id: id("cc"),
          decision_id: decisionId,
          challenge_id: c.id,
          what: "Fund the rollout to every region",
          owner_id: g.helpers.arrayElement(sponsors),
          due_on: iso(t.decided + days(60)).slice(0, 10),
          status: t.decided + days(60) < now ? "done" : "open",
          done_at: t.decided + days(60) < now ? iso(t.decided + days(50)) : null,
          created_at: iso(t.decided),
        });
      }
      // Closing with money: the unspent remainder returns split by pledge (worker/domain/ledger.ts).
      const pledged = pledges.reduce((sum, p) => sum + p.amount, 0);
      const shares = returnShares(
        pledges.map((p) => ({ key: p, amount: p.amount })),
        challengeFunding([
          { type: "pledge", amount: pledged },
          { type: "spend", amount: spent },
        ]),
      );
      let returned = 0;
      for (const { key: p, amount } of shares) {
        if (amount === 0) continue;
        returned += amount;
        (budgetById.get(p.budgetId) as Budget).returned += amount;
        entry("return", { budgetId: p.budgetId, challengeId: c.id, pledgeId: p.id }, amount, decidedById, t.decided);
      }
      activity(
        c.id,
        decidedById,
        "decided",
        { from: "showcase", to: "reviewed", decision, rationale: "See the decision.", returned },
        t.decided,
      );
    }
    if (stage === "archived")
      activity(c.id, leadId, "archived", { from: "reviewed", to: "archived" }, t.closed as number);
    if (stage === "withdrawn") {
      activity(
        c.id,
        leadId,
        "withdrawn",
        { from: "open", to: "withdrawn", reason: "Folded into a wider effort." },
        t.closed as number,
      );
    }
  }

  // ─── Credit: contributions spread over the challenges where work happened.
  const working = challenges.filter((c) => c.t.started !== undefined);
  const extraContributions = Math.max(0, options.contributions - demo.credit.contributions.length);
  const h = seededFaker("large:credit");
  let contributionCount = 0;
  if (working.length > 0) {
    const perChallenge = extraContributions / working.length;
    working.forEach((c, index) => {
      const target = Math.round(perChallenge * (index + 1)) - Math.round(perChallenge * index);
      const crew = [c.leadId, ...c.team];
      const from = c.t.started as number;
      const to = c.t.closed ?? c.t.submitted ?? now - minutes(60);
      for (let k = 0; k < target; k++) {
        const personId = h.helpers.arrayElement(crew);
        const self = personId === c.leadId || h.datatype.boolean(0.5);
        const recordedById = self ? personId : c.leadId;
        const roll = h.number.float();
        const status = self
          ? roll < 0.03
            ? "retracted"
            : "confirmed"
          : roll < 0.08
            ? "pending"
            : roll < 0.12
              ? "declined"
              : roll < 0.14
                ? "retracted"
                : "confirmed";
        const type = h.helpers.arrayElement(CONTRIBUTION_TYPES);
        const description = h.helpers.arrayElement(CONTRIBUTION_WORDS[type]);
        const at = from + Math.round((to - from) * h.number.float());
        const confirmedAt = status === "confirmed" || status === "retracted" ? at + (self ? 0 : days(1)) : null;
        const endedAt = status === "declined" || status === "retracted" ? at + days(2) : null;
        const contributionId = id("x");
        add("contributions", {
          id: contributionId,
          challenge_id: c.id,
          person_id: personId,
          recorded_by_id: recordedById,
          type,
          description,
          hours: h.datatype.boolean(0.7) ? h.number.int({ min: 1, max: 60 }) : null,
          status,
          decline_reason: status === "declined" ? "I did not do this part." : "",
          retracted_by_id: status === "retracted" ? recordedById : null,
          retract_reason: status === "retracted" ? "Recorded on the wrong challenge." : "",
          confirmed_at: confirmedAt === null ? null : iso(Math.min(confirmedAt, now)),
          ended_at: endedAt === null ? null : iso(Math.min(endedAt, now)),
          created_at: iso(at),
        });
        contributionCount++;
        if (status === "pending") notify(personId, "credit_pending", c.id, recordedById, { type, description }, at, h);
        if (status === "confirmed" && crew.length > 1 && h.datatype.boolean(0.1)) {
          const endorserId = personId === c.leadId ? crew[1] : c.leadId;
          add("endorsements", {
            id: id("e"),
            contribution_id: contributionId,
            endorser_id: endorserId,
            note: "Made the difference for the pilot.",
            created_at: iso(Math.min(at + days(3), now)),
          });
          notify(personId, "endorsement", c.id, endorserId, { type, note: "" }, Math.min(at + days(3), now), h);
        }
        if (k % 25 === 0 && crew.length > 1) {
          const toId = crew[(k / 25 + 1) % crew.length];
          const fromId = h.helpers.arrayElement(everyone);
          if (fromId !== toId) {
            add("kudos", {
              id: id("kd"),
              challenge_id: c.id,
              from_id: fromId,
              to_id: toId,
              message: "Thank you for the late-night debugging.",
              created_at: iso(at),
            });
            notify(toId, "kudos", c.id, fromId, { message: "" }, at, h);
          }
        }
      }
    });
  }

  // Allocations cover every pledge with headroom, so no budget ever went below zero.
  for (const b of budgets.values()) {
    const allocated = Math.ceil((b.pledged * h.number.float({ min: 1.05, max: 1.6 })) / 100_000) * 100_000;
    add("budgets", {
      id: b.id,
      period_id: b.periodId,
      sponsor_id: b.sponsorId,
      remaining: allocated - b.pledged + b.returned,
      created_at: iso(b.start - days(7)),
    });
    ledger.unshift({
      id: id("le"),
      type: "allocation",
      budget_id: b.id,
      challenge_id: null,
      pledge_id: null,
      spend_report_id: null,
      amount: allocated,
      actor_id: root.id,
      approved_by_id: null,
      memo: "Quarterly allocation",
      created_at: iso(b.start - days(7)),
    });
  }
  rows.set("ledger_entries", ledger);

  const ORDER = [
    "people",
    "person_roles",
    "challenges",
    "challenge_kpis",
    "challenge_slots",
    "challenge_tags",
    "backings",
    "comments",
    "budget_periods",
    "budgets",
    "pledges",
    "spend_reports",
    "ledger_entries",
    "applications",
    "memberships",
    "lend_requests",
    "milestones",
    "updates",
    "kpi_checkins",
    "contributions",
    "endorsements",
    "kudos",
    "showcases",
    "reviews",
    "questions",
    "answers",
    "decisions",
    "commitments",
    "activities",
    "notifications",
  ];
  for (const table of rows.keys()) if (!ORDER.includes(table)) throw new Error(`No load order for ${table}`);
  return {
    demo,
    demoStatements,
    tables: ORDER.filter((t) => rows.has(t)).map((t) => [t, rows.get(t) as SqlRow[]]),
    counts: {
      people: demo.people.length + people.length,
      challenges: demo.challenges.length + challenges.length,
      contributions: demo.credit.contributions.length + contributionCount,
    },
  };
}
