import { sql } from "drizzle-orm";
import { disciplines, levels } from "../../db/schema";
import {
  type CalibrationRow,
  type CohortCell,
  FAIRNESS_GROUPINGS,
  type FairnessGrouping,
  fairnessGrouping,
  type GroupLabel,
  reviewerCalibration,
} from "../domain/fairness";
import { STARTED_STAGES } from "../domain/lifecycle";
import type { Database } from "../middleware/db";
import { rawRows, readPlan } from "./batch";
import { stageIn } from "./stage-sql";

/**
 * A challenge that was funded: in the funded stage or one after it (every started stage comes
 * through funded: worker/domain/lifecycle.ts; a merged challenge is withdrawn, never archived).
 */
const funded = stageIn(sql`c.stage`, ["funded", ...STARTED_STAGES]);

/**
 * Active people by discipline, level and track, with how many of them passed each nested step
 * (worker/domain/fairness.ts): applied to any slot; then had an application accepted (`ended`
 * is an accepted one whose seat closed); then holds confirmed credit; then was on the team of a
 * funded challenge (led or co-led it, or held a seat that was active, now or before). One row per
 * combination, a few dozen at most, so grouping three ways is done in the domain. Each step is an
 * EXISTS probe on the person's own index (applications_applicant_idx, contributions_person_idx,
 * memberships_person_idx, challenges_lead_idx / co_lead_idx).
 */
const COHORT_SQL = sql`WITH f AS (
    SELECT p.discipline_id AS discipline, p.level_id AS level, p.track AS track,
      EXISTS (SELECT 1 FROM applications a WHERE a.applicant_id = p.id) AS applied,
      EXISTS (SELECT 1 FROM applications a WHERE a.applicant_id = p.id AND a.status IN ('accepted', 'ended')) AS accepted,
      EXISTS (SELECT 1 FROM contributions k WHERE k.person_id = p.id AND k.status = 'confirmed') AS credited,
      (EXISTS (SELECT 1 FROM memberships m JOIN challenges c ON c.id = m.challenge_id
          WHERE m.person_id = p.id AND m.status IN ('active', 'released') AND ${funded})
        OR EXISTS (SELECT 1 FROM challenges c WHERE c.lead_id = p.id AND ${funded})
        OR EXISTS (SELECT 1 FROM challenges c WHERE c.co_lead_id = p.id AND ${funded})) AS onFunded
    FROM people p WHERE p.active = 1
  )
  SELECT discipline, level, track, count(*) AS people,
    sum(applied) AS applied,
    sum(applied AND accepted) AS accepted,
    sum(applied AND accepted AND credited) AS credited,
    sum(applied AND accepted AND credited AND onFunded) AS funded
  FROM f GROUP BY discipline, level, track`;

/**
 * Each reviewer's mean weighted score, and the panel's for the same showcases: for every
 * showcase (challenge and cycle) the reviewer scored, the mean of all its reviews (theirs
 * included), averaged over those showcases. `shared` counts the reviews on showcases someone
 * else reviewed too; on the others the two means agree by construction.
 */
const CALIBRATION_SQL = sql`WITH panel AS (
    SELECT challenge_id, cycle, avg(weighted_score) AS mean, count(*) AS n FROM reviews GROUP BY challenge_id, cycle
  )
  SELECT r.reviewer_id AS reviewerId, p.name AS name, count(*) AS reviews, sum(s.n > 1) AS shared,
    avg(r.weighted_score) AS mean, avg(s.mean) AS panelMean
  FROM reviews r
  JOIN panel s ON s.challenge_id = r.challenge_id AND s.cycle = r.cycle
  JOIN people p ON p.id = r.reviewer_id
  GROUP BY r.reviewer_id, p.name`;

/**
 * The fairness view (SPEC §16) in one round trip: the cohort's cells, the labels of disciplines
 * and levels, and the calibration; the groupings asked for (all three by default), each with
 * small groups merged as worker/domain/fairness.ts decides, for the JSON and the CSV alike.
 */
export function fairnessPlan(db: Database, only?: FairnessGrouping) {
  return readPlan(
    [
      rawRows(db, ["discipline", "level", "track", "people", "applied", "accepted", "credited", "funded"], COHORT_SQL),
      db.select({ id: disciplines.id, name: disciplines.name, position: disciplines.position }).from(disciplines),
      db.select({ id: levels.id, name: levels.name, track: levels.track, rank: levels.rank }).from(levels),
      rawRows(db, ["reviewerId", "name", "reviews", "shared", "mean", "panelMean"], CALIBRATION_SQL),
    ] as const,
    ([cohort, disciplineRows, levelRows, calibration]) => {
      const cells: CohortCell[] = cohort.map((r) => ({
        discipline: (r.discipline as string | null) ?? null,
        level: (r.level as string | null) ?? null,
        track: String(r.track),
        counts: {
          people: Number(r.people),
          applied: Number(r.applied),
          accepted: Number(r.accepted),
          credited: Number(r.credited),
          funded: Number(r.funded),
        },
      }));
      const labels = {
        discipline: new Map<string, GroupLabel>(
          disciplineRows.map((d) => [d.id, { label: d.name, position: d.position }]),
        ),
        // IC levels before management ones, each by rank.
        level: new Map<string, GroupLabel>(
          levelRows.map((l) => [l.id, { label: l.name, position: (l.track === "ic" ? 0 : 100) + l.rank }]),
        ),
      };
      const groupings = (only ? [only] : FAIRNESS_GROUPINGS).map((by) => fairnessGrouping(cells, by, labels));
      return {
        groupings,
        calibration: reviewerCalibration(
          calibration.map(
            (r): CalibrationRow => ({
              reviewerId: String(r.reviewerId),
              name: String(r.name),
              reviews: Number(r.reviews),
              shared: Number(r.shared),
              mean: Number(r.mean),
              panelMean: Number(r.panelMean),
            }),
          ),
        ),
      };
    },
  );
}
