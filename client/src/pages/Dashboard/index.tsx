import type { ComponentChildren } from "preact";
import { useRef } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Alert, Loading } from "../../components/alert";
import { BarChart } from "../../components/bar-chart";
import { SelectField } from "../../components/field";
import { api } from "../../lib/api";
import { outcomeLabel } from "../../lib/credit-words";
import { type CsvValue, toCsv } from "../../lib/csv";
import { downloadCsv } from "../../lib/download-csv";
import { formatDay, formatNumber, plural, STAGE_LABELS, todayIso } from "../../lib/format";
import { call } from "../../lib/http";
import { formatMoney, minorToMajorString } from "../../lib/money";
import type { Dashboard, Stage } from "../../lib/types";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { activeDisciplines, disciplineName, levelName, org, useOrg } from "../../state/org";
import { hasRole } from "../../state/session";

const stageWords = (stage: string) => (stage in STAGE_LABELS ? STAGE_LABELS[stage as Stage] : stage);
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
const DECISIONS = ["scale", "iterate", "stop"] as const;

/** A table's box that scrolls sideways on a narrow screen: keyboard users can focus it to scroll. */
const scrollable = (label: string) => ({
  class: "table-wrap",
  tabIndex: 0,
  role: "region" as const,
  "aria-label": label,
});

/** A chart's row label: short enough for a phone (the table has the whole text), and unique. */
function chartLabel(text: string, index?: number): string {
  const short = text.length > 38 ? `${text.slice(0, 37).trimEnd()}…` : text;
  return index === undefined ? short : `${index + 1}. ${short}`;
}

/** Whole days from an ISO day to today (UTC days, as the API counts them). */
function daysSince(day: string, today = todayIso()): number {
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000));
}

/**
 * The leadership dashboard (SPEC §9, §8) for reviewers and admins: the funnel by stage, budgets,
 * IC participation, team diversity, decisions, and what is overdue. Each section has a chart, the
 * same figures as a table, and a CSV of them. The period is in the URL, to share a view.
 */
export default function DashboardPage() {
  useTitle("Leadership dashboard");
  if (!hasRole("reviewer") && !hasRole("admin")) {
    return (
      <div class="page narrow">
        <h1>Leadership dashboard</h1>
        <Alert kind="info" title="Only reviewers and admins see the leadership dashboard">
          It shows the funnel, budgets and participation across the hub. <a href="/recognition">Recognition</a> shows
          everyone what the hub achieved.
        </Alert>
      </div>
    );
  }
  return <DashboardView />;
}

function DashboardView() {
  useOrg();
  const { query, path, route } = useLocation();
  const periodId = query.period ?? "";
  const periods = useResource(() => call(api["budget-periods"].$get()), "periods");
  const { loaded, reload } = useResource(
    () => call(api.dashboard.$get({ query: periodId ? { periodId } : {} })),
    `dashboard:${periodId}`,
  );
  // While another period loads, the last figures stay, so nothing moves under the reader.
  const last = useRef<Dashboard | null>(null);
  if (loaded.status === "ready") last.current = loaded.value;
  const data = loaded.status === "error" ? null : last.current;
  const periodName =
    periods.loaded.status === "ready" ? periods.loaded.value.items.find((p) => p.id === periodId)?.name : undefined;
  const fileTag = periodId ? (periodName ?? periodId).replace(/[^\w-]+/g, "-") : "all-time";

  return (
    <div class="page">
      <h1>Leadership dashboard</h1>
      <p class="muted">
        Where challenges are in their lifecycle, where the money went, who takes part, and what is waiting too long.
      </p>
      <search aria-label="Filter the dashboard">
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            id="dashboard-period"
            label="Period"
            hint="Budgets of the period; the funnel and decisions of challenges in it."
            value={periodId}
            onChange={(next) => route(next ? `${path}?period=${encodeURIComponent(next)}` : path, true)}
          >
            <option value="">All time</option>
            {periods.loaded.status === "ready" &&
              periods.loaded.value.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.current ? " (current)" : ""}
                </option>
              ))}
            {periodId && periods.loaded.status !== "ready" && <option value={periodId}>{periodId}</option>}
          </SelectField>
        </form>
      </search>
      {periods.loaded.status === "error" && (
        <Alert title="Budget periods could not be listed" onRetry={periods.reload}>
          {periods.loaded.message} The dashboard shows all time.
        </Alert>
      )}
      <p class="status-line" role="status">
        {loaded.status === "loading"
          ? "Loading the dashboard…"
          : data
            ? `Showing ${data.period ? data.period.name : "all time"}.`
            : ""}
      </p>
      {loaded.status === "error" && (
        <Alert title="The dashboard could not be loaded" onRetry={reload}>
          {loaded.message}
        </Alert>
      )}
      {loaded.status === "loading" && !data && <Loading label="Loading figures…" />}
      {data && (
        <div class="stack dashboard" aria-busy={loaded.status === "loading" ? "true" : undefined}>
          <FunnelSection data={data} fileTag={fileTag} />
          <BudgetsSection data={data} fileTag={fileTag} />
          <ParticipationSection data={data} fileTag={fileTag} />
          <DiversitySection data={data} fileTag={fileTag} />
          <DecisionsSection data={data} fileTag={fileTag} />
          <OverdueResponsesSection data={data} fileTag={fileTag} />
          <IndependentReviewerSection data={data} fileTag={fileTag} />
          <OverdueCommitmentsSection data={data} fileTag={fileTag} />
        </div>
      )}
    </div>
  );
}

