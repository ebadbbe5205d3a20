import type { InferResponseType } from "hono/client";
import { useMemo, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { Alert, FailedPage } from "../../components/alert";
import { NotFoundMessage } from "../../components/not-found";
import { api } from "../../lib/api";
import { call } from "../../lib/http";
import type { Challenge, ChallengeLedger, Team } from "../../lib/types";
import { useHashTarget } from "../../lib/use-hash-target";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { type Flash, takeFlash } from "../../state/flash";
import { useOrg } from "../../state/org";
import { me } from "../../state/session";
import { OverviewSection, TimeAndMoneySection } from "./about-sections";
import { ActivitySection, activityNames } from "./activity-section";
import { ApplicantsSection } from "./applicants";
import { BackingCard } from "./backing-card";
import { ChallengeHeader, nextAction } from "./challenge-header";
import { ChallengeSkeleton } from "./challenge-skeleton";
import { CommentsSection } from "./comments";
import { CreditSection } from "./credit";
import { FundingCard } from "./funding";
import { KudosSection } from "./kudos";
import { LedgerSection } from "./ledger";
import { SpendSection } from "./ledger/spend";
import { ManageCard } from "./manage-card";
import { MergeCard } from "./merge";
import { ProgressSection } from "./progress";
import { SectionNav } from "./section-nav";
import { SHOWCASE_STAGES, ShowcaseArea } from "./showcase";
import { TeamSection } from "./team";
import { useFeed, useSeeded } from "./use-feed";
import "./challenge.css";

/** What GET /api/challenges/:id/page answers: everything the page shows, in one read. */
export type ChallengePageRead = InferResponseType<(typeof api.challenges)[":id"]["page"]["$get"], 200>;

export default function ChallengePage() {
  const { params } = useRoute();
  const id = params.id;
  useOrg();
  useHashTarget(id);
  const [notice, setNotice] = useState<Flash | null>(() => takeFlash());
  // One request reads the whole page; later changes read again only the parts they touch.
  const read = useResource(() => call(api.challenges[":id"].page.$get({ param: { id } })), `challenge-page:${id}`);
  const title =
    read.loaded.status === "ready"
      ? read.loaded.value.challenge.title
      : read.loaded.status === "error"
        ? read.loaded.notFound
          ? "Challenge not found"
          : "The challenge could not be loaded"
        : "Loading challenge";
  // Every state names its own title, so no child's title effect can be overwritten by this one.
  useTitle(title);

  if (read.loaded.status === "loading") return <ChallengeSkeleton />;
  if (read.loaded.status === "error") {
    if (read.loaded.notFound) {
      return (
        <NotFoundMessage
          what="Challenge"
          message="This challenge does not exist, or it is a draft that only its lead can see."
        />
      );
    }
    return (
      <FailedPage title="The challenge could not be loaded" onRetry={read.reload}>
        {read.loaded.message}
      </FailedPage>
    );
  }
  return (
    <ChallengeView
      key={id}
      id={id}
      initial={read.loaded.value}
      onReadAgain={read.refresh}
      notice={notice}
      setNotice={setNotice}
    />
  );
}

function ChallengeView({
  id,
  initial,
  onReadAgain,
  notice,
  setNotice,
}: {
  id: string;
  initial: ChallengePageRead;
  /** Reads the whole page again (one request), quietly. */
  onReadAgain: () => void;
  notice: Flash | null;
  setNotice: (flash: Flash | null) => void;
}) {
  const challenge = useSeeded<Challenge>(initial.challenge, () => call(api.challenges[":id"].$get({ param: { id } })));
  const ch = challenge.loaded.status === "ready" ? challenge.loaded.value : initial.challenge;
  const canSeeLedger = ch.viewer.canSeeLedger;
  const ledger = useSeeded<ChallengeLedger | null>(initial.ledger, () =>
    // Read when the viewer may (lead, co-lead, sponsor, admin), and again once they become a sponsor.
    ch.viewer.canSeeLedger ? call(api.challenges[":id"].ledger.$get({ param: { id } })) : Promise.resolve(null),
  );
  const team = useSeeded<Team>(initial.team, () => call(api.challenges[":id"].team.$get({ param: { id } })));
  // Merges matter to the leads (proposals to answer) and to a merged challenge's readers (where it went).
  const wantsMerges = ch.viewer.isLead || ch.viewer.isCoLead || ch.mergedIntoId !== null;
  const mergeSeed = useMemo(() => ({ items: initial.mergeRequests }), [initial]);
  const merges = useSeeded(mergeSeed, () =>
    wantsMerges
      ? call(api.challenges[":id"]["merge-requests"].$get({ param: { id } }))
      : Promise.resolve({ items: [] }),
  );
  const comments = useFeed(
    (cursor) =>
      call(
        api.challenges[":id"].comments.$get({ param: { id }, query: { limit: "50", ...(cursor ? { cursor } : {}) } }),
      ),
    id,
    initial.comments,
  );
  const activity = useFeed(
    (cursor) =>
      call(
        api.challenges[":id"].activity.$get({ param: { id }, query: { limit: "10", ...(cursor ? { cursor } : {}) } }),
      ),
    id,
    initial.activity,
  );
  const [pledgeAsked, setPledgeAsked] = useState(0);
  const update = challenge.set;

  const teamValue = team.loaded.status === "ready" ? team.loaded.value : null;
  const ledgerValue = ledger.loaded.status === "ready" ? ledger.loaded.value : null;
  const leads = ch.viewer.isLead || ch.viewer.isCoLead;
  const moneyMoved = () => {
    challenge.refresh();
    ledger.refresh();
    activity.refresh();
  };
  // Slot counts, the co-lead and the stage's start rule live on the challenge: read it again too.
  const teamChanged = (next?: Team) => {
    if (next) team.set(next);
    else team.refresh();
    challenge.refresh();
    activity.refresh();
  };
  const action = nextAction(ch, teamValue, initial.showcase, me.value?.id, () => setPledgeAsked((n) => n + 1));
  const names = activityNames(ch, teamValue);
  const inShowcase = SHOWCASE_STAGES.includes(ch.stage);
  const waiting = teamValue?.applications.some((a) => a.status === "pending") ?? false;
  const applicants = teamValue && (
    <div id="applicants" class="page-section">
      <ApplicantsSection challenge={ch} team={teamValue} onChanged={teamChanged} />
    </div>
  );

  return (
    <div class="page challenge-page">
      {notice && (
        <Alert kind={notice.kind} title={notice.kind === "error" ? "Not published" : undefined}>
          {notice.message}
        </Alert>
      )}

      <ChallengeHeader
        challenge={ch}
        merges={wantsMerges ? merges.loaded : null}
        action={action}
        showcase={inShowcase ? initial.showcase : null}
      />
      <SectionNav />

      <div class="challenge-layout">
        <div class="challenge-main">
          <div id="overview" class="page-section">
            <OverviewSection challenge={ch} />
          </div>

          <div id="team" class="page-section stack">
            {/* The leads' queue comes first while anyone waits on it; the team follows. */}
            {teamValue?.viewer.canManage && waiting && applicants}
            <TeamSection challenge={ch} team={team.loaded} onRetry={team.reload} onChanged={teamChanged} />
            {teamValue?.viewer.canManage && !waiting && applicants}
          </div>

          <div id="funding" class="page-section stack">
            <TimeAndMoneySection challenge={ch} />
            {canSeeLedger && (
              <LedgerSection challenge={ch} loaded={ledger.loaded} onRetry={ledger.reload} onChanged={moneyMoved} />
            )}
            {canSeeLedger && ledgerValue && <SpendSection challenge={ch} ledger={ledgerValue} onChanged={moneyMoved} />}
          </div>

          <div id="progress" class="page-section">
            <ProgressSection
              challenge={ch}
              team={team.loaded}
              initial={{ progress: initial.progress, updates: initial.updates }}
              onActivity={activity.refresh}
            />
          </div>

          <div id="credit" class="page-section stack">
            <CreditSection
              challenge={ch}
              team={team.loaded}
              initial={initial.contributions}
              onActivity={activity.refresh}
            />
            <KudosSection challenge={ch} team={teamValue} />
          </div>

          <div id="showcase" class="page-section">
            {inShowcase ? (
              <ShowcaseArea
                challenge={ch}
                team={team.loaded}
                initial={initial.showcase}
                onChallengeChanged={(next, message) => {
                  update(next);
                  setNotice({ kind: "success", message });
                  activity.refresh();
                }}
                onStale={onReadAgain}
                // A review, answer or decision changes what the header says next: read the page again.
                onActivity={onReadAgain}
              />
            ) : (
              <section class="section-card" aria-labelledby="showcase-heading">
                <h2 id="showcase-heading">Showcase and review</h2>
                <p class="muted">
                  {ch.stage === "withdrawn"
                    ? "This challenge was withdrawn before it had an outcome to show."
                    : "Once the work is active, the team writes its outcome showcase here; reviewers then review it and a decision follows."}
                </p>
              </section>
            )}
          </div>

          <div id="activity" class="page-section stack">
            <CommentsSection
              challenge={ch}
              comments={comments.feed}
              onMore={comments.loadMore}
              onRetry={comments.refresh}
              onPosted={(comment) => {
                comments.append(comment);
                challenge.set({ ...ch, commentCount: ch.commentCount + 1 });
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

        <aside class="challenge-aside stack" aria-label="Funding, backing and actions">
          <FundingCard
            challenge={ch}
            ledger={ledgerValue}
            pledgeAsked={pledgeAsked}
            onPledged={(result) => {
              ledger.set(result.ledger);
              challenge.refresh();
              activity.refresh();
            }}
            onStale={challenge.refresh}
          />
          <BackingCard challenge={ch} onChange={update} onActivity={activity.refresh} />
          {leads && (
            <ManageCard
              challenge={ch}
              onChange={(next, message) => {
                update(next);
                setNotice({ kind: "success", message });
                activity.refresh();
              }}
            />
          )}
          {leads && (
            <MergeCard
              challenge={ch}
              requests={merges.loaded}
              onRetry={merges.reload}
              onChanged={(message, merged) => {
                setNotice({ kind: "success", message });
                merges.refresh();
                if (merged) onReadAgain();
                else activity.refresh();
              }}
            />
          )}
        </aside>
      </div>
    </div>
  );
}
