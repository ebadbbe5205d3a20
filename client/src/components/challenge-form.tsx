import type { InferRequestType } from "hono/client";
import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api } from "../lib/api";
import { changedOnly } from "../lib/changes";
import { plural, STAGE_LABELS, splitList } from "../lib/format";
import { call, messageOf } from "../lib/http";
import { minorToMajorString, parseMajorToMinor } from "../lib/money";
import type { Challenge, SimilarChallenge } from "../lib/types";
import { useAction } from "../lib/use-action";
import { forgetResource } from "../lib/use-resource";
import { flash } from "../state/flash";
import { activeDisciplines, useOrg } from "../state/org";
import { Alert } from "./alert";
import { ErrorSummary } from "./error-summary";
import { errorId, Field, FieldError, NamedOptions, SelectField, TextAreaField, TextField } from "./field";
import { type FieldPlace, type Problems, problemsFrom, useFormProblems } from "./form-problems";
import { TimeAgo } from "./time-ago";

type CreateBody = InferRequestType<typeof api.challenges.$post>["json"];
type PatchBody = InferRequestType<(typeof api.challenges)[":id"]["$patch"]>["json"];

const SUMMARY_MAX = 280;
const MAX_KPIS = 10;
const MAX_SLOTS = 20;

interface KpiRow {
  key: string;
  id?: string;
  name: string;
  unit: string;
  direction: "up" | "down";
  baseline: string;
  target: string;
}

interface SlotRow {
  key: string;
  id?: string;
  discipline: string;
  count: string;
  skills: string;
  commitmentPercent: string;
  required: boolean;
}

/** Everything as typed: numbers and money stay strings until they are parsed for sending. */
interface FormState {
  title: string;
  summary: string;
  problem: string;
  whyItMatters: string;
  constraints: string;
  outOfScope: string;
  assistanceNeeded: string;
  horizonWeeks: string;
  fundingAsk: string;
  fundingBreakdown: string;
  tags: string;
  kpis: KpiRow[];
  slots: SlotRow[];
}

let keySeed = 0;
const rowKey = () => `row-${Date.now().toString(36)}-${(keySeed++).toString(36)}`;

const emptyKpi = (): KpiRow => ({ key: rowKey(), name: "", unit: "", direction: "up", baseline: "", target: "" });
const emptySlot = (): SlotRow => ({
  key: rowKey(),
  discipline: "",
  count: "1",
  skills: "",
  commitmentPercent: "20",
  required: false,
});

/** A new challenge starts with one KPI row and one role row to fill in; untouched rows are not sent. */
const emptyForm = (): FormState => ({
  title: "",
  summary: "",
  problem: "",
  whyItMatters: "",
  constraints: "",
  outOfScope: "",
  assistanceNeeded: "",
  horizonWeeks: "",
  fundingAsk: "",
  fundingBreakdown: "",
  tags: "",
  kpis: [emptyKpi()],
  slots: [emptySlot()],
});

function fromChallenge(ch: Challenge): FormState {
  return {
    title: ch.title,
    summary: ch.summary,
    problem: ch.problem,
    whyItMatters: ch.whyItMatters,
    constraints: ch.boundaries.constraints,
    outOfScope: ch.boundaries.outOfScope,
    assistanceNeeded: ch.assistanceNeeded,
    horizonWeeks: ch.horizonWeeks === null ? "" : String(ch.horizonWeeks),
    fundingAsk: ch.fundingAsk === null ? "" : minorToMajorString(ch.fundingAsk),
    fundingBreakdown: ch.fundingBreakdown,
    tags: ch.tags.join(", "),
    kpis:
      ch.kpis.length === 0
        ? [emptyKpi()]
        : ch.kpis.map((k) => ({
            key: k.id,
            id: k.id,
            name: k.name,
            unit: k.unit,
            direction: k.direction,
            baseline: String(k.baseline),
            target: String(k.target),
          })),
    slots:
      ch.slots.length === 0
        ? [emptySlot()]
        : ch.slots.map((s) => ({
            key: s.id,
            id: s.id,
            discipline: s.discipline,
            count: String(s.count),
            skills: s.skills.join(", "),
            commitmentPercent: String(s.commitmentPercent),
            required: s.required,
          })),
  };
}

