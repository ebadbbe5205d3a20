import { useState } from "preact/hooks";
import { TextAreaField } from "../../../components/field";
import { ScaleField, type ScaleStep } from "../../../components/field-scale";
import { FormAlerts } from "../../../components/form-alerts";
import { type FieldPlace, problemsFrom, useClearWhenValid, useFormSubmit } from "../../../components/form-problems";
import { TimeAgo } from "../../../components/time-ago";
import { api } from "../../../lib/api";
import { call } from "../../../lib/http";
import { formatScore } from "../../../lib/review-words";
import type { Challenge, Criterion, Review, ShowcaseView } from "../../../lib/types";
import { me } from "../../../state/session";
import { ReviewReplies, type ReviewReply } from "./review-replies";
import { ConflictNote, cyclesOf, type SectionProps } from "./shared";

function averageOf(reviews: readonly Review[]): number | null {
  if (!reviews.length) return null;
  return Math.round((reviews.reduce((s, r) => s + r.weightedScore, 0) / reviews.length) * 100) / 100;
}

/** Each reviewer's scores per criterion with the weighted score and feedback; the form for reviewers. */
export function ReviewsSection({ challenge: ch, view, onChanged, onStale }: SectionProps & { onStale: () => void }) {
  const cycles = cyclesOf(view.reviews);
  const [done, setDone] = useState("");

  function replied(review: Review, reply: ReviewReply) {
    const reviews = view.reviews.map((r) => (r.id === review.id ? { ...r, replies: [...r.replies, reply] } : r));
    onChanged({ ...view, reviews });
    setDone(`Your reply to the review by ${review.reviewer.name} is posted; everyone on its thread is told.`);
  }

  return (
    <section class="section-card" aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">Reviews</h2>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {cycles.length === 0 && (
        <p class="muted">
          {ch.stage === "showcase" ? "No reviews yet." : "This showcase was not reviewed on the criteria."}
        </p>
      )}
      {cycles.map((cycle, i) => {
        const reviews = view.reviews.filter((r) => r.cycle === cycle);
        const average = cycle === ch.cycle && view.averageScore !== null ? view.averageScore : averageOf(reviews);
        const body = (
          <ReviewList
            reviews={reviews}
            criteria={view.criteria}
            average={average}
            cycle={cycle}
            onReplied={replied}
            clearDone={() => setDone("")}
          />
        );
        return i === 0 ? (
          <div key={cycle}>{body}</div>
        ) : (
          <details key={cycle} class="cycle-details">
            <summary class="disclosure-summary">Cycle {cycle}</summary>
            {body}
          </details>
        );
      })}
      {view.viewer.reviewBlockedReason && (
        <ConflictNote title="You cannot review this showcase" reason={view.viewer.reviewBlockedReason} />
      )}
      {view.viewer.canReview && (
        <ReviewForm
          challenge={ch}
          view={view}
          onReviewed={(review, revised) => {
            const rest = view.reviews.filter((r) => r.id !== review.id);
            const reviews = [review, ...rest];
            const current = reviews.filter((r) => r.cycle === ch.cycle);
            onChanged({ ...view, reviews, averageScore: averageOf(current) });
            setDone(revised ? "Your review is updated; the team is told." : "Your review is posted; the team is told.");
            // The server's average is rounded its own way: take its figure too.
            onStale();
          }}
          clearDone={() => setDone("")}
        />
      )}
    </section>
  );
}

