import { STAGE_LABELS } from "../lib/format";
import type { Stage } from "../lib/types";
import "./stage-badge.css";

/** The stage as a coloured badge; the word carries the meaning, the colour only helps. */
export function StageBadge({ stage }: { stage: Stage }) {
  return <span class={`badge stage-${stage}`}>{STAGE_LABELS[stage]}</span>;
}
