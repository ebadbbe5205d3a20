import type { Org } from "../../../lib/types";
import { useResource } from "../../../lib/use-resource";
import { reloadOrg, setOrg } from "../../../state/org";
import { CriteriaSection } from "../criteria-admin";
import { FrameworkSection } from "../framework-admin";
import { DisciplinesSection } from "../org/disciplines";
import { SettingsSection } from "../org/settings";

/** /admin/org: the organisation's settings, disciplines, career framework and review criteria. */
export function OrgSection() {
  const org = useResource(reloadOrg, "org");
  const changed = (next: Org) => {
    setOrg(next);
    org.set(next);
  };
  return (
    <>
      <SettingsSection org={org.loaded} onRetry={org.reload} onChanged={changed} />
      <DisciplinesSection org={org.loaded} onRetry={org.reload} onChanged={changed} />
      <FrameworkSection />
      <CriteriaSection />
    </>
  );
}
