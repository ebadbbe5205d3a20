/**
 * Slack (SPEC §15), only when the bot token is set (`wrangler secret put SLACK_BOT_TOKEN`):
 *  - a notification goes to its recipient as a direct message when their preferences send Slack
 *    immediately (a chat digest is noise: worker/outbox/preferences.ts `channelStatus`). The person
 *    is matched to a Slack user by e-mail. What asks for their decision carries its buttons, which
 *    Slack sends back to worker/routes/integrations/slack.ts;
 *  - an org-wide event goes to each Slack channel an admin mapped to its type (channel_routes).
 */
import { eq } from "drizzle-orm";
import { challenges, channelRoutes, people } from "../../../db/schema";
import { notificationLink, notificationMessage } from "../../domain/notifications";
import type { Database } from "../../middleware/db";
import type { Channel, OutboxEvent, SendResult } from "../channel";
import { appUrl } from "../email-message";
import { orgWidePost, routesFor } from "../org-wide";
import { channelStatus, preferenceOf } from "../preferences";
import { PERMANENT_SLACK_ERRORS, type SlackAnswer, slackApi, slackUserOf } from "../slack-api";

/** A decision a Slack button makes: its button's words, and the outcome's. */
interface Choice {
  action: string;
  label: string;
  done: string;
  style: "primary" | "danger";
}

/** The kinds of notification whose message carries decision buttons, and the id they act on. */
export const DECISIONS = {
  application_received: {
    idKey: "applicationId",
    choices: [
      { action: "accept", label: "Accept", done: "Accepted", style: "primary" },
      { action: "decline", label: "Decline", done: "Declined", style: "danger" },
    ],
  },
  lend_requested: {
    idKey: "lendId",
    choices: [
      { action: "approve", label: "Approve", done: "Approved", style: "primary" },
      { action: "decline", label: "Decline", done: "Declined", style: "danger" },
    ],
  },
  credit_pending: {
    idKey: "contributionId",
    choices: [
      { action: "confirm", label: "Confirm", done: "Confirmed", style: "primary" },
      { action: "decline", label: "Decline", done: "Declined", style: "danger" },
    ],
  },
} as const satisfies Record<string, { idKey: string; choices: readonly Choice[] }>;

export type DecisionKind = keyof typeof DECISIONS;
export const isDecisionKind = (kind: string): kind is DecisionKind => Object.hasOwn(DECISIONS, kind);

/** The block that holds a message's decision buttons; an answer replaces it with its outcome. */
export const DECISION_BLOCK = "crux_decision";

/** What a decision button's `value` carries: the notification's kind and the id it acts on. */
export interface ButtonValue {
  kind: DecisionKind;
  id: string;
}

/** Text for Slack's mrkdwn: `&`, `<` and `>` escaped, as Slack asks. */
export const mrkdwn = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: false });

/** A notification's Block Kit: the sentence with a button to the item, and its decision buttons. */
export function notificationBlocks(n: { kind: string; sentence: string; url: string; data: Record<string, unknown> }) {
  const blocks: Record<string, unknown>[] = [
    {
      type: "section",
      block_id: "crux_sentence",
      text: { type: "mrkdwn", text: mrkdwn(n.sentence) },
      accessory: { type: "button", action_id: "open", text: plain("Open in Crux"), url: n.url },
    },
  ];
  if (isDecisionKind(n.kind)) {
    const decision = DECISIONS[n.kind];
    const id = n.data[decision.idKey];
    if (typeof id === "string" && id) {
      const value = JSON.stringify({ kind: n.kind, id } satisfies ButtonValue);
      blocks.push({
        type: "actions",
        block_id: DECISION_BLOCK,
        elements: decision.choices.map((c) => ({
          type: "button",
          action_id: c.action,
          text: plain(c.label),
          style: c.style,
          value,
        })),
      });
    }
  }
  return blocks;
}

