import { Alert, Loading } from "../../../components/alert";
import { Field, SelectField, TextField } from "../../../components/field";
import { api } from "../../../lib/api";
import { teamPeople } from "../../../lib/credit-words";
import { todayIso } from "../../../lib/format";
import { call } from "../../../lib/http";
import type { Challenge, Team } from "../../../lib/types";
import { type Loaded, useResource } from "../../../lib/use-resource";
import { type CommitmentRow, commitmentField } from "./decide-rules";

type PersonOption = { id: string; name: string };

/**
 * The decision's commitments: what, whose and by when. An owner is chosen from the team, then the
 * sponsors and reviewers outside it.
 */
export function CommitmentRows({
  challenge: ch,
  team,
  rows,
  setRow,
  addRow,
  removeRow,
  err,
}: {
  challenge: Challenge;
  team: Loaded<Team>;
  rows: CommitmentRow[];
  setRow: (key: number, changes: Partial<CommitmentRow>) => void;
  addRow: () => void;
  removeRow: (index: number) => void;
  err: (fieldId: string) => string | undefined;
}) {
  const people = useResource(
    () =>
      Promise.all([
        call(api.people.$get({ query: { role: "sponsor", limit: "100" } })),
        call(api.people.$get({ query: { role: "reviewer", limit: "100" } })),
      ]),
    "reviewer-candidates",
  );

  const teamOptions: PersonOption[] = team.status === "ready" ? teamPeople(team.value) : [ch.lead];
  const taken = new Set(teamOptions.map((p) => p.id));
  const sponsorOptions: PersonOption[] = [];
  const reviewerOptions: PersonOption[] = [];
  if (people.loaded.status === "ready") {
    const [sponsors, reviewers] = people.loaded.value;
    for (const p of sponsors.items)
      if (!taken.has(p.id)) {
        taken.add(p.id);
        sponsorOptions.push({ id: p.id, name: p.name });
      }
    for (const p of reviewers.items)
      if (!taken.has(p.id)) {
        taken.add(p.id);
        reviewerOptions.push({ id: p.id, name: p.name });
      }
  }

  const ownerOptions = (
    <>
      <option value="">Choose…</option>
      <PeopleGroup label="Team" people={teamOptions} always />
      <PeopleGroup label="Sponsors" people={sponsorOptions} />
      <PeopleGroup label="Reviewers" people={reviewerOptions} />
    </>
  );

  return (
    <fieldset>
      <legend>Commitments</legend>
      <p class="muted small">What resources, from whom, by when. They are tracked on this page like milestones.</p>
      {people.loaded.status === "loading" && <Loading label="Loading sponsors and reviewers…" />}
      {people.loaded.status === "error" && (
        <Alert title="Sponsors and reviewers could not be listed" onRetry={people.reload}>
          {people.loaded.message} You can still choose from the team.
        </Alert>
      )}
      {rows.map((r, i) => {
        const n = i + 1;
        return (
          <fieldset key={r.key} class="row-card">
            <legend class="row-card-title">Commitment {n}</legend>
            <div class="row-grid roomy">
              <TextField
                id={commitmentField(r.key, "what")}
                label={`Commitment ${n}: what`}
                maxLength={1000}
                autoComplete="off"
                value={r.what}
                onInput={(what) => setRow(r.key, { what })}
                error={err(commitmentField(r.key, "what"))}
                class="field wide"
              />
              <SelectField
                id={commitmentField(r.key, "owner")}
                label={`Commitment ${n}: owner`}
                value={r.ownerId}
                onChange={(ownerId) => setRow(r.key, { ownerId })}
                error={err(commitmentField(r.key, "owner"))}
              >
                {ownerOptions}
              </SelectField>
              <Field
                id={commitmentField(r.key, "due")}
                label={`Commitment ${n}: due`}
                error={err(commitmentField(r.key, "due"))}
              >
                {(control) => (
                  <input
                    {...control}
                    type="date"
                    min={todayIso()}
                    value={r.due}
                    onInput={(e) => setRow(r.key, { due: e.currentTarget.value })}
                  />
                )}
              </Field>
            </div>
            <button type="button" class="button button-ghost button-small" onClick={() => removeRow(i)}>
              Remove commitment {n}
            </button>
          </fieldset>
        );
      })}
      {rows.length < 20 && (
        <button id="add-commitment" type="button" class="button button-secondary button-small" onClick={addRow}>
          Add commitment
        </button>
      )}
    </fieldset>
  );
}

/** One `<optgroup>` of people to choose from; left out when empty unless `always`. */
function PeopleGroup({
  label,
  people,
  always,
}: {
  label: string;
  people: { id: string; name: string }[];
  always?: boolean;
}) {
  if (people.length === 0 && !always) return null;
  return (
    <optgroup label={label}>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </optgroup>
  );
}
