import type { Team } from "../../../lib/types";
import { disciplinesInWords } from "./words";

/** Team coverage (SPEC §6) at a glance: disciplines the team has, required seats filled, and gaps. */
export function Coverage({ team }: { team: Team }) {
  const c = team.coverage;
  return (
    <>
      <h3>Coverage</h3>
      <div class="coverage">
        <p>
          <span class="coverage-name">Disciplines covered:</span>{" "}
          {c.disciplinesCovered.length ? disciplinesInWords(c.disciplinesCovered) : "none yet"}
        </p>
        {c.requiredSeats > 0 ? (
          <div class="coverage-meter">
            <p id="coverage-required">
              <span class="coverage-name">Required roles filled:</span> {c.requiredSeatsFilled} of {c.requiredSeats}
            </p>
            <progress
              class="meter"
              value={c.requiredSeatsFilled}
              max={c.requiredSeats}
              aria-labelledby="coverage-required"
            >
              {c.requiredSeatsFilled} of {c.requiredSeats}
            </progress>
          </div>
        ) : (
          <p>
            <span class="coverage-name">Required roles filled:</span> no role is marked required
          </p>
        )}
        <p>
          <span class="coverage-name">Wanted but missing:</span>{" "}
          {c.disciplinesMissing.length ? disciplinesInWords(c.disciplinesMissing) : "none"}
        </p>
      </div>
    </>
  );
}
