/**
 * Notification settings (SPEC §15): your preferences per kind of notification and your pause;
 * one-click unsubscribe from an e-mail (RFC 8058, no sign-in: the token is the credential); and,
 * in dev mode only, the dev outbox: the e-mails the app would have sent, rendered.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { authMode, requireAuth } from "../middleware/auth";
import { ApiError, invalid } from "../middleware/errors";
import { isNotificationKind, kindInfo } from "../outbox/kinds";
import { CADENCES } from "../outbox/preferences";
import { DIGEST_KIND, readUnsubscribeToken } from "../outbox/unsubscribe";
import { errors, json, jsonBody } from "../schemas/common";
import { HTML_SECURITY_HEADERS } from "../security-headers";
import { devOutbox, readPreferences, savePreferences, unsubscribe } from "../services/notification-settings";
import { createRouter } from "./router";

const tags = ["Notification settings"];

const PreferenceSchema = z
  .object({
    kind: z.string().openapi({ example: "application_received" }),
    label: z.string().openapi({ description: "What the kind is about, in words." }),
    needsAction: z.boolean().openapi({ description: "It asks for your action (SPEC §9)." }),
    email: z.boolean(),
    slack: z.boolean(),
    cadence: z.enum(CADENCES).openapi({ description: "When e-mail and Slack get it; in-app is always immediate." }),
  })
  .openapi("NotificationPreference");

const PreferencesSchema = z
  .object({
    items: z.array(PreferenceSchema).openapi({ description: "Every kind of notification, yours or the default." }),
    pausedUntil: z
      .string()
      .nullable()
      .openapi({ description: "Everything but in-app is held until then (ISO date-time), or null." }),
  })
  .openapi("NotificationPreferences");

const UpdateSchema = z
  .object({
    preferences: z
      .array(
        z.object({
          kind: z.string().max(64),
          email: z.boolean(),
          slack: z.boolean(),
          cadence: z.enum(CADENCES, { message: `Choose one of ${CADENCES.join(", ")}.` }),
        }),
      )
      .max(200),
    pausedUntil: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, "Give a date (YYYY-MM-DD) or an ISO date-time in UTC.")
      .nullable(),
  })
  .openapi("UpdateNotificationPreferences");

const TokenQuery = z.object({
  token: z.string().min(1).max(300).openapi({ description: "From the e-mail's List-Unsubscribe link." }),
});

async function readToken(env: Parameters<typeof readUnsubscribeToken>[0], raw: string) {
  const token = await readUnsubscribeToken(env, raw);
  if (!token || (token.kind !== DIGEST_KIND && !isNotificationKind(token.kind)))
    throw invalid({
      token: "This unsubscribe link is not valid. Change your e-mails in Crux's notification settings.",
    });
  return token;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function htmlPage(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Crux</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}<p><a href="/settings/notifications">All your notification settings</a></p></main></body></html>`;
}

const whatOf = (kind: string) =>
  kind === DIGEST_KIND
    ? "digest e-mails"
    : `e-mails when ${isNotificationKind(kind) ? kindInfo(kind).label.toLowerCase() : kind}`;

const DevOutboxItem = z
  .object({
    id: z.string(),
    status: z.enum(["pending", "delivered", "failed", "dead", "digest", "skipped"]),
    type: z.string().openapi({ description: '"notification", or "email.digest" for a digest.' }),
    kind: z.string().nullable(),
    recipient: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    attempts: z.number().int(),
    lastError: z.string(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .openapi("DevOutboxEmail");

export const notificationSettingsRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/me/notification-preferences",
      tags,
      summary: "Your notification preferences: every kind, with your choice or the default, and your pause",
      middleware: [requireAuth()] as const,
      responses: { 200: json(PreferencesSchema, "Your preferences."), ...errors },
    }),
    async (c) => {
      return c.json(await readPreferences(c.var.db, c.var.me.id, new Date()), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/me/notification-preferences",
      tags,
      summary: "Change your preferences for the kinds named (others keep theirs) and set or clear your pause",
      middleware: [requireAuth()] as const,
      request: { body: jsonBody(UpdateSchema) },
      responses: { 200: json(PreferencesSchema, "Your preferences now."), ...errors },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const now = new Date();
      const fields: Record<string, string> = {};
      body.preferences.forEach((p, i) => {
        if (!isNotificationKind(p.kind))
          fields[`preferences.${i}.kind`] = `There is no kind of notification "${p.kind}".`;
      });
      const until = body.pausedUntil
        ? body.pausedUntil.length === 10
          ? `${body.pausedUntil}T00:00:00.000Z`
          : body.pausedUntil
        : null;
      if (until && (Number.isNaN(Date.parse(until)) || until <= now.toISOString()))
        fields.pausedUntil = "Choose a date in the future, or clear the pause.";
      if (Object.keys(fields).length) throw invalid(fields);
      const view = await savePreferences(c.var.db, c.var.me.id, body.preferences, until, now);
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/unsubscribe",
      tags,
      summary: "An e-mail's unsubscribe link, opened: a page that says what it stops and asks to confirm",
      request: { query: TokenQuery },
      responses: {
        200: { description: "The confirmation page.", content: { "text/html": { schema: z.string() } } },
        ...errors,
      },
    }),
    async (c) => {
      const token = await readToken(c.env, c.req.valid("query").token);
      const what = whatOf(token.kind);
      const action = `/api/unsubscribe?token=${encodeURIComponent(c.req.valid("query").token)}`;
      return c.html(
        htmlPage(
          "Stop these e-mails?",
          `<p>You will no longer get ${escapeHtml(what)}. They stay in your Crux inbox.</p><form method="post" action="${escapeHtml(action)}"><button type="submit">Stop ${escapeHtml(what)}</button></form>`,
        ),
        200,
        HTML_SECURITY_HEADERS,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/unsubscribe",
      tags,
      summary: "One-click unsubscribe (RFC 8058): turns off the e-mail its token names, without sign-in",
      description:
        "Mail providers POST `List-Unsubscribe=One-Click` here; the confirmation page's button posts a form. Either way the answer is a short page.",
      request: { query: TokenQuery },
      responses: {
        200: { description: "Done: a page that says so.", content: { "text/html": { schema: z.string() } } },
        ...errors,
      },
    }),
    async (c) => {
      const token = await readToken(c.env, c.req.valid("query").token);
      await unsubscribe(c.var.db, token);
      return c.html(
        htmlPage(
          "You are unsubscribed",
          `<p>You will no longer get ${escapeHtml(whatOf(token.kind))}. They stay in your Crux inbox.</p>`,
        ),
        200,
        HTML_SECURITY_HEADERS,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/dev/outbox",
      tags,
      summary: "Dev mode only: the latest e-mails the app sent or held, rendered as their recipients get them",
      middleware: [requireAuth()] as const,
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(50).default(20),
          to: z.string().max(200).optional().openapi({ description: "Only e-mails to this address." }),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(DevOutboxItem) }), "The latest e-mails."), ...errors },
    }),
    async (c) => {
      if (authMode(c.env) !== "dev") throw new ApiError(404, "not_found", "The dev outbox is not available here.");
      const { limit, to } = c.req.valid("query");
      const items = await devOutbox(c.var.db, c.env, limit, to);
      return c.json({ items }, 200);
    },
  );
