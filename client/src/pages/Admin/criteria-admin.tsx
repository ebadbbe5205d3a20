import { useEffect, useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { ErrorSummary } from "../../components/error-summary";
import { Field, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { api } from "../../lib/api";
import { call } from "../../lib/http";
import type { Criterion } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { useResource } from "../../lib/use-resource";

interface Row {
  key: number;
  /** The stored id; new rows get one from their name when saved. */
  id: string | null;
  name: string;
  weight: string;
  description: string;
}

const field = (key: number, part: "name" | "weight" | "description") => `criterion-${key}-${part}`;

/** A criterion id the API accepts (a lower-case letter, then letters, digits and _), from its name. */
export function criterionId(name: string, taken: ReadonlySet<string>): string {
  let base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+|_+$/g, "")
    .slice(0, 36);
  if (base.length < 2) base = `criterion${base}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

const toRows = (items: Criterion[]): Row[] =>
  items.map((c, i) => ({ key: i + 1, id: c.id, name: c.name, weight: String(c.weight), description: c.description }));

/**
 * The review criteria and their weights (SPEC §6, admin-managed): reviewers score each 1–5 and the
 * weights, which must add up to 100, make the weighted score. Past reviews keep their scores.
 */
export function CriteriaSection({ onSaved }: { onSaved?: () => void } = {}) {
  const { loaded, reload, set } = useResource(() => call(api["review-criteria"].$get()), "criteria");
  return (
    <section class="section-card" aria-labelledby="criteria-heading">
      <h2 id="criteria-heading">Review criteria</h2>
      <p>
        Reviewers score each criterion from 1 to 5; the weights (percent, adding up to 100) make a showcase's weighted
        score. Reviews already given keep the scores they had.
      </p>
      {loaded.status === "loading" && <Loading label="Loading the review criteria…" />}
      {loaded.status === "error" && (
        <Alert title="The review criteria could not be loaded" onRetry={reload}>
          {loaded.message}
        </Alert>
      )}
      {loaded.status === "ready" && (
        <CriteriaEditor
          items={loaded.value.items}
          onSaved={(next) => {
            set(next);
            onSaved?.();
          }}
        />
      )}
    </section>
  );
}

function CriteriaEditor({ items, onSaved }: { items: Criterion[]; onSaved: (next: { items: Criterion[] }) => void }) {
  const [rows, setRows] = useState<Row[]>(() => toRows(items));
  const nextKey = useRef(items.length + 1);
  const { busy: sending, run } = useAction();
  const [done, setDone] = useState("");
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();
  const sum = rows.reduce((s, r) => s + (/^\d+$/.test(r.weight.trim()) ? Number(r.weight) : 0), 0);

  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(""), 8000);
    return () => clearTimeout(timer);
  }, [done]);

  function setRow(key: number, changes: Partial<Row>) {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...changes } : r)));
  }
  function addRow() {
    const key = nextKey.current++;
    setRows((all) => [...all, { key, id: null, name: "", weight: "", description: "" }]);
    requestAnimationFrame(() => document.getElementById(field(key, "name"))?.focus());
  }
  function removeRow(index: number) {
    const remaining = rows.filter((_, i) => i !== index);
    setRows(remaining);
    const neighbour = remaining[index] ?? remaining[index - 1];
    requestAnimationFrame(() =>
      document.getElementById(neighbour ? field(neighbour.key, "name") : "add-criterion")?.focus(),
    );
  }

  function locate(path: string): FieldPlace | null {
    if (path === "items") return { fieldId: "criteria-sum", label: "Weights" };
    const m = /^items\.(\d+)\.(\w+)/.exec(path);
    const row = m ? rows[Number(m[1])] : undefined;
    if (!m || !row) return null;
    const n = Number(m[1]) + 1;
    if (m[2] === "weight") return { fieldId: field(row.key, "weight"), label: `Criterion ${n} weight` };
    if (m[2] === "description") return { fieldId: field(row.key, "description"), label: `Criterion ${n} description` };
    return { fieldId: field(row.key, "name"), label: `Criterion ${n} name` };
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    setDone("");
    const messages: Record<string, string> = {};
    if (rows.length === 0) messages.items = "Keep at least one criterion.";
    rows.forEach((r, i) => {
      if (r.name.trim().length < 2) messages[`items.${i}.name`] = "Name the criterion (at least 2 characters).";
      const w = r.weight.trim();
      if (!/^\d+$/.test(w) || Number(w) < 1 || Number(w) > 100)
        messages[`items.${i}.weight`] = "A whole percent from 1 to 100.";
    });
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locate));
      return;
    }
    const taken = new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
    const payload = rows.map((r) => {
      const id = r.id ?? criterionId(r.name, taken);
      taken.add(id);
      return { id, name: r.name.trim(), weight: Number(r.weight.trim()), description: r.description.trim() };
    });
    clearFailure();
    await run(
      async () => {
        const saved = await call(api.admin["review-criteria"].$put({ json: { items: payload } }));
        clearProblems();
        // New rows now have their ids; the keys stay, so focus stays on the button pressed.
        setRows((all) =>
          all.map((r, i) => {
            const c = saved.items[i];
            return c ? { ...r, id: c.id, name: c.name, weight: String(c.weight), description: c.description } : r;
          }),
        );
        setDone("The review criteria are saved. New reviews use them.");
        onSaved(saved);
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
  }

  return (
    <>
      <div class="table-wrap">
        <table class="table stackable">
          <caption class="visually-hidden">Current review criteria and their weights</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col" class="num">
                Weight
              </th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <th scope="row" data-label="Criterion">
                  {c.name}
                </th>
                <td class="num" data-label="Weight">
                  {c.weight}%
                </td>
                <td data-label="Description">{c.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      <form aria-labelledby="criteria-form-heading" onSubmit={submit} noValidate>
        <h3 id="criteria-form-heading">Edit the criteria</h3>
        <ErrorSummary items={problems.summary} attempt={attempt} />
        {failure && <Alert title="The criteria were not saved">{failure}</Alert>}
        {rows.map((r, i) => {
          const n = i + 1;
          return (
            <fieldset key={r.key} class="row-card">
              <legend class="row-card-title">Criterion {n}</legend>
              <div class="row-grid">
                <TextField
                  id={field(r.key, "name")}
                  label={`Criterion ${n} name`}
                  maxLength={60}
                  autoComplete="off"
                  value={r.name}
                  onInput={(name) => setRow(r.key, { name })}
                  error={err(field(r.key, "name"))}
                />
                <Field id={field(r.key, "weight")} label={`Criterion ${n} weight`} error={err(field(r.key, "weight"))}>
                  {(control) => (
                    <span class="input-suffix">
                      <input
                        {...control}
                        type="text"
                        inputMode="numeric"
                        autoComplete="off"
                        value={r.weight}
                        onInput={(e) => setRow(r.key, { weight: e.currentTarget.value })}
                      />
                      <span aria-hidden="true">%</span>
                    </span>
                  )}
                </Field>
                <TextField
                  id={field(r.key, "description")}
                  label={`Criterion ${n} description`}
                  maxLength={500}
                  value={r.description}
                  onInput={(description) => setRow(r.key, { description })}
                  error={err(field(r.key, "description"))}
                  class="field wide"
                />
              </div>
              <button type="button" class="button button-ghost button-small" onClick={() => removeRow(i)}>
                Remove criterion {n}
              </button>
            </fieldset>
          );
        })}
        <p id="criteria-sum" class={`criteria-sum${sum === 100 ? "" : " off"}`} tabIndex={-1} aria-live="polite">
          Weights add up to <strong>{sum}</strong> of 100.
          {sum !== 100 && <span> They must add up to exactly 100.</span>}
        </p>
        {err("criteria-sum") && (
          <p class="field-error">
            <span aria-hidden="true">⚠ </span>
            {err("criteria-sum")}
          </p>
        )}
        <div class="button-row">
          {rows.length < 12 && (
            <button id="add-criterion" type="button" class="button button-secondary" onClick={addRow}>
              Add criterion
            </button>
          )}
          <button type="submit" class="button" disabled={sending}>
            {sending ? "Saving…" : "Save criteria"}
          </button>
        </div>
      </form>
    </>
  );
}
