import { useEffect, useRef, useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { StatusBadge } from "../../../components/ledger-table";
import { api } from "../../../lib/api";
import { absoluteTime, formatDate } from "../../../lib/format";
import { call } from "../../../lib/http";
import { formatMoney } from "../../../lib/money";
import type { Challenge, ChallengeLedger, Pledge } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import { me } from "../../../state/session";

export function PledgeTable({
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
