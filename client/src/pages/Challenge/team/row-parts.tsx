import { useEffect, useRef } from "preact/hooks";
import { Alert } from "../../../components/alert";
import type { Team } from "../../../lib/types";
import type { Confirming, RowFailure } from "./words";

/** What the member list and the slot list share: the team, who is looking, and the row confirmations. */
export interface TeamRowsProps {
  team: Team;
  myId: string | undefined;
  busy: boolean;
  confirming: Confirming;
  error: RowFailure;
  /** Opens a confirmation; `opener` gets focus back if it is cancelled. */
  ask: (confirming: Confirming, opener: HTMLElement) => void;
  cancel: () => void;
}

/** The question under a member's or slot's row before a change that cannot be undone; takes focus when it opens. */
export function ConfirmBox({
  question,
  detail,
  yes,
  no = "Cancel",
  busy,
  onYes,
  onCancel,
}: {
  question: string;
  detail: string;
  yes: string;
  no?: string;
  busy: boolean;
  onYes: () => void;
  onCancel: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmRef.current?.focus();
  }, []);
  return (
    <div class="confirm-box">
      <p>
        <strong>{question}</strong> {detail}
      </p>
      <div class="button-row">
        <button ref={confirmRef} type="button" class="button button-danger" disabled={busy} onClick={onYes}>
          {busy ? "Working…" : yes}
        </button>
        <button type="button" class="button button-secondary" disabled={busy} onClick={onCancel}>
          {no}
        </button>
      </div>
    </div>
  );
}

/** A refused change's message, beside the row (`at`) it came from. */
export function RowError({ error, at, title }: { error: RowFailure; at: string; title: string }) {
  return error?.at === at ? <Alert title={title}>{error.message}</Alert> : null;
}
