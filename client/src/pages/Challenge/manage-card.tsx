import { useEffect, useRef, useState } from "preact/hooks";
import { Alert } from "../../components/alert";
import { api } from "../../lib/api";
import { call } from "../../lib/http";
import type { Challenge, TransitionAction } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { MISSING_WORDS } from "./activity";

const ACTION_LABELS: Record<TransitionAction, string> = {
  publish: "Publish",
  withdraw: "Withdraw",
  start: "Start work",
  submit: "Submit for review",
  archive: "Archive",
};

const ACTION_DONE: Record<TransitionAction, string> = {
  publish: "Published: the challenge is now in the marketplace.",
  withdraw: "The challenge is withdrawn.",
  start: "Work has started.",
  submit: "The showcase is submitted for review.",
  archive: "The challenge is archived.",
};

export function ManageCard({
  challenge: ch,
  onChange,
}: {
  challenge: Challenge;
  onChange: (next: Challenge, message: string) => void;
}) {
  const { pending: busy, error, run: start } = useAction<TransitionAction>();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // The showcase is submitted from its own section, next to what it still lacks.
  const actions = ch.viewer.actions.filter((a) => a !== "submit");
  // On a draft, Publish stays visible: pressing it early says what is missing (the 409's reason).
  if (ch.stage === "draft" && !actions.includes("publish")) actions.unshift("publish");
  const missing = ch.stage === "draft" ? ch.viewer.missingForPublish : [];

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function run(action: TransitionAction) {
    setConfirming(false);
    await start(
      async () => {
        const next = await call(api.challenges[":id"].transitions.$post({ param: { id: ch.id }, json: { action } }));
        onChange(next, ACTION_DONE[action]);
      },
      { tag: action },
    );
  }

  return (
    <div class="card">
      <h2>Manage</h2>
      {ch.viewer.canEdit && (
        <p>
          <a class="button button-secondary" href={`/challenges/${ch.id}/edit`}>
            Edit challenge
          </a>
        </p>
      )}
      {missing.length > 0 && (
        <div id="missing-for-publish" class="form-section">
          <p class="alert-title">Before publishing, add:</p>
          <ul class="missing-list">
            {missing.map((m) => (
              <li key={m}>{MISSING_WORDS[m] ?? m}</li>
            ))}
          </ul>
        </div>
      )}
      {ch.stage === "active" && ch.viewer.canEdit && (
        <p class="small">
          When the work is done, write and submit the <a href="#showcase-heading">outcome showcase</a>.
        </p>
      )}
      {error && <Alert title="That did not work">{error}</Alert>}
      {actions.length > 0 ? (
        <div class="button-row">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              class={action === "withdraw" ? "button button-danger" : "button"}
              disabled={busy !== null}
              aria-describedby={action === "publish" && missing.length ? "missing-for-publish" : undefined}
              aria-expanded={action === "withdraw" ? (confirming ? "true" : "false") : undefined}
              onClick={() => (action === "withdraw" ? setConfirming(true) : run(action))}
            >
              {busy === action ? "Working…" : ACTION_LABELS[action]}
            </button>
          ))}
        </div>
      ) : (
        <p class="muted small">No stage changes are open to you right now.</p>
      )}
      {confirming && (
        <div class="confirm-box">
          <p id="withdraw-question">
            <strong>Withdraw this challenge?</strong> It leaves the marketplace for good and any pledges return to their
            sponsors.
          </p>
          <div class="button-row">
            <button ref={confirmRef} type="button" class="button button-danger" onClick={() => run("withdraw")}>
              Yes, withdraw it
            </button>
            <button type="button" class="button button-secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
