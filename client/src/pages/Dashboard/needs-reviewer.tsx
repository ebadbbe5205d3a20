import { formatNumber } from "../../lib/format";
import { cappedCount } from "./helpers";
import { DashSection, type SectionProps } from "./section";

/** Showcases that no reviewer may judge, since each has a stake in the challenge (SPEC §10). */
export function IndependentReviewerSection({ data, fileTag }: SectionProps) {
  const rows = data.needsIndependentReviewer;
  return (
    <DashSection
      id="independent-reviewer"
      title="Needs an independent reviewer"
      fileTag={fileTag}
      intro={`${cappedCount(data.needsIndependentReviewerTotal, rows.length, "oldest")}Showcases that every reviewer has a stake in (they lead or co-lead it, are on its team, or sponsor it), so none of them may review or decide it. Give someone without a stake the reviewer role.`}
      empty={rows.length === 0 ? "Every showcase has at least one reviewer without a stake in it." : null}
      csv={() => ({
        header: ["challenge", "link"],
        rows: rows.map((r) => [r.title, `${location.origin}/challenges/${r.id}`]),
      })}
    >
      <p>
        <strong>{formatNumber(data.needsIndependentReviewerTotal)}</strong>{" "}
        {data.needsIndependentReviewerTotal === 1 ? "showcase needs" : "showcases need"} an independent reviewer.
      </p>
      <ul class="plain-list independent-reviewer-list">
        {rows.map((r) => (
          <li key={r.id}>
            <a href={`/challenges/${r.id}`}>{r.title}</a>
          </li>
        ))}
      </ul>
    </DashSection>
  );
}
