import { useResource } from "../../../lib/use-resource";
import { reloadOrg } from "../../../state/org";
import { ScimSection } from "../scim";
import { TokensSection } from "../token-admin";
import { WebhooksSection } from "../webhook-admin";

/** /admin/integrations: API tokens, webhooks, and SCIM provisioning from an identity provider. */
export function IntegrationsSection() {
  const org = useResource(reloadOrg, "org");
  return (
    <>
      <TokensSection />
      <WebhooksSection />
      <ScimSection org={org.loaded} onRetryOrg={org.reload} />
    </>
  );
}
