/**
 * Demo progression plans (issue 14 part 1, SPEC §16), at three stages, all with manager@'s reports:
 *   - ic@'s plan, version 1, acknowledged by ic@ and manager@, with confirmed credit (and kudos)
 *     attached as evidence and a check-in from each side;
 *   - a draft another report wrote, which manager@ has not acknowledged yet (asked in the inbox);
 *   - a plan at version 2: version 1 was agreed, manager@ wrote version 2, and the report is asked.
 * designer@ and analyst@ get none, so a browser journey can draft a plan from nothing.
 * Written after the earlier areas, as new rows only.
 */
import { DEFAULT_DIMENSIONS, type Dimension } from "../../worker/domain/credit";
import { dimensionOfType, quarterAfter } from "../../worker/domain/plans";
import type { DemoPerson, DemoSection } from "./demo";
import { WELL_KNOWN } from "./people";
import { days, demoId, iso } from "./random";
import { insertRows, type SqlRow } from "./sql";

const MAX_RANK = { ic: 7, management: 6 } as const;
const levelId = (p: DemoPerson, rank: number) => `${p.track === "ic" ? "IC" : "M"}${rank}`;

interface GoalSeed {
  dimensionId: string;
  title: string;
  evidenceWanted: string;
}

/** A goal for each dimension the person's credit falls in, then the framework's others, 2–3 in all. */
function goalsFor(dims: readonly Dimension[], lead: string): GoalSeed[] {
  const words: Record<string, GoalSeed> = {
    scope: {
      dimensionId: "scope",
      title: "Set the direction for a cross-team challenge",
      evidenceWanted: "A challenge you framed and led to its showcase",
    },
    collaborative_reach: {
      dimensionId: "collaborative_reach",
      title: "Work across two more disciplines",
      evidenceWanted: "Credit on challenges led by other teams; endorsements from them",
    },
    impact_levers: {
      dimensionId: "impact_levers",
      title: "Move a KPI with your own hands-on work",
      evidenceWanted: "Confirmed credit on a challenge whose KPI reached its target",
    },
    mentoring: {
      dimensionId: "mentoring",
      title: "Grow someone else's practice",
      evidenceWanted: "Mentoring credit, or a person you lent to hub work",
    },
  };
  const order = [lead, ...dims.map((d) => d.id).filter((id) => id !== lead)];
  return order
    .slice(0, 3)
    .map((id) => words[id])
    .filter(Boolean);
}

