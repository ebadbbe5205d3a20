import { useState } from "preact/hooks";
import { api } from "../lib/api";
import { call } from "../lib/http";
import { useResource } from "../lib/use-resource";
import { Alert } from "./alert";
import { ApproveOrDecline, type Decision } from "./approve-or-decline";
import { LendLoad } from "./lend-load";
import "./inline-decision.css";

/** What waits on someone and can be decided in a line of a list (the inbox, My work). */
export interface Decidable {
  kind: "application" | "lend" | "credit" | "spend";
  /** The application, lend, contribution or spend report. */
  id: string;
  challengeTitle: string;
  /** The applicant, the report being lent, or who reported the spend; unused for credit (it is the reader's own). */
  personName: string;
}

/** The words and the request of each decision, by the same routes as the challenge page. */
function actionOf({ kind, id, challengeTitle: title, personName }: Decidable) {
  const param = { param: { id } };
  switch (kind) {
    case "application": {
      const whose = `${personName || "this"}'s application to ${title}`;
      return {
        approve: "Accept",
        approveName: `Accept ${whose}`,
        declineName: `Decline ${whose}`,
        reasonLabel: "Why you are declining (the applicant sees it)",
        send: (d: Decision, reason: string) =>
          call(
            api.applications[":id"].decision.$post({
              ...param,
              json: d === "approve" ? { decision: "accept" } : { decision: "decline", note: reason },
            }),
          ),
      };
    }
    case "lend": {
      const lending = `lending ${personName || "your report"} to ${title}`;
      return {
        approve: "Approve",
        approveName: `Approve ${lending}`,
        declineName: `Decline ${lending}`,
        reasonLabel: "Why you are declining (the lead and your report see it)",
        send: (d: Decision, reason: string) =>
          call(
            api.lends[":id"].decision.$post({
              ...param,
              json: d === "approve" ? { decision: "approve" } : { decision: "decline", reason },
            }),
          ),
      };
    }
    case "spend": {
      const spend = `the spend ${personName ? `${personName} reported ` : ""}on ${title}`;
      return {
        approve: "Approve",
        approveName: `Approve ${spend}`,
        declineName: `Decline ${spend}`,
        reasonLabel: "Why you are declining (the lead and the other sponsors see it)",
        send: (d: Decision, reason: string) =>
          call(
            api.spends[":id"].decision.$post({
              ...param,
              // One attempt, one key: a retry after a failure here is a new decision the route checks again.
              header: { "idempotency-key": crypto.randomUUID() },
              json: { decision: d, note: reason },
            }),
          ),
      };
    }
    case "credit":
      return {
        approve: "Confirm",
        approveName: `Confirm your credit on ${title}`,
        declineName: `Decline your credit on ${title}`,
        reasonLabel: "Why it is not yours (the person who recorded it sees it)",
        send: (d: Decision, reason: string) =>
          d === "approve"
            ? call(api.contributions[":id"].confirm.$post(param))
            : call(api.contributions[":id"].decline.$post({ ...param, json: { reason } })),
      };
  }
}

/**
 * Accept or decline an application, approve or decline a lend, confirm or decline credit, right
 * where it is listed. `onDone` hears the sentence to announce once it no longer waits.
 */
export function InlineDecision({
  item,
  reasonId,
  onDone,
}: {
  item: Decidable;
  /** The decline reason box's id, unique on the page. */
  reasonId: string;
  onDone: (message: string) => void;
}) {
  const [busy, setBusy] = useState<Decision | null>(null);
  const [error, setError] = useState("");
  const action = actionOf(item);

  async function decide(d: Decision, reason = "") {
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
    <div class="inline-decision">
      {item.kind === "lend" && <LendFacts id={item.id} />}
      {error && <Alert title="That did not work">{error}</Alert>}
      <ApproveOrDecline
        approveLabel={action.approve}
        approveAriaLabel={action.approveName}
        declineLabel="Decline"
        declineAriaLabel={action.declineName}
        reason={{
          id: reasonId,
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

/**
 * Before approving a lend where it is listed: the person's load and other lends, and the dates
 * an approval here gives it (today, for the requested weeks); another end date is set on the
 * Lend requests list of My work or the lend's page.
 */
function LendFacts({ id }: { id: string }) {
  const lend = useResource(() => call(api.lends[":id"].$get({ param: { id } })), `lend:${id}`);
  if (lend.loaded.status !== "ready") return null;
  const l = lend.loaded.value;
  if (l.state !== "pending") return null;
  return (
    <div class="inline-lend-facts">
      <p class="small">
        {l.sharePercent}% of their time{l.durationWeeks ? ` for ${l.durationWeeks} weeks` : ""}, from the day you
        approve.
      </p>
      <LendLoad lend={l} />
    </div>
  );
}
