import { TextField } from "../../../components/field";
import { formatDay, withUnit } from "../../../lib/format";
import type { Challenge } from "../../../lib/types";
import { actualField, type CheckinPrefill, type EditorState, noteField } from "./editor-state";

const fromId = (kpiId: string) => `${actualField(kpiId)}-from`;

/**
 * The actual value reached on each KPI, and a note on it. An actual started from the KPI's latest
 * check-in says so while it still holds that value.
 */
export function KpiResults({
  kpis,
  results,
  prefilled,
  setResult,
  err,
}: {
  kpis: Challenge["kpis"];
  results: EditorState["results"];
  /** The check-ins the actual values were started from, by KPI id. */
  prefilled: Record<string, CheckinPrefill>;
  setResult: (kpiId: string, part: "actual" | "note", value: string) => void;
  err: (fieldId: string) => string | undefined;
}) {
  if (kpis.length === 0) return null;
  return (
    <fieldset>
      <legend>Results against the KPIs</legend>
      {kpis.map((k) => {
        const actual = results[k.id]?.actual ?? "";
        const from = prefilled[k.id];
        const fromCheckin = from && from.value === actual ? from : null;
        return (
          <div key={k.id} class="row-grid roomy kpi-result-row">
            <TextField
              id={actualField(k.id)}
              label={`Actual ${k.name}`}
              hint={`Baseline ${withUnit(k.baseline, k.unit)}, target ${withUnit(k.target, k.unit)} (${k.direction === "up" ? "higher" : "lower"} is better).`}
              describedBy={fromCheckin ? fromId(k.id) : undefined}
              inputMode="decimal"
              autoComplete="off"
              value={actual}
              onInput={(v) => setResult(k.id, "actual", v)}
              error={err(actualField(k.id))}
              after={
                fromCheckin && (
                  <p class="hint" id={fromId(k.id)}>
                    From the check-in of {formatDay(fromCheckin.measuredOn)}.
                  </p>
                )
              }
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
        );
      })}
    </fieldset>
  );
}
