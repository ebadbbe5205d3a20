import type { InferResponseType } from "hono/client";
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { Alert, FailedPage, Loading } from "../../components/alert";
import { NotFoundMessage } from "../../components/not-found";
import { api } from "../../lib/api";
import { formatDate, plural } from "../../lib/format";
import { ApiError, call } from "../../lib/http";
import { useAction } from "../../lib/use-action";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { PlanForm } from "./plan-form";
import "./plan.css";

const planApi = api.people[":id"].plan;
export type PlanView = InferResponseType<(typeof planApi)["$get"], 200>;
type Suggestions = InferResponseType<(typeof planApi)["suggestions"]["$get"], 200>;
type Version = InferResponseType<(typeof planApi)["versions"][":version"]["$get"], 200>;
type Plan = NonNullable<PlanView["plan"]>;
type Goal = Plan["goals"][number];
type Source = Suggestions["goals"][number]["suggestions"][number];

export const EVIDENCE_WORDS: Record<string, string> = {
  contribution: "Contribution",
  outcome: "Outcome",
  endorsement: "Endorsement",
  kudos: "Kudos",
  lend: "Lend",
  review: "Review feedback",
};

/**
 * A person's progression plan (SPEC §16): its target and goals, the evidence behind each goal,
 * dated check-ins, who acknowledged which version, and every version kept. The person and their
 * manager change it; admins read it; anyone else is told there is no such page.
 */
export default function PlanPage() {
  const { params } = useRoute();
  const id = params.id ?? "";
  const { loaded, reload, set } = useResource(() => call(planApi.$get({ param: { id } })), `plan:${id}`, {
    fresh: true,
  });
  const value = loaded.status === "ready" ? loaded.value : undefined;
  useTitle(
    value
      ? `Progression plan: ${value.person.name}`
      : loaded.status === "error"
        ? loaded.notFound
          ? "Plan not found"
          : "Plan could not be loaded"
        : "Loading the plan",
  );
  if (loaded.status === "loading") return <Loading label="Loading the progression plan…" />;
  if (loaded.status === "error") {
    if (loaded.notFound)
      return (
        <NotFoundMessage what="Plan" message="A progression plan is private to its person, their manager and admins." />
      );
    return (
      <FailedPage title="The plan could not be loaded" onRetry={reload}>
        {loaded.message}
      </FailedPage>
    );
  }
  return <PlanBody view={loaded.value} onChange={set} />;
}

function PlanBody({ view, onChange }: { view: PlanView; onChange: (v: PlanView) => void }) {
  const [editing, setEditing] = useState(false);
  const { person, plan, viewer } = view;
  const heading = viewer.role === "person" ? "Your progression plan" : `Progression plan: ${person.name}`;
  let content: ComponentChildren;
  if (editing)
    content = (
      <PlanForm
        view={view}
        onCancel={() => setEditing(false)}
        onSaved={(v) => {
          onChange(v);
          setEditing(false);
        }}
      />
    );
  else if (!plan)
    content = (
      <div class="empty-state">
        <p>
          {viewer.role === "person"
            ? "You have no progression plan yet. Write one with your manager: a target and two to six goals, each with what would show it."
            : `${person.name} has no progression plan yet.${viewer.canEdit ? " Write one together: a target and two to six goals." : " They or their manager write it."}`}
        </p>
        {viewer.canEdit && (
          <button type="button" class="button" onClick={() => setEditing(true)}>
            Write the plan
          </button>
        )}
      </div>
    );
  else
    content = (
      <>
        <AckStatus view={view} plan={plan} onChange={onChange} />
        <section class="section-card" aria-labelledby="plan-target">
          <h2 id="plan-target">Target</h2>
          <p class="plan-target">
            {plan.targetKind === "next_level"
              ? `Reach ${plan.targetLevel?.name ?? "the next level"}`
              : `Grow at ${person.level?.name ?? "the current level"}`}
          </p>
          {plan.summary && <p class="prose">{plan.summary}</p>}
          {viewer.canEdit && (
            <button type="button" class="button button-secondary button-small" onClick={() => setEditing(true)}>
              Edit the plan
            </button>
          )}
        </section>
        <Goals view={view} plan={plan} onChange={onChange} />
        <Checkins view={view} plan={plan} onChange={onChange} />
        <Versions view={view} plan={plan} />
      </>
    );
  return (
    <div class="page plan-page">
      <header class="page-header">
        <h1>{heading}</h1>
        <p class="muted">
          {person.level ? `${person.level.name} · ` : ""}
          {person.track === "management" ? "Management track" : "IC track"}
          {person.manager ? ` · Manager: ${person.manager.name}` : " · No manager in Crux"}
        </p>
        <div class="button-row">
          <a class="button button-ghost button-small" href={`/people/${person.id}`}>
            Back to the profile
          </a>
          <a class="button button-ghost button-small" href={`/people/${person.id}/impact-packet`}>
            Impact packet
          </a>
        </div>
      </header>
      {content}
    </div>
  );
}

