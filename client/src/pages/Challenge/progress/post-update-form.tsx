import { useRef, useState } from "preact/hooks";
import { Field, SelectField, TextAreaField, TextField } from "../../../components/field";
import { FormAlerts } from "../../../components/form-alerts";
import { type FieldPlace, useFormSubmit } from "../../../components/form-problems";
import { api } from "../../../lib/api";
import { parseNumber, todayIso } from "../../../lib/format";
import { call } from "../../../lib/http";
import type { Challenge, Update } from "../../../lib/types";

const MAX_CHECKINS = 10;

interface CheckinRow {
  key: number;
  kpiId: string;
  value: string;
  measuredOn: string;
}

const checkinField = (key: number, part: "kpi" | "value" | "on") => `checkin-${key}-${part}`;

export function PostUpdateForm({
  challenge: ch,
  onPosted,
  clearDone,
}: {
  challenge: Challenge;
  onPosted: (update: Update) => void;
  clearDone: () => void;
}) {
  const [body, setBody] = useState("");
  const [rows, setRows] = useState<CheckinRow[]>([]);
  const nextKey = useRef(1);

  function locate(path: string): FieldPlace | null {
    if (path === "body") return { fieldId: "update-body", label: "Update" };
    const match = /^checkins\.(\d+)\.(kpiId|value|measuredOn)/.exec(path);
    const row = match ? rows[Number(match[1])] : undefined;
    if (!match || !row) return path.startsWith("checkins") ? { fieldId: "add-checkin", label: "Check-ins" } : null;
    const n = Number(match[1]) + 1;
    if (match[2] === "kpiId") return { fieldId: checkinField(row.key, "kpi"), label: `Check-in ${n} KPI` };
    if (match[2] === "value") return { fieldId: checkinField(row.key, "value"), label: `Check-in ${n} value` };
    return { fieldId: checkinField(row.key, "on"), label: `Check-in ${n} date` };
  }
  const form = useFormSubmit(locate);
  const { sending, err } = form;

  function setRow(key: number, changes: Partial<CheckinRow>) {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...changes } : r)));
  }

  function addRow() {
    const key = nextKey.current++;
    setRows((all) => [
      ...all,
      { key, kpiId: ch.kpis.length === 1 ? (ch.kpis[0]?.id ?? "") : "", value: "", measuredOn: todayIso() },
    ]);
    requestAnimationFrame(() => document.getElementById(checkinField(key, "kpi"))?.focus());
  }

  function removeRow(index: number) {
    const remaining = rows.filter((_, i) => i !== index);
    setRows(remaining);
    const neighbour = remaining[index] ?? remaining[index - 1];
    requestAnimationFrame(() =>
      document.getElementById(neighbour ? checkinField(neighbour.key, "kpi") : "add-checkin")?.focus(),
    );
  }

  async function submit() {
    clearDone();
    const messages: Record<string, string> = {};
    if (!body.trim()) messages.body = "Write the update: what moved, what is blocked, what comes next.";
    const checkins = rows.map((r, i) => {
      const value = parseNumber(r.value);
      if (!r.kpiId) messages[`checkins.${i}.kpiId`] = "Choose the KPI this value measures.";
      if (value === null) messages[`checkins.${i}.value`] = "Enter a number, like 24 or 3.5.";
      if (!/^\d{4}-\d{2}-\d{2}$/.test(r.measuredOn))
        messages[`checkins.${i}.measuredOn`] = "Enter the date it was measured.";
      else if (r.measuredOn > todayIso())
        messages[`checkins.${i}.measuredOn`] = "Report a value already measured, not ahead.";
      return { kpiId: r.kpiId, value: value ?? 0, measuredOn: r.measuredOn };
    });
    await form.send(
      messages,
      () => call(api.challenges[":id"].updates.$post({ param: { id: ch.id }, json: { body: body.trim(), checkins } })),
      (update) => {
        setBody("");
        setRows([]);
        onPosted(update);
      },
    );
  }

  return (
    <form class="inline-form" onSubmit={form.onSubmit(submit)} noValidate>
      <h4 id="post-update-heading" class="form-title">
        Post an update
      </h4>
      <FormAlerts form={form} failureTitle="Your update was not posted" />
      <TextAreaField
        id="update-body"
        label="Update"
        hint="Markdown. What moved, what is blocked, what comes next."
        maxLength={20_000}
        value={body}
        onInput={setBody}
        error={err("update-body")}
      />
      {rows.map((r, i) => (
        <fieldset key={r.key} class="row-card checkin-row">
          <legend class="row-card-title">Check-in {i + 1}</legend>
          <div class="row-grid">
            <SelectField
              id={checkinField(r.key, "kpi")}
              label="Check-in KPI"
              value={r.kpiId}
              onChange={(kpiId) => setRow(r.key, { kpiId })}
              error={err(checkinField(r.key, "kpi"))}
              class="field wide"
            >
              <option value="">Choose…</option>
              {ch.kpis.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name}
                  {k.unit ? ` (${k.unit})` : ""}
                </option>
              ))}
            </SelectField>
            <TextField
              id={checkinField(r.key, "value")}
              label="Value"
              inputMode="decimal"
              autoComplete="off"
              value={r.value}
              onInput={(value) => setRow(r.key, { value })}
              error={err(checkinField(r.key, "value"))}
            />
            <Field id={checkinField(r.key, "on")} label="Measured on" error={err(checkinField(r.key, "on"))}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  max={todayIso()}
                  value={r.measuredOn}
                  onInput={(e) => setRow(r.key, { measuredOn: e.currentTarget.value })}
                />
              )}
            </Field>
          </div>
          <button type="button" class="button button-ghost button-small" onClick={() => removeRow(i)}>
            Remove check-in {i + 1}
          </button>
        </fieldset>
      ))}
      <div class="button-row">
        {ch.kpis.length > 0 && rows.length < MAX_CHECKINS && (
          <button id="add-checkin" type="button" class="button button-secondary button-small" onClick={addRow}>
            Add a KPI check-in
          </button>
        )}
        <button type="submit" class="button" disabled={sending}>
          {sending ? "Posting…" : "Post update"}
        </button>
      </div>
    </form>
  );
}
