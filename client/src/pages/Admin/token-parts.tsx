import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { ModalDialog } from "../../components/modal-dialog";
import { SubmitOrCancel } from "../../components/submit-or-cancel";
import { TimeAgo } from "../../components/time-ago";
import { useAction } from "../../lib/use-action";
import type { Loaded } from "../../lib/use-resource";

/** What every kind of token the admin page lists has: personal API tokens and SCIM tokens. */
export interface TokenBase {
  id: string;
  name: string;
  prefix: string;
  status: "active" | "expired" | "revoked";
  lastUsedAt: string | null;
}

export const TOKEN_STATUS_WORDS: Record<TokenBase["status"], string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
};

/**
 * A tokens section's state: the token just issued (its secret shows until dismissed), the one being
 * revoked, and the last outcome for the status line. `changed` runs after a token is issued or revoked.
 */
export function useTokenSection<T extends TokenBase, Issued extends T>(changed: () => void) {
  const [issued, setIssued] = useState<Issued | null>(null);
  const [revoking, setRevoking] = useState<T | null>(null);
  const [done, setDone] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);

  return {
    issued,
    revoking,
    done,
    /** The section's heading, where focus goes if the Revoke button is gone when its dialog closes. */
    headingRef,
    onIssued(token: Issued) {
      setIssued(token);
      setDone("");
      changed();
    },
    dismissIssued: () => setIssued(null),
    askToRevoke(token: T) {
      setDone("");
      setRevoking(token);
    },
    cancelRevoke: () => setRevoking(null),
    onRevoked(token: T, message: string) {
      setRevoking(null);
      setDone(message);
      if (issued?.id === token.id) setIssued(null);
      changed();
    },
  };
}

/** What `useTokenSection` keeps, for the list and the revoke dialog to read and change. */
export type TokenSection<T extends TokenBase> = ReturnType<typeof useTokenSection<T, T>>;

/** A column of a tokens table after the Name column: its heading (also the stacked layout's label) and cell. */
export interface TokenColumn<T> {
  label: string;
  cell: (token: T) => ComponentChildren;
}

export const PREFIX_COLUMN: TokenColumn<TokenBase> = {
  label: "Starts with",
  cell: (t) => <code>{t.prefix}…</code>,
};

export const LAST_USED_COLUMN: TokenColumn<TokenBase> = {
  label: "Last used",
  cell: (t) => (t.lastUsedAt ? <TimeAgo iso={t.lastUsedAt} /> : "Never"),
};

interface TokenTableProps<T> {
  columns: readonly TokenColumn<T>[];
  /** The Revoke button's full name. */
  revokeLabel?: (token: T) => string;
}

/**
 * A section's tokens under its status line: "Loading {noun}…", "The {noun} could not be loaded"
 * with Try again, the `empty` words, or the table (captioned "{noun}, newest first").
 */
export function TokenList<T extends TokenBase>({
  noun,
  loaded,
  onRetry,
  empty,
  section,
  ...table
}: TokenTableProps<T> & {
  /** What the tokens are called in the plural, e.g. "SCIM tokens". */
  noun: string;
  loaded: Loaded<{ items: readonly T[] }>;
  onRetry: () => void;
  empty: string;
  section: TokenSection<T>;
}) {
  return (
    <>
      <div role="status">{section.done && <p class="alert alert-success">{section.done}</p>}</div>
      {loaded.status === "loading" && <Loading label={`Loading ${noun}…`} />}
      {loaded.status === "error" && (
        <Alert title={`The ${noun} could not be loaded`} onRetry={onRetry}>
          {loaded.message}
        </Alert>
      )}
      {loaded.status === "ready" &&
        (loaded.value.items.length === 0 ? (
          <p class="muted">{empty}</p>
        ) : (
          <TokenTable
            caption={`${noun}, newest first`}
            tokens={loaded.value.items}
            onRevoke={section.askToRevoke}
            {...table}
          />
        ))}
    </>
  );
}

/** Tokens, newest first: each named in its row's header, with a Revoke button until it is revoked. */
function TokenTable<T extends TokenBase>({
  caption,
  tokens,
  columns,
  revokeLabel = (t) => `Revoke ${t.name}`,
  onRevoke,
}: TokenTableProps<T> & { caption: string; tokens: readonly T[]; onRevoke: (token: T) => void }) {
  return (
    <div class="table-wrap">
      <table class="table stackable">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {columns.map((c) => (
              <th key={c.label} scope="col">
                {c.label}
              </th>
            ))}
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <th scope="row" data-label="Name">
                {t.name}
              </th>
              {columns.map((c) => (
                <td key={c.label} data-label={c.label}>
                  {c.cell(t)}
                </td>
              ))}
              <td data-label="Actions">
                {t.status !== "revoked" && (
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    aria-label={revokeLabel(t)}
                    onClick={() => onRevoke(t)}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The notice for a token just issued: its secret is in `children`, shown this once. */
export function ShownOnce({
  title,
  warning,
  children,
}: {
  title: string;
  /** Who can do what with the secret, after "Copy it now". */
  warning: string;
  children: ComponentChildren;
}) {
  return (
    <Alert kind="success" title={title}>
      <p>
        <strong>Copy it now: it is not shown again.</strong> {warning}
      </p>
      {children}
    </Alert>
  );
}

interface RevokeProps<T> {
  /** Sends the revocation; answers the revoked token. */
  revoke: (token: T) => Promise<T>;
  /** The alert's title when the revocation fails. */
  failedTitle: string;
  cancelLabel?: string;
}

/**
 * "Revoke …?" in a modal dialog while the section has a token to revoke: what revoking it stops
 * (`children`), then "Yes, revoke it" or the cancel button. Once revoked, the status line says `revokedMessage`.
 */
export function RevokeTokenDialog<T extends TokenBase>({
  section,
  closedTitle = "Revoke token",
  revokedMessage,
  children,
  ...confirm
}: RevokeProps<T> & {
  section: TokenSection<T>;
  /** The heading while no token is chosen, when the dialog is closed. */
  closedTitle?: string;
  revokedMessage: (token: T) => string;
  children: (token: T) => ComponentChildren;
}) {
  const token = section.revoking;
  return (
    <ModalDialog
      open={token !== null}
      onClose={section.cancelRevoke}
      title={token ? `Revoke ${token.name}?` : closedTitle}
      fallbackFocus={() => section.headingRef.current}
    >
      {token && (
        <RevokeConfirm
          token={token}
          onCancel={section.cancelRevoke}
          onRevoked={(t) => section.onRevoked(t, revokedMessage(t))}
          {...confirm}
        >
          {children(token)}
        </RevokeConfirm>
      )}
    </ModalDialog>
  );
}

function RevokeConfirm<T>({
  token,
  revoke,
  failedTitle,
  cancelLabel,
  onCancel,
  onRevoked,
  children,
}: RevokeProps<T> & {
  token: T;
  onCancel: () => void;
  onRevoked: (token: T) => void;
  children: ComponentChildren;
}) {
  const { busy, error, run } = useAction();

  async function submit() {
    await run(async () => {
      onRevoked(await revoke(token));
    });
  }

  return (
    <>
      {children}
      {error && <Alert title={failedTitle}>{error}</Alert>}
      <SubmitOrCancel
        label="Yes, revoke it"
        busyLabel="Revoking…"
        busy={busy}
        danger
        cancelLabel={cancelLabel}
        onSubmit={submit}
        onCancel={onCancel}
      />
    </>
  );
}
