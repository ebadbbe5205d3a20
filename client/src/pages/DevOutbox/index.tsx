import { FailedPage, Loading } from "../../components/alert";
import { api } from "../../lib/api";
import { call } from "../../lib/http";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";

const STATUS_WORDS: Record<string, string> = {
  pending: "Waiting to send",
  delivered: "Sent",
  failed: "Failed",
  dead: "Gave up",
  digest: "Held for the digest",
  skipped: "Not sent (preferences)",
};

/** Dev mode only: the e-mails the app sent or held, as their recipients get them (GET /api/dev/outbox). */
export default function DevOutboxPage() {
  useTitle("Dev outbox");
  const { loaded, reload } = useResource(() => call(api.dev.outbox.$get({ query: { limit: "30" } })), "dev-outbox", {
    fresh: true,
  });
  if (loaded.status === "loading") return <Loading label="Loading the outbox…" />;
  if (loaded.status === "error")
    return (
      <FailedPage title="The dev outbox could not be loaded" onRetry={reload}>
        {loaded.notFound ? "The dev outbox exists only in dev mode." : loaded.message}
      </FailedPage>
    );
  const { items } = loaded.value;
  return (
    <div class="page medium">
      <div class="page-header">
        <h1>Dev outbox</h1>
        <button type="button" class="button button-secondary button-small" onClick={reload}>
          Refresh
        </button>
      </div>
      <p class="muted">
        The latest e-mails, newest first. In dev mode nothing leaves this machine: wrangler writes each sent message to
        a .eml file and prints its path.
      </p>
      {items.length === 0 ? (
        <p>No e-mails yet.</p>
      ) : (
        <ol class="plain-list">
          {items.map((m) => (
            <li key={m.id} class="card">
              <h2>{m.subject || "(no subject)"}</h2>
              <p>
                To {m.recipient.name} &lt;{m.recipient.email}&gt; ·{" "}
                <strong>{STATUS_WORDS[m.status] ?? m.status}</strong>
                {m.kind ? ` · ${m.kind}` : ""}
                {m.lastError ? ` · ${m.lastError}` : ""}
              </p>
              <details>
                <summary>Plain text</summary>
                <pre class="dev-outbox-text">{m.text}</pre>
              </details>
              <details>
                <summary>HTML</summary>
                <iframe title={`HTML of “${m.subject}”`} srcdoc={m.html} sandbox="" width="100%" height="300" />
              </details>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
