import { useState } from "preact/hooks";
import { Alert, Loading } from "../../../components/alert";
import { ErrorSummary } from "../../../components/error-summary";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../../components/form-problems";
import { api } from "../../../lib/api";
import { plural } from "../../../lib/format";
import { call } from "../../../lib/http";
import type { DepartmentMapping } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import { useResource } from "../../../lib/use-resource";
import type { ScimProps } from ".";
import { DepartmentRow } from "./department-row";

export const UNMAPPED = "";
const selectId = (index: number) => `scim-department-${index}`;

/**
 * The departments the identity provider sent, each mapped to a discipline or left unmapped
 * (people keep theirs). Saving sends only the rows that changed.
 */
export function DepartmentsMapping({ org, onRetryOrg, onChanged }: ScimProps) {
  const departments = useResource(() => call(api.admin.scim.departments.$get()), "scim-departments");
  // Department → chosen discipline id ("" for unmapped), for the rows changed since the last load.
  const [draft, setDraft] = useState<Record<string, string>>({});
  const { busy: sending, run } = useAction();
  const [done, setDone] = useState("");
  const { problems, failure, attempt, err, failWith, clearFailure, clearProblems } = useFormProblems();

  const rows = departments.loaded.status === "ready" ? departments.loaded.value.items : [];
  const saved = (row: DepartmentMapping) => row.disciplineId ?? UNMAPPED;
  const chosen = (row: DepartmentMapping) => draft[row.department] ?? saved(row);
  const changed = rows.filter((row) => chosen(row) !== saved(row));

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    setDone("");
    clearProblems();
    clearFailure();
    if (changed.length === 0) {
      setDone("Nothing has changed, so there was nothing to save.");
      return;
    }
    // A refusal names the row by its place in what was sent; find it on the page.
    const locate = (path: string): FieldPlace | null => {
      const sent = changed[Number(/^items\.(\d+)\./.exec(path)?.[1] ?? Number.NaN)];
      if (!sent) return null;
      return { fieldId: selectId(rows.indexOf(sent)), label: `Discipline for ${sent.department}` };
    };
    await run(
      async () => {
        const result = await call(
          api.admin.scim.departments.$put({
            json: {
              items: changed.map((row) => ({ department: row.department, disciplineId: chosen(row) || null })),
            },
          }),
        );
        departments.set(result);
        setDraft({});
        setDone(
          `${plural(changed.length, "department")} saved. People in a mapped department now have its discipline; people in an unmapped one keep theirs.`,
        );
        onChanged?.();
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
  }

  return (
    <section aria-labelledby="scim-departments-heading" class="form-section">
      <h3 id="scim-departments-heading">Departments</h3>
      <p>
        Map each department your identity provider sends to a discipline: people in it get that discipline, now and
        whenever they are provisioned. People in an unmapped department keep the discipline they have.
      </p>
      {(departments.loaded.status === "loading" || org.status === "loading") &&
        departments.loaded.status !== "error" &&
        org.status !== "error" && <Loading label="Loading departments…" />}
      {departments.loaded.status === "error" && (
        <Alert title="The departments could not be loaded" onRetry={departments.reload}>
          {departments.loaded.message}
        </Alert>
      )}
      {org.status === "error" && (
        <Alert title="The disciplines could not be loaded" onRetry={onRetryOrg}>
          {org.message}
        </Alert>
      )}
      {departments.loaded.status === "ready" &&
        org.status === "ready" &&
        (rows.length === 0 ? (
          <p class="muted">
            No departments yet: they appear when your identity provider sends people with a department.
          </p>
        ) : (
          <form onSubmit={submit} noValidate aria-labelledby="scim-departments-heading">
            <ErrorSummary items={problems.summary} attempt={attempt} />
            {failure && <Alert title="The departments were not saved">{failure}</Alert>}
            <div class="table-wrap">
              <table class="table stackable">
                <caption class="visually-hidden">Departments from the identity provider, unmapped first</caption>
                <thead>
                  <tr>
                    <th scope="col">Department</th>
                    <th scope="col" class="num">
                      People
                    </th>
                    <th scope="col">Discipline</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, index) => (
                    <DepartmentRow
                      key={row.department}
                      row={row}
                      id={selectId(index)}
                      disciplines={org.value.disciplines}
                      value={chosen(row)}
                      edited={chosen(row) !== saved(row)}
                      error={err(selectId(index))}
                      onChange={(value) => {
                        setDone("");
                        setDraft((d) => ({ ...d, [row.department]: value }));
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
            <button type="submit" class="button" disabled={sending}>
              {sending ? "Saving…" : changed.length ? `Save ${plural(changed.length, "change")}` : "Save departments"}
            </button>
          </form>
        ))}
    </section>
  );
}
