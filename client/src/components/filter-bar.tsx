import type { ComponentChildren } from "preact";
import { Field } from "./field";

interface FilterBarProps {
  /** The search landmark's name. */
  label: string;
  /** The search box: its id, label and placeholder. */
  search: { id: string; label: string; placeholder: string };
  text: string;
  onText: (text: string) => void;
  /** Enter or the Search button: search for the text now. */
  onSearch: () => void;
  /** The page's other filters. */
  children: ComponentChildren;
}

/** A list page's filters: a search box with its button, then the page's own filters. */
export function FilterBar({ label, search, text, onText, onSearch, children }: FilterBarProps) {
  return (
    <search aria-label={label}>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          onSearch();
        }}
      >
        <Field id={search.id} label={search.label} class="field search-field">
          {(control) => (
            <div class="search-row">
              <input
                {...control}
                type="search"
                value={text}
                placeholder={search.placeholder}
                onInput={(e) => onText(e.currentTarget.value)}
              />
              <button type="submit" class="button button-secondary">
                Search
              </button>
            </div>
          )}
        </Field>
        {children}
      </form>
    </search>
  );
}
