import { type FieldPlace, type Problems, problemsFrom } from "../form-problems";
import type { CreateBody, FormState } from "./state";

/* ---------- Field ids, labels and the API's field paths ---------- */

export const TOP_FIELDS = {
  title: ["f-title", "Title"],
  summary: ["f-summary", "Summary"],
  problem: ["f-problem", "Problem"],
  whyItMatters: ["f-why", "Why it matters"],
  "boundaries.constraints": ["f-constraints", "Constraints"],
  "boundaries.outOfScope": ["f-out-of-scope", "Out of scope"],
  assistanceNeeded: ["f-assistance", "Assistance needed"],
  horizonWeeks: ["f-horizon", "Time horizon (weeks)"],
  fundingAsk: ["f-funding-ask", "Funding ask"],
  fundingBreakdown: ["f-funding-breakdown", "Funding breakdown"],
  tags: ["f-tags", "Tags"],
  kpis: ["f-add-kpi", "KPIs"],
  slots: ["f-add-slot", "Role slots"],
} as const;

export const KPI_PARTS = ["name", "unit", "direction", "baseline", "target"] as const;
export const SLOT_PARTS = {
  discipline: "discipline",
  count: "count",
  skills: "skills",
  commitmentPercent: "commitment %",
  required: "required",
} as const;

export type KpiPart = (typeof KPI_PARTS)[number];
export type SlotPart = keyof typeof SLOT_PARTS;

export const kpiFieldId = (i: number, part: string) => `f-kpi-${i}-${part}`;
export const slotFieldId = (i: number, part: string) => `f-slot-${i}-${part}`;

/** A field's id and label; a row's fields prefix the label with the row, hidden from sight ("KPI 2" "target"). */
export interface Place {
  id: string;
  label: string;
  prefix?: string;
}

/** What a field component takes: its place and its message, if any. */
export type FieldProps = Place & { error?: string };

export const topPlace = (path: keyof typeof TOP_FIELDS): Place => ({
  id: TOP_FIELDS[path][0],
  label: TOP_FIELDS[path][1],
});
export const kpiPlace = (i: number, part: KpiPart): Place => ({
  id: kpiFieldId(i, part),
  prefix: `KPI ${i + 1}`,
  label: part,
});
export const slotPlace = (i: number, part: SlotPart): Place => ({
  id: slotFieldId(i, part),
  prefix: `Role ${i + 1}`,
  label: SLOT_PARTS[part],
});

/** How the error summary names a field: its whole label, "KPI 2 target". */
export const summaryPlace = ({ id, prefix, label }: Place): FieldPlace => ({
  fieldId: id,
  label: prefix ? `${prefix} ${label}` : label,
});

/** Where an API field path (`kpis.0.target`, `boundaries.constraints`, `tags.3`) is shown. */
export function locate(path: string): FieldPlace | null {
  const parts = path.split(".");
  if (parts[0] === "kpis" && parts.length >= 3) {
    const part = (KPI_PARTS as readonly string[]).includes(parts[2]) ? (parts[2] as KpiPart) : "name";
    return summaryPlace(kpiPlace(Number(parts[1]), part));
  }
  if (parts[0] === "slots" && parts.length >= 3) {
    const part = (parts[2] in SLOT_PARTS ? parts[2] : "discipline") as SlotPart;
    return summaryPlace(slotPlace(Number(parts[1]), part));
  }
  if (parts[0] === "tags") return summaryPlace(topPlace("tags"));
  if (parts[0] === "boundaries" && parts.length === 1) {
    return { fieldId: TOP_FIELDS["boundaries.constraints"][0], label: "Boundaries" };
  }
  const top = TOP_FIELDS[path as keyof typeof TOP_FIELDS];
  return top ? { fieldId: top[0], label: top[1] } : null;
}

/** Which form row each sent KPI and slot came from (blank rows are not sent). */
export interface RowMap {
  kpis: number[];
  slots: number[];
}

/** Rewrites `kpis.1.target` of the sent body to the form row it came from. */
export function toFormPath(path: string, rows?: RowMap): string {
  if (!rows) return path;
  const [list, index, ...rest] = path.split(".");
  if ((list !== "kpis" && list !== "slots") || !/^\d+$/.test(index ?? "")) return path;
  const formIndex = rows[list][Number(index)];
  return formIndex === undefined ? path : [list, String(formIndex), ...rest].join(".");
}

