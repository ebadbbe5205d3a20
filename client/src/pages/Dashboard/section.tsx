import type { ComponentChildren } from "preact";
import { useId, useState } from "preact/hooks";
import { type CsvValue, toCsv } from "../../lib/csv";
import { downloadCsv } from "../../lib/download-csv";
import type { Dashboard } from "../../lib/types";

export interface SectionProps {
  data: Dashboard;
  fileTag: string;
}

/**
 * A dashboard section: heading, the "Download CSV" button, then the chart and its table behind
 * "Show table" (or the empty state).
 */
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

/**
 * A chart's figures as a table, closed until asked for: the chart and its CSV already give them,
 * so the page stays short. The button's name says which table (several are on the page), and it
 * controls the table's box, which stays in the document while hidden.
 */
export function TableDisclosure({ name, children }: { name: string; children: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div class="table-disclosure">
      <button
        type="button"
        class="button button-secondary button-small disclosure-toggle"
        aria-expanded={open ? "true" : "false"}
        aria-controls={id}
        aria-label={`${open ? "Hide" : "Show"} table: ${name}`}
        onClick={() => setOpen(!open)}
      >
        {open ? "Hide table" : "Show table"}
      </button>
      <div id={id} class="disclosure-body" hidden={!open}>
        {children}
      </div>
    </div>
  );
}
