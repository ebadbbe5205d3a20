import { CONTRIBUTION_LABELS } from "./credit";
import { countOf } from "./words";

/**
 * The kinds of notification that ask the reader to do something (SPEC §9). Each stays
 * `needsAction` while the thing it names still waits on the reader, however it was acted on:
 * the inbox asks the state (worker/services/inbox.ts `needsActionSql`), it does not remember.
 */
export const ACTION_KINDS = [
  "application_received",
  "lend_requested",
  "credit_pending",
  "question_asked",
  "spend_reported",
  "merge_requested",
  "slot_invited",
  "plan_acknowledge",
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const isActionKind = (kind: string): kind is ActionKind => (ACTION_KINDS as readonly string[]).includes(kind);

/** The challenge page's sections, each with its own URL fragment (SPEC §11). */
export type ChallengeSection = "overview" | "team" | "funding" | "progress" | "credit" | "showcase" | "activity";

const SECTION_OF: Record<string, ChallengeSection> = {
  application_received: "team",
  application_decided: "team",
  lend_requested: "team",
  lend_decided: "team",
  lend_ending: "team",
  lend_extended: "team",
  lend_ended: "team",
  lend_recalled: "team",
  lend_returned: "team",
  slot_invited: "team",
  member_released: "team",
  member_left: "team",
  stage_changed: "overview",
  pledge_received: "funding",
  spend_reported: "funding",
  comment_received: "activity",
  mentioned: "activity",
  credit_pending: "credit",
  credit_confirmed: "credit",
  credit_declined: "credit",
  endorsement: "credit",
  kudos: "credit",
  milestone_slipped: "progress",
  review_posted: "showcase",
  question_asked: "showcase",
  question_answered: "showcase",
  review_replied: "showcase",
  commitment_assigned: "showcase",
  showcase_scheduled: "showcase",
  response_overdue: "overview",
  merge_requested: "overview",
  merge_decided: "overview",
};

/** The id a notification's data names, as the element id it has on the challenge page. */
const ANCHORS: [key: string, prefix: string][] = [
  ["applicationId", "application"],
  ["lendId", "lend"],
  ["contributionId", "credit"],
  ["replyId", "reply"],
  ["reviewId", "review"],
  ["answerId", "answer"],
  ["questionId", "question"],
  ["spendReportId", "spend"],
  ["milestoneId", "milestone"],
  ["commentId", "comment"],
  ["updateId", "update"],
  ["mergeRequestId", "merge"],
];

/** The kinds about a running lending agreement, with the part of its page they open. */
const LEND_PAGES: Record<string, string> = {
  lend_ending: "",
  lend_extended: "",
  lend_ended: "",
  lend_recalled: "",
  lend_returned: "/report",
};

/**
 * Where opening a notification goes: the exact thing on its challenge's page
 * (`/challenges/c_1#application-ap_2`), else the section it is about, else the inbox.
 */
export function notificationLink(n: { kind: string; challengeId: string | null; data: Record<string, unknown> }) {
  // A progression plan has its own page, under its person.
  const personId = n.data.personId;
  if (n.kind.startsWith("plan_") && typeof personId === "string" && /^[\w-]+$/.test(personId))
    return `/people/${personId}/plan`;
  // A lending agreement has its own page; its return report, one more.
  const lendId = n.data.lendId;
  if (n.kind in LEND_PAGES && typeof lendId === "string" && /^[\w-]+$/.test(lendId))
    return `/lends/${lendId}${LEND_PAGES[n.kind]}`;
  if (!n.challengeId) return "/inbox";
  const base = `/challenges/${encodeURIComponent(n.challengeId)}`;
  // An invitation to apply opens the slot it is for.
  const slotId = n.data.slotId;
  if (n.kind === "slot_invited" && typeof slotId === "string" && /^[\w-]+$/.test(slotId))
    return `${base}#slot-${slotId}`;
  for (const [key, prefix] of ANCHORS) {
    const id = n.data[key];
    if (typeof id === "string" && /^[\w-]+$/.test(id)) return `${base}#${prefix}-${id}`;
  }
  const section = SECTION_OF[n.kind];
  return section && section !== "overview" ? `${base}#${section}` : base;
}

/**
 * What each notification says, in words, so every client (and a future e-mail digest) shows
 * the same sentence. `data` carries what the sentence needs beyond the actor and challenge.
 */
export interface NotificationView {
  kind: string;
  actorName: string | null;
  challengeTitle: string | null;
  data: Record<string, unknown>;
}

const str = (v: unknown, fallback = "") => (typeof v === "string" && v ? v : fallback);
const label = (type: unknown) =>
  typeof type === "string" && type in CONTRIBUTION_LABELS
    ? CONTRIBUTION_LABELS[type as keyof typeof CONTRIBUTION_LABELS].toLowerCase()
    : "contribution";

/**
 * A sentence with no doubled punctuation where quoted text already ends one: “Ship it.”. becomes
 * “Ship it.” and “Why?”. becomes “Why?”.
 */
export function tidySentence(text: string): string {
  return text
    .replace(/([.?!…])”\./g, "$1”")
    .replace(/([?!…])\.(?=\s|$)/g, "$1")
    .replace(/(?<!\.)\.\.(?=\s|$)/g, ".");
}

export function notificationMessage(n: NotificationView): string {
  return tidySentence(sentenceOf(n));
}

function sentenceOf(n: NotificationView): string {
  const who = n.actorName ?? "Someone";
  const what = n.challengeTitle ? `“${n.challengeTitle}”` : "a challenge";
  switch (n.kind) {
    case "application_received":
      return `${who} applied to the ${str(n.data.discipline, "open")} role on ${what}.`;
    case "application_decided":
      return n.data.decision === "accept"
        ? `${who} accepted you onto ${what}${n.data.pendingLend ? "; your manager is asked to lend your time" : ""}.`
        : `${who} declined your application to ${what}${str(n.data.note) ? `: ${str(n.data.note)}` : "."}`;
    case "lend_requested":
      return `${str(n.data.personName, "Your report")} joined ${what} for ${n.data.sharePercent ?? "?"}% of their time; approve or decline the lend.`;
    case "lend_decided":
      return n.data.decision === "approve"
        ? `${who} lent ${str(n.data.personName, "their report")} to ${what}.`
        : `${who} declined to lend ${str(n.data.personName, "their report")} to ${what}${str(n.data.reason) ? `: ${str(n.data.reason)}` : "."}`;
    case "slot_invited":
      return `${who} invited you to apply for the ${str(n.data.discipline, "open")} role on ${what}${str(n.data.note) ? `: “${str(n.data.note)}”.` : "."}`;
    case "lend_ending":
      return `The lend of ${str(n.data.personName, "your report")} to ${what} ends on ${str(n.data.endsOn, "its end date")}; extend it or let it end.`;
    case "lend_extended":
      return `${who} extended the lend of ${str(n.data.personName, "a report")} to ${what} until ${str(n.data.endsOn, "a later date")}.`;
    case "lend_ended":
      return n.actorName
        ? `${who} ended the lend of ${str(n.data.personName, "a report")} to ${what}; their credit stays theirs.`
        : `The lend of ${str(n.data.personName, "a report")} to ${what} reached its end date; their credit stays theirs.`;
    case "lend_recalled":
      return `${who} recalled ${str(n.data.personName, "their report")} from ${what}${str(n.data.reason) ? `: ${str(n.data.reason)}` : "."} The seat is open again.`;
    case "lend_returned":
      return `${str(n.data.personName, "Your report")} is back from ${what}; read the return report of their credit, outcomes and endorsements.`;
    case "stage_changed":
      // A person moved it (publish, start, withdraw…): say who. Nobody moves it to funded: the pledges do.
      return n.actorName
        ? `${n.actorName} moved ${what} to ${str(n.data.to, "a new stage")}.`
        : `${what} is now ${str(n.data.to, "in a new stage")}${n.data.to === "funded" ? ": its funding ask is met" : ""}.`;
    case "pledge_received":
      return `${who} pledged to ${what}.`;
    case "comment_received":
      return `${who} commented on ${what}.`;
    case "mentioned":
      return `${who} mentioned you in ${n.data.updateId ? "an update" : "a comment"} on ${what}.`;
    case "member_released":
      return `${who} released you from the team of ${what}.`;
    case "member_left":
      return n.data.seat
        ? `${str(n.data.personName, "A member")} has left the organisation; their seat on ${what} stays theirs until you release it.`
        : `${str(n.data.personName, "An applicant")} has left the organisation; their application to ${what} is withdrawn.`;
    case "credit_pending":
      return `${who} credited you with ${label(n.data.type)} on ${what}: “${str(n.data.description)}”. Confirm it so it counts.`;
    case "credit_confirmed":
      return `${who} confirmed the ${label(n.data.type)} credit you recorded on ${what}.`;
    case "credit_declined":
      return `${who} declined the ${label(n.data.type)} credit you recorded on ${what}${str(n.data.reason) ? `: ${str(n.data.reason)}` : "."}`;
    case "endorsement":
      return `${who} endorsed your ${label(n.data.type)} credit on ${what}${str(n.data.note) ? `: “${str(n.data.note)}”` : "."}`;
    case "kudos":
      return `${who} thanked you for ${what}${str(n.data.message) ? `: “${str(n.data.message)}”` : "."}`;
    case "milestone_slipped":
      return `${who} marked the milestone “${str(n.data.title)}” on ${what} as slipped${str(n.data.reason) ? `: ${str(n.data.reason)}` : "."}`;
    case "review_posted":
      return `${who} reviewed the showcase of ${what}.`;
    case "question_asked":
      return `${who} asked about the showcase of ${what}: “${str(n.data.body)}”`;
    case "question_answered":
      return `${who} replied on the showcase of ${what}: “${str(n.data.body)}”`;
    case "review_replied":
      return `${who} replied to a review of the showcase of ${what}: “${str(n.data.body)}”`;
    case "commitment_assigned":
      return `${who} decided “${str(n.data.decision)}” on ${what} and committed you to follow-up work.`;
    case "showcase_scheduled":
      return `${what} is on the agenda of ${str(n.data.title, "a showcase day")}${str(n.data.heldOn) ? ` on ${str(n.data.heldOn)}` : ""}.`;
    case "response_overdue":
      return `${what} has waited ${typeof n.data.days === "number" ? countOf(n.data.days, "day") : "many days"} without a sponsor's pledge or a reviewer's response; leadership sees it as overdue.`;
    case "spend_reported":
      return `${who} reported spend on ${what}${str(n.data.description) ? `: “${str(n.data.description)}”` : ""}; approve or decline it.`;
    case "merge_requested":
      return `${who} proposes merging ${str(n.data.sourceTitle, "their challenge")} into ${what}.`;
    case "merge_decided":
      return `${who} ${n.data.decision === "accept" ? "accepted" : "declined"} merging ${str(n.data.sourceTitle, "a challenge")} into ${what}.`;
    case "plan_acknowledge":
      return n.data.reason === "new_manager"
        ? `You are now ${str(n.data.personName, "a report")}’s manager; read and acknowledge their progression plan.`
        : `${who} changed ${n.data.forManager ? `${str(n.data.personName, "your report")}’s` : "your"} progression plan (version ${n.data.version ?? "?"}); read and acknowledge it.`;
    case "plan_checkin":
      return `${who} added a check-in to ${n.data.forManager ? `${str(n.data.personName, "your report")}’s` : "your"} progression plan${str(n.data.note) ? `: “${str(n.data.note)}”` : "."}`;
    case "plan_checkin_due":
      return `A quarterly check-in on ${n.data.forManager ? `${str(n.data.personName, "your report")}’s` : "your"} progression plan is due; add one together.`;
    default:
      return `${who} did something on ${what}.`;
  }
}
