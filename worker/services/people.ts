import { and, asc, count, desc, eq, gt, inArray, or, type SQL, sql } from "drizzle-orm";
import {
  applications,
  backings,
  challenges,
  contributions,
  decisions,
  disciplines,
  lendRequests,
  levels,
  memberships,
  notifications,
  people,
  personRoles,
  reviewReplies,
  reviews,
} from "../../db/schema";
import { newId } from "../domain/ids";
import type { GlobalRole } from "../domain/lifecycle";
import type { Track } from "../domain/people";
import { likeContains } from "../domain/search";
import type { Database } from "../middleware/db";
import { type AuditContext, recordActivity } from "./activity";
import { type ReadPlan, readPlan, readRows, readTogether, type Statement, writeBatch, writeThenRead } from "./batch";
import { endAccessOf } from "./sessions";
import { seatStatus } from "./team-sql";
import { namesHiddenChallengeSql, publishedSql, shownNameSql } from "./visibility";

export type { Track } from "../domain/people";

export interface Me {
  id: string;
  email: string;
  name: string;
  title: string;
  disciplineId: string | null;
  track: Track;
  levelId: string | null;
  managerId: string | null;
  skills: string[];
  bio: string;
  avatarUrl: string | null;
  active: boolean;
  roles: GlobalRole[];
}

const ROLE_ORDER: GlobalRole[] = ["member", "sponsor", "reviewer", "admin"];

/** `roles` as a JSON array from a correlated subquery, so a person and their roles are one read. */
// Correlated subqueries name the outer column in full: drizzle leaves a single table's columns
// unqualified in the select list, where an inner table's column of the same name would win.
const rolesColumn = sql<string>`(SELECT json_group_array(r.role) FROM person_roles r WHERE r.person_id = people.id)`;

/** A person's columns with their roles: select these (joined or not) and read the row with `toMe`. */
export const personColumns = {
  id: people.id,
  email: people.email,
  name: people.name,
  title: people.title,
  disciplineId: people.disciplineId,
  track: people.track,
  levelId: people.levelId,
  managerId: people.managerId,
  skills: people.skills,
  bio: people.bio,
  avatarUrl: people.avatarUrl,
  active: people.active,
  roles: rolesColumn,
};

export type PersonRow = {
  [K in keyof typeof personColumns]: K extends "roles" | "skills" ? string : Me[K & keyof Me];
};

export function toMe(row: PersonRow): Me {
  const roles = new Set<GlobalRole>(["member", ...(JSON.parse(row.roles) as GlobalRole[])]);
  return {
    ...row,
    skills: JSON.parse(row.skills) as string[],
    roles: ROLE_ORDER.filter((r) => roles.has(r)),
  };
}

export async function findPersonById(db: Database, id: string): Promise<Me | null> {
  const [person] = await readTogether(db, personPlan(db, id));
  return person;
}

/** A person by id, to read with other plans; null when there is none. */
export function personPlan(db: Database, id: string) {
  const query = db.select(personColumns).from(people).where(eq(people.id, id)).limit(1);
  return readPlan([query], ([[row]]): Me | null => (row ? toMe(row as PersonRow) : null));
}

export async function findPersonByEmail(db: Database, email: string): Promise<Me | null> {
  const [person] = await readTogether(db, personByEmailPlan(db, email));
  return person;
}

/** A person by e-mail (any case), to read with other plans; null when there is none. */
export function personByEmailPlan(db: Database, email: string) {
  const query = db.select(personColumns).from(people).where(eq(people.email, email.toLowerCase())).limit(1);
  return readPlan([query], ([[row]]): Me | null => (row ? toMe(row as PersonRow) : null));
}

/**
 * First sight of an allowed e-mail (SPEC §2, §12): a `member` named after the address. Two
 * first requests may race; `ON CONFLICT DO NOTHING` keeps one row and both read it back.
 */
