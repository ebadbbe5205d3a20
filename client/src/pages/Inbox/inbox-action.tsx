import { useState } from "preact/hooks";
import { Alert } from "../../components/alert";
import { ApproveOrDecline, type Decision } from "../../components/approve-or-decline";
import { api } from "../../lib/api";
import { call } from "../../lib/http";
import type { Notification } from "../../lib/types";

const idIn = (n: Notification, key: string) => {
  const v = n.data[key];
  return typeof v === "string" ? v : "";
};

/** How an item that waits on the reader is decided right here, by the same routes as its page. */
function actionOf(n: Notification) {
  const title = n.challenge?.title ?? "the challenge";
  switch (n.kind) {
    case "application_received": {
      const id = { param: { id: idIn(n, "applicationId") } };
      const whose = `${n.actor?.name ?? "this"}'s application to ${title}`;
      return {
        approve: "Accept",
        decline: "Decline",
        approveName: `Accept ${whose}`,
        declineName: `Decline ${whose}`,
        reasonLabel: "Why you are declining (the applicant sees it)",
        send: (d: Decision, reason: string) =>
          call(
            api.applications[":id"].decision.$post({
              ...id,
              json: d === "approve" ? { decision: "accept" } : { decision: "decline", note: reason },
            }),
          ),
      };
    }
    case "lend_requested": {
      const id = { param: { id: idIn(n, "lendId") } };
      const lending = `lending ${idIn(n, "personName") || "your report"} to ${title}`;
      return {
        approve: "Approve",
        decline: "Decline",
        approveName: `Approve ${lending}`,
        declineName: `Decline ${lending}`,
        reasonLabel: "Why you are declining (the lead and your report see it)",
        send: (d: Decision, reason: string) =>
          call(
            api.lends[":id"].decision.$post({
              ...id,
              json: d === "approve" ? { decision: "approve" } : { decision: "decline", reason },
            }),
          ),
      };
    }
    case "credit_pending": {
      const id = { param: { id: idIn(n, "contributionId") } };
      return {
        approve: "Confirm",
        decline: "Decline",
        approveName: `Confirm your credit on ${title}`,
        declineName: `Decline your credit on ${title}`,
        reasonLabel: "Why it is not yours (the person who recorded it sees it)",
        send: (d: Decision, reason: string) =>
          d === "approve"
            ? call(api.contributions[":id"].confirm.$post(id))
            : call(api.contributions[":id"].decline.$post({ ...id, json: { reason } })),
      };
    }
    default:
      return null;
  }
}

/**
 * The inline decision of an inbox item that needs the reader's action: accept or decline an
 * application, approve or decline a lend, confirm or decline credit. Others (a question, spend,
 * a merge) are answered on their page, where their link goes.
 */
export function InboxAction({ n, onDone }: { n: Notification; onDone: (message: string) => void }) {
  const [busy, setBusy] = useState<Decision | null>(null);
  const [error, setError] = useState("");
  const action = actionOf(n);
  if (!action) return null;

  async function decide(d: Decision, reason = "") {
    if (!action) return;
    setBusy(d);
    setError("");
    try {
      await action.send(d, reason);
      onDone(d === "approve" ? "Done: it no longer waits on you." : "Declined: it no longer waits on you.");
    } catch (err) {
      setError(err instanceof Error ? err.message : "That did not work.");
    } finally {
      setBusy(null);
    }
  }

  return (
    <div class="inbox-action">
      {error && <Alert title="That did not work">{error}</Alert>}
      <ApproveOrDecline
        approveLabel={action.approve}
        approveAriaLabel={action.approveName}
        declineLabel={action.decline}
        declineAriaLabel={action.declineName}
        reason={{
          id: `inbox-reason-${n.id}`,
          label: action.reasonLabel,
          maxLength: 1000,
          requiredMessage: "Say why, so they know what to change.",
        }}
        busy={busy}
        onApprove={() => decide("approve")}
        onDecline={(reason) => decide("decline", reason)}
      />
    </div>
  );
}
