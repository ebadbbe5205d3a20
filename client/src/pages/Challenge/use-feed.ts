import { useEffect, useState } from "preact/hooks";
import { messageOf } from "../../lib/http";
import type { Page } from "../../lib/use-paged-list";

export interface Feed<T> {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
}

/**
 * A feed under the challenge (its comments, its activity), loaded again whenever `key` changes.
 * Unlike a search's results, a refresh keeps the entries shown until the new first page arrives,
 * and one error line serves the first page and older ones alike.
 */
export function useFeed<T>(fetchPage: (cursor?: string) => Promise<Page<T>>, key: string) {
  const [feed, setFeed] = useState<Feed<T>>({ items: [], nextCursor: null, loading: true, error: null });

  async function load(cursor?: string) {
    setFeed((f) => ({ ...f, loading: true, error: null }));
    try {
      const page = await fetchPage(cursor);
      setFeed((f) => ({
        items: cursor ? [...f.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
        loading: false,
        error: null,
      }));
    } catch (err) {
      setFeed((f) => ({ ...f, loading: false, error: messageOf(err) }));
    }
  }

  useEffect(() => {
    load();
  }, [key]);

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
