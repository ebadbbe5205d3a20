import { useResource } from "../../../lib/use-resource";
import { reloadOrg } from "../../../state/org";
import { ChannelRoutesSection } from "../channel-routes-admin";
import { ScimSection } from "../scim";
import { TokensSection } from "../token-admin";
import { WebhooksSection } from "../webhook-admin";

/** /admin/integrations: API tokens, webhooks, Slack and Teams channels, and SCIM provisioning from an identity provider. */
export function IntegrationsSection() {
  const org = useResource(reloadOrg, "org");
  return (
    <>
      <TokensSection />
      <WebhooksSection />
      <ChannelRoutesSection />
      <ScimSection org={org.loaded} onRetryOrg={org.reload} />
    </>
  );
}
