import { signal } from "@preact/signals";

export interface Flash {
  kind: "error" | "success";
  message: string;
}

/** A message carried across one navigation (e.g. "publishing was refused because …"). */
export const flash = signal<Flash | null>(null);

export function takeFlash(): Flash | null {
  const value = flash.value;
  flash.value = null;
  return value;
}
