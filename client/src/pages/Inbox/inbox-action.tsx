import { useState } from "preact/hooks";
import { ApplyDialog, type ApplyTarget, applyTitle } from "../../components/apply-dialog";
import { InlineAnswer } from "../../components/inline-answer";
import { type Decidable, InlineDecision } from "../../components/inline-decision";
import type { Notification } from "../../lib/types";

const idIn = (n: Notification, key: string) => {
  const v = n.data[key];
  return typeof v === "string" ? v : "";
};

const DECIDABLE: Partial<
  Record<string, { kind: Decidable["kind"]; idKey: string; personName: (n: Notification) => string }>
> = {
  application_received: { kind: "application", idKey: "applicationId", personName: (n) => n.actor?.name ?? "" },
  lend_requested: { kind: "lend", idKey: "lendId", personName: (n) => idIn(n, "personName") },
  credit_pending: { kind: "credit", idKey: "contributionId", personName: () => "" },
};

/**
 * The inline decision of an inbox item that needs the reader's action: accept or decline an
 * application, approve or decline a lend, confirm or decline credit or spend, answer a question.
 * A merge is decided on its page, where its link goes.
 */
export function InboxAction({ n, onDone }: { n: Notification; onDone: (message: string) => void }) {
  if (n.kind === "question_asked")
    return (
      <InlineAnswer questionId={idIn(n, "questionId")} askedBy={n.actor?.name ?? "the reviewer"} onDone={onDone} />
    );
  if (n.kind === "slot_invited") return <InlineApply n={n} onDone={onDone} />;
  const decidable = DECIDABLE[n.kind];
  if (!decidable) return null;
  const item: Decidable = {
    kind: decidable.kind,
    id: idIn(n, decidable.idKey),
    challengeTitle: n.challenge?.title ?? "the challenge",
    personName: decidable.personName(n),
  };
  return <InlineDecision item={item} reasonId={`inbox-reason-${n.id}`} onDone={onDone} />;
}

/** An invitation to apply (SPEC §16): Apply opens the application dialog for the slot it names. */
function InlineApply({ n, onDone }: { n: Notification; onDone: (message: string) => void }) {
  const [target, setTarget] = useState<ApplyTarget | null>(null);
  const percent = n.data.commitmentPercent;
  const invitation: ApplyTarget = {
    challengeId: n.challenge?.id ?? "",
    challengeTitle: n.challenge?.title ?? "the challenge",
    slotId: idIn(n, "slotId"),
    discipline: idIn(n, "discipline"),
    commitmentPercent: typeof percent === "number" ? percent : 0,
  };
  if (!invitation.challengeId || !invitation.slotId) return null;
  const title = applyTitle(invitation.discipline);
  return (
    <div class="button-row">
      <button
        type="button"
        class="button button-small"
        aria-haspopup="dialog"
        aria-label={`${title} on “${invitation.challengeTitle}”`}
        onClick={() => setTarget(invitation)}
      >
        {title}
      </button>
      <ApplyDialog
        target={target}
        onClose={() => setTarget(null)}
        onApplied={(_application, applied) => {
          setTarget(null);
          onDone(`Your application to “${applied.challengeTitle}” is sent; the lead decides with a note.`);
        }}
      />
    </div>
  );
}