interface SectionProps {
  data: Dashboard;
  fileTag: string;
}

/** A dashboard section: heading, the "Download CSV" button, then the chart and table (or the empty state). */
function DashSection({
  id,
  title,
  intro,
  csv,
  fileTag,
  empty,
  children,
}: {
  id: string;
  title: string;
  intro?: ComponentChildren;
  csv: () => { header: string[]; rows: CsvValue[][] };
  fileTag: string;
  /** Shown instead of the chart and table when there is nothing to show. */
  empty: string | null;
  children: ComponentChildren;
}) {
  return (
    <section class="section-card dash-section" aria-labelledby={`${id}-heading`}>
      <div class="dash-head">
        <h2 id={`${id}-heading`}>{title}</h2>
        <button
          type="button"
          class="button button-secondary button-small"
          onClick={() => {
            const { header, rows } = csv();
            downloadCsv(`crux-${id}-${fileTag}.csv`, toCsv(header, rows));
          }}
        >
          Download<span class="visually-hidden"> {title} as</span> CSV
        </button>
      </div>
      {intro && <p class="muted small">{intro}</p>}
      {empty ? <p class="empty-note">{empty}</p> : children}
    </section>
  );
}

function FunnelSection({ data, fileTag }: SectionProps) {
  const rows = data.funnel;
  return (
    <DashSection
      id="funnel"
      title="Funnel"
      fileTag={fileTag}
      intro="How many challenges reached each stage, the share of the previous stage that made it, and the median days spent in a stage."
      empty={rows.every((r) => r.reached === 0 && r.current === 0) ? "No challenges yet." : null}
      csv={() => ({
        header: ["stage", "current", "reached", "conversion_percent", "median_days"],
        rows: rows.map((r) => [r.stage, r.current, r.reached, r.conversion, r.medianDays]),
      })}
    >
      <BarChart
        title="Challenges that reached each stage"
        bars={rows.map((r) => ({ label: stageWords(r.stage), value: r.reached }))}
        unit={(n) => plural(n, "challenge")}
        table={false}
      />
      <div {...scrollable("Funnel table")}>
        <table class="table">
          <caption>Funnel by stage</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col" class="num">
                Now
              </th>
              <th scope="col" class="num">
                Reached
              </th>
              <th scope="col" class="num">
                Conversion
              </th>
              <th scope="col" class="num">
                Median days
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.stage}>
                <th scope="row">{stageWords(r.stage)}</th>
                <td class="num">{formatNumber(r.current)}</td>
                <td class="num">{formatNumber(r.reached)}</td>
                <td class="num">{r.conversion === null ? "—" : `${formatNumber(r.conversion)}%`}</td>
                <td class="num">{r.medianDays === null ? "—" : formatNumber(r.medianDays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.otherStages.length > 0 && (
        <p class="small muted">
          Also:{" "}
          {data.otherStages.map((s) => `${formatNumber(s.current)} ${stageWords(s.stage).toLowerCase()}`).join(", ")}.
        </p>
      )}
    </DashSection>
  );
}

