import { eq, sql } from "drizzle-orm";
import { disciplines, frameworkDimensions, ledgerEntries, orgSettings } from "../../db/schema";
import type { ContributionType, Dimension } from "../domain/credit";
import type { Database } from "../middleware/db";
import { conflict, notFound } from "../middleware/errors";
import { recordActivity } from "./activity";
import { type ReadPlan, readTogether, writeThenRead } from "./batch";

type Plan = ReadPlan<unknown>;

export interface SettingsPatch {
  name?: string;
  currency?: string;
  commitmentCapPercent?: number;
  responseDeadlineDays?: number;
}

/**
 * Changes the organisation's settings and records who changed what. The currency is fixed once
 * money has moved: every amount in the ledger is in it, and converting them is not a setting.
 */
export async function updateSettings<const P extends readonly Plan[]>(
  db: Database,
  patch: SettingsPatch,
  actorId: string,
  ...after: P
) {
  const [[current], [moved]] = await db.batch([
    db.select().from(orgSettings).where(eq(orgSettings.id, "org")).limit(1),
    db.select({ id: ledgerEntries.id }).from(ledgerEntries).limit(1),
  ]);
  if (!current) throw new Error("org_settings has no 'org' row; run the migrations");
  const changed = (Object.keys(patch) as (keyof SettingsPatch)[]).filter(
    (k) => patch[k] !== undefined && patch[k] !== current[k],
  );
  if (changed.length === 0) return readTogether(db, ...after);
  if (changed.includes("currency")) {
    if (moved) {
      throw conflict(
        "currency_locked",
        `Money has already moved in ${current.currency}; the currency cannot change once the ledger has entries.`,
      );
    }
  }
  const set = Object.fromEntries(changed.map((k) => [k, patch[k]]));
  const { read } = await writeThenRead(
    db,
    [
      db
        .update(orgSettings)
        .set({ ...set, updatedAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` })
        .where(eq(orgSettings.id, "org")),
      recordActivity(db, {
        challengeId: null,
        actorId,
        action: "settings_changed",
        detail: Object.fromEntries(changed.map((k) => [k, { from: current[k], to: patch[k] }])),
      }),
    ],
    ...after,
  );
  return read;
}

/** Replaces the career framework's dimensions, in the order given, in one atomic batch. */
export async function replaceDimensions(
  db: Database,
  list: { id: string; name: string; description: string; contributionTypes: ContributionType[] }[],
  actorId: string,
) {
  await db.batch([
    db.delete(frameworkDimensions),
    db.insert(frameworkDimensions).values(
      list.map((d, i) => ({
        id: d.id,
        name: d.name,
        description: d.description,
        position: i + 1,
        contributionTypes: JSON.stringify(d.contributionTypes),
      })),
    ),
    recordActivity(db, {
      challengeId: null,
      actorId,
      action: "framework_changed",
      detail: { dimensions: list.map((d) => d.id) },
    }),
  ]);
}

/** Problems with a set of dimensions: ids unique, and each contribution type evidences one dimension at most. */
export function dimensionsProblems(list: Pick<Dimension, "id" | "contributionTypes">[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const ids = new Set<string>();
  const claimedBy = new Map<string, string>();
  list.forEach((d, i) => {
    if (ids.has(d.id)) problems[`items.${i}.id`] = "Each dimension needs its own id.";
    ids.add(d.id);
    for (const type of d.contributionTypes) {
      const other = claimedBy.get(type);
      if (other && other !== d.id) {
        problems[`items.${i}.contributionTypes`] =
          `“${type}” already evidences ${other}; a type counts in one dimension.`;
      }
      claimedBy.set(type, d.id);
    }
  });
  return problems;
}

export async function addDiscipline(db: Database, input: { id: string; name: string }, actorId: string) {
  const [existing] = await db
    .select({ id: disciplines.id })
    .from(disciplines)
    .where(sql`${disciplines.id} = ${input.id} OR lower(${disciplines.name}) = lower(${input.name})`)
    .limit(1);
  if (existing) throw conflict("duplicate", "A discipline with this id or name exists already.");
  await db.batch([
    db.insert(disciplines).values({
      id: input.id,
      name: input.name,
      position: sql`(SELECT coalesce(max(position), 0) + 1 FROM disciplines)`,
      active: true,
    }),
    recordActivity(db, { challengeId: null, actorId, action: "discipline_added", detail: input }),
  ]);
}

/**
 * Renames or (de)activates a discipline. An inactive one is kept for the people, slots and credit
 * that name it, and is no longer offered for new ones. Returns the discipline as it now is.
 */
export async function updateDiscipline(
  db: Database,
  id: string,
  patch: { name?: string; active?: boolean },
  actorId: string,
) {
  const [[current], [clash]] = await db.batch([
    db.select().from(disciplines).where(eq(disciplines.id, id)).limit(1),
    db
      .select({ id: disciplines.id })
      .from(disciplines)
      .where(sql`lower(${disciplines.name}) = lower(${patch.name ?? ""}) AND ${disciplines.id} <> ${id}`)
      .limit(1),
  ]);
  if (!current) throw notFound("That discipline");
  if (patch.name !== undefined && patch.name.toLowerCase() !== current.name.toLowerCase() && clash) {
    throw conflict("duplicate", "Another discipline has this name.");
  }
  const set = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
  };
  const next = { id, name: set.name ?? current.name, active: set.active ?? current.active };
  if (Object.keys(set).length === 0) return next;
  await db.batch([
    db.update(disciplines).set(set).where(eq(disciplines.id, id)),
    recordActivity(db, { challengeId: null, actorId, action: "discipline_changed", detail: { id, ...set } }),
  ]);
  return next;
}
