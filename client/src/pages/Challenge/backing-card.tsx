import { Alert } from "../../components/alert";
import { api } from "../../lib/api";
import { plural } from "../../lib/format";
import { call } from "../../lib/http";
import type { Challenge } from "../../lib/types";
import { useAction } from "../../lib/use-action";

export function BackingCard({
  challenge: ch,
  onChange,
  onActivity,
}: {
  challenge: Challenge;
  onChange: (next: Challenge) => void;
  onActivity: () => void;
}) {
  const { busy, error, run } = useAction();

  async function toggle() {
    await run(async () => {
      const param = { param: { id: ch.id } };
      const result = ch.backedByMe
        ? await call(api.challenges[":id"].backing.$delete(param))
        : await call(api.challenges[":id"].backing.$put(param));
      onChange({ ...ch, backedByMe: result.backed, backerCount: result.backerCount });
      onActivity();
    });
  }

  return (
    <div class="card">
      <h2 class="visually-hidden">Backing</h2>
      <p aria-live="polite">
        <strong>{plural(ch.backerCount, "backer")}</strong>
        {ch.backedByMe && <span class="muted">, including you</span>}
      </p>
      {/* Backing is offered as the server takes it (viewer.canBack); stopping is always possible. */}
      {ch.viewer.canBack || ch.backedByMe ? (
        <button
          type="button"
          class="button button-toggle"
          aria-pressed={ch.backedByMe ? "true" : "false"}
          disabled={busy}
          onClick={toggle}
        >
          {ch.backedByMe ? "Stop backing" : "Back this challenge"}
        </button>
      ) : (
        <p class="muted small">{whyNoBacking(ch)}</p>
      )}
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

/** Why the card offers no "Back this challenge" (worker/domain/lifecycle.ts `backingRefusal`, stage first). */
function whyNoBacking(ch: Challenge): string {
  if (ch.stage === "draft") return "People can back this challenge once it is published.";
  if (ch.stage === "reviewed" || ch.stage === "withdrawn" || ch.stage === "archived") {
    return `A ${ch.stage} challenge is closed; it no longer takes backers.`;
  }
  if (ch.viewer.isLead || ch.viewer.isCoLead)
    return "You lead this challenge: backers are the people who want it done.";
  return "This challenge takes no backers now.";
}
