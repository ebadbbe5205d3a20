import type { ComponentChildren } from "preact";
import type { PagedList } from "../lib/use-paged-list";
import { Alert } from "./alert";
import { SkeletonCards } from "./skeleton";
import "./paged-results.css";

interface PagedResultsProps<T> {
  list: PagedList<T>;
  /** The status line while the first page loads: "Loading challenges…". */
  loadingText: string;
  /** How many were found, for the status line: "20 challenges". */
  counted: (count: number) => string;
  skeletons: number;
  errorTitle: string;
  /** The empty state's content, when the query found nothing. */
  empty: ComponentChildren;
  /** The list of what was found. */
  children: (items: T[]) => ComponentChildren;
}

/**
 * The results of a list page's search: a status line for screen readers, placeholders while the
 * first page loads, the error or the empty state, then the list and its "Load more" button.
 */
export function PagedResults<T>({
  list: { results, more, reload, loadMore },
  loadingText,
  counted,
  skeletons,
  errorTitle,
  empty,
  children,
}: PagedResultsProps<T>) {
  return (
    <>
      <p class="status-line" role="status">
        {results.status === "loading"
          ? loadingText
          : results.status === "ready" && results.items.length > 0
            ? `Showing ${counted(results.items.length)}${results.nextCursor ? "; more below" : ""}.`
            : ""}
      </p>

      <div aria-busy={results.status === "loading" ? "true" : undefined}>
        {results.status === "loading" && <SkeletonCards count={skeletons} />}
        {results.status === "error" && (
          <Alert title={errorTitle} onRetry={reload}>
            {results.message}
          </Alert>
        )}
        {results.status === "ready" && results.items.length === 0 && <div class="empty-state">{empty}</div>}
        {results.status === "ready" && results.items.length > 0 && (
          <>
            {children(results.items)}
            {more.error && <Alert onRetry={loadMore}>{more.error}</Alert>}
            {results.nextCursor && (
              <div class="load-more">
                <button type="button" class="button button-secondary" onClick={loadMore} disabled={more.loading}>
                  {more.loading ? "Loading…" : "Load more"}
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </>
  );
}
