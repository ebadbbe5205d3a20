/**
 * Demo skills with evidence (issue 14 part 2, SPEC §16). The earlier areas already give people
 * shown skills through confirmed credit on slots that asked for them; this names skills on the
 * endorsements of well-known people's confirmed credit, so their profiles and For you show
 * skills backed by endorsements too: each such endorsement names the first skill of the
 * person's slot on that challenge and, where they list one the slot did not ask for, the first
 * of those (so a declared-only skill becomes shown). At most two skills an endorsement.
 * Written after the earlier areas, as new rows only.
 */
import type { DemoSection } from "./demo";
import { WELL_KNOWN } from "./people";
import { insertRows, type SqlRow } from "./sql";

const ENDORSED: readonly string[] = [WELL_KNOWN.ic, WELL_KNOWN.designer, WELL_KNOWN.analyst];

export const growthSkillsSection: DemoSection = (org) => {
  const people = new Map(org.people.filter((p) => ENDORSED.includes(p.email)).map((p) => [p.id, p]));
  const slots = new Map(org.challenges.flatMap((c) => c.slots.map((s) => [s.id, s] as const)));
  const contributions = new Map(
    org.credit.contributions.filter((k) => k.status === "confirmed" && people.has(k.personId)).map((k) => [k.id, k]),
  );
  const rows: SqlRow[] = [];
  for (const e of org.credit.endorsements) {
    const k = contributions.get(e.contributionId);
    if (!k) continue;
    const person = people.get(k.personId);
    const membership = org.teams.memberships.find((m) => m.challengeId === k.challengeId && m.personId === k.personId);
    const slotSkills = (membership ? slots.get(membership.slotId)?.skills : undefined) ?? [];
    const extra = (person?.skills ?? []).map((s) => s.toLowerCase()).find((s) => !slotSkills.includes(s));
    const named = [...new Set([slotSkills[0], extra].filter((s): s is string => Boolean(s)))];
    for (const skill of named) rows.push({ endorsement_id: e.id, skill });
  }
  return insertRows("endorsement_skills", rows);
};
