import type { SimilarChallenge } from "../../lib/types";
import { Field, TextAreaField, TextField } from "../field";
import type { FieldProps } from "./fields";
import { SimilarChallenges } from "./similar-challenges";
import { type FormState, type SetField, SUMMARY_MAX } from "./state";

/** The challenge in words: title (with similar challenges under it), summary, problem and why it matters. */
export function AboutFields({
  state,
  set,
  topField,
  similar,
}: {
  state: FormState;
  set: SetField;
  topField: (path: "title" | "summary" | "problem" | "whyItMatters") => FieldProps;
  similar: SimilarChallenge[];
}) {
  const summaryLeft = SUMMARY_MAX - state.summary.length;
  return (
    <fieldset>
      <legend>The challenge</legend>
      <TextField
        {...topField("title")}
        hint="3 to 120 characters. The only field needed to save a draft."
        maxLength={120}
        value={state.title}
        onInput={(v) => set("title", v)}
        after={<SimilarChallenges items={similar} />}
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
  );
}
