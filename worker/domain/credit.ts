/**
 * Every rule about visible credit (SPEC §1, §6, §7): who may record, confirm, endorse and
 * retract a contribution, what counts, and how a portfolio groups into the career framework's
 * dimensions for an impact packet. Pure; the services write what these rules allow.
 */
import { type Refusal, refuse } from "./refusal";

/** Contribution types: the CRediT taxonomy adapted for hub work, plus `other`. */
export const CONTRIBUTION_TYPES = [
  "conceptualization",
  "investigation",
  "methodology",
  "software",
  "design",
  "data_curation",
  "formal_analysis",
  "validation",
  "visualization",
  "writing",
  "project_administration",
  "resources",
  "supervision_mentoring",
  "funding_acquisition",
  "other",
] as const;
export type ContributionType = (typeof CONTRIBUTION_TYPES)[number];

export const CONTRIBUTION_LABELS: Record<ContributionType, string> = {
  conceptualization: "Conceptualization",
  investigation: "Investigation",
  methodology: "Methodology",
  software: "Software",
  design: "Design",
  data_curation: "Data curation",
  formal_analysis: "Formal analysis",
  validation: "Validation",
  visualization: "Visualization",
  writing: "Writing",
  project_administration: "Project administration",
  resources: "Resources",
  supervision_mentoring: "Supervision and mentoring",
  funding_acquisition: "Funding acquisition",
  other: "Other",
};

export type ContributionStatus = "pending" | "confirmed" | "declined" | "retracted";

/** Only confirmed credit counts: pending awaits its person, declined and retracted never count. */
export const counts = (status: ContributionStatus) => status === "confirmed";

export interface TeamRelation {
  /** Lead, co-lead or an active member of the challenge. */
  onTeam: boolean;
}

/**
 * Recording credit: only the team of that challenge records, for themselves or a teammate.
 * Credit recorded for oneself counts at once; for someone else it waits for them to confirm.
 */
export function recordRefusal(recorder: TeamRelation, credited: TeamRelation, stage: string): Refusal | null {
  if (!recorder.onTeam)
    return { status: 403, code: "forbidden", reason: "Only the challenge's team records credit on it." };
  if (!credited.onTeam) {
    return { status: 409, code: "not_on_team", reason: "Credit goes to people on this challenge's team." };
  }
  if (stage === "draft" || stage === "withdrawn") {
    return { status: 409, code: "invalid_stage", reason: `A ${stage} challenge has no work to credit yet.` };
  }
  return null;
}

export function initialStatus(recorderId: string, creditedId: string): ContributionStatus {
  return recorderId === creditedId ? "confirmed" : "pending";
}

/** Confirming or declining: the credited person, while it is pending. */
export function confirmRefusal(c: { personId: string; status: ContributionStatus }, actorId: string): Refusal | null {
  if (c.personId !== actorId)
    return { status: 403, code: "forbidden", reason: "Only the person credited confirms or declines it." };
  if (c.status !== "pending")
    return { status: 409, code: "invalid_state", reason: `This credit is already ${c.status}.` };
  return null;
}

/** Endorsing: a team member or lead of the challenge, never the credited person, once, on confirmed credit. */
export function endorseRefusal(
  c: { personId: string; status: ContributionStatus },
  endorser: { id: string; onTeam: boolean; alreadyEndorsed: boolean },
): Refusal | null {
  if (endorser.id === c.personId)
    return { status: 403, code: "forbidden", reason: "You cannot endorse your own credit." };
  if (!endorser.onTeam)
    return { status: 403, code: "forbidden", reason: "Only the challenge's team and leads endorse its credit." };
  if (c.status !== "confirmed") {
    return {
      status: 409,
      code: "invalid_state",
      reason: `Only confirmed credit can be endorsed; this is ${c.status}.`,
    };
  }
  if (endorser.alreadyEndorsed)
    return { status: 409, code: "already_endorsed", reason: "You have already endorsed this credit." };
  return null;
}

/**
 * Retracting: the person who recorded it, the person credited, or the challenge's lead or
 * co-lead. It stays readable, marked retracted with who and why; it no longer counts.
 */
export function retractRefusal(
  c: { personId: string; recordedById: string; status: ContributionStatus },
  actor: { id: string; isLeadOrCoLead: boolean; isAdmin: boolean },
): Refusal | null {
  const allowed = actor.id === c.personId || actor.id === c.recordedById || actor.isLeadOrCoLead || actor.isAdmin;
  if (!allowed) {
    return {
      status: 403,
      code: "forbidden",
      reason: "Only the person credited, who recorded it, the leads or an admin retract credit.",
    };
  }
  if (c.status === "retracted")
    return { status: 409, code: "invalid_state", reason: "This credit is already retracted." };
  if (c.status === "declined")
    return {
      status: 409,
      code: "invalid_state",
      reason: "Declined credit never counted; there is nothing to retract.",
    };
  return null;
}

