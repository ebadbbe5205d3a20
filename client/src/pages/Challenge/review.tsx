import { useEffect, useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { ErrorSummary } from "../../components/error-summary";
import { Field, SelectField, TextAreaField, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { outcomeLabel, teamPeople } from "../../lib/credit-words";
import { formatDay, todayIso } from "../../lib/format";
import { call } from "../../lib/http";
import { DECISION_OPTIONS, formatScore } from "../../lib/review-words";
import type {
  Challenge,
  Commitment,
  Criterion,
  Decision,
  DecisionOutcome,
  Question,
  Review,
  ShowcaseView,
  Team,
} from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { type Loaded, useResource } from "../../lib/use-resource";
import { me } from "../../state/session";

interface SectionProps {
  challenge: Challenge;
  view: ShowcaseView;
  onChanged: (next: ShowcaseView) => void;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Cycles present in a list, newest first. */
function cyclesOf(items: readonly { cycle: number }[]): number[] {
  return [...new Set(items.map((i) => i.cycle))].sort((a, b) => b - a);
}

function averageOf(reviews: readonly Review[]): number | null {
  if (!reviews.length) return null;
  return Math.round((reviews.reduce((s, r) => s + r.weightedScore, 0) / reviews.length) * 100) / 100;
}

/**
 * Why a reviewer with a stake in this challenge (SPEC §10 conflict of interest) is not offered a
 * form: the server's own sentence, which names the stake, and the rule behind it.
 */
function ConflictNote({ title, reason }: { title: string; reason: string }) {
  return (
    <div class="alert alert-info conflict-note">
      <p class="alert-title">{title}</p>
      <p>{reason} Reviewers do not judge a challenge they lead, co-lead, work on or sponsor; any other reviewer can.</p>
    </div>
  );
}

/** Each reviewer's scores per criterion with the weighted score and feedback; the form for reviewers. */
export function ReviewsSection({ challenge: ch, view, onChanged, onStale }: SectionProps & { onStale: () => void }) {
  const cycles = cyclesOf(view.reviews);
  const [done, setDone] = useState("");

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
        const body = <ReviewList reviews={reviews} criteria={view.criteria} average={average} cycle={cycle} />;
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
}: {
  reviews: Review[];
  criteria: Criterion[];
  average: number | null;
  cycle: number;
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
          <li key={r.id} class="review-item">
            <article aria-labelledby={`review-${r.id}`}>
              <h3 id={`review-${r.id}`} class="review-title">
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
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}

const scoreField = (criterionId: string) => `review-score-${criterionId}`;

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
  const { busy: sending, run } = useAction();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  function locate(path: string): FieldPlace | null {
    if (path === "feedback") return { fieldId: "review-feedback", label: "Feedback" };
    const m = /^scores\.(.+)$/.exec(path);
    const c = m ? view.criteria.find((x) => x.id === m[1]) : undefined;
    return c ? { fieldId: scoreField(c.id), label: `${c.name} score` } : null;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    clearDone();
    const messages: Record<string, string> = {};
    for (const c of view.criteria) if (!scores[c.id]) messages[`scores.${c.id}`] = `Score ${c.name} from 1 to 5.`;
    if (feedback.trim().length < 10)
      messages.feedback = "Give the team feedback they can act on (10 characters or more).";
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locate));
      return;
    }
    clearFailure();
    await run(
      async () => {
        const review = await call(
          api.challenges[":id"].reviews.$post({
            param: { id: ch.id },
            json: {
              scores: Object.fromEntries(view.criteria.map((c) => [c.id, Number(scores[c.id])])),
              feedback: feedback.trim(),
            },
          }),
        );
        clearProblems();
        onReviewed(review, mine !== null);
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
  }

  return (
    <form class="inline-form" aria-labelledby="review-form-heading" onSubmit={submit} noValidate>
      <h3 id="review-form-heading" class="form-title">
        Review this showcase
      </h3>
      <p class="muted small">
        Score each criterion from 1 (weak) to 5 (outstanding); the weights make the weighted score. The team sees your
        review and can reply.
        {mine && " You reviewed this cycle already: submitting again revises your review."}
      </p>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="Your review was not saved">{failure}</Alert>}
      <div class="row-grid roomy score-fields">
        {view.criteria.map((c) => (
          <SelectField
            key={c.id}
            id={scoreField(c.id)}
            label={`${c.name} score`}
            hint={`Weight ${c.weight}%.${c.description ? ` ${c.description}` : ""}`}
            value={scores[c.id] ?? ""}
            onChange={(v) => setScores((s) => ({ ...s, [c.id]: v }))}
            error={err(scoreField(c.id))}
          >
            <option value="">Choose…</option>
            <option value="1">1 — weak</option>
            <option value="2">2</option>
            <option value="3">3 — solid</option>
            <option value="4">4</option>
            <option value="5">5 — outstanding</option>
          </SelectField>
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

/** Question threads on the showcase: reviewers and sponsors ask, the team answers, the thread follows up. */
export function QuestionsSection({ challenge: ch, view, onChanged }: SectionProps) {
  const myId = me.value?.id;
  const questions = [...view.questions].sort((a, b) => b.cycle - a.cycle || a.createdAt.localeCompare(b.createdAt));
  const open = questions.filter((q) => q.answers.length === 0).length;
  const [done, setDone] = useState("");

  function replace(q: Question) {
    const exists = view.questions.some((x) => x.id === q.id);
    onChanged({
      ...view,
      questions: exists ? view.questions.map((x) => (x.id === q.id ? q : x)) : [...view.questions, q],
    });
  }

  return (
    <section class="section-card" aria-labelledby="questions-heading">
      <h2 id="questions-heading">Questions and answers</h2>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {questions.length === 0 ? (
        <p class="muted">
          {ch.stage === "showcase"
            ? "No questions yet. Reviewers and the challenge's sponsors ask here; the team answers."
            : "No questions were asked."}
        </p>
      ) : (
        <p class="small">
          {open === 0 ? "Every question has an answer." : `${open} of ${questions.length} unanswered.`}
        </p>
      )}
      {questions.length > 0 && (
        <ol class="plain-list question-list">
          {questions.map((q) => {
            const mayReply =
              view.viewer.canAnswer || q.author.id === myId || q.answers.some((a) => a.author.id === myId);
            const unanswered = q.answers.length === 0;
            return (
              <li key={q.id} class={`question${unanswered ? " unanswered" : ""}`}>
                <div class="comment-head">
                  <a href={`/people/${q.author.id}`}>
                    <strong>{q.author.name}</strong>
                  </a>
                  <span class="muted">
                    asked <TimeAgo iso={q.createdAt} />
                  </span>
                  {ch.cycle > 1 && <span class="badge role">Cycle {q.cycle}</span>}
                  {unanswered && <span class="badge role status-pending">Unanswered</span>}
                </div>
                <p class="comment-body">{q.body}</p>
                {q.answers.length > 0 && (
                  <ol class="plain-list answer-list">
                    {q.answers.map((a) => (
                      <li key={a.id} class="answer">
                        <div class="comment-head">
                          <a href={`/people/${a.author.id}`}>
                            <strong>{a.author.name}</strong>
                          </a>
                          <span class="muted">
                            replied <TimeAgo iso={a.createdAt} />
                          </span>
                        </div>
                        <p class="comment-body">{a.body}</p>
                      </li>
                    ))}
                  </ol>
                )}
                {mayReply && (
                  <ReplyForm
                    question={q}
                    onReplied={(next) => {
                      replace(next);
                      setDone(`Your reply to ${q.author.name} is posted; everyone on the thread is told.`);
                    }}
                    clearDone={() => setDone("")}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
      {view.viewer.canAsk && (
        <AskForm
          challenge={ch}
          onAsked={(q) => {
            replace(q);
            setDone("Your question is posted; the team is told.");
          }}
          clearDone={() => setDone("")}
        />
      )}
    </section>
  );
}

function AskForm({
  challenge: ch,
  onAsked,
  clearDone,
}: {
  challenge: Challenge;
  onAsked: (q: Question) => void;
  clearDone: () => void;
}) {
  return (
    <ThreadPostForm
      id="ask-body"
      class="form-section"
      label="Ask a question"
      hint="The team is told and answers here, for everyone to read."
      minLength={3}
      tooShort="Ask something (3 characters or more)."
      failureTitle="Your question was not posted"
      button={["Ask", "Asking…"]}
      post={(body) => call(api.challenges[":id"].questions.$post({ param: { id: ch.id }, json: { body } }))}
      onPosted={onAsked}
      clearDone={clearDone}
    />
  );
}

function ReplyForm({
  question: q,
  onReplied,
  clearDone,
}: {
  question: Question;
  onReplied: (q: Question) => void;
  clearDone: () => void;
}) {
  return (
    <ThreadPostForm
      id={`reply-${q.id}`}
      class="reply-form"
      label={`Reply to ${q.author.name}`}
      minLength={1}
      tooShort="Write the reply first."
      failureTitle="Your reply was not posted"
      button={["Reply", "Replying…"]}
      small
      post={(body) => call(api.questions[":id"].answers.$post({ param: { id: q.id }, json: { body } }))}
      onPosted={onReplied}
      clearDone={clearDone}
    />
  );
}

/** One text box that posts to a question thread: a new question, or a reply in one. */
function ThreadPostForm(props: {
  id: string;
  class: string;
  label: string;
  hint?: string;
  /** The API's minimum, checked here first so the person is told beside the box. */
  minLength: number;
  tooShort: string;
  failureTitle: string;
  button: [idle: string, busy: string];
  small?: boolean;
  post: (body: string) => Promise<Question>;
  onPosted: (q: Question) => void;
  clearDone: () => void;
}) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | undefined>();
  const { busy: sending, error: failure, run } = useAction();

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    props.clearDone();
    if (body.trim().length < props.minLength) {
      setError(props.tooShort);
      document.getElementById(props.id)?.focus();
      return;
    }
    setError(undefined);
    await run(async () => {
      const next = await props.post(body.trim());
      setBody("");
      props.onPosted(next);
    });
  }

  return (
    <form class={props.class} onSubmit={submit} noValidate>
      {failure && <Alert title={props.failureTitle}>{failure}</Alert>}
      <TextAreaField
        id={props.id}
        label={props.label}
        hint={props.hint}
        maxLength={5000}
        value={body}
        onInput={setBody}
        error={error}
      />
      <button type="submit" class={props.small ? "button button-secondary button-small" : "button"} disabled={sending}>
        {sending ? props.button[1] : props.button[0]}
      </button>
    </form>
  );
}

/** The decision form for reviewers, then every decision with its commitments. */
export function DecisionsSection({
  challenge: ch,
  view,
  team,
  onChanged,
  onDecided,
}: SectionProps & { team: Loaded<Team>; onDecided: () => void }) {
  const [done, setDone] = useState("");
  const decisions = [...view.decisions].sort((a, b) => b.cycle - a.cycle || b.createdAt.localeCompare(a.createdAt));
  const person = me.value;
  const mayTrack = (c: Commitment) =>
    c.owner.id === person?.id ||
    ch.viewer.isLead ||
    ch.viewer.isCoLead ||
    (person?.roles.includes("reviewer") ?? false);

  return (
    <section class="section-card" aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">Decisions</h2>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {view.viewer.decideBlockedReason && (
        <ConflictNote title="You cannot decide this showcase" reason={view.viewer.decideBlockedReason} />
      )}
      {view.viewer.canDecide && (
        <DecideForm
          challenge={ch}
          team={team}
          onDecided={(d) => {
            onChanged({ ...view, decisions: [d, ...view.decisions] });
            setDone(
              d.decision === "iterate"
                ? "Decision recorded: iterate. The challenge goes back to active for another cycle; the team is told."
                : `Decision recorded: ${d.decision}. Unspent money returns to the sponsors; the team is told.`,
            );
            onDecided();
          }}
          clearDone={() => setDone("")}
        />
      )}
      {decisions.length === 0 ? (
        <p class="muted">{ch.stage === "showcase" ? "Not decided yet." : "No decisions yet."}</p>
      ) : (
        <ol class="plain-list decision-list">
          {decisions.map((d) => (
            <li key={d.id} class="decision-item">
              <DecisionItem
                decision={d}
                mayTrack={mayTrack}
                onChanged={(next, words) => {
                  onChanged({ ...view, decisions: view.decisions.map((x) => (x.id === next.id ? next : x)) });
                  setDone(words);
                }}
                clearDone={() => setDone("")}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function DecisionItem({
  decision: d,
  mayTrack,
  onChanged,
  clearDone,
}: {
  decision: Decision;
  mayTrack: (c: Commitment) => boolean;
  onChanged: (next: Decision, words: string) => void;
  clearDone: () => void;
}) {
  const { pending: busy, error, run } = useAction<string>();

  async function toggle(c: Commitment) {
    clearDone();
    const status = c.status === "done" ? "open" : "done";
    await run(
      async () => {
        const next = await call(api.commitments[":id"].$patch({ param: { id: c.id }, json: { status } }));
        onChanged(next, status === "done" ? `“${c.what}” is marked done.` : `“${c.what}” is open again.`);
        requestAnimationFrame(() => document.getElementById(`commitment-${c.id}`)?.focus());
      },
      { tag: c.id },
    );
  }

  return (
    <article class="decision" aria-labelledby={`decision-${d.id}`}>
      <h3 id={`decision-${d.id}`} class="decision-title">
        <span class={`badge role outcome-${d.decision}`}>{outcomeLabel(d.decision)}</span> Cycle {d.cycle}
      </h3>
      <p class="muted small">
        Decided by <a href={`/people/${d.decidedBy.id}`}>{d.decidedBy.name}</a> <TimeAgo iso={d.createdAt} />
        {d.nextGateOn && (
          <>
            {" · "}next gate <time dateTime={d.nextGateOn}>{formatDay(d.nextGateOn)}</time>
          </>
        )}
      </p>
      <p class="comment-body">{d.rationale}</p>
      {error && <Alert title="The commitment was not changed">{error}</Alert>}
      {d.commitments.length > 0 && (
        <div class="table-wrap">
          <table class="table stackable">
            <caption class="visually-hidden">Commitments of the cycle {d.cycle} decision</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.commitments.map((c) => (
                <tr key={c.id} id={`commitment-${c.id}`} tabIndex={-1}>
                  <th scope="row" data-label="What">
                    {c.what}
                  </th>
                  <td data-label="Owner">
                    <a href={`/people/${c.owner.id}`}>{c.owner.name}</a>
                  </td>
                  <td data-label="Due">
                    <time dateTime={c.dueOn}>{formatDay(c.dueOn)}</time>
                  </td>
                  <td data-label="Status">
                    <span class="cluster">
                      <span class={`badge role ${c.status === "done" ? "status-approved" : "status-required"}`}>
                        {c.status === "done" ? "Done" : "Open"}
                      </span>
                      {c.overdue && <span class="badge role status-declined">Overdue</span>}
                    </span>
                  </td>
                  <td data-label="">
                    {mayTrack(c) && (
                      <button
                        type="button"
                        class="button button-secondary button-small"
                        disabled={busy !== null}
                        onClick={() => toggle(c)}
                      >
                        {c.status === "done" ? `Reopen: ${c.what}` : `Mark done: ${c.what}`}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

interface CommitmentRow {
  key: number;
  what: string;
  ownerId: string;
  due: string;
}

const commitmentField = (key: number, part: "what" | "owner" | "due") => `commitment-${key}-${part}`;

type PersonOption = { id: string; name: string };

function DecideForm({
  challenge: ch,
  team,
  onDecided,
  clearDone,
}: {
  challenge: Challenge;
  team: Loaded<Team>;
  onDecided: (d: Decision) => void;
  clearDone: () => void;
}) {
  const [decision, setDecision] = useState<"" | DecisionOutcome>("");
  const [rationale, setRationale] = useState("");
  const [nextGate, setNextGate] = useState("");
  const [rows, setRows] = useState<CommitmentRow[]>([]);
  const [confirming, setConfirming] = useState(false);
  const { busy: sending, run } = useAction();
  const nextKey = useRef(1);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();
  const people = useResource(
    () =>
      Promise.all([
        call(api.people.$get({ query: { role: "sponsor", limit: "100" } })),
        call(api.people.$get({ query: { role: "reviewer", limit: "100" } })),
      ]),
    "reviewer-candidates",
  );

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const teamOptions: PersonOption[] = team.status === "ready" ? teamPeople(team.value) : [ch.lead];
  const taken = new Set(teamOptions.map((p) => p.id));
  const sponsorOptions: PersonOption[] = [];
  const reviewerOptions: PersonOption[] = [];
  if (people.loaded.status === "ready") {
    const [sponsors, reviewers] = people.loaded.value;
    for (const p of sponsors.items)
      if (!taken.has(p.id)) {
        taken.add(p.id);
        sponsorOptions.push({ id: p.id, name: p.name });
      }
    for (const p of reviewers.items)
      if (!taken.has(p.id)) {
        taken.add(p.id);
        reviewerOptions.push({ id: p.id, name: p.name });
      }
  }

  function locate(path: string): FieldPlace | null {
    if (path === "decision") return { fieldId: "decision-scale", label: "Decision" };
    if (path === "rationale") return { fieldId: "decision-rationale", label: "Rationale" };
    if (path === "nextGateOn") return { fieldId: "decision-next-gate", label: "Next gate" };
    const m = /^commitments\.(\d+)\.(what|ownerId|due)/.exec(path);
    const row = m ? rows[Number(m[1])] : undefined;
    if (!m || !row) return null;
    const n = Number(m[1]) + 1;
    if (m[2] === "what") return { fieldId: commitmentField(row.key, "what"), label: `Commitment ${n}: what` };
    if (m[2] === "ownerId") return { fieldId: commitmentField(row.key, "owner"), label: `Commitment ${n}: owner` };
    return { fieldId: commitmentField(row.key, "due"), label: `Commitment ${n}: due` };
  }

  function setRow(key: number, changes: Partial<CommitmentRow>) {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...changes } : r)));
  }
  function addRow() {
    const key = nextKey.current++;
    setRows((all) => [...all, { key, what: "", ownerId: "", due: "" }]);
    requestAnimationFrame(() => document.getElementById(commitmentField(key, "what"))?.focus());
  }
  function removeRow(index: number) {
    const remaining = rows.filter((_, i) => i !== index);
    setRows(remaining);
    const neighbour = remaining[index] ?? remaining[index - 1];
    requestAnimationFrame(() =>
      document.getElementById(neighbour ? commitmentField(neighbour.key, "what") : "add-commitment")?.focus(),
    );
  }

  function check(): boolean {
    const messages: Record<string, string> = {};
    const today = todayIso();
    if (!decision) messages.decision = "Choose scale, iterate or stop.";
    if (rationale.trim().length < 10) messages.rationale = "Explain the decision so the team can learn from it.";
    if (nextGate && !ISO_DATE.test(nextGate)) messages.nextGateOn = "Enter a date.";
    else if (nextGate && nextGate < today) messages.nextGateOn = "The next gate is in the future.";
    rows.forEach((r, i) => {
      if (r.what.trim().length < 3) messages[`commitments.${i}.what`] = "Say what is committed.";
      if (!r.ownerId) messages[`commitments.${i}.ownerId`] = "Choose who owns it.";
      if (!ISO_DATE.test(r.due)) messages[`commitments.${i}.due`] = "Enter the date it is due.";
      else if (r.due < today) messages[`commitments.${i}.due`] = "A commitment is due in the future.";
    });
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locate));
      return false;
    }
    return true;
  }

  async function send() {
    if (sending || !decision) return;
    setConfirming(false);
    clearFailure();
    await run(
      async () => {
        const made = await call(
          api.challenges[":id"].decision.$post({
            param: { id: ch.id },
            json: {
              decision,
              rationale: rationale.trim(),
              nextGateOn: nextGate || null,
              commitments: rows.map((r) => ({ what: r.what.trim(), ownerId: r.ownerId, due: r.due })),
            },
          }),
        );
        clearProblems();
        onDecided(made);
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
  }

  function submit(event: Event) {
    event.preventDefault();
    clearDone();
    if (!check()) return;
    if (decision === "iterate") send();
    else setConfirming(true);
  }

  const ownerOptions = (
    <>
      <option value="">Choose…</option>
      <PeopleGroup label="Team" people={teamOptions} always />
      <PeopleGroup label="Sponsors" people={sponsorOptions} />
      <PeopleGroup label="Reviewers" people={reviewerOptions} />
    </>
  );

  return (
    <form class="inline-form flush-top" aria-labelledby="decide-heading" onSubmit={submit} noValidate>
      <h3 id="decide-heading" class="form-title">
        Decide
      </h3>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The decision was not recorded">{failure}</Alert>}
      <fieldset aria-describedby={err("decision-scale") ? "decision-scale-error" : undefined}>
        <legend>Decision</legend>
        {DECISION_OPTIONS.map((o) => (
          <label key={o.value} class="check radio-option">
            <input
              id={`decision-${o.value}`}
              type="radio"
              name="decision"
              value={o.value}
              checked={decision === o.value}
              aria-describedby={`decision-${o.value}-hint`}
              onChange={() => {
                setDecision(o.value);
                setConfirming(false);
              }}
            />
            <span>
              {o.label}
              <span class="hint" id={`decision-${o.value}-hint`}>
                {o.hint}
              </span>
            </span>
          </label>
        ))}
        {err("decision-scale") && (
          <p class="field-error" id="decision-scale-error">
            <span aria-hidden="true">⚠ </span>
            {err("decision-scale")}
          </p>
        )}
      </fieldset>
      <TextAreaField
        id="decision-rationale"
        label="Rationale"
        hint="Why: the team reads this, and it goes into their portfolios."
        maxLength={20_000}
        value={rationale}
        onInput={setRationale}
        error={err("decision-rationale")}
      />
      <Field
        id="decision-next-gate"
        label="Next gate"
        hint="Optional: when this is looked at again."
        error={err("decision-next-gate")}
        class="field short-field"
      >
        {(control) => (
          <input
            {...control}
            type="date"
            min={todayIso()}
            value={nextGate}
            onInput={(e) => setNextGate(e.currentTarget.value)}
          />
        )}
      </Field>
      <fieldset>
        <legend>Commitments</legend>
        <p class="muted small">What resources, from whom, by when. They are tracked on this page like milestones.</p>
        {people.loaded.status === "loading" && <Loading label="Loading sponsors and reviewers…" />}
        {people.loaded.status === "error" && (
          <Alert title="Sponsors and reviewers could not be listed" onRetry={people.reload}>
            {people.loaded.message} You can still choose from the team.
          </Alert>
        )}
        {rows.map((r, i) => {
          const n = i + 1;
          return (
            <fieldset key={r.key} class="row-card">
              <legend class="row-card-title">Commitment {n}</legend>
              <div class="row-grid roomy">
                <TextField
                  id={commitmentField(r.key, "what")}
                  label={`Commitment ${n}: what`}
                  maxLength={1000}
                  autoComplete="off"
                  value={r.what}
                  onInput={(what) => setRow(r.key, { what })}
                  error={err(commitmentField(r.key, "what"))}
                  class="field wide"
                />
                <SelectField
                  id={commitmentField(r.key, "owner")}
                  label={`Commitment ${n}: owner`}
                  value={r.ownerId}
                  onChange={(ownerId) => setRow(r.key, { ownerId })}
                  error={err(commitmentField(r.key, "owner"))}
                >
                  {ownerOptions}
                </SelectField>
                <Field
                  id={commitmentField(r.key, "due")}
                  label={`Commitment ${n}: due`}
                  error={err(commitmentField(r.key, "due"))}
                >
                  {(control) => (
                    <input
                      {...control}
                      type="date"
                      min={todayIso()}
                      value={r.due}
                      onInput={(e) => setRow(r.key, { due: e.currentTarget.value })}
                    />
                  )}
                </Field>
              </div>
              <button type="button" class="button button-ghost button-small" onClick={() => removeRow(i)}>
                Remove commitment {n}
              </button>
            </fieldset>
          );
        })}
        {rows.length < 20 && (
          <button id="add-commitment" type="button" class="button button-secondary button-small" onClick={addRow}>
            Add commitment
          </button>
        )}
      </fieldset>
      <button
        type="submit"
        class="button"
        disabled={sending}
        aria-expanded={decision && decision !== "iterate" ? (confirming ? "true" : "false") : undefined}
      >
        {sending ? "Recording…" : "Record decision"}
      </button>
      {confirming && (
        <div class="confirm-box">
          <p>
            <strong>Record “{outcomeLabel(decision)}”?</strong> The challenge moves to reviewed and the unspent money
            returns to its sponsors' budgets. This cannot be undone.
          </p>
          <div class="button-row">
            <button ref={confirmRef} type="button" class="button" disabled={sending} onClick={send}>
              Yes, record the decision
            </button>
            <button type="button" class="button button-secondary" onClick={() => setConfirming(false)}>
              Go back
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

/** One `<optgroup>` of people to choose from; left out when empty unless `always`. */
function PeopleGroup({
  label,
  people,
  always,
}: {
  label: string;
  people: { id: string; name: string }[];
  always?: boolean;
}) {
  if (people.length === 0 && !always) return null;
  return (
    <optgroup label={label}>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </optgroup>
  );
}
