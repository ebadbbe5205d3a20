import { useRef, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { Alert, FailedPage, Loading } from "../../components/alert";
import { TextAreaField, TextField } from "../../components/field";
import { LendLoad } from "../../components/lend-load";
import { NotFoundMessage } from "../../components/not-found";
import { api } from "../../lib/api";
import { formatDate, formatDay, plural, withUnit } from "../../lib/format";
import { call } from "../../lib/http";
import { useAction } from "../../lib/use-action";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import "./lend.css";

type Report = Awaited<ReturnType<typeof loadReport>>;
const loadReport = (id: string) => call(api.lends[":id"].report.$get({ param: { id } }));

const STATE_WORDS: Record<Report["lend"]["state"], string> = {
  pending: "Waiting for the manager",
  declined: "Declined",
  live: "Running",
  ended: "Ended",
  recalled: "Recalled early",
};

/**
 * A lending agreement (/lends/:id) and its return report (/lends/:id/report): the time share and
 * dates, what can still be done with it (extend, end, recall), and what the person did on the
 * challenge: confirmed credit, endorsements and the challenge's outcomes.
 */
export default function LendPage() {
  const { params } = useRoute();
  const id = params.id;
  const { loaded, reload } = useResource(() => loadReport(id), `lend-report:${id}`);
  const title =
    loaded.status === "ready"
      ? `${closed(loaded.value) ? "Return report" : "Lend"}: ${loaded.value.lend.person.name} on ${loaded.value.lend.challenge.title}`
      : loaded.status === "error"
        ? loaded.notFound
          ? "Lend not found"
          : "The lend could not be loaded"
        : "Loading the lend";
  useTitle(title);

  if (loaded.status === "loading") return <Loading label="Loading the lend…" />;
  if (loaded.status === "error") {
    if (loaded.notFound)
      return <NotFoundMessage what="Lend" message="This lend does not exist, or you may not see it." />;
    return (
      <FailedPage title="The lend could not be loaded" onRetry={reload}>
        {loaded.message}
      </FailedPage>
    );
  }
  return <LendView report={loaded.value} onChanged={reload} />;
}

const closed = (r: Report) => r.lend.state === "ended" || r.lend.state === "recalled";

function LendView({ report, onChanged }: { report: Report; onChanged: () => void }) {
  const { lend } = report;
  const [done, setDone] = useState("");
  return (
    <div class="page medium lend-page">
      <p class="breadcrumb">
        <a href="/inbox">Inbox</a>
      </p>
      <h1>
        {closed(report) ? "Return report: " : "Lend: "}
        {lend.person.name} on {lend.challenge.title}
      </h1>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      <section class="section-card" aria-labelledby="agreement-heading">
        <h2 id="agreement-heading">The agreement</h2>
        <dl class="facts">
          <dt>Person</dt>
          <dd>
            <a href={`/people/${lend.person.id}`}>{lend.person.name}</a>, lent by{" "}
            <a href={`/people/${lend.manager.id}`}>{lend.manager.name}</a>
          </dd>
          <dt>Challenge</dt>
          <dd>
            <a href={`/challenges/${lend.challenge.id}`}>{lend.challenge.title}</a>
          </dd>
          <dt>Time share</dt>
          <dd>{lend.sharePercent}% of their time</dd>
          <dt>Dates</dt>
          <dd>
            {lend.startsOn ? formatDay(lend.startsOn) : "Not started"} to{" "}
            {lend.endsOn ? formatDay(lend.endsOn) : "not set"}
          </dd>
          <dt>State</dt>
          <dd>
            {STATE_WORDS[lend.state]}
            {lend.closedAt ? ` on ${formatDate(lend.closedAt)}` : ""}
            {lend.recallReason ? `: “${lend.recallReason}”` : ""}
          </dd>
        </dl>
        {lend.state === "live" && <LendLoad lend={lend} />}
        {(report.viewer.canExtendOrEnd || report.viewer.canRecall) && (
          <LendActions
            report={report}
            onDone={(words) => {
              setDone(words);
              onChanged();
            }}
          />
        )}
      </section>
      <CreditSection report={report} />
      <OutcomesSection report={report} />
    </div>
  );
}

function LendActions({ report, onDone }: { report: Report; onDone: (words: string) => void }) {
  const { lend, viewer } = report;
  const name = lend.person.name;
  const [endsOn, setEndsOn] = useState("");
  const [reason, setReason] = useState("");
  const [fieldError, setFieldError] = useState<{ endsOn?: string; reason?: string }>({});
  const { pending, error, run } = useAction<"extend" | "end" | "recall">();
  const reasonRef = useRef<HTMLDivElement>(null);

  const extend = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(endsOn)) return setFieldError({ endsOn: "Give the new end date as YYYY-MM-DD." });
    setFieldError({});
    run(
      async () => {
        await call(api.lends[":id"].extend.$post({ param: { id: lend.id }, json: { endsOn } }));
        onDone(`The lend now runs until ${formatDay(endsOn)}.`);
      },
      { tag: "extend" },
    );
  };
  const end = () =>
    run(
      async () => {
        await call(api.lends[":id"].end.$post({ param: { id: lend.id } }));
        onDone(`The lend has ended. ${name}'s credit stays theirs; the return report is below.`);
      },
      { tag: "end" },
    );
  const recall = () => {
    if (!reason.trim()) {
      setFieldError({ reason: "Say why, so the lead knows." });
      reasonRef.current?.querySelector("textarea")?.focus();
      return;
    }
    setFieldError({});
    run(
      async () => {
        await call(api.lends[":id"].recall.$post({ param: { id: lend.id }, json: { reason: reason.trim() } }));
        onDone(`You recalled ${name}. The lead sees your reason, and the seat is open again.`);
      },
      { tag: "recall" },
    );
  };

  return (
    <div class="lend-actions stack">
      {error && <Alert title="That did not work">{error}</Alert>}
      {viewer.canExtendOrEnd && (
        <div class="cluster lend-extend">
          <TextField
            id="lend-new-end"
            label="New end date"
            hint="YYYY-MM-DD, later than the current end."
            value={endsOn}
            onInput={setEndsOn}
            error={fieldError.endsOn}
          />
          <button type="button" class="button button-secondary" disabled={pending !== null} onClick={extend}>
            {pending === "extend" ? "Extending…" : "Extend the lend"}
          </button>
          <button type="button" class="button button-ghost" disabled={pending !== null} onClick={end}>
            {pending === "end" ? "Ending…" : "End the lend now"}
          </button>
        </div>
      )}
      {viewer.canRecall && (
        <div class="lend-recall" ref={reasonRef}>
          <TextAreaField
            id="lend-recall-reason"
            label="Why you are recalling them early"
            hint="Required. The lead sees it; the seat opens for someone else."
            value={reason}
            onInput={setReason}
            maxLength={2000}
            error={fieldError.reason}
          />
          <button type="button" class="button button-danger" disabled={pending !== null} onClick={recall}>
            {pending === "recall" ? "Recalling…" : `Recall ${name}`}
          </button>
        </div>
      )}
    </div>
  );
}

