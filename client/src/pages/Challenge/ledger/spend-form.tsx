import { useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { ErrorSummary } from "../../../components/error-summary";
import { Field, TextAreaField, TextField } from "../../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../../components/form-problems";
import { api } from "../../../lib/api";
import { todayIso } from "../../../lib/format";
import { call } from "../../../lib/http";
import { idempotentFailure, useIdempotencyKey } from "../../../lib/idempotency";
import { formatMoney, parseMajorToMinor } from "../../../lib/money";
import type { Challenge, ChallengeLedger } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";

const SPEND_PLACES: Record<string, FieldPlace> = {
  amount: { fieldId: "spend-amount", label: "Spend amount" },
  description: { fieldId: "spend-description", label: "Description" },
  spentOn: { fieldId: "spend-on", label: "Spent on" },
};
const locateSpend = (path: string) => SPEND_PLACES[path] ?? null;

export function SpendForm({
  challenge: ch,
  ledger,
  onReported,
}: {
  challenge: Challenge;
  ledger: ChallengeLedger;
  onReported: () => void;
}) {
  const [amount, setAmount] = useState("");
  const [description, setDescription] = useState("");
  const [spentOn, setSpentOn] = useState(todayIso);
  const { busy: sending, run } = useAction();
  const [done, setDone] = useState("");
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();
  const key = useIdempotencyKey();
  const { currency } = ledger.funding;
  const room = Math.max(0, ledger.funding.unspent - ledger.funding.pendingSpend);

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    const messages: Record<string, string> = {};
    const parsed = parseMajorToMinor(amount, { currency, required: true });
    if (!parsed.ok) messages.amount = parsed.message;
    else if (parsed.minor === 0) messages.amount = "Spend must be more than 0.";
    else if (parsed.minor !== null && parsed.minor > room) {
      messages.amount = `Only ${formatMoney(room, currency)} is unspent and not already awaiting approval.`;
    }
    if (description.trim().length < 3) messages.description = "Say what the money was spent on.";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(spentOn)) messages.spentOn = "Enter the date the money was spent.";
    else if (spentOn > todayIso()) messages.spentOn = "Report spend once it has happened, not ahead.";
    if (Object.keys(messages).length || !parsed.ok || parsed.minor === null) {
      setDone("");
      fail(problemsFrom(messages, locateSpend));
      return;
    }
    const spent = parsed.minor;
    setDone("");
    clearFailure();
    await run(
      async () => {
        const report = await call(
          api.challenges[":id"].spends.$post({
            param: { id: ch.id },
            header: { "idempotency-key": key.current() },
            json: { amount: spent, description: description.trim(), spentOn },
          }),
        );
        key.settle();
        clearProblems();
        setAmount("");
        setDescription("");
        setDone(`Spend of ${formatMoney(report.amount, currency)} reported. It counts once a sponsor approves it.`);
        onReported();
      },
      {
        fail: (error) => {
          key.settle(error);
          const words = idempotentFailure(error, "Report spend");
          if (words) fail(problemsFrom({}, locateSpend), words);
          else failWith(error, (fields) => problemsFrom(fields, locateSpend));
        },
      },
    );
  }

  return (
    <form class="spend-form" onSubmit={submit} noValidate aria-labelledby="report-spend-heading">
      <h3 id="report-spend-heading">Report spend</h3>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The spend was not reported">{failure}</Alert>}
      <div class="row-grid">
        <TextField
          id="spend-amount"
          label="Spend amount"
          hint={`Up to ${formatMoney(room, currency)}`}
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onInput={setAmount}
          error={err("spend-amount")}
        />
        <Field id="spend-on" label="Spent on" hint="The day it was paid" error={err("spend-on")}>
          {(control) => (
            <input
              {...control}
              type="date"
              max={todayIso()}
              value={spentOn}
              onInput={(e) => setSpentOn(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <TextAreaField
        id="spend-description"
        label="Description"
        hint="What the money bought, e.g. GPU hours for the benchmark runs."
        maxLength={1000}
        value={description}
        onInput={setDescription}
        error={err("spend-description")}
      />
      <button type="submit" class="button" disabled={sending}>
        {sending ? "Reporting…" : "Report spend"}
      </button>
    </form>
  );
}
