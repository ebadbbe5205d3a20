import { useEffect, useState } from "preact/hooks";
import { Alert } from "../../components/alert";
import { api } from "../../lib/api";
import { formatNumber, plural } from "../../lib/format";
import { ApiError, call } from "../../lib/http";
import { formatMoney, minorToMajorString } from "../../lib/money";
import type { Dashboard } from "../../lib/types";
import { scrollable } from "./helpers";
import { DashSection, type SectionProps, TableDisclosure } from "./section";

type Budget = Dashboard["budgets"][number];

/**
 * The budgets the reader has loaded: the dashboard's first page, then a page more at each
 * "Show more budgets" (GET /api/dashboard/budgets with the last cursor). A new answer (another
 * period, a reload) starts again from its first page.
 */
function useBudgetPages(data: Dashboard) {
  const [more, setMore] = useState<{ items: Budget[]; cursor: string | null; for: Dashboard } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setMore(null);
    setError(null);
  }, [data]);
  const current = more?.for === data ? more : null;
  const budgets = current ? [...data.budgets, ...current.items] : data.budgets;
  const cursor = current ? current.cursor : data.budgetsNextCursor;
  async function loadMore() {
    if (!cursor || loading) return;
    setLoading(true);
    setError(null);
    try {
      const page = await call(
        api.dashboard.budgets.$get({ query: { cursor, ...(data.period ? { periodId: data.period.id } : {}) } }),
      );
      setMore({ items: [...(current?.items ?? []), ...page.items], cursor: page.nextCursor, for: data });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "The next budgets could not be loaded.");
    } finally {
      setLoading(false);
    }
  }
  return { budgets, cursor, loading, error, loadMore };
}