/* ---------- Field ids, labels and the API's field paths ---------- */

const TOP_FIELDS = {
  title: ["f-title", "Title"],
  summary: ["f-summary", "Summary"],
  problem: ["f-problem", "Problem"],
  whyItMatters: ["f-why", "Why it matters"],
  "boundaries.constraints": ["f-constraints", "Constraints"],
  "boundaries.outOfScope": ["f-out-of-scope", "Out of scope"],
  assistanceNeeded: ["f-assistance", "Assistance needed"],
  horizonWeeks: ["f-horizon", "Time horizon (weeks)"],
  fundingAsk: ["f-funding-ask", "Funding ask"],
  fundingBreakdown: ["f-funding-breakdown", "Funding breakdown"],
  tags: ["f-tags", "Tags"],
  kpis: ["f-add-kpi", "KPIs"],
  slots: ["f-add-slot", "Role slots"],
} as const;

const KPI_PARTS = ["name", "unit", "direction", "baseline", "target"] as const;
const SLOT_PARTS = {
  discipline: "discipline",
  count: "count",
  skills: "skills",
  commitmentPercent: "commitment %",
  required: "required",
} as const;

type KpiPart = (typeof KPI_PARTS)[number];
type SlotPart = keyof typeof SLOT_PARTS;

const kpiFieldId = (i: number, part: string) => `f-kpi-${i}-${part}`;
const slotFieldId = (i: number, part: string) => `f-slot-${i}-${part}`;

/** A field's id and label; a row's fields prefix the label with the row, hidden from sight ("KPI 2" "target"). */
interface Place {
  id: string;
  label: string;
  prefix?: string;
}

const topPlace = (path: keyof typeof TOP_FIELDS): Place => ({ id: TOP_FIELDS[path][0], label: TOP_FIELDS[path][1] });
const kpiPlace = (i: number, part: KpiPart): Place => ({
  id: kpiFieldId(i, part),
  prefix: `KPI ${i + 1}`,
  label: part,
});
const slotPlace = (i: number, part: SlotPart): Place => ({
  id: slotFieldId(i, part),
  prefix: `Role ${i + 1}`,
  label: SLOT_PARTS[part],
});

/** How the error summary names a field: its whole label, "KPI 2 target". */
const summaryPlace = ({ id, prefix, label }: Place): FieldPlace => ({
  fieldId: id,
  label: prefix ? `${prefix} ${label}` : label,
});

/** Where an API field path (`kpis.0.target`, `boundaries.constraints`, `tags.3`) is shown. */
function locate(path: string): FieldPlace | null {
  const parts = path.split(".");
  if (parts[0] === "kpis" && parts.length >= 3) {
    const part = (KPI_PARTS as readonly string[]).includes(parts[2]) ? (parts[2] as KpiPart) : "name";
    return summaryPlace(kpiPlace(Number(parts[1]), part));
  }
  if (parts[0] === "slots" && parts.length >= 3) {
    const part = (parts[2] in SLOT_PARTS ? parts[2] : "discipline") as SlotPart;
    return summaryPlace(slotPlace(Number(parts[1]), part));
  }
  if (parts[0] === "tags") return summaryPlace(topPlace("tags"));
  if (parts[0] === "boundaries" && parts.length === 1) {
    return { fieldId: TOP_FIELDS["boundaries.constraints"][0], label: "Boundaries" };
  }
  const top = TOP_FIELDS[path as keyof typeof TOP_FIELDS];
  return top ? { fieldId: top[0], label: top[1] } : null;
}

/** Which form row each sent KPI and slot came from (blank rows are not sent). */
interface RowMap {
  kpis: number[];
  slots: number[];
}

/** Rewrites `kpis.1.target` of the sent body to the form row it came from. */
function toFormPath(path: string, rows?: RowMap): string {
  if (!rows) return path;
  const [list, index, ...rest] = path.split(".");
  if ((list !== "kpis" && list !== "slots") || !/^\d+$/.test(index ?? "")) return path;
  const formIndex = rows[list][Number(index)];
  return formIndex === undefined ? path : [list, String(formIndex), ...rest].join(".");
}

