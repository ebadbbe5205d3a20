import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Alert } from "../../components/alert";
import { PagedResults } from "../../components/paged-results";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { plural } from "../../lib/format";
import { call } from "../../lib/http";
import type { Notification } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { usePagedList } from "../../lib/use-paged-list";
import { useTitle } from "../../lib/use-title";
import { refreshUnread, unread } from "../../state/inbox";
import { InboxAction } from "./inbox-action";
import "./inbox.css";

const PAGE_SIZE = "20";

/** The first words of a message, to name its "Mark as read" button. */
function messageStart(message: string) {
  return message.length > 60 ? `${message.slice(0, 57).trimEnd()}…` : message;
}

/**
 * The inbox as a to-do list (SPEC §9): what waits on you first, decided right here where it can
 * be, then the rest, newest first. Opening an item marks it read and goes to the exact thing.
 */
export default function InboxPage() {
  useTitle("Inbox");
  const { query, path, route } = useLocation();
  const onlyUnread = query.unread === "true";
  const list = usePagedList(
    (cursor) =>
      call(
        api.inbox.$get({
          query: { limit: PAGE_SIZE, ...(onlyUnread ? { unread: "true" } : {}), ...(cursor ? { cursor } : {}) },
        }),
      ),
    onlyUnread ? "unread" : "all",
  );
  // Read on this visit: shown as read without reading the list again.
  const [readNow, setReadNow] = useState<ReadonlySet<string>>(new Set());
  const [allRead, setAllRead] = useState(false);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState("");
  // Acted on during this visit: no longer waiting, without reading the list again.
  const [actedNow, setActedNow] = useState<ReadonlySet<string>>(new Set());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const count = unread.value;

  useEffect(() => {
    refreshUnread();
  }, []);

  useEffect(() => {
    setReadNow(new Set());
    setAllRead(false);
  }, [onlyUnread]);

  const isRead = (n: Notification) => allRead || n.readAt !== null || readNow.has(n.id) || actedNow.has(n.id);
  const waits = (n: Notification) => n.needsAction && !actedNow.has(n.id);

  /** Opening an item: marked read (without waiting for the answer), then its exact place. */
  function open(n: Notification, event: MouseEvent) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    if (!isRead(n)) {
      call(api.inbox.read.$post({ json: { ids: [n.id] } }))
        .then((result) => {
          unread.value = result.unread;
        })
        .catch(() => undefined);
    }
    route(n.link);
  }

  async function markRead(n: Notification, next: HTMLElement | null) {
    setDone("");
    await run(async () => {
      const result = await call(api.inbox.read.$post({ json: { ids: [n.id] } }));
      unread.value = result.unread;
      setReadNow((s) => new Set([...s, n.id]));
      (next ?? headingRef.current)?.focus();
    });
  }

  async function markAllRead() {
    setDone("");
    await run(async () => {
      const result = await call(api.inbox.read.$post({ json: { all: true } }));
      unread.value = result.unread;
      setAllRead(true);
      setDone("Every notification is marked as read.");
    });
  }

  return (
    <div class="page medium">
      <div class="page-header">
        <h1>Inbox</h1>
        {count !== null && <p class="muted inbox-count">{count === 0 ? "All read" : `${count} unread`}</p>}
      </div>

      <section aria-labelledby="notifications-heading">
        <h2 id="notifications-heading" ref={headingRef} tabIndex={-1}>
          Notifications
        </h2>
        <div class="inbox-toolbar">
          <label class="check">
            <input
              type="checkbox"
              checked={onlyUnread}
              onChange={(e) => route(e.currentTarget.checked ? `${path}?unread=true` : path, true)}
            />
            <span>Only unread</span>
          </label>
          <button
            type="button"
            class="button button-secondary button-small"
            aria-disabled={count === 0 || busy ? "true" : undefined}
            onClick={() => {
              if (count !== 0 && !busy) markAllRead();
            }}
          >
            Mark all as read
          </button>
        </div>
        <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
        {error && <Alert title="That did not work">{error}</Alert>}
        <PagedResults
          list={list}
          loadingText="Loading your notifications…"
          counted={(n) => plural(n, "notification")}
          skeletons={3}
          errorTitle="Your inbox could not be loaded"
          empty={
            onlyUnread ? (
              <p>
                <strong>Nothing unread.</strong> You are up to date. <a href={path}>Show every notification</a>.
              </p>
            ) : (
              <p>
                <strong>No notifications yet.</strong> Crux tells you here when someone applies to your challenge,
                decides your application, pledges, comments, credits or thanks you, or needs your approval.
              </p>
            )
          }
        >
          {(items) => (
            <ol class="plain-list inbox-list">
              {items.map((n, i) => {
                const read = isRead(n);
                const waiting = waits(n);
                const firstOfRest = i > 0 && !waiting && items[i - 1]?.needsAction && !actedNow.has(items[i - 1].id);
                return (
                  <li
                    key={n.id}
                    class={`inbox-item${read ? "" : " unread"}${waiting ? " needs-action" : ""}${firstOfRest ? " first-of-rest" : ""}`}
                  >
                    <div class="inbox-item-body">
                      {waiting && <p class="badge status-pending inbox-needs">Needs your action</p>}
                      <p class="inbox-message">
                        {!read && <span class="visually-hidden">Unread: </span>}
                        <a href={n.link} onClick={(e) => open(n, e)}>
                          {n.message}
                        </a>
                      </p>
                      <p class="inbox-meta">
                        {n.challenge && (
                          <>
                            {n.challenge.title}
                            {" · "}
                          </>
                        )}
                        <TimeAgo iso={n.createdAt} />
                      </p>
                      {waiting && (
                        <InboxAction
                          n={n}
                          onDone={(message) => {
                            setActedNow((s) => new Set([...s, n.id]));
                            setDone(message);
                            refreshUnread();
                          }}
                        />
                      )}
                    </div>
                    {!read && (
                      <button
                        type="button"
                        class="button button-secondary button-small mark-read"
                        aria-label={`Mark as read: ${messageStart(n.message)}`}
                        onClick={(event) => {
                          if (busy) return;
                          const buttons = [...document.querySelectorAll<HTMLElement>(".inbox-list .mark-read")];
                          const at = buttons.indexOf(event.currentTarget);
                          markRead(n, buttons[at + 1] ?? buttons[at - 1] ?? null);
                        }}
                      >
                        Mark as read
                      </button>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </PagedResults>
      </section>
    </div>
  );
}
