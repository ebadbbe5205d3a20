import type { Context } from "hono";
import { type Actor, isVisibleTo } from "../domain/lifecycle";
import { isOnTeamOf, type TeamStanding } from "../domain/teams";
import type { AppEnv } from "../env";
import { forbidden, notFound } from "../middleware/errors";
import { type LoadedChallenge, loadChallenge } from "../services/challenges";
import { loadChallengeWithMoney } from "../services/funding";
import type { Me } from "../services/people";

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

/** `visibleChallenge` and the challenge's money, read in the same round trip. */
export async function visibleChallengeWithMoney(c: Context<AppEnv>, id: string) {
  const found = await loadChallengeWithMoney(c.var.db, id, c.var.me.id);
  if (!found || !isVisibleTo(found.ch, actorFor(c.var.me, found.ch))) throw notFound("That challenge");
  return found;
}

export function requireLeadership(me: Me, ch: LoadedChallenge, doing: string) {
  const actor = actorFor(me, ch);
  if (!actor.isLead && !actor.isCoLead) throw forbidden(`Only the lead or co-lead can ${doing}.`);
}
