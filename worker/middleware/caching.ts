import type { MiddlewareHandler } from "hono";
import { etag, RETAINED_304_HEADERS } from "hono/etag";

/**
 * HTTP caching of the API's reads (SPEC §18): every successful GET carries an `ETag` of its body,
 * and a request that names it (`If-None-Match`) gets a bodiless 304. Answers are a person's own,
 * so a browser may keep them but must ask again each time (`private, no-cache`) unless the route
 * said otherwise (a secret's `no-store`, a feed's `max-age`). The read still runs; what is saved
 * is the bytes over the wire, which is what a phone on a slow link waits for.
 */
export function revalidatedReads(): MiddlewareHandler {
  const tag = etag({ retainedHeaders: [...RETAINED_304_HEADERS, "server-timing"] });
  return (c, next) =>
    tag(c, async () => {
      await next();
      const reads = c.req.method === "GET" || c.req.method === "HEAD";
      if (reads && c.res.ok && !c.res.headers.has("Cache-Control"))
        c.res.headers.set("Cache-Control", "private, no-cache");
    });
}
