/**
 * The fairness view (SPEC §16, issue 14 part 4): how active people move through
 * applied → accepted → credited → on a funded challenge, by discipline, level and track, and
 * how each reviewer scores next to the panel. Pure, so the JSON and the CSV share one rule for
 * which groups may be shown, and property tests can try it on any cohort.
 *
 * The steps are nested: each counts the people of the step before who also passed this one
 * (accepted = applied and had an application accepted; credited = accepted and holds confirmed
 * credit; on a funded challenge = credited and holds a seat on a challenge that was funded). So
 * every rate is a share of the step before, never above 100%.
 *
 * Small groups (SPEC §16: "a group of fewer than 5 people is never shown alone"):
 * 1. every group of fewer than `MIN_GROUP_SIZE` people is merged into one "Other" group;
 * 2. if "Other" itself has fewer than `MIN_GROUP_SIZE` people, the smallest shown group joins it
 *    (so no shown group is renamed or mixed with another under its own name, and "Other" then
 *    has at least `MIN_GROUP_SIZE` people, since the group that joined had that many alone);
 * 3. if no group has `MIN_GROUP_SIZE` people and all of them together have fewer, nothing is
 *    shown (`suppressed`), not even the total.
 * Every shown group therefore has at least `MIN_GROUP_SIZE` people, and the shown groups add up
 * to the whole cohort whenever anything is shown.
 */
import { toCsv } from "../../client/src/lib/csv";

export const MIN_GROUP_SIZE = 5;
export const FAIRNESS_GROUPINGS = ["discipline", "level", "track"] as const;
export type FairnessGrouping = (typeof FAIRNESS_GROUPINGS)[number];
export const FAIRNESS_STEPS = ["people", "applied", "accepted", "credited", "funded"] as const;
export type FairnessStep = (typeof FAIRNESS_STEPS)[number];
export type StepCounts = Record<FairnessStep, number>;
/** The steps after the first, each with its rate from the step before. */
export type StepRates = Record<Exclude<FairnessStep, "people">, number | null>;

/** Active people with the same discipline, level and track, and how far they got. */
export interface CohortCell {
  discipline: string | null;
  level: string | null;
  track: string;
  counts: StepCounts;
}

/** How a group's key reads, and where it sorts (the admin's order of disciplines, a level's rank). */
export interface GroupLabel {
  label: string;
  position: number;
}

export interface FairnessGroup {
  key: string;
  label: string;
  /** True for "Other": the small groups merged together (and, if they were still too few, the smallest group). */
  other: boolean;
  /** The groups' labels this row counts: itself alone, or every group merged into "Other". */
  includes: string[];
  counts: StepCounts;
  rates: StepRates;
}

export interface FairnessGroupingView {
  by: FairnessGrouping;
  /** Nothing is shown: fewer than `MIN_GROUP_SIZE` people in all. */
  suppressed: boolean;
  groups: FairnessGroup[];
}

export const OTHER_KEY = "other";
export const NOT_SET_KEY = "none";
const TRACK_LABELS: Record<string, GroupLabel> = {
  ic: { label: "Individual contributor", position: 0 },
  management: { label: "Management", position: 1 },
};

const zero = (): StepCounts => ({ people: 0, applied: 0, accepted: 0, credited: 0, funded: 0 });

function add(into: StepCounts, counts: StepCounts) {
  for (const step of FAIRNESS_STEPS) into[step] += counts[step];
  return into;
}

/** Percent of the step before, to one decimal; null when the step before has nobody. */
export function stepRates(counts: StepCounts): StepRates {
  const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
  return {
    applied: rate(counts.applied, counts.people),
    accepted: rate(counts.accepted, counts.applied),
    credited: rate(counts.credited, counts.accepted),
    funded: rate(counts.funded, counts.credited),
  };
}

export interface UnsuppressedGroup {
  key: string;
  label: string;
  counts: StepCounts;
}

/**
 * The one rule for small groups (see the top of this file): the groups that may be shown, in
 * the order given, then "Other". Groups with nobody in them are left out.
 */
export function suppressSmallGroups(
  groups: readonly UnsuppressedGroup[],
  min = MIN_GROUP_SIZE,
): { suppressed: boolean; groups: FairnessGroup[] } {
  const present = groups.filter((g) => g.counts.people > 0);
  const shown = present.filter((g) => g.counts.people >= min);
  const small = present.filter((g) => g.counts.people < min);
  const otherCounts = small.reduce((sum, g) => add(sum, g.counts), zero());
  if (small.length > 0 && otherCounts.people < min) {
    if (shown.length === 0) return { suppressed: true, groups: [] };
    // The smallest shown group joins "Other" (the last of equals, so the order given decides).
    const smallest = shown.reduce((a, b) => (b.counts.people <= a.counts.people ? b : a));
    shown.splice(shown.indexOf(smallest), 1);
    small.push(smallest);
    add(otherCounts, smallest.counts);
  }
  const view = (g: UnsuppressedGroup, other: boolean, includes: string[]): FairnessGroup => ({
    key: g.key,
    label: g.label,
    other,
    includes,
    counts: { ...g.counts },
    rates: stepRates(g.counts),
  });
  const other = small.length
    ? [
        view(
          { key: OTHER_KEY, label: "Other", counts: otherCounts },
          true,
          small.map((g) => g.label),
        ),
      ]
    : [];
  return { suppressed: false, groups: [...shown.map((g) => view(g, false, [g.label])), ...other] };
}

