/**
 * The demo organisation (SPEC §13) as SQL statements for an empty, migrated database.
 *
 * `demoStatements({ now })` is pure: faker draws from fixed seeds and every moment is an offset
 * from `now`, so the same `now` always gives the same SQL, and loading it on any day tells the
 * same story ("published 20 days ago"). It has no Node imports, so tests running inside
 * workerd can use it too.
 *
 * The organisation is built once as plain data (`buildDemoOrganisation`) and then written by
 * one section per area. A later area (budgets and pledges, teams, contributions…) adds its
 * builder to the data and its writer to `SECTIONS`, reading the people and challenge timelines
 * built here, without changing what the earlier sections produce.
 */
import { buildChallenges, type DemoChallenge } from "./challenges";
import { buildCredit, type DemoCredit } from "./credit";
import { buildFunding, type DemoFunding } from "./funding";
import { growthLendsSection } from "./growth-lends";
import { growthPlansSection } from "./growth-plans";
import { growthSkillsSection } from "./growth-skills";
import { buildPeople, type DemoPerson } from "./people";
import { Clock, iso } from "./random";
import { buildReview, type DemoReviewArea } from "./review";
import { insertRows, type SqlRow, sqlLiteral, updateById } from "./sql";
import { buildTeams, type DemoTeams } from "./teams";

export type { DemoChallenge } from "./challenges";
export type { DemoCredit } from "./credit";
export type { DemoFunding } from "./funding";
export { type DemoPerson, type Role, WELL_KNOWN } from "./people";
export type { DemoReviewArea } from "./review";
export type { DemoTeams } from "./teams";

export const DEMO_ORG_NAME = "Northwind Labs";

export interface DemoOptions {
  /** The moment every date in the demo is relative to. */
  now: Date;
}

export interface DemoOrganisation {
  name: string;
  /** The moment (ms) every date is relative to, for later areas that date things from it. */
  now: number;
  /** Managers before their reports. */
  people: DemoPerson[];
  challenges: DemoChallenge[];
  /** Budget periods, budgets, pledges, spend and the ledger that explains every balance. */
  funding: DemoFunding;
  /** Applications, seats, lends and the inbox they and the earlier areas filled. */
  teams: DemoTeams;
  /** Milestones, updates with KPI check-ins, credit records, endorsements, kudos and what they notified. */
  credit: DemoCredit;
  /** Showcases, reviews, question threads, decisions with commitments, showcase days and overdue notices. */
  review: DemoReviewArea;
}

export function buildDemoOrganisation({ now }: DemoOptions): DemoOrganisation {
  const clock = new Clock(now);
  const people = buildPeople(clock);
  const challenges = buildChallenges(clock, people);
  const funding = buildFunding(clock, people, challenges);
  const teams = buildTeams(clock, people, challenges, funding);
  const credit = buildCredit(clock, people, challenges, funding, teams);
  const review = buildReview(clock, people, challenges, funding, teams, credit);
  return { name: DEMO_ORG_NAME, now: clock.now, people, challenges, funding, teams, credit, review };
}

/** One area's statements, in an order that satisfies the foreign keys. */
export type DemoSection = (org: DemoOrganisation) => string[];

const organisationSection: DemoSection = (org) => {
  const since = Math.min(...org.people.map((p) => p.createdAt));
  return [
    `UPDATE org_settings SET name = ${sqlLiteral(org.name)}, updated_at = ${sqlLiteral(iso(since))} WHERE id = 'org'`,
  ];
};

