import type { DecisionOutcome } from "./types";

export const DECISION_OPTIONS: readonly { value: DecisionOutcome; label: string; hint: string }[] = [
  { value: "scale", label: "Scale", hint: "It worked: grow it beyond the hub." },
  { value: "iterate", label: "Iterate", hint: "Promising: another cycle with what was learned." },
  { value: "stop", label: "Stop", hint: "Stop here and keep the lessons." },
];

const scoreFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A weighted score on the 1–5 scale, always with two decimals: "3.85", "4.00". */
export function formatScore(score: number | null): string {
  return score === null ? "—" : scoreFormat.format(score);
}
