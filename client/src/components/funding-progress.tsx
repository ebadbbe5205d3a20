import { formatMoney } from "../lib/money";
import "./funding-progress.css";

interface FundingProgressProps {
  /** Minor units; null when the lead has not set an ask yet. */
  ask: number | null;
  pledged: number;
  currency: string;
  /** Unique on the page: names the text that labels the bar. */
  id: string;
}

/** Whole percent funded, from integers: 2 of 3 → 66. */
export function percentFunded(pledged: number, ask: number): number {
  if (ask <= 0) return pledged > 0 ? 100 : 0;
  return Math.min(100, Math.floor((Math.max(0, pledged) * 100) / ask));
}

/** "Funded $X of $Y" with a bar; the words say it all, the bar shows it at a glance. */
export function FundingProgress({ ask, pledged, currency, id }: FundingProgressProps) {
  if (ask === null) return <p class="funding-text muted small">No funding ask yet</p>;
  if (ask === 0) return <p class="funding-text small">Needs no money, only a sponsor's endorsement</p>;
  const labelId = `${id}-label`;
  const percent = percentFunded(pledged, ask);
  return (
    <div class="funding-progress">
      <p class="funding-text small" id={labelId}>
        Funded <strong>{formatMoney(pledged, currency)}</strong> of {formatMoney(ask, currency)}
        <span class="muted"> ({percent}%)</span>
      </p>
      <progress class="meter" value={Math.min(pledged, ask)} max={ask} aria-labelledby={labelId}>
        {percent}%
      </progress>
    </div>
  );
}
