import { useEffect, useRef, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { Alert, FailedPage, Loading } from "../../components/alert";
import { Avatar } from "../../components/avatar";
import { TextAreaField } from "../../components/field";
import { Markdown } from "../../components/markdown";
import { NotFoundMessage } from "../../components/not-found";
import { StageBadge } from "../../components/stage-badge";
import { ChallengeTags } from "../../components/tag-list";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { formatNumber, plural } from "../../lib/format";
import { ApiError, call, messageOf } from "../../lib/http";
import { formatMoney } from "../../lib/money";
import type { Activity, Challenge, ChallengeLedger, Comment, Team, TransitionAction } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { type Flash, takeFlash } from "../../state/flash";
import { useOrg } from "../../state/org";
import { type ActivityNames, describeActivity, MISSING_WORDS } from "./activity";
import { ApplicantsSection } from "./applicants";
import { CreditSection } from "./credit";
import { FundingCard } from "./funding";
import { KudosSection } from "./kudos";
import { LedgerSection, SpendSection } from "./ledger";
import { MergeCard, MergeNotes, ResponseClockNote } from "./merge";
import { ProgressSection } from "./progress";
import { SHOWCASE_STAGES, ShowcaseArea } from "./showcase";
import { slotName, TeamSection } from "./team";
import { type Feed, useFeed } from "./use-feed";

const ACTION_LABELS: Record<TransitionAction, string> = {
  publish: "Publish",
  withdraw: "Withdraw",
  start: "Start work",
  submit: "Submit for review",
  archive: "Archive",
};

const ACTION_DONE: Record<TransitionAction, string> = {
  publish: "Published: the challenge is now in the marketplace.",
  withdraw: "The challenge is withdrawn.",
  start: "Work has started.",
  submit: "The showcase is submitted for review.",
  archive: "The challenge is archived.",
};

export default function ChallengePage() {
  const { params } = useRoute();
  const id = params.id;
  useOrg();
  const [notice, setNotice] = useState<Flash | null>(() => takeFlash());
  const {
    loaded,
    reload,
    refresh,
    set: update,
  } = useResource(() => call(api.challenges[":id"].$get({ param: { id } })), `challenge:${id}`);
  const canSeeLedger = loaded.status === "ready" && loaded.value.viewer.canSeeLedger;
  // Read when the viewer may (lead, co-lead, sponsor, admin), and again once they become a sponsor.
  const ledger = useResource<ChallengeLedger | null>(
    () => (canSeeLedger ? call(api.challenges[":id"].ledger.$get({ param: { id } })) : Promise.resolve(null)),
    `challenge-ledger:${id}:${canSeeLedger}`,
  );
  const team = useResource(() => call(api.challenges[":id"].team.$get({ param: { id } })), `team:${id}`);
  // Merges matter to the leads (proposals to answer) and to a merged challenge's readers (where it went).
  const wantsMerges =
    loaded.status === "ready" &&
    (loaded.value.viewer.isLead || loaded.value.viewer.isCoLead || loaded.value.mergedIntoId !== null);
  const merges = useResource(
    () =>
      wantsMerges
        ? call(api.challenges[":id"]["merge-requests"].$get({ param: { id } }))
        : Promise.resolve({ items: [] }),
    `merge-requests:${id}:${wantsMerges}`,
  );
  const comments = useFeed(
    (cursor) =>
      call(
        api.challenges[":id"].comments.$get({ param: { id }, query: { limit: "50", ...(cursor ? { cursor } : {}) } }),
      ),
    id,
  );
  const activity = useFeed(
    (cursor) =>
      call(
        api.challenges[":id"].activity.$get({ param: { id }, query: { limit: "20", ...(cursor ? { cursor } : {}) } }),
      ),
    id,
  );
  const challenge = loaded.status === "ready" ? loaded.value : null;
  // Every state names its own title, so no child's title effect can be overwritten by this one.
  useTitle(
    challenge
      ? challenge.title
      : loaded.status === "error"
        ? loaded.notFound
          ? "Challenge not found"
          : "The challenge could not be loaded"
        : "Loading challenge",
  );

  if (loaded.status === "loading") return <Loading label="Loading the challenge…" />;
  if (loaded.status === "error") {
    if (loaded.notFound) {
      return (
        <NotFoundMessage
          what="Challenge"
          message="This challenge does not exist, or it is a draft that only its lead can see."
        />
      );
    }
    return (
      <FailedPage title="The challenge could not be loaded" onRetry={reload}>
        {loaded.message}
      </FailedPage>
    );
  }

  const ch = loaded.value;
  const moneyMoved = () => {
    refresh();
    ledger.refresh();
    activity.refresh();
  };
  // Slot counts, the co-lead and the stage's start rule live on the challenge: read it again too.
  const teamChanged = (next?: Team) => {
    if (next) team.set(next);
    else team.refresh();
    refresh();
    activity.refresh();
  };
  const names = activityNames(ch, team.loaded.status === "ready" ? team.loaded.value : null);
  const showcase = (
    <ShowcaseArea
      challenge={ch}
      team={team.loaded}
      onChallengeChanged={(next, message) => {
        update(next);
        setNotice({ kind: "success", message });
        activity.refresh();
      }}
      onStale={refresh}
      onActivity={activity.refresh}
    />
  );

  return (
    <div class="page">
      {notice && (
        <Alert kind={notice.kind} title={notice.kind === "error" ? "Not published" : undefined}>
          {notice.message}
        </Alert>
      )}

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
        <MergeNotes challenge={ch} requests={wantsMerges ? merges.loaded : null} />
      </header>

      <div class="two-column challenge-layout">
        <aside class="sidebar challenge-aside" aria-label="Funding, backing and actions">
          <FundingCard
            challenge={ch}
            ledger={ledger.loaded.status === "ready" ? ledger.loaded.value : null}
            onPledged={(result) => {
              ledger.set(result.ledger);
              refresh();
              activity.refresh();
            }}
            onStale={refresh}
          />
          <BackingCard challenge={ch} onChange={update} onActivity={activity.refresh} />
          {(ch.viewer.isLead || ch.viewer.isCoLead) && (
            <ManageCard
              challenge={ch}
              onChange={(next, message) => {
                update(next);
                setNotice({ kind: "success", message });
                activity.refresh();
              }}
            />
          )}
          {(ch.viewer.isLead || ch.viewer.isCoLead) && (
            <MergeCard
              challenge={ch}
              requests={merges.loaded}
              onRetry={merges.reload}
              onChanged={(message, merged) => {
                setNotice({ kind: "success", message });
                merges.refresh();
                if (merged) {
                  refresh();
                  team.refresh();
                  comments.refresh();
                }
                activity.refresh();
              }}
            />
          )}
        </aside>
        <div class="stack challenge-main">
          {SHOWCASE_STAGES.includes(ch.stage) && ch.stage !== "active" && showcase}
          <Section title="Problem" source={ch.problem} />
          <Section title="Why it matters" source={ch.whyItMatters} />
          <KpiSection challenge={ch} />
          <section class="section-card" aria-labelledby="boundaries-heading">
            <h2 id="boundaries-heading">Boundaries</h2>
            <h3>Constraints</h3>
            <MarkdownOrEmpty source={ch.boundaries.constraints} />
            <h3>Out of scope</h3>
            <MarkdownOrEmpty source={ch.boundaries.outOfScope} />
          </section>
          <Section title="Assistance needed" source={ch.assistanceNeeded} />
          <section class="section-card" aria-labelledby="time-money-heading">
            <h2 id="time-money-heading">Time horizon and funding</h2>
            <dl class="facts">
              <dt>Time horizon</dt>
              <dd>{ch.horizonWeeks === null ? "Not set" : plural(ch.horizonWeeks, "week")}</dd>
              <dt>Funding ask</dt>
              <dd>
                {ch.fundingAsk === null
                  ? "Not set"
                  : ch.fundingAsk === 0
                    ? "None: it needs a sponsor's endorsement, not money"
                    : formatMoney(ch.fundingAsk, ch.currency)}
              </dd>
            </dl>
            <h3 class="subheading">Funding breakdown</h3>
            <MarkdownOrEmpty source={ch.fundingBreakdown} />
          </section>
          <TeamSection challenge={ch} team={team.loaded} onRetry={team.reload} onChanged={teamChanged} />
          {team.loaded.status === "ready" && team.loaded.value.viewer.canManage && (
            <ApplicantsSection challenge={ch} team={team.loaded.value} onChanged={teamChanged} />
          )}
          <ProgressSection challenge={ch} team={team.loaded} onActivity={activity.refresh} />
          <CreditSection challenge={ch} team={team.loaded} onActivity={activity.refresh} />
          {ch.stage === "active" && showcase}
          <KudosSection challenge={ch} team={team.loaded.status === "ready" ? team.loaded.value : null} />
          {ch.viewer.canSeeLedger && (
            <LedgerSection challenge={ch} loaded={ledger.loaded} onRetry={ledger.reload} onChanged={moneyMoved} />
          )}
          {ch.viewer.canSeeLedger && ledger.loaded.status === "ready" && ledger.loaded.value && (
            <SpendSection challenge={ch} ledger={ledger.loaded.value} onChanged={moneyMoved} />
          )}
          <CommentsSection
            challenge={ch}
            comments={comments.feed}
            onMore={comments.loadMore}
            onRetry={comments.refresh}
            onPosted={(comment) => {
              comments.append(comment);
              update({ ...ch, commentCount: ch.commentCount + 1 });
              activity.refresh();
            }}
          />
          <ActivitySection
            activity={activity.feed}
            currency={ch.currency}
            names={names}
            onMore={activity.loadMore}
            onRetry={activity.refresh}
          />
        </div>
      </div>
    </div>
  );
}

/** Names for the people and slots activity entries point at, from what the page has read. */
function activityNames(ch: Challenge, team: Team | null): ActivityNames {
  const people = new Map<string, string>([[ch.lead.id, ch.lead.name]]);
  if (ch.coLead) people.set(ch.coLead.id, ch.coLead.name);
  for (const m of team?.members ?? []) people.set(m.person.id, m.person.name);
  for (const a of team?.applications ?? []) people.set(a.applicant.id, a.applicant.name);
  return {
    person: (personId) => people.get(personId),
    slot: (slotId) => {
      const slot = ch.slots.find((s) => s.id === slotId);
      return slot ? `the ${slotName(slot, ch.slots)} role` : undefined;
    },
  };
}

function MarkdownOrEmpty({ source }: { source: string }) {
  return source.trim() ? <Markdown source={source} /> : <p class="muted">Not written yet.</p>;
}

function Section({ title, source }: { title: string; source: string }) {
  const headingId = `${title.toLowerCase().replace(/\W+/g, "-")}-heading`;
  return (
    <section class="section-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <MarkdownOrEmpty source={source} />
    </section>
  );
}

function KpiSection({ challenge: ch }: { challenge: Challenge }) {
  return (
    <section class="section-card" aria-labelledby="kpis-heading">
      <h2 id="kpis-heading">KPIs</h2>
      {ch.kpis.length === 0 ? (
        <p class="muted">No measurable goals yet.</p>
      ) : (
        <table class="table stackable">
          <caption class="visually-hidden">Measurable goals, from baseline to target</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Unit</th>
              <th scope="col">Direction</th>
              <th scope="col">Baseline → target</th>
            </tr>
          </thead>
          <tbody>
            {ch.kpis.map((k) => (
              <tr key={k.id}>
                <th scope="row" data-label="Name">
                  {k.name}
                </th>
                <td data-label="Unit">{k.unit}</td>
                <td data-label="Direction">
                  <span aria-hidden="true">{k.direction === "up" ? "↑ " : "↓ "}</span>
                  {k.direction === "up" ? "Up" : "Down"}
                </td>
                <td data-label="Baseline → target">
                  {formatNumber(k.baseline)} <span aria-hidden="true">→</span>
                  <span class="visually-hidden">to</span> {formatNumber(k.target)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function BackingCard({
  challenge: ch,
  onChange,
  onActivity,
}: {
  challenge: Challenge;
  onChange: (next: Challenge) => void;
  onActivity: () => void;
}) {
  const { busy, error, run } = useAction();

  async function toggle() {
    await run(async () => {
      const param = { param: { id: ch.id } };
      const result = ch.backedByMe
        ? await call(api.challenges[":id"].backing.$delete(param))
        : await call(api.challenges[":id"].backing.$put(param));
      onChange({ ...ch, backedByMe: result.backed, backerCount: result.backerCount });
      onActivity();
    });
  }

  return (
    <div class="card">
      <h2 class="visually-hidden">Backing</h2>
      <p aria-live="polite">
        <strong>{plural(ch.backerCount, "backer")}</strong>
        {ch.backedByMe && <span class="muted">, including you</span>}
      </p>
      {ch.viewer.canParticipate ? (
        <button
          type="button"
          class="button button-toggle"
          aria-pressed={ch.backedByMe ? "true" : "false"}
          disabled={busy}
          onClick={toggle}
        >
          {ch.backedByMe ? "Stop backing" : "Back this challenge"}
        </button>
      ) : (
        <p class="muted small">
          {ch.stage === "draft"
            ? "People can back this challenge once it is published."
            : `A ${ch.stage} challenge no longer takes backers.`}
        </p>
      )}
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

function ManageCard({
  challenge: ch,
  onChange,
}: {
  challenge: Challenge;
  onChange: (next: Challenge, message: string) => void;
}) {
  const { pending: busy, error, run: start } = useAction<TransitionAction>();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // The showcase is submitted from its own section, next to what it still lacks.
  const actions = ch.viewer.actions.filter((a) => a !== "submit");
  // On a draft, Publish stays visible: pressing it early says what is missing (the 409's reason).
  if (ch.stage === "draft" && !actions.includes("publish")) actions.unshift("publish");
  const missing = ch.stage === "draft" ? ch.viewer.missingForPublish : [];

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function run(action: TransitionAction) {
    setConfirming(false);
    await start(
      async () => {
        const next = await call(api.challenges[":id"].transitions.$post({ param: { id: ch.id }, json: { action } }));
        onChange(next, ACTION_DONE[action]);
      },
      { tag: action },
    );
  }

  return (
    <div class="card">
      <h2>Manage</h2>
      {ch.viewer.canEdit && (
        <p>
          <a class="button button-secondary" href={`/challenges/${ch.id}/edit`}>
            Edit challenge
          </a>
        </p>
      )}
      {missing.length > 0 && (
        <div id="missing-for-publish" class="form-section">
          <p class="alert-title">Before publishing, add:</p>
          <ul class="missing-list">
            {missing.map((m) => (
              <li key={m}>{MISSING_WORDS[m] ?? m}</li>
            ))}
          </ul>
        </div>
      )}
      {ch.stage === "active" && ch.viewer.canEdit && (
        <p class="small">
          When the work is done, write and submit the <a href="#showcase-heading">outcome showcase</a>.
        </p>
      )}
      {error && <Alert title="That did not work">{error}</Alert>}
      {actions.length > 0 ? (
        <div class="button-row">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              class={action === "withdraw" ? "button button-danger" : "button"}
              disabled={busy !== null}
              aria-describedby={action === "publish" && missing.length ? "missing-for-publish" : undefined}
              aria-expanded={action === "withdraw" ? (confirming ? "true" : "false") : undefined}
              onClick={() => (action === "withdraw" ? setConfirming(true) : run(action))}
            >
              {busy === action ? "Working…" : ACTION_LABELS[action]}
            </button>
          ))}
        </div>
      ) : (
        <p class="muted small">No stage changes are open to you right now.</p>
      )}
      {confirming && (
        <div class="confirm-box">
          <p id="withdraw-question">
            <strong>Withdraw this challenge?</strong> It leaves the marketplace for good and any pledges return to their
            sponsors.
          </p>
          <div class="button-row">
            <button ref={confirmRef} type="button" class="button button-danger" onClick={() => run("withdraw")}>
              Yes, withdraw it
            </button>
            <button type="button" class="button button-secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function CommentsSection({
  challenge: ch,
  comments,
  onMore,
  onRetry,
  onPosted,
}: {
  challenge: Challenge;
  comments: Feed<Comment>;
  onMore: () => void;
  onRetry: () => void;
  onPosted: (comment: Comment) => void;
}) {
  const [body, setBody] = useState("");
  const { busy: posting, error, run, setError } = useAction();
  const [fieldError, setFieldError] = useState<string | undefined>();

  async function post(event: Event) {
    event.preventDefault();
    if (!body.trim()) {
      setFieldError("Write something first.");
      return;
    }
    setFieldError(undefined);
    await run(
      async () => {
        const comment = await call(api.challenges[":id"].comments.$post({ param: { id: ch.id }, json: { body } }));
        setBody("");
        onPosted(comment);
      },
      {
        fail: (err) => {
          if (err instanceof ApiError && err.fields.body) setFieldError(err.fields.body);
          else setError(messageOf(err));
        },
      },
    );
  }

  return (
    <section class="section-card" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Discussion ({ch.commentCount})</h2>
      {comments.error && <Alert onRetry={onRetry}>{comments.error}</Alert>}
      {comments.items.length === 0 && !comments.loading && !comments.error && <p class="muted">No comments yet.</p>}
      {comments.items.length > 0 && (
        <ol class="plain-list comment-list">
          {comments.items.map((c) => (
            <li key={c.id}>
              <div class="comment-head">
                <Avatar name={c.author.name} url={c.author.avatarUrl} />
                <a href={`/people/${c.author.id}`}>
                  <strong>{c.author.name}</strong>
                </a>
                <span class="muted">
                  <TimeAgo iso={c.createdAt} />
                </span>
              </div>
              <p class="comment-body">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {comments.loading && <Loading label="Loading comments…" />}
      {comments.nextCursor && !comments.loading && (
        <button type="button" class="button button-secondary button-small" onClick={onMore}>
          Load more comments
        </button>
      )}
      {ch.viewer.canParticipate ? (
        <form class="form-section" onSubmit={post} noValidate>
          {error && <Alert title="Your comment was not posted">{error}</Alert>}
          <TextAreaField
            id="comment-body"
            label="Add a comment"
            maxLength={5000}
            value={body}
            onInput={setBody}
            error={fieldError}
          />
          <button type="submit" class="button" disabled={posting}>
            {posting ? "Posting…" : "Post comment"}
          </button>
        </form>
      ) : (
        <p class="muted small">
          {ch.stage === "draft" ? "Comments open once the challenge is published." : "Comments are closed."}
        </p>
      )}
    </section>
  );
}

function ActivitySection({
  activity,
  currency,
  names,
  onMore,
  onRetry,
}: {
  activity: Feed<Activity>;
  currency: string;
  names: ActivityNames;
  onMore: () => void;
  onRetry: () => void;
}) {
  return (
    <section class="section-card" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      {activity.error && <Alert onRetry={onRetry}>{activity.error}</Alert>}
      {activity.items.length > 0 && (
        <ol class="plain-list activity-list">
          {activity.items.map((entry) => {
            const { actor, rest } = describeActivity(entry, currency, names);
            return (
              <li key={entry.id}>
                {entry.actor ? <a href={`/people/${entry.actor.id}`}>{actor}</a> : actor} {rest}
                <TimeAgo iso={entry.createdAt} />
              </li>
            );
          })}
        </ol>
      )}
      {activity.loading && <Loading label="Loading activity…" />}
      {activity.nextCursor && !activity.loading && (
        <button type="button" class="button button-secondary button-small" onClick={onMore}>
          Show older activity
        </button>
      )}
    </section>
  );
}
