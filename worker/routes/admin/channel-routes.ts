import { createRoute, z } from "@hono/zod-openapi";
import { auditContext, requireAuth, requireRole } from "../../middleware/auth";
import { conflict, invalid, notFound } from "../../middleware/errors";
import { EVENT_DESCRIPTIONS, ORG_WIDE_EVENTS } from "../../outbox/catalogue";
import { orgWideBlocks, resultOf } from "../../outbox/channels/slack";
import { adaptiveCardMessage, postToTeams } from "../../outbox/channels/teams";
import { appUrl } from "../../outbox/email-message";
import { slackApi } from "../../outbox/slack-api";
import { errors, IdParam, json, jsonBody } from "../../schemas/common";
import {
  type ChannelRouteView,
  channelRoutePlan,
  channelRoutesPlan,
  createChannelRoute,
  deleteChannelRoute,
  targetProblem,
} from "../../services/channel-routes";
import { readFacts } from "../../services/facts";
import { createRouter } from "../router";

const tags = ["Admin"];

const OrgWideEventSchema = z.enum(ORG_WIDE_EVENTS as [string, ...string[]]).openapi({
  description: `An org-wide event: ${ORG_WIDE_EVENTS.map((t) => `\`${t}\``).join(", ")}.`,
});

const ChannelRouteSchema = z
  .object({
    id: z.string(),
    provider: z.enum(["slack", "teams"]),
    target: z.string().openapi({ description: "The Slack channel's id (C…), or the Teams Workflows webhook URL." }),
    label: z.string(),
    events: z.array(OrgWideEventSchema),
    createdAt: z.string(),
  })
  .openapi("ChannelRoute");

const ChannelRoutesSchema = z
  .object({
    slack: z.object({
      botToken: z.boolean().openapi({ description: "Whether the SLACK_BOT_TOKEN secret is set (never its value)." }),
      signingSecret: z.boolean().openapi({ description: "Whether the SLACK_SIGNING_SECRET secret is set." }),
    }),
    events: z.array(z.object({ type: OrgWideEventSchema, description: z.string() })),
    items: z.array(ChannelRouteSchema),
  })
  .openapi("ChannelRoutes");

const CreateChannelRouteSchema = z
  .object({
    provider: z.enum(["slack", "teams"]),
    target: z.string().trim().min(1, "Give the channel.").max(2000, "At most 2000 characters."),
    label: z.string().trim().max(100, "At most 100 characters.").default("").openapi({
      description: "A name for the admins who read the list, such as #announcements.",
    }),
    events: z.array(OrgWideEventSchema).min(1, "Choose at least one event."),
  })
  .openapi("CreateChannelRoute");

const TestResultSchema = z.object({ delivered: z.boolean(), error: z.string().nullable() }).openapi("ChannelRouteTest");

/** Where org-wide events are posted in Slack and Teams (SPEC §15), for admins only. */
export const adminChannelRoutes = createRouter(requireAuth(), requireRole("admin"))
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Slack and Teams: whether Slack's secrets are set, the org-wide events, and the channel mappings",
      responses: { 200: json(ChannelRoutesSchema, "The mappings, newest first."), ...errors },
    }),
    async (c) => {
      const [items] = await readFacts(c.var.db, channelRoutesPlan(c.var.db));
      return c.json(
        {
          slack: { botToken: Boolean(c.env.SLACK_BOT_TOKEN), signingSecret: Boolean(c.env.SLACK_SIGNING_SECRET) },
          events: ORG_WIDE_EVENTS.map((type) => ({ type, description: EVENT_DESCRIPTIONS[type] })),
          items,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Post org-wide events to a Slack channel (its id) or a Teams channel (its Workflows webhook)",
      request: { body: jsonBody(CreateChannelRouteSchema) },
      responses: { 201: json(ChannelRouteSchema, "The mapping."), ...errors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const problem = targetProblem(input.provider, input.target);
      if (problem) throw invalid({ target: problem });
      const events = ORG_WIDE_EVENTS.filter((t) => input.events.includes(t));
      const route = await createChannelRoute(c.var.db, { ...input, events }, c.var.me.id, auditContext(c));
      return c.json(route, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      summary: "Stop posting to a channel; posts waiting for it are dropped",
      request: { params: IdParam("id") },
      responses: { 204: { description: "Deleted." }, ...errors },
    }),
    async (c) => {
      const [route] = await readFacts(c.var.db, channelRoutePlan(c.var.db, c.req.valid("param").id));
      if (!route) throw notFound("That channel mapping");
      await deleteChannelRoute(c.var.db, route, c.var.me.id, auditContext(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/test",
      tags,
      summary: "Send a test message to a mapped channel now, and say whether it arrived",
      request: { params: IdParam("id") },
      responses: { 200: json(TestResultSchema, "What Slack or Teams answered."), ...errors },
    }),
    async (c) => {
      const [route] = await readFacts(c.var.db, channelRoutePlan(c.var.db, c.req.valid("param").id));
      if (!route) throw notFound("That channel mapping");
      const result = await sendTest(c.env, route);
      return c.json(result.ok ? { delivered: true, error: null } : { delivered: false, error: result.error }, 200);
    },
  );

const TEST_POST = (url: string) => ({
  title: "Crux is connected",
  sentence: "This is a test message from Crux: org-wide events you chose will be posted here.",
  url,
});

async function sendTest(env: { SLACK_BOT_TOKEN?: string; APP_URL?: string }, route: ChannelRouteView) {
  const post = TEST_POST(appUrl(env));
  if (route.provider === "teams") {
    return postToTeams(route.target, adaptiveCardMessage(post)).catch((err: unknown) => ({
      ok: false as const,
      error: `The Teams webhook could not be reached: ${err instanceof Error ? err.message : String(err)}`,
    }));
  }
  if (!env.SLACK_BOT_TOKEN)
    throw conflict("invalid_state", "Slack is not connected: set the SLACK_BOT_TOKEN secret first.");
  return resultOf(
    await slackApi(env.SLACK_BOT_TOKEN, "chat.postMessage", {
      channel: route.target,
      text: post.sentence,
      blocks: orgWideBlocks(post),
    }),
  );
}
