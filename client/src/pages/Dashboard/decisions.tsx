import { BarChart } from "../../components/bar-chart";
import { outcomeLabel } from "../../lib/credit-words";
import { formatNumber, plural } from "../../lib/format";
import { DECISIONS, percent, scrollable } from "./helpers";
import { DashSection, type SectionProps, TableDisclosure } from "./section";

export function DecisionsSection({ data, fileTag }: SectionProps) {
  const counts = DECISIONS.map((d) => ({
    decision: d,
    count: data.decisions.find((x) => x.decision === d)?.count ?? 0,
  }));
  const total = counts.reduce((s, c) => s + c.count, 0);
  return (
    <DashSection
      id="decisions"
      title="Decisions"
      fileTag={fileTag}
      intro="What reviewers decided at showcases."
      empty={total === 0 ? "No showcase has been decided yet." : null}
      csv={() => ({ header: ["decision", "count"], rows: counts.map((c) => [c.decision, c.count]) })}
    >
      <BarChart
        title="Decisions by outcome"
        bars={counts.map((c) => ({ label: outcomeLabel(c.decision), value: c.count }))}
        unit={(n) => plural(n, "decision")}
        table={false}
      />
      <TableDisclosure name="Decisions by outcome">
        <div {...scrollable("Decisions table")}>
          <table class="table">
            <caption>Decisions by outcome</caption>
            <thead>
              <tr>
                <th scope="col">Decision</th>
                <th scope="col" class="num">
                  Count
                </th>
                <th scope="col" class="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr key={c.decision}>
                  <th scope="row">{outcomeLabel(c.decision)}</th>
                  <td class="num">{formatNumber(c.count)}</td>
                  <td class="num">{percent(c.count, total)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </TableDisclosure>
    </DashSection>
  );
}
