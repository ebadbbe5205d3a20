import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Alert } from "../../components/alert";
import { LendRequests } from "../../components/lend-requests";
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
import "./inbox.css";

const PAGE_SIZE = "20";

/** The first words of a message, to name its "Mark as read" button. */
function messageStart(message: string) {
  return message.length > 60 ? `${message.slice(0, 57).trimEnd()}…` : message;
}

/**
 * Where a notification's challenge link goes: about a credit record (awaiting confirmation,
 * confirmed, declined, endorsed), straight to that record on the challenge's page.
 */
function challengeLink(n: Notification): string {
  const base = `/challenges/${n.challenge?.id ?? ""}`;
  const contributionId = n.data.contributionId;
  return typeof contributionId === "string" && contributionId ? `${base}#credit-${contributionId}` : base;
}

/** Notifications, newest first, and a manager's lend requests on top (SPEC §9). */
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
  const headingRef = useRef<HTMLHeadingElement>(null);
  const count = unread.value;

  useEffect(() => {
    refreshUnread();
  }, []);

  useEffect(() => {
    setReadNow(new Set());
    setAllRead(false);
  }, [onlyUnread]);

  const isRead = (n: Notification) => allRead || n.readAt !== null || readNow.has(n.id);

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

      <LendRequests />

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
              {items.map((n) => {
                const read = isRead(n);
                return (
                  <li key={n.id} class={read ? "inbox-item" : "inbox-item unread"}>
                    <div class="inbox-item-body">
                      <p class="inbox-message">
                        {!read && <span class="visually-hidden">Unread: </span>}
                        {n.message}
                      </p>
                      <p class="inbox-meta">
                        {n.challenge && (
                          <>
                            <a href={challengeLink(n)}>{n.challenge.title}</a>
                            {" · "}
                          </>
                        )}
                        <TimeAgo iso={n.createdAt} />
                      </p>
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
