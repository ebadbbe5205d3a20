import { useEffect, useRef, useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { TextAreaField } from "../../../components/field";
import { SubmitOrCancel } from "../../../components/submit-or-cancel";
import { api } from "../../../lib/api";
import { absoluteTime, formatDate, formatDay } from "../../../lib/format";
import { call, messageOf } from "../../../lib/http";
import type { Milestone, Progress } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";

const MILESTONE_LABELS: Record<Milestone["status"], string> = {
  planned: "Planned",
  done: "Done",
  slipped: "Slipped",
};
const MILESTONE_TONES: Record<Milestone["status"], string> = {
  planned: "status-required",
  done: "status-approved",
  slipped: "status-pending",
};

export function Milestones({
  progress,
  canChange,
  onChanged,
  clearDone,
}: {
  progress: Progress;
  canChange: boolean;
  onChanged: (next: Progress, words: string) => void;
  clearDone: () => void;
}) {
  const [slipping, setSlipping] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const { busy, run } = useAction();
  const [error, setError] = useState<{ at: string; message: string } | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (slipping) document.getElementById(`slip-reason-${slipping}`)?.focus();
  }, [slipping]);

  async function change(m: Milestone, json: { status: "done" } | { status: "slipped"; slipReason: string }) {
    setError(null);
    clearDone();
    await run(
      async () => {
        const next = await call(api.milestones[":id"].$patch({ param: { id: m.id }, json }));
        setSlipping(null);
        setReason("");
        onChanged(
          { ...progress, milestones: progress.milestones.map((x) => (x.id === next.id ? next : x)) },
          json.status === "done"
            ? `“${m.title}” is marked done.`
            : `“${m.title}” is marked slipped; the team is told why.`,
        );
        // The pressed button is gone with the change: keep focus on the same milestone.
        requestAnimationFrame(() => document.getElementById(`milestone-${m.id}`)?.focus());
      },
      {
        fail: (err) => {
          setError({ at: m.id, message: messageOf(err) });
        },
      },
    );
  }

  function slip(m: Milestone) {
    if (reason.trim().length < 3) {
      setReasonError("Say why it slipped, so the team knows without a meeting.");
      document.getElementById(`slip-reason-${m.id}`)?.focus();
      return;
    }
    setReasonError(undefined);
    change(m, { status: "slipped", slipReason: reason.trim() });
  }

  return (
    <>
      <h3 id="milestones-heading">Milestones</h3>
      {progress.milestones.length === 0 ? (
        <p class="muted">
          {canChange ? "No milestones yet. Add the first one below." : "The team has not planned milestones yet."}
        </p>
      ) : (
        <ol class="plain-list milestone-list">
          {progress.milestones.map((m) => (
            <li key={m.id} id={`milestone-${m.id}`} class="milestone" tabIndex={-1}>
              <div class="cluster">
                <strong class="milestone-title">{m.title}</strong>
                <span class={`badge role ${MILESTONE_TONES[m.status]}`}>{MILESTONE_LABELS[m.status]}</span>
                {m.overdue && <span class="badge role status-declined">Overdue</span>}
              </div>
              <p class="muted small milestone-facts">
                Due <time dateTime={m.dueOn}>{formatDay(m.dueOn)}</time>
                {m.doneAt && (
                  <>
                    {" · done "}
                    <time dateTime={m.doneAt} title={absoluteTime(m.doneAt)}>
                      {formatDate(m.doneAt)}
                    </time>
                  </>
                )}
              </p>
              {m.status === "slipped" && m.slipReason && (
                <p class="small milestone-reason">
                  <span class="coverage-name">Why it slipped:</span> {m.slipReason}
                </p>
              )}
              {canChange && m.status !== "done" && (
                <div class="button-row record-actions">
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    aria-label={`Mark done: ${m.title}`}
                    disabled={busy}
                    onClick={() => change(m, { status: "done" })}
                  >
                    Mark done
                  </button>
                  {m.status === "planned" && (
                    <button
                      type="button"
                      class="button button-secondary button-small"
                      aria-label={`Mark slipped: ${m.title}`}
                      aria-expanded={slipping === m.id ? "true" : "false"}
                      disabled={busy}
                      onClick={(e) => {
                        opener.current = e.currentTarget;
                        clearDone();
                        setReason("");
                        setReasonError(undefined);
                        setSlipping(m.id);
                      }}
                    >
                      Mark slipped
                    </button>
                  )}
                </div>
              )}
              {error?.at === m.id && <Alert title="The milestone was not changed">{error.message}</Alert>}
              {slipping === m.id && (
                <div class="confirm-box">
                  <TextAreaField
                    id={`slip-reason-${m.id}`}
                    label="Why did it slip?"
                    hint="The team is told, with your reason."
                    maxLength={2000}
                    value={reason}
                    onInput={setReason}
                    error={reasonError}
                  />
                  <SubmitOrCancel
                    label="Mark as slipped"
                    busyLabel="Saving…"
                    busy={busy}
                    onSubmit={() => slip(m)}
                    onCancel={() => {
                      setSlipping(null);
                      requestAnimationFrame(() => opener.current?.focus());
                    }}
                  />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
