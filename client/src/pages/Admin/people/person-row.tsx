import { useEffect, useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { ROLE_LABELS } from "../../../components/role-badges";
import { api } from "../../../lib/api";
import { ApiError, call, messageOf } from "../../../lib/http";
import type { Person, Role } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import { disciplineName } from "../../../state/org";

/** The roles an admin gives and takes; everyone is a member. */
export const GRANTED_ROLES: Role[] = (Object.keys(ROLE_LABELS) as Role[]).filter((r) => r !== "member");

type Change = Role | "deactivate" | "reactivate";

/** Why a change was refused, in the words of the field it is about when the API names one. */
function refusalOf(err: unknown, field: "roles" | "active"): string {
  if (err instanceof ApiError && err.status === 400) return err.fields[field] ?? err.message;
  return messageOf(err);
}

/**
 * One person in the people & roles table: each role a checkbox that saves at once, and
 * deactivating (after a confirmation) or reactivating them. Failures stay in the row.
 */
export function PersonRow({ person: given, isYou }: { person: Person; isYou: boolean }) {
  const [person, setPerson] = useState(given);
  // While a role is saving, the checkboxes show what was asked for.
  const [asked, setAsked] = useState<Role[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState("");
  // Which cell the last message belongs in: the roles' or the status's.
  const [about, setAbout] = useState<"roles" | "active">("roles");
  const { pending, error, run, setError } = useAction<Change>();
  const busy = pending !== null;
  const name = person.name;

  // A new read of the list brings the person as the server has them now.
  useEffect(() => setPerson(given), [given]);

  async function toggle(role: Role, on: boolean) {
    const roles = on ? [...person.roles, role] : person.roles.filter((r) => r !== role);
    const label = ROLE_LABELS[role].toLowerCase();
    setAsked(roles);
    setAbout("roles");
    setDone("");
    await run(
      async () => {
        setPerson(await call(api.people[":id"].$patch({ param: { id: person.id }, json: { roles } })));
        setDone(on ? `${name} is now ${article(label)} ${label}.` : `${name} is no longer ${article(label)} ${label}.`);
      },
      { tag: role, fail: (err) => setError(refusalOf(err, "roles")) },
    );
    setAsked(null);
  }

  async function setActive(active: boolean) {
    setAbout("active");
    setDone("");
    const ok = await run(
      async () => {
        setPerson(await call(api.people[":id"].$patch({ param: { id: person.id }, json: { active } })));
        setDone(active ? `${name} is reactivated.` : `${name} is deactivated: their sessions and API tokens ended.`);
      },
      { tag: active ? "reactivate" : "deactivate", fail: (err) => setError(refusalOf(err, "active")) },
    );
    if (ok) {
      setConfirming(false);
      requestAnimationFrame(() => document.getElementById(`person-${person.id}-status`)?.focus());
    }
  }

  function openConfirm() {
    setError(null);
    setDone("");
    setConfirming(true);
    requestAnimationFrame(() => document.getElementById(`person-${person.id}-deactivate-yes`)?.focus());
  }

  function closeConfirm() {
    setConfirming(false);
    requestAnimationFrame(() => document.getElementById(`person-${person.id}-deactivate`)?.focus());
  }

  const shown = asked ?? person.roles;
  const savingRole = GRANTED_ROLES.find((r) => r === pending);
  const discipline = disciplineName(person.disciplineId);

  return (
    <tr class={person.active ? undefined : "person-inactive"}>
      <th scope="row" data-label="Name">
        <a href={`/people/${person.id}`}>{name}</a>
        {isYou && <span class="muted small"> (you)</span>}
      </th>
      <td data-label="E-mail" class="person-email">
        {person.email}
      </td>
      <td data-label="Discipline">{discipline || <span class="muted">None</span>}</td>
      <td data-label="Roles" aria-busy={savingRole ? "true" : undefined}>
        <div class="role-checks">
          {GRANTED_ROLES.map((role) => (
            <label key={role} class="check">
              <input
                type="checkbox"
                checked={shown.includes(role)}
                // Not `disabled`, which would take focus away from the box just pressed.
                aria-disabled={busy ? "true" : undefined}
                onClick={(e) => {
                  if (busy) e.preventDefault();
                }}
                onChange={(e) => toggle(role, e.currentTarget.checked)}
              />
              {ROLE_LABELS[role]}
              <span class="visually-hidden">: {name}</span>
              {pending === role && <span class="muted small"> Saving…</span>}
            </label>
          ))}
        </div>
        <Outcome shown={about === "roles"} done={done} error={error} name={name} />
      </td>
      <td data-label="Status">
        <p id={`person-${person.id}-status`} tabIndex={-1} class="person-status">
          <span class={`badge role ${person.active ? "status-active" : "status-withdrawn"}`}>
            {person.active ? "Active" : "Deactivated"}
          </span>
        </p>
        {!confirming &&
          !isYou &&
          (person.active ? (
            <button
              id={`person-${person.id}-deactivate`}
              type="button"
              class="button button-secondary button-small"
              aria-label={`Deactivate ${name}`}
              disabled={busy}
              onClick={openConfirm}
            >
              Deactivate
            </button>
          ) : (
            <button
              type="button"
              class="button button-secondary button-small"
              aria-label={`Reactivate ${name}`}
              disabled={busy}
              onClick={() => setActive(true)}
            >
              {pending === "reactivate" ? "Reactivating…" : "Reactivate"}
            </button>
          ))}
        {confirming && (
          <div class="confirm-box">
            <p>
              <strong>Deactivate {name}?</strong> They are signed out everywhere, their API tokens are revoked and their
              open applications are withdrawn. Their credit and reviews stay. You can reactivate them later.
            </p>
            <div class="button-row">
              <button
                id={`person-${person.id}-deactivate-yes`}
                type="button"
                class="button button-danger button-small"
                disabled={busy}
                onClick={() => setActive(false)}
              >
                {pending === "deactivate" ? "Deactivating…" : "Yes, deactivate"}
              </button>
              <button type="button" class="button button-secondary button-small" disabled={busy} onClick={closeConfirm}>
                Keep active
              </button>
            </div>
          </div>
        )}
        <Outcome shown={about === "active"} done={done} error={error} name={name} />
      </td>
    </tr>
  );
}

/** What became of a row's last change: said politely when it worked, at once when it did not. */
function Outcome({ shown, done, error, name }: { shown: boolean; done: string; error: string | null; name: string }) {
  return (
    <>
      <p class="small muted person-done" role="status">
        {shown && done ? done : null}
      </p>
      {shown && error && <Alert title={`${name} was not changed`}>{error}</Alert>}
    </>
  );
}

const article = (word: string) => (/^[aeiou]/.test(word) ? "an" : "a");
