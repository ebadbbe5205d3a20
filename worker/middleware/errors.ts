import type { Hook } from "@hono/zod-openapi";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import type { ErrorCode, Refusal } from "../domain/refusal";
import type { AppEnv } from "../env";

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

/**
 * An error that ends the request with a known status, a snake_case code and a sentence a person
 * can act on. `onError` turns it into the one error shape of SPEC §11.
 */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(status, { message });
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what = "That resource") =>
  new ApiError(404, "not_found", `${what} does not exist or you may not see it.`);
export const forbidden = (reason: string) => new ApiError(403, "forbidden", reason);
export const conflict = (code: ErrorCode, reason: string, details?: Record<string, unknown>) =>
  new ApiError(409, code, reason, details);

/** Ends the request with the domain's refusal when there is one. */
export function throwIfRefused(refusal: Refusal | null): void {
  if (refusal) throw refusalError(refusal);
}

/** The error a refusal ends a request with, for `throw` where the refusal is certain. */
export const refusalError = (refusal: Refusal) =>
  new ApiError(refusal.status, refusal.code, refusal.reason, refusal.details);

/** Ends the request unless the domain allowed the move (worker/domain/lifecycle.ts `Transition`). */
export function assertAllowed<T extends { ok: true } | ({ ok: false } & Refusal)>(
  decision: T,
): asserts decision is Extract<T, { ok: true }> {
  if (!decision.ok) throwIfRefused(decision as Refusal);
}

/** Ends the request with a 400 naming each bad field, when a rule found any. */
export function throwIfInvalid(fields: Record<string, string>): void {
  if (Object.keys(fields).length) throw invalid(fields);
}

/** A 400 naming each bad field: `fields` maps a dotted path (`kpis.0.target`) to its problem. */
export const invalid = (fields: Record<string, string>, message?: string) =>
  new ApiError(400, "validation_failed", message ?? describeFields(fields), { fields });

function describeFields(fields: Record<string, string>) {
  const names = Object.keys(fields);
  return names.length === 1
    ? `The field ${names[0]} is not valid: ${fields[names[0]]}`
    : `${names.length} fields are not valid: ${names.join(", ")}.`;
}

/** Flattens a zod error into `{path: message}`, prefixing query and path parameters' names. */
export function fieldsFromZod(error: ZodError, target?: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    const key = path || (target === "json" ? "body" : (target ?? "body"));
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Used by every OpenAPIHono router: a failed zod validation becomes a 400 with its fields. */
// biome-ignore lint/suspicious/noExplicitAny: the hook serves every route, whatever its input.
export const validationHook: Hook<any, AppEnv, any, any> = (result) => {
  if (!result.success) throw invalid(fieldsFromZod(result.error, result.target));
};

export const handleError: ErrorHandler = (thrown, c) => {
  // drizzle wraps what a statement threw (the caller's check refusing, middleware/caller.ts).
  const err = thrown.cause instanceof ApiError ? thrown.cause : thrown;
  if (err instanceof ApiError) {
    if (err.status === 429) c.header("Retry-After", String(err.details?.retryAfterSeconds ?? 60));
    return errorResponse(c, err.status, err.code, err.message, err.details);
  }
  if (err instanceof HTTPException && err.status === 400) {
    // Hono's validator refuses a body it cannot parse (malformed JSON) before zod sees it.
    const fields = { body: err.message || "The body could not be read." };
    return errorResponse(c, 400, "validation_failed", "The request body is not valid JSON.", { fields });
  }
  if (err instanceof HTTPException) {
    const code: ErrorCode =
      err.status === 401 ? "unauthenticated" : err.status === 413 ? "too_large" : "request_refused";
    return errorResponse(c, err.status, code, err.message || "The request was refused.");
  }
  if (err instanceof Error && /SQLITE_CONSTRAINT|constraint failed/i.test(err.message)) {
    // A guard in the database caught a change the route's own checks let through (most often two
    // requests racing): the change was refused whole, so it is a conflict, not a crash.
    logError(c, "constraint refused a write", err);
    return errorResponse(c, 409, "conflict", "That change conflicts with the current state; reload and try again.");
  }
  logError(c, "unhandled error", err);
  return errorResponse(c, 500, "internal_error", "Something went wrong on our side. It has been logged.");
};

function logError(c: Context, msg: string, err: unknown) {
  console.error(
    JSON.stringify({
      level: "error",
      msg,
      method: c.req.method,
      path: c.req.path,
      error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
    }),
  );
}

export const handleNotFound: NotFoundHandler = (c) =>
  errorResponse(c, 404, "not_found", `No API route matches ${c.req.method} ${c.req.path}.`);

function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
) {
  const body: ErrorBody = { error: { code, message, ...(details ? { details } : {}) } };
  return c.json(body, status);
}
