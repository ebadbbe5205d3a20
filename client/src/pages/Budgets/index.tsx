import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Alert, FailedPage, Loading } from "../../components/alert";
import { SelectField } from "../../components/field";
import { LedgerTable } from "../../components/ledger-table";
import { SkeletonCards } from "../../components/skeleton";
import { StackedBar } from "../../components/stacked-bar";
import { api } from "../../lib/api";
import { formatDay, plural } from "../../lib/format";
import { call } from "../../lib/http";
import { formatMoney } from "../../lib/money";
import type { Budget, BudgetPeriod } from "../../lib/types";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { hasRole } from "../../state/session";
import "./budgets.css";

/** The period filter's value for every period at once. */
const ALL = "all";

export default function Budgets() {
  useTitle("Budgets");
  const admin = hasRole("admin");
  if (!admin && !hasRole("sponsor")) {
    return (
      <div class="page narrow">
        <h1>Budgets</h1>
        <Alert kind="info" title="Only sponsors and admins have budgets">
          Sponsors fund challenges from a budget an admin allocates each period. <a href="/">Back to the marketplace</a>
          .
        </Alert>
      </div>
    );
  }
  return <BudgetsPage admin={admin} />;
}

function BudgetsPage({ admin }: { admin: boolean }) {
  const periods = useResource(() => call(api["budget-periods"].$get()), "periods");

  if (periods.loaded.status === "loading") {
    return (
      <div class="page">
        <h1>Budgets</h1>
        <Loading label="Loading budget periods…" />
      </div>
    );
  }
  if (periods.loaded.status === "error") {
    return (
      <FailedPage title="Budgets could not be loaded" onRetry={periods.reload}>
        {periods.loaded.message}
      </FailedPage>
    );
  }
  return <BudgetsForPeriods admin={admin} periods={periods.loaded.value.items} />;
}

function BudgetsForPeriods({ admin, periods }: { admin: boolean; periods: BudgetPeriod[] }) {
  const { query, route } = useLocation();
  const current = periods.find((p) => p.current);
  // Default: the current period; an unknown id in the URL falls back the same way.
  const chosen =
    query.period === ALL || periods.some((p) => p.id === query.period) ? query.period : (current?.id ?? ALL);
  const period = periods.find((p) => p.id === chosen);
  const budgets = useResource(
    () => call(api.budgets.$get({ query: chosen === ALL ? {} : { periodId: chosen } })),
    `budgets:${chosen}`,
  );

  return (
    <div class="page">
      <div class="page-header">
        <h1>Budgets</h1>
        {admin && (
          <a class="button button-secondary" href="/admin/budgets#allocate-heading">
            Allocate a budget
          </a>
        )}
      </div>
      <p class="muted">
        {admin
          ? "Every sponsor's budgets. Each figure is derived from the ledger: allocations, pledges, withdrawals and returns."
          : "Your budgets. Each figure is derived from the ledger: allocations, pledges, withdrawals and returns."}
      </p>

      {periods.length === 0 ? (
        <div class="empty-state">
          <p>There are no budget periods yet.</p>
          {admin && <a href="/admin/budgets#periods-heading">Create the first period on the Admin page</a>}
        </div>
      ) : (
        <>
          <div class="filters budget-filters">
            <SelectField
              id="budget-period"
              label="Period"
              value={chosen}
              onChange={(value) => route(`/budgets?period=${encodeURIComponent(value)}`, true)}
            >
              {periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.current ? `${p.name} (current)` : p.name}
                </option>
              ))}
              <option value={ALL}>All periods</option>
            </SelectField>
          </div>
          <p class="status-line" role="status">
            {budgets.loaded.status === "loading"
              ? "Loading budgets…"
              : budgets.loaded.status === "ready"
                ? `Showing ${plural(budgets.loaded.value.items.length, "budget")}${period ? ` in ${period.name}` : ""}.`
                : ""}
          </p>
          {budgets.loaded.status === "loading" && <SkeletonCards count={admin ? 4 : 1} />}
          {budgets.loaded.status === "error" && (
            <Alert title="Budgets could not be loaded" onRetry={budgets.reload}>
              {budgets.loaded.message}
            </Alert>
          )}
          {budgets.loaded.status === "ready" &&
            (budgets.loaded.value.items.length === 0 ? (
              <div class="empty-state">
                <p>
                  {admin
                    ? `No sponsor has a budget ${period ? `in ${period.name}` : "yet"}.`
                    : `You have no budget ${period ? `in ${period.name}` : "yet"}. An admin allocates each sponsor a budget per period.`}
                </p>
                {admin && <a href="/admin/budgets#allocate-heading">Allocate a budget on the Admin page</a>}
              </div>
            ) : (
              <BudgetGroups admin={admin} periods={periods} budgets={budgets.loaded.value.items} />
            ))}
        </>
      )}
    </div>
  );
}

