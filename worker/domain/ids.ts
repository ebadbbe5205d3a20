/**
 * Opaque ids that sort by creation time: a prefix naming the kind, 9 base-36 digits of
 * milliseconds, and 10 random base-32 characters.
 */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export function newId(prefix: string, now = Date.now()): string {
  const random = crypto.getRandomValues(new Uint8Array(10));
  let tail = "";
  for (const byte of random) tail += ALPHABET[byte & 31];
  return `${prefix}_${now.toString(36).padStart(9, "0")}${tail}`;
}
