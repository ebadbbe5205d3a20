import { Markdown } from "../../../components/markdown";
import { outcomeLabel } from "../../../lib/credit-words";
import { formatDate, withUnit } from "../../../lib/format";
import type { Showcase } from "../../../lib/types";

/** One submitted showcase: summary, KPI results, artifacts, lessons, recommendation and (for the newest) credits. */
export function SubmittedShowcase({
  showcase: s,
  headingLevel,
  withCredits = false,
}: {
  showcase: Showcase;
  headingLevel: 3 | 4;
  withCredits?: boolean;
}) {
  const H = headingLevel === 3 ? "h3" : "h4";
  const Sub = headingLevel === 3 ? "h4" : "h5";
  return (
    <article class="showcase" aria-labelledby={`showcase-${s.cycle}-title`}>
      <H id={`showcase-${s.cycle}-title`}>
        Cycle {s.cycle} showcase
        {s.submittedAt && (
          <span class="muted small showcase-when">
            {" "}
            submitted <time dateTime={s.submittedAt}>{formatDate(s.submittedAt)}</time>
          </span>
        )}
      </H>
      {s.summary.trim() ? <Markdown source={s.summary} /> : <p class="muted">No summary.</p>}

      <Sub class="showcase-sub">Results against the KPIs</Sub>
      {s.kpiResults.length === 0 ? (
        <p class="muted">No KPI results were reported.</p>
      ) : (
        <div class="table-wrap">
          <table class="table stackable">
            <caption class="visually-hidden">
              KPI results of cycle {s.cycle}: baseline and target against actual
            </caption>
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col">Baseline → target</th>
                <th scope="col" class="num">
                  Actual
                </th>
                <th scope="col">Result</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {s.kpiResults.map((k) => (
                <tr key={k.kpiId}>
                  <th scope="row" data-label="KPI">
                    {k.name}
                    <span class="muted small"> ({k.direction === "up" ? "higher is better" : "lower is better"})</span>
                  </th>
                  <td data-label="Baseline → target">
                    {withUnit(k.baseline, k.unit)} <span aria-hidden="true">→</span>
                    <span class="visually-hidden">to</span> {withUnit(k.target, k.unit)}
                  </td>
                  <td class="num" data-label="Actual">
                    {withUnit(k.actual, k.unit)}
                  </td>
                  <td data-label="Result">
                    <span class={`badge role ${k.met ? "status-approved" : "status-declined"}`}>
                      <span aria-hidden="true">{k.met ? "✓ " : "✗ "}</span>
                      {k.met ? "Met" : "Not met"}
                    </span>
                  </td>
                  <td data-label="Note">{k.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Sub class="showcase-sub">Artifacts</Sub>
      {s.artifacts.length === 0 ? (
        <p class="muted">No links.</p>
      ) : (
        <ul class="artifact-list">
          {s.artifacts.map((a) => (
            <li key={`${a.url}|${a.title}`}>
              <a href={a.url} target="_blank" rel="noopener noreferrer">
                {a.title}
                <span class="visually-hidden"> (opens in a new tab)</span>
              </a>
            </li>
          ))}
        </ul>
      )}

      <Sub class="showcase-sub">Lessons learned</Sub>
      {s.lessons.trim() ? <Markdown source={s.lessons} /> : <p class="muted">None written.</p>}

      <Sub class="showcase-sub">Recommendation</Sub>
      {s.recommendation ? (
        <p>
          <span class={`badge role outcome-${s.recommendation}`}>{outcomeLabel(s.recommendation)}</span>
        </p>
      ) : (
        <p class="muted">No recommendation.</p>
      )}
      {s.recommendationNote.trim() && <Markdown source={s.recommendationNote} />}

      {withCredits && (
        <>
          <Sub class="showcase-sub">Credits</Sub>
          {s.credits.length === 0 ? (
            <p class="muted">No confirmed contributions yet.</p>
          ) : (
            <ul class="plain-list credits-roll">
              {s.credits.map((c) => (
                <li key={c.person.id} class="credits-roll-item">
                  <a href={`/people/${c.person.id}`}>
                    <strong>{c.person.name}</strong>
                  </a>
                  <ul class="credits-roll-items">
                    {c.contributions.map((x) => (
                      <li key={x.id}>
                        <span class="coverage-name">{x.label}:</span> {x.description}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </article>
  );
}
