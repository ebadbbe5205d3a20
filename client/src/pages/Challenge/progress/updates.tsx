import { Alert, Loading } from "../../../components/alert";
import { KpiChart } from "../../../components/kpi-chart";
import { UpdateItem } from "../../../components/update-item";
import type { Progress, Update } from "../../../lib/types";
import type { Feed } from "../use-feed";

export function KpiProgressList({ progress }: { progress: Progress }) {
  return (
    <>
      <h3 id="kpi-progress-heading">KPIs over time</h3>
      {progress.kpis.length === 0 ? (
        <p class="muted">This challenge has no KPIs to report against.</p>
      ) : (
        <ul class="plain-list kpi-chart-list">
          {progress.kpis.map((k) => (
            <li key={k.id}>
              <h4 class="kpi-chart-title">
                {k.name}
                <span class="muted small"> ({k.direction === "up" ? "higher is better" : "lower is better"})</span>
              </h4>
              <KpiChart kpi={k} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function UpdateFeed({ feed, onMore, onRetry }: { feed: Feed<Update>; onMore: () => void; onRetry: () => void }) {
  return (
    <>
      {feed.error && (
        <Alert title="Updates could not be loaded" onRetry={onRetry}>
          {feed.error}
        </Alert>
      )}
      {feed.items.length === 0 && !feed.loading && !feed.error && <p class="muted">No updates yet.</p>}
      {feed.items.length > 0 && (
        <ol class="plain-list update-list">
          {feed.items.map((u) => (
            <li key={u.id} class="update-entry">
              <UpdateItem update={u} />
            </li>
          ))}
        </ol>
      )}
      {feed.loading && <Loading label="Loading updates…" />}
      {feed.nextCursor && !feed.loading && (
        <button type="button" class="button button-secondary button-small" onClick={onMore}>
          Load more updates
        </button>
      )}
    </>
  );
}
