import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";

/** `path` with the filters that are set as its query string. */
function toUrl(path: string, filters: object) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * A list page's filters, kept in the URL so a search can be shared and bookmarked, and the text in
 * its search box, which becomes the `q` filter a moment after the person stops typing.
 * `normalise` tidies the filters before they are written (drops a combination that makes no sense).
 */
export function useUrlFilters<F extends { q: string }>(
  path: string,
  read: (query: Record<string, string>) => F,
  normalise: (filters: F) => F = (filters) => filters,
) {
  const { query, route } = useLocation();
  const filters = read(query);
  const latest = useRef(filters);
  latest.current = filters;
  const [text, setText] = useState(filters.q);

  function update(changes: Partial<F>) {
    route(toUrl(path, normalise({ ...latest.current, ...changes })), true);
  }

  // The URL changed from elsewhere (a tag link, back button): show its query in the box.
  useEffect(() => {
    if (filters.q !== text) setText(filters.q);
  }, [filters.q]);

  // Search as the person types, a moment after they pause.
  useEffect(() => {
    if (text === latest.current.q) return;
    const timer = setTimeout(() => update({ q: text } as Partial<F>), 300);
    return () => clearTimeout(timer);
  }, [text]);

  return { filters, update, text, setText };
}
