/**
 * Every rule about a challenge's stages (SPEC §3), as pure functions of (state, actor, facts).
 * The routes gather the facts, ask `decideTransition`, and write the answer with its activity
 * entry in one batch; nothing else moves a challenge between stages.
 *
 *   draft ─publish→ open ─fund→ funded ─start→ active ─submit→ showcase ─decide→ reviewed ─archive→ archived
 *   draft/open ─withdraw→ withdrawn;   showcase ─decide: iterate→ active (cycle + 1)
 */
import { type ErrorCode, type Refusal, refuse } from "./refusal";

export const STAGES = ["draft", "open", "funded", "active", "showcase", "reviewed", "withdrawn", "archived"] as const;
export type Stage = (typeof STAGES)[number];

/** Stages the marketplace lists unless a caller asks for a stage by name. */
export const LISTED_STAGES: readonly Stage[] = ["open", "funded", "active", "showcase", "reviewed"];
/** The rest: drafts, withdrawn and archived challenges, listed only when asked for by stage. */
export const UNLISTED_STAGES: readonly Stage[] = STAGES.filter((s) => !LISTED_STAGES.includes(s));
/** Stages whose teams count towards a person's commitment (SPEC §6). */
export const COMMITTED_STAGES: readonly Stage[] = ["open", "funded", "active"];
/** Stages in which slots take applications and members join. */
export const RECRUITING_STAGES: readonly Stage[] = ["open", "funded", "active"];
/** Stages in which the lead manages slots. */
export const SLOT_EDIT_STAGES: readonly Stage[] = ["draft", "open", "funded", "active"];
/** Stages in which pledged money can be spent and spend reported. */
export const SPENDING_STAGES = ["funded", "active", "showcase"] as const satisfies readonly Stage[];
/** Stages a challenge reaches once its team has started: it was staffed (the dashboard's participation). */
export const STARTED_STAGES: readonly Stage[] = ["active", "showcase", "reviewed", "archived"];
/** Stages in which a challenge is not live work: never published, or withdrawn (similar-challenge search leaves them out). */
export const NOT_LIVE_STAGES: readonly Stage[] = ["draft", "withdrawn"];

export const ACTIONS = ["publish", "withdraw", "fund", "start", "submit", "decide", "archive"] as const;
export type Action = (typeof ACTIONS)[number];

/** The actions a person asks for through `POST /api/challenges/:id/transitions`. */
export const REQUESTABLE_ACTIONS = ["publish", "withdraw", "start", "submit", "archive"] as const;
export type RequestableAction = (typeof REQUESTABLE_ACTIONS)[number];

export const DECISIONS = ["scale", "iterate", "stop"] as const;
export type Decision = (typeof DECISIONS)[number];

export type GlobalRole = "member" | "sponsor" | "reviewer" | "admin";

export interface Actor {
  roles: readonly GlobalRole[];
  isLead: boolean;
  isCoLead: boolean;
  /** The system itself (a pledge that reaches the ask funds the challenge). */
  isSystem?: boolean;
}

export interface ChallengeState {
  stage: Stage;
  cycle: number;
}

/** What the rules need to know beyond the stage. Each transition reads only its own facts. */
export interface Facts {
  /** Fields still missing before publishing (see `missingForPublish`). */
  missingForPublish?: readonly string[];
  fundingAsk?: number | null;
  pledgedTotal?: number;
  pledgeCount?: number;
  /** Human labels of required slots that are not yet full. */
  unfilledRequiredSlots?: readonly string[];
  /** Whether the outcome showcase has been written. */
  showcaseWritten?: boolean;
  /** What the showcase still lacks, in words (worker/domain/review.ts `showcaseMissing`). */
  showcaseMissing?: readonly string[];
  decision?: Decision;
}

/** A move the rules refuse: the one Refusal (worker/domain/refusal.ts), marked not ok. */
export type RefusedTransition = { ok: false } & Refusal;
export type Transition = { ok: true; next: ChallengeState; activity: string } | RefusedTransition;

const refuseMove = (
  status: 403 | 409,
  code: ErrorCode,
  reason: string,
  details?: Record<string, unknown>,
): RefusedTransition => ({ ok: false, ...refuse(status, code, reason, details) });

/** How each field `missingForPublish` names reads in a sentence. */
const MISSING_WORDS: Record<string, string> = {
  summary: "a summary",
  problem: "a problem statement",
  kpis: "at least one KPI",
  "boundaries.constraints": "its constraints",
  horizonWeeks: "a time horizon",
  fundingAsk: "a funding ask",
};

