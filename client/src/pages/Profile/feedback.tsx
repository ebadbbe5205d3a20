import { outcomeLabel } from "../../lib/credit-words";
import { formatDate } from "../../lib/format";
import { formatScore } from "../../lib/review-words";
import type { Portfolio } from "../../lib/types";
import "./feedback.css";

type Feedback = Portfolio["feedback"][number];
type Lend = Portfolio["lends"][number];

const On = ({ iso }: { iso: string }) => <time dateTime={iso}>{formatDate(iso)}</time>;

/**
 * What reviewers said about the challenges someone holds confirmed credit on, each review with
 * its thread of replies, and what the leadership decided and why (SPEC §7). Headings start at
 * `level`, so the list sits under the page's own heading.
 */
export function FeedbackList({
  feedback,
  origin = "",
  level = 4,
}: {
  feedback: Feedback[];
  /** Prefixed to links, so a printed page shows whole addresses. */
  origin?: string;
  level?: 3 | 4;
}) {
  const Heading = level === 3 ? "h3" : "h4";
  return (
    <ul class="plain-list feedback-list">
      {feedback.map((f) => {
        const headingId = `feedback-${f.challenge.id}-${f.cycle}`;
        return (
          <li key={`${f.challenge.id}-${f.cycle}`} class="feedback-item">
            <article aria-labelledby={headingId}>
              <Heading id={headingId} class="feedback-title">
                <a href={`${origin}/challenges/${f.challenge.id}`}>{f.challenge.title}</a>
                <span class="muted small"> · cycle {f.cycle}</span>
              </Heading>
              {f.decision ? (
                <div class="feedback-decision">
                  <p class="claim-head">
                    <strong>Decision: {outcomeLabel(f.decision.decision)}</strong>{" "}
                    <span class="muted small">
                      by {f.decision.decidedBy.name}, <On iso={f.decision.createdAt} />
                    </span>
                  </p>
                  <p class="comment-body">{f.decision.rationale}</p>
                </div>
              ) : (
                <p class="muted small">Not decided yet.</p>
              )}
              {f.reviews.length === 0 ? (
                <p class="muted small">No reviews of this cycle.</p>
              ) : (
                <ul
                  class="plain-list feedback-reviews"
                  aria-label={`Reviews of “${f.challenge.title}”, cycle ${f.cycle}`}
                >
                  {f.reviews.map((r) => (
                    <li key={r.id}>
                      <p class="claim-head">
                        Review by <a href={`${origin}/people/${r.reviewer.id}`}>{r.reviewer.name}</a>{" "}
                        <span class="muted small">
                          · weighted score {formatScore(r.weightedScore)} of 5 · <On iso={r.createdAt} />
                        </span>
                      </p>
                      <p class="comment-body">{r.feedback}</p>
                      {r.replies.length > 0 && (
                        <ul class="plain-list feedback-replies" aria-label={`Replies to ${r.reviewer.name}'s review`}>
                          {r.replies.map((y) => (
                            <li key={y.id}>
                              <p class="claim-meta">
                                Reply from <a href={`${origin}/people/${y.author.id}`}>{y.author.name}</a>,{" "}
                                <On iso={y.createdAt} />
                              </p>
                              <p class="comment-body">{y.body}</p>
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </article>
          </li>
        );
      })}
    </ul>
  );
}

/** A manager's approved lends, as mentoring evidence: who, to which challenge, what share, when. */
export function LendList({ lends, origin = "" }: { lends: Lend[]; origin?: string }) {
  return (
    <ul class="plain-list credit-list">
      {lends.map((l) => (
        <li key={l.id}>
          <p class="claim-head">
            Lent <a href={`${origin}/people/${l.person.id}`}>{l.person.name}</a> to{" "}
            <a href={`${origin}/challenges/${l.challenge.id}`}>{l.challenge.title}</a>
          </p>
          <p class="claim-meta">
            {l.sharePercent}% of their time
            {l.decidedAt && (
              <>
                {" · approved "}
                <On iso={l.decidedAt} />
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