/** The sentence saying who acknowledged the current version and who is still asked to. */
export function ackSentence(view: PlanView, plan: Plan): string {
  const { person, viewer } = view;
  const c = plan.current;
  const v = `version ${plan.version}`;
  const manager = person.manager?.name ?? "a manager";
  const day = (iso: string | null) => formatDate(iso ?? "");
  if (c.agreed)
    return `Version ${plan.version} is acknowledged by ${person.name} (${day(c.personAckAt)}) and ${c.managerAckBy?.name ?? manager} (${day(c.managerAckAt)}).`;
  if (viewer.role === "person") {
    if (c.personAcknowledged)
      return person.manager
        ? `You acknowledged ${v} on ${day(c.personAckAt)}; waiting for ${manager}.`
        : `You acknowledged ${v} on ${day(c.personAckAt)}; you have no manager in Crux to acknowledge it.`;
    return c.managerAcknowledged
      ? `${manager} acknowledged ${v} on ${day(c.managerAckAt)}; your acknowledgement is needed.`
      : `Version ${plan.version} needs your acknowledgement.`;
  }
  if (viewer.role === "manager") {
    if (c.managerAcknowledged) return `You acknowledged ${v} on ${day(c.managerAckAt)}; waiting for ${person.name}.`;
    return c.personAcknowledged
      ? `${person.name} acknowledged ${v} on ${day(c.personAckAt)}; your acknowledgement is needed.`
      : `Version ${plan.version} needs your acknowledgement.`;
  }
  const waiting = [!c.personAcknowledged && person.name, plan.managerMustAcknowledge && manager].filter(Boolean);
  return `Version ${plan.version} waits for ${waiting.join(" and ")} to acknowledge it.`;
}

/** Who acknowledged the current version, and what the viewer still has to do. */
function AckStatus({ view, plan, onChange }: { view: PlanView; plan: Plan; onChange: (v: PlanView) => void }) {
  const action = useAction();
  const { person, viewer } = view;
  const c = plan.current;
  const text = ackSentence(view, plan);
  return (
    <section class={`section-card plan-ack ${c.agreed ? "is-agreed" : ""}`} aria-labelledby="plan-ack">
      <h2 id="plan-ack">Acknowledgement</h2>
      <p role="status">{text}</p>
      {viewer.canAcknowledge && (
        <button
          type="button"
          class="button"
          disabled={action.busy}
          onClick={() =>
            action.run(async () =>
              onChange(
                await call(
                  api.people[":id"].plan.acknowledge.$post({
                    param: { id: person.id },
                    json: { version: plan.version },
                  }),
                ),
              ),
            )
          }
        >
          {action.busy ? "Acknowledging…" : `Acknowledge version ${plan.version}`}
        </button>
      )}
      {action.error && <Alert>{action.error}</Alert>}
    </section>
  );
}

function Goals({ view, plan, onChange }: { view: PlanView; plan: Plan; onChange: (v: PlanView) => void }) {
  const personId = view.person.id;
  const suggestions = useResource(
    () => call(planApi.suggestions.$get({ param: { id: personId } })),
    `plan-suggestions:${personId}:${plan.goals.map((g) => `${g.id}.${g.evidence.length}`).join(",")}`,
  );
  return (
    <section aria-labelledby="plan-goals">
      <h2 id="plan-goals">Goals</h2>
      <ol class="plain-list plan-goals">
        {plan.goals.map((g) => (
          <GoalCard
            key={g.id}
            view={view}
            goal={g}
            onChange={onChange}
            suggestions={
              suggestions.loaded.status === "ready"
                ? (suggestions.loaded.value.goals.find((s) => s.goalId === g.id)?.suggestions ?? [])
                : suggestions.loaded.status
            }
          />
        ))}
      </ol>
    </section>
  );
}

