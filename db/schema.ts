/**
 * Crux's tables. drizzle-kit generates every migration in db/migrations from this file
 * (`npm run db:generate`); the FTS5 table and its triggers live in a custom migration because
 * drizzle has no notation for virtual tables.
 *
 * Column names are camelCase here and snake_case in SQL (`casing: "snake_case"`).
 */
import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const createdAt = () => text().notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

/** Admin-managed list of disciplines (engineering, design, …). */
export const disciplines = sqliteTable("disciplines", {
  id: text().primaryKey(),
  name: text().notNull(),
  position: integer().notNull().default(0),
  active: integer({ mode: "boolean" }).notNull().default(true),
});

/** The career framework's levels, per track (IC1–IC7, M1–M6). */
export const levels = sqliteTable(
  "levels",
  {
    id: text().primaryKey(),
    track: text({ enum: ["ic", "management"] }).notNull(),
    rank: integer().notNull(),
    name: text().notNull(),
    summary: text().notNull().default(""),
  },
  (t) => [uniqueIndex("levels_track_rank_idx").on(t.track, t.rank)],
);

/** One row (id = "org"): the organisation's settings. */
export const orgSettings = sqliteTable("org_settings", {
  id: text().primaryKey(),
  name: text().notNull(),
  currency: text().notNull().default("USD"),
  commitmentCapPercent: integer().notNull().default(100),
  responseDeadlineDays: integer().notNull().default(14),
  updatedAt: createdAt(),
});

export const people = sqliteTable(
  "people",
  {
    id: text().primaryKey(),
    email: text().notNull(),
    name: text().notNull(),
    title: text().notNull().default(""),
    disciplineId: text().references(() => disciplines.id),
    track: text({ enum: ["ic", "management"] })
      .notNull()
      .default("ic"),
    levelId: text().references(() => levels.id),
    managerId: text().references((): AnySQLiteColumn => people.id),
    /** JSON array of free tags. */
    skills: text().notNull().default("[]"),
    bio: text().notNull().default(""),
    avatarUrl: text(),
    active: integer({ mode: "boolean" }).notNull().default(true),
    /** SCIM (SPEC §17): the identity provider's own id for the person, and the name parts it sent. */
    externalId: text(),
    givenName: text(),
    familyName: text(),
    /** The identity provider's department, mapped to a discipline by `department_mappings`. */
    department: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("people_email_idx").on(t.email),
    uniqueIndex("people_external_id_idx").on(t.externalId),
    index("people_department_idx").on(t.department),
    index("people_name_idx").on(t.name, t.id),
    index("people_discipline_name_idx").on(t.disciplineId, t.name, t.id),
    index("people_manager_idx").on(t.managerId),
  ],
);

/** Global roles; every person also has `member`, stored like the others. */
export const personRoles = sqliteTable(
  "person_roles",
  {
    personId: text()
      .notNull()
      .references(() => people.id),
    role: text({ enum: ["member", "sponsor", "reviewer", "admin"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.role] }), index("person_roles_role_idx").on(t.role)],
);

export const challenges = sqliteTable(
  "challenges",
  {
    id: text().primaryKey(),
    title: text().notNull(),
    summary: text().notNull().default(""),
    problem: text().notNull().default(""),
    whyItMatters: text().notNull().default(""),
    constraints: text().notNull().default(""),
    outOfScope: text().notNull().default(""),
    assistanceNeeded: text().notNull().default(""),
    horizonWeeks: integer(),
    /** Minor units of the org currency; null until the lead states an ask. */
    fundingAsk: integer(),
    fundingBreakdown: text().notNull().default(""),
    stage: text({
      enum: ["draft", "open", "funded", "active", "showcase", "reviewed", "withdrawn", "archived"],
    })
      .notNull()
      .default("draft"),
    cycle: integer().notNull().default(1),
    leadId: text()
      .notNull()
      .references(() => people.id),
    coLeadId: text().references(() => people.id),
    /** Kept equal to count(backings) by every statement batch that changes backings. */
    backerCount: integer().notNull().default(0),
    commentCount: integer().notNull().default(0),
    /** Set when this challenge was merged into another (SPEC §8); both pages show it. */
    mergedIntoId: text(),
    /** Sort key for "newest": creation time, then the moment of publishing. */
    listedAt: createdAt(),
    publishedAt: text(),
    /**
     * When it first got a response (SPEC §8 response clock): its first pledge, or the first comment
     * by a reviewer. Kept by triggers (migration 0026), so "waiting for a response" is an index range.
     */
    respondedAt: text(),
    stageChangedAt: createdAt(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    // The marketplace walks these in sort order across stages; the stage-led ones serve `stage=`.
    index("challenges_listed_idx").on(t.listedAt, t.id),
    index("challenges_backers_idx").on(t.backerCount, t.id),
    index("challenges_stage_listed_idx").on(t.stage, t.listedAt, t.id),
    index("challenges_stage_backers_idx").on(t.stage, t.backerCount, t.id),
    index("challenges_lead_idx").on(t.leadId),
    index("challenges_co_lead_idx").on(t.coLeadId),
    index("challenges_awaiting_response_idx")
      .on(t.publishedAt)
      .where(sql`${t.stage} = 'open' AND ${t.respondedAt} IS NULL`),
  ],
);

export const challengeKpis = sqliteTable(
  "challenge_kpis",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    position: integer().notNull(),
    name: text().notNull(),
    unit: text().notNull(),
    direction: text({ enum: ["up", "down"] }).notNull(),
    baseline: real().notNull(),
    target: real().notNull(),
  },
  (t) => [index("challenge_kpis_challenge_idx").on(t.challengeId, t.position)],
);

