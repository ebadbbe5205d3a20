import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, messageOf } from "./http";

export type Loaded<T> =
  | { status: "loading" }
  | { status: "error"; notFound: boolean; message: string }
  | { status: "ready"; value: T };

/** How many resources the cache keeps; the least recently used goes first. */
const CACHE_LIMIT = 50;

/**
 * The last value read for each key, so going back to a page shows it at once while it is read
 * again (stale-while-revalidate). It holds what the signed-in person may see: cleared on sign-out.
 */
const cache = new Map<string, unknown>();

function remember(key: string, value: unknown) {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
}

function fromCache<T>(key: string): Loaded<T> {
  if (!cache.has(key)) return { status: "loading" };
  const value = cache.get(key) as T;
  remember(key, value);
  return { status: "ready", value };
}

/** Empties the cache: another person may sign in next on this device. */
export function clearResourceCache() {
  cache.clear();
}

/** Drops the cached values whose key starts with `prefix`, so the next page to show them reads them first. */
export function forgetResource(prefix: string) {
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}

export interface ResourceOptions {
  /** Never show a cached value: a form seeded from the value must start from what the server has now. */
  fresh?: boolean;
}

/**
 * One thing a page shows (a challenge, a profile), read from the API again whenever `key` changes.
 * `key` names the resource itself (`challenge:<id>`, not just `<id>`): it is also the cache's key,
 * so a page visited before renders its last value at once and refreshes it in the background.
 */
export function useResource<T>(fetch: () => Promise<T>, key: string, { fresh = false }: ResourceOptions = {}) {
  const [loaded, setLoaded] = useState<Loaded<T>>(() => (fresh ? { status: "loading" } : fromCache<T>(key)));
  // Only the newest request may change what is shown (or cached): a slower, older answer is dropped.
  const request = useRef(0);
  const mounted = useRef(false);

  /** Reads it again; `quiet` keeps showing the current value until the new one arrives. */
  async function load(quiet = false) {
    const id = ++request.current;
    if (!quiet) setLoaded({ status: "loading" });
    try {
      const value = await fetch();
      if (id !== request.current) return;
      remember(key, value);
      setLoaded({ status: "ready", value });
    } catch (err) {
      if (id !== request.current) return;
      cache.delete(key);
      setLoaded({ status: "error", notFound: err instanceof ApiError && err.status === 404, message: messageOf(err) });
    }
  }

  useEffect(() => {
    // The first render already shows the cached value (or the skeleton); a new key shows its own.
    if (mounted.current) setLoaded(fresh ? { status: "loading" } : fromCache<T>(key));
    mounted.current = true;
    load(true);
  }, [key]);

  return {
    loaded,
    reload: () => load(),
    refresh: () => load(true),
    /** Shows a value the page already has (the answer to a change it made). */
    set: (value: T) => {
      request.current++;
      remember(key, value);
      setLoaded({ status: "ready", value });
    },
  };
}
