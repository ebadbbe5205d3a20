import { api } from "../../../lib/api";
import { call } from "../../../lib/http";
import { useResource } from "../../../lib/use-resource";
import { AllocateSection, BudgetPeriodsSection } from "../budget-admin";

/** /admin/budgets: the budget periods, and allocating sponsors' budgets in them. */
export function BudgetsSection() {
  const periods = useResource(() => call(api["budget-periods"].$get()), "periods");
  return (
    <>
      <BudgetPeriodsSection periods={periods.loaded} onRetry={periods.reload} onCreated={periods.refresh} />
      <AllocateSection periods={periods.loaded} />
    </>
  );
}
