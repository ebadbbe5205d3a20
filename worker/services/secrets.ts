import { sha256 } from "hono/utils/crypto";
import { encodeBase64Url } from "hono/utils/encode";

/** Every API token starts with this, so a token is recognisable in a config file or a leak scanner. */
export const TOKEN_PREFIX = "crux_";

/**
 * A new secret: `prefix` and 32 random bytes in base64url (256 bits: not guessable, so one
 * SHA-256 is enough to store it). Hono's encoder pads; the secret goes without the `=`.
 */
export function generateSecret(prefix = TOKEN_PREFIX): string {
  return prefix + encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)).buffer).replace(/=+$/, "");
}

/** Lower-case hex SHA-256 of a secret (or any text): what is stored and looked up. */
export async function hashSecret(secret: string): Promise<string> {
  const hex = await sha256(secret);
  if (hex === null) throw new Error("Web Crypto is not available to hash a secret");
  return hex;
}
