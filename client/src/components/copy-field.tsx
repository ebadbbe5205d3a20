import type { ComponentChildren, Ref } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Field } from "./field";
import "./copy-field.css";

/**
 * Copying a read-only field's value: to the clipboard where the browser allows it, or else the
 * text is focused and selected so the keyboard can copy it. `focusOnShow` selects a value as soon
 * as it appears (a secret shown once); `what` names it in the fallback message.
 */
export function useCopy(value: string, { focusOnShow = false, what = "text" } = {}) {
  const [copied, setCopied] = useState<"" | "yes" | "no">("");
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setCopied("");
    if (!focusOnShow) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [value]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setCopied("no");
    }
  }

  const message =
    copied === "yes"
      ? "Copied to the clipboard."
      : copied === "no"
        ? `Copying was not allowed; the ${what} is selected, so copy it with your keyboard.`
        : "";
  return { inputRef, copy, message };
}

/** A labelled read-only text input whose whole value is selected when it takes focus. */
export function ReadOnlyField({
  id,
  label,
  hint,
  value,
  inputRef,
  after,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  inputRef: Ref<HTMLInputElement>;
  after?: ComponentChildren;
}) {
  return (
    <Field id={id} label={label} hint={hint} after={after}>
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          type="text"
          readOnly
          spellcheck={false}
          autoComplete="off"
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
    </Field>
  );
}

/** A read-only value (a URL, a secret) with a Copy button beneath it; falls back to selecting it. */
export function CopyField({
  id,
  label,
  hint,
  value,
  copyLabel,
  focusOnShow = false,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  /** The Copy button's full name, e.g. "Copy the SCIM token". */
  copyLabel: string;
  focusOnShow?: boolean;
}) {
  const { inputRef, copy, message } = useCopy(value, { focusOnShow });
  return (
    <ReadOnlyField
      id={id}
      label={label}
      hint={hint}
      value={value}
      inputRef={inputRef}
      after={
        <>
          <div class="button-row copy-actions">
            <button type="button" class="button button-secondary button-small" aria-label={copyLabel} onClick={copy}>
              Copy
            </button>
          </div>
          <p class="small" aria-live="polite">
            {message}
          </p>
        </>
      }
    />
  );
}
