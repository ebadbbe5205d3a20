/**
 * The entries of `after` whose values differ from `before`'s (compared as JSON), in `after`'s order:
 * a PATCH body that touches only what was edited, so the activity log names just that.
 */
export function changedOnly<T extends object>(before: T, after: T): Partial<T> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify((before as Record<string, unknown>)[key])) patch[key] = value;
  }
  return patch as Partial<T>;
}
