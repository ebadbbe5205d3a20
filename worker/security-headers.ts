/**
 * The headers every HTML response carries (SPEC §12): the API reference from the Worker, and the
 * app shell from Workers Static Assets through the `_headers` file that vite.config.ts writes from
 * these same values, so the two never drift.
 *
 * Scripts and styles come from the app itself only: no inline script, no CDN. Avatars may be any
 * https image, since people link them from elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const HTML_SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // For browsers that predate `frame-ancestors`.
  "X-Frame-Options": "DENY",
};

/** Vite puts a content hash in every file name under /assets/, so a file there never changes. */
export const IMMUTABLE_ASSET_PATHS = "/assets/*";
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

/** The Workers Static Assets `_headers` file for the client build. */
export function staticAssetHeadersFile(): string {
  const block = (path: string, headers: Record<string, string>) =>
    [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join("\n");
  return `${[
    block("/*", HTML_SECURITY_HEADERS),
    block(IMMUTABLE_ASSET_PATHS, { "Cache-Control": IMMUTABLE_CACHE_CONTROL }),
  ].join("\n")}\n`;
}
