/**
 * Counts in words, by the language's plural rules (Intl.PluralRules), so text never says
 * "challenge(s)": "1 challenge", "4 challenges", "0 challenges".
 */
const rules = new Intl.PluralRules("en");
const numbers = new Intl.NumberFormat("en");

export function countOf(n: number, one: string, other = `${one}s`): string {
  return `${numbers.format(n)} ${rules.select(n) === "one" ? one : other}`;
}

/** An id's label from a reference list (disciplines, levels), or the id itself when it has none. */
export function labelOf(list: readonly { id: string; name: string }[], id: string | null): string | null {
  if (!id) return null;
  return list.find((x) => x.id === id)?.name ?? id;
}
