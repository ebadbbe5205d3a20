import { SelectField, TextAreaField } from "../../../components/field";
import { DECISION_OPTIONS } from "../../../lib/review-words";
import type { EditorState } from "./editor-state";

/** What the team recommends the reviewers decide, and why. */
export function RecommendationFields({
  recommendation,
  note,
  set,
  err,
}: {
  recommendation: EditorState["recommendation"];
  note: string;
  set: <K extends "recommendation" | "recommendationNote">(key: K, value: EditorState[K]) => void;
  err: (fieldId: string) => string | undefined;
}) {
  return (
    <>
      <SelectField
        id="showcase-recommendation"
        label="Recommendation"
        hint="What the team recommends the reviewers decide."
        value={recommendation}
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
        value={note}
        onInput={(v) => set("recommendationNote", v)}
        error={err("showcase-recommendation-note")}
      />
    </>
  );
}

/** What the showcase still lacks before it can be submitted. */
export function MissingForSubmit({ missing }: { missing: string[] }) {
  if (missing.length === 0) return null;
  return (
    <div id="missing-for-submit" class="form-section">
      <p class="alert-title">Before submitting, add:</p>
      <ul class="missing-list">
        {missing.map((m) => (
          <li key={m}>{m === "the showcase" ? "the showcase (save it first)" : m}</li>
        ))}
      </ul>
    </div>
  );
}
