import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, messageOf } from "../lib/http";
import { useAction } from "../lib/use-action";
import type { SummaryItem } from "./error-summary";

/** Where a field's problems are shown: its control's id, and the words that name it in the summary. */
export interface FieldPlace {
  fieldId: string;
  label: string;
}

/** A form's problems: messages by field id, and the error summary's list. */
export interface Problems {
  fields: Record<string, string>;
  summary: SummaryItem[];
}

const NO_PROBLEMS: Problems = { fields: {}, summary: [] };

/**
 * Messages by API field path (`kpis.0.target`, `avatarUrl`) to messages by field (the first for a
 * field wins) and the summary's list, each item naming its field. A path `locate` cannot place is
 * listed with the words `unplaced` gives it.
 */
export function problemsFrom(
  messages: Record<string, string>,
  locate: (path: string) => FieldPlace | null,
  unplaced = (path: string, message: string) => `${path}: ${message}`,
): Problems {
  const fields: Record<string, string> = {};
  const summary: SummaryItem[] = [];
  for (const [path, message] of Object.entries(messages)) {
    const at = locate(path);
    if (at) {
      fields[at.fieldId] ??= message;
      summary.push({ fieldId: at.fieldId, message: `${at.label}: ${message}` });
    } else summary.push({ message: unplaced(path, message) });
  }
  return { fields, summary };
}

/**
 * What a form shows after a submit fails: the field messages and summary, or a message for a failure
 * that is not about any field. `attempt` counts the failures, so the summary takes focus each time.
 */
export function useFormProblems() {
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  function fail(found: Problems, message: string | null = null) {
    setProblems(found);
    setFailure(message);
    setAttempt((n) => n + 1);
  }

  return {
    problems,
    failure,
    attempt,
    /** The message for the field with this id, if any. */
    err: (fieldId: string) => problems.fields[fieldId],
    fail,
    /** A refused save: the fields the API named (a 400 with `details.fields`), or else its message. */
    failWith(err: unknown, toProblems: (fields: Record<string, string>) => Problems) {
      if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).length) fail(toProblems(err.fields));
      else fail(NO_PROBLEMS, messageOf(err));
    },
    clearProblems: () => setProblems(NO_PROBLEMS),
    clearFailure: () => setFailure(null),
    /** Drops these fields' messages and their summary lines (they are put right); focus stays where it is. */
    clearFields(fieldIds: readonly string[]) {
      setProblems((p) => withoutFields(p, fieldIds));
    },
  };
}

function withoutFields(problems: Problems, fieldIds: readonly string[]): Problems {
  if (!fieldIds.some((id) => id in problems.fields)) return problems;
  const fields = Object.fromEntries(Object.entries(problems.fields).filter(([id]) => !fieldIds.includes(id)));
  const summary = problems.summary.filter((item) => !item.fieldId || !fieldIds.includes(item.fieldId));
  return { fields, summary };
}

/**
 * A field's message goes as soon as what is in it is right, not only on the next submit. `values`
 * holds each field's current value by field id (any string that changes when it does); `check`
 * runs the form's own checks on what is typed now and answers their messages by field id. When a
 * field that shows a message changes and `check` finds nothing wrong with it, its message and its
 * summary line go. A field with no message is never marked while someone types in it, and a message
 * only the server could give goes once its field is changed.
 */
export function useClearWhenValid(
  form: { problems: Problems; clearFields: (fieldIds: readonly string[]) => void },
  values: Record<string, string>,
  check: () => Record<string, string>,
) {
  const last = useRef(values);
  useEffect(() => {
    const before = last.current;
    last.current = values;
    const changed = Object.keys(form.problems.fields).filter((id) => id in values && values[id] !== before[id]);
    if (!changed.length) return;
    const still = check();
    const fixed = changed.filter((id) => !still[id]);
    if (fixed.length) form.clearFields(fixed);
  });
}

/**
 * A form's submit with its problems (`useFormProblems` and a busy flag). `send(messages, request,
 * then)` first shows the form's own `messages` (by API field path, placed by `locate`) and sends
 * nothing while there are any; otherwise it sends `request`, clears the problems and hands the
 * answer to `then`, or shows the fields the API refused, or its message. Resolves whether it was sent.
 * `onSubmit(submit)` is the form's handler around it.
 */
export function useFormSubmit(locate: (path: string) => FieldPlace | null) {
  const form = useFormProblems();
  const { busy: sending, run } = useAction();

  async function send<T>(
    messages: Record<string, string>,
    request: () => Promise<T>,
    then: (answer: T) => void,
  ): Promise<boolean> {
    if (Object.keys(messages).length) {
      form.fail(problemsFrom(messages, locate));
      return false;
    }
    form.clearFailure();
    return run(
      async () => {
        const answer = await request();
        form.clearProblems();
        then(answer);
      },
      { fail: (error) => form.failWith(error, (fields) => problemsFrom(fields, locate)) },
    );
  }

  /** The form's `onSubmit`: keeps the page, and ignores a submit while one is sending. */
  function onSubmit(submit: () => unknown) {
    return (event: Event) => {
      event.preventDefault();
      if (!sending) submit();
    };
  }

  return { ...form, sending, send, onSubmit };
}
