import type { InferRequestType } from "hono/client";
import { useEffect, useRef, useState } from "preact/hooks";
import { Alert } from "../../components/alert";
import { ErrorSummary } from "../../components/error-summary";
import {
  errorId,
  FieldError,
  fieldAria,
  NamedOptions,
  SelectField,
  TextAreaField,
  TextField,
} from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { ROLE_LABELS } from "../../components/role-badges";
import { api } from "../../lib/api";
import { changedOnly } from "../../lib/changes";
import { splitList } from "../../lib/format";
import { call, messageOf } from "../../lib/http";
import type { Person, Profile, Role } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { org } from "../../state/org";

type PatchBody = InferRequestType<(typeof api.people)[":id"]["$patch"]>["json"];
type Track = Profile["track"];

const ALL_ROLES = Object.keys(ROLE_LABELS) as Role[];

interface EditorState {
  name: string;
  title: string;
  discipline: string;
  skills: string;
  bio: string;
  avatarUrl: string;
  roles: Role[];
  track: Track;
  level: string;
  manager: { id: string; name: string } | null;
  active: boolean;
}

function fromProfile(p: Profile): EditorState {
  return {
    name: p.name,
    title: p.title,
    discipline: p.disciplineId ?? "",
    skills: p.skills.join(", "),
    bio: p.bio,
    avatarUrl: p.avatarUrl ?? "",
    roles: [...p.roles],
    track: p.track,
    level: p.levelId ?? "",
    manager: p.manager ? { id: p.manager.id, name: p.manager.name } : null,
    active: p.active,
  };
}

/** Where each field of the API's body is shown, and its label. */
const FIELDS = {
  name: { fieldId: "p-name", label: "Name" },
  title: { fieldId: "p-title", label: "Title" },
  discipline: { fieldId: "p-discipline", label: "Discipline" },
  skills: { fieldId: "p-skills", label: "Skills" },
  bio: { fieldId: "p-bio", label: "Bio" },
  avatarUrl: { fieldId: "p-avatar", label: "Avatar URL" },
  roles: { fieldId: "p-role-member", label: "Roles" },
  track: { fieldId: "p-track", label: "Track" },
  level: { fieldId: "p-level", label: "Level" },
  managerId: { fieldId: "p-manager-search", label: "Manager" },
  active: { fieldId: "p-active", label: "Active" },
} satisfies Record<string, FieldPlace>;

type FieldKey = keyof typeof FIELDS;

const locate = (path: string): FieldPlace | null => FIELDS[path.split(".")[0] as FieldKey] ?? null;

function toBody(s: EditorState, admin: boolean): PatchBody {
  const body: PatchBody = {
    name: s.name.trim(),
    title: s.title.trim(),
    discipline: s.discipline || null,
    skills: splitList(s.skills),
    bio: s.bio,
    avatarUrl: s.avatarUrl.trim() || null,
  };
  if (admin) {
    body.roles = ALL_ROLES.filter((r) => r === "member" || s.roles.includes(r));
    body.track = s.track;
    body.level = s.level || null;
    body.managerId = s.manager?.id ?? null;
    body.active = s.active;
  }
  return body;
}

interface ProfileEditorProps {
  profile: Profile;
  onSaved: (person: Person) => void;
  onCancel: () => void;
}

