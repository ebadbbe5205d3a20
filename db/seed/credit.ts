/**
 * Visible credit in the demo organisation (SPEC §6, §7): milestones and updates with KPI
 * check-ins while the work ran, the credit records the teams made (confirmed, pending, declined,
 * retracted — never deleted), endorsements, kudos, and the activity entries and notifications
 * the app writes for each of them.
 *
 * Rows are shaped as worker/services/credit.ts writes them: only the team of a challenge (its
 * lead, co-lead and active members) records, is credited and endorses; credit recorded for
 * oneself is confirmed at once and a teammate's waits for them; progress is posted while the
 * challenge is open, funded or active. `buildCredit` checks those rules before it returns.
 */
import type { Faker } from "@faker-js/faker";
import { CONTRIBUTION_LABELS, type ContributionType, type MilestoneStatus } from "../../worker/domain/credit";
import type { DemoChallenge, DemoKpi } from "./challenges";
import { CREDIT_PLANS, type CreditPlan, type WorkOf } from "./credit-catalogue";
import type { DemoFunding } from "./funding";
import { type DemoPerson, type DisciplineId, WELL_KNOWN, WELL_KNOWN_EMAILS } from "./people";
import { type Clock, days, demoId, iso, minutes, seededFaker } from "./random";
import type { DemoTeamActivity, DemoTeams } from "./teams";

export interface DemoMilestone {
  id: string;
  challengeId: string;
  title: string;
  /** ISO date. */
  dueOn: string;
  status: MilestoneStatus;
  slipReason: string;
  createdById: string;
  doneAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface DemoUpdate {
  id: string;
  challengeId: string;
  authorId: string;
  body: string;
  createdAt: number;
}

export interface DemoCheckin {
  id: string;
  updateId: string;
  challengeId: string;
  kpiId: string;
  value: number;
  /** ISO date, on or before the update's. */
  measuredOn: string;
  createdAt: number;
}

export type ContributionStatus = "pending" | "confirmed" | "declined" | "retracted";

export interface DemoContribution {
  id: string;
  challengeId: string;
  personId: string;
  recordedById: string;
  type: ContributionType;
  description: string;
  hours: number | null;
  status: ContributionStatus;
  declineReason: string;
  retractedById: string | null;
  retractReason: string;
  confirmedAt: number | null;
  endedAt: number | null;
  createdAt: number;
}

export interface DemoEndorsement {
  id: string;
  contributionId: string;
  endorserId: string;
  note: string;
  createdAt: number;
}

export interface DemoKudos {
  id: string;
  challengeId: string;
  fromId: string;
  toId: string;
  message: string;
  createdAt: number;
}

/** The kinds worker/services/credit.ts writes. */
export type CreditNotificationKind =
  | "credit_pending"
  | "credit_confirmed"
  | "credit_declined"
  | "endorsement"
  | "kudos"
  | "milestone_slipped";

export interface DemoCreditNotification {
  id: string;
  recipientId: string;
  kind: CreditNotificationKind;
  challengeId: string;
  actorId: string;
  data: Record<string, unknown>;
  readAt: number | null;
  createdAt: number;
}

export interface DemoCredit {
  milestones: DemoMilestone[];
  updates: DemoUpdate[];
  checkins: DemoCheckin[];
  contributions: DemoContribution[];
  endorsements: DemoEndorsement[];
  kudos: DemoKudos[];
  activities: DemoTeamActivity[];
  notifications: DemoCreditNotification[];
  /**
   * The active challenge ic@ and designer@ are both on (as members): the browser test has ic@
   * post an update with a KPI check-in on it and record credit for designer@.
   */
  browserTestChallengeId: string;
}

const BROWSER_TEST_CHALLENGE = "docs-deflection";
/** Stages whose work started. */
const WORKED = ["active", "showcase", "reviewed", "archived"];
const HOUR = minutes(60);

// ─── Words ──────────────────────────────────────────────────────────────────────────────────

const firstName = (p: DemoPerson) => p.name.split(" ")[0];
const lowerFirst = (s: string) => (/^[A-Z]{2}/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));
const label = (type: ContributionType) => CONTRIBUTION_LABELS[type].toLowerCase();
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const shortDate = (ms: number) => `${new Date(ms).getUTCDate()} ${MONTHS[new Date(ms).getUTCMonth()]}`;
const dateOf = (ms: number) => iso(ms).slice(0, 10);

function formatValue(value: number, unit: string): string {
  const n = value.toLocaleString("en-US", { maximumFractionDigits: 2 });
  if (unit === "%") return `${n}%`;
  if (unit === "USD") return `$${n}`;
  return `${n} ${unit}`;
}

/** A KPI value `share` of the way from baseline to target, rounded like the catalogue's numbers. */
function valueAt(kpi: DemoKpi, share: number): number {
  const raw = kpi.baseline + (kpi.target - kpi.baseline) * share;
  const decimals = [kpi.baseline, kpi.target].some((v) => !Number.isInteger(v)) ? 2 : 0;
  const factor = 10 ** decimals;
  return Math.round(raw * factor) / factor;
}

/** What each kind of work gave the team, for kudos. */
const GAVE: Record<ContributionType, string> = {
  conceptualization: "seeing the real problem before any of us did",
  investigation: "the digging that changed our plan",
  methodology: "a method everyone trusted",
  software: "the code that made it work",
  design: "a design customers understood first time",
  data_curation: "the data everything else is built on",
  formal_analysis: "the analysis that convinced the sponsors",
  validation: "catching problems before customers did",
  visualization: "the charts everyone now screenshots",
  writing: "the writing people outside the team still quote",
  project_administration: "keeping everyone moving without a single status meeting",
  resources: "unblocking what none of us could",
  supervision_mentoring: "growing the people around you",
  funding_acquisition: "getting us funded",
  other: "everything you quietly took on",
};

/** What an endorsement note names: the credited person and the challenge's first KPI. */
interface Say {
  first: string;
  kpi: string;
}

const ENDORSE: Record<ContributionType, ((x: Say) => string)[]> = {
  conceptualization: [
    (x) =>
      `${x.first} saw the real problem before any of us did, and the framing has held up through every review since.`,
    (x) =>
      `Without this framing we would have solved the wrong problem. ${x.first} pointed us at ${x.kpi} from day one.`,
  ],
  investigation: [
    (x) => `This changed what we built. Without ${x.first}'s digging we would have optimised the wrong thing.`,
    () => "Patient, careful work: every claim in it came with the query or the interview behind it.",
  ],
  methodology: [
    (x) => `The method is why nobody argued about ${x.kpi} at the review.`,
    (x) => `${x.first} set this up before anyone asked, and it made every later decision easier.`,
  ],
  software: [
    (x) =>
      `I reviewed most of this code. Careful, well-tested work, and the part of the project that moved ${x.kpi} first.`,
    (x) => `${x.first} shipped this behind a flag and rolled it out in steps. Not one incident.`,
  ],
  design: [
    (x) => `${x.first} tested this with real customers before we built it, which saved us a rewrite.`,
    () => "Simple on the surface and thought through underneath. Exactly what the problem needed.",
  ],
  data_curation: [
    () => "The unglamorous part, done properly: every number we report starts from this.",
    (x) => `${x.first} cleaned this up so thoroughly that nobody has questioned the data since.`,
  ],
  formal_analysis: [
    (x) => `${x.first}'s analysis is what convinced the sponsors, and it held up to every question.`,
    (x) => `Clear, honest numbers, including the ones that didn't flatter us. That is why ${x.kpi} is trusted.`,
  ],
  validation: [
    (x) => `${x.first} caught two problems before customers did. Thorough and calm.`,
    () => "Nothing went live without this check, and nothing went wrong. Not a coincidence.",
  ],
  visualization: [
    () => "The chart everyone now screenshots in their own team updates.",
    (x) => `${x.first} made ${x.kpi} something people look at every week, not just at the showcase.`,
  ],
  writing: [
    () => "Clear enough that people outside the team use it without asking us. That is rare.",
    (x) => `${x.first} writes the way good documentation should read: one question, one answer.`,
  ],
  project_administration: [
    (x) => `${x.first} kept every team involved moving without a single status meeting.`,
    () => "The plan was always current and the decisions were always written down. It made the work easy to join.",
  ],
  resources: [
    () => "Made things happen that none of us could have unblocked alone.",
    (x) => `${x.first} got us what we needed before we knew we needed it.`,
  ],
  supervision_mentoring: [
    (x) => `I watched ${x.first} grow two people on this team into owning their parts. Patient and specific.`,
    (x) => `${x.first}'s weekly sessions were the best hour of my week on this project.`,
  ],
  funding_acquisition: [
    (x) => `The pitch that got this funded was ${x.first}'s, and it set the bar for the rest of us.`,
    () => "Honest about the risks and precise about the ask. The sponsors said so too.",
  ],
  other: [
    (x) => `Seen it first-hand: ${x.first} did exactly this, and more.`,
    () => "Quiet, essential work the rest of us leaned on every week.",
  ],
};

