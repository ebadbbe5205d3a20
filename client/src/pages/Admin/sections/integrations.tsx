import { useResource } from "../../../lib/use-resource";
import { reloadOrg } from "../../../state/org";
import { ScimSection } from "../scim";
import { TokensSection } from "../token-admin";

/** /admin/integrations: API tokens, and SCIM provisioning from an identity provider. */
export function IntegrationsSection() {
  const org = useResource(reloadOrg, "org");
  return (
    <>
      <TokensSection />
      <ScimSection org={org.loaded} onRetryOrg={org.reload} />
    </>
  );
}
