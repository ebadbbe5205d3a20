import { createRoute, z } from "@hono/zod-openapi";
import { FAIRNESS_GROUPINGS, FAIRNESS_STEPS, fairnessCsv, MIN_GROUP_SIZE } from "../../domain/fairness";
import { requireAuth, requireRole } from "../../middleware/auth";
import { errors, json } from "../../schemas/common";
import { readFacts } from "../../services/facts";
import { fairnessPlan } from "../../services/fairness";
import { createRouter } from "../router";

const tags = ["Leadership"];

const FairnessQuery = z.object({
  by: z
    .enum(FAIRNESS_GROUPINGS)
    .optional()
    .openapi({ description: "One grouping only; without it, all three (discipline, level, track)." }),
});

const StepCountsSchema = z.object(
  Object.fromEntries(FAIRNESS_STEPS.map((s) => [s, z.number().int()])) as {
    [K in (typeof FAIRNESS_STEPS)[number]]: z.ZodNumber;
  },
);
const rate = z.number().nullable();

const FairnessSchema = z
  .object({
    minGroupSize: z.number().int().openapi({ description: "No group of fewer people is shown on its own." }),
    groupings: z.array(
      z.object({
        by: z.enum(FAIRNESS_GROUPINGS),
        suppressed: z
          .boolean()
          .openapi({ description: "Nothing shown: fewer than `minGroupSize` active people in all." }),
        groups: z.array(
          z.object({
            key: z.string().openapi({ description: 'The discipline, level or track id; "other"; "none" for not set.' }),
            label: z.string(),
            other: z.boolean(),
            includes: z.array(z.string()).openapi({ description: "The groups this row counts (several for Other)." }),
            counts: StepCountsSchema.openapi({
              description:
                "Active people; of them, who applied; of those, who had an application accepted; then who holds confirmed credit; then who was on a funded challenge's team.",
            }),
            rates: z
              .object({ applied: rate, accepted: rate, credited: rate, funded: rate })
              .openapi({ description: "Percent of the step before (one decimal); null when it had nobody." }),
          }),
        ),
      }),
    ),
    calibration: z.array(
      z.object({
        reviewerId: z.string(),
        name: z.string(),
        reviews: z.number().int(),
        sharedShowcases: z
          .number()
          .int()
          .openapi({ description: "Of the reviews, how many were on showcases another reviewer also scored." }),
        mean: z.number().openapi({ description: "The reviewer's mean weighted score, 1–5." }),
        panelMean: z.number().openapi({
          description: "For the same showcases, the mean of every review of each (the reviewer's own included), 1–5.",
        }),
        difference: z.number(),
      }),
    ),
  })
  .openapi("Fairness");

/**
 * The fairness view (SPEC §16), a section of the leadership dashboard: the same people as the
 * dashboard may see it (reviewers and admins; anyone else 403). The JSON and the CSV come from
 * one plan and one suppression rule (worker/domain/fairness.ts).
 */
export const fairnessRoutes = createRouter(requireAuth(), requireRole("reviewer", "admin"))
  .openapi(
    createRoute({
      method: "get",
      path: "/fairness",
      tags,
      summary:
        "Fairness: applied → accepted → credited → on funded challenges by discipline, level and track (small groups merged into Other), and reviewer calibration",
      request: { query: FairnessQuery },
      responses: { 200: json(FairnessSchema, "The fairness view."), ...errors },
    }),
    async (c) => {
      const { by } = c.req.valid("query");
      const [view] = await readFacts(c.var.db, fairnessPlan(c.var.db, by));
      return c.json({ minGroupSize: MIN_GROUP_SIZE, ...view }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/fairness.csv",
      tags,
      summary: "The fairness funnel as CSV, with the same small-group suppression as the JSON",
      request: { query: FairnessQuery },
      responses: {
        200: { description: "CSV, a row per shown group.", content: { "text/csv": { schema: z.string() } } },
        ...errors,
      },
    }),
    async (c) => {
      const { by } = c.req.valid("query");
      const [view] = await readFacts(c.var.db, fairnessPlan(c.var.db, by));
      const day = new Date().toISOString().slice(0, 10);
      return c.body(fairnessCsv(view.groupings), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="crux-fairness-${by ?? "all"}-${day}.csv"`,
      });
    },
  );