export async function provisionMember(db: Database, email: string): Promise<Me> {
  const normalized = email.toLowerCase();
  const id = newId("p");
  const local = normalized.split("@")[0] ?? normalized;
  const name = local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join(" ");
  await writeBatch(db, [
    db
      .insert(people)
      .values({ id, email: normalized, name: name || normalized })
      .onConflictDoNothing(),
    sql`INSERT OR IGNORE INTO ${personRoles} (person_id, role)
      SELECT ${people.id}, 'member' FROM ${people} WHERE ${people.email} = ${normalized}`,
  ]);
  const person = await findPersonByEmail(db, normalized);
  if (!person) throw new Error("provisioned person could not be read back");
  return person;
}

export interface PersonListQuery {
  q?: string;
  discipline?: string;
  role?: GlobalRole;
  /** Active people (the default), deactivated people, or everyone. */
  status?: "active" | "inactive" | "all";
  limit: number;
  after?: { name: string; id: string };
}

export async function listPeople(db: Database, query: PersonListQuery) {
  const status = query.status ?? "active";
  const where: (SQL | undefined)[] = [status === "all" ? undefined : eq(people.active, status === "active")];
  if (query.q?.trim()) {
    const pattern = likeContains(query.q.trim());
    where.push(
      or(
        sql`${people.name} LIKE ${pattern} ESCAPE '\\'`,
        sql`${people.email} LIKE ${pattern} ESCAPE '\\'`,
        sql`${people.title} LIKE ${pattern} ESCAPE '\\'`,
        sql`EXISTS (SELECT 1 FROM json_each(${people.skills}) WHERE value LIKE ${pattern} ESCAPE '\\')`,
      ),
    );
  }
  if (query.discipline) where.push(eq(people.disciplineId, query.discipline));
  if (query.role) {
    where.push(
      sql`EXISTS (SELECT 1 FROM ${personRoles} WHERE ${personRoles.personId} = ${people.id} AND ${personRoles.role} = ${query.role})`,
    );
  }
  if (query.after) {
    const { name, id } = query.after;
    where.push(or(gt(people.name, name), and(eq(people.name, name), gt(people.id, id))));
  }
  const rows = await readRows(
    db,
    db
      .select(personColumns)
      .from(people)
      .where(and(...where))
      .orderBy(asc(people.name), asc(people.id))
      .limit(query.limit + 1),
  );
  return (rows as PersonRow[]).map(toMe);
}

export async function findPeopleByIds(db: Database, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db.select(personColumns).from(people).where(inArray(people.id, ids));
  return (rows as PersonRow[]).map(toMe);
}

/**
 * Whether `managerId` is a person, and whether making them the manager of `personId` (null: a
 * person not yet created) would close a loop in the reporting line, in one read.
 */
export async function managerCheck(db: Database, personId: string | null, managerId: string) {
  const [check] = await readTogether(db, managerCheckPlan(db, personId, managerId));
  return check;
}

/** `managerCheck` as a plan, with the manager's name, to read with the other facts of an edit. */
export function managerCheckPlan(db: Database, personId: string | null, managerId: string) {
  const query = db
    .select({
      name: sql<string | null>`(SELECT name FROM people WHERE id = ${managerId})`,
      loop: sql<number>`EXISTS (
        WITH RECURSIVE chain(id, depth) AS (
          SELECT ${managerId}, 0
          UNION ALL
          SELECT p.manager_id, chain.depth + 1 FROM people p JOIN chain ON p.id = chain.id
          WHERE p.manager_id IS NOT NULL AND chain.depth < 64
        )
        SELECT 1 FROM chain WHERE id = ${personId})`,
    })
    .from(sql`(SELECT 1)`);
  return readPlan([query], ([[row]]) => ({
    exists: row?.name != null,
    name: row?.name ?? null,
    loop: personId === managerId || Boolean(row?.loop),
  }));
}

/** Would making `managerId` the manager of `personId` close a loop in the reporting line? */
export async function wouldCreateManagerCycle(db: Database, personId: string, managerId: string) {
  return (await managerCheck(db, personId, managerId)).loop;
}

