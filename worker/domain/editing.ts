/**
 * Every rule about editing a published or draft challenge's content (SPEC §4): in which stages it
 * can be edited, when the funding ask is settled, that an ask never drops below what sponsors have
 * pledged, that a slot keeps the members it has, and that a published challenge keeps its goals
 * and boundaries.
 */
import { canEditContent, canEditFundingAsk, missingForPublish, type Stage } from "./lifecycle";
import { type Refusal, refuse } from "./refusal";

/** What an edit is checked against: the challenge as it stands. */
export interface EditedChallenge {
  stage: Stage;
  fundingAsk: number | null;
  /** Active pledges' total, in minor units. */
  pledged: number;
  summary: string;
  problem: string;
  constraints: string;
  horizonWeeks: number | null;
  kpiIds: readonly string[];
  slots: readonly { id: string; discipline: string; filled: number }[];
}

/** The parts of an edit these rules look at; absent fields stay as they are. */
export interface ContentEdit {
  summary?: string;
  problem?: string;
  boundaries?: { constraints?: string };
  horizonWeeks?: number | null;
  fundingAsk?: number | null;
  kpis?: readonly { id?: string }[];
  slots?: readonly { id?: string; count: number; discipline: string }[];
}

/** SPEC §14: the refusal says how much is pledged, in minor units. */
export const askBelowPledgedRefusal = (pledged: number) =>
  refuse(
    409,
    "ask_below_pledged",
    `Sponsors have pledged ${pledged} (minor units) already; the ask cannot go below that. Set it to ${pledged} to be funded now.`,
    { pledged },
  );

/** Whether the challenge's stage lets this edit happen at all, and the ask stay at or above what is pledged. */
export function editStageRefusal(ch: EditedChallenge, edit: ContentEdit): Refusal | null {
  if (!canEditContent(ch.stage))
    return refuse(409, "invalid_stage", `A ${ch.stage} challenge can no longer be edited.`);
  if (edit.fundingAsk !== undefined && edit.fundingAsk !== ch.fundingAsk && !canEditFundingAsk(ch.stage)) {
    return refuse(409, "invalid_stage", `The funding ask is settled once a challenge is ${ch.stage}.`);
  }
  if (ch.stage === "open" && edit.fundingAsk != null && edit.fundingAsk < ch.pledged) {
    return askBelowPledgedRefusal(ch.pledged);
  }
  return null;
}

/** Field problems of an edit: KPIs and slots it names by id must be this challenge's. */
export function editProblems(ch: EditedChallenge, edit: ContentEdit): Record<string, string> {
  const fields: Record<string, string> = {};
  const kpiIds = new Set(ch.kpiIds);
  edit.kpis?.forEach((k, i) => {
    if (k.id && !kpiIds.has(k.id)) fields[`kpis.${i}.id`] = "No such KPI on this challenge.";
  });
  const slotIds = new Set(ch.slots.map((s) => s.id));
  edit.slots?.forEach((s, i) => {
    if (s.id && !slotIds.has(s.id)) fields[`slots.${i}.id`] = "No such slot on this challenge.";
  });
  return fields;
}

/** Field problems of slots naming disciplines that are not on the admin-managed list. */
export function slotDisciplineProblems(unknown: ReadonlySet<string>, slots: readonly { discipline: string }[] = []) {
  const fields: Record<string, string> = {};
  slots.forEach((s, i) => {
    if (unknown.has(s.discipline)) fields[`slots.${i}.discipline`] = `Unknown discipline "${s.discipline}".`;
  });
  return fields;
}

/**
 * Whether the edited content still holds: no slot with members is removed or shrunk below them,
 * and a published challenge keeps everything it needed to be published.
 */
export function editContentRefusal(ch: EditedChallenge, edit: ContentEdit): Refusal | null {
  if (edit.slots) {
    const kept = new Set(edit.slots.map((s) => s.id).filter(Boolean));
    const removedFilled = ch.slots.filter((s) => !kept.has(s.id) && s.filled > 0);
    if (removedFilled.length) {
      const names = removedFilled.map((s) => s.discipline).join(", ");
      return refuse(409, "slot_filled", `Release the members of the ${names} slot before removing it.`);
    }
    const byId = new Map(ch.slots.map((s) => [s.id, s]));
    for (const s of edit.slots) {
      const existing = s.id ? byId.get(s.id) : undefined;
      if (existing && s.count < existing.filled) {
        return refuse(
          409,
          "slot_filled",
          `The ${existing.discipline} slot has ${existing.filled} members; its count cannot go below that.`,
        );
      }
    }
  }
  if (ch.stage === "draft") return null;
  const missing = missingForPublish({
    summary: edit.summary ?? ch.summary,
    problem: edit.problem ?? ch.problem,
    constraints: edit.boundaries?.constraints ?? ch.constraints,
    horizonWeeks: edit.horizonWeeks === undefined ? ch.horizonWeeks : edit.horizonWeeks,
    fundingAsk: edit.fundingAsk === undefined ? ch.fundingAsk : edit.fundingAsk,
    kpiCount: edit.kpis ? edit.kpis.length : ch.kpiIds.length,
  });
  if (!missing.length) return null;
  return refuse(
    409,
    "not_ready",
    `A published challenge keeps its goals and boundaries; this edit would remove: ${missing.join(", ")}.`,
  );
}
