/**
 * Slack's interactivity endpoint (SPEC §15): the buttons of Crux's direct messages. Not behind the
 * session: Slack signs each request (worker/outbox/slack-api.ts `verifySlackRequest`), and an
 * unsigned or stale one is a 401. The clicker is matched to a person by their Slack user, and the
 * decision goes through the very functions the web routes use, under the same rules:
 *  - Accept, Approve, Confirm decide at once;
 *  - Decline opens a dialog asking why (the web asks the same), and decides when it is sent.
 * A refusal (not yours to decide, decided already) is told to the clicker alone; a decision
 * replaces the message's buttons with its outcome ("Accepted by Ada Lovelace").
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { ApiError } from "../../middleware/errors";
import {
  type ButtonValue,
  DECISION_BLOCK,
  DECISIONS,
  type DecisionKind,
  isDecisionKind,
  mrkdwn,
} from "../../outbox/channels/slack";
import { personOfSlackUser, slackApi, verifySlackRequest } from "../../outbox/slack-api";
import { findPersonById, type Me } from "../../services/people";
import { answerCredit } from "../credit";
import { createRouter } from "../router";
import { decideApplication, decideLendRequest } from "../teams";

const tags = ["Integrations"];

/** The reason a decline needs, as the web routes ask for it. */
const REASON_MIN: Record<DecisionKind, number> = { application_received: 1, lend_requested: 1, credit_pending: 3 };
const REASON_LABEL: Record<DecisionKind, string> = {
  application_received: "Why are you declining? The applicant reads this.",
  lend_requested: "Why are you declining? The team and your report read this.",
  credit_pending: "Why are you declining this credit?",
};
const DIALOG_TITLE: Record<DecisionKind, string> = {
  application_received: "Decline application",
  lend_requested: "Decline lend",
  credit_pending: "Decline credit",
};

interface SlackBlock {
  type: string;
  block_id?: string;
  [key: string]: unknown;
}

interface InteractionPayload {
  type?: string;
  user?: { id?: string };
  trigger_id?: string;
  response_url?: string;
  actions?: { action_id?: string; value?: string }[];
  message?: { text?: string; blocks?: SlackBlock[] };
  view?: {
    callback_id?: string;
    private_metadata?: string;
    state?: { values?: Record<string, Record<string, { value?: string | null }>> };
  };
}

/** What the decline dialog remembers between the click and its submission. */
interface DialogMemory extends ButtonValue {
  responseUrl: string;
  blocks: SlackBlock[];
  text: string;
}

const DECLINE_DIALOG = "crux_decline";

function parseValue(value: string | undefined): ButtonValue | null {
  try {
    const v = JSON.parse(value ?? "") as Partial<ButtonValue>;
    if (typeof v.kind === "string" && isDecisionKind(v.kind) && typeof v.id === "string" && /^[\w-]+$/.test(v.id)) {
      return { kind: v.kind, id: v.id };
    }
  } catch {
    /* not ours */
  }
  return null;
}

/** Who clicked, as the person they are in Crux, or why they cannot act. */
async function clicker(
  c: Context<AppEnv>,
  slackUserId: string | undefined,
): Promise<{ me: Me; refusal: null } | { me: null; refusal: string }> {
  if (!slackUserId) return { me: null, refusal: "Slack did not say who you are." };
  const personId = await personOfSlackUser(c.var.db, c.env.SLACK_BOT_TOKEN, slackUserId);
  const me = personId ? await findPersonById(c.var.db, personId) : null;
  if (!me) {
    return {
      me: null,
      refusal:
        "Crux does not know your Slack account: your Slack e-mail address must be the one you sign in to Crux with.",
    };
  }
  if (!me.active) return { me: null, refusal: "Your Crux account has been deactivated; ask an admin." };
  return { me, refusal: null };
}

/** Makes the decision as `c.var.me`, through the web routes' own functions; a refusal's reason, or null. */
async function decide(c: Context<AppEnv>, value: ButtonValue, action: string, reason: string): Promise<string | null> {
  try {
    if (value.kind === "application_received") {
      await decideApplication(c, value.id, { decision: action === "accept" ? "accept" : "decline", note: reason });
    } else if (value.kind === "lend_requested") {
      await decideLendRequest(c, value.id, { decision: action === "approve" ? "approve" : "decline", reason });
    } else {
      await answerCredit(c, value.id, action === "confirm" ? "confirm" : "decline", reason);
    }
    return null;
  } catch (err) {
    if (err instanceof ApiError) return err.message;
    throw err;
  }
}

/** Posts to a message's response_url (valid for 30 minutes): an ephemeral note, or the message replaced. */
async function respond(responseUrl: string | undefined, body: Record<string, unknown>) {
  if (!responseUrl?.startsWith("https://hooks.slack.com/")) return;
  const res = await fetch(responseUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  await res.body?.cancel();
}

const tellClicker = (responseUrl: string | undefined, text: string) =>
  respond(responseUrl, { response_type: "ephemeral", replace_original: false, text });

/** The message with its decision buttons replaced by the outcome. */
function decidedMessage(blocks: SlackBlock[], text: string, outcome: string) {
  const kept = blocks.filter((b) => b.block_id !== DECISION_BLOCK);
  const base = kept.length ? kept : [{ type: "section", text: { type: "mrkdwn", text: mrkdwn(text) } }];
  return {
    replace_original: true,
    text: `${text} ${outcome}.`,
    blocks: [...base, { type: "context", elements: [{ type: "mrkdwn", text: `*${mrkdwn(outcome)}*` }] }],
  };
}

const outcomeOf = (value: ButtonValue, action: string, name: string) => {
  const choice = DECISIONS[value.kind].choices.find((ch) => ch.action === action);
  return `${choice?.done ?? "Decided"} by ${name}`;
};

/** The dialog asking why, with what it must remember to decide when it is sent. */
function declineDialog(value: ButtonValue, memory: DialogMemory) {
  let metadata = JSON.stringify(memory);
  // Slack keeps at most 3,000 characters; the message's text stands in for its blocks if need be.
  if (metadata.length > 3000) metadata = JSON.stringify({ ...memory, blocks: [] });
  if (metadata.length > 3000) metadata = JSON.stringify({ ...memory, blocks: [], text: "" });
  return {
    type: "modal",
    callback_id: DECLINE_DIALOG,
    private_metadata: metadata,
    title: { type: "plain_text", text: DIALOG_TITLE[value.kind] },
    submit: { type: "plain_text", text: "Decline" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: "reason",
        label: { type: "plain_text", text: REASON_LABEL[value.kind] },
        element: {
          type: "plain_text_input",
          action_id: "reason",
          multiline: true,
          min_length: REASON_MIN[value.kind],
          max_length: 2000,
        },
      },
    ],
  };
}

