import { useRef } from "preact/hooks";
import { ApiError } from "./http";

/** A fresh key; `randomUUID` needs a secure context, so plain-HTTP hosts get random hex instead. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Whether the server may not have answered this failure for good, so a retry must carry the same
 * key: the request never arrived or its answer was lost (network), the server failed (5xx, which
 * releases the key), or the first request with the key is still running.
 */
function mayRetrySameKey(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  return err.status === 0 || err.status >= 500 || err.code === "idempotency_in_progress";
}

/**
 * The `Idempotency-Key` of one money-moving action (SPEC §5). `current()` hands out the same key
 * until `settle` hears that the server answered for good: after a success or a refusal the next
 * attempt is a new request with a new key; after a network failure, pressing the button again
 * repeats the first request, so it cannot move the money twice.
 */
export function useIdempotencyKey() {
  const key = useRef<string | null>(null);
  return {
    current(): string {
      key.current ??= newIdempotencyKey();
      return key.current;
    },
    /** Call with nothing after a success, or with the error after a failure. */
    settle(err?: unknown) {
      if (!mayRetrySameKey(err)) key.current = null;
    },
    /** Starts over (the dialog was opened again). */
    renew() {
      key.current = null;
    },
  };
}

/**
 * Words for the failures only money-moving requests have, or null for the rest: after a network
 * failure the same button repeats the request safely; a key that now carries a different request
 * means the first attempt may have been recorded.
 */
export function idempotentFailure(err: unknown, button: string): string | null {
  if (!(err instanceof ApiError)) return null;
  if (err.status === 0) return `${err.message} Press ${button} again to retry: it will not move the money twice.`;
  if (err.code === "idempotency_key_reused") {
    return "Your earlier attempt may have been recorded. Reload the page and check the ledger before trying again.";
  }
  return null;
}
