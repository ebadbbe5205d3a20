import { CopyField } from "../../../components/copy-field";
import { TimeAgo } from "../../../components/time-ago";
import { api } from "../../../lib/api";
import { call } from "../../../lib/http";
import type { IssuedScimToken, Org, ScimToken } from "../../../lib/types";
import { type Loaded, useResource } from "../../../lib/use-resource";
import {
  LAST_USED_COLUMN,
  PREFIX_COLUMN,
  RevokeTokenDialog,
  TOKEN_STATUS_WORDS,
  type TokenColumn,
  TokenList,
  useTokenSection,
} from "../token-parts";
import { DepartmentsMapping } from "./departments";
import { IssueScimTokenForm, NewScimToken } from "./issue-token-form";

const STATUS_CLASS: Record<ScimToken["status"], string> = { active: "status-active", revoked: "status-withdrawn" };

/** Until the tokens arrive (or if they fail), the base URL is this origin's: the server builds it the same way. */
const fallbackBaseUrl = () => `${location.origin}/scim/v2`;

/** The organisation (for its disciplines) and what to do once the section changed something. */
export interface ScimProps {
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
