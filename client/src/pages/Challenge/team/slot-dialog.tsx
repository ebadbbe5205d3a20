import { useRef, useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { ErrorSummary } from "../../../components/error-summary";
import { FieldError, fieldAria, NamedOptions, SelectField, TextField } from "../../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../../components/form-problems";
import { ModalDialog } from "../../../components/modal-dialog";
import { SubmitOrCancel } from "../../../components/submit-or-cancel";
import { api } from "../../../lib/api";
import { splitList } from "../../../lib/format";
import { call } from "../../../lib/http";
import type { Challenge, Slot, Team } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import { activeDisciplines, disciplineName } from "../../../state/org";

const PLACES: Record<string, FieldPlace> = {
  discipline: { fieldId: "slot-discipline", label: "Discipline" },
  count: { fieldId: "slot-count", label: "Seats" },
  skills: { fieldId: "slot-skills", label: "Skills" },
  commitmentPercent: { fieldId: "slot-commitment", label: "Commitment %" },
  required: { fieldId: "slot-required", label: "Required role" },
};
const locate = (path: string) => PLACES[path.split(".")[0] ?? ""] ?? null;

/** A whole number typed into a text box, or null. */
function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/**
 * Adds a role slot, or edits one (`state.slot`), in a dialog: discipline, seats, skills, the
 * commitment asked of each member, and whether the team can start without it.
 */
export function SlotDialog({
  challenge: ch,
  state,
  onClose,
  onSaved,
}: {
  challenge: Challenge;
  /** Open with the slot to edit, or `{ slot: null }` to add one; null while closed. */
  state: { slot: Slot | null } | null;
  onClose: () => void;
  onSaved: (team: Team, words: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const last = useRef(state);
  if (state) last.current = state;
  const editing = last.current?.slot;
  return (
    <ModalDialog
      open={state !== null}
      onClose={onClose}
      title={editing ? `Edit the ${disciplineName(editing.discipline)} slot` : "Add role slot"}
      busy={busy}
      fallbackFocus={() => document.getElementById("team-heading")}
    >
      {state && <SlotForm challenge={ch} slot={state.slot} onBusy={setBusy} onCancel={onClose} onSaved={onSaved} />}
    </ModalDialog>
  );
}

function SlotForm({
  challenge: ch,
  slot,
  onBusy,
  onCancel,
  onSaved,
}: {
  challenge: Challenge;
  slot: Slot | null;
  onBusy: (busy: boolean) => void;
  onCancel: () => void;
  onSaved: (team: Team, words: string) => void;
}) {
  const [discipline, setDiscipline] = useState(slot?.discipline ?? "");
  const [count, setCount] = useState(String(slot?.count ?? 1));
  const [skills, setSkills] = useState(slot?.skills.join(", ") ?? "");
  const [commitment, setCommitment] = useState(slot ? String(slot.commitmentPercent) : "");
  const [required, setRequired] = useState(slot?.required ?? false);
  const { busy: sending, run } = useAction();
  const { problems, failure, attempt, err, fail, failWith, clearFailure } = useFormProblems();

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    const messages: Record<string, string> = {};
    const seats = wholeNumber(count);
    const percent = wholeNumber(commitment);
    if (!discipline) messages.discipline = "Choose a discipline.";
    if (seats === null || seats < 1 || seats > 20) messages.count = "Enter a whole number of people from 1 to 20.";
    else if (slot && seats < slot.filled) {
      messages.count = `${slot.filled} people hold seats in it; release one before lowering the seats below that.`;
    }
    if (percent === null || percent < 5 || percent > 100) {
      messages.commitmentPercent = "Enter a whole percentage from 5 to 100.";
    }
    if (Object.keys(messages).length || seats === null || percent === null) {
      fail(problemsFrom(messages, locate));
      return;
    }
    const body = { discipline, count: seats, skills: splitList(skills), commitmentPercent: percent, required };
    onBusy(true);
    clearFailure();
    await run(
      async () => {
        const name = disciplineName(discipline);
        if (slot) {
          // Only what changed, so an unchanged discipline never trips the "has members" rule.
          const changes: Partial<typeof body> = {};
          if (discipline !== slot.discipline) changes.discipline = discipline;
          if (seats !== slot.count) changes.count = seats;
          if (body.skills.join("\n") !== slot.skills.join("\n")) changes.skills = body.skills;
          if (percent !== slot.commitmentPercent) changes.commitmentPercent = percent;
          if (required !== slot.required) changes.required = required;
          if (Object.keys(changes).length === 0) {
            onCancel();
            return;
          }
          const team = await call(
            api.challenges[":id"].slots[":slotId"].$patch({ param: { id: ch.id, slotId: slot.id }, json: changes }),
          );
          onSaved(team, `The ${name} slot is saved.`);
        } else {
          const team = await call(api.challenges[":id"].slots.$post({ param: { id: ch.id }, json: body }));
          onSaved(team, `A ${name} role slot is added.`);
        }
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
    onBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title={slot ? "The slot was not saved" : "The slot was not added"}>{failure}</Alert>}
      <div class="row-grid">
        <SelectField
          id="slot-discipline"
          label="Discipline"
          value={discipline}
          onChange={setDiscipline}
          error={err("slot-discipline")}
        >
          <option value="">Choose…</option>
          <NamedOptions items={activeDisciplines()} keep={discipline || undefined} />
        </SelectField>
        <TextField
          id="slot-count"
          label="Seats"
          hint="How many people"
          inputMode="numeric"
          autoComplete="off"
          value={count}
          onInput={setCount}
          error={err("slot-count")}
        />
        <TextField
          id="slot-commitment"
          label="Commitment %"
          hint="Of each member's time"
          inputMode="numeric"
          autoComplete="off"
          value={commitment}
          onInput={setCommitment}
          error={err("slot-commitment")}
        />
        <TextField
          id="slot-skills"
          label="Skills"
          hint="Comma-separated, e.g. spark, sql"
          autoComplete="off"
          class="field wide"
          value={skills}
          onInput={setSkills}
          error={err("slot-skills")}
        />
        <div class="field wide">
          <label class="check">
            <input
              id="slot-required"
              {...fieldAria("slot-required", err("slot-required"))}
              type="checkbox"
              checked={required}
              onChange={(e) => setRequired(e.currentTarget.checked)}
            />
            <span>Required role: the team cannot start without it</span>
          </label>
          <FieldError fieldId="slot-required" message={err("slot-required")} />
        </div>
      </div>
      <SubmitOrCancel label={slot ? "Save slot" : "Add slot"} busyLabel="Saving…" busy={sending} onCancel={onCancel} />
    </form>
  );
}
