import { useEffect, useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { ErrorSummary } from "../../components/error-summary";
import { Field, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { SubmitOrCancel } from "../../components/submit-or-cancel";
import { api } from "../../lib/api";
import { ApiError, call, messageOf } from "../../lib/http";
import type { Org } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import type { Loaded } from "../../lib/use-resource";
import { reloadOrg } from "../../state/org";

type Discipline = Org["disciplines"][number];

/** A success notice that clears itself after a while, as the other admin sections do. */
function useNotice() {
  const [done, setDone] = useState("");
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(""), 8000);
    return () => clearTimeout(timer);
  }, [done]);
  return [done, setDone] as const;
}

const wholeIn = (text: string, min: number, max: number) =>
  /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

/** A slug the API accepts for a discipline (a lower-case letter, then letters, digits, - and _), from its name. */
export function disciplineId(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+|-+$/g, "")
    .slice(0, 40);
}

interface OrgSectionProps {
  org: Loaded<Org>;
  onRetry: () => void;
  /** The organisation after a change this section made. */
  onChanged: (org: Org) => void;
}

function OrgLoading({ org, onRetry }: Pick<OrgSectionProps, "org" | "onRetry">) {
  if (org.status === "loading") return <Loading label="Loading the organisation…" />;
  if (org.status === "error")
    return (
      <Alert title="The organisation could not be loaded" onRetry={onRetry}>
        {org.message}
      </Alert>
    );
  return null;
}

const SETTINGS_PLACES: Record<string, FieldPlace> = {
  name: { fieldId: "settings-name", label: "Organisation name" },
  currency: { fieldId: "settings-currency", label: "Currency" },
  commitmentCapPercent: { fieldId: "settings-cap", label: "Commitment cap" },
  responseDeadlineDays: { fieldId: "settings-deadline", label: "Response deadline" },
};
const settingsPlace = (path: string) => SETTINGS_PLACES[path] ?? null;

/** The organisation's name, currency, commitment cap and response deadline (SPEC §2). */
export function SettingsSection(props: OrgSectionProps) {
  return (
    <section class="section-card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Organisation settings</h2>
      <OrgLoading {...props} />
      {props.org.status === "ready" && <SettingsForm org={props.org.value} onChanged={props.onChanged} />}
    </section>
  );
}

function SettingsForm({ org, onChanged }: { org: Org; onChanged: (org: Org) => void }) {
  const [name, setName] = useState(org.name);
  const [currency, setCurrency] = useState(org.currency);
  const [cap, setCap] = useState(String(org.commitmentCapPercent));
  const [days, setDays] = useState(String(org.responseDeadlineDays));
  const { busy: sending, run } = useAction();
  const [done, setDone] = useNotice();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    setDone("");
    const messages: Record<string, string> = {};
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 80) messages.name = "Between 2 and 80 characters.";
    if (!/^[A-Za-z]{3}$/.test(currency.trim())) messages.currency = "A three-letter ISO 4217 code, such as USD or EUR.";
    if (!wholeIn(cap, 10, 100)) messages.commitmentCapPercent = "A whole percent from 10 to 100.";
    if (!wholeIn(days, 1, 90)) messages.responseDeadlineDays = "A whole number of days from 1 to 90.";
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, settingsPlace));
      return;
    }
    const next = {
      name: trimmed,
      currency: currency.trim().toUpperCase(),
      commitmentCapPercent: Number(cap),
      responseDeadlineDays: Number(days),
    };
    // Only what changed: an unchanged currency must not trip the lock once money has moved.
    const patch = Object.fromEntries(Object.entries(next).filter(([k, v]) => org[k as keyof typeof next] !== v));
    clearProblems();
    clearFailure();
    if (Object.keys(patch).length === 0) {
      setDone("Nothing has changed, so there was nothing to save.");
      return;
    }
    await run(
      async () => {
        const saved = await call(api.admin.settings.$patch({ json: patch }));
        setCurrency(saved.currency);
        setDone("The settings are saved.");
        onChanged(saved);
      },
      {
        fail: (error) => {
          if (error instanceof ApiError && error.code === "currency_locked")
            fail(problemsFrom({ currency: error.message }, settingsPlace));
          else failWith(error, (fields) => problemsFrom(fields, settingsPlace));
        },
      },
    );
  }

  const percentField = (id: string, label: string, hint: string, value: string, set: (v: string) => void) => (
    <Field id={id} label={label} hint={hint} error={err(id)}>
      {(control) => (
        <span class="input-suffix">
          <input
            {...control}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={value}
            onInput={(e) => set(e.currentTarget.value)}
          />
          <span aria-hidden="true">{id === "settings-cap" ? "%" : "days"}</span>
        </span>
      )}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="settings-heading">
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The settings were not saved">{failure}</Alert>}
      <div class="row-grid">
        <TextField
          id="settings-name"
          label="Organisation name"
          maxLength={80}
          autoComplete="organization"
          value={name}
          onInput={setName}
          error={err("settings-name")}
          class="field wide"
        />
        <TextField
          id="settings-currency"
          label="Currency"
          hint="ISO 4217 code; fixed once money has moved"
          maxLength={3}
          autoComplete="off"
          value={currency}
          onInput={setCurrency}
          error={err("settings-currency")}
        />
        {percentField(
          "settings-cap",
          "Commitment cap (%)",
          "10–100; the most of their time anyone commits",
          cap,
          setCap,
        )}
        {percentField(
          "settings-deadline",
          "Response deadline (days)",
          "1–90; an open challenge with no pledge or reviewer response by then is overdue",
          days,
          setDays,
        )}
      </div>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      <button type="submit" class="button" disabled={sending}>
        {sending ? "Saving…" : "Save settings"}
      </button>
    </form>
  );
}

