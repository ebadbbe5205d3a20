import { useId } from "preact/hooks";
import { formatMoney } from "../lib/money";

export interface BarSegment {
  label: string;
  /** Minor units. */
  value: number;
  /** Picks the colour: `bar-<tone>` in styles.css. */
  tone: "spent" | "pending" | "available" | "returned" | "committed" | "remaining";
}

interface StackedBarProps {
  /** What the whole bar is: "Pledged $10,000.00". */
  title: string;
  segments: BarSegment[];
  currency: string;
}

/**
 * One horizontal bar split into its parts, with a legend that gives every part's amount in words,
 * so neither colour nor the picture is the only way to read it.
 */
export function StackedBar({ title, segments, currency }: StackedBarProps) {
  const titleId = useId();
  const parts = segments.map((s) => ({ ...s, value: Math.max(0, s.value) }));
  const total = parts.reduce((sum, s) => sum + s.value, 0);
  const words = parts.map((s) => `${s.label} ${formatMoney(s.value, currency)}`).join(", ");
  let x = 0;
  return (
    <figure class="stacked-bar">
      <svg
        class="stacked-bar-svg"
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        role="img"
        aria-labelledby={titleId}
        focusable="false"
      >
        <title id={titleId}>{`${title}: ${words}`}</title>
        <rect class="bar-track" width="100" height="10" />
        {total > 0 &&
          parts
            .filter((s) => s.value > 0)
            .map((s) => {
              const width = (s.value / total) * 100;
              const rect = (
                <rect
                  key={s.label}
                  class={`bar-${s.tone}`}
                  x={x}
                  width={width}
                  height="10"
                  vector-effect="non-scaling-stroke"
                />
              );
              x += width;
              return rect;
            })}
      </svg>
      <figcaption>
        <ul class="chart-legend">
          {parts.map((s) => (
            <li key={s.label} class="legend-item">
              <span class={`swatch bar-${s.tone}`} aria-hidden="true" />
              {s.label}: <strong>{formatMoney(s.value, currency)}</strong>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
