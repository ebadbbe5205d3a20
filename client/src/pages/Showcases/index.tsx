import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Alert, Loading } from "../../components/alert";
import { Field, TextField } from "../../components/field";
import { FormAlerts } from "../../components/form-alerts";
import { type FieldPlace, useFormSubmit } from "../../components/form-problems";
import { SkeletonCards } from "../../components/skeleton";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { formatDay, plural, todayIso } from "../../lib/format";
import { call } from "../../lib/http";
import { formatScore } from "../../lib/review-words";
import type { ShowcaseList } from "../../lib/types";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { flash } from "../../state/flash";
import { hasRole } from "../../state/session";
import "./showcases.css";

/**
 * Showcases (SPEC §6): the queue of submitted showcases awaiting review, the showcase days, and
 * for reviewers a form to schedule the next day with its agenda.
 */
export default function ShowcasesPage() {
  useTitle("Showcases");
  const { loaded, reload, refresh } = useResource(() => call(api.showcases.$get()), "showcases");
  const isReviewer = hasRole("reviewer");
  const today = todayIso();
  const list = loaded.status === "ready" ? loaded.value : null;
  const upcoming = list?.events.filter((e) => e.heldOn >= today) ?? [];
  const past = (list?.events.filter((e) => e.heldOn < today) ?? []).reverse();

  return (
    <div class="page">
      <h1>Showcases</h1>
      <p class="muted">
        Teams show what their challenge achieved; reviewers score it, ask questions and decide: scale, iterate or stop.
      </p>
      {loaded.status === "error" && (
        <Alert title="The showcases could not be loaded" onRetry={reload}>
          {loaded.message}
        </Alert>
      )}

      <section class="section-card" aria-labelledby="queue-heading">
        <h2 id="queue-heading">Awaiting review</h2>
        {loaded.status === "loading" && <Loading label="Loading the review queue…" />}
        {list && list.queue.length === 0 && (
          <p class="muted">No showcase is waiting for review. Submitted showcases appear here, oldest first.</p>
        )}
        {list && list.queue.length > 0 && <QueueTable queue={list.queue} />}
      </section>

      <section class="section-card" aria-labelledby="events-heading">
        <h2 id="events-heading">Showcase days</h2>
        {loaded.status === "loading" && <SkeletonCards count={1} />}
        {list && (
          <>
            <h3 id="upcoming-heading">Upcoming</h3>
            {upcoming.length === 0 ? (
              <p class="muted">
                No showcase day is scheduled.{isReviewer ? " Schedule one below." : " Reviewers schedule them."}
              </p>
            ) : (
              <EventList events={upcoming} labelledBy="upcoming-heading" />
            )}
            {past.length > 0 && (
              <>
                <h3 id="past-heading">Past</h3>
                <EventList events={past} labelledBy="past-heading" />
              </>
            )}
          </>
        )}
      </section>

      {isReviewer && list && <ScheduleForm queue={list.queue} onScheduled={refresh} />}
    </div>
  );
}

