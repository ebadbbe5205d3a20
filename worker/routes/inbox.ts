import { createRoute, z } from "@hono/zod-openapi";
import { pageOf } from "../domain/cursor";
import { notificationLink, notificationMessage } from "../domain/notifications";
import { requireAuth } from "../middleware/auth";
import { errors, json, jsonBody, PaginationQuery } from "../schemas/common";
import { countUnread, listInbox, markRead } from "../services/inbox";
import { readCursor } from "./paging";
import { createRouter } from "./router";

const tags = ["Inbox"];

const NotificationSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    message: z.string(),
    challenge: z.object({ id: z.string(), title: z.string() }).nullable(),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    data: z.record(z.string(), z.unknown()),
    needsAction: z.boolean().openapi({
      description: "It asks for your action and the thing still waits on you; it clears wherever you act.",
    }),
    link: z
      .string()
      .openapi({ description: "Where opening it goes: the exact thing on its page, e.g. `#application-…`." }),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Notification");

const Unread = z
  .object({
    unread: z.number().int().openapi({ description: "Not opened, and not an action item already acted on." }),
    needsAction: z.number().int().openapi({ description: "How many items still wait on your action." }),
  })
  .openapi("UnreadCount");

type InboxRow = Awaited<ReturnType<typeof listInbox>>["rows"][number];

/** A notification as the inbox shows it, its sentence written by worker/domain/notifications.ts. */
function toNotification(r: InboxRow) {
  const data = JSON.parse(r.data) as Record<string, unknown>;
  return {
    id: r.id,
    kind: r.kind,
    message: notificationMessage({ kind: r.kind, actorName: r.actorName, challengeTitle: r.challengeTitle, data }),
    challenge: r.challengeId ? { id: r.challengeId, title: r.challengeTitle ?? "" } : null,
    actor: r.actorId ? { id: r.actorId, name: r.actorName ?? "" } : null,
    data,
    needsAction: r.needsAction,
    link: notificationLink({ kind: r.kind, challengeId: r.challengeId, data }),
    readAt: r.readAt,
    createdAt: r.createdAt,
  };
}

export const inboxRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Your notifications: those that need your action first, then the rest, newest first",
      request: {
        query: PaginationQuery.extend({
          unread: z.enum(["true", "false"]).optional().openapi({ description: "Only unread ones." }),
        }),
      },
      responses: {
        200: json(
          z.object({ items: z.array(NotificationSchema), nextCursor: z.string().nullable() }).extend(Unread.shape),
          "A page of notifications.",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { limit, cursor, unread } = c.req.valid("query");
      const before = readCursor(cursor, ["number", "string", "string"]);
      const result = await listInbox(c.var.db, c.var.me.id, {
        limit,
        unreadOnly: unread === "true",
        before: before
          ? { needsAction: Number(before[0]), createdAt: String(before[1]), id: String(before[2]) }
          : undefined,
      });
      const { items, nextCursor } = pageOf(result.rows, limit, (r) => [r.needsAction ? 1 : 0, r.createdAt, r.id]);
      const { unread: unreadCount, needsAction } = result;
      return c.json({ items: items.map(toNotification), nextCursor, unread: unreadCount, needsAction }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/unread",
      tags,
      summary: "How many notifications you have not read (for the header badge)",
      responses: { 200: json(Unread, "The count."), ...errors },
    }),
    async (c) => c.json(await countUnread(c.var.db, c.var.me.id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/read",
      tags,
      summary: "Mark notifications read: the ones named, or all with `all: true`",
      request: {
        body: jsonBody(
          z
            .object({ ids: z.array(z.string().min(1).max(64)).max(100).optional(), all: z.boolean().optional() })
            .refine((b) => (b.ids !== undefined) !== (b.all === true), {
              path: ["ids"],
              message: "Name the notifications (ids) or send all: true.",
            })
            .openapi("MarkRead"),
        ),
      },
      responses: { 200: json(Unread, "The unread count left."), ...errors },
    }),
    async (c) => {
      const { ids, all } = c.req.valid("json");
      return c.json(await markRead(c.var.db, c.var.me.id, all ? undefined : ids), 200);
    },
  );
