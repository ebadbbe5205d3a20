import { useEffect, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { ErrorSummary } from "../../components/error-summary";
import { Field, SelectField, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { api } from "../../lib/api";
import { formatDay, todayIso } from "../../lib/format";
import { call } from "../../lib/http";
import { idempotentFailure, useIdempotencyKey } from "../../lib/idempotency";
import { formatMoney, parseMajorToMinor } from "../../lib/money";
import type { Budget, BudgetPeriod, Person } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import type { Loaded } from "../../lib/use-resource";
import { useResource } from "../../lib/use-resource";
import { useOrg } from "../../state/org";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function periodStatus(p: BudgetPeriod, today = todayIso()): string {
  if (p.current) return "Current";
  return p.startsOn > today ? "Upcoming" : "Ended";
}

const PERIOD_PLACES: Record<string, FieldPlace> = {
  name: { fieldId: "period-name", label: "Name" },
  startsOn: { fieldId: "period-starts", label: "Starts on" },
  endsOn: { fieldId: "period-ends", label: "Ends on" },
};
const locatePeriod = (path: string) => PERIOD_PLACES[path] ?? null;

/** The budget periods, and a form for the next one. */
export function BudgetPeriodsSection({
  periods,
  onRetry,
  onCreated,
}: {
  periods: Loaded<{ items: BudgetPeriod[] }>;
  onRetry: () => void;
  onCreated: () => void;
}) {
  const [name, setName] = useState("");
  const [startsOn, setStartsOn] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const { busy: sending, run } = useAction();
  const [done, setDone] = useState("");
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    const messages: Record<string, string> = {};
    if (name.trim().length < 2) messages.name = "Name the period, e.g. FY27-Q1.";
    if (!ISO_DATE.test(startsOn)) messages.startsOn = "Enter the first day of the period.";
    if (!ISO_DATE.test(endsOn)) messages.endsOn = "Enter the last day of the period.";
    else if (ISO_DATE.test(startsOn) && endsOn < startsOn)
      messages.endsOn = "The period must end on or after its start.";
    setDone("");
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locatePeriod));
      return;
    }
    clearFailure();
    await run(
      async () => {
        const period = await call(api.admin["budget-periods"].$post({ json: { name: name.trim(), startsOn, endsOn } }));
        clearProblems();
        setName("");
        setStartsOn("");
        setEndsOn("");
        setDone(`${period.name} is created. Allocate budgets for it below.`);
        onCreated();
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locatePeriod));
        },
      },
    );
  }

  return (
    <section class="section-card" aria-labelledby="periods-heading">
      <h2 id="periods-heading">Budget periods</h2>
      <p>Each sponsor gets a budget per period; sponsors pledge from the budgets of the current period.</p>
      {periods.status === "loading" && <Loading label="Loading budget periods…" />}
      {periods.status === "error" && (
        <Alert title="The periods could not be loaded" onRetry={onRetry}>
          {periods.message}
        </Alert>
      )}
      {periods.status === "ready" &&
        (periods.value.items.length === 0 ? (
          <p class="muted">No budget periods yet. Create the first one below.</p>
        ) : (
          <div class="table-wrap">
            <table class="table stackable">
              <caption class="visually-hidden">Budget periods, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts on</th>
                  <th scope="col">Ends on</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {periods.value.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" data-label="Name">
                      {p.name}
                    </th>
                    <td data-label="Starts on">
                      <time dateTime={p.startsOn}>{formatDay(p.startsOn)}</time>
                    </td>
                    <td data-label="Ends on">
                      <time dateTime={p.endsOn}>{formatDay(p.endsOn)}</time>
                    </td>
                    <td data-label="Status">{periodStatus(p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}

      <form class="form-section subheading" onSubmit={submit} noValidate aria-labelledby="new-period-heading">
        <h3 id="new-period-heading">New period</h3>
        <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
        <ErrorSummary items={problems.summary} attempt={attempt} />
        {failure && <Alert title="The period was not created">{failure}</Alert>}
        <div class="row-grid">
          <TextField
            id="period-name"
            label="Name"
            hint="e.g. FY27-Q1"
            maxLength={40}
            autoComplete="off"
            value={name}
            onInput={setName}
            error={err("period-name")}
          />
          <Field id="period-starts" label="Starts on" hint="First day" error={err("period-starts")}>
            {(control) => (
              <input {...control} type="date" value={startsOn} onInput={(e) => setStartsOn(e.currentTarget.value)} />
            )}
          </Field>
          <Field id="period-ends" label="Ends on" hint="Last day" error={err("period-ends")}>
            {(control) => (
              <input
                {...control}
                type="date"
                min={startsOn || undefined}
                value={endsOn}
                onInput={(e) => setEndsOn(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <button type="submit" class="button" disabled={sending}>
          {sending ? "Creating…" : "Create period"}
        </button>
      </form>
    </section>
  );
}

/** Everyone with the sponsor role, a hundred at a time (the route's largest page). */
async function loadSponsors(): Promise<Person[]> {
  const people: Person[] = [];
  let cursor: string | undefined;
  // Enough pages for any organisation's sponsors; stops at the last page.
  for (let page = 0; page < 50; page++) {
    const result = await call(
      api.people.$get({ query: { role: "sponsor", limit: "100", ...(cursor ? { cursor } : {}) } }),
    );
    people.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return people;
}

const ALLOCATION_PLACES: Record<string, FieldPlace> = {
  periodId: { fieldId: "alloc-period", label: "Period" },
  sponsorId: { fieldId: "alloc-sponsor", label: "Sponsor" },
  amount: { fieldId: "alloc-amount", label: "Amount" },
  memo: { fieldId: "alloc-memo", label: "Memo" },
};
const locateAllocation = (path: string) => ALLOCATION_PLACES[path] ?? null;

/** Gives a sponsor budget for a period, or takes back what is still free (a negative amount). */
export function AllocateSection({
  periods,
  onAllocated,
}: {
  periods: Loaded<{ items: BudgetPeriod[] }>;
  onAllocated?: () => void;
}) {
  const org = useOrg();
  const currency = org?.currency ?? "USD";
  const sponsors = useResource(loadSponsors, "sponsors:all");
  const periodItems = periods.status === "ready" ? periods.value.items : [];
  const sponsorItems = sponsors.loaded.status === "ready" ? sponsors.loaded.value : [];
  const [periodId, setPeriodId] = useState("");
  const [sponsorId, setSponsorId] = useState("");
  const [amount, setAmount] = useState("");
  const [memo, setMemo] = useState("");
  const { busy: sending, run } = useAction();
  const [result, setResult] = useState<{ budget: Budget; moved: number } | null>(null);
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();
  const key = useIdempotencyKey();

  // Default to the current period (or the newest) once the periods arrive, and keep a valid choice.
  useEffect(() => {
    if (periodItems.some((p) => p.id === periodId)) return;
    setPeriodId((periodItems.find((p) => p.current) ?? periodItems[0])?.id ?? "");
  }, [periodItems.map((p) => p.id).join()]);

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    const messages: Record<string, string> = {};
    const parsed = parseMajorToMinor(amount, { currency, allowNegative: true, required: true });
    if (!periodId) messages.periodId = "Choose a period.";
    if (!sponsorId) messages.sponsorId = "Choose a sponsor.";
    if (!parsed.ok) messages.amount = parsed.message;
    else if (parsed.minor === 0) messages.amount = "An allocation of 0 changes nothing.";
    setResult(null);
    if (Object.keys(messages).length || !parsed.ok || parsed.minor === null) {
      fail(problemsFrom(messages, locateAllocation));
      return;
    }
    const moved = parsed.minor;
    clearFailure();
    await run(
      async () => {
        const budget = await call(
          api.admin.allocations.$post({
            header: { "idempotency-key": key.current() },
            json: { periodId, sponsorId, amount: moved, memo: memo.trim() },
          }),
        );
        key.settle();
        clearProblems();
        setAmount("");
        setMemo("");
        setResult({ budget, moved });
        onAllocated?.();
      },
      {
        fail: (error) => {
          key.settle(error);
          const words = idempotentFailure(error, "Allocate");
          if (words) fail(problemsFrom({}, locateAllocation), words);
          else failWith(error, (fields) => problemsFrom(fields, locateAllocation));
        },
      },
    );
  }

  const money = (minor: number) => formatMoney(minor, result?.budget.currency ?? currency);

  return (
    <section class="section-card" aria-labelledby="allocate-heading">
      <h2 id="allocate-heading">Allocate a budget</h2>
      <p>
        Each allocation is a new ledger entry. A negative amount takes money back, but never more than the budget still
        has free. <a href="/budgets">See every budget</a>.
      </p>
      {sponsors.loaded.status === "error" && (
        <Alert title="The sponsors could not be loaded" onRetry={sponsors.reload}>
          {sponsors.loaded.message}
        </Alert>
      )}
      {periods.status === "ready" && periodItems.length === 0 && (
        <Alert kind="info" title="No budget period yet">
          Create a budget period above first.
        </Alert>
      )}
      {sponsors.loaded.status === "ready" && sponsorItems.length === 0 && (
        <Alert kind="info" title="No sponsors yet">
          Give someone the sponsor role (import them with the role <code>sponsor</code>) before allocating a budget.
        </Alert>
      )}
      <form onSubmit={submit} noValidate aria-labelledby="allocate-heading">
        <div role="status">
          {result && (
            <div class="alert alert-success">
              <p class="alert-title">
                {result.moved > 0
                  ? `Allocated ${money(result.moved)} to ${result.budget.sponsor.name} for ${result.budget.period.name}.`
                  : `Took ${money(-result.moved)} back from ${result.budget.sponsor.name}'s ${result.budget.period.name} budget.`}
              </p>
              <dl class="facts money-facts">
                <dt>Allocated</dt>
                <dd>{money(result.budget.allocated)}</dd>
                <dt>Pledged</dt>
                <dd>{money(result.budget.pledged)}</dd>
                <dt>Spent</dt>
                <dd>{money(result.budget.spent)}</dd>
                <dt>Returned</dt>
                <dd>{money(result.budget.returned)}</dd>
                <dt>Remaining</dt>
                <dd>{money(result.budget.remaining)}</dd>
              </dl>
            </div>
          )}
        </div>
        <ErrorSummary items={problems.summary} attempt={attempt} />
        {failure && <Alert title="Nothing was allocated">{failure}</Alert>}
        <div class="row-grid">
          <SelectField
            id="alloc-period"
            label="Period"
            value={periodId}
            onChange={setPeriodId}
            error={err("alloc-period")}
          >
            {periods.status !== "ready" && <option value="">Loading periods…</option>}
            {periodItems.map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.name} (${periodStatus(p).toLowerCase()})`}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="alloc-sponsor"
            label="Sponsor"
            value={sponsorId}
            onChange={setSponsorId}
            error={err("alloc-sponsor")}
          >
            <option value="">{sponsors.loaded.status === "loading" ? "Loading sponsors…" : "Choose a sponsor"}</option>
            {sponsorItems.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title ? `${p.name} — ${p.title}` : p.name}
              </option>
            ))}
          </SelectField>
          <TextField
            id="alloc-amount"
            label="Amount"
            hint={`In ${currency}; negative to reduce, e.g. -5,000`}
            autoComplete="off"
            value={amount}
            onInput={setAmount}
            error={err("alloc-amount")}
          />
          <TextField
            id="alloc-memo"
            label="Memo"
            hint="Optional: why, for the ledger"
            maxLength={500}
            value={memo}
            onInput={setMemo}
            error={err("alloc-memo")}
          />
        </div>
        <button type="submit" class="button" disabled={sending}>
          {sending ? "Allocating…" : "Allocate"}
        </button>
      </form>
    </section>
  );
}
