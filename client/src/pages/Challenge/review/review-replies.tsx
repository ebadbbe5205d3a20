import { useEffect, useRef, useState } from "preact/hooks";
import { TextAreaField } from "../../../components/field";
import { FormAlerts } from "../../../components/form-alerts";
import { type FieldPlace, useFormSubmit } from "../../../components/form-problems";
import { SubmitOrCancel } from "../../../components/submit-or-cancel";
import { TimeAgo } from "../../../components/time-ago";
import { api } from "../../../lib/api";
import { call } from "../../../lib/http";
import type { Review } from "../../../lib/types";

export type ReviewReply = Review["replies"][number];

/**
 * A review's thread (SPEC §6, a two-way dialogue): the team's replies and the reviewer's
 * follow-ups, oldest first, and the way to add one when `viewer.canReply` says the server takes it.
 */
export function ReviewReplies({
  review: r,
  onReplied,
  clearDone,
}: {
  review: Review;
  onReplied: (reply: ReviewReply) => void;
  clearDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  // After the form closes, focus returns to the button that opened it.
  const refocus = useRef(false);

  useEffect(() => {
    if (!open && refocus.current) {
      refocus.current = false;
      openerRef.current?.focus();
    }
  }, [open]);

  function close() {
    refocus.current = true;
    setOpen(false);
  }

  return (
    <>
      {r.replies.length > 0 && (
        <ol class="plain-list answer-list" aria-label={`Replies to the review by ${r.reviewer.name}`}>
          {r.replies.map((p) => (
            <li key={p.id} id={`reply-${p.id}`} class="answer">
              <div class="comment-head">
                <a href={`/people/${p.author.id}`}>
                  <strong>{p.author.name}</strong>
                </a>
                <span class="muted">
                  {p.author.id === r.reviewer.id ? "followed up" : "replied"} <TimeAgo iso={p.createdAt} />
                </span>
              </div>
              <p class="comment-body">{p.body}</p>
            </li>
          ))}
        </ol>
      )}
      {r.viewer.canReply &&
        (open ? (
          <ReplyForm
            review={r}
            onCancel={close}
            onReplied={(reply) => {
              close();
              onReplied(reply);
            }}
            clearDone={clearDone}
          />
        ) : (
          <div class="button-row reply-form">
            <button
              ref={openerRef}
              type="button"
              class="button button-secondary button-small"
              aria-label={`Reply to the review by ${r.reviewer.name}`}
              onClick={() => {
                clearDone();
                setOpen(true);
              }}
            >
              Reply
            </button>
          </div>
        ))}
    </>
  );
}

function ReplyForm({
  review: r,
  onCancel,
  onReplied,
  clearDone,
}: {
  review: Review;
  onCancel: () => void;
  onReplied: (reply: ReviewReply) => void;
  clearDone: () => void;
}) {
  const fieldId = `review-reply-${r.id}`;
  const [body, setBody] = useState("");
  const locate = (path: string): FieldPlace | null => (path === "body" ? { fieldId, label: "Your reply" } : null);
  const form = useFormSubmit(locate);
  const { sending, err } = form;

  useEffect(() => {
    document.getElementById(fieldId)?.focus();
  }, [fieldId]);

  async function submit() {
    clearDone();
    const messages: Record<string, string> = {};
    if (!body.trim()) messages.body = "Write the reply first.";
    await form.send(
      messages,
      () => call(api.reviews[":id"].replies.$post({ param: { id: r.id }, json: { body: body.trim() } })),
      (reply) => {
        setBody("");
        onReplied(reply);
      },
    );
  }

  return (
    <form
      class="reply-form"
      aria-label={`Reply to the review by ${r.reviewer.name}`}
      onSubmit={form.onSubmit(submit)}
      noValidate
    >
      <FormAlerts form={form} failureTitle="Your reply was not posted" />
      <TextAreaField
        id={fieldId}
        label="Your reply"
        hint="Everyone on this review's thread is told: its reviewer and the team."
        maxLength={5000}
        value={body}
        onInput={setBody}
        error={err(fieldId)}
      />
      <SubmitOrCancel label="Post reply" busyLabel="Posting…" busy={sending} small onCancel={onCancel} />
    </form>
  );
}
