import { useEffect, useRef } from "preact/hooks";
import "./error-summary.css";

export interface SummaryItem {
  /** The field's element id, to jump to; absent for problems without a field. */
  fieldId?: string;
  message: string;
}

interface ErrorSummaryProps {
  items: SummaryItem[];
  /** Changes on each failed submit, to move focus here again. */
  attempt: number;
  title?: string;
}

/**
 * The list of problems at the top of a form, focused when a submit fails; each links to its field
 * (GOV.UK's error summary pattern).
 */
export function ErrorSummary({ items, attempt, title = "There is a problem" }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length) ref.current?.focus();
  }, [attempt]);
  if (!items.length) return null;
  return (
    <div class="alert alert-error error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p class="alert-title">{title}</p>
      <ul>
        {items.map((item) =>
          item.fieldId ? (
            <li key={`${item.fieldId}:${item.message}`}>
              <a
                class="error-link"
                href={`#${item.fieldId}`}
                onClick={(event) => {
                  const target = document.getElementById(item.fieldId ?? "");
                  if (!target) return;
                  event.preventDefault();
                  target.scrollIntoView({ block: "center" });
                  target.focus();
                }}
              >
                {item.message}
              </a>
            </li>
          ) : (
            <li key={item.message}>{item.message}</li>
          ),
        )}
      </ul>
    </div>
  );
}