function CreditSection({ report }: { report: Report }) {
  const { credit, totals, lend } = report;
  return (
    <section class="section-card" aria-labelledby="report-credit-heading">
      <h2 id="report-credit-heading">Confirmed credit</h2>
      <p>
        {plural(totals.confirmed, "confirmed contribution")}, {plural(totals.hours, "hour")},{" "}
        {plural(totals.endorsements, "endorsement")} on {lend.challenge.title}.
      </p>
      {credit.length === 0 ? (
        <p class="muted">No confirmed credit on this challenge yet.</p>
      ) : (
        <ul class="plain-list lend-credit">
          {credit.map((k) => (
            <li key={k.id}>
              <p>
                <strong>{k.description}</strong>{" "}
                <span class="muted small">
                  {k.type}
                  {k.hours ? `, ${plural(k.hours, "hour")}` : ""}
                  {k.confirmedAt ? `, confirmed ${formatDate(k.confirmedAt)}` : ""}
                </span>
              </p>
              {k.endorsements.length > 0 && (
                <ul class="small lend-endorsements">
                  {k.endorsements.map((e) => (
                    <li key={e.id}>
                      Endorsed by <a href={`/people/${e.endorser.id}`}>{e.endorser.name}</a>
                      {e.note ? `: “${e.note}”` : ""}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OutcomesSection({ report }: { report: Report }) {
  const { kpis, decisions } = report.outcomes;
  return (
    <section class="section-card" aria-labelledby="report-outcomes-heading">
      <h2 id="report-outcomes-heading">The challenge's outcomes</h2>
      {kpis.length === 0 ? (
        <p class="muted">The challenge has no KPIs.</p>
      ) : (
        <ul class="plain-list">
          {kpis.map((k) => (
            <li key={k.id}>
              <strong>{k.name}</strong>: {k.latest === null ? "not measured yet" : withUnit(k.latest, k.unit)}
              {k.measuredOn ? ` on ${formatDay(k.measuredOn)}` : ""}{" "}
              <span class="muted small">
                (from {withUnit(k.baseline, k.unit)}, target {withUnit(k.target, k.unit)})
              </span>
            </li>
          ))}
        </ul>
      )}
      {decisions.length > 0 && (
        <>
          <h3>Decisions</h3>
          <ul class="plain-list">
            {decisions.map((d) => (
              <li key={d.id}>
                Cycle {d.cycle}: <strong>{d.decision}</strong>
                {d.rationale ? `: ${d.rationale}` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
