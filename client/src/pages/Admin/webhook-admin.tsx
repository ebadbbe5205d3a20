import type { InferResponseType } from "hono/client";
import { useRef, useState } from "preact/hooks";
import { EVENT_DESCRIPTIONS, EVENT_TYPES, type EventType } from "../../../../worker/outbox/catalogue";
import { Alert, Loading } from "../../components/alert";
import { CopyField } from "../../components/copy-field";
import { ErrorSummary } from "../../components/error-summary";
import { FieldError, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { ModalDialog } from "../../components/modal-dialog";
import { SubmitOrCancel } from "../../components/submit-or-cancel";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { formatNumber, plural } from "../../lib/format";
import { call } from "../../lib/http";
import { useAction } from "../../lib/use-action";
import { useResource } from "../../lib/use-resource";
import { ShownOnce } from "./token-parts";
import "./webhook-admin.css";

type Endpoint = InferResponseType<typeof api.admin.webhooks.$get, 200>["items"][number];
type Registered = InferResponseType<typeof api.admin.webhooks.$post, 201>;
type Delivery = InferResponseType<(typeof api.admin.webhooks)[":id"]["deliveries"]["$get"], 200>["items"][number];

/** The catalogue in groups, by what the event is about, in the catalogue's order. */
const GROUP_WORDS: Record<string, string> = {
  challenge: "Challenges",
  pledge: "Funding",
  application: "Applications",
  lend: "Lends",
  contribution: "Credit",
  showcase: "Showcases",
  review: "Reviews",
  decision: "Decisions",
  person: "People",
};
const GROUPS: { label: string; types: EventType[] }[] = [];
for (const type of EVENT_TYPES) {
  const label = GROUP_WORDS[type.split(".")[0]] ?? "Other";
  const group = GROUPS.find((g) => g.label === label);
  if (group) group.types.push(type);
  else GROUPS.push({ label, types: [type] });
}

const PLACES: Record<string, FieldPlace> = {
  url: { fieldId: "webhook-url", label: "Address" },
  events: { fieldId: "webhook-events", label: "Events" },
  description: { fieldId: "webhook-description", label: "What it is for" },
};
const locate = (path: string) => PLACES[path.split(".")[0]] ?? null;

const DELIVERY_WORDS: Record<Delivery["status"], string> = {
  pending: "Waiting",
  delivered: "Delivered",
  failed: "Failed",
  dead: "Gave up",
  digest: "Held",
  skipped: "Skipped",
};
const REDELIVERABLE: readonly Delivery["status"][] = ["delivered", "failed", "dead"];

/** Endpoints, newest first: a hundred at a time until the last page (an organisation has few). */
async function loadEndpoints(): Promise<{ items: Endpoint[] }> {
  const items: Endpoint[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await call(api.admin.webhooks.$get({ query: { limit: "100", ...(cursor ? { cursor } : {}) } }));
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return { items };
}

/**
 * Webhooks (SPEC §15): register an endpoint for some events and see its secret once, watch each
 * endpoint's deliveries, redeliver one, enable a disabled endpoint, delete one.
 */
export function WebhooksSection() {
  const endpoints = useResource(loadEndpoints, "webhooks");
  const [registered, setRegistered] = useState<Registered | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Endpoint | null>(null);
  const [done, setDone] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const enabling = useAction<string>();

  async function enable(endpoint: Endpoint) {
    setDone("");
    await enabling.run(
      async () => {
        await call(api.admin.webhooks[":id"].enable.$post({ param: { id: endpoint.id } }));
        setDone(`${endpoint.url} is enabled again: new events go to it from now on.`);
        endpoints.refresh();
      },
      { tag: endpoint.id },
    );
  }

  const list = endpoints.loaded;
  const shown = list.status === "ready" ? list.value.items.find((e) => e.id === open) : undefined;

  return (
    <section class="section-card" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading" ref={headingRef} tabIndex={-1}>
        Webhooks
      </h2>
      <p>
        Crux POSTs each event you choose to your endpoint as JSON, signed as the{" "}
        <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> specification says: verify it with a{" "}
        <code>standardwebhooks</code> library and the endpoint's secret. A delivery that fails is retried for about 24
        hours; an endpoint failing for 3 days is disabled and the admins are told.
      </p>

      <RegisterWebhookForm
        onRegistered={(endpoint) => {
          setRegistered(endpoint);
          setDone("");
          endpoints.refresh();
        }}
      />
      {registered && <NewSecret registered={registered} onDismiss={() => setRegistered(null)} />}

      <h3>Endpoints</h3>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {enabling.error && <Alert title="The endpoint was not enabled">{enabling.error}</Alert>}
      {list.status === "loading" && <Loading label="Loading webhook endpoints…" />}
      {list.status === "error" && (
        <Alert title="The webhook endpoints could not be loaded" onRetry={endpoints.reload}>
          {list.message}
        </Alert>
      )}
      {list.status === "ready" &&
        (list.value.items.length === 0 ? (
          <p class="muted">No webhook endpoints yet. Register the first one above.</p>
        ) : (
          <div class="table-wrap">
            <table class="table stackable webhook-endpoints">
              <caption class="visually-hidden">Webhook endpoints, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Events</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last delivery</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.value.items.map((e) => (
                  <tr key={e.id}>
                    <th scope="row" data-label="Address">
                      <code class="webhook-url">{e.url}</code>
                      {e.description && <div class="small muted">{e.description}</div>}
                    </th>
                    <td data-label="Events">
                      <span title={e.events.join(", ")}>{plural(e.events.length, "event")}</span>
                    </td>
                    <td data-label="Status">
                      <EndpointStatus endpoint={e} />
                    </td>
                    <td data-label="Last delivery">
                      {e.lastDelivery ? (
                        <>
                          <DeliveryBadge status={e.lastDelivery.status} /> <TimeAgo iso={e.lastDelivery.at} />
                        </>
                      ) : (
                        "None yet"
                      )}
                    </td>
                    <td data-label="Actions">
                      <div class="button-row">
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          aria-expanded={open === e.id}
                          aria-controls={open === e.id ? "webhook-log" : undefined}
                          aria-label={`${open === e.id ? "Hide deliveries" : "Deliveries"} of ${e.url}`}
                          onClick={() => setOpen(open === e.id ? null : e.id)}
                        >
                          {open === e.id ? "Hide deliveries" : "Deliveries"}
                        </button>
                        {e.status === "disabled" && (
                          <button
                            type="button"
                            class="button button-small"
                            aria-label={`${enabling.pending === e.id ? "Enabling…" : "Enable"} ${e.url}`}
                            disabled={enabling.busy}
                            onClick={() => enable(e)}
                          >
                            {enabling.pending === e.id ? "Enabling…" : "Enable"}
                          </button>
                        )}
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          aria-label={`Delete ${e.url}`}
                          onClick={() => {
                            setDone("");
                            setDeleting(e);
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
        ))}

      {shown && <DeliveryLog key={shown.id} endpoint={shown} onRedelivered={endpoints.refresh} />}

      <ModalDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={deleting ? `Delete the webhook for ${deleting.url}?` : "Delete webhook"}
        fallbackFocus={() => headingRef.current}
      >
        {deleting && (
          <DeleteConfirm
            endpoint={deleting}
            onCancel={() => setDeleting(null)}
            onDeleted={() => {
              setDone(`The webhook for ${deleting.url} is deleted.`);
              if (open === deleting.id) setOpen(null);
              setDeleting(null);
              endpoints.refresh();
            }}
          />
        )}
      </ModalDialog>
    </section>
  );
}

function EndpointStatus({ endpoint }: { endpoint: Endpoint }) {
  if (endpoint.status === "disabled")
    return (
      <>
        <span class="badge webhook-badge webhook-badge-bad">Disabled</span>
        {endpoint.disabledAt && (
          <div class="small">
            since <TimeAgo iso={endpoint.disabledAt} />
          </div>
        )}
      </>
    );
  if (endpoint.failingSince)
    return (
      <>
        <span class="badge webhook-badge webhook-badge-warn">Failing</span>
        <div class="small">
          since <TimeAgo iso={endpoint.failingSince} />
        </div>
      </>
    );
  return <span class="badge webhook-badge webhook-badge-good">Enabled</span>;
}

function DeliveryBadge({ status }: { status: Delivery["status"] }) {
  const tone = status === "delivered" ? "good" : status === "dead" || status === "failed" ? "bad" : "warn";
  return <span class={`badge webhook-badge webhook-badge-${tone}`}>{DELIVERY_WORDS[status]}</span>;
}

/** The secret of the endpoint just registered, once, with a way to copy it. */
function NewSecret({ registered, onDismiss }: { registered: Registered; onDismiss: () => void }) {
  return (
    <ShownOnce
      title={`Webhook registered for ${registered.url}`}
      warning="Anyone holding it can sign messages your receiver would take as coming from Crux."
    >
      <CopyField
        id="webhook-secret"
        label="Signing secret"
        hint="Read-only; select it or use Copy, and put it in your receiver's configuration."
        value={registered.secret}
        copyLabel="Copy the signing secret"
        focusOnShow
      />
      <div class="button-row">
        <button type="button" class="button button-secondary" onClick={onDismiss}>
          Done
        </button>
      </div>
    </ShownOnce>
  );
}

/** Register an endpoint: its address, what it is for, and the events it hears. */
function RegisterWebhookForm({ onRegistered }: { onRegistered: (endpoint: Registered) => void }) {
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<EventType[]>([]);
  const { busy, run } = useAction();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  function toggle(type: EventType, on: boolean) {
    setEvents((chosen) => (on ? [...chosen, type] : chosen.filter((t) => t !== type)));
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const messages: Record<string, string> = {};
    if (!url.trim()) messages.url = "Give the address that receives the deliveries, starting https://.";
    if (!events.length) messages.events = "Choose at least one event.";
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locate));
      return;
    }
    clearFailure();
    await run(
      async () => {
        const registered = await call(
          api.admin.webhooks.$post({ json: { url: url.trim(), events, description: description.trim() } }),
        );
        clearProblems();
        setUrl("");
        setDescription("");
        setEvents([]);
        onRegistered(registered);
      },
      { fail: (error) => failWith(error, (fields) => problemsFrom(fields, locate)) },
    );
  }

  const eventsError = err("webhook-events");
  return (
    <form class="form-section" onSubmit={submit} noValidate aria-labelledby="register-webhook-heading">
      <h3 id="register-webhook-heading">Register a webhook</h3>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="No webhook was registered">{failure}</Alert>}
      <div class="row-grid">
        <TextField
          id="webhook-url"
          label="Address"
          hint="Where Crux POSTs the events, e.g. https://example.com/hooks/crux"
          type="url"
          autoComplete="off"
          maxLength={2000}
          value={url}
          onInput={setUrl}
          error={err("webhook-url")}
        />
        <TextField
          id="webhook-description"
          label="What it is for"
          hint="Optional, e.g. Data warehouse sync"
          maxLength={200}
          autoComplete="off"
          value={description}
          onInput={setDescription}
          error={err("webhook-description")}
        />
      </div>
      <fieldset
        id="webhook-events"
        tabIndex={-1}
        class="webhook-events"
        aria-describedby={eventsError ? "webhook-events-error" : undefined}
      >
        <legend>Events</legend>
        <FieldError fieldId="webhook-events" message={eventsError} />
        <div class="webhook-event-groups">
          {GROUPS.map((group) => (
            <fieldset key={group.label} class="webhook-event-group">
              <legend>{group.label}</legend>
              {group.types.map((type) => {
                const id = `webhook-event-${type.replace(/[._]/g, "-")}`;
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
                      {EVENT_DESCRIPTIONS[type]}
                    </p>
                  </div>
                );
              })}
            </fieldset>
          ))}
        </div>
      </fieldset>
      <button type="submit" class="button" disabled={busy}>
        {busy ? "Registering…" : "Register webhook"}
      </button>
    </form>
  );
}

function DeleteConfirm({
  endpoint,
  onCancel,
  onDeleted,
}: {
  endpoint: Endpoint;
  onCancel: () => void;
  onDeleted: () => void;
}) {
  const { busy, error, run } = useAction();
  return (
    <>
      <p>
        Crux stops sending events to <code>{endpoint.url}</code> at once, including deliveries still waiting to be
        retried, and its delivery log is deleted with it. The audit log keeps a record. This cannot be undone; register
        it again (with a new secret) if it is needed again.
      </p>
      {error && <Alert title="The webhook was not deleted">{error}</Alert>}
      <SubmitOrCancel
        label="Yes, delete it"
        busyLabel="Deleting…"
        busy={busy}
        danger
        cancelLabel="Keep it"
        onSubmit={() =>
          run(async () => {
            await call(api.admin.webhooks[":id"].$delete({ param: { id: endpoint.id } }));
            onDeleted();
          })
        }
        onCancel={onCancel}
      />
    </>
  );
}

/** One endpoint's deliveries, newest first, 20 at a time, each with a Redeliver button once it is finished. */
function DeliveryLog({ endpoint, onRedelivered }: { endpoint: Endpoint; onRedelivered: () => void }) {
  const [more, setMore] = useState<{ items: Delivery[]; nextCursor: string | null } | null>(null);
  const first = useResource(
    () => call(api.admin.webhooks[":id"].deliveries.$get({ param: { id: endpoint.id }, query: { limit: "20" } })),
    `webhook-deliveries:${endpoint.id}`,
    { fresh: true },
  );
  const loadingMore = useAction();
  const redelivering = useAction<string>();
  const [done, setDone] = useState("");

  const loaded = first.loaded;
  const items = loaded.status === "ready" ? [...loaded.value.items, ...(more?.items ?? [])] : [];
  const nextCursor = more ? more.nextCursor : loaded.status === "ready" ? loaded.value.nextCursor : null;

  async function loadMore() {
    if (!nextCursor) return;
    await loadingMore.run(async () => {
      const page = await call(
        api.admin.webhooks[":id"].deliveries.$get({
          param: { id: endpoint.id },
          query: { limit: "20", cursor: nextCursor },
        }),
      );
      setMore({ items: [...(more?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    });
  }

  async function redeliver(delivery: Delivery) {
    setDone("");
    await redelivering.run(
      async () => {
        await call(
          api.admin.webhooks[":id"].deliveries[":deliveryId"].redeliver.$post({
            param: { id: endpoint.id, deliveryId: delivery.id },
          }),
        );
        setDone(`The ${delivery.eventType} delivery is on its way again, with the same webhook-id.`);
        setMore(null);
        first.refresh();
        onRedelivered();
      },
      { tag: delivery.id },
    );
  }

  return (
    <div id="webhook-log" class="webhook-log">
      <h3>
        Deliveries to <code>{endpoint.url}</code>
      </h3>
      <div class="button-row">
        <button
          type="button"
          class="button button-secondary button-small"
          onClick={() => {
            setMore(null);
            setDone("");
            first.reload();
          }}
        >
          Refresh deliveries
        </button>
      </div>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {redelivering.error && <Alert title="The delivery was not sent again">{redelivering.error}</Alert>}
      {loaded.status === "loading" && <Loading label="Loading deliveries…" />}
      {loaded.status === "error" && (
        <Alert title="The deliveries could not be loaded" onRetry={first.reload}>
          {loaded.message}
        </Alert>
      )}
      {loaded.status === "ready" &&
        (items.length === 0 ? (
          <p class="muted">No deliveries yet: the next event this endpoint asked for will show here.</p>
        ) : (
          <div class="table-wrap">
            <table class="table stackable webhook-deliveries">
              <caption class="visually-hidden">Deliveries to {endpoint.url}, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Latency</th>
                  <th scope="col">Code</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id}>
                    <td data-label="Time">
                      <TimeAgo iso={d.createdAt} />
                    </td>
                    <th scope="row" data-label="Event">
                      <code>{d.eventType}</code>
                    </th>
                    <td data-label="Status">
                      <DeliveryBadge status={d.status} />
                      {d.lastError && <div class="small">{d.lastError}</div>}
                    </td>
                    <td data-label="Attempts">
                      {d.attemptLog.length ? (
                        <details>
                          <summary>{formatNumber(d.attempts)}</summary>
                          <ol class="webhook-attempts" reversed>
                            {d.attemptLog.map((a) => (
                              <li key={a.attempt}>
                                <TimeAgo iso={a.at} />: {a.statusCode ?? "no answer"}
                                {a.latencyMs !== null && `, ${formatNumber(a.latencyMs)} ms`}
                                {a.error && ` (${a.error})`}
                              </li>
                            ))}
                          </ol>
                        </details>
                      ) : (
                        formatNumber(d.attempts)
                      )}
                    </td>
                    <td data-label="Latency">{d.latencyMs === null ? "–" : `${formatNumber(d.latencyMs)} ms`}</td>
                    <td data-label="Code">{d.lastStatusCode ?? "–"}</td>
                    <td data-label="Actions">
                      {REDELIVERABLE.includes(d.status) && endpoint.status === "enabled" && (
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          aria-label={`${redelivering.pending === d.id ? "Redelivering…" : "Redeliver"} ${d.eventType} from ${new Date(d.createdAt).toLocaleString()}`}
                          disabled={redelivering.busy}
                          onClick={() => redeliver(d)}
                        >
                          {redelivering.pending === d.id ? "Redelivering…" : "Redeliver"}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {loadingMore.error && <Alert title="More deliveries could not be loaded">{loadingMore.error}</Alert>}
      {nextCursor && (
        <button type="button" class="button button-secondary" disabled={loadingMore.busy} onClick={loadMore}>
          {loadingMore.busy ? "Loading…" : "Load more deliveries"}
        </button>
      )}
      {endpoint.status === "disabled" && <p class="muted">This endpoint is disabled: enable it to redeliver.</p>}
    </div>
  );
}
