import { Alert } from "../../../components/alert";
import { ApproveOrDecline, type Decision } from "../../../components/approve-or-decline";
import { StatusBadge } from "../../../components/ledger-table";
import { api } from "../../../lib/api";
import { absoluteTime, formatDate, formatDay } from "../../../lib/format";
import { call, messageOf } from "../../../lib/http";
import { idempotentFailure, useIdempotencyKey } from "../../../lib/idempotency";
import { formatMoney } from "../../../lib/money";
import type { Challenge, ChallengeLedger, SpendReport } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import { FormOpener } from "../form-opener";
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
      {ledger.viewer.canReportSpend && (
        <FormOpener label="Report spend">
          <SpendForm challenge={ch} ledger={ledger} onReported={onChanged} />
        </FormOpener>
      )}
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
  const { pending: busy, error, run, setError } = useAction<Decision>();
  const approveKey = useIdempotencyKey();
  const declineKey = useIdempotencyKey();

  async function decide(decision: Decision, note = "") {
    const key = decision === "approve" ? approveKey : declineKey;
    await run(
      async () => {
        await call(
          api.spends[":id"].decision.$post({
            param: { id: r.id },
            header: { "idempotency-key": key.current() },
            json: { decision, note },
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
        <ApproveOrDecline
          approveLabel="Approve"
          approveAriaLabel={`Approve spend: ${r.description}`}
          declineLabel="Decline"
          declineAriaLabel={`Decline spend: ${r.description}`}
          reason={{
            id: `decline-note-${r.id}`,
            label: "Reason for declining",
            hint: "The lead and the other sponsors see it.",
            maxLength: 1000,
            requiredMessage: "Say why the spend is declined.",
          }}
          busy={busy}
          onApprove={() => decide("approve")}
          onDecline={(note) => decide("decline", note)}
        />
      )}
    </li>
  );
}
