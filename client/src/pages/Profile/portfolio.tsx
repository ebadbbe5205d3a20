import { Alert, Loading } from "../../components/alert";
import { BarChart } from "../../components/bar-chart";
import { CreditClaim } from "../../components/credit-record";
import { StageBadge } from "../../components/stage-badge";
import { api } from "../../lib/api";
import { CONTRIBUTION_LABELS, outcomeLabel } from "../../lib/credit-words";
import { formatDate, formatNumber, plural, STAGE_LABELS } from "../../lib/format";
import { call } from "../../lib/http";
import type { Kudos, Portfolio, Stage } from "../../lib/types";
import { useResource } from "../../lib/use-resource";
import { disciplineName } from "../../state/org";
import { FeedbackList, LendList } from "./feedback";

const isStage = (stage: string): stage is Stage => stage in STAGE_LABELS;

/** "Lead", "Co-lead", "Data member, 30% of their time". */
export function roleWords(c: Portfolio["challenges"][number]): string {
  if (c.role === "lead") return "Lead";
  if (c.role === "co-lead") return "Co-lead";
  const discipline = c.discipline ? `${disciplineName(c.discipline)} member` : "Team member";
  return c.commitmentPercent ? `${discipline}, ${c.commitmentPercent}% of their time` : discipline;
}

