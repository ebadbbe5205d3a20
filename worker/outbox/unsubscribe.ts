/**
 * E-mail unsubscribe tokens (RFC 8058 one-click): an HMAC over the person and the kind, so a link
 * turns off exactly that kind's e-mail for exactly that person, without sign-in, and nothing is
 * stored. `kind` may also be DIGEST_KIND: every kind the person gets in a digest.
 */
import type { Bindings } from "../env";

/** The token's kind for a digest e-mail: turn off e-mail for every kind on a digest cadence. */
export const DIGEST_KIND = "digest";

/** Only for local development and tests: deployments set the secret (README "E-mail"). */
const DEV_KEY = "crux-dev-unsubscribe-key";

async function hmac(env: Pick<Bindings, "UNSUBSCRIBE_KEY">, message: string) {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(env.UNSUBSCRIBE_KEY || DEV_KEY),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message)));
  return [...mac.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function unsubscribeToken(env: Pick<Bindings, "UNSUBSCRIBE_KEY">, personId: string, kind: string) {
  return `${personId}.${kind}.${await hmac(env, `unsubscribe\n${personId}\n${kind}`)}`;
}

/** The person and kind a token names, or null when it is malformed or its signature is wrong. */
export async function readUnsubscribeToken(env: Pick<Bindings, "UNSUBSCRIBE_KEY">, token: string) {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [personId, kind, mac] = parts;
  if (!/^[\w-]{1,64}$/.test(personId) || !/^[\w-]{1,64}$/.test(kind)) return null;
  const expected = await hmac(env, `unsubscribe\n${personId}\n${kind}`);
  // Compare in constant time.
  if (mac.length !== expected.length) return null;
  let diff = 0;
  for (let i = 0; i < mac.length; i++) diff |= mac.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0 ? { personId, kind } : null;
}
