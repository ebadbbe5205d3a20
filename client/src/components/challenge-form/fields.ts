import { type FieldPlace, type Problems, problemsFrom } from "../form-problems";

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
