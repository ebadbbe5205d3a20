import { useEffect, useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { ErrorSummary } from "../../components/error-summary";
import { SelectField, TextAreaField, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { Markdown } from "../../components/markdown";
import { api } from "../../lib/api";
import { outcomeLabel } from "../../lib/credit-words";
import { formatDate, parseNumber, withUnit } from "../../lib/format";
import { call, messageOf } from "../../lib/http";
import { DECISION_OPTIONS } from "../../lib/review-words";
import type { Challenge, DecisionOutcome, Showcase, ShowcaseView, Team } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { type Loaded, useResource } from "../../lib/use-resource";
import { DecisionsSection, QuestionsSection, ReviewsSection } from "./review";

/** Stages that have (or are writing) an outcome showcase. */
export const SHOWCASE_STAGES: readonly string[] = ["active", "showcase", "reviewed", "archived"];

const MAX_LINKS = 20;

/**
 * The outcome showcase and its leadership review (SPEC §6, §8), from one read of
 * `GET /api/challenges/:id/showcase`: the showcase of each cycle (and the editor for the leads
 * while the challenge is active), the reviews, the question threads and the decisions.
 */
export function ShowcaseArea({
  challenge: ch,
  team,
  onChallengeChanged,
  onStale,
  onActivity,
}: {
  challenge: Challenge;
  team: Loaded<Team>;
  /** A stage change the area made (submitting the showcase), with words for it. */
  onChallengeChanged: (next: Challenge, message: string) => void;
  /** The challenge changed on the server (a decision): read it again. */
  onStale: () => void;
  onActivity: () => void;
}) {
  const view = useResource(
    () => call(api.challenges[":id"].showcase.$get({ param: { id: ch.id } })),
    `showcase:${ch.id}`,
  );
  // Submitting and deciding move the stage, which changes what each viewer may do here.
  const stageKey = `${ch.stage}:${ch.cycle}`;
  const seen = useRef(stageKey);
  useEffect(() => {
    if (seen.current === stageKey) return;
    seen.current = stageKey;
    view.refresh();
  }, [stageKey]);

  if (view.loaded.status !== "ready") {
    return (
      <section class="section-card" aria-labelledby="showcase-heading">
        <h2 id="showcase-heading">Showcase</h2>
        {view.loaded.status === "loading" ? (
          <Loading label="Loading the showcase…" />
        ) : (
          <Alert title="The showcase could not be loaded" onRetry={view.reload}>
            {view.loaded.message}
          </Alert>
        )}
      </section>
    );
  }

  const v = view.loaded.value;
  const changed = (next: ShowcaseView) => {
    view.set(next);
    onActivity();
  };
  // While the first cycle is being worked on there is nothing to review yet.
  const reviewStarted = ch.stage !== "active" || ch.cycle > 1 || v.reviews.length + v.decisions.length > 0;

  return (
    <>
      <ShowcaseSection
        challenge={ch}
        view={v}
        onSaved={(saved) => {
          if (saved) {
            const others = v.showcases.filter((s) => s.cycle !== saved.cycle);
            view.set({ ...v, showcases: [saved, ...others] });
          } else view.refresh();
          onActivity();
        }}
        onSubmitted={onChallengeChanged}
      />
      {reviewStarted && (
        <>
          <ReviewsSection challenge={ch} view={v} onChanged={changed} onStale={view.refresh} />
          <QuestionsSection challenge={ch} view={v} onChanged={changed} />
          <DecisionsSection
            challenge={ch}
            view={v}
            team={team}
            onChanged={changed}
            onDecided={() => {
              onStale();
              view.refresh();
              onActivity();
            }}
          />
        </>
      )}
    </>
  );
}

function ShowcaseSection({
  challenge: ch,
  view,
  onSaved,
  onSubmitted,
}: {
  challenge: Challenge;
  view: ShowcaseView;
  onSaved: (saved?: Showcase) => void;
  onSubmitted: (next: Challenge, message: string) => void;
}) {
  const submitted = view.showcases.filter((s) => s.submittedAt).sort((a, b) => b.cycle - a.cycle);
  const [latest, ...earlier] = submitted;
  const draft = view.showcases.find((s) => s.cycle === ch.cycle && !s.submittedAt) ?? null;

  return (
    <section class="section-card" aria-labelledby="showcase-heading">
      <h2 id="showcase-heading">Showcase</h2>
      {view.viewer.canEdit && (
        <ShowcaseEditor challenge={ch} draft={draft} onSaved={onSaved} onSubmitted={onSubmitted} />
      )}
      {!latest && !view.viewer.canEdit && (
        <p class="muted">
          {ch.stage === "active"
            ? "The team submits its outcome showcase when the work is done: results against each KPI, artifacts, lessons and a recommendation."
            : "No showcase was submitted."}
        </p>
      )}
      {latest && <SubmittedShowcase showcase={latest} headingLevel={3} withCredits />}
      {earlier.map((s) => (
        <details key={s.cycle} class="cycle-details">
          <summary class="disclosure-summary">Cycle {s.cycle}</summary>
          <SubmittedShowcase showcase={s} headingLevel={4} />
        </details>
      ))}
    </section>
  );
}

/** One submitted showcase: summary, KPI results, artifacts, lessons, recommendation and (for the newest) credits. */
function SubmittedShowcase({
  showcase: s,
  headingLevel,
  withCredits = false,
}: {
  showcase: Showcase;
  headingLevel: 3 | 4;
  withCredits?: boolean;
}) {
  const H = headingLevel === 3 ? "h3" : "h4";
  const Sub = headingLevel === 3 ? "h4" : "h5";
  return (
    <article class="showcase" aria-labelledby={`showcase-${s.cycle}-title`}>
      <H id={`showcase-${s.cycle}-title`}>
        Cycle {s.cycle} showcase
        {s.submittedAt && (
          <span class="muted small showcase-when">
            {" "}
            submitted <time dateTime={s.submittedAt}>{formatDate(s.submittedAt)}</time>
          </span>
        )}
      </H>
      {s.summary.trim() ? <Markdown source={s.summary} /> : <p class="muted">No summary.</p>}

      <Sub class="showcase-sub">Results against the KPIs</Sub>
      {s.kpiResults.length === 0 ? (
        <p class="muted">No KPI results were reported.</p>
      ) : (
        <div class="table-wrap">
          <table class="table stackable">
            <caption class="visually-hidden">
              KPI results of cycle {s.cycle}: baseline and target against actual
            </caption>
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col">Baseline → target</th>
                <th scope="col" class="num">
                  Actual
                </th>
                <th scope="col">Result</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {s.kpiResults.map((k) => (
                <tr key={k.kpiId}>
                  <th scope="row" data-label="KPI">
                    {k.name}
                    <span class="muted small"> ({k.direction === "up" ? "higher is better" : "lower is better"})</span>
                  </th>
                  <td data-label="Baseline → target">
                    {withUnit(k.baseline, k.unit)} <span aria-hidden="true">→</span>
                    <span class="visually-hidden">to</span> {withUnit(k.target, k.unit)}
                  </td>
                  <td class="num" data-label="Actual">
                    {withUnit(k.actual, k.unit)}
                  </td>
                  <td data-label="Result">
                    <span class={`badge role ${k.met ? "status-approved" : "status-declined"}`}>
                      <span aria-hidden="true">{k.met ? "✓ " : "✗ "}</span>
                      {k.met ? "Met" : "Not met"}
                    </span>
                  </td>
                  <td data-label="Note">{k.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Sub class="showcase-sub">Artifacts</Sub>
      {s.artifacts.length === 0 ? (
        <p class="muted">No links.</p>
      ) : (
        <ul class="artifact-list">
          {s.artifacts.map((a) => (
            <li key={`${a.url}|${a.title}`}>
              <a href={a.url} target="_blank" rel="noopener noreferrer">
                {a.title}
                <span class="visually-hidden"> (opens in a new tab)</span>
              </a>
            </li>
          ))}
        </ul>
      )}

      <Sub class="showcase-sub">Lessons learned</Sub>
      {s.lessons.trim() ? <Markdown source={s.lessons} /> : <p class="muted">None written.</p>}

      <Sub class="showcase-sub">Recommendation</Sub>
      {s.recommendation ? (
        <p>
          <span class={`badge role outcome-${s.recommendation}`}>{outcomeLabel(s.recommendation)}</span>
        </p>
      ) : (
        <p class="muted">No recommendation.</p>
      )}
      {s.recommendationNote.trim() && <Markdown source={s.recommendationNote} />}

      {withCredits && (
        <>
          <Sub class="showcase-sub">Credits</Sub>
          {s.credits.length === 0 ? (
            <p class="muted">No confirmed contributions yet.</p>
          ) : (
            <ul class="plain-list credits-roll">
              {s.credits.map((c) => (
                <li key={c.person.id} class="credits-roll-item">
                  <a href={`/people/${c.person.id}`}>
                    <strong>{c.person.name}</strong>
                  </a>
                  <ul class="credits-roll-items">
                    {c.contributions.map((x) => (
                      <li key={x.id}>
                        <span class="coverage-name">{x.label}:</span> {x.description}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </article>
  );
}

interface LinkRow {
  key: number;
  title: string;
  url: string;
}

interface EditorState {
  summary: string;
  results: Record<string, { actual: string; note: string }>;
  links: LinkRow[];
  lessons: string;
  recommendation: "" | DecisionOutcome;
  recommendationNote: string;
}

const linkField = (key: number, part: "title" | "url") => `showcase-link-${key}-${part}`;
const actualField = (kpiId: string) => `showcase-actual-${kpiId}`;
const noteField = (kpiId: string) => `showcase-note-${kpiId}`;

function initialState(ch: Challenge, draft: Showcase | null): EditorState {
  const results: EditorState["results"] = {};
  for (const k of ch.kpis) {
    const r = draft?.kpiResults.find((x) => x.kpiId === k.id);
    results[k.id] = { actual: r ? String(r.actual) : "", note: r?.note ?? "" };
  }
  return {
    summary: draft?.summary ?? "",
    results,
    links: (draft?.artifacts ?? []).map((a, i) => ({ key: i + 1, title: a.title, url: a.url })),
    lessons: draft?.lessons ?? "",
    recommendation: draft?.recommendation ?? "",
    recommendationNote: draft?.recommendationNote ?? "",
  };
}

const MISSING_SAVE = ["the showcase"];

/** The lead's and co-lead's form for the current cycle's showcase, and "Submit showcase". */
function ShowcaseEditor({
  challenge: ch,
  draft,
  onSaved,
  onSubmitted,
}: {
  challenge: Challenge;
  draft: Showcase | null;
  /** The saved showcase, or nothing when it should be read again. */
  onSaved: (saved?: Showcase) => void;
  onSubmitted: (next: Challenge, message: string) => void;
}) {
  const [state, setState] = useState<EditorState>(() => initialState(ch, draft));
  const saved = useRef(JSON.stringify(initialState(ch, draft)));
  const nextKey = useRef(state.links.length + 1);
  const { pending: busy, error: submitError, run, setError: setSubmitError } = useAction<"save" | "submit">();
  const [done, setDone] = useState("");
  const sentKpis = useRef<string[]>([]);
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();
  const missing = draft ? draft.missing : MISSING_SAVE;
  const dirty = JSON.stringify(state) !== saved.current;

  function set<K extends keyof EditorState>(key: K, value: EditorState[K]) {
    setState((s) => ({ ...s, [key]: value }));
  }
  function setResult(kpiId: string, part: "actual" | "note", value: string) {
    setState((s) => ({ ...s, results: { ...s.results, [kpiId]: { ...s.results[kpiId], [part]: value } } }));
  }
  function setLink(key: number, changes: Partial<LinkRow>) {
    setState((s) => ({ ...s, links: s.links.map((l) => (l.key === key ? { ...l, ...changes } : l)) }));
  }
  function addLink() {
    const key = nextKey.current++;
    setState((s) => ({ ...s, links: [...s.links, { key, title: "", url: "" }] }));
    requestAnimationFrame(() => document.getElementById(linkField(key, "title"))?.focus());
  }
  function removeLink(index: number) {
    const remaining = state.links.filter((_, i) => i !== index);
    set("links", remaining);
    const neighbour = remaining[index] ?? remaining[index - 1];
    requestAnimationFrame(() =>
      document.getElementById(neighbour ? linkField(neighbour.key, "title") : "showcase-add-link")?.focus(),
    );
  }

  const kpiName = (id: string) => ch.kpis.find((k) => k.id === id)?.name ?? "KPI";
  function locate(path: string): FieldPlace | null {
    if (path === "summary") return { fieldId: "showcase-summary", label: "Summary" };
    if (path === "lessons") return { fieldId: "showcase-lessons", label: "Lessons learned" };
    if (path === "recommendation") return { fieldId: "showcase-recommendation", label: "Recommendation" };
    if (path === "recommendationNote") return { fieldId: "showcase-recommendation-note", label: "Recommendation note" };
    const kpi = /^kpiResults\.(\d+)\.(\w+)/.exec(path);
    if (kpi) {
      const id = sentKpis.current[Number(kpi[1])];
      if (!id) return null;
      return kpi[2] === "note"
        ? { fieldId: noteField(id), label: `Note on ${kpiName(id)}` }
        : { fieldId: actualField(id), label: `Actual ${kpiName(id)}` };
    }
    const link = /^artifacts\.(\d+)\.(title|url)/.exec(path);
    const row = link ? state.links[Number(link[1])] : undefined;
    if (link && row) {
      const n = Number(link[1]) + 1;
      return link[2] === "title"
        ? { fieldId: linkField(row.key, "title"), label: `Link ${n} title` }
        : { fieldId: linkField(row.key, "url"), label: `Link ${n} URL` };
    }
    return null;
  }

  /** Saves the form; the saved showcase, or null when it was refused. */
  async function save(): Promise<Showcase | null> {
    const messages: Record<string, string> = {};
    const kpiResults: { kpiId: string; actual: number; note: string }[] = [];
    for (const k of ch.kpis) {
      const r = state.results[k.id] ?? { actual: "", note: "" };
      if (!r.actual.trim()) {
        if (r.note.trim()) messages[`kpi:${k.id}`] = "Enter the actual value this note explains.";
        continue;
      }
      const actual = parseNumber(r.actual);
      if (actual === null) messages[`kpi:${k.id}`] = "Enter a number, like 24 or 3.5.";
      else kpiResults.push({ kpiId: k.id, actual, note: r.note.trim() });
    }
    const artifacts = state.links
      .map((l, i) => ({ ...l, i }))
      .filter((l) => l.title.trim() || l.url.trim())
      .map((l) => {
        if (!l.title.trim()) messages[`artifacts.${l.i}.title`] = "Name the link.";
        if (!/^https?:\/\/\S+$/i.test(l.url.trim()))
          messages[`artifacts.${l.i}.url`] = "Enter a web address starting with https://.";
        return { title: l.title.trim(), url: l.url.trim() };
      });
    if (Object.keys(messages).length) {
      fail(
        problemsFrom(messages, (path) => {
          const kpi = /^kpi:(.+)$/.exec(path);
          if (kpi?.[1]) return { fieldId: actualField(kpi[1]), label: `Actual ${kpiName(kpi[1])}` };
          return locate(path);
        }),
      );
      return null;
    }
    sentKpis.current = kpiResults.map((r) => r.kpiId);
    clearFailure();
    try {
      const result = await call(
        api.challenges[":id"].showcase.$put({
          param: { id: ch.id },
          json: {
            summary: state.summary,
            kpiResults,
            artifacts,
            lessons: state.lessons,
            recommendation: state.recommendation || null,
            recommendationNote: state.recommendationNote,
          },
        }),
      );
      clearProblems();
      saved.current = JSON.stringify(state);
      return result;
    } catch (error) {
      failWith(error, (fields) => problemsFrom(fields, locate));
      return null;
    }
  }

  async function onSave(event: Event) {
    event.preventDefault();
    if (busy) return;
    setDone("");
    await run(
      async () => {
        const result = await save();
        if (result) {
          setDone("The showcase is saved. It stays editable until you submit it.");
          onSaved(result);
        }
      },
      { tag: "save" },
    );
  }

  async function onSubmit() {
    if (busy) return;
    setDone("");
    await run(
      async () => {
        if (dirty) {
          const result = await save();
          if (!result) return;
          onSaved(result);
        }
        const next = await call(
          api.challenges[":id"].transitions.$post({ param: { id: ch.id }, json: { action: "submit" } }),
        );
        onSubmitted(next, "The showcase is submitted for review. Reviewers are told; its results are now frozen.");
      },
      {
        tag: "submit",
        fail: (error) => {
          setSubmitError(messageOf(error));
          onSaved();
        },
      },
    );
  }

  return (
    <form
      class="inline-form flush-top showcase-form"
      aria-labelledby="showcase-form-heading"
      onSubmit={onSave}
      noValidate
    >
      <h3 id="showcase-form-heading" class="form-title">
        Outcome showcase
      </h3>
      <p class="muted small">
        Cycle {ch.cycle}. Save as often as you like; once submitted, reviewers score it and the results are frozen.
      </p>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The showcase was not saved">{failure}</Alert>}
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      <TextAreaField
        id="showcase-summary"
        label="Summary"
        hint="Markdown. What the team did and what changed."
        maxLength={5000}
        value={state.summary}
        onInput={(v) => set("summary", v)}
        error={err("showcase-summary")}
      />
      {ch.kpis.length > 0 && (
        <fieldset>
          <legend>Results against the KPIs</legend>
          {ch.kpis.map((k) => (
            <div key={k.id} class="row-grid roomy kpi-result-row">
              <TextField
                id={actualField(k.id)}
                label={`Actual ${k.name}`}
                hint={`Baseline ${withUnit(k.baseline, k.unit)}, target ${withUnit(k.target, k.unit)} (${k.direction === "up" ? "higher" : "lower"} is better).`}
                inputMode="decimal"
                autoComplete="off"
                value={state.results[k.id]?.actual ?? ""}
                onInput={(v) => setResult(k.id, "actual", v)}
                error={err(actualField(k.id))}
              />
              <TextField
                id={noteField(k.id)}
                label={`Note on ${k.name}`}
                maxLength={1000}
                autoComplete="off"
                value={state.results[k.id]?.note ?? ""}
                onInput={(v) => setResult(k.id, "note", v)}
                error={err(noteField(k.id))}
              />
            </div>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>Artifacts</legend>
        {state.links.length === 0 && <p class="muted small">No links yet: demos, dashboards, documents, code.</p>}
        {state.links.map((l, i) => (
          <fieldset key={l.key} class="row-card">
            <legend class="row-card-title">Link {i + 1}</legend>
            <div class="row-grid roomy">
              <TextField
                id={linkField(l.key, "title")}
                label="Link title"
                maxLength={200}
                autoComplete="off"
                value={l.title}
                onInput={(title) => setLink(l.key, { title })}
                error={err(linkField(l.key, "title"))}
              />
              <TextField
                id={linkField(l.key, "url")}
                label="Link URL"
                type="url"
                autoComplete="off"
                value={l.url}
                onInput={(url) => setLink(l.key, { url })}
                error={err(linkField(l.key, "url"))}
              />
            </div>
            <button type="button" class="button button-ghost button-small" onClick={() => removeLink(i)}>
              Remove link {i + 1}
            </button>
          </fieldset>
        ))}
        {state.links.length < MAX_LINKS && (
          <button id="showcase-add-link" type="button" class="button button-secondary button-small" onClick={addLink}>
            Add link
          </button>
        )}
      </fieldset>
      <TextAreaField
        id="showcase-lessons"
        label="Lessons learned"
        hint="Markdown. What you would do differently; what others should know."
        maxLength={20_000}
        value={state.lessons}
        onInput={(v) => set("lessons", v)}
        error={err("showcase-lessons")}
      />
      <SelectField
        id="showcase-recommendation"
        label="Recommendation"
        hint="What the team recommends the reviewers decide."
        value={state.recommendation}
        onChange={(v) => set("recommendation", v as EditorState["recommendation"])}
        error={err("showcase-recommendation")}
      >
        <option value="">Choose…</option>
        {DECISION_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id="showcase-recommendation-note"
        label="Recommendation note"
        hint="Markdown. Why, and what it would take."
        maxLength={5000}
        value={state.recommendationNote}
        onInput={(v) => set("recommendationNote", v)}
        error={err("showcase-recommendation-note")}
      />
      {missing.length > 0 && (
        <div id="missing-for-submit" class="form-section">
          <p class="alert-title">Before submitting, add:</p>
          <ul class="missing-list">
            {missing.map((m) => (
              <li key={m}>{m === "the showcase" ? "the showcase (save it first)" : m}</li>
            ))}
          </ul>
        </div>
      )}
      {submitError && <Alert title="The showcase was not submitted">{submitError}</Alert>}
      <div class="button-row">
        <button type="submit" class="button button-secondary" disabled={busy !== null}>
          {busy === "save" ? "Saving…" : "Save showcase"}
        </button>
        <button
          type="button"
          class="button"
          disabled={busy !== null}
          aria-describedby={missing.length ? "missing-for-submit" : undefined}
          onClick={onSubmit}
        >
          {busy === "submit" ? "Submitting…" : "Submit showcase"}
        </button>
      </div>
      {dirty && <p class="muted small">Unsaved changes: “Submit showcase” saves them first.</p>}
    </form>
  );
}
