/**
 * Progression plans (SPEC §16): who may read and change a plan, what a plan must hold, when a
 * change is a new version, who still has to acknowledge it, and which dimension a piece of
 * evidence speaks to. Pure; worker/services/plans.ts reads and writes what these rules allow.
 */
import { type ContributionType, type Dimension, lendsDimensionId } from "./credit";
import { type Refusal, refuse } from "./refusal";

export const TARGET_KINDS = ["next_level", "grow_in_level"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const EVIDENCE_KINDS = ["contribution", "outcome", "endorsement", "kudos", "lend", "review"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const MIN_GOALS = 2;
export const MAX_GOALS = 6;

/** Who the caller is to the person whose plan it is. A former manager is nobody to it. */
export interface PlanReader {
  isSelf: boolean;
  /** The person's manager now (people.manager_id), not one they had before. */
  isCurrentManager: boolean;
  isAdmin: boolean;
}

export const planReader = (
  me: { id: string; roles: readonly string[] },
  person: { id: string; managerId: string | null },
): PlanReader => ({
  isSelf: me.id === person.id,
  isCurrentManager: person.managerId !== null && person.managerId === me.id,
  isAdmin: me.roles.includes("admin"),
});

/** A plan is private to its person, their current manager and admins: everyone else gets a 404. */
export const mayReadPlan = (r: PlanReader) => r.isSelf || r.isCurrentManager || r.isAdmin;

/**
 * Editing, checking in and acknowledging: the plan's two owners, the person and their current
 * manager. Admins read only. (Callers 404 first when `mayReadPlan` is false.)
 */
export function planChangeRefusal(r: PlanReader): Refusal | null {
  if (r.isSelf || r.isCurrentManager) return null;
  return refuse(403, "forbidden", "Only the person and their manager change a progression plan; admins read it.");
}

/** Evidence is the person's to confirm: only they attach or remove it. */
export function evidenceRefusal(r: PlanReader): Refusal | null {
  if (r.isSelf) return null;
  return refuse(403, "forbidden", "Only the person whose plan it is attaches or removes evidence.");
}

export interface PlanGoalInput {
  id?: string;
  dimensionId: string;
  title: string;
  evidenceWanted: string;
}

export interface PlanInput {
  targetKind: TargetKind;
  targetLevelId: string | null;
  summary: string;
  goals: readonly PlanGoalInput[];
}

export interface Level {
  id: string;
  track: string;
  rank: number;
  name: string;
}

/**
 * What is wrong with a plan, by field: the target must be a level above the person's on their
 * own track (or growth in level, on the IC track only); 2–6 goals, each on a framework dimension
 * and naming an existing goal of this plan when it gives an id.
 */
export function planProblems(
  input: PlanInput,
  facts: {
    person: { track: string; levelId: string | null };
    levels: readonly Level[];
    dimensions: readonly { id: string }[];
    goalIds: readonly string[];
  },
): Record<string, string> {
  const fields: Record<string, string> = {};
  const current = facts.levels.find((l) => l.id === facts.person.levelId);
  if (input.targetKind === "grow_in_level") {
    if (facts.person.track !== "ic") fields.targetKind = "Growth in level is for the IC track; aim at the next level.";
    else if (input.targetLevelId !== null && input.targetLevelId !== facts.person.levelId)
      fields.targetLevelId = "Growth in level aims at the level the person holds now; leave the level out.";
  } else {
    const target = facts.levels.find((l) => l.id === input.targetLevelId);
    if (!input.targetLevelId) fields.targetLevelId = "Choose the level the plan aims at.";
    else if (!target) fields.targetLevelId = "No such level.";
    else if (target.track !== facts.person.track)
      fields.targetLevelId = `Choose a level on the person's own track (${facts.person.track === "ic" ? "IC" : "management"}).`;
    else if (current && target.rank <= current.rank)
      fields.targetLevelId = `Choose a level above ${current.name}, the person's level now.`;
  }
  if (input.goals.length < MIN_GOALS || input.goals.length > MAX_GOALS)
    fields.goals = `A plan has ${MIN_GOALS} to ${MAX_GOALS} goals.`;
  const dimensions = new Set(facts.dimensions.map((d) => d.id));
  const known = new Set(facts.goalIds);
  const seen = new Set<string>();
  input.goals.forEach((g, i) => {
    if (!dimensions.has(g.dimensionId))
      fields[`goals.${i}.dimensionId`] = "Choose a dimension of the career framework.";
    if (g.id !== undefined) {
      if (!known.has(g.id) || seen.has(g.id))
        fields[`goals.${i}.id`] = "Not a goal of this plan; leave the id out for a new goal.";
      seen.add(g.id);
    }
  });
  return fields;
}

/** What a version keeps: the target, the summary and the goals, in order. */
export interface PlanSnapshot {
  targetKind: TargetKind;
  targetLevelId: string | null;
  summary: string;
  goals: { id: string; dimensionId: string; title: string; evidenceWanted: string }[];
}

/** A change is a new version only when the target, summary or goals differ (ids included). */
export function planChanged(before: PlanSnapshot | null, after: PlanSnapshot): boolean {
  if (!before) return true;
  return JSON.stringify(normalise(before)) !== JSON.stringify(normalise(after));
}

const normalise = (s: PlanSnapshot) => ({
  targetKind: s.targetKind,
  targetLevelId: s.targetKind === "grow_in_level" ? null : s.targetLevelId,
  summary: s.summary,
  goals: s.goals.map((g) => [g.id, g.dimensionId, g.title, g.evidenceWanted]),
});

/** Acknowledgements of one version. */
export interface VersionAcks {
  personAckAt: string | null;
  managerAckAt: string | null;
  managerAckById: string | null;
}

/**
 * Who still has to acknowledge the current version. The manager's acknowledgement counts only
 * if it came from the person's manager now: after a change of manager, the new one is asked.
 */
export function ackState(v: VersionAcks, currentManagerId: string | null) {
  const personAcknowledged = v.personAckAt !== null;
  const managerAcknowledged =
    currentManagerId !== null && v.managerAckById === currentManagerId && v.managerAckAt !== null;
  return {
    personAcknowledged,
    managerAcknowledged,
    managerMustAcknowledge: currentManagerId !== null && !managerAcknowledged,
    agreed: personAcknowledged && managerAcknowledged,
  };
}

/** Acknowledging the current version: once each, by the person or their current manager. */
export function acknowledgeRefusal(
  r: PlanReader,
  state: ReturnType<typeof ackState>,
  facts: { version: number; asked: number },
): Refusal | null {
  const who = planChangeRefusal(r);
  if (who) return who;
  if (facts.asked !== facts.version)
    return refuse(409, "conflict", `The plan is at version ${facts.version} now; read it before acknowledging.`, {
      version: facts.version,
    });
  if (r.isSelf ? state.personAcknowledged : state.managerAcknowledged)
    return refuse(409, "invalid_state", `You already acknowledged version ${facts.version}.`);
  return null;
}

/** A piece of the person's own credit that could back a goal. */
export interface EvidenceSource {
  kind: EvidenceKind;
  /** A contribution's type, or the endorsed contribution's. */
  contributionType: string | null;
  /** The types of the person's confirmed credit on the source's challenge. */
  creditTypes: readonly string[];
}

/** The dimension a contribution type evidences (as the impact packet groups it): unclaimed ones land in the last. */
export function dimensionOfType(type: string, dimensions: readonly Dimension[]): string | undefined {
  return (dimensions.find((d) => d.contributionTypes.includes(type as ContributionType)) ?? dimensions.at(-1))?.id;
}

/**
 * The dimensions a piece of evidence speaks to, the way the impact packet maps credit: a
 * contribution (and an endorsement of it) by its type; a lend in the mentoring dimension; an
 * outcome, kudos or review by the types of the person's confirmed credit on that challenge (or,
 * with none, where untyped work lands).
 */
export function dimensionsOfEvidence(source: EvidenceSource, dimensions: readonly Dimension[]): Set<string> {
  const out = new Set<string>();
  const add = (id: string | undefined) => id && out.add(id);
  if (source.kind === "lend") add(lendsDimensionId(dimensions));
  else if (source.kind === "contribution" || source.kind === "endorsement")
    add(dimensionOfType(source.contributionType ?? "other", dimensions));
  else if (source.creditTypes.length === 0) add(dimensionOfType("other", dimensions));
  else for (const t of source.creditTypes) add(dimensionOfType(t, dimensions));
  return out;
}

/** The ISO date three months after `day` (YYYY-MM-DD), clamped to the month's end. */
export function quarterAfter(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const month = m - 1 + 3;
  const last = new Date(Date.UTC(y, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, month, Math.min(d, last))).toISOString().slice(0, 10);
}
