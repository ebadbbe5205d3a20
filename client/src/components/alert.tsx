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

/** A page that could not be shown: what failed, why, and a "Try again" button. */
export function FailedPage({
  title,
  onRetry,
  children,
}: {
  title: string;
  onRetry: () => void;
  children: ComponentChildren;
}) {
  return (
    <div class="page narrow">
      <h1>{title}</h1>
      <Alert onRetry={onRetry}>{children}</Alert>
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
