import { formatMoney } from "../lib/money";
import "./funding-progress.css";

interface FundingProgressProps {
  /** Minor units; null when the lead has not set an ask yet. */
  ask: number | null;
  pledged: number;
  currency: string;
  /** Unique on the page: names the text that labels the bar. */
  id: string;
  /** The challenge's stage: past `open` the ask is settled, and the words say so. */
  stage?: string;
  /** What came back to the sponsors' budgets after a decision (minor units), said when above 0. */
  returned?: number;
}

/** Stages whose ask was met on the way (funded, then work, showcase and decision). */
const FUNDED_STAGES: readonly string[] = ["funded", "active", "showcase", "reviewed", "archived"];

/** Whole percent funded, from integers: 2 of 3 → 66. */
export function percentFunded(pledged: number, ask: number): number {
  if (ask <= 0) return pledged > 0 ? 100 : 0;
  return Math.min(100, Math.floor((Math.max(0, pledged) * 100) / ask));
}

/**
 * "Funded $X of $Y" with a bar while a challenge gathers pledges; "Fully funded" once the ask was
 * met; what was pledged before a withdrawal (the pledges went back). The words say it all, the bar
 * shows it at a glance.
 */
export function FundingProgress({ ask, pledged, currency, id, stage, returned = 0 }: FundingProgressProps) {
  if (ask === null) return <p class="funding-text muted small">No funding ask yet</p>;
  const funded = stage !== undefined && FUNDED_STAGES.includes(stage);
  if (ask === 0) {
    return (
      <p class="funding-text small">
        {funded ? "Endorsed by a sponsor; it needs no money" : "Needs no money, only a sponsor's endorsement"}
      </p>
    );
  }
  if (stage === "withdrawn") {
    return (
      <p class="funding-text small">
        Withdrawn with {formatMoney(pledged, currency)} of {formatMoney(ask, currency)} pledged
        {pledged > 0 && <span class="muted">; the pledges went back</span>}
      </p>
    );
  }
  const labelId = `${id}-label`;
  const percent = percentFunded(pledged, ask);
  return (
    <div class="funding-progress">
      <p class="funding-text small" id={labelId}>
        {funded && pledged >= ask ? (
          <>
            Fully funded: <strong>{formatMoney(ask, currency)}</strong>
            {returned > 0 && <span class="muted">; {formatMoney(returned, currency)} came back to the sponsors</span>}
          </>
        ) : (
          <>
            Funded <strong>{formatMoney(pledged, currency)}</strong> of {formatMoney(ask, currency)}
            <span class="muted"> ({percent}%)</span>
          </>
        )}
      </p>
      <progress class="meter" value={Math.min(pledged, ask)} max={ask} aria-labelledby={labelId}>
        {percent}%
      </progress>
    </div>
  );
}
