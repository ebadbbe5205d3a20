import { useRef, useState } from "preact/hooks";
import { Alert } from "../../components/alert";
import { ApplyDialog, type ApplyTarget } from "../../components/apply-dialog";
import { SkeletonCards } from "../../components/skeleton";
import { StageBadge } from "../../components/stage-badge";
import { TagList } from "../../components/tag-list";
import { api } from "../../lib/api";
import { plural, STAGE_LABELS } from "../../lib/format";
import { call } from "../../lib/http";
import type { ForYouItem, Stage } from "../../lib/types";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { disciplineName, useOrg } from "../../state/org";
import { me } from "../../state/session";
import "./for-you.css";

const isStage = (stage: string): stage is Stage => stage in STAGE_LABELS;

/** Open role slots that fit the signed-in person's discipline and skills, best first (SPEC §9). */
export default function ForYouPage() {
  useTitle("For you");
  useOrg();
  const person = me.value;
  const { loaded, reload } = useResource(() => call(api["for-you"].$get({ query: { limit: "30" } })), "for-you");
  // Slots applied to on this visit, shown as applied without reading the list again.
  const [appliedNow, setAppliedNow] = useState<ReadonlySet<string>>(new Set());
  const [applyTo, setApplyTo] = useState<ApplyTarget | null>(null);
  // The slot last applied to: where focus goes once its Apply button has gone.
  const appliedSlot = useRef("");
  const [done, setDone] = useState("");
  const mySkills = new Set((person?.skills ?? []).map((s) => s.toLowerCase()));
  const profileLink = person ? `/people/${person.id}` : "/people";

  return (
    <div class="page">
      <div class="page-header">
        <h1>For you</h1>
      </div>
      <p class="muted">
        Open roles on challenges that are recruiting, matched to your discipline
        {person?.disciplineId ? ` (${disciplineName(person.disciplineId)})` : ""} and your skills, best fit first. Roles
        asking for skills you have shown (★, backed by confirmed credit or endorsements) come before those asking only
        for skills you list (✓). <a href={profileLink}>Keep your skills up to date</a> for better matches.
      </p>
      <div role="status" class="status-line">
        {loaded.status === "loading"
          ? "Finding roles that fit you…"
          : loaded.status === "ready" && loaded.value.items.length > 0
            ? `${plural(loaded.value.items.length, "role")} fit you.`
            : ""}
      </div>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>

      {loaded.status === "loading" && <SkeletonCards count={4} />}
      {loaded.status === "error" && (
        <Alert title="Suggestions could not be loaded" onRetry={reload}>
          {loaded.message}
        </Alert>
      )}
      {loaded.status === "ready" && loaded.value.items.length === 0 && (
        <div class="empty-state">
          <p>
            <strong>No open roles match you right now.</strong>
          </p>
          <p>
            Crux matches roles to your discipline and the skills on your profile.{" "}
            <a href={profileLink}>Add skills on your profile</a> to see more, or <a href="/">browse the marketplace</a>.
          </p>
        </div>
      )}
      {loaded.status === "ready" && loaded.value.items.length > 0 && (
        <ol class="plain-list card-grid fit-list">
          {loaded.value.items.map((item) => (
            <li key={item.slot.id}>
              <FitCard
                item={item}
                mySkills={mySkills}
                applied={item.applied || appliedNow.has(item.slot.id)}
                onApply={() => {
                  setDone("");
                  setApplyTo({
                    challengeId: item.challenge.id,
                    challengeTitle: item.challenge.title,
                    slotId: item.slot.id,
                    discipline: item.slot.discipline,
                    commitmentPercent: item.slot.commitmentPercent,
                  });
                }}
              />
            </li>
          ))}
        </ol>
      )}

      <ApplyDialog
        target={applyTo}
        onClose={() => setApplyTo(null)}
        fallbackFocus={() => document.getElementById(`fit-${appliedSlot.current}`)?.querySelector("a") ?? null}
        onApplied={(_application, target) => {
          appliedSlot.current = target.slotId;
          setAppliedNow((s) => new Set([...s, target.slotId]));
          setDone(
            `Your application for the ${disciplineName(target.discipline)} role on “${target.challengeTitle}” is sent.`,
          );
          setApplyTo(null);
        }}
      />
    </div>
  );
}

function FitCard({
  item,
  mySkills,
  applied,
  onApply,
}: {
  item: ForYouItem;
  mySkills: ReadonlySet<string>;
  applied: boolean;
  onApply: () => void;
}) {
  const { slot, challenge } = item;
  const role = `${disciplineName(slot.discipline)} role`;
  const headingId = `fit-${slot.id}`;
  return (
    <article class="card fit-card" aria-labelledby={headingId}>
      <div class="cluster">
        {isStage(challenge.stage) && <StageBadge stage={challenge.stage} />}
        {slot.required && <span class="badge role status-required">Required role</span>}
        {applied && <span class="badge role status-pending">Applied</span>}
      </div>
      <h2 id={headingId}>
        <a href={`/challenges/${challenge.id}`}>{challenge.title}</a>
      </h2>
      <p class="fit-role">
        <strong>{role}</strong> · {slot.commitmentPercent}% of your time · {slot.open} of {plural(slot.count, "seat")}{" "}
        open
      </p>
      {challenge.summary && <p class="summary">{challenge.summary}</p>}
      {slot.skills.length > 0 && (
        <TagList label="Skills wanted">
          {slot.skills.map((skill) => {
            const shown = item.shownSkills.includes(skill.toLowerCase());
            const shared = shown || mySkills.has(skill.toLowerCase());
            return (
              <li key={skill} class={shared ? "tag tag-match" : "tag"}>
                {shared && <span aria-hidden="true">{shown ? "★ " : "✓ "}</span>}
                {skill}
                {shared && (
                  <span class="visually-hidden">{shown ? " (you have shown it)" : " (one of your skills)"}</span>
                )}
              </li>
            );
          })}
        </TagList>
      )}
      {item.reasons.length > 0 && (
        <>
          <h3 class="fit-why">Why this fits</h3>
          <ul class="fit-reasons">
            {item.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
      <div class="card-footer">
        {applied ? (
          <p class="small">You applied. The lead decides with a note, and your inbox tells you.</p>
        ) : (
          <button
            type="button"
            class="button button-small"
            aria-haspopup="dialog"
            aria-label={`Apply for the ${role} on “${challenge.title}”`}
            onClick={onApply}
          >
            Apply
          </button>
        )}
      </div>
    </article>
  );
}
