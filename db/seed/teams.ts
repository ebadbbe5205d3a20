/**
 * The demo organisation's hub teams (SPEC §6) and the inbox they fill (SPEC §9): applications
 * with pitches, the seats they turned into, the lend requests managers decided, and every
 * notification the app would have sent for those and for the stage changes, pledges and
 * comments built before.
 *
 * Teams follow each challenge's stage: work that started has every required seat held by an
 * active member, funded work is still recruiting (and waiting on a lend or two), open work has
 * applications in flight. Rows are shaped as worker/services/teams.ts and inbox.ts write them
 * (statuses, activity actions and details, notification kinds and data), and `buildTeams` checks
 * the team rules, the commitment cap above all, before it returns.
 */
import type { Faker } from "@faker-js/faker";
import type { DemoActivity, DemoChallenge, DemoSlot } from "./challenges";
import type { DemoFunding } from "./funding";
import { type DemoPerson, type DisciplineId, WELL_KNOWN, WELL_KNOWN_EMAILS } from "./people";
import { type Clock, days, demoId, minutes, seededFaker } from "./random";

export interface DemoApplication {
  id: string;
  challengeId: string;
  slotId: string;
  applicantId: string;
  pitch: string;
  status: "pending" | "accepted" | "declined" | "withdrawn";
  decidedById: string | null;
  decisionNote: string;
  decidedAt: number | null;
  createdAt: number;
}

export interface DemoMembership {
  id: string;
  challengeId: string;
  slotId: string;
  personId: string;
  applicationId: string | null;
  commitmentPercent: number;
  status: "pending_lend" | "active" | "released" | "lend_declined";
  createdAt: number;
  endedAt: number | null;
}

export interface DemoLend {
  id: string;
  membershipId: string;
  challengeId: string;
  personId: string;
  managerId: string;
  sharePercent: number;
  durationWeeks: number | null;
  status: "pending" | "approved" | "declined";
  reason: string;
  decidedAt: number | null;
  createdAt: number;
}

/** The kinds worker/services/inbox.ts writes. */
export type NotificationKind =
  | "application_received"
  | "application_decided"
  | "lend_requested"
  | "lend_decided"
  | "stage_changed"
  | "pledge_received"
  | "comment_received"
  | "member_released";

export interface DemoNotification {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  challengeId: string | null;
  actorId: string | null;
  data: Record<string, unknown>;
  readAt: number | null;
  createdAt: number;
}

export interface DemoTeamActivity extends DemoActivity {
  challengeId: string;
}

export interface DemoTeams {
  applications: DemoApplication[];
  memberships: DemoMembership[];
  lends: DemoLend[];
  activities: DemoTeamActivity[];
  notifications: DemoNotification[];
  /** `challenge_slots.filled` for every slot with a live seat: the count of its live memberships. */
  filled: { slotId: string; filled: number }[];
  /** Naming a co-lead touches the challenge, as worker/services/teams.ts `setCoLead` does. */
  updatedAt: { challengeId: string; updatedAt: number }[];
  /**
   * The funded challenge designer@ leads, left with no team and no applications: the browser test
   * staffs it (ic@ and analyst@ apply, designer@ accepts, the managers lend) and starts it.
   */
  browserTestChallengeId: string;
}

/** Stages whose teams count towards a person's commitment (worker/domain/teams.ts). */
const COMMITTED = ["open", "funded", "active"];
/** Stages whose work started: every required seat was held by an active member at the start. */
const STAFFED = ["active", "showcase", "reviewed", "archived"];
/** The org's default commitment cap; random picks stay well under it, leaving people room to say yes. */
const CAP = 100;
const PICK_CAP = 80;
/** ic@ and analyst@ must still fit a 50% seat for the browser test. */
const WELL_KNOWN_CAP = 30;
const BROWSER_TEST_CHALLENGE = "accessible-components";
const HOUR = minutes(60);

type Who = { email: string } | { reportOf: string } | { title: string };

interface Pin {
  slot: number;
  who: Who;
  /** `late`: accepted after the work started, the lend still pending. */
  outcome: "active" | "pending_lend" | "late_pending_lend" | "declined";
}

/**
 * Seats and applications the documentation and tests rely on: where ic@, designer@ and analyst@
 * served (ic@ and designer@ side by side on an active team, for the credit browser test), the lends
 * on manager@'s desk and profile, a pending lend each for sponsor@ and reviewer@, and a few
 * managers who took a seat themselves (so the recognition board's management column has people).
 */
