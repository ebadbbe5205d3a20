import { useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { AuthoredControls, EditedNote, MentionText, Tombstone } from "../../components/authored";
import { Avatar } from "../../components/avatar";
import { TextAreaField } from "../../components/field";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { ApiError, call, messageOf } from "../../lib/http";
import type { Challenge, Comment } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { me } from "../../state/session";
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
  // Comments edited or removed here, over the feed the page read (it is the page's to reload).
  const [changed, setChanged] = useState<Record<string, Comment>>({});

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
          {comments.items.map((c) => {
            const shown = changed[c.id] ?? c;
            return (
              <CommentItem
                key={c.id}
                challengeId={ch.id}
                comment={shown}
                mine={shown.author.id === me.value?.id}
                canEdit={ch.viewer.canParticipate}
                onChanged={(next) => setChanged((all) => ({ ...all, [next.id]: next }))}
              />
            );
          })}
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
            hint="Mention someone with @ and their e-mail name, e.g. @designer; they are told."
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

/**
 * One comment (its element id is the one notifications link to: `comment-<id>`): the author's
 * name, when, "edited" once changed, the text with its mentions highlighted, or a tombstone once
 * removed. Its author may edit it while the discussion is open, and remove it at any time.
 */
function CommentItem({
  challengeId,
  comment: c,
  mine,
  canEdit,
  onChanged,
}: {
  challengeId: string;
  comment: Comment;
  mine: boolean;
  canEdit: boolean;
  onChanged: (comment: Comment) => void;
}) {
  const [editing, setEditing] = useState(false);
  const param = { id: challengeId, commentId: c.id };
  return (
    <li id={`comment-${c.id}`}>
      <div class="comment-head">
        <Avatar name={c.author.name} url={c.author.avatarUrl} />
        <a href={`/people/${c.author.id}`}>
          <strong>{c.author.name}</strong>
        </a>
        <span class="muted">
          <TimeAgo iso={c.createdAt} />
          {!c.removedAt && <EditedNote editedAt={c.editedAt} />}
        </span>
      </div>
      {c.removedAt || c.body === null ? (
        <Tombstone noun="Comment" removedAt={c.removedAt ?? c.createdAt} />
      ) : (
        <>
          {!editing && (
            <p class="comment-body">
              <MentionText text={c.body} mentions={c.mentions} />
            </p>
          )}
          {mine && (
            <AuthoredControls
              id={c.id}
              noun="comment"
              createdAt={c.createdAt}
              body={c.body}
              maxLength={5000}
              hint="Mention someone with @ and their e-mail name, e.g. @designer."
              editing={editing && canEdit}
              canEdit={canEdit}
              setEditing={setEditing}
              save={async (body) =>
                onChanged(await call(api.challenges[":id"].comments[":commentId"].$patch({ param, json: { body } })))
              }
              remove={async () =>
                onChanged(await call(api.challenges[":id"].comments[":commentId"].$delete({ param })))
              }
            />
          )}
        </>
      )}
    </li>
  );
}