/**
 * The disciplines people and role slots are in. A retired discipline stays on what already names
 * it and is no longer offered for new people and slots; it can be restored.
 */
export function DisciplinesSection(props: OrgSectionProps) {
  const { org, onChanged } = props;
  const [done, setDone] = useNotice();

  async function changed(message: string) {
    setDone(message);
    try {
      onChanged(await reloadOrg());
    } catch {
      // The change is saved; the list refreshes on the next load.
    }
  }

  return (
    <section class="section-card" aria-labelledby="disciplines-heading">
      <h2 id="disciplines-heading">Disciplines</h2>
      <p>
        Everyone has a discipline, and role slots ask for one. Retiring a discipline keeps it on the people, slots and
        credit that name it, and stops offering it for new ones.
      </p>
      <OrgLoading {...props} />
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {org.status === "ready" &&
        (org.value.disciplines.length === 0 ? (
          <p class="muted">No disciplines yet. Add the first one below.</p>
        ) : (
          <div class="table-wrap">
            <table class="table stackable">
              <caption class="visually-hidden">Disciplines</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Id</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {org.value.disciplines.map((d) => (
                  <DisciplineRow key={d.id} discipline={d} onChanged={changed} onStart={() => setDone("")} />
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {org.status === "ready" && <AddDisciplineForm onAdded={(d) => changed(`${d.name} is added.`)} />}
    </section>
  );
}

function DisciplineRow({
  discipline: d,
  onChanged,
  onStart,
}: {
  discipline: Discipline;
  onChanged: (message: string) => void;
  onStart: () => void;
}) {
  const [mode, setMode] = useState<null | "rename" | "retire">(null);
  const [name, setName] = useState(d.name);
  const { busy, run } = useAction();
  const [error, setError] = useState<string | undefined>();
  const renameId = `discipline-${d.id}-name`;
  const opener = useRef<HTMLButtonElement>(null);

  function open(next: "rename" | "retire") {
    onStart();
    setError(undefined);
    setName(d.name);
    setMode(next);
    requestAnimationFrame(() =>
      document.getElementById(next === "rename" ? renameId : `discipline-${d.id}-retire-yes`)?.focus(),
    );
  }
  function close() {
    setMode(null);
    setError(undefined);
    requestAnimationFrame(() => opener.current?.focus());
  }

  async function save(patch: { name?: string; active?: boolean }, message: string) {
    if (patch.name !== undefined && (patch.name.length < 2 || patch.name.length > 60)) {
      setError("Between 2 and 60 characters.");
      return;
    }
    setError(undefined);
    await run(
      async () => {
        await call(api.admin.disciplines[":id"].$patch({ param: { id: d.id }, json: patch }));
        setMode(null);
        onChanged(message);
        requestAnimationFrame(() => opener.current?.focus());
      },
      {
        fail: (err) => {
          setError(err instanceof ApiError && err.status === 400 ? (err.fields.name ?? err.message) : messageOf(err));
        },
      },
    );
  }

  return (
    <tr>
      <th scope="row" data-label="Name">
        {d.name}
      </th>
      <td data-label="Id">
        <code>{d.id}</code>
      </td>
      <td data-label="Status">{d.active ? "Offered" : "Retired"}</td>
      <td data-label="Actions">
        {mode === null && (
          <div class="button-row">
            <button
              ref={opener}
              type="button"
              class="button button-secondary button-small"
              aria-label={`Rename ${d.name}`}
              onClick={() => open("rename")}
            >
              Rename
            </button>
            {d.active ? (
              <button
                type="button"
                class="button button-secondary button-small"
                aria-label={`Retire ${d.name}`}
                onClick={() => open("retire")}
              >
                Retire
              </button>
            ) : (
              <button
                type="button"
                class="button button-secondary button-small"
                aria-label={`Restore ${d.name}`}
                disabled={busy}
                onClick={() => save({ active: true }, `${d.name} is offered again.`)}
              >
                {busy ? "Restoring…" : "Restore"}
              </button>
            )}
          </div>
        )}
        {mode === "rename" && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const trimmed = name.trim();
              if (trimmed === d.name) close();
              else save({ name: trimmed }, `${d.name} is now called ${trimmed}.`);
            }}
            noValidate
          >
            <TextField
              id={renameId}
              label={`New name for ${d.name}`}
              maxLength={60}
              autoComplete="off"
              value={name}
              onInput={setName}
              error={error}
            />
            <SubmitOrCancel label="Save name" busyLabel="Saving…" busy={busy} small onCancel={close} />
          </form>
        )}
        {mode === "retire" && (
          <div class="confirm-box">
            <p>
              <strong>Retire {d.name}?</strong> People, slots and credit in it keep it; it is no longer offered for new
              ones. You can restore it later.
            </p>
            {error && <Alert title="The discipline was not retired">{error}</Alert>}
            <div class="button-row">
              <button
                id={`discipline-${d.id}-retire-yes`}
                type="button"
                class="button button-danger button-small"
                disabled={busy}
                onClick={() =>
                  save({ active: false }, `${d.name} is retired: it is no longer offered for new choices.`)
                }
              >
                {busy ? "Retiring…" : "Yes, retire it"}
              </button>
              <button type="button" class="button button-secondary button-small" disabled={busy} onClick={close}>
                Keep it
              </button>
            </div>
          </div>
        )}
        {mode === null && error && <Alert title="The discipline was not changed">{error}</Alert>}
      </td>
    </tr>
  );
}

const ADD_PLACES: Record<string, FieldPlace> = {
  name: { fieldId: "discipline-new-name", label: "Discipline name" },
  id: { fieldId: "discipline-new-id", label: "Discipline id" },
};
const addPlace = (path: string) => ADD_PLACES[path] ?? null;

function AddDisciplineForm({ onAdded }: { onAdded: (d: Discipline) => void }) {
  const [name, setName] = useState("");
  const [id, setId] = useState("");
  const [idEdited, setIdEdited] = useState(false);
  const { busy: sending, run } = useAction();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();
  const shownId = idEdited ? id : disciplineId(name);

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    const messages: Record<string, string> = {};
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 60) messages.name = "Name the discipline (2 to 60 characters).";
    if (!/^[a-z][a-z0-9_-]{1,39}$/.test(shownId.trim()))
      messages.id = "2 to 40 characters: a lower-case letter, then lower-case letters, digits, _ and -.";
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, addPlace));
      return;
    }
    clearFailure();
    await run(
      async () => {
        const added = await call(api.admin.disciplines.$post({ json: { id: shownId.trim(), name: trimmed } }));
        clearProblems();
        setName("");
        setId("");
        setIdEdited(false);
        onAdded(added);
      },
      {
        fail: (error) => {
          if (error instanceof ApiError && error.code === "duplicate")
            fail(problemsFrom({ name: error.message }, addPlace));
          else failWith(error, (fields) => problemsFrom(fields, addPlace));
        },
      },
    );
  }

  return (
    <form class="form-section" onSubmit={submit} noValidate aria-labelledby="add-discipline-heading">
      <h3 id="add-discipline-heading">Add a discipline</h3>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The discipline was not added">{failure}</Alert>}
      <div class="row-grid">
        <TextField
          id="discipline-new-name"
          label="Discipline name"
          hint="As people see it, e.g. Data science"
          maxLength={60}
          autoComplete="off"
          value={name}
          onInput={setName}
          error={err("discipline-new-name")}
        />
        <TextField
          id="discipline-new-id"
          label="Discipline id"
          hint="Made from the name; used in CSV imports and the API"
          maxLength={40}
          autoComplete="off"
          value={shownId}
          onInput={(v) => {
            setIdEdited(true);
            setId(v);
          }}
          error={err("discipline-new-id")}
        />
      </div>
      <button type="submit" class="button" disabled={sending}>
        {sending ? "Adding…" : "Add discipline"}
      </button>
    </form>
  );
}
