import { plural } from "../lib/format";
import type { ChallengeCard as Card } from "../lib/types";
import { disciplineName } from "../state/org";
import { me } from "../state/session";
import { FundingProgress } from "./funding-progress";
import { StageBadge } from "./stage-badge";
import { ChallengeTags, TagList } from "./tag-list";
import "./challenge-card.css";

/** One challenge in the marketplace: what it is, where it stands, who it needs. */
export function ChallengeCard({ challenge: c }: { challenge: Card }) {
  const headingId = `challenge-${c.id}`;
  return (
    <article class="card challenge-card" aria-labelledby={headingId}>
      <div class="cluster">
        <StageBadge stage={c.stage} />
      </div>
      <h2 id={headingId}>
        <a href={`/challenges/${c.id}`}>{c.title}</a>
      </h2>
      {c.summary && <p class="summary">{c.summary}</p>}
      {c.openRoles.length > 0 && (
        <TagList label="Open roles">
          {c.openRoles.map((r) => (
            <li key={r.discipline} class="role-chip">
              {disciplineName(r.discipline)}
              <span aria-hidden="true"> ×</span>
              <span class="visually-hidden">, open seats:</span> {r.open}
            </li>
          ))}
        </TagList>
      )}
      <ChallengeTags tags={c.tags} />
      <FundingProgress
        id={`funding-${c.id}`}
        ask={c.fundingAsk}
        pledged={c.pledged}
        returned={c.returned}
        currency={c.currency}
        stage={c.stage}
      />
      <div class="card-footer">
        <ul class="card-meta">
          <li>
            Led by <a href={`/people/${c.lead.id}`}>{c.lead.id === me.value?.id ? "you" : c.lead.name}</a>
          </li>
          <li>{plural(c.backerCount, "backer")}</li>
          <li>{plural(c.commentCount, "comment")}</li>
        </ul>
      </div>
    </article>
  );
}
