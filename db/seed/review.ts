/**
 * Showcases and leadership review in the demo organisation (SPEC §6, §8): the showcase each
 * cycle's team submitted, reviewers' weighted scores and feedback, question threads, the decision
 * with its commitments, showcase days, and the response clock's overdue notices, with the
 * activity entries and notifications the app writes for each of them.
 *
 * Rows are shaped as worker/services/review.ts and dashboard.ts write them: a showcase is frozen
 * at the moment its challenge entered `showcase`; reviews, questions and answers fall while it was
 * on show; weighted scores come from worker/domain/review.ts `weightedScore` over the default
 * criteria of migration 0009; the decision reuses the `decided` entry the challenges section
 * wrote (same reviewer, moment and rationale) and completes its detail as `decide` does. Only
 * reviewers and the challenge's sponsors ask; the team, or someone already on the thread,
 * answers. `buildReview` checks those rules before it returns.
 */
import type { Faker } from "@faker-js/faker";
import { type Criterion, scoresProblems, weightedScore } from "../../worker/domain/review";
import type { Decision } from "./challenge-catalogue";
import type { DemoChallenge, DemoKpi } from "./challenges";
import type { DemoCredit } from "./credit";
import { CREDIT_PLANS } from "./credit-catalogue";
import type { DemoFunding } from "./funding";
import { type DemoPerson, WELL_KNOWN } from "./people";
import { type Clock, days, demoId, iso, minutes, seededFaker } from "./random";
import {
  type Asker,
  DRAFT_SHOWCASE,
  EVENTS,
  type Owner,
  type Poster,
  type Reviewer,
  SHOWCASE_PLANS,
  type ShowcasePlan,
} from "./review-catalogue";
import type { DemoTeamActivity, DemoTeams } from "./teams";

/** The default review criteria, as migration 0009 inserts them (the seed does not insert them again). */
export const DEFAULT_CRITERIA: readonly Criterion[] = [
  { id: "impact", name: "Impact", weight: 30 },
  { id: "evidence", name: "Evidence", weight: 20 },
  { id: "scalability", name: "Scalability", weight: 20 },
  { id: "learning", name: "Learning", weight: 15 },
  { id: "collaboration", name: "Collaboration", weight: 15 },
];
/** The org's default response deadline (org_settings.response_deadline_days). */
export const RESPONSE_DEADLINE_DAYS = 14;

export interface DemoShowcase {
  challengeId: string;
  cycle: number;
  summary: string;
  kpiResults: { kpiId: string; actual: number; note: string }[];
  artifacts: { title: string; url: string }[];
  lessons: string;
  recommendation: Decision | null;
  recommendationNote: string;
  submittedAt: number | null;
  updatedAt: number;
}

export interface DemoReview {
  id: string;
  challengeId: string;
  cycle: number;
  reviewerId: string;
  scores: Record<string, number>;
  /** × 100, as stored. */
  weightedScore: number;
  feedback: string;
  createdAt: number;
  updatedAt: number;
}

export interface DemoQuestion {
  id: string;
  challengeId: string;
  cycle: number;
  authorId: string;
  body: string;
  createdAt: number;
}

export interface DemoAnswer {
  id: string;
  questionId: string;
  authorId: string;
  body: string;
  createdAt: number;
}

export interface DemoDecision {
  id: string;
  challengeId: string;
  cycle: number;
  decision: Decision;
  rationale: string;
  /** ISO date. */
  nextGateOn: string | null;
  decidedById: string;
  createdAt: number;
}

export interface DemoCommitment {
  id: string;
  decisionId: string;
  challengeId: string;
  what: string;
  ownerId: string;
  /** ISO date. */
  dueOn: string;
  status: "open" | "done";
  doneAt: number | null;
  createdAt: number;
}

export interface DemoShowcaseEvent {
  id: string;
  title: string;
  /** ISO date. */
  heldOn: string;
  location: string;
  createdById: string;
  createdAt: number;
  /** The agenda, in order (position = index). */
  challengeIds: string[];
}

/** The kinds worker/services/review.ts and dashboard.ts write. */
export type ReviewNotificationKind =
  | "review_posted"
  | "question_asked"
  | "question_answered"
  | "commitment_assigned"
  | "showcase_scheduled"
  | "response_overdue";

export interface DemoReviewNotification {
  id: string;
  recipientId: string;
  kind: ReviewNotificationKind;
  challengeId: string;
  actorId: string | null;
  data: Record<string, unknown>;
  readAt: number | null;
  createdAt: number;
}

export interface DemoReviewActivity extends Omit<DemoTeamActivity, "challengeId"> {
  challengeId: string | null;
}

export interface DemoReviewArea {
  showcases: DemoShowcase[];
  reviews: DemoReview[];
  questions: DemoQuestion[];
  answers: DemoAnswer[];
  decisions: DemoDecision[];
  commitments: DemoCommitment[];
  events: DemoShowcaseEvent[];
  activities: DemoReviewActivity[];
  notifications: DemoReviewNotification[];
  /** `decided` stage entries, with the detail worker/services/review.ts `decide` writes. */
  decidedDetails: { activityId: string; detail: Record<string, unknown> }[];
  /** An active challenge in its first cycle with KPIs and no showcase: the browser test's lead writes and submits one. */
  browserTestChallengeId: string;
  /** The showcase day still to come (scheduled by reviewer@). */
  upcomingEventId: string;
}

