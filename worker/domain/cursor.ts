/**
 * Keyset pagination cursors (SPEC §11): the sort key of the last item of a page, as base64url
 * JSON. A cursor that does not decode to the expected shape is a 400 on `cursor`.
 */
import { decodeBase64Url, encodeBase64Url } from "hono/utils/encode";

export type CursorKey = (string | number | null)[];

export function encodeCursor(key: CursorKey): string {
  // Hono's encoder pads with `=`; a cursor goes into a query string without it.
  return encodeBase64Url(new TextEncoder().encode(JSON.stringify(key)).buffer).replace(/=+$/, "");
}

/** Returns the decoded key, or null when the cursor is not one this API issued in this shape. */
export function decodeCursor(cursor: string, shape: readonly ("string" | "number")[]): CursorKey | null {
  try {
    const key: unknown = JSON.parse(new TextDecoder().decode(decodeBase64Url(cursor)));
    if (!Array.isArray(key) || key.length !== shape.length) return null;
    for (const [i, type] of shape.entries()) {
      if (typeof key[i] !== type) return null;
      if (type === "number" && !Number.isFinite(key[i])) return null;
    }
    return key as CursorKey;
  } catch {
    return null;
  }
}

/** Cuts a page fetched with `limit + 1` rows into the items and the cursor of the next page. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
