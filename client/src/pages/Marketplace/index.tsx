import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Alert } from "../../components/alert";
import { ChallengeCard } from "../../components/challenge-card";
import { SkeletonCards } from "../../components/skeleton";
import { api } from "../../lib/api";
import { plural, STAGE_LABELS } from "../../lib/format";
import { call, messageOf } from "../../lib/http";
import type { ChallengeCard as Card, Stage } from "../../lib/types";
import { useTitle } from "../../lib/use-title";
import { loadOrg, org } from "../../state/org";

const SORTS = { newest: "Newest", most_backed: "Most backed", relevance: "Best match" } as const;
type Sort = keyof typeof SORTS;
const STAGES = Object.keys(STAGE_LABELS) as Stage[];
const PAGE_SIZE = 20;

interface Filters {
  q: string;
  stage: Stage | "";
  discipline: string;
  tag: string;
  sort: Sort | "";
}

/** The filters live in the URL, so a search can be shared and bookmarked. */
function readFilters(query: Record<string, string>): Filters {
  const stage = STAGES.includes(query.stage as Stage) ? (query.stage as Stage) : "";
  const sort = query.sort && query.sort in SORTS ? (query.sort as Sort) : "";
  return { q: query.q ?? "", stage, discipline: query.discipline ?? "", tag: query.tag ?? "", sort };
}

function toUrl(filters: Filters) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `/?${search}` : "/";
}

function requestQuery(filters: Filters, cursor?: string) {
  const q = filters.q.trim();
  const sort = filters.sort === "relevance" && !q ? undefined : filters.sort || undefined;
  return {
    q: q || undefined,
    stage: filters.stage || undefined,
    discipline: filters.discipline || undefined,
    tag: filters.tag.trim() || undefined,
    sort,
    limit: String(PAGE_SIZE),
    cursor,
  };
}

type Results =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; items: Card[]; nextCursor: string | null };

export default function Marketplace() {
  useTitle("Marketplace");
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
    const next = { ...latest.current, ...changes };
    if (!next.q.trim() && next.sort === "relevance") next.sort = "";
    route(toUrl(next), true);
  }

  useEffect(() => {
    loadOrg().catch(() => undefined);
  }, []);

  // The URL changed from elsewhere (a tag link, back button): show its query in the box.
  useEffect(() => {
    if (filters.q !== text) setText(filters.q);
  }, [filters.q]);

  // Search as the person types, a moment after they pause.
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
      const page = await call(api.challenges.$get({ query: requestQuery(latest.current) }));
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
      const page = await call(api.challenges.$get({ query: requestQuery(latest.current, results.nextCursor) }));
      if (id !== request.current) return;
      setResults({ status: "ready", items: [...results.items, ...page.items], nextCursor: page.nextCursor });
      setMore({ loading: false, error: null });
    } catch (err) {
      if (id === request.current) setMore({ loading: false, error: messageOf(err) });
    }
  }

  const hasQuery = filters.q.trim() !== "";
  const sort: Sort =
    filters.sort === "relevance" && !hasQuery ? "newest" : filters.sort || (hasQuery ? "relevance" : "newest");
  const filtered = hasQuery || filters.stage || filters.discipline || filters.tag.trim();
  const disciplines = org.value?.disciplines.filter((d) => d.active) ?? [];

  return (
    <div class="page">
      <div class="page-header">
        <h1>Marketplace</h1>
        <a class="button" href="/propose">
          Propose a challenge
        </a>
      </div>

      <search aria-label="Challenges">
        <form
          class="filters"
          onSubmit={(event) => {
            event.preventDefault();
            update({ q: text });
          }}
        >
          <div class="field search-field">
            <label for="search-challenges">Search challenges</label>
            <div class="search-row">
              <input
                id="search-challenges"
                type="search"
                value={text}
                placeholder="Title, summary or problem"
                onInput={(e) => setText(e.currentTarget.value)}
              />
              <button type="submit" class="button button-secondary">
                Search
              </button>
            </div>
          </div>
          <div class="field">
            <label for="filter-stage">Stage</label>
            <select
              id="filter-stage"
              value={filters.stage}
              onChange={(e) => update({ stage: e.currentTarget.value as Stage | "" })}
            >
              <option value="">All published</option>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {s === "draft" ? "My drafts" : STAGE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-discipline">Discipline with an open role</label>
            <select
              id="filter-discipline"
              value={filters.discipline}
              onChange={(e) => update({ discipline: e.currentTarget.value })}
            >
              <option value="">Any discipline</option>
              {disciplines.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
              {filters.discipline && !disciplines.some((d) => d.id === filters.discipline) && (
                <option value={filters.discipline}>{filters.discipline}</option>
              )}
            </select>
          </div>
          <div class="field">
            <label for="filter-tag">Tag</label>
            <input
              id="filter-tag"
              type="text"
              value={filters.tag}
              autoComplete="off"
              onChange={(e) => update({ tag: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for="filter-sort">Sort by</label>
            <select id="filter-sort" value={sort} onChange={(e) => update({ sort: e.currentTarget.value as Sort })}>
              <option value="newest">{SORTS.newest}</option>
              <option value="most_backed">{SORTS.most_backed}</option>
              {hasQuery && <option value="relevance">{SORTS.relevance}</option>}
            </select>
          </div>
        </form>
      </search>

      <p class="status-line" role="status">
        {results.status === "loading"
          ? "Loading challenges…"
          : results.status === "ready" && results.items.length > 0
            ? `Showing ${plural(results.items.length, "challenge")}${results.nextCursor ? "; more below" : ""}.`
            : ""}
      </p>

      <div aria-busy={results.status === "loading" ? "true" : undefined}>
        {results.status === "loading" && <SkeletonCards count={4} />}
        {results.status === "error" && (
          <Alert title="The challenges could not be loaded" onRetry={load}>
            {results.message}
          </Alert>
        )}
        {results.status === "ready" && results.items.length === 0 && (
          <div class="empty-state">
            <h2>
              {hasQuery
                ? `No challenges match “${filters.q.trim()}”`
                : filtered
                  ? "No challenges match these filters"
                  : "No challenges yet"}
            </h2>
            <p>
              {filtered && (
                <>
                  <a href="/">Clear the filters</a> or{" "}
                </>
              )}
              <a href="/propose">{filtered ? "propose one" : "Propose the first one"}</a>.
            </p>
          </div>
        )}
        {results.status === "ready" && results.items.length > 0 && (
          <>
            <ul class="card-grid">
              {results.items.map((c) => (
                <li key={c.id}>
                  <ChallengeCard challenge={c} />
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
