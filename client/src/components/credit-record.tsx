import { CONTRIBUTION_LABELS, creditHref, hoursInWords, STATUS_LABELS } from "../lib/credit-words";
import { formatDate } from "../lib/format";
import type { Contribution, ContributionStatus } from "../lib/types";

const TONES: Record<ContributionStatus, string> = {
  pending: "status-pending",
  confirmed: "status-approved",
  declined: "status-declined",
  retracted: "status-closed",
};

/** A credit record's state as a badge; the word carries the meaning, the colour only helps. */
export function CreditStatusBadge({ status }: { status: ContributionStatus }) {
  return <span class={`badge role ${TONES[status]}`}>{STATUS_LABELS[status]}</span>;
}

/** What was done; a retracted record's words stay, struck through and said to be retracted. */
export function CreditDescription({ contribution: c }: { contribution: Contribution }) {
  return (
    <p class="credit-description">
      {c.status === "retracted" ? (
        <s>
          <span class="visually-hidden">Retracted: </span>
          {c.description}
        </s>
      ) : (
        c.description
      )}
    </p>
  );
}

/**
 * One piece of credit as a claim with its evidence (SPEC §7): the kind of work, what was done, on
 * which challenge, when it was confirmed and by whom it was recorded, a link to the record on the
 * challenge's page, and its endorsements with their notes.
 */
export function CreditClaim({
  contribution: c,
  showStatus = false,
  origin = "",
}: {
  contribution: Contribution;
  showStatus?: boolean;
  /** Prefixed to links, so a printed page shows whole addresses. */
  origin?: string;
}) {
  const self = c.recordedBy.id === c.person.id;
  return (
    <>
      <p class="claim-head">
        <strong>{CONTRIBUTION_LABELS[c.type]}</strong> on{" "}
        <a href={`${origin}/challenges/${c.challenge.id}`}>{c.challenge.title}</a>
        {showStatus && (
          <>
            {" "}
            <CreditStatusBadge status={c.status} />
          </>
        )}
      </p>
      <CreditDescription contribution={c} />
      <p class="claim-meta">
        {c.hours !== null && <>{hoursInWords(c.hours)} · </>}
        {c.status === "confirmed" && c.confirmedAt ? (
          <>
            Confirmed <time dateTime={c.confirmedAt}>{formatDate(c.confirmedAt)}</time>
            {self ? " · self-recorded" : ` · recorded by ${c.recordedBy.name}`}
          </>
        ) : (
          <>
            Recorded <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time> by{" "}
            {self ? "themselves" : c.recordedBy.name}
          </>
        )}
        {" · "}
        <a href={`${origin}${creditHref(c)}`} class="evidence-link">
          Evidence<span class="visually-hidden">: the credit record on “{c.challenge.title}”</span>
        </a>
      </p>
      {c.status === "declined" && (
        <p class="small credit-reason">Declined{c.declineReason ? <>: “{c.declineReason}”</> : "."}</p>
      )}
      {c.status === "retracted" && (
        <p class="small credit-reason">
          Retracted by {c.retractedBy?.name ?? "someone"}
          {c.retractReason ? <>: “{c.retractReason}”</> : "."}
        </p>
      )}
      {c.endorsements.length > 0 && (
        <ul class="plain-list endorsement-list" aria-label="Endorsements">
          {c.endorsements.map((e) => (
            <li key={e.id} class="endorsement">
              <span aria-hidden="true">★ </span>
              Endorsed by <a href={`${origin}/people/${e.endorser.id}`}>{e.endorser.name}</a> (
              <time dateTime={e.createdAt}>{formatDate(e.createdAt)}</time>): “{e.note}”
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
