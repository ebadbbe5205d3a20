import { useEffect, useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { ErrorSummary } from "../../components/error-summary";
import { Field, SelectField, TextAreaField, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { KpiChart } from "../../components/kpi-chart";
import { SubmitOrCancel } from "../../components/submit-or-cancel";
import { UpdateItem } from "../../components/update-item";
import { api } from "../../lib/api";
import { isOnTeam } from "../../lib/credit-words";
import { absoluteTime, formatDate, formatDay, parseNumber, todayIso } from "../../lib/format";
import { call, messageOf } from "../../lib/http";
import type { Challenge, Milestone, Progress, Team, Update } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { type Loaded, useResource } from "../../lib/use-resource";
import { me } from "../../state/session";
import { type Feed, useFeed } from "./use-feed";

/** Stages in which the team reports progress (worker/routes/credit.ts). */
export const PROGRESS_STAGES: readonly string[] = ["open", "funded", "active"];
const MAX_CHECKINS = 10;

const MILESTONE_LABELS: Record<Milestone["status"], string> = {
  planned: "Planned",
  done: "Done",
  slipped: "Slipped",
};
const MILESTONE_TONES: Record<Milestone["status"], string> = {
  planned: "status-required",
  done: "status-approved",
  slipped: "status-pending",
};

/**
 * Status without meetings (SPEC §6): the milestones, each KPI's check-ins against baseline and
 * target, and the team's updates. The team (lead, co-lead, members) plans milestones and posts
 * updates while the challenge is open, funded or active; everyone who can see it reads them.
 */
export function ProgressSection({
  challenge: ch,
  team,
  onActivity,
}: {
  challenge: Challenge;
  team: Loaded<Team>;
  onActivity: () => void;
}) {
  const id = ch.id;
  const progress = useResource(() => call(api.challenges[":id"].progress.$get({ param: { id } })), `progress:${id}`);
  const updates = useFeed(
    (cursor) =>
      call(
        api.challenges[":id"].updates.$get({ param: { id }, query: { limit: "10", ...(cursor ? { cursor } : {}) } }),
      ),
    id,
  );
  const [done, setDone] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const onTeam = isOnTeam(team.status === "ready" ? team.value : null, me.value?.id);
  const canReport = onTeam && PROGRESS_STAGES.includes(ch.stage);

  return (
    <section class="section-card" aria-labelledby="progress-heading">
      <h2 id="progress-heading" ref={headingRef} tabIndex={-1}>
        Progress
      </h2>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {onTeam && !canReport && (
        <p class="muted small">
          Progress is reported while a challenge is open, funded or active; this one is {ch.stage}.
        </p>
      )}
      {progress.loaded.status === "loading" && <Loading label="Loading milestones and KPIs…" />}
      {progress.loaded.status === "error" && (
        <Alert title="Milestones and KPIs could not be loaded" onRetry={progress.reload}>
          {progress.loaded.message}
        </Alert>
      )}
      {progress.loaded.status === "ready" && (
        <>
          <Milestones
            progress={progress.loaded.value}
            canChange={canReport}
            onChanged={(next, words) => {
              progress.set(next);
              setDone(words);
              onActivity();
            }}
            clearDone={() => setDone("")}
          />
          {canReport && (
            <AddMilestoneForm
              challengeId={id}
              onAdded={(words) => {
                progress.refresh();
                setDone(words);
                onActivity();
              }}
              clearDone={() => setDone("")}
            />
          )}
          <KpiProgressList progress={progress.loaded.value} />
        </>
      )}
      <h3 id="updates-heading">Updates</h3>
      {canReport && (
        <PostUpdateForm
          challenge={ch}
          onPosted={(update) => {
            updates.prepend(update);
            if (update.checkins.length) progress.refresh();
            setDone("Your update is posted. The team and the challenge's followers see it in their feed.");
            onActivity();
          }}
          clearDone={() => setDone("")}
        />
      )}
      <UpdateFeed feed={updates.feed} onMore={updates.loadMore} onRetry={updates.refresh} />
    </section>
  );
}

function Milestones({
  progress,
  canChange,
  onChanged,
  clearDone,
}: {
  progress: Progress;
  canChange: boolean;
  onChanged: (next: Progress, words: string) => void;
  clearDone: () => void;
}) {
  const [slipping, setSlipping] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const { busy, run } = useAction();
  const [error, setError] = useState<{ at: string; message: string } | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (slipping) document.getElementById(`slip-reason-${slipping}`)?.focus();
  }, [slipping]);

  async function change(m: Milestone, json: { status: "done" } | { status: "slipped"; slipReason: string }) {
    setError(null);
    clearDone();
    await run(
      async () => {
        const next = await call(api.milestones[":id"].$patch({ param: { id: m.id }, json }));
        setSlipping(null);
        setReason("");
        onChanged(
          { ...progress, milestones: progress.milestones.map((x) => (x.id === next.id ? next : x)) },
          json.status === "done"
            ? `“${m.title}” is marked done.`
            : `“${m.title}” is marked slipped; the team is told why.`,
        );
        // The pressed button is gone with the change: keep focus on the same milestone.
        requestAnimationFrame(() => document.getElementById(`milestone-${m.id}`)?.focus());
      },
      {
        fail: (err) => {
          setError({ at: m.id, message: messageOf(err) });
        },
      },
    );
  }

  function slip(m: Milestone) {
    if (reason.trim().length < 3) {
      setReasonError("Say why it slipped, so the team knows without a meeting.");
      document.getElementById(`slip-reason-${m.id}`)?.focus();
      return;
    }
    setReasonError(undefined);
    change(m, { status: "slipped", slipReason: reason.trim() });
  }

  return (
    <>
      <h3 id="milestones-heading">Milestones</h3>
      {progress.milestones.length === 0 ? (
        <p class="muted">
          {canChange ? "No milestones yet. Add the first one below." : "The team has not planned milestones yet."}
        </p>
      ) : (
        <ol class="plain-list milestone-list">
          {progress.milestones.map((m) => (
            <li key={m.id} id={`milestone-${m.id}`} class="milestone" tabIndex={-1}>
              <div class="cluster">
                <strong class="milestone-title">{m.title}</strong>
                <span class={`badge role ${MILESTONE_TONES[m.status]}`}>{MILESTONE_LABELS[m.status]}</span>
                {m.overdue && <span class="badge role status-declined">Overdue</span>}
              </div>
              <p class="muted small milestone-facts">
                Due <time dateTime={m.dueOn}>{formatDay(m.dueOn)}</time>
                {m.doneAt && (
                  <>
                    {" · done "}
                    <time dateTime={m.doneAt} title={absoluteTime(m.doneAt)}>
                      {formatDate(m.doneAt)}
                    </time>
                  </>
                )}
              </p>
              {m.status === "slipped" && m.slipReason && (
                <p class="small milestone-reason">
                  <span class="coverage-name">Why it slipped:</span> {m.slipReason}
                </p>
              )}
              {canChange && m.status !== "done" && (
                <div class="button-row record-actions">
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    aria-label={`Mark done: ${m.title}`}
                    disabled={busy}
                    onClick={() => change(m, { status: "done" })}
                  >
                    Mark done
                  </button>
                  {m.status === "planned" && (
                    <button
                      type="button"
                      class="button button-secondary button-small"
                      aria-label={`Mark slipped: ${m.title}`}
                      aria-expanded={slipping === m.id ? "true" : "false"}
                      disabled={busy}
                      onClick={(e) => {
                        opener.current = e.currentTarget;
                        clearDone();
                        setReason("");
                        setReasonError(undefined);
                        setSlipping(m.id);
                      }}
                    >
                      Mark slipped
                    </button>
                  )}
                </div>
              )}
              {error?.at === m.id && <Alert title="The milestone was not changed">{error.message}</Alert>}
              {slipping === m.id && (
                <div class="confirm-box">
                  <TextAreaField
                    id={`slip-reason-${m.id}`}
                    label="Why did it slip?"
                    hint="The team is told, with your reason."
                    maxLength={2000}
                    value={reason}
                    onInput={setReason}
                    error={reasonError}
                  />
                  <SubmitOrCancel
                    label="Mark as slipped"
                    busyLabel="Saving…"
                    busy={busy}
                    onSubmit={() => slip(m)}
                    onCancel={() => {
                      setSlipping(null);
                      requestAnimationFrame(() => opener.current?.focus());
                    }}
                  />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

const MILESTONE_PLACES: Record<string, FieldPlace> = {
  title: { fieldId: "milestone-title", label: "Milestone" },
  dueOn: { fieldId: "milestone-due", label: "Due on" },
};

function AddMilestoneForm({
  challengeId,
  onAdded,
  clearDone,
}: {
  challengeId: string;
  onAdded: (words: string) => void;
  clearDone: () => void;
}) {
  const [title, setTitle] = useState("");
  const [dueOn, setDueOn] = useState("");
  const { busy: sending, run } = useAction();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();
  const locate = (path: string) => MILESTONE_PLACES[path] ?? null;

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    clearDone();
    const messages: Record<string, string> = {};
    if (title.trim().length < 3) messages.title = "Name the milestone (at least 3 characters).";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn)) messages.dueOn = "Enter the date it is due.";
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locate));
      return;
    }
    clearFailure();
    await run(
      async () => {
        await call(
          api.challenges[":id"].milestones.$post({ param: { id: challengeId }, json: { title: title.trim(), dueOn } }),
        );
        clearProblems();
        onAdded(`Milestone “${title.trim()}” added, due ${formatDay(dueOn)}.`);
        setTitle("");
        setDueOn("");
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
  }

  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <h4 id="add-milestone-heading" class="form-title">
        Add a milestone
      </h4>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The milestone was not added">{failure}</Alert>}
      <div class="row-grid">
        <TextField
          id="milestone-title"
          label="Milestone"
          maxLength={200}
          autoComplete="off"
          value={title}
          onInput={setTitle}
          error={err("milestone-title")}
        />
        <Field id="milestone-due" label="Due on" error={err("milestone-due")}>
          {(control) => (
            <input {...control} type="date" value={dueOn} onInput={(e) => setDueOn(e.currentTarget.value)} />
          )}
        </Field>
      </div>
      <button type="submit" class="button button-secondary" disabled={sending}>
        {sending ? "Adding…" : "Add milestone"}
      </button>
    </form>
  );
}

function KpiProgressList({ progress }: { progress: Progress }) {
  return (
    <>
      <h3 id="kpi-progress-heading">KPIs over time</h3>
      {progress.kpis.length === 0 ? (
        <p class="muted">This challenge has no KPIs to report against.</p>
      ) : (
        <ul class="plain-list kpi-chart-list">
          {progress.kpis.map((k) => (
            <li key={k.id}>
              <h4 class="kpi-chart-title">
                {k.name}
                <span class="muted small"> ({k.direction === "up" ? "higher is better" : "lower is better"})</span>
              </h4>
              <KpiChart kpi={k} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

interface CheckinRow {
  key: number;
  kpiId: string;
  value: string;
  measuredOn: string;
}

const checkinField = (key: number, part: "kpi" | "value" | "on") => `checkin-${key}-${part}`;

function PostUpdateForm({
  challenge: ch,
  onPosted,
  clearDone,
}: {
  challenge: Challenge;
  onPosted: (update: Update) => void;
  clearDone: () => void;
}) {
  const [body, setBody] = useState("");
  const [rows, setRows] = useState<CheckinRow[]>([]);
  const { busy: sending, run } = useAction();
  const nextKey = useRef(1);
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  function locate(path: string): FieldPlace | null {
    if (path === "body") return { fieldId: "update-body", label: "Update" };
    const match = /^checkins\.(\d+)\.(kpiId|value|measuredOn)/.exec(path);
    const row = match ? rows[Number(match[1])] : undefined;
    if (!match || !row) return path.startsWith("checkins") ? { fieldId: "add-checkin", label: "Check-ins" } : null;
    const n = Number(match[1]) + 1;
    if (match[2] === "kpiId") return { fieldId: checkinField(row.key, "kpi"), label: `Check-in ${n} KPI` };
    if (match[2] === "value") return { fieldId: checkinField(row.key, "value"), label: `Check-in ${n} value` };
    return { fieldId: checkinField(row.key, "on"), label: `Check-in ${n} date` };
  }

  function setRow(key: number, changes: Partial<CheckinRow>) {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...changes } : r)));
  }

  function addRow() {
    const key = nextKey.current++;
    setRows((all) => [
      ...all,
      { key, kpiId: ch.kpis.length === 1 ? (ch.kpis[0]?.id ?? "") : "", value: "", measuredOn: todayIso() },
    ]);
    requestAnimationFrame(() => document.getElementById(checkinField(key, "kpi"))?.focus());
  }

  function removeRow(index: number) {
    const remaining = rows.filter((_, i) => i !== index);
    setRows(remaining);
    const neighbour = remaining[index] ?? remaining[index - 1];
    requestAnimationFrame(() =>
      document.getElementById(neighbour ? checkinField(neighbour.key, "kpi") : "add-checkin")?.focus(),
    );
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    clearDone();
    const messages: Record<string, string> = {};
    if (!body.trim()) messages.body = "Write the update: what moved, what is blocked, what comes next.";
    const checkins = rows.map((r, i) => {
      const value = parseNumber(r.value);
      if (!r.kpiId) messages[`checkins.${i}.kpiId`] = "Choose the KPI this value measures.";
      if (value === null) messages[`checkins.${i}.value`] = "Enter a number, like 24 or 3.5.";
      if (!/^\d{4}-\d{2}-\d{2}$/.test(r.measuredOn))
        messages[`checkins.${i}.measuredOn`] = "Enter the date it was measured.";
      else if (r.measuredOn > todayIso())
        messages[`checkins.${i}.measuredOn`] = "Report a value already measured, not ahead.";
      return { kpiId: r.kpiId, value: value ?? 0, measuredOn: r.measuredOn };
    });
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locate));
      return;
    }
    clearFailure();
    await run(
      async () => {
        const update = await call(
          api.challenges[":id"].updates.$post({ param: { id: ch.id }, json: { body: body.trim(), checkins } }),
        );
        clearProblems();
        setBody("");
        setRows([]);
        onPosted(update);
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
  }

  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <h4 id="post-update-heading" class="form-title">
        Post an update
      </h4>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="Your update was not posted">{failure}</Alert>}
      <TextAreaField
        id="update-body"
        label="Update"
        hint="Markdown. What moved, what is blocked, what comes next."
        maxLength={20_000}
        value={body}
        onInput={setBody}
        error={err("update-body")}
      />
      {rows.map((r, i) => (
        <fieldset key={r.key} class="row-card checkin-row">
          <legend class="row-card-title">Check-in {i + 1}</legend>
          <div class="row-grid">
            <SelectField
              id={checkinField(r.key, "kpi")}
              label="Check-in KPI"
              value={r.kpiId}
              onChange={(kpiId) => setRow(r.key, { kpiId })}
              error={err(checkinField(r.key, "kpi"))}
              class="field wide"
            >
              <option value="">Choose…</option>
              {ch.kpis.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name}
                  {k.unit ? ` (${k.unit})` : ""}
                </option>
              ))}
            </SelectField>
            <TextField
              id={checkinField(r.key, "value")}
              label="Value"
              inputMode="decimal"
              autoComplete="off"
              value={r.value}
              onInput={(value) => setRow(r.key, { value })}
              error={err(checkinField(r.key, "value"))}
            />
            <Field id={checkinField(r.key, "on")} label="Measured on" error={err(checkinField(r.key, "on"))}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  max={todayIso()}
                  value={r.measuredOn}
                  onInput={(e) => setRow(r.key, { measuredOn: e.currentTarget.value })}
                />
              )}
            </Field>
          </div>
          <button type="button" class="button button-ghost button-small" onClick={() => removeRow(i)}>
            Remove check-in {i + 1}
          </button>
        </fieldset>
      ))}
      <div class="button-row">
        {ch.kpis.length > 0 && rows.length < MAX_CHECKINS && (
          <button id="add-checkin" type="button" class="button button-secondary button-small" onClick={addRow}>
            Add a KPI check-in
          </button>
        )}
        <button type="submit" class="button" disabled={sending}>
          {sending ? "Posting…" : "Post update"}
        </button>
      </div>
    </form>
  );
}

function UpdateFeed({ feed, onMore, onRetry }: { feed: Feed<Update>; onMore: () => void; onRetry: () => void }) {
  return (
    <>
      {feed.error && (
        <Alert title="Updates could not be loaded" onRetry={onRetry}>
          {feed.error}
        </Alert>
      )}
      {feed.items.length === 0 && !feed.loading && !feed.error && <p class="muted">No updates yet.</p>}
      {feed.items.length > 0 && (
        <ol class="plain-list update-list">
          {feed.items.map((u) => (
            <li key={u.id} class="update-entry">
              <UpdateItem update={u} />
            </li>
          ))}
        </ol>
      )}
      {feed.loading && <Loading label="Loading updates…" />}
      {feed.nextCursor && !feed.loading && (
        <button type="button" class="button button-secondary button-small" onClick={onMore}>
          Load more updates
        </button>
      )}
    </>
  );
}
