import type { ComponentChildren } from "preact";

/** The id of the message element describing a field's error. */
export const errorId = (fieldId: string) => `${fieldId}-error`;

const hintId = (fieldId: string) => `${fieldId}-hint`;

/** `aria-invalid` and `aria-describedby` for a field, pointing at its hint and its error. */
export function fieldAria(fieldId: string, error: string | undefined, hintId?: string) {
  const describedBy = [hintId, error ? errorId(fieldId) : undefined].filter(Boolean).join(" ");
  return {
    "aria-invalid": error ? ("true" as const) : undefined,
    "aria-describedby": describedBy || undefined,
  };
}

/** The message beside a field that the server (or the form) refused. */
export function FieldError({ fieldId, message }: { fieldId: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="field-error" id={errorId(fieldId)}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/** What a field hands its control: the id its label names, and ARIA pointing at the hint and error. */
export type ControlProps = { id: string } & ReturnType<typeof fieldAria>;

interface FieldProps {
  id: string;
  label: string;
  /** Hidden from sight but part of the name: "KPI 1" + "name" → "KPI 1 name". */
  prefix?: string;
  hint?: string;
  error?: string;
  /** Ids of more text that describes the control, read after the hint (a character counter). */
  describedBy?: string;
  /** The wrapper's classes. */
  class?: string;
  /** Shown below the error message. */
  after?: ComponentChildren;
}

/**
 * One labelled control with its hint and error message, tied together for assistive technology.
 * The children render the control from the props they are given.
 */
export function Field({
  id,
  label,
  prefix,
  hint,
  error,
  describedBy,
  class: className = "field",
  after,
  children,
}: FieldProps & { children: (control: ControlProps) => ComponentChildren }) {
  const describers = [hint ? hintId(id) : undefined, describedBy].filter(Boolean).join(" ");
  return (
    <div class={className}>
      {prefix ? (
        <label class="field-label" for={id}>
          <span class="visually-hidden">{prefix} </span>
          <span class="cap">{label}</span>
        </label>
      ) : (
        <label for={id}>{label}</label>
      )}
      {hint && (
        <span class="hint" id={hintId(id)}>
          {hint}
        </span>
      )}
      {children({ id, ...fieldAria(id, error, describers || undefined) })}
      <FieldError fieldId={id} message={error} />
      {after}
    </div>
  );
}

interface TextFieldProps extends FieldProps {
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "url" | "search";
  inputMode?: "decimal" | "numeric";
  autoComplete?: string;
  maxLength?: number;
}

/** A one-line text input in a `Field`. */
export function TextField({
  value,
  onInput,
  type = "text",
  inputMode,
  autoComplete,
  maxLength,
  ...field
}: TextFieldProps) {
  return (
    <Field {...field}>
      {(control) => (
        <input
          {...control}
          // Preact's types pair each input type with its own ARIA roles, so a union of types needs a cast.
          type={type as "text"}
          inputMode={inputMode}
          autoComplete={autoComplete}
          maxLength={maxLength}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

interface TextAreaFieldProps extends FieldProps {
  value: string;
  onInput: (value: string) => void;
  /** Room for long Markdown. */
  tall?: boolean;
  maxLength?: number;
  spellcheck?: boolean;
}

/** A multi-line text input in a `Field`. */
export function TextAreaField({ value, onInput, tall, maxLength, spellcheck, ...field }: TextAreaFieldProps) {
  return (
    <Field {...field}>
      {(control) => (
        <textarea
          {...control}
          class={tall ? "tall" : undefined}
          maxLength={maxLength}
          spellcheck={spellcheck}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

interface SelectFieldProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  /** The `<option>`s. */
  children: ComponentChildren;
}

/** A select in a `Field`. */
export function SelectField({ value, onChange, children, ...field }: SelectFieldProps) {
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          {children}
        </select>
      )}
    </Field>
  );
}

/**
 * An `<option>` for each named item (disciplines, levels). `keep` is the select's value: when no
 * item has it any more (a retired discipline), it gets an option of its own so it still shows.
 */
export function NamedOptions({ items, keep }: { items: readonly { id: string; name: string }[]; keep?: string }) {
  return (
    <>
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.name}
        </option>
      ))}
      {keep && !items.some((item) => item.id === keep) && <option value={keep}>{keep}</option>}
    </>
  );
}
