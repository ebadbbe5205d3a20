import { createRoute, z } from "@hono/zod-openapi";
import { pageOf } from "../domain/cursor";
import { notificationMessage } from "../domain/notifications";
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
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Notification");

const Unread = z.object({ unread: z.number().int() });

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
      summary: "Your notifications, newest first, with the unread count",
      request: {
        query: PaginationQuery.extend({
          unread: z.enum(["true", "false"]).optional().openapi({ description: "Only unread ones." }),
        }),
      },
      responses: {
        200: json(
          z.object({ items: z.array(NotificationSchema), nextCursor: z.string().nullable(), unread: z.number().int() }),
          "A page of notifications.",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { limit, cursor, unread } = c.req.valid("query");
      const before = readCursor(cursor, ["string", "string"]);
      const result = await listInbox(c.var.db, c.var.me.id, {
        limit,
        unreadOnly: unread === "true",
        before: before ? { createdAt: String(before[0]), id: String(before[1]) } : undefined,
      });
      const { items, nextCursor } = pageOf(result.rows, limit, (r) => [r.createdAt, r.id]);
      return c.json(
        {
          items: items.map(toNotification),
          nextCursor,
          unread: result.unread,
        },
        200,
      );
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
    async (c) => c.json({ unread: await countUnread(c.var.db, c.var.me.id) }, 200),
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
      return c.json({ unread: await markRead(c.var.db, c.var.me.id, all ? undefined : ids) }, 200);
    },
  );