/** "a, b and c" */
export function listInWords(items: readonly string[]) {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const isLeadership = (a: Pick<Actor, "isLead" | "isCoLead">) => a.isLead || a.isCoLead;

/** Content the §4 body must have before a challenge may leave draft: goals and boundaries. */
export interface PublishableContent {
  summary: string;
  problem: string;
  constraints: string;
  horizonWeeks: number | null;
  fundingAsk: number | null;
  kpiCount: number;
}

export function missingForPublish(content: PublishableContent): string[] {
  const missing: string[] = [];
  if (!content.summary.trim()) missing.push("summary");
  if (!content.problem.trim()) missing.push("problem");
  if (content.kpiCount === 0) missing.push("kpis");
  if (!content.constraints.trim()) missing.push("boundaries.constraints");
  if (content.horizonWeeks === null) missing.push("horizonWeeks");
  if (content.fundingAsk === null) missing.push("fundingAsk");
  return missing;
}

/** True once pledges meet the ask; an ask of 0 needs one sponsor's endorsement pledge. */
export function isFullyFunded(fundingAsk: number, pledgedTotal: number, pledgeCount: number) {
  return fundingAsk === 0 ? pledgeCount > 0 : pledgedTotal >= fundingAsk;
}

export function decideTransition(state: ChallengeState, actor: Actor, action: Action, facts: Facts = {}): Transition {
  const { stage, cycle } = state;
  const wrongStage = (allowed: string) =>
    refuseMove(409, "invalid_transition", `Only ${allowed} challenges can be ${PAST[action]}; this one is ${stage}.`);

  switch (action) {
    case "publish": {
      if (!isLeadership(actor))
        return refuseMove(403, "forbidden", "Only the lead or co-lead can publish a challenge.");
      if (stage !== "draft") return wrongStage("draft");
      const missing = facts.missingForPublish ?? [];
      if (missing.length > 0) {
        return refuseMove(
          409,
          "not_ready",
          `A challenge needs measurable goals and boundaries before it is published; it still needs ${listInWords(missing.map((m) => MISSING_WORDS[m] ?? m))}.`,
          { missing },
        );
      }
      return { ok: true, next: { stage: "open", cycle }, activity: "published" };
    }
    case "withdraw": {
      if (!isLeadership(actor))
        return refuseMove(403, "forbidden", "Only the lead or co-lead can withdraw a challenge.");
      if (stage !== "draft" && stage !== "open") return wrongStage("draft or open");
      return { ok: true, next: { stage: "withdrawn", cycle }, activity: "withdrawn" };
    }
    case "fund": {
      if (!actor.isSystem) return refuseMove(403, "forbidden", "A challenge is funded by its pledges, not by hand.");
      if (stage !== "open") return wrongStage("open");
      const ask = facts.fundingAsk ?? 0;
      if (!isFullyFunded(ask, facts.pledgedTotal ?? 0, facts.pledgeCount ?? 0)) {
        return refuseMove(409, "not_funded", "Pledges have not yet reached the funding ask.");
      }
      return { ok: true, next: { stage: "funded", cycle }, activity: "funded" };
    }
    case "start": {
      if (!isLeadership(actor)) return refuseMove(403, "forbidden", "Only the lead or co-lead can start the work.");
      if (stage !== "funded") return wrongStage("funded");
      const unfilled = facts.unfilledRequiredSlots ?? [];
      if (unfilled.length > 0) {
        return refuseMove(
          409,
          "slots_unfilled",
          `Every required role must be filled before work starts; still open: ${listInWords(unfilled)}.`,
          { unfilledSlots: unfilled },
        );
      }
      return { ok: true, next: { stage: "active", cycle }, activity: "started" };
    }
    case "submit": {
      if (!isLeadership(actor))
        return refuseMove(403, "forbidden", "Only the lead or co-lead can submit the showcase.");
      if (stage !== "active") return wrongStage("active");
      if (!facts.showcaseWritten) {
        const missing = facts.showcaseMissing?.length ? `; it still needs ${listInWords(facts.showcaseMissing)}` : "";
        return refuseMove(
          409,
          "showcase_missing",
          `Write the outcome showcase before submitting it for review${missing}.`,
        );
      }
      return { ok: true, next: { stage: "showcase", cycle }, activity: "submitted" };
    }
    case "decide": {
      if (!actor.roles.includes("reviewer"))
        return refuseMove(403, "forbidden", "Only reviewers decide the outcome of a showcase.");
      if (stage !== "showcase") return wrongStage("showcase");
      if (!facts.decision) return refuseMove(409, "decision_missing", "A decision must be scale, iterate or stop.");
      if (facts.decision === "iterate") {
        return { ok: true, next: { stage: "active", cycle: cycle + 1 }, activity: "decided" };
      }
      return { ok: true, next: { stage: "reviewed", cycle }, activity: "decided" };
    }
    case "archive": {
      if (!isLeadership(actor) && !actor.roles.includes("admin")) {
        return refuseMove(403, "forbidden", "Only the lead, the co-lead or an admin can archive a challenge.");
      }
      if (stage !== "reviewed") return wrongStage("reviewed");
      return { ok: true, next: { stage: "archived", cycle }, activity: "archived" };
    }
  }
}

const PAST: Record<Action, string> = {
  publish: "published",
  withdraw: "withdrawn",
  fund: "funded",
  start: "started",
  submit: "submitted",
  decide: "decided",
  archive: "archived",
};

/** Stages in which the lead and co-lead may still edit the challenge's content. */
export function canEditContent(stage: Stage) {
  return stage === "draft" || stage === "open" || stage === "funded" || stage === "active";
}

/** The funding ask is settled once a challenge is funded. */
export function canEditFundingAsk(stage: Stage) {
  return stage === "draft" || stage === "open";
}

/** Backing, comments and applications are for published challenges (SPEC §10: not on drafts). */
export function acceptsParticipation(stage: Stage) {
  return stage !== "draft" && stage !== "withdrawn" && stage !== "archived";
}

/** `acceptsParticipation` as the refusal of `doing` ("back", "comment on") on a challenge at `stage`. */
export function participationRefusal(stage: Stage, doing: string): Refusal | null {
  return acceptsParticipation(stage) ? null : refuse(409, "invalid_stage", `You cannot ${doing} a ${stage} challenge.`);
}

/** Stages after the outcome is settled: decided (scale or stop), withdrawn, archived. Unspent money has gone back. */
export const CLOSED_STAGES: readonly Stage[] = ["reviewed", "withdrawn", "archived"];
/** Stages in which backing still means something: published, and not yet closed. */
export const BACKING_STAGES: readonly Stage[] = ["open", "funded", "active", "showcase"];

/**
 * Who may back a challenge, and when (SPEC §10): backing says "I want this done", so it is for
 * others than its lead and co-lead, and for challenges whose outcome is still to come. The stage
 * is asked first: a closed or unpublished challenge takes no backers from anyone. Stopping
 * backing is always allowed, so a backing from before the close can be taken back.
 */
export function backingRefusal(stage: Stage, actor: Pick<Actor, "isLead" | "isCoLead">): Refusal | null {
  if (!BACKING_STAGES.includes(stage)) {
    return refuse(
      409,
      "invalid_stage",
      stage === "draft"
        ? "You cannot back a draft challenge; people back it once it is published."
        : `A ${stage} challenge is closed; it no longer takes backers.`,
    );
  }
  if (isLeadership(actor)) {
    return refuse(403, "forbidden", "You lead this challenge; backing is how others say they want it done.");
  }
  return null;
}

/** The challenge's own decisions (editing it, managing its team) are its lead's and co-lead's. */
export function leadershipRefusal(actor: Pick<Actor, "isLead" | "isCoLead">, doing: string): Refusal | null {
  return isLeadership(actor) ? null : refuse(403, "forbidden", `Only the lead or co-lead can ${doing}.`);
}

/**
 * A challenge that was never published belongs to its lead and co-lead alone: a draft, and a
 * draft withdrawn before publishing (withdrawing it must not publish it). Every list that names
 * challenges applies the same rule in its query (worker/services/visibility.ts `visibleToSql`).
 */
export function isPrivate(ch: { stage: Stage; publishedAt: string | null }) {
  return ch.stage === "draft" || (ch.stage === "withdrawn" && ch.publishedAt === null);
}

/** Who may see a challenge: one never published only its lead and co-lead (SPEC §3, §14). */
export function isVisibleTo(
  ch: { stage: Stage; publishedAt: string | null },
  actor: Pick<Actor, "isLead" | "isCoLead">,
) {
  return !isPrivate(ch) || actor.isLead || actor.isCoLead;
}

/** The person-requestable actions this actor could take now, for the UI's buttons. */
export function availableActions(state: ChallengeState, actor: Actor, facts: Facts): RequestableAction[] {
  return REQUESTABLE_ACTIONS.filter((action) => decideTransition(state, actor, action, facts).ok);
}
