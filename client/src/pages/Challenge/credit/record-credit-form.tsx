import { useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { ErrorSummary } from "../../../components/error-summary";
import { SelectField, TextAreaField, TextField } from "../../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../../components/form-problems";
import { api } from "../../../lib/api";
import { CONTRIBUTION_LABELS, CONTRIBUTION_TYPES, teamPeople } from "../../../lib/credit-words";
import { parseNumber } from "../../../lib/format";
import { call } from "../../../lib/http";
import type { Challenge, Contribution, ContributionType, Team } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import { me } from "../../../state/session";

const CREDIT_PLACES: Record<string, FieldPlace> = {
  personId: { fieldId: "credit-person", label: "Who" },
  type: { fieldId: "credit-type", label: "Contribution type" },
  description: { fieldId: "credit-description", label: "What was done" },
  hours: { fieldId: "credit-hours", label: "Hours" },
};
const locateCredit = (path: string) => CREDIT_PLACES[path] ?? null;

export function RecordCreditForm({
  challenge: ch,
  team,
  onRecorded,
  clearDone,
}: {
  challenge: Challenge;
  team: Team;
  onRecorded: (made: Contribution) => void;
  clearDone: () => void;
}) {
  const myId = me.value?.id ?? "";
  const people = teamPeople(team);
  const [personId, setPersonId] = useState(myId);
  const [type, setType] = useState<ContributionType | "">("");
  const [description, setDescription] = useState("");
  const [hours, setHours] = useState("");
  const { busy: sending, run } = useAction();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    clearDone();
    const messages: Record<string, string> = {};
    const parsedHours = hours.trim() ? parseNumber(hours) : null;
    if (!personId) messages.personId = "Choose who did it.";
    if (!type) messages.type = "Choose the kind of contribution.";
    if (description.trim().length < 5) messages.description = "Say what was done (at least 5 characters).";
    if (hours.trim() && (parsedHours === null || parsedHours <= 0 || parsedHours > 5000)) {
      messages.hours = "Enter hours as a number more than 0, like 6 or 2.5, or leave it empty.";
    }
    if (Object.keys(messages).length || !type) {
      fail(problemsFrom(messages, locateCredit));
      return;
    }
    clearFailure();
    await run(
      async () => {
        const made = await call(
          api.challenges[":id"].contributions.$post({
            param: { id: ch.id },
            json: { personId, type, description: description.trim(), hours: parsedHours },
          }),
        );
        clearProblems();
        setType("");
        setDescription("");
        setHours("");
        onRecorded(made);
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locateCredit));
        },
      },
    );
  }

  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <h3 id="record-credit-heading" class="form-title">
        Record credit
      </h3>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The credit was not recorded">{failure}</Alert>}
      <div class="row-grid roomy">
        <SelectField
          id="credit-person"
          label="Who"
          hint={personId && personId !== myId ? "It counts once they confirm it." : "Yours counts at once."}
          value={personId}
          onChange={setPersonId}
          error={err("credit-person")}
        >
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id === myId ? `${p.name} (you)` : p.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="credit-type"
          label="Contribution type"
          hint="After the CRediT taxonomy"
          value={type}
          onChange={(value) => setType(value as ContributionType | "")}
          error={err("credit-type")}
        >
          <option value="">Choose…</option>
          {CONTRIBUTION_TYPES.map((t) => (
            <option key={t} value={t}>
              {CONTRIBUTION_LABELS[t]}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        id="credit-description"
        label="What was done"
        hint="Concrete and checkable: what was done and what it changed. It is the evidence in promotion cases."
        maxLength={2000}
        value={description}
        onInput={setDescription}
        error={err("credit-description")}
      />
      <TextField
        id="credit-hours"
        label="Hours (optional)"
        class="field short-field"
        inputMode="decimal"
        autoComplete="off"
        value={hours}
        onInput={setHours}
        error={err("credit-hours")}
      />
      <button type="submit" class="button" disabled={sending}>
        {sending ? "Recording…" : "Record credit"}
      </button>
    </form>
  );
}
