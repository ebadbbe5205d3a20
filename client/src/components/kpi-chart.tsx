import { useId } from "preact/hooks";
import { formatDay, formatNumber, withUnit } from "../lib/format";
import type { KpiProgress } from "../lib/types";
import { useWidth } from "../lib/use-width";
import "./kpi-chart.css";

const HEIGHT = 200;
const MARGIN = { top: 24, right: 16, bottom: 28, left: 52 };
const shortDay = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const dayTime = (day: string) => new Date(`${day}T00:00:00Z`).getTime();

/** Round tick values spanning `min`..`max` (1, 2, 2.5 or 5 times a power of ten apart). */
export function niceTicks(min: number, max: number, count = 4): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const low = Math.floor(min / step) * step;
  const high = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = low; v <= high + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks.length > 1 ? ticks : [low, low + step];
}

/** How far the latest value has come from baseline towards target, in words. */
export function progressWords(kpi: Pick<KpiProgress, "baseline" | "target">, latest: number): string {
  if (kpi.target === kpi.baseline) return latest === kpi.target ? "on target" : "";
  const share = (latest - kpi.baseline) / (kpi.target - kpi.baseline);
  if (share >= 1) return "target reached";
  if (share < 0) return "further from the target than the baseline";
  return `${Math.round(share * 100)}% of the way from baseline to target`;
}

/** The chart's one-sentence summary: what a screen reader hears, and what the caption shows. */
export function kpiSummary(kpi: KpiProgress): string {
  const latest = kpi.checkins.at(-1);
  if (!latest) {
    return `${kpi.name}: no check-ins yet; baseline ${withUnit(kpi.baseline, kpi.unit)}, target ${withUnit(kpi.target, kpi.unit)}.`;
  }
  const progress = progressWords(kpi, latest.value);
  return `${kpi.name}: latest ${withUnit(latest.value, kpi.unit)} on ${formatDay(latest.measuredOn)} against a target of ${withUnit(kpi.target, kpi.unit)} (baseline ${formatNumber(kpi.baseline)})${progress ? `; ${progress}` : ""}.`;
}

/**
 * One KPI's check-ins over time as a line, with its baseline and target as dashed lines (SPEC §6:
 * goals visible without meetings). The picture is named by a sentence giving the latest value
 * against the target, and every check-in is also in a table for screen readers.
 */
export function KpiChart({ kpi }: { kpi: KpiProgress }) {
  const titleId = useId();
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const points = kpi.checkins;
  const summary = kpiSummary(kpi);
  const values = [kpi.baseline, kpi.target, ...points.map((p) => p.value)];
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const yMin = ticks[0] ?? 0;
  const yMax = ticks.at(-1) ?? 1;
  const plotW = Math.max(40, width - MARGIN.left - MARGIN.right);
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (v: number) => MARGIN.top + plotH - ((v - yMin) / (yMax - yMin || 1)) * plotH;
  const times = points.map((p) => dayTime(p.measuredOn));
  const tMin = Math.min(...times);
  const tMax = Math.max(...times);
  const x = (t: number) =>
    tMax === tMin ? MARGIN.left + plotW / 2 : MARGIN.left + ((t - tMin) / (tMax - tMin)) * plotW;
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(times[i] ?? 0).toFixed(1)},${y(p.value).toFixed(1)}`).join("");
  const first = points[0];
  const last = points.at(-1);
  const right = MARGIN.left + plotW;
  const refLine = (value: number, label: string, tone: string) => (
    <g class={`kpi-ref kpi-${tone}`}>
      <line x1={MARGIN.left} x2={right} y1={y(value)} y2={y(value)} />
      <text x={right - 4} y={y(value) - 5} text-anchor="end">
        {label} {formatNumber(value)}
      </text>
    </g>
  );

  return (
    <figure class="kpi-chart">
      <div class="kpi-chart-frame" ref={ref}>
        <svg
          class="kpi-chart-svg"
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="img"
          aria-labelledby={titleId}
          focusable="false"
        >
          <title id={titleId}>{summary}</title>
          <text class="kpi-axis-label" x={4} y={14}>
            {kpi.unit || "Value"}
          </text>
          {ticks.map((t) => (
            <g key={t} class="kpi-tick">
              <line x1={MARGIN.left} x2={right} y1={y(t)} y2={y(t)} />
              <text x={MARGIN.left - 6} y={y(t) + 4} text-anchor="end">
                {formatNumber(t)}
              </text>
            </g>
          ))}
          {refLine(kpi.baseline, "Baseline", "baseline")}
          {refLine(kpi.target, "Target", "target")}
          {path && <path class="kpi-line" d={path} />}
          {points.map((p, i) => (
            <circle
              key={`${p.updateId}-${i}`}
              class="kpi-point"
              cx={x(times[i] ?? 0)}
              cy={y(p.value)}
              r={i === points.length - 1 ? 5 : 3.5}
            />
          ))}
          {first && (
            <text
              class="kpi-axis"
              x={x(times[0] ?? 0)}
              y={HEIGHT - 8}
              text-anchor={points.length > 1 ? "start" : "middle"}
            >
              {shortDay.format(new Date(dayTime(first.measuredOn)))}
            </text>
          )}
          {last && points.length > 1 && last.measuredOn !== first?.measuredOn && (
            <text class="kpi-axis" x={right} y={HEIGHT - 8} text-anchor="end">
              {shortDay.format(new Date(dayTime(last.measuredOn)))}
            </text>
          )}
          {points.length === 0 && (
            <text class="kpi-axis" x={MARGIN.left + plotW / 2} y={MARGIN.top + plotH / 2} text-anchor="middle">
              No check-ins yet
            </text>
          )}
        </svg>
      </div>
      <figcaption class="kpi-caption" aria-hidden="true">
        {summary}
      </figcaption>
      {/* The hidden table sits in a hidden box: a table grows to its caption's width, a box does not. */}
      {points.length > 0 && (
        <div class="visually-hidden">
          <table>
            <caption>Check-ins for {kpi.name}</caption>
            <thead>
              <tr>
                <th scope="col">Measured on</th>
                <th scope="col">Value{kpi.unit ? ` (${kpi.unit})` : ""}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={`${p.updateId}-${i}`}>
                  <td>{formatDay(p.measuredOn)}</td>
                  <td>{formatNumber(p.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
