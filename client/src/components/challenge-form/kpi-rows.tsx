import { errorId, FieldError, SelectField, TextField } from "../field";
import { type FieldProps, type KpiPart, TOP_FIELDS } from "./fields";
import { type KpiRow, MAX_KPIS } from "./state";

/** The KPI rows: name, unit, direction, baseline and target, with Add and Remove. */
export function KpiRows({
  kpis,
  kpiField,
  setKpi,
  addKpi,
  removeKpi,
  err,
}: {
  kpis: KpiRow[];
  kpiField: (i: number, part: KpiPart) => FieldProps;
  setKpi: (index: number, changes: Partial<KpiRow>) => void;
  addKpi: () => void;
  removeKpi: (index: number) => void;
  err: (fieldId: string) => string | undefined;
}) {
  return (
    <fieldset>
      <legend>Goals: KPIs</legend>
      <p class="hint">
        Measurable goals with a baseline and a target. Direction is up when higher is better, down when lower is better.
        At least one KPI is needed to publish; at most {MAX_KPIS}.
      </p>
      {kpis.map((k, i) => (
        <fieldset class="row-card" key={k.key}>
          <legend class="row-card-title">KPI {i + 1}</legend>
          <div class="row-grid">
            <TextField
              {...kpiField(i, "name")}
              value={k.name}
              onInput={(v) => setKpi(i, { name: v })}
              autoComplete="off"
              class="field wide"
            />
            <TextField
              {...kpiField(i, "unit")}
              value={k.unit}
              onInput={(v) => setKpi(i, { unit: v })}
              autoComplete="off"
            />
            <SelectField
              {...kpiField(i, "direction")}
              value={k.direction}
              onChange={(v) => setKpi(i, { direction: v as "up" | "down" })}
            >
              <option value="up">Up</option>
              <option value="down">Down</option>
            </SelectField>
            <TextField
              {...kpiField(i, "baseline")}
              value={k.baseline}
              onInput={(v) => setKpi(i, { baseline: v })}
              inputMode="decimal"
              autoComplete="off"
            />
            <TextField
              {...kpiField(i, "target")}
              value={k.target}
              onInput={(v) => setKpi(i, { target: v })}
              inputMode="decimal"
              autoComplete="off"
            />
          </div>
          <button type="button" class="button button-danger button-small" onClick={() => removeKpi(i)}>
            Remove<span class="visually-hidden"> KPI {i + 1}</span>
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        id={TOP_FIELDS.kpis[0]}
        class="button button-secondary"
        onClick={addKpi}
        aria-disabled={kpis.length >= MAX_KPIS ? "true" : undefined}
        aria-describedby={err(TOP_FIELDS.kpis[0]) ? errorId(TOP_FIELDS.kpis[0]) : undefined}
      >
        Add KPI
      </button>
      {kpis.length >= MAX_KPIS && <p class="hint">That is the most a challenge can have.</p>}
      <FieldError fieldId={TOP_FIELDS.kpis[0]} message={err(TOP_FIELDS.kpis[0])} />
    </fieldset>
  );
}