const PINS: Readonly<Record<string, readonly Pin[]>> = {
  "privacy-requests": [{ slot: 1, who: { email: WELL_KNOWN.ic }, outcome: "active" }],
  "docs-deflection": [
    { slot: 0, who: { email: WELL_KNOWN.ic }, outcome: "active" },
    { slot: 1, who: { email: WELL_KNOWN.designer }, outcome: "active" },
  ],
  "design-tokens": [{ slot: 1, who: { email: WELL_KNOWN.designer }, outcome: "active" }],
  "mobile-cold-start": [{ slot: 1, who: { title: "Group Product Manager, Core" }, outcome: "active" }],
  "win-back": [{ slot: 2, who: { title: "Research Manager" }, outcome: "active" }],
  "month-end-close": [{ slot: 1, who: { title: "Analytics Manager" }, outcome: "active" }],
  "green-ci": [
    { slot: 0, who: { reportOf: WELL_KNOWN.manager }, outcome: "active" },
    { slot: 0, who: { email: WELL_KNOWN.ic }, outcome: "declined" },
    { slot: 1, who: { email: WELL_KNOWN.analyst }, outcome: "active" },
  ],
  "humane-on-call": [
    { slot: 0, who: { title: "Senior Engineering Manager, Infrastructure" }, outcome: "active" },
    { slot: 0, who: { reportOf: WELL_KNOWN.manager }, outcome: "active" },
    { slot: 1, who: { email: WELL_KNOWN.analyst }, outcome: "active" },
  ],
  "batch-spend": [{ slot: 1, who: { reportOf: WELL_KNOWN.manager }, outcome: "active" }],
  "egress-cache": [{ slot: 0, who: { reportOf: WELL_KNOWN.manager }, outcome: "active" }],
  "postgres-upgrades": [{ slot: 0, who: { reportOf: WELL_KNOWN.manager }, outcome: "pending_lend" }],
  "sso-research": [{ slot: 1, who: { title: "Engineering Manager, Security" }, outcome: "pending_lend" }],
  "unused-features": [{ slot: 1, who: { reportOf: WELL_KNOWN.reviewer }, outcome: "active" }],
  "churn-forecast": [{ slot: 2, who: { reportOf: WELL_KNOWN.reviewer }, outcome: "late_pending_lend" }],
};
/** Seats whose first taker's manager said no; someone else holds them now. */
const LEND_DECLINED: Readonly<Record<string, number>> = { "docs-deflection": 2, "fraud-detection": 1 };

// ─── Words ──────────────────────────────────────────────────────────────────────────────────

const lowerFirst = (s: string) => (/^[A-Z]{2}/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));
const firstName = (p: DemoPerson) => p.name.split(" ")[0];
const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/** What each discipline offers a team, in the applicant's words. */
const ANGLES: Record<DisciplineId, ((kpi: string) => string)[]> = {
  engineering: [
    (kpi) => `I'd start by instrumenting ${kpi} so we see every change move it, or not.`,
    () => "I'd like to own the rollout plan and the switch that turns it off again.",
    () => "I'm happiest on the unglamorous part: migrations, backfills and the runbook.",
  ],
  data: [
    (kpi) => `I'd pin down how ${kpi} is measured first, so nobody argues about the number at the showcase.`,
    () => "I can set up the experiment design and a weekly read-out the whole team can trust.",
    (kpi) => `I already keep a query for ${kpi}; it needs a proper model and a dashboard.`,
  ],
  design: [
    () => "I'd prototype the riskiest flow in the first two weeks and put it in front of real users.",
    () => "I'd make sure what we ship is accessible from the first release, not retrofitted.",
    () => "I like turning a tangle of edge cases into one flow people don't have to think about.",
  ],
  product: [
    (kpi) => `I can keep the scope honest and run the weekly check-in against ${kpi}.`,
    () => "I'd write the one-page plan and the list of things we will not do, and hold us to both.",
  ],
  research: [
    () => "I'd run five interviews in the first fortnight to check the problem is the one we think it is.",
    (kpi) => `I can design the survey that tells us whether ${kpi} moved for the right reasons.`,
  ],
  marketing: [
    () => "I can make sure the people who need this hear about it, in their own words.",
    () => "I'd write the launch story early; it is a good test of whether the idea is clear.",
  ],
  sales: [
    () => "I can bring three customers who would pilot this and tell us honestly what's missing.",
    () => "I hear about this problem on every renewal call; I'd bring those notes and the people behind them.",
  ],
  operations: [
    () => "I'd map the current process end to end before we automate any of it.",
    () => "I can own the runbook and the hand-over, so this keeps working after the team moves on.",
  ],
  finance: [
    (kpi) => `I can model the money behind ${kpi} so the showcase numbers hold up with Finance.`,
    () => "I'd set up the controls early so audit is a formality rather than a rewrite.",
  ],
  legal: [
    () => "I'd get the privacy and contract questions answered in week one so they never block a release.",
    () => "I can write the policy side in plain language, one page at most.",
  ],
  people: [
    () => "I can design the rollout so managers and teams actually adopt it.",
    () => "I'd bring the career-framework view, so the change shows up in how people grow.",
  ],
};

function pitchFor(f: Faker, person: DemoPerson, slot: DemoSlot, c: DemoChallenge): string {
  const kpi = lowerFirst(f.helpers.arrayElement(c.kpis).name);
  const angle = f.helpers.arrayElement(ANGLES[slot.disciplineId])(kpi);
  const shared = slot.skills.filter((s) => person.skills.includes(s));
  const time = `I can give it ${slot.commitmentPercent}% of my week for the ${c.horizonWeeks} weeks.`;
  if (person.track === "management") {
    return `I run ${person.unit}, and this is a problem my team lives with. ${angle} I have cleared the time with my own manager and will hand my one-to-ones to a deputy while it runs. ${time}`;
  }
  const skills = shared.length
    ? f.helpers.arrayElement([
        `I use ${list(shared)} every week`,
        `${list(shared)} ${shared.length > 1 ? "are" : "is"} most of my day job`,
        `I've shipped real work with ${list(shared)}`,
      ])
    : `I'm newer to ${slot.skills[0] ?? slot.disciplineId}, but ${list(person.skills.slice(0, 2))} carry over well`;
  return f.helpers.arrayElement([
    () => `I'm a ${person.title} in ${person.unit}, and ${skills}. ${angle} ${time}`,
    () =>
      `${angle} ${skills.charAt(0).toUpperCase()}${skills.slice(1)}, and I'd bring what ${person.unit} has learned the hard way. ${time}`,
    () =>
      `This is the problem I keep running into in ${person.unit}. ${skills.charAt(0).toUpperCase()}${skills.slice(1)}. ${angle}`,
  ])();
}