export const challengeSlots = sqliteTable(
  "challenge_slots",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    position: integer().notNull(),
    disciplineId: text()
      .notNull()
      .references(() => disciplines.id),
    count: integer().notNull(),
    /** Seats taken; only ever changed by a conditional UPDATE so it never passes `count`. */
    filled: integer().notNull().default(0),
    skills: text().notNull().default("[]"),
    commitmentPercent: integer().notNull(),
    required: integer({ mode: "boolean" }).notNull().default(false),
    status: text({ enum: ["open", "closed"] })
      .notNull()
      .default("open"),
  },
  (t) => [
    index("challenge_slots_challenge_idx").on(t.challengeId, t.position),
    index("challenge_slots_discipline_idx").on(t.disciplineId, t.status, t.challengeId),
    check("challenge_slots_filled_check", sql`${t.filled} >= 0 AND ${t.filled} <= ${t.count}`),
  ],
);

export const challengeTags = sqliteTable(
  "challenge_tags",
  {
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    tag: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.tag] }), index("challenge_tags_tag_idx").on(t.tag, t.challengeId)],
);

export const backings = sqliteTable(
  "backings",
  {
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    personId: text()
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.personId] }), index("backings_person_idx").on(t.personId)],
);

export const comments = sqliteTable(
  "comments",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    authorId: text()
      .notNull()
      .references(() => people.id),
    body: text().notNull(),
    createdAt: createdAt(),
    /** When its author last changed the text; null if never. */
    editedAt: text(),
    /** When its author removed it: the row stays (a tombstone in place), its text is no longer shown. */
    removedAt: text(),
  },
  (t) => [index("comments_challenge_idx").on(t.challengeId, t.createdAt, t.id)],
);

/**
 * The activity actions that move a challenge between stages (`created` enters draft; the rest
 * carry `detail.to`). The dashboard's funnel and time-in-stage read only these, through a partial
 * covering index; a query uses it when its WHERE repeats `STAGE_MOVES_SQL` exactly.
 */
export const STAGE_MOVE_ACTIONS = [
  "created",
  "published",
  "funded",
  "started",
  "submitted",
  "decided",
  "withdrawn",
  "merged_into",
  "archived",
] as const;
export const STAGE_MOVES_SQL = sql.raw(`action IN (${STAGE_MOVE_ACTIONS.map((a) => `'${a}'`).join(", ")})`);

/** Append-only record of who did what, when. */
export const activities = sqliteTable(
  "activities",
  {
    id: text().primaryKey(),
    challengeId: text().references(() => challenges.id),
    actorId: text().references(() => people.id),
    action: text().notNull(),
    /** JSON object with the specifics of the action. */
    detail: text().notNull().default("{}"),
    /** Audit entries (SPEC §14): where the request came from (`CF-Connecting-IP`) and its user agent. */
    ip: text(),
    userAgent: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("activities_challenge_idx").on(t.challengeId, t.createdAt, t.id),
    index("activities_actor_idx").on(t.actorId, t.createdAt),
    index("activities_stage_moves_idx").on(t.challengeId, t.createdAt, t.action, t.detail).where(STAGE_MOVES_SQL),
  ],
);

/** Budget periods (e.g. FY27-Q1): sponsors get a budget per period (SPEC §5). */
export const budgetPeriods = sqliteTable(
  "budget_periods",
  {
    id: text().primaryKey(),
    name: text().notNull(),
    /** Inclusive ISO dates (YYYY-MM-DD). */
    startsOn: text().notNull(),
    endsOn: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("budget_periods_name_idx").on(t.name), index("budget_periods_starts_idx").on(t.startsOn)],
);

/**
 * A sponsor's budget in one period. `remaining` is the one number money moves through: every
 * change to it is a conditional UPDATE in the same batch as the ledger entry that explains it,
 * so it always equals what the ledger derives and can never go below zero.
 */
export const budgets = sqliteTable(
  "budgets",
  {
    id: text().primaryKey(),
    periodId: text()
      .notNull()
      .references(() => budgetPeriods.id),
    sponsorId: text()
      .notNull()
      .references(() => people.id),
    remaining: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("budgets_period_sponsor_idx").on(t.periodId, t.sponsorId),
    index("budgets_sponsor_idx").on(t.sponsorId),
    check("budgets_remaining_check", sql`${t.remaining} >= 0`),
  ],
);

/** A sponsor's pledge from a budget to a challenge. */
export const pledges = sqliteTable(
  "pledges",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    budgetId: text()
      .notNull()
      .references(() => budgets.id),
    sponsorId: text()
      .notNull()
      .references(() => people.id),
    amount: integer().notNull(),
    /** active → withdrawn (by the sponsor while open) or settled (the challenge closed). */
    status: text({ enum: ["active", "withdrawn", "settled"] })
      .notNull()
      .default("active"),
    createdAt: createdAt(),
    endedAt: text(),
  },
  (t) => [
    index("pledges_challenge_idx").on(t.challengeId, t.status),
    index("pledges_budget_idx").on(t.budgetId),
    index("pledges_sponsor_idx").on(t.sponsorId, t.createdAt),
    check("pledges_amount_check", sql`${t.amount} >= 0`),
  ],
);

