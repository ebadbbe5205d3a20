import { formatNumber } from "../../lib/format";
import { disciplineName, levelName, org } from "../../state/org";
import { percent, scrollable } from "./helpers";
import { DashSection, type SectionProps } from "./section";

export function ParticipationSection({ data, fileTag }: SectionProps) {
  const rows = data.participation;
  const levelOrder = (org.value?.levels ?? []).map((l) => l.id);
  const disciplineOrder = (org.value?.disciplines ?? []).map((d) => d.id);
  const rank = (order: string[], id: string | null) => {
    const i = id === null ? -1 : order.indexOf(id);
    return i === -1 ? order.length : i;
  };
  const levels = [...new Set(rows.map((r) => r.level))].sort(
    (a, b) => rank(levelOrder, a) - rank(levelOrder, b) || String(a).localeCompare(String(b)),
  );
  const disciplines = [...new Set(rows.map((r) => r.discipline))].sort(
    (a, b) => rank(disciplineOrder, a) - rank(disciplineOrder, b) || String(a).localeCompare(String(b)),
  );
  const cell = (d: string | null, l: string | null) => rows.find((r) => r.discipline === d && r.level === l);
  const dName = (d: string | null) => (d ? disciplineName(d) : "No discipline");
  const lName = (l: string | null) => (l ? levelName(l) : "No level");
  const people = rows.reduce((s, r) => s + r.people, 0);
  const taking = rows.reduce((s, r) => s + r.participating, 0);

  return (
    <DashSection
      id="participation"
      title="IC participation"
      fileTag={fileTag}
      intro={`Individual contributors who led, co-led or joined a published challenge, of all active ICs: ${formatNumber(taking)} of ${formatNumber(people)} (${percent(taking, people)}%). Darker cells take part more.`}
      empty={rows.length === 0 ? "No individual contributors in the directory yet." : null}
      csv={() => ({
        header: ["discipline", "level", "people", "participating", "percent"],
        rows: rows.map((r) => [
          r.discipline ? disciplineName(r.discipline) : "",
          r.level ? levelName(r.level) : "",
          r.people,
          r.participating,
          percent(r.participating, r.people),
        ]),
      })}
    >
      <div {...scrollable("IC participation table")}>
        <table class="table heat-table">
          <caption>
            Participating ICs by discipline (rows) and level (columns): participating of people, and percent
          </caption>
          <thead>
            <tr>
              <th scope="col">Discipline</th>
              {levels.map((l) => (
                <th key={String(l)} scope="col" class="num">
                  {lName(l)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {disciplines.map((d) => (
              <tr key={String(d)}>
                <th scope="row">{dName(d)}</th>
                {levels.map((l) => {
                  const c = cell(d, l);
                  if (!c || c.people === 0)
                    return (
                      <td key={String(l)} class="num heat-none">
                        <span aria-hidden="true">—</span>
                        <span class="visually-hidden">nobody</span>
                      </td>
                    );
                  const pct = percent(c.participating, c.people);
                  return (
                    <td
                      key={String(l)}
                      class="num heat-cell"
                      style={{ "--heat": String(pct / 100) }}
                      title={`${dName(d)}, ${lName(l)}: ${c.participating} of ${c.people}`}
                    >
                      <span class="heat-figure">{pct}%</span>
                      <span class="heat-count">
                        {c.participating}/{c.people}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DashSection>
  );
}