const BROWSER_TEST_CHALLENGE = "humane-on-call";
const HOUR = minutes(60);
const DAY = days(1);
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const dateOf = (ms: number) => iso(ms).slice(0, 10);

/** A moment in [from, to], in whole minutes from `from`. */
function momentIn(f: Faker, from: number, to: number): number {
  if (to < from) throw new Error(`Empty window ${iso(from)}–${iso(to)}`);
  return from + minutes(f.number.int({ min: 0, max: Math.floor((to - from) / 60_000) }));
}

/** A KPI value `share` of the way from baseline to target, rounded like the catalogue's numbers. */
function valueAt(kpi: DemoKpi, share: number): number {
  const raw = kpi.baseline + (kpi.target - kpi.baseline) * share;
  const decimals = [kpi.baseline, kpi.target].some((v) => !Number.isInteger(v)) ? 2 : 0;
  const factor = 10 ** decimals;
  return Math.round(raw * factor) / factor;
}

const met = (kpi: DemoKpi, actual: number) => (kpi.direction === "up" ? actual >= kpi.target : actual <= kpi.target);

export function buildReview(
  clock: Clock,
  people: DemoPerson[],
  challenges: DemoChallenge[],
  funding: DemoFunding,
  teams: DemoTeams,
  credit: DemoCredit,
): DemoReviewArea {
  const now = clock.now;
  const byId = new Map(people.map((p) => [p.id, p]));
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const byKey = new Map(challenges.map((c) => [c.key, c]));
  const well = (email: string) => {
    const p = byEmail.get(email);
    if (!p) throw new Error(`Demo review: no ${email}`);
    return p;
  };
  const reviewerAt = well(WELL_KNOWN.reviewer);
  const reviewers = people.filter((p) => p.roles.includes("reviewer"));
  const isReviewer = new Set(reviewers.map((p) => p.id));

  const showcases: DemoShowcase[] = [];
  const reviews: DemoReview[] = [];
  const questions: DemoQuestion[] = [];
  const answers: DemoAnswer[] = [];
  const decisions: DemoDecision[] = [];
  const commitments: DemoCommitment[] = [];
  const events: DemoShowcaseEvent[] = [];
  const activities: DemoReviewActivity[] = [];
  const decidedDetails: DemoReviewArea["decidedDetails"] = [];
  /** Notifications, when their recipient acted on them (which reads them), and the ones left waiting. */
  const inbox: { n: DemoReviewNotification; actedAt: number | null; waiting: boolean }[] = [];

  // Each challenge's history is read newest-first by (created_at, id): no two entries share a moment.
  const taken = new Map<string, Set<number>>(
    challenges.map((c) => [c.id, new Set(c.activities.map((a) => a.createdAt))]),
  );
  for (const a of [...funding.activities, ...teams.activities, ...credit.activities]) {
    if (a.challengeId) taken.get(a.challengeId)?.add(a.createdAt);
  }
  const reserve = (c: DemoChallenge, at: number) => {
    const used = taken.get(c.id)!;
    let t = at;
    while (used.has(t)) t += 1000;
    used.add(t);
    return t;
  };
  const activity = (
    key: string,
    challengeId: string | null,
    at: number,
    actorId: string | null,
    action: string,
    detail: Record<string, unknown>,
  ) => activities.push({ id: demoId("act", `review:${key}`), challengeId, actorId, action, detail, createdAt: at });
  const notify = (
    key: string,
    challengeId: string,
    at: number,
    kind: ReviewNotificationKind,
    actorId: string | null,
    data: Record<string, unknown>,
    to: readonly string[],
    waiting = false,
  ) => {
    // The app selects recipients with UNION (no repeats) and never tells the actor.
    for (const recipientId of new Set(to)) {
      if (recipientId === actorId) continue;
      inbox.push({
        n: {
          id: demoId("ntf", `review:${key}:${recipientId}`),
          recipientId,
          kind,
          challengeId,
          actorId,
          data,
          readAt: null,
          createdAt: at,
        },
        actedAt: null,
        waiting,
      });
    }
  };
  /** Acting on a question's thread reads what the thread told you before. */
  const actOn = (questionId: string, personId: string, at: number) => {
    for (const x of inbox) {
      if (x.n.recipientId === personId && x.n.data.questionId === questionId && x.n.createdAt < at) {
        x.actedAt = Math.min(x.actedAt ?? at, at);
      }
    }
  };

  // ─── Who is who, at a moment ──────────────────────────────────────────────────────────────
  const lendOf = new Map(teams.lends.map((l) => [l.membershipId, l]));
  const coLeadNamedAt = new Map(
    teams.activities.filter((a) => a.action === "co_lead_named").map((a) => [a.challengeId, a.createdAt]),
  );
  /** The team as worker/services/review.ts `teamOf` reads it at `at`: lead, co-lead and active members. */
  const teamAt = (c: DemoChallenge, at: number): string[] => {
    const members = teams.memberships
      .filter((m) => {
        if (m.challengeId !== c.id || (m.status !== "active" && m.status !== "released")) return false;
        const lend = lendOf.get(m.id);
        const since = lend ? (lend.status === "approved" ? lend.decidedAt! : Number.POSITIVE_INFINITY) : m.createdAt;
        return since <= at && (m.endedAt === null || m.endedAt > at);
      })
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
      .map((m) => m.personId);
    const named = coLeadNamedAt.get(c.id);
    const coLead = c.coLeadId && named !== undefined && named <= at ? [c.coLeadId] : [];
    return [...new Set([c.leadId, ...coLead, ...members])];
  };
  /** Sponsors as the app's `isSponsorOf` sees them at `at`: a pledge made and not withdrawn. */
  const sponsorsAt = (c: DemoChallenge, at: number) => {
    const live = funding.pledges.filter(
      (p) => p.challengeId === c.id && p.createdAt <= at && (p.status !== "withdrawn" || p.endedAt! > at),
    );
    const total = new Map<string, number>();
    for (const p of live) total.set(p.sponsorId, (total.get(p.sponsorId) ?? 0) + p.amount);
    // The well-known sponsors first (tests and documentation know where their money is), then the largest.
    const wellKnown = new Set([WELL_KNOWN.sponsor, WELL_KNOWN.sponsor2] as string[]);
    return [...total]
      .sort(
        ([a, x], [b, y]) =>
          Number(wellKnown.has(byId.get(b)!.email)) - Number(wellKnown.has(byId.get(a)!.email)) ||
          y - x ||
          (a < b ? -1 : 1),
      )
      .map(([id]) => id);
  };

  // ─── Showcases, reviews, questions, decisions ─────────────────────────────────────────────
  for (const [key, plan] of Object.entries(SHOWCASE_PLANS)) {
    const c = byKey.get(key);
    if (!c) throw new Error(`Demo review: no challenge ${key}`);
    const iterated = c.decision?.decision === "iterate";
    if (!["showcase", "reviewed", "archived"].includes(c.stage) && !(c.stage === "active" && iterated)) {
      throw new Error(`Demo review: ${key} is ${c.stage} and has no showcase to show`);
    }
    const f = seededFaker(`review:${key}`);
    const t = c.timeline;
    const cycle = iterated ? c.cycle - 1 : c.cycle;
    const submitted = t.submitted!;
    const closes = t.decided ?? now - HOUR;
    const within = (share: number) => submitted + Math.round((closes - submitted) * share);
    const decider = c.decision ? byId.get(c.decision.reviewerId)! : null;
    let n = 0;
    const next = () => `${key}:${n++}`;

    // The other reviewer of this showcase: never the decider, never reviewer@ (who is only ever named).
    const others = reviewers.filter((r) => r.id !== decider?.id && r.id !== reviewerAt.id);
    const other = f.helpers.arrayElement(others);
    const reviewer = (who: Reviewer): DemoPerson => {
      if (who === "reviewer@") return reviewerAt;
      if (who === "reviewer") return other;
      if (!decider) throw new Error(`Demo review: ${key} has no decider yet`);
      return decider;
    };

    // The showcase: written by the leads in a save or two, frozen when the challenge was submitted.
    const firstSave = reserve(c, momentIn(f, Math.max(t.started!, submitted - days(4)), submitted - days(1)));
    const lastSave = reserve(c, submitted - minutes(f.number.int({ min: 10, max: 180 })));
    for (const at of [firstSave, lastSave]) {
      const writers = teamAt(c, at).filter((id) => id === c.leadId || id === c.coLeadId);
      activity(next(), c.id, at, f.helpers.arrayElement(writers), "showcase_saved", { cycle });
    }
    const kpiResults = c.kpis.map((kpi, k) => ({
      kpiId: kpi.id,
      actual: actualOf(c, kpi, k),
      note: plan.kpiNotes[k] ?? "",
    }));
    c.kpis.forEach((kpi, k) => {
      if (met(kpi, kpiResults[k].actual) !== plan.met[k]) {
        throw new Error(`Demo review: ${key}'s words and numbers disagree on whether "${kpi.name}" met its target`);
      }
    });
    showcases.push({
      challengeId: c.id,
      cycle,
      summary: plan.summary,
      kpiResults,
      artifacts: plan.artifacts.map(([title, path]) => ({ title, url: `https://example.com/${path}` })),
      lessons: plan.lessons,
      recommendation: plan.recommendation,
      recommendationNote: plan.recommendationNote,
      submittedAt: submitted,
      updatedAt: lastSave,
    });

    // Reviews: each reviewer once for the cycle, told to the team.
    for (const spec of plan.reviews) {
      const by = reviewer(spec.by);
      const at = reserve(c, within(spec.at));
      const scores = Object.fromEntries(DEFAULT_CRITERIA.map((cr, i) => [cr.id, spec.scores[i]]));
      const score = weightedScore(scores, DEFAULT_CRITERIA);
      const id = demoId("rev", `review:${key}:${cycle}:${by.email}`);
      reviews.push({
        id,
        challengeId: c.id,
        cycle,
        reviewerId: by.id,
        scores,
        weightedScore: score,
        feedback: spec.feedback,
        createdAt: at,
        updatedAt: at,
      });
      activity(next(), c.id, at, by.id, "reviewed", { cycle, weightedScore: score });
      notify(next(), c.id, at, "review_posted", by.id, { cycle }, teamAt(c, at));
    }

    // Questions from reviewers and sponsors; the team answers and the thread follows up.
    plan.questions.forEach((spec, qi) => {
      const asked = reserve(c, within(spec.at));
      const author = asker(spec.by, c, asked, reviewer);
      const id = demoId("q", `review:${key}:${cycle}:${qi}`);
      questions.push({ id, challengeId: c.id, cycle, authorId: author.id, body: spec.body, createdAt: asked });
      activity(next(), c.id, asked, author.id, "question_asked", { questionId: id });
      notify(
        next(),
        c.id,
        asked,
        "question_asked",
        author.id,
        { questionId: id, body: spec.body.slice(0, 200) },
        teamAt(c, asked),
      );
      const thread = [author.id];
      const bound = (t.decided ?? now) - 2 * HOUR;
      let last = asked;
      spec.thread.forEach(([who, body], ai) => {
        const room = (bound - last) / (spec.thread.length - ai + 1);
        const at = reserve(c, last + Math.min(minutes(f.number.int({ min: 90, max: 30 * 60 })), Math.floor(room)));
        const team = teamAt(c, at);
        const poster = posterOf(who, c, team, author, f);
        if (!team.includes(poster.id) && !thread.includes(poster.id)) {
          throw new Error(`Demo review: ${poster.email} may not post in ${key}'s thread`);
        }
        const answerId = demoId("ans", `review:${key}:${cycle}:${qi}:${ai}`);
        answers.push({ id: answerId, questionId: id, authorId: poster.id, body, createdAt: at });
        thread.push(poster.id);
        actOn(id, poster.id, at);
        activity(next(), c.id, at, poster.id, "question_answered", { questionId: id, answerId });
        notify(
          next(),
          c.id,
          at,
          "question_answered",
          poster.id,
          { questionId: id, answerId, body: body.slice(0, 200) },
          [...thread, ...team],
          // reviewer@ has the answer to their question on fraud detection still to read.
          key === "fraud-detection" && spec.by === "reviewer@",
        );
        last = at;
      });
    });

    if (plan.decided) decide(c, plan, cycle, f, next);
  }

  /** The KPI's result in the showcase: the first as the lead announced it, the rest where the work reached. */
  function actualOf(c: DemoChallenge, kpi: DemoKpi, k: number): number {
    if (k === 0) return valueAt(kpi, c.progress!);
    const reach = CREDIT_PLANS[c.key]?.reach;
    if (reach?.[k] !== undefined) return valueAt(kpi, reach[k]);
    // The final check-in before the showcase went in.
    const last = credit.checkins
      .filter((x) => x.kpiId === kpi.id && x.createdAt <= c.timeline.submitted!)
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    return last ? last.value : valueAt(kpi, c.progress!);
  }

  /** Reviewers ask, and so do the challenge's sponsors (its largest, or a well-known one). */
  function asker(who: Asker, c: DemoChallenge, at: number, reviewer: (who: Reviewer) => DemoPerson): DemoPerson {
    if (who !== "sponsor") return reviewer(who);
    const sponsorId = sponsorsAt(c, at)[0];
    if (!sponsorId) throw new Error(`Demo review: ${c.key} has no sponsor to ask`);
    return byId.get(sponsorId)!;
  }

  function posterOf(who: Poster, c: DemoChallenge, team: string[], author: DemoPerson, f: Faker): DemoPerson {
    if (who === "lead") return byId.get(c.leadId)!;
    if (who === "asker") return author;
    if (who === "coLead") {
      if (!c.coLeadId) throw new Error(`Demo review: ${c.key} has no co-lead`);
      return byId.get(c.coLeadId)!;
    }
    const members = team.filter((id) => id !== c.leadId && id !== c.coLeadId);
    if (members.length === 0) throw new Error(`Demo review: ${c.key} has no member to answer`);
    return byId.get(f.helpers.arrayElement(members))!;
  }

  /** The decision the challenges section recorded, with its commitments, as `decide` writes them. */
  function decide(c: DemoChallenge, plan: ShowcasePlan, cycle: number, f: Faker, next: () => string) {
    const spec = plan.decided!;
    const made = c.decision;
    const entry = c.activities.find((a) => a.action === "decided");
    if (!made || !entry) throw new Error(`Demo review: ${c.key} was never decided`);
    const decider = byId.get(made.reviewerId)!;
    const at = c.timeline.decided!;
    if (entry.createdAt !== at || entry.actorId !== decider.id)
      throw new Error(`Demo review: ${c.key}'s decision moved`);
    const decisionId = demoId("dec", `review:${c.key}:${cycle}`);
    decisions.push({
      id: decisionId,
      challengeId: c.id,
      cycle,
      decision: made.decision,
      rationale: made.rationale,
      nextGateOn: spec.nextGate === null ? null : dateOf(at + days(spec.nextGate)),
      decidedById: decider.id,
      createdAt: at,
    });
    const ownerOf = (owner: Owner) =>
      owner === "lead"
        ? byId.get(c.leadId)!
        : owner === "decider"
          ? decider
          : owner === "reviewer@"
            ? reviewerAt
            : byId.get(sponsorsAt(c, at)[0])!;
    spec.commitments.forEach((cs, i) => {
      const owner = ownerOf(cs.owner);
      const id = demoId("com", `review:${c.key}:${cycle}:${i}`);
      const doneAt =
        cs.done === undefined ? null : reserve(c, at + days(cs.done) + minutes(f.number.int({ min: 60, max: 600 })));
      if (doneAt !== null && doneAt >= now) throw new Error(`Demo review: ${c.key}'s commitment is done in the future`);
      commitments.push({
        id,
        decisionId,
        challengeId: c.id,
        what: cs.what,
        ownerId: owner.id,
        dueOn: dateOf(at + days(cs.due)),
        status: doneAt === null ? "open" : "done",
        doneAt,
        createdAt: at,
      });
      if (doneAt !== null) activity(next(), c.id, doneAt, owner.id, "commitment_done", { commitmentId: id });
    });
    const owners = commitments.filter((x) => x.decisionId === decisionId).map((x) => x.ownerId);
    notify(next(), c.id, at, "commitment_assigned", decider.id, { decisionId, decision: made.decision }, owners);

    // The stage entry as `decide` writes it; scale and stop also say what went back to the sponsors.
    const closing = funding.stageDetails.find((d) => d.activityId === entry.id)?.detail ?? entry.detail;
    const detail: Record<string, unknown> = {
      from: entry.detail.from,
      to: entry.detail.to,
      decision: made.decision,
      rationale: made.rationale,
      cycle,
      decisionId,
    };
    if (made.decision !== "iterate") detail.returned = closing.returned ?? 0;
    decidedDetails.push({ activityId: entry.id, detail });
  }

  // ─── A draft showcase on running work ─────────────────────────────────────────────────────
  {
    const c = byKey.get(DRAFT_SHOWCASE.key);
    if (c?.stage !== "active" || c.cycle !== 1) throw new Error(`Demo review: ${DRAFT_SHOWCASE.key} is not running`);
    const f = seededFaker(`review:draft:${c.key}`);
    const saved = reserve(c, momentIn(f, now - days(4), now - days(1)));
    const kpi = c.kpis[0];
    const last = credit.checkins
      .filter((x) => x.kpiId === kpi.id && x.createdAt <= saved)
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    showcases.push({
      challengeId: c.id,
      cycle: c.cycle,
      summary: DRAFT_SHOWCASE.summary,
      kpiResults: [{ kpiId: kpi.id, actual: last ? last.value : kpi.baseline, note: DRAFT_SHOWCASE.kpiNote }],
      artifacts: [],
      lessons: DRAFT_SHOWCASE.lessons,
      recommendation: null,
      recommendationNote: "",
      submittedAt: null,
      updatedAt: saved,
    });
    activity(`draft:${c.key}`, c.id, saved, c.leadId, "showcase_saved", { cycle: c.cycle });
  }

  // ─── Showcase days ────────────────────────────────────────────────────────────────────────
  const titleOf = (heldOn: string) => `${MONTHS[Number(heldOn.slice(5, 7)) - 1]} showcase day`;
  const schedule = (
    name: string,
    agenda: readonly string[],
    creator: DemoPerson,
    createdAt: number,
    heldOn: string,
    location: string,
  ) => {
    const id = demoId("evt", `review:${name}`);
    const title = titleOf(heldOn);
    const items = agenda.map((key) => byKey.get(key)!);
    for (const c of items) {
      const onShow =
        c.timeline.started! <= createdAt && (c.timeline.decided === undefined || c.timeline.decided > createdAt);
      const iteratedBack = c.decision?.decision === "iterate" && c.timeline.decided! <= createdAt;
      if (!onShow && !iteratedBack) throw new Error(`Demo review: ${c.key} was not active or on show for ${name}`);
    }
    events.push({
      id,
      title,
      heldOn,
      location,
      createdById: creator.id,
      createdAt,
      challengeIds: items.map((c) => c.id),
    });
    activity(`event:${name}`, null, createdAt, creator.id, "showcase_event_scheduled", { eventId: id, title });
    for (const c of items) {
      notify(
        `event:${name}:${c.key}`,
        c.id,
        createdAt,
        "showcase_scheduled",
        creator.id,
        { eventId: id, title, heldOn },
        [...teamAt(c, createdAt), ...sponsorsAt(c, createdAt)],
      );
    }
    return id;
  };
  const fe = seededFaker("review:events");
  {
    // Scheduled once the last of its showcases was up, held five days later, before any was decided.
    const items = EVENTS.past.agenda.map((key) => byKey.get(key)!);
    const decidedFirst = Math.min(...items.map((c) => c.timeline.decided ?? now));
    const ready = Math.max(
      ...items.map((c) => (c.timeline.submitted! < decidedFirst ? c.timeline.submitted! : c.timeline.started!)),
    );
    const createdAt = ready + minutes(fe.number.int({ min: 3 * 60, max: 20 * 60 }));
    const heldOn = dateOf(createdAt + days(5));
    if (heldOn >= dateOf(decidedFirst)) throw new Error("Demo review: the past showcase day falls after a decision");
    const creator = fe.helpers.arrayElement(reviewers.filter((r) => r.id !== reviewerAt.id));
    schedule("past", EVENTS.past.agenda, creator, createdAt, heldOn, EVENTS.past.location);
  }
  const upcomingEventId = (() => {
    const items = EVENTS.upcoming.agenda.map((key) => byKey.get(key)!);
    const ready = Math.max(...items.map((c) => (c.stage === "showcase" ? c.timeline.submitted! : c.timeline.started!)));
    const createdAt = Math.min(ready + minutes(fe.number.int({ min: 6 * 60, max: 30 * 60 })), now - 2 * HOUR);
    const heldOn = dateOf(now + days(EVENTS.upcoming.inDays));
    return schedule("upcoming", EVENTS.upcoming.agenda, reviewerAt, createdAt, heldOn, EVENTS.upcoming.location);
  })();

  // ─── The response clock (SPEC §8) ─────────────────────────────────────────────────────────
  // The daily cron (07:00 UTC) tells the lead of an open challenge, once, the first day it has
  // waited past the deadline with no pledge and no comment from a reviewer.
  for (const c of challenges) {
    const published = c.publishedAt;
    if (published === null) continue;
    const firstCron = Math.floor((published + days(RESPONSE_DEADLINE_DAYS)) / DAY) * DAY + DAY;
    const told = firstCron + 7 * HOUR + 1000;
    if (told >= now) continue;
    const openUntil = c.timeline.funded ?? c.timeline.withdrawn ?? Number.POSITIVE_INFINITY;
    if (told >= openUntil) continue;
    const pledged = funding.pledges.some((p) => p.challengeId === c.id && p.createdAt < told);
    const answered = c.comments.some((m) => isReviewer.has(m.authorId) && m.createdAt < told);
    if (pledged || answered) continue;
    const waited = Math.floor((firstCron - published) / DAY);
    notify(`overdue:${c.key}`, c.id, told, "response_overdue", null, { days: waited }, [c.leadId]);
  }

  // ─── Reading ──────────────────────────────────────────────────────────────────────────────
  // Most people read what came in within a day or two; some of the last week's wait.
  const byRecipient = new Map<string, typeof inbox>();
  for (const x of inbox) byRecipient.set(x.n.recipientId, [...(byRecipient.get(x.n.recipientId) ?? []), x]);
  for (const [recipientId, mine] of [...byRecipient].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const fr = seededFaker(`review:inbox:${recipientId}`);
    for (const x of mine.sort((a, b) => a.n.createdAt - b.n.createdAt || (a.n.id < b.n.id ? -1 : 1))) {
      const recent = x.n.createdAt > now - days(7);
      if (x.actedAt === null && (x.waiting || (recent && fr.datatype.boolean(0.5)))) continue;
      const readBy = Math.min(x.actedAt ?? x.n.createdAt + days(2), now - minutes(1));
      x.n.readAt = momentIn(fr, Math.min(x.n.createdAt + minutes(1), readBy), readBy);
    }
  }
  const notifications = inbox.map((x) => x.n);

  showcases.sort((a, b) => (a.challengeId < b.challengeId ? -1 : 1) || a.cycle - b.cycle);
  activities.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  notifications.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const area: DemoReviewArea = {
    showcases,
    reviews,
    questions,
    answers,
    decisions,
    commitments,
    events,
    activities,
    notifications,
    decidedDetails,
    browserTestChallengeId: byKey.get(BROWSER_TEST_CHALLENGE)!.id,
    upcomingEventId,
  };
  checkReview(area, people, challenges, funding, teams, now, teamAt);
  return area;
}