/** Edit a profile: one's own fields, and (for admins) roles, track, level, manager and active. */
export function ProfileEditor({ profile, onSaved, onCancel }: ProfileEditorProps) {
  const admin = profile.viewer.canEditRoles;
  const initial = useRef(fromProfile(profile));
  const [state, setState] = useState<EditorState>(initial.current);
  const { problems, failure, attempt, err, failWith, clearFailure } = useFormProblems();
  const { busy: saving, run } = useAction();

  const set = <K extends keyof EditorState>(key: K, value: EditorState[K]) => setState((s) => ({ ...s, [key]: value }));
  const field = (key: FieldKey) => ({
    id: FIELDS[key].fieldId,
    label: FIELDS[key].label,
    error: err(FIELDS[key].fieldId),
  });
  const levels = org.value?.levels.filter((l) => l.track === state.track) ?? [];
  const disciplines = org.value?.disciplines ?? [];

  async function save(event: Event) {
    event.preventDefault();
    const patch = changedOnly(toBody(initial.current, admin), toBody(state, admin));
    if (!Object.keys(patch).length) {
      onCancel();
      return;
    }
    clearFailure();
    await run(
      async () => {
        const person = await call(api.people[":id"].$patch({ param: { id: profile.id }, json: patch }));
        onSaved(person);
      },
      {
        keepBusy: true,
        fail: (e) => failWith(e, (fields) => problemsFrom(fields, locate, (_path, message) => message)),
      },
    );
  }

  return (
    <form class="card form-section" onSubmit={save} noValidate aria-labelledby="edit-profile-heading">
      <h2 id="edit-profile-heading">Edit profile</h2>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The profile was not saved">{failure}</Alert>}

      <TextField {...field("name")} value={state.name} onInput={(v) => set("name", v)} />
      <TextField {...field("title")} value={state.title} onInput={(v) => set("title", v)} />
      <SelectField {...field("discipline")} value={state.discipline} onChange={(v) => set("discipline", v)}>
        <option value="">None</option>
        <NamedOptions items={disciplines} />
      </SelectField>
      <TextField
        {...field("skills")}
        hint="Comma-separated, e.g. spark, sql, facilitation."
        value={state.skills}
        onInput={(v) => set("skills", v)}
      />
      <TextAreaField
        {...field("bio")}
        hint="Markdown works. At most 5000 characters."
        value={state.bio}
        onInput={(v) => set("bio", v)}
      />
      <TextField
        {...field("avatarUrl")}
        type="url"
        hint="A full https:// address of a square picture."
        value={state.avatarUrl}
        onInput={(v) => set("avatarUrl", v)}
      />

      {admin && (
        <fieldset>
          <legend>Admin settings</legend>
          <fieldset aria-describedby={err("p-role-member") ? errorId("p-role-member") : undefined}>
            <legend>Roles</legend>
            {ALL_ROLES.map((role) => (
              <div key={role}>
                <label class="check">
                  <input
                    id={`p-role-${role}`}
                    type="checkbox"
                    checked={role === "member" || state.roles.includes(role)}
                    disabled={role === "member"}
                    onChange={(e) =>
                      set(
                        "roles",
                        e.currentTarget.checked ? [...state.roles, role] : state.roles.filter((r) => r !== role),
                      )
                    }
                  />
                  {ROLE_LABELS[role]}
                  {role === "member" && <span class="muted small">(everyone)</span>}
                </label>
              </div>
            ))}
            <FieldError fieldId="p-role-member" message={err("p-role-member")} />
          </fieldset>
          <SelectField
            {...field("track")}
            value={state.track}
            onChange={(value) => {
              const track = value as Track;
              const keep = org.value?.levels.some((l) => l.id === state.level && l.track === track);
              setState((s) => ({ ...s, track, level: keep ? s.level : "" }));
            }}
          >
            <option value="ic">Individual contributor</option>
            <option value="management">Management</option>
          </SelectField>
          <SelectField {...field("level")} value={state.level} onChange={(v) => set("level", v)}>
            <option value="">No level</option>
            <NamedOptions items={levels} />
          </SelectField>
          <ManagerPicker
            personId={profile.id}
            manager={state.manager}
            onChange={(m) => set("manager", m)}
            error={err("p-manager-search")}
          />
          <div class="field">
            <label class="check">
              <input
                id="p-active"
                type="checkbox"
                checked={state.active}
                onChange={(e) => set("active", e.currentTarget.checked)}
                {...fieldAria("p-active", err("p-active"))}
              />
              Active (can sign in and appears in the directory)
            </label>
            <FieldError fieldId="p-active" message={err("p-active")} />
          </div>
        </fieldset>
      )}

      <div class="form-actions">
        <button type="submit" class="button" disabled={saving}>
          {saving ? "Saving…" : "Save profile"}
        </button>
        <button type="button" class="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface ManagerPickerProps {
  personId: string;
  manager: { id: string; name: string } | null;
  onChange: (manager: { id: string; name: string } | null) => void;
  error?: string;
}

/** Search the directory and choose a manager (or none). */
function ManagerPicker({ personId, manager, onChange, error }: ManagerPickerProps) {
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Person[]>([]);
  const [status, setStatus] = useState("");

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setResults([]);
      setStatus("");
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      call(api.people.$get({ query: { q: text, limit: "8" } })).then(
        (page) => {
          if (!live) return;
          const found = page.items.filter((p) => p.id !== personId);
          setResults(found);
          setStatus(found.length ? `${found.length} found.` : "Nobody found.");
        },
        (e) => live && setStatus(messageOf(e)),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  return (
    <div class="field">
      <span class="field-label" id="p-manager-label">
        Manager
      </span>
      <p class="cluster" id="p-manager-current">
        <span>{manager ? <a href={`/people/${manager.id}`}>{manager.name}</a> : "No manager"}</span>
        {manager && (
          <button type="button" class="button button-ghost button-small" onClick={() => onChange(null)}>
            Remove manager
          </button>
        )}
      </p>
      <label for="p-manager-search">Find a manager</label>
      <input
        id="p-manager-search"
        type="search"
        value={q}
        placeholder="Name or e-mail"
        onInput={(e) => setQ(e.currentTarget.value)}
        {...fieldAria("p-manager-search", error, "p-manager-current")}
      />
      <p class="status-line" role="status">
        {status}
      </p>
      {results.length > 0 && (
        <ul class="plain-list button-row">
          {results.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                class="button button-secondary button-small"
                onClick={() => {
                  onChange({ id: p.id, name: p.name });
                  setQ("");
                }}
              >
                Choose {p.name}
                <span class="muted"> ({p.email})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <FieldError fieldId="p-manager-search" message={error} />
    </div>
  );
}
