import { StageBadge } from "../../components/stage-badge";
import { ChallengeTags } from "../../components/tag-list";
import { TimeAgo } from "../../components/time-ago";
import { outcomeLabel } from "../../lib/credit-words";
import { plural } from "../../lib/format";
import type { Challenge, MergeRequest, ShowcaseView, Team } from "../../lib/types";
import type { Loaded } from "../../lib/use-resource";
import { MergeNotes, ResponseClockNote } from "./merge";
import { RECRUITING_STAGES } from "./team/words";

/** The one thing the page asks of its reader next: a link to the place, or a button that opens it. */
export type NextAction = { label: string; href: string } | { label: string; onClick: () => void };

/**
 * What the viewer should do next on this challenge, from their flags and the page's data; at
 * most one, and none when nothing here is for them. Leads first answer applicants, then submit
 * the showcase; reviewers review; sponsors pledge; anyone else who may, applies.
 */
export function nextAction(
  ch: Challenge,
  team: Team | null,
  showcase: ShowcaseView | null,
  myId: string | undefined,
  openPledge: () => void,
): NextAction | null {
  const leads = ch.viewer.isLead || ch.viewer.isCoLead;
  const waiting = team?.applications.filter((a) => a.status === "pending").length ?? 0;
  if (leads && team?.viewer.canManage && waiting > 0) {
    return { label: `${plural(waiting, "applicant")} waiting`, href: "#applicants" };
  }
  if (leads && ch.stage === "active" && showcase?.viewer.canEdit) {
    return { label: "Submit the showcase", href: "#showcase" };
  }
  if (ch.stage === "showcase" && showcase?.viewer.canReview) {
    const reviewed = showcase.reviews.some((r) => r.cycle === ch.cycle && r.reviewer.id === myId);
    if (!reviewed) return { label: "Review", href: "#reviews" };
  }
  if (ch.viewer.canPledge && ch.stage === "open" && !ch.viewer.isSponsor) {
    return { label: "Pledge", onClick: openPledge };
  }
  if (!leads && team && myId && RECRUITING_STAGES.includes(ch.stage)) {
    const onTeam = team.members.some((m) => m.person.id === myId);
    const applied = team.applications.some((a) => a.applicant.id === myId && a.status === "pending");
    const open = ch.slots.some((s) => s.status === "open" && s.open > 0);
    if (!onTeam && !applied && open) return { label: "Apply", href: "#team" };
  }
  return null;
}

/** The newest decision's outcome, date and the first line of its rationale. */
function DecisionSummary({ showcase }: { showcase: ShowcaseView }) {
  const latest = [...showcase.decisions].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (!latest) return null;
  const line = latest.rationale.split("\n").find((l) => l.trim()) ?? "";
  return (
    <div class="decision-summary">
      <p class="decision-summary-line">
        <strong>Decision: {outcomeLabel(latest.decision)}</strong>
        {" · "}
        <TimeAgo iso={latest.createdAt} />
        {" · "}
        <a href="#decisions-heading">See the decision</a>
      </p>
      {line && <p class="decision-summary-rationale">{line}</p>}
    </div>
  );
}

/** The challenge's stage, title, leads, summary and tags; the viewer's next step; the decision once made. */
export function ChallengeHeader({
  challenge: ch,
  merges,
  action,
  showcase,
}: {
  challenge: Challenge;
  /** The merge requests, when the viewer reads them. */
  merges: Loaded<{ items: MergeRequest[] }> | null;
  action: NextAction | null;
  showcase: ShowcaseView | null;
}) {
  return (
    <header class="challenge-header form-section">
      <div class="challenge-header-top">
        <div class="challenge-header-title">
          <div class="cluster">
            <StageBadge stage={ch.stage} />
            {ch.cycle > 1 && <span class="badge">Cycle {ch.cycle}</span>}
          </div>
          <h1>{ch.title}</h1>
        </div>
        {action && (
          <div class="challenge-next">
            {"href" in action ? (
              <a class="button" href={action.href}>
                {action.label}
              </a>
            ) : (
              <button type="button" class="button" aria-haspopup="dialog" onClick={action.onClick}>
                {action.label}
              </button>
            )}
          </div>
        )}
      </div>
      <p class="lead-line">
        Led by <a href={`/people/${ch.lead.id}`}>{ch.viewer.isLead ? "you" : ch.lead.name}</a>
        {ch.coLead && (
          <>
            {" "}
            with co-lead <a href={`/people/${ch.coLead.id}`}>{ch.viewer.isCoLead ? "you" : ch.coLead.name}</a>
          </>
        )}
        {" · "}
        {ch.publishedAt ? (
          <>
            published <TimeAgo iso={ch.publishedAt} />
          </>
        ) : (
          <>
            drafted <TimeAgo iso={ch.createdAt} />
          </>
        )}
      </p>
      {ch.summary && <p class="summary">{ch.summary}</p>}
      <ChallengeTags tags={ch.tags} />
      {showcase && <DecisionSummary showcase={showcase} />}
      <ResponseClockNote challenge={ch} />
      <MergeNotes challenge={ch} requests={merges} />
    </header>
  );
}
