import { useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { Avatar } from "../../components/avatar";
import { TextAreaField } from "../../components/field";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { ApiError, call, messageOf } from "../../lib/http";
import type { Challenge, Comment } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import type { Feed } from "./use-feed";

export function CommentsSection({
  challenge: ch,
  comments,
  onMore,
  onRetry,
  onPosted,
}: {
  challenge: Challenge;
  comments: Feed<Comment>;
  onMore: () => void;
  onRetry: () => void;
  onPosted: (comment: Comment) => void;
}) {
  const [body, setBody] = useState("");
  const { busy: posting, error, run, setError } = useAction();
  const [fieldError, setFieldError] = useState<string | undefined>();

  async function post(event: Event) {
    event.preventDefault();
    if (!body.trim()) {
      setFieldError("Write something first.");
      return;
    }
    setFieldError(undefined);
    await run(
      async () => {
        const comment = await call(api.challenges[":id"].comments.$post({ param: { id: ch.id }, json: { body } }));
        setBody("");
        onPosted(comment);
      },
      {
        fail: (err) => {
          if (err instanceof ApiError && err.fields.body) setFieldError(err.fields.body);
          else setError(messageOf(err));
        },
      },
    );
  }

  return (
    <section class="section-card" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Discussion ({ch.commentCount})</h2>
      {comments.error && <Alert onRetry={onRetry}>{comments.error}</Alert>}
      {comments.items.length === 0 && !comments.loading && !comments.error && <p class="muted">No comments yet.</p>}
      {comments.items.length > 0 && (
        <ol class="plain-list comment-list">
          {comments.items.map((c) => (
            <li key={c.id}>
              <div class="comment-head">
                <Avatar name={c.author.name} url={c.author.avatarUrl} />
                <a href={`/people/${c.author.id}`}>
                  <strong>{c.author.name}</strong>
                </a>
                <span class="muted">
                  <TimeAgo iso={c.createdAt} />
                </span>
              </div>
              <p class="comment-body">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {comments.loading && <Loading label="Loading comments…" />}
      {comments.nextCursor && !comments.loading && (
        <button type="button" class="button button-secondary button-small" onClick={onMore}>
          Load more comments
        </button>
      )}
      {ch.viewer.canParticipate ? (
        <form class="form-section" onSubmit={post} noValidate>
          {error && <Alert title="Your comment was not posted">{error}</Alert>}
          <TextAreaField
            id="comment-body"
            label="Add a comment"
            maxLength={5000}
            value={body}
            onInput={setBody}
            error={fieldError}
          />
          <button type="submit" class="button" disabled={posting}>
            {posting ? "Posting…" : "Post comment"}
          </button>
        </form>
      ) : (
        <p class="muted small">
          {ch.stage === "draft" ? "Comments open once the challenge is published." : "Comments are closed."}
        </p>
      )}
    </section>
  );
}
