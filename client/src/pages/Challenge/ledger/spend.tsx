import { useEffect, useRef, useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { TextAreaField } from "../../../components/field";
import { StatusBadge } from "../../../components/ledger-table";
import { SubmitOrCancel } from "../../../components/submit-or-cancel";
import { api } from "../../../lib/api";
import { absoluteTime, formatDate, formatDay } from "../../../lib/format";
import { call, messageOf } from "../../../lib/http";
import { idempotentFailure, useIdempotencyKey } from "../../../lib/idempotency";
import { formatMoney } from "../../../lib/money";
import type { Challenge, ChallengeLedger, SpendReport } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import { SpendForm } from "./spend-form";

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
