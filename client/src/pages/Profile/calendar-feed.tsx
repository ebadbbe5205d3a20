import { useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { CopyField } from "../../components/copy-field";
import { SubmitOrCancel } from "../../components/submit-or-cancel";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { call } from "../../lib/http";
import { useAction } from "../../lib/use-action";
import { useResource } from "../../lib/use-resource";

type Confirming = "rotate" | "revoke" | null;

/**
 * The person's calendar feed (SPEC §15): a private URL their calendar app subscribes to, holding
 * their milestones, commitments due, showcase days and lend ends. The URL carries a secret, so it
 * is shown once, when made; making a new one or turning it off stops the old one at once.
 */
export function CalendarFeedSection({ personId }: { personId: string }) {
  const feed = useResource(
    () => call(api.people[":id"]["calendar-feed"].$get({ param: { id: personId } })),
    `calendar-feed:${personId}`,
  );
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const param = { param: { id: personId } };

  async function make() {
    setNotice(null);
    const ok = await run(async () => {
      const made = await call(api.people[":id"]["calendar-feed"].$post(param));
      setUrl(made.url);
      feed.refresh();
    });
    if (ok) setConfirming(null);
  }

  async function revoke() {
    setNotice(null);
    const ok = await run(async () => {
      await call(api.people[":id"]["calendar-feed"].$delete(param));
      setUrl(null);
      feed.refresh();
    });
    if (ok) {
      setConfirming(null);
      setNotice("Your calendar feed is off. Calendars subscribed to it no longer update.");
      headingRef.current?.focus();
    }
  }

  const status = feed.loaded.status === "ready" ? feed.loaded.value : null;
  return (
    <section class="section-card" aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading" ref={headingRef} tabIndex={-1}>
        Calendar feed
      </h2>
      <p class="muted small">
        Subscribe to your dates in your own calendar: milestones of your teams, commitments you own, showcase days of
        challenges you are on, back or sponsor, and when lends end. It updates by itself, about every hour.
      </p>
      <p class="muted small">
        To subscribe, copy the feed's URL and add it to your calendar app: in Google Calendar under Other calendars,
        From URL; in Outlook under Add calendar, Subscribe from web; in Apple Calendar with File, New Calendar
        Subscription.
      </p>
      {notice && (
        <p role="status" class="muted">
          {notice}
        </p>
      )}
      {error && <Alert title="The calendar feed was not changed">{error}</Alert>}
      {feed.loaded.status === "loading" && <Loading label="Loading your calendar feed…" />}
      {feed.loaded.status === "error" && (
        <Alert title="Your calendar feed could not be loaded" onRetry={feed.reload}>
          {feed.loaded.message}
        </Alert>
      )}

      {url && (
        <Alert kind="success" title="Your calendar feed is ready">
          <p>
            <strong>Copy it now: it is not shown again.</strong> Anyone with this URL can read your dates, so keep it in
            your calendar app only.
          </p>
          <CopyField
            id="calendar-feed-url"
            label="Calendar feed URL"
            hint="Paste it where your calendar app subscribes to a calendar from a URL."
            value={url}
            copyLabel="Copy the calendar feed URL"
            focusOnShow
          />
          <button type="button" class="button button-secondary" onClick={() => setUrl(null)}>
            Done
          </button>
        </Alert>
      )}

      {status && !status.active && !url && (
        <>
          <p>You have no calendar feed.</p>
          <button type="button" class="button" disabled={busy} onClick={make}>
            {busy ? "Making your feed…" : "Make a calendar feed"}
          </button>
        </>
      )}

      {status?.active && (
        <>
          <p>
            Your feed was made on {status.createdAt ? formatDate(status.createdAt) : "an earlier day"}
            {status.lastUsedAt ? (
              <>
                {" "}
                and last read by a calendar <TimeAgo iso={status.lastUsedAt} />.
              </>
            ) : (
              "; no calendar has read it yet."
            )}
          </p>
          {confirming === null && (
            <div class="button-row">
              <button type="button" class="button button-secondary" onClick={() => setConfirming("rotate")}>
                Make a new URL
              </button>
              <button type="button" class="button button-secondary" onClick={() => setConfirming("revoke")}>
                Turn off the feed
              </button>
            </div>
          )}
          {confirming === "rotate" && (
            <div class="confirm-box">
              <p>
                The current URL stops working at once: calendars subscribed to it stop updating until you give them the
                new one.
              </p>
              <SubmitOrCancel
                label="Yes, make a new URL"
                busyLabel="Making a new URL…"
                busy={busy}
                onSubmit={make}
                cancelLabel="Keep the current URL"
                onCancel={() => setConfirming(null)}
              />
            </div>
          )}
          {confirming === "revoke" && (
            <div class="confirm-box">
              <p>
                The URL stops working at once and calendars subscribed to it stop updating. You can make a new feed at
                any time.
              </p>
              <SubmitOrCancel
                label="Yes, turn it off"
                busyLabel="Turning it off…"
                busy={busy}
                danger
                onSubmit={revoke}
                cancelLabel="Keep it"
                onCancel={() => setConfirming(null)}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}
