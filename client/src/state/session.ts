import { signal } from "@preact/signals";
import { api } from "../lib/api";
import { ApiError, call } from "../lib/http";
import type { Me } from "../lib/types";
import { clearResourceCache } from "../lib/use-resource";

/** The signed-in person: `undefined` while loading, `null` when signed out. */
export const me = signal<Me | null | undefined>(undefined);
/** Why `GET /api/me` failed, other than being signed out. */
export const sessionError = signal<string | null>(null);

export async function loadMe() {
  sessionError.value = null;
  try {
    // Signed out is an answer here, not a 401, so no page starts with an error in the console.
    me.value = (await call(api.session.$get())).me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) me.value = null;
    else sessionError.value = err instanceof ApiError ? err.message : "Crux could not load your session.";
  }
}

export async function signIn(email: string) {
  clearResourceCache();
  me.value = await call(api.dev["sign-in"].$post({ json: { email } }));
}

/** Ends the session; returns where to go next (Cloudflare Access's logout, or the sign-in page). */
export async function signOut(): Promise<string> {
  const { logoutUrl } = await call(api["sign-out"].$post());
  clearResourceCache();
  me.value = null;
  return logoutUrl ?? "/sign-in";
}

export function hasRole(role: Me["roles"][number]) {
  return me.value?.roles.includes(role) ?? false;
}
