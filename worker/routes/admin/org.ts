import { createRoute, z } from "@hono/zod-openapi";
import { CONTRIBUTION_TYPES } from "../../domain/credit";
import { pageOf } from "../../domain/cursor";
import { requireAuth, requireRole } from "../../middleware/auth";
import { invalid } from "../../middleware/errors";
import { ActivitySchema } from "../../schemas/challenge";

/** An audit line also says where the change came from (SPEC §14). */
const AuditEntrySchema = ActivitySchema.extend({
  ip: z.string().nullable().openapi({ description: "`CF-Connecting-IP` of the request." }),
  userAgent: z.string().nullable(),
  subject: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .openapi({ description: "The person the change was about (the sponsor of an allocation, whose roles changed…)." }),
}).openapi("AuditEntry");

import { errors, IdParam, json, jsonBody, PaginationQuery, page } from "../../schemas/common";
import { listAuditLog } from "../../services/audit";
import { loadDimensions } from "../../services/credit";
import { orgPlan } from "../../services/org";
import {
  addDiscipline,
  dimensionsProblems,
  replaceDimensions,
  updateDiscipline,
  updateSettings,
} from "../../services/org-admin";
import { OrgSchema } from "../org";
import { readCursor } from "../paging";
import { createRouter } from "../router";

const tags = ["Admin"];

const KnownCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "A three-letter ISO 4217 code, such as USD or EUR.")
  .refine((code) => {
    const known = Intl.supportedValuesOf?.("currency");
    return !known || known.includes(code);
  }, "Not a currency this runtime knows.");

const SettingsPatchSchema = z
  .object({
    name: z.string().trim().min(2).max(80).optional(),
    currency: KnownCurrency.optional(),
    commitmentCapPercent: z
      .number()
      .int()
      .min(10, "At least 10%.")
      .max(100, "At most 100%: nobody commits more than all their time.")
      .optional(),
    responseDeadlineDays: z.number().int().min(1, "At least 1 day.").max(90, "At most 90 days.").optional(),
  })
  .openapi("SettingsPatch");

const Slug = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z][a-z0-9_-]*$/, "A lower-case letter, then lower-case letters, digits, _ and -.");

const DimensionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    contributionTypes: z.array(z.enum(CONTRIBUTION_TYPES)),
  })
  .openapi("FrameworkDimension");

const DimensionsInputSchema = z
  .object({
    items: z
      .array(
        z.object({
          id: Slug,
          name: z.string().trim().min(2).max(60),
          description: z.string().trim().max(500).default(""),
          contributionTypes: z.array(z.enum(CONTRIBUTION_TYPES)).max(CONTRIBUTION_TYPES.length),
        }),
      )
      .min(1, "Keep at least one dimension.")
      .max(10),
  })
  .openapi("FrameworkDimensionsInput");

const dimensionsOut = async (db: Parameters<typeof loadDimensions>[0]) =>
  (await loadDimensions(db)).map((d) => ({ ...d, contributionTypes: [...d.contributionTypes] }));

const DisciplineSchema = z.object({ id: z.string(), name: z.string(), active: z.boolean() }).openapi("Discipline");

export const adminOrgRoutes = createRouter(requireAuth(), requireRole("admin"))
  .openapi(
    createRoute({
      method: "patch",
      path: "/settings",
      tags,
      summary: "Change the organisation's settings (name, currency, commitment cap, response deadline)",
      request: { body: jsonBody(SettingsPatchSchema) },
      responses: { 200: json(OrgSchema, "The organisation with its new settings."), ...errors },
    }),
    async (c) => {
      const [org] = await updateSettings(c.var.db, c.req.valid("json"), c.var.me.id, orgPlan(c.var.db));
      return c.json(org, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/framework-dimensions",
      tags,
      summary: "The career framework's dimensions and the contribution types that evidence each",
      responses: { 200: json(z.object({ items: z.array(DimensionSchema) }), "The dimensions, in order."), ...errors },
    }),
    async (c) => c.json({ items: await dimensionsOut(c.var.db) }, 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/framework-dimensions",
      tags,
      summary: "Replace the career framework's dimensions (impact packets group credit by them)",
      request: { body: jsonBody(DimensionsInputSchema) },
      responses: { 200: json(z.object({ items: z.array(DimensionSchema) }), "The dimensions, in order."), ...errors },
    }),
    async (c) => {
      const { items } = c.req.valid("json");
      const problems = dimensionsProblems(items);
      if (Object.keys(problems).length) throw invalid(problems);
      const list = items.map((d) => ({ ...d, contributionTypes: [...new Set(d.contributionTypes)] }));
      await replaceDimensions(c.var.db, list, c.var.me.id);
      return c.json({ items: await dimensionsOut(c.var.db) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/disciplines",
      tags,
      summary: "Add a discipline",
      request: {
        body: jsonBody(z.object({ id: Slug, name: z.string().trim().min(2).max(60) }).openapi("DisciplineInput")),
      },
      responses: { 201: json(DisciplineSchema, "The new discipline."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      await addDiscipline(c.var.db, input, c.var.me.id);
      return c.json({ ...input, active: true }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/disciplines/{id}",
      tags,
      summary: "Rename a discipline, or stop (or resume) offering it for new people and slots",
      request: {
        params: IdParam("id"),
        body: jsonBody(
          z
            .object({ name: z.string().trim().min(2).max(60).optional(), active: z.boolean().optional() })
            .openapi("DisciplinePatch"),
        ),
      },
      responses: { 200: json(DisciplineSchema, "The discipline."), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await updateDiscipline(c.var.db, id, c.req.valid("json"), c.var.me.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/audit",
      tags,
      summary:
        "The audit log: organisation-wide changes (people, roles, imports, settings, framework, criteria, tokens), newest first",
      request: { query: PaginationQuery },
      responses: { 200: json(page(AuditEntrySchema), "A page of the audit log."), ...errors },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      const before = readCursor(cursor, ["string", "string"]);
      const rows = await listAuditLog(
        c.var.db,
        limit,
        before ? { createdAt: String(before[0]), id: String(before[1]) } : undefined,
      );
      return c.json(
        pageOf(rows, limit, (r) => [r.createdAt, r.id]),
        200,
      );
    },
  );
