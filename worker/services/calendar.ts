import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { calendarFeeds, orgSettings, people } from "../../db/schema";
import type { Database } from "../middleware/db";
import { rawRows, readPlan, writeThenRead } from "./batch";
import { eventPlan } from "./review";
import { generateSecret, hashSecret } from "./secrets";
import { onTeamStatus } from "./team-sql";

/** Every feed secret starts with this, so one is recognisable in a calendar app's settings or a leak scanner. */
export const FEED_TOKEN_PREFIX = "cal_";
/** `last_used_at` moves at most this often: calendar apps poll, and a poll need not write each time. */
export const FEED_LAST_USED_GRANULARITY_MS = 60 * 60 * 1000;
/** How far back the feed reaches: recent history stays on the calendar, old years do not grow it. */
export const FEED_HISTORY_DAYS = 180;
/** Per kind of entry; far above what one person's involvement gives, so the feed stays bounded. */
const FEED_LIMIT = 500;

export interface FeedStatus {
  active: boolean;
  createdAt: string | null;
  lastUsedAt: string | null;
}

/** Whether the person has a feed, and when it was made and last fetched (never its secret). */
export function feedStatusPlan(db: Database, personId: string) {
  const query = db
    .select({ createdAt: calendarFeeds.createdAt, lastUsedAt: calendarFeeds.lastUsedAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.personId, personId))
    .limit(1);
  return readPlan(
    [query],
    ([[row]]): FeedStatus => (row ? { active: true, ...row } : { active: false, createdAt: null, lastUsedAt: null }),
  );
}

/**
 * A new secret for the person's feed, replacing any earlier one (so the old URL stops working at
 * once), with the status read back in the same batch. The secret is returned here only.
 */
export async function rotateFeed(db: Database, personId: string) {
  const secret = generateSecret(FEED_TOKEN_PREFIX);
  const tokenHash = await hashSecret(secret);
  const createdAt = new Date().toISOString();
  const { read } = await writeThenRead(
    db,
    [
      db
        .insert(calendarFeeds)
        .values({ personId, tokenHash, createdAt, lastUsedAt: null })
        .onConflictDoUpdate({ target: calendarFeeds.personId, set: { tokenHash, createdAt, lastUsedAt: null } }),
    ],
    feedStatusPlan(db, personId),
  );
  return { secret, status: read[0] };
}

/** Ends the person's feed; ending one that is gone already is no error. */
export async function revokeFeed(db: Database, personId: string) {
  const { read } = await writeThenRead(
    db,
    [db.delete(calendarFeeds).where(eq(calendarFeeds.personId, personId))],
    feedStatusPlan(db, personId),
  );
  return read[0];
}

/** Records a fetch of the feed; conditional, so polls within the hour write once between them. */
export async function touchFeed(db: Database, personId: string, now = new Date()) {
  const threshold = new Date(now.getTime() - FEED_LAST_USED_GRANULARITY_MS).toISOString();
  await db
    .update(calendarFeeds)
    .set({ lastUsedAt: now.toISOString() })
    .where(
      and(
        eq(calendarFeeds.personId, personId),
        or(isNull(calendarFeeds.lastUsedAt), lt(calendarFeeds.lastUsedAt, threshold)),
      ),
    );
}

export function feedUseIsStale(lastUsedAt: string | null, now = Date.now()) {
  return !lastUsedAt || now - Date.parse(lastUsedAt) >= FEED_LAST_USED_GRANULARITY_MS;
}

/** The challenges the person is on the team of (worker/domain/teams.ts `isOnTeamOf`), as `id`. */
const teamChallengesSql = (personId: string) =>
  sql`SELECT id FROM challenges WHERE lead_id = ${personId}
    UNION SELECT id FROM challenges WHERE co_lead_id = ${personId}
    UNION SELECT challenge_id FROM memberships WHERE person_id = ${personId} AND ${onTeamStatus(sql`status`)}`;

/** The showcase days on whose agenda is a challenge the person is on, backs or has a pledge in. */
const eventsOfSql = (personId: string, fromDate: string) =>
  sql`SELECT e.id FROM showcase_events e WHERE e.held_on >= ${fromDate} AND e.id IN (
    SELECT i.event_id FROM showcase_event_items i WHERE i.challenge_id IN (
      ${teamChallengesSql(personId)}
      UNION SELECT challenge_id FROM backings WHERE person_id = ${personId}
      UNION SELECT challenge_id FROM pledges WHERE sponsor_id = ${personId} AND status <> 'withdrawn'))`;

export interface FeedMilestone {
  id: string;
  title: string;
  dueOn: string;
  status: "planned" | "done" | "slipped";
  slipReason: string;
  updatedAt: string;
  challengeId: string;
  challengeTitle: string;
}
export interface FeedCommitment {
  id: string;
  what: string;
  dueOn: string;
  createdAt: string;
  challengeId: string;
  challengeTitle: string;
}
export interface FeedEvent {
  id: string;
  title: string;
  heldOn: string;
  location: string;
  createdAt: string;
}
export interface FeedAgendaItem {
  eventId: string;
  position: number;
  challengeId: string;
  challengeTitle: string;
}
export interface FeedLend {
  id: string;
  challengeId: string;
  challengeTitle: string;
  personId: string;
  personName: string;
  managerId: string;
  managerName: string;
  sharePercent: number;
  endsOn: string;
  decidedAt: string;
}

export interface Feed {
  person: { id: string; name: string; lastUsedAt: string | null };
  orgName: string;
  milestones: FeedMilestone[];
  commitments: FeedCommitment[];
  events: FeedEvent[];
  agenda: FeedAgendaItem[];
  lends: FeedLend[];
}

