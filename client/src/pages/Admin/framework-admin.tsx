import { useEffect, useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { ErrorSummary } from "../../components/error-summary";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { api } from "../../lib/api";
import { CONTRIBUTION_LABELS, CONTRIBUTION_TYPES } from "../../lib/credit-words";
import { listInWords } from "../../lib/format";
import { call } from "../../lib/http";
import type { ContributionType } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { useResource } from "../../lib/use-resource";
import { type Dimension, DimensionRow, field, MAX_DIMENSIONS, type Row, typesField } from "./dimension-row";

/** A dimension id the API accepts (a lower-case letter, then letters, digits, - and _), from its name. */
export function dimensionId(name: string, taken: ReadonlySet<string>): string {
  let base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+|-+$/g, "")
    .slice(0, 36);
  if (base.length < 2) base = `dimension${base}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The career framework's dimensions (SPEC §9): impact packets group a person's credit by them, each
 * contribution type counting in the one dimension it evidences.
 */
export function FrameworkSection({ onSaved }: { onSaved?: () => void }) {
  const { loaded, reload, set } = useResource(() => call(api.admin["framework-dimensions"].$get()), "dimensions");
  return (
    <section class="section-card" aria-labelledby="framework-heading">
      <h2 id="framework-heading">Career framework</h2>
      <p>
        Impact packets group each person's credit by these dimensions. Tick the contribution types that evidence each
        one; a type counts in one dimension at most.
      </p>
      {loaded.status === "loading" && <Loading label="Loading the career framework…" />}
      {loaded.status === "error" && (
        <Alert title="The career framework could not be loaded" onRetry={reload}>
          {loaded.message}
        </Alert>
      )}
      {loaded.status === "ready" && (
        <FrameworkEditor
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

function FrameworkEditor({ items, onSaved }: { items: Dimension[]; onSaved: (next: { items: Dimension[] }) => void }) {
  const [rows, setRows] = useState<Row[]>(() => items.map((d, i) => ({ ...d, key: i + 1 })));
  const nextKey = useRef(items.length + 1);
  const { busy: sending, run } = useAction();
  const [done, setDone] = useState("");
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(""), 8000);
    return () => clearTimeout(timer);
  }, [done]);

  const owners = new Map<ContributionType, Row[]>();
  for (const r of rows) for (const t of r.contributionTypes) owners.set(t, [...(owners.get(t) ?? []), r]);
  const uncovered = CONTRIBUTION_TYPES.filter((t) => !owners.has(t));
  const last = rows[rows.length - 1];

  function setRow(key: number, changes: Partial<Row>) {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...changes } : r)));
  }
  function toggle(key: number, type: ContributionType, on: boolean) {
    setRows((all) =>
      all.map((r) =>
        r.key !== key
          ? r
          : {
              ...r,
              // Kept in the API's order, whatever order they were ticked in.
              contributionTypes: CONTRIBUTION_TYPES.filter((t) => (t === type ? on : r.contributionTypes.includes(t))),
            },
      ),
    );
  }
  function addRow() {
    const key = nextKey.current++;
    setRows((all) => [...all, { key, id: "", name: "", description: "", contributionTypes: [] }]);
    requestAnimationFrame(() => document.getElementById(field(key, "name"))?.focus());
  }
  function removeRow(index: number) {
    const remaining = rows.filter((_, i) => i !== index);
    setRows(remaining);
    const neighbour = remaining[index] ?? remaining[index - 1];
    requestAnimationFrame(() =>
      document.getElementById(neighbour ? field(neighbour.key, "name") : "add-dimension")?.focus(),
    );
  }
  function move(index: number, by: -1 | 1) {
    const to = index + by;
    if (to < 0 || to >= rows.length) return;
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(to, 0, row);
    setRows(next);
    // Focus stays with the row; at either end the button just pressed is disabled, so take the other.
    const atEnd = to === 0 || to === next.length - 1;
    const dir = atEnd ? (by < 0 ? "down" : "up") : by < 0 ? "up" : "down";
    requestAnimationFrame(() => document.getElementById(field(row.key, `move-${dir}`))?.focus());
  }

  function locate(path: string): FieldPlace | null {
    if (path === "items") return { fieldId: "add-dimension", label: "Dimensions" };
    const m = /^items\.(\d+)\.(\w+)/.exec(path);
    const row = m ? rows[Number(m[1])] : undefined;
    if (!m || !row) return null;
    const n = `Dimension ${Number(m[1]) + 1}`;
    if (m[2] === "id") return { fieldId: field(row.key, "id"), label: `${n} id` };
    if (m[2] === "description") return { fieldId: field(row.key, "description"), label: `${n} description` };
    if (m[2] === "contributionTypes") return { fieldId: typesField(row.key), label: `${n} contribution types` };
    return { fieldId: field(row.key, "name"), label: `${n} name` };
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    setDone("");
    const messages: Record<string, string> = {};
    if (rows.length === 0) messages.items = "Keep at least one dimension.";
    const ids = new Set<string>();
    const claimed = new Map<ContributionType, string>();
    rows.forEach((r, i) => {
      const id = r.id.trim();
      if (id && !/^[a-z][a-z0-9_-]{1,39}$/.test(id))
        messages[`items.${i}.id`] =
          "2 to 40 characters: a lower-case letter, then lower-case letters, digits, _ and -.";
      else if (id && ids.has(id)) messages[`items.${i}.id`] = "Each dimension needs its own id.";
      ids.add(id);
      if (r.name.trim().length < 2) messages[`items.${i}.name`] = "Name the dimension (at least 2 characters).";
      const clash = r.contributionTypes.find((t) => claimed.has(t));
      if (clash)
        messages[`items.${i}.contributionTypes`] =
          `${CONTRIBUTION_LABELS[clash]} is ticked in ${claimed.get(clash)} too; a type counts in one dimension.`;
      for (const t of r.contributionTypes) if (!claimed.has(t)) claimed.set(t, r.name.trim() || `dimension ${i + 1}`);
    });
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locate));
      return;
    }
    const taken = new Set(rows.flatMap((r) => (r.id.trim() ? [r.id.trim()] : [])));
    const payload = rows.map((r) => {
      const id = r.id.trim() || dimensionId(r.name, taken);
      taken.add(id);
      return { id, name: r.name.trim(), description: r.description.trim(), contributionTypes: r.contributionTypes };
    });
    clearFailure();
    await run(
      async () => {
        const saved = await call(api.admin["framework-dimensions"].$put({ json: { items: payload } }));
        clearProblems();
        // Keys stay, so focus stays on the button pressed; new rows now show their ids.
        setRows((all) => all.map((r, i) => (saved.items[i] ? { ...saved.items[i], key: r.key } : r)));
        setDone("The career framework is saved. Impact packets use it from now on.");
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
    <form aria-labelledby="framework-heading" onSubmit={submit} noValidate>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The career framework was not saved">{failure}</Alert>}
      {rows.map((r, i) => (
        <DimensionRow
          key={r.key}
          row={r}
          index={i}
          count={rows.length}
          owners={owners}
          err={err}
          setRow={setRow}
          toggle={toggle}
          move={move}
          removeRow={removeRow}
        />
      ))}
      <p class="hint">
        {uncovered.length === 0
          ? "Every contribution type evidences a dimension."
          : `Types not ticked anywhere count in the last dimension${last?.name.trim() ? `, ${last.name.trim()}` : ""}: ${listInWords(
              uncovered.map((t) => CONTRIBUTION_LABELS[t]),
            )}.`}
      </p>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      <div class="button-row">
        {rows.length < MAX_DIMENSIONS && (
          <button id="add-dimension" type="button" class="button button-secondary" onClick={addRow}>
            Add dimension
          </button>
        )}
        <button type="submit" class="button" disabled={sending}>
          {sending ? "Saving…" : "Save career framework"}
        </button>
      </div>
    </form>
  );
}
