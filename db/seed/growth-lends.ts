/**
 * Demo lending agreements (issue 14 part 3, SPEC §16). Every approved lend gets its dates: from
 * the day its manager approved it for the weeks the lead asked, and never ending within the
 * reminder week unless it is one of manager@'s two stories:
 *   - a lend nearing its end (five days left, the extend-or-end reminder sent to manager@ and the
 *     lead), on an active challenge where the person already holds confirmed credit;
 *   - a lend that ended three days ago on a reviewed challenge: the seat released (the credit
 *     stays), the slot's seat freed, and manager@'s unread "lend_returned" notice of its return report.
 * Written after the earlier areas, as updates and new notifications only.
 */
import type { DemoOrganisation, DemoSection } from "./demo";
import { WELL_KNOWN } from "./people";
import { days, demoId, iso } from "./random";
import { insertRows, type SqlRow, sqlLiteral, updateById } from "./sql";

const dayOf = (ms: number) => iso(ms).slice(0, 10);
const DAY = days(1);

/** The confirmed credit a lent person earned on the challenge they were lent to. */
function creditOf(org: DemoOrganisation, lend: { challengeId: string; personId: string }) {
  return org.credit.contributions.filter(
    (k) => k.challengeId === lend.challengeId && k.personId === lend.personId && k.status === "confirmed",
  ).length;
}

/** manager@'s two stories: the approved, seated lends with the most credit on an active and on a reviewed challenge. */
export function lendStories(org: DemoOrganisation) {
  const manager = org.people.find((p) => p.email === WELL_KNOWN.manager);
  const stage = new Map(org.challenges.map((c) => [c.id, c.stage]));
  const seated = new Map(org.teams.memberships.map((m) => [m.id, m]));
  const mine = org.teams.lends.filter(
    (l) => l.managerId === manager?.id && l.status === "approved" && seated.get(l.membershipId)?.status === "active",
  );
  const best = (onStage: string) =>
    mine
      .filter((l) => stage.get(l.challengeId) === onStage)
      .sort((a, b) => creditOf(org, b) - creditOf(org, a) || a.id.localeCompare(b.id))[0];
  return { ending: best("active"), returned: best("reviewed") };
}

export const growthLendsSection: DemoSection = (org) => {
  const { now } = org;
  const { ending, returned } = lendStories(org);
  const seat = new Map(org.teams.memberships.map((m) => [m.id, m]));
  const challenge = new Map(org.challenges.map((c) => [c.id, c]));
  const person = new Map(org.people.map((p) => [p.id, p]));
  const statements: string[] = [];
  const notices: SqlRow[] = [];

  org.teams.lends
    .filter((l) => l.status === "approved" && l.decidedAt !== null)
    .forEach((l, i) => {
      const startsOn = dayOf(l.decidedAt ?? now);
      const planned = (l.decidedAt ?? now) + (l.durationWeeks ?? 12) * 7 * DAY;
      // Out of the reminder week, spread over a month, so the daily job has nothing to say at once.
      const earliest = now + (14 + (i % 30)) * DAY;
      statements.push(
        updateById("lend_requests", l.id, { starts_on: startsOn, ends_on: dayOf(Math.max(planned, earliest)) }),
      );
    });

  const notice = (
    key: string,
    recipientId: string,
    kind: string,
    l: NonNullable<typeof ending>,
    at: number,
    data: object,
  ) =>
    notices.push({
      id: demoId("ntf", `growth-lends:${key}:${recipientId}`),
      recipient_id: recipientId,
      kind,
      challenge_id: l.challengeId,
      actor_id: null,
      data: JSON.stringify({ lendId: l.id, personName: person.get(l.personId)?.name ?? "", ...data }),
      read_at: null,
      created_at: iso(at),
    });

  if (ending) {
    const endsOn = dayOf(now + 5 * DAY);
    const remindedAt = now - 2 * DAY;
    statements.push(updateById("lend_requests", ending.id, { ends_on: endsOn, end_reminder_at: iso(remindedAt) }));
    const lead = challenge.get(ending.challengeId)?.leadId;
    for (const to of [ending.managerId, lead]) {
      if (to) notice("ending", to, "lend_ending", ending, remindedAt, { endsOn, sharePercent: ending.sharePercent });
    }
  }

  if (returned) {
    const closedAt = now - 3 * DAY;
    const m = seat.get(returned.membershipId);
    statements.push(
      updateById("lend_requests", returned.id, {
        ends_on: dayOf(closedAt),
        end_reminder_at: iso(closedAt - 7 * DAY),
        closed_kind: "ended",
        closed_at: iso(closedAt),
      }),
      updateById("memberships", returned.membershipId, { status: "released", ended_at: iso(closedAt) }),
    );
    if (m) {
      statements.push(
        `UPDATE challenge_slots SET filled = filled - 1 WHERE id = ${sqlLiteral(m.slotId)} AND filled > 0`,
      );
      if (m.applicationId) statements.push(updateById("applications", m.applicationId, { status: "ended" }));
    }
    statements.push(
      ...insertRows("activities", [
        {
          id: demoId("act", `growth-lends:returned:${returned.id}`),
          challenge_id: returned.challengeId,
          actor_id: null,
          action: "lend_ended",
          detail: JSON.stringify({ lendId: returned.id, personId: returned.personId, reason: "" }),
          created_at: iso(closedAt),
        },
      ]),
    );
    notice("returned", returned.managerId, "lend_returned", returned, closedAt, {
      reason: "",
      endsOn: dayOf(closedAt),
    });
  }

  return [...statements, ...insertRows("notifications", notices)];
};