export interface PersonChanges {
  name?: string;
  title?: string;
  disciplineId?: string | null;
  track?: Track;
  levelId?: string | null;
  managerId?: string | null;
  skills?: string[];
  bio?: string;
  avatarUrl?: string | null;
  active?: boolean;
}

/**
 * Applies profile changes and, when given, replaces the person's roles, in one batch with the
 * audit entries: who changed which fields, and, on their own lines (SPEC §14), role changes and
 * (de)activation. Deactivating also ends every session and revokes every API token (SPEC §12).
 */
export async function updatePerson<const P extends readonly ReadPlan<unknown>[]>(
  db: Database,
  current: Me,
  changes: PersonChanges,
  roles: GlobalRole[] | undefined,
  actorId: string,
  audit: AuditContext,
  ...after: P
) {
  const id = current.id;
  const { skills, ...rest } = changes;
  const now = new Date().toISOString();
  const set = {
    ...rest,
    ...(skills ? { skills: JSON.stringify(skills) } : {}),
    updatedAt: now,
  };
  const fields = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
  const kept = roles ? ROLE_ORDER.filter((r) => r === "member" || roles.includes(r)) : undefined;
  const rolesChanged = kept !== undefined && kept.join() !== current.roles.join();
  const entry = (action: string, detail: Record<string, unknown>) =>
    recordActivity(db, { challengeId: null, actorId, action, detail: { personId: id, ...detail } }, audit);
  const { read } = await writeThenRead(
    db,
    [
      db.update(people).set(set).where(eq(people.id, id)),
      ...(kept
        ? [
            db.delete(personRoles).where(eq(personRoles.personId, id)),
            db.insert(personRoles).values(kept.map((role) => ({ personId: id, role }))),
          ]
        : []),
      ...(changes.active === false && current.active ? deactivationOf(db, current, actorId, now) : []),
      entry("person_updated", { fields: kept ? [...fields, "roles"] : fields, ...(kept ? { roles: kept } : {}) }),
      ...(rolesChanged ? [entry("roles_changed", { from: current.roles, to: kept })] : []),
      ...(changes.active !== undefined && changes.active !== current.active
        ? [entry(changes.active ? "person_reactivated" : "person_deactivated", {})]
        : []),
    ],
    ...after,
  );
  return read;
}

/**
 * What deactivating a person also does, whoever does it (an admin on /admin or the identity
 * provider over SCIM; SPEC §12, §17), to go into the deactivation's own batch: every session
 * ends, every live API token is revoked, the leads of each challenge where they hold a seat or
 * wait on an application are told, and their open applications are withdrawn. Their credit,
 * endorsements, reviews and seats stay: leads release seats themselves.
 */
export function deactivationOf(
  db: Database,
  person: { id: string; name: string },
  actorId: string | null,
  now = new Date().toISOString(),
): Statement[] {
  // The challenges where they hold a seat or wait on an application, by the person's own indexes.
  const involved = sql`SELECT challenge_id FROM ${memberships} WHERE person_id = ${person.id} AND ${seatStatus(sql`status`)}
    UNION SELECT challenge_id FROM ${applications} WHERE applicant_id = ${person.id} AND status = 'pending'`;
  return [
    ...endAccessOf(db, person.id, now),
    sql`INSERT INTO ${notifications} (id, recipient_id, kind, challenge_id, actor_id, data)
      SELECT 'ntf_' || lower(hex(randomblob(10))), l.lead, 'member_left', l.challenge_id, ${actorId},
        json_object('personId', ${person.id}, 'personName', ${person.name}, 'seat',
          json(CASE WHEN EXISTS (SELECT 1 FROM ${memberships} m WHERE m.challenge_id = l.challenge_id
            AND m.person_id = ${person.id} AND ${seatStatus(sql`m.status`)}) THEN 'true' ELSE 'false' END))
      FROM (
        SELECT c.id AS challenge_id, c.lead_id AS lead FROM ${challenges} c WHERE c.id IN (${involved})
        UNION ALL SELECT c.id, c.co_lead_id FROM ${challenges} c WHERE c.id IN (${involved})
      ) l
      WHERE l.lead IS NOT NULL AND l.lead <> ${person.id}`,
    sql`UPDATE ${applications} SET status = 'withdrawn', decided_at = ${now}
      WHERE applicant_id = ${person.id} AND status = 'pending'`,
  ];
}

