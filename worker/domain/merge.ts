/**
 * Every rule about merging one challenge into another (SPEC §3): a lead proposes merging their
 * open challenge into a live one, and it happens when the other challenge's lead consents. The
 * source then closes, returning its money, and its team and slots move across.
 */
import type { Stage } from "./lifecycle";
import { type Refusal, refuse } from "./refusal";

/** Stages a challenge can be merged from: open, before money or work is committed to it. */
export const MERGEABLE_SOURCE: readonly Stage[] = ["open"];
/** Stages a challenge can take another in: while its work is still ahead or under way. */
export const MERGEABLE_TARGET: readonly Stage[] = ["open", "funded", "active"];

/** Who leads the challenge and whether they may act for it. */
export interface MergeActor {
  isLead: boolean;
  isCoLead: boolean;
}

const includes = (stages: readonly Stage[], stage: string) => (stages as readonly string[]).includes(stage);

/** Whether a challenge at `stage` can take another in. */
export function mergeTargetRefusal(stage: string): Refusal | null {
  if (includes(MERGEABLE_TARGET, stage)) return null;
  return refuse(409, "invalid_stage", `A ${stage} challenge cannot take another in.`);
}

/** Who may propose merging a challenge, and from which stage: its lead or co-lead, while it is open. */
export function mergeProposalRefusal(actor: MergeActor, sourceStage: string): Refusal | null {
  if (!actor.isLead && !actor.isCoLead) return refuse(403, "forbidden", "Only the lead or co-lead proposes a merge.");
  if (sourceStage === "draft") {
    return refuse(
      409,
      "invalid_stage",
      "Publish this draft before proposing a merge: until then only its lead and co-lead may see it.",
    );
  }
  if (!includes(MERGEABLE_SOURCE, sourceStage)) {
    return refuse(409, "invalid_stage", `A ${sourceStage} challenge can no longer be merged into another.`);
  }
  return null;
}

/** Who decides a merge request: the lead or co-lead of the challenge merged into, while it is pending. */
export function mergeDecisionRefusal(intoActor: MergeActor, status: string): Refusal | null {
  if (!intoActor.isLead && !intoActor.isCoLead) {
    return refuse(403, "forbidden", "Only the lead or co-lead of the challenge merged into decides.");
  }
  if (status !== "pending") return refuse(409, "invalid_state", `This merge request is already ${status}.`);
  return null;
}

/** Accepting a merge needs both challenges still where a merge can happen. */
export function mergeAcceptRefusal(sourceStage: string, targetStage: string): Refusal | null {
  if (!includes(MERGEABLE_SOURCE, sourceStage)) {
    return refuse(409, "invalid_stage", "The other challenge moved on and can no longer be merged.");
  }
  return mergeTargetRefusal(targetStage);
}
