import { useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { CopyField } from "../../components/copy-field";
import { ErrorSummary } from "../../components/error-summary";
import { FieldError, fieldAria, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { SubmitOrCancel } from "../../components/submit-or-cancel";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { plural } from "../../lib/format";
import { call } from "../../lib/http";
import type { DepartmentMapping, IssuedScimToken, Org, ScimToken } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { type Loaded, useResource } from "../../lib/use-resource";
import {
  LAST_USED_COLUMN,
  PREFIX_COLUMN,
  RevokeTokenDialog,
  ShownOnce,
  TOKEN_STATUS_WORDS,
  type TokenColumn,
  TokenList,
  useTokenSection,
} from "./token-parts";

const STATUS_CLASS: Record<ScimToken["status"], string> = { active: "status-active", revoked: "status-withdrawn" };

/** Until the tokens arrive (or if they fail), the base URL is this origin's: the server builds it the same way. */
const fallbackBaseUrl = () => `${location.origin}/scim/v2`;

/** The organisation (for its disciplines) and what to do once the section changed something. */
interface ScimProps {
  org: Loaded<Org>;
  onRetryOrg: () => void;
  onChanged?: () => void;
}

const COLUMNS: TokenColumn<ScimToken>[] = [
  PREFIX_COLUMN,
  {
    label: "Status",
    cell: (t) => (
      <>
        <span class={`badge role ${STATUS_CLASS[t.status]}`}>{TOKEN_STATUS_WORDS[t.status]}</span>
        {t.revokedAt && (
          <span class="muted small">
            {" "}
            <TimeAgo iso={t.revokedAt} />
          </span>
        )}
      </>
    ),
  },
  {
    label: "Issued",
    cell: (t) => (
      <>
        <TimeAgo iso={t.createdAt} /> by <a href={`/people/${t.createdBy.id}`}>{t.createdBy.name}</a>
      </>
    ),
  },
  LAST_USED_COLUMN,
];

/**
 * SCIM provisioning (SPEC §17): the base URL and tokens an identity provider (Okta, Entra ID)
 * needs, and how the departments it sends map to disciplines.
 */
export function ScimSection(props: ScimProps) {
  const tokens = useResource(() => call(api.admin["scim-tokens"].$get()), "scim-tokens");
  const section = useTokenSection<ScimToken, IssuedScimToken>(() => {
    tokens.refresh();
    props.onChanged?.();
  });
  const baseUrl = tokens.loaded.status === "ready" ? tokens.loaded.value.baseUrl : fallbackBaseUrl();

  return (
    <section class="section-card" aria-labelledby="scim-heading">
      <h2 id="scim-heading" ref={section.headingRef} tabIndex={-1}>
        Provisioning (SCIM)
      </h2>
      <p>
        Your identity provider (Okta or Microsoft Entra ID) can create, update and deactivate people here, and push
        groups named sponsors, reviewers or admins as roles. Give it the base URL below and a SCIM token. Deactivated
        people are never deleted: their credit stays.
      </p>
      <CopyField
        id="scim-base-url"
        label="SCIM base URL"
        hint="Okta calls it the SCIM connector base URL; Entra ID calls it the Tenant URL."
        value={baseUrl}
        copyLabel="Copy the SCIM base URL"
      />

      <IssueScimTokenForm onIssued={section.onIssued} />
      {section.issued && <NewScimToken issued={section.issued} onDismiss={section.dismissIssued} />}

      <h3>SCIM tokens</h3>
      <TokenList
        noun="SCIM tokens"
        loaded={tokens.loaded}
        onRetry={tokens.reload}
        empty="No SCIM tokens yet. Issue one to connect your identity provider."
        columns={COLUMNS}
        section={section}
      />

      <RevokeTokenDialog
        section={section}
        closedTitle="Revoke SCIM token"
        revoke={(t) => call(api.admin["scim-tokens"][":id"].$delete({ param: { id: t.id } }))}
        failedTitle="The SCIM token was not revoked"
        revokedMessage={(t) =>
          `${t.name} is revoked: the identity provider's requests with it are refused from now on.`
        }
      >
        {(t) => (
          <p>
            The identity provider using <strong>{t.name}</strong> (starting <code>{t.prefix}</code>) is refused at once,
            and provisioning stops until you give it a new token. People it provisioned stay as they are. This cannot be
            undone.
          </p>
        )}
      </RevokeTokenDialog>

      <DepartmentsMapping {...props} />
    </section>
  );
}

/** The secret of the SCIM token just issued, once, beside the base URL it goes with. */
function NewScimToken({ issued, onDismiss }: { issued: IssuedScimToken; onDismiss: () => void }) {
  return (
    <ShownOnce
      title={`SCIM token ${issued.name} issued`}
      warning="Paste both into your identity provider's provisioning settings. Anyone holding the token can create, change and deactivate people, so keep it there only."
    >
      <CopyField
        id="scim-new-token"
        label="SCIM token"
        hint="Okta: the HTTP Header bearer token. Entra ID: the Secret Token."
        value={issued.token}
        copyLabel="Copy the SCIM token"
        focusOnShow
      />
      <CopyField
        id="scim-new-base-url"
        label="Base URL for this token"
        value={issued.baseUrl}
        copyLabel="Copy the base URL for this token"
      />
      <button type="button" class="button button-secondary" onClick={onDismiss}>
        Done
      </button>
    </ShownOnce>
  );
}

const TOKEN_PLACES: Record<string, FieldPlace> = { name: { fieldId: "scim-token-name", label: "Token name" } };
const tokenPlace = (path: string) => TOKEN_PLACES[path] ?? null;

/** "Issue a SCIM token" opens a one-field form; Cancel closes it again. */
function IssueScimTokenForm({ onIssued }: { onIssued: (token: IssuedScimToken) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const { busy: sending, run } = useAction();
  const opener = useRef<HTMLButtonElement>(null);
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  function show() {
    setOpen(true);
    requestAnimationFrame(() => document.getElementById("scim-token-name")?.focus());
  }
  function close() {
    setOpen(false);
    setName("");
    clearProblems();
    clearFailure();
    requestAnimationFrame(() => opener.current?.focus());
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 80) {
      fail(problemsFrom({ name: "Name the token (2 to 80 characters), e.g. Okta." }, tokenPlace));
      return;
    }
    clearFailure();
    await run(
      async () => {
        const token = await call(api.admin["scim-tokens"].$post({ json: { name: trimmed } }));
        clearProblems();
        setName("");
        setOpen(false);
        onIssued(token);
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, tokenPlace));
        },
      },
    );
  }

  if (!open)
    return (
      <div class="button-row form-section">
        <button ref={opener} type="button" class="button" onClick={show}>
          Issue a SCIM token
        </button>
      </div>
    );

  return (
    <form class="form-section" onSubmit={submit} noValidate aria-labelledby="issue-scim-token-heading">
      <h3 id="issue-scim-token-heading">Issue a SCIM token</h3>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="No SCIM token was issued">{failure}</Alert>}
      <TextField
        id="scim-token-name"
        label="Token name"
        hint="Which identity provider uses it, e.g. Okta or Entra ID"
        maxLength={80}
        autoComplete="off"
        value={name}
        onInput={setName}
        error={err("scim-token-name")}
      />
      <SubmitOrCancel label="Issue token" busyLabel="Issuing…" busy={sending} onCancel={close} />
    </form>
  );
}

