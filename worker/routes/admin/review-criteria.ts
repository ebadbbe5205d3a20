import { createRoute, z } from "@hono/zod-openapi";
import { weightsProblem } from "../../domain/review";
import { requireAuth, requireRole } from "../../middleware/auth";
import { invalid } from "../../middleware/errors";
import { errors, json, jsonBody } from "../../schemas/common";
import { criteriaPlan, replaceCriteria } from "../../services/review";
import { CriterionSchema } from "../review/shapes";
import { createRouter } from "../router";

export const adminCriteriaRoutes = createRouter(requireAuth(), requireRole("admin")).openapi(
  createRoute({
    method: "put",
    path: "/",
    tags: ["Admin"],
    summary: "Replace the review criteria (weights sum to 100)",
    request: {
      body: jsonBody(
        z
          .object({
            items: z
              .array(
                z.object({
                  id: z
                    .string()
                    .trim()
                    .min(2)
                    .max(40)
                    // A letter first: a `__proto__` key would vanish from every review's scores object.
                    .regex(/^[a-z][a-z0-9_]*$/, "A lower-case letter, then lower-case letters, digits and _."),
                  name: z.string().trim().min(2).max(60),
                  description: z.string().trim().max(500).default(""),
                  weight: z.number().int().min(1, "At least 1%.").max(100),
                }),
              )
              .min(1)
              .max(12),
          })
          .openapi("CriteriaInput"),
      ),
    },
    responses: { 200: json(z.object({ items: z.array(CriterionSchema) }), "The criteria."), ...errors },
  }),
  async (c) => {
    const { items } = c.req.valid("json");
    const problem = weightsProblem(items);
    if (problem) throw invalid({ items: problem });
    if (new Set(items.map((i) => i.id)).size !== items.length)
      throw invalid({ items: "Each criterion needs its own id." });
    const [rows] = await replaceCriteria(c.var.db, items, c.var.me.id, criteriaPlan(c.var.db));
    return c.json({ items: rows.map(({ id, name, description, weight }) => ({ id, name, description, weight })) }, 200);
  },
);
