import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { allocateeRefusal, allocationProblems, reductionRefusal } from "../../domain/ledger";
import { checkImport, IMPORT_COLUMNS, type ImportCheck, MAX_IMPORT_ROWS } from "../../domain/people-import";
import type { AppEnv } from "../../env";
import { requireAuth, requireRole } from "../../middleware/auth";
import { ApiError, conflict, invalid, refusalError, throwIfInvalid, throwIfRefused } from "../../middleware/errors";
import { idempotency } from "../../middleware/idempotency";
import { errors, IdempotencyHeaders, json, jsonBody } from "../../schemas/common";
import { AllocationInputSchema, BudgetSchema, PeriodInputSchema, PeriodSchema } from "../../schemas/funding";
import { readFacts } from "../../services/facts";
import { allocate, allocationFactsPlan, budgetsPlan, createPeriod } from "../../services/funding";
import { importPeople, loadImportReference } from "../../services/people-import";
import { createRouter } from "../router";

/** Large enough for the row limit with generous titles; larger bodies are refused unread. */
const MAX_IMPORT_BYTES = 1_500_000;

const ImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    total: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
  })
  .openapi("PeopleImportResult");

/** The CSV of an import, as text/csv or as JSON {"csv": "…"}; refused unread when too large. */
async function importText(c: Context<AppEnv>, validJson: () => { csv: string } | string) {
  const tooLarge = () => new ApiError(413, "too_large", "The file is too large; split it.");
  if (Number(c.req.header("content-length") ?? 0) > MAX_IMPORT_BYTES) throw tooLarge();
  let text: unknown;
  if ((c.req.header("content-type") ?? "").includes("text/csv")) text = await c.req.text();
  else {
    const body = validJson();
    text = typeof body === "string" ? body : body.csv;
  }
  if (typeof text !== "string") throw invalid({ csv: 'Send the file as text/csv, or as JSON {"csv": "…"}.' });
  if (text.length > MAX_IMPORT_BYTES) throw tooLarge();
  return text;
}

/** An import with bad rows: nothing was imported, and each bad row is named. */
function importRefused(check: Extract<ImportCheck, { ok: false }>) {
  if (check.headerProblem) return invalid({ csv: check.headerProblem });
  const n = check.problems.length;
  return new ApiError(400, "import_invalid", `Nothing was imported: ${n} row${n === 1 ? " has" : "s have"} problems.`, {
    rows: check.problems,
  });
}

export const adminPeopleAndBudgetRoutes = createRouter(requireAuth(), requireRole("admin"))
  .openapi(
    createRoute({
      method: "post",
      path: "/people/import",
      tags: ["Admin"],
      summary: "Import people from CSV: all rows or none",
      description: `Columns: ${IMPORT_COLUMNS.join(",")}. Roles are separated by ";" (member is implied). Existing e-mails are updated. Every row is checked first; when any is bad, nothing is imported and the 400 lists each bad row (the header is row 1). At most ${MAX_IMPORT_ROWS} rows.`,
      request: {
        query: z.object({
          dryRun: z
            .enum(["true", "false"])
            .optional()
            .openapi({ description: "Check the file and report what would happen, without writing." }),
        }),
        body: {
          // Not `required`: @hono/zod-openapi would then validate every body as JSON, text/csv too.
          required: false,
          content: {
            "text/csv": { schema: z.string() },
            "application/json": { schema: z.object({ csv: z.string().max(MAX_IMPORT_BYTES) }) },
          },
        },
      },
      responses: { 200: json(ImportResultSchema, "Imported (or, in a dry run, would import)."), ...errors },
    }),
    async (c) => {
      const text = await importText(c, () => c.req.valid("json"));
      const ref = await loadImportReference(c.var.db);
      const check = checkImport(text, { ...ref, importerEmail: c.var.me.email });
      if (!check.ok) throw importRefused(check);
      const dryRun = c.req.valid("query").dryRun === "true";
      if (dryRun) {
        const updated = check.people.filter((p) => ref.existing.has(p.email)).length;
        return c.json({ dryRun, total: check.people.length, created: check.people.length - updated, updated }, 200);
      }
      const result = await importPeople(c.var.db, check.people, c.var.me.id);
      return c.json({ dryRun, ...result }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/budget-periods",
      tags: ["Admin"],
      summary: "Create a budget period (e.g. FY27-Q1)",
      request: { body: jsonBody(PeriodInputSchema) },
      responses: { 201: json(PeriodSchema, "The period."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const id = await createPeriod(c.var.db, input, c.var.me.id);
      if (!id) throw conflict("duplicate", `A period named ${input.name} already exists.`);
      const now = new Date().toISOString().slice(0, 10);
      return c.json({ id, ...input, current: input.startsOn <= now && now <= input.endsOn }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/allocations",
      tags: ["Admin"],
      summary:
        "Allocate to (or, negative, take from) a sponsor's budget for a period: a new ledger entry, never an edit",
      middleware: [idempotency()] as const,
      request: { headers: IdempotencyHeaders, body: jsonBody(AllocationInputSchema) },
      responses: { 201: json(BudgetSchema, "The budget after the allocation."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const db = c.var.db;
      const [{ periodExists, sponsor }] = await readFacts(db, allocationFactsPlan(db, input));
      throwIfInvalid(allocationProblems({ periodExists, sponsorExists: sponsor !== null }));
      throwIfRefused(sponsor && allocateeRefusal(sponsor)); // a missing sponsor was the 400 above
      const {
        moved,
        read: [[budget]],
      } = await allocate(
        db,
        input,
        c.var.me.id,
        budgetsPlan(db, { periodId: input.periodId, sponsorId: input.sponsorId }),
      );
      if (!moved) throw refusalError(reductionRefusal(budget?.remaining ?? 0, budget?.currency ?? "USD"));
      if (!budget) throw new Error("allocated budget not read back");
      return c.json(budget, 201);
    },
  );
