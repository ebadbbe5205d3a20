import { useEffect, useRef } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api } from "../../lib/api";
import { call, messageOf } from "../../lib/http";
import type { Challenge } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { forgetResource } from "../../lib/use-resource";
import { flash } from "../../state/flash";
import { activeDisciplines, useOrg } from "../../state/org";
import { Alert } from "../alert";
import { ErrorSummary } from "../error-summary";
import { TextField } from "../field";
import { useClearWhenValid, useFormProblems } from "../form-problems";
import { TimeAgo } from "../time-ago";
import { AboutFields } from "./about-fields";
import { build, diff } from "./build";
import { useKeptDraft, writeDraft } from "./drafts";
import {
  formProblems,
  inFormOrder,
  type KpiPart,
  kpiFieldId,
  kpiPlace,
  type Place,
  publishProblems,
  type SlotPart,
  slotFieldId,
  slotPlace,
  TOP_FIELDS,
  topPlace,
  valuesById,
} from "./fields";
import { KpiRows } from "./kpi-rows";
import { PlanFields } from "./plan-fields";
import { useSimilarChallenges } from "./similar-challenges";
import { SlotRows } from "./slot-rows";
import {
  emptyForm,
  emptyKpi,
  emptySlot,
  type FormState,
  fromChallenge,
  type KpiRow,
  MAX_KPIS,
  MAX_SLOTS,
  type SlotRow,
} from "./state";
import "./challenge-form.css";

interface ChallengeFormProps {
  /** The challenge being edited; absent when proposing a new one. */
  challenge?: Challenge;
  /** localStorage key for the unsent form (one per route). */
  storageKey: string;
}

type Intent = "draft" | "publish";

/**
 * What the form itself finds wrong before sending, by form path and in the form's order: what cannot
 * be sent at all, and for publishing what a published challenge must have.
 */
function checkForm(state: FormState, intent: Intent) {
  const { body, problems, rows } = build(state);
  const local = intent === "publish" ? { ...publishProblems(body, state), ...problems } : problems;
  return { body, rows, local: inFormOrder(local) };
}

