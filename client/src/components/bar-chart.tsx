import { useId } from "preact/hooks";
import { formatNumber } from "../lib/format";
import { useWidth } from "../lib/use-width";
import "./bar-chart.css";

export interface Bar {
  label: string;
  value: number;
}

const ROW = 44;
const BAR = 14;

/**
 * Horizontal bars, one row each: the label above its bar and the figure at the bar's end. The
 * picture is named by a sentence listing every figure, and the figures are in a table too
 * (`table={false}` when the page shows its own table beside the chart).
 */
export function BarChart({
  title,
  bars,
  unit,
  table = true,
}: {
  title: string;
  bars: Bar[];
  unit: (value: number) => string;
  table?: boolean;
}) {
  const titleId = useId();
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const room = Math.max(40, width - 48);
  const height = bars.length * ROW;
  const words = bars.map((b) => `${b.label} ${unit(b.value)}`).join(", ");
  return (
    <figure class="bar-chart">
      <div class="bar-chart-frame" ref={ref}>
        <svg
          class="bar-chart-svg"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={titleId}
          focusable="false"
        >
          <title id={titleId}>{`${title}: ${words}.`}</title>
          {bars.map((b, i) => {
            const top = i * ROW;
            const w = Math.max(2, (b.value / max) * room);
            return (
              <g key={b.label}>
                <text class="bar-chart-label" x={0} y={top + 14}>
                  {b.label}
                </text>
                <rect class="bar-chart-track" x={0} y={top + 20} width={room} height={BAR} rx={3} />
                <rect class="bar-chart-bar" x={0} y={top + 20} width={w} height={BAR} rx={3} />
                <text class="bar-chart-value" x={w + 6} y={top + 32}>
                  {formatNumber(b.value)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      {table && (
        <div class="visually-hidden">
          <table>
            <caption>{title}</caption>
            <tbody>
              {bars.map((b) => (
                <tr key={b.label}>
                  <th scope="row">{b.label}</th>
                  <td>{unit(b.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