const DECLINE_REASONS: ((recorder: string, other: string, type: ContributionType) => string)[] = [
  (recorder) => `Kind of you, ${recorder}, but you did most of this; I only reviewed it.`,
  (_recorder, other) => `This was ${other}'s work more than mine. Please record it for them instead.`,
  (_recorder, _other, type) =>
    `I already recorded this ${label(type)} credit myself; declining this copy so it isn't counted twice.`,
  () => "Not quite right: I advised on this, I didn't do it. Happy to be credited for the review instead.",
];

/** Work anyone of a discipline does on a challenge, for team members the plan gives nothing. */
const FALLBACK: Record<DisciplineId, [ContributionType, (kpi: string) => string]> = {
  engineering: [
    "validation",
    (kpi) => `Reviewed the team's changes and kept the ${kpi} measurement honest release by release.`,
  ],
  design: [
    "design",
    (kpi) => `Designed the screens and messages the team used to explain the change, tested against ${kpi}.`,
  ],
  product: ["project_administration", (kpi) => `Kept the scope honest and ran the weekly check-in against ${kpi}.`],
  data: ["formal_analysis", (kpi) => `Set up the weekly read-out of ${kpi} the whole team uses.`],
  research: ["investigation", () => "Ran the interviews that checked the problem was the one we thought it was."],
  marketing: ["writing", () => "Wrote the launch story and the internal announcement."],
  sales: ["resources", () => "Brought in the customers who piloted the change and told us honestly what was missing."],
  operations: ["writing", () => "Wrote the runbook and the hand-over, so this keeps working after the team moves on."],
  finance: [
    "formal_analysis",
    (kpi) => `Modelled the money behind ${kpi} so the showcase numbers hold up with Finance.`,
  ],
  legal: ["validation", () => "Reviewed the privacy and contract questions before every release."],
  people: ["writing", () => "Planned the rollout communication so teams actually adopted the change."],
};

const mentoring = (peer: string) =>
  `Mentored ${peer} through their first hub challenge: a weekly hour on scope, stakeholders and how to say no.`;
const pairing = (peer: string) =>
  `Paired with ${peer} every week on their part of the work: a review before anything shipped, and how to scope it, sequence it and present it to the sponsors.`;

const HOURS: Record<ContributionType, [number, number]> = {
  conceptualization: [6, 30],
  investigation: [8, 40],
  methodology: [6, 24],
  software: [16, 90],
  design: [10, 50],
  data_curation: [10, 50],
  formal_analysis: [8, 40],
  validation: [6, 30],
  visualization: [6, 24],
  writing: [4, 24],
  project_administration: [10, 50],
  resources: [4, 20],
  supervision_mentoring: [6, 30],
  funding_acquisition: [3, 12],
  other: [4, 16],
};

const GENERIC_NOTES = [
  "Heads down this week; nothing new to show yet, but nothing blocked either.",
  "A quieter week: mostly reviews and follow-ups with the teams involved.",
  "Thanks to everyone who sent questions after the last update; the answers are in the team doc.",
  "Small steps this week. The numbers below are the ones we watch.",
];

// ─── Moments ────────────────────────────────────────────────────────────────────────────────

/** A moment in [from, to], in whole minutes from `from`; `from` when the window is empty. */
function momentIn(f: Faker, from: number, to: number): number {
  if (to <= from) return from;
  return from + minutes(f.number.int({ min: 0, max: Math.floor((to - from) / 60_000) }));
}

const clamp = (t: number, lo: number, hi: number) => Math.min(Math.max(t, lo), Math.max(lo, hi));

// ─── The builder ────────────────────────────────────────────────────────────────────────────

interface Member {
  person: DemoPerson;
  /** When they were on the team (accepted and lent). */
  since: number;
  isLead: boolean;
}

