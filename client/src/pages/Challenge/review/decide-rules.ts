import type { FieldPlace } from "../../../components/form-problems";
import { todayIso } from "../../../lib/format";
import type { DecisionOutcome } from "../../../lib/types";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface CommitmentRow {
  key: number;
  what: string;
  ownerId: string;
  due: string;
}

export const commitmentField = (key: number, part: "what" | "owner" | "due") => `commitment-${key}-${part}`;

/** Where an API field path of the decision (`rationale`, `commitments.1.due`) is shown. */
export function locateDecisionField(path: string, rows: CommitmentRow[]): FieldPlace | null {
  if (path === "decision") return { fieldId: "decision-scale", label: "Decision" };
  if (path === "rationale") return { fieldId: "decision-rationale", label: "Rationale" };
  if (path === "nextGateOn") return { fieldId: "decision-next-gate", label: "Next gate" };
  const m = /^commitments\.(\d+)\.(what|ownerId|due)/.exec(path);
  const row = m ? rows[Number(m[1])] : undefined;
  if (!m || !row) return null;
  const n = Number(m[1]) + 1;
  if (m[2] === "what") return { fieldId: commitmentField(row.key, "what"), label: `Commitment ${n}: what` };
  if (m[2] === "ownerId") return { fieldId: commitmentField(row.key, "owner"), label: `Commitment ${n}: owner` };
  return { fieldId: commitmentField(row.key, "due"), label: `Commitment ${n}: due` };
}

/** What is wrong with the decision before it is sent, by API path; empty when nothing is. */
export function decisionProblems({
  decision,
  rationale,
  nextGate,
  rows,
}: {
  decision: "" | DecisionOutcome;
  rationale: string;
  nextGate: string;
  rows: CommitmentRow[];
}): Record<string, string> {
  const messages: Record<string, string> = {};
  const today = todayIso();
  if (!decision) messages.decision = "Choose scale, iterate or stop.";
  if (rationale.trim().length < 10) messages.rationale = "Explain the decision so the team can learn from it.";
  if (nextGate && !ISO_DATE.test(nextGate)) messages.nextGateOn = "Enter a date.";
  else if (nextGate && nextGate < today) messages.nextGateOn = "The next gate is in the future.";
  rows.forEach((r, i) => {
    if (r.what.trim().length < 3) messages[`commitments.${i}.what`] = "Say what is committed.";
    if (!r.ownerId) messages[`commitments.${i}.ownerId`] = "Choose who owns it.";
    if (!ISO_DATE.test(r.due)) messages[`commitments.${i}.due`] = "Enter the date it is due.";
    else if (r.due < today) messages[`commitments.${i}.due`] = "A commitment is due in the future.";
  });
  return messages;
}
