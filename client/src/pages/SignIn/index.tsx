import { useEffect, useMemo, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Alert, Loading } from "../../components/alert";
import { Field, TextField } from "../../components/field";
import { api } from "../../lib/api";
import { ApiError, call, messageOf } from "../../lib/http";
import { safeNext } from "../../lib/safe-next";
import type { DemoPerson } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { useTitle } from "../../lib/use-title";
import { me, signIn } from "../../state/session";
import "./sign-in.css";

/** The accounts documentation and tests name (SPEC §13), in this order. */
const WELL_KNOWN = [
  "admin@example.com",
  "sponsor@example.com",
  "sponsor2@example.com",
  "reviewer@example.com",
  "ic@example.com",
  "designer@example.com",
  "analyst@example.com",
  "manager@example.com",
];

const ROLE_GROUPS = [
  { role: "admin", title: "Admins" },
  { role: "sponsor", title: "Sponsors" },
  { role: "reviewer", title: "Reviewers" },
] as const;

function capitalise(text: string) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

interface Group {
  title: string;
  people: DemoPerson[];
}

/** Splits people into well-known, admins, sponsors, reviewers and members by discipline; each person once. */
function groupPeople(people: DemoPerson[]): Group[] {
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const placed = new Set<string>();
  const take = (list: DemoPerson[]) => {
    for (const p of list) placed.add(p.id);
    return list;
  };
  const byName = (a: DemoPerson, b: DemoPerson) => a.name.localeCompare(b.name);
  const groups: Group[] = [
    {
      title: "Well-known demo accounts",
      people: take(WELL_KNOWN.map((email) => byEmail.get(email)).filter((p): p is DemoPerson => !!p)),
    },
  ];
  for (const { role, title } of ROLE_GROUPS) {
    groups.push({
      title,
      people: take(people.filter((p) => !placed.has(p.id) && p.roles.includes(role)).sort(byName)),
    });
  }
  const rest = people.filter((p) => !placed.has(p.id)).sort(byName);
  const disciplines = [...new Set(rest.map((p) => p.disciplineId ?? ""))].sort((a, b) =>
    a === "" ? 1 : b === "" ? -1 : a.localeCompare(b),
  );
  for (const d of disciplines) {
    groups.push({
      title: d ? `Members · ${capitalise(d)}` : "Members · No discipline",
      people: rest.filter((p) => (p.disciplineId ?? "") === d),
    });
  }
  return groups.filter((g) => g.people.length > 0);
}

function matches(p: DemoPerson, filter: string) {
  if (!filter) return true;
  const haystack = `${p.name} ${p.email} ${p.title} ${p.disciplineId ?? ""} ${p.levelId ?? ""} ${p.roles.join(" ")}`;
  return haystack.toLowerCase().includes(filter);
}

function describe(p: DemoPerson) {
  return [p.title, p.disciplineId && capitalise(p.disciplineId), p.levelId].filter(Boolean).join(" · ");
}

export default function SignIn() {
  useTitle("Sign in");
  const { query, route } = useLocation();
  const next = safeNext(query.next, location.origin);
  const [people, setPeople] = useState<DemoPerson[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [filter, setFilter] = useState("");
  const [email, setEmail] = useState("");
  const { pending: busyEmail, error: signInError, run } = useAction<string>();

  async function load() {
    setLoadError(null);
    try {
      const { items } = await call(api.dev.people.$get());
      setPeople(items);
    } catch (err) {
      setLoadError(err instanceof ApiError ? err : new ApiError(0, "unknown", messageOf(err)));
    }
  }

  useEffect(() => {
    load();
  }, []);

  async function signInAs(address: string) {
    await run(
      async () => {
        await signIn(address);
        route(next);
      },
      { tag: address, keepBusy: true },
    );
  }

  const groups = useMemo(() => {
    if (!people) return [];
    const needle = filter.trim().toLowerCase();
    return groupPeople(people)
      .map((g) => ({ ...g, people: g.people.filter((p) => matches(p, needle)) }))
      .filter((g) => g.people.length > 0);
  }, [people, filter]);
  const shown = groups.reduce((n, g) => n + g.people.length, 0);

  const unavailable = loadError?.status === 404;

  return (
    <div class="page">
      <h1>Sign in</h1>
      {me.value && (
        <Alert kind="info">
          You are signed in as <strong>{me.value.name}</strong>. <a href={next}>Continue</a>, or pick someone else
          below.
        </Alert>
      )}
      {unavailable ? (
        <Alert kind="info" title="Demo sign-in is not available here">
          Sign in through your company's single sign-on (Cloudflare Access), then <a href="/">open Crux</a>.
        </Alert>
      ) : (
        <>
          <p class="muted">This is a demo: choose a person to see Crux as they would. Nobody needs a password.</p>
          {signInError && <Alert title="Could not sign in">{signInError}</Alert>}

          <form
            class="card form-section"
            onSubmit={(event) => {
              event.preventDefault();
              if (email.trim()) signInAs(email.trim());
            }}
          >
            <h2>Sign in with an e-mail address</h2>
            <Field id="sign-in-email" label="E-mail">
              {(control) => (
                <div class="search-row">
                  <input
                    {...control}
                    type="email"
                    autoComplete="email"
                    required
                    value={email}
                    onInput={(e) => setEmail(e.currentTarget.value)}
                  />
                  <button type="submit" class="button" disabled={busyEmail !== null}>
                    Sign in
                  </button>
                </div>
              )}
            </Field>
          </form>

          {loadError && <Alert onRetry={load}>{loadError.message}</Alert>}
          {!people && !loadError && <Loading label="Loading demo people…" />}
          {people && (
            <section aria-labelledby="people-heading">
              <h2 id="people-heading">Choose a person</h2>
              {people.length === 0 ? (
                <p>
                  There are no people yet. Load the demo organisation with <code>npm run db:seed</code>.
                </p>
              ) : (
                <>
                  <TextField
                    id="people-filter"
                    label="Filter people"
                    hint="By name, e-mail, title, discipline, level or role."
                    type="search"
                    value={filter}
                    onInput={setFilter}
                  />
                  <p class="status-line" role="status">
                    {filter.trim() ? `${shown} of ${people.length} people match.` : ""}
                  </p>
                  {groups.map((group) => (
                    <section key={group.title} aria-label={group.title}>
                      <h3>{group.title}</h3>
                      <ul class="sign-in-list">
                        {group.people.map((p) => (
                          <li key={p.id}>
                            <button
                              type="button"
                              class="sign-in-button"
                              disabled={busyEmail !== null}
                              onClick={() => signInAs(p.email)}
                            >
                              <span class="who">Sign in as {p.name}</span> <span class="email">{p.email}</span>{" "}
                              {describe(p) && <span class="what">{describe(p)}</span>}
                            </button>
                          </li>
                        ))}
                      </ul>
                    </section>
                  ))}
                </>
              )}
            </section>
          )}
        </>
      )}
    </div>
  );
}
