import { useState } from "preact/hooks";
import { ImportPeopleSection } from "../people/import-people";
import { PeopleRolesSection } from "../people/people-roles";

/** /admin/people: the people & roles table, and importing people from CSV. */
export function PeopleSection() {
  // Bumped by an import, so the table shows whoever it added or changed.
  const [version, setVersion] = useState(0);
  return (
    <>
      <PeopleRolesSection version={version} />
      <ImportPeopleSection onImported={() => setVersion((n) => n + 1)} />
    </>
  );
}
