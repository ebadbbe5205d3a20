import { useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../../components/alert";
import { api } from "../../../lib/api";
import { isOnTeam } from "../../../lib/credit-words";
import { call } from "../../../lib/http";
import type { Challenge, Progress, Team, Update } from "../../../lib/types";
import type { Page } from "../../../lib/use-paged-list";
import type { Loaded } from "../../../lib/use-resource";
import { me } from "../../../state/session";
import { FormOpener } from "../form-opener";
import { useFeed, useSeeded } from "../use-feed";
import { AddMilestoneForm } from "./add-milestone-form";
import { Milestones } from "./milestones";
import { PostUpdateForm } from "./post-update-form";
import { KpiProgressList, UpdateFeed } from "./updates";

/** Stages in which the team reports progress (worker/routes/credit.ts). */
export const PROGRESS_STAGES: readonly string[] = ["open", "funded", "active"];
/**
 * Status without meetings (SPEC §6): the milestones, each KPI's check-ins against baseline and
 * target, and the team's updates. The team (lead, co-lead, members) plans milestones and posts
 * updates while the challenge is open, funded or active; everyone who can see it reads them.
 */
export function ProgressSection({
  challenge: ch,
  team,
  initial,
  onActivity,
}: {
  challenge: Challenge;
  team: Loaded<Team>;
  /** What the page's one read brought: the progress and the first page of updates. */
  initial: { progress: Progress; updates: Page<Update> };
  onActivity: () => void;
}) {
  const id = ch.id;
  const progress = useSeeded(initial.progress, () => call(api.challenges[":id"].progress.$get({ param: { id } })));
  const updates = useFeed(
    (cursor) =>
      call(
        api.challenges[":id"].updates.$get({ param: { id }, query: { limit: "10", ...(cursor ? { cursor } : {}) } }),
      ),
    id,
    initial.updates,
  );
  const [done, setDone] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const onTeam = isOnTeam(team.status === "ready" ? team.value : null, me.value?.id);
  const canReport = onTeam && PROGRESS_STAGES.includes(ch.stage);

  return (
    <section class="section-card" aria-labelledby="progress-heading">
      <h2 id="progress-heading" ref={headingRef} tabIndex={-1}>
        Progress
      </h2>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {onTeam && !canReport && (
        <p class="muted small">
          Progress is reported while a challenge is open, funded or active; this one is {ch.stage}.
        </p>
      )}
      {progress.loaded.status === "loading" && <Loading label="Loading milestones and KPIs…" />}
      {progress.loaded.status === "error" && (
        <Alert title="Milestones and KPIs could not be loaded" onRetry={progress.reload}>
          {progress.loaded.message}
        </Alert>
      )}
      {progress.loaded.status === "ready" && (
        <>
          <Milestones
            progress={progress.loaded.value}
            canChange={canReport}
            onChanged={(next, words) => {
              progress.set(next);
              setDone(words);
              onActivity();
            }}
            clearDone={() => setDone("")}
          />
          {canReport && (
            <FormOpener label="Add a milestone">
              <AddMilestoneForm
                challengeId={id}
                onAdded={(words) => {
                  progress.refresh();
                  setDone(words);
                  onActivity();
                }}
                clearDone={() => setDone("")}
              />
            </FormOpener>
          )}
          <KpiProgressList progress={progress.loaded.value} />
        </>
      )}
      <h3 id="updates-heading">Updates</h3>
      {canReport && (
        <FormOpener label="Post an update">
          <PostUpdateForm
            challenge={ch}
            onPosted={(update) => {
              updates.prepend(update);
              if (update.checkins.length) progress.refresh();
              setDone("Your update is posted. The team and the challenge's followers see it in their feed.");
              onActivity();
            }}
            clearDone={() => setDone("")}
          />
        </FormOpener>
      )}
      <UpdateFeed
        feed={updates.feed}
        onMore={updates.loadMore}
        onRetry={updates.refresh}
        canChange={PROGRESS_STAGES.includes(ch.stage)}
      />
    </section>
  );
}
