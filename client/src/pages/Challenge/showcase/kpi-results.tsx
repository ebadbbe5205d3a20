import { TextField } from "../../../components/field";
import { withUnit } from "../../../lib/format";
import type { Challenge } from "../../../lib/types";
import { actualField, type EditorState, noteField } from "./editor-state";

/** The actual value reached on each KPI, and a note on it. */
export function KpiResults({
  kpis,
  results,
  setResult,
  err,
}: {
  kpis: Challenge["kpis"];
  results: EditorState["results"];
  setResult: (kpiId: string, part: "actual" | "note", value: string) => void;
  err: (fieldId: string) => string | undefined;
}) {
  if (kpis.length === 0) return null;
  return (
    <fieldset>
      <legend>Results against the KPIs</legend>
      {kpis.map((k) => (
        <div key={k.id} class="row-grid roomy kpi-result-row">
          <TextField
            id={actualField(k.id)}
            label={`Actual ${k.name}`}
            hint={`Baseline ${withUnit(k.baseline, k.unit)}, target ${withUnit(k.target, k.unit)} (${k.direction === "up" ? "higher" : "lower"} is better).`}
            inputMode="decimal"
            autoComplete="off"
            value={results[k.id]?.actual ?? ""}
            onInput={(v) => setResult(k.id, "actual", v)}
            error={err(actualField(k.id))}
          />
          <TextField
            id={noteField(k.id)}
            label={`Note on ${k.name}`}
            maxLength={1000}
            autoComplete="off"
            value={results[k.id]?.note ?? ""}
            onInput={(v) => setResult(k.id, "note", v)}
            error={err(noteField(k.id))}
          />
        </div>
      ))}
    </fieldset>
  );
}
