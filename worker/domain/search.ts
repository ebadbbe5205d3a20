/**
 * Turns what a person types into a safe FTS5 MATCH expression: every word is quoted (so FTS5
 * operators and punctuation in the input cannot break the query) and the last word matches as
 * a prefix, so results follow the typing. Returns null when the input has no searchable word.
 */
export function toFtsQuery(input: string): string | null {
  const words = searchWords(input);
  if (!words) return null;
  return words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(" ");
}

function searchWords(input: string): string[] | null {
  const words = input
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu)
    ?.slice(0, 12);
  return words && words.length > 0 ? words : null;
}

/**
 * A looser expression for when `toFtsQuery` finds nothing, or null when there is nothing looser.
 * The index holds porter stems, so a word typed halfway past its stem matches nothing
 * (porter indexes "deployments" as "deploi", and "deploym" is not a prefix of that): the last
 * word also matches as a prefix with one to four letters fewer (never under four letters).
 */
export function toLooseFtsQuery(input: string): string | null {
  const words = searchWords(input);
  if (!words) return null;
  const last = words[words.length - 1];
  const shorter = [1, 2, 3, 4].map((n) => last.slice(0, last.length - n)).filter((p) => p.length >= 4);
  if (shorter.length === 0) return null;
  const head = words.slice(0, -1).map((w) => `"${w}"`);
  // Explicit AND: FTS5 does not join a phrase and a parenthesised group implicitly.
  return [...head, `(${[last, ...shorter].map((p) => `"${p}"*`).join(" OR ")})`].join(" AND ");
}

/** Escapes `%`, `_` and `\` for a LIKE pattern used with `ESCAPE '\'`. */
export function likeContains(input: string): string {
  return `%${input.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