// ─── The review rules, checked ──────────────────────────────────────────────────────────────

/** Every rule of SPEC §6 and §8 the demo must keep; a broken one stops the seed rather than loading it. */
function checkReview(
  r: DemoReviewArea,
  people: DemoPerson[],
  challenges: DemoChallenge[],
  funding: DemoFunding,
  teams: DemoTeams,
  now: number,
  teamAt: (c: DemoChallenge, at: number) => string[],
) {
  const fail = (why: string) => {
    throw new Error(`Demo review: ${why}`);
  };
  const byId = new Map(people.map((p) => [p.id, p]));
  const challengeOf = new Map(challenges.map((c) => [c.id, c]));
  const reviewerIds = new Set(people.filter((p) => p.roles.includes("reviewer")).map((p) => p.id));
  const moments = [
    ...r.showcases.flatMap((s) => [s.updatedAt, s.submittedAt ?? 0]),
    ...r.reviews.map((x) => x.updatedAt),
    ...r.questions.map((x) => x.createdAt),
    ...r.answers.map((x) => x.createdAt),
    ...r.decisions.map((x) => x.createdAt),
    ...r.commitments.map((x) => x.doneAt ?? 0),
    ...r.events.map((x) => x.createdAt),
    ...r.activities.map((x) => x.createdAt),
    ...r.notifications.flatMap((x) => [x.createdAt, x.readAt ?? 0]),
  ];
  if (moments.some((t) => t >= now)) fail("something happens in the future");

  /** When a challenge was on show for `cycle`: from submitting to the decision (or now). */
  const onShow = (c: DemoChallenge, cycle: number) => {
    const first = c.decision?.decision === "iterate" ? c.cycle - 1 : c.cycle;
    if (cycle !== first || c.timeline.submitted === undefined) return null;
    return { from: c.timeline.submitted, to: c.timeline.decided ?? now };
  };

  const showcaseKeys = new Set<string>();
  for (const s of r.showcases) {
    const c = challengeOf.get(s.challengeId)!;
    const key = `${c.id}:${s.cycle}`;
    if (showcaseKeys.has(key)) fail(`${c.key} has two showcases for cycle ${s.cycle}`);
    showcaseKeys.add(key);
    if (s.submittedAt === null) {
      if (c.stage !== "active" || s.cycle !== c.cycle) fail(`${c.key}'s draft showcase is not of running work`);
      continue;
    }
    const show = onShow(c, s.cycle);
    if (!show || s.submittedAt !== show.from) fail(`${c.key}'s showcase was not frozen when it was submitted`);
    if (s.updatedAt >= s.submittedAt) fail(`${c.key}'s showcase changed after it was submitted`);
    const reported = new Set(s.kpiResults.map((k) => k.kpiId));
    if (reported.size !== c.kpis.length || c.kpis.some((k) => !reported.has(k.id))) {
      fail(`${c.key}'s showcase does not report every KPI once`);
    }
    if (!s.summary.trim() || !s.recommendation) fail(`${c.key}'s showcase was submitted incomplete`);
    for (const a of s.artifacts) if (!a.url.startsWith("https://example.com/")) fail(`${c.key} links off example.com`);
  }
  for (const c of challenges) {
    if (["showcase", "reviewed", "archived"].includes(c.stage) && !showcaseKeys.has(`${c.id}:1`)) {
      fail(`${c.key} is ${c.stage} without a showcase`);
    }
  }
  const results = r.showcases.flatMap((s) =>
    s.submittedAt === null
      ? []
      : s.kpiResults.map((k) => {
          const kpi = challengeOf.get(s.challengeId)!.kpis.find((x) => x.id === k.kpiId)!;
          return met(kpi, k.actual);
        }),
  );
  if (!results.includes(true) || !results.includes(false)) fail("showcases should meet some targets and miss others");

  const reviewKeys = new Set<string>();
  for (const x of r.reviews) {
    const c = challengeOf.get(x.challengeId)!;
    const key = `${x.challengeId}:${x.cycle}:${x.reviewerId}`;
    if (reviewKeys.has(key)) fail(`${c.key} has two reviews from one reviewer in one cycle`);
    reviewKeys.add(key);
    if (!reviewerIds.has(x.reviewerId)) fail(`${c.key} was reviewed by someone who is not a reviewer`);
    if (Object.keys(scoresProblems(x.scores, DEFAULT_CRITERIA)).length) fail(`${c.key} has a review with bad scores`);
    if (x.weightedScore !== weightedScore(x.scores, DEFAULT_CRITERIA)) fail(`${c.key}'s weighted score is off`);
    const show = onShow(c, x.cycle);
    if (!show || x.createdAt <= show.from || x.createdAt >= show.to) fail(`${c.key} was reviewed while not on show`);
  }

  const questionOf = new Map(r.questions.map((q) => [q.id, q]));
  for (const q of r.questions) {
    const c = challengeOf.get(q.challengeId)!;
    const show = onShow(c, q.cycle);
    if (!show || q.createdAt <= show.from || q.createdAt >= show.to) fail(`${c.key} was asked while not on show`);
    const sponsor = funding.pledges.some(
      (p) =>
        p.challengeId === c.id &&
        p.sponsorId === q.authorId &&
        p.createdAt <= q.createdAt &&
        (p.status !== "withdrawn" || p.endedAt! > q.createdAt),
    );
    if (!reviewerIds.has(q.authorId) && !sponsor) fail(`${byId.get(q.authorId)!.email} may not ask on ${c.key}`);
  }
  for (const a of r.answers) {
    const q = questionOf.get(a.questionId)!;
    const c = challengeOf.get(q.challengeId)!;
    if (a.createdAt <= q.createdAt) fail(`an answer on ${c.key} came before its question`);
    const thread = [
      q.authorId,
      ...r.answers.filter((x) => x.questionId === q.id && x.createdAt < a.createdAt).map((x) => x.authorId),
    ];
    if (!teamAt(c, a.createdAt).includes(a.authorId) && !thread.includes(a.authorId)) {
      fail(`${byId.get(a.authorId)!.email} may not answer on ${c.key}`);
    }
  }
  if (!r.questions.some((q) => !r.answers.some((a) => a.questionId === q.id))) fail("every question is answered");

  const decisionKeys = new Set<string>();
  const decisionOf = new Map(r.decisions.map((d) => [d.id, d]));
  for (const d of r.decisions) {
    const c = challengeOf.get(d.challengeId)!;
    if (decisionKeys.has(`${d.challengeId}:${d.cycle}`)) fail(`${c.key} has two decisions for cycle ${d.cycle}`);
    decisionKeys.add(`${d.challengeId}:${d.cycle}`);
    const show = r.showcases.find((s) => s.challengeId === d.challengeId && s.cycle === d.cycle);
    if (!show?.submittedAt || show.submittedAt >= d.createdAt) fail(`${c.key} was decided before its showcase`);
    if (!reviewerIds.has(d.decidedById)) fail(`${c.key} was decided by someone who is not a reviewer`);
    const expected = d.decision === "iterate" ? ["active"] : ["reviewed", "archived"];
    if (!expected.includes(c.stage)) fail(`${c.key} is ${c.stage} after a ${d.decision} decision`);
  }
  for (const c of challenges) {
    if ((c.stage === "reviewed" || c.stage === "archived" || c.cycle > 1) && !decisionKeys.has(`${c.id}:1`)) {
      fail(`${c.key} has no decision`);
    }
  }
  const outcomes = new Set(r.decisions.map((d) => d.decision));
  if (!["scale", "iterate", "stop"].every((o) => outcomes.has(o as Decision))) fail("not every outcome is decided");

  const today = dateOf(now);
  for (const co of r.commitments) {
    const d = decisionOf.get(co.decisionId);
    if (!d || d.challengeId !== co.challengeId) fail(`commitment ${co.id} is not its decision's challenge's`);
    if (co.dueOn < dateOf(d!.createdAt)) fail(`commitment ${co.id} was due before it was made`);
    if ((co.status === "done") !== (co.doneAt !== null)) fail(`commitment ${co.id} is ${co.status} with done_at`);
    if (co.doneAt !== null && co.doneAt <= co.createdAt) fail(`commitment ${co.id} was done before it was made`);
  }
  const open = r.commitments.filter((co) => co.status === "open");
  if (!r.commitments.some((co) => co.status === "done")) fail("no commitment is done");
  if (!open.some((co) => co.dueOn < today) || !open.some((co) => co.dueOn >= today)) {
    fail("commitments should be both overdue and still ahead");
  }
  const iterated = r.decisions.find((d) => d.decision === "iterate")!;
  if (!open.some((co) => co.decisionId === iterated.id && co.dueOn < today))
    fail("the iterate decision has nothing overdue");

  const upcoming = r.events.find((e) => e.id === r.upcomingEventId)!;
  const ahead = (Date.parse(upcoming.heldOn) - Date.parse(today)) / 86_400_000;
  if (ahead < 7 || ahead > 21) fail("the coming showcase day is not one to three weeks away");
  if (!r.events.some((e) => e.heldOn < today)) fail("no showcase day was held yet");
  for (const e of r.events) {
    if (e.challengeIds.length < 2 || e.challengeIds.length > 4) fail(`showcase day ${e.id} has an odd agenda`);
    if (!reviewerIds.has(e.createdById) || e.heldOn < dateOf(e.createdAt))
      fail(`showcase day ${e.id} was scheduled wrong`);
  }

  // The response clock as the dashboard reads it today: overdue open challenges, and some within time.
  const deadline = Date.parse(today) - days(RESPONSE_DEADLINE_DAYS);
  const waiting = challenges.filter(
    (c) =>
      c.stage === "open" &&
      !funding.pledges.some((p) => p.challengeId === c.id) &&
      !c.comments.some((m) => reviewerIds.has(m.authorId)),
  );
  const overdue = waiting.filter((c) => c.publishedAt! < deadline);
  if (overdue.length < 2) fail("fewer than two open challenges wait past the response deadline");
  if (!waiting.some((c) => c.publishedAt! >= deadline)) fail("no open challenge waits within the response deadline");
  for (const c of overdue) {
    if (
      !r.notifications.some(
        (x) => x.kind === "response_overdue" && x.challengeId === c.id && x.recipientId === c.leadId,
      )
    ) {
      fail(`${c.key}'s lead was never told it is overdue`);
    }
  }

  const browser = challengeOf.get(r.browserTestChallengeId)!;
  if (browser.stage !== "active" || browser.cycle !== 1 || browser.kpis.length === 0)
    fail(`${browser.key} cannot be submitted`);
  if (r.showcases.some((s) => s.challengeId === browser.id)) fail(`${browser.key} must have no showcase yet`);
  if (!teams.memberships.some((m) => m.challengeId === browser.id && m.status === "active")) {
    fail(`${browser.key} has no team`);
  }

  const reviewer = people.find((p) => p.email === WELL_KNOWN.reviewer)!;
  if (!r.notifications.some((n) => n.recipientId === reviewer.id && n.readAt === null))
    fail("reviewer@ has nothing unread");
  if (
    !challenges.some(
      (c) => c.stage === "showcase" && !r.reviews.some((x) => x.challengeId === c.id && x.reviewerId === reviewer.id),
    )
  ) {
    fail("reviewer@ has no showcase left to review");
  }
}
