import { StageBadge } from "../../components/stage-badge";
import { ChallengeTags } from "../../components/tag-list";
import { TimeAgo } from "../../components/time-ago";
import type { Challenge, MergeRequest } from "../../lib/types";
import type { Loaded } from "../../lib/use-resource";
import { MergeNotes, ResponseClockNote } from "./merge";

/** The challenge's stage, title, leads, summary and tags, and notes on its response clock and merges. */
export function ChallengeHeader({
  challenge: ch,
  merges,
}: {
  challenge: Challenge;
  /** The merge requests, when the viewer reads them. */
  merges: Loaded<{ items: MergeRequest[] }> | null;
}) {
  return (
    <header class="challenge-header form-section">
      <div class="cluster">
        <StageBadge stage={ch.stage} />
        {ch.cycle > 1 && <span class="badge">Cycle {ch.cycle}</span>}
      </div>
      <h1>{ch.title}</h1>
      <p class="lead-line">
        Led by <a href={`/people/${ch.lead.id}`}>{ch.lead.name}</a>
        {ch.coLead && (
          <>
            {" "}
            with co-lead <a href={`/people/${ch.coLead.id}`}>{ch.coLead.name}</a>
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
      <ResponseClockNote challenge={ch} />
      <MergeNotes challenge={ch} requests={merges} />
    </header>
  );
}
