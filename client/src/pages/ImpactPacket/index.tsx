import { useRoute } from "preact-iso";
import { FailedPage, Loading } from "../../components/alert";
import { CreditClaim } from "../../components/credit-record";
import { NotFoundMessage } from "../../components/not-found";
import { api } from "../../lib/api";
import { formatDate, formatNumber, plural } from "../../lib/format";
import { call } from "../../lib/http";
import type { Portfolio } from "../../lib/types";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { levelName, useOrg } from "../../state/org";
import { ChallengeRoles, KudosList } from "../Profile/portfolio";
import "./impact-packet.css";

/**
 * The impact packet, ready to print as a PDF (SPEC §7): the portfolio grouped by the career
 * framework's dimensions, every claim linked to its evidence. The same people who may download it
 * as Markdown (the person, their manager, admins) may see it; anyone else is told so.
 */
export default function ImpactPacketPage() {
  const { params } = useRoute();
  const id = params.id ?? "";
  useOrg();
  const { loaded, reload } = useResource(
    () => call(api.people[":id"].portfolio.$get({ param: { id } })),
    `portfolio:${id}`,
  );
  const p = loaded.status === "ready" ? loaded.value : null;
  const allowed = p?.viewer.canExportPacket ?? false;
  useTitle(
    p
      ? allowed
        ? `Impact packet: ${p.person.name}`
        : "Impact packet not available"
      : loaded.status === "error"
        ? "Impact packet could not be loaded"
        : "Loading impact packet",
  );

  if (loaded.status === "loading") return <Loading label="Loading the impact packet…" />;
  if (loaded.status === "error") {
    if (loaded.notFound) return <NotFoundMessage what="Person" message="Nobody with this address is in Crux." />;
    return (
      <FailedPage title="The impact packet could not be loaded" onRetry={reload}>
        {loaded.message}
      </FailedPage>
    );
  }
  const portfolio = loaded.value;
  if (!portfolio.viewer.canExportPacket) return <NotAllowed portfolio={portfolio} />;
  return <Packet portfolio={portfolio} />;
}

/** The 403 in words: who may see it, and where the public portfolio is. */
function NotAllowed({ portfolio: p }: { portfolio: Portfolio }) {
  return (
    <div class="page narrow">
      <h1>Impact packet not available</h1>
      <div class="alert alert-info">
        <p class="alert-title">Only {p.person.name}, their manager and admins can see this packet.</p>
        <p>
          An impact packet is for a promotion case, so it stays with the person and those who make that case. Their
          portfolio, with every confirmed credit and endorsement, is public on{" "}
          <a href={`/people/${p.person.id}`}>{p.person.name}'s profile</a>.
        </p>
      </div>
    </div>
  );
}

function Packet({ portfolio: p }: { portfolio: Portfolio }) {
  const origin = location.origin;
  const confirmed = p.dimensions.flatMap((d) => d.contributions);
  const challengeCount = new Set(confirmed.map((c) => c.challenge.id)).size;
  const facts = [
    p.person.title,
    levelName(p.person.levelId),
    p.person.track === "management" ? "Management track" : "IC track",
  ].filter(Boolean);
  const profileUrl = `${origin}/people/${p.person.id}`;
  return (
    <article class="page packet" aria-labelledby="packet-heading">
      <div class="button-row packet-toolbar">
        <button type="button" class="button" onClick={() => window.print()}>
          Print
        </button>
        <a class="button button-secondary" href={`/api/people/${p.person.id}/impact-packet.md`} download>
          Download as Markdown
        </a>
        <a class="button button-ghost" href={`/people/${p.person.id}`}>
          Back to the profile
        </a>
      </div>
      <header class="packet-header">
        <h1 id="packet-heading">Impact packet: {p.person.name}</h1>
        <p class="packet-facts">{facts.join(" · ")}</p>
        <p>
          Generated {formatDate(new Date().toISOString())} from Crux:{" "}
          {plural(confirmed.length, "confirmed contribution")} on {plural(challengeCount, "challenge")}. Every claim
          links to its evidence. Portfolio: <a href={profileUrl}>{p.person.name}'s profile</a>
        </p>
        <dl class="stat-grid">
          {(
            [
              ["Confirmed credit", p.totals.confirmed],
              ["Hours", p.totals.hours],
              ["Endorsements", p.totals.endorsements],
              ["Kudos", p.totals.kudos],
              ["Lends", p.totals.lends],
            ] as const
          ).map(([label, value]) => (
            <div key={label} class="stat">
              <dt>{label}</dt>
              <dd>{formatNumber(value)}</dd>
            </div>
          ))}
        </dl>
      </header>

      <section class="packet-section" aria-labelledby="packet-challenges">
        <h2 id="packet-challenges">Challenges</h2>
        {p.challenges.length === 0 ? <p>No challenges yet.</p> : <ChallengeRoles portfolio={p} origin={origin} />}
      </section>

      {p.dimensions.map((d) => (
        <section key={d.id} class="packet-section packet-dimension" aria-labelledby={`packet-${d.id}`}>
          <h2 id={`packet-${d.id}`}>{d.name}</h2>
          {d.description && <p class="packet-description">{d.description}</p>}
          {d.contributions.length === 0 && !(d.holdsLends && p.lends.length) ? (
            <p>No confirmed credit in this dimension yet.</p>
          ) : (
            <ul class="plain-list credit-list">
              {d.contributions.map((c) => (
                <li key={c.id}>
                  <CreditClaim contribution={c} origin={origin} />
                </li>
              ))}
            </ul>
          )}
          {d.holdsLends && p.lends.length > 0 && (
            <>
              <h3>People lent to hub work, as their manager</h3>
              <ul class="plain-list credit-list">
                {p.lends.map((l) => (
                  <li key={l.id}>
                    <a href={`${origin}/people/${l.person.id}`}>{l.person.name}</a> to{" "}
                    <a href={`${origin}/challenges/${l.challenge.id}`}>{l.challenge.title}</a>, {l.sharePercent}% of
                    their time
                    {l.decidedAt && (
                      <>
                        {" "}
                        (approved <time dateTime={l.decidedAt}>{formatDate(l.decidedAt)}</time>)
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ))}

      <section class="packet-section" aria-labelledby="packet-kudos">
        <h2 id="packet-kudos">Kudos</h2>
        {p.kudosReceived.length === 0 ? <p>No kudos yet.</p> : <KudosList kudos={p.kudosReceived} origin={origin} />}
      </section>
      <p class="packet-footnote muted small">
        {p.person.name}
        {p.person.levelId ? ` · ${levelName(p.person.levelId)}` : ""}. Only confirmed credit appears here; records
        awaiting confirmation, declined or retracted never do.
      </p>
    </article>
  );
}
