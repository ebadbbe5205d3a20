import type { Org } from "../../../lib/types";
import { reloadOrg } from "../../../state/org";
import { AddDisciplineForm } from "./add-discipline-form";
import { DisciplineRow } from "./discipline-row";
import { OrgLoading, type OrgSectionProps, useNotice } from "./shared";

export type Discipline = Org["disciplines"][number];

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
