import fc from "fast-check";
import Papa from "papaparse";
import { beforeEach, describe, expect, it } from "vitest";
import {
  type CohortCell,
  FAIRNESS_CSV_HEADER,
  type FairnessGroupingView,
  fairnessCsv,
  fairnessGrouping,
  MIN_GROUP_SIZE,
  reviewerCalibration,
  type StepCounts,
  suppressSmallGroups,
  type UnsuppressedGroup,
} from "../worker/domain/fairness";
import { call, callJson, env, expectError, expectInvalid, member } from "./helpers";

// ─── Seeding straight into D1 ───────────────────────────────────────────────────────────────

let seq = 0;
const uid = (prefix: string) => `${prefix}_fair${++seq}_${crypto.randomUUID().slice(0, 8)}`;
const NOW = "2026-03-01T09:00:00.000Z";

type Step = "none" | "applied" | "accepted" | "credited" | "funded" | "lead_only";
interface CohortPerson {
  discipline: string | null;
  level: string | null;
  track: "ic" | "management";
  step: Step;
  active?: boolean;
}

/** A funded (active) and an open challenge, each with a slot, that the cohort's rows point at. */
async function challengesForCohort(leadId: string) {
  const funded = uid("ch");
  const open = uid("ch");
  const slots = { [funded]: uid("slot"), [open]: uid("slot") };
  await env.DB.batch([
    ...[
      [funded, "active"],
      [open, "open"],
    ].map(([id, stage]) =>
      env.DB.prepare(
        `INSERT INTO challenges (id, title, summary, stage, lead_id, published_at, created_at, updated_at)
         VALUES (?, 'Fairness seed', 'Seeded.', ?, ?, ?, ?, ?)`,
      ).bind(id, stage, leadId, NOW, NOW, NOW),
    ),
    ...Object.entries(slots).map(([challengeId, slotId]) =>
      env.DB.prepare(
        "INSERT INTO challenge_slots (id, challenge_id, position, discipline_id, count, filled, commitment_percent) VALUES (?, ?, 0, 'engineering', 100, 0, 10)",
      ).bind(slotId, challengeId),
    ),
  ]);
  return { funded, open, slots };
}

/**
 * Inserts the people and, for each, the rows that take them exactly to `step`: a pending
 * application (applied), an accepted one (accepted), confirmed credit on the open challenge
 * (credited), or a seat and confirmed credit on the funded one (funded). `lead_only` leads the
 * funded challenge and holds confirmed credit without ever applying.
 */
