import type { ComponentType } from "preact";
import { useEffect } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import { Alert } from "../../components/alert";
import { useHashTarget } from "../../lib/use-hash-target";
import { useTitle } from "../../lib/use-title";
import { hasRole } from "../../state/session";
import { AdminNav } from "./admin-nav";
import { AuditSection } from "./audit-admin";
import { type SectionId, sectionOf, sectionOfHash } from "./sections";
import { BudgetsSection } from "./sections/budgets";
import { IntegrationsSection } from "./sections/integrations";
import { OrgSection } from "./sections/org";
import { OverviewSection } from "./sections/overview";
import { PeopleSection } from "./sections/people";
import "./admin.css";

const CONTENT: Record<SectionId, ComponentType> = {
  people: PeopleSection,
  org: OrgSection,
  budgets: BudgetsSection,
  integrations: IntegrationsSection,
  audit: () => <AuditSection version={0} />,
};

/** /admin and /admin/:section: the admins' tools, a section at a time, with links between them. */
export default function Admin() {
  const { params } = useRoute();
  const asked = params.section;
  const section = sectionOf(asked);
  const heading = asked === undefined ? "Admin" : `Admin · ${section?.label ?? "Section not found"}`;
  useTitle(heading);
  if (!hasRole("admin")) {
    return (
      <div class="page narrow">
        <h1>Admin</h1>
        <Alert kind="info" title="Only admins can see this page">
          Ask an admin if you need people imported, roles changed or budgets allocated.{" "}
          <a href="/">Back to the marketplace</a>.
        </Alert>
      </div>
    );
  }
  return <AdminPage asked={asked} heading={heading} />;
}

function AdminPage({ asked, heading }: { asked: string | undefined; heading: string }) {
  const { route } = useLocation();
  const section = sectionOf(asked);
  // The page was once all of /admin: an old link to one of its parts goes to the section that has it now.
  useEffect(() => {
    if (asked !== undefined) return;
    const moved = sectionOfHash(location.hash);
    if (moved) route(`/admin/${moved}${location.hash}`, true);
  }, [asked]);
  useHashTarget(asked ?? "overview");
  const Content = section ? CONTENT[section.id] : null;

  return (
    <div class="page admin-page">
      <h1>{heading}</h1>
      <AdminNav current={asked === undefined ? "overview" : (section?.id ?? null)} />
      {asked === undefined && <OverviewSection />}
      {Content && <Content key={section?.id} />}
      {asked !== undefined && !section && (
        <div class="section-card">
          <p>There is no admin section called “{asked}”. The address may be mistyped, or the section has moved.</p>
          <p>
            <a href="/admin">See every admin section</a>.
          </p>
        </div>
      )}
    </div>
  );
}
