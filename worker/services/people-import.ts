import { sql } from "drizzle-orm";
import { people, personRoles } from "../../db/schema";
import { newId } from "../domain/ids";
import type { ImportPerson, ImportReference } from "../domain/people-import";
import type { Database } from "../middleware/db";
import { recordActivity } from "./activity";
import { rawRows, readPlan, readTogether, writeBatch } from "./batch";
import { orgPlan } from "./org";

/** What `checkImport` needs to know about the organisation, in one round trip. */
export async function loadImportReference(db: Database): Promise<ImportReference> {
  const everyone = rawRows<"email" | "managerEmail", { email: string; managerEmail: string | null }>(
    db,
    ["email", "managerEmail"],
    sql`SELECT p.email AS email, m.email AS managerEmail FROM people p LEFT JOIN people m ON m.id = p.manager_id`,
  );
  const [org, rows] = await readTogether(
    db,
    orgPlan(db),
    readPlan([everyone], ([found]) => found),
  );
  return {
    disciplines: new Set(org.disciplines.filter((d) => d.active).map((d) => d.id)),
    levels: new Map(org.levels.map((l) => [l.id, l.track])),
    existing: new Map(rows.map((r) => [r.email, r.managerEmail])),
  };
}

/**
 * Writes a checked import in one atomic batch whose size does not grow with the file: each
 * statement reads the rows from one JSON parameter with `json_each`, which also keeps every
 * statement far below D1's 100 bound parameters.
 */
export async function importPeople(db: Database, rows: ImportPerson[], actorId: string) {
  const records = JSON.stringify(
    rows.map((p) => ({
      id: newId("p"),
      email: p.email,
      name: p.name,
      title: p.title,
      discipline: p.discipline,
      track: p.track,
      level: p.level,
      manager: p.managerEmail,
    })),
  );
  const emails = JSON.stringify(rows.map((p) => p.email));
  const roles = JSON.stringify(rows.flatMap((p) => p.roles.map((role) => [p.email, role])));
  const now = new Date().toISOString();
  const [existing] = await writeBatch(db, [
    sql`SELECT count(*) AS n FROM ${people} WHERE email IN (SELECT value FROM json_each(${emails}))`,
    sql`
      INSERT INTO ${people} (id, email, name, title, discipline_id, track, level_id, updated_at)
      SELECT r.value ->> '$.id', r.value ->> '$.email', r.value ->> '$.name', r.value ->> '$.title',
        r.value ->> '$.discipline', r.value ->> '$.track', r.value ->> '$.level', ${now}
      FROM json_each(${records}) r WHERE true
      ON CONFLICT (email) DO UPDATE SET name = excluded.name, title = excluded.title,
        discipline_id = excluded.discipline_id, track = excluded.track, level_id = excluded.level_id,
        active = 1, updated_at = excluded.updated_at`,
    // A join, not a correlated subquery: that re-read the whole file for every row (5 s for 2000).
    sql`
      UPDATE ${people} SET manager_id = m.id
      FROM json_each(${records}) r LEFT JOIN people m ON m.email = r.value ->> '$.manager'
      WHERE people.email = r.value ->> '$.email'`,
    sql`
      DELETE FROM ${personRoles} WHERE person_id IN (
        SELECT id FROM people WHERE email IN (SELECT value FROM json_each(${emails})))`,
    sql`
      INSERT OR IGNORE INTO ${personRoles} (person_id, role)
      SELECT p.id, r.value ->> '$[1]' FROM json_each(${roles}) r JOIN people p ON p.email = r.value ->> '$[0]'`,
    recordActivity(db, {
      challengeId: null,
      actorId,
      action: "people_imported",
      detail: { rows: rows.length },
    }),
  ]);
  const updated = Number(existing.results[0]?.n ?? 0);
  return { total: rows.length, created: rows.length - updated, updated };
}
