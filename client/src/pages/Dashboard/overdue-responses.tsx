import { BarChart } from "../../components/bar-chart";
import { formatDay, formatNumber, plural } from "../../lib/format";
import { cappedCount, chartLabel, scrollable } from "./helpers";
import { DashSection, type SectionProps } from "./section";

export function OverdueResponsesSection({ data, fileTag }: SectionProps) {
  const rows = [...data.overdueResponses].sort((a, b) => b.days - a.days);
  return (
    <DashSection
      id="overdue-responses"
      title="Overdue responses"
      fileTag={fileTag}
      intro={`${cappedCount(data.overdueResponsesTotal, rows.length, "longest waiting")}Open challenges waiting more than ${plural(data.responseDeadlineDays, "day")} for a sponsor's pledge or a reviewer's response.`}
      empty={rows.length === 0 ? "Nothing is overdue: every open challenge has had a response in time." : null}
      csv={() => ({
        header: ["challenge", "lead", "published", "days_waiting", "link"],
        rows: rows.map((r) => [
          r.title,
          r.leadName,
          r.publishedAt.slice(0, 10),
          r.days,
          `${location.origin}/challenges/${r.id}`,
        ]),
      })}
    >
      <BarChart
        title="Days waiting for a response"
        bars={rows.slice(0, 10).map((r) => ({ label: chartLabel(r.title), value: r.days }))}
        unit={(n) => plural(n, "day")}
        table={false}
      />
      <div {...scrollable("Overdue responses table")}>
        <table class="table">
          <caption>Open challenges past the response deadline, longest waiting first</caption>
          <thead>
            <tr>
              <th scope="col">Challenge</th>
              <th scope="col">Lead</th>
              <th scope="col">Published</th>
              <th scope="col" class="num">
                Days waiting
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a href={`/challenges/${r.id}`}>{r.title}</a>
                </th>
                <td>{r.leadName}</td>
                <td>
                  <time dateTime={r.publishedAt}>{formatDay(r.publishedAt.slice(0, 10))}</time>
                </td>
                <td class="num">{formatNumber(r.days)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DashSection>
  );
}
