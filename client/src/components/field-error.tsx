/** The id of the message element describing a field's error. */
export const errorId = (fieldId: string) => `${fieldId}-error`;

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