const ACCEPT_NOTES = [
  "",
  "",
  "",
  "Welcome aboard!",
  "Delighted: your pitch was exactly what we need.",
  "Welcome to the team.",
];
const LEND_OK = [
  "",
  "",
  "",
  "Go for it. Bring back what you learn.",
  "Approved; let's look at how it's going at our next one-to-one.",
];
const LEND_NO = [
  "We're mid-migration until the end of the quarter and I can't spare the time. Ask me again next cycle.",
  "Not this quarter: the team is two people down. Happy to revisit in six weeks.",
];
const declineNote = (f: Faker, person: DemoPerson, slot: DemoSlot) =>
  f.helpers.arrayElement([
    `Thank you, ${firstName(person)}. For this one we need someone who has run ${slot.skills[0] ?? slot.disciplineId} in production; I'd love to see you apply to the next challenge.`,
    `The ${slot.disciplineId} seat went to someone who can start straight away. Your pitch was strong; please keep an eye out for the next cycle.`,
    "We picked someone closer to the systems involved this time. Do apply again: the next phase will need you.",
    `Thanks for offering, ${firstName(person)}. We've decided to keep this seat for someone from the team that owns the process.`,
  ]);
const WITHDRAWING_NOTE =
  "We're withdrawing this challenge, so I'm closing applications. Thank you for offering your time.";

// ─── Moments ────────────────────────────────────────────────────────────────────────────────

/** A moment in [from, to], in whole minutes from `from`. */
function momentIn(f: Faker, from: number, to: number): number {
  if (to < from) throw new Error(`Empty window ${new Date(from).toISOString()}–${new Date(to).toISOString()}`);
  return from + minutes(f.number.int({ min: 0, max: Math.floor((to - from) / 60_000) }));
}

/** A gap of `min`–`max` ms, shrunk to `share` of the room left so the next step still fits. */
const gap = (f: Faker, min: number, max: number, room: number, share = 0.5) =>
  Math.max(minutes(1), Math.min(momentIn(f, min, max), Math.floor(room * share)));

// ─── The builder ────────────────────────────────────────────────────────────────────────────

interface Intent {
  key: string;
  /** The recipient who acted on it (decided the application or the lend), and when. */
  actedOn?: { by: string; at: number };
  kind: NotificationKind;
  challenge: DemoChallenge;
  actorId: string | null;
  data: Record<string, unknown>;
  at: number;
  to: "leads" | "followers" | (string | null)[];
}

interface Seat {
  membership: DemoMembership;
  /** Until when the seat counted towards the person's commitment. */
  until: number;
}

