import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { Alert, FailedPage, Loading } from "../../components/alert";
import { NotFoundMessage } from "../../components/not-found";
import { StageBadge } from "../../components/stage-badge";
import { api } from "../../lib/api";
import { outcomeLabel } from "../../lib/credit-words";
import { formatDay, plural, STAGE_LABELS, todayIso } from "../../lib/format";
import { call } from "../../lib/http";
import { formatScore } from "../../lib/review-words";
import type { Stage } from "../../lib/types";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { type Flash, takeFlash } from "../../state/flash";
import "./showcase-event.css";

const isStage = (stage: string): stage is Stage => stage in STAGE_LABELS;

/** One showcase day: when and where, and its agenda in order with each showcase's standing. */
export default function ShowcaseEventPage() {
  const { params } = useRoute();
  const id = params.id;
  const [notice] = useState<Flash | null>(() => takeFlash());
  const { loaded, reload } = useResource(
    () => call(api.showcases.events[":id"].$get({ param: { id } })),
    `showcase-event:${id}`,
  );
  useTitle(
    loaded.status === "ready"
      ? loaded.value.title
      : loaded.status === "error"
        ? loaded.notFound
          ? "Showcase day not found"
          : "The showcase day could not be loaded"
        : "Loading showcase day",
  );

  if (loaded.status === "loading") return <Loading label="Loading the showcase day…" />;
  if (loaded.status === "error") {
    if (loaded.notFound) return <NotFoundMessage what="Showcase day" message="This showcase day does not exist." />;
    return (
      <FailedPage title="The showcase day could not be loaded" onRetry={reload}>
        {loaded.message}
      </FailedPage>
    );
  }

  const e = loaded.value;
  const items = [...e.items].sort((a, b) => a.position - b.position);
  return (
    <div class="page medium">
      {notice && <Alert kind={notice.kind}>{notice.message}</Alert>}
      <p class="breadcrumb">
        <a href="/showcases">Showcases</a>
      </p>
      <h1>{e.title}</h1>
      <dl class="facts event-facts">
        <dt>Date</dt>
        <dd>
          <time dateTime={e.heldOn}>{formatDay(e.heldOn)}</time>
          {e.heldOn < todayIso() && <span class="muted"> (held)</span>}
        </dd>
        <dt>Location</dt>
        <dd>{e.location || "Not set"}</dd>
        <dt>Agenda</dt>
        <dd>{plural(items.length, "showcase")}</dd>
      </dl>
      <p class="event-calendar">
        <a
          class="button button-secondary"
          href={`/api/showcases/events/${encodeURIComponent(e.id)}/event.ics`}
          download
          type="text/calendar"
        >
          Add to calendar (.ics)
        </a>
      </p>

      <section class="section-card" aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">Agenda</h2>
        {items.length === 0 ? (
          <p class="muted">Nothing is on the agenda.</p>
        ) : (
          <ol class="agenda-list event-agenda">
            {items.map((i) => (
              <li key={i.challenge.id} class="agenda-item event-agenda-item">
                <div class="agenda-main">
                  <a href={`/challenges/${i.challenge.id}`}>
                    <strong>{i.challenge.title}</strong>
                  </a>
                  <p class="muted small">
                    {i.challenge.leadName && <>Led by {i.challenge.leadName}</>}
                    {i.challenge.cycle > 1 && ` · cycle ${i.challenge.cycle}`}
                  </p>
                </div>
                <div class="cluster">
                  {isStage(i.challenge.stage) && <StageBadge stage={i.challenge.stage} />}
                  <span class="badge role">
                    {i.averageScore === null ? "Not scored yet" : `Average score ${formatScore(i.averageScore)} of 5`}
                  </span>
                  {i.decision ? (
                    <span class={`badge role outcome-${i.decision}`}>Decision: {outcomeLabel(i.decision)}</span>
                  ) : (
                    <span class="badge role status-required">Not decided</span>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
