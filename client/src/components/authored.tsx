import type { JSX } from "preact";
import { useRef, useState } from "preact/hooks";
import { absoluteTime, formatDate } from "../lib/format";
import { ApiError, messageOf } from "../lib/http";
import { useAction } from "../lib/use-action";
import { Alert } from "./alert";
import { TextAreaField } from "./field";
import { SubmitOrCancel } from "./submit-or-cancel";
import { TimeAgo } from "./time-ago";
import "./authored.css";

/** A person a comment or update names with `@handle`, as the API answers it. */
export interface Mention {
  handle: string;
  person: { id: string; name: string };
}

// The server's mention syntax (worker/domain/discussion.ts): `@` not inside an e-mail address, then
// an e-mail's local part and optionally its domain; a trailing dot ends the sentence.
const MENTION = /(?<![\w.@+-])@([a-z0-9](?:[a-z0-9._+-]*[a-z0-9])?)(@[a-z0-9-]+(?:\.[a-z0-9-]+)+)?/gi;

const handleOf = (m: RegExpMatchArray) => `${m[1]}${m[2] ?? ""}`.toLowerCase();

/** Plain text with each mention of a known person shown as their highlighted name, linked to their profile. */
export function MentionText({ text, mentions }: { text: string; mentions: readonly Mention[] }) {
  const known = new Map(mentions.map((m) => [m.handle, m.person]));
  const parts: (string | JSX.Element)[] = [];
  let at = 0;
  for (const m of text.matchAll(MENTION)) {
    const person = known.get(handleOf(m));
    if (!person) continue;
    const start = m.index ?? 0;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <a key={`${start}`} class="mention" href={`/people/${person.id}`}>
        @{person.name}
      </a>,
    );
    at = start + m[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

const escapeMarkdown = (s: string) => s.replace(/[\\[\]()*_`~<>#!|]/g, (c) => `\\${c}`);

/** Markdown with each mention of a known person made a link to their profile, named (styled as `.mention`). */
export function withMentionLinks(source: string, mentions: readonly Mention[]): string {
  const known = new Map(mentions.map((m) => [m.handle, m.person]));
  return source.replace(MENTION, (...args) => {
    const match = args.slice(0, 3) as unknown as RegExpMatchArray;
    const person = known.get(handleOf(match));
    return person ? `[@${escapeMarkdown(person.name)}](/people/${encodeURIComponent(person.id)})` : match[0];
  });
}

/** " · edited 2 hours ago", when the author changed the text after posting it. */
export function EditedNote({ editedAt }: { editedAt: string | null }) {
  if (!editedAt) return null;
  return (
    <span class="edited-note">
      {" · "}edited <TimeAgo iso={editedAt} />
    </span>
  );
}

/** Where a removed comment or update stood: who removed it and when, never what it said. */
export function Tombstone({ noun, removedAt }: { noun: "Comment" | "Update"; removedAt: string }) {
  return (
    <p class="tombstone">
      {noun} removed by its author on{" "}
      <time dateTime={removedAt} title={absoluteTime(removedAt)}>
        {formatDate(removedAt)}
      </time>
      .
    </p>
  );
}

/**
 * The author's Edit and Remove for their own comment or update: Edit opens the text in place
 * with Save and Cancel; Remove asks first, saying what stays. `save` and `remove` throw what the
 * API answered; a field message is shown at the box.
 */
export function AuthoredControls({
  id,
  noun,
  createdAt,
  body,
  maxLength,
  hint,
  editing,
  canEdit = true,
  setEditing,
  save,
  remove,
}: {
  id: string;
  noun: "comment" | "update";
  createdAt: string;
  body: string;
  maxLength: number;
  hint?: string;
  editing: boolean;
  /** False where only removal is left (a closed discussion). */
  canEdit?: boolean;
  setEditing: (editing: boolean) => void;
  save: (body: string) => Promise<void>;
  remove: () => Promise<void>;
}) {
  const [text, setText] = useState(body);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run, setError } = useAction();
  const editButton = useRef<HTMLButtonElement>(null);
  const of = ` your ${noun} of ${formatDate(createdAt)}`;

  const close = () => {
    setEditing(false);
    setConfirming(false);
    setFieldError(undefined);
    setError(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (!text.trim()) {
      setFieldError(noun === "comment" ? "Write something first." : "Write the update.");
      return;
    }
    setFieldError(undefined);
    const ok = await run(() => save(text), {
      fail: (err) => {
        if (err instanceof ApiError && err.fields.body) setFieldError(err.fields.body);
        else setError(messageOf(err));
      },
    });
    if (ok) close();
  }

  if (editing) {
    return (
      <form class="authored-edit" onSubmit={submit} noValidate>
        {error && <Alert title={`Your ${noun} was not saved`}>{error}</Alert>}
        <TextAreaField
          id={`edit-${id}`}
          label={`Edit your ${noun}`}
          hint={hint}
          tall={noun === "update"}
          maxLength={maxLength}
          value={text}
          onInput={setText}
          error={fieldError}
        />
        <SubmitOrCancel label="Save" busyLabel="Saving…" busy={busy} small onCancel={close} />
      </form>
    );
  }

  return (
    <div class="authored-controls">
      {error && <Alert title={`Your ${noun} was not removed`}>{error}</Alert>}
      {confirming ? (
        <div class="confirm-box">
          <p>
            Remove your {noun}? Everyone will see that you removed it and when, but not what it said.
            {noun === "update" ? " Its KPI check-ins still count." : ""}
          </p>
          <SubmitOrCancel
            label={`Remove ${noun}`}
            busyLabel="Removing…"
            busy={busy}
            danger
            small
            cancelLabel="Keep it"
            onSubmit={async () => {
              if (await run(remove)) close();
            }}
            onCancel={close}
          />
        </div>
      ) : (
        <div class="button-row">
          {canEdit && (
            <button
              ref={editButton}
              type="button"
              class="button button-ghost button-small"
              onClick={() => {
                setText(body);
                setEditing(true);
              }}
            >
              Edit<span class="visually-hidden">{of}</span>
            </button>
          )}
          <button type="button" class="button button-ghost button-small" onClick={() => setConfirming(true)}>
            Remove<span class="visually-hidden">{of}</span>
          </button>
        </div>
      )}
    </div>
  );
}
