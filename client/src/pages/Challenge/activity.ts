import { CONTRIBUTION_LABELS } from "../../lib/credit-words";
import { listInWords } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import type { Activity, ContributionType } from "../../lib/types";

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

const SLOT_FIELD_WORDS: Record<string, string> = {
  discipline: "discipline",
  count: "seats",
  skills: "skills",
  commitmentPercent: "commitment",
  required: "required flag",
  status: "whether it takes applicants",
};

/**
 * What the page knows to name the people and slots an entry points at by id: the activity feed
 * carries ids only, so names come from the team and the challenge the page has already read.
 */
export interface ActivityNames {
  person: (id: string) => string | undefined;
  /** "the Data role", or undefined for a slot that is gone. */
  slot: (id: string) => string | undefined;
  /** Who is reading: their own entries say "You", and they are "you" in others'. */
  viewerId?: string;
}

const NO_NAMES: ActivityNames = { person: () => undefined, slot: () => undefined };

const idOf = (value: unknown) => (typeof value === "string" ? value : "");

/** "software", "data curation": a contribution type inside a sentence. */
const creditType = (type: unknown) =>
  typeof type === "string" && type in CONTRIBUTION_LABELS
    ? CONTRIBUTION_LABELS[type as ContributionType].toLowerCase()
    : "a";

/** What the entry says after the actor's name: "published this challenge". */
function predicate(entry: Activity, currency: string, names: ActivityNames): string {
  const detail = entry.detail;
  const person = names.person(idOf(detail.personId));
  const slot = names.slot(idOf(detail.slotId));
  const amount = typeof detail.amount === "number" ? ` of ${formatMoney(detail.amount, currency)}` : "";
  const title = idOf(detail.title);
  const reason = idOf(detail.reason);
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
    case "comment_edited":
      return "edited their comment";
    case "comment_removed":
      return "removed their comment";
    case "update_edited":
      return "edited their update";
    case "update_removed":
      return "removed their update";
    case "pledged":
      // Amounts reach only those who may read the ledger (SPEC §14); everyone sees that a pledge happened.
      return typeof detail.amount === "number"
        ? `pledged ${formatMoney(detail.amount, currency)}`
        : "pledged to this challenge";
    case "pledge_withdrawn":
      return `withdrew a pledge${amount}`;
    case "spend_reported":
      return `reported spend${amount}`;
    case "spend_approved":
      return `approved spend${amount}`;
    case "spend_declined":
      return `declined spend${amount}`;
    case "applied":
      return `applied to ${slot ?? "a role"}`;
    case "application_withdrawn":
      return "withdrew their application";
    case "application_accepted": {
      const who = person ? `accepted ${person} onto the team` : "accepted an application";
      return detail.pendingLend ? `${who}, pending their manager's lend` : who;
    }
    case "application_declined":
      return person ? `declined ${person}'s application` : "declined an application";
    case "lend_approved":
      return person ? `lent ${person} to this challenge` : "approved a lend to this challenge";
    case "lend_declined":
      return person ? `declined to lend ${person} to this challenge` : "declined a lend to this challenge";
    case "member_released":
      return person ? `released ${person} from the team` : "released a team member";
    case "member_left":
      return "left the team";
    case "co_lead_named":
      return person ? `named ${person} co-lead` : "named a co-lead";
    case "co_lead_removed":
      return "removed the co-lead";
    case "slot_added": {
      const discipline = typeof detail.discipline === "string" ? detail.discipline : "";
      return `added ${slot ?? (discipline ? `a ${discipline} role` : "a role slot")}`;
    }
    case "slot_edited": {
      const fields = Array.isArray(detail.fields) ? (detail.fields as string[]) : [];
      const what = fields.length ? ` (${listInWords(fields.map((f) => SLOT_FIELD_WORDS[f] ?? f))})` : "";
      return `edited ${slot ?? "a role slot"}${what}`;
    }
    case "slot_removed":
      return `removed ${slot ?? "a role slot"}`;
    case "milestone_added":
      return title ? `added the milestone “${title}”` : "added a milestone";
    case "milestone_done":
      return title ? `marked the milestone “${title}” done` : "marked a milestone done";
    case "milestone_slipped":
      return `marked the milestone ${title ? `“${title}” ` : ""}as slipped${reason ? `: ${reason}` : ""}`;
    case "milestone_edited":
      return title ? `changed the milestone “${title}”` : "changed a milestone";
    case "update_posted": {
      const checkins = typeof detail.checkins === "number" ? detail.checkins : 0;
      return checkins
        ? `posted an update with ${checkins === 1 ? "a KPI check-in" : `${checkins} KPI check-ins`}`
        : "posted an update";
    }
    case "credit_recorded": {
      const type = creditType(detail.type);
      return person ? `recorded ${type} credit for ${person}` : `recorded ${type} credit`;
    }
    case "credit_confirmed":
      return "confirmed credit recorded for them";
    case "credit_declined":
      return `declined credit recorded for them${reason ? `: ${reason}` : ""}`;
    case "credit_endorsed":
      return "endorsed a teammate's credit";
    case "credit_retracted":
      return `retracted ${person ? `${person}'s` : "a"} credit${reason ? `: ${reason}` : ""}`;
    case "kudos_given": {
      const to = names.person(idOf(detail.toId));
      return to ? `thanked ${to}` : "thanked a teammate";
    }
    case "showcase_saved":
      return typeof detail.cycle === "number" ? `saved the cycle ${detail.cycle} showcase` : "saved the showcase";
    case "question_asked":
      return "asked a question on the showcase";
    case "question_answered":
      return "replied in a showcase question thread";
    case "reviewed":
      return typeof detail.cycle === "number" ? `reviewed the cycle ${detail.cycle} showcase` : "reviewed the showcase";
    case "review_replied":
      return "replied in a review's thread";
    case "commitment_done":
      return "marked a commitment done";
    case "commitment_reopened":
      return "reopened a commitment";
    case "merge_requested":
      return "proposed merging this challenge into another";
    case "merged_into":
      return "merged this challenge into another";
    case "merged_from":
      return title ? `merged “${title}” into this challenge` : "merged another challenge into this one";
    default:
      return entry.action.replace(/_/g, " ");
  }
}

/** A human sentence for an activity entry: "Ines Costa published this challenge". */
export function describeActivity(
  entry: Activity,
  currency = "USD",
  names: ActivityNames = NO_NAMES,
): { actor: string; rest: string } {
  if (!entry.actor && entry.action === "funded") return { actor: "Pledges", rest: "fully funded this challenge" };
  const rest = predicate(entry, currency, names);
  // The viewer's own entries read "You withdrew your application", not their name.
  if (entry.actor && entry.actor.id === names.viewerId)
    return { actor: "You", rest: rest.replace(/\btheir\b/, "your") };
  return { actor: entry.actor?.name ?? "Crux", rest };
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
