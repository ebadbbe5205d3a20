import { useEffect, useRef, useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { ErrorSummary } from "../../../components/error-summary";
import { Field, TextAreaField } from "../../../components/field";
import { problemsFrom, useFormProblems } from "../../../components/form-problems";
import { api } from "../../../lib/api";
import { outcomeLabel } from "../../../lib/credit-words";
import { todayIso } from "../../../lib/format";
import { call } from "../../../lib/http";
import type { Challenge, Decision, DecisionOutcome, Team } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import type { Loaded } from "../../../lib/use-resource";

import { CommitmentRows } from "./commitment-rows";
import { type CommitmentRow, commitmentField, decisionProblems, locateDecisionField } from "./decide-rules";
import { DecisionChoice } from "./decision-choice";

/** Scale, iterate or stop, with the rationale, the next gate and the commitments (SPEC §8). */
export function DecideForm({
  challenge: ch,
  team,
  onDecided,
  clearDone,
}: {
  challenge: Challenge;
  team: Loaded<Team>;
  onDecided: (d: Decision) => void;
  clearDone: () => void;
}) {
  const [decision, setDecision] = useState<"" | DecisionOutcome>("");
  const [rationale, setRationale] = useState("");
  const [nextGate, setNextGate] = useState("");
  const [rows, setRows] = useState<CommitmentRow[]>([]);
  const [confirming, setConfirming] = useState(false);
  const { busy: sending, run } = useAction();
  const nextKey = useRef(1);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const locate = (path: string) => locateDecisionField(path, rows);

  function setRow(key: number, changes: Partial<CommitmentRow>) {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...changes } : r)));
  }
  function addRow() {
    const key = nextKey.current++;
    setRows((all) => [...all, { key, what: "", ownerId: "", due: "" }]);
    requestAnimationFrame(() => document.getElementById(commitmentField(key, "what"))?.focus());
  }
  function removeRow(index: number) {
    const remaining = rows.filter((_, i) => i !== index);
    setRows(remaining);
    const neighbour = remaining[index] ?? remaining[index - 1];
    requestAnimationFrame(() =>
      document.getElementById(neighbour ? commitmentField(neighbour.key, "what") : "add-commitment")?.focus(),
    );
  }

  function check(): boolean {
    const messages = decisionProblems({ decision, rationale, nextGate, rows });
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locate));
      return false;
    }
    return true;
  }

  async function send() {
    if (sending || !decision) return;
    setConfirming(false);
    clearFailure();
    await run(
      async () => {
        const made = await call(
          api.challenges[":id"].decision.$post({
            param: { id: ch.id },
            json: {
              decision,
              rationale: rationale.trim(),
              nextGateOn: nextGate || null,
              commitments: rows.map((r) => ({ what: r.what.trim(), ownerId: r.ownerId, due: r.due })),
            },
          }),
        );
        clearProblems();
        onDecided(made);
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
  }

  function submit(event: Event) {
    event.preventDefault();
    clearDone();
    if (!check()) return;
    if (decision === "iterate") send();
    else setConfirming(true);
  }

  return (
    <form class="inline-form flush-top" aria-labelledby="decide-heading" onSubmit={submit} noValidate>
      <h3 id="decide-heading" class="form-title">
        Decide
      </h3>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The decision was not recorded">{failure}</Alert>}
      <DecisionChoice
        decision={decision}
        error={err("decision-scale")}
        onChange={(value) => {
          setDecision(value);
          setConfirming(false);
        }}
      />
      <TextAreaField
        id="decision-rationale"
        label="Rationale"
        hint="Why: the team reads this, and it goes into their portfolios."
        maxLength={20_000}
        value={rationale}
        onInput={setRationale}
        error={err("decision-rationale")}
      />
      <Field
        id="decision-next-gate"
        label="Next gate"
        hint="Optional: when this is looked at again."
        error={err("decision-next-gate")}
        class="field short-field"
      >
        {(control) => (
          <input
            {...control}
            type="date"
            min={todayIso()}
            value={nextGate}
            onInput={(e) => setNextGate(e.currentTarget.value)}
          />
        )}
      </Field>
      <CommitmentRows
        challenge={ch}
        team={team}
        rows={rows}
        setRow={setRow}
        addRow={addRow}
        removeRow={removeRow}
        err={err}
      />
      <button
        type="submit"
        class="button"
        disabled={sending}
        aria-expanded={decision && decision !== "iterate" ? (confirming ? "true" : "false") : undefined}
      >
        {sending ? "Recording…" : "Record decision"}
      </button>
      {confirming && (
        <div class="confirm-box">
          <p>
            <strong>Record “{outcomeLabel(decision)}”?</strong> The challenge moves to reviewed and the unspent money
            returns to its sponsors' budgets. This cannot be undone.
          </p>
          <div class="button-row">
            <button ref={confirmRef} type="button" class="button" disabled={sending} onClick={send}>
              Yes, record the decision
            </button>
            <button type="button" class="button button-secondary" onClick={() => setConfirming(false)}>
              Go back
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