async function seedCohort(people: readonly CohortPerson[], leadId: string) {
  if (people.length === 0) return [];
  const ch = await challengesForCohort(leadId);
  const statements: D1PreparedStatement[] = [];
  const ids: string[] = [];
  for (const p of people) {
    const id = uid("p");
    ids.push(id);
    statements.push(
      env.DB.prepare(
        "INSERT INTO people (id, email, name, discipline_id, track, level_id, active) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ).bind(id, `${id}@example.com`, `Cohort ${id}`, p.discipline, p.track, p.level, p.active === false ? 0 : 1),
    );
    const on = p.step === "funded" ? ch.funded : ch.open;
    const application = (status: string) =>
      env.DB.prepare(
        "INSERT INTO applications (id, challenge_id, slot_id, applicant_id, pitch, status) VALUES (?, ?, ?, ?, 'Me', ?)",
      ).bind(uid("app"), on, ch.slots[on], id, status);
    const credit = (challengeId: string) =>
      env.DB.prepare(
        "INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status) VALUES (?, ?, ?, ?, 'build', 'Built it', 'confirmed')",
      ).bind(uid("con"), challengeId, id, id);
    if (p.step === "applied") statements.push(application("pending"));
    if (p.step === "accepted") statements.push(application("accepted"));
    if (p.step === "credited" || p.step === "funded") statements.push(application("ended"), credit(on));
    if (p.step === "funded" || p.step === "credited") {
      statements.push(
        env.DB.prepare(
          "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, 10, 'released')",
        ).bind(uid("mem"), on, ch.slots[on], id),
      );
    }
    if (p.step === "lead_only") {
      const led = uid("ch");
      statements.push(
        env.DB.prepare(
          `INSERT INTO challenges (id, title, summary, stage, lead_id, published_at, created_at, updated_at)
           VALUES (?, 'Led alone', 'Seeded.', 'reviewed', ?, ?, ?, ?)`,
        ).bind(led, id, NOW, NOW, NOW),
        credit(led),
      );
    }
  }
  await env.DB.batch(statements);
  return ids;
}

/** Only the viewer (and whoever is seeded next) counts: everyone else leaves the cohort. */
async function onlyActive(...keep: string[]) {
  await env.DB.prepare(`UPDATE people SET active = 0 WHERE id NOT IN (${keep.map(() => "?").join(", ") || "''"})`)
    .bind(...keep)
    .run();
}

const repeat = (n: number, p: CohortPerson) => Array.from({ length: n }, () => ({ ...p }));
const groupOf = (view: FairnessGroupingView, key: string) => view.groups.find((g) => g.key === key);

// ─── The rule, pure ─────────────────────────────────────────────────────────────────────────

/** Nested step counts for `people`, each at most the one before. */
const countsArb = fc
  .tuple(fc.nat({ max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([people, a, b]): StepCounts => {
    const applied = Math.floor(people * a);
    const accepted = Math.floor(applied * b);
    const credited = Math.floor(accepted * a);
    return { people, applied, accepted, credited, funded: Math.floor(credited * b) };
  });

const groupsArb = fc.uniqueArray(
  fc
    .record({ key: fc.string({ minLength: 1, maxLength: 6 }), counts: countsArb })
    .map((g): UnsuppressedGroup => ({ ...g, label: `Group ${g.key}` })),
  { selector: (g) => g.key, maxLength: 12 },
);

const sum = (groups: readonly { counts: StepCounts }[]) => groups.reduce((n, g) => n + g.counts.people, 0);

/** Every data row of the CSV, parsed back, as the header names its cells. */
function csvRows(csv: string) {
  const parsed = Papa.parse<string[]>(csv, { newline: "\r\n", skipEmptyLines: true }).data;
  expect(parsed[0]).toEqual([...FAIRNESS_CSV_HEADER]);
  return parsed.slice(1).map((cells) => Object.fromEntries(FAIRNESS_CSV_HEADER.map((h, i) => [h, cells[i]])));
}

describe("suppressSmallGroups (worker/domain/fairness.ts)", () => {
  it("never shows a group under 5, keeps every person, and suppresses only a cohort under 5", () => {
    fc.assert(
      fc.property(groupsArb, (groups) => {
        const out = suppressSmallGroups(groups);
        const total = sum(groups);
        for (const g of out.groups) expect(g.counts.people).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
        expect(out.suppressed).toBe(total > 0 && total < MIN_GROUP_SIZE);
        expect(sum(out.groups)).toBe(out.suppressed ? 0 : total);
        // A group shown under its own name is that group, counts unchanged; a small one only ever in Other.
        for (const g of out.groups.filter((g) => !g.other)) {
          expect(groups.find((input) => input.key === g.key)?.counts).toEqual(g.counts);
        }
        for (const small of groups.filter((g) => g.counts.people > 0 && g.counts.people < MIN_GROUP_SIZE)) {
          expect(out.groups.some((g) => !g.other && g.key === small.key)).toBe(false);
        }
        expect(out.groups.filter((g) => g.other).length).toBeLessThanOrEqual(1);
        for (const row of csvRows(fairnessCsv([{ by: "discipline", ...out }]))) {
          expect(Number(row.people)).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("holds for every grouping of random cohorts, in the JSON shape and the CSV", () => {
    const cellArb = fc.record({
      discipline: fc.constantFrom("engineering", "design", "legal", null),
      level: fc.constantFrom("IC3", "IC4", "M2", null),
      track: fc.constantFrom("ic", "management"),
      counts: countsArb,
    });
    const labels = { discipline: new Map(), level: new Map() };
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 20 }), (cells: CohortCell[]) => {
        const views = (["discipline", "level", "track"] as const).map((by) => fairnessGrouping(cells, by, labels));
        for (const view of views) {
          for (const g of view.groups) expect(g.counts.people).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
        }
        for (const row of csvRows(fairnessCsv(views))) {
          expect(Number(row.people)).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("merges the small groups into Other, and Other under 5 takes the smallest shown group", () => {
    const g = (key: string, people: number): UnsuppressedGroup => ({
      key,
      label: key.toUpperCase(),
      counts: { people, applied: 0, accepted: 0, credited: 0, funded: 0 },
    });
    expect(suppressSmallGroups([g("a", 9), g("b", 3), g("c", 2), g("d", 0)]).groups).toMatchObject([
      { key: "a", other: false, includes: ["A"], counts: { people: 9 } },
      { key: "other", label: "Other", other: true, includes: ["B", "C"], counts: { people: 5 } },
    ]);
    expect(suppressSmallGroups([g("a", 9), g("b", 6), g("c", 2)]).groups).toMatchObject([
      { key: "a", counts: { people: 9 } },
      { key: "other", includes: ["C", "B"], counts: { people: 8 } },
    ]);
    expect(suppressSmallGroups([g("a", 2), g("b", 3)])).toMatchObject({
      suppressed: false,
      groups: [{ key: "other", counts: { people: 5 } }],
    });
    expect(suppressSmallGroups([g("a", 2), g("b", 1)])).toEqual({ suppressed: true, groups: [] });
    expect(suppressSmallGroups([])).toEqual({ suppressed: false, groups: [] });
  });
});

describe("reviewerCalibration", () => {
  it("puts scores on the 1–5 scale and orders by reviews", () => {
    expect(
      reviewerCalibration([
        { reviewerId: "r1", name: "Ann", reviews: 1, shared: 0, mean: 400, panelMean: 400 },
        { reviewerId: "r2", name: "Bo", reviews: 3, shared: 2, mean: 366.666, panelMean: 316.666 },
      ]),
    ).toEqual([
      { reviewerId: "r2", name: "Bo", reviews: 3, sharedShowcases: 2, mean: 3.67, panelMean: 3.17, difference: 0.5 },
      { reviewerId: "r1", name: "Ann", reviews: 1, sharedShowcases: 0, mean: 4, panelMean: 4, difference: 0 },
    ]);
  });
});

// ─── Over HTTP ──────────────────────────────────────────────────────────────────────────────

describe("GET /api/dashboard/fairness", () => {
  let reviewer: Awaited<ReturnType<typeof member>>;
  beforeEach(async () => {
    // The viewer is in the cohort too: a manager in legal at M6.
    reviewer = await member({ roles: ["reviewer"], discipline: "legal", level: "M6", track: "management" });
    await onlyActive(reviewer.id);
  });

  it("is for reviewers and admins: a member gets 403, no sign-in 401, bad `by` 400", async () => {
    const plain = await member();
    const admin = await member({ roles: ["admin"] });
    for (const path of ["/api/dashboard/fairness", "/api/dashboard/fairness.csv"]) {
      expectError(await callJson("GET", path, { as: plain.as }), 403, "forbidden");
      expectError(await callJson("GET", path), 401);
      expect((await call("GET", path, { as: reviewer.as })).status).toBe(200);
      expect((await call("GET", path, { as: admin.as })).status).toBe(200);
    }
    expectInvalid(await callJson("GET", "/api/dashboard/fairness?by=gender", { as: reviewer.as }), "by");
    expectInvalid(await callJson("GET", "/api/dashboard/fairness.csv?by=", { as: reviewer.as }), "by");
  });

  it("counts active people through the nested steps with the rate between them", async () => {
    const eng = { discipline: "engineering", level: "IC4", track: "ic" } as const;
    const research = { discipline: "research", level: "IC5", track: "ic" } as const;
    await seedCohort(
      [
        { ...eng, step: "none" },
        { ...eng, step: "applied" },
        { ...eng, step: "accepted" },
        { ...eng, step: "credited" },
        ...repeat(2, { ...eng, step: "funded" }),
        // Not in the cohort: deactivated.
        { ...eng, step: "funded", active: false },
        ...repeat(4, { discipline: "design", level: "IC3", track: "ic", step: "none" }),
        { discipline: "design", level: "IC3", track: "ic", step: "applied" },
        ...repeat(2, { discipline: "data", level: "IC2", track: "ic", step: "funded" }),
        // Credit and a funded challenge, but never applied: counted among people only.
        { ...research, step: "lead_only" },
        ...repeat(2, { ...research, step: "none" }),
      ],
      reviewer.id,
    );
    const res = await callJson("GET", "/api/dashboard/fairness", { as: reviewer.as });
    expect(res.status).toBe(200);
    expect(res.body.minGroupSize).toBe(5);
    const [byDiscipline, byLevel, byTrack] = res.body.groupings as FairnessGroupingView[];
    expect(byDiscipline.by).toBe("discipline");
    expect(groupOf(byDiscipline, "engineering")).toEqual({
      key: "engineering",
      label: "Engineering",
      other: false,
      includes: ["Engineering"],
      counts: { people: 6, applied: 5, accepted: 4, credited: 3, funded: 2 },
      rates: { applied: 83.3, accepted: 80, credited: 75, funded: 66.7 },
    });
    expect(groupOf(byDiscipline, "design")).toMatchObject({
      counts: { people: 5, applied: 1, accepted: 0, credited: 0, funded: 0 },
      rates: { applied: 20, accepted: 0, credited: null, funded: null },
    });
    // Data (2), research (3) and legal (the reviewer) are each under 5: together, Other.
    expect(byDiscipline.groups.map((g) => g.key)).toEqual(["engineering", "design", "other"]);
    expect(groupOf(byDiscipline, "other")).toMatchObject({
      other: true,
      includes: ["Data", "Research", "Legal"],
      counts: { people: 6, applied: 2, accepted: 2, credited: 2, funded: 2 },
    });
    // Levels: IC4 and IC3 alone; IC2, IC5 and M6 in Other, IC levels before management ones.
    expect(byLevel.groups.map((g) => [g.key, g.counts.people])).toEqual([
      ["IC3", 5],
      ["IC4", 6],
      ["other", 6],
    ]);
    expect(groupOf(byLevel, "other")?.includes).toEqual(["IC2 · Practitioner", "IC5 · Senior Staff", "M6 · VP"]);
    // Tracks: management is the reviewer alone, so Other takes the IC track too: no track is shown alone.
    expect(byTrack.groups).toMatchObject([
      { key: "other", includes: ["Management", "Individual contributor"], counts: { people: 17, applied: 8 } },
    ]);

    const one = await callJson("GET", "/api/dashboard/fairness?by=level", { as: reviewer.as });
    expect(one.body.groupings).toEqual([byLevel]);
  });

  it("answers a cohort under 5 in all with nothing shown, in the JSON and the CSV", async () => {
    await seedCohort(repeat(3, { discipline: "design", level: "IC3", track: "ic", step: "funded" }), reviewer.id);
    const res = await callJson("GET", "/api/dashboard/fairness", { as: reviewer.as });
    for (const g of res.body.groupings) expect(g).toMatchObject({ suppressed: true, groups: [] });
    const csv = await call("GET", "/api/dashboard/fairness.csv", { as: reviewer.as });
    expect(csvRows(await csv.text())).toEqual([]);
  });

  it("serves the CSV as a download, row for row what the JSON shows", async () => {
    await seedCohort(
      [
        ...repeat(5, { discipline: "engineering", level: "IC4", track: "ic", step: "credited" }),
        ...repeat(2, { discipline: "design", level: "IC4", track: "ic", step: "applied" }),
        ...repeat(2, { discipline: "design", level: "IC4", track: "ic", step: "none" }),
      ],
      reviewer.id,
    );
    const res = await call("GET", "/api/dashboard/fairness.csv?by=discipline", { as: reviewer.as });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="crux-fairness-discipline-/);
    expect(csvRows(await res.text())).toEqual([
      {
        grouping: "discipline",
        group: "Engineering",
        includes: "Engineering",
        people: "5",
        applied: "5",
        applied_rate_percent: "100",
        accepted: "5",
        accepted_rate_percent: "100",
        credited: "5",
        credited_rate_percent: "100",
        on_funded: "0",
        on_funded_rate_percent: "0",
      },
      {
        grouping: "discipline",
        group: "Other",
        includes: "Design; Legal",
        people: "5",
        applied: "2",
        applied_rate_percent: "40",
        accepted: "0",
        accepted_rate_percent: "0",
        credited: "0",
        credited_rate_percent: "",
        on_funded: "0",
        on_funded_rate_percent: "",
      },
    ]);
  });

  it("never shows a group under 5 over random cohorts, in the JSON or the CSV (property, end to end)", async () => {
    const personArb = fc.record({
      discipline: fc.constantFrom("engineering", "design", "data", null),
      level: fc.constantFrom("IC3", "IC4", "M2", null),
      track: fc.constantFrom("ic" as const, "management" as const),
      step: fc.constantFrom<Step>("none", "applied", "accepted", "credited", "funded", "lead_only"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(personArb, { maxLength: 16 }), async (cohort) => {
        await onlyActive(reviewer.id);
        await seedCohort(cohort, reviewer.id);
        const json = await callJson("GET", "/api/dashboard/fairness", { as: reviewer.as });
        expect(json.status).toBe(200);
        const total = cohort.length + 1;
        for (const view of json.body.groupings as FairnessGroupingView[]) {
          for (const g of view.groups) expect(g.counts.people).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
          expect(view.suppressed).toBe(total < MIN_GROUP_SIZE);
          if (!view.suppressed) expect(sum(view.groups)).toBe(total);
        }
        const csv = await call("GET", "/api/dashboard/fairness.csv", { as: reviewer.as });
        const rows = csvRows(await csv.text());
        for (const row of rows) expect(Number(row.people)).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
        expect(rows.length).toBe(
          (json.body.groupings as FairnessGroupingView[]).reduce((n, v) => n + v.groups.length, 0),
        );
      }),
      { numRuns: 25 },
    );
  });
});

describe("GET /api/dashboard/fairness: reviewer calibration", () => {
  it("gives each reviewer's mean next to the panel's mean for the same showcases", async () => {
    const [a, b, c] = await Promise.all(
      ["Ada Calib", "Ben Calib", "Cy Calib"].map((name) => member({ roles: ["reviewer"], name })),
    );
    const lead = await member();
    const showcases = [uid("ch"), uid("ch"), uid("ch")];
    const review = (challengeId: string, reviewerId: string, weighted: number) =>
      env.DB.prepare(
        `INSERT INTO reviews (id, challenge_id, cycle, reviewer_id, scores, weighted_score, feedback)
         VALUES (?, ?, 1, ?, '{}', ?, 'Seeded.')`,
      ).bind(uid("rev"), challengeId, reviewerId, weighted);
    await env.DB.batch([
      ...showcases.map((id) =>
        env.DB.prepare(
          "INSERT INTO challenges (id, title, summary, stage, lead_id, published_at) VALUES (?, 'Shown', 'Seeded.', 'showcase', ?, ?)",
        ).bind(id, lead.id, NOW),
      ),
      // Showcase 1: Ada 4.00, Ben 3.00. Showcase 2: Ada 5.00, Cy 3.00. Showcase 3: Ada 2.00 alone.
      review(showcases[0], a.id, 400),
      review(showcases[0], b.id, 300),
      review(showcases[1], a.id, 500),
      review(showcases[1], c.id, 300),
      review(showcases[2], a.id, 200),
    ]);
    const res = await callJson("GET", "/api/dashboard/fairness?by=track", { as: a.as });
    expect(res.status).toBe(200);
    const mine = (res.body.calibration as { reviewerId: string }[]).filter((r) =>
      [a.id, b.id, c.id].includes(r.reviewerId),
    );
    expect(mine).toEqual([
      // Ada: (4 + 5 + 2) / 3 = 3.67; the panel on her showcases: (3.5 + 4 + 2) / 3 = 3.17.
      {
        reviewerId: a.id,
        name: "Ada Calib",
        reviews: 3,
        sharedShowcases: 2,
        mean: 3.67,
        panelMean: 3.17,
        difference: 0.5,
      },
      {
        reviewerId: b.id,
        name: "Ben Calib",
        reviews: 1,
        sharedShowcases: 1,
        mean: 3,
        panelMean: 3.5,
        difference: -0.5,
      },
      { reviewerId: c.id, name: "Cy Calib", reviews: 1, sharedShowcases: 1, mean: 3, panelMean: 4, difference: -1 },
    ]);
  });
});
