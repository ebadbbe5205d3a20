import { changedOnly } from "../../lib/changes";
import { splitList } from "../../lib/format";
import { parseMajorToMinor } from "../../lib/money";
import type { RowMap } from "./fields";
import { type CreateBody, type FormState, type KpiRow, type PatchBody, type SlotRow, SUMMARY_MAX } from "./state";

/* ---------- Parsing what was typed into the API's body ---------- */

export function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[\s,_]/g, "");
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

export function parseWhole(text: string): number | null {
  const cleaned = text.trim();
  return /^\d+$/.test(cleaned) ? Number(cleaned) : null;
}

/** The §4 body from the form, or the problems (by API path) found before sending. */
export const isBlankKpi = (k: KpiRow) => !k.id && ![k.name, k.unit, k.baseline, k.target].some((v) => v.trim());
export const isBlankSlot = (s: SlotRow) => !s.id && !s.discipline && !s.skills.trim();

export function build(state: FormState): { body: CreateBody; problems: Record<string, string>; rows: RowMap } {
  const rows: RowMap = { kpis: [], slots: [] };
  const problems: Record<string, string> = {};
  if (state.title.trim().length < 3) problems.title = "Give the challenge a title of at least 3 characters.";
  const over = state.summary.trim().length - SUMMARY_MAX;
  if (over > 0) problems.summary = `At most ${SUMMARY_MAX} characters; shorten it by ${over}.`;

  let horizonWeeks: number | null = null;
  if (state.horizonWeeks.trim()) {
    horizonWeeks = parseWhole(state.horizonWeeks);
    if (horizonWeeks === null) problems.horizonWeeks = "Enter a whole number of weeks, such as 10.";
  }

  const money = parseMajorToMinor(state.fundingAsk);
  if (!money.ok) problems.fundingAsk = money.message;

  const kpis = state.kpis.flatMap((k, i) => {
    if (isBlankKpi(k)) return [];
    rows.kpis.push(i);
    const baseline = parseNumber(k.baseline);
    const target = parseNumber(k.target);
    if (baseline === null) problems[`kpis.${i}.baseline`] = "Enter a number, such as 42000.";
    if (target === null) problems[`kpis.${i}.target`] = "Enter a number, such as 29400.";
    return [
      {
        ...(k.id ? { id: k.id } : {}),
        name: k.name.trim(),
        unit: k.unit.trim(),
        direction: k.direction,
        baseline: baseline ?? 0,
        target: target ?? 0,
      },
    ];
  });

  const slots = state.slots.flatMap((s, i) => {
    if (isBlankSlot(s)) return [];
    rows.slots.push(i);
    const count = parseWhole(s.count);
    const commitmentPercent = parseWhole(s.commitmentPercent);
    if (count === null) problems[`slots.${i}.count`] = "Enter a whole number of people, such as 1.";
    if (commitmentPercent === null) problems[`slots.${i}.commitmentPercent`] = "Enter a whole percentage, such as 20.";
    return [
      {
        ...(s.id ? { id: s.id } : {}),
        discipline: s.discipline,
        count: count ?? 1,
        skills: splitList(s.skills),
        commitmentPercent: commitmentPercent ?? 0,
        required: s.required,
      },
    ];
  });

  return {
    body: {
      title: state.title.trim(),
      summary: state.summary.trim(),
      problem: state.problem,
      whyItMatters: state.whyItMatters,
      kpis,
      boundaries: { constraints: state.constraints, outOfScope: state.outOfScope },
      assistanceNeeded: state.assistanceNeeded,
      horizonWeeks,
      fundingAsk: money.ok ? money.minor : null,
      fundingBreakdown: state.fundingBreakdown,
      tags: splitList(state.tags),
      slots,
    },
    problems,
    rows,
  };
}

/** Only what changed, down to which of the two boundaries, so nothing else is touched. */
export function diff(before: CreateBody, after: CreateBody): PatchBody {
  const patch: PatchBody = changedOnly(before, after);
  if (patch.boundaries) patch.boundaries = changedOnly(before.boundaries ?? {}, after.boundaries ?? {});
  return patch;
}
