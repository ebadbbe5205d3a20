import { useEffect, useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { ErrorSummary } from "../../components/error-summary";
import { SelectField, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { FundingProgress } from "../../components/funding-progress";
import { ModalDialog } from "../../components/modal-dialog";
import { SubmitOrCancel } from "../../components/submit-or-cancel";
import { api } from "../../lib/api";
import { ApiError, call } from "../../lib/http";
import { idempotentFailure, useIdempotencyKey } from "../../lib/idempotency";
import { formatMoney, parseMajorToMinor } from "../../lib/money";
import type { Budget, Challenge, ChallengeLedger } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { useResource } from "../../lib/use-resource";

/** What the pledge route answers. */
export type PledgeResult = { funded: boolean; ledger: ChallengeLedger };

/**
 * Whether a pledge of `minor` meets the ask, so the challenge becomes funded and its pledges lock:
 * it covers all that is still needed (the server's `stillNeeded`, worker/domain/ledger.ts), or it is
 * the first endorsement of an ask of 0 (worker/domain/lifecycle.ts `isFullyFunded`).
 */
export function completesAsk(ch: Challenge, minor: number | null): boolean {
  if (minor === null || ch.stage !== "open") return false;
  if ((ch.fundingAsk ?? 0) === 0) return minor === 0 && ch.funding.pledgeCount === 0;
  return ch.funding.stillNeeded > 0 && minor >= ch.funding.stillNeeded;
}

/** Sponsors with a pledge that was not withdrawn, when the ledger is readable. */
function sponsorCount(ledger: ChallengeLedger | null): number | null {
  if (!ledger) return null;
  return new Set(ledger.pledges.filter((p) => p.status !== "withdrawn").map((p) => p.sponsor.id)).size;
}

/** The challenge's funding at a glance, and the sponsor's way to pledge. */
export function FundingCard({
  challenge: ch,
  ledger,
  onPledged,
  onStale,
  pledgeAsked = 0,
}: {
  challenge: Challenge;
  ledger: ChallengeLedger | null;
  onPledged: (result: PledgeResult) => void;
  /** A refusal showed the page is out of date (funded meanwhile): read the challenge again. */
  onStale: () => void;
  /** Counts the page's requests to open the pledge dialog (the header's Pledge button). */
  pledgeAsked?: number;
}) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (pledgeAsked > 0 && ch.viewer.canPledge) {
      setAnnouncement("");
      setOpen(true);
    }
  }, [pledgeAsked]);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After a pledge that funds the challenge the button goes away; focus goes to the panel instead.
  const focusPanel = useRef(false);
  const sponsors = sponsorCount(ledger);

  useEffect(() => {
    if (!ch.viewer.canPledge && focusPanel.current) {
      focusPanel.current = false;
      headingRef.current?.focus();
    }
  }, [ch.viewer.canPledge]);

  return (
    <section class="card funding-card" aria-labelledby="funding-heading">
      <h2 id="funding-heading" ref={headingRef} tabIndex={-1}>
        Funding
      </h2>
      <FundingProgress
        id="challenge-funding"
        ask={ch.fundingAsk}
        pledged={ch.funding.pledged}
        currency={ch.currency}
        stage={ch.stage}
      />
      <dl class="facts">
        {/* Only an open challenge still needs money; once funded or closed the ask is settled. */}
        {ch.stage === "open" && ch.fundingAsk !== null && ch.fundingAsk > 0 && (
          <>
            <dt>Still needed</dt>
            <dd>{formatMoney(ch.funding.stillNeeded, ch.currency)}</dd>
          </>
        )}
        {ch.fundingAsk === 0 && (
          <>
            <dt>Endorsed</dt>
            <dd>{ch.funding.pledgeCount > 0 ? "Yes" : "Not yet"}</dd>
          </>
        )}
        {sponsors === null ? (
          <>
            <dt>Pledges</dt>
            <dd>{new Intl.NumberFormat().format(ch.funding.pledgeCount)}</dd>
          </>
        ) : (
          <>
            <dt>Sponsors</dt>
            <dd>{new Intl.NumberFormat().format(sponsors)}</dd>
          </>
        )}
        {ch.funding.spent > 0 && (
          <>
            <dt>Spent</dt>
            <dd>{formatMoney(ch.funding.spent, ch.currency)}</dd>
          </>
        )}
        {ch.funding.returned > 0 && (
          <>
            <dt>Returned to sponsors</dt>
            <dd>{formatMoney(ch.funding.returned, ch.currency)}</dd>
          </>
        )}
      </dl>
      {ch.stage === "funded" && <p class="muted small">Pledges are locked: the ask is met.</p>}
      <div class="funding-status" role="status">
        {announcement && <p class="alert alert-success">{announcement}</p>}
      </div>
      {ch.viewer.canPledge && (
        <button
          type="button"
          class="button"
          aria-haspopup="dialog"
          onClick={() => {
            setAnnouncement("");
            setOpen(true);
          }}
        >
          Pledge funding
        </button>
      )}
      {ch.viewer.isSponsor && !ch.viewer.canPledge && <p class="muted small">You sponsor this challenge.</p>}
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Pledge funding"
        busy={busy}
        fallbackFocus={() => headingRef.current}
      >
        <PledgeForm
          challenge={ch}
          onBusy={setBusy}
          onStale={onStale}
          onCancel={() => setOpen(false)}
          onDone={(result, words) => {
            setAnnouncement(result.funded ? `${words} The challenge is now funded.` : words);
            focusPanel.current = result.funded;
            setOpen(false);
            onPledged(result);
          }}
        />
      </ModalDialog>
    </section>
  );
}