/** Spend the lead reports against a challenge's funding; it counts once a sponsor approves it. */
export const spendReports = sqliteTable(
  "spend_reports",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    reporterId: text()
      .notNull()
      .references(() => people.id),
    amount: integer().notNull(),
    description: text().notNull(),
    spentOn: text().notNull(),
    status: text({ enum: ["pending", "approved", "declined"] })
      .notNull()
      .default("pending"),
    decidedById: text().references(() => people.id),
    decisionNote: text().notNull().default(""),
    decidedAt: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("spend_reports_challenge_idx").on(t.challengeId, t.createdAt),
    check("spend_reports_amount_check", sql`${t.amount} > 0`),
  ],
);

/**
 * The append-only ledger (SPEC §5). Every balance is derived from it. `amount` is in minor
 * units and positive, except an allocation that reduces a budget. Spend belongs to the
 * challenge as a whole (like an expense paid from a collective), so spend entries have no
 * budget; a budget's share of it is derived (see worker/domain/ledger.ts).
 */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: text().primaryKey(),
    type: text({ enum: ["allocation", "pledge", "pledge_withdrawal", "spend", "return"] }).notNull(),
    budgetId: text().references(() => budgets.id),
    challengeId: text().references(() => challenges.id),
    pledgeId: text().references(() => pledges.id),
    spendReportId: text().references(() => spendReports.id),
    amount: integer().notNull(),
    actorId: text().references(() => people.id),
    /** For spend entries: the sponsor who approved the report. */
    approvedById: text().references(() => people.id),
    memo: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("ledger_budget_idx").on(t.budgetId, t.createdAt, t.id),
    index("ledger_challenge_idx").on(t.challengeId, t.createdAt, t.id),
    // A pledge's returns are summed for every budget balance; without it that is a ledger scan per pledge.
    index("ledger_pledge_idx").on(t.pledgeId),
  ],
);

/**
 * `Idempotency-Key`s of requests that move money: the first request with a key owns it and its
 * answer is stored, so a repeat gets that answer again instead of moving money twice.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    personId: text().notNull(),
    key: text().notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text().notNull(),
    status: integer(),
    responseBody: text(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

/** A person's application to a role slot, with a pitch (SPEC §6). */
export const applications = sqliteTable(
  "applications",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    slotId: text()
      .notNull()
      .references(() => challengeSlots.id),
    applicantId: text()
      .notNull()
      .references(() => people.id),
    pitch: text().notNull(),
    status: text({ enum: ["pending", "accepted", "declined", "withdrawn", "ended"] })
      .notNull()
      .default("pending"),
    decidedById: text().references(() => people.id),
    decisionNote: text().notNull().default(""),
    decidedAt: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("applications_challenge_idx").on(t.challengeId, t.status, t.createdAt),
    index("applications_applicant_idx").on(t.applicantId, t.createdAt),
    // One live application per person and slot; withdrawn and declined ones may be followed by another.
    uniqueIndex("applications_live_idx").on(t.slotId, t.applicantId).where(sql`${t.status} IN ('pending', 'accepted')`),
  ],
);

/**
 * A seat on a challenge's team. `pending_lend` until the member's manager lends them;
 * `released` when the lead releases them or they leave, `lend_declined` when the manager says no.
 */
export const memberships = sqliteTable(
  "memberships",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    slotId: text()
      .notNull()
      .references(() => challengeSlots.id),
    personId: text()
      .notNull()
      .references(() => people.id),
    applicationId: text().references(() => applications.id),
    commitmentPercent: integer().notNull(),
    status: text({ enum: ["pending_lend", "active", "released", "lend_declined"] }).notNull(),
    createdAt: createdAt(),
    endedAt: text(),
  },
  (t) => [
    index("memberships_challenge_idx").on(t.challengeId, t.status),
    index("memberships_person_idx").on(t.personId, t.status),
    index("memberships_slot_idx").on(t.slotId, t.status),
    uniqueIndex("memberships_live_idx")
      .on(t.challengeId, t.personId)
      .where(sql`${t.status} IN ('pending_lend', 'active')`),
  ],
);

/** A manager's loan of a report's time to a challenge (SPEC §6: lending, not hoarding). */
export const lendRequests = sqliteTable(
  "lend_requests",
  {
    id: text().primaryKey(),
    membershipId: text()
      .notNull()
      .references(() => memberships.id),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    personId: text()
      .notNull()
      .references(() => people.id),
    managerId: text()
      .notNull()
      .references(() => people.id),
    sharePercent: integer().notNull(),
    durationWeeks: integer(),
    status: text({ enum: ["pending", "approved", "declined"] })
      .notNull()
      .default("pending"),
    reason: text().notNull().default(""),
    decidedAt: text(),
    /** The lending agreement (SPEC §16): the ISO dates the lend runs from and to. */
    startsOn: text(),
    endsOn: text(),
    /** When the extend-or-end reminder went out for the current end date. */
    endReminderAt: text(),
    /** How the lend closed: at its end date, or recalled early by the manager. */
    closedKind: text({ enum: ["ended", "recalled"] }),
    closedAt: text(),
    recallReason: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("lend_requests_manager_idx").on(t.managerId, t.status, t.createdAt),
    index("lend_requests_membership_idx").on(t.membershipId),
    index("lend_requests_ends_idx").on(t.status, t.endsOn),
  ],
);

