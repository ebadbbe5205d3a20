import { useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { ErrorSummary } from "../../../components/error-summary";
import { TextField } from "../../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../../components/form-problems";
import { api } from "../../../lib/api";
import { ApiError, call } from "../../../lib/http";
import { useAction } from "../../../lib/use-action";
import type { Discipline } from "./disciplines";

/** A slug the API accepts for a discipline (a lower-case letter, then letters, digits, - and _), from its name. */
export function disciplineId(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+|-+$/g, "")
    .slice(0, 40);
}

const ADD_PLACES: Record<string, FieldPlace> = {
  name: { fieldId: "discipline-new-name", label: "Discipline name" },
  id: { fieldId: "discipline-new-id", label: "Discipline id" },
};
const addPlace = (path: string) => ADD_PLACES[path] ?? null;

export function AddDisciplineForm({ onAdded }: { onAdded: (d: Discipline) => void }) {
  const [name, setName] = useState("");
  const [id, setId] = useState("");
  const [idEdited, setIdEdited] = useState(false);
  const { busy: sending, run } = useAction();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();
  const shownId = idEdited ? id : disciplineId(name);

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    const messages: Record<string, string> = {};
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 60) messages.name = "Name the discipline (2 to 60 characters).";
    if (!/^[a-z][a-z0-9_-]{1,39}$/.test(shownId.trim()))
      messages.id = "2 to 40 characters: a lower-case letter, then lower-case letters, digits, _ and -.";
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, addPlace));
      return;
    }
    clearFailure();
    await run(
      async () => {
        const added = await call(api.admin.disciplines.$post({ json: { id: shownId.trim(), name: trimmed } }));
        clearProblems();
        setName("");
        setId("");
        setIdEdited(false);
        onAdded(added);
      },
      {
        fail: (error) => {
          if (error instanceof ApiError && error.code === "duplicate")
            fail(problemsFrom({ name: error.message }, addPlace));
          else failWith(error, (fields) => problemsFrom(fields, addPlace));
        },
      },
    );
  }

  return (
    <form class="form-section" onSubmit={submit} noValidate aria-labelledby="add-discipline-heading">
      <h3 id="add-discipline-heading">Add a discipline</h3>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The discipline was not added">{failure}</Alert>}
      <div class="row-grid">
        <TextField
          id="discipline-new-name"
          label="Discipline name"
          hint="As people see it, e.g. Data science"
          maxLength={60}
          autoComplete="off"
          value={name}
          onInput={setName}
          error={err("discipline-new-name")}
        />
        <TextField
          id="discipline-new-id"
          label="Discipline id"
          hint="Made from the name; used in CSV imports and the API"
          maxLength={40}
          autoComplete="off"
          value={shownId}
          onInput={(v) => {
            setIdEdited(true);
            setId(v);
          }}
          error={err("discipline-new-id")}
        />
      </div>
      <button type="submit" class="button" disabled={sending}>
        {sending ? "Adding…" : "Add discipline"}
      </button>
    </form>
  );
}
