/**
 * Every rule about hub teams (SPEC §6): who may apply and be accepted, the commitment cap,
 * lending, coverage, and how well an open slot fits a person. Pure; the services enforce the
 * limits again with conditional statements so concurrent requests cannot get past them.
 */
import { RECRUITING_STAGES, SLOT_EDIT_STAGES, type Stage } from "./lifecycle";
import { type Refusal, refuse } from "./refusal";

export type MembershipStatus = "pending_lend" | "active" | "released" | "lend_declined";

/**
 * The memberships that hold a seat: lent, or awaiting the manager's lend. A seat counts toward
 * the person's commitment and the slot's filled count, and makes them follow the challenge.
 */
export const SEAT_STATUSES = ["pending_lend", "active"] as const satisfies readonly MembershipStatus[];

/** The memberships that put someone on the team: a seat still awaiting its lend is not one yet. */
export const ON_TEAM_STATUSES = ["active"] as const satisfies readonly MembershipStatus[];

export interface TeamStanding {
  isLead: boolean;
  isCoLead: boolean;
  /** The person's membership of this challenge's team, if they have one. */
  membership: MembershipStatus | null;
}

/** Whether the person holds a membership that puts them on the team (not counting leading it). */
export const isTeamMember = (membership: MembershipStatus | null) =>
  membership !== null && (ON_TEAM_STATUSES as readonly MembershipStatus[]).includes(membership);

/**
 * "On the team of" a challenge (SPEC §6, §7): its lead, its co-lead, or an active member. The team
 * records and endorses credit, answers showcase questions and hears the team's news. In SQL:
 * worker/services/team-sql.ts `teamOfSql` and `onTeamSql`.
 */
export const isOnTeamOf = (s: TeamStanding) => s.isLead || s.isCoLead || isTeamMember(s.membership);

/** Whether the person holds a seat on the team (lent or awaiting the lend); SQL: `holdsSeatSql`. */
export const holdsSeat = (membership: MembershipStatus | null) =>
  membership !== null && (SEAT_STATUSES as readonly MembershipStatus[]).includes(membership);

export interface SlotFacts {
  status: "open" | "closed";
  count: number;
  filled: number;
  discipline: string;
}

export interface ApplyFacts {
  stage: Stage;
  slot: SlotFacts;
  isLeadOrCoLead: boolean;
  /** The applicant already has a pending or accepted application to this slot. */
  hasLiveApplication: boolean;
  /** The applicant already holds a seat on this challenge. */
  isMember: boolean;
}

export function applyRefusal(f: ApplyFacts): Refusal | null {
  if (f.isLeadOrCoLead)
    return { status: 409, code: "own_challenge", reason: "You lead this challenge; leads do not apply to its slots." };
  if (!RECRUITING_STAGES.includes(f.stage)) {
    return { status: 409, code: "invalid_stage", reason: `A ${f.stage} challenge takes no applications.` };
  }
  if (f.slot.status !== "open") return { status: 409, code: "slot_closed", reason: "This role slot is closed." };
  if (f.slot.filled >= f.slot.count)
    return { status: 409, code: "slot_full", reason: "This role slot is already full." };
  if (f.isMember) return { status: 409, code: "already_member", reason: "You are already on this team." };
  if (f.hasLiveApplication) {
    return { status: 409, code: "already_applied", reason: "You have already applied to this slot." };
  }
  return null;
}

export interface AcceptFacts {
  stage: Stage;
  slot: SlotFacts;
  applicationStatus: string;
  /** The applicant already holds a seat on this challenge (through another slot). */
  isMember?: boolean;
  /** The applicant's current commitment across open, funded and active teams, in percent. */
  currentCommitment: number;
  commitment: number;
  cap: number;
  applicantName: string;
}

export function acceptRefusal(f: AcceptFacts): Refusal | null {
  if (f.applicationStatus !== "pending") {
    return { status: 409, code: "invalid_state", reason: `This application is already ${f.applicationStatus}.` };
  }
  if (!RECRUITING_STAGES.includes(f.stage)) {
    return { status: 409, code: "invalid_stage", reason: `A ${f.stage} challenge takes no new members.` };
  }
  if (f.slot.status !== "open") return { status: 409, code: "slot_closed", reason: "This role slot is closed." };
  if (f.slot.filled >= f.slot.count) {
    return {
      status: 409,
      code: "slot_full",
      reason: `The ${f.slot.discipline} slot is full (${f.slot.filled} of ${f.slot.count}).`,
    };
  }
  if (f.isMember) {
    return { status: 409, code: "already_member", reason: `${f.applicantName} is already on this team.` };
  }
  const refusal = commitmentRefusal(f.applicantName, f.currentCommitment, f.commitment, f.cap);
  return refusal;
}

/** The commitment cap (SPEC §6): nobody's total across live teams passes the org's cap. */
export function commitmentRefusal(name: string, current: number, adding: number, cap: number): Refusal | null {
  if (current + adding <= cap) return null;
  return {
    status: 409,
    code: "over_commitment",
    reason: `${name} is already committed ${current}% across open, funded and active challenges; ${adding}% more would pass the ${cap}% cap.`,
  };
}