function BudgetsSection({ data, fileTag }: SectionProps) {
  const budgets = data.budgets;
  const currencies = [...new Set(budgets.map((b) => b.currency))];
  const single = currencies.length === 1 ? currencies[0] : null;
  const total = (key: "allocated" | "pledged" | "spent" | "returned" | "remaining") =>
    budgets.reduce((s, b) => s + b[key], 0);
  return (
    <DashSection
      id="budgets"
      title="Budgets"
      fileTag={fileTag}
      intro="Per sponsor and period. Pledged includes what was spent; returned money is back in the budget's remaining balance."
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
          {single && budgets.length > 1 && (
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

function ParticipationSection({ data, fileTag }: SectionProps) {
  const rows = data.participation;
  const levelOrder = (org.value?.levels ?? []).map((l) => l.id);
  const disciplineOrder = (org.value?.disciplines ?? []).map((d) => d.id);
  const rank = (order: string[], id: string | null) => {
    const i = id === null ? -1 : order.indexOf(id);
    return i === -1 ? order.length : i;
  };
  const levels = [...new Set(rows.map((r) => r.level))].sort(
    (a, b) => rank(levelOrder, a) - rank(levelOrder, b) || String(a).localeCompare(String(b)),
  );
  const disciplines = [...new Set(rows.map((r) => r.discipline))].sort(
    (a, b) => rank(disciplineOrder, a) - rank(disciplineOrder, b) || String(a).localeCompare(String(b)),
  );
  const cell = (d: string | null, l: string | null) => rows.find((r) => r.discipline === d && r.level === l);
  const dName = (d: string | null) => (d ? disciplineName(d) : "No discipline");
  const lName = (l: string | null) => (l ? levelName(l) : "No level");
  const people = rows.reduce((s, r) => s + r.people, 0);
  const taking = rows.reduce((s, r) => s + r.participating, 0);

  return (
    <DashSection
      id="participation"
      title="IC participation"
      fileTag={fileTag}
      intro={`Individual contributors who led, co-led or joined a published challenge, of all active ICs: ${formatNumber(taking)} of ${formatNumber(people)} (${percent(taking, people)}%). Darker cells take part more.`}
      empty={rows.length === 0 ? "No individual contributors in the directory yet." : null}
      csv={() => ({
        header: ["discipline", "level", "people", "participating", "percent"],
        rows: rows.map((r) => [
          r.discipline ? disciplineName(r.discipline) : "",
          r.level ? levelName(r.level) : "",
          r.people,
          r.participating,
          percent(r.participating, r.people),
        ]),
      })}
    >
      <div {...scrollable("IC participation table")}>
        <table class="table heat-table">
          <caption>
            Participating ICs by discipline (rows) and level (columns): participating of people, and percent
          </caption>
          <thead>
            <tr>
              <th scope="col">Discipline</th>
              {levels.map((l) => (
                <th key={String(l)} scope="col" class="num">
                  {lName(l)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {disciplines.map((d) => (
              <tr key={String(d)}>
                <th scope="row">{dName(d)}</th>
                {levels.map((l) => {
                  const c = cell(d, l);
                  if (!c || c.people === 0)
                    return (
                      <td key={String(l)} class="num heat-none">
                        <span aria-hidden="true">—</span>
                        <span class="visually-hidden">nobody</span>
                      </td>
                    );
                  const pct = percent(c.participating, c.people);
                  return (
                    <td
                      key={String(l)}
                      class="num heat-cell"
                      style={{ "--heat": String(pct / 100) }}
                      title={`${dName(d)}, ${lName(l)}: ${c.participating} of ${c.people}`}
                    >
                      <span class="heat-figure">{pct}%</span>
                      <span class="heat-count">
                        {c.participating}/{c.people}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DashSection>
  );
}

function DiversitySection({ data, fileTag }: SectionProps) {
  const available = activeDisciplines().length || null;
  const average = Math.round(data.averageDisciplinesPerTeam * 10) / 10;
  const share = available ? Math.min(100, (data.averageDisciplinesPerTeam / available) * 100) : null;
  return (
    <DashSection
      id="diversity"
      title="Team diversity"
      fileTag={fileTag}
      intro="Distinct disciplines on each team that formed (lead, co-lead and members of active and later challenges)."
      empty={data.teams === 0 ? "No team has formed yet." : null}
      csv={() => ({
        header: ["average_distinct_disciplines_per_team", "teams"],
        rows: [[data.averageDisciplinesPerTeam, data.teams]],
      })}
    >
      <dl class="stat-grid">
        <div class="stat">
          <dt>Average disciplines per team</dt>
          <dd>{formatNumber(average)}</dd>
        </div>
        <div class="stat">
          <dt>Teams</dt>
          <dd>{formatNumber(data.teams)}</dd>
        </div>
      </dl>
      {share !== null && available && (
        <figure class="stacked-bar">
          <svg
            class="stacked-bar-svg"
            viewBox="0 0 100 10"
            preserveAspectRatio="none"
            role="img"
            aria-label={`On average ${formatNumber(average)} of ${available} disciplines per team`}
            focusable="false"
          >
            <rect class="bar-track" width="100" height="10" />
            <rect class="bar-spent" width={Math.max(1, share)} height="10" />
          </svg>
          <figcaption class="small muted">
            {formatNumber(average)} of the {available} disciplines in the organisation, on average.
          </figcaption>
        </figure>
      )}
      <div {...scrollable("Team diversity table")}>
        <table class="table">
          <caption class="visually-hidden">Team diversity</caption>
          <tbody>
            <tr>
              <th scope="row">Average distinct disciplines per team</th>
              <td class="num">{formatNumber(average)}</td>
            </tr>
            <tr>
              <th scope="row">Teams counted</th>
              <td class="num">{formatNumber(data.teams)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </DashSection>
  );
}

function DecisionsSection({ data, fileTag }: SectionProps) {
  const counts = DECISIONS.map((d) => ({
    decision: d,
    count: data.decisions.find((x) => x.decision === d)?.count ?? 0,
  }));
  const total = counts.reduce((s, c) => s + c.count, 0);
  return (
    <DashSection
      id="decisions"
      title="Decisions"
      fileTag={fileTag}
      intro="What reviewers decided at showcases."
      empty={total === 0 ? "No showcase has been decided yet." : null}
      csv={() => ({ header: ["decision", "count"], rows: counts.map((c) => [c.decision, c.count]) })}
    >
      <BarChart
        title="Decisions by outcome"
        bars={counts.map((c) => ({ label: outcomeLabel(c.decision), value: c.count }))}
        unit={(n) => plural(n, "decision")}
        table={false}
      />
      <div {...scrollable("Decisions table")}>
        <table class="table">
          <caption>Decisions by outcome</caption>
          <thead>
            <tr>
              <th scope="col">Decision</th>
              <th scope="col" class="num">
                Count
              </th>
              <th scope="col" class="num">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.decision}>
                <th scope="row">{outcomeLabel(c.decision)}</th>
                <td class="num">{formatNumber(c.count)}</td>
                <td class="num">{percent(c.count, total)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DashSection>
  );
}

/** "312 in all; the 100 longest waiting are listed. " when the list is cut short, else nothing. */
function cappedCount(total: number, shown: number, which: string): string {
  return total > shown ? `${formatNumber(total)} in all; the ${formatNumber(shown)} ${which} are listed. ` : "";
}

function OverdueResponsesSection({ data, fileTag }: SectionProps) {
  const rows = [...data.overdueResponses].sort((a, b) => b.days - a.days);
  return (
    <DashSection
      id="overdue-responses"
      title="Overdue responses"
      fileTag={fileTag}
      intro={`${cappedCount(data.overdueResponsesTotal, rows.length, "longest waiting")}Open challenges waiting more than ${plural(data.responseDeadlineDays, "day")} for a sponsor's pledge or a reviewer's response.`}
      empty={rows.length === 0 ? "Nothing is overdue: every open challenge has had a response in time." : null}
      csv={() => ({
        header: ["challenge", "lead", "published", "days_waiting", "link"],
        rows: rows.map((r) => [
          r.title,
          r.leadName,
          r.publishedAt.slice(0, 10),
          r.days,
          `${location.origin}/challenges/${r.id}`,
        ]),
      })}
    >
      <BarChart
        title="Days waiting for a response"
        bars={rows.slice(0, 10).map((r) => ({ label: chartLabel(r.title), value: r.days }))}
        unit={(n) => plural(n, "day")}
        table={false}
      />
      <div {...scrollable("Overdue responses table")}>
        <table class="table">
          <caption>Open challenges past the response deadline, longest waiting first</caption>
          <thead>
            <tr>
              <th scope="col">Challenge</th>
              <th scope="col">Lead</th>
              <th scope="col">Published</th>
              <th scope="col" class="num">
                Days waiting
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a href={`/challenges/${r.id}`}>{r.title}</a>
                </th>
                <td>{r.leadName}</td>
                <td>
                  <time dateTime={r.publishedAt}>{formatDay(r.publishedAt.slice(0, 10))}</time>
                </td>
                <td class="num">{formatNumber(r.days)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DashSection>
  );
}

/** Showcases that no reviewer may judge, since each has a stake in the challenge (SPEC §10). */
function IndependentReviewerSection({ data, fileTag }: SectionProps) {
  const rows = data.needsIndependentReviewer;
  return (
    <DashSection
      id="independent-reviewer"
      title="Needs an independent reviewer"
      fileTag={fileTag}
      intro={`${cappedCount(data.needsIndependentReviewerTotal, rows.length, "oldest")}Showcases that every reviewer has a stake in (they lead or co-lead it, are on its team, or sponsor it), so none of them may review or decide it. Give someone without a stake the reviewer role.`}
      empty={rows.length === 0 ? "Every showcase has at least one reviewer without a stake in it." : null}
      csv={() => ({
        header: ["challenge", "link"],
        rows: rows.map((r) => [r.title, `${location.origin}/challenges/${r.id}`]),
      })}
    >
      <p>
        <strong>{formatNumber(data.needsIndependentReviewerTotal)}</strong>{" "}
        {data.needsIndependentReviewerTotal === 1 ? "showcase needs" : "showcases need"} an independent reviewer.
      </p>
      <ul class="plain-list independent-reviewer-list">
        {rows.map((r) => (
          <li key={r.id}>
            <a href={`/challenges/${r.id}`}>{r.title}</a>
          </li>
        ))}
      </ul>
    </DashSection>
  );
}

function OverdueCommitmentsSection({ data, fileTag }: SectionProps) {
  const today = todayIso();
  const rows = [...data.overdueCommitments].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (
    <DashSection
      id="overdue-commitments"
      title="Overdue commitments"
      fileTag={fileTag}
      intro={`${cappedCount(data.overdueCommitmentsTotal, rows.length, "most overdue")}Commitments made with a decision, still open past their due date.`}
      empty={rows.length === 0 ? "No commitment is overdue." : null}
      csv={() => ({
        header: ["what", "owner", "due", "days_overdue", "challenge", "link"],
        rows: rows.map((r) => [
          r.what,
          r.ownerName,
          r.dueOn,
          daysSince(r.dueOn, today),
          r.challengeTitle,
          `${location.origin}/challenges/${r.challengeId}`,
        ]),
      })}
    >
      <BarChart
        title="Days overdue"
        bars={rows.slice(0, 10).map((r, i) => ({ label: chartLabel(r.what, i), value: daysSince(r.dueOn, today) }))}
        unit={(n) => plural(n, "day")}
        table={false}
      />
      <div {...scrollable("Overdue commitments table")}>
        <table class="table">
          <caption>Open commitments past their due date, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Challenge</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.what}</th>
                <td>{r.ownerName}</td>
                <td>
                  <time dateTime={r.dueOn}>{formatDay(r.dueOn)}</time>
                </td>
                <td>
                  <a href={`/challenges/${r.challengeId}`}>{r.challengeTitle}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DashSection>
  );
}