export function buildCredit(
  clock: Clock,
  people: DemoPerson[],
  challenges: DemoChallenge[],
  funding: DemoFunding,
  teams: DemoTeams,
): DemoCredit {
  const now = clock.now;
  const byId = new Map(people.map((p) => [p.id, p]));
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const well = (email: string) => byEmail.get(email)!;
  const nowDate = new Date(now);
  const quarterStart = Date.UTC(nowDate.getUTCFullYear(), Math.floor(nowDate.getUTCMonth() / 3) * 3, 1);

  const milestones: DemoMilestone[] = [];
  const updates: DemoUpdate[] = [];
  const checkins: DemoCheckin[] = [];
  const contributions: DemoContribution[] = [];
  const endorsements: DemoEndorsement[] = [];
  const kudos: DemoKudos[] = [];
  const activities: DemoTeamActivity[] = [];
  /** Notifications, and when the recipient acted on them (which reads them). */
  const notifications: { n: DemoCreditNotification; actedAt: number | null; waiting: boolean }[] = [];

  // Each challenge's history is read newest-first by (created_at, id): no two entries share a moment.
  const taken = new Map<string, Set<number>>(
    challenges.map((c) => [c.id, new Set(c.activities.map((a) => a.createdAt))]),
  );
  for (const a of [...funding.activities, ...teams.activities])
    if (a.challengeId) taken.get(a.challengeId)?.add(a.createdAt);
  const reserve = (c: DemoChallenge, at: number) => {
    const used = taken.get(c.id)!;
    let t = at;
    while (used.has(t)) t += 1000;
    used.add(t);
    return t;
  };

  const lendOf = new Map(teams.lends.map((l) => [l.membershipId, l]));
  /** The team as worker/services/credit.ts `teamOf` reads it: lead, co-lead and active members. */
  const teamOf = (c: DemoChallenge): Member[] => {
    const members = teams.memberships
      .filter((m) => m.challengeId === c.id && m.status === "active")
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((m) => ({
        person: byId.get(m.personId)!,
        since: lendOf.get(m.id)?.decidedAt ?? m.createdAt,
        isLead: m.personId === c.coLeadId,
      }));
    return [{ person: byId.get(c.leadId)!, since: c.createdAt, isLead: true }, ...members];
  };

  const activity = (
    c: DemoChallenge,
    key: string,
    at: number,
    actorId: string,
    action: string,
    detail: Record<string, unknown>,
  ) =>
    activities.push({ id: demoId("act", `credit:${key}`), challengeId: c.id, actorId, action, detail, createdAt: at });
  const notify = (
    c: DemoChallenge,
    key: string,
    at: number,
    kind: CreditNotificationKind,
    actorId: string,
    data: Record<string, unknown>,
    to: string[],
    actedAt: number | null = null,
    waiting = false,
  ) => {
    // The app selects recipients with UNION (no repeats) and never tells the actor.
    for (const recipientId of new Set(to)) {
      if (recipientId === actorId) continue;
      notifications.push({
        n: {
          id: demoId("ntf", `credit:${key}:${recipientId}`),
          recipientId,
          kind,
          challengeId: c.id,
          actorId,
          data,
          readAt: null,
          createdAt: at,
        },
        actedAt,
        waiting,
      });
    }
  };

  /** Per challenge: its team and the window its credit was recorded in, for endorsements and kudos. */
  const worked: { c: DemoChallenge; team: Member[]; creditTo: number; plan: CreditPlan }[] = [];
  /**
   * Managers' credit on running work, recorded by a teammate and confirmed this quarter whatever
   * day `now` is, so the recognition board's management column always has people.
   */
  const forBoard = new Set<string>();

  for (const c of challenges) {
    const plan = CREDIT_PLANS[c.key];
    if (!plan) continue;
    if (!["open", "funded", ...WORKED].includes(c.stage)) throw new Error(`Demo credit: ${c.key} is ${c.stage}`);
    const f = seededFaker(`credit:${c.key}`);
    const t = c.timeline;
    const team = teamOf(c);
    const lead = team[0];
    const running = c.stage === "active";
    const closed = ["showcase", "reviewed", "archived"].includes(c.stage);
    const iterated = c.cycle === 2;
    let n = 0;
    const next = () => `${c.key}:${n++}`;
    const onTeamAt = (at: number) => team.filter((m) => m.since < at);
    /** Someone on the team at `moment`: a lead or co-lead with probability `leadShare`. */
    const anyOf = (moment: number, leadShare = 0.5) => {
      const here = onTeamAt(moment);
      const leads = here.filter((m) => m.isLead);
      return f.datatype.boolean(leadShare) && leads.length
        ? f.helpers.arrayElement(leads)
        : f.helpers.arrayElement(here);
    };

    // Progress is posted while the challenge is open, funded or active.
    const windows: [number, number][] =
      c.stage === "open"
        ? [[t.published! + HOUR, now - 2 * HOUR]]
        : c.stage === "funded"
          ? [[t.funded! + HOUR, now - 2 * HOUR]]
          : iterated
            ? [
                [t.started!, t.submitted! - 2 * HOUR],
                [t.decided! + HOUR, now - 2 * HOUR],
              ]
            : running
              ? [[t.started!, now - 2 * HOUR]]
              : [[t.started!, t.submitted! - 2 * HOUR]];
    const workLength = windows.reduce((sum, [a, b]) => sum + (b - a), 0);
    const at = (share: number) => {
      let rest = Math.max(0, Math.min(1, share)) * workLength;
      for (const [a, b] of windows) {
        if (rest <= b - a) return a + Math.round(rest);
        rest -= b - a;
      }
      return windows[windows.length - 1][1];
    };
    /** The end of the window a moment falls in (status changes happen while work runs). */
    const windowEnd = (moment: number) => (windows.find(([, b]) => moment <= b) ?? windows[windows.length - 1])[1];

    // ─── Milestones ───────────────────────────────────────────────────────────────────────
    const planned = c.stage === "open" || c.stage === "funded";
    const inCycle2 = (i: number) => iterated && i >= plan.milestones.length - 2;
    const cycle1Count = iterated ? plan.milestones.length - 2 : plan.milestones.length;
    const made: DemoMilestone[] = [];
    plan.milestones.forEach(([title, slipReason, overdue], i) => {
      let due: number;
      let addedAt: number;
      let adder: Member;
      if (planned) {
        due = now + days(12 + i * 16 + f.number.int({ min: 0, max: 5 }));
        addedAt = momentIn(f, windows[0][0] + HOUR, Math.min(windows[0][0] + days(3), now - days(1)));
        adder = lead;
      } else if (inCycle2(i)) {
        const j = i - cycle1Count;
        due = t.decided! + days(14 + j * 21 + f.number.int({ min: 0, max: 4 }));
        addedAt = momentIn(f, t.decided! + HOUR, t.decided! + days(1));
        adder = anyOf(addedAt, 0.8);
      } else {
        const spanStart = t.started! + days(7);
        const spanEnd =
          closed || iterated ? t.submitted! - days(1) : Math.max(t.started! + days(c.horizonWeeks * 7), now + days(21));
        due = clamp(
          spanStart + ((spanEnd - spanStart) * (i + 0.7)) / cycle1Count + days(f.number.float({ min: -1.5, max: 1.5 })),
          spanStart,
          spanEnd,
        );
        const kickoff = i < 3 || f.datatype.boolean(0.5);
        addedAt = kickoff
          ? momentIn(f, t.started! + HOUR, t.started! + days(2))
          : momentIn(f, Math.max(t.started! + days(1), due - days(14)), Math.max(t.started! + days(1), due - days(7)));
        adder = kickoff ? anyOf(addedAt, 0.85) : anyOf(addedAt, 0.3);
      }
      const id = demoId("ms", `credit:${c.key}:${i}`);
      const createdAt = reserve(c, Math.min(addedAt, now - 3 * HOUR));
      const m: DemoMilestone = {
        id,
        challengeId: c.id,
        title,
        dueOn: dateOf(due),
        status: "planned",
        slipReason: "",
        createdById: adder.person.id,
        doneAt: null,
        createdAt,
        updatedAt: createdAt,
      };
      made.push(m);
      activity(c, next(), createdAt, adder.person.id, "milestone_added", { milestoneId: id, title });
      if (planned) return;

      const changeEnd = Math.min(windowEnd(createdAt), now - 2 * HOUR);
      const slip = (moment: number) => {
        const when = reserve(c, clamp(moment, createdAt + HOUR, changeEnd));
        const actor = anyOf(when, 0.6);
        Object.assign(m, { status: "slipped", slipReason: slipReason!, updatedAt: when });
        activity(c, next(), when, actor.person.id, "milestone_slipped", { milestoneId: id, title, reason: slipReason });
        notify(
          c,
          next(),
          when,
          "milestone_slipped",
          actor.person.id,
          { milestoneId: id, title, reason: slipReason },
          onTeamAt(when).map((x) => x.person.id),
        );
        return when;
      };
      const done = (moment: number, after: number) => {
        const when = reserve(c, clamp(moment, after + HOUR, changeEnd));
        const actor = anyOf(when, 0.5);
        Object.assign(m, { status: "done", slipReason: "", doneAt: when, updatedAt: when });
        activity(c, next(), when, actor.person.id, "milestone_done", { milestoneId: id, title, reason: "" });
      };
      if (due < now + 12 * HOUR) {
        if (slipReason) {
          const slipped = slip(due + days(f.number.float({ min: -3, max: 1 })));
          // Work that went well caught up; a challenge that stopped left it where it slipped.
          const caughtUp = (closed || (iterated && !inCycle2(i))) && c.decision?.decision !== "stop";
          if (caughtUp && f.datatype.boolean(0.5)) done(slipped + days(f.number.float({ min: 4, max: 12 })), slipped);
        } else if (overdue && running) {
          // Still planned past its due date: the board shows it as overdue.
        } else {
          done(due + days(f.number.float({ min: -3, max: 2 })), createdAt);
        }
      } else if (slipReason && running && due - now < days(10)) {
        slip(momentIn(f, Math.max(createdAt + HOUR, now - days(3)), now - 2 * HOUR));
      }
    });
    milestones.push(...made);

    // ─── Updates with KPI check-ins ───────────────────────────────────────────────────────
    const reach =
      plan.reach ??
      (closed
        ? c.kpis.map((_, k) => (k === 0 ? c.progress! : c.progress! * f.number.float({ min: 0.8, max: 1 })))
        : c.kpis.map(() => f.number.float({ min: 0.65, max: 1 })));
    const shareAt = (moment: number, k: number) => {
      if (planned) return 0;
      if (iterated && moment > t.submitted!) {
        const again = plan.reachAgain ?? reach;
        return reach[k] + (again[k] - reach[k]) * Math.min(1, (moment - t.decided!) / days(56));
      }
      const end = closed || iterated ? t.submitted! : t.started! + days(c.horizonWeeks * 7);
      const frac = Math.max(0, Math.min(1, (moment - t.started!) / (end - t.started!)));
      return reach[k] * frac ** 1.15;
    };
    const count = planned ? plan.notes.length : Math.max(2, Math.min(8, Math.round(workLength / days(9))));
    // Work that iterated reports its second cycle last, with the plan's last note.
    const cycle1Notes = iterated ? plan.notes.length - 1 : plan.notes.length;
    const cycle1Updates = iterated ? count - 1 : count;
    const used = new Set<number>();
    let last = windows[0][0];
    for (let i = 0; i < count; i++) {
      const final = closed && i === count - 1;
      const again = iterated && i === count - 1;
      let moment: number;
      if (planned) moment = momentIn(f, windows[0][0] + days(1), now - days(1));
      else if (final) moment = t.submitted! - momentIn(f, 2 * HOUR, days(1.5));
      else if (again) moment = momentIn(f, windows[1][0] + days(1), windows[1][1]);
      else {
        const span = iterated ? (windows[0][1] - windows[0][0]) / workLength : 1;
        const share = ((i + 0.35 + f.number.float({ min: 0, max: 0.5 })) / cycle1Updates) * span;
        moment = Math.max(at(share), t.started! + days(3));
      }
      if (!planned && moment > windowEnd(moment)) moment = windowEnd(moment) - HOUR;
      moment = Math.max(moment, last + HOUR);
      const createdAt = reserve(c, moment);
      last = createdAt;
      const author = anyOf(createdAt, 0.55);
      const id = demoId("upd", `credit:${c.key}:${i}`);

      // What the team reports: the next note (or a filler), what changed since, the numbers, what's next.
      const noteIndex = again ? plan.notes.length - 1 : Math.floor((i * cycle1Notes) / cycle1Updates);
      const upcoming = made
        .filter((m) => m.dueOn >= dateOf(createdAt) && !(m.doneAt !== null && m.doneAt <= createdAt))
        .sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))[0];
      let note: string;
      if (final) note = "Final numbers before the showcase.";
      else if (!used.has(noteIndex) && plan.notes[noteIndex]) {
        used.add(noteIndex);
        note = plan.notes[noteIndex];
      } else note = f.helpers.arrayElement(GENERIC_NOTES);
      const since = i === 0 ? 0 : (updates[updates.length - 1]?.createdAt ?? 0);
      const doneSince = made.filter((m) => m.doneAt !== null && m.doneAt > since && m.doneAt <= createdAt);
      const slippedSince = made.filter(
        (m) => m.status === "slipped" && m.updatedAt > since && m.updatedAt <= createdAt,
      );

      const kpis = planned
        ? c.key === "postgres-upgrades"
          ? [c.kpis[0]]
          : []
        : final
          ? c.kpis
          : f.datatype.boolean(0.65)
            ? f.helpers.arrayElements(c.kpis, { min: 1, max: c.kpis.length })
            : [];
      const values = kpis.map((kpi) => {
        const k = c.kpis.indexOf(kpi);
        const noise = final || planned ? 0 : f.number.float({ min: -0.03, max: 0.03 });
        const measured = final ? createdAt - momentIn(f, 0, days(1)) : createdAt - momentIn(f, 0, days(2));
        return {
          kpi,
          value: valueAt(kpi, shareAt(createdAt, k) + noise),
          measuredOn: dateOf(Math.max(measured, planned ? windows[0][0] : t.started!)),
        };
      });

      const week = planned
        ? 0
        : Math.max(
            1,
            Math.ceil((createdAt - (iterated && createdAt > t.submitted! ? t.decided! : t.started!)) / days(7)),
          );
      const head = planned
        ? ""
        : iterated && createdAt > t.submitted!
          ? `**Cycle 2, week ${week}.** `
          : `**Week ${week}.** `;
      const lines = [`${head}${note}`];
      const bullets = [
        ...doneSince.map((m) => `- Done: ${m.title}.`),
        ...slippedSince.map((m) => `- Slipped: ${m.title}. ${m.slipReason}`),
        ...values.map(
          (v) =>
            `- ${v.kpi.name}: **${formatValue(v.value, v.kpi.unit)}** (baseline ${formatValue(v.kpi.baseline, v.kpi.unit)}, target ${formatValue(v.kpi.target, v.kpi.unit)})`,
        ),
      ];
      if (bullets.length) lines.push("", ...bullets);
      if (final) lines.push("", "Thank you to everyone who helped. The showcase has the details and the lessons.");
      else if (upcoming)
        lines.push("", `Next: ${lowerFirst(upcoming.title)}, due ${shortDate(Date.parse(upcoming.dueOn))}.`);

      updates.push({ id, challengeId: c.id, authorId: author.person.id, body: lines.join("\n"), createdAt });
      for (const [j, v] of values.entries()) {
        checkins.push({
          id: demoId("chk", `credit:${c.key}:${i}:${j}`),
          updateId: id,
          challengeId: c.id,
          kpiId: v.kpi.id,
          value: v.value,
          measuredOn: v.measuredOn,
          createdAt,
        });
      }
      activity(c, next(), createdAt, author.person.id, "update_posted", { updateId: id, checkins: values.length });
    }

    // ─── Credit records ───────────────────────────────────────────────────────────────────
    const creditFrom = planned ? windows[0][0] + days(1) : t.started! + days(4);
    const creditTo =
      c.stage === "reviewed"
        ? Math.min(t.decided! + days(10), now - 2 * HOUR)
        : c.stage === "archived"
          ? t.archived! - 2 * HOUR
          : now - 2 * HOUR;
    worked.push({ c, team, creditTo, plan });

    /** Who does each piece of work: the least-loaded fitting teammate, well-known accounts first on ties. */
    const load = new Map<string, number>(team.map((m) => [m.person.id, 0]));
    const pickFor = (candidates: Member[]) =>
      [...candidates].sort(
        (a, b) =>
          load.get(a.person.id)! - load.get(b.person.id)! ||
          Number(!WELL_KNOWN_EMAILS.has(a.person.email)) - Number(!WELL_KNOWN_EMAILS.has(b.person.email)),
      )[0];
    const members = team.filter((m) => m !== lead);
    const fits = (of: WorkOf) => {
      if (of === "lead") return team.filter((m) => m.isLead);
      const own = members.filter((m) => m.person.disciplineId === of);
      return own.length ? own : lead.person.disciplineId === of ? [lead] : [];
    };
    const work: { who: Member; type: ContributionType; description: string }[] = [];
    for (const [type, of, description] of plan.work) {
      const who = pickFor(fits(of));
      if (!who) continue;
      load.set(who.person.id, load.get(who.person.id)! + 1);
      work.push({ who, type, description });
    }
    const kpiName = lowerFirst(c.kpis[0].name);
    for (const m of members) {
      if (m.person.track === "management") {
        const peers = members.filter((x) => x !== m && x.person.track === "ic");
        const peer = peers.sort((a, b) => a.person.rank - b.person.rank)[0] ?? lead;
        work.push({ who: m, type: "supervision_mentoring", description: mentoring(firstName(peer.person)) });
      }
      if (load.get(m.person.id) === 0) {
        const [type, say] = FALLBACK[m.person.disciplineId];
        work.push({ who: m, type, description: say(kpiName) });
      }
    }
    // The most senior IC grows the most junior one; a well-known senior IC pairs with a less senior teammate.
    const ics = team.filter((m) => m.person.track === "ic").sort((a, b) => b.person.rank - a.person.rank);
    const senior = ics.find((m) => WELL_KNOWN_EMAILS.has(m.person.email) && m.person.rank >= 5) ?? ics[0];
    const junior = [...ics]
      .reverse()
      .find(
        (m) =>
          m !== lead &&
          m !== senior &&
          !WELL_KNOWN_EMAILS.has(m.person.email) &&
          m.person.rank < (senior?.person.rank ?? 0),
      );
    const grows = senior && junior && (WELL_KNOWN_EMAILS.has(senior.person.email) || junior.person.rank <= 2);
    if (grows && senior.person.rank >= 5 && !members.some((m) => m.person.track === "management")) {
      work.push({ who: senior, type: "supervision_mentoring", description: pairing(firstName(junior.person)) });
    }

    const records: DemoContribution[] = [];
    for (const w of f.helpers.shuffle(work)) {
      const others = team.filter((m) => m !== w.who);
      const board = running && w.who.person.track === "management" && others.length > 0;
      const self = !board && (planned || others.length === 0 || f.datatype.boolean(0.55));
      const recorder = self
        ? w.who
        : w.who.isLead
          ? f.helpers.arrayElement(others)
          : f.datatype.boolean(0.6)
            ? lead
            : f.helpers.arrayElement(others);
      const from = Math.max(creditFrom, w.who.since + HOUR, recorder.since + HOUR);
      if (from >= creditTo) continue;
      let created = from + Math.round((creditTo - from) * f.number.float() ** 0.6);
      // The recognition board reads this quarter: a fair share of the running work's credit lands in it.
      const recentWork = running || c.stage === "showcase";
      if (recentWork && self && created < quarterStart && creditTo > quarterStart + HOUR && f.datatype.boolean(0.5)) {
        created = momentIn(f, Math.max(from, quarterStart), creditTo);
      }
      const createdAt = reserve(c, created);
      let answered: number | null = null;
      if (!self) {
        let answer = Math.min(createdAt + momentIn(f, HOUR, days(4)), now - minutes(10));
        if (
          recentWork &&
          answer < quarterStart &&
          now - minutes(2) > quarterStart &&
          (board || f.datatype.boolean(0.5))
        ) {
          answer = momentIn(f, Math.max(createdAt + HOUR, quarterStart), now - minutes(2));
        }
        answered = reserve(c, answer);
      }
      const [lo, hi] = HOURS[w.type];
      const hours = f.datatype.boolean(0.85) ? Math.round(f.number.float({ min: lo, max: hi }) * 2) / 2 : null;
      const id = demoId("cr", `credit:${c.key}:${records.length}`);
      if (board) forBoard.add(id);
      records.push({
        id,
        challengeId: c.id,
        personId: w.who.person.id,
        recordedById: recorder.person.id,
        type: w.type,
        description: w.description,
        hours,
        status: "confirmed",
        declineReason: "",
        retractedById: null,
        retractReason: "",
        confirmedAt: answered ?? createdAt,
        endedAt: null,
        createdAt,
      });
    }

    // A record later retracted (the plan's), recorded by the lead for a teammate while it was pending.
    if (plan.retracted) {
      const who = pickFor(fits(plan.retracted.of).filter((m) => m !== lead)) ?? members[0];
      const createdAt = reserve(c, momentIn(f, creditFrom + days(7), at(0.6)));
      const ended = reserve(c, createdAt + momentIn(f, days(1), days(5)));
      records.push({
        id: demoId("cr", `credit:${c.key}:${records.length}`),
        challengeId: c.id,
        personId: who.person.id,
        recordedById: lead.person.id,
        type: plan.retracted.type,
        description: plan.retracted.description,
        hours: null,
        status: "retracted",
        declineReason: "",
        retractedById: lead.person.id,
        retractReason: plan.retracted.reason,
        confirmedAt: null,
        endedAt: ended,
        createdAt,
      });
    }
    contributions.push(...records.sort((a, b) => a.createdAt - b.createdAt));
  }

  // ─── The well-known accounts' records ─────────────────────────────────────────────────────
  const ic = well(WELL_KNOWN.ic);
  const designer = well(WELL_KNOWN.designer);
  const challengeOf = new Map(challenges.map((c) => [c.id, c]));
  const byKey = new Map(challenges.map((c) => [c.key, c]));
  const browser = byKey.get(BROWSER_TEST_CHALLENGE)!;
  const workedOf = (c: DemoChallenge) => worked.find((w) => w.c === c)!;

  // ic@ recorded one of their privacy-requests records themselves, and a teammate recorded the
  // same work again; the teammate retracted the duplicate (it stays on record, marked retracted).
  {
    const c = byKey.get("privacy-requests")!;
    const f = seededFaker("credit:ic-duplicate");
    const own = contributions.filter((x) => x.challengeId === c.id && x.personId === ic.id);
    const notMentoring = (x: DemoContribution) => x.type !== "supervision_mentoring";
    const original = own.find((x) => x.recordedById === ic.id && notMentoring(x)) ?? own.find(notMentoring);
    if (!original) throw new Error("Demo credit: ic@ has no privacy-requests record");
    if (original.recordedById !== ic.id)
      Object.assign(original, { recordedById: ic.id, confirmedAt: original.createdAt });
    const { team, creditTo } = workedOf(c);
    const recorder = f.helpers.arrayElement(team.filter((m) => m.person.id !== ic.id && !m.isLead));
    const createdAt = reserve(c, Math.min(original.createdAt + momentIn(f, days(2), days(6)), creditTo - days(1)));
    contributions.push({
      id: demoId("cr", "credit:privacy-requests:ic-duplicate"),
      challengeId: c.id,
      personId: ic.id,
      recordedById: recorder.person.id,
      type: original.type,
      description: original.description,
      hours: original.hours,
      status: "retracted",
      declineReason: "",
      retractedById: recorder.person.id,
      retractReason: `Duplicate: ${firstName(ic)} had already recorded this work. Retracting mine so it isn't counted twice.`,
      confirmedAt: null,
      endedAt: reserve(c, createdAt + momentIn(f, 3 * HOUR, days(1))),
      createdAt,
    });
  }
  // designer@ credited ic@ on the browser-test challenge two days ago; ic@ has not answered yet.
  {
    const c = browser;
    const f = seededFaker("credit:ic-pending");
    contributions.push({
      id: demoId("cr", "credit:docs-deflection:ic-pending"),
      challengeId: c.id,
      personId: ic.id,
      recordedById: designer.id,
      type: "validation",
      description:
        "Tested the suggestion panel with a screen reader and keyboard only before the 20% rollout, and fixed the focus order.",
      hours: 6,
      status: "pending",
      declineReason: "",
      retractedById: null,
      retractReason: "",
      confirmedAt: null,
      endedAt: null,
      createdAt: reserve(c, now - days(2) - momentIn(f, 0, days(1))),
    });
  }

  // Pending and declined: teammates' credit that is still waiting (on running work) or was turned down.
  const fs = seededFaker("credit:answers");
  const teammateRecorded = contributions.filter((x) => x.recordedById !== x.personId && x.status === "confirmed");
  for (const x of teammateRecorded) {
    const c = challengeOf.get(x.challengeId)!;
    if (
      ["active", "funded"].includes(c.stage) &&
      x.createdAt > now - days(12) &&
      !WELL_KNOWN_EMAILS.has(byId.get(x.personId)!.email) &&
      !forBoard.has(x.id) &&
      fs.datatype.boolean(0.4)
    ) {
      Object.assign(x, { status: "pending", confirmedAt: null });
    }
  }
  const declinable = teammateRecorded.filter(
    (x) => x.status === "confirmed" && !WELL_KNOWN_EMAILS.has(byId.get(x.personId)!.email) && !forBoard.has(x.id),
  );
  const reasons = fs.helpers.shuffle([...DECLINE_REASONS]);
  for (const [i, x] of fs.helpers.arrayElements(declinable, Math.min(4, declinable.length)).entries()) {
    const c = challengeOf.get(x.challengeId)!;
    const team = workedOf(c).team;
    const other = team.find((m) => m.person.id !== x.personId && m.person.id !== x.recordedById) ?? team[0];
    const why = reasons[i % reasons.length](firstName(byId.get(x.recordedById)!), firstName(other.person), x.type);
    Object.assign(x, { status: "declined", declineReason: why, endedAt: x.confirmedAt, confirmedAt: null });
  }
  contributions.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));

  // What the app wrote for each record: recorded, then answered (or retracted), and who it told.
  for (const x of contributions) {
    const c = challengeOf.get(x.challengeId)!;
    const key = x.id;
    const self = x.recordedById === x.personId;
    activity(c, `${key}:recorded`, x.createdAt, x.recordedById, "credit_recorded", {
      contributionId: x.id,
      personId: x.personId,
      type: x.type,
    });
    if (self) continue;
    const answeredAt = x.status === "confirmed" ? x.confirmedAt : x.status === "declined" ? x.endedAt : null;
    notify(
      c,
      `${key}:pending`,
      x.createdAt,
      "credit_pending",
      x.recordedById,
      { contributionId: x.id, type: x.type, description: x.description },
      [x.personId],
      answeredAt,
      x.status === "pending",
    );
    if (x.status === "confirmed" || x.status === "declined") {
      const reason = x.declineReason;
      activity(c, `${key}:answered`, answeredAt!, x.personId, `credit_${x.status}`, { contributionId: x.id, reason });
      notify(
        c,
        `${key}:answered`,
        answeredAt!,
        `credit_${x.status}`,
        x.personId,
        { contributionId: x.id, type: x.type, reason },
        [x.recordedById],
      );
    }
    if (x.status === "retracted") {
      activity(c, `${key}:retracted`, x.endedAt!, x.retractedById!, "credit_retracted", {
        contributionId: x.id,
        personId: x.personId,
        reason: x.retractReason,
      });
    }
  }

  // ─── Endorsements ─────────────────────────────────────────────────────────────────────────
  const fe = seededFaker("credit:endorsements");
  for (const x of contributions) {
    if (x.status !== "confirmed" || x.confirmedAt! > now - 3 * HOUR) continue;
    const c = challengeOf.get(x.challengeId)!;
    const person = byId.get(x.personId)!;
    const wellKnown = WELL_KNOWN_EMAILS.has(person.email);
    const howMany = fe.helpers.weightedArrayElement(
      wellKnown
        ? [
            // ic@'s portfolio always shows endorsed credit.
            { value: person.email === WELL_KNOWN.ic ? 2 : 0, weight: 2 },
            { value: 1, weight: 5 },
            { value: 2, weight: 3 },
          ]
        : [
            { value: 0, weight: 5 },
            { value: 1, weight: 3.5 },
            { value: 2, weight: 1.5 },
          ],
    );
    const { team } = workedOf(c);
    const latest = Math.min(x.confirmedAt! + days(12), now - minutes(30));
    const endorsers = fe.helpers
      .shuffle(team.filter((m) => m.person.id !== x.personId && m.since < x.confirmedAt!))
      .slice(0, howMany);
    // Two endorsers of one record say different things.
    const notes = fe.helpers.shuffle([...ENDORSE[x.type]]);
    for (const [j, e] of endorsers.entries()) {
      const createdAt = reserve(c, momentIn(fe, x.confirmedAt! + 2 * HOUR, latest));
      const say: Say = {
        first: firstName(person),
        kpi: lowerFirst(c.kpis[0].name),
      };
      const note = notes[j % notes.length](say);
      const id = demoId("end", `credit:${x.id}:${e.person.id}`);
      endorsements.push({ id, contributionId: x.id, endorserId: e.person.id, note, createdAt });
      activity(c, `${id}:endorsed`, createdAt, e.person.id, "credit_endorsed", {
        contributionId: x.id,
        endorsementId: id,
      });
      notify(c, `${id}:endorsed`, createdAt, "endorsement", e.person.id, { contributionId: x.id, type: x.type, note }, [
        x.personId,
      ]);
    }
  }

  // ─── Kudos ────────────────────────────────────────────────────────────────────────────────
  const fk = seededFaker("credit:kudos");
  const mainWork = (personId: string, challengeId: string): ContributionType => {
    const own = contributions.filter(
      (x) => x.personId === personId && x.challengeId === challengeId && x.status === "confirmed",
    );
    // The piece of work that took them longest is the one people thank them for.
    return own.sort((a, b) => (b.hours ?? 0) - (a.hours ?? 0))[0]?.type ?? "other";
  };
  const thank = (c: DemoChallenge, from: DemoPerson, to: DemoPerson, message: string, lo: number, hi: number) => {
    const id = demoId("kud", `credit:${c.key}:${from.id}:${to.id}`);
    if (from.id === to.id || kudos.some((k) => k.id === id)) return;
    const createdAt = reserve(c, momentIn(fk, lo, Math.min(hi, now - HOUR)));
    kudos.push({ id, challengeId: c.id, fromId: from.id, toId: to.id, message, createdAt });
    activity(c, `${id}:given`, createdAt, from.id, "kudos_given", { kudosId: id, toId: to.id });
    notify(c, `${id}:given`, createdAt, "kudos", from.id, { kudosId: id, message }, [to.id]);
  };
  const sponsorsOf = (c: DemoChallenge) => [
    ...new Set(
      funding.pledges.filter((p) => p.challengeId === c.id && p.status !== "withdrawn").map((p) => p.sponsorId),
    ),
  ];

  for (const { c, team } of worked) {
    if (!WORKED.includes(c.stage)) continue;
    const t = c.timeline;
    const lead = byId.get(c.leadId)!;
    const members = team.filter((m) => m.person.id !== c.leadId).map((m) => m.person);
    const lo = t.started! + days(7);
    const hi =
      c.stage === "reviewed" ? t.decided! + days(14) : c.stage === "archived" ? t.archived! - HOUR : now - HOUR;
    const late = c.stage === "active" ? lo : Math.max(lo, t.submitted! - days(3));
    const say = (p: DemoPerson) => ({
      first: firstName(p),
      gave: GAVE[mainWork(p.id, c.id)],
    });
    // The lead thanks members, the well-known accounts among them first.
    const ordered = [
      ...members.filter((p) => WELL_KNOWN_EMAILS.has(p.email)),
      ...fk.helpers.shuffle(members.filter((p) => !WELL_KNOWN_EMAILS.has(p.email))),
    ];
    for (const p of ordered.slice(0, members.length > 1 ? 2 : 1)) {
      const x = say(p);
      const message = fk.helpers.arrayElement([
        `${x.first}, thank you for ${x.gave}. This challenge would not be where it is without you.`,
        `Huge thanks to ${x.first} for ${x.gave}. It shows in the numbers.`,
        `Thank you, ${x.first}: ${x.gave}, and always with good humour.`,
      ]);
      thank(c, lead, p, message, late, hi);
    }
    // Teammates thank each other: both ways between well-known accounts on the same team.
    const known = members.filter((p) => WELL_KNOWN_EMAILS.has(p.email));
    const pairs: [DemoPerson, DemoPerson][] =
      known.length >= 2
        ? [
            [known[0], known[1]],
            [known[1], known[0]],
          ]
        : members.length >= 2
          ? [fk.helpers.arrayElements(members, 2) as [DemoPerson, DemoPerson]]
          : [];
    for (const [from, to] of pairs) {
      const x = say(to);
      thank(
        c,
        from,
        to,
        fk.helpers.arrayElement([
          `${x.first}, thank you for ${x.gave}. Working next to you made this the best project I've had in a while.`,
          `Thanks ${x.first} for ${x.gave}, and for answering my questions at odd hours.`,
          `${x.first}: thank you for ${x.gave}. I learned a lot watching you work.`,
        ]),
        lo,
        hi,
      );
    }
    // A member thanks the lead.
    if (members.length && (fk.datatype.boolean(0.5) || known.length)) {
      const from = known[0] ?? fk.helpers.arrayElement(members);
      thank(
        c,
        from,
        lead,
        fk.helpers.arrayElement([
          `Thank you, ${firstName(lead)}, for setting this up so the rest of us could just do the work.`,
          `${firstName(lead)}, thanks for fighting for the time and the budget, and for keeping the goal this clear.`,
        ]),
        lo,
        hi,
      );
    }
    // Sponsors thank the team, mostly once there are results to thank it for.
    const sponsors = sponsorsOf(c).map((id) => byId.get(id)!);
    if (sponsors.length && (c.stage !== "active" || fk.datatype.boolean(0.3))) {
      const sponsor = fk.helpers.arrayElement(sponsors);
      const to = [lead, ...ordered.slice(0, 1)];
      for (const p of to.slice(0, c.stage === "active" ? 1 : fk.datatype.boolean(0.5) ? 2 : 1)) {
        const x = say(p);
        thank(
          c,
          sponsor,
          p,
          c.stage === "active"
            ? `Following every update on this, ${x.first}. Thank you for ${x.gave}.`
            : fk.helpers.arrayElement([
                `Money well spent. ${x.first}, thank you for ${x.gave}.`,
                `Thank you, ${x.first}. This is what hub work should look like: clear goals, honest updates, real results.`,
              ]),
          late,
          hi,
        );
      }
    }
  }

  // Managers who lent people, reviewers who asked good questions, sponsors who backed the work early.
  const manager = well(WELL_KNOWN.manager);
  const lentTo = teams.lends.filter(
    (l, i, all) =>
      l.managerId === manager.id &&
      l.status === "approved" &&
      WORKED.includes(challengeOf.get(l.challengeId)!.stage) &&
      all.findIndex((o) => o.managerId === manager.id && o.challengeId === l.challengeId) === i,
  );
  for (const l of fk.helpers.arrayElements(lentTo, Math.min(3, lentTo.length))) {
    const c = challengeOf.get(l.challengeId)!;
    const report = byId.get(l.personId)!;
    thank(
      c,
      byId.get(c.leadId)!,
      manager,
      `Thank you, ${firstName(manager)}, for lending us ${firstName(report)} for ${l.durationWeeks ?? c.horizonWeeks} weeks. Saying yes to that lend is a big part of why this worked.`,
      c.timeline.started! + days(7),
      c.stage === "reviewed" ? c.timeline.decided! + days(14) : now - HOUR,
    );
  }
  const reviewer = well(WELL_KNOWN.reviewer);
  const reviewed = challenges.filter((c) => c.decision && c.decision.reviewerId === reviewer.id);
  const showcases = challenges.filter((c) => c.stage === "showcase");
  for (const c of [...reviewed, ...showcases].slice(0, 2)) {
    const lead = byId.get(c.leadId)!;
    thank(
      c,
      lead,
      reviewer,
      c.decision
        ? `Thank you, ${firstName(reviewer)}, for the hard questions at the review. The ${c.decision.decision} decision came with a rationale the whole team understood.`
        : `Thank you for reading our showcase so closely, ${firstName(reviewer)}; your questions made the write-up better.`,
      (c.timeline.decided ?? c.timeline.submitted!) + HOUR,
      now - HOUR,
    );
  }
  for (const email of [WELL_KNOWN.sponsor, WELL_KNOWN.sponsor2]) {
    const sponsor = well(email);
    const backed = worked.map((w) => w.c).filter((c) => WORKED.includes(c.stage) && sponsorsOf(c).includes(sponsor.id));
    for (const c of backed.slice(0, 2)) {
      thank(
        c,
        byId.get(c.leadId)!,
        sponsor,
        `Thank you, ${firstName(sponsor)}, for backing this when it was only a problem statement. Your pledge got us started.`,
        c.timeline.started! + HOUR,
        c.timeline.started! + days(10),
      );
      if (c.coLeadId) {
        thank(
          c,
          byId.get(c.coLeadId)!,
          sponsor,
          `${firstName(sponsor)}, thank you for the quick answers on every spend report; it kept the pilot moving.`,
          c.timeline.started! + days(14),
          now - HOUR,
        );
      }
    }
  }
  kudos.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));

  // ─── Reading the inbox ────────────────────────────────────────────────────────────────────
  // Acted-on credit is read when answered; what still waits stays unread; the well-known
  // accounts leave the last week unread, others only a little of the last two days.
  const ordered = notifications.sort((a, b) => b.n.createdAt - a.n.createdAt || (a.n.id < b.n.id ? 1 : -1));
  const fr = seededFaker("credit:inbox");
  for (const { n, actedAt, waiting } of ordered) {
    const wellKnown = WELL_KNOWN_EMAILS.has(byId.get(n.recipientId)!.email);
    if (actedAt !== null) n.readAt = Math.max(actedAt, n.createdAt + minutes(1));
    else if (waiting) n.readAt = null;
    else if (wellKnown && n.createdAt > now - days(7)) n.readAt = null;
    else if (!wellKnown && n.createdAt > now - days(2) && fr.datatype.boolean(0.5)) n.readAt = null;
    else n.readAt = momentIn(fr, n.createdAt + minutes(1), Math.min(n.createdAt + days(2), now - minutes(1)));
    if (n.readAt !== null && n.readAt >= now) n.readAt = now - minutes(1);
  }

  activities.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const credit: DemoCredit = {
    milestones,
    updates,
    checkins,
    contributions,
    endorsements,
    kudos,
    activities,
    notifications: ordered.map((x) => x.n).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)),
    browserTestChallengeId: browser.id,
  };
  checkCredit(credit, people, challenges, teams, now, quarterStart);
  return credit;
}

