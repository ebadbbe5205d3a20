import { canReadLedger, pledgerRefusal, pledgeStageRefusal, stillNeeded } from "../../domain/ledger";
import {
  acceptsParticipation,
  availableActions,
  backingRefusal,
  canEditContent,
  type Facts,
  missingForPublish,
} from "../../domain/lifecycle";
import { responseClock, showcaseMissing } from "../../domain/review";
import type { Challenge } from "../../schemas/challenge";
import type { LoadedChallenge } from "../../services/challenges";
import type { Me } from "../../services/people";
import { actorFor } from "./access";

/** The facts worker/domain/lifecycle.ts decides a challenge's stage moves on. */
export function factsFor(ch: LoadedChallenge): Facts {
  return {
    missingForPublish: missingForPublish({
      summary: ch.summary,
      problem: ch.problem,
      constraints: ch.constraints,
      horizonWeeks: ch.horizonWeeks,
      fundingAsk: ch.fundingAsk,
      kpiCount: ch.kpis.length,
    }),
    fundingAsk: ch.fundingAsk,
    pledgedTotal: ch.funding.pledged,
    pledgeCount: ch.funding.pledgeCount,
    // Seats awaiting a manager's lend do not count: work starts with people who can work.
    unfilledRequiredSlots: ch.slots
      .filter((s) => s.required && s.activeMembers < s.count)
      .map((s) => `${s.discipline} (${s.count - s.activeMembers} of ${s.count} open)`),
    ...(() => {
      const missing = showcaseMissing(
        ch.showcase,
        ch.kpis.map((k) => k.id),
      );
      return { showcaseWritten: missing.length === 0, showcaseMissing: missing };
    })(),
  };
}

/** The challenge as GET /api/challenges/:id answers it, with what the caller may do. */
export function toResponse(ch: LoadedChallenge, me: Me): Challenge {
  const actor = actorFor(me, ch);
  const facts = factsFor(ch);
  return {
    id: ch.id,
    title: ch.title,
    summary: ch.summary,
    problem: ch.problem,
    whyItMatters: ch.whyItMatters,
    kpis: ch.kpis,
    boundaries: { constraints: ch.constraints, outOfScope: ch.outOfScope },
    assistanceNeeded: ch.assistanceNeeded,
    horizonWeeks: ch.horizonWeeks,
    fundingAsk: ch.fundingAsk,
    currency: ch.currency,
    fundingBreakdown: ch.fundingBreakdown,
    tags: ch.tags,
    slots: ch.slots,
    stage: ch.stage,
    cycle: ch.cycle,
    lead: ch.lead,
    coLead: ch.coLead,
    backerCount: ch.backerCount,
    commentCount: ch.commentCount,
    backedByMe: ch.backedByMe,
    funding: { ...ch.funding, stillNeeded: stillNeeded(ch.stage, ch.fundingAsk, ch.funding) },
    publishedAt: ch.publishedAt,
    stageChangedAt: ch.stageChangedAt,
    createdAt: ch.createdAt,
    updatedAt: ch.updatedAt,
    mergedIntoId: ch.mergedIntoId,
    mergedFrom: ch.mergedFrom,
    responseClock: (() => {
      const clock = responseClock(ch, new Date().toISOString(), ch.responseDeadlineDays);
      return clock ? { ...clock, deadlineDays: ch.responseDeadlineDays } : null;
    })(),
    viewer: {
      isLead: actor.isLead,
      isCoLead: actor.isCoLead,
      canEdit: (actor.isLead || actor.isCoLead) && canEditContent(ch.stage),
      canParticipate: acceptsParticipation(ch.stage),
      canBack: !backingRefusal(ch.stage, actor),
      actions: availableActions(ch, actor, facts),
      missingForPublish: [...(facts.missingForPublish ?? [])],
      isSponsor: ch.sponsoredByMe,
      canPledge: !pledgerRefusal(me.roles) && !pledgeStageRefusal(ch.stage),
      canSeeLedger: readsLedger(me, ch),
    },
  };
}

/** Whether the caller may read the challenge's ledger, and so the amounts in its activity (SPEC §14). */
export function readsLedger(me: Me, ch: LoadedChallenge) {
  const actor = actorFor(me, ch);
  return canReadLedger({
    isLead: actor.isLead,
    isCoLead: actor.isCoLead,
    hasPledged: ch.pledgedByMe,
    isAdmin: me.roles.includes("admin"),
  });
}
