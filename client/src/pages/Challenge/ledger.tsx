import { useEffect, useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { ErrorSummary } from "../../components/error-summary";
import { Field, TextAreaField, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { LedgerTable, StatusBadge } from "../../components/ledger-table";
import { StackedBar } from "../../components/stacked-bar";
import { SubmitOrCancel } from "../../components/submit-or-cancel";
import { api } from "../../lib/api";
import { absoluteTime, formatDate, formatDay, todayIso } from "../../lib/format";
import { call, messageOf } from "../../lib/http";
import { idempotentFailure, useIdempotencyKey } from "../../lib/idempotency";
import { formatMoney, parseMajorToMinor } from "../../lib/money";
import type { Challenge, ChallengeLedger, Pledge, SpendReport } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import type { Loaded } from "../../lib/use-resource";
import { me } from "../../state/session";

/**
 * The challenge's money in the open (SPEC §5): totals, a chart of where the pledged money stands,
 * the pledges, and every ledger entry. For the lead, the co-lead, sponsors and admins.
 */
export function LedgerSection({
  challenge: ch,
  loaded,
  onRetry,
  onChanged,
}: {
  challenge: Challenge;
  loaded: Loaded<ChallengeLedger | null>;
  onRetry: () => void;
  /** Money moved: read the challenge and its ledger again. */
  onChanged: () => void;
}) {
  return (
    <section class="section-card" aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">Ledger</h2>
      {loaded.status === "loading" && <Loading label="Loading the ledger…" />}
      {loaded.status === "error" && (
        <Alert title="The ledger could not be loaded" onRetry={onRetry}>
          {loaded.message}
        </Alert>
      )}
      {loaded.status === "ready" && loaded.value && (
        <LedgerBody challenge={ch} ledger={loaded.value} onChanged={onChanged} />
      )}
    </section>
  );
}

function LedgerBody({
  challenge: ch,
  ledger,
  onChanged,
}: {
  challenge: Challenge;
  ledger: ChallengeLedger;
  onChanged: () => void;
}) {
  const f = ledger.funding;
  const money = (minor: number) => formatMoney(minor, f.currency);
  const pending = Math.min(f.pendingSpend, f.unspent);
  return (
    <>
      <h3 class="visually-hidden">Totals</h3>
      <dl class="facts money-facts">
        <dt>Pledged</dt>
        <dd>{money(f.pledged)}</dd>
        <dt>Spent</dt>
        <dd>{money(f.spent)}</dd>
        <dt>Returned</dt>
        <dd>{money(f.returned)}</dd>
        <dt>Unspent</dt>
        <dd>{money(f.unspent)}</dd>
        <dt>Pending spend</dt>
        <dd>{money(f.pendingSpend)}</dd>
      </dl>
      {f.pledged > 0 ? (
        <StackedBar
          title={`Where the ${money(f.pledged)} pledged stands`}
          currency={f.currency}
          segments={[
            { label: "Spent", value: f.spent, tone: "spent" },
            { label: "Awaiting approval", value: pending, tone: "pending" },
            { label: "Available", value: f.unspent - pending, tone: "available" },
            { label: "Returned", value: f.returned, tone: "returned" },
          ]}
        />
      ) : (
        <p class="muted">Nothing is pledged yet.</p>
      )}
      <PledgeTable challenge={ch} ledger={ledger} onChanged={onChanged} />
      <h3>Entries</h3>
      {ledger.entries.length === 0 ? (
        <p class="muted">No money has moved yet: pledges, spend and returns appear here.</p>
      ) : (
        <LedgerTable
          entries={ledger.entries}
          view={{ of: "challenge", pledges: ledger.pledges }}
          currency={f.currency}
          caption="Every movement of this challenge's money, newest first"
        />
      )}
    </>
  );
}

function PledgeTable({
  challenge: ch,
  ledger,
  onChanged,
}: {
  challenge: Challenge;
  ledger: ChallengeLedger;
  onChanged: () => void;
}) {
  const [confirming, setConfirming] = useState<Pledge | null>(null);
  const { busy, error, run, setError } = useAction();
  const [done, setDone] = useState("");
  const confirmRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const myId = me.value?.id;
  const currency = ledger.funding.currency;
  const canWithdraw = (p: Pledge) => ch.stage === "open" && p.status === "active" && p.sponsor.id === myId;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function withdraw(pledge: Pledge) {
    await run(async () => {
      await call(api.pledges[":id"].$delete({ param: { id: pledge.id } }));
      setConfirming(null);
      setDone(
        `Your pledge of ${formatMoney(pledge.amount, currency)} is withdrawn; the money is back in your ${pledge.periodName} budget.`,
      );
      headingRef.current?.focus();
      onChanged();
    });
  }

  return (
    <>
      <h3 ref={headingRef} tabIndex={-1}>
        Pledges
      </h3>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {ledger.pledges.length === 0 ? (
        <p class="muted">No pledges yet.</p>
      ) : (
        <div class="table-wrap">
          <table class="table stackable">
            <caption class="visually-hidden">Pledges to this challenge</caption>
            <thead>
              <tr>
                <th scope="col">Sponsor</th>
                <th scope="col">Period</th>
                <th scope="col" class="num">
                  Amount
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {ledger.pledges.map((p) => (
                <tr key={p.id}>
                  <th scope="row" data-label="Sponsor">
                    <a href={`/people/${p.sponsor.id}`}>{p.sponsor.name}</a>
                  </th>
                  <td data-label="Period">{p.periodName}</td>
                  <td class="num" data-label="Amount">
                    {formatMoney(p.amount, currency)}
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={p.status} />{" "}
                    <time
                      class="muted"
                      dateTime={p.endedAt ?? p.createdAt}
                      title={absoluteTime(p.endedAt ?? p.createdAt)}
                    >
                      {formatDate(p.endedAt ?? p.createdAt)}
                    </time>
                  </td>
                  <td data-label={canWithdraw(p) ? "Actions" : ""}>
                    {canWithdraw(p) && (
                      <button
                        type="button"
                        class="button button-danger button-small"
                        aria-expanded={confirming?.id === p.id ? "true" : "false"}
                        disabled={busy}
                        onClick={() => {
                          setError(null);
                          setDone("");
                          setConfirming(p);
                        }}
                      >
                        Withdraw pledge
                        <span class="visually-hidden">
                          {` of ${formatMoney(p.amount, currency)} from ${p.periodName}`}
                        </span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && <Alert title="The pledge was not withdrawn">{error}</Alert>}
      {confirming && (
        <div class="confirm-box">
          <p>
            <strong>Withdraw your pledge of {formatMoney(confirming.amount, currency)}?</strong> The money goes back to
            your {confirming.periodName} budget, and the challenge needs it from someone else.
          </p>
          <div class="button-row">
            <button
              ref={confirmRef}
              type="button"
              class="button button-danger"
              disabled={busy}
              onClick={() => withdraw(confirming)}
            >
              {busy ? "Withdrawing…" : "Yes, withdraw it"}
            </button>
            <button type="button" class="button button-secondary" disabled={busy} onClick={() => setConfirming(null)}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </>
  );
}

/** Spend against the funding: the lead reports it, a sponsor approves or declines it. */
export function SpendSection({
  challenge: ch,
  ledger,
  onChanged,
}: {
  challenge: Challenge;
  ledger: ChallengeLedger;
  onChanged: () => void;
}) {
  const reports = [...ledger.spendReports].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const { currency } = ledger.funding;
  return (
    <section class="section-card" aria-labelledby="spend-heading">
      <h2 id="spend-heading">Spend reports</h2>
      {reports.length === 0 ? (
        <p class="muted">
          {ch.stage === "draft" || ch.stage === "open"
            ? "Spend is reported once the challenge is funded."
            : "No spend reported yet."}
        </p>
      ) : (
        <ul class="plain-list spend-list">
          {reports.map((r) => (
            <SpendItem
              key={r.id}
              report={r}
              currency={currency}
              canDecide={ledger.viewer.canDecideSpend}
              onDecided={onChanged}
            />
          ))}
        </ul>
      )}
      {ledger.viewer.canReportSpend && <SpendForm challenge={ch} ledger={ledger} onReported={onChanged} />}
    </section>
  );
}

function SpendItem({
  report: r,
  currency,
  canDecide,
  onDecided,
}: {
  report: SpendReport;
  currency: string;
  canDecide: boolean;
  onDecided: () => void;
}) {
  const [declining, setDeclining] = useState(false);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | undefined>();
  const { pending: busy, error, run, setError } = useAction<"approve" | "decline">();
  const approveKey = useIdempotencyKey();
  const declineKey = useIdempotencyKey();
  const noteRef = useRef<HTMLDivElement>(null);
  const noteId = `decline-note-${r.id}`;

  useEffect(() => {
    if (declining) noteRef.current?.querySelector("textarea")?.focus();
  }, [declining]);

  async function decide(decision: "approve" | "decline") {
    if (decision === "decline" && !note.trim()) {
      setNoteError("Say why the spend is declined.");
      noteRef.current?.querySelector("textarea")?.focus();
      return;
    }
    const key = decision === "approve" ? approveKey : declineKey;
    setNoteError(undefined);
    await run(
      async () => {
        await call(
          api.spends[":id"].decision.$post({
            param: { id: r.id },
            header: { "idempotency-key": key.current() },
            json: { decision, note: decision === "decline" ? note.trim() : "" },
          }),
        );
        key.settle();
        onDecided();
      },
      {
        tag: decision,
        fail: (err) => {
          key.settle(err);
          const words = idempotentFailure(err, decision === "approve" ? "Approve" : "Confirm decline");
          setError(words ?? messageOf(err));
        },
      },
    );
  }

  return (
    <li class="spend-item">
      <div class="cluster">
        <strong class="spend-amount">{formatMoney(r.amount, currency)}</strong>
        <StatusBadge status={r.status} />
      </div>
      <p class="spend-description">{r.description}</p>
      <p class="muted small">
        Spent on <time dateTime={r.spentOn}>{formatDay(r.spentOn)}</time>, reported by {r.reporter.name} on{" "}
        <time dateTime={r.createdAt} title={absoluteTime(r.createdAt)}>
          {formatDate(r.createdAt)}
        </time>
      </p>
      {r.decidedBy && r.decidedAt && (
        <p class="small">
          {r.status === "approved" ? "Approved" : "Declined"} by {r.decidedBy.name} on{" "}
          <time dateTime={r.decidedAt} title={absoluteTime(r.decidedAt)}>
            {formatDate(r.decidedAt)}
          </time>
          {r.decisionNote && <>: “{r.decisionNote}”</>}
        </p>
      )}
      {error && <Alert title="The decision was not recorded">{error}</Alert>}
      {canDecide && r.viewer.canDecide && (
        <>
          <div class="button-row">
            <button
              type="button"
              class="button button-small"
              aria-label={`Approve spend: ${r.description}`}
              disabled={busy !== null}
              onClick={() => decide("approve")}
            >
              {busy === "approve" ? "Approving…" : "Approve"}
            </button>
            <button
              type="button"
              class="button button-danger button-small"
              aria-label={`Decline spend: ${r.description}`}
              aria-expanded={declining ? "true" : "false"}
              disabled={busy !== null}
              onClick={() => setDeclining(true)}
            >
              Decline
            </button>
          </div>
          {declining && (
            <div class="confirm-box" ref={noteRef}>
              <TextAreaField
                id={noteId}
                label="Reason for declining"
                hint="The lead and the other sponsors see it."
                maxLength={1000}
                value={note}
                onInput={setNote}
                error={noteError}
              />
              <SubmitOrCancel
                label="Confirm decline"
                busyLabel={busy === "decline" ? "Declining…" : "Confirm decline"}
                busy={busy !== null}
                danger
                onSubmit={() => decide("decline")}
                onCancel={() => {
                  setDeclining(false);
                  setNoteError(undefined);
                }}
              />
            </div>
          )}
        </>
      )}
    </li>
  );
}

const SPEND_PLACES: Record<string, FieldPlace> = {
  amount: { fieldId: "spend-amount", label: "Spend amount" },
  description: { fieldId: "spend-description", label: "Description" },
  spentOn: { fieldId: "spend-on", label: "Spent on" },
};
const locateSpend = (path: string) => SPEND_PLACES[path] ?? null;

function SpendForm({
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
