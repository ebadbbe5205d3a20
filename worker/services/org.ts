import { asc, eq } from "drizzle-orm";
import { disciplines, levels, orgSettings } from "../../db/schema";
import type { Database } from "../middleware/db";
import { type BatchResults, readPlan, readTogether } from "./batch";

/** Settings and the admin-managed reference lists the forms need, in one round trip. */
export async function loadOrg(db: Database) {
  const [org] = await readTogether(db, orgPlan(db));
  return org;
}

/** The organisation's settings, disciplines and levels, to read with other plans. */
export function orgPlan(db: Database) {
  return readPlan(orgQueries(db), readOrg);
}

function readOrg([settings, disciplineRows, levelRows]: BatchResults<ReturnType<typeof orgQueries>>) {
  const org = settings[0];
  if (!org) throw new Error("org_settings has no 'org' row; run the migrations");
  return {
    name: org.name,
    currency: org.currency,
    commitmentCapPercent: org.commitmentCapPercent,
    responseDeadlineDays: org.responseDeadlineDays,
    disciplines: disciplineRows.map(({ id, name, active }) => ({ id, name, active })),
    levels: levelRows.map(({ id, track, rank, name, summary }) => ({ id, track, rank, name, summary })),
  };
}
export type Org = Awaited<ReturnType<typeof loadOrg>>;

function orgQueries(db: Database) {
  return [
    db.select().from(orgSettings).where(eq(orgSettings.id, "org")).limit(1),
    db.select().from(disciplines).orderBy(asc(disciplines.position), asc(disciplines.name)),
    db.select().from(levels).orderBy(asc(levels.track), asc(levels.rank)),
  ] as const;
}