/** In-app notifications (SPEC §9 inbox). */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text().primaryKey(),
    recipientId: text()
      .notNull()
      .references(() => people.id),
    kind: text().notNull(),
    challengeId: text().references(() => challenges.id),
    actorId: text().references(() => people.id),
    /** JSON object with what the message needs (titles, amounts, notes). */
    data: text().notNull().default("{}"),
    readAt: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_recipient_idx").on(t.recipientId, t.createdAt, t.id),
    index("notifications_unread_idx").on(t.recipientId).where(sql`${t.readAt} IS NULL`),
  ],
);

/** Milestones of a challenge (SPEC §6): planned → done, or slipped with a reason. */
export const milestones = sqliteTable(
  "milestones",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    title: text().notNull(),
    dueOn: text().notNull(),
    status: text({ enum: ["planned", "done", "slipped"] })
      .notNull()
      .default("planned"),
    slipReason: text().notNull().default(""),
    createdById: text()
      .notNull()
      .references(() => people.id),
    doneAt: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [index("milestones_challenge_idx").on(t.challengeId, t.dueOn)],
);

/** Progress updates in Markdown: status without meetings (SPEC §6). */
/**
 * Who a comment or update mentions (`@designer`), as resolved when the text was written: the
 * handle as typed and the person it named. Once a row exists its person has been told, so an
 * edit that keeps or repeats the mention tells nobody again.
 */
export const mentions = sqliteTable(
  "mentions",
  {
    /** A comment's or an update's id (`cm_…`, `upd_…`). */
    itemId: text().notNull(),
    handle: text().notNull(),
    personId: text()
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.handle] }), index("mentions_item_person_idx").on(t.itemId, t.personId)],
);

export const updates = sqliteTable(
  "updates",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    authorId: text()
      .notNull()
      .references(() => people.id),
    body: text().notNull(),
    createdAt: createdAt(),
    /** When its author last changed the text; null if never. */
    editedAt: text(),
    /** When its author removed it: the row and its KPI check-ins stay, its text is no longer shown. */
    removedAt: text(),
  },
  (t) => [
    index("updates_challenge_idx").on(t.challengeId, t.createdAt, t.id),
    index("updates_created_idx").on(t.createdAt),
  ],
);

/** A KPI's measured value on a date, reported with an update. */
export const kpiCheckins = sqliteTable(
  "kpi_checkins",
  {
    id: text().primaryKey(),
    updateId: text()
      .notNull()
      .references(() => updates.id),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    kpiId: text()
      .notNull()
      .references(() => challengeKpis.id),
    value: real().notNull(),
    measuredOn: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("kpi_checkins_kpi_idx").on(t.kpiId, t.measuredOn),
    index("kpi_checkins_challenge_idx").on(t.challengeId),
  ],
);

/**
 * Credit records (SPEC §6): never deleted. Credit recorded for someone else is `pending` until
 * they confirm it; only `confirmed` credit counts; retraction is a visible, audited state.
 */
export const contributions = sqliteTable(
  "contributions",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    personId: text()
      .notNull()
      .references(() => people.id),
    recordedById: text()
      .notNull()
      .references(() => people.id),
    type: text().notNull(),
    description: text().notNull(),
    hours: real(),
    status: text({ enum: ["pending", "confirmed", "declined", "retracted"] }).notNull(),
    declineReason: text().notNull().default(""),
    retractedById: text().references(() => people.id),
    retractReason: text().notNull().default(""),
    confirmedAt: text(),
    endedAt: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("contributions_person_idx").on(t.personId, t.status, t.createdAt),
    index("contributions_challenge_idx").on(t.challengeId, t.createdAt),
    index("contributions_confirmed_idx").on(t.status, t.confirmedAt),
  ],
);

/** A teammate's or lead's endorsement of confirmed credit, with a note. */
export const endorsements = sqliteTable(
  "endorsements",
  {
    id: text().primaryKey(),
    contributionId: text()
      .notNull()
      .references(() => contributions.id),
    endorserId: text()
      .notNull()
      .references(() => people.id),
    note: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("endorsements_unique_idx").on(t.contributionId, t.endorserId),
    index("endorsements_endorser_idx").on(t.endorserId),
  ],
);

/** Public thanks from anyone to anyone, tied to a challenge. */
export const kudos = sqliteTable(
  "kudos",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    fromId: text()
      .notNull()
      .references(() => people.id),
    toId: text()
      .notNull()
      .references(() => people.id),
    message: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("kudos_to_idx").on(t.toId, t.createdAt), index("kudos_from_idx").on(t.fromId, t.createdAt)],
);

/** The career framework's dimensions for impact packets (admin-managed; SPEC §7). */
export const frameworkDimensions = sqliteTable("framework_dimensions", {
  id: text().primaryKey(),
  name: text().notNull(),
  description: text().notNull().default(""),
  position: integer().notNull().default(0),
  /** JSON array of the contribution types that evidence this dimension. */
  contributionTypes: text().notNull().default("[]"),
});

