import { BarChart } from "../../components/bar-chart";
import { formatNumber, plural } from "../../lib/format";
import { scrollable, stageWords } from "./helpers";
import { DashSection, type SectionProps, TableDisclosure } from "./section";

export function FunnelSection({ data, fileTag }: SectionProps) {
  const rows = data.funnel;
  return (
    <DashSection
      id="funnel"
      title="Funnel"
      fileTag={fileTag}
      intro="How many challenges reached each stage, the share of the previous stage that made it, and the median days spent in a stage."
      empty={rows.every((r) => r.reached === 0 && r.current === 0) ? "No challenges yet." : null}
      csv={() => ({
        header: ["stage", "current", "reached", "conversion_percent", "median_days"],
        rows: rows.map((r) => [r.stage, r.current, r.reached, r.conversion, r.medianDays]),
      })}
    >
      <BarChart
        title="Challenges that reached each stage"
        bars={rows.map((r) => ({ label: stageWords(r.stage), value: r.reached }))}
        unit={(n) => plural(n, "challenge")}
        table={false}
      />
      <TableDisclosure name="Funnel by stage">
        <div {...scrollable("Funnel table")}>
          <table class="table">
            <caption>Funnel by stage</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col" class="num">
                  Now
                </th>
                <th scope="col" class="num">
                  Reached
                </th>
                <th scope="col" class="num">
                  Conversion
                </th>
                <th scope="col" class="num">
                  Median days
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.stage}>
                  <th scope="row">{stageWords(r.stage)}</th>
                  <td class="num">{formatNumber(r.current)}</td>
                  <td class="num">{formatNumber(r.reached)}</td>
                  <td class="num">{r.conversion === null ? "—" : `${formatNumber(r.conversion)}%`}</td>
                  <td class="num">{r.medianDays === null ? "—" : formatNumber(r.medianDays)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </TableDisclosure>
      {data.otherStages.length > 0 && (
        <p class="small muted">
          Also:{" "}
          {data.otherStages.map((s) => `${formatNumber(s.current)} ${stageWords(s.stage).toLowerCase()}`).join(", ")}.
        </p>
      )}
    </DashSection>
  );
}
