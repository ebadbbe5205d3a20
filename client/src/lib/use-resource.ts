import { useEffect, useState } from "preact/hooks";
import { ApiError, messageOf } from "./http";

export type Loaded<T> =
  | { status: "loading" }
  | { status: "error"; notFound: boolean; message: string }
  | { status: "ready"; value: T };

/** One thing a page shows (a challenge, a profile), read from the API again whenever `key` changes. */
export function useResource<T>(fetch: () => Promise<T>, key: string) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: "loading" });

  /** Reads it again; `quiet` keeps showing the current value until the new one arrives. */
  async function load(quiet = false) {
    if (!quiet) setLoaded({ status: "loading" });
    try {
      setLoaded({ status: "ready", value: await fetch() });
    } catch (err) {
      setLoaded({ status: "error", notFound: err instanceof ApiError && err.status === 404, message: messageOf(err) });
    }
  }

  useEffect(() => {
    load();
  }, [key]);

  return {
    loaded,
    reload: () => load(),
    refresh: () => load(true),
    /** Shows a value the page already has (the answer to a change it made). */
    set: (value: T) => setLoaded({ status: "ready", value }),
  };
}
