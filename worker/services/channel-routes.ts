/**
 * Channel mappings as admins manage them (SPEC §15): which Slack channel (its id, C…) or Teams
 * channel (its Workflows webhook URL) hears which org-wide events. Sending is the Slack and Teams
 * channels' (worker/outbox/channels/slack.ts, teams.ts); a mapping deleted while a delivery waits
 * makes that delivery fail for good.
 */
import { desc, eq } from "drizzle-orm";
import { channelRoutes } from "../../db/schema";
import { newId } from "../domain/ids";
import type { Database } from "../middleware/db";
import { type EventType, ORG_WIDE_EVENTS } from "../outbox/catalogue";
import { type AuditContext, recordActivity, recordActivityIfChanged } from "./activity";
import { readPlan, writeBatch, writeThenRead } from "./batch";

export type Provider = "slack" | "teams";

export interface ChannelRouteView {
  id: string;
  provider: Provider;
  target: string;
  label: string;
  events: EventType[];
  createdAt: string;
}

function toView(row: typeof channelRoutes.$inferSelect): ChannelRouteView {
  const events = JSON.parse(row.events) as string[];
  return {
    id: row.id,
    provider: row.provider,
    target: row.target,
    label: row.label,
    events: ORG_WIDE_EVENTS.filter((t) => events.includes(t)),
    createdAt: row.createdAt,
  };
}

export function channelRoutesPlan(db: Database) {
  return readPlan(
    [db.select().from(channelRoutes).orderBy(desc(channelRoutes.createdAt), desc(channelRoutes.id))] as const,
    ([rows]) => rows.map(toView),
  );
}

export function channelRoutePlan(db: Database, id: string) {
  return readPlan([db.select().from(channelRoutes).where(eq(channelRoutes.id, id))] as const, ([[row]]) =>
    row ? toView(row) : null,
  );
}

/** What is wrong with a mapping's target for its provider, or null. */
export function targetProblem(provider: Provider, target: string): string | null {
  if (provider === "slack") {
    return /^[CG][A-Z0-9]{6,}$/.test(target)
      ? null
      : "Give the Slack channel's id (C…): in Slack, open the channel's details; it is at the bottom.";
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return "Give the Workflows webhook's address (https://…).";
  }
  return url.protocol === "https:" ? null : "The Workflows webhook's address must start with https://.";
}

export async function createChannelRoute(
  db: Database,
  input: { provider: Provider; target: string; label: string; events: EventType[] },
  actorId: string,
  audit: AuditContext,
) {
  const id = newId("chr");
  const { read } = await writeThenRead(
    db,
    [
      db.insert(channelRoutes).values({
        id,
        provider: input.provider,
        target: input.target,
        label: input.label,
        events: JSON.stringify(input.events),
      }),
      recordActivity(
        db,
        {
          challengeId: null,
          actorId,
          action: "channel_route_added",
          // A Teams webhook's address is a credential of sorts: the log keeps its host only.
          detail: {
            routeId: id,
            provider: input.provider,
            label: input.label,
            events: input.events,
            target: logged(input),
          },
        },
        audit,
      ),
    ],
    channelRoutePlan(db, id),
  );
  const [route] = read;
  if (!route) throw new Error("channel route not read back");
  return route;
}

const logged = (r: { provider: Provider; target: string }) =>
  r.provider === "slack" ? r.target : new URL(r.target).host;

export async function deleteChannelRoute(db: Database, route: ChannelRouteView, actorId: string, audit: AuditContext) {
  await writeBatch(db, [
    db.delete(channelRoutes).where(eq(channelRoutes.id, route.id)),
    recordActivityIfChanged(
      {
        challengeId: null,
        actorId,
        action: "channel_route_deleted",
        detail: { routeId: route.id, provider: route.provider, label: route.label, target: logged(route) },
      },
      audit,
    ),
  ]);
}
