import { useRef, useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { CopyField } from "../../../components/copy-field";
import { ErrorSummary } from "../../../components/error-summary";
import { TextField } from "../../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../../components/form-problems";
import { SubmitOrCancel } from "../../../components/submit-or-cancel";
import { api } from "../../../lib/api";
import { call } from "../../../lib/http";
import type { IssuedScimToken } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import { ShownOnce } from "../token-parts";

/** The secret of the SCIM token just issued, once, beside the base URL it goes with. */
export function NewScimToken({ issued, onDismiss }: { issued: IssuedScimToken; onDismiss: () => void }) {
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
export function IssueScimTokenForm({ onIssued }: { onIssued: (token: IssuedScimToken) => void }) {
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
