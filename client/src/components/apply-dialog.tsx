import { useRef, useState } from "preact/hooks";
import { api } from "../lib/api";
import { ApiError, call, messageOf } from "../lib/http";
import type { Application } from "../lib/types";
import { useAction } from "../lib/use-action";
import { disciplineName } from "../state/org";
import { Alert } from "./alert";
import { TextAreaField } from "./field";
import { ModalDialog } from "./modal-dialog";
import { SubmitOrCancel } from "./submit-or-cancel";

const PITCH_MIN = 10;
const PITCH_MAX = 2000;

/** The role someone applies for: enough to name it and post to it. */
export interface ApplyTarget {
  challengeId: string;
  challengeTitle: string;
  slotId: string;
  discipline: string;
  commitmentPercent: number;
}

/** "Apply for the Data role": the dialog's title, and its accessible name. */
export function applyTitle(discipline: string) {
  return `Apply for the ${disciplineName(discipline)} role`;
}

/**
 * The application dialog (SPEC §6): a pitch to the lead, sent to the slot. A refusal (the slot
 * filled, you applied already, you joined meanwhile) is shown in the dialog in the API's words.
 */
export function ApplyDialog({
  target,
  onClose,
  onApplied,
  onRefused,
  fallbackFocus,
}: {
  /** The role being applied for; null while the dialog is closed. */
  target: ApplyTarget | null;
  onClose: () => void;
  onApplied: (application: Application, target: ApplyTarget) => void;
  /** The API refused (409): what the page shows is out of date. */
  onRefused?: () => void;
  fallbackFocus?: () => HTMLElement | null;
}) {
  const [busy, setBusy] = useState(false);
  // The last target, so the title stays while the dialog closes.
  const last = useRef(target);
  if (target) last.current = target;
  const title = last.current ? applyTitle(last.current.discipline) : "Apply";
  return (
    <ModalDialog open={target !== null} onClose={onClose} title={title} busy={busy} fallbackFocus={fallbackFocus}>
      {target && (
        <ApplyForm
          target={target}
          onBusy={setBusy}
          onCancel={onClose}
          onApplied={(app) => onApplied(app, target)}
          onRefused={onRefused}
        />
      )}
    </ModalDialog>
  );
}

function ApplyForm({
  target,
  onBusy,
  onCancel,
  onApplied,
  onRefused,
}: {
  target: ApplyTarget;
  onBusy: (busy: boolean) => void;
  onCancel: () => void;
  onApplied: (application: Application) => void;
  onRefused?: () => void;
}) {
  const [pitch, setPitch] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const { busy: sending, error: refusal, run, setError: setRefusal } = useAction();
  const length = pitch.trim().length;

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    if (length < PITCH_MIN) {
      setFieldError(`Say in a sentence or two why you fit (at least ${PITCH_MIN} characters).`);
      document.getElementById("apply-pitch")?.focus();
      return;
    }
    onBusy(true);
    setFieldError(undefined);
    await run(
      async () => {
        const application = await call(
          api.challenges[":id"].slots[":slotId"].applications.$post({
            param: { id: target.challengeId, slotId: target.slotId },
            json: { pitch: pitch.trim() },
          }),
        );
        onApplied(application);
      },
      {
        fail: (err) => {
          if (err instanceof ApiError && err.fields.pitch) {
            setFieldError(err.fields.pitch);
            document.getElementById("apply-pitch")?.focus();
          } else {
            setRefusal(messageOf(err));
            if (err instanceof ApiError && err.status === 409) onRefused?.();
          }
        },
      },
    );
    onBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate>
      <p class="muted small">
        To “{target.challengeTitle}”, for {target.commitmentPercent}% of your time. The lead reads your pitch and
        accepts or declines it with a note.
      </p>
      {refusal && <Alert title="Your application was not sent">{refusal}</Alert>}
      <TextAreaField
        id="apply-pitch"
        label="Your pitch"
        hint={`Why you fit and what you would bring: ${PITCH_MIN} to ${PITCH_MAX} characters.`}
        describedBy="apply-pitch-count"
        maxLength={PITCH_MAX}
        value={pitch}
        onInput={setPitch}
        error={fieldError}
        after={
          <p class="counter" id="apply-pitch-count">
            {length} of {PITCH_MAX} characters
          </p>
        }
      />
      <SubmitOrCancel label="Send application" busyLabel="Sending…" busy={sending} onCancel={onCancel} />
    </form>
  );
}
