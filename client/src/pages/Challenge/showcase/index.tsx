import { useEffect, useRef } from "preact/hooks";
import { Alert, Loading } from "../../../components/alert";
import { api } from "../../../lib/api";
import { call } from "../../../lib/http";
import type { Challenge, Showcase, ShowcaseView, Team } from "../../../lib/types";
import type { Loaded } from "../../../lib/use-resource";
import { DecisionsSection } from "../review/decisions";
import { QuestionsSection } from "../review/questions";
import { ReviewsSection } from "../review/reviews";
import { useSeeded } from "../use-feed";
import { ShowcaseEditor } from "./editor";
import { SubmittedShowcase } from "./submitted";

/** Stages that have (or are writing) an outcome showcase. */
export const SHOWCASE_STAGES: readonly string[] = ["active", "showcase", "reviewed", "archived"];

/**
 * The outcome showcase and its leadership review (SPEC §6, §8), from one read of
 * `GET /api/challenges/:id/showcase`: the showcase of each cycle (and the editor for the leads
 * while the challenge is active), the reviews, the question threads and the decisions.
 */
export function ShowcaseArea({
  challenge: ch,
  team,
  initial,
  onChallengeChanged,
  onStale,
  onActivity,
}: {
  challenge: Challenge;
  team: Loaded<Team>;
  /** The view as the page's one read brought it; read again on its own after a change. */
  initial: ShowcaseView;
  /** A stage change the area made (submitting the showcase), with words for it. */
  onChallengeChanged: (next: Challenge, message: string) => void;
  /** The challenge changed on the server (a decision): read it again. */
  onStale: () => void;
  onActivity: () => void;
}) {
  const view = useSeeded(initial, () => call(api.challenges[":id"].showcase.$get({ param: { id: ch.id } })));
  // Submitting and deciding move the stage, which changes what each viewer may do here.
  const stageKey = `${ch.stage}:${ch.cycle}`;
  const seen = useRef(stageKey);
  useEffect(() => {
    if (seen.current === stageKey) return;
    seen.current = stageKey;
    view.refresh();
  }, [stageKey]);

  if (view.loaded.status !== "ready") {
    return (
      <section class="section-card" aria-labelledby="showcase-heading">
        <h2 id="showcase-heading">Showcase</h2>
        {view.loaded.status === "loading" ? (
          <Loading label="Loading the showcase…" />
        ) : (
          <Alert title="The showcase could not be loaded" onRetry={view.reload}>
            {view.loaded.message}
          </Alert>
        )}
      </section>
    );
  }

  const v = view.loaded.value;
  const changed = (next: ShowcaseView) => {
    view.set(next);
    onActivity();
  };
  // While the first cycle is being worked on there is nothing to review yet.
  const reviewStarted = ch.stage !== "active" || ch.cycle > 1 || v.reviews.length + v.decisions.length > 0;

  return (
    <>
      <ShowcaseSection
        challenge={ch}
        view={v}
        onSaved={(saved) => {
          if (saved) {
            const others = v.showcases.filter((s) => s.cycle !== saved.cycle);
            view.set({ ...v, showcases: [saved, ...others] });
          } else view.refresh();
          onActivity();
        }}
        onSubmitted={onChallengeChanged}
      />
      {reviewStarted && (
        <>
          <ReviewsSection challenge={ch} view={v} onChanged={changed} onStale={view.refresh} />
          <QuestionsSection challenge={ch} view={v} onChanged={changed} />
          <DecisionsSection
            challenge={ch}
            view={v}
            team={team}
            onChanged={changed}
            onDecided={() => {
              onStale();
              view.refresh();
              onActivity();
            }}
          />
        </>
      )}
    </>
  );
}

function ShowcaseSection({
  challenge: ch,
  view,
  onSaved,
  onSubmitted,
}: {
  challenge: Challenge;
  view: ShowcaseView;
  onSaved: (saved?: Showcase) => void;
  onSubmitted: (next: Challenge, message: string) => void;
}) {
  const submitted = view.showcases.filter((s) => s.submittedAt).sort((a, b) => b.cycle - a.cycle);
  const [latest, ...earlier] = submitted;
  const draft = view.showcases.find((s) => s.cycle === ch.cycle && !s.submittedAt) ?? null;

  return (
    <section class="section-card" aria-labelledby="showcase-heading">
      <h2 id="showcase-heading">Showcase</h2>
      {view.viewer.canEdit && (
        <ShowcaseEditor challenge={ch} draft={draft} onSaved={onSaved} onSubmitted={onSubmitted} />
      )}
      {!latest && !view.viewer.canEdit && (
        <p class="muted">
          {ch.stage === "active"
            ? "The team submits its outcome showcase when the work is done: results against each KPI, artifacts, lessons and a recommendation."
            : "No showcase was submitted."}
        </p>
      )}
      {latest && <SubmittedShowcase showcase={latest} headingLevel={3} withCredits />}
      {earlier.map((s) => (
        <details key={s.cycle} class="cycle-details">
          <summary class="disclosure-summary">Cycle {s.cycle}</summary>
          <SubmittedShowcase showcase={s} headingLevel={4} />
        </details>
      ))}
    </section>
  );
}
