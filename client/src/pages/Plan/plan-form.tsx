import { useState } from "preact/hooks";
import { Alert } from "../../components/alert";
import { NamedOptions, SelectField, TextAreaField, TextField } from "../../components/field";
import { api } from "../../lib/api";
import { ApiError, call } from "../../lib/http";
import { useAction } from "../../lib/use-action";
import type { PlanView } from "./index";

interface GoalDraft {
  id?: string;
  key: string;
  dimensionId: string;
  title: string;
  evidenceWanted: string;
}

const MIN_GOALS = 2;
const MAX_GOALS = 6;
let keys = 0;
const nextKey = () => `g${++keys}`;

/**
 * Writes the plan: the target (a level above the person's on their track, or growth in level on
 * the IC track) and two to six goals, each on a framework dimension with what would show it.
 * Saving a change makes a new version, which both sides acknowledge again.
 */
export function PlanForm({
  view,
  onSaved,
  onCancel,
}: {
  view: PlanView;
  onSaved: (v: PlanView) => void;
  onCancel: () => void;
}) {
  const { person, plan, levels, dimensions } = view;
  const [targetKind, setTargetKind] = useState<"next_level" | "grow_in_level">(plan?.targetKind ?? "next_level");
  const [targetLevelId, setTargetLevelId] = useState(plan?.targetLevel?.id ?? levels[0]?.id ?? "");
  const [summary, setSummary] = useState(plan?.summary ?? "");
  const [goals, setGoals] = useState<GoalDraft[]>(
    plan
      ? plan.goals.map((g) => ({
          id: g.id,
          key: g.id,
          dimensionId: g.dimension.id,
          title: g.title,
          evidenceWanted: g.evidenceWanted,
        }))
      : [0, 1].map((i) => ({
          key: nextKey(),
          dimensionId: dimensions[i]?.id ?? dimensions[0]?.id ?? "",
          title: "",
          evidenceWanted: "",
        })),
  );
  const [fields, setFields] = useState<Record<string, string>>({});
  const action = useAction();
  const edit = (key: string, change: Partial<GoalDraft>) =>
    setGoals(goals.map((g) => (g.key === key ? { ...g, ...change } : g)));

  const save = (e: Event) => {
    e.preventDefault();
    setFields({});
    action.run(
      async () =>
        onSaved(
          await call(
            api.people[":id"].plan.$put({
              param: { id: person.id },
              json: {
                targetKind,
                targetLevelId: targetKind === "next_level" ? targetLevelId || null : null,
                summary,
                goals: goals.map((g) => ({
                  ...(g.id ? { id: g.id } : {}),
                  dimensionId: g.dimensionId,
                  title: g.title,
                  evidenceWanted: g.evidenceWanted,
                })),
              },
            }),
          ),
        ),
      {
        fail: (err) => {
          if (err instanceof ApiError && Object.keys(err.fields).length) {
            setFields(err.fields);
            action.setError("Some fields need attention.");
          } else action.setError(err instanceof Error ? err.message : "The plan was not saved.");
        },
      },
    );
  };

  return (
    <form class="section-card stack plan-form" onSubmit={save} noValidate aria-labelledby="plan-form-heading">
      <h2 id="plan-form-heading">
        {plan ? `Edit the plan (saving makes version ${plan.version + 1})` : "Write the plan"}
      </h2>
      <fieldset class="stack">
        <legend>Target</legend>
        <label class="radio-option">
          <input
            type="radio"
            name="target-kind"
            value="next_level"
            checked={targetKind === "next_level"}
            onChange={() => setTargetKind("next_level")}
          />{" "}
          The next level
        </label>
        {person.track === "ic" && (
          <label class="radio-option">
            <input
              type="radio"
              name="target-kind"
              value="grow_in_level"
              checked={targetKind === "grow_in_level"}
              onChange={() => setTargetKind("grow_in_level")}
            />{" "}
            Growth at {person.level?.name ?? "the current level"}
          </label>
        )}
        {fields.targetKind && <p class="field-error">{fields.targetKind}</p>}
        {targetKind === "next_level" &&
          (levels.length === 0 ? (
            <p class="muted">There is no level above {person.level?.name ?? "this one"} on this track.</p>
          ) : (
            <SelectField
              id="plan-target-level"
              label="Target level"
              value={targetLevelId}
              onChange={setTargetLevelId}
              error={fields.targetLevelId}
            >
              <NamedOptions items={levels} keep={targetLevelId} />
            </SelectField>
          ))}
      </fieldset>
      <TextAreaField
        id="plan-summary"
        label="Summary"
        hint="Why this target, and what support is agreed."
        value={summary}
        onInput={setSummary}
        maxLength={4000}
        error={fields.summary}
      />
      <fieldset class="stack">
        <legend>
          Goals ({goals.length} of {MAX_GOALS})
        </legend>
        {fields.goals && <p class="field-error">{fields.goals}</p>}
        {goals.map((g, i) => (
          <div key={g.key} class="card stack plan-goal-input">
            <TextField
              id={`goal-${g.key}-title`}
              prefix={`Goal ${i + 1}`}
              label="Title"
              value={g.title}
              onInput={(title) => edit(g.key, { title })}
              maxLength={200}
              error={fields[`goals.${i}.title`]}
            />
            <SelectField
              id={`goal-${g.key}-dimension`}
              prefix={`Goal ${i + 1}`}
              label="Dimension"
              value={g.dimensionId}
              onChange={(dimensionId) => edit(g.key, { dimensionId })}
              error={fields[`goals.${i}.dimensionId`]}
            >
              <NamedOptions items={dimensions} keep={g.dimensionId} />
            </SelectField>
            <TextAreaField
              id={`goal-${g.key}-evidence`}
              prefix={`Goal ${i + 1}`}
              label="What would show it"
              value={g.evidenceWanted}
              onInput={(evidenceWanted) => edit(g.key, { evidenceWanted })}
              maxLength={2000}
              error={fields[`goals.${i}.evidenceWanted`]}
            />
            {goals.length > MIN_GOALS && (
              <button
                type="button"
                class="button button-ghost button-small"
                onClick={() => setGoals(goals.filter((x) => x.key !== g.key))}
              >
                Remove goal {i + 1}
              </button>
            )}
          </div>
        ))}
        {goals.length < MAX_GOALS && (
          <button
            type="button"
            class="button button-secondary button-small"
            onClick={() =>
              setGoals([
                ...goals,
                { key: nextKey(), dimensionId: dimensions[0]?.id ?? "", title: "", evidenceWanted: "" },
              ])
            }
          >
            Add a goal
          </button>
        )}
      </fieldset>
      {action.error && <Alert>{action.error}</Alert>}
      <div class="button-row">
        <button type="submit" class="button" disabled={action.busy}>
          {action.busy ? "Saving…" : "Save the plan"}
        </button>
        <button type="button" class="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