const refColumns = {
  id: people.id,
  name: people.name,
  title: people.title,
  disciplineId: people.disciplineId,
  avatarUrl: people.avatarUrl,
};

/** A profile in one round trip: the person, their manager, reports, challenges and backing. */
export async function loadProfile(db: Database, id: string, viewerId: string) {
  const [profile] = await readTogether(db, profilePlan(db, id, viewerId));
  return profile;
}

/**
 * `loadProfile` as a plan, to read a profile with other facts in one round trip (the portfolio
 * and its impact packet); null when there is no such person.
 */
export function profilePlan(db: Database, id: string, viewerId: string) {
  const queries = [
    db.select(personColumns).from(people).where(eq(people.id, id)).limit(1),
    db.select(refColumns).from(people).where(sql`${people.id} = (SELECT manager_id FROM people WHERE id = ${id})`),
    db.select(refColumns).from(people).where(eq(people.managerId, id)).orderBy(asc(people.name)).limit(200),
    db
      .select({ id: challenges.id, title: challenges.title, stage: challenges.stage, leadId: challenges.leadId })
      .from(challenges)
      .where(
        and(
          or(eq(challenges.leadId, id), eq(challenges.coLeadId, id)),
          // Someone else's profile lists what they published; one's own, one's drafts too.
          id === viewerId ? undefined : publishedSql("challenges"),
        ),
      )
      .orderBy(desc(challenges.updatedAt))
      .limit(200),
    db.select({ n: count() }).from(backings).where(eq(backings.personId, id)),
    // A manager's approved lends: the management track's credit for growing others (SPEC §6).
    db
      .select({
        id: lendRequests.id,
        challengeId: lendRequests.challengeId,
        challengeTitle: sql<string>`(SELECT c.title FROM challenges c WHERE c.id = lend_requests.challenge_id)`.as(
          "challenge_title",
        ),
        personId: lendRequests.personId,
        personName: sql<string>`(SELECT p.name FROM people p WHERE p.id = lend_requests.person_id)`.as("person_name"),
        sharePercent: lendRequests.sharePercent,
        decidedAt: lendRequests.decidedAt,
      })
      .from(lendRequests)
      // Every one: they are the manager's evidence in the impact packet.
      .where(
        and(
          eq(lendRequests.managerId, id),
          eq(lendRequests.status, "approved"),
          sql`NOT ${namesHiddenChallengeSql(sql`${lendRequests.challengeId}`, viewerId)}`,
        ),
      )
      .orderBy(desc(lendRequests.decidedAt)),
  ] as const;
  return readPlan(queries, ([rows, managers, reports, led, backing, lends]) => {
    const row = rows[0];
    if (!row) return null;
    return {
      ...toMe(row as PersonRow),
      manager: managers[0] ?? null,
      reports,
      challenges: led.map((c) => ({
        id: c.id,
        title: c.title,
        stage: c.stage,
        role: c.leadId === id ? ("lead" as const) : ("co-lead" as const),
      })),
      backing: backing[0]?.n ?? 0,
      lends: lends.map((l) => ({
        id: l.id,
        challenge: { id: l.challengeId, title: l.challengeTitle },
        person: { id: l.personId, name: l.personName },
        sharePercent: l.sharePercent,
        decidedAt: l.decidedAt,
      })),
    };
  });
}

