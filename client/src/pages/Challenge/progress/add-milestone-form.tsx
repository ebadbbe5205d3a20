import { useState } from "preact/hooks";
import { Field, TextField } from "../../../components/field";
import { FormAlerts } from "../../../components/form-alerts";
import { type FieldPlace, useFormSubmit } from "../../../components/form-problems";
import { api } from "../../../lib/api";
import { formatDay } from "../../../lib/format";
import { call } from "../../../lib/http";

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
  const locate = (path: string) => MILESTONE_PLACES[path] ?? null;
  const form = useFormSubmit(locate);
  const { sending, err } = form;

  async function submit() {
    clearDone();
    const messages: Record<string, string> = {};
    if (title.trim().length < 3) messages.title = "Name the milestone (at least 3 characters).";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn)) messages.dueOn = "Enter the date it is due.";
    await form.send(
      messages,
      () =>
        call(
          api.challenges[":id"].milestones.$post({ param: { id: challengeId }, json: { title: title.trim(), dueOn } }),
        ),
      () => {
        onAdded(`Milestone “${title.trim()}” added, due ${formatDay(dueOn)}.`);
        setTitle("");
        setDueOn("");
      },
    );
  }

  return (
    <form class="inline-form" onSubmit={form.onSubmit(submit)} noValidate>
      <h4 id="add-milestone-heading" class="form-title">
        Add a milestone
      </h4>
      <FormAlerts form={form} failureTitle="The milestone was not added" />
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