export interface TeamMember {
  discipline: string | null;
  slotId: string;
  status: (typeof SEAT_STATUSES)[number];
}

export interface SlotForCoverage {
  id: string;
  discipline: string;
  count: number;
  required: boolean;
  status: "open" | "closed";
}

export interface Coverage {
  /** Distinct disciplines of active members (and the lead and co-lead). */
  disciplinesCovered: string[];
  requiredSeats: number;
  requiredSeatsFilled: number;
  /** Disciplines a slot asks for that no active member brings. */
  disciplinesMissing: string[];
}

/** Team coverage (SPEC §6): which disciplines the team has, and which it wants but lacks. */
export function coverage(
  slots: readonly SlotForCoverage[],
  members: readonly TeamMember[],
  leadDisciplines: readonly (string | null)[],
): Coverage {
  const active = members.filter((m) => m.status === "active");
  const covered = new Set<string>();
  for (const d of [...leadDisciplines, ...active.map((m) => m.discipline)]) if (d) covered.add(d);
  let requiredSeats = 0;
  let requiredSeatsFilled = 0;
  for (const slot of slots) {
    if (!slot.required) continue;
    requiredSeats += slot.count;
    requiredSeatsFilled += Math.min(slot.count, active.filter((m) => m.slotId === slot.id).length);
  }
  const wanted = new Set(slots.filter((s) => s.status === "open" || s.required).map((s) => s.discipline));
  return {
    disciplinesCovered: [...covered].sort(),
    requiredSeats,
    requiredSeatsFilled,
    disciplinesMissing: [...wanted].filter((d) => !covered.has(d)).sort(),
  };
}

/** Required slots without enough active members, in words, for the `start` rule. */
export function unfilledRequiredSlots(slots: readonly SlotForCoverage[], members: readonly TeamMember[]) {
  return slots
    .filter((s) => s.required)
    .map((s) => ({ s, active: members.filter((m) => m.slotId === s.id && m.status === "active").length }))
    .filter(({ s, active }) => active < s.count)
    .map(({ s, active }) => `${s.discipline} (${s.count - active} of ${s.count} open)`);
}

export interface FitPerson {
  discipline: string | null;
  skills: readonly string[];
}

export interface FitSlot {
  discipline: string;
  skills: readonly string[];
  required: boolean;
}

/**
 * How well an open slot fits a person (the "For you" ranking): their discipline is worth most,
 * each shared skill adds, a required role a little more; the reasons say why in words.
 */
export function slotFit(person: FitPerson, slot: FitSlot) {
  const reasons: string[] = [];
  let score = 0;
  if (person.discipline && person.discipline === slot.discipline) {
    score += 10;
    reasons.push(`It asks for ${slot.discipline}, your discipline.`);
  }
  const mine = new Set(person.skills.map((s) => s.toLowerCase()));
  const shared = slot.skills.filter((s) => mine.has(s.toLowerCase()));
  if (shared.length) {
    score += 3 * shared.length;
    reasons.push(`It wants ${shared.join(", ")}, which you list among your skills.`);
  }
  if (score > 0 && slot.required) {
    score += 1;
    reasons.push("The team cannot start without this role.");
  }
  return { score, reasons, sharedSkills: shared };
}

// ─── Who acts on applications, memberships, lends and slots ─────────────────────────────────

/** A person's standing toward one application. */
export interface ApplicationStanding {
  isApplicant: boolean;
  isLeadOrCoLead: boolean;
  status: string;
}

/**
 * Who knows an application exists (SPEC §6): its applicant and the team's lead and co-lead.
 * Anyone else is answered as if there were no such application.
 */
export const seesApplication = (s: Pick<ApplicationStanding, "isApplicant" | "isLeadOrCoLead">) =>
  s.isApplicant || s.isLeadOrCoLead;

const pendingApplicationRefusal = (status: string) =>
  status === "pending" ? null : refuse(409, "invalid_state", `This application is already ${status}.`);

/** Only the lead or co-lead accepts or declines an application (SPEC §6). */
export const deciderRefusal = (s: Pick<ApplicationStanding, "isLeadOrCoLead">): Refusal | null =>
  s.isLeadOrCoLead ? null : refuse(403, "forbidden", "Only the lead or co-lead decides applications.");

/** The lead or co-lead declines an application while it is still pending (SPEC §6). */
export const declineRefusal = (s: ApplicationStanding): Refusal | null =>
  deciderRefusal(s) ?? pendingApplicationRefusal(s.status);

/** Only the applicant withdraws their application, and only while it is pending (SPEC §6). */
export const withdrawRefusal = (s: ApplicationStanding): Refusal | null =>
  s.isApplicant
    ? pendingApplicationRefusal(s.status)
    : refuse(403, "forbidden", "Only the applicant can withdraw an application.");

export interface MembershipEnding {
  isLeadOrCoLead: boolean;
  /** The membership is the caller's own: they are leaving. */
  isOwn: boolean;
  status: string;
}

