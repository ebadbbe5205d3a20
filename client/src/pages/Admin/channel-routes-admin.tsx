import type { InferResponseType } from "hono/client";
import { useRef, useState } from "preact/hooks";
import { EVENT_DESCRIPTIONS, type EventType } from "../../../../worker/outbox/catalogue";
import { Alert, Loading } from "../../components/alert";
import { ErrorSummary } from "../../components/error-summary";
import { FieldError, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { ModalDialog } from "../../components/modal-dialog";
import { SubmitOrCancel } from "../../components/submit-or-cancel";
import { api } from "../../lib/api";
import { call } from "../../lib/http";
import { useAction } from "../../lib/use-action";
import { useResource } from "../../lib/use-resource";
import "./webhook-admin.css";

const channelRoutes = api.admin["channel-routes"];
type Overview = InferResponseType<typeof channelRoutes.$get, 200>;
type ChannelRoute = Overview["items"][number];
type Provider = ChannelRoute["provider"];
type OrgWideEvent = ChannelRoute["events"][number];

const PROVIDER_WORDS: Record<Provider, string> = { slack: "Slack", teams: "Microsoft Teams" };

const PLACES: Record<string, FieldPlace> = {
  provider: { fieldId: "channel-route-provider-slack", label: "Where" },
  target: { fieldId: "channel-route-target", label: "Channel" },
  label: { fieldId: "channel-route-label", label: "Name" },
  events: { fieldId: "channel-route-events", label: "Events" },
};
const locate = (path: string) => PLACES[path.split(".")[0]] ?? null;

const loadOverview = () => call(channelRoutes.$get());

/** How an admin reads a mapping: its name, or else its channel. */
const nameOf = (route: ChannelRoute) => route.label || route.target;

/**
 * Slack and Teams (SPEC §15): see whether Slack is connected, map org-wide events to Slack channels
 * or Teams channels, send a test message to one, delete one.
 */
export function ChannelRoutesSection() {
  const overview = useResource(loadOverview, "channel-routes");
  const [deleting, setDeleting] = useState<ChannelRoute | null>(null);
  const [done, setDone] = useState("");
  const [tested, setTested] = useState<{ id: string; delivered: boolean; error: string | null } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const testing = useAction<string>();

  async function sendTest(route: ChannelRoute) {
    setDone("");
    setTested(null);
    await testing.run(
      async () => {
        const result = await call(channelRoutes[":id"].test.$post({ param: { id: route.id } }));
        setTested({ id: route.id, ...result });
      },
      { tag: route.id },
    );
  }

  const loaded = overview.loaded;
  const slackConnected = loaded.status === "ready" && loaded.value.slack.botToken && loaded.value.slack.signingSecret;
  const testedRoute =
    loaded.status === "ready" && tested ? loaded.value.items.find((r) => r.id === tested.id) : undefined;

  return (
    <section class="section-card" aria-labelledby="channel-routes-heading">
      <h2 id="channel-routes-heading" ref={headingRef} tabIndex={-1}>
        Slack and Teams
      </h2>
      <p>
        Crux posts the org-wide events you choose to a Slack channel or a Microsoft Teams channel. For Teams, create a
        “Post to a channel when a webhook request is received” workflow in the channel and give its address here.
      </p>

      {loaded.status === "loading" && <Loading label="Loading the Slack and Teams channels…" />}
      {loaded.status === "error" && (
        <Alert title="The Slack and Teams channels could not be loaded" onRetry={overview.reload}>
          {loaded.message}
        </Alert>
      )}
      {loaded.status === "ready" && (
        <>
          <h3>Slack connection</h3>
          {slackConnected ? (
            <p>
              <span class="badge webhook-badge webhook-badge-good">Connected</span> Slack's bot token and signing secret
              are set.
            </p>
          ) : (
            <div>
              <p>
                <span class="badge webhook-badge webhook-badge-warn">Not connected</span> Slack needs{" "}
                {!loaded.value.slack.botToken && !loaded.value.slack.signingSecret
                  ? "its bot token and signing secret"
                  : !loaded.value.slack.botToken
                    ? "its bot token"
                    : "its signing secret"}
                . Set them as Worker secrets, then reload this page:
              </p>
              <pre>
                <code>
                  {[
                    !loaded.value.slack.botToken && "npx wrangler secret put SLACK_BOT_TOKEN",
                    !loaded.value.slack.signingSecret && "npx wrangler secret put SLACK_SIGNING_SECRET",
                  ]
                    .filter(Boolean)
                    .join("\n")}
                </code>
              </pre>
              <p class="muted small">Teams channels work without these.</p>
            </div>
          )}

          <AddChannelRouteForm
            events={loaded.value.events.map((e) => e.type)}
            onAdded={(route) => {
              setTested(null);
              setDone(`Org-wide events now go to ${nameOf(route)}.`);
              overview.refresh();
            }}
          />

          <h3>Channels</h3>
          <div role="status">
            {done && <p class="alert alert-success">{done}</p>}
            {tested && testedRoute && tested.delivered && (
              <p class="alert alert-success">The test message arrived in {nameOf(testedRoute)}.</p>
            )}
          </div>
          {tested && testedRoute && !tested.delivered && (
            <Alert title={`The test message did not arrive in ${nameOf(testedRoute)}`}>
              {tested.error ?? "No reason was given."}
            </Alert>
          )}
          {testing.error && <Alert title="The test message was not sent">{testing.error}</Alert>}
          {loaded.value.items.length === 0 ? (
            <p class="muted">No channels yet. Add the first one above.</p>
          ) : (
            <div class="table-wrap">
              <table class="table stackable">
                <caption class="visually-hidden">Slack and Teams channels, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Where</th>
                    <th scope="col">Channel</th>
                    <th scope="col">Events</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.value.items.map((r) => (
                    <tr key={r.id}>
                      <th scope="row" data-label="Name">
                        {r.label || <span class="muted">No name</span>}
                      </th>
                      <td data-label="Where">{PROVIDER_WORDS[r.provider]}</td>
                      <td data-label="Channel">
                        <code class="webhook-url">{r.target}</code>
                      </td>
                      <td data-label="Events">
                        <ul class="plain-list">
                          {r.events.map((type) => (
                            <li key={type}>
                              <code>{type}</code>
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td data-label="Actions">
                        <div class="button-row">
                          <button
                            type="button"
                            class="button button-secondary button-small"
                            aria-label={`${testing.pending === r.id ? "Sending…" : "Send test message"} to ${nameOf(r)}`}
                            disabled={testing.busy}
                            onClick={() => sendTest(r)}
                          >
                            {testing.pending === r.id ? "Sending…" : "Send test message"}
                          </button>
                          <button
                            type="button"
                            class="button button-secondary button-small"
                            aria-label={`Delete ${nameOf(r)}`}
                            onClick={() => {
                              setDone("");
                              setTested(null);
                              setDeleting(r);
                            }}
                          >
                            Delete
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}

      <ModalDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={deleting ? `Stop posting to ${nameOf(deleting)}?` : "Delete channel"}
        fallbackFocus={() => headingRef.current}
      >
        {deleting && (
          <DeleteConfirm
            route={deleting}
            onCancel={() => setDeleting(null)}
            onDeleted={() => {
              setDone(`Crux no longer posts to ${nameOf(deleting)}.`);
              setDeleting(null);
              overview.refresh();
            }}
          />
        )}
      </ModalDialog>
    </section>
  );
}

/** Add a mapping: Slack or Teams, the channel, a name, and the org-wide events it hears. */
function AddChannelRouteForm({
  events: available,
  onAdded,
}: {
  events: OrgWideEvent[];
  onAdded: (route: ChannelRoute) => void;
}) {
  const [provider, setProvider] = useState<Provider>("slack");
  const [target, setTarget] = useState("");
  const [label, setLabel] = useState("");
  const [events, setEvents] = useState<OrgWideEvent[]>([]);
  const { busy, run } = useAction();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  function toggle(type: OrgWideEvent, on: boolean) {
    setEvents((chosen) => (on ? [...chosen, type] : chosen.filter((t) => t !== type)));
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const messages: Record<string, string> = {};
    const channel = target.trim();
    if (!channel)
      messages.target =
        provider === "slack"
          ? "Give the Slack channel's id, starting C or G."
          : "Give the Workflows webhook's address, starting https://.";
    if (!events.length) messages.events = "Choose at least one event.";
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locate));
      return;
    }
    clearFailure();
    await run(
      async () => {
        const route = await call(
          channelRoutes.$post({ json: { provider, target: channel, label: label.trim(), events } }),
        );
        clearProblems();
        setTarget("");
        setLabel("");
        setEvents([]);
        onAdded(route);
      },
      { fail: (error) => failWith(error, (fields) => problemsFrom(fields, locate)) },
    );
  }

  const eventsError = err("channel-route-events");
  return (
    <form class="form-section" onSubmit={submit} noValidate aria-labelledby="add-channel-route-heading">
      <h3 id="add-channel-route-heading">Add a channel</h3>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="No channel was added">{failure}</Alert>}
      <fieldset class="stack">
        <legend>Where</legend>
        {(["slack", "teams"] as const).map((p) => (
          <label class="radio-option" key={p}>
            <input
              type="radio"
              id={`channel-route-provider-${p}`}
              name="channel-route-provider"
              value={p}
              checked={provider === p}
              onChange={() => setProvider(p)}
            />{" "}
            {PROVIDER_WORDS[p]}
          </label>
        ))}
      </fieldset>
      <div class="row-grid">
        <TextField
          id="channel-route-target"
          label={provider === "slack" ? "Slack channel id" : "Workflows webhook address"}
          hint={
            provider === "slack"
              ? "Starts with C or G, e.g. C0123ABCD: in Slack, open the channel's details; it is at the bottom. Invite the Crux app to the channel."
              : "From the Teams workflow “Post to a channel when a webhook request is received”, starting https://"
          }
          type={provider === "slack" ? "text" : "url"}
          autoComplete="off"
          maxLength={2000}
          value={target}
          onInput={setTarget}
          error={err("channel-route-target")}
        />
        <TextField
          id="channel-route-label"
          label="Name"
          hint="Optional, for the admins who read this list, e.g. #announcements"
          maxLength={100}
          autoComplete="off"
          value={label}
          onInput={setLabel}
          error={err("channel-route-label")}
        />
      </div>
      <fieldset
        id="channel-route-events"
        tabIndex={-1}
        class="webhook-events"
        aria-describedby={eventsError ? "channel-route-events-error" : undefined}
      >
        <legend>Events</legend>
        <FieldError fieldId="channel-route-events" message={eventsError} />
        {available.map((type) => {
          const id = `channel-route-event-${type.replace(/[._]/g, "-")}`;
          return (
            <div class="webhook-event" key={type}>
              <input
                type="checkbox"
                id={id}
                checked={events.includes(type)}
                aria-describedby={`${id}-hint`}
                onChange={(e) => toggle(type, e.currentTarget.checked)}
              />
              <label for={id}>
                <code>{type}</code>
              </label>
              <p class="hint" id={`${id}-hint`}>
                {EVENT_DESCRIPTIONS[type as EventType]}
              </p>
            </div>
          );
        })}
      </fieldset>
      <button type="submit" class="button" disabled={busy}>
        {busy ? "Adding…" : "Add channel"}
      </button>
    </form>
  );
}

function DeleteConfirm({
  route,
  onCancel,
  onDeleted,
}: {
  route: ChannelRoute;
  onCancel: () => void;
  onDeleted: () => void;
}) {
  const { busy, error, run } = useAction();
  return (
    <>
      <p>
        Crux stops posting to <code>{route.target}</code> in {PROVIDER_WORDS[route.provider]} at once; posts still
        waiting for it are dropped. The audit log keeps a record. Add it again if it is needed again.
      </p>
      {error && <Alert title="The channel was not deleted">{error}</Alert>}
      <SubmitOrCancel
        label="Yes, delete it"
        busyLabel="Deleting…"
        busy={busy}
        danger
        cancelLabel="Keep it"
        onSubmit={() =>
          run(async () => {
            await call(channelRoutes[":id"].$delete({ param: { id: route.id } }));
            onDeleted();
          })
        }
        onCancel={onCancel}
      />
    </>
  );
}
