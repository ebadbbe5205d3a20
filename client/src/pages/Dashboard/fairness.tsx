import type { InferResponseType } from "hono/client";
import { useId, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { BarChart } from "../../components/bar-chart";
import { SelectField } from "../../components/field";
import { api } from "../../lib/api";
import { formatNumber, listInWords, plural } from "../../lib/format";
import { call } from "../../lib/http";
import { useResource } from "../../lib/use-resource";
import { useWidth } from "../../lib/use-width";
import { scrollable } from "./helpers";
import { DashSection, TableDisclosure } from "./section";
import "./fairness.css";

type Fairness = InferResponseType<typeof api.dashboard.fairness.$get, 200>;
type Grouping = Fairness["groupings"][number];
type Group = Grouping["groups"][number];
type By = Grouping["by"];

const BY_WORDS: Record<By, string> = { discipline: "Discipline", level: "Level", track: "Track" };
/** The steps after "people", each with its rate from the step before. */
const STEPS = [
  { key: "applied", label: "Applied" },
  { key: "accepted", label: "Accepted" },
  { key: "credited", label: "Credited" },
  { key: "funded", label: "On a funded challenge" },
] as const;

const ratePercent = (rate: number | null) => (rate === null ? "—" : `${formatNumber(rate)}%`);

/**
 * The fairness view (SPEC §16) for reviewers and admins: how active people get from applying to
 * credit on a funded challenge, by discipline, level or track, and how each reviewer scores next
 * to the panel. It has its own request (the figures are all time, not the period's). Small groups
 * are merged by the server, which serves the CSV with the same rule, so the link downloads it.
 */
export function FairnessSections() {
  const { loaded, reload } = useResource(() => call(api.dashboard.fairness.$get({ query: {} })), "dashboard:fairness");
  if (loaded.status === "loading") {
    return (
      <section class="section-card dash-section" aria-labelledby="fairness-heading">
        <h2 id="fairness-heading">Fairness</h2>
        <Loading label="Loading the fairness view…" />
      </section>
    );
  }
  if (loaded.status === "error") {
    return (
      <section class="section-card dash-section" aria-labelledby="fairness-heading">
        <h2 id="fairness-heading">Fairness</h2>
        <Alert title="The fairness view could not be loaded" onRetry={reload}>
          {loaded.message}
        </Alert>
      </section>
    );
  }
  return (
    <>
      <FairnessFunnel data={loaded.value} />
      <CalibrationSection data={loaded.value} />
    </>
  );
}

function FairnessFunnel({ data }: { data: Fairness }) {
  const [by, setBy] = useState<By>("discipline");
  const grouping = data.groupings.find((g) => g.by === by) ?? data.groupings[0];
  const byWord = BY_WORDS[by].toLowerCase();
  const others = grouping?.groups.filter((g) => g.other) ?? [];
  return (
    <section class="section-card dash-section" aria-labelledby="fairness-heading">
      <div class="dash-head">
        <h2 id="fairness-heading">Fairness</h2>
        <a
          class="button button-secondary button-small"
          href={`/api/dashboard/fairness.csv?by=${by}`}
          download={`crux-fairness-${by}.csv`}
        >
          Download<span class="visually-hidden"> fairness by {byWord} as</span> CSV
        </a>
      </div>
      <p class="muted small">
        Active people, all time: of them, who applied to a role; of those, who had an application accepted; then who
        holds confirmed credit; then who was on the team of a funded challenge. Each rate is the share of the step
        before. A group of fewer than {data.minGroupSize} people is never shown alone: it is counted in “Other”.
      </p>
      <form class="filters fairness-filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="fairness-by" label="Group by" value={by} onChange={(next) => setBy(next as By)}>
          {data.groupings.map((g) => (
            <option key={g.by} value={g.by}>
              {BY_WORDS[g.by]}
            </option>
          ))}
        </SelectField>
      </form>
      {!grouping || grouping.groups.length === 0 ? (
        <p class="empty-note">
          {grouping?.suppressed
            ? `Fewer than ${data.minGroupSize} people are active, so no group is shown.`
            : "No active people yet."}
        </p>
      ) : (
        <>
          <ul class="fairness-charts" aria-label={`Funnel by ${byWord}`}>
            {grouping.groups.map((g) => (
              <li key={g.key} class="fairness-chart">
                <h3 class="fairness-chart-title">{g.label}</h3>
                <BarChart
                  title={`${g.label}: people at each step`}
                  bars={[
                    { label: "People", value: g.counts.people },
                    ...STEPS.map((s) => ({
                      label: `${s.label} (${ratePercent(g.rates[s.key])})`,
                      value: g.counts[s.key],
                    })),
                  ]}
                  unit={(n) => plural(n, "person", "people")}
                  table={false}
                />
              </li>
            ))}
          </ul>
          {others.map((o) => (
            <p key={o.key} class="small muted">
              Other counts {listInWords(o.includes)}: {plural(o.counts.people, "person", "people")} together.
            </p>
          ))}
          <TableDisclosure name={`Fairness by ${byWord}`}>
            <FairnessTable grouping={grouping} />
          </TableDisclosure>
        </>
      )}
    </section>
  );
}

function FairnessTable({ grouping }: { grouping: Grouping }) {
  const word = BY_WORDS[grouping.by];
  return (
    <div {...scrollable(`Fairness by ${word.toLowerCase()} table`)}>
      <table class="table">
        <caption>Fairness by {word.toLowerCase()}: people at each step, and the share of the step before</caption>
        <thead>
          <tr>
            <th scope="col">{word}</th>
            <th scope="col" class="num">
              People
            </th>
            {STEPS.map((s) => (
              <th key={s.key} scope="col" class="num">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grouping.groups.map((g: Group) => (
            <tr key={g.key}>
              <th scope="row">
                {g.label}
                {g.other && <span class="small muted"> ({listInWords(g.includes)})</span>}
              </th>
              <td class="num">{formatNumber(g.counts.people)}</td>
              {STEPS.map((s) => (
                <td key={s.key} class="num">
                  {formatNumber(g.counts[s.key])} <span class="muted">({ratePercent(g.rates[s.key])})</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const score = (n: number) => n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = (n: number) => (n > 0 ? `+${score(n)}` : n < 0 ? `−${score(-n)}` : score(0));

function CalibrationSection({ data }: { data: Fairness }) {
  const rows = data.calibration;
  return (
    <DashSection
      id="calibration"
      title="Reviewer calibration"
      fileTag="all-time"
      intro="Each reviewer's mean weighted score (1–5) next to the panel's: for the same showcases, the mean of every review of each, theirs included. Few reviews, or few showcases shared with another reviewer, say little."
      empty={rows.length === 0 ? "No reviews yet." : null}
      csv={() => ({
        header: ["reviewer", "reviews", "shared_showcases", "mean", "panel_mean", "difference"],
        rows: rows.map((r) => [r.name, r.reviews, r.sharedShowcases, r.mean, r.panelMean, r.difference]),
      })}
    >
      <CalibrationChart rows={rows} />
      <TableDisclosure name="Reviewer calibration">
        <div {...scrollable("Reviewer calibration table")}>
          <table class="table">
            <caption>Reviewer calibration</caption>
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                <th scope="col" class="num">
                  Reviews
                </th>
                <th scope="col" class="num">
                  Shared with another reviewer
                </th>
                <th scope="col" class="num">
                  Their mean
                </th>
                <th scope="col" class="num">
                  Panel mean
                </th>
                <th scope="col" class="num">
                  Difference
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.reviewerId}>
                  <th scope="row">
                    <a href={`/people/${encodeURIComponent(r.reviewerId)}`}>{r.name}</a>
                  </th>
                  <td class="num">{formatNumber(r.reviews)}</td>
                  <td class="num">{formatNumber(r.sharedShowcases)}</td>
                  <td class="num">{score(r.mean)}</td>
                  <td class="num">{score(r.panelMean)}</td>
                  <td class="num">
                    {signed(r.difference)}
                    <span class="visually-hidden">
                      {r.difference > 0 ? " (scores higher)" : r.difference < 0 ? " (scores lower)" : " (the same)"}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </TableDisclosure>
    </DashSection>
  );
}

type CalibrationRow = Fairness["calibration"][number];

const ROW = 40;

/**
 * Each reviewer on a 1–5 scale: a filled dot at their mean, a ring at the panel's, joined by a
 * line, so who scores above or below the panel shows at a glance. The picture is named by a
 * sentence giving every figure; the table behind "Show table" has them too.
 */
function CalibrationChart({ rows }: { rows: CalibrationRow[] }) {
  const titleId = useId();
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const left = 8;
  const room = Math.max(60, width - 2 * left);
  const x = (value: number) => left + ((Math.min(5, Math.max(1, value)) - 1) / 4) * room;
  const height = rows.length * ROW + 20;
  const words = rows
    .map((r) => `${r.name} ${score(r.mean)} against the panel's ${score(r.panelMean)} (${plural(r.reviews, "review")})`)
    .join(", ");
  return (
    <figure class="calibration-chart">
      <div ref={ref}>
        <svg
          class="calibration-svg"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={titleId}
          focusable="false"
        >
          <title id={titleId}>{`Reviewer calibration, mean weighted score from 1 to 5: ${words}.`}</title>
          {rows.map((r, i) => {
            const top = i * ROW;
            const own = x(r.mean);
            const panel = x(r.panelMean);
            return (
              <g key={r.reviewerId}>
                <text class="calibration-label" x={left} y={top + 13}>
                  {`${r.name} · ${plural(r.reviews, "review")}`}
                </text>
                <line class="calibration-axis" x1={left} x2={left + room} y1={top + 27} y2={top + 27} />
                <line
                  class="calibration-gap"
                  x1={Math.min(own, panel)}
                  x2={Math.max(own, panel)}
                  y1={top + 27}
                  y2={top + 27}
                />
                <circle class="calibration-panel" cx={panel} cy={top + 27} r={6} />
                <circle class="calibration-own" cx={own} cy={top + 27} r={4.5} />
              </g>
            );
          })}
          {[1, 2, 3, 4, 5].map((tick) => (
            <text key={tick} class="calibration-tick" x={x(tick)} y={height - 4} text-anchor="middle">
              {tick}
            </text>
          ))}
        </svg>
      </div>
      <figcaption class="small muted calibration-legend">
        <span class="calibration-key calibration-key-own" aria-hidden="true" /> the reviewer's mean{" "}
        <span class="calibration-key calibration-key-panel" aria-hidden="true" /> the panel's mean for the same
        showcases
      </figcaption>
    </figure>
  );
}