/** An org-wide post's Block Kit: its title, sentence and a button to the challenge. */
export function orgWideBlocks(post: { title: string; sentence: string; url: string }) {
  return [
    { type: "header", text: plain(post.title) },
    {
      type: "section",
      text: { type: "mrkdwn", text: mrkdwn(post.sentence) },
      accessory: { type: "button", action_id: "open", text: plain("Open in Crux"), url: post.url },
    },
  ];
}

/** A notification's sentence and absolute link, as the inbox and the e-mails word them. */
async function notificationOf(db: Database, env: { APP_URL?: string }, event: OutboxEvent) {
  const kind = String(event.data.kind ?? "");
  const data = (event.data.data ?? {}) as Record<string, unknown>;
  const actorId = typeof event.data.actorId === "string" ? event.data.actorId : "";
  const [[actor], [challenge]] = await db.batch([
    db.select({ name: people.name }).from(people).where(eq(people.id, actorId)),
    db
      .select({ title: challenges.title })
      .from(challenges)
      .where(eq(challenges.id, event.challengeId ?? "")),
  ]);
  const sentence = notificationMessage({
    kind,
    actorName: actor?.name ?? null,
    challengeTitle: challenge?.title ?? null,
    data,
  });
  const url = `${appUrl(env)}${notificationLink({ kind, challengeId: event.challengeId, data })}`;
  return { kind, sentence, url, data };
}

/** Slack's answer as the outbox's result: `ok: false` is a failure, some of them for good. */
export function resultOf(answer: SlackAnswer): SendResult {
  if (answer.ok) return { ok: true, statusCode: 200 };
  return {
    ok: false,
    statusCode: answer.status,
    error: `Slack answered ${answer.error}.`,
    permanent: PERMANENT_SLACK_ERRORS.has(answer.error),
  };
}

export const slackChannel: Channel = {
  name: "slack",
  async plan({ db, env, now }, event) {
    if (!env.SLACK_BOT_TOKEN) return [];
    if (event.type === "notification") {
      const personId = event.recipientId;
      if (!personId) return [];
      const [person] = await db.select({ active: people.active }).from(people).where(eq(people.id, personId));
      if (!person?.active) return [];
      const kind = String(event.data.kind ?? "");
      const status = channelStatus("slack", await preferenceOf(db, personId, kind), now);
      // Only what goes now is recorded: Slack takes no digest, and "skipped" rows would be noise.
      return status === "pending" ? [{ target: personId, status }] : [];
    }
    const routes = await routesFor(db, "slack", event.type);
    return routes.map((r) => ({ target: r.id, status: "pending" as const }));
  },
  async send({ db, env }, delivery, event) {
    const token = env.SLACK_BOT_TOKEN;
    if (!token) return { ok: false, error: "Slack is not connected (no SLACK_BOT_TOKEN).", permanent: true };
    if (event.type === "notification") {
      const user = await slackUserOf(db, token, delivery.target);
      if (!user.ok) {
        return {
          ok: false,
          statusCode: user.status,
          error: user.missing ? user.error : `Slack answered ${user.error}.`,
          permanent: user.missing === true || PERMANENT_SLACK_ERRORS.has(user.error),
        };
      }
      const n = await notificationOf(db, env, event);
      return resultOf(
        await slackApi(token, "chat.postMessage", {
          channel: user.slackUserId,
          text: n.sentence,
          blocks: notificationBlocks(n),
          unfurl_links: false,
        }),
      );
    }
    const [route] = await db.select().from(channelRoutes).where(eq(channelRoutes.id, delivery.target));
    if (route?.provider !== "slack") return { ok: false, error: "The channel mapping was deleted.", permanent: true };
    const post = orgWidePost(env, event);
    return resultOf(
      await slackApi(token, "chat.postMessage", {
        channel: route.target,
        text: post.sentence,
        blocks: orgWideBlocks(post),
        unfurl_links: false,
      }),
    );
  },
};
