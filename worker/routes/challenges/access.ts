import type { Context } from "hono";
import { type Actor, isVisibleTo, leadershipRefusal } from "../../domain/lifecycle";
import { isOnTeamOf, type TeamStanding } from "../../domain/teams";
import type { AppEnv } from "../../env";
import { notFound, throwIfRefused } from "../../middleware/errors";
import {
  type ChallengeKey,
  challengePlan,
  type LoadedChallenge,
  loadChallenge,
  loadChallengeWith,
} from "../../services/challenges";
import type { Plan, PlanValues } from "../../services/facts";
import type { Me } from "../../services/people";

/** Who the caller is to a challenge, for the lifecycle rules. */
export function actorFor(me: Me, ch: Pick<LoadedChallenge, "leadId" | "coLeadId">): Actor {
  return { roles: me.roles, isLead: ch.leadId === me.id, isCoLead: ch.coLeadId === me.id };
}

/** Where the caller stands on a challenge's team, for `isOnTeamOf` (worker/domain/teams.ts). */
export function standingOf(me: Me, ch: Pick<LoadedChallenge, "leadId" | "coLeadId" | "myMembership">): TeamStanding {
  return { ...actorFor(me, ch), membership: ch.myMembership };
}

/** Whether the caller is on the challenge's team: its lead, co-lead or an active member. */
export const callerOnTeam = (me: Me, ch: LoadedChallenge) => isOnTeamOf(standingOf(me, ch));

/** Loads a challenge the caller may see; others' drafts (and withdrawn drafts) are 404, as if they did not exist. */
export async function visibleChallenge(c: Context<AppEnv>, id: string) {
  const ch = await loadChallenge(c.var.db, id, c.var.me.id);
  if (!ch || !isVisibleTo(ch, actorFor(c.var.me, ch))) throw notFound("That challenge");
  return ch;
}

/**
 * `visibleChallenge` with other reads in the same round trip (the facts of one request): the
 * plans come from the services (`teamPlan`, `moneyPlan` …) and their values follow the challenge.
 */
export async function visibleChallengeWith<const P extends readonly Plan[]>(
  c: Context<AppEnv>,
  id: ChallengeKey,
  ...plans: P
) {
  const [ch, ...rest] = await challengeFactsWith(c, id, ...plans);
  return [requireVisible(c, ch), ...rest] as [LoadedChallenge, ...PlanValues<P>];
}

/** The challenge (null when there is none, unchecked) and other plans' reads, in one round trip. */
export async function challengeFactsWith<const P extends readonly Plan[]>(
  c: Context<AppEnv>,
  id: ChallengeKey,
  ...plans: P
) {
  return (await loadChallengeWith(c.var.db, id, c.var.me.id, ...plans)) as [LoadedChallenge | null, ...PlanValues<P>];
}

/** The challenge if the caller may see it; others' drafts are 404, as if they did not exist. */
export function requireVisible(c: Context<AppEnv>, ch: LoadedChallenge | null): LoadedChallenge {
  if (!ch || !isVisibleTo(ch, actorFor(c.var.me, ch))) throw notFound("That challenge");
  return ch;
}

/** The challenge as the caller sees it, to read back in a write's own batch. */
export const challengeAfter = (c: Context<AppEnv>, id: string) => challengePlan(c.var.db, id, c.var.me.id);

/** A challenge read back after a write: it is there, since the write found it a moment before. */
export function present<T>(value: T | null): T {
  if (value === null) throw notFound("That challenge");
  return value;
}

export function requireLeadership(me: Me, ch: LoadedChallenge, doing: string) {
  throwIfRefused(leadershipRefusal(actorFor(me, ch), doing));
}