/**
 * The cohort's cells summed by one grouping, in the grouping's order (unknown keys after the
 * known ones, "Not set" last), before any suppression.
 */
export function groupCohort(
  cells: readonly CohortCell[],
  by: FairnessGrouping,
  labels: { discipline: ReadonlyMap<string, GroupLabel>; level: ReadonlyMap<string, GroupLabel> },
): UnsuppressedGroup[] {
  const sums = new Map<string, StepCounts>();
  for (const cell of cells) {
    const key = cell[by] ?? NOT_SET_KEY;
    sums.set(key, add(sums.get(key) ?? zero(), cell.counts));
  }
  const labelOf = (key: string): GroupLabel => {
    if (key === NOT_SET_KEY) return { label: "Not set", position: Number.MAX_SAFE_INTEGER };
    const known = by === "track" ? TRACK_LABELS[key] : labels[by].get(key);
    return known ?? { label: key, position: Number.MAX_SAFE_INTEGER - 1 };
  };
  return [...sums]
    .map(([key, counts]) => ({ key, counts, ...labelOf(key) }))
    .sort((a, b) => a.position - b.position || a.label.localeCompare(b.label) || a.key.localeCompare(b.key))
    .map(({ key, label, counts }) => ({ key, label, counts }));
}

/** One grouping of the cohort as it may be shown. */
export function fairnessGrouping(
  cells: readonly CohortCell[],
  by: FairnessGrouping,
  labels: Parameters<typeof groupCohort>[2],
  min = MIN_GROUP_SIZE,
): FairnessGroupingView {
  return { by, ...suppressSmallGroups(groupCohort(cells, by, labels), min) };
}

export const FAIRNESS_CSV_HEADER = [
  "grouping",
  "group",
  "includes",
  "people",
  "applied",
  "applied_rate_percent",
  "accepted",
  "accepted_rate_percent",
  "credited",
  "credited_rate_percent",
  "on_funded",
  "on_funded_rate_percent",
] as const;

/** The groupings as CSV: only what the JSON shows, suppressed the same way (a suppressed grouping has no rows). */
export function fairnessCsv(views: readonly FairnessGroupingView[]): string {
  const rows = views.flatMap((v) =>
    v.groups.map((g) => [
      v.by,
      g.label,
      g.includes.join("; "),
      g.counts.people,
      g.counts.applied,
      g.rates.applied,
      g.counts.accepted,
      g.rates.accepted,
      g.counts.credited,
      g.rates.credited,
      g.counts.funded,
      g.rates.funded,
    ]),
  );
  return toCsv(FAIRNESS_CSV_HEADER, rows);
}

/** One reviewer's figures as SQL gives them: mean weighted scores in hundredths. */
export interface CalibrationRow {
  reviewerId: string;
  name: string;
  reviews: number;
  /** Of `reviews`, how many were on showcases someone else also reviewed. */
  shared: number;
  mean: number;
  panelMean: number;
}

export interface ReviewerCalibration {
  reviewerId: string;
  name: string;
  reviews: number;
  sharedShowcases: number;
  /** The reviewer's mean weighted score, 1–5, to two decimals. */
  mean: number;
  /** The mean over the same showcases of every review of each (the reviewer's own included), 1–5. */
  panelMean: number;
  /** `mean - panelMean`: above zero, the reviewer scores higher than the panel. */
  difference: number;
}

const score = (hundredths: number) => Math.round(hundredths) / 100;

/** The calibration table: scores on the 1–5 scale, most reviews first. */
export function reviewerCalibration(rows: readonly CalibrationRow[]): ReviewerCalibration[] {
  return rows
    .map((r) => ({
      reviewerId: r.reviewerId,
      name: r.name,
      reviews: r.reviews,
      sharedShowcases: r.shared,
      mean: score(r.mean),
      panelMean: score(r.panelMean),
      difference: score(r.mean - r.panelMean),
    }))
    .sort((a, b) => b.reviews - a.reviews || a.name.localeCompare(b.name) || a.reviewerId.localeCompare(b.reviewerId));
}