/**
 * A membership ends (SPEC §6) when the lead or co-lead releases the member or the member leaves,
 * and only while it holds a seat (lent, or awaiting the lend).
 */
export function endMembershipRefusal(f: MembershipEnding): Refusal | null {
  if (!f.isLeadOrCoLead && !f.isOwn) {
    return refuse(403, "forbidden", "Only the lead, the co-lead or the member can end a membership.");
  }
  if (!holdsSeat(f.status as MembershipStatus)) {
    return refuse(409, "invalid_state", `This membership is already ${f.status}.`);
  }
  return null;
}

export interface LendStanding {
  /** The caller is the lent person's manager, who decides the lend. */
  isManager: boolean;
  /** The caller is the person being lent. */
  isPerson: boolean;
  status: string;
}

/**
 * Who knows a lend request exists (SPEC §6): the manager who decides it and the person lent.
 * Anyone else is answered as if there were no such request.
 */
export const seesLend = (s: Pick<LendStanding, "isManager" | "isPerson">) => s.isManager || s.isPerson;

/** The lent person's manager decides a lend, once, while it is pending (SPEC §6). */
export function lendDecisionRefusal(s: LendStanding): Refusal | null {
  if (!s.isManager) return refuse(403, "forbidden", "Only your manager decides this lend.");
  if (s.status !== "pending") return refuse(409, "invalid_state", `This lend request is already ${s.status}.`);
  return null;
}

/** Only the lead names or removes the co-lead (SPEC §6). */
export const nameCoLeadRefusal = (isLead: boolean): Refusal | null =>
  isLead ? null : refuse(403, "forbidden", "Only the lead names the co-lead.");

/** Field problems of naming a co-lead: the lead is not also their own co-lead. */
export function coLeadProblems(personId: string | null, leadId: string): Record<string, string> {
  return personId === leadId ? { personId: "The lead cannot also be the co-lead." } : {};
}

/** The co-lead is one of the team's active members (SPEC §6); naming nobody removes the co-lead. */
export function coLeadRefusal(personId: string | null, nomineeOnTeam: boolean): Refusal | null {
  if (!personId || nomineeOnTeam) return null;
  return refuse(409, "not_a_member", "Only an active member of the team can be co-lead.");
}

/** The most role slots a challenge has (SPEC §6). */
export const MAX_SLOTS = 20;

export interface SlotManaging {
  isLeadOrCoLead: boolean;
  stage: Stage;
}

/**
 * The lead or co-lead manages role slots (SPEC §6), while the challenge is a draft, open, funded
 * or active.
 */
export function manageSlotsRefusal(f: SlotManaging): Refusal | null {
  if (!f.isLeadOrCoLead) return refuse(403, "forbidden", "Only the lead or co-lead can manage role slots.");
  if (!SLOT_EDIT_STAGES.includes(f.stage)) {
    return refuse(
      409,
      "invalid_stage",
      `Role slots are managed on draft, open, funded and active challenges; this one is ${f.stage}.`,
    );
  }
  return null;
}

/** A slot is added by whoever manages slots, up to `MAX_SLOTS` on a challenge (SPEC §6). */
export function addSlotRefusal(f: SlotManaging & { slotCount: number }): Refusal | null {
  const refusal = manageSlotsRefusal(f);
  if (refusal) return refusal;
  if (f.slotCount >= MAX_SLOTS)
    return refuse(409, "too_many_slots", `A challenge has at most ${MAX_SLOTS} role slots.`);
  return null;
}

/** Field problems of a slot's discipline: it must be on the admin-managed list. */
export function disciplineProblems(unknown: ReadonlySet<string>): Record<string, string> {
  for (const discipline of unknown) return { discipline: `Unknown discipline "${discipline}".` };
  return {};
}

export interface SlotChanges {
  discipline?: string;
  count?: number;
  [field: string]: unknown;
}

/** Field problems of a slot edit: it changes at least one field, to a known discipline. */
export function slotChangesProblems(changes: SlotChanges, unknown: ReadonlySet<string>): Record<string, string> {
  if (Object.values(changes).every((v) => v === undefined)) return { body: "Send at least one field to change." };
  return disciplineProblems(unknown);
}

/**
 * A slot keeps the members it has (SPEC §6): its count never drops below them, and its
 * discipline changes only while nobody holds it.
 */
export function slotEditRefusal(slot: Pick<SlotFacts, "filled" | "discipline">, changes: SlotChanges): Refusal | null {
  if (changes.count !== undefined && changes.count < slot.filled) {
    return refuse(
      409,
      "slot_filled",
      `The slot has ${slot.filled} members; release one before lowering its count below that.`,
    );
  }
  if (changes.discipline && changes.discipline !== slot.discipline && slot.filled > 0) {
    return refuse(409, "slot_filled", "Release the slot's members before changing its discipline.");
  }
  return null;
}

/** A slot is removed only while nobody holds it (SPEC §6). */
export const removeSlotRefusal = (slot: Pick<SlotFacts, "filled" | "discipline">): Refusal | null =>
  slot.filled > 0
    ? refuse(409, "slot_filled", `The ${slot.discipline} slot has members; release them before removing it.`)
    : null;