/** The outcome showcase of one cycle of a challenge (SPEC §6); frozen once submitted. */
export const showcases = sqliteTable(
  "showcases",
  {
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    cycle: integer().notNull(),
    summary: text().notNull().default(""),
    /** JSON array of {kpiId, actual, note}. */
    kpiResults: text().notNull().default("[]"),
    /** JSON array of {title, url}. */
    artifacts: text().notNull().default("[]"),
    lessons: text().notNull().default(""),
    recommendation: text({ enum: ["scale", "iterate", "stop"] }),
    recommendationNote: text().notNull().default(""),
    submittedAt: text(),
    updatedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.cycle] })],
);

/** Weighted review criteria (admin-managed; defaults in migration 0009). */
export const reviewCriteria = sqliteTable("review_criteria", {
  id: text().primaryKey(),
  name: text().notNull(),
  description: text().notNull().default(""),
  /** Percent; the active criteria's weights sum to 100. */
  weight: integer().notNull(),
  position: integer().notNull().default(0),
  active: integer({ mode: "boolean" }).notNull().default(true),
});

/** A reviewer's scores (1–5 per criterion) and feedback on one cycle's showcase; revisable. */
export const reviews = sqliteTable(
  "reviews",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    cycle: integer().notNull(),
    reviewerId: text()
      .notNull()
      .references(() => people.id),
    /** JSON object {criterionId: score}. */
    scores: text().notNull(),
    /** The weighted score × 100 at the time of the review (criteria may change later). */
    weightedScore: integer().notNull(),
    feedback: text().notNull(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [uniqueIndex("reviews_unique_idx").on(t.challengeId, t.cycle, t.reviewerId)],
);

/**
 * The team's replies to a review, and the reviewer's follow-ups, in one thread under it (SPEC §6:
 * review is a two-way dialogue). Replies are never edited or deleted: they are part of the record.
 */
export const reviewReplies = sqliteTable(
  "review_replies",
  {
    id: text().primaryKey(),
    reviewId: text()
      .notNull()
      .references(() => reviews.id),
    authorId: text()
      .notNull()
      .references(() => people.id),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("review_replies_review_idx").on(t.reviewId, t.createdAt)],
);

/** Questions on a showcase, and the thread of answers under each (SPEC §6: a dialogue). */
export const questions = sqliteTable(
  "questions",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    cycle: integer().notNull(),
    authorId: text()
      .notNull()
      .references(() => people.id),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("questions_challenge_idx").on(t.challengeId, t.cycle, t.createdAt)],
);

export const answers = sqliteTable(
  "answers",
  {
    id: text().primaryKey(),
    questionId: text()
      .notNull()
      .references(() => questions.id),
    authorId: text()
      .notNull()
      .references(() => people.id),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("answers_question_idx").on(t.questionId, t.createdAt)],
);

/** A reviewer's decision on a cycle: scale, iterate or stop, with its rationale. */
export const decisions = sqliteTable(
  "decisions",
  {
    id: text().primaryKey(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    cycle: integer().notNull(),
    decision: text({ enum: ["scale", "iterate", "stop"] }).notNull(),
    rationale: text().notNull(),
    nextGateOn: text(),
    decidedById: text()
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("decisions_cycle_idx").on(t.challengeId, t.cycle),
    index("decisions_created_idx").on(t.createdAt),
  ],
);

/** What a decision commits: resources, by whom, by when; tracked like milestones. */
export const commitments = sqliteTable(
  "commitments",
  {
    id: text().primaryKey(),
    decisionId: text()
      .notNull()
      .references(() => decisions.id),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    what: text().notNull(),
    ownerId: text()
      .notNull()
      .references(() => people.id),
    dueOn: text().notNull(),
    status: text({ enum: ["open", "done"] })
      .notNull()
      .default("open"),
    doneAt: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("commitments_challenge_idx").on(t.challengeId, t.dueOn),
    index("commitments_open_idx").on(t.status, t.dueOn),
  ],
);

/** A showcase day with its agenda (SPEC §6). */
export const showcaseEvents = sqliteTable(
  "showcase_events",
  {
    id: text().primaryKey(),
    title: text().notNull(),
    heldOn: text().notNull(),
    location: text().notNull().default(""),
    createdById: text()
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index("showcase_events_held_idx").on(t.heldOn)],
);

export const showcaseEventItems = sqliteTable(
  "showcase_event_items",
  {
    eventId: text()
      .notNull()
      .references(() => showcaseEvents.id),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    position: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.challengeId] }),
    index("showcase_event_items_challenge_idx").on(t.challengeId),
  ],
);

/** A proposal to merge one challenge into another; it happens when both leads consent (SPEC §8). */
export const mergeRequests = sqliteTable(
  "merge_requests",
  {
    id: text().primaryKey(),
    sourceId: text()
      .notNull()
      .references(() => challenges.id),
    targetId: text()
      .notNull()
      .references(() => challenges.id),
    requestedById: text()
      .notNull()
      .references(() => people.id),
    status: text({ enum: ["pending", "accepted", "declined", "cancelled"] })
      .notNull()
      .default("pending"),
    note: text().notNull().default(""),
    decidedById: text().references(() => people.id),
    decidedAt: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("merge_requests_target_idx").on(t.targetId, t.status),
    index("merge_requests_source_idx").on(t.sourceId),
  ],
);

