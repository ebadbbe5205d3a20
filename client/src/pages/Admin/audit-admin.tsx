import { useState } from "preact/hooks";
import { PagedResults } from "../../components/paged-results";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { deviceName } from "../../lib/device";
import { call } from "../../lib/http";
import { usePagedList } from "../../lib/use-paged-list";
import { auditActorName, auditSentence } from "./audit-words";

type AuditEntry = Awaited<ReturnType<typeof fetchAudit>>["items"][number];

const fetchAudit = (cursor?: string) =>
  call(api.admin.audit.$get({ query: { limit: "20", ...(cursor ? { cursor } : {}) } }));

/** Organisation-wide changes, newest first: who changed settings, the framework, people and the rest. */
export function AuditSection({ version }: { version: number }) {
  const [asked, setAsked] = useState(0);
  const list = usePagedList<AuditEntry>(fetchAudit, `audit-${version}-${asked}`);
  return (
    <section class="section-card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <div class="button-row form-section">
        <p class="muted">Changes to the organisation, its people and its rules, newest first.</p>
        <button type="button" class="button button-secondary button-small" onClick={() => setAsked((n) => n + 1)}>
          Refresh
        </button>
      </div>
      <PagedResults
        list={list}
        loadingText="Loading the audit log…"
        counted={(n) => `${n} ${n === 1 ? "entry" : "entries"}`}
        skeletons={2}
        errorTitle="The audit log could not be loaded"
        empty={<p>Nothing has been changed yet.</p>}
      >
        {(items) => (
          <ol class="plain-list activity-list">
            {items.map((entry) => {
              const { text, person } = auditSentence(entry);
              return (
                <li key={entry.id}>
                  {entry.actor ? <a href={`/people/${entry.actor.id}`}>{entry.actor.name}</a> : auditActorName(entry)}{" "}
                  {text}
                  {person && (
                    <>
                      {" "}
                      (<a href={`/people/${person.id}`}>{person.label}</a>)
                    </>
                  )}
                  <span class="muted small">
                    <TimeAgo iso={entry.createdAt} />
                    {(entry.ip || entry.userAgent) && (
                      <span title={entry.userAgent ?? undefined}>
                        {" · "}
                        {[entry.ip && `from ${entry.ip}`, entry.userAgent && deviceName(entry.userAgent)]
                          .filter(Boolean)
                          .join(", ")}
                      </span>
                    )}
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </PagedResults>
    </section>
  );
}
