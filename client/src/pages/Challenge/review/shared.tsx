import type { Challenge, ShowcaseView } from "../../../lib/types";

export interface SectionProps {
  challenge: Challenge;
  view: ShowcaseView;
  onChanged: (next: ShowcaseView) => void;
}

/** Cycles present in a list, newest first. */
export function cyclesOf(items: readonly { cycle: number }[]): number[] {
  return [...new Set(items.map((i) => i.cycle))].sort((a, b) => b - a);
}

/**
 * Why a reviewer with a stake in this challenge (SPEC §10 conflict of interest) is not offered a
 * form: the server's own sentence, which names the stake, and the rule behind it.
 */
export function ConflictNote({ title, reason }: { title: string; reason: string }) {
  return (
    <div class="alert alert-info conflict-note">
      <p class="alert-title">{title}</p>
      <p>{reason} Reviewers do not judge a challenge they lead, co-lead, work on or sponsor; any other reviewer can.</p>
    </div>
  );
}
