/**
 * Every error code Crux answers with (SPEC §11), in one closed list, and the one shape a rule's
 * refusal takes. Rules in worker/domain/ return `Refusal | null`; routes throw what they return.
 */
export const ERROR_CODES = [
  // 400, 401, 404, 413, 422, 429, 500: the request itself.
  "validation_failed",
  "import_invalid",
  "unauthenticated",
  "insufficient_scope",
  "cross_site_request",
  "not_found",
  "too_large",
  "idempotency_key_reused",
  "idempotency_in_progress",
  "rate_limited",
  "misconfigured",
  "internal_error",
  "request_refused",
  // 403: who may act.
  "forbidden",
  "conflict_of_interest",
  "own_challenge",
  "not_a_sponsor",
  "not_a_member",
  "not_on_team",
  // 409: the state refuses.
  "conflict",
  "duplicate",
  "invalid_stage",
  "invalid_state",
  "invalid_transition",
  "stale_stage",
  "not_ready",
  "slots_unfilled",
  "not_funded",
  "showcase_missing",
  "decision_missing",
  "reason_missing",
  "slot_filled",
  "slot_full",
  "slot_closed",
  "too_many_slots",
  "already_member",
  "already_applied",
  "already_requested",
  "already_endorsed",
  "over_commitment",
  "over_ask",
  "over_budget",
  "over_funding",
  "ask_below_pledged",
  "zero_pledge",
  "period_closed",
  "currency_locked",
  "manager_cycle",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A rule's refusal: 403 (who) or 409 (state), a code, a sentence a person can act on. */
export interface Refusal {
  status: 403 | 409;
  code: ErrorCode;
  reason: string;
  details?: Record<string, unknown>;
}

export const refuse = (
  status: 403 | 409,
  code: ErrorCode,
  reason: string,
  details?: Record<string, unknown>,
): Refusal => (details ? { status, code, reason, details } : { status, code, reason });
