/**
 * The two buttons that end a small form or a confirm step: the action (a submit button unless
 * `onSubmit` is given) and Cancel. Both are disabled while the action runs.
 */
export function SubmitOrCancel({
  label,
  busyLabel,
  busy,
  danger = false,
  small = false,
  cancelLabel = "Cancel",
  onSubmit,
  onCancel,
}: {
  label: string;
  busyLabel: string;
  busy: boolean;
  danger?: boolean;
  small?: boolean;
  /** The second button's words where "Cancel" reads wrong, e.g. "Keep it" after "Yes, revoke it". */
  cancelLabel?: string;
  onSubmit?: () => void;
  onCancel: () => void;
}) {
  const size = small ? " button-small" : "";
  return (
    <div class="button-row">
      <button
        type={onSubmit ? "button" : "submit"}
        class={`button${danger ? " button-danger" : ""}${size}`}
        disabled={busy}
        onClick={onSubmit}
      >
        {busy ? busyLabel : label}
      </button>
      <button type="button" class={`button button-secondary${size}`} disabled={busy} onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