const peopleSection: DemoSection = (org) => [
  ...insertRows(
    "people",
    org.people.map(
      (p): SqlRow => ({
        id: p.id,
        email: p.email,
        name: p.name,
        title: p.title,
        discipline_id: p.disciplineId,
        track: p.track,
        level_id: p.levelId,
        manager_id: p.managerId,
        skills: JSON.stringify(p.skills),
        bio: p.bio,
        avatar_url: null,
        active: true,
        created_at: iso(p.createdAt),
        updated_at: iso(p.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "person_roles",
    org.people.flatMap((p) => p.roles.map((role): SqlRow => ({ person_id: p.id, role }))),
  ),
];

const challengesSection: DemoSection = (org) => {
  const all = org.challenges;
  return [
    ...insertRows(
      "challenges",
      all.map(
        (c): SqlRow => ({
          id: c.id,
          title: c.title,
          summary: c.summary,
          problem: c.problem,
          why_it_matters: c.whyItMatters,
          constraints: c.constraints,
          out_of_scope: c.outOfScope,
          assistance_needed: c.assistanceNeeded,
          horizon_weeks: c.horizonWeeks,
          funding_ask: c.fundingAsk,
          funding_breakdown: c.fundingBreakdown,
          stage: c.stage,
          cycle: c.cycle,
          lead_id: c.leadId,
          co_lead_id: c.coLeadId,
          backer_count: c.backings.length,
          comment_count: c.comments.length,
          listed_at: iso(c.listedAt),
          published_at: c.publishedAt === null ? null : iso(c.publishedAt),
          stage_changed_at: iso(c.stageChangedAt),
          created_at: iso(c.createdAt),
          updated_at: iso(c.updatedAt),
        }),
      ),
    ),
    ...insertRows(
      "challenge_kpis",
      all.flatMap((c) =>
        c.kpis.map(
          (k, position): SqlRow => ({
            id: k.id,
            challenge_id: c.id,
            position,
            name: k.name,
            unit: k.unit,
            direction: k.direction,
            baseline: k.baseline,
            target: k.target,
          }),
        ),
      ),
    ),
    ...insertRows(
      "challenge_slots",
      all.flatMap((c) =>
        c.slots.map(
          (s, position): SqlRow => ({
            id: s.id,
            challenge_id: c.id,
            position,
            discipline_id: s.disciplineId,
            count: s.count,
            filled: 0,
            skills: JSON.stringify(s.skills),
            commitment_percent: s.commitmentPercent,
            required: s.required,
            status: s.status,
          }),
        ),
      ),
    ),
    ...insertRows(
      "challenge_tags",
      all.flatMap((c) => c.tags.map((tag): SqlRow => ({ challenge_id: c.id, tag }))),
    ),
    ...insertRows(
      "backings",
      all.flatMap((c) =>
        c.backings.map((b): SqlRow => ({ challenge_id: c.id, person_id: b.personId, created_at: iso(b.createdAt) })),
      ),
    ),
    ...insertRows(
      "comments",
      all.flatMap((c) =>
        c.comments.map(
          (m): SqlRow => ({
            id: m.id,
            challenge_id: c.id,
            author_id: m.authorId,
            body: m.body,
            created_at: iso(m.createdAt),
          }),
        ),
      ),
    ),
    ...insertRows(
      "activities",
      all.flatMap((c) =>
        c.activities.map(
          (a): SqlRow => ({
            id: a.id,
            challenge_id: c.id,
            actor_id: a.actorId,
            action: a.action,
            detail: JSON.stringify(a.detail),
            created_at: iso(a.createdAt),
          }),
        ),
      ),
    ),
  ];
};

const at = (ms: number | null) => (ms === null ? null : iso(ms));

const fundingSection: DemoSection = ({ funding }) => [
  ...insertRows(
    "budget_periods",
    funding.periods.map(
      (p): SqlRow => ({
        id: p.id,
        name: p.name,
        starts_on: p.startsOn,
        ends_on: p.endsOn,
        created_at: iso(p.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "budgets",
    funding.budgets.map(
      (b): SqlRow => ({
        id: b.id,
        period_id: b.periodId,
        sponsor_id: b.sponsorId,
        remaining: b.remaining,
        created_at: iso(b.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "pledges",
    funding.pledges.map(
      (p): SqlRow => ({
        id: p.id,
        challenge_id: p.challengeId,
        budget_id: p.budgetId,
        sponsor_id: p.sponsorId,
        amount: p.amount,
        status: p.status,
        created_at: iso(p.createdAt),
        ended_at: at(p.endedAt),
      }),
    ),
  ),
  ...insertRows(
    "spend_reports",
    funding.spendReports.map(
      (s): SqlRow => ({
        id: s.id,
        challenge_id: s.challengeId,
        reporter_id: s.reporterId,
        amount: s.amount,
        description: s.description,
        spent_on: s.spentOn,
        status: s.status,
        decided_by_id: s.decidedById,
        decision_note: s.decisionNote,
        decided_at: at(s.decidedAt),
        created_at: iso(s.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "ledger_entries",
    funding.ledger.map(
      (e): SqlRow => ({
        id: e.id,
        type: e.type,
        budget_id: e.budgetId,
        challenge_id: e.challengeId,
        pledge_id: e.pledgeId,
        spend_report_id: e.spendReportId,
        amount: e.amount,
        actor_id: e.actorId,
        approved_by_id: e.approvedById,
        memo: e.memo,
        created_at: iso(e.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "activities",
    funding.activities.map(
      (a): SqlRow => ({
        id: a.id,
        challenge_id: a.challengeId,
        actor_id: a.actorId,
        action: a.action,
        detail: JSON.stringify(a.detail),
        created_at: iso(a.createdAt),
      }),
    ),
  ),
  // Closing with money records what went back on the stage entry, as the app's close does.
  ...funding.stageDetails.map((d) => updateById("activities", d.activityId, { detail: JSON.stringify(d.detail) })),
];

const teamsSection: DemoSection = ({ teams }) => [
  ...insertRows(
    "applications",
    teams.applications.map(
      (a): SqlRow => ({
        id: a.id,
        challenge_id: a.challengeId,
        slot_id: a.slotId,
        applicant_id: a.applicantId,
        pitch: a.pitch,
        status: a.status,
        decided_by_id: a.decidedById,
        decision_note: a.decisionNote,
        decided_at: at(a.decidedAt),
        created_at: iso(a.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "memberships",
    teams.memberships.map(
      (m): SqlRow => ({
        id: m.id,
        challenge_id: m.challengeId,
        slot_id: m.slotId,
        person_id: m.personId,
        application_id: m.applicationId,
        commitment_percent: m.commitmentPercent,
        status: m.status,
        created_at: iso(m.createdAt),
        ended_at: at(m.endedAt),
      }),
    ),
  ),
  ...insertRows(
    "lend_requests",
    teams.lends.map(
      (l): SqlRow => ({
        id: l.id,
        membership_id: l.membershipId,
        challenge_id: l.challengeId,
        person_id: l.personId,
        manager_id: l.managerId,
        share_percent: l.sharePercent,
        duration_weeks: l.durationWeeks,
        status: l.status,
        reason: l.reason,
        decided_at: at(l.decidedAt),
        created_at: iso(l.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "activities",
    teams.activities.map(
      (a): SqlRow => ({
        id: a.id,
        challenge_id: a.challengeId,
        actor_id: a.actorId,
        action: a.action,
        detail: JSON.stringify(a.detail),
        created_at: iso(a.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "notifications",
    teams.notifications.map(
      (n): SqlRow => ({
        id: n.id,
        recipient_id: n.recipientId,
        kind: n.kind,
        challenge_id: n.challengeId,
        actor_id: n.actorId,
        data: JSON.stringify(n.data),
        read_at: at(n.readAt),
        created_at: iso(n.createdAt),
      }),
    ),
  ),
  // Seats taken, as the app's conditional UPDATEs count them; naming a co-lead touches the challenge.
  ...teams.filled.map((s) => updateById("challenge_slots", s.slotId, { filled: s.filled })),
  ...teams.updatedAt.map((u) => updateById("challenges", u.challengeId, { updated_at: iso(u.updatedAt) })),
];

const creditSection: DemoSection = ({ credit }) => [
  ...insertRows(
    "milestones",
    credit.milestones.map(
      (m): SqlRow => ({
        id: m.id,
        challenge_id: m.challengeId,
        title: m.title,
        due_on: m.dueOn,
        status: m.status,
        slip_reason: m.slipReason,
        created_by_id: m.createdById,
        done_at: at(m.doneAt),
        created_at: iso(m.createdAt),
        updated_at: iso(m.updatedAt),
      }),
    ),
  ),
  ...insertRows(
    "updates",
    credit.updates.map(
      (u): SqlRow => ({
        id: u.id,
        challenge_id: u.challengeId,
        author_id: u.authorId,
        body: u.body,
        created_at: iso(u.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "kpi_checkins",
    credit.checkins.map(
      (k): SqlRow => ({
        id: k.id,
        update_id: k.updateId,
        challenge_id: k.challengeId,
        kpi_id: k.kpiId,
        value: k.value,
        measured_on: k.measuredOn,
        created_at: iso(k.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "contributions",
    credit.contributions.map(
      (x): SqlRow => ({
        id: x.id,
        challenge_id: x.challengeId,
        person_id: x.personId,
        recorded_by_id: x.recordedById,
        type: x.type,
        description: x.description,
        hours: x.hours,
        status: x.status,
        decline_reason: x.declineReason,
        retracted_by_id: x.retractedById,
        retract_reason: x.retractReason,
        confirmed_at: at(x.confirmedAt),
        ended_at: at(x.endedAt),
        created_at: iso(x.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "endorsements",
    credit.endorsements.map(
      (e): SqlRow => ({
        id: e.id,
        contribution_id: e.contributionId,
        endorser_id: e.endorserId,
        note: e.note,
        created_at: iso(e.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "kudos",
    credit.kudos.map(
      (k): SqlRow => ({
        id: k.id,
        challenge_id: k.challengeId,
        from_id: k.fromId,
        to_id: k.toId,
        message: k.message,
        created_at: iso(k.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "activities",
    credit.activities.map(
      (a): SqlRow => ({
        id: a.id,
        challenge_id: a.challengeId,
        actor_id: a.actorId,
        action: a.action,
        detail: JSON.stringify(a.detail),
        created_at: iso(a.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "notifications",
    credit.notifications.map(
      (n): SqlRow => ({
        id: n.id,
        recipient_id: n.recipientId,
        kind: n.kind,
        challenge_id: n.challengeId,
        actor_id: n.actorId,
        data: JSON.stringify(n.data),
        read_at: at(n.readAt),
        created_at: iso(n.createdAt),
      }),
    ),
  ),
];

const reviewSection: DemoSection = ({ review }) => [
  ...insertRows(
    "showcases",
    review.showcases.map(
      (s): SqlRow => ({
        challenge_id: s.challengeId,
        cycle: s.cycle,
        summary: s.summary,
        kpi_results: JSON.stringify(s.kpiResults),
        artifacts: JSON.stringify(s.artifacts),
        lessons: s.lessons,
        recommendation: s.recommendation,
        recommendation_note: s.recommendationNote,
        submitted_at: at(s.submittedAt),
        updated_at: iso(s.updatedAt),
      }),
    ),
  ),
  ...insertRows(
    "reviews",
    review.reviews.map(
      (r): SqlRow => ({
        id: r.id,
        challenge_id: r.challengeId,
        cycle: r.cycle,
        reviewer_id: r.reviewerId,
        scores: JSON.stringify(r.scores),
        weighted_score: r.weightedScore,
        feedback: r.feedback,
        created_at: iso(r.createdAt),
        updated_at: iso(r.updatedAt),
      }),
    ),
  ),
  ...insertRows(
    "questions",
    review.questions.map(
      (q): SqlRow => ({
        id: q.id,
        challenge_id: q.challengeId,
        cycle: q.cycle,
        author_id: q.authorId,
        body: q.body,
        created_at: iso(q.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "answers",
    review.answers.map(
      (a): SqlRow => ({
        id: a.id,
        question_id: a.questionId,
        author_id: a.authorId,
        body: a.body,
        created_at: iso(a.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "decisions",
    review.decisions.map(
      (d): SqlRow => ({
        id: d.id,
        challenge_id: d.challengeId,
        cycle: d.cycle,
        decision: d.decision,
        rationale: d.rationale,
        next_gate_on: d.nextGateOn,
        decided_by_id: d.decidedById,
        created_at: iso(d.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "commitments",
    review.commitments.map(
      (c): SqlRow => ({
        id: c.id,
        decision_id: c.decisionId,
        challenge_id: c.challengeId,
        what: c.what,
        owner_id: c.ownerId,
        due_on: c.dueOn,
        status: c.status,
        done_at: at(c.doneAt),
        created_at: iso(c.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "showcase_events",
    review.events.map(
      (e): SqlRow => ({
        id: e.id,
        title: e.title,
        held_on: e.heldOn,
        location: e.location,
        created_by_id: e.createdById,
        created_at: iso(e.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "showcase_event_items",
    review.events.flatMap((e) =>
      e.challengeIds.map((challengeId, position): SqlRow => ({ event_id: e.id, challenge_id: challengeId, position })),
    ),
  ),
  ...insertRows(
    "activities",
    review.activities.map(
      (a): SqlRow => ({
        id: a.id,
        challenge_id: a.challengeId,
        actor_id: a.actorId,
        action: a.action,
        detail: JSON.stringify(a.detail),
        created_at: iso(a.createdAt),
      }),
    ),
  ),
  ...insertRows(
    "notifications",
    review.notifications.map(
      (n): SqlRow => ({
        id: n.id,
        recipient_id: n.recipientId,
        kind: n.kind,
        challenge_id: n.challengeId,
        actor_id: n.actorId,
        data: JSON.stringify(n.data),
        read_at: at(n.readAt),
        created_at: iso(n.createdAt),
      }),
    ),
  ),
  // The decision completes its stage entry as worker/services/review.ts `decide` writes it.
  ...review.decidedDetails.map((d) => updateById("activities", d.activityId, { detail: JSON.stringify(d.detail) })),
];

/** The areas of the demo, in load order. Later areas append theirs here. */
export const SECTIONS: readonly DemoSection[] = [
  organisationSection,
  peopleSection,
  challengesSection,
  fundingSection,
  teamsSection,
  creditSection,
  reviewSection,
  growthLendsSection,
  growthSkillsSection,
  growthPlansSection,
];

/** Every statement (without trailing semicolons) that loads the demo into an empty, migrated database. */
export function demoStatements(options: DemoOptions): string[] {
  const org = buildDemoOrganisation(options);
  return SECTIONS.flatMap((section) => section(org));
}
