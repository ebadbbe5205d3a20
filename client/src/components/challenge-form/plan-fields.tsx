import { Field, TextAreaField, TextField } from "../field";
import type { FieldProps, TOP_FIELDS } from "./fields";
import type { FormState, SetField } from "./state";

/** Boundaries, and the help, time and money the challenge asks for. */
export function PlanFields({
  state,
  set,
  topField,
  currency,
  fundingLocked,
}: {
  state: FormState;
  set: SetField;
  topField: (path: keyof typeof TOP_FIELDS) => FieldProps;
  currency: string;
  /** The ask is settled once a challenge is funded. */
  fundingLocked: boolean;
}) {
  return (
    <>
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
    </>
  );
}