export function buildTeams(
  clock: Clock,
  people: DemoPerson[],
  challenges: DemoChallenge[],
  funding: DemoFunding,
): DemoTeams {
  const now = clock.now;
  const byId = new Map(people.map((p) => [p.id, p]));
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const applications: DemoApplication[] = [];
  const memberships: DemoMembership[] = [];
  const lends: DemoLend[] = [];
  const activities: DemoTeamActivity[] = [];
  const intents: Intent[] = [];
  const seats: Seat[] = [];
  const coLeadNamedAt = new Map<string, number>();
  const updatedAt: DemoTeams["updatedAt"] = [];
  /** Seats and applications per person, to spread the work around. */
  const involvement = new Map<string, number>();

  const browserTest = challenges.find((c) => c.key === BROWSER_TEST_CHALLENGE);
  if (browserTest?.stage !== "funded" || byId.get(browserTest.leadId)?.email !== WELL_KNOWN.designer) {
    throw new Error(`Demo teams expect "${BROWSER_TEST_CHALLENGE}" funded and led by ${WELL_KNOWN.designer}`);
  }

  // Each challenge's history is read newest-first by (created_at, id): no two entries share a moment.
  const taken = new Map<string, Set<number>>(
    challenges.map((c) => [c.id, new Set(c.activities.map((a) => a.createdAt))]),
  );
  for (const a of funding.activities) if (a.challengeId) taken.get(a.challengeId)?.add(a.createdAt);
  const reserve = (c: DemoChallenge, at: number) => {
    const used = taken.get(c.id)!;
    let t = at;
    while (used.has(t)) t += 1000;
    used.add(t);
    return t;
  };

  /** A person's commitment at `at`: seats on teams whose stage counted then (approximately: until submitted). */
  const commitmentAt = (personId: string, at: number) =>
    seats
      .filter((s) => s.membership.personId === personId && s.membership.createdAt <= at && at < s.until)
      .reduce((sum, s) => sum + s.membership.commitmentPercent, 0);
  /** Whether `percent` more from `from` until `until` keeps the person within `cap` at every moment. */
  const fits = (personId: string, percent: number, from: number, until: number, cap: number) => {
    const moments = [
      from,
      ...seats
        .filter((s) => s.membership.personId === personId && s.membership.createdAt > from)
        .map((s) => s.membership.createdAt)
        .filter((t) => t < until),
    ];
    return moments.every((t) => commitmentAt(personId, t) + percent <= cap);
  };
  const untilOf = (c: DemoChallenge) =>
    COMMITTED.includes(c.stage) ? Number.POSITIVE_INFINITY : (c.timeline.submitted ?? c.timeline.withdrawn ?? now);

  const resolvePin = (c: DemoChallenge, slot: DemoSlot, who: Who, exclude: Set<string>): DemoPerson => {
    if ("email" in who) return byEmail.get(who.email)!;
    if ("title" in who) {
      const found = people.find((p) => p.title === who.title);
      if (!found) throw new Error(`Demo teams: nobody is "${who.title}"`);
      return found;
    }
    const manager = byEmail.get(who.reportOf)!;
    const reports = people.filter(
      (p) =>
        p.managerId === manager.id &&
        p.track === "ic" &&
        p.disciplineId === slot.disciplineId &&
        !WELL_KNOWN_EMAILS.has(p.email) &&
        !exclude.has(p.id),
    );
    const score = (p: DemoPerson) =>
      slot.skills.filter((s) => p.skills.includes(s)).length * 10 - (involvement.get(p.id) ?? 0) * 4;
    const best = reports.sort((a, b) => score(b) - score(a) || (a.id < b.id ? -1 : 1))[0];
    if (!best) throw new Error(`Demo teams: no ${slot.disciplineId} report of ${who.reportOf} for ${c.key}`);
    return best;
  };

  /** Someone of the slot's discipline with room for it, favouring shared skills and people not yet involved. */
  const pick = (f: Faker, slot: DemoSlot, exclude: Set<string>, room: { from: number; until: number } | null) => {
    const pool = people.filter(
      (p) =>
        p.disciplineId === slot.disciplineId &&
        p.track === "ic" &&
        !WELL_KNOWN_EMAILS.has(p.email) &&
        !exclude.has(p.id) &&
        (room === null || fits(p.id, slot.commitmentPercent, room.from, room.until, PICK_CAP)),
    );
    if (pool.length === 0) return null;
    return f.helpers.weightedArrayElement(
      pool.map((p) => ({
        value: p,
        weight:
          (1 + 3 * slot.skills.filter((s) => p.skills.includes(s)).length) / (1 + 2 * (involvement.get(p.id) ?? 0)),
      })),
    );
  };

  for (const c of challenges) {
    const t = c.timeline;
    if (t.published === undefined || c === browserTest) continue;
    const f = seededFaker(`teams:${c.key}`);
    const lead = byId.get(c.leadId)!;
    let n = 0;
    // Keys of their own, so no id here shares its random part with a slot's or an activity's.
    const next = () => `teams:${c.key}:${n++}`;
    const involved = new Set([c.leadId, ...(c.coLeadId ? [c.coLeadId] : [])]);
    const live = new Map(c.slots.map((s) => [s.id, 0]));
    /** When each slot first held as many seats as it has: nobody could apply to it after that. */
    const fullAt = new Map<string, number>();
    const from = t.published + 2 * HOUR;
    const end = STAFFED.includes(c.stage)
      ? t.started! - 3 * HOUR
      : c.stage === "withdrawn"
        ? t.withdrawn! - 2 * HOUR
        : now - 2 * HOUR;

    const activity = (at: number, actorId: string | null, action: string, detail: Record<string, unknown>) => {
      activities.push({
        id: demoId("act", next()),
        challengeId: c.id,
        actorId,
        action,
        detail,
        createdAt: at,
      });
    };
    const notify = (
      at: number,
      kind: NotificationKind,
      actorId: string | null,
      data: Record<string, unknown>,
      to: Intent["to"],
    ) => {
      const intent: Intent = { key: next(), kind, challenge: c, actorId, data, at, to };
      intents.push(intent);
      return intent;
    };
    /** The notification that asked `by` to act, once they have. */
    const actedOn = (intent: Intent | undefined, by: string, at: number) => {
      if (intent) intent.actedOn = { by, at };
    };
    const received = new Map<string, Intent>();

    const applyAt = (person: DemoPerson, slot: DemoSlot, at: number): DemoApplication => {
      const app: DemoApplication = {
        id: demoId("app", next()),
        challengeId: c.id,
        slotId: slot.id,
        applicantId: person.id,
        pitch: pitchFor(f, person, slot, c),
        status: "pending",
        decidedById: null,
        decisionNote: "",
        decidedAt: null,
        createdAt: reserve(c, at),
      };
      applications.push(app);
      involved.add(person.id);
      involvement.set(person.id, (involvement.get(person.id) ?? 0) + 1);
      activity(app.createdAt, person.id, "applied", { applicationId: app.id, slotId: slot.id });
      received.set(
        app.id,
        notify(
          app.createdAt,
          "application_received",
          person.id,
          { applicationId: app.id, discipline: slot.disciplineId },
          "leads",
        ),
      );
      return app;
    };

    /**
     * An application the lead accepted at `decided`; the manager decides the lend at `lendAt`
     * (`approve` or `decline`), or has not yet (null).
     */
    const join = (
      person: DemoPerson,
      slot: DemoSlot,
      times: { applied: number; decided: number; lendAt: number | null },
      lend: "approve" | "decline" | null,
    ) => {
      const app = applyAt(person, slot, times.applied);
      const decided = reserve(c, Math.max(times.decided, app.createdAt + 1000));
      const note = f.helpers.arrayElement(ACCEPT_NOTES);
      Object.assign(app, { status: "accepted", decidedById: lead.id, decisionNote: note, decidedAt: decided });
      actedOn(received.get(app.id), lead.id, decided);
      const manager = person.managerId ? byId.get(person.managerId)! : null;
      const m: DemoMembership = {
        id: demoId("mem", next()),
        challengeId: c.id,
        slotId: slot.id,
        personId: person.id,
        applicationId: app.id,
        commitmentPercent: slot.commitmentPercent,
        status: manager ? "pending_lend" : "active",
        createdAt: decided,
        endedAt: null,
      };
      memberships.push(m);
      const seat: Seat = { membership: m, until: untilOf(c) };
      seats.push(seat);
      live.set(slot.id, live.get(slot.id)! + 1);
      if (live.get(slot.id) === slot.count && !fullAt.has(slot.id)) fullAt.set(slot.id, decided);
      activity(decided, lead.id, "application_accepted", {
        applicationId: app.id,
        personId: person.id,
        membershipId: m.id,
        // json_object() in the app's statement stores the SQL truth value: 1 or 0.
        pendingLend: manager ? 1 : 0,
      });
      notify(
        decided,
        "application_decided",
        lead.id,
        manager
          ? { decision: "accept", applicationId: app.id, pendingLend: true }
          : { decision: "accept", applicationId: app.id },
        [person.id],
      );
      if (!manager) return m;
      const request: DemoLend = {
        id: demoId("lend", next()),
        membershipId: m.id,
        challengeId: c.id,
        personId: person.id,
        managerId: manager.id,
        sharePercent: slot.commitmentPercent,
        durationWeeks: c.horizonWeeks,
        status: "pending",
        reason: "",
        decidedAt: null,
        createdAt: decided,
      };
      lends.push(request);
      const asked = notify(
        decided,
        "lend_requested",
        lead.id,
        {
          lendId: request.id,
          membershipId: m.id,
          personName: person.name,
          sharePercent: request.sharePercent,
          durationWeeks: c.horizonWeeks,
        },
        [manager.id],
      );
      if (lend === null || times.lendAt === null) return m;
      const at = reserve(c, Math.max(times.lendAt, decided + 1000));
      const reason = lend === "approve" ? f.helpers.arrayElement(LEND_OK) : f.helpers.arrayElement(LEND_NO);
      Object.assign(request, { status: lend === "approve" ? "approved" : "declined", reason, decidedAt: at });
      actedOn(asked, manager.id, at);
      if (lend === "approve") {
        m.status = "active";
      } else {
        m.status = "lend_declined";
        m.endedAt = at;
        seat.until = at;
        live.set(slot.id, live.get(slot.id)! - 1);
      }
      activity(at, manager.id, lend === "approve" ? "lend_approved" : "lend_declined", {
        lendId: request.id,
        personId: person.id,
        reason,
      });
      notify(at, "lend_decided", manager.id, { decision: lend, reason, lendId: request.id, personName: person.name }, [
        person.id,
        "leads",
      ]);
      return m;
    };

    /** Applied, accepted and lent within [lo, hi]. */
    const joinWithin = (
      person: DemoPerson | null,
      slot: DemoSlot,
      lo: number,
      hi: number,
      lend: "approve" | "decline",
    ) => {
      const applied = momentIn(f, lo, lo + Math.floor((hi - lo) * 0.6));
      const decided = applied + gap(f, 2 * HOUR, days(3), hi - applied, 0.4);
      const lendAt = decided + gap(f, HOUR, days(2), hi - decided, 0.6);
      const who = person ?? pick(f, slot, involved, { from: decided, until: untilOf(c) });
      if (!who) return null;
      checkRoom(who, slot, decided);
      return join(who, slot, { applied, decided, lendAt }, lend);
    };

    const checkRoom = (person: DemoPerson, slot: DemoSlot, at: number) => {
      // The well-known cap keeps room today, for the browser tests; seats that ended answer to the org's cap.
      const cap = WELL_KNOWN_EMAILS.has(person.email) && COMMITTED.includes(c.stage) ? WELL_KNOWN_CAP : CAP;
      const until = untilOf(c);
      if (!fits(person.id, slot.commitmentPercent, at, until, cap)) {
        throw new Error(`Demo teams: ${person.email} would pass ${cap}% joining ${c.key}`);
      }
    };

    const seatsLeft = new Map(c.slots.map((s) => [s.id, s.count]));
    const take = (slot: DemoSlot) => {
      const left = seatsLeft.get(slot.id)!;
      if (left <= 0) throw new Error(`Demo teams: no seat left in ${c.key}'s ${slot.disciplineId} slot`);
      seatsLeft.set(slot.id, left - 1);
    };

    // The co-lead joined first, through the front door, and was then named: only an active member can be.
    if (c.coLeadId) {
      const coLead = byId.get(c.coLeadId)!;
      const slot = c.slots.find((s) => s.disciplineId === coLead.disciplineId);
      if (!slot) throw new Error(`Demo teams: ${c.key} has no ${coLead.disciplineId} slot for its co-lead`);
      take(slot);
      const applied = from + gap(f, HOUR, days(1), end - from, 0.1);
      const decided = applied + gap(f, 2 * HOUR, days(1), end - applied, 0.1);
      const lendAt = decided + gap(f, HOUR, days(1), end - decided, 0.1);
      checkRoom(coLead, slot, decided);
      involved.delete(coLead.id);
      join(coLead, slot, { applied, decided, lendAt }, "approve");
      const named = reserve(c, lendAt + gap(f, HOUR, days(1), end - lendAt, 0.1));
      coLeadNamedAt.set(c.id, named);
      activity(named, lead.id, "co_lead_named", { personId: coLead.id });
      if (named > c.updatedAt) updatedAt.push({ challengeId: c.id, updatedAt: named });
    }

    const pins = PINS[c.key] ?? [];
    const declines: { slot: DemoSlot; person: DemoPerson | null }[] = [];
    for (const pin of pins) {
      const slot = c.slots[pin.slot];
      const person = resolvePin(c, slot, pin.who, involved);
      if (pin.outcome === "declined") {
        declines.push({ slot, person });
        continue;
      }
      take(slot);
      if (pin.outcome === "active") {
        joinWithin(person, slot, from, end, "approve");
      } else if (pin.outcome === "pending_lend") {
        const decided = momentIn(f, Math.max(from + days(1), now - days(5)), now - 3 * HOUR);
        const applied = decided - gap(f, 3 * HOUR, days(3), decided - from, 0.8);
        checkRoom(person, slot, decided);
        join(person, slot, { applied, decided, lendAt: null }, null);
      } else {
        const decided = momentIn(f, Math.max(t.started! + days(1), now - days(3)), now - 3 * HOUR);
        const applied = decided - gap(f, 2 * HOUR, days(2), decided - t.started!, 0.8);
        checkRoom(person, slot, decided);
        join(person, slot, { applied, decided, lendAt: null }, null);
      }
    }

    // A taker whose manager said no, then someone else, before the work started.
    const refused = LEND_DECLINED[c.key];
    if (refused !== undefined) {
      const slot = c.slots[refused];
      take(slot);
      const mid = from + Math.floor((end - from) * 0.45);
      joinWithin(null, slot, from, mid, "decline");
      joinWithin(null, slot, mid, end, "approve");
    }

    const pending: DemoSlot[] = [];
    if (STAFFED.includes(c.stage)) {
      for (const slot of c.slots) {
        for (let left = seatsLeft.get(slot.id)!; left > 0; left--) {
          if (slot.required || f.datatype.boolean(0.75)) joinWithin(null, slot, from, end, "approve");
          else if (c.stage === "active" && f.datatype.boolean(0.4)) pending.push(slot);
        }
      }
      for (let i = f.number.int({ min: 0, max: 2 }); i > 0; i--) {
        declines.push({ slot: f.helpers.arrayElement(c.slots), person: null });
      }
    } else if (c.stage === "funded") {
      const open = c.slots.flatMap((s) => Array.from({ length: seatsLeft.get(s.id)! }, () => s));
      // One seat waits on a manager unless a pinned one already does.
      if (!pins.some((p) => p.outcome === "pending_lend") && open.length > 0) {
        const slot = f.helpers.arrayElement(open);
        open.splice(open.indexOf(slot), 1);
        const decided = momentIn(f, Math.max(from + days(1), now - days(6)), now - 3 * HOUR);
        const applied = decided - gap(f, 3 * HOUR, days(3), decided - from, 0.8);
        const who = pick(f, slot, involved, { from: decided, until: untilOf(c) });
        if (who) join(who, slot, { applied, decided, lendAt: null }, null);
      }
      // Still recruiting: the first free seat (a required one if any) has applicants waiting.
      open.sort((a, b) => Number(b.required) - Number(a.required));
      open.forEach((slot, i) => {
        const roll = f.number.float();
        if (i > 0 && roll < 0.5) joinWithin(null, slot, from, end, "approve");
        else if (i === 0 || roll < 0.85) pending.push(slot);
      });
      if (f.datatype.boolean(0.6)) declines.push({ slot: f.helpers.arrayElement(c.slots), person: null });
    } else if (c.stage === "open") {
      for (const slot of c.slots) {
        for (let left = seatsLeft.get(slot.id)!; left > 0; left--) {
          if (!slot.required && f.datatype.boolean(0.45)) joinWithin(null, slot, from, end, "approve");
          else if (slot.required || f.datatype.boolean(0.5)) pending.push(slot);
        }
      }
      if (f.datatype.boolean(0.5)) declines.push({ slot: f.helpers.arrayElement(c.slots), person: null });
    } else if (c.stage === "withdrawn") {
      // Applications were decided or withdrawn before the lead withdrew the challenge.
      const slot = f.helpers.arrayElement(c.slots);
      const applicant = pick(f, slot, involved, null);
      if (applicant) {
        const app = applyAt(applicant, slot, momentIn(f, from, from + Math.floor((end - from) * 0.6)));
        const at = reserve(c, momentIn(f, app.createdAt + days(1), end));
        Object.assign(app, { status: "withdrawn", decidedAt: at });
        activity(at, applicant.id, "application_withdrawn", { applicationId: app.id });
      }
      declines.push({ slot: f.helpers.arrayElement(c.slots), person: null });
    }

    // Applications still awaiting the lead: recent ones, from people with room to say yes.
    const recruitFrom =
      c.stage === "active" ? Math.max(t.started! + days(1), now - days(12)) : Math.max(from, now - days(12));
    for (const slot of pending) {
      const applicants = f.number.int({ min: 1, max: slot.count > 1 ? 2 : 1 });
      for (let i = 0; i < applicants; i++) {
        const who = pick(f, slot, involved, COMMITTED.includes(c.stage) ? { from: now, until: untilOf(c) } : null);
        if (who) applyAt(who, slot, momentIn(f, recruitFrom, now - HOUR));
      }
    }
    // ic@'s own challenge shows its lead applications to decide.
    if (lead.email === WELL_KNOWN.ic && c.stage === "open") {
      const slot = c.slots.find((s) => s.required)!;
      const who = pick(f, slot, involved, { from: now, until: untilOf(c) });
      if (who) applyAt(who, slot, momentIn(f, now - days(2), now - HOUR));
    }

    // Declined applications, each made while its slot still had room.
    for (const d of declines) {
      const closes = Math.min(end, fullAt.get(d.slot.id) ?? end) - HOUR;
      if (closes - from < 2 * HOUR) continue;
      const person = d.person ?? pick(f, d.slot, involved, null);
      if (!person || involved.has(person.id)) continue;
      const app = applyAt(person, d.slot, momentIn(f, from, closes));
      const note = c.stage === "withdrawn" ? WITHDRAWING_NOTE : declineNote(f, person, d.slot);
      const at = reserve(c, app.createdAt + gap(f, 3 * HOUR, days(3), end - app.createdAt, 0.8));
      Object.assign(app, { status: "declined", decidedById: lead.id, decisionNote: note, decidedAt: at });
      actedOn(received.get(app.id), lead.id, at);
      activity(at, lead.id, "application_declined", { applicationId: app.id, personId: person.id });
      notify(at, "application_decided", lead.id, { decision: "decline", note }, [person.id]);
    }
  }

  // One applicant on an open challenge thought better of it.
  const fw = seededFaker("teams:withdrawal");
  const candidates = applications.filter((a) => {
    const c = challenges.find((x) => x.id === a.challengeId)!;
    return a.status === "pending" && c.stage === "open" && byId.get(c.leadId)!.email !== WELL_KNOWN.ic;
  });
  if (candidates.length > 0) {
    const app = fw.helpers.arrayElement(candidates);
    const c = challenges.find((x) => x.id === app.challengeId)!;
    const at = reserve(c, momentIn(fw, app.createdAt + HOUR, Math.max(app.createdAt + HOUR, now - HOUR)));
    Object.assign(app, { status: "withdrawn", decidedAt: at });
    activities.push({
      id: demoId("act", `teams:${c.key}:withdrawal`),
      challengeId: c.id,
      actorId: app.applicantId,
      action: "application_withdrawn",
      detail: { applicationId: app.id },
      createdAt: at,
    });
  }

  // ─── The inbox ────────────────────────────────────────────────────────────────────────────
  const challengeOf = new Map(challenges.map((c) => [c.id, c]));
  const STAGE_ACTIONS = new Set(["published", "funded", "started", "submitted", "decided", "archived", "withdrawn"]);
  for (const c of challenges) {
    for (const a of c.activities) {
      if (STAGE_ACTIONS.has(a.action)) {
        intents.push({
          key: a.id,
          kind: "stage_changed",
          challenge: c,
          actorId: a.actorId,
          data: { from: a.detail.from, to: a.detail.to },
          at: a.createdAt,
          to: "followers",
        });
      } else if (a.action === "commented") {
        intents.push({
          key: a.id,
          kind: "comment_received",
          challenge: c,
          actorId: a.actorId,
          data: { commentId: a.detail.commentId },
          at: a.createdAt,
          to: "leads",
        });
      }
    }
  }
  for (const a of funding.activities) {
    if (a.action !== "pledged" || !a.challengeId) continue;
    intents.push({
      key: a.id,
      kind: "pledge_received",
      challenge: challengeOf.get(a.challengeId)!,
      actorId: a.actorId,
      data: { pledgeId: a.detail.pledgeId, amount: a.detail.amount },
      at: a.createdAt,
      to: "leads",
    });
  }

  const leadsAt = (c: DemoChallenge, at: number) => {
    const named = coLeadNamedAt.get(c.id);
    return named !== undefined && named <= at ? [c.leadId, c.coLeadId!] : [c.leadId];
  };
  const followersAt = (c: DemoChallenge, at: number) => [
    ...leadsAt(c, at),
    ...c.backings.filter((b) => b.createdAt <= at).map((b) => b.personId),
    ...memberships
      .filter((m) => m.challengeId === c.id && m.createdAt <= at && (m.endedAt === null || m.endedAt > at))
      .map((m) => m.personId),
  ];

  const notifications: DemoNotification[] = [];
  /** Notifications read by the time their recipient acted on them. */
  const seenBy = new Map<DemoNotification, number>();
  for (const intent of intents) {
    const to =
      intent.to === "leads"
        ? leadsAt(intent.challenge, intent.at)
        : intent.to === "followers"
          ? followersAt(intent.challenge, intent.at)
          : intent.to.flatMap((r) => (r === "leads" ? leadsAt(intent.challenge, intent.at) : [r]));
    // The app selects recipients with UNION (no repeats) and never tells the actor.
    for (const recipientId of new Set(to)) {
      if (recipientId === null || recipientId === intent.actorId) continue;
      const n: DemoNotification = {
        id: demoId("ntf", `${intent.key}:${recipientId}`),
        recipientId,
        kind: intent.kind,
        challengeId: intent.challenge.id,
        actorId: intent.actorId,
        data: intent.data,
        readAt: null,
        createdAt: intent.at,
      };
      notifications.push(n);
      if (intent.actedOn?.by === recipientId) seenBy.set(n, intent.actedOn.at);
    }
  }

  // Most people read what came in; the latest few of each inbox wait, more so for the well-known accounts.
  const inboxes = new Map<string, DemoNotification[]>();
  for (const n of notifications) inboxes.set(n.recipientId, [...(inboxes.get(n.recipientId) ?? []), n]);
  for (const [recipientId, inbox] of [...inboxes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const fr = seededFaker(`teams:inbox:${recipientId}`);
    const wellKnown = WELL_KNOWN_EMAILS.has(byId.get(recipientId)!.email);
    inbox.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    let unread = wellKnown ? fr.number.int({ min: 2, max: 4 }) : fr.number.int({ min: 0, max: 3 });
    for (const n of inbox) {
      const acted = seenBy.get(n);
      const readBy = Math.min(acted ?? n.createdAt + days(2), now - minutes(1));
      if (acted === undefined && unread > 0 && (wellKnown || n.createdAt > now - days(30))) {
        unread--;
        continue;
      }
      n.readAt = momentIn(fr, Math.min(n.createdAt + minutes(1), readBy), readBy);
    }
  }

  notifications.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  activities.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const filled = challenges.flatMap((c) =>
    c.slots
      .map((s) => ({
        slotId: s.id,
        filled: memberships.filter((m) => m.slotId === s.id && (m.status === "active" || m.status === "pending_lend"))
          .length,
      }))
      .filter((s) => s.filled > 0),
  );
  const teams: DemoTeams = {
    applications,
    memberships,
    lends,
    activities,
    notifications,
    filled,
    updatedAt,
    browserTestChallengeId: browserTest.id,
  };
  checkTeams(teams, people, challenges, now);
  return teams;
}

// ─── The team rules, checked ────────────────────────────────────────────────────────────────

/** Every rule of SPEC §6 the demo must keep; a broken one stops the seed rather than loading it. */
function checkTeams(teams: DemoTeams, people: DemoPerson[], challenges: DemoChallenge[], now: number) {
  const fail = (why: string) => {
    throw new Error(`Demo teams: ${why}`);
  };
  const byId = new Map(people.map((p) => [p.id, p]));
  const challengeOf = new Map(challenges.map((c) => [c.id, c]));
  const isLive = (m: DemoMembership) => m.status === "active" || m.status === "pending_lend";
  const moments = [
    ...teams.applications.flatMap((a) => [a.createdAt, a.decidedAt ?? 0]),
    ...teams.lends.map((l) => l.decidedAt ?? 0),
    ...teams.activities.map((a) => a.createdAt),
    ...teams.notifications.flatMap((n) => [n.createdAt, n.readAt ?? 0]),
  ];
  if (moments.some((t) => t >= now)) fail("something happens in the future");

  for (const c of challenges) {
    const mine = teams.memberships.filter((m) => m.challengeId === c.id);
    const apps = teams.applications.filter((a) => a.challengeId === c.id);
    if (c.id === teams.browserTestChallengeId && (mine.length > 0 || apps.length > 0)) {
      fail(`${c.key} must stay without a team for the browser test`);
    }
    if ((c.stage === "draft" || c.stage === "withdrawn") && mine.some(isLive)) fail(`${c.key} has a team`);
    if (c.stage === "withdrawn" && apps.some((a) => a.status === "pending" || a.status === "accepted")) {
      fail(`withdrawn ${c.key} has live applications`);
    }
    for (const s of c.slots) {
      const seated = mine.filter((m) => m.slotId === s.id && isLive(m));
      if (seated.length > s.count) fail(`${c.key}'s ${s.disciplineId} slot holds ${seated.length} of ${s.count}`);
      if (STAFFED.includes(c.stage) && s.required && seated.filter((m) => m.status === "active").length < s.count) {
        fail(`${c.stage} ${c.key} started without its ${s.disciplineId} seats`);
      }
    }
    if (c.coLeadId && !mine.some((m) => m.personId === c.coLeadId && m.status === "active")) {
      fail(`${c.key}'s co-lead is not an active member`);
    }
    const livePeople = mine.filter(isLive).map((m) => m.personId);
    if (new Set(livePeople).size !== livePeople.length) fail(`${c.key} seats someone twice`);
    if (livePeople.includes(c.leadId)) fail(`${c.key}'s lead holds a seat`);
    const liveApps = apps.filter((a) => a.status === "pending" || a.status === "accepted");
    if (new Set(liveApps.map((a) => `${a.slotId}:${a.applicantId}`)).size !== liveApps.length) {
      fail(`${c.key} has two live applications from one person to one slot`);
    }
    for (const a of apps) {
      if (a.createdAt <= c.timeline.published!) fail(`${c.key} took an application before it was published`);
    }
    // Work starts with the people who can work: seats held at the start were accepted and lent before it.
    for (const m of mine.filter((x) => x.status === "active" && STAFFED.includes(c.stage))) {
      if (m.createdAt >= c.timeline.started!) fail(`${c.key} seated ${m.id} after it started`);
    }
  }

  for (const m of teams.memberships) {
    const app = teams.applications.find((a) => a.id === m.applicationId);
    if (app?.status !== "accepted" || app.decidedAt !== m.createdAt) fail(`membership ${m.id} has no acceptance`);
    const c = challengeOf.get(m.challengeId)!;
    const slot = c.slots.find((s) => s.id === m.slotId)!;
    if (m.commitmentPercent !== slot.commitmentPercent) fail(`membership ${m.id} commits other than its slot`);
    const lend = teams.lends.find((l) => l.membershipId === m.id);
    const manager = byId.get(m.personId)!.managerId;
    if (manager && (!lend || lend.managerId !== manager)) fail(`membership ${m.id} was never lent by the manager`);
    const expected = { pending: "pending_lend", approved: "active", declined: "lend_declined" } as const;
    if (lend && expected[lend.status] !== m.status)
      fail(`membership ${m.id} is ${m.status} with a ${lend.status} lend`);
    if (lend?.decidedAt && STAFFED.includes(c.stage) && lend.decidedAt >= c.timeline.started!) {
      fail(`lend ${lend.id} was decided after the work started`);
    }
  }

  // The cap: nobody's seats on open, funded and active teams pass it.
  const load = new Map<string, number>();
  for (const m of teams.memberships) {
    if (!isLive(m) || !COMMITTED.includes(challengeOf.get(m.challengeId)!.stage)) continue;
    load.set(m.personId, (load.get(m.personId) ?? 0) + m.commitmentPercent);
  }
  for (const [personId, total] of load) {
    const email = byId.get(personId)!.email;
    const cap = email === WELL_KNOWN.ic || email === WELL_KNOWN.analyst ? WELL_KNOWN_CAP : CAP;
    if (total > cap) fail(`${email} is committed ${total}%, over ${cap}%`);
  }
  const manager = people.find((p) => p.email === WELL_KNOWN.manager)!;
  const managed = teams.lends.filter((l) => l.managerId === manager.id);
  const ic = people.find((p) => p.email === WELL_KNOWN.ic)!;
  if (!managed.some((l) => l.status === "pending" && l.personId !== ic.id)) fail("manager@ has no lend to decide");
  if (managed.filter((l) => l.status === "approved").length < 3) fail("manager@ has too few approved lends");
  for (const email of [
    WELL_KNOWN.ic,
    WELL_KNOWN.designer,
    WELL_KNOWN.manager,
    WELL_KNOWN.sponsor,
    WELL_KNOWN.reviewer,
  ]) {
    const person = people.find((p) => p.email === email)!;
    if (!teams.notifications.some((n) => n.recipientId === person.id && n.readAt === null)) {
      fail(`${email} has nothing unread`);
    }
  }
}
