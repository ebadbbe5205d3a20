import { useState } from "preact/hooks";
import { api } from "../lib/api";
import { call } from "../lib/http";
import { ThreadPostForm } from "./thread-post-form";

/**
 * Answers a showcase question right where it is listed (the inbox, My work), by the same route as
 * the challenge page's thread. Closed until asked for, so a list of questions stays short.
 */
export function InlineAnswer({
  questionId,
  askedBy,
  onDone,
}: {
  questionId: string;
  askedBy: string;
  onDone: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const id = `answer-to-${questionId}`;
  if (!open) {
    return (
      <div class="inline-decision">
        <button
          type="button"
          class="button button-small"
          aria-label={`Answer ${askedBy}'s question`}
          aria-expanded="false"
          aria-controls={id}
          onClick={() => {
            setOpen(true);
            requestAnimationFrame(() => document.getElementById(id)?.focus());
          }}
        >
          Answer
        </button>
      </div>
    );
  }
  return (
    <div class="inline-decision">
      <ThreadPostForm
        id={id}
        class="reply-form"
        label={`Your answer to ${askedBy}`}
        hint="The team and whoever asked see it on the showcase."
        minLength={1}
        tooShort="Write the answer first."
        failureTitle="Your answer was not posted"
        button={["Send answer", "Sending…"]}
        small
        post={(body) => call(api.questions[":id"].answers.$post({ param: { id: questionId }, json: { body } }))}
        onPosted={() => onDone("Answered: it no longer waits on your team.")}
        clearDone={() => undefined}
      />
    </div>
  );
}