// ─── The credit rules, checked ──────────────────────────────────────────────────────────────

/** Every rule of SPEC §6 and §7 the demo must keep; a broken one stops the seed rather than loading it. */
function checkCredit(
  credit: DemoCredit,
  people: DemoPerson[],
  challenges: DemoChallenge[],
  teams: DemoTeams,
  now: number,
  quarterStart: number,
) {
  const fail = (why: string) => {
    throw new Error(`Demo credit: ${why}`);
  };
  const byId = new Map(people.map((p) => [p.id, p]));
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const challengeOf = new Map(challenges.map((c) => [c.id, c]));
  const lendOf = new Map(teams.lends.map((l) => [l.membershipId, l]));
  /** When each person joined each challenge's team (lead from the start). */
  const since = new Map<string, number>();
  for (const c of challenges) since.set(`${c.id}:${c.leadId}`, c.createdAt);
  for (const m of teams.memberships) {
    if (m.status === "active") since.set(`${m.challengeId}:${m.personId}`, lendOf.get(m.id)?.decidedAt ?? m.createdAt);
  }
  const onTeam = (challengeId: string, personId: string, at: number) =>
    (since.get(`${challengeId}:${personId}`) ?? Number.POSITIVE_INFINITY) < at;

  const moments: [string, number][] = [
    ...credit.milestones.flatMap((m) =>
      [m.createdAt, m.updatedAt, m.doneAt ?? 0].map((t): [string, number] => [m.id, t]),
    ),
    ...credit.updates.map((u): [string, number] => [u.id, u.createdAt]),
    ...credit.contributions.flatMap((x) =>
      [x.createdAt, x.confirmedAt ?? 0, x.endedAt ?? 0].map((t): [string, number] => [x.id, t]),
    ),
    ...credit.endorsements.map((e): [string, number] => [e.id, e.createdAt]),
    ...credit.kudos.map((k): [string, number] => [k.id, k.createdAt]),
    ...credit.activities.map((a): [string, number] => [a.id, a.createdAt]),
    ...credit.notifications.flatMap((n) => [n.createdAt, n.readAt ?? 0].map((t): [string, number] => [n.id, t])),
  ];
  const future = moments.find(([, t]) => t >= now);
  if (future) fail(`${future[0]} happens in the future`);

  for (const m of credit.milestones) {
    const c = challengeOf.get(m.challengeId)!;
    if (!onTeam(c.id, m.createdById, m.createdAt)) fail(`milestone ${m.id} added by someone off the team`);
    if ((m.status === "done") !== (m.doneAt !== null))
      fail(`milestone ${m.id} is ${m.status} with done_at ${m.doneAt}`);
    if ((m.status === "slipped") !== (m.slipReason !== "")) fail(`milestone ${m.id} has a slip reason out of place`);
  }
  const today = iso(now).slice(0, 10);
  const overdue = credit.milestones.filter(
    (m) => m.status === "planned" && m.dueOn < today && challengeOf.get(m.challengeId)!.stage === "active",
  );
  if (overdue.length < 1 || overdue.length > 3) fail(`${overdue.length} overdue milestones on active work`);

  const updateOf = new Map(credit.updates.map((u) => [u.id, u]));
  for (const u of credit.updates) {
    if (!onTeam(u.challengeId, u.authorId, u.createdAt)) fail(`update ${u.id} by someone off the team`);
  }
  for (const k of credit.checkins) {
    const u = updateOf.get(k.updateId)!;
    const c = challengeOf.get(k.challengeId)!;
    if (u.challengeId !== c.id || !c.kpis.some((x) => x.id === k.kpiId))
      fail(`check-in ${k.id} is not its challenge's`);
    if (k.measuredOn > iso(u.createdAt).slice(0, 10)) fail(`check-in ${k.id} measured after its update`);
  }

  const contributionOf = new Map(credit.contributions.map((x) => [x.id, x]));
  for (const x of credit.contributions) {
    const c = challengeOf.get(x.challengeId)!;
    if (!onTeam(c.id, x.personId, x.createdAt) || !onTeam(c.id, x.recordedById, x.createdAt)) {
      fail(`credit ${x.id} on ${c.key} involves someone off the team`);
    }
    if ((x.status === "confirmed") !== (x.confirmedAt !== null)) fail(`credit ${x.id} confirmed_at out of place`);
    if (x.confirmedAt !== null && x.confirmedAt < x.createdAt) fail(`credit ${x.id} confirmed before it was recorded`);
    const retracted = x.status === "retracted";
    if (retracted !== (x.retractedById !== null) || retracted !== (x.retractReason !== "")) {
      fail(`credit ${x.id} has retraction fields out of place`);
    }
    if ((x.status === "declined") !== (x.declineReason !== "")) fail(`credit ${x.id} decline reason out of place`);
    if ((x.status === "declined" || retracted) !== (x.endedAt !== null)) fail(`credit ${x.id} ended_at out of place`);
    if (x.recordedById === x.personId && x.status !== "confirmed" && !retracted)
      fail(`own credit ${x.id} is ${x.status}`);
    if (x.status === "pending" && !["active", "funded", "open"].includes(c.stage))
      fail(`pending credit ${x.id} on ${c.stage} work`);
    if (c.stage === "archived" && x.createdAt >= c.timeline.archived!) fail(`credit ${x.id} recorded after archiving`);
  }
  const seen = new Set<string>();
  for (const e of credit.endorsements) {
    const x = contributionOf.get(e.contributionId)!;
    if (x.status !== "confirmed" || e.createdAt <= x.confirmedAt!) fail(`endorsement ${e.id} before confirmation`);
    if (e.endorserId === x.personId) fail(`endorsement ${e.id} by the credited person`);
    if (!onTeam(x.challengeId, e.endorserId, e.createdAt)) fail(`endorsement ${e.id} by someone off the team`);
    const pair = `${e.contributionId}:${e.endorserId}`;
    if (seen.has(pair)) fail(`two endorsements by one person on ${x.id}`);
    seen.add(pair);
  }
  for (const k of credit.kudos) {
    const c = challengeOf.get(k.challengeId)!;
    if (k.fromId === k.toId || c.stage === "draft" || k.createdAt <= (c.timeline.published ?? now)) {
      fail(`kudos ${k.id} breaks the rules`);
    }
  }
  for (const n of credit.notifications) {
    if (n.recipientId === n.actorId) fail(`notification ${n.id} tells its own actor`);
    if (n.readAt !== null && n.readAt < n.createdAt) fail(`notification ${n.id} read before it arrived`);
  }

  // The well-known accounts' portfolios.
  const ic = byEmail.get(WELL_KNOWN.ic)!;
  const mine = credit.contributions.filter((x) => x.personId === ic.id);
  const confirmed = mine.filter((x) => x.status === "confirmed");
  if (new Set(confirmed.map((x) => x.challengeId)).size < 3)
    fail("ic@ has confirmed credit on fewer than 3 challenges");
  if (new Set(confirmed.map((x) => x.type)).size < 4) fail("ic@ has confirmed credit of fewer than 4 types");
  if (!mine.some((x) => x.status === "pending") || !mine.some((x) => x.status === "retracted")) {
    fail("ic@ needs a pending and a retracted record");
  }
  if (credit.endorsements.filter((e) => contributionOf.get(e.contributionId)!.personId === ic.id).length < 3) {
    fail("ic@ has fewer than 3 endorsements");
  }
  for (const email of [
    WELL_KNOWN.ic,
    WELL_KNOWN.designer,
    WELL_KNOWN.analyst,
    WELL_KNOWN.manager,
    WELL_KNOWN.reviewer,
  ]) {
    const p = byEmail.get(email)!;
    if (!credit.kudos.some((k) => k.toId === p.id)) fail(`${email} has no kudos`);
  }
  for (const email of [WELL_KNOWN.designer, WELL_KNOWN.analyst]) {
    const p = byEmail.get(email)!;
    const theirs = credit.contributions.filter((x) => x.personId === p.id && x.status === "confirmed");
    if (new Set(theirs.map((x) => x.challengeId)).size < 2)
      fail(`${email} has confirmed credit on fewer than 2 challenges`);
  }
  const browser = challengeOf.get(credit.browserTestChallengeId)!;
  const designer = byEmail.get(WELL_KNOWN.designer)!;
  if (browser.stage !== "active" || !onTeam(browser.id, ic.id, now) || !onTeam(browser.id, designer.id, now)) {
    fail(`ic@ and designer@ are not both on the active ${browser.key}`);
  }
  if (
    !teams.memberships.some((m) => m.challengeId === browser.id && m.personId === designer.id && m.status === "active")
  ) {
    fail(`designer@ is not an active member of ${browser.key}`);
  }

  // The recognition board has people in both columns this quarter.
  const board = new Map<string, Set<string>>([
    ["ic", new Set()],
    ["management", new Set()],
  ]);
  for (const x of credit.contributions) {
    if (x.status === "confirmed" && x.confirmedAt! >= quarterStart)
      board.get(byId.get(x.personId)!.track)!.add(x.personId);
  }
  // (In a quarter's first hour nobody has confirmed anything in it yet.)
  const young = now - quarterStart < HOUR;
  if (!young && (board.get("ic")!.size < 8 || board.get("management")!.size < 2)) {
    fail(
      `the board has ${board.get("ic")!.size} IC and ${board.get("management")!.size} management people this quarter`,
    );
  }
}