/** Budgets under a heading per period, in the API's order (newest period first). */
function BudgetGroups({ admin, periods, budgets }: { admin: boolean; periods: BudgetPeriod[]; budgets: Budget[] }) {
  const groups = new Map<string, Budget[]>();
  for (const b of budgets) groups.set(b.period.id, [...(groups.get(b.period.id) ?? []), b]);
  return (
    <>
      {[...groups.entries()].map(([periodId, items]) => {
        const p = items[0].period;
        const currency = items[0].currency;
        const headingId = `period-${periodId}`;
        const total = (pick: (b: Budget) => number) => items.reduce((sum, b) => sum + pick(b), 0);
        const isCurrent = periods.find((x) => x.id === periodId)?.current;
        return (
          <section key={periodId} class="budget-group" aria-labelledby={headingId}>
            <h2 id={headingId}>
              {p.name}
              {isCurrent && (
                <>
                  {" "}
                  <span class="badge status-active">Current</span>
                </>
              )}
            </h2>
            <p class="muted small">
              <time dateTime={p.startsOn}>{formatDay(p.startsOn)}</time> to{" "}
              <time dateTime={p.endsOn}>{formatDay(p.endsOn)}</time>
              {admin &&
                items.length > 1 &&
                ` · ${plural(items.length, "sponsor")}: ${formatMoney(
                  total((b) => b.allocated),
                  currency,
                )} allocated, ${formatMoney(
                  total((b) => b.remaining),
                  currency,
                )} remaining`}
            </p>
            <ul class="plain-list budget-list">
              {items.map((b) => (
                <li key={b.id} class="budget-cell">
                  <BudgetCard
                    budget={b}
                    name={admin ? b.sponsor.name : `Your ${b.period.name} budget`}
                    // A sponsor reads their own few budgets' ledgers at once; an admin opens the one they want.
                    ledgerOpen={!admin}
                  />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

/** A budget across the page: its figures and chart side by side, then its ledger at full width. */
function BudgetCard({ budget: b, name, ledgerOpen }: { budget: Budget; name: string; ledgerOpen: boolean }) {
  const money = (minor: number) => formatMoney(minor, b.currency);
  const headingId = `budget-${b.id}`;
  return (
    <article class="card budget-card" aria-labelledby={headingId}>
      <h3 id={headingId} class="budget-card-title">
        {name}
      </h3>
      <div class="budget-summary">
        <dl class="facts money-facts">
          <dt>Allocated</dt>
          <dd>{money(b.allocated)}</dd>
          <dt>Pledged</dt>
          <dd>{money(b.pledged)}</dd>
          <dt>Spent</dt>
          <dd>{money(b.spent)}</dd>
          <dt>Returned</dt>
          <dd>{money(b.returned)}</dd>
          <dt>Remaining</dt>
          <dd>
            <strong>{money(b.remaining)}</strong>
          </dd>
        </dl>
        <StackedBar
          title={`${name}, ${money(b.allocated)} allocated`}
          currency={b.currency}
          segments={[
            { label: "Spent", value: b.spent, tone: "spent" },
            { label: "Pledged, not yet spent", value: b.pledged - b.returned - b.spent, tone: "committed" },
            { label: "Remaining", value: b.remaining, tone: "remaining" },
          ]}
        />
      </div>
      <BudgetLedger budget={b} name={name} initiallyOpen={ledgerOpen} />
    </article>
  );
}

/** The budget's own ledger, read the first time it is opened; each entry links to its challenge. */
function BudgetLedger({ budget, name, initiallyOpen }: { budget: Budget; name: string; initiallyOpen: boolean }) {
  const [opened, setOpened] = useState(initiallyOpen);
  return (
    <details class="budget-ledger" open={initiallyOpen} onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary>
        Ledger<span class="visually-hidden">{` of ${name}`}</span>
      </summary>
      {opened && <BudgetLedgerTable budget={budget} name={name} />}
    </details>
  );
}

function BudgetLedgerTable({ budget, name }: { budget: Budget; name: string }) {
  const ledger = useResource(
    () => call(api.budgets[":id"].ledger.$get({ param: { id: budget.id } })),
    `budget-ledger:${budget.id}`,
  );
  if (ledger.loaded.status === "loading") return <Loading label="Loading the ledger…" />;
  if (ledger.loaded.status === "error") {
    return (
      <Alert title="The ledger could not be loaded" onRetry={ledger.reload}>
        {ledger.loaded.message}
      </Alert>
    );
  }
  const { entries } = ledger.loaded.value;
  if (entries.length === 0) return <p class="muted">No entries yet.</p>;
  return (
    <LedgerTable
      entries={entries}
      view={{ of: "budget" }}
      currency={budget.currency}
      caption={`Ledger of ${name}, newest first`}
    />
  );
}
