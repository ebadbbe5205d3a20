/**
 * Org-wide events on chat channels (SPEC §15): which Slack channels and Teams webhooks an admin
 * mapped to an event type (channel_routes), and the sentence and link a post carries.
 */
import { and, eq, sql } from "drizzle-orm";
import { channelRoutes } from "../../db/schema";
import type { Database } from "../middleware/db";
import { type CatalogueData, EVENT_DESCRIPTIONS, type EventType, ORG_WIDE_EVENTS } from "./catalogue";
import type { OutboxEvent } from "./channel";
import { appUrl } from "./email-message";

export const isOrgWideEvent = (type: string): type is EventType =>
  (ORG_WIDE_EVENTS as readonly string[]).includes(type);

/** The routes of a provider that listen to an event's type. */
export async function routesFor(db: Database, provider: "slack" | "teams", type: string) {
  if (!isOrgWideEvent(type)) return [];
  return db
    .select({ id: channelRoutes.id })
    .from(channelRoutes)
    .where(
      and(
        eq(channelRoutes.provider, provider),
        sql`EXISTS (SELECT 1 FROM json_each(${channelRoutes.events}) WHERE value = ${type})`,
      ),
    );
}

export interface OrgWidePost {
  title: string;
  sentence: string;
  /** Absolute. */
  url: string;
}

/** What a post about an org-wide event says, and where its button goes. */
export function orgWidePost(env: { APP_URL?: string }, event: Pick<OutboxEvent, "type" | "data">): OrgWidePost {
  const data = event.data as Partial<CatalogueData>;
  const challenge = data.challenge ?? null;
  const what = challenge ? `“${challenge.title}”` : null;
  const base = appUrl(env);
  const url = challenge ? `${base}/challenges/${encodeURIComponent(challenge.id)}` : base;
  const description = isOrgWideEvent(event.type) ? EVENT_DESCRIPTIONS[event.type] : event.type;
  switch (event.type) {
    case "challenge.published":
      return { title: "New challenge", sentence: `${what ?? "A challenge"} was published to the marketplace.`, url };
    case "challenge.funded":
      return { title: "Challenge funded", sentence: `${what ?? "A challenge"} is fully funded.`, url };
    case "showcase.scheduled":
      return {
        title: "Showcase scheduled",
        sentence: what ? `A showcase day is scheduled for ${what}.` : "A showcase day is scheduled.",
        url: challenge ? url : `${base}/calendar`,
      };
    case "decision.recorded":
      return {
        title: "Decision recorded",
        sentence: `Leadership recorded its decision on ${what ?? "a challenge"}.`,
        url,
      };
    default:
      return { title: "Crux", sentence: what ? `${what}: ${description}` : description, url };
  }
}
