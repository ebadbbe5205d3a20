import { errorId, FieldError, TextField } from "../../components/field";
import { CONTRIBUTION_LABELS, CONTRIBUTION_TYPES } from "../../lib/credit-words";
import type { ContributionType } from "../../lib/types";

export interface Dimension {
  id: string;
  name: string;
  description: string;
  contributionTypes: ContributionType[];
}

export interface Row extends Dimension {
  key: number;
}

export const MAX_DIMENSIONS = 10;
export const field = (key: number, part: string) => `dimension-${key}-${part}`;
/** The first checkbox stands for the group: the error summary links to it. */
export const typesField = (key: number) => field(key, `type-${CONTRIBUTION_TYPES[0]}`);

/** One dimension of the career framework: its name, id, description and the contribution types that evidence it. */
export function DimensionRow({
  row: r,
  index: i,
  count,
  owners,
  err,
  setRow,
  toggle,
  move,
  removeRow,
}: {
  row: Row;
  index: number;
  /** How many dimensions there are, so the first cannot move up and the last not down. */
  count: number;
  /** The dimensions each contribution type is ticked in. */
  owners: Map<ContributionType, Row[]>;
  err: (fieldId: string) => string | undefined;
  setRow: (key: number, changes: Partial<Row>) => void;
  toggle: (key: number, type: ContributionType, on: boolean) => void;
  move: (index: number, by: -1 | 1) => void;
  removeRow: (index: number) => void;
}) {
  const n = `Dimension ${i + 1}`;
  const typesError = err(typesField(r.key));
  return (
    <fieldset key={r.key} class="row-card">
      <legend class="row-card-title">
        {n}
        {r.name.trim() ? `: ${r.name.trim()}` : ""}
      </legend>
      <div class="row-grid roomy">
        <TextField
          id={field(r.key, "name")}
          label={`${n} name`}
          maxLength={60}
          autoComplete="off"
          value={r.name}
          onInput={(name) => setRow(r.key, { name })}
          error={err(field(r.key, "name"))}
        />
        <TextField
          id={field(r.key, "id")}
          label={`${n} id`}
          hint={r.id ? "Impact packets and the API name it by this" : "Made from the name when saved"}
          maxLength={40}
          autoComplete="off"
          value={r.id}
          onInput={(id) => setRow(r.key, { id })}
          error={err(field(r.key, "id"))}
        />
        <TextField
          id={field(r.key, "description")}
          label={`${n} description`}
          maxLength={500}
          value={r.description}
          onInput={(description) => setRow(r.key, { description })}
          error={err(field(r.key, "description"))}
          class="field wide"
        />
      </div>
      <fieldset class="form-section" aria-describedby={typesError ? errorId(typesField(r.key)) : undefined}>
        <legend class="small">{n}: contribution types that evidence it</legend>
        <FieldError fieldId={typesField(r.key)} message={typesError} />
        <div class="row-grid roomy check-grid">
          {CONTRIBUTION_TYPES.map((t) => {
            const others = (owners.get(t) ?? []).filter((o) => o.key !== r.key);
            const id = field(r.key, `type-${t}`);
            return (
              <label key={t} class="check" for={id}>
                <input
                  id={id}
                  type="checkbox"
                  checked={r.contributionTypes.includes(t)}
                  aria-invalid={typesError && id === typesField(r.key) ? "true" : undefined}
                  onChange={(e) => toggle(r.key, t, e.currentTarget.checked)}
                />
                <span>
                  {CONTRIBUTION_LABELS[t]}
                  {others.length > 0 && r.contributionTypes.includes(t) && (
                    <span class="field-error">
                      {" "}
                      (also ticked in {others.map((o) => o.name || "another").join(", ")})
                    </span>
                  )}
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <div class="button-row">
        <button
          id={field(r.key, "move-up")}
          type="button"
          class="button button-ghost button-small"
          disabled={i === 0}
          onClick={() => move(i, -1)}
        >
          Move {n.toLowerCase()} up
        </button>
        <button
          id={field(r.key, "move-down")}
          type="button"
          class="button button-ghost button-small"
          disabled={i === count - 1}
          onClick={() => move(i, 1)}
        >
          Move {n.toLowerCase()} down
        </button>
        <button
          type="button"
          class="button button-ghost button-small"
          disabled={count === 1}
          onClick={() => removeRow(i)}
        >
          Remove {n.toLowerCase()}
        </button>
      </div>
    </fieldset>
  );
}
