import { BarChart } from "../../components/bar-chart";
import { formatDay, plural, todayIso } from "../../lib/format";
import { cappedCount, chartLabel, daysSince, scrollable } from "./helpers";
import { DashSection, type SectionProps } from "./section";

export function OverdueCommitmentsSection({ data, fileTag }: SectionProps) {
  const today = todayIso();
  const rows = [...data.overdueCommitments].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (
    <DashSection
      id="overdue-commitments"
      title="Overdue commitments"
      fileTag={fileTag}
      intro={`${cappedCount(data.overdueCommitmentsTotal, rows.length, "most overdue")}Commitments made with a decision, still open past their due date.`}
      empty={rows.length === 0 ? "No commitment is overdue." : null}
      csv={() => ({
        header: ["what", "owner", "due", "days_overdue", "challenge", "link"],
        rows: rows.map((r) => [
          r.what,
          r.ownerName,
          r.dueOn,
          daysSince(r.dueOn, today),
          r.challengeTitle,
          `${location.origin}/challenges/${r.challengeId}`,
        ]),
      })}
    >
      <BarChart
        title="Days overdue"
        bars={rows.slice(0, 10).map((r, i) => ({ label: chartLabel(r.what, i), value: daysSince(r.dueOn, today) }))}
        unit={(n) => plural(n, "day")}
        table={false}
      />
      <div {...scrollable("Overdue commitments table")}>
        <table class="table">
          <caption>Open commitments past their due date, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Challenge</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.what}</th>
                <td>{r.ownerName}</td>
                <td>
                  <time dateTime={r.dueOn}>{formatDay(r.dueOn)}</time>
                </td>
                <td>
                  <a href={`/challenges/${r.challengeId}`}>{r.challengeTitle}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DashSection>
  );
}
