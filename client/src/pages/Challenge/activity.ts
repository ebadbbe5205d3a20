import { listInWords } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import type { Activity } from "../../lib/types";

const FIELD_WORDS: Record<string, string> = {
  title: "the title",
  summary: "the summary",
  problem: "the problem",
  whyItMatters: "why it matters",
  "boundaries.constraints": "the constraints",
  "boundaries.outOfScope": "what is out of scope",
  assistanceNeeded: "the assistance needed",
  horizonWeeks: "the time horizon",
  fundingAsk: "the funding ask",
  fundingBreakdown: "the funding breakdown",
  kpis: "the KPIs",
  slots: "the role slots",
  tags: "the tags",
};

/** What the entry says after the actor's name: "published this challenge". */
function predicate(entry: Activity, currency: string): string {
  const detail = entry.detail;
  const amount = typeof detail.amount === "number" ? ` of ${formatMoney(detail.amount, currency)}` : "";
  switch (entry.action) {
    case "created":
      return "proposed this challenge";
    case "edited": {
      const fields = Array.isArray(detail.fields) ? (detail.fields as string[]) : [];
      return fields.length ? `edited ${listInWords(fields.map((f) => FIELD_WORDS[f] ?? f))}` : "edited this challenge";
    }
    case "published":
      return "published this challenge";
    case "withdrawn":
      return "withdrew this challenge";
    case "funded":
      return "fully funded this challenge";
    case "started":
      return "started the work";
    case "submitted":
      return "submitted the showcase for review";
    case "decided":
      return typeof detail.decision === "string" ? `decided to ${detail.decision}` : "recorded the review decision";
    case "archived":
      return "archived this challenge";
    case "backed":
      return "backed this challenge";
    case "unbacked":
      return "stopped backing this challenge";
    case "commented":
      return "commented";
    case "pledged":
      return typeof detail.amount === "number" ? `pledged ${formatMoney(detail.amount, currency)}` : "pledged funding";
    case "pledge_withdrawn":
      return `withdrew a pledge${amount}`;
    case "spend_reported":
      return `reported spend${amount}`;
    case "spend_approved":
      return `approved spend${amount}`;
    case "spend_declined":
      return `declined spend${amount}`;
    default:
      return entry.action.replace(/_/g, " ");
  }
}

/** A human sentence for an activity entry: "Ines Costa published this challenge". */
export function describeActivity(entry: Activity, currency = "USD"): { actor: string; rest: string } {
  if (!entry.actor && entry.action === "funded") return { actor: "Pledges", rest: "fully funded this challenge" };
  return { actor: entry.actor?.name ?? "Crux", rest: predicate(entry, currency) };
}

/** Words for the fields `viewer.missingForPublish` names. */
export const MISSING_WORDS: Record<string, string> = {
  summary: "a summary",
  problem: "the problem statement",
  kpis: "at least one KPI (a measurable goal)",
  "boundaries.constraints": "the constraints (boundaries)",
  horizonWeeks: "a time horizon in weeks",
  fundingAsk: "a funding ask (0 if you need no money)",
};
