import { useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { deviceName } from "../../lib/device";
import { formatDate } from "../../lib/format";
import { call } from "../../lib/http";
import { useAction } from "../../lib/use-action";
import { useResource } from "../../lib/use-resource";
import { me } from "../../state/session";

/**
 * Where I am signed in (SPEC §12): each session's device, where it came from and when it was last
 * used, and a way to end any of them. Ending this one signs me out here.
 */
export function SessionsSection() {
  const sessions = useResource(() => call(api.me.sessions.$get()), "sessions");
  const { pending: ending, error, run } = useAction<string>();
  const [notice, setNotice] = useState<string | null>(null);

  async function end(id: string, current: boolean, label: string) {
    await run(
      async () => {
        await call(api.me.sessions[":id"].$delete({ param: { id } }));
        if (current) {
          me.value = null;
          location.assign("/sign-in");
          return;
        }
        setNotice(`Signed out of ${label}.`);
        sessions.refresh();
      },
      { tag: id },
    );
  }

  return (
    <section class="section-card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <p class="muted small">
        A session ends a week after its last use, and 30 days after signing in at the latest. End any you do not
        recognise.
      </p>
      {notice && (
        <p role="status" class="muted">
          {notice}
        </p>
      )}
      {error && <Alert title="The session could not be ended">{error}</Alert>}
      {sessions.loaded.status === "loading" && <Loading label="Loading your sessions…" />}
      {sessions.loaded.status === "error" && (
        <Alert title="Your sessions could not be loaded">{sessions.loaded.message}</Alert>
      )}
      {sessions.loaded.status === "ready" &&
        (sessions.loaded.value.items.length === 0 ? (
          <p class="muted">
            No sessions here: you are signed in through your company's single sign-on, which keeps its own.
          </p>
        ) : (
          <ul class="plain-list session-list">
            {sessions.loaded.value.items.map((s) => {
              const label = deviceName(s.userAgent);
              return (
                <li key={s.id}>
                  <strong title={s.userAgent || undefined}>{label}</strong>
                  {s.current && <span class="badge">This device</span>}
                  <span class="muted small">
                    {" · last used "}
                    <TimeAgo iso={s.lastUsedAt} />
                    {s.ip && ` · from ${s.ip}`}
                    {` · signed in ${formatDate(s.createdAt)}`}
                  </span>{" "}
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    disabled={ending !== null}
                    aria-label={s.current ? "Sign out here, on this device" : `End session on ${label}`}
                    onClick={() => end(s.id, s.current, label)}
                  >
                    {ending === s.id ? "Ending…" : s.current ? "Sign out here" : "End session"}
                  </button>
                </li>
              );
            })}
          </ul>
        ))}
    </section>
  );
}
