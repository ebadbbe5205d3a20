import { useEffect, useRef, useState } from "preact/hooks";
import { messageOf } from "./http";

/** One page of a keyset-paginated list, as every list route answers. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type Results<T> =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; items: T[]; nextCursor: string | null };

export interface PagedList<T> {
  results: Results<T>;
  /** The next page's request, apart from the first page's. */
  more: { loading: boolean; error: string | null };
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * The results of a search, read a page at a time: the first page loads whenever `key` (the query)
 * changes and replaces what was shown, and `loadMore` appends the next. Answers that arrive after
 * the query has changed are dropped.
 */
export function usePagedList<T>(fetchPage: (cursor?: string) => Promise<Page<T>>, key: string): PagedList<T> {
  const [results, setResults] = useState<Results<T>>({ status: "loading" });
  const [more, setMore] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  const request = useRef(0);
  // The newest render's fetch, so a retry or a late effect asks with the current query.
  const fetchLatest = useRef(fetchPage);
  fetchLatest.current = fetchPage;

  async function reload() {
    const id = ++request.current;
    setResults({ status: "loading" });
    setMore({ loading: false, error: null });
    try {
      const page = await fetchLatest.current();
      if (id === request.current) setResults({ status: "ready", items: page.items, nextCursor: page.nextCursor });
    } catch (err) {
      if (id === request.current) setResults({ status: "error", message: messageOf(err) });
    }
  }

  useEffect(() => {
    reload();
  }, [key]);

  async function loadMore() {
    if (results.status !== "ready" || !results.nextCursor) return;
    const id = request.current;
    setMore({ loading: true, error: null });
    try {
      const page = await fetchLatest.current(results.nextCursor);
      if (id !== request.current) return;
      setResults({ status: "ready", items: [...results.items, ...page.items], nextCursor: page.nextCursor });
      setMore({ loading: false, error: null });
    } catch (err) {
      if (id === request.current) setMore({ loading: false, error: messageOf(err) });
    }
  }

  return { results, more, reload, loadMore };
}