export function BudgetsSection({ data, fileTag }: SectionProps) {
  const { budgets, cursor, loading, error, loadMore } = useBudgetPages(data);
  const all = cursor === null;
  const currencies = [...new Set(budgets.map((b) => b.currency))];
  const single = currencies.length === 1 ? currencies[0] : null;
  const total = (key: "allocated" | "pledged" | "spent" | "returned" | "remaining") =>
    budgets.reduce((s, b) => s + b[key], 0);
  return (
    <DashSection
      id="budgets"
      title="Budgets"
      fileTag={fileTag}
      intro={`Per sponsor and period, the newest period first. Pledged includes what was spent; returned money is back in the budget's remaining balance.${
        all
          ? ""
          : ` Showing ${formatNumber(budgets.length)} of ${plural(data.budgetsTotal, "budget")}; the chart and CSV cover those shown.`
      }`}
      empty={budgets.length === 0 ? "No budgets are allocated for this period." : null}
      csv={() => ({
        header: ["sponsor", "period", "currency", "allocated", "pledged", "spent", "returned", "remaining"],
        rows: budgets.map((b) => [
          b.sponsor.name,
          b.period.name,
          b.currency,
          minorToMajorString(b.allocated, b.currency),
          minorToMajorString(b.pledged, b.currency),
          minorToMajorString(b.spent, b.currency),
          minorToMajorString(b.returned, b.currency),
          minorToMajorString(b.remaining, b.currency),
        ]),
      })}
    >
      <SponsorBars budgets={budgets} periodCount={new Set(budgets.map((b) => b.period.id)).size} />
      <TableDisclosure name="Budgets by sponsor and period">
        <div {...scrollable("Budgets table")}>
          <table class="table">
            <caption>Budgets by sponsor and period</caption>
            <thead>
              <tr>
                <th scope="col">Sponsor</th>
                <th scope="col">Period</th>
                <th scope="col" class="num">
                  Allocated
                </th>
                <th scope="col" class="num">
                  Pledged
                </th>
                <th scope="col" class="num">
                  Spent
                </th>
                <th scope="col" class="num">
                  Returned
                </th>
                <th scope="col" class="num">
                  Remaining
                </th>
              </tr>
            </thead>
            <tbody>
              {budgets.map((b) => (
                <tr key={b.id}>
                  <th scope="row">{b.sponsor.name}</th>
                  <td>{b.period.name}</td>
                  <td class="num">{formatMoney(b.allocated, b.currency)}</td>
                  <td class="num">{formatMoney(b.pledged, b.currency)}</td>
                  <td class="num">{formatMoney(b.spent, b.currency)}</td>
                  <td class="num">{formatMoney(b.returned, b.currency)}</td>
                  <td class="num">{formatMoney(b.remaining, b.currency)}</td>
                </tr>
              ))}
            </tbody>
            {single && budgets.length > 1 && all && (
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    Total
                  </th>
                  <td class="num">{formatMoney(total("allocated"), single)}</td>
                  <td class="num">{formatMoney(total("pledged"), single)}</td>
                  <td class="num">{formatMoney(total("spent"), single)}</td>
                  <td class="num">{formatMoney(total("returned"), single)}</td>
                  <td class="num">{formatMoney(total("remaining"), single)}</td>
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      </TableDisclosure>
      {error && <Alert title="More budgets could not be loaded">{error}</Alert>}
      {cursor && (
        <p class="budget-more">
          <button type="button" class="button button-secondary button-small" onClick={loadMore} disabled={loading}>
            {loading ? "Loading budgets…" : "Show more budgets"}
          </button>
        </p>
      )}
    </DashSection>
  );
}

interface SponsorTotal {
  key: string;
  name: string;
  currency: string;
  allocated: number;
  spent: number;
  committed: number;
  remaining: number;
}

/**
 * One stacked bar per sponsor (their budgets of the shown periods added up), all drawn to one
 * scale so sponsors compare at a glance; each bar's name gives its figures, and the table below
 * gives them per period.
 */
function SponsorBars({ budgets, periodCount }: { budgets: Dashboard["budgets"]; periodCount: number }) {
  const bySponsor = new Map<string, SponsorTotal>();
  for (const b of budgets) {
    const key = `${b.sponsor.id}|${b.currency}`;
    const t = bySponsor.get(key) ?? {
      key,
      name: b.sponsor.name,
      currency: b.currency,
      allocated: 0,
      spent: 0,
      committed: 0,
      remaining: 0,
    };
    t.allocated += b.allocated;
    t.spent += b.spent;
    t.committed += Math.max(0, b.pledged - b.spent - b.returned);
    t.remaining += Math.max(0, b.remaining);
    bySponsor.set(key, t);
  }
  const rows = [...bySponsor.values()].sort((a, b) => b.allocated - a.allocated);
  const max = Math.max(1, ...rows.map((r) => r.spent + r.committed + r.remaining));
  const parts = [
    { key: "spent", label: "Spent", tone: "spent" },
    { key: "committed", label: "Pledged, not spent", tone: "committed" },
    { key: "remaining", label: "Remaining", tone: "remaining" },
  ] as const;
  return (
    <figure class="sponsor-bars">
      <figcaption>
        <p class="small muted">
          {periodCount > 1 ? `Each sponsor's budgets over ${periodCount} periods, added up.` : "Each sponsor's budget."}
        </p>
        <ul class="chart-legend" aria-hidden="true">
          {parts.map((p) => (
            <li key={p.key} class="legend-item">
              <span class={`swatch bar-${p.tone}`} />
              {p.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <ul class="plain-list sponsor-bar-list">
        {rows.map((r) => {
          let x = 0;
          const words = parts.map((p) => `${p.label} ${formatMoney(r[p.key], r.currency)}`).join(", ");
          return (
            <li key={r.key} class="sponsor-bar">
              <span class="sponsor-bar-name">{r.name}</span>
              <svg
                class="sponsor-bar-svg"
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                role="img"
                aria-label={`${r.name}: allocated ${formatMoney(r.allocated, r.currency)}; ${words}`}
                focusable="false"
              >
                {parts.map((p) => {
                  const width = (r[p.key] / max) * 100;
                  const rect =
                    width > 0 ? <rect key={p.key} class={`bar-${p.tone}`} x={x} width={width} height="10" /> : null;
                  x += width;
                  return rect;
                })}
              </svg>
              <span class="sponsor-bar-total">{formatMoney(r.allocated, r.currency)}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
