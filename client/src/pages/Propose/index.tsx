import { ChallengeForm } from "../../components/challenge-form";
import { useTitle } from "../../lib/use-title";

export default function Propose() {
  useTitle("Propose a challenge");
  return (
    <div class="page medium">
      <h1>Propose a challenge</h1>
      <p class="muted">
        State the goal and the boundaries; the team decides how. Save a draft at any time: only the title is needed, and
        what you type is kept on this device until it is saved.
      </p>
      <ChallengeForm storageKey="crux:draft:/propose" />
    </div>
  );
}