/**
 * Personal API tokens for integrations (SPEC §12): an admin issues one for a person and its secret
 * is shown once. Only the SHA-256 of the secret is kept, so a leaked database leaks no tokens;
 * `prefix` (the secret's first characters) lets people tell their tokens apart.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text().primaryKey(),
    personId: text()
      .notNull()
      .references(() => people.id),
    name: text().notNull(),
    /** Lower-case hex SHA-256 of the whole secret (`crux_…`). */
    tokenHash: text().notNull(),
    prefix: text().notNull(),
    createdById: text()
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    /** Refreshed at most once a minute, so using a token does not write on every request. */
    lastUsedAt: text(),
    expiresAt: text(),
    revokedAt: text(),
    /** `read` tokens may only read; `read write` tokens may also change things (SPEC §12). */
    scope: text({ enum: ["read", "read write"] })
      .notNull()
      .default("read write"),
  },
  (t) => [uniqueIndex("api_tokens_hash_idx").on(t.tokenHash), index("api_tokens_person_idx").on(t.personId)],
);

/**
 * Server-side sessions for dev and demo sign-in (SPEC §12). The cookie holds an opaque random
 * secret; only its SHA-256 is kept, so a leaked database leaks no sessions. A session slides
 * (`expiresAt` = last use + 7 days) but never outlives `absoluteExpiresAt` (creation + 30 days).
 * Sign-out deletes the row, so a copied cookie is worth nothing afterwards.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    /** Public id, to list and end a session without revealing its secret. */
    id: text().primaryKey(),
    tokenHash: text().notNull(),
    personId: text()
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    /** Refreshed at most once a minute, so a busy tab does not write on every request. */
    lastUsedAt: text().notNull(),
    expiresAt: text().notNull(),
    absoluteExpiresAt: text().notNull(),
    userAgent: text().notNull().default(""),
    ip: text(),
  },
  (t) => [uniqueIndex("sessions_token_hash_idx").on(t.tokenHash), index("sessions_person_idx").on(t.personId)],
);

/**
 * A person's calendar feed (SPEC §15): at most one live token each, in the feed's URL, because
 * calendar apps send no cookies. Only its SHA-256 is kept; rotating replaces the row and revoking
 * deletes it, so an old URL finds nothing.
 */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    personId: text()
      .primaryKey()
      .references(() => people.id),
    /** Lower-case hex SHA-256 of the whole secret (`cal_…`). */
    tokenHash: text().notNull(),
    createdAt: createdAt(),
    /** When a calendar app last fetched the feed, refreshed at most hourly; null until then. */
    lastUsedAt: text(),
  },
  (t) => [uniqueIndex("calendar_feeds_token_hash_idx").on(t.tokenHash)],
);

/**
 * SCIM bearer tokens (SPEC §17): issued by an admin for an identity provider, valid only under
 * /scim/v2. Only the SHA-256 of the secret is kept.
 */
export const scimTokens = sqliteTable(
  "scim_tokens",
  {
    id: text().primaryKey(),
    name: text().notNull(),
    tokenHash: text().notNull(),
    prefix: text().notNull(),
    createdById: text()
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    lastUsedAt: text(),
    revokedAt: text(),
  },
  (t) => [uniqueIndex("scim_tokens_hash_idx").on(t.tokenHash)],
);

/**
 * Groups an identity provider pushes. A group whose name names a global role (sponsor, reviewer,
 * admin) grants it to its members; any other group is kept and grants nothing.
 */
export const scimGroups = sqliteTable(
  "scim_groups",
  {
    id: text().primaryKey(),
    displayName: text().notNull(),
    externalId: text(),
    role: text({ enum: ["sponsor", "reviewer", "admin"] }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  // Names are unique without regard to case: "Sponsors" and "sponsors" would grant the same role.
  (t) => [uniqueIndex("scim_groups_name_idx").on(sql`lower(${t.displayName})`)],
);

export const scimGroupMembers = sqliteTable(
  "scim_group_members",
  {
    groupId: text()
      .notNull()
      .references(() => scimGroups.id),
    personId: text()
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.personId] }), index("scim_group_members_person_idx").on(t.personId)],
);

/** The identity provider's departments, mapped by an admin to disciplines (SPEC §17). */
export const departmentMappings = sqliteTable("department_mappings", {
  department: text().primaryKey(),
  disciplineId: text()
    .notNull()
    .references(() => disciplines.id),
});

// ─── The leadership dashboard's rollup (SPEC §18: cost follows the page) ──────────────────────
// worker/services/dashboard.ts refreshes these from the live tables (the daily cron, or when the
// delta grows); between refreshes the dashboard adds a live delta for what changed since. What
// changed is kept by triggers (migration 0019), in the same transaction as each change, so no
// write path in the app needs to know. No foreign keys: a fact outlives nothing, it is replaced.

/** Challenges and people whose dashboard facts may differ from the rollup's (kind `challenge` or `person`). */
export const dashboardDirty = sqliteTable(
  "dashboard_dirty",
  { kind: text({ enum: ["challenge", "person"] }).notNull(), id: text().notNull() },
  (t) => [primaryKey({ columns: [t.kind, t.id] })],
);

/**
 * Each challenge's part of the funnel and team figures at the last refresh: when it was created,
 * the funnel stages it reached (bit i for FUNNEL[i]; draft always) and, once its team started,
 * how many distinct disciplines it has (null when it counts for no team).
 */
export const dashboardChallengeFacts = sqliteTable("dashboard_challenge_facts", {
  challengeId: text().primaryKey(),
  createdAt: text().notNull(),
  reached: integer().notNull(),
  teamDisciplines: integer(),
});