/** The challenges someone led and joined, with their role and the outcome, if decided. */
export function ChallengeRoles({ challenges, origin = "" }: { challenges: Portfolio["challenges"]; origin?: string }) {
  return (
    <ul class="plain-list credit-list">
      {challenges.map((c) => (
        <li key={`${c.id}-${c.role}`}>
          <div class="cluster">
            <a href={`${origin}/challenges/${c.id}`}>{c.title}</a>
            {isStage(c.stage) && <StageBadge stage={c.stage} />}
          </div>
          <p class="claim-meta">
            {roleWords(c)}
            {c.outcome ? (
              <>
                {" · "}
                <strong>Outcome: {outcomeLabel(c.outcome)}</strong>
                {c.decidedAt && (
                  <>
                    {" "}
                    (<time dateTime={c.decidedAt}>{formatDate(c.decidedAt)}</time>)
                  </>
                )}
              </>
            ) : (
              " · no decision yet"
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Kudos as a list: who thanked whom, on which challenge, with the message. */
export function KudosList({ kudos, given = false, origin = "" }: { kudos: Kudos[]; given?: boolean; origin?: string }) {
  return (
    <ul class="plain-list credit-list">
      {kudos.map((k) => {
        const other = given ? k.to : k.from;
        return (
          <li key={k.id}>
            <p class="claim-head">
              {given ? "To " : "From "}
              <a href={`${origin}/people/${other.id}`}>{other.name}</a> on{" "}
              <a href={`${origin}/challenges/${k.challenge.id}`}>{k.challenge.title}</a>{" "}
              <span class="muted small">
                (<time dateTime={k.createdAt}>{formatDate(k.createdAt)}</time>)
              </span>
            </p>
            <p class="kudos-message">“{k.message}”</p>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The impact portfolio on a profile (SPEC §7): totals, confirmed credit by type, the challenges
 * with roles and outcomes, credit grouped by the career framework's dimensions with endorsements,
 * and, apart, the records that do not count, so a reader sees everything with its evidence.
 */
export function PortfolioSection({ personId, isSelf }: { personId: string; isSelf: boolean }) {
  const { loaded, reload } = useResource(
    () => call(api.people[":id"].portfolio.$get({ param: { id: personId } })),
    `portfolio:${personId}`,
  );
  return (
    <section class="section-card portfolio" aria-labelledby="portfolio-heading">
      <h2 id="portfolio-heading">Impact portfolio</h2>
      {loaded.status === "loading" && <Loading label="Loading the impact portfolio…" />}
      {loaded.status === "error" && (
        <Alert title="The impact portfolio could not be loaded" onRetry={reload}>
          {loaded.message}
        </Alert>
      )}
      {loaded.status === "ready" && <PortfolioBody portfolio={loaded.value} isSelf={isSelf} />}
    </section>
  );
}

function PortfolioBody({ portfolio: p, isSelf }: { portfolio: Portfolio; isSelf: boolean }) {
  const t = p.totals;
  const notCounted = p.records.filter((r) => !r.counts);
  const who = isSelf ? "You have" : `${p.person.name} has`;
  const stats: [string, string][] = [
    ["Confirmed credit", formatNumber(t.confirmed)],
    ["Hours", formatNumber(t.hours)],
    ["Endorsements", formatNumber(t.endorsements)],
    ["Kudos", formatNumber(t.kudos)],
    ["Lends", formatNumber(t.lends)],
  ];
  return (
    <>
      {p.viewer.canExportPacket && (
        <div class="button-row portfolio-actions">
          <a class="button button-secondary button-small" href={`/api/people/${p.person.id}/impact-packet.md`} download>
            Download impact packet
          </a>
          <a class="button button-secondary button-small" href={`/people/${p.person.id}/impact-packet`}>
            Print impact packet
          </a>
          {/* The plan's readers are the packet's: the person, their manager and admins (SPEC §16). */}
          <a class="button button-secondary button-small" href={`/people/${p.person.id}/plan`}>
            Progression plan
          </a>
        </div>
      )}
      <dl class="stat-grid">
        {stats.map(([label, value]) => (
          <div key={label} class="stat">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {t.pending > 0 && (
        <p class="small">
          {plural(t.pending, "more record")} {t.pending === 1 ? "awaits" : "await"} confirmation and{" "}
          {t.pending === 1 ? "does" : "do"} not count yet.
        </p>
      )}

      <h3 id="by-type-heading">Confirmed credit by type</h3>
      {p.byType.length === 0 ? (
        <p class="muted">{who} no confirmed credit yet.</p>
      ) : (
        <BarChart
          title="Confirmed credit by type"
          bars={p.byType.map((b) => ({ label: CONTRIBUTION_LABELS[b.type], value: b.count }))}
          unit={(n) => plural(n, "contribution")}
        />
      )}

      <h3>Challenges led and joined</h3>
      {p.challenges.length === 0 ? (
        <p class="muted">
          {isSelf ? (
            <>
              None yet. <a href="/propose">Propose a challenge</a> or <a href="/for-you">find a role that fits you</a>.
            </>
          ) : (
            "None yet."
          )}
        </p>
      ) : (
        <ChallengeRoles challenges={p.challenges} />
      )}

      <h3>Credit by framework dimension</h3>
      <p class="muted small">Confirmed credit only, grouped as a promotion case reads it.</p>
      {p.dimensions.map((d) => (
        <div key={d.id} class="dimension">
          <h4>{d.name}</h4>
          {d.description && <p class="muted small">{d.description}</p>}
          {d.contributions.length === 0 && !(d.holdsLends && p.lends.length > 0) ? (
            <p class="muted small">No confirmed credit in this dimension yet.</p>
          ) : (
            <ul class="plain-list credit-list">
              {d.contributions.map((c) => (
                <li key={c.id}>
                  <CreditClaim contribution={c} />
                </li>
              ))}
            </ul>
          )}
          {d.holdsLends && p.lends.length > 0 && (
            <>
              <h5 class="subheading">
                {isSelf ? "People you lent" : `People ${p.person.name} lent`} to hub work, as their manager
              </h5>
              <LendList lends={p.lends} />
            </>
          )}
        </div>
      ))}

      <h3 id="feedback-heading">Review feedback and decisions</h3>
      {p.feedback.length === 0 ? (
        <p class="muted">
          No review feedback yet. When reviewers review a showcase {isSelf ? "you hold" : `${p.person.name} holds`}{" "}
          confirmed credit on, what they said and what was decided appear here.
        </p>
      ) : (
        <>
          <p class="muted small">
            On the challenges {isSelf ? "you hold" : `${p.person.name} holds`} confirmed credit on, with the team's
            replies.
          </p>
          <FeedbackList feedback={p.feedback} />
        </>
      )}

      <h3>Not counted</h3>
      {notCounted.length === 0 ? (
        <p class="muted">Nothing: every credit record about {isSelf ? "you" : p.person.name} is confirmed.</p>
      ) : (
        <>
          <p class="muted small">
            Awaiting confirmation, declined or retracted: on record with the reason, never counted.
          </p>
          <ul class="plain-list credit-list">
            {notCounted.map((c) => (
              <li key={c.id} class={`credit-${c.status}`}>
                <CreditClaim contribution={c} showStatus />
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Kudos received</h3>
      {p.kudosReceived.length === 0 ? <p class="muted">No kudos yet.</p> : <KudosList kudos={p.kudosReceived} />}
      {p.kudosGiven.length > 0 && (
        <>
          <h3>Kudos given</h3>
          <KudosList kudos={p.kudosGiven} given />
        </>
      )}
    </>
  );
}
