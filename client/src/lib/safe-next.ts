/**
 * Where to go after signing in: `next` only when it resolves to a path on the app's own origin
 * (SPEC §12), else "/". Browsers read `\` as `/` and drop tabs and newlines from URLs, so
 * `/\evil.example` and `/\t/evil.example` would leave the site; resolving `next` the way the
 * browser will, and comparing origins, catches those along with `//evil.example` and absolute URLs.
 */
export function safeNext(next: string | undefined, origin: string): string {
  if (!next?.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin || /^[/\\]{2}/.test(next.replace(/[\t\n\r]/g, ""))) return "/";
  if (url.pathname.startsWith("/sign-in")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
