import { FieldError, fieldAria } from "../../../components/field";
import type { DepartmentMapping, Org } from "../../../lib/types";
import { UNMAPPED } from "./departments";

export function DepartmentRow({
  row,
  id,
  disciplines,
  value,
  edited,
  error,
  onChange,
}: {
  row: DepartmentMapping;
  id: string;
  disciplines: Org["disciplines"];
  value: string;
  edited: boolean;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  // Retired disciplines are not offered, but one the row maps to (or was just moved from) still shows.
  const offered = disciplines.filter((d) => d.active || d.id === value || d.id === row.disciplineId);
  const known = value === UNMAPPED || disciplines.some((d) => d.id === value);
  return (
    <tr>
      <th scope="row" data-label="Department">
        {row.department}
        {row.disciplineId === null && (
          <>
            {" "}
            <span class="badge role status-pending">Unmapped</span>
          </>
        )}
      </th>
      <td class="num" data-label="People">
        {row.people}
      </td>
      <td data-label="Discipline">
        <label class="visually-hidden" for={id}>
          Discipline for {row.department}
        </label>
        <select
          id={id}
          {...fieldAria(id, error, edited ? `${id}-edited` : undefined)}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        >
          <option value={UNMAPPED}>Unmapped — people keep their discipline</option>
          {offered.map((d) => (
            <option key={d.id} value={d.id}>
              {d.active ? d.name : `${d.name} (retired)`}
            </option>
          ))}
          {!known && <option value={value}>{value}</option>}
        </select>
        {edited && (
          <span id={`${id}-edited`} class="muted small">
            Changed, not saved yet
          </span>
        )}
        <FieldError fieldId={id} message={error} />
      </td>
    </tr>
  );
}