async function onButton(c: Context<AppEnv>, payload: InteractionPayload) {
  const action = payload.actions?.[0];
  const value = parseValue(action?.value);
  // The link button also reports its click; nothing to do.
  if (!action || !value) return c.body(null, 200);
  const who = await clicker(c, payload.user?.id);
  if (!who.me) {
    await tellClicker(payload.response_url, who.refusal);
    return c.body(null, 200);
  }
  c.set("me", who.me);
  const blocks = payload.message?.blocks ?? [];
  const text = payload.message?.text ?? "";
  if (action.action_id === "decline") {
    const token = c.env.SLACK_BOT_TOKEN;
    const view = declineDialog(value, { ...value, responseUrl: payload.response_url ?? "", blocks, text });
    const opened =
      token && payload.trigger_id
        ? await slackApi(token, "views.open", { trigger_id: payload.trigger_id, view })
        : null;
    if (!opened?.ok)
      await tellClicker(payload.response_url, "Slack could not open the dialog; decline in Crux instead.");
    return c.body(null, 200);
  }
  const allowed = DECISIONS[value.kind].choices.some((ch) => ch.action === action.action_id && ch.action !== "decline");
  if (!allowed) return c.body(null, 200);
  const refusal = await decide(c, value, action.action_id ?? "", "");
  if (refusal) await tellClicker(payload.response_url, refusal);
  else
    await respond(
      payload.response_url,
      decidedMessage(blocks, text, outcomeOf(value, action.action_id ?? "", who.me.name)),
    );
  return c.body(null, 200);
}

async function onDialog(c: Context<AppEnv>, payload: InteractionPayload) {
  if (payload.view?.callback_id !== DECLINE_DIALOG) return c.body(null, 200);
  let memory: DialogMemory;
  try {
    memory = JSON.parse(payload.view.private_metadata ?? "") as DialogMemory;
  } catch {
    return c.body(null, 200);
  }
  const value = parseValue(JSON.stringify({ kind: memory.kind, id: memory.id }));
  if (!value) return c.body(null, 200);
  const reason = (payload.view.state?.values?.reason?.reason?.value ?? "").trim();
  const error = (text: string) => c.json({ response_action: "errors", errors: { reason: text } }, 200);
  if (reason.length < REASON_MIN[value.kind]) return error("Say why, so they can learn from it.");
  const who = await clicker(c, payload.user?.id);
  if (!who.me) return error(who.refusal);
  c.set("me", who.me);
  const refusal = await decide(c, value, "decline", reason);
  if (refusal) return error(refusal);
  await respond(
    memory.responseUrl,
    decidedMessage(memory.blocks ?? [], memory.text ?? "", outcomeOf(value, "decline", who.me.name)),
  );
  return c.body(null, 200);
}

/** POST /integrations/slack/interactions: signed by Slack, not by a session. */
export const slackInteractionRoutes = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/slack/interactions",
    tags,
    summary: "Slack's interactivity request URL: the buttons of Crux's Slack messages (signed by Slack)",
    description:
      "Slack posts `application/x-www-form-urlencoded` with a JSON `payload`, signed with the app's signing secret (`X-Slack-Signature`, `X-Slack-Request-Timestamp`). Not for other callers.",
    security: [],
    responses: {
      200: { description: "Handled; any answer to the clicker went to Slack." },
      401: { description: "The signature is missing, wrong, or more than 5 minutes old." },
      503: { description: "Slack is not connected (no SLACK_SIGNING_SECRET)." },
    },
  }),
  // The signed body is read raw, so the route declares no body for zod to parse first.
  async (c) => {
    const secret = c.env.SLACK_SIGNING_SECRET;
    if (!secret) throw new ApiError(503, "misconfigured", "Slack is not connected: SLACK_SIGNING_SECRET is not set.");
    const raw = await c.req.text();
    const signed = await verifySlackRequest(
      secret,
      { timestamp: c.req.header("X-Slack-Request-Timestamp"), signature: c.req.header("X-Slack-Signature") },
      raw,
      new Date(),
    );
    if (!signed) throw new ApiError(401, "unauthenticated", "This request is not signed by Slack, or is too old.");
    let payload: InteractionPayload;
    try {
      payload = JSON.parse(new URLSearchParams(raw).get("payload") ?? "") as InteractionPayload;
    } catch {
      throw new ApiError(400, "validation_failed", "The body has no JSON payload.", {
        fields: { payload: "Not JSON." },
      });
    }
    if (payload.type === "block_actions") return onButton(c, payload);
    if (payload.type === "view_submission") return onDialog(c, payload);
    return c.body(null, 200);
  },
);