/**
 * What reaches a person's portfolio and impact packet from the reviews of the challenges they
 * have confirmed credit on (SPEC §7): each review's feedback and its thread of replies, and the
 * leadership's decision with its rationale; the labels the packet writes for disciplines and
 * levels; and the challenges never published that the viewer may still see (their own drafts),
 * which the packet leaves out. Only what the viewer may see (SPEC §14): nothing of a challenge
 * hidden from them, and names as Crux shows them (with "(left)" once deactivated).
 */
export function portfolioFeedbackPlan(db: Database, personId: string, viewerId: string) {
  // The challenges where they hold confirmed credit (contributions_person_idx), seen by the viewer.
  const credited = sql`(SELECT DISTINCT cr.challenge_id FROM ${contributions} cr
    WHERE cr.person_id = ${personId} AND cr.status = 'confirmed'
      AND NOT ${namesHiddenChallengeSql(sql`cr.challenge_id`, viewerId)})`;
  const titleOf = (column: string) => sql<string>`(SELECT c.title FROM challenges c WHERE c.id = ${sql.raw(column)})`;
  const queries = [
    db
      .select({
        id: reviews.id,
        challengeId: reviews.challengeId,
        challengeTitle: titleOf("reviews.challenge_id").as("challenge_title"),
        cycle: reviews.cycle,
        reviewerId: reviews.reviewerId,
        reviewerName: shownNameSql(sql`reviews.reviewer_id`).as("reviewer_name"),
        weightedScore: reviews.weightedScore,
        feedback: reviews.feedback,
        createdAt: reviews.createdAt,
        updatedAt: reviews.updatedAt,
      })
      .from(reviews)
      .where(sql`${reviews.challengeId} IN ${credited}`)
      .orderBy(desc(reviews.createdAt), desc(reviews.id))
      .limit(100),
    db
      .select({
        id: reviewReplies.id,
        reviewId: reviewReplies.reviewId,
        authorId: reviewReplies.authorId,
        authorName: shownNameSql(sql`review_replies.author_id`).as("author_name"),
        body: reviewReplies.body,
        createdAt: reviewReplies.createdAt,
      })
      .from(reviewReplies)
      .where(sql`${reviewReplies.reviewId} IN (SELECT r.id FROM ${reviews} r WHERE r.challenge_id IN ${credited})`)
      .orderBy(asc(reviewReplies.createdAt), asc(reviewReplies.id))
      .limit(500),
    db
      .select({
        id: decisions.id,
        challengeId: decisions.challengeId,
        challengeTitle: titleOf("decisions.challenge_id").as("challenge_title"),
        cycle: decisions.cycle,
        decision: decisions.decision,
        rationale: decisions.rationale,
        nextGateOn: decisions.nextGateOn,
        decidedById: decisions.decidedById,
        decidedByName: shownNameSql(sql`decisions.decided_by_id`).as("decided_by_name"),
        createdAt: decisions.createdAt,
      })
      .from(decisions)
      .where(sql`${decisions.challengeId} IN ${credited}`)
      .orderBy(desc(decisions.createdAt))
      .limit(100),
    db.select({ id: disciplines.id, name: disciplines.name }).from(disciplines),
    db.select({ id: levels.id, name: levels.name }).from(levels),
    db
      .select({ id: challenges.id })
      .from(challenges)
      .where(
        and(
          or(eq(challenges.leadId, viewerId), eq(challenges.coLeadId, viewerId)),
          sql`NOT ${publishedSql("challenges")}`,
        ),
      ),
  ] as const;
  return readPlan(queries, ([reviewRows, replies, decisionRows, disciplineRows, levelRows, unpublished]) => {
    // A reply whose review fell past the limit has nowhere to go.
    const shown = new Set(reviewRows.map((r) => r.id));
    return {
      reviews: reviewRows,
      replies: replies.filter((r) => shown.has(r.reviewId)),
      decisions: decisionRows,
      disciplines: disciplineRows,
      levels: levelRows,
      unpublished: unpublished.map((c) => c.id),
    };
  });
}