/**
 * A person's calendar (SPEC §15), in one round trip: their team's milestones, the open
 * commitments they own, the showcase days of challenges they are on, back or sponsor, and the
 * ends of lends they are on or gave, from `fromDate` on. Null unless `tokenHash` is the person's
 * live feed token and the person is active: the rows are read together with the check and
 * handed on only when it holds, so the token alone decides and a wrong one learns nothing.
 */
export function feedPlan(db: Database, personId: string, tokenHash: string, fromDate: string) {
  const queries = [
    db
      .select({ id: people.id, name: people.name, lastUsedAt: calendarFeeds.lastUsedAt })
      .from(calendarFeeds)
      .innerJoin(people, eq(people.id, calendarFeeds.personId))
      .where(and(eq(calendarFeeds.personId, personId), eq(calendarFeeds.tokenHash, tokenHash), eq(people.active, true)))
      .limit(1),
    db.select({ name: orgSettings.name }).from(orgSettings).limit(1),
    rawRows<keyof FeedMilestone, FeedMilestone>(
      db,
      ["id", "title", "dueOn", "status", "slipReason", "updatedAt", "challengeId", "challengeTitle"],
      sql`SELECT m.id, m.title, m.due_on AS dueOn, m.status, m.slip_reason AS slipReason,
        m.updated_at AS updatedAt, c.id AS challengeId, c.title AS challengeTitle
      FROM milestones m JOIN challenges c ON c.id = m.challenge_id
      WHERE m.challenge_id IN (${teamChallengesSql(personId)}) AND c.stage <> 'withdrawn' AND m.due_on >= ${fromDate}
      ORDER BY m.due_on, m.id LIMIT ${FEED_LIMIT}`,
    ),
    rawRows<keyof FeedCommitment, FeedCommitment>(
      db,
      ["id", "what", "dueOn", "createdAt", "challengeId", "challengeTitle"],
      sql`SELECT k.id, k.what, k.due_on AS dueOn, k.created_at AS createdAt,
        c.id AS challengeId, c.title AS challengeTitle
      FROM commitments k JOIN challenges c ON c.id = k.challenge_id
      WHERE k.status = 'open' AND k.due_on >= ${fromDate} AND k.owner_id = ${personId}
      ORDER BY k.due_on, k.id LIMIT ${FEED_LIMIT}`,
    ),
    rawRows<keyof FeedEvent, FeedEvent>(
      db,
      ["id", "title", "heldOn", "location", "createdAt"],
      sql`SELECT e.id, e.title, e.held_on AS heldOn, e.location, e.created_at AS createdAt
      FROM showcase_events e WHERE e.id IN (${eventsOfSql(personId, fromDate)})
      ORDER BY e.held_on, e.id LIMIT ${FEED_LIMIT}`,
    ),
    rawRows<keyof FeedAgendaItem, FeedAgendaItem>(
      db,
      ["eventId", "position", "challengeId", "challengeTitle"],
      sql`SELECT i.event_id AS eventId, i.position, c.id AS challengeId, c.title AS challengeTitle
      FROM showcase_event_items i JOIN challenges c ON c.id = i.challenge_id
      WHERE i.event_id IN (${eventsOfSql(personId, fromDate)})
      ORDER BY i.event_id, i.position LIMIT ${FEED_LIMIT * 4}`,
    ),
    // A lend ends `duration_weeks` after its approval (SPEC §16), while its seat is still held.
    rawRows<keyof FeedLend, FeedLend>(
      db,
      [
        "id",
        "challengeId",
        "challengeTitle",
        "personId",
        "personName",
        "managerId",
        "managerName",
        "sharePercent",
        "endsOn",
        "decidedAt",
      ],
      sql`SELECT * FROM (SELECT l.id, l.challenge_id AS challengeId, c.title AS challengeTitle,
        l.person_id AS personId, p.name AS personName, l.manager_id AS managerId, mgr.name AS managerName,
        l.share_percent AS sharePercent, l.decided_at AS decidedAt,
        date(l.decided_at, '+' || (l.duration_weeks * 7) || ' days') AS endsOn
      FROM lend_requests l
        JOIN memberships ms ON ms.id = l.membership_id
        JOIN challenges c ON c.id = l.challenge_id
        JOIN people p ON p.id = l.person_id
        JOIN people mgr ON mgr.id = l.manager_id
      WHERE l.id IN (SELECT id FROM lend_requests WHERE manager_id = ${personId} AND status = 'approved'
          UNION SELECT lr.id FROM memberships mm JOIN lend_requests lr ON lr.membership_id = mm.id
            WHERE mm.person_id = ${personId} AND lr.status = 'approved')
        AND l.duration_weeks IS NOT NULL AND l.decided_at IS NOT NULL AND ${onTeamStatus(sql`ms.status`)})
      WHERE endsOn >= ${fromDate} ORDER BY endsOn, id LIMIT ${FEED_LIMIT}`,
    ),
  ] as const;
  return readPlan(queries, ([[person], [org], milestones, commitments, events, agenda, lends]): Feed | null =>
    person
      ? {
          person,
          orgName: org?.name ?? "Crux",
          milestones,
          commitments,
          events,
          agenda,
          lends: lends.map((l) => ({ ...l, sharePercent: Number(l.sharePercent) })),
        }
      : null,
  );
}

/** The first day the feed covers, `FEED_HISTORY_DAYS` before `now`. */
export function feedFromDate(now = new Date()) {
  return new Date(now.getTime() - FEED_HISTORY_DAYS * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export { eventPlan as showcaseDayPlan, hashSecret };
