import { useEffect, useRef, useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { ErrorSummary } from "../../../components/error-summary";
import { TextAreaField } from "../../../components/field";
import { problemsFrom, useClearWhenValid, useFormProblems } from "../../../components/form-problems";
import { ModalDialog } from "../../../components/modal-dialog";
import { SubmitOrCancel } from "../../../components/submit-or-cancel";
import { api } from "../../../lib/api";
import { call, messageOf } from "../../../lib/http";
import type { Challenge, Showcase } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import { useResource } from "../../../lib/use-resource";
import { ArtifactLinks } from "./artifact-links";
import {
  actualField,
  type CheckinPrefill,
  type EditorState,
  initialState,
  kpiName,
  type LinkRow,
  latestCheckins,
  linkField,
  locateField,
  MISSING_SAVE,
  readForm,
  valuesById,
} from "./editor-state";
import { KpiResults } from "./kpi-results";
import { MissingForSubmit, RecommendationFields } from "./recommendation";

/** The lead's and co-lead's form for the current cycle's showcase, and "Submit showcase". */
export function ShowcaseEditor({
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
  const form = useFormProblems();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = form;
  const [confirming, setConfirming] = useState(false);
  const missing = draft ? draft.missing : MISSING_SAVE;
  const dirty = JSON.stringify(state) !== saved.current;

  // Empty actual values start from each KPI's latest check-in (the updates' KPI check-ins), once.
  const progress = useResource(
    () => call(api.challenges[":id"].progress.$get({ param: { id: ch.id } })),
    `progress:${ch.id}`,
  );
  const [prefilled, setPrefilled] = useState<Record<string, CheckinPrefill>>({});
  const prefillDone = useRef(false);
  useEffect(() => {
    if (prefillDone.current || progress.loaded.status !== "ready") return;
    prefillDone.current = true;
    const found = latestCheckins(progress.loaded.value, state.results);
    if (!Object.keys(found).length) return;
    setPrefilled(found);
    setState((s) => {
      const results = { ...s.results };
      for (const [kpiId, from] of Object.entries(found)) {
        const r = results[kpiId];
        if (r && !r.actual.trim()) results[kpiId] = { ...r, actual: from.value };
      }
      return { ...s, results };
    });
  }, [progress.loaded.status]);

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

  const locate = (path: string) => locateField(path, ch, state.links, sentKpis.current);
  /** The form's own problems with what is typed now, placed on its fields. */
  const localProblems = (messages: Record<string, string>) =>
    problemsFrom(messages, (path) => {
      const kpi = /^kpi:(.+)$/.exec(path);
      if (kpi?.[1]) return { fieldId: actualField(kpi[1]), label: `Actual ${kpiName(ch, kpi[1])}` };
      return locate(path);
    });
  useClearWhenValid(form, valuesById(state), () => localProblems(readForm(ch, state).messages).fields);

  /** Saves the form; the saved showcase, or null when it was refused. */
  async function save(): Promise<Showcase | null> {
    const { messages, kpiResults, artifacts } = readForm(ch, state);
    if (Object.keys(messages).length) {
      fail(localProblems(messages));
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

  /** Submitting freezes the results: it is asked for first. */
  function askToSubmit() {
    if (busy) return;
    setDone("");
    setSubmitError(null);
    // What the form can tell is wrong is put right before anything is asked.
    const { messages } = readForm(ch, state);
    if (dirty && Object.keys(messages).length) {
      fail(localProblems(messages));
      return;
    }
    setConfirming(true);
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
    // Submitted, or refused (its reason is shown on the form): the question is answered.
    setConfirming(false);
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
      <KpiResults kpis={ch.kpis} results={state.results} prefilled={prefilled} setResult={setResult} err={err} />
      <ArtifactLinks links={state.links} setLink={setLink} addLink={addLink} removeLink={removeLink} err={err} />
      <TextAreaField
        id="showcase-lessons"
        label="Lessons learned"
        hint="Markdown. What you would do differently; what others should know."
        maxLength={20_000}
        value={state.lessons}
        onInput={(v) => set("lessons", v)}
        error={err("showcase-lessons")}
      />
      <RecommendationFields recommendation={state.recommendation} note={state.recommendationNote} set={set} err={err} />
      <MissingForSubmit missing={missing} />
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
          onClick={askToSubmit}
        >
          {busy === "submit" ? "Submitting…" : "Submit showcase"}
        </button>
      </div>
      {dirty && <p class="muted small">Unsaved changes: “Submit showcase” saves them first.</p>}
      <ModalDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Submit the showcase?"
        busy={busy === "submit"}
      >
        <p>
          Reviewers will be asked to score it and decide what happens next. Its results are frozen once it is submitted:
          you cannot edit it after this.
        </p>
        {dirty && <p>Your unsaved changes are saved first.</p>}
        <SubmitOrCancel
          label="Submit"
          busyLabel="Submitting…"
          busy={busy === "submit"}
          cancelLabel="Keep editing"
          onSubmit={onSubmit}
          onCancel={() => setConfirming(false)}
        />
      </ModalDialog>
    </form>
  );
}
