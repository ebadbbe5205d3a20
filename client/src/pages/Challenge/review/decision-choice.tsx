import { DECISION_OPTIONS } from "../../../lib/review-words";
import type { DecisionOutcome } from "../../../lib/types";

/** Scale, iterate or stop: one radio button each, with its hint. */
export function DecisionChoice({
  decision,
  error,
  onChange,
}: {
  decision: "" | DecisionOutcome;
  error: string | undefined;
  onChange: (value: DecisionOutcome) => void;
}) {
  return (
    <fieldset aria-describedby={error ? "decision-scale-error" : undefined}>
      <legend>Decision</legend>
      {DECISION_OPTIONS.map((o) => (
        <label key={o.value} class="check radio-option">
          <input
            id={`decision-${o.value}`}
            type="radio"
            name="decision"
            value={o.value}
            checked={decision === o.value}
            aria-describedby={`decision-${o.value}-hint`}
            onChange={() => onChange(o.value)}
          />
          <span>
            {o.label}
            <span class="hint" id={`decision-${o.value}-hint`}>
              {o.hint}
            </span>
          </span>
        </label>
      ))}
      {error && (
        <p class="field-error" id="decision-scale-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </fieldset>
  );
}
