import { formatNumber } from "../../lib/format";
import { activeDisciplines } from "../../state/org";
import { scrollable } from "./helpers";
import { DashSection, type SectionProps, TableDisclosure } from "./section";

export function DiversitySection({ data, fileTag }: SectionProps) {
  const available = activeDisciplines().length || null;
  const average = Math.round(data.averageDisciplinesPerTeam * 10) / 10;
  const share = available ? Math.min(100, (data.averageDisciplinesPerTeam / available) * 100) : null;
  return (
    <DashSection
      id="diversity"
      title="Team diversity"
      fileTag={fileTag}
      intro="Distinct disciplines on each team that formed (lead, co-lead and members of active and later challenges)."
      empty={data.teams === 0 ? "No team has formed yet." : null}
      csv={() => ({
        header: ["average_distinct_disciplines_per_team", "teams"],
        rows: [[data.averageDisciplinesPerTeam, data.teams]],
      })}
    >
      <dl class="stat-grid">
        <div class="stat">
          <dt>Average disciplines per team</dt>
          <dd>{formatNumber(average)}</dd>
        </div>
        <div class="stat">
          <dt>Teams</dt>
          <dd>{formatNumber(data.teams)}</dd>
        </div>
      </dl>
      {share !== null && available && (
        <figure class="stacked-bar">
          <svg
            class="stacked-bar-svg"
            viewBox="0 0 100 10"
            preserveAspectRatio="none"
            role="img"
            aria-label={`On average ${formatNumber(average)} of ${available} disciplines per team`}
            focusable="false"
          >
            <rect class="bar-track" width="100" height="10" />
            <rect class="bar-spent" width={Math.max(1, share)} height="10" />
          </svg>
          <figcaption class="small muted">
            {formatNumber(average)} of the {available} disciplines in the organisation, on average.
          </figcaption>
        </figure>
      )}
      <TableDisclosure name="Team diversity">
        <div {...scrollable("Team diversity table")}>
          <table class="table">
            <caption class="visually-hidden">Team diversity</caption>
            <tbody>
              <tr>
                <th scope="row">Average distinct disciplines per team</th>
                <td class="num">{formatNumber(average)}</td>
              </tr>
              <tr>
                <th scope="row">Teams counted</th>
                <td class="num">{formatNumber(data.teams)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </TableDisclosure>
    </DashSection>
  );
}