function GoalCard({
  view,
  goal,
  suggestions,
  onChange,
}: {
  view: PlanView;
  goal: Goal;
  suggestions: Source[] | "loading" | "error";
  onChange: (v: PlanView) => void;
}) {
  const action = useAction<string>();
  const personId = view.person.id;
  const canAttach = view.viewer.canAttachEvidence;
  const headingId = `goal-${goal.id}`;
  const attach = (s: Source) =>
    action.run(
      async () =>
        onChange(
          await call(
            api.people[":id"].plan.goals[":goalId"].evidence.$post({
              param: { id: personId, goalId: goal.id },
              json: { kind: s.kind, sourceId: s.sourceId },
            }),
          ),
        ),
      { tag: `${s.kind}:${s.sourceId}` },
    );
  const remove = (evidenceId: string) =>
    action.run(
      async () =>
        onChange(
          await call(
            api.people[":id"].plan.goals[":goalId"].evidence[":evidenceId"].$delete({
              param: { id: personId, goalId: goal.id, evidenceId },
            }),
          ),
        ),
      { tag: evidenceId },
    );
  return (
    <li class="card plan-goal" aria-labelledby={headingId}>
      <h3 id={headingId}>{goal.title}</h3>
      <p class="muted small">{goal.dimension.name}</p>
      {goal.evidenceWanted && (
        <p>
          <strong>What would show it:</strong> {goal.evidenceWanted}
        </p>
      )}
      <h4>Evidence</h4>
      {goal.evidence.length === 0 ? (
        <p class="muted">No evidence yet.</p>
      ) : (
        <ul class="plain-list plan-evidence">
          {goal.evidence.map((e) => (
            <li key={e.id}>
              <EvidenceLine source={e} />
              {canAttach && (
                <button
                  type="button"
                  class="button button-ghost button-small"
                  disabled={action.busy}
                  onClick={() => remove(e.id)}
                >
                  Remove
                  <span class="visually-hidden">
                    {" "}
                    {EVIDENCE_WORDS[e.kind].toLowerCase()} from “{goal.title}”
                  </span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canAttach && (
        <details class="plan-suggestions">
          <summary>
            Suggested evidence
            {Array.isArray(suggestions) ? ` (${suggestions.length})` : ""}
          </summary>
          {suggestions === "loading" && <Loading label="Finding your credit in this dimension…" />}
          {suggestions === "error" && <Alert>Suggestions could not be loaded.</Alert>}
          {Array.isArray(suggestions) && suggestions.length === 0 && (
            <p class="muted">Nothing more of your confirmed credit falls in {goal.dimension.name} yet.</p>
          )}
          {Array.isArray(suggestions) && suggestions.length > 0 && (
            <ul class="plain-list plan-evidence">
              {suggestions.map((s) => (
                <li key={`${s.kind}:${s.sourceId}`}>
                  <EvidenceLine source={s} />
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    disabled={action.busy}
                    onClick={() => attach(s)}
                  >
                    {action.pending === `${s.kind}:${s.sourceId}` ? "Attaching…" : "Attach"}
                    <span class="visually-hidden">
                      {" "}
                      {EVIDENCE_WORDS[s.kind].toLowerCase()} on {s.challenge.title} to “{goal.title}”
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </details>
      )}
      {action.error && <Alert>{action.error}</Alert>}
    </li>
  );
}

function EvidenceLine({ source: s }: { source: Source }) {
  return (
    <p class="plan-evidence-line">
      <span class="badge">{EVIDENCE_WORDS[s.kind]}</span> on{" "}
      <a href={`/challenges/${s.challenge.id}`}>{s.challenge.title}</a>: {s.body}
      <span class="muted small">
        {s.byName ? ` · ${s.byName}` : ""}
        {s.at ? ` · ${formatDate(s.at)}` : ""}
      </span>
    </p>
  );
}

function Checkins({ view, plan, onChange }: { view: PlanView; plan: Plan; onChange: (v: PlanView) => void }) {
  const [note, setNote] = useState("");
  const [error, setError] = useState<string>();
  const action = useAction();
  const save = (e: Event) => {
    e.preventDefault();
    if (!note.trim()) {
      setError("Write what you talked about.");
      return;
    }
    setError(undefined);
    action.run(
      async () => {
        onChange(await call(planApi.checkins.$post({ param: { id: view.person.id }, json: { note } })));
        setNote("");
      },
      {
        fail: (err) => {
          if (err instanceof ApiError && err.fields.note) setError(err.fields.note);
          else action.setError(err instanceof Error ? err.message : "The check-in was not saved.");
        },
      },
    );
  };
  return (
    <section class="section-card" aria-labelledby="plan-checkins">
      <h2 id="plan-checkins">Check-ins</h2>
      {plan.nextReminderOn && (
        <p class="muted small">The next quarterly check-in is due by {formatDate(plan.nextReminderOn)}.</p>
      )}
      {view.viewer.canCheckIn && (
        <form onSubmit={save} class="stack" noValidate>
          <div class="field">
            <label for="checkin-note">New check-in</label>
            <textarea
              id="checkin-note"
              value={note}
              maxLength={4000}
              aria-invalid={error ? "true" : undefined}
              aria-describedby={error ? "checkin-note-error" : undefined}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
            {error && (
              <p class="field-error" id="checkin-note-error">
                {error}
              </p>
            )}
          </div>
          <div class="button-row">
            <button type="submit" class="button" disabled={action.busy}>
              {action.busy ? "Adding…" : "Add check-in"}
            </button>
          </div>
          {action.error && <Alert>{action.error}</Alert>}
        </form>
      )}
      {plan.checkins.length === 0 ? (
        <p class="muted">No check-ins yet.</p>
      ) : (
        <ol class="plain-list plan-checkins">
          {plan.checkins.map((k) => (
            <li key={k.id} class="plan-checkin">
              <p class="small">
                <strong>{k.author.name}</strong> · <time dateTime={k.createdAt}>{formatDate(k.createdAt)}</time>
              </p>
              <p>{k.note}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Versions({ view, plan }: { view: PlanView; plan: Plan }) {
  const [shown, setShown] = useState<number | null>(null);
  return (
    <section class="section-card" aria-labelledby="plan-versions">
      <h2 id="plan-versions">Versions</h2>
      <p class="muted small">Every version is kept: {plural(plan.versions.length, "version")} so far.</p>
      <ol class="plain-list plan-versions">
        {plan.versions.map((v) => (
          <li key={v.version}>
            <p>
              <strong>Version {v.version}</strong> by {v.author.name}, {formatDate(v.createdAt)}.{" "}
              {v.personAckAt ? `Acknowledged by ${view.person.name} on ${formatDate(v.personAckAt)}. ` : ""}
              {v.managerAckAt && v.managerAckBy
                ? `Acknowledged by ${v.managerAckBy.name} on ${formatDate(v.managerAckAt)}.`
                : ""}
            </p>
            <button
              type="button"
              class="button button-ghost button-small"
              aria-expanded={shown === v.version}
              onClick={() => setShown(shown === v.version ? null : v.version)}
            >
              {shown === v.version ? `Hide version ${v.version}` : `View version ${v.version}`}
            </button>
            {shown === v.version && <VersionView personId={view.person.id} version={v.version} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function VersionView({ personId, version }: { personId: string; version: number }) {
  const { loaded, reload } = useResource<Version>(
    () => call(planApi.versions[":version"].$get({ param: { id: personId, version: String(version) } })),
    `plan-version:${personId}:${version}`,
  );
  if (loaded.status === "loading") return <Loading label={`Loading version ${version}…`} />;
  if (loaded.status === "error") return <Alert onRetry={reload}>{loaded.message}</Alert>;
  const v = loaded.value;
  return (
    <div class="plan-version card">
      <p>
        <strong>Target:</strong>{" "}
        {v.targetKind === "next_level" ? (v.targetLevel?.name ?? "the next level") : "growth in level"}
      </p>
      {v.summary && <p>{v.summary}</p>}
      <ol>
        {v.goals.map((g) => (
          <li key={g.id}>
            <strong>{g.title}</strong> ({g.dimension.name}){g.evidenceWanted ? `: ${g.evidenceWanted}` : ""}
          </li>
        ))}
      </ol>
    </div>
  );
}