/** Problems by API path, placed on the form's fields (`rows`: where the sent KPIs and slots came from). */
function formProblems(paths: Record<string, string>, rows?: RowMap): Problems {
  const byFormPath = Object.entries(paths).map(([path, message]) => [toFormPath(path, rows), message]);
  return problemsFrom(Object.fromEntries(byFormPath), locate);
}

/* ---------- Parsing what was typed into the API's body ---------- */

function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[\s,_]/g, "");
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

function parseWhole(text: string): number | null {
  const cleaned = text.trim();
  return /^\d+$/.test(cleaned) ? Number(cleaned) : null;
}

/** The §4 body from the form, or the problems (by API path) found before sending. */
const isBlankKpi = (k: KpiRow) => !k.id && ![k.name, k.unit, k.baseline, k.target].some((v) => v.trim());
const isBlankSlot = (s: SlotRow) => !s.id && !s.discipline && !s.skills.trim();

function build(state: FormState): { body: CreateBody; problems: Record<string, string>; rows: RowMap } {
  const rows: RowMap = { kpis: [], slots: [] };
  const problems: Record<string, string> = {};
  if (state.title.trim().length < 3) problems.title = "Give the challenge a title of at least 3 characters.";
  const over = state.summary.trim().length - SUMMARY_MAX;
  if (over > 0) problems.summary = `At most ${SUMMARY_MAX} characters; shorten it by ${over}.`;

  let horizonWeeks: number | null = null;
  if (state.horizonWeeks.trim()) {
    horizonWeeks = parseWhole(state.horizonWeeks);
    if (horizonWeeks === null) problems.horizonWeeks = "Enter a whole number of weeks, such as 10.";
  }

  const money = parseMajorToMinor(state.fundingAsk);
  if (!money.ok) problems.fundingAsk = money.message;

  const kpis = state.kpis.flatMap((k, i) => {
    if (isBlankKpi(k)) return [];
    rows.kpis.push(i);
    const baseline = parseNumber(k.baseline);
    const target = parseNumber(k.target);
    if (baseline === null) problems[`kpis.${i}.baseline`] = "Enter a number, such as 42000.";
    if (target === null) problems[`kpis.${i}.target`] = "Enter a number, such as 29400.";
    return [
      {
        ...(k.id ? { id: k.id } : {}),
        name: k.name.trim(),
        unit: k.unit.trim(),
        direction: k.direction,
        baseline: baseline ?? 0,
        target: target ?? 0,
      },
    ];
  });

  const slots = state.slots.flatMap((s, i) => {
    if (isBlankSlot(s)) return [];
    rows.slots.push(i);
    const count = parseWhole(s.count);
    const commitmentPercent = parseWhole(s.commitmentPercent);
    if (count === null) problems[`slots.${i}.count`] = "Enter a whole number of people, such as 1.";
    if (commitmentPercent === null) problems[`slots.${i}.commitmentPercent`] = "Enter a whole percentage, such as 20.";
    return [
      {
        ...(s.id ? { id: s.id } : {}),
        discipline: s.discipline,
        count: count ?? 1,
        skills: splitList(s.skills),
        commitmentPercent: commitmentPercent ?? 0,
        required: s.required,
      },
    ];
  });

  return {
    body: {
      title: state.title.trim(),
      summary: state.summary.trim(),
      problem: state.problem,
      whyItMatters: state.whyItMatters,
      kpis,
      boundaries: { constraints: state.constraints, outOfScope: state.outOfScope },
      assistanceNeeded: state.assistanceNeeded,
      horizonWeeks,
      fundingAsk: money.ok ? money.minor : null,
      fundingBreakdown: state.fundingBreakdown,
      tags: splitList(state.tags),
      slots,
    },
    problems,
    rows,
  };
}

