import { useEffect, useRef, useState } from "preact/hooks";
import { messageOf } from "../../lib/http";
import type { Page } from "../../lib/use-paged-list";
import type { Loaded } from "../../lib/use-resource";

export interface Feed<T> {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
}

/**
 * A feed under the challenge (its comments, its activity). Its first page comes with the page's
 * one read (`initial`), shown again whenever that read is; without one it is read on its own,
 * again whenever `key` changes. A refresh keeps the entries shown until the new first page
 * arrives, and one error line serves the first page and older ones alike.
 */
export function useFeed<T>(fetchPage: (cursor?: string) => Promise<Page<T>>, key: string, initial?: Page<T>) {
  const [feed, setFeed] = useState<Feed<T>>(() =>
    initial
      ? { items: initial.items, nextCursor: initial.nextCursor, loading: false, error: null }
      : { items: [], nextCursor: null, loading: true, error: null },
  );
  const request = useRef(0);

  async function load(cursor?: string) {
    const id = ++request.current;
    setFeed((f) => ({ ...f, loading: true, error: null }));
    try {
      const page = await fetchPage(cursor);
      if (id !== request.current) return;
      setFeed((f) => ({
        items: cursor ? [...f.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
        loading: false,
        error: null,
      }));
    } catch (err) {
      if (id !== request.current) return;
      setFeed((f) => ({ ...f, loading: false, error: messageOf(err) }));
    }
  }

  const first = useRef(true);
  useEffect(() => {
    const mounting = first.current;
    first.current = false;
    if (initial) {
      if (mounting) return;
      request.current++;
      setFeed({ items: initial.items, nextCursor: initial.nextCursor, loading: false, error: null });
    } else load();
  }, [key, initial]);

  return {
    feed,
    refresh: () => load(),
    loadMore: () => load(feed.nextCursor ?? undefined),
    /** Shows an entry the page just added (a posted comment) without reading the feed again. */
    append: (item: T) => setFeed((f) => ({ ...f, items: [...f.items, item] })),
    /** The same, for a feed read newest first (a posted update). */
    prepend: (item: T) => setFeed((f) => ({ ...f, items: [item, ...f.items] })),
  };
}

/**
 * A part of the challenge page that came with its one read (`initial`) and is read again on its
 * own after a change (`fetch`): the same handle as `useResource`, seeded instead of cached.
 * A new `initial` (the page read again) replaces what is shown, so pass the same object until
 * then (the page read's own, or one kept with `useMemo`).
 */
export function useSeeded<T>(initial: T, fetch: () => Promise<T>) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: "ready", value: initial });
  const request = useRef(0);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    request.current++;
    setLoaded({ status: "ready", value: initial });
  }, [initial]);

  async function load(quiet: boolean) {
    const id = ++request.current;
    if (!quiet) setLoaded({ status: "loading" });
    try {
      const value = await fetch();
      if (id === request.current) setLoaded({ status: "ready", value });
    } catch (err) {
      if (id === request.current) setLoaded({ status: "error", notFound: false, message: messageOf(err) });
    }
  }

  return {
    loaded,
    reload: () => load(false),
    refresh: () => load(true),
    set: (value: T) => {
      request.current++;
      setLoaded({ status: "ready", value });
    },
  };
}