/** Each completed stay of a challenge in a stage at the last refresh: when it ended and how many whole days it took. */
export const dashboardStayFacts = sqliteTable(
  "dashboard_stay_facts",
  {
    challengeId: text().notNull(),
    stage: text(),
    leftAt: text().notNull(),
    days: integer(),
  },
  (t) => [index("dashboard_stay_facts_challenge_idx").on(t.challengeId)],
);

/** Each active IC's participation row at the last refresh. */
export const dashboardPersonFacts = sqliteTable("dashboard_person_facts", {
  personId: text().primaryKey(),
  disciplineId: text(),
  levelId: text(),
  participating: integer().notNull(),
});

/**
 * The facts added up at the last refresh, per figure: `reached` (day the challenges were created,
 * stage: n), `stay` (day the stays ended, stage, days: n), `participation` (discipline, level:
 * n people, m participating) and `teams` (n disciplines over m teams); `reached_all` and
 * `stay_all` are the first two over all time, without days. Days are the window's
 * bucket of an instant (see dashboard.ts `dayBucketSql`).
 */
export const dashboardRollup = sqliteTable(
  "dashboard_rollup",
  {
    figure: text({ enum: ["reached", "reached_all", "stay", "stay_all", "participation", "teams"] }).notNull(),
    day: text(),
    stage: text(),
    days: integer(),
    disciplineId: text(),
    levelId: text(),
    n: integer().notNull(),
    m: integer().notNull().default(0),
  },
  // Covering: a window's sums read the index alone.
  (t) => [index("dashboard_rollup_figure_day_idx").on(t.figure, t.day, t.stage, t.days, t.n)],
);

// ---------------------------------------------------------------------------------------------
// Growth (SPEC §16)

/** A person's progression plan (SPEC §16), co-owned with their current manager; one per person. */
export const progressionPlans = sqliteTable(
  "progression_plans",
  {
    id: text().primaryKey(),
    personId: text()
      .notNull()
      .references(() => people.id),
    /** "next_level": aims at `targetLevelId`; "grow_in_level": growth at the current IC level. */
    targetKind: text({ enum: ["next_level", "grow_in_level"] }).notNull(),
    targetLevelId: text().references(() => levels.id),
    summary: text().notNull().default(""),
    /** The version the goals below belong to; each PUT that changes the plan adds one. */
    version: integer().notNull().default(1),
    /** When the next quarterly check-in reminder is due (ISO date). */
    nextReminderOn: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("progression_plans_person_idx").on(t.personId),
    index("progression_plans_reminder_idx").on(t.nextReminderOn),
  ],
);

/** The current goals of a plan: 2–6, each tied to a framework dimension. */
export const planGoals = sqliteTable(
  "plan_goals",
  {
    id: text().primaryKey(),
    planId: text()
      .notNull()
      .references(() => progressionPlans.id),
    /**
     * A framework dimension's id. No foreign key: an admin replaces the framework wholesale
     * (worker/services/org-admin.ts), and a goal outlives a dimension that is renamed or removed.
     */
    dimensionId: text().notNull(),
    title: text().notNull(),
    /** What would show the goal is met. */
    evidenceWanted: text().notNull().default(""),
    position: integer().notNull(),
  },
  (t) => [index("plan_goals_plan_idx").on(t.planId, t.position)],
);

/**
 * Every version of a plan, kept for good: a JSON snapshot of the target and goals, and who
 * acknowledged it. A version is agreed once both the person and a manager acknowledged it.
 */
export const planVersions = sqliteTable(
  "plan_versions",
  {
    id: text().primaryKey(),
    planId: text()
      .notNull()
      .references(() => progressionPlans.id),
    version: integer().notNull(),
    /** JSON: {targetKind, targetLevelId, summary, goals: [...]}. */
    snapshot: text().notNull(),
    authorId: text()
      .notNull()
      .references(() => people.id),
    personAckAt: text(),
    managerAckAt: text(),
    managerAckById: text().references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("plan_versions_plan_version_idx").on(t.planId, t.version)],
);

/** Evidence the person confirmed for a goal: a pointer to credit that already exists. */
export const planEvidence = sqliteTable(
  "plan_evidence",
  {
    id: text().primaryKey(),
    goalId: text()
      .notNull()
      .references(() => planGoals.id),
    planId: text()
      .notNull()
      .references(() => progressionPlans.id),
    kind: text({ enum: ["contribution", "outcome", "endorsement", "kudos", "lend", "review"] }).notNull(),
    /** The id of the contribution, KPI check-in, endorsement, kudos, lend request or review. */
    sourceId: text().notNull(),
    addedById: text()
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("plan_evidence_unique_idx").on(t.goalId, t.kind, t.sourceId),
    index("plan_evidence_plan_idx").on(t.planId),
  ],
);

/** Dated check-ins on a plan, from the person or their manager. */
export const planCheckins = sqliteTable(
  "plan_checkins",
  {
    id: text().primaryKey(),
    planId: text()
      .notNull()
      .references(() => progressionPlans.id),
    authorId: text()
      .notNull()
      .references(() => people.id),
    note: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("plan_checkins_plan_idx").on(t.planId, t.createdAt)],
);

/** Skills an endorsement names (SPEC §16: skills with evidence). */
export const endorsementSkills = sqliteTable(
  "endorsement_skills",
  {
    endorsementId: text()
      .notNull()
      .references(() => endorsements.id),
    /** Lower-case skill tag, as slots and profiles spell them. */
    skill: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.endorsementId, t.skill] }), index("endorsement_skills_skill_idx").on(t.skill)],
);

