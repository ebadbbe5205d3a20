import { formatDay } from "../lib/format";
import type { LendRequest } from "../lib/types";

/**
 * What a manager weighs before lending someone (SPEC §16): their current load against the
 * organisation's cap, and the other lends they are on now.
 */
export function LendLoad({ lend }: { lend: Pick<LendRequest, "load" | "otherLends" | "person" | "state"> }) {
  const { commitmentPercent, capPercent } = lend.load;
  const over = commitmentPercent > capPercent;
  const seated = lend.state === "pending" || lend.state === "live";
  return (
    <div class="lend-load">
      <p class="small">
        <strong>{lend.person.name}'s current load:</strong> {commitmentPercent}% of the {capPercent}% cap
        {seated ? ", this lend included" : ""}
        {over ? " (over the cap)" : ""}.
      </p>
      {lend.otherLends.length === 0 ? (
        <p class="small muted">No other running lends.</p>
      ) : (
        <>
          <p class="small">Other running lends:</p>
          <ul class="small lend-others">
            {lend.otherLends.map((o) => (
              <li key={o.id}>
                <a href={`/challenges/${o.challenge.id}`}>{o.challenge.title}</a>: {o.sharePercent}%
                {o.endsOn ? `, until ${formatDay(o.endsOn)}` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
