import { useRef } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Alert, Loading } from "../../components/alert";
import { SelectField } from "../../components/field";
import { api } from "../../lib/api";
import { call } from "../../lib/http";
import type { Dashboard } from "../../lib/types";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { useOrg } from "../../state/org";
import { hasRole } from "../../state/session";
import { BudgetsSection } from "./budgets";
import { DecisionsSection } from "./decisions";
import { DiversitySection } from "./diversity";
import { FairnessSections } from "./fairness";
import { FunnelSection } from "./funnel";
import { NeedsActionSection } from "./needs-action";
import { ParticipationSection } from "./participation";
import "./dashboard.css";

/**
 * The leadership dashboard (SPEC §9, §8) for reviewers and admins: first what needs action (what
 * is overdue now), then the funnel by stage, budgets, IC participation, team diversity,
 * decisions, and fairness (each step by discipline, level and track, and reviewer calibration).
 * Each chart has its figures as a table behind "Show table", and a CSV of them. The period is in
 * the URL, to share a view.
 */
export default function DashboardPage() {
  useTitle("Leadership dashboard");
  if (!hasRole("reviewer") && !hasRole("admin")) {
    return (
      <div class="page narrow">
        <h1>Leadership dashboard</h1>
        <Alert kind="info" title="Only reviewers and admins see the leadership dashboard">
          It shows the funnel, budgets and participation across the hub. <a href="/recognition">Recognition</a> shows
          everyone what the hub achieved.
        </Alert>
      </div>
    );
  }
  return <DashboardView />;
}

function DashboardView() {
  useOrg();
  const { query, path, route } = useLocation();
  const periodId = query.period ?? "";
  const periods = useResource(() => call(api["budget-periods"].$get()), "periods");
  const { loaded, reload } = useResource(
    () => call(api.dashboard.$get({ query: periodId ? { periodId } : {} })),
    `dashboard:${periodId}`,
  );
  // While another period loads, the last figures stay, so nothing moves under the reader.
  const last = useRef<Dashboard | null>(null);
  if (loaded.status === "ready") last.current = loaded.value;
  const data = loaded.status === "error" ? null : last.current;
  const periodName =
    periods.loaded.status === "ready" ? periods.loaded.value.items.find((p) => p.id === periodId)?.name : undefined;
  const fileTag = periodId ? (periodName ?? periodId).replace(/[^\w-]+/g, "-") : "all-time";

  return (
    <div class="page">
      <h1>Leadership dashboard</h1>
      {loaded.status === "error" && (
        <Alert title="The dashboard could not be loaded" onRetry={reload}>
          {loaded.message}
        </Alert>
      )}
      {(data || loaded.status === "loading") && <NeedsActionSection data={data} fileTag={fileTag} />}
      <p class="muted dashboard-intro">
        Where challenges are in their lifecycle, where the money went, and who takes part.
      </p>
      <search aria-label="Filter the dashboard">
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            id="dashboard-period"
            label="Period"
            hint="Budgets of the period; the funnel and decisions of challenges in it."
            value={periodId}
            onChange={(next) => route(next ? `${path}?period=${encodeURIComponent(next)}` : path, true)}
          >
            <option value="">All time</option>
            {periods.loaded.status === "ready" &&
              periods.loaded.value.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.current ? " (current)" : ""}
                </option>
              ))}
            {periodId && periods.loaded.status !== "ready" && <option value={periodId}>{periodId}</option>}
          </SelectField>
        </form>
      </search>
      {periods.loaded.status === "error" && (
        <Alert title="Budget periods could not be listed" onRetry={periods.reload}>
          {periods.loaded.message} The dashboard shows all time.
        </Alert>
      )}
      <p class="status-line" role="status">
        {loaded.status === "loading"
          ? "Loading the dashboard…"
          : data
            ? `Showing ${data.period ? data.period.name : "all time"}.`
            : ""}
      </p>
      {loaded.status === "loading" && !data && <Loading label="Loading figures…" />}
      {data && (
        <div class="stack dashboard" aria-busy={loaded.status === "loading" ? "true" : undefined}>
          <FunnelSection data={data} fileTag={fileTag} />
          <BudgetsSection data={data} fileTag={fileTag} />
          <ParticipationSection data={data} fileTag={fileTag} />
          <div class="dash-pair">
            <DiversitySection data={data} fileTag={fileTag} />
            <DecisionsSection data={data} fileTag={fileTag} />
          </div>
          <FairnessSections />
        </div>
      )}
    </div>
  );
}
