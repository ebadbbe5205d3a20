import { listInWords } from "../../../lib/format";
import type { Slot, TeamMember } from "../../../lib/types";
import { disciplineName } from "../../../state/org";

/** Stages whose slots take applications (worker/domain/teams.ts). */
export const RECRUITING_STAGES: readonly string[] = ["open", "funded", "active"];
/** Stages in which the lead and co-lead manage slots. */
export const SLOT_EDIT_STAGES: readonly string[] = ["draft", "open", "funded", "active"];
export const MAX_SLOTS = 20;

/**
 * A slot's name in words: "Data", or "Data 2" when several slots ask for the same discipline, so
 * every button that names a slot is told apart.
 */
export function slotName(slot: Slot, slots: readonly Slot[]): string {
  const same = slots.filter((s) => s.discipline === slot.discipline);
  const name = disciplineName(slot.discipline);
  return same.length > 1 ? `${name} ${same.indexOf(slot) + 1}` : name;
}

/** A list of discipline ids in words: "Data, Design and Engineering". */
export function disciplinesInWords(ids: readonly string[]) {
  return listInWords(ids.map(disciplineName));
}

/** "Awaiting Paula Greene's lend". */
export function lendWords(m: TeamMember) {
  return m.lend?.managerName ? `Awaiting ${m.lend.managerName}'s lend` : "Awaiting their manager's lend";
}

/** The question open under a row: releasing or leaving (a member), or removing a slot. */
export type Confirming = { kind: "release" | "leave"; member: TeamMember } | { kind: "remove-slot"; slot: Slot } | null;

/** A refused change's message, shown beside the row it came from (member or slot id). */
export type RowFailure = { at: string; message: string } | null;
