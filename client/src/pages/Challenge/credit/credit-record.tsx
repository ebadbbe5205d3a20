import { CreditDescription, CreditStatusBadge } from "../../../components/credit-record";
import { TimeAgo } from "../../../components/time-ago";
import { CONTRIBUTION_LABELS, hoursInWords } from "../../../lib/credit-words";
import { absoluteTime, formatDate } from "../../../lib/format";
import type { Contribution } from "../../../lib/types";

/** What a record says: who, what kind, what was done, its state with who and why, and its endorsements. */
export function CreditRecordBody({ contribution: c, you }: { contribution: Contribution; you: boolean }) {
  const self = c.recordedBy.id === c.person.id;
  return (
    <>
      <div class="cluster">
        <a href={`/people/${c.person.id}`}>
          <strong>{c.person.name}</strong>
        </a>
        {you && <span class="muted small">(you)</span>}
        <span class="badge role">{CONTRIBUTION_LABELS[c.type]}</span>
        <CreditStatusBadge status={c.status} />
      </div>
      <CreditDescription contribution={c} />
      <p class="muted small">
        {c.hours !== null && <>{hoursInWords(c.hours)} · </>}
        {self ? "Recorded by themselves" : `Recorded by ${c.recordedBy.name}`} <TimeAgo iso={c.createdAt} />
        {c.status === "confirmed" && c.confirmedAt && !self && (
          <>
            {" · confirmed "}
            <time dateTime={c.confirmedAt} title={absoluteTime(c.confirmedAt)}>
              {formatDate(c.confirmedAt)}
            </time>
          </>
        )}
      </p>
      {c.status === "declined" && (
        <p class="small credit-reason">
          Declined by {c.person.name}
          {c.declineReason ? <>: “{c.declineReason}”</> : "."}
        </p>
      )}
      {c.status === "retracted" && (
        <p class="small credit-reason">
          Retracted by {c.retractedBy?.name ?? "someone"}
          {c.endedAt && (
            <>
              {" on "}
              <time dateTime={c.endedAt} title={absoluteTime(c.endedAt)}>
                {formatDate(c.endedAt)}
              </time>
            </>
          )}
          {c.retractReason ? <>: “{c.retractReason}”</> : "."}
        </p>
      )}
      {c.endorsements.length > 0 && (
        <ul class="plain-list endorsement-list" aria-label={`Endorsements of ${c.person.name}'s credit`}>
          {c.endorsements.map((e) => (
            <li key={e.id} class="endorsement">
              <span aria-hidden="true">★ </span>
              Endorsed by <a href={`/people/${e.endorser.id}`}>{e.endorser.name}</a>: “{e.note}”{" "}
              {e.skills.length > 0 && <span class="small">Shows {e.skills.join(", ")}. </span>}
              <span class="muted">
                <TimeAgo iso={e.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
