import { formatNumber, plural, STAGE_LABELS, todayIso } from "../../lib/format";
import type { Stage } from "../../lib/types";

export const stageWords = (stage: string) => (stage in STAGE_LABELS ? STAGE_LABELS[stage as Stage] : stage);
export const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
export const DECISIONS = ["scale", "iterate", "stop"] as const;

/** A table's box that scrolls sideways on a narrow screen: keyboard users can focus it to scroll. */
export const scrollable = (label: string) => ({
  class: "table-wrap",
  tabIndex: 0,
  role: "region" as const,
  "aria-label": label,
});

/** Whole days from an ISO day to today (UTC days, as the API counts them). */
export function daysSince(day: string, today = todayIso()): number {
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000));
}

/** "312 in all; the 100 longest waiting are listed. " when the list is cut short, else nothing. */
export function cappedCount(total: number, shown: number, which: string): string {
  return total > shown ? `${formatNumber(total)} in all; the ${formatNumber(shown)} ${which} are listed. ` : "";
}

/** How late something is, in words: "due today", "1 day overdue", "3 days overdue". */
export function overdueWords(daysLate: number): string {
  return daysLate <= 0 ? "due today" : `${plural(daysLate, "day")} overdue`;
}

/** How long something has waited, in words: "since today", "waiting 1 day", "waiting 3 days". */
export function waitingWords(days: number): string {
  return days <= 0 ? "since today" : `waiting ${plural(days, "day")}`;
}
