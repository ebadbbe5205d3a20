import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Alert } from "../../components/alert";
import { Avatar } from "../../components/avatar";
import { ROLE_LABELS, RoleBadges } from "../../components/role-badges";
import { SkeletonCards } from "../../components/skeleton";
import { api } from "../../lib/api";
import { plural } from "../../lib/format";
import { call, messageOf } from "../../lib/http";
import type { Person, Role } from "../../lib/types";
import { useTitle } from "../../lib/use-title";
import { disciplineName, levelName, loadOrg, org } from "../../state/org";

const ROLES = Object.keys(ROLE_LABELS).filter((r) => r !== "member") as Role[];
const PAGE_SIZE = 25;

interface Filters {
  q: string;
  discipline: string;
  role: Role | "";
}

function readFilters(query: Record<string, string>): Filters {
  const role = ROLES.includes(query.role as Role) ? (query.role as Role) : "";
  return { q: query.q ?? "", discipline: query.discipline ?? "", role };
}

function toUrl(filters: Filters) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `/people?${search}` : "/people";
}

function requestQuery(filters: Filters, cursor?: string) {
  return {
    q: filters.q.trim() || undefined,
    discipline: filters.discipline || undefined,
    role: filters.role || undefined,
    limit: String(PAGE_SIZE),
    cursor,
  };
}

type Results =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; items: Person[]; nextCursor: string | null };

export default function People() {
  useTitle("People");
  const { query, route } = useLocation();
  const filters = readFilters(query);
  const latest = useRef(filters);
  latest.current = filters;
  const [text, setText] = useState(filters.q);
  const [results, setResults] = useState<Results>({ status: "loading" });
  const [more, setMore] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  const request = useRef(0);
  const key = JSON.stringify(requestQuery(filters));

  function update(changes: Partial<Filters>) {
    route(toUrl({ ...latest.current, ...changes }), true);
  }

  useEffect(() => {
    loadOrg().catch(() => undefined);
  }, []);

  useEffect(() => {
    if (filters.q !== text) setText(filters.q);
  }, [filters.q]);

  useEffect(() => {
    if (text === latest.current.q) return;
    const timer = setTimeout(() => update({ q: text }), 300);
    return () => clearTimeout(timer);
  }, [text]);

  async function load() {
    const id = ++request.current;
    setResults({ status: "loading" });
    setMore({ loading: false, error: null });
    try {
      const page = await call(api.people.$get({ query: requestQuery(latest.current) }));
      if (id === request.current) setResults({ status: "ready", items: page.items, nextCursor: page.nextCursor });
    } catch (err) {
      if (id === request.current) setResults({ status: "error", message: messageOf(err) });
    }
  }

  useEffect(() => {
    load();
  }, [key]);

  async function loadMore() {
    if (results.status !== "ready" || !results.nextCursor) return;
    const id = request.current;
    setMore({ loading: true, error: null });
    try {
      const page = await call(api.people.$get({ query: requestQuery(latest.current, results.nextCursor) }));
      if (id !== request.current) return;
      setResults({ status: "ready", items: [...results.items, ...page.items], nextCursor: page.nextCursor });
      setMore({ loading: false, error: null });
    } catch (err) {
      if (id === request.current) setMore({ loading: false, error: messageOf(err) });
    }
  }

  const disciplines = org.value?.disciplines ?? [];
  const filtered = filters.q.trim() || filters.discipline || filters.role;

  return (
    <div class="page">
      <h1>People</h1>
      <search aria-label="People">
        <form
          class="filters"
          onSubmit={(event) => {
            event.preventDefault();
            update({ q: text });
          }}
        >
          <div class="field search-field">
            <label for="search-people">Search people</label>
            <div class="search-row">
              <input
                id="search-people"
                type="search"
                value={text}
                placeholder="Name, e-mail, title or skill"
                onInput={(e) => setText(e.currentTarget.value)}
              />
              <button type="submit" class="button button-secondary">
                Search
              </button>
            </div>
          </div>
          <div class="field">
            <label for="people-discipline">Discipline</label>
            <select
              id="people-discipline"
              value={filters.discipline}
              onChange={(e) => update({ discipline: e.currentTarget.value })}
            >
              <option value="">Any discipline</option>
              {disciplines.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="people-role">Role</label>
            <select
              id="people-role"
              value={filters.role}
              onChange={(e) => update({ role: e.currentTarget.value as Role })}
            >
              <option value="">Anyone</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}s
                </option>
              ))}
            </select>
          </div>
        </form>
      </search>

      <p class="status-line" role="status">
        {results.status === "loading"
          ? "Loading people…"
          : results.status === "ready" && results.items.length > 0
            ? `Showing ${plural(results.items.length, "person", "people")}${results.nextCursor ? "; more below" : ""}.`
            : ""}
      </p>

      <div aria-busy={results.status === "loading" ? "true" : undefined}>
        {results.status === "loading" && <SkeletonCards count={3} />}
        {results.status === "error" && (
          <Alert title="The directory could not be loaded" onRetry={load}>
            {results.message}
          </Alert>
        )}
        {results.status === "ready" && results.items.length === 0 && (
          <div class="empty-state">
            <h2>{filtered ? "Nobody matches" : "Nobody here yet"}</h2>
            {filtered && (
              <p>
                Try another spelling, or <a href="/people">clear the filters</a>.
              </p>
            )}
          </div>
        )}
        {results.status === "ready" && results.items.length > 0 && (
          <>
            <ul class="plain-list people-list">
              {results.items.map((p) => (
                <li key={p.id} class="person-row">
                  <Avatar name={p.name} url={p.avatarUrl} />
                  <div>
                    <a class="person-name" href={`/people/${p.id}`}>
                      {p.name}
                    </a>
                    {!p.active && <span class="muted small"> (inactive)</span>}
                    <div class="muted small">
                      {[p.title, disciplineName(p.disciplineId), levelName(p.levelId)].filter(Boolean).join(" · ")}
                    </div>
                    <RoleBadges roles={p.roles} />
                  </div>
                </li>
              ))}
            </ul>
            {more.error && <Alert onRetry={loadMore}>{more.error}</Alert>}
            {results.nextCursor && (
              <div class="load-more">
                <button type="button" class="button button-secondary" onClick={loadMore} disabled={more.loading}>
                  {more.loading ? "Loading…" : "Load more"}
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
