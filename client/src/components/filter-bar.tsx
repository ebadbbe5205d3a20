import type { ComponentChildren } from "preact";
import { useId, useState } from "preact/hooks";
import { Field } from "./field";
import "./filter-bar.css";

interface FilterBarProps {
  /** The search landmark's name. */
  label: string;
  /** The search box: its id, label and placeholder. */
  search: { id: string; label: string; placeholder: string };
  text: string;
  onText: (text: string) => void;
  /** Enter or the Search button: search for the text now. */
  onSearch: () => void;
  /** How many of the page's own filters are set, shown on the phone's "Filters" button. */
  active?: number;
  /** The page's other filters. */
  children: ComponentChildren;
}

/**
 * A list page's filters: a search box with its button, then the page's own filters. On a phone
 * the page's filters fold behind a "Filters" button (a disclosure), so the results stay in view.
 */
export function FilterBar({ label, search, text, onText, onSearch, active = 0, children }: FilterBarProps) {
  const [open, setOpen] = useState(false);
  const optionsId = useId();
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
        <button
          type="button"
          class="button button-secondary filters-toggle"
          aria-expanded={open}
          aria-controls={optionsId}
          onClick={() => setOpen(!open)}
        >
          Filters
          {active > 0 && (
            <span class="filters-count">
              <span class="visually-hidden">, </span>
              {active}
              <span class="visually-hidden"> set</span>
            </span>
          )}
        </button>
        <div id={optionsId} class={`filter-options${open ? " open" : ""}`}>
          {children}
        </div>
      </form>
    </search>
  );
}
