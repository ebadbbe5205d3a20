import type { ComponentChildren } from "preact";

interface AlertProps {
  kind?: "error" | "success" | "info";
  title?: string;
  children?: ComponentChildren;
  /** Shows a "Try again" button. */
  onRetry?: () => void;
}

/** A message about something that just happened; errors are announced at once (role="alert"). */
export function Alert({ kind = "error", title, children, onRetry }: AlertProps) {
  return (
    <div class={`alert alert-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {title && <p class="alert-title">{title}</p>}
      {children && <div class="alert-body">{children}</div>}
      {onRetry && (
        <button type="button" class="button button-secondary button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A polite "Loading…" line for screen readers and sighted people alike. */
export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
