import { useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { ErrorSummary } from "../../../components/error-summary";
import { Field, TextField } from "../../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../../components/form-problems";
import { api } from "../../../lib/api";
import { ApiError, call } from "../../../lib/http";
import type { Org } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import { OrgLoading, type OrgSectionProps, useNotice } from "./shared";

const wholeIn = (text: string, min: number, max: number) =>
  /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

const SETTINGS_PLACES: Record<string, FieldPlace> = {
  name: { fieldId: "settings-name", label: "Organisation name" },
  currency: { fieldId: "settings-currency", label: "Currency" },
  commitmentCapPercent: { fieldId: "settings-cap", label: "Commitment cap" },
  responseDeadlineDays: { fieldId: "settings-deadline", label: "Response deadline" },
};
const settingsPlace = (path: string) => SETTINGS_PLACES[path] ?? null;

/** The organisation's name, currency, commitment cap and response deadline (SPEC §2). */
export function SettingsSection(props: OrgSectionProps) {
  return (
    <section class="section-card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Organisation settings</h2>
      <OrgLoading {...props} />
      {props.org.status === "ready" && <SettingsForm org={props.org.value} onChanged={props.onChanged} />}
    </section>
  );
}

function SettingsForm({ org, onChanged }: { org: Org; onChanged: (org: Org) => void }) {
  const [name, setName] = useState(org.name);
  const [currency, setCurrency] = useState(org.currency);
  const [cap, setCap] = useState(String(org.commitmentCapPercent));
  const [days, setDays] = useState(String(org.responseDeadlineDays));
  const { busy: sending, run } = useAction();
  const [done, setDone] = useNotice();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    setDone("");
    const messages: Record<string, string> = {};
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 80) messages.name = "Between 2 and 80 characters.";
    if (!/^[A-Za-z]{3}$/.test(currency.trim())) messages.currency = "A three-letter ISO 4217 code, such as USD or EUR.";
    if (!wholeIn(cap, 10, 100)) messages.commitmentCapPercent = "A whole percent from 10 to 100.";
    if (!wholeIn(days, 1, 90)) messages.responseDeadlineDays = "A whole number of days from 1 to 90.";
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, settingsPlace));
      return;
    }
    const next = {
      name: trimmed,
      currency: currency.trim().toUpperCase(),
      commitmentCapPercent: Number(cap),
      responseDeadlineDays: Number(days),
    };
    // Only what changed: an unchanged currency must not trip the lock once money has moved.
    const patch = Object.fromEntries(Object.entries(next).filter(([k, v]) => org[k as keyof typeof next] !== v));
    clearProblems();
    clearFailure();
    if (Object.keys(patch).length === 0) {
      setDone("Nothing has changed, so there was nothing to save.");
      return;
    }
    await run(
      async () => {
        const saved = await call(api.admin.settings.$patch({ json: patch }));
        setCurrency(saved.currency);
        setDone("The settings are saved.");
        onChanged(saved);
      },
      {
        fail: (error) => {
          if (error instanceof ApiError && error.code === "currency_locked")
            fail(problemsFrom({ currency: error.message }, settingsPlace));
          else failWith(error, (fields) => problemsFrom(fields, settingsPlace));
        },
      },
    );
  }

  const percentField = (id: string, label: string, hint: string, value: string, set: (v: string) => void) => (
    <Field id={id} label={label} hint={hint} error={err(id)}>
      {(control) => (
        <span class="input-suffix">
          <input
            {...control}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={value}
            onInput={(e) => set(e.currentTarget.value)}
          />
          <span aria-hidden="true">{id === "settings-cap" ? "%" : "days"}</span>
        </span>
      )}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="settings-heading">
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The settings were not saved">{failure}</Alert>}
      <div class="row-grid">
        <TextField
          id="settings-name"
          label="Organisation name"
          maxLength={80}
          autoComplete="organization"
          value={name}
          onInput={setName}
          error={err("settings-name")}
          class="field wide"
        />
        <TextField
          id="settings-currency"
          label="Currency"
          hint="ISO 4217 code; fixed once money has moved"
          maxLength={3}
          autoComplete="off"
          value={currency}
          onInput={setCurrency}
          error={err("settings-currency")}
        />
        {percentField(
          "settings-cap",
          "Commitment cap (%)",
          "10–100; the most of their time anyone commits",
          cap,
          setCap,
        )}
        {percentField(
          "settings-deadline",
          "Response deadline (days)",
          "1–90; an open challenge with no pledge or reviewer response by then is overdue",
          days,
          setDays,
        )}
      </div>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      <button type="submit" class="button" disabled={sending}>
        {sending ? "Saving…" : "Save settings"}
      </button>
    </form>
  );
}
