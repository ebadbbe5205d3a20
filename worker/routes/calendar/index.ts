import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { calendarFeedRefusal } from "../../domain/calendar";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { createDb } from "../../middleware/db";
import { notFound, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, json } from "../../schemas/common";
import {
  FEED_TOKEN_PREFIX,
  type FeedStatus,
  feedFromDate,
  feedPlan,
  feedStatusPlan,
  feedUseIsStale,
  hashSecret,
  revokeFeed,
  rotateFeed,
  showcaseDayPlan,
  touchFeed,
} from "../../services/calendar";
import { readFacts } from "../../services/facts";
import { createRouter } from "../router";
import { icsFileName, personalCalendar, showcaseDayCalendar } from "./ics";

/**
 * Calendars (SPEC §15): a person's iCalendar feed, opened by the secret token in its URL alone
 * (calendar apps send no cookies), the routes with which the person makes, rotates and ends that
 * token, and one showcase day as a download.
 */

const tags = ["Calendars"];
const ICS = "text/calendar; charset=utf-8";
const icsResponse = (description: string) => ({
  description,
  content: { "text/calendar": { schema: z.string().openapi({ example: "BEGIN:VCALENDAR…" }) } },
});

const FeedStatusSchema = z
  .object({
    active: z.boolean().openapi({ description: "Whether the person has a live feed URL." }),
    createdAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().openapi({ description: "When a calendar app last fetched it (hourly at most)." }),
  })
  .openapi("CalendarFeedStatus");

const IssuedFeedSchema = FeedStatusSchema.extend({
  url: z.string().openapi({
    description: "The feed's URL with its secret token. Shown this once: only a hash of the token is kept.",
    example: "https://crux.example.com/api/people/p_1/calendar.ics?token=cal_…",
  }),
}).openapi("CalendarFeedIssued");

const FeedQuery = z.object({
  token: z
    .string()
    .min(1, "Give the feed's token.")
    .max(200)
    .openapi({ description: `The feed's secret (${FEED_TOKEN_PREFIX}…), from its URL.` }),
});

const originOf = (c: Context<AppEnv>) => new URL(c.req.url).origin;

const feedUrl = (c: Context<AppEnv>, personId: string, secret: string) =>
  `${originOf(c)}/api/people/${encodeURIComponent(personId)}/calendar.ics?token=${encodeURIComponent(secret)}`;

const status = (s: FeedStatus) => ({ active: s.active, createdAt: s.createdAt, lastUsedAt: s.lastUsedAt });

/** Bookkeeping after the response where the runtime allows, so a poll's answer does not wait on it. */
function afterResponse(c: Context<AppEnv>, work: Promise<unknown>) {
  const logged = work.catch((err) =>
    console.error(JSON.stringify({ level: "error", msg: "calendar feed use not recorded", error: String(err) })),
  );
  try {
    c.executionCtx.waitUntil(logged);
  } catch {
    return logged;
  }
}

/** The feed itself: no session, no Access, no bearer; the token in the URL decides alone. */
const feedRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/{id}/calendar.ics",
    tags,
    summary: "A person's calendar feed (iCalendar): their milestones, commitments due, showcase days and lend ends",
    description:
      "Authenticated by the secret token in the URL only, so calendar apps can subscribe. A wrong, rotated or revoked token, or another person's, is a 404 that does not say which.",
    security: [],
    request: { params: IdParam("id"), query: FeedQuery },
    responses: { 200: icsResponse("The feed."), ...errors },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { token } = c.req.valid("query");
    const [feed] = await readFacts(c.var.db, feedPlan(c.var.db, id, await hashSecret(token), feedFromDate()));
    if (!feed) throw notFound("That calendar feed");
    if (feedUseIsStale(feed.person.lastUsedAt)) afterResponse(c, touchFeed(createDb(c.env.DB), id));
    return c.body(personalCalendar(feed, originOf(c)), 200, {
      "content-type": ICS,
      "content-disposition": 'inline; filename="crux.ics"',
      // The URL is a secret: no shared cache keeps it; the person's own app may for a few minutes.
      "cache-control": "private, max-age=300",
      "x-robots-tag": "noindex",
    });
  },
);

/** Making, rotating and ending one's own feed, signed in as usual. */
const feedTokenRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/calendar-feed",
      tags,
      summary: "Whether the person has a calendar feed, and when it was made and last fetched (the person only)",
      request: { params: IdParam("id") },
      responses: { 200: json(FeedStatusSchema, "The feed's status; never its token."), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const [feed] = await readFacts(c.var.db, feedStatusPlan(c.var.db, id));
      throwIfRefused(calendarFeedRefusal(c.var.me, id));
      return c.json(status(feed), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/calendar-feed",
      tags,
      summary: "Make the person's calendar feed, or rotate its token (the old URL stops at once); answers the URL once",
      request: { params: IdParam("id") },
      responses: { 201: json(IssuedFeedSchema, "The feed, with its URL: shown this once."), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      throwIfRefused(calendarFeedRefusal(c.var.me, id));
      const { secret, status: s } = await rotateFeed(c.var.db, id);
      c.header("cache-control", "no-store");
      return c.json({ ...status(s), url: feedUrl(c, id, secret) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/calendar-feed",
      tags,
      summary: "End the person's calendar feed: its URL answers 404 from now on",
      request: { params: IdParam("id") },
      responses: { 200: json(FeedStatusSchema, "The feed's status: no longer active."), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      throwIfRefused(calendarFeedRefusal(c.var.me, id));
      return c.json(status(await revokeFeed(c.var.db, id)), 200);
    },
  );

/** One showcase day to add to a calendar; anyone signed in sees showcase days (GET /api/showcases/events/:id). */
const showcaseDayRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/events/{id}/event.ics",
    tags,
    summary: "One showcase day as an iCalendar file, with its agenda",
    request: { params: IdParam("id") },
    responses: { 200: icsResponse("The showcase day."), ...errors },
  }),
  async (c) => {
    const [event] = await readFacts(c.var.db, showcaseDayPlan(c.var.db, c.req.valid("param").id));
    if (!event) throw notFound("That showcase event");
    return c.body(showcaseDayCalendar(event, originOf(c)), 200, {
      "content-type": ICS,
      "content-disposition": `attachment; filename="${icsFileName(event.title)}"`,
      "cache-control": "private, no-cache",
    });
  },
);

/**
 * Mounted before the people routes: their sign-in check covers `/people/*`, and the feed must
 * answer first, on its token alone. The routes here that need a session bring their own check.
 */
export const calendarRoutes = createRouter()
  .route("/people", feedRoutes)
  .route("/people", feedTokenRoutes)
  .route("/showcases", showcaseDayRoutes);
