/**
 * Turns the hand-written catalogue into challenges with a history: who leads them, when each
 * stage was reached (relative to `now`), who backed and discussed them, and the activity
 * entries that tell the story in order. Every count the schema caches (backer_count,
 * comment_count) is derived from the rows generated here.
 */
import type { Faker } from "@faker-js/faker";
import { CATALOGUE, type CatalogueEntry, type Decision, type PersonSpec, type Stage } from "./challenge-catalogue";
import { type DemoPerson, type DisciplineId, WELL_KNOWN_EMAILS } from "./people";
import { type Clock, days, demoId, minutes, seededFaker } from "./random";

export interface DemoKpi {
  id: string;
  name: string;
  unit: string;
  direction: "up" | "down";
  baseline: number;
  target: number;
}

export interface DemoSlot {
  id: string;
  disciplineId: DisciplineId;
  count: number;
  skills: string[];
  commitmentPercent: number;
  required: boolean;
  status: "open" | "closed";
}

export interface DemoComment {
  id: string;
  authorId: string;
  body: string;
  createdAt: number;
}

export interface DemoActivity {
  id: string;
  actorId: string | null;
  action: string;
  detail: Record<string, unknown>;
  createdAt: number;
}

/** When each stage was reached; absent for stages the challenge never reached. */
export interface Timeline {
  created: number;
  edited?: number;
  published?: number;
  funded?: number;
  started?: number;
  submitted?: number;
  decided?: number;
  archived?: number;
  withdrawn?: number;
}

export interface DemoChallenge {
  id: string;
  key: string;
  title: string;
  summary: string;
  problem: string;
  whyItMatters: string;
  constraints: string;
  outOfScope: string;
  assistanceNeeded: string;
  horizonWeeks: number;
  /** Minor units (cents). */
  fundingAsk: number;
  fundingBreakdown: string;
  stage: Stage;
  cycle: number;
  leadId: string;
  coLeadId: string | null;
  kpis: DemoKpi[];
  slots: DemoSlot[];
  tags: string[];
  backings: { personId: string; createdAt: number }[];
  comments: DemoComment[];
  activities: DemoActivity[];
  timeline: Timeline;
  decision: { decision: Decision; rationale: string; reviewerId: string } | null;
  /** Share of the way from baseline to target the work reached (for showcases and results). */
  progress: number | null;
  listedAt: number;
  publishedAt: number | null;
  stageChangedAt: number;
  createdAt: number;
  updatedAt: number;
}

const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The catalogue must describe challenges the app itself would accept (SPEC §4). */
function checkEntry(e: CatalogueEntry) {
  const fail = (why: string) => {
    throw new Error(`Demo challenge "${e.key}": ${why}`);
  };
  if (e.title.length < 3 || e.title.length > 120) fail("title must be 3–120 characters");
  if (e.summary.length > 280) fail(`summary is ${e.summary.length} characters (at most 280)`);
  if (e.kpis.length < 1 || e.kpis.length > 4) fail("needs 1–4 KPIs");
  for (const [name, , direction, baseline, target] of e.kpis) {
    if (direction === "up" ? target <= baseline : target >= baseline) fail(`KPI "${name}" target is not better`);
  }
  if (e.slots.length < 1 || e.slots.length > 4) fail("needs 1–4 role slots");
  for (const [, count, skills, percent] of e.slots) {
    if (count < 1 || count > 2 || percent < 10 || percent > 50) fail("slot count 1–2, commitment 10–50%");
    if (skills.some((s) => s !== s.toLowerCase())) fail("skills are lower-case");
  }
  if (e.tags.length < 1 || e.tags.length > 4 || !e.tags.every((t) => TAG.test(t))) fail("needs 1–4 kebab-case tags");
  if (e.horizonWeeks < 4 || e.horizonWeeks > 26) fail("horizon is 4–26 weeks");
  const ask = askOf(e);
  if (ask !== 0 && (ask < 500_000 || ask > 5_000_000)) fail(`funding ask ${ask} is outside 500000–5000000 cents`);
  const decided = e.stage === "reviewed" || e.stage === "archived";
  if (decided && (!e.decision || e.decision.decision === "iterate")) fail("needs a scale or stop decision");
  if (e.stage === "withdrawn" && !e.withdrawn) fail("needs to say where it was withdrawn from");
}