/** The sponsor's budgets in current periods, from `GET /api/budgets` and the periods' `current` flag. */
async function loadPledgeBudgets(): Promise<Budget[]> {
  const [budgets, periods] = await Promise.all([
    call(api.budgets.$get({ query: {} })),
    call(api["budget-periods"].$get()),
  ]);
  const current = new Set(periods.items.filter((p) => p.current).map((p) => p.id));
  return budgets.items.filter((b) => current.has(b.period.id));
}

const PLACES: Record<string, FieldPlace> = {
  budgetId: { fieldId: "pledge-budget", label: "Budget" },
  amount: { fieldId: "pledge-amount", label: "Amount" },
};
const locate = (path: string) => PLACES[path] ?? null;

function PledgeForm({
  challenge: ch,
  onBusy,
  onStale,
  onCancel,
  onDone,
}: {
  challenge: Challenge;
  onBusy: (busy: boolean) => void;
  onStale: () => void;
  onCancel: () => void;
  onDone: (result: PledgeResult, words: string) => void;
}) {
  const budgets = useResource(loadPledgeBudgets, "pledge-budgets");
  const [budgetId, setBudgetId] = useState("");
  // An ask of 0 (or none) takes an endorsement: a pledge of exactly 0 (worker/domain/ledger.ts).
  const endorsement = (ch.fundingAsk ?? 0) === 0;
  const [amount, setAmount] = useState(endorsement ? "0" : "");
  const { busy: sending, run } = useAction();
  const { problems, failure, attempt, err, fail, failWith, clearFailure } = useFormProblems();
  const key = useIdempotencyKey();
  const selectRef = useRef<HTMLDivElement>(null);
  const items = budgets.loaded.status === "ready" ? budgets.loaded.value : [];
  const budget = items.find((b) => b.id === budgetId);
  const needed = ch.funding.stillNeeded;
  const typed = parseMajorToMinor(amount, { currency: ch.currency, required: true });
  const completes = typed.ok && completesAsk(ch, typed.minor) && (typed.minor ?? 0) <= needed;

  // Once the budgets arrive, choose the first and put focus on the choice.
  useEffect(() => {
    if (budgets.loaded.status !== "ready") return;
    if (!budgetId && items[0]) setBudgetId(items[0].id);
    selectRef.current?.querySelector<HTMLElement>("select, input")?.focus();
  }, [budgets.loaded.status]);

  function check(): { budget: Budget; minor: number } | null {
    const messages: Record<string, string> = {};
    const parsed = parseMajorToMinor(amount, { currency: ch.currency, required: true });
    if (!budget) messages.budgetId = "Choose a budget.";
    if (!parsed.ok) messages.amount = parsed.message;
    else if (parsed.minor !== null) {
      if (endorsement && parsed.minor !== 0) {
        messages.amount = "This challenge asks for no money: endorse it with a pledge of 0.";
      } else if (!endorsement && parsed.minor === 0)
        messages.amount = "Pledge more than 0; this challenge asks for money.";
      else if (!endorsement && parsed.minor > needed)
        messages.amount = `The challenge needs only ${formatMoney(needed, ch.currency)} more.`;
      else if (budget && parsed.minor > budget.remaining)
        messages.amount = `Your ${budget.period.name} budget has ${formatMoney(budget.remaining, ch.currency)} remaining.`;
    }
    if (Object.keys(messages).length || !budget || !parsed.ok || parsed.minor === null) {
      fail(problemsFrom(messages, locate));
      return null;
    }
    return { budget, minor: parsed.minor };
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    const checked = check();
    if (!checked) return;
    onBusy(true);
    clearFailure();
    await run(
      async () => {
        const result = await call(
          api.challenges[":id"].pledges.$post({
            param: { id: ch.id },
            header: { "idempotency-key": key.current() },
            json: { budgetId: checked.budget.id, amount: checked.minor },
          }),
        );
        key.settle();
        onDone(
          result,
          endorsement
            ? `Endorsed with a pledge of ${formatMoney(0, ch.currency)} from your ${checked.budget.period.name} budget.`
            : `Pledged ${formatMoney(checked.minor, ch.currency)} from your ${checked.budget.period.name} budget.`,
        );
      },
      {
        fail: (error) => {
          key.settle(error);
          if (error instanceof ApiError && error.status === 409) onStale();
          const words = idempotentFailure(error, "Pledge");
          if (words) fail(problemsFrom({}, locate), words);
          else failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
    onBusy(false);
  }

  if (budgets.loaded.status === "loading") return <Loading label="Loading your budgets…" />;
  if (budgets.loaded.status === "error") {
    return (
      <>
        <Alert title="Your budgets could not be loaded" onRetry={budgets.reload}>
          {budgets.loaded.message}
        </Alert>
        <div class="button-row">
          <button type="button" class="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </>
    );
  }
  if (items.length === 0) {
    return (
      <>
        <Alert kind="info" title="No budget in the current period">
          You have no budget to pledge from right now. An admin allocates each sponsor a budget per period.
        </Alert>
        <div class="button-row">
          <button type="button" class="button button-secondary" onClick={onCancel}>
            Close
          </button>
        </div>
      </>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <p class="muted small">
        To “{ch.title}”.{endorsement && " It needs no money: a pledge of 0 endorses it."}
      </p>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The pledge was not made">{failure}</Alert>}
      <div ref={selectRef}>
        <SelectField
          id="pledge-budget"
          label="Budget"
          value={budgetId}
          onChange={setBudgetId}
          error={err("pledge-budget")}
        >
          {items.map((b) => (
            <option key={b.id} value={b.id}>
              {`${b.period.name} — ${formatMoney(b.remaining, b.currency)} remaining`}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        id="pledge-amount"
        label="Amount"
        hint={[
          endorsement ? "No money needed" : `Still needed: ${formatMoney(needed, ch.currency)}`,
          budget ? `Budget remaining: ${formatMoney(budget.remaining, budget.currency)}` : null,
        ]
          .filter(Boolean)
          .join(" · ")}
        inputMode="decimal"
        autoComplete="off"
        value={amount}
        onInput={setAmount}
        error={err("pledge-amount")}
      />
      <div aria-live="polite">
        {completes && (
          <p class="alert alert-info small">
            {endorsement
              ? "This endorsement completes the ask: the challenge becomes funded and pledges lock."
              : "This pledge completes the ask: the challenge becomes funded and pledges lock."}
          </p>
        )}
      </div>
      <SubmitOrCancel label="Pledge" busyLabel="Pledging…" busy={sending} onCancel={onCancel} />
    </form>
  );
}
