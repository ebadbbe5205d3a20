import { type CursorKey, decodeCursor } from "../domain/cursor";
import { invalid } from "../middleware/errors";

/** Decodes a `cursor` query parameter, or answers 400 naming it when it is not one of ours. */
export function readCursor(cursor: string | undefined, shape: readonly ("string" | "number")[]): CursorKey | null {
  if (!cursor) return null;
  const key = decodeCursor(cursor, shape);
  if (!key) throw invalid({ cursor: "This cursor does not belong to this listing; start again without it." });
  return key;
}
