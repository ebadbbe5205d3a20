import { ChallengeCard } from "../../components/challenge-card";
import { Field, NamedOptions, SelectField } from "../../components/field";
import { FilterBar } from "../../components/filter-bar";
import { PagedResults } from "../../components/paged-results";
import { api } from "../../lib/api";
import { plural, STAGE_LABELS } from "../../lib/format";
import { call } from "../../lib/http";
import type { Stage } from "../../lib/types";
import { usePagedList } from "../../lib/use-paged-list";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { useUrlFilters } from "../../lib/use-url-filters";
import { activeDisciplines, useOrg } from "../../state/org";

const SORTS = {
  newest: "Newest",
  most_backed: "Most backed",
  nearest_funded: "Nearest to funded",
  best_match: "Best match for me",
  relevance: "Most relevant",
} as const;
type Sort = keyof typeof SORTS;
const STAGES = Object.keys(STAGE_LABELS) as Stage[];
const PAGE_SIZE = 20;

interface Filters {
  q: string;
  stage: Stage | "";
  discipline: string;
  tag: string;
  skill: string;
  sponsor: string;
  sort: Sort | "";
}

function readFilters(query: Record<string, string>): Filters {
  const stage = STAGES.includes(query.stage as Stage) ? (query.stage as Stage) : "";
  const sort = query.sort && query.sort in SORTS ? (query.sort as Sort) : "";
  return {
    q: query.q ?? "",
    stage,
    discipline: query.discipline ?? "",
    tag: query.tag ?? "",
    skill: query.skill ?? "",
    sponsor: query.sponsor ?? "",
    sort,
  };
}

/** Relevance needs words to match. */
const dropIdleRelevance = (filters: Filters): Filters =>
  !filters.q.trim() && filters.sort === "relevance" ? { ...filters, sort: "" } : filters;

function requestQuery(filters: Filters, cursor?: string) {
  const q = filters.q.trim();
  const sort = filters.sort === "relevance" && !q ? undefined : filters.sort || undefined;
  return {
    q: q || undefined,
    stage: filters.stage || undefined,
    discipline: filters.discipline || undefined,
    tag: filters.tag.trim() || undefined,
    skill: filters.skill.trim() || undefined,
    sponsor: filters.sponsor || undefined,
    sort,
    limit: String(PAGE_SIZE),
    cursor,
  };
}

export default function Marketplace() {
  useTitle("Marketplace");
  useOrg();
  const { filters, update, text, setText } = useUrlFilters("/", readFilters, dropIdleRelevance);
  const list = usePagedList(
    (cursor) => call(api.challenges.$get({ query: requestQuery(filters, cursor) })),
    JSON.stringify(requestQuery(filters)),
  );

  const hasQuery = filters.q.trim() !== "";
  const sort: Sort =
    filters.sort === "relevance" && !hasQuery ? "newest" : filters.sort || (hasQuery ? "relevance" : "newest");
  const filtered =
    hasQuery || filters.stage || filters.discipline || filters.tag.trim() || filters.skill.trim() || filters.sponsor;
  const disciplines = activeDisciplines();
  const sponsors = useResource(
    () => call(api.people.$get({ query: { role: "sponsor", limit: "100" } })).then((r) => r.items),
    "sponsors:first-100",
  );
  const sponsorOptions = sponsors.loaded.status === "ready" ? sponsors.loaded.value : [];

  return (
    <div class="page">
      <div class="page-header">
        <h1>Marketplace</h1>
        <a class="button" href="/propose">
          Propose a challenge
        </a>
      </div>

      <FilterBar
        label="Challenges"
        search={{ id: "search-challenges", label: "Search challenges", placeholder: "Title, summary or problem" }}
        text={text}
        onText={setText}
        onSearch={() => update({ q: text })}
      >
        <SelectField
          id="filter-stage"
          label="Stage"
          value={filters.stage}
          onChange={(stage) => update({ stage: stage as Stage | "" })}
        >
          <option value="">All published</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {s === "draft" ? "My drafts" : STAGE_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="filter-discipline"
          label="Discipline with an open role"
          value={filters.discipline}
          onChange={(discipline) => update({ discipline })}
        >
          <option value="">Any discipline</option>
          <NamedOptions items={disciplines} keep={filters.discipline} />
        </SelectField>
        <Field id="filter-tag" label="Tag">
          {(control) => (
            <input
              {...control}
              type="text"
              value={filters.tag}
              autoComplete="off"
              onChange={(e) => update({ tag: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field id="filter-skill" label="Skill wanted">
          {(control) => (
            <input
              {...control}
              type="text"
              value={filters.skill}
              autoComplete="off"
              onChange={(e) => update({ skill: e.currentTarget.value })}
            />
          )}
        </Field>
        <SelectField
          id="filter-sponsor"
          label="Sponsor"
          value={filters.sponsor}
          onChange={(sponsor) => update({ sponsor })}
        >
          <option value="">Any sponsor</option>
          {filters.sponsor && !sponsorOptions.some((p) => p.id === filters.sponsor) && (
            <option value={filters.sponsor}>The chosen sponsor</option>
          )}
          {sponsorOptions.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-sort" label="Sort by" value={sort} onChange={(s) => update({ sort: s as Sort })}>
          {hasQuery && <option value="relevance">{SORTS.relevance}</option>}
          <option value="newest">{SORTS.newest}</option>
          <option value="most_backed">{SORTS.most_backed}</option>
          <option value="nearest_funded">{SORTS.nearest_funded}</option>
          <option value="best_match">{SORTS.best_match}</option>
        </SelectField>
      </FilterBar>

      <PagedResults
        list={list}
        loadingText="Loading challenges…"
        counted={(n) => plural(n, "challenge")}
        skeletons={4}
        errorTitle="The challenges could not be loaded"
        empty={
          <>
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
          </>
        }
      >
        {(items) => (
          <ul class="card-grid">
            {items.map((c) => (
              <li key={c.id}>
                <ChallengeCard challenge={c} />
              </li>
            ))}
          </ul>
        )}
      </PagedResults>
    </div>
  );
}