const askOf = (e: CatalogueEntry) => e.funding.reduce((sum, [, amount]) => sum + amount * 100, 0);

const money = (major: number) => `$${major.toLocaleString("en-US")}`;

function formatValue(value: number, unit: string): string {
  const n = Number.isInteger(value) ? value.toLocaleString("en-US") : String(value);
  if (unit === "%") return `${n}%`;
  if (unit === "USD") return money(value);
  return `${n} ${unit}`;
}

/** A KPI value `share` of the way from baseline to target, rounded like the baseline. */
function valueAt(kpi: DemoKpi, share: number): number {
  const raw = kpi.baseline + (kpi.target - kpi.baseline) * share;
  const decimals = [kpi.baseline, kpi.target].some((v) => !Number.isInteger(v)) ? 2 : 0;
  const factor = 10 ** decimals;
  return Math.round(raw * factor) / factor;
}

const firstName = (p: DemoPerson) => p.name.split(" ")[0];
/** "Monthly spend" → "monthly spend", but "API revenue" stays as it is. */
const lowerFirst = (s: string) => (/^[A-Z]{2}/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

interface Context {
  challenge: CatalogueEntry;
  kpi: DemoKpi;
  lead: DemoPerson;
  asker: DemoPerson;
  other: DemoPerson;
  slot: DemoSlot;
}

/** Questions from the floor, each with the lead's answer (or none). */
const QUESTIONS: [(c: Context) => string, ((c: Context) => string) | null][] = [
  [
    (c) =>
      `How is "${c.kpi.name}" measured today? If it comes from the monthly report, the baseline of ${formatValue(c.kpi.baseline, c.kpi.unit)} may already be out of date.`,
    (c) =>
      `Good question, ${firstName(c.asker)}. It comes from the same dashboard Finance uses, refreshed weekly. I'll link it from the description.`,
  ],
  [
    () => "What would make you stop early? A clear kill criterion would make this much easier to back.",
    (c) =>
      `Fair. If we are not halfway to target by week ${Math.ceil(c.challenge.horizonWeeks / 2)}, we stop and write up why. Adding that to the boundaries.`,
  ],
  [
    (c) =>
      `Who owns ${lowerFirst(c.kpi.name)} once the team moves on? Worth naming that before you start, or it drifts back.`,
    (c) => `Agreed. ${c.other.unit} have said they will take it over; I'll make that explicit in the plan.`,
  ],
  [
    (c) =>
      `Could you share the raw numbers behind the baseline? I'd like to check them against what we see in ${c.asker.unit}.`,
    (c) => `Sent you the query, ${firstName(c.asker)}. If your numbers differ, I'd love to know why.`,
  ],
  [
    (c) =>
      `Is ${c.challenge.horizonWeeks} weeks realistic? The ${c.slot.disciplineId} role looks like the critical path to me.`,
    () =>
      "It's tight but doable if the role is filled before we start. That's why it's marked required: we won't start without it.",
  ],
  [
    (c) =>
      `Have you talked to ${c.other.unit}? They looked at something similar last year and might have data that sharpens the problem statement.`,
    (c) => `I hadn't. Thanks for the pointer, I've asked ${firstName(c.other)} for thirty minutes this week.`,
  ],
  [
    () => "We hit the same wall last year. Happy to walk you through what we tried: the tooling was the easy part.",
    (c) => `Yes please! I'll put something in your calendar, ${firstName(c.asker)}.`,
  ],
  [() => "Love that the out-of-scope list is explicit. Scope creep is what sank the last attempt at this.", null],
];

const SUPPORT: ((c: Context) => string)[] = [
  (c) =>
    `Backed. This comes up in almost every ${c.challenge.tags[0].replaceAll("-", " ")} conversation I have with customers.`,
  (c) => `Strong support from ${c.asker.unit}. We would happily be the first internal users.`,
  (c) => `+1. ${c.kpi.name} is exactly the right number to move.`,
  () => "The target feels ambitious but fair. Rooting for this.",
  () => "This would save my team hours every week. Count me in as a tester.",
  (c) =>
    `I could give this a few hours a week if the ${c.slot.disciplineId} role is still open. I've done a fair amount of ${c.slot.skills[0] ?? "this"}.`,
];

const PROGRESS: ((c: Context, week: number, share: number) => string)[] = [
  (c, week) =>
    week <= 3
      ? `Week ${week} update: the first change is live. Early numbers on ${lowerFirst(c.kpi.name)} look promising, but it is too soon to call.`
      : `Week ${week} update: the second round of changes is live and ${lowerFirst(c.kpi.name)} is moving the right way. Details at the showcase.`,
  (c) =>
    `Quick note for backers: we were blocked on access for a few days. Sorted now, thanks to ${firstName(c.other)} in ${c.other.unit}.`,
  (c, _week, share) =>
    `Halfway check-in: ${lowerFirst(c.kpi.name)} is at ${formatValue(valueAt(c.kpi, share), c.kpi.unit)} against a target of ${formatValue(c.kpi.target, c.kpi.unit)}.`,
  (c, week) =>
    `Week ${week}: we dropped one idea that was not moving ${lowerFirst(c.kpi.name)} and doubled down on the one that was. Notes in the team doc.`,
];

interface Event {
  at: number;
  kind: "created" | "edited" | "stage" | "backed" | "commented";
  actorId: string | null;
  action?: string;
  detail?: Record<string, unknown>;
  body?: string;
}

export function buildChallenges(clock: Clock, people: DemoPerson[]): DemoChallenge[] {
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const usedLeads = new Set<string>();
  const reviewers = people.filter((p) => p.roles.includes("reviewer"));
  const admins = people.filter((p) => p.roles.includes("admin"));
  // Well-known accounts take part only where the catalogue names them, so tests know their state.
  const crowd = people.filter((p) => !WELL_KNOWN_EMAILS.has(p.email));

  const pick = (f: Faker, spec: PersonSpec, exclude: Set<string>): DemoPerson => {
    if ("email" in spec) {
      const person = byEmail.get(spec.email);
      if (!person) throw new Error(`No demo person ${spec.email}`);
      return person;
    }
    const track = spec.track ?? "ic";
    const fits = crowd.filter(
      (p) =>
        p.disciplineId === spec.discipline && p.track === track && p.rank >= (spec.minRank ?? 4) && !exclude.has(p.id),
    );
    const fresh = fits.filter((p) => !usedLeads.has(p.id));
    const pool = fresh.length > 0 ? fresh : fits;
    if (pool.length === 0) throw new Error(`No ${spec.discipline} person at rank ${spec.minRank ?? 4}+`);
    return f.helpers.arrayElement(pool);
  };

  return CATALOGUE.map((entry) => {
    checkEntry(entry);
    const f = seededFaker(`challenge:${entry.key}`);
    const id = demoId("ch", entry.key);
    const lead = pick(f, entry.lead, new Set());
    usedLeads.add(lead.id);
    const coLead = entry.coLead ? pick(f, entry.coLead, new Set([lead.id])) : null;
    if (coLead) usedLeads.add(coLead.id);

    const kpis: DemoKpi[] = entry.kpis.map(([name, unit, direction, baseline, target], i) => ({
      id: demoId("kpi", `${entry.key}:${i}`),
      name,
      unit,
      direction,
      baseline,
      target,
    }));
    const closed = ["showcase", "reviewed", "withdrawn", "archived"].includes(entry.stage);
    const slots: DemoSlot[] = entry.slots.map(([disciplineId, count, skills, commitmentPercent, required], i) => ({
      id: demoId("slot", `${entry.key}:${i}`),
      disciplineId,
      count,
      skills,
      commitmentPercent,
      required,
      status: closed ? "closed" : "open",
    }));

    const timeline = planTimeline(f, clock, entry);
    const events = buildEvents(f, clock, entry, timeline, { lead, coLead, kpis, slots, crowd, reviewers, admins });
    // Activity is read newest-first by (created_at, id): give every event its own moment.
    events.sort((a, b) => a.at - b.at);
    for (let i = 1; i < events.length; i++) {
      if (events[i].at <= events[i - 1].at) events[i].at = events[i - 1].at + 1000;
    }
    for (const e of events) {
      if (e.at >= clock.now) throw new Error(`Demo challenge "${entry.key}" has an event in the future`);
    }

    const comments: DemoComment[] = [];
    const backings: DemoChallenge["backings"] = [];
    const activities: DemoActivity[] = [];
    events.forEach((e, i) => {
      const activityId = demoId("act", `${entry.key}:${i}`);
      if (e.kind === "backed") {
        backings.push({ personId: e.actorId!, createdAt: e.at });
        activities.push({ id: activityId, actorId: e.actorId, action: "backed", detail: {}, createdAt: e.at });
      } else if (e.kind === "commented") {
        const commentId = demoId("cm", `${entry.key}:${comments.length}`);
        comments.push({ id: commentId, authorId: e.actorId!, body: e.body!, createdAt: e.at });
        activities.push({
          id: activityId,
          actorId: e.actorId,
          action: "commented",
          detail: { commentId },
          createdAt: e.at,
        });
      } else {
        activities.push({
          id: activityId,
          actorId: e.actorId,
          action: e.action!,
          detail: e.detail ?? {},
          createdAt: e.at,
        });
      }
    });
    // Times may have moved by a second to keep the history in order; read them back.
    const momentOf = (action: string) => events.find((e) => e.action === action)?.at;
    const t: Timeline = {
      created: momentOf("created")!,
      edited: momentOf("edited"),
      published: momentOf("published"),
      funded: momentOf("funded"),
      started: momentOf("started"),
      submitted: momentOf("submitted"),
      decided: momentOf("decided"),
      archived: momentOf("archived"),
      withdrawn: momentOf("withdrawn"),
    };
    const stageChangedAt = Math.max(
      ...events.filter((e) => e.kind === "stage" || e.kind === "created").map((e) => e.at),
    );
    const decisionEvent = events.find((e) => e.action === "decided");

    const ask = askOf(entry);
    return {
      id,
      key: entry.key,
      title: entry.title,
      summary: entry.summary,
      problem: `${entry.problem}\n\n### What we have tried\n\n${entry.tried.map((x) => `- ${x}`).join("\n")}`,
      whyItMatters: `${entry.why}\n\n${entry.gains.map((x) => `- ${x}`).join("\n")}`,
      constraints: entry.constraints,
      outOfScope: entry.outOfScope,
      assistanceNeeded: entry.assistance,
      horizonWeeks: entry.horizonWeeks,
      fundingAsk: ask,
      fundingBreakdown:
        ask === 0
          ? "No money needed: the ask is people's time (see the assistance needed)."
          : entry.funding.map(([what, amount]) => `- ${what}: ${money(amount)}`).join("\n"),
      stage: entry.stage,
      cycle: entry.decision?.decision === "iterate" ? 2 : 1,
      leadId: lead.id,
      coLeadId: coLead?.id ?? null,
      kpis,
      slots,
      tags: entry.tags,
      backings,
      comments,
      activities,
      timeline: t,
      decision: entry.decision && decisionEvent ? { ...entry.decision, reviewerId: decisionEvent.actorId! } : null,
      progress: entry.progress ?? null,
      listedAt: t.published ?? t.created,
      publishedAt: t.published ?? null,
      stageChangedAt,
      createdAt: t.created,
      updatedAt: Math.max(stageChangedAt, t.edited ?? 0),
    };
  });
}

/** Spans are drawn in whole minutes so the history reads like people did it. */
const span = (f: Faker, minDays: number, maxDays: number) =>
  minutes(f.number.int({ min: Math.round(minDays * 1440), max: Math.round(maxDays * 1440) }));

/** Dates each stage the challenge reached, working back from how long ago it reached the last one. */
function planTimeline(f: Faker, clock: Clock, e: CatalogueEntry): Timeline {
  const work = (share: [number, number]) => span(f, e.horizonWeeks * 7 * share[0], e.horizonWeeks * 7 * share[1]);
  const t: Partial<Timeline> = {};
  const before = (later: number, minDays: number, maxDays: number) => later - span(f, minDays, maxDays);
  const fromFunding = (funded: number) => {
    t.funded = funded;
    t.published = before(funded, 8, 35);
    t.created = before(t.published, 2, 18);
  };
  const fromStart = (started: number) => {
    t.started = started;
    fromFunding(before(started, 3, 20));
  };
  const fromSubmit = (submitted: number) => {
    t.submitted = submitted;
    fromStart(submitted - work([0.85, 1.15]));
  };
  const now = clock.now;
  switch (e.stage) {
    case "draft":
      t.created = now - span(f, 3, 40);
      break;
    case "open":
      t.published = now - span(f, 1, 32);
      t.created = before(t.published, 2, 18);
      break;
    case "funded":
      fromFunding(now - span(f, 2, 21));
      break;
    case "active":
      if (e.decision?.decision === "iterate") {
        t.decided = now - span(f, 3, 15);
        fromSubmit(before(t.decided, 4, 12));
      } else {
        fromStart(now - Math.min(work([0.2, 0.7]), days(60)));
      }
      break;
    case "showcase":
      fromSubmit(now - span(f, 2, 12));
      break;
    case "reviewed":
      t.decided = now - span(f, 5, 30);
      fromSubmit(before(t.decided, 5, 15));
      break;
    case "archived":
      t.archived = now - span(f, 10, 45);
      t.decided = before(t.archived, 7, 30);
      fromSubmit(before(t.decided, 5, 15));
      break;
    case "withdrawn":
      t.withdrawn = now - span(f, 6, 50);
      if (e.withdrawn?.from === "open") {
        t.published = before(t.withdrawn, 10, 30);
        t.created = before(t.published, 2, 15);
      } else {
        t.created = before(t.withdrawn, 5, 25);
      }
      break;
  }
  if (t.created === undefined) throw new Error(`No creation date for ${e.key}`);
  const draftEnd = t.published ?? t.withdrawn ?? now - minutes(30);
  if (f.datatype.boolean(0.5)) t.edited = t.created + Math.round((draftEnd - t.created) * 0.4);
  return t as Timeline;
}

interface Cast {
  lead: DemoPerson;
  coLead: DemoPerson | null;
  kpis: DemoKpi[];
  slots: DemoSlot[];
  crowd: DemoPerson[];
  reviewers: DemoPerson[];
  admins: DemoPerson[];
}

const BACKERS: Record<Stage, [number, number]> = {
  draft: [0, 0],
  open: [2, 16],
  funded: [8, 22],
  active: [10, 28],
  showcase: [12, 30],
  reviewed: [14, 36],
  archived: [14, 36],
  withdrawn: [1, 5],
};

const THREADS: Record<Stage, [number, number]> = {
  draft: [0, 0],
  open: [1, 3],
  funded: [1, 3],
  active: [1, 3],
  showcase: [1, 2],
  reviewed: [1, 2],
  archived: [1, 2],
  withdrawn: [1, 1],
};

function buildEvents(f: Faker, clock: Clock, e: CatalogueEntry, t: Timeline, cast: Cast): Event[] {
  const { lead, coLead, kpis, slots } = cast;
  const leaders = coLead ? [lead, coLead] : [lead];
  const events: Event[] = [];
  const stage = (at: number | undefined, action: string, actorId: string | null, detail: Record<string, unknown>) => {
    if (at !== undefined) events.push({ at, kind: "stage", action, actorId, detail });
  };

  events.push({ at: t.created, kind: "created", action: "created", actorId: lead.id, detail: { title: e.title } });
  if (t.edited !== undefined) {
    const fields = f.helpers.arrayElements(["summary", "problem", "kpis", "slots", "fundingAsk", "boundaries"], {
      min: 1,
      max: 3,
    });
    events.push({ at: t.edited, kind: "edited", action: "edited", actorId: lead.id, detail: { fields } });
  }
  // A co-lead is named from the team, which forms only once the challenge is published, so the lead
  // publishes. The draw stays so every later draw of the challenge's stream is unchanged.
  f.helpers.arrayElement(leaders);
  stage(t.published, "published", lead.id, { from: "draft", to: "open" });
  stage(t.funded, "funded", null, { from: "open", to: "funded" });
  stage(t.started, "started", f.helpers.arrayElement(leaders).id, { from: "funded", to: "active" });
  stage(t.submitted, "submitted", lead.id, { from: "active", to: "showcase" });
  if (t.decided !== undefined && e.decision) {
    stage(t.decided, "decided", f.helpers.arrayElement(cast.reviewers).id, {
      from: "showcase",
      to: e.decision.decision === "iterate" ? "active" : "reviewed",
      decision: e.decision.decision,
      rationale: e.decision.rationale,
    });
  }
  const archivist = f.datatype.boolean(0.3) ? f.helpers.arrayElement(cast.admins) : lead;
  stage(t.archived, "archived", archivist.id, { from: "reviewed", to: "archived" });
  if (t.withdrawn !== undefined && e.withdrawn) {
    stage(t.withdrawn, "withdrawn", lead.id, { from: e.withdrawn.from, to: "withdrawn", reason: e.withdrawn.reason });
  }

  // Backing and discussion happen while the challenge is published and not yet closed.
  if (t.published === undefined) return events;
  const opened = t.published + minutes(45);
  const closedAt = t.withdrawn ?? t.archived ?? clock.now - minutes(90);
  const within = (from: number, to: number, skew = 1) => from + Math.round((to - from) * f.number.float() ** skew);
  const others = cast.crowd.filter((p) => p.id !== lead.id && p.id !== coLead?.id);

  const [minBackers, maxBackers] = BACKERS[e.stage];
  for (const backer of f.helpers.arrayElements(others, { min: minBackers, max: maxBackers })) {
    events.push({ at: within(opened, closedAt, 1.8), kind: "backed", actorId: backer.id });
  }

  // Someone from a discipline the challenge asks for, to point at or thank.
  const slotDisciplines = new Set<string>(slots.map((s) => s.disciplineId));
  const helpers = others.filter((p) => slotDisciplines.has(p.disciplineId) && p.unit !== lead.unit);
  const context = (asker: DemoPerson): Context => ({
    challenge: e,
    kpi: f.helpers.arrayElement(kpis),
    lead,
    asker,
    other: f.helpers.arrayElement(helpers.filter((p) => p.id !== asker.id)),
    slot: f.helpers.arrayElement(slots),
  });
  const say = (at: number, author: DemoPerson, body: string) =>
    events.push({ at, kind: "commented", actorId: author.id, body });

  const discussionEnd = t.funded ?? closedAt;
  const [minThreads, maxThreads] = THREADS[e.stage];
  const questions = f.helpers.shuffle([...QUESTIONS]);
  const threads = f.number.int({ min: minThreads, max: maxThreads });
  for (let i = 0; i < threads; i++) {
    const asker = f.helpers.arrayElement(others);
    const c = context(asker);
    const at = within(opened, discussionEnd);
    if (f.datatype.boolean(0.6)) {
      const [question, answer] = questions[i % questions.length];
      say(at, asker, question(c));
      if (answer) {
        const replyAt = Math.min(at + span(f, 0.05, 1.5), at + Math.floor((closedAt - at) / 2));
        say(replyAt, f.helpers.arrayElement(leaders), answer(c));
      }
    } else {
      say(at, asker, f.helpers.arrayElement(SUPPORT)(c));
    }
  }

  if (t.started !== undefined) {
    const workEnd = t.submitted ?? clock.now - minutes(120);
    const updates = f.number.int({ min: 1, max: 2 });
    const progress = f.helpers.shuffle([...PROGRESS]);
    for (let i = 0; i < updates; i++) {
      const at = within(Math.min(t.started + days(3), workEnd), workEnd);
      const week = Math.max(1, Math.ceil((at - t.started) / days(7)));
      say(at, f.helpers.arrayElement(leaders), progress[i](context(f.helpers.arrayElement(others)), week, 0.4));
    }
  }

  if (t.submitted !== undefined && e.progress !== undefined) {
    const kpi = kpis[0];
    const reached = valueAt(kpi, e.progress);
    say(
      t.submitted + span(f, 0.02, 0.5),
      lead,
      `The showcase is up. ${kpi.name} moved from ${formatValue(kpi.baseline, kpi.unit)} to ${formatValue(reached, kpi.unit)} (target ${formatValue(kpi.target, kpi.unit)}). Thank you to everyone who backed this and asked hard questions.`,
    );
  }

  if (t.decided !== undefined && e.decision) {
    const reactions: Record<Decision, string> = {
      scale: "Congratulations on the decision, well deserved. Looking forward to seeing this everywhere.",
      stop: "Sensible call. The write-up alone was worth the investment.",
      iterate: "Glad it gets another cycle. The invoice problem is real; happy to test the new design.",
    };
    say(t.decided + span(f, 0.1, 2), f.helpers.arrayElement(others), reactions[e.decision.decision]);
  }

  if (t.withdrawn !== undefined && e.withdrawn) {
    say(
      t.withdrawn - minutes(20),
      lead,
      `Withdrawing this one. ${e.withdrawn.reason} Thank you to everyone who backed it.`,
    );
  }
  return events;
}
