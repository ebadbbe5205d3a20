import { useEffect, useRef, useState } from "preact/hooks";
import { TextAreaField } from "./field";
import { SubmitOrCancel } from "./submit-or-cancel";

/** The two answers to a request someone waits on. */
export type Decision = "approve" | "decline";

/** The reason box a decline opens: a decline always says why. */
export interface DeclineReasonField {
  /** The textarea's id; unique on the page, e.g. `lend-reason-${lend.id}`. */
  id: string;
  /** Its label, e.g. "Reason for declining". */
  label: string;
  /** Who reads the reason, e.g. "The lead and the other sponsors see it." */
  hint?: string;
  maxLength: number;
  /** The message shown, with focus back in the box, when Confirm decline is pressed with no reason. */
  requiredMessage: string;
}

export interface ApproveOrDeclineProps {
  /** The approve button's words, e.g. "Approve" or `Approve lending ${name}`. */
  approveLabel: string;
  /** The approve button's accessible name where its words alone are ambiguous in a list. */
  approveAriaLabel?: string;
  /** The decline button's words; it opens the reason box. */
  declineLabel: string;
  /** The decline button's accessible name where its words alone are ambiguous in a list. */
  declineAriaLabel?: string;
  /** The reason box's submit button; "Confirm decline" unless given. */
  confirmDeclineLabel?: string;
  reason: DeclineReasonField;
  /** Which decision is being sent, or null: every button is disabled while one is. */
  busy: Decision | null;
  onApprove: () => void;
  /** Called with the trimmed reason, never an empty one. */
  onDecline: (reason: string) => void;
  /**
   * Whether the reason box is open, for a list that keeps one box open at a time; leave both this
   * and `onDecliningChange` out and the component keeps the state itself.
   */
  declining?: boolean;
  onDecliningChange?: (open: boolean) => void;
}

/**
 * Approve and Decline buttons for one pending request (a lend, a spend report, an application,
 * a credit claim). Approve decides at once; Decline opens a reason box that takes focus, refuses
 * an empty reason, and sends or cancels. The words, ARIA names and the reason field come from the
 * caller; the request itself is sent by the caller in `onApprove` / `onDecline`, which shows any
 * failure beside it (e.g. an `Alert` above this component).
 */
export function ApproveOrDecline({
  approveLabel,
  approveAriaLabel,
  declineLabel,
  declineAriaLabel,
  confirmDeclineLabel = "Confirm decline",
  reason: field,
  busy,
  onApprove,
  onDecline,
  declining: decliningProp,
  onDecliningChange,
}: ApproveOrDeclineProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const declining = decliningProp ?? ownOpen;
  const setDeclining = (open: boolean) => {
    if (decliningProp === undefined) setOwnOpen(open);
    onDecliningChange?.(open);
  };
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (declining) boxRef.current?.querySelector("textarea")?.focus();
  }, [declining]);

  function approve() {
    setReasonError(undefined);
    onApprove();
  }

  function confirmDecline() {
    const why = reason.trim();
    if (!why) {
      setReasonError(field.requiredMessage);
      boxRef.current?.querySelector("textarea")?.focus();
      return;
    }
    setReasonError(undefined);
    onDecline(why);
  }

  return (
    <>
      <div class="button-row">
        <button
          type="button"
          class="button button-small"
          aria-label={approveAriaLabel}
          disabled={busy !== null}
          onClick={approve}
        >
          {busy === "approve" ? "Approving…" : approveLabel}
        </button>
        <button
          type="button"
          class="button button-danger button-small"
          aria-label={declineAriaLabel}
          aria-expanded={declining ? "true" : "false"}
          disabled={busy !== null}
          onClick={() => setDeclining(true)}
        >
          {declineLabel}
        </button>
      </div>
      {declining && (
        <div class="confirm-box" ref={boxRef}>
          <TextAreaField
            id={field.id}
            label={field.label}
            hint={field.hint}
            maxLength={field.maxLength}
            value={reason}
            onInput={setReason}
            error={reasonError}
          />
          <SubmitOrCancel
            label={confirmDeclineLabel}
            busyLabel={busy === "decline" ? "Declining…" : confirmDeclineLabel}
            busy={busy !== null}
            danger
            onSubmit={confirmDecline}
            onCancel={() => {
              setDeclining(false);
              setReasonError(undefined);
            }}
          />
        </div>
      )}
    </>
  );
}
