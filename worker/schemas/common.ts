import { z } from "@hono/zod-openapi";
import { ERROR_CODES } from "../domain/refusal";

// Messages a person can act on, for the cases zod words for programmers.
z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type" && issue.input === undefined) return "This field is required.";
    if (issue.code === "invalid_type")
      return `Expected ${issue.expected === "int" ? "a whole number" : issue.expected}.`;
    return undefined;
  },
});

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z
        .enum(ERROR_CODES)
        .openapi({ example: "validation_failed", description: "What went wrong, from one closed list." }),
      message: z.string().openapi({ example: "The field title is not valid: Too short." }),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi("Error");

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorSchema } },
});

/** The error responses a route can give, to spread into its `responses`. */
export const errors = {
  400: errorResponse("Bad input: `details.fields` names each bad field."),
  401: errorResponse("Not signed in."),
  403: errorResponse("Signed in, but not allowed to do this; the message says why."),
  404: errorResponse("No such object, or one the caller may not see."),
  409: errorResponse("Refused in the object's current state; the message says why."),
  413: errorResponse("The request body is too large."),
  422: errorResponse("Understood but refused."),
  429: errorResponse("Too many changes in a minute (120 per person); `Retry-After` says when to try again."),
};

export const IdParam = (name: string) =>
  z.object({
    [name]: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, "Ids contain only letters, digits, _ and -.")
      .openapi({ param: { name, in: "path" }, example: "ch_0mbx3k1z2a7x9k2m4q8r" }),
  });

export const PaginationQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ description: "Items per page (1–100, default 20)." }),
  cursor: z.string().max(500).optional().openapi({ description: "`nextCursor` of the previous page." }),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const PersonRefSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    disciplineId: z.string().nullable(),
    avatarUrl: z.string().nullable(),
  })
  .openapi("PersonRef");
export type PersonRef = z.infer<typeof PersonRefSchema>;

export const RoleSchema = z.enum(["member", "sponsor", "reviewer", "admin"]);

/** The `Idempotency-Key` header of requests that move money (worker/middleware/idempotency.ts). */
export const IdempotencyHeaders = z.object({
  "idempotency-key": z.string().optional().openapi({
    description:
      "Any unique string (a UUID). Repeating it with the same body returns the first answer and moves nothing.",
  }),
});

/** An ISO date (YYYY-MM-DD) that exists on the calendar. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2027-01-31.")
  // zod runs this even when the pattern failed, so it must not throw on text that is no date at all.
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
  }, "Not a real date.");

/** A web address people can follow: http or https only (no javascript: and the like). */
export const httpUrl = z
  .string()
  .trim()
  .max(1000)
  .url("Give a full web address.")
  .refine((u) => /^https?:\/\//i.test(u), "Only http and https addresses.");
