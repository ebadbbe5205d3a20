import { useRef, useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { TextField } from "../../../components/field";
import { SubmitOrCancel } from "../../../components/submit-or-cancel";
import { api } from "../../../lib/api";
import { ApiError, call, messageOf } from "../../../lib/http";
import { useAction } from "../../../lib/use-action";
import type { Discipline } from "./disciplines";

export function DisciplineRow({
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
