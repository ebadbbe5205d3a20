import { useState } from "preact/hooks";
import { ThreadPostForm } from "../../../components/thread-post-form";
import { TimeAgo } from "../../../components/time-ago";
import { api } from "../../../lib/api";
import { call } from "../../../lib/http";
import type { Challenge, Question } from "../../../lib/types";
import { me } from "../../../state/session";
import type { SectionProps } from "./shared";

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
              <li key={q.id} id={`question-${q.id}`} class={`question${unanswered ? " unanswered" : ""}`}>
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
                      <li key={a.id} id={`answer-${a.id}`} class="answer">
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
