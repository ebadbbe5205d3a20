import { Avatar } from "../../components/avatar";
import { NamedOptions, SelectField } from "../../components/field";
import { FilterBar } from "../../components/filter-bar";
import { PagedResults } from "../../components/paged-results";
import { ROLE_LABELS, RoleBadges } from "../../components/role-badges";
import { api } from "../../lib/api";
import { plural } from "../../lib/format";
import { call } from "../../lib/http";
import type { Role } from "../../lib/types";
import { usePagedList } from "../../lib/use-paged-list";
import { useTitle } from "../../lib/use-title";
import { useUrlFilters } from "../../lib/use-url-filters";
import { disciplineName, levelName, useOrg } from "../../state/org";
import "./people.css";

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

function requestQuery(filters: Filters, cursor?: string) {
  return {
    q: filters.q.trim() || undefined,
    discipline: filters.discipline || undefined,
    role: filters.role || undefined,
    limit: String(PAGE_SIZE),
    cursor,
  };
}

export default function People() {
  useTitle("People");
  const organisation = useOrg();
  const { filters, update, text, setText } = useUrlFilters("/people", readFilters);
  const list = usePagedList(
    (cursor) => call(api.people.$get({ query: requestQuery(filters, cursor) })),
    JSON.stringify(requestQuery(filters)),
  );

  const disciplines = organisation?.disciplines ?? [];
  const filtered = filters.q.trim() || filters.discipline || filters.role;

  return (
    <div class="page">
      <h1>People</h1>
      <FilterBar
        label="People"
        search={{ id: "search-people", label: "Search people", placeholder: "Name, e-mail, title or skill" }}
        text={text}
        onText={setText}
        onSearch={() => update({ q: text })}
      >
        <SelectField
          id="people-discipline"
          label="Discipline"
          value={filters.discipline}
          onChange={(discipline) => update({ discipline })}
        >
          <option value="">Any discipline</option>
          <NamedOptions items={disciplines} />
        </SelectField>
        <SelectField
          id="people-role"
          label="Role"
          value={filters.role}
          onChange={(role) => update({ role: role as Role })}
        >
          <option value="">Anyone</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}s
            </option>
          ))}
        </SelectField>
      </FilterBar>

      <PagedResults
        list={list}
        loadingText="Loading people…"
        counted={(n) => plural(n, "person", "people")}
        skeletons={3}
        errorTitle="The directory could not be loaded"
        empty={
          <>
            <h2>{filtered ? "Nobody matches" : "Nobody here yet"}</h2>
            {filtered && (
              <p>
                Try another spelling, or <a href="/people">clear the filters</a>.
              </p>
            )}
          </>
        }
      >
        {(items) => (
          <ul class="plain-list people-list">
            {items.map((p) => (
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
        )}
      </PagedResults>
    </div>
  );
}
