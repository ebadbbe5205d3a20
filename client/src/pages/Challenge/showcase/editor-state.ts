import type { FieldPlace } from "../../../components/form-problems";
import { parseNumber } from "../../../lib/format";
import type { Challenge, DecisionOutcome, Progress, Showcase } from "../../../lib/types";

export const MAX_LINKS = 20;

export interface LinkRow {
  key: number;
  title: string;
  url: string;
}

export interface EditorState {
  summary: string;
  results: Record<string, { actual: string; note: string }>;
  links: LinkRow[];
  lessons: string;
  recommendation: "" | DecisionOutcome;
  recommendationNote: string;
}

export const linkField = (key: number, part: "title" | "url") => `showcase-link-${key}-${part}`;
export const actualField = (kpiId: string) => `showcase-actual-${kpiId}`;
export const noteField = (kpiId: string) => `showcase-note-${kpiId}`;

export function initialState(ch: Challenge, draft: Showcase | null): EditorState {
  const results: EditorState["results"] = {};
  for (const k of ch.kpis) {
    const r = draft?.kpiResults.find((x) => x.kpiId === k.id);
    results[k.id] = { actual: r ? String(r.actual) : "", note: r?.note ?? "" };
  }
  return {
    summary: draft?.summary ?? "",
    results,
    links: (draft?.artifacts ?? []).map((a, i) => ({ key: i + 1, title: a.title, url: a.url })),
    lessons: draft?.lessons ?? "",
    recommendation: draft?.recommendation ?? "",
    recommendationNote: draft?.recommendationNote ?? "",
  };
}

export const MISSING_SAVE = ["the showcase"];

export const kpiName = (ch: Challenge, id: string) => ch.kpis.find((k) => k.id === id)?.name ?? "KPI";

/**
 * Where an API field path (`summary`, `kpiResults.0.actual`, `artifacts.1.url`) is shown; `sentKpis`
 * are the KPI ids in the order they were sent.
 */
export function locateField(path: string, ch: Challenge, links: LinkRow[], sentKpis: string[]): FieldPlace | null {
  if (path === "summary") return { fieldId: "showcase-summary", label: "Summary" };
  if (path === "lessons") return { fieldId: "showcase-lessons", label: "Lessons learned" };
  if (path === "recommendation") return { fieldId: "showcase-recommendation", label: "Recommendation" };
  if (path === "recommendationNote") return { fieldId: "showcase-recommendation-note", label: "Recommendation note" };
  const kpi = /^kpiResults\.(\d+)\.(\w+)/.exec(path);
  if (kpi) {
    const id = sentKpis[Number(kpi[1])];
    if (!id) return null;
    return kpi[2] === "note"
      ? { fieldId: noteField(id), label: `Note on ${kpiName(ch, id)}` }
      : { fieldId: actualField(id), label: `Actual ${kpiName(ch, id)}` };
  }
  const link = /^artifacts\.(\d+)\.(title|url)/.exec(path);
  const row = link ? links[Number(link[1])] : undefined;
  if (link && row) {
    const n = Number(link[1]) + 1;
    return link[2] === "title"
      ? { fieldId: linkField(row.key, "title"), label: `Link ${n} title` }
      : { fieldId: linkField(row.key, "url"), label: `Link ${n} URL` };
  }
  return null;
}

/**
 * The showcase's KPI results and links from what was typed, and the problems found before sending
 * (by API path, or `kpi:<id>` for a KPI's actual value).
 */
export function readForm(ch: Challenge, state: EditorState) {
  const messages: Record<string, string> = {};
  const kpiResults: { kpiId: string; actual: number; note: string }[] = [];
  for (const k of ch.kpis) {
    const r = state.results[k.id] ?? { actual: "", note: "" };
    if (!r.actual.trim()) {
      if (r.note.trim()) messages[`kpi:${k.id}`] = "Enter the actual value this note explains.";
      continue;
    }
    const actual = parseNumber(r.actual);
    if (actual === null) messages[`kpi:${k.id}`] = "Enter a number, like 24 or 3.5.";
    else kpiResults.push({ kpiId: k.id, actual, note: r.note.trim() });
  }
  const artifacts = state.links
    .map((l, i) => ({ ...l, i }))
    .filter((l) => l.title.trim() || l.url.trim())
    .map((l) => {
      if (!l.title.trim()) messages[`artifacts.${l.i}.title`] = "Name the link.";
      if (!/^https?:\/\/\S+$/i.test(l.url.trim()))
        messages[`artifacts.${l.i}.url`] = "Enter a web address starting with https://.";
      return { title: l.title.trim(), url: l.url.trim() };
    });
  return { messages, kpiResults, artifacts };
}

/** Each field's value by field id, to tell which field changed (`useClearWhenValid`). */
export function valuesById(state: EditorState): Record<string, string> {
  const values: Record<string, string> = {
    "showcase-summary": state.summary,
    "showcase-lessons": state.lessons,
    "showcase-recommendation": state.recommendation,
    "showcase-recommendation-note": state.recommendationNote,
  };
  for (const [kpiId, r] of Object.entries(state.results)) {
    // A note without an actual value is marked on the actual: it is right again when either changes.
    values[actualField(kpiId)] = `${r.actual}\n${r.note}`;
    values[noteField(kpiId)] = r.note;
  }
  for (const l of state.links) {
    values[linkField(l.key, "title")] = l.title;
    values[linkField(l.key, "url")] = l.url;
  }
  return values;
}

/** A KPI's latest check-in: the value to start its actual from, and the day it was measured. */
export interface CheckinPrefill {
  value: string;
  measuredOn: string;
}

/**
 * The latest check-in of each KPI whose actual value is still empty, by KPI id, from the challenge's
 * progress (check-ins come oldest first; the latest measured day wins).
 */
export function latestCheckins(progress: Progress, results: EditorState["results"]): Record<string, CheckinPrefill> {
  const found: Record<string, CheckinPrefill> = {};
  for (const k of progress.kpis) {
    if (results[k.id]?.actual.trim() !== "") continue;
    const latest = k.checkins.reduce<(typeof k.checkins)[number] | null>(
      (best, c) => (!best || c.measuredOn >= best.measuredOn ? c : best),
      null,
    );
    if (latest) found[k.id] = { value: String(latest.value), measuredOn: latest.measuredOn };
  }
  return found;
}