function ReviewList({
  reviews,
  criteria,
  average,
  cycle,
  onReplied,
  clearDone,
}: {
  reviews: Review[];
  criteria: Criterion[];
  average: number | null;
  cycle: number;
  onReplied: (review: Review, reply: ReviewReply) => void;
  clearDone: () => void;
}) {
  const nameOf = (id: string) => criteria.find((c) => c.id === id)?.name ?? id;
  return (
    <>
      <p class="review-average">
        Cycle {cycle}: average weighted score <strong>{formatScore(average)}</strong> of 5 from{" "}
        {reviews.length === 1 ? "1 reviewer" : `${reviews.length} reviewers`}.
      </p>
      <ul class="plain-list review-list">
        {reviews.map((r) => (
          <li key={r.id} id={`review-${r.id}`} class="review-item">
            <article aria-labelledby={`review-${r.id}-title`}>
              <h3 id={`review-${r.id}-title`} class="review-title">
                <a href={`/people/${r.reviewer.id}`}>{r.reviewer.name}</a>
                <span class="badge role status-required">Weighted score {formatScore(r.weightedScore)} of 5</span>
              </h3>
              <p class="muted small">
                {r.updatedAt !== r.createdAt ? "Revised " : "Posted "}
                <TimeAgo iso={r.updatedAt} />
              </p>
              <dl class="score-list">
                {Object.entries(r.scores).map(([id, score]) => (
                  <div key={id} class="score-item">
                    <dt>{nameOf(id)}</dt>
                    <dd>
                      {score}
                      <span class="visually-hidden"> of 5</span>
                      <span class="score-dots" aria-hidden="true">
                        {"●".repeat(score)}
                        {"○".repeat(Math.max(0, 5 - score))}
                      </span>
                    </dd>
                  </div>
                ))}
              </dl>
              <p class="comment-body">{r.feedback}</p>
              <ReviewReplies review={r} onReplied={(reply) => onReplied(r, reply)} clearDone={clearDone} />
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}

const scoreField = (criterionId: string) => `review-score-${criterionId}`;

/** The review scale (SPEC §6: scores 1–5), its ends and middle in words. */
const SCORE_STEPS: readonly ScaleStep[] = [
  { value: "1", label: "1 — weak" },
  { value: "2", label: "2" },
  { value: "3", label: "3 — solid" },
  { value: "4", label: "4" },
  { value: "5", label: "5 — outstanding" },
];

function ReviewForm({
  challenge: ch,
  view,
  onReviewed,
  clearDone,
}: {
  challenge: Challenge;
  view: ShowcaseView;
  onReviewed: (review: Review, revised: boolean) => void;
  clearDone: () => void;
}) {
  const mine = view.reviews.find((r) => r.cycle === ch.cycle && r.reviewer.id === me.value?.id) ?? null;
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(view.criteria.map((c) => [c.id, mine?.scores[c.id] ? String(mine.scores[c.id]) : ""])),
  );
  const [feedback, setFeedback] = useState(mine?.feedback ?? "");

  function locate(path: string): FieldPlace | null {
    if (path === "feedback") return { fieldId: "review-feedback", label: "Feedback" };
    const m = /^scores\.(.+)$/.exec(path);
    const c = m ? view.criteria.find((x) => x.id === m[1]) : undefined;
    return c ? { fieldId: scoreField(c.id), label: `${c.name} score` } : null;
  }
  const form = useFormSubmit(locate);
  const { sending, err } = form;

  /** What the form finds wrong with what is chosen and typed now, by API path. */
  function check(): Record<string, string> {
    const messages: Record<string, string> = {};
    for (const c of view.criteria) if (!scores[c.id]) messages[`scores.${c.id}`] = `Score ${c.name} from 1 to 5.`;
    if (feedback.trim().length < 10)
      messages.feedback = "Give the team feedback they can act on (10 characters or more).";
    return messages;
  }
  useClearWhenValid(
    form,
    {
      ...Object.fromEntries(view.criteria.map((c) => [scoreField(c.id), scores[c.id] ?? ""])),
      "review-feedback": feedback,
    },
    () => problemsFrom(check(), locate).fields,
  );

  async function submit() {
    clearDone();
    const messages = check();
    await form.send(
      messages,
      () =>
        call(
          api.challenges[":id"].reviews.$post({
            param: { id: ch.id },
            json: {
              scores: Object.fromEntries(view.criteria.map((c) => [c.id, Number(scores[c.id])])),
              feedback: feedback.trim(),
            },
          }),
        ),
      (review) => onReviewed(review, mine !== null),
    );
  }

  return (
    <form class="inline-form" aria-labelledby="review-form-heading" onSubmit={form.onSubmit(submit)} noValidate>
      <h3 id="review-form-heading" class="form-title">
        Review this showcase
      </h3>
      <p class="muted small">
        Score each criterion from 1 (weak) to 5 (outstanding); the weights make the weighted score. The team sees your
        review and can reply.
        {mine && " You reviewed this cycle already: submitting again revises your review."}
      </p>
      <FormAlerts form={form} failureTitle="Your review was not saved" />
      <div class="score-fields">
        {view.criteria.map((c) => (
          <ScaleField
            key={c.id}
            id={scoreField(c.id)}
            legend={c.name}
            hint={`Weight ${c.weight}%.${c.description ? ` ${c.description}` : ""}`}
            steps={SCORE_STEPS}
            value={scores[c.id] ?? ""}
            onChange={(v) => setScores((s) => ({ ...s, [c.id]: v }))}
            error={err(scoreField(c.id))}
          />
        ))}
      </div>
      <TextAreaField
        id="review-feedback"
        label="Feedback"
        hint="What worked, what to change, what you would need to see to scale it."
        maxLength={20_000}
        value={feedback}
        onInput={setFeedback}
        error={err("review-feedback")}
      />
      <button type="submit" class="button" disabled={sending}>
        {sending ? "Saving…" : mine ? "Update review" : "Submit review"}
      </button>
    </form>
  );
}
