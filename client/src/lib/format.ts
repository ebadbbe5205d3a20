import type { Stage } from "./types";

export const STAGE_LABELS: Record<Stage, string> = {
  draft: "Draft",
  open: "Open",
  funded: "Funded",
  active: "Active",
  showcase: "Showcase",
  reviewed: "Reviewed",
  withdrawn: "Withdrawn",
  archived: "Archived",
};

const pluralRules = new Intl.PluralRules("en");

/** "1 backer", "3 backers", "0 backers": the form by the language's plural rules, the number as the reader writes it. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${new Intl.NumberFormat().format(count)} ${pluralRules.select(count) === "one" ? one : many}`;
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 }).format(value);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 days ago", "just now". */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === "minute") return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, "second");
}

export function absoluteTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** "a, b and c". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Splits a comma-separated input into trimmed, non-empty entries. */
export function splitList(input: string): string[] {
  return input
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** The day of a moment, in the reader's time zone: "3 Jul 2026". */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** A calendar date the API gives as "2026-07-03", shown as that same day wherever the reader is. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

/** Today as "YYYY-MM-DD" in the reader's time zone (for date inputs). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A value with its unit: "24 pages", "78%". */
export function withUnit(value: number, unit: string | null | undefined): string {
  if (!unit) return formatNumber(value);
  return unit === "%" ? `${formatNumber(value)}%` : `${formatNumber(value)} ${unit}`;
}

/** A number typed by a person: "1,234.5" or "-3"; null when it is not one. */
export function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[\s,_]/g, "");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}
