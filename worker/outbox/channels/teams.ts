/**
 * Microsoft Teams (SPEC §15): an org-wide event goes to each Teams channel an admin mapped to its
 * type, as an Adaptive Card POSTed to the channel's Workflows webhook ("Post to a channel when a
 * webhook request is received"), in the message-with-attachments shape Workflows expects.
 */
import { eq } from "drizzle-orm";
import { channelRoutes } from "../../../db/schema";
import type { Channel } from "../channel";
import { type OrgWidePost, orgWidePost, routesFor } from "../org-wide";

/** Teams answers within seconds; a stuck request must not hold the delivery's lease. */
const TIMEOUT_MS = 15_000;

/** A Workflows webhook's body: one Adaptive Card (1.5) with the post and a button to it. */
export function adaptiveCardMessage(post: OrgWidePost) {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.5",
          body: [
            { type: "TextBlock", text: post.title, weight: "Bolder", size: "Medium", wrap: true },
            { type: "TextBlock", text: post.sentence, wrap: true },
          ],
          actions: [{ type: "Action.OpenUrl", title: "Open in Crux", url: post.url }],
        },
      },
    ],
  };
}

/** POSTs a card to a Workflows webhook; a 2xx is delivered (Workflows answers 202 Accepted). */
export async function postToTeams(url: string, body: unknown) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Crux-Teams/1" },
    body: JSON.stringify(body),
    redirect: "manual",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await res.body?.cancel();
  if (res.status >= 200 && res.status < 300) return { ok: true as const, statusCode: res.status };
  return {
    ok: false as const,
    statusCode: res.status,
    error: `The Teams webhook answered ${res.status}.`,
    // The flow was deleted or its URL is wrong: retrying cannot help.
    permanent: res.status === 404 || res.status === 410,
  };
}

export const teamsChannel: Channel = {
  name: "teams",
  async plan({ db }, event) {
    const routes = await routesFor(db, "teams", event.type);
    return routes.map((r) => ({ target: r.id, status: "pending" as const }));
  },
  async send({ db, env }, delivery, event) {
    const [route] = await db.select().from(channelRoutes).where(eq(channelRoutes.id, delivery.target));
    if (route?.provider !== "teams") return { ok: false, error: "The channel mapping was deleted.", permanent: true };
    return postToTeams(route.target, adaptiveCardMessage(orgWidePost(env, event)));
  },
};
