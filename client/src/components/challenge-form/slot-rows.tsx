import { FieldError, NamedOptions, SelectField, TextField } from "../field";
import { type FieldProps, type SlotPart, slotFieldId, TOP_FIELDS } from "./fields";
import { MAX_SLOTS, type SlotRow } from "./state";

/** The role slots: discipline, seats, commitment, skills and whether the role is required. */
export function SlotRows({
  slots,
  slotField,
  setSlot,
  addSlot,
  removeSlot,
  err,
  disciplines,
}: {
  slots: SlotRow[];
  slotField: (i: number, part: SlotPart) => FieldProps;
  setSlot: (index: number, changes: Partial<SlotRow>) => void;
  addSlot: () => void;
  removeSlot: (index: number) => void;
  err: (fieldId: string) => string | undefined;
  disciplines: readonly { id: string; name: string }[];
}) {
  return (
    <fieldset>
      <legend>Team: role slots</legend>
      <p class="hint">
        The disciplines this challenge needs, so the team is cross-functional by design. At most {MAX_SLOTS}.
      </p>
      {slots.map((s, i) => (
        <fieldset class="row-card" key={s.key}>
          <legend class="row-card-title">Role {i + 1}</legend>
          <div class="row-grid">
            <SelectField
              {...slotField(i, "discipline")}
              value={s.discipline}
              onChange={(v) => setSlot(i, { discipline: v })}
            >
              <option value="">Choose…</option>
              <NamedOptions items={disciplines} keep={s.discipline} />
            </SelectField>
            <TextField
              {...slotField(i, "count")}
              value={s.count}
              onInput={(v) => setSlot(i, { count: v })}
              inputMode="numeric"
              autoComplete="off"
            />
            <TextField
              {...slotField(i, "commitmentPercent")}
              value={s.commitmentPercent}
              onInput={(v) => setSlot(i, { commitmentPercent: v })}
              inputMode="numeric"
              autoComplete="off"
            />
            <TextField
              {...slotField(i, "skills")}
              value={s.skills}
              onInput={(v) => setSlot(i, { skills: v })}
              hint="Comma-separated, e.g. spark, sql"
              autoComplete="off"
              class="field wide"
            />
            <div class="field">
              <label class="check">
                <input
                  id={slotFieldId(i, "required")}
                  type="checkbox"
                  checked={s.required}
                  onChange={(e) => setSlot(i, { required: e.currentTarget.checked })}
                />
                <span>
                  <span class="visually-hidden">Role {i + 1} </span>
                  <span class="cap">required</span>
                </span>
              </label>
            </div>
          </div>
          <button type="button" class="button button-danger button-small" onClick={() => removeSlot(i)}>
            Remove<span class="visually-hidden"> role {i + 1}</span>
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        id={TOP_FIELDS.slots[0]}
        class="button button-secondary"
        onClick={addSlot}
        aria-disabled={slots.length >= MAX_SLOTS ? "true" : undefined}
      >
        Add role slot
      </button>
      {slots.length >= MAX_SLOTS && <p class="hint">That is the most a challenge can have.</p>}
      <FieldError fieldId={TOP_FIELDS.slots[0]} message={err(TOP_FIELDS.slots[0])} />
    </fieldset>
  );
}
