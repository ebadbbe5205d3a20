/**
 * Turns what a person types into a safe FTS5 MATCH expression: every word is quoted (so FTS5
 * operators and punctuation in the input cannot break the query) and the last word matches as
 * a prefix, so results follow the typing. Returns null when the input has no searchable word.
 */
export function toFtsQuery(input: string): string | null {
  const words = input
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu)
    ?.slice(0, 12);
  if (!words || words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(" ");
}

/** Escapes `%`, `_` and `\` for a LIKE pattern used with `ESCAPE '\'`. */
export function likeContains(input: string): string {
  return `%${input.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
