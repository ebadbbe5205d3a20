import { useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { ErrorSummary } from "../../../components/error-summary";
import { Field, TextField } from "../../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../../components/form-problems";
import { api } from "../../../lib/api";
import { formatDay } from "../../../lib/format";
import { call } from "../../../lib/http";
import { useAction } from "../../../lib/use-action";

const MILESTONE_PLACES: Record<string, FieldPlace> = {
  title: { fieldId: "milestone-title", label: "Milestone" },
  dueOn: { fieldId: "milestone-due", label: "Due on" },
};

export function AddMilestoneForm({
  challengeId,
  onAdded,
  clearDone,
}: {
  challengeId: string;
  onAdded: (words: string) => void;
  clearDone: () => void;
}) {
  const [title, setTitle] = useState("");
  const [dueOn, setDueOn] = useState("");
  const { busy: sending, run } = useAction();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();
  const locate = (path: string) => MILESTONE_PLACES[path] ?? null;

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    clearDone();
    const messages: Record<string, string> = {};
    if (title.trim().length < 3) messages.title = "Name the milestone (at least 3 characters).";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn)) messages.dueOn = "Enter the date it is due.";
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locate));
      return;
    }
    clearFailure();
    await run(
      async () => {
        await call(
          api.challenges[":id"].milestones.$post({ param: { id: challengeId }, json: { title: title.trim(), dueOn } }),
        );
        clearProblems();
        onAdded(`Milestone “${title.trim()}” added, due ${formatDay(dueOn)}.`);
        setTitle("");
        setDueOn("");
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
  }

  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <h4 id="add-milestone-heading" class="form-title">
        Add a milestone
      </h4>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The milestone was not added">{failure}</Alert>}
      <div class="row-grid">
        <TextField
          id="milestone-title"
          label="Milestone"
          maxLength={200}
          autoComplete="off"
          value={title}
          onInput={setTitle}
          error={err("milestone-title")}
        />
        <Field id="milestone-due" label="Due on" error={err("milestone-due")}>
          {(control) => (
            <input {...control} type="date" value={dueOn} onInput={(e) => setDueOn(e.currentTarget.value)} />
          )}
        </Field>
      </div>
      <button type="submit" class="button button-secondary" disabled={sending}>
        {sending ? "Adding…" : "Add milestone"}
      </button>
    </form>
  );
}