/** The form's content without the rows' render keys, to tell whether anything was typed. */
function sameContent(a: FormState, b: FormState) {
  const strip = (f: FormState) => ({
    ...f,
    kpis: f.kpis.map(({ key: _key, ...k }) => k),
    slots: f.slots.map(({ key: _key, ...r }) => r),
  });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** Only what changed, down to which of the two boundaries, so nothing else is touched. */
function diff(before: CreateBody, after: CreateBody): PatchBody {
  const patch: PatchBody = changedOnly(before, after);
  if (patch.boundaries) patch.boundaries = changedOnly(before.boundaries ?? {}, after.boundaries ?? {});
  return patch;
}

/* ---------- Autosave ---------- */

interface SavedDraft {
  savedAt: string;
  state: FormState;
}

function readDraft(key: string): SavedDraft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const saved = JSON.parse(raw) as SavedDraft;
    return saved?.state && Array.isArray(saved.state.kpis) && Array.isArray(saved.state.slots) ? saved : null;
  } catch {
    return null;
  }
}

function writeDraft(key: string, state: FormState | null) {
  try {
    if (state) localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), state }));
    else localStorage.removeItem(key);
  } catch {
    // Storage full or disabled: the form still works, it just is not kept across visits.
  }
}

/* ---------- The form ---------- */

interface ChallengeFormProps {
  /** The challenge being edited; absent when proposing a new one. */
  challenge?: Challenge;
  /** localStorage key for the unsent form (one per route). */
  storageKey: string;
}

type Intent = "draft" | "publish";