/** A lead's invitation to a person to apply for a slot ("people who have done this"). */
export const slotInvitations = sqliteTable(
  "slot_invitations",
  {
    id: text().primaryKey(),
    slotId: text()
      .notNull()
      .references(() => challengeSlots.id),
    challengeId: text()
      .notNull()
      .references(() => challenges.id),
    personId: text()
      .notNull()
      .references(() => people.id),
    invitedById: text()
      .notNull()
      .references(() => people.id),
    note: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("slot_invitations_unique_idx").on(t.slotId, t.personId),
    index("slot_invitations_person_idx").on(t.personId, t.createdAt),
  ],
);

// ---------------------------------------------------------------------------------------------
// Integrations (SPEC §15)

/**
 * One outbox (SPEC §15): every event that leaves the app, written in the same D1 batch as the
 * change that caused it. The queue consumer fans each row out into `deliveries`.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text().primaryKey(),
    /** The event type from the catalogue, e.g. "challenge.published". */
    type: text().notNull(),
    /** JSON: the event's data, as webhooks send it. */
    data: text().notNull(),
    /** The person the event needs action from or is about, for personal channels; null for org-wide. */
    recipientId: text().references(() => people.id),
    challengeId: text().references(() => challenges.id),
    /** Set once the row was handed to the queue. */
    enqueuedAt: text(),
    /** Set once every delivery for it exists. */
    fannedOutAt: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_pending_idx").on(t.createdAt).where(sql`${t.fannedOutAt} IS NULL`),
    index("outbox_recipient_idx").on(t.recipientId, t.createdAt),
  ],
);

/**
 * One delivery of an outbox event to one channel and target. Its id is stable (derived from the
 * event, channel and target), so a retried fan-out or send never makes a second one.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text().primaryKey(),
    outboxId: text()
      .notNull()
      .references(() => outbox.id),
    channel: text({ enum: ["email", "slack", "teams", "webhook"] }).notNull(),
    /** A person id (e-mail, Slack DM), a channel mapping id, or a webhook endpoint id. */
    target: text().notNull(),
    /** "digest": held for the recipient's daily or weekly digest. */
    status: text({ enum: ["pending", "delivered", "failed", "dead", "digest", "skipped"] })
      .notNull()
      .default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text().notNull().default(""),
    lastStatusCode: integer(),
    latencyMs: integer(),
    nextAttemptAt: text(),
    deliveredAt: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("deliveries_outbox_idx").on(t.outboxId),
    index("deliveries_target_idx").on(t.channel, t.target, t.createdAt),
    index("deliveries_status_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** Each attempt at a delivery, for the webhook delivery log. */
export const deliveryAttempts = sqliteTable(
  "delivery_attempts",
  {
    id: text().primaryKey(),
    deliveryId: text()
      .notNull()
      .references(() => deliveries.id),
    attempt: integer().notNull(),
    statusCode: integer(),
    error: text().notNull().default(""),
    latencyMs: integer(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("delivery_attempts_unique_idx").on(t.deliveryId, t.attempt)],
);

/** A person's choices per kind of event (SPEC §15); a missing row means the defaults. */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    personId: text()
      .notNull()
      .references(() => people.id),
    /** The event type, e.g. "application.created". */
    kind: text().notNull(),
    email: integer({ mode: "boolean" }).notNull().default(true),
    slack: integer({ mode: "boolean" }).notNull().default(true),
    cadence: text({ enum: ["immediately", "daily", "weekly", "off"] }).notNull(),
    updatedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.kind] })],
);

/** Everything paused until a date, per person. */
export const notificationPauses = sqliteTable("notification_pauses", {
  personId: text()
    .primaryKey()
    .references(() => people.id),
  until: text().notNull(),
});

/** Registered webhook endpoints (SPEC §15). The secret is kept to sign; it is shown once. */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text().primaryKey(),
    url: text().notNull(),
    description: text().notNull().default(""),
    /** JSON array of event types. */
    events: text().notNull(),
    /** The Standard Webhooks secret, "whsec_" + base64. */
    secret: text().notNull(),
    status: text({ enum: ["enabled", "disabled"] })
      .notNull()
      .default("enabled"),
    /** When the current run of failures began; null while deliveries succeed. */
    failingSince: text(),
    disabledAt: text(),
    createdById: text()
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_endpoints_status_idx").on(t.status)],
);

/** Slack channels and Teams incoming webhooks the admin maps org-wide events to (SPEC §15). */
export const channelRoutes = sqliteTable(
  "channel_routes",
  {
    id: text().primaryKey(),
    provider: text({ enum: ["slack", "teams"] }).notNull(),
    /** A Slack channel id (C…), or a Teams Workflows webhook URL. */
    target: text().notNull(),
    label: text().notNull().default(""),
    /** JSON array of org-wide event types. */
    events: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("channel_routes_provider_idx").on(t.provider)],
);

/** Slack users matched to people by e-mail, cached after the first lookup. */
export const slackUsers = sqliteTable(
  "slack_users",
  {
    personId: text()
      .primaryKey()
      .references(() => people.id),
    slackUserId: text().notNull(),
    updatedAt: createdAt(),
  },
  (t) => [uniqueIndex("slack_users_slack_idx").on(t.slackUserId)],
);