/** Problems by API path, placed on the form's fields (`rows`: where the sent KPIs and slots came from). */
export function formProblems(paths: Record<string, string>, rows?: RowMap): Problems {
  const byFormPath = Object.entries(paths).map(([path, message]) => [toFormPath(path, rows), message]);
  return problemsFrom(Object.fromEntries(byFormPath), locate);
}

/** The form's fields in the order they are shown, to list their problems in that order. */
const FORM_ORDER = [
  "title",
  "summary",
  "problem",
  "whyItMatters",
  "kpis",
  "boundaries",
  "assistanceNeeded",
  "horizonWeeks",
  "fundingAsk",
  "fundingBreakdown",
  "slots",
  "tags",
];

/** Problems by form path, in the order their fields are shown (`kpis.1.target` after `kpis.0.name`). */
export function inFormOrder(paths: Record<string, string>): Record<string, string> {
  const rank = (path: string) => {
    const [top = "", index = "0", part = ""] = path.split(".");
    const at = FORM_ORDER.indexOf(top);
    if (top === "kpis" || top === "slots") {
      const parts: readonly string[] = top === "kpis" ? KPI_PARTS : Object.keys(SLOT_PARTS);
      return [at, Number(index) || 0, Math.max(0, parts.indexOf(part))];
    }
    if (top === "boundaries") return [at, index === "outOfScope" ? 1 : 0, 0];
    return [at < 0 ? FORM_ORDER.length : at, 0, 0];
  };
  const entries = Object.entries(paths).sort(([a], [b]) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  return Object.fromEntries(entries);
}

/**
 * What a challenge still needs before it may be published, by form path, worded for the field that
 * lacks it: the API's rule (worker/domain/lifecycle.ts `missingForPublish`) on the body to be sent.
 * Missing KPIs are marked on the first KPI row's name while there is a row, else on "Add KPI".
 */
export function publishProblems(body: CreateBody, state: FormState): Record<string, string> {
  const missing: Record<string, string> = {};
  if (!body.summary?.trim()) missing.summary = "Add a summary: it is needed to publish.";
  if (!body.problem?.trim()) missing.problem = "Describe the problem: it is needed to publish.";
  if (!body.kpis?.length) {
    missing[state.kpis.length ? "kpis.0.name" : "kpis"] =
      "Add at least one KPI, with its baseline and target: it is needed to publish.";
  }
  if (!body.boundaries?.constraints?.trim())
    missing["boundaries.constraints"] = "Say what must not change or break: it is needed to publish.";
  if (body.horizonWeeks === null || body.horizonWeeks === undefined)
    missing.horizonWeeks = "Give a time horizon in weeks: it is needed to publish.";
  if (body.fundingAsk === null || body.fundingAsk === undefined)
    missing.fundingAsk = "Give a funding ask, or 0 if you need no money: it is needed to publish.";
  return missing;
}

/**
 * Each field's value by field id, to tell which field changed (`useClearWhenValid`). "Add KPI" and
 * "Add role slot" carry the messages about their whole lists, so they change with any row.
 */
export function valuesById(state: FormState): Record<string, string> {
  const values: Record<string, string> = {
    [TOP_FIELDS.title[0]]: state.title,
    [TOP_FIELDS.summary[0]]: state.summary,
    [TOP_FIELDS.problem[0]]: state.problem,
    [TOP_FIELDS.whyItMatters[0]]: state.whyItMatters,
    [TOP_FIELDS["boundaries.constraints"][0]]: state.constraints,
    [TOP_FIELDS["boundaries.outOfScope"][0]]: state.outOfScope,
    [TOP_FIELDS.assistanceNeeded[0]]: state.assistanceNeeded,
    [TOP_FIELDS.horizonWeeks[0]]: state.horizonWeeks,
    [TOP_FIELDS.fundingAsk[0]]: state.fundingAsk,
    [TOP_FIELDS.fundingBreakdown[0]]: state.fundingBreakdown,
    [TOP_FIELDS.tags[0]]: state.tags,
    [TOP_FIELDS.kpis[0]]: JSON.stringify(state.kpis),
    [TOP_FIELDS.slots[0]]: JSON.stringify(state.slots),
  };
  state.kpis.forEach((k, i) => {
    for (const part of KPI_PARTS) values[kpiFieldId(i, part)] = k[part];
  });
  state.slots.forEach((s, i) => {
    for (const part of Object.keys(SLOT_PARTS) as SlotPart[]) values[slotFieldId(i, part)] = String(s[part]);
  });
  return values;
}