const UNMAPPED = "";
const selectId = (index: number) => `scim-department-${index}`;

/**
 * The departments the identity provider sent, each mapped to a discipline or left unmapped
 * (people keep theirs). Saving sends only the rows that changed.
 */
function DepartmentsMapping({ org, onRetryOrg, onChanged }: ScimProps) {
  const departments = useResource(() => call(api.admin.scim.departments.$get()), "scim-departments");
  // Department → chosen discipline id ("" for unmapped), for the rows changed since the last load.
  const [draft, setDraft] = useState<Record<string, string>>({});
  const { busy: sending, run } = useAction();
  const [done, setDone] = useState("");
  const { problems, failure, attempt, err, failWith, clearFailure, clearProblems } = useFormProblems();

  const rows = departments.loaded.status === "ready" ? departments.loaded.value.items : [];
  const saved = (row: DepartmentMapping) => row.disciplineId ?? UNMAPPED;
  const chosen = (row: DepartmentMapping) => draft[row.department] ?? saved(row);
  const changed = rows.filter((row) => chosen(row) !== saved(row));

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    setDone("");
    clearProblems();
    clearFailure();
    if (changed.length === 0) {
      setDone("Nothing has changed, so there was nothing to save.");
      return;
    }
    // A refusal names the row by its place in what was sent; find it on the page.
    const locate = (path: string): FieldPlace | null => {
      const sent = changed[Number(/^items\.(\d+)\./.exec(path)?.[1] ?? Number.NaN)];
      if (!sent) return null;
      return { fieldId: selectId(rows.indexOf(sent)), label: `Discipline for ${sent.department}` };
    };
    await run(
      async () => {
        const result = await call(
          api.admin.scim.departments.$put({
            json: {
              items: changed.map((row) => ({ department: row.department, disciplineId: chosen(row) || null })),
            },
          }),
        );
        departments.set(result);
        setDraft({});
        setDone(
          `${plural(changed.length, "department")} saved. People in a mapped department now have its discipline; people in an unmapped one keep theirs.`,
        );
        onChanged?.();
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
  }

  return (
    <section aria-labelledby="scim-departments-heading" class="form-section">
      <h3 id="scim-departments-heading">Departments</h3>
      <p>
        Map each department your identity provider sends to a discipline: people in it get that discipline, now and
        whenever they are provisioned. People in an unmapped department keep the discipline they have.
      </p>
      {(departments.loaded.status === "loading" || org.status === "loading") &&
        departments.loaded.status !== "error" &&
        org.status !== "error" && <Loading label="Loading departments…" />}
      {departments.loaded.status === "error" && (
        <Alert title="The departments could not be loaded" onRetry={departments.reload}>
          {departments.loaded.message}
        </Alert>
      )}
      {org.status === "error" && (
        <Alert title="The disciplines could not be loaded" onRetry={onRetryOrg}>
          {org.message}
        </Alert>
      )}
      {departments.loaded.status === "ready" &&
        org.status === "ready" &&
        (rows.length === 0 ? (
          <p class="muted">
            No departments yet: they appear when your identity provider sends people with a department.
          </p>
        ) : (
          <form onSubmit={submit} noValidate aria-labelledby="scim-departments-heading">
            <ErrorSummary items={problems.summary} attempt={attempt} />
            {failure && <Alert title="The departments were not saved">{failure}</Alert>}
            <div class="table-wrap">
              <table class="table stackable">
                <caption class="visually-hidden">Departments from the identity provider, unmapped first</caption>
                <thead>
                  <tr>
                    <th scope="col">Department</th>
                    <th scope="col" class="num">
                      People
                    </th>
                    <th scope="col">Discipline</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, index) => (
                    <DepartmentRow
                      key={row.department}
                      row={row}
                      id={selectId(index)}
                      disciplines={org.value.disciplines}
                      value={chosen(row)}
                      edited={chosen(row) !== saved(row)}
                      error={err(selectId(index))}
                      onChange={(value) => {
                        setDone("");
                        setDraft((d) => ({ ...d, [row.department]: value }));
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
            <button type="submit" class="button" disabled={sending}>
              {sending ? "Saving…" : changed.length ? `Save ${plural(changed.length, "change")}` : "Save departments"}
            </button>
          </form>
        ))}
    </section>
  );
}

function DepartmentRow({
  row,
  id,
  disciplines,
  value,
  edited,
  error,
  onChange,
}: {
  row: DepartmentMapping;
  id: string;
  disciplines: Org["disciplines"];
  value: string;
  edited: boolean;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  // Retired disciplines are not offered, but one the row maps to (or was just moved from) still shows.
  const offered = disciplines.filter((d) => d.active || d.id === value || d.id === row.disciplineId);
  const known = value === UNMAPPED || disciplines.some((d) => d.id === value);
  return (
    <tr>
      <th scope="row" data-label="Department">
        {row.department}
        {row.disciplineId === null && (
          <>
            {" "}
            <span class="badge role status-pending">Unmapped</span>
          </>
        )}
      </th>
      <td class="num" data-label="People">
        {row.people}
      </td>
      <td data-label="Discipline">
        <label class="visually-hidden" for={id}>
          Discipline for {row.department}
        </label>
        <select
          id={id}
          {...fieldAria(id, error, edited ? `${id}-edited` : undefined)}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        >
          <option value={UNMAPPED}>Unmapped — people keep their discipline</option>
          {offered.map((d) => (
            <option key={d.id} value={d.id}>
              {d.active ? d.name : `${d.name} (retired)`}
            </option>
          ))}
          {!known && <option value={value}>{value}</option>}
        </select>
        {edited && (
          <span id={`${id}-edited`} class="muted small">
            Changed, not saved yet
          </span>
        )}
        <FieldError fieldId={id} message={error} />
      </td>
    </tr>
  );
}