export const growthPlansSection: DemoSection = (org) => {
  const { now } = org;
  const byEmail = new Map(org.people.map((p) => [p.email, p]));
  const manager = byEmail.get(WELL_KNOWN.manager);
  const ic = byEmail.get(WELL_KNOWN.ic);
  if (!manager || !ic || ic.managerId !== manager.id) return [];
  const reserved = new Set<string>([WELL_KNOWN.ic, WELL_KNOWN.designer, WELL_KNOWN.analyst]);
  const others = org.people
    .filter((p) => p.managerId === manager.id && !reserved.has(p.email))
    .sort((a, b) => a.id.localeCompare(b.id))
    .slice(0, 2);
  const stage = new Map(org.challenges.map((c) => [c.id, c.stage]));
  const published = (challengeId: string) => !["draft", "withdrawn"].includes(stage.get(challengeId) ?? "draft");

  const plans: SqlRow[] = [];
  const goals: SqlRow[] = [];
  const versions: SqlRow[] = [];
  const evidence: SqlRow[] = [];
  const checkins: SqlRow[] = [];
  const notices: SqlRow[] = [];

  function plan(
    person: DemoPerson,
    story: {
      createdAt: number;
      version: number;
      lead: string;
      summary: string;
      agreedUpTo: number;
      author: "person" | "manager";
    },
  ) {
    const planId = demoId("plan", person.id);
    const grow = person.rank >= MAX_RANK[person.track];
    const target = grow ? null : levelId(person, person.rank + 1);
    const seeds = goalsFor(DEFAULT_DIMENSIONS, story.lead);
    const goalRows = seeds.map((g, position) => ({
      id: demoId("goal", `${person.id}:${g.dimensionId}`),
      plan_id: planId,
      dimension_id: g.dimensionId,
      title: g.title,
      evidence_wanted: g.evidenceWanted,
      position,
    }));
    goals.push(...goalRows);
    const updatedAt = story.createdAt + days(story.version - 1) * 20;
    plans.push({
      id: planId,
      person_id: person.id,
      target_kind: grow ? "grow_in_level" : "next_level",
      target_level_id: target,
      summary: story.summary,
      version: story.version,
      next_reminder_on: quarterAfter(iso(updatedAt).slice(0, 10)),
      created_at: iso(story.createdAt),
      updated_at: iso(updatedAt),
    });
    for (let v = 1; v <= story.version; v++) {
      const at = story.createdAt + days(v - 1) * 20;
      const agreed = v <= story.agreedUpTo;
      const byManager = v > 1 || story.author === "manager";
      const kept = v === story.version ? goalRows : goalRows.slice(0, 2);
      versions.push({
        id: demoId("plv", `${person.id}:${v}`),
        plan_id: planId,
        version: v,
        snapshot: JSON.stringify({
          targetKind: grow ? "grow_in_level" : "next_level",
          targetLevelId: target,
          summary: v === story.version ? story.summary : "A first draft, agreed at our quarterly conversation.",
          goals: kept.map((g) => ({
            id: g.id,
            dimensionId: g.dimension_id,
            title: g.title,
            evidenceWanted: g.evidence_wanted,
          })),
        }),
        author_id: byManager ? (manager?.id ?? person.id) : person.id,
        person_ack_at: agreed || !byManager ? iso(at + days(1)) : null,
        manager_ack_at: agreed || byManager ? iso(at + days(2)) : null,
        manager_ack_by_id: agreed || byManager ? (manager?.id ?? null) : null,
        created_at: iso(at),
      });
    }
    return { planId, goalRows, updatedAt };
  }

  // ic@: agreed, with evidence and check-ins.
  const dims = DEFAULT_DIMENSIONS;
  const icCredit = org.credit.contributions
    .filter((k) => k.personId === ic.id && k.status === "confirmed" && published(k.challengeId))
    .sort((a, b) => (b.confirmedAt ?? 0) - (a.confirmedAt ?? 0));
  const lead = icCredit[0] ? (dimensionOfType(icCredit[0].type, dims) ?? "impact_levers") : "impact_levers";
  const icPlan = plan(ic, {
    createdAt: now - days(45),
    version: 1,
    lead,
    summary: "Towards the next level: wider scope and work that moves the hub's measurable goals.",
    agreedUpTo: 1,
    author: "person",
  });
  const goalOf = (dimensionId: string) => icPlan.goalRows.find((g) => g.dimension_id === dimensionId);
  for (const k of icCredit.slice(0, 2)) {
    const goal = goalOf(dimensionOfType(k.type, dims) ?? "") ?? icPlan.goalRows[0];
    evidence.push({
      id: demoId("ple", `${goal.id}:${k.id}`),
      goal_id: goal.id,
      plan_id: icPlan.planId,
      kind: "contribution",
      source_id: k.id,
      added_by_id: ic.id,
      created_at: iso(now - days(30)),
    });
  }
  const thanks = org.credit.kudos.find((k) => k.toId === ic.id && published(k.challengeId));
  if (thanks && goalOf(lead))
    evidence.push({
      id: demoId("ple", `${lead}:${thanks.id}`),
      goal_id: goalOf(lead)?.id ?? icPlan.goalRows[0].id,
      plan_id: icPlan.planId,
      kind: "kudos",
      source_id: thanks.id,
      added_by_id: ic.id,
      created_at: iso(now - days(29)),
    });
  checkins.push(
    {
      id: demoId("plc", `${ic.id}:1`),
      plan_id: icPlan.planId,
      author_id: manager.id,
      note: "Agreed the plan. Take the lead on the next migration challenge; I will find a sponsor.",
      created_at: iso(now - days(42)),
    },
    {
      id: demoId("plc", `${ic.id}:2`),
      plan_id: icPlan.planId,
      author_id: ic.id,
      note: "Attached my first confirmed credit; the rollout KPI is on track.",
      created_at: iso(now - days(12)),
    },
  );

  // A draft waiting for manager@, and a second version waiting for its person.
  const [draft, revised] = others;
  if (draft) {
    plan(draft, {
      createdAt: now - days(4),
      version: 1,
      lead: "collaborative_reach",
      summary: "My first plan: reach beyond the platform team.",
      agreedUpTo: 0,
      author: "person",
    });
    notices.push({
      id: demoId("ntf", `plan:${draft.id}:1`),
      recipient_id: manager.id,
      kind: "plan_acknowledge",
      challenge_id: null,
      actor_id: draft.id,
      data: JSON.stringify({ version: 1, personId: draft.id, personName: draft.name, forManager: true }),
      created_at: iso(now - days(4)),
    });
  }
  if (revised) {
    const r = plan(revised, {
      createdAt: now - days(60),
      version: 2,
      lead: "scope",
      summary: "Revised after the last showcase: add mentoring to the plan.",
      agreedUpTo: 1,
      author: "person",
    });
    notices.push({
      id: demoId("ntf", `plan:${revised.id}:2`),
      recipient_id: revised.id,
      kind: "plan_acknowledge",
      challenge_id: null,
      actor_id: manager.id,
      data: JSON.stringify({ version: 2, personId: revised.id }),
      created_at: iso(r.updatedAt),
    });
  }

  return [
    ...insertRows("progression_plans", plans),
    ...insertRows("plan_goals", goals),
    ...insertRows("plan_versions", versions),
    ...insertRows("plan_evidence", evidence),
    ...insertRows("plan_checkins", checkins),
    ...insertRows("notifications", notices),
  ];
};
