import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../middleware/auth";
import { errors, json } from "../schemas/common";
import { loadOrg } from "../services/org";
import { createRouter } from "./router";

export const OrgSchema = z
  .object({
    name: z.string(),
    currency: z.string().openapi({ example: "USD" }),
    commitmentCapPercent: z.number().int(),
    responseDeadlineDays: z.number().int(),
    disciplines: z.array(z.object({ id: z.string(), name: z.string(), active: z.boolean() })),
    levels: z.array(
      z.object({
        id: z.string(),
        track: z.enum(["ic", "management"]),
        rank: z.number().int(),
        name: z.string(),
        summary: z.string(),
      }),
    ),
  })
  .openapi("Org");

export const orgRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Organisation"],
    summary: "Settings, disciplines and career-framework levels",
    responses: { 200: json(OrgSchema, "The organisation."), ...errors },
  }),
  async (c) => c.json(await loadOrg(c.var.db), 200),
);
