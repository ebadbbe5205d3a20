import { Markdown } from "../../components/markdown";
import { formatNumber, plural } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import type { Challenge } from "../../lib/types";

const headingIdOf = (title: string) => `${title.toLowerCase().replace(/\W+/g, "-")}-heading`;

export function MarkdownOrEmpty({ source }: { source: string }) {
  return source.trim() ? <Markdown source={source} /> : <p class="muted">Not written yet.</p>;
}

export function Section({ title, source }: { title: string; source: string }) {
  const headingId = headingIdOf(title);
  return (
    <section class="section-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <MarkdownOrEmpty source={source} />
    </section>
  );
}

export function KpiSection({ challenge: ch }: { challenge: Challenge }) {
  return (
    <section class="section-card" aria-labelledby="kpis-heading">
      <h2 id="kpis-heading">KPIs</h2>
      <KpiTable challenge={ch} />
    </section>
  );
}

function KpiTable({ challenge: ch }: { challenge: Challenge }) {
  return (
    <>
      {ch.kpis.length === 0 ? (
        <p class="muted">No measurable goals yet.</p>
      ) : (
        <table class="table stackable">
          <caption class="visually-hidden">Measurable goals, from baseline to target</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Unit</th>
              <th scope="col">Direction</th>
              <th scope="col">Baseline → target</th>
            </tr>
          </thead>
          <tbody>
            {ch.kpis.map((k) => (
              <tr key={k.id}>
                <th scope="row" data-label="Name">
                  {k.name}
                </th>
                <td data-label="Unit">{k.unit}</td>
                <td data-label="Direction">
                  <span aria-hidden="true">{k.direction === "up" ? "↑ " : "↓ "}</span>
                  {k.direction === "up" ? "Up" : "Down"}
                </td>
                <td data-label="Baseline → target">
                  {formatNumber(k.baseline)} <span aria-hidden="true">→</span>
                  <span class="visually-hidden">to</span> {formatNumber(k.target)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/**
 * What the challenge is about, in one card: the problem and why it matters, the measurable goals,
 * and, folded until asked for, its boundaries and the help it needs.
 */
export function OverviewSection({ challenge: ch }: { challenge: Challenge }) {
  return (
    <section class="section-card overview-card" aria-labelledby="overview-heading">
      <h2 id="overview-heading">Overview</h2>
      <h3 id="problem-heading">Problem</h3>
      <MarkdownOrEmpty source={ch.problem} />
      <h3 id="why-it-matters-heading">Why it matters</h3>
      <MarkdownOrEmpty source={ch.whyItMatters} />
      <h3 id="kpis-heading">KPIs</h3>
      <KpiTable challenge={ch} />
      <details class="overview-more">
        <summary class="disclosure-summary">Boundaries and assistance needed</summary>
        <h3 id="boundaries-heading">Boundaries</h3>
        <h4>Constraints</h4>
        <MarkdownOrEmpty source={ch.boundaries.constraints} />
        <h4>Out of scope</h4>
        <MarkdownOrEmpty source={ch.boundaries.outOfScope} />
        <h3 id="assistance-needed-heading">Assistance needed</h3>
        <MarkdownOrEmpty source={ch.assistanceNeeded} />
      </details>
    </section>
  );
}

export function BoundariesSection({ challenge: ch }: { challenge: Challenge }) {
  return (
    <section class="section-card" aria-labelledby="boundaries-heading">
      <h2 id="boundaries-heading">Boundaries</h2>
      <h3>Constraints</h3>
      <MarkdownOrEmpty source={ch.boundaries.constraints} />
      <h3>Out of scope</h3>
      <MarkdownOrEmpty source={ch.boundaries.outOfScope} />
    </section>
  );
}

export function TimeAndMoneySection({ challenge: ch }: { challenge: Challenge }) {
  return (
    <section class="section-card" aria-labelledby="time-money-heading">
      <h2 id="time-money-heading">Time horizon and funding</h2>
      <dl class="facts">
        <dt>Time horizon</dt>
        <dd>{ch.horizonWeeks === null ? "Not set" : plural(ch.horizonWeeks, "week")}</dd>
        <dt>Funding ask</dt>
        <dd>
          {ch.fundingAsk === null
            ? "Not set"
            : ch.fundingAsk === 0
              ? "None: it needs a sponsor's endorsement, not money"
              : formatMoney(ch.fundingAsk, ch.currency)}
        </dd>
      </dl>
      <h3 class="subheading">Funding breakdown</h3>
      <MarkdownOrEmpty source={ch.fundingBreakdown} />
    </section>
  );
}
