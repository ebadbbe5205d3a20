import { signal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { api } from "../lib/api";
import { call } from "../lib/http";
import type { Org } from "../lib/types";

/** Currency, disciplines and career levels: loaded once, for labels and form selects. */
export const org = signal<Org | null>(null);
let pending: Promise<Org> | null = null;

export function loadOrg(): Promise<Org> {
  if (org.value) return Promise.resolve(org.value);
  pending ??= call(api.org.$get()).then(
    (value) => {
      org.value = value;
      return value;
    },
    (err) => {
      pending = null;
      throw err;
    },
  );
  return pending;
}

/** Puts a newer copy of the organisation in place (an admin changed it), for every page to see. */
export function setOrg(value: Org) {
  org.value = value;
  pending = Promise.resolve(value);
}

/** Reads the organisation again, however fresh the copy held is, and shares the answer. */
export async function reloadOrg(): Promise<Org> {
  const value = await call(api.org.$get());
  setOrg(value);
  return value;
}

/** Loads the organisation when a page opens (until it arrives, labels show ids) and returns it. */
export function useOrg(): Org | null {
  useEffect(() => {
    loadOrg().catch(() => undefined);
  }, []);
  return org.value;
}

/** The disciplines offered for new choices; retired ones only name what already uses them. */
export function activeDisciplines(): Org["disciplines"] {
  return org.value?.disciplines.filter((d) => d.active) ?? [];
}

export function disciplineName(id: string | null | undefined): string {
  if (!id) return "";
  return org.value?.disciplines.find((d) => d.id === id)?.name ?? id;
}

export function levelName(id: string | null | undefined): string {
  if (!id) return "";
  return org.value?.levels.find((l) => l.id === id)?.name ?? id;
}
