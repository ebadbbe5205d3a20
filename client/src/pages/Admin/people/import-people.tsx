import { useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { Field, TextAreaField } from "../../../components/field";
import { api } from "../../../lib/api";
import { plural } from "../../../lib/format";
import { ApiError, call, messageOf } from "../../../lib/http";
import { useAction } from "../../../lib/use-action";

const COLUMNS = "email,name,title,discipline,track,level,manager_email,roles";
const EXAMPLE = `${COLUMNS}
ines@example.com,Ines Costa,Senior Staff Engineer,engineering,ic,IC5,manager@example.com,
sam@example.com,Samuel Price,VP Product,product,management,M6,,sponsor;reviewer`;

interface RowProblem {
  row: number;
  email: string;
  reasons: string[];
}

type Outcome =
  | { kind: "done"; dryRun: boolean; total: number; created: number; updated: number }
  | { kind: "rows"; message: string; rows: RowProblem[] }
  | { kind: "error"; message: string };

function rowsOf(err: ApiError): RowProblem[] | null {
  const rows = err.details.rows;
  return Array.isArray(rows) ? (rows as RowProblem[]) : null;
}

/** Imports people from a CSV file, after checking every row; `onImported` runs once people have changed. */
export function ImportPeopleSection({ onImported }: { onImported?: () => void }) {
  const [csv, setCsv] = useState("");
  const [fileError, setFileError] = useState<string | undefined>();
  const [csvError, setCsvError] = useState<string | undefined>();
  const { pending: busy, run: start } = useAction<"check" | "import">();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function readFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    setFileError(undefined);
    if (!file) return;
    if (file.size > 1_500_000) {
      setFileError("That file is larger than 1.5 MB; split it into several imports.");
      return;
    }
    try {
      setCsv(await file.text());
      setOutcome(null);
      setCsvError(undefined);
    } catch {
      setFileError("The file could not be read.");
    }
  }

  async function run(dryRun: boolean) {
    if (!csv.trim()) {
      setCsvError("Choose a file or paste the CSV first.");
      return;
    }
    setOutcome(null);
    setCsvError(undefined);
    await start(
      async () => {
        const result = await call(
          api.admin.people.import.$post({ query: { dryRun: dryRun ? "true" : "false" }, json: { csv } }),
        );
        setOutcome({ kind: "done", ...result });
        if (!dryRun) onImported?.();
      },
      {
        tag: dryRun ? "check" : "import",
        fail: (err) => {
          if (err instanceof ApiError && err.status === 400) {
            const rows = rowsOf(err);
            if (rows) setOutcome({ kind: "rows", message: err.message, rows });
            else {
              setCsvError(err.fields.csv ?? err.message);
              setOutcome({ kind: "error", message: err.fields.csv ?? err.message });
            }
          } else setOutcome({ kind: "error", message: messageOf(err) });
        },
      },
    );
  }

  return (
    <section class="section-card" aria-labelledby="import-heading">
      <h2 id="import-heading">Import people from CSV</h2>
      <p>
        The first row names the columns: <code>{COLUMNS}</code>. Separate several roles with <code>;</code> (member is
        implied). People whose e-mail already exists are updated. Every row is checked first: if any row has a problem,
        nothing is imported.
      </p>
      <details class="form-section">
        <summary>Show an example</summary>
        <pre class="prose">
          <code>{EXAMPLE}</code>
        </pre>
      </details>

      <Field id="csv-file" label="CSV file" error={fileError}>
        {(control) => (
          <input {...control} type="file" accept=".csv,text/csv" onChange={(e) => readFile(e.currentTarget)} />
        )}
      </Field>
      <TextAreaField
        id="csv-text"
        label="CSV"
        hint="The chosen file appears here; you can also paste or edit it."
        tall
        spellcheck={false}
        value={csv}
        onInput={setCsv}
        error={csvError}
      />
      <div class="button-row form-section">
        <button type="button" class="button button-secondary" disabled={busy !== null} onClick={() => run(true)}>
          {busy === "check" ? "Checking…" : "Check file"}
        </button>
        <button type="button" class="button" disabled={busy !== null} onClick={() => run(false)}>
          {busy === "import" ? "Importing…" : "Import"}
        </button>
      </div>

      <div aria-live="polite">
        {outcome?.kind === "done" && (
          <Alert kind="success" title={outcome.dryRun ? "The file is fine" : "Imported"}>
            {outcome.dryRun
              ? `${plural(outcome.total, "row")} checked: ${outcome.created} would be created and ${outcome.updated} updated. Nothing has been imported yet.`
              : `${plural(outcome.total, "person", "people")} imported: ${outcome.created} created, ${outcome.updated} updated.`}
          </Alert>
        )}
      </div>
      {outcome?.kind === "error" && <Alert title="Nothing was imported">{outcome.message}</Alert>}
      {outcome?.kind === "rows" && (
        <>
          <Alert title="The file has problems">{outcome.message} Fix them and check the file again.</Alert>
          <table class="table stackable">
            <caption>Rows with problems (the header is row 1)</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  Row
                </th>
                <th scope="col">E-mail</th>
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {outcome.rows.map((r) => (
                <tr key={r.row}>
                  <td class="num" data-label="Row">
                    {r.row}
                  </td>
                  <td data-label="E-mail">{r.email || "—"}</td>
                  <td data-label="Problems">
                    <ul class="plain-list">
                      {r.reasons.map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