function QueueTable({ queue }: { queue: ShowcaseList["queue"] }) {
  return (
    <div class="table-wrap">
      <table class="table stackable">
        <caption class="visually-hidden">Showcases awaiting review, longest waiting first</caption>
        <thead>
          <tr>
            <th scope="col">Challenge</th>
            <th scope="col">Lead</th>
            <th scope="col">Submitted</th>
            <th scope="col" class="num">
              Reviews
            </th>
            <th scope="col" class="num">
              Average score
            </th>
            <th scope="col" class="num">
              Open questions
            </th>
          </tr>
        </thead>
        <tbody>
          {queue.map((q) => (
            <tr key={q.id}>
              <th scope="row" data-label="Challenge">
                <a href={`/challenges/${q.id}`}>{q.title}</a>
                {q.cycle > 1 && <span class="muted small"> (cycle {q.cycle})</span>}
              </th>
              <td data-label="Lead">{q.leadName}</td>
              <td data-label="Submitted">
                <TimeAgo iso={q.submittedAt} />
              </td>
              <td class="num" data-label="Reviews">
                {q.reviews}
              </td>
              <td class="num" data-label="Average score">
                {q.averageScore === null ? "—" : `${formatScore(q.averageScore)} of 5`}
              </td>
              <td class="num" data-label="Open questions">
                {q.openQuestions > 0 ? (
                  <span class="badge role status-pending">{q.openQuestions}</span>
                ) : (
                  q.openQuestions
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EventList({ events, labelledBy }: { events: ShowcaseList["events"]; labelledBy: string }) {
  return (
    <ul class="plain-list event-list" aria-labelledby={labelledBy}>
      {events.map((e) => (
        <li key={e.id} class="event-item">
          <a href={`/showcases/events/${e.id}`}>
            <strong>{e.title}</strong>
          </a>
          <p class="muted small">
            <time dateTime={e.heldOn}>{formatDay(e.heldOn)}</time>
            {e.location && ` · ${e.location}`} · {plural(e.items, "showcase")} on the agenda
          </p>
        </li>
      ))}
    </ul>
  );
}

interface Candidate {
  id: string;
  title: string;
  kind: "Showcase" | "Active";
}

const PLACES: Record<string, FieldPlace> = {
  title: { fieldId: "event-title", label: "Title" },
  heldOn: { fieldId: "event-date", label: "Date" },
  location: { fieldId: "event-location", label: "Location" },
  challengeIds: { fieldId: "agenda-choices", label: "Agenda" },
};

function ScheduleForm({ queue, onScheduled }: { queue: ShowcaseList["queue"]; onScheduled: () => void }) {
  const { route } = useLocation();
  const active = useResource(
    () => call(api.challenges.$get({ query: { stage: "active", limit: "100" } })),
    "active-challenges",
  );
  const [title, setTitle] = useState("");
  const [heldOn, setHeldOn] = useState("");
  const [location, setLocation] = useState("");
  const [agenda, setAgenda] = useState<string[]>([]);

  const candidates: Candidate[] = [
    ...queue.map((q) => ({ id: q.id, title: q.title, kind: "Showcase" as const })),
    ...(active.loaded.status === "ready"
      ? active.loaded.value.items.map((c) => ({ id: c.id, title: c.title, kind: "Active" as const }))
      : []),
  ];
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const titleOf = (id: string) => byId.get(id)?.title ?? id;

  function locate(path: string): FieldPlace | null {
    const item = /^challengeIds\.(\d+)/.exec(path);
    if (item) {
      const id = agenda[Number(item[1])];
      return { fieldId: "agenda-choices", label: id ? `Agenda: ${titleOf(id)}` : "Agenda" };
    }
    return PLACES[path] ?? null;
  }
  const form = useFormSubmit(locate);
  const { sending, err } = form;

  function toggle(id: string, on: boolean) {
    setAgenda((all) => (on ? [...all.filter((x) => x !== id), id] : all.filter((x) => x !== id)));
  }

  function move(index: number, by: -1 | 1) {
    const next = [...agenda];
    const [item] = next.splice(index, 1);
    if (!item) return;
    const to = index + by;
    next.splice(to, 0, item);
    setAgenda(next);
    // Keep focus on the item that moved; at an end, its other button.
    const edge = to === 0 || to === next.length - 1;
    const direction = edge ? (by === -1 ? "down" : "up") : by === -1 ? "up" : "down";
    requestAnimationFrame(() => document.getElementById(`move-${item}-${direction}`)?.focus());
  }

  async function submit() {
    const messages: Record<string, string> = {};
    if (title.trim().length < 3) messages.title = "Name the day (at least 3 characters).";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) messages.heldOn = "Enter the date it is held.";
    else if (heldOn < todayIso()) messages.heldOn = "Schedule it for today or later.";
    if (agenda.length === 0) messages.challengeIds = "Put at least one showcase on the agenda.";
    await form.send(
      messages,
      () =>
        call(
          api.showcases.events.$post({
            json: { title: title.trim(), heldOn, location: location.trim(), challengeIds: agenda },
          }),
        ),
      (made) => {
        onScheduled();
        flash.value = { kind: "success", message: `${made.title} is scheduled; each team and its sponsors are told.` };
        route(`/showcases/events/${made.id}`);
      },
    );
  }

  return (
    <section class="section-card" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Schedule a showcase day</h2>
      <form aria-labelledby="schedule-heading" onSubmit={form.onSubmit(submit)} noValidate>
        <FormAlerts form={form} failureTitle="The showcase day was not scheduled" />
        <div class="row-grid">
          <TextField
            id="event-title"
            label="Title"
            maxLength={200}
            autoComplete="off"
            value={title}
            onInput={setTitle}
            error={err("event-title")}
            class="field wide"
          />
          <Field id="event-date" label="Date" error={err("event-date")}>
            {(control) => (
              <input
                {...control}
                type="date"
                min={todayIso()}
                value={heldOn}
                onInput={(e) => setHeldOn(e.currentTarget.value)}
              />
            )}
          </Field>
          <TextField
            id="event-location"
            label="Location"
            hint="A room, a link, or both."
            maxLength={200}
            value={location}
            onInput={setLocation}
            error={err("event-location")}
          />
        </div>
        <fieldset
          id="agenda-choices"
          tabIndex={-1}
          aria-describedby={err("agenda-choices") ? "agenda-choices-error" : undefined}
        >
          <legend>Agenda</legend>
          <p class="hint">Showcases awaiting review and active challenges. Tick them, then put them in order.</p>
          {active.loaded.status === "loading" && <Loading label="Loading active challenges…" />}
          {active.loaded.status === "error" && (
            <Alert title="Active challenges could not be listed" onRetry={active.reload}>
              {active.loaded.message}
            </Alert>
          )}
          {candidates.length === 0 && active.loaded.status === "ready" && (
            <p class="muted">Nothing to put on an agenda: no showcase awaits review and no challenge is active.</p>
          )}
          <ul class="plain-list agenda-choices">
            {candidates.map((c) => (
              <li key={c.id} class="agenda-choice">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={agenda.includes(c.id)}
                    onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                  />
                  <span>
                    {c.title} <span class="muted small">({c.kind === "Showcase" ? "awaiting review" : "active"})</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {err("agenda-choices") && (
            <p class="field-error" id="agenda-choices-error">
              <span aria-hidden="true">⚠ </span>
              {err("agenda-choices")}
            </p>
          )}
        </fieldset>
        {agenda.length > 0 && (
          <div class="agenda-order">
            <h3 id="order-heading">Order of the day</h3>
            <ol class="agenda-list" aria-labelledby="order-heading">
              {agenda.map((id, i) => (
                <li key={id} class="agenda-item">
                  <span class="agenda-title">{titleOf(id)}</span>
                  <span class="agenda-moves">
                    <button
                      id={`move-${id}-up`}
                      type="button"
                      class="button button-ghost button-small"
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      <span aria-hidden="true">↑</span>
                      <span class="visually-hidden">Move {titleOf(id)} up</span>
                    </button>
                    <button
                      id={`move-${id}-down`}
                      type="button"
                      class="button button-ghost button-small"
                      disabled={i === agenda.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      <span aria-hidden="true">↓</span>
                      <span class="visually-hidden">Move {titleOf(id)} down</span>
                    </button>
                  </span>
                </li>
              ))}
            </ol>
          </div>
        )}
        <button type="submit" class="button" disabled={sending}>
          {sending ? "Scheduling…" : "Schedule"}
        </button>
      </form>
    </section>
  );
}
