/**
 * Every rule about showcases and leadership review (SPEC §6, §8, §10): what a showcase needs
 * before it is submitted, weighted scores, who may review and decide (no one with a stake in the
 * challenge), who may ask and answer on a showcase, commitments that come due, and the response
 * clock that keeps open challenges from waiting unseen.
 */
import { type Refusal, refuse } from "./refusal";

export interface Criterion {
  id: string;
  name: string;
  weight: number;
}

/** Active criteria's weights must sum to 100 (percent). */
export function weightsProblem(criteria: readonly Pick<Criterion, "weight">[]): string | null {
  if (criteria.length === 0) return "Keep at least one criterion.";
  const sum = criteria.reduce((s, c) => s + c.weight, 0);
  return sum === 100 ? null : `The weights add up to ${sum}; they must add up to 100.`;
}

/** Field problems of a set of scores: every criterion scored once, 1 to 5, nothing else. */
export function scoresProblems(scores: Record<string, number>, criteria: readonly Criterion[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const known = new Set(criteria.map((c) => c.id));
  // Own keys only: a criterion named like an inherited property ("constructor") is still missing.
  for (const c of criteria) {
    if (!Object.hasOwn(scores, c.id)) problems[`scores.${c.id}`] = `Score ${c.name} from 1 to 5.`;
  }
  for (const [id, s] of Object.entries(scores)) {
    if (!known.has(id)) problems[`scores.${id}`] = "No such criterion.";
    else if (!Number.isInteger(s) || s < 1 || s > 5) problems[`scores.${id}`] = "Scores are whole numbers from 1 to 5.";
  }
  return problems;
}

/**
 * The weighted score on the 1–5 scale, in hundredths (an integer, so it is stored and compared
 * exactly): Σ weight × score / Σ weight.
 */
export function weightedScore(scores: Record<string, number>, criteria: readonly Criterion[]): number {
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  if (total === 0) return 0;
  const sum = criteria.reduce((s, c) => s + c.weight * (Object.hasOwn(scores, c.id) ? scores[c.id] : 0), 0);
  return Math.round((sum * 100) / total);
}

export interface ShowcaseDraft {
  summary: string;
  kpiResults: readonly { kpiId: string }[];
  recommendation: string | null;
}

/** What a showcase still lacks before it is submitted for review. */
export function showcaseMissing(s: ShowcaseDraft | null, kpiIds: readonly string[]): string[] {
  if (!s) return ["the showcase"];
  const missing: string[] = [];
  if (!s.summary.trim()) missing.push("a summary");
  const reported = new Set(s.kpiResults.map((r) => r.kpiId));
  const unreported = kpiIds.filter((id) => !reported.has(id)).length;
  if (unreported > 0) missing.push(`the actual result of ${unreported} KPI${unreported === 1 ? "" : "s"}`);
  if (!s.recommendation) missing.push("a recommendation");
  return missing;
}

/** What a person can hold in a challenge that keeps them from judging it (SPEC §10). */
export const STAKES = ["lead", "co_lead", "team", "sponsor"] as const;
export type Stake = (typeof STAKES)[number];

export interface StakeFacts {
  isLead: boolean;
  isCoLead: boolean;
  /** Holds an active membership on its team (a seat still awaiting a manager's lend is not one yet). */
  onTeam: boolean;
  /** Holds at least one pledge to it that is not withdrawn: someone who withdrew every pledge is no sponsor. */
  isSponsor: boolean;
}

/**
 * The stake a person has in a challenge, or null when they have none: the closest one when
 * they hold several (a lead who also pledged is named as its lead).
 */
export function reviewerStake(f: StakeFacts): Stake | null {
  if (f.isLead) return "lead";
  if (f.isCoLead) return "co_lead";
  if (f.onTeam) return "team";
  if (f.isSponsor) return "sponsor";
  return null;
}

/** Judging a showcase: reviewing it (scores and feedback) or deciding its outcome. */
export type ReviewAct = "review" | "decide";

const STAKE_WORDS: Record<Stake, string> = {
  lead: "You lead this challenge",
  co_lead: "You co-lead this challenge",
  team: "You are on this challenge's team",
  sponsor: "You sponsor this challenge",
};

const ONLY_REVIEWERS: Record<ReviewAct, string> = {
  review: "Only reviewers review showcases.",
  decide: "Only reviewers decide the outcome of a showcase.",
};

/**
 * A conflict of interest (SPEC §10): whoever has a stake in a challenge neither reviews nor
 * decides it, since a decision also returns its money. The sentence names the stake.
 */
export function conflictRefusal(stake: Stake | null, act: ReviewAct): Refusal | null {
  if (!stake) return null;
  return {
    status: 403,
    code: "conflict_of_interest",
    reason: `${STAKE_WORDS[stake]}, so another reviewer must ${act} it.`,
    details: { stake },
  };
}

/**
 * Who may review or decide a challenge: a reviewer without a stake in it. The routes ask this
 * before the stage, and the showcase view's `canReview`/`canDecide` flags ask the same.
 */
export function reviewRefusal(f: StakeFacts & { isReviewer: boolean }, act: ReviewAct): Refusal | null {
  if (!f.isReviewer) return { status: 403, code: "forbidden", reason: ONLY_REVIEWERS[act] };
  return conflictRefusal(reviewerStake(f), act);
}

/** Who may ask on a showcase: reviewers, and the sponsors of that challenge. */
export const mayAsk = (p: { isReviewer: boolean; isSponsor: boolean }) => p.isReviewer || p.isSponsor;

/** Who may post in a question's thread: the team answers; anyone already on the thread follows up. */
export const mayAnswer = (p: { onTeam: boolean; onThread: boolean }) => p.onTeam || p.onThread;

/** Who may write a showcase, and when (SPEC §6): its lead or co-lead, while the challenge is active. */
export function showcaseEditRefusal(actor: { isLead: boolean; isCoLead: boolean }, stage: string): Refusal | null {
  if (!actor.isLead && !actor.isCoLead)
    return refuse(403, "forbidden", "Only the lead or co-lead writes the showcase.");
  if (stage === "active") return null;
  return refuse(
    409,
    "invalid_stage",
    `The showcase is written while the challenge is active; it is ${stage}, so its results are frozen.`,
  );
}

/** Field problems of a showcase's KPI results: each names a KPI of the challenge, once. */
export function kpiResultsProblems(
  results: readonly { kpiId: string }[],
  kpiIds: readonly string[],
): Record<string, string> {
  const known = new Set(kpiIds);
  const seen = new Set<string>();
  const problems: Record<string, string> = {};
  results.forEach((r, i) => {
    if (!known.has(r.kpiId)) problems[`kpiResults.${i}.kpiId`] = "No such KPI on this challenge.";
    else if (seen.has(r.kpiId)) problems[`kpiResults.${i}.kpiId`] = "Report each KPI once.";
    seen.add(r.kpiId);
  });
  return problems;
}

/**
 * Who may score a showcase, and when (SPEC §10): a reviewer without a stake in the challenge,
 * while it is in showcase. Who is asked first (`reviewRefusal`), then the stage.
 */
export function scoreRefusal(f: StakeFacts & { isReviewer: boolean }, stage: string): Refusal | null {
  const who = reviewRefusal(f, "review");
  if (who) return who;
  if (stage === "showcase") return null;
  return refuse(409, "invalid_stage", `Only showcases are reviewed; this challenge is ${stage}.`);
}

/** Who may ask on a showcase, and when (SPEC §6): reviewers and its sponsors (`mayAsk`), while it is in showcase. */
export function askRefusal(p: { isReviewer: boolean; isSponsor: boolean }, stage: string): Refusal | null {
  if (!mayAsk(p)) {
    return refuse(
      403,
      "forbidden",
      "Reviewers and the challenge's sponsors ask on its showcase; anyone can comment on the challenge.",
    );
  }
  if (stage === "showcase") return null;
  return refuse(409, "invalid_stage", `Questions are asked on a showcase; this challenge is ${stage}.`);
}

/** Who may post in a question's thread (`mayAnswer`): the team, and anyone already on the thread. */
export function answerRefusal(p: { onTeam: boolean; onThread: boolean }): Refusal | null {
  if (mayAnswer(p)) return null;
  return refuse(403, "forbidden", "The team answers; whoever asked, or posted in the thread, follows up.");
}

/**
 * Who may post in a review's thread (SPEC §6, a two-way dialogue): the challenge's team, lead and
 * co-lead answer the review; its reviewer, and anyone who already replied, follow up.
 */
export function replyRefusal(p: { onTeam: boolean; isItsReviewer: boolean; onThread: boolean }): Refusal | null {
  if (p.onTeam || p.isItsReviewer || p.onThread) return null;
  return refuse(403, "forbidden", "The team replies to a review; its reviewer, or whoever replied, follows up.");
}

export interface DecisionDraft {
  decision: string;
  nextGateOn?: string | null;
  commitments: readonly { ownerId: string; due: string }[];
}

/**
 * Field problems of a decision (SPEC §6), on `today` (ISO date): each commitment is owned by an
 * active person and due today or later, and an iteration's next gate, when set, is not past.
 */
export function decisionProblems(
  d: DecisionDraft,
  activeOwners: ReadonlySet<string>,
  today: string,
): Record<string, string> {
  const problems: Record<string, string> = {};
  d.commitments.forEach((co, i) => {
    if (!activeOwners.has(co.ownerId)) problems[`commitments.${i}.ownerId`] = "No such person.";
    if (co.due < today) problems[`commitments.${i}.due`] = "A commitment is due in the future.";
  });
  if (d.decision === "iterate" && d.nextGateOn && d.nextGateOn < today) {
    problems.nextGateOn = "The next gate is in the future.";
  }
  return problems;
}

export type CommitmentStatus = "open" | "done";

/**
 * Who may mark a commitment done or open again (SPEC §6): its owner, the challenge's lead or
 * co-lead, and reviewers; and only to a status it does not already have.
 */
export function commitmentUpdateRefusal(
  p: { isOwner: boolean; isLead: boolean; isCoLead: boolean; isReviewer: boolean },
  current: CommitmentStatus,
  wanted: CommitmentStatus,
): Refusal | null {
  if (!p.isOwner && !p.isLead && !p.isCoLead && !p.isReviewer) {
    return refuse(403, "forbidden", "Only the commitment's owner, the challenge's leads and reviewers update it.");
  }
  if (current === wanted) return refuse(409, "invalid_state", `This commitment is already ${wanted}.`);
  return null;
}

/**
 * Field problems of a showcase day (SPEC §6), on `today` (ISO date): held today or later, each
 * showcase listed once, and each one a challenge whose work is on show (active or in showcase).
 * `stages` holds the stage of each listed challenge that exists.
 */
export function showcaseEventProblems(
  e: { heldOn: string; challengeIds: readonly string[] },
  stages: readonly { id: string; stage: string }[],
  today: string,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (e.heldOn < today) problems.heldOn = "Schedule it for today or later.";
  if (new Set(e.challengeIds).size !== e.challengeIds.length) problems.challengeIds = "List each showcase once.";
  e.challengeIds.forEach((id, i) => {
    const row = stages.find((r) => r.id === id);
    if (!row || row.stage === "draft") problems[`challengeIds.${i}`] = "No such challenge.";
    else if (!["active", "showcase"].includes(row.stage))
      problems[`challengeIds.${i}`] = `This challenge is ${row.stage}; showcase days show active work and showcases.`;
  });
  return problems;
}

/** A commitment is overdue when it is open and its due date has passed. */
export const commitmentOverdue = (c: { status: "open" | "done"; dueOn: string }, today: string) =>
  c.status === "open" && c.dueOn < today;

/** Whole days from `from` (ISO) to `to` (ISO), rounded down. */
export function daysBetween(from: string, to: string) {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/**
 * The response clock (SPEC §8): an open challenge waits from publishing until a sponsor pledges
 * or a reviewer responds (a comment or question). It is overdue past the org's deadline.
 */
export function responseClock(
  c: { stage: string; publishedAt: string | null; firstResponseAt: string | null },
  now: string,
  deadlineDays: number,
) {
  if (c.stage !== "open" || !c.publishedAt) return null;
  if (c.firstResponseAt) return { waiting: false, days: daysBetween(c.publishedAt, c.firstResponseAt), overdue: false };
  const days = daysBetween(c.publishedAt, now);
  return { waiting: true, days, overdue: days > deadlineDays };
}

/** The median of whole numbers given as a histogram {value: count} (for median days in stage). */
export function medianOfHistogram(histogram: readonly { value: number; count: number }[]): number | null {
  const sorted = [...histogram].filter((h) => h.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((s, h) => s + h.count, 0);
  if (n === 0) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.count;
      if (k < seen) return h.value;
    }
    return sorted.at(-1)?.value ?? 0;
  };
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}
