/**
 * Lending agreements (SPEC §16): a lend runs from a start date to an end date for a share of the
 * person's time. Seven days before the end the manager and the lead are asked to extend or end
 * it; at the end (or when either ends it, or the manager recalls the person early) the seat
 * closes and the credit stays. Pure: the services enforce the same states with conditional SQL.
 */
import { type Refusal, refuse } from "./refusal";

/** Weeks a lend runs when neither the lead nor the challenge said how long. */
export const DEFAULT_LEND_WEEKS = 12;

/** How many days before its end a lend's manager and lead are asked to extend or end it. */
export const END_REMINDER_DAYS = 7;

/** An ISO timestamp's date, `YYYY-MM-DD` (UTC). */
export const dayOf = (iso: string) => iso.slice(0, 10);

/** `day` plus `days` days, as `YYYY-MM-DD`. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The dates an approval sets: from the approval day (or the given start) for the lend's weeks, unless an end is given. */
export function agreementDates(
  today: string,
  durationWeeks: number | null,
  given: { startsOn?: string; endsOn?: string },
) {
  const startsOn = given.startsOn ?? today;
  const endsOn = given.endsOn ?? addDays(startsOn, 7 * (durationWeeks ?? DEFAULT_LEND_WEEKS));
  return { startsOn, endsOn };
}

/** Fields wrong with an approval's dates (400): the start not before today, the end after both. */
export function agreementProblems(today: string, dates: { startsOn: string; endsOn: string }) {
  const problems: Record<string, string> = {};
  if (dates.startsOn < today) problems.startsOn = "The lend cannot start before today.";
  if (dates.endsOn <= dates.startsOn) problems.endsOn = "The end date must be after the start date.";
  else if (dates.endsOn <= today) problems.endsOn = "The end date must be after today.";
  return problems;
}

/** Fields wrong with a new end date (400): it must be after today and after the current end. */
export function extendProblems(
  today: string,
  current: { endsOn: string | null },
  endsOn: string,
): Record<string, string> {
  if (endsOn <= today) return { endsOn: "The new end date must be after today." };
  if (current.endsOn && endsOn <= current.endsOn)
    return { endsOn: `The new end date must be after the current one, ${current.endsOn}.` };
  return {};
}

export type LendState = "pending" | "declined" | "live" | "ended" | "recalled";

/** Where a lend stands: decided or not, running, or closed and how. */
export function lendState(l: {
  status: "pending" | "approved" | "declined";
  closedKind: "ended" | "recalled" | null;
}): LendState {
  if (l.status !== "approved") return l.status;
  return l.closedKind ?? "live";
}

export interface AgreementStanding {
  isManager: boolean;
  isPerson: boolean;
  /** The challenge's lead or co-lead. */
  isLead: boolean;
  isAdmin: boolean;
  state: LendState;
}

/** Who knows a lend's agreement and its return report exist: the manager, the person, the leads, admins. */
export const seesAgreement = (s: AgreementStanding) => s.isManager || s.isPerson || s.isLead || s.isAdmin;

function runningRefusal(state: LendState): Refusal | null {
  if (state === "live") return null;
  if (state === "ended" || state === "recalled")
    return refuse(409, "invalid_state", `This lend has already ${state === "ended" ? "ended" : "been recalled"}.`);
  return refuse(409, "invalid_state", `This lend is ${state}, not approved; only a running lend can change.`);
}

/** The manager or the lead may extend a running lend, or end it now. */
export function extendOrEndRefusal(s: AgreementStanding): Refusal | null {
  if (!s.isManager && !s.isLead)
    return refuse(403, "forbidden", "Only the lent person's manager or the challenge's lead can change this lend.");
  return runningRefusal(s.state);
}

/** Only the manager recalls a running lend early (with a reason the lead sees). */
export function recallRefusal(s: AgreementStanding): Refusal | null {
  if (!s.isManager) return refuse(403, "forbidden", "Only the lent person's manager can recall them.");
  return runningRefusal(s.state);
}
