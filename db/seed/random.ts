/**
 * Deterministic randomness for the demo organisation. Each part of the organisation draws from
 * its own seeded stream (`seededFaker("people")`, `seededFaker("challenge:batch-spend")`), so
 * adding a challenge or a later section (budgets, teams…) leaves everything else unchanged.
 */
import { base, en, Faker } from "@faker-js/faker";

export const DEMO_SEED = 20261127;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** A 53-bit string hash (cyrb53): stable across runs and platforms, no I/O. */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A faker whose sequence depends only on the demo seed and the stream's name. */
export function seededFaker(stream: string): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed([DEMO_SEED, hash53(stream) % 2 ** 31]);
  return faker;
}

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function base32(value: number, length: number): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < length; i++) {
    out += ALPHABET[rest % 32];
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * An id shaped like the app's (`p_` + 19 base-32 characters) but derived from a stable key
 * (`demoId("p", "ic@example.com")`), so every load of the demo gives the same ids.
 */
export function demoId(prefix: string, key: string): string {
  return `${prefix}_${base32(hash53(key, DEMO_SEED), 10)}${base32(hash53(key, DEMO_SEED + 1), 9)}`;
}

/** Moments are epoch milliseconds relative to the `now` the demo is generated for. */
export class Clock {
  readonly now: number;
  constructor(now: Date) {
    this.now = now.getTime();
  }
  daysAgo(days: number): number {
    return this.now - Math.round(days * DAY_MS);
  }
}

export const days = (n: number) => Math.round(n * DAY_MS);
export const minutes = (n: number) => Math.round(n * MINUTE_MS);
export const iso = (ms: number) => new Date(ms).toISOString();
