import { useEffect, useState } from "preact/hooks";
import { Alert } from "../../components/alert";
import { ReadOnlyField, useCopy } from "../../components/copy-field";
import { ErrorSummary } from "../../components/error-summary";
import { SelectField, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { api } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { call, messageOf } from "../../lib/http";
import type { ApiToken, Person } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { useResource } from "../../lib/use-resource";
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

type IssuedToken = ApiToken & { token: string };

const PLACES: Record<string, FieldPlace> = {
  personId: { fieldId: "token-person", label: "Person" },
  name: { fieldId: "token-name", label: "Token name" },
  expiresInDays: { fieldId: "token-expiry", label: "Expires after (days)" },
  scope: { fieldId: "token-scope", label: "May" },
};

const SCOPE_WORDS: Record<ApiToken["scope"], string> = {
  read: "Read only",
  "read write": "Read and change",
};
const locate = (path: string) => PLACES[path] ?? null;

const COLUMNS: TokenColumn<ApiToken>[] = [
  { label: "Person", cell: (t) => <a href={`/people/${t.person.id}`}>{t.person.name}</a> },
  PREFIX_COLUMN,
  { label: "Status", cell: (t) => TOKEN_STATUS_WORDS[t.status] },
  { label: "May", cell: (t) => SCOPE_WORDS[t.scope] },
  LAST_USED_COLUMN,
  {
    label: "Expires",
    cell: (t) => (t.expiresAt ? <time dateTime={t.expiresAt}>{formatDate(t.expiresAt)}</time> : "Never"),
  },
];

/** Tokens, newest first: a hundred at a time until the last page (an organisation has few). */
async function loadTokens(): Promise<{ items: ApiToken[] }> {
  const tokens: ApiToken[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await call(api.admin.tokens.$get({ query: { limit: "100", ...(cursor ? { cursor } : {}) } }));
    tokens.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return { items: tokens };
}

/**
 * Personal API tokens for integrations (SPEC §12): issue one for a person, see its secret once,
 * and revoke tokens that are no longer needed. Requests with the token act as that person.
 */
export function TokensSection({ onChanged }: { onChanged?: () => void } = {}) {
  const tokens = useResource(loadTokens, "api-tokens");
  const section = useTokenSection<ApiToken, IssuedToken>(() => {
    tokens.refresh();
    onChanged?.();
  });

  return (
    <section class="section-card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading" ref={section.headingRef} tabIndex={-1}>
        API tokens
      </h2>
      <p>
        An integration sends a token as <code>Authorization: Bearer crux_…</code> and acts as the token's person, with
        their roles. The secret is shown once, when the token is issued; Crux keeps only a fingerprint of it.
      </p>

      <IssueTokenForm onIssued={section.onIssued} />
      {section.issued && <NewToken issued={section.issued} onDismiss={section.dismissIssued} />}

      <h3>Issued tokens</h3>
      <TokenList
        noun="API tokens"
        loaded={tokens.loaded}
        onRetry={tokens.reload}
        empty="No API tokens yet. Issue the first one above."
        columns={COLUMNS}
        revokeLabel={(t) => `Revoke ${t.name} (${t.person.name})`}
        section={section}
      />

      <RevokeTokenDialog
        section={section}
        revoke={(t) => call(api.admin.tokens[":id"].$delete({ param: { id: t.id } }))}
        failedTitle="The token was not revoked"
        cancelLabel="Keep it"
        revokedMessage={(t) => `${t.name} is revoked: requests with it are refused from now on.`}
      >
        {(t) => (
          <p>
            Integrations using <strong>{t.name}</strong> (acting as {t.person.name}, starting <code>{t.prefix}</code>)
            stop working at once. This cannot be undone; issue a new token if one is needed again.
          </p>
        )}
      </RevokeTokenDialog>
    </section>
  );
}

/** The secret of the token just issued, once, with a way to copy it. */
function NewToken({ issued, onDismiss }: { issued: IssuedToken; onDismiss: () => void }) {
  const { inputRef, copy, message } = useCopy(issued.token, { focusOnShow: true, what: "token" });
  return (
    <ShownOnce
      title={`Token ${issued.name} issued for ${issued.person.name}`}
      warning={`Anyone holding it can act as ${issued.person.name}.`}
    >
      <ReadOnlyField
        id="new-token"
        label="Token"
        hint="Read-only; select it or use Copy."
        value={issued.token}
        inputRef={inputRef}
      />
      <div class="button-row">
        <button type="button" class="button" onClick={copy}>
          Copy
        </button>
        <button type="button" class="button button-secondary" onClick={onDismiss}>
          Done
        </button>
      </div>
      <p aria-live="polite">{message}</p>
    </ShownOnce>
  );
}

/** Issue a token: find the person by name or e-mail, name the token, and optionally limit its life. */
function IssueTokenForm({ onIssued }: { onIssued: (token: IssuedToken) => void }) {
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<Person[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [personId, setPersonId] = useState("");
  const [name, setName] = useState("");
  const [days, setDays] = useState("");
  const [scope, setScope] = useState<ApiToken["scope"]>("read");
  const { busy: sending, run } = useAction();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  // Searches as the admin types, a moment after they stop; a later search replaces an earlier one.
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setMatches(null);
      setSearching(false);
      return;
    }
    let current = true;
    setSearching(true);
    const timer = setTimeout(async () => {
      try {
        const result = await call(api.people.$get({ query: { q, limit: "20" } }));
        if (!current) return;
        setMatches(result.items);
        setSearchError(null);
        setPersonId((chosen) =>
          result.items.some((p) => p.id === chosen) ? chosen : result.items.length === 1 ? result.items[0].id : "",
        );
      } catch (error) {
        if (current) setSearchError(messageOf(error));
      } finally {
        if (current) setSearching(false);
      }
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    const messages: Record<string, string> = {};
    if (!personId) messages.personId = "Find and choose the person the token acts as.";
    if (name.trim().length < 2) messages.name = "Name the token (at least 2 characters), e.g. CI pipeline.";
    const trimmedDays = days.trim();
    const expiresInDays = trimmedDays ? Number(trimmedDays) : undefined;
    if (trimmedDays && (!/^\d+$/.test(trimmedDays) || Number(trimmedDays) < 1 || Number(trimmedDays) > 365))
      messages.expiresInDays = "A whole number of days from 1 to 365, or leave it empty for 90.";
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locate));
      return;
    }
    clearFailure();
    await run(
      async () => {
        const token = await call(
          api.admin.tokens.$post({
            json: { personId, name: name.trim(), scope, ...(expiresInDays ? { expiresInDays } : {}) },
          }),
        );
        clearProblems();
        setName("");
        setDays("");
        setScope("read");
        onIssued(token);
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
  }

  return (
    <form class="form-section" onSubmit={submit} noValidate aria-labelledby="issue-token-heading">
      <h3 id="issue-token-heading">Issue a token</h3>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="No token was issued">{failure}</Alert>}
      <div class="row-grid">
        <TextField
          id="token-person-search"
          label="Find a person"
          hint="Name or e-mail, at least 2 characters"
          type="search"
          autoComplete="off"
          value={query}
          onInput={setQuery}
        />
        <SelectField
          id="token-person"
          label="Person"
          value={personId}
          onChange={setPersonId}
          error={err("token-person")}
        >
          <option value="">
            {searching
              ? "Searching…"
              : matches === null
                ? "Search for a person first"
                : matches.length === 0
                  ? "Nobody matches"
                  : "Choose a person"}
          </option>
          {(matches ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {`${p.name} (${p.email})`}
            </option>
          ))}
        </SelectField>
        <TextField
          id="token-name"
          label="Token name"
          hint="What uses it, e.g. CI pipeline"
          maxLength={80}
          autoComplete="off"
          value={name}
          onInput={setName}
          error={err("token-name")}
        />
        <TextField
          id="token-expiry"
          label="Expires after (days)"
          hint="1–365; 90 if left empty"
          inputMode="numeric"
          autoComplete="off"
          value={days}
          onInput={setDays}
          error={err("token-expiry")}
        />
        <SelectField
          id="token-scope"
          label="May"
          hint="A read-only token cannot change anything"
          value={scope}
          onChange={(value) => setScope(value === "read write" ? "read write" : "read")}
          error={err("token-scope")}
        >
          <option value="read">{SCOPE_WORDS.read}</option>
          <option value="read write">{SCOPE_WORDS["read write"]}</option>
        </SelectField>
      </div>
      {searchError && <Alert title="People could not be searched">{searchError}</Alert>}
      <button type="submit" class="button" disabled={sending}>
        {sending ? "Issuing…" : "Issue token"}
      </button>
    </form>
  );
}