/** A dimension of the career framework (admin-managed) and the contribution types that evidence it. */
export interface Dimension {
  id: string;
  name: string;
  description: string;
  contributionTypes: readonly ContributionType[];
}

/** Defaults after public IC frameworks: scope, collaborative reach, impact levers, mentoring. */
export const DEFAULT_DIMENSIONS: Dimension[] = [
  {
    id: "scope",
    name: "Scope",
    description: "The size and ambiguity of the problems taken on, and the direction set for them.",
    contributionTypes: ["conceptualization", "methodology", "project_administration", "funding_acquisition"],
  },
  {
    id: "collaborative_reach",
    name: "Collaborative reach",
    description: "How far across disciplines and teams the work reached.",
    contributionTypes: ["resources", "writing", "visualization"],
  },
  {
    id: "impact_levers",
    name: "Impact levers",
    description: "The hands-on work that moved the challenge's measurable goals.",
    contributionTypes: [
      "investigation",
      "software",
      "design",
      "data_curation",
      "formal_analysis",
      "validation",
      "other",
    ],
  },
  {
    id: "mentoring",
    name: "Mentoring",
    description: "Growing others: supervision, mentoring and lending people to hub work.",
    contributionTypes: ["supervision_mentoring"],
  },
];

/**
 * The dimension a manager's lends of people to hub work belong to: the one that mentoring
 * evidences (admins may rename or re-cut the framework), or else the last.
 */
export function lendsDimensionId(dimensions: readonly Dimension[]): string | undefined {
  return (dimensions.find((d) => d.contributionTypes.includes("supervision_mentoring")) ?? dimensions.at(-1))?.id;
}

/** Groups credit by dimension; a type no dimension claims lands in the last one. */
export function groupByDimension<T extends { type: ContributionType }>(
  items: readonly T[],
  dimensions: readonly Dimension[],
) {
  const groups = dimensions.map((d) => ({ dimension: d, items: [] as T[] }));
  for (const item of items) {
    const group = groups.find((g) => g.dimension.contributionTypes.includes(item.type)) ?? groups.at(-1);
    group?.items.push(item);
  }
  return groups;
}

/** Milestones: planned → done | slipped (with a reason); slipped → done; a slipped one can be re-planned. */
export type MilestoneStatus = "planned" | "done" | "slipped";

export function milestoneChangeRefusal(
  from: MilestoneStatus,
  to: MilestoneStatus,
  slipReason: string | undefined,
): Refusal | null {
  if (to === "slipped" && !slipReason?.trim()) {
    return { status: 409, code: "reason_missing", reason: "Say why the milestone slipped." };
  }
  if (from === "done" && to !== "done") {
    return {
      status: 409,
      code: "invalid_transition",
      reason: "A milestone that is done stays done; add a new one instead.",
    };
  }
  return null;
}

/** Whether a milestone is late on `today` (ISO date): planned and past its due date. */
export const isOverdue = (m: { status: MilestoneStatus; dueOn: string }, today: string) =>
  m.status === "planned" && m.dueOn < today;

/** Stages in which a challenge's team reports progress: milestones and updates. */
export const PROGRESS_STAGES: readonly string[] = ["open", "funded", "active"];

/**
 * Who reports progress, and when (SPEC §6): the challenge's team, lead and co-lead, while it is
 * open, funded or active. `doing` names the act ("post updates", "plan milestones").
 */
export function progressRefusal(onTeam: boolean, stage: string, doing: string): Refusal | null {
  if (!onTeam) return refuse(403, "forbidden", `Only the challenge's team, lead and co-lead ${doing}.`);
  if (!PROGRESS_STAGES.includes(stage)) {
    return refuse(
      409,
      "invalid_stage",
      `Progress is reported on open, funded and active challenges; this one is ${stage}.`,
    );
  }
  return null;
}

/** Field problems of an update's KPI check-ins: the challenge's own KPIs, values already measured by `today`. */
export function checkinProblems(
  checkins: readonly { kpiId: string; measuredOn: string }[],
  kpiIds: readonly string[],
  today: string,
): Record<string, string> {
  const known = new Set(kpiIds);
  const fields: Record<string, string> = {};
  checkins.forEach((x, i) => {
    if (!known.has(x.kpiId)) fields[`checkins.${i}.kpiId`] = "No such KPI on this challenge.";
    if (x.measuredOn > today) fields[`checkins.${i}.measuredOn`] = "A check-in reports a value already measured.";
  });
  return fields;
}

/** Kudos are public, so they go on challenges that were published (SPEC §14), never on a private one. */
export function kudosStageRefusal(isPrivateChallenge: boolean): Refusal | null {
  return isPrivateChallenge ? refuse(409, "invalid_stage", "Kudos go on published challenges.") : null;
}

/** Field problems of kudos: to someone else, who is an active person. */
export function kudosProblems(k: { fromId: string; toId: string; toActive: boolean }): Record<string, string> {
  if (k.toId === k.fromId) return { toId: "Thank someone else." };
  if (!k.toActive) return { toId: "No such person." };
  return {};
}
