import type { InferResponseType } from "hono/client";
import { useRoute } from "preact-iso";
import { FailedPage, Loading } from "../../components/alert";
import { CreditClaim } from "../../components/credit-record";
import { NotFoundMessage } from "../../components/not-found";
import { api } from "../../lib/api";
import { formatDate, formatNumber } from "../../lib/format";
import { ApiError, call } from "../../lib/http";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { useOrg } from "../../state/org";
import { FeedbackList, LendList } from "../Profile/feedback";
import { ChallengeRoles, KudosList } from "../Profile/portfolio";
import "./impact-packet.css";

type Packet = InferResponseType<(typeof api.people)[":id"]["impact-packet"]["$get"], 200>;

/** The packet, or null when the caller may not read it (403: only the person, their manager and admins). */
async function loadPacket(id: string): Promise<Packet | null> {
  try {
    return await call(api.people[":id"]["impact-packet"].$get({ param: { id } }));
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return null;
    throw err;
  }
}

/**
 * The impact packet, ready to print as a PDF (SPEC §7): what the Markdown export holds, from the
 * same JSON (no drafts, labels rather than ids, counts in words), grouped by the career
 * framework's dimensions, every claim linked to its evidence. The same people who may download it
 * (the person, their manager, admins) may see it; anyone else is told so.
 */
export default function ImpactPacketPage() {
  const { params } = useRoute();
  const id = params.id ?? "";
  useOrg();
  const { loaded, reload } = useResource(() => loadPacket(id), `impact-packet:${id}`);
  const packet = loaded.status === "ready" ? loaded.value : undefined;
  useTitle(
    packet
      ? `Impact packet: ${packet.person.name}`
      : packet === null
        ? "Impact packet not available"
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
  if (!loaded.value) return <NotAllowed personId={id} />;
  return <PacketView packet={loaded.value} />;
}

/** The 403 in words: who may see it, and where the public portfolio is. */
function NotAllowed({ personId }: { personId: string }) {
  return (
    <div class="page narrow">
      <h1>Impact packet not available</h1>
      <div class="alert alert-info">
        <p class="alert-title">Only the person, their manager and admins can see this packet.</p>
        <p>
          An impact packet is for a promotion case, so it stays with the person and those who make that case. Their
          portfolio, with every confirmed credit and endorsement, is public on{" "}
          <a href={`/people/${personId}`}>their profile</a>.
        </p>
      </div>
    </div>
  );
}

function PacketView({ packet: p }: { packet: Packet }) {
  const origin = location.origin;
  const facts = [
    p.person.title,
    p.person.level,
    p.person.discipline,
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
          Generated <time dateTime={p.generatedAt}>{formatDate(p.generatedAt)}</time> from Crux: {p.summary}. Every
          claim links to its evidence. Portfolio: <a href={profileUrl}>{p.person.name}'s profile</a>
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
        {p.challenges.length === 0 ? (
          <p>No challenges yet.</p>
        ) : (
          <ChallengeRoles challenges={p.challenges} origin={origin} />
        )}
      </section>

      {p.dimensions.map((d) => (
        <section key={d.id} class="packet-section packet-dimension" aria-labelledby={`packet-${d.id}`}>
          <h2 id={`packet-${d.id}`}>{d.name}</h2>
          {d.description && <p class="packet-description">{d.description}</p>}
          {d.contributions.length === 0 && d.lends.length === 0 && <p>No confirmed credit in this dimension yet.</p>}
          {d.contributions.length > 0 && (
            <ul class="plain-list credit-list">
              {d.contributions.map((c) => (
                <li key={c.id}>
                  <CreditClaim contribution={c} origin={origin} />
                </li>
              ))}
            </ul>
          )}
          {d.lends.length > 0 && (
            <>
              <h3>People lent to hub work, as their manager</h3>
              <LendList lends={d.lends} origin={origin} />
            </>
          )}
        </section>
      ))}

      {p.plan && <PlanSection plan={p.plan} origin={origin} />}

      <section class="packet-section" aria-labelledby="packet-feedback">
        <h2 id="packet-feedback">Review feedback and decisions</h2>
        {p.feedback.length === 0 ? (
          <p>No review feedback yet on the challenges with confirmed credit.</p>
        ) : (
          <FeedbackList feedback={p.feedback} origin={origin} level={3} />
        )}
      </section>

      <section class="packet-section" aria-labelledby="packet-kudos">
        <h2 id="packet-kudos">Kudos</h2>
        {p.kudos.length === 0 ? <p>No kudos yet.</p> : <KudosList kudos={p.kudos} origin={origin} />}
      </section>
      <p class="packet-footnote muted small">
        {p.person.name}
        {p.person.level ? ` · ${p.person.level}` : ""}. Only confirmed credit appears here; records awaiting
        confirmation, declined or retracted never do, nor anything on a challenge that was never published.
      </p>
    </article>
  );
}

const EVIDENCE_WORDS: Record<string, string> = {
  contribution: "Contribution",
  outcome: "Outcome",
  endorsement: "Endorsement",
  kudos: "Kudos",
  lend: "Lend",
  review: "Review feedback",
};

/** Plan and evidence (SPEC §16): the progression plan's target and each goal with its evidence. */
function PlanSection({ plan, origin }: { plan: NonNullable<Packet["plan"]>; origin: string }) {
  return (
    <section class="packet-section" aria-labelledby="packet-plan">
      <h2 id="packet-plan">Plan and evidence</h2>
      <p>
        {plan.targetKind === "next_level"
          ? `Target: ${plan.targetLevel ?? "the next level"}`
          : "Target: growth in level"}{" "}
        (version {plan.version},{" "}
        {plan.agreed ? "acknowledged by the person and their manager" : "not yet acknowledged by both"}).
      </p>
      {plan.summary && <p>{plan.summary}</p>}
      <ul class="plain-list packet-plan-goals">
        {plan.goals.map((g) => (
          <li key={g.title}>
            <h3>
              {g.title} <span class="muted small">({g.dimension})</span>
            </h3>
            {g.evidenceWanted && <p class="packet-description">What would show it: {g.evidenceWanted}</p>}
            {g.evidence.length === 0 ? (
              <p>No evidence yet.</p>
            ) : (
              <ul>
                {g.evidence.map((e) => (
                  <li key={`${e.kind}:${e.challenge.id}:${e.at}:${e.body}`}>
                    {EVIDENCE_WORDS[e.kind] ?? e.kind} on{" "}
                    <a href={`${origin}/challenges/${e.challenge.id}`}>{e.challenge.title}</a>: {e.body}
                    {[e.byName, e.at ? formatDate(e.at) : null].filter(Boolean).length > 0 &&
                      ` (${[e.byName, e.at ? formatDate(e.at) : null].filter(Boolean).join(", ")})`}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
