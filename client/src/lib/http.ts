import type { ClientResponse } from "hono/client";

/** An error the API answered with (SPEC §11), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** A 400's `details.fields`: dotted path (`kpis.0.target`) → message. */
  get fields(): Record<string, string> {
    const fields = this.details.fields;
    return fields && typeof fields === "object" ? (fields as Record<string, string>) : {};
  }
}

/** The body of a response's success statuses, from the route's own types. */
// biome-ignore lint/suspicious/noExplicitAny: matches any response format of the typed client.
type Success<R> = R extends ClientResponse<infer T, infer S, any> ? (S extends 200 | 201 ? T : never) : never;

let unauthorized: (() => void) | undefined;

/** Called when any request answers 401: the session has ended. */
export function onUnauthorized(handler: () => void) {
  unauthorized = handler;
}

/**
 * Awaits a typed Hono client call and returns its success body, or throws an `ApiError` carrying
 * the API's code, human message and details.
 */
// biome-ignore lint/suspicious/noExplicitAny: accepts every typed client response.
export async function call<R extends ClientResponse<any, any, any>>(request: Promise<R>): Promise<Success<R>> {
  let res: R;
  try {
    res = await request;
  } catch {
    throw new ApiError(0, "network", "Crux could not be reached. Check your connection and try again.");
  }
  if (res.ok) return (await res.json()) as Success<R>;
  let error: { code?: string; message?: string; details?: Record<string, unknown> } | undefined;
  try {
    error = ((await res.json()) as { error?: typeof error }).error;
  } catch {
    // Not JSON (a proxy's error page): fall back to the status below.
  }
  if (res.status === 401) unauthorized?.();
  throw new ApiError(
    res.status,
    error?.code ?? `http_${res.status}`,
    error?.message ?? `The server answered with an error (${res.status}). Try again in a moment.`,
    error?.details,
  );
}

/** A message a person can act on, for any thrown value. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return "Something went wrong. Try again.";
}
