import { Alert, Loading } from "../../../components/alert";
import { LedgerTable } from "../../../components/ledger-table";
import { StackedBar } from "../../../components/stacked-bar";
import { formatMoney } from "../../../lib/money";
import type { Challenge, ChallengeLedger } from "../../../lib/types";
import type { Loaded } from "../../../lib/use-resource";
import { PledgeTable } from "./pledge-table";

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
