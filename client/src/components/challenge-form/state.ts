import type { InferRequestType } from "hono/client";
import type { api } from "../../lib/api";
import { minorToMajorString } from "../../lib/money";
import type { Challenge } from "../../lib/types";

export type CreateBody = InferRequestType<typeof api.challenges.$post>["json"];
export type PatchBody = InferRequestType<(typeof api.challenges)[":id"]["$patch"]>["json"];

export const SUMMARY_MAX = 280;
export const MAX_KPIS = 10;
export const MAX_SLOTS = 20;

export interface KpiRow {
  key: string;
  id?: string;
  name: string;
  unit: string;
  direction: "up" | "down";
  baseline: string;
  target: string;
}

export interface SlotRow {
  key: string;
  id?: string;
  discipline: string;
  count: string;
  skills: string;
  commitmentPercent: string;
  required: boolean;
}

/** Everything as typed: numbers and money stay strings until they are parsed for sending. */
export interface FormState {
  title: string;
  summary: string;
  problem: string;
  whyItMatters: string;
  constraints: string;
  outOfScope: string;
  assistanceNeeded: string;
  horizonWeeks: string;
  fundingAsk: string;
  fundingBreakdown: string;
  tags: string;
  kpis: KpiRow[];
  slots: SlotRow[];
}

let keySeed = 0;
/** Sets one of the form's fields. */
export type SetField = <K extends keyof FormState>(key: K, value: FormState[K]) => void;

export const rowKey = () => `row-${Date.now().toString(36)}-${(keySeed++).toString(36)}`;

export const emptyKpi = (): KpiRow => ({
  key: rowKey(),
  name: "",
  unit: "",
  direction: "up",
  baseline: "",
  target: "",
});
export const emptySlot = (): SlotRow => ({
  key: rowKey(),
  discipline: "",
  count: "1",
  skills: "",
  commitmentPercent: "20",
  required: false,
});

/** A new challenge starts with one KPI row and one role row to fill in; untouched rows are not sent. */
export const emptyForm = (): FormState => ({
  title: "",
  summary: "",
  problem: "",
  whyItMatters: "",
  constraints: "",
  outOfScope: "",
  assistanceNeeded: "",
  horizonWeeks: "",
  fundingAsk: "",
  fundingBreakdown: "",
  tags: "",
  kpis: [emptyKpi()],
  slots: [emptySlot()],
});

export function fromChallenge(ch: Challenge): FormState {
  return {
    title: ch.title,
    summary: ch.summary,
    problem: ch.problem,
    whyItMatters: ch.whyItMatters,
    constraints: ch.boundaries.constraints,
    outOfScope: ch.boundaries.outOfScope,
    assistanceNeeded: ch.assistanceNeeded,
    horizonWeeks: ch.horizonWeeks === null ? "" : String(ch.horizonWeeks),
    fundingAsk: ch.fundingAsk === null ? "" : minorToMajorString(ch.fundingAsk),
    fundingBreakdown: ch.fundingBreakdown,
    tags: ch.tags.join(", "),
    kpis:
      ch.kpis.length === 0
        ? [emptyKpi()]
        : ch.kpis.map((k) => ({
            key: k.id,
            id: k.id,
            name: k.name,
            unit: k.unit,
            direction: k.direction,
            baseline: String(k.baseline),
            target: String(k.target),
          })),
    slots:
      ch.slots.length === 0
        ? [emptySlot()]
        : ch.slots.map((s) => ({
            key: s.id,
            id: s.id,
            discipline: s.discipline,
            count: String(s.count),
            skills: s.skills.join(", "),
            commitmentPercent: String(s.commitmentPercent),
            required: s.required,
          })),
  };
}

/** The form's content without the rows' render keys, to tell whether anything was typed. */
export function sameContent(a: FormState, b: FormState) {
  const strip = (f: FormState) => ({
    ...f,
    kpis: f.kpis.map(({ key: _key, ...k }) => k),
    slots: f.slots.map(({ key: _key, ...r }) => r),
  });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
