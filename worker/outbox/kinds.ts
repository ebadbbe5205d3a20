/**
 * Every kind of notification (worker/services/inbox.ts `NotificationKind`) with the words a person
 * reads on the notification settings page. `satisfies` keeps the list complete: a new kind does not
 * compile until it has a label here.
 */
import { isActionKind } from "../domain/notifications";
import type { NotificationKind } from "../services/inbox";

const LABELS = {
  application_received: "Someone applies to your challenge",
  application_decided: "Your application is decided",
  lend_requested: "Your report joins a challenge and needs your lend",
  slot_invited: "You are invited to apply for a role",
  lend_decided: "A manager decides on a lend",
  lend_ending: "A lend of your report is about to end",
  lend_extended: "A lend is extended",
  lend_ended: "A lend ends",
  lend_recalled: "A lend is recalled",
  lend_returned: "Your report is back from a lend",
  stage_changed: "A challenge you follow changes stage",
  pledge_received: "Someone pledges to your challenge",
  comment_received: "Someone comments on a challenge you follow",
  mentioned: "Someone mentions you",
  member_released: "You are released from a team",
  member_left: "A team member or applicant leaves the organisation",
  credit_pending: "Someone credits you and asks you to confirm",
  credit_confirmed: "Credit you recorded is confirmed",
  credit_declined: "Credit you recorded is declined",
  endorsement: "Someone endorses your credit",
  kudos: "Someone gives you kudos",
  milestone_slipped: "A milestone slips",
  review_posted: "A review is posted",
  question_asked: "Someone asks you a question at a showcase",
  question_answered: "Your question is answered",
  review_replied: "Someone replies to a review",
  commitment_assigned: "A commitment is assigned to you",
  showcase_scheduled: "A showcase is scheduled",
  response_overdue: "Applications wait past the response deadline",
  merge_requested: "Someone asks to merge a challenge with yours",
  merge_decided: "A merge request is decided",
  spend_reported: "A team reports spending against your pledge",
  webhook_disabled: "A webhook endpoint is disabled",
  plan_acknowledge: "A progression plan asks for your acknowledgement",
  plan_checkin: "A check-in is recorded on a progression plan",
  plan_checkin_due: "A progression plan check-in is due",
} satisfies Record<NotificationKind, string>;

export const NOTIFICATION_KINDS = Object.keys(LABELS) as NotificationKind[];

export const isNotificationKind = (kind: string): kind is NotificationKind => Object.hasOwn(LABELS, kind);

/** A kind's label, whether it asks for action, in the order the settings page lists them. */
export function kindInfo(kind: NotificationKind) {
  return { kind, label: LABELS[kind], needsAction: isActionKind(kind) };
}
