import { useEffect, useState } from "preact/hooks";
import { SelectField, TextField } from "../../../components/field";
import { PagedResults } from "../../../components/paged-results";
import { ROLE_LABELS } from "../../../components/role-badges";
import { api } from "../../../lib/api";
import { plural } from "../../../lib/format";
import { call } from "../../../lib/http";
import { usePagedList } from "../../../lib/use-paged-list";
import { useOrg } from "../../../state/org";
import { me } from "../../../state/session";
import { GRANTED_ROLES, PersonRow } from "./person-row";

const PAGE_SIZE = 25;
/** How long typing pauses before the search runs. */
const DEBOUNCE_MS = 300;

type Status = "active" | "inactive" | "all";
const STATUS_WORDS: Record<Status, string> = {
  active: "Active people",
  inactive: "Deactivated people",
  all: "Everyone",
};

/** The people & roles table: find people by name or e-mail, give and take roles, deactivate and reactivate. */
export function PeopleRolesSection({ version }: { version: number }) {
  useOrg();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<Status>("active");

  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const query = { q: q || undefined, status, limit: String(PAGE_SIZE) };
  const list = usePagedList(
    (cursor) => call(api.people.$get({ query: { ...query, cursor } })),
    JSON.stringify({ ...query, version }),
  );
  const you = me.value?.id;

  return (
    <section class="section-card" aria-labelledby="people-heading">
      <h2 id="people-heading">People and roles</h2>
      <p>
        Everyone is a member. Tick a role to give it and untick it to take it away; each change is saved at once and
        written to the audit log.
      </p>
      <search aria-label="People and roles">
        <form
          class="filters people-filters"
          onSubmit={(event) => {
            event.preventDefault();
            setQ(text.trim());
          }}
        >
          <TextField
            id="admin-people-search"
            label="Search people"
            hint="By name or e-mail"
            type="search"
            autoComplete="off"
            maxLength={100}
            value={text}
            onInput={setText}
          />
          <SelectField
            id="admin-people-status"
            label="Show"
            value={status}
            onChange={(value) => setStatus(value as Status)}
          >
            {(Object.keys(STATUS_WORDS) as Status[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_WORDS[s]}
              </option>
            ))}
          </SelectField>
        </form>
      </search>

      <PagedResults
        list={list}
        loadingText="Loading people…"
        counted={(n) => plural(n, "person", "people")}
        skeletons={2}
        errorTitle="The people could not be loaded"
        empty={
          q ? (
            <>
              <h3>Nobody matches “{q}”</h3>
              <p>
                Try another spelling, part of the e-mail address
                {status === "active" ? ", or show everyone, deactivated people too" : ""}.
              </p>
            </>
          ) : (
            <p>{status === "inactive" ? "Nobody is deactivated." : "Nobody here yet. Import people below."}</p>
          )
        }
      >
        {(items) => (
          <div class="table-wrap">
            <table class="table stackable people-roles">
              <caption class="visually-hidden">People and their roles</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Discipline</th>
                  <th scope="col">
                    Roles
                    <span class="visually-hidden"> ({GRANTED_ROLES.map((r) => ROLE_LABELS[r]).join(", ")})</span>
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <PersonRow key={p.id} person={p} isYou={p.id === you} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedResults>
    </section>
  );
}
