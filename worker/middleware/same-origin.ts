import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { WRITES } from "./auth";
import { ApiError } from "./errors";

/** What `Sec-Fetch-Site` says of a request the app's own pages (or the person, typing) sent. */
const OWN_SITE = new Set(["same-origin", "none"]);

/**
 * Refuses a change that a browser says comes from another site (SPEC §12): a `Sec-Fetch-Site`
 * other than `same-origin` or `none`, or an `Origin` other than the app's own, answers 403
 * `cross_site_request`, whatever the content type and with or without a body. A request with
 * neither header is not a browser's, so it is judged by its credentials alone; a bearer-token
 * request carries its credential in a header no other site can make a browser send, so it is
 * exempt.
 *
 * Not Hono's `csrf()`: it checks only form content types (a cross-site `fetch` with a JSON body
 * passes), refuses a script that sends neither header, cannot exempt bearer tokens, and answers
 * with a plain-text body instead of the API's error shape.
 */
export function sameOriginChanges(): MiddlewareHandler<AppEnv> {
  return async function sameOriginChanges(c, next) {
    if (!WRITES.has(c.req.method) || /^Bearer\s/i.test(c.req.header("Authorization") ?? "")) return next();
    const site = c.req.header("Sec-Fetch-Site");
    const origin = c.req.header("Origin");
    if ((site !== undefined && !OWN_SITE.has(site)) || (origin !== undefined && origin !== new URL(c.req.url).origin)) {
      throw new ApiError(
        403,
        "cross_site_request",
        "This change came from another site, so Crux refused it. Make it from Crux itself.",
      );
    }
    return next();
  };
}