/** Propose (POST) or edit (PATCH) a challenge: one form for both. */
export function ChallengeForm({ challenge, storageKey }: ChallengeFormProps) {
  const { route } = useLocation();
  const editing = !!challenge;
  const initial = useRef<FormState>(challenge ? fromChallenge(challenge) : emptyForm());
  const restored = useRef<SavedDraft | null>(null);
  const [state, setState] = useState<FormState>(() => {
    const saved = readDraft(storageKey);
    if (saved && !sameContent(saved.state, initial.current)) {
      restored.current = saved;
      return saved.state;
    }
    return initial.current;
  });
  const [showRestored, setShowRestored] = useState(restored.current !== null);
  const { problems, failure, attempt, err, fail, failWith, clearProblems, clearFailure } = useFormProblems();
  const { pending: saving, run } = useAction<Intent>();
  const [similar, setSimilar] = useState<SimilarChallenge[]>([]);
  const focusNext = useRef<string | null>(null);
  const organisation = useOrg();

  // Keep the unsent form, so nothing typed is lost to a closed tab or a failed save.
  useEffect(() => {
    const timer = setTimeout(() => {
      const pristine = sameContent(state, initial.current);
      writeDraft(storageKey, pristine ? null : state);
    }, 250);
    return () => clearTimeout(timer);
  }, [state, storageKey]);

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  // Before a challenge is published, show similar ones (SPEC §8: back one instead of a duplicate).
  const unpublished = !challenge || challenge.stage === "draft";
  const similarText = `${state.title.trim()} ${state.summary.trim()}`.trim().slice(0, 400);
  useEffect(() => {
    if (!unpublished || state.title.trim().length < 4) {
      setSimilar([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      call(
        api["similar-challenges"].$get({
          query: { q: similarText, ...(challenge ? { exclude: challenge.id } : {}) },
        }),
      ).then(
        (page) => live && setSimilar(page.items.slice(0, 3)),
        () => live && setSimilar([]),
      );
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [similarText, unpublished]);

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
    setState(initial.current);
    writeDraft(storageKey, null);
    setShowRestored(false);
    clearProblems();
  }

  async function submit(intent: Intent) {
    if (saving) return;
    const { body, problems: local, rows } = build(state);
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

  const summaryLeft = SUMMARY_MAX - state.summary.length;
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
      {showRestored && restored.current && (
        <Alert kind="info" title="Unsaved changes restored">
          <p>
            We kept what you typed here <TimeAgo iso={restored.current.savedAt} />, before it was saved.
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

      <fieldset>
        <legend>The challenge</legend>
        <TextField
          {...topField("title")}
          hint="3 to 120 characters. The only field needed to save a draft."
          maxLength={120}
          value={state.title}
          onInput={(v) => set("title", v)}
          after={
            similar.length > 0 && (
              <div class="similar" aria-live="polite">
                <strong>Similar challenges already exist.</strong> Could you back or join one instead?
                <ul>
                  {similar.map((c) => (
                    <li key={c.id}>
                      <a href={`/challenges/${c.id}`} target="_blank" rel="noopener">
                        {c.title}
                        <span class="visually-hidden"> (opens in a new tab)</span>
                      </a>
                      <span class="muted">
                        {" "}
                        · {c.stage in STAGE_LABELS ? STAGE_LABELS[c.stage as keyof typeof STAGE_LABELS] : c.stage} ·{" "}
                        {plural(c.backerCount, "backer")} ·{" "}
                      </span>
                      <a href={`/challenges/${c.id}`}>
                        Back it instead<span class="visually-hidden">: {c.title}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            )
          }
        />
        <Field
          {...topField("summary")}
          hint="One or two sentences shown on the marketplace card."
          describedBy="f-summary-count"
        >
          {(control) => (
            <>
              <textarea
                {...control}
                rows={3}
                value={state.summary}
                onInput={(e) => set("summary", e.currentTarget.value)}
              />
              <p id="f-summary-count" class={`counter${summaryLeft < 0 ? " over" : ""}`}>
                {summaryLeft >= 0
                  ? `${summaryLeft} ${summaryLeft === 1 ? "character" : "characters"} left`
                  : `${-summaryLeft} ${summaryLeft === -1 ? "character" : "characters"} too many`}
              </p>
            </>
          )}
        </Field>
        <TextAreaField
          {...topField("problem")}
          hint="What is hard, and what has been tried. Markdown works."
          value={state.problem}
          onInput={(v) => set("problem", v)}
          tall
        />
        <TextAreaField
          {...topField("whyItMatters")}
          hint="Who gains, and by how much. Markdown works."
          value={state.whyItMatters}
          onInput={(v) => set("whyItMatters", v)}
        />
      </fieldset>

      <fieldset>
        <legend>Goals: KPIs</legend>
        <p class="hint">
          Measurable goals with a baseline and a target. Direction is up when higher is better, down when lower is
          better. At least one KPI is needed to publish; at most {MAX_KPIS}.
        </p>
        {state.kpis.map((k, i) => (
          <fieldset class="row-card" key={k.key}>
            <legend class="row-card-title">KPI {i + 1}</legend>
            <div class="row-grid">
              <TextField
                {...kpiField(i, "name")}
                value={k.name}
                onInput={(v) => setKpi(i, { name: v })}
                autoComplete="off"
                class="field wide"
              />
              <TextField
                {...kpiField(i, "unit")}
                value={k.unit}
                onInput={(v) => setKpi(i, { unit: v })}
                autoComplete="off"
              />
              <SelectField
                {...kpiField(i, "direction")}
                value={k.direction}
                onChange={(v) => setKpi(i, { direction: v as "up" | "down" })}
              >
                <option value="up">Up</option>
                <option value="down">Down</option>
              </SelectField>
              <TextField
                {...kpiField(i, "baseline")}
                value={k.baseline}
                onInput={(v) => setKpi(i, { baseline: v })}
                inputMode="decimal"
                autoComplete="off"
              />
              <TextField
                {...kpiField(i, "target")}
                value={k.target}
                onInput={(v) => setKpi(i, { target: v })}
                inputMode="decimal"
                autoComplete="off"
              />
            </div>
            <button type="button" class="button button-danger button-small" onClick={() => removeKpi(i)}>
              Remove<span class="visually-hidden"> KPI {i + 1}</span>
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          id={TOP_FIELDS.kpis[0]}
          class="button button-secondary"
          onClick={addKpi}
          aria-disabled={state.kpis.length >= MAX_KPIS ? "true" : undefined}
          aria-describedby={err(TOP_FIELDS.kpis[0]) ? errorId(TOP_FIELDS.kpis[0]) : undefined}
        >
          Add KPI
        </button>
        {state.kpis.length >= MAX_KPIS && <p class="hint">That is the most a challenge can have.</p>}
        <FieldError fieldId={TOP_FIELDS.kpis[0]} message={err(TOP_FIELDS.kpis[0])} />
      </fieldset>

      <fieldset>
        <legend>Boundaries</legend>
        <TextAreaField
          {...topField("boundaries.constraints")}
          hint="What must not change or break. Needed to publish."
          value={state.constraints}
          onInput={(v) => set("constraints", v)}
        />
        <TextAreaField
          {...topField("boundaries.outOfScope")}
          hint="What this challenge will not do."
          value={state.outOfScope}
          onInput={(v) => set("outOfScope", v)}
        />
      </fieldset>

      <fieldset>
        <legend>Help, time and money</legend>
        <TextAreaField
          {...topField("assistanceNeeded")}
          hint="People, access or expertise the team needs from the organisation."
          value={state.assistanceNeeded}
          onInput={(v) => set("assistanceNeeded", v)}
        />
        <TextField
          {...topField("horizonWeeks")}
          hint="1 to 104 weeks."
          inputMode="numeric"
          value={state.horizonWeeks}
          onInput={(v) => set("horizonWeeks", v)}
        />
        <Field
          {...topField("fundingAsk")}
          hint={
            fundingLocked
              ? "The ask is settled once a challenge is funded."
              : `In ${currency}, e.g. 25000.00. Use 0 if you need no money, only a sponsor's endorsement.`
          }
        >
          {(control) => (
            <div class="input-prefix">
              <span aria-hidden="true">{currency}</span>
              <input
                {...control}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                readOnly={fundingLocked}
                value={state.fundingAsk}
                onInput={(e) => set("fundingAsk", e.currentTarget.value)}
              />
            </div>
          )}
        </Field>
        <TextAreaField
          {...topField("fundingBreakdown")}
          hint="What the money is for, line by line."
          value={state.fundingBreakdown}
          onInput={(v) => set("fundingBreakdown", v)}
        />
      </fieldset>

      <fieldset>
        <legend>Team: role slots</legend>
        <p class="hint">
          The disciplines this challenge needs, so the team is cross-functional by design. At most {MAX_SLOTS}.
        </p>
        {state.slots.map((s, i) => (
          <fieldset class="row-card" key={s.key}>
            <legend class="row-card-title">Role {i + 1}</legend>
            <div class="row-grid">
              <SelectField
                {...slotField(i, "discipline")}
                value={s.discipline}
                onChange={(v) => setSlot(i, { discipline: v })}
              >
                <option value="">Choose…</option>
                <NamedOptions items={disciplines} keep={s.discipline} />
              </SelectField>
              <TextField
                {...slotField(i, "count")}
                value={s.count}
                onInput={(v) => setSlot(i, { count: v })}
                inputMode="numeric"
                autoComplete="off"
              />
              <TextField
                {...slotField(i, "commitmentPercent")}
                value={s.commitmentPercent}
                onInput={(v) => setSlot(i, { commitmentPercent: v })}
                inputMode="numeric"
                autoComplete="off"
              />
              <TextField
                {...slotField(i, "skills")}
                value={s.skills}
                onInput={(v) => setSlot(i, { skills: v })}
                hint="Comma-separated, e.g. spark, sql"
                autoComplete="off"
                class="field wide"
              />
              <div class="field">
                <label class="check">
                  <input
                    id={slotFieldId(i, "required")}
                    type="checkbox"
                    checked={s.required}
                    onChange={(e) => setSlot(i, { required: e.currentTarget.checked })}
                  />
                  <span>
                    <span class="visually-hidden">Role {i + 1} </span>
                    <span class="cap">required</span>
                  </span>
                </label>
              </div>
            </div>
            <button type="button" class="button button-danger button-small" onClick={() => removeSlot(i)}>
              Remove<span class="visually-hidden"> role {i + 1}</span>
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          id={TOP_FIELDS.slots[0]}
          class="button button-secondary"
          onClick={addSlot}
          aria-disabled={state.slots.length >= MAX_SLOTS ? "true" : undefined}
        >
          Add role slot
        </button>
        {state.slots.length >= MAX_SLOTS && <p class="hint">That is the most a challenge can have.</p>}
        <FieldError fieldId={TOP_FIELDS.slots[0]} message={err(TOP_FIELDS.slots[0])} />
      </fieldset>

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
