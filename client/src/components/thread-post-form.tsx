import { useState } from "preact/hooks";
import { useAction } from "../lib/use-action";
import { Alert } from "./alert";
import { TextAreaField } from "./field";

/**
 * One text box that posts to a thread: a new question, a reply in one, an answer from the inbox
 * or My work. It checks the length the API asks for first, and says beside the box what is wrong.
 */
export function ThreadPostForm<T>(props: {
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
  post: (body: string) => Promise<T>;
  onPosted: (posted: T) => void;
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