/** Propose (POST) or edit (PATCH) a challenge: one form for both. */
export function ChallengeForm({ challenge, storageKey }: ChallengeFormProps) {
  const { route } = useLocation();
  const editing = !!challenge;
  const initial = useRef<FormState>(challenge ? fromChallenge(challenge) : emptyForm());
  const { state, setState, restored, discard } = useKeptDraft(storageKey, initial.current);
  const form = useFormProblems();
  const { problems, failure, attempt, err, fail, failWith, clearProblems, clearFailure } = form;
  // The last submit's intent: a field missing for publishing is right again once it is filled in.
  const lastIntent = useRef<Intent>("draft");
  useClearWhenValid(form, valuesById(state), () => formProblems(checkForm(state, lastIntent.current).local).fields);
  const { pending: saving, run } = useAction<Intent>();
  const focusNext = useRef<string | null>(null);
  const organisation = useOrg();

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  // Before a challenge is published, show similar ones (SPEC §8: back one instead of a duplicate).
  const similar = useSimilarChallenges(state.title, state.summary, challenge);

  const currency = challenge?.currency ?? organisation?.currency ?? "USD";
  const fundingLocked = !!challenge && challenge.stage !== "draft" && challenge.stage !== "open";
  const disciplines = activeDisciplines();
  const withError = (place: Place) => ({ ...place, error: err(place.id) });
  const topField = (path: keyof typeof TOP_FIELDS) => withError(topPlace(path));
  const kpiField = (i: number, part: KpiPart) => withError(kpiPlace(i, part));
  const slotField = (i: number, part: SlotPart) => withError(slotPlace(i, part));

  function set<K extends keyof FormState>(key: K, value: FormState[K]) {
    setState((s) => ({ ...s, [key]: value }));
  }

  function setKpi(index: number, changes: Partial<KpiRow>) {
    setState((s) => ({ ...s, kpis: s.kpis.map((k, i) => (i === index ? { ...k, ...changes } : k)) }));
  }

  function setSlot(index: number, changes: Partial<SlotRow>) {
    setState((s) => ({ ...s, slots: s.slots.map((r, i) => (i === index ? { ...r, ...changes } : r)) }));
  }

  function addKpi() {
    if (state.kpis.length >= MAX_KPIS) return;
    focusNext.current = kpiFieldId(state.kpis.length, "name");
    setState((s) => ({ ...s, kpis: [...s.kpis, emptyKpi()] }));
  }

  function removeKpi(index: number) {
    focusNext.current = TOP_FIELDS.kpis[0];
    clearProblems();
    setState((s) => ({ ...s, kpis: s.kpis.filter((_, i) => i !== index) }));
  }

  function addSlot() {
    if (state.slots.length >= MAX_SLOTS) return;
    focusNext.current = slotFieldId(state.slots.length, "discipline");
    setState((s) => ({ ...s, slots: [...s.slots, emptySlot()] }));
  }

  function removeSlot(index: number) {
    focusNext.current = TOP_FIELDS.slots[0];
    clearProblems();
    setState((s) => ({ ...s, slots: s.slots.filter((_, i) => i !== index) }));
  }

  function discardRestored() {
    discard();
    clearProblems();
  }

  async function submit(intent: Intent) {
    if (saving) return;
    lastIntent.current = intent;
    const { body, local, rows } = checkForm(state, intent);
    if (Object.keys(local).length) {
      fail(formProblems(local));
      return;
    }
    clearFailure();
    await run(
      async () => {
        let id: string;
        if (challenge) {
          id = challenge.id;
          const patch = diff(build(initial.current).body, body);
          if (Object.keys(patch).length) {
            await call(api.challenges[":id"].$patch({ param: { id }, json: patch }));
            flash.value = { kind: "success", message: "Your changes are saved." };
          } else {
            flash.value = { kind: "success", message: "Nothing had changed." };
          }
        } else {
          id = (await call(api.challenges.$post({ json: body }))).id;
          flash.value = { kind: "success", message: "Your draft is saved. Only you and a co-lead can see it." };
        }
        writeDraft(storageKey, null);
        // The challenge's page must show what was just saved, not its cached copy.
        forgetResource(`challenge:${id}`);
        if (intent === "publish") {
          try {
            await call(api.challenges[":id"].transitions.$post({ param: { id }, json: { action: "publish" } }));
            flash.value = { kind: "success", message: "Published: your challenge is now in the marketplace." };
          } catch (err) {
            flash.value = { kind: "error", message: `Saved as a draft, but not published. ${messageOf(err)}` };
          }
        }
        route(`/challenges/${id}`);
      },
      { tag: intent, keepBusy: true, fail: (error) => failWith(error, (fields) => formProblems(fields, rows)) },
    );
  }

  const isDraft = !challenge || challenge.stage === "draft";

  return (
    <form
      class="challenge-form"
      noValidate
      aria-busy={saving ? "true" : undefined}
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
        submit(submitter?.value === "publish" ? "publish" : "draft");
      }}
    >
      {restored && (
        <Alert kind="info" title="Unsaved changes restored">
          <p>
            We kept what you typed here <TimeAgo iso={restored.savedAt} />, before it was saved.
          </p>
          <button type="button" class="button button-secondary button-small" onClick={discardRestored}>
            Discard them
          </button>
        </Alert>
      )}
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && (
        <Alert title={editing ? "Your changes were not saved" : "Your challenge was not saved"}>
          <p>{failure}</p>
          <p>Everything you typed is still here.</p>
        </Alert>
      )}

      <AboutFields state={state} set={set} topField={topField} similar={similar} />

      <KpiRows kpis={state.kpis} kpiField={kpiField} setKpi={setKpi} addKpi={addKpi} removeKpi={removeKpi} err={err} />

      <PlanFields state={state} set={set} topField={topField} currency={currency} fundingLocked={fundingLocked} />

      <SlotRows
        slots={state.slots}
        slotField={slotField}
        setSlot={setSlot}
        addSlot={addSlot}
        removeSlot={removeSlot}
        err={err}
        disciplines={disciplines}
      />

      <TextField
        {...topField("tags")}
        hint="Comma-separated, up to 10, e.g. cost, data-platform."
        autoComplete="off"
        value={state.tags}
        onInput={(v) => set("tags", v)}
        class="field form-section"
      />

      <div class="form-actions">
        <button type="submit" name="intent" value="draft" class={editing ? "button" : "button button-secondary"}>
          {saving === "draft" ? "Saving…" : isDraft ? "Save draft" : "Save changes"}
        </button>
        {!editing && (
          <button type="submit" name="intent" value="publish" class="button">
            {saving === "publish" ? "Publishing…" : "Save and publish"}
          </button>
        )}
        <a href={challenge ? `/challenges/${challenge.id}` : "/"}>Cancel</a>
        <span class="visually-hidden" role="status">
          {saving ? "Saving…" : ""}
        </span>
      </div>
    </form>
  );
}
