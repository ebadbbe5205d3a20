import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { Alert, FailedPage, Loading } from "../../components/alert";
import { NotFoundMessage } from "../../components/not-found";
import { api } from "../../lib/api";
import { call } from "../../lib/http";
import type { ChallengeLedger, Team } from "../../lib/types";
import { useHashTarget } from "../../lib/use-hash-target";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { type Flash, takeFlash } from "../../state/flash";
import { useOrg } from "../../state/org";
import { BoundariesSection, KpiSection, Section, TimeAndMoneySection } from "./about-sections";
import { ActivitySection, activityNames } from "./activity-section";
import { ApplicantsSection } from "./applicants";
import { BackingCard } from "./backing-card";
import { ChallengeHeader } from "./challenge-header";
import { CommentsSection } from "./comments";
import { CreditSection } from "./credit";
import { FundingCard } from "./funding";
import { KudosSection } from "./kudos";
import { LedgerSection } from "./ledger";
import { SpendSection } from "./ledger/spend";
import { ManageCard } from "./manage-card";
import { MergeCard } from "./merge";
import { ProgressSection } from "./progress";
import { SHOWCASE_STAGES, ShowcaseArea } from "./showcase";
import { TeamSection } from "./team";
import { useFeed } from "./use-feed";
import "./challenge.css";

export default function ChallengePage() {
  const { params } = useRoute();
  const id = params.id;
  useOrg();
  useHashTarget(id);
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

      <ChallengeHeader challenge={ch} merges={wantsMerges ? merges.loaded : null} />

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
          <BoundariesSection challenge={ch} />
          <Section title="Assistance needed" source={ch.assistanceNeeded} />
          <TimeAndMoneySection challenge={ch} />
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
