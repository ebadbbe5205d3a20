import { errorId, FieldError } from "./field";
import "./field-scale.css";

/** One step of a scale: its value and the words its radio button is named by ("1 — weak"). */
export interface ScaleStep {
  value: string;
  label: string;
}

interface ScaleFieldProps {
  /** The first radio button's id, so an error summary's link lands on the group; the rest add their value. */
  id: string;
  /** Names the group: what is scored. */
  legend: string;
  hint?: string;
  error?: string;
  steps: readonly ScaleStep[];
  value: string;
  onChange: (value: string) => void;
}

/**
 * A score on a scale as a group of radio buttons: a fieldset named by its legend, with its hint and
 * error, and one labelled radio button a step. Arrow keys move between the steps.
 */
export function ScaleField({ id, legend, hint, error, steps, value, onChange }: ScaleFieldProps) {
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : undefined, error ? errorId(id) : undefined].filter(Boolean).join(" ");
  return (
    <fieldset class="scale-field" aria-describedby={describedBy || undefined}>
      <legend>{legend}</legend>
      {hint && (
        <span class="hint" id={hintId}>
          {hint}
        </span>
      )}
      <div class="scale-options">
        {steps.map((step, i) => (
          <label key={step.value} class="check radio-option">
            <input
              id={i === 0 ? id : `${id}-${step.value}`}
              type="radio"
              name={id}
              value={step.value}
              checked={value === step.value}
              aria-invalid={error ? "true" : undefined}
              onChange={() => onChange(step.value)}
            />
            <span>{step.label}</span>
          </label>
        ))}
      </div>
      <FieldError fieldId={id} message={error} />
    </fieldset>
  );
}
