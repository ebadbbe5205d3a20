import type { ComponentChildren } from "preact";
import { type CsvValue, toCsv } from "../../lib/csv";
import { downloadCsv } from "../../lib/download-csv";
import type { Dashboard } from "../../lib/types";

export interface SectionProps {
  data: Dashboard;
  fileTag: string;
}

/** A dashboard section: heading, the "Download CSV" button, then the chart and table (or the empty state). */
export function DashSection({
  id,
  title,
  intro,
  csv,
  fileTag,
  empty,
  children,
}: {
  id: string;
  title: string;
  intro?: ComponentChildren;
  csv: () => { header: string[]; rows: CsvValue[][] };
  fileTag: string;
  /** Shown instead of the chart and table when there is nothing to show. */
  empty: string | null;
  children: ComponentChildren;
}) {
  return (
    <section class="section-card dash-section" aria-labelledby={`${id}-heading`}>
      <div class="dash-head">
        <h2 id={`${id}-heading`}>{title}</h2>
        <button
          type="button"
          class="button button-secondary button-small"
          onClick={() => {
            const { header, rows } = csv();
            downloadCsv(`crux-${id}-${fileTag}.csv`, toCsv(header, rows));
          }}
        >
          Download<span class="visually-hidden"> {title} as</span> CSV
        </button>
      </div>
      {intro && <p class="muted small">{intro}</p>}
      {empty ? <p class="empty-note">{empty}</p> : children}
    </section>
  );
}
