import { useState } from "preact/hooks";
import { Alert, Loading } from "../../../components/alert";
import { AuthoredControls } from "../../../components/authored";
import { KpiChart } from "../../../components/kpi-chart";
import { UpdateItem } from "../../../components/update-item";
import { api } from "../../../lib/api";
import { call } from "../../../lib/http";
import type { Progress, Update } from "../../../lib/types";
import { me } from "../../../state/session";
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

export function UpdateFeed({
  feed,
  onMore,
  onRetry,
  canChange = false,
}: {
  feed: Feed<Update>;
  onMore: () => void;
  onRetry: () => void;
  /** Progress is reported in this stage, so authors may edit and remove their updates. */
  canChange?: boolean;
}) {
  // Updates edited or removed here, over the feed the section read.
  const [changed, setChanged] = useState<Record<string, Update>>({});
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
            <li key={u.id} id={`update-${u.id}`} class="update-entry">
              <UpdateEntry
                update={changed[u.id] ?? u}
                canChange={canChange}
                onChanged={(next) => setChanged((all) => ({ ...all, [next.id]: next }))}
              />
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

/** One update of the feed, with Edit and Remove for its author while progress is reported. */
function UpdateEntry({
  update: u,
  canChange,
  onChanged,
}: {
  update: Update;
  canChange: boolean;
  onChanged: (update: Update) => void;
}) {
  const [editing, setEditing] = useState(false);
  const mine = canChange && u.author.id === me.value?.id && !u.removedAt && u.body !== null;
  if (!mine || u.body === null) return <UpdateItem update={u} />;
  const param = { id: u.challenge.id, updateId: u.id };
  return (
    <UpdateItem update={u} editing={editing}>
      <AuthoredControls
        id={u.id}
        noun="update"
        createdAt={u.createdAt}
        body={u.body}
        maxLength={20_000}
        hint="Markdown works. Mention someone with @ and their e-mail name; KPI check-ins stay as posted."
        editing={editing}
        setEditing={setEditing}
        save={async (body) =>
          onChanged(await call(api.challenges[":id"].updates[":updateId"].$patch({ param, json: { body } })))
        }
        remove={async () => onChanged(await call(api.challenges[":id"].updates[":updateId"].$delete({ param })))}
      />
    </UpdateItem>
  );
}
