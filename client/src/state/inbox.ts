import { signal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { api } from "../lib/api";
import { call } from "../lib/http";

/** How many notifications the signed-in person has not read; null until first read. */
export const unread = signal<number | null>(null);

const POLL_MS = 60_000;

/** Reads the unread count again; a failure keeps the last count (the badge is a hint, not a record). */
export async function refreshUnread() {
  try {
    unread.value = (await call(api.inbox.unread.$get())).unread;
  } catch {
    // Offline or signed out: the next poll tries again.
  }
}

/**
 * Keeps the header's unread badge current while someone is signed in: reads it now, every minute
 * while the tab is visible, and whenever the tab comes back into view.
 */
export function useUnreadPolling(signedIn: boolean) {
  useEffect(() => {
    if (!signedIn) {
      unread.value = null;
      return;
    }
    refreshUnread();
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") refreshUnread();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") refreshUnread();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [signedIn]);
}
