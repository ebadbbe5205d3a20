import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { app } from "../worker/app";
import type { Bindings } from "../worker/env";
import { createDb } from "../worker/middleware/db";
import type { ChannelContext } from "../worker/outbox/channel";
import { DECISION_BLOCK, notificationBlocks } from "../worker/outbox/channels/slack";
import { deliverOnce, deliveryId, fanOut } from "../worker/outbox/queue";
import { slackSignature } from "../worker/outbox/slack-api";
import { callJson, env, member } from "./helpers";
import * as f from "./round-trip-fixtures";

const TOKEN = "xoxb-test-token";
const SIGNING = "8f742231b10e8888abcd99yyyzzz85a5";
const slackEnv = { ...env, SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SIGNING } as unknown as Bindings;

/** A fake Slack inside the test: slack.com's Web API and hooks.slack.com's response URLs. */
interface SlackCall {
  method: string;
  auth: string | null;
  params: Record<string, unknown>;
}
let calls: SlackCall[] = [];
let responses: { url: string; body: Record<string, unknown> }[] = [];
/** Slack users by e-mail, and e-mails by Slack user, as the fake workspace has them. */
let byEmail: Map<string, string>;
/** The next chat.postMessage answers this error, if set. */
let failNextPost: string | null = null;

beforeEach(() => {
  calls = [];
  responses = [];
  byEmail = new Map();
  failNextPost = null;
  const real = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    if (request.url.startsWith("https://hooks.slack.com/")) {
      responses.push({ url: request.url, body: await request.json() });
      return new Response("ok");
    }
    if (!request.url.startsWith("https://slack.com/api/")) return real(input as RequestInfo, init);
    const method = request.url.slice("https://slack.com/api/".length);
    const text = await request.text();
    const params = (request.headers.get("content-type") ?? "").includes("json")
      ? (JSON.parse(text) as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(text));
    calls.push({ method, auth: request.headers.get("authorization"), params });
    const answer = (body: unknown) => Response.json(body);
    if (method === "users.lookupByEmail") {
      const id = byEmail.get(String(params.email));
      return answer(id ? { ok: true, user: { id } } : { ok: false, error: "users_not_found" });
    }
    if (method === "users.info") {
      const email = [...byEmail].find(([, id]) => id === params.user)?.[0];
      return answer(
        email ? { ok: true, user: { id: params.user, profile: { email } } } : { ok: false, error: "user_not_found" },
      );
    }
    if (method === "chat.postMessage") {
      if (failNextPost) {
        const error = failNextPost;
        failNextPost = null;
        return answer({ ok: false, error });
      }
      return answer({ ok: true, channel: params.channel, ts: "1700000000.000100" });
    }
    if (method === "views.open") return answer({ ok: true, view: { id: "V1" } });
    return answer({ ok: false, error: "unknown_method" });
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await env.DB.prepare("DELETE FROM channel_routes WHERE target LIKE 'CSLK%'").run();
});

const slackId = () => `U${crypto.randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`;

/** A person known to the fake workspace, matched (or not yet) in slack_users. */
async function inSlack(person: { id: string; email: string }, cached = true) {
  const id = slackId();
  byEmail.set(person.email, id);
  if (cached) {
    await env.DB.prepare("INSERT INTO slack_users (person_id, slack_user_id) VALUES (?, ?)").bind(person.id, id).run();
  }
  return id;
}

/** Posts an interaction as Slack would: form-encoded `payload`, signed (or as `sign` says). */
async function interact(
  payload: Record<string, unknown>,
  sign: { secret?: string; at?: number; signature?: string } = {},
) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = String(sign.at ?? Math.floor(Date.now() / 1000));
  const signature = sign.signature ?? (await slackSignature(sign.secret ?? SIGNING, timestamp, body));
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request("http://localhost/api/integrations/slack/interactions", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": signature,
      },
      body,
    }),
    slackEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

const RESPONSE_URL = "https://hooks.slack.com/actions/T1/1/abc";

/** The message Slack holds, as Crux sent it, for a notification that asks for a decision. */
const messageFor = (kind: string, data: Record<string, unknown>) => ({
  text: "A sentence.",
  blocks: notificationBlocks({ kind, sentence: "A sentence.", url: "http://localhost:8787/inbox", data }),
});

/** A button click on a message. */
function click(user: string, kind: string, id: string, action: string, data: Record<string, unknown>) {
  return {
    type: "block_actions",
    user: { id: user },
    trigger_id: "trig.1",
    response_url: RESPONSE_URL,
    message: messageFor(kind, data),
    actions: [{ action_id: action, value: JSON.stringify({ kind, id }) }],
  };
}

const ctxOf = (now = new Date()): ChannelContext => ({ db: createDb(env.DB), env: slackEnv, now });

describe("Slack's signature on interactions", () => {
  it("takes a request signed with the signing secret, and refuses a wrong, missing or stale signature", async () => {
    const harmless = { type: "block_actions", user: { id: "U0" }, actions: [{ action_id: "open" }] };
    expect((await interact(harmless)).status).toBe(200);
    expect((await interact(harmless, { secret: "not-the-secret" })).status).toBe(401);
    expect((await interact(harmless, { signature: "v0=00" })).status).toBe(401);
    expect((await interact(harmless, { signature: "" })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await interact(harmless, { at: sixMinutesAgo })).status).toBe(401);
    const fourMinutesAgo = Math.floor(Date.now() / 1000) - 4 * 60;
    expect((await interact(harmless, { at: fourMinutesAgo })).status).toBe(200);
  });

  it("is not behind the session or the same-origin check, and says so when Slack is not connected", async () => {
    const res = await app.fetch(
      new Request("http://localhost/api/integrations/slack/interactions", { method: "POST", body: "payload=%7B%7D" }),
      env,
      createExecutionContext(),
    );
    expect(res.status).toBe(503);
  });
});

describe("deciding from Slack", () => {
  it("refuses someone who is not the lead: the reason goes to them alone, and nothing changes", async () => {
    const app1 = await f.pendingApplication();
    const stranger = await f.ok("GET", "/api/me", { as: (await member()).as });
    const strangerSlack = await inSlack(stranger);
    const data = { applicationId: app1.applicationId };
    expect(
      (await interact(click(strangerSlack, "application_received", app1.applicationId, "accept", data))).status,
    ).toBe(200);
    expect(responses).toHaveLength(1);
    expect(responses[0].body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(responses[0].body.text)).toMatch(/does not exist or you may not see it|lead/i);
    const row = await env.DB.prepare("SELECT status FROM applications WHERE id = ?").bind(app1.applicationId).first();
    expect(row).toMatchObject({ status: "pending" });
  });

  it("accepts an application as the lead (found by users.info's e-mail), as the web does, and replaces the buttons", async () => {
    const app1 = await f.pendingApplication();
    const lead = await f.ok("GET", "/api/me", { as: app1.lead.as });
    const leadSlack = await inSlack(lead, false);
    const data = { applicationId: app1.applicationId };
    expect((await interact(click(leadSlack, "application_received", app1.applicationId, "accept", data))).status).toBe(
      200,
    );
    expect(calls.some((c) => c.method === "users.info" && c.params.user === leadSlack)).toBe(true);
    const cached = await env.DB.prepare("SELECT slack_user_id FROM slack_users WHERE person_id = ?")
      .bind(lead.id)
      .first();
    expect(cached?.slack_user_id).toBe(leadSlack);
    const [row] = (
      await env.DB.prepare("SELECT status, decided_by_id FROM applications WHERE id = ?").bind(app1.applicationId).all()
    ).results;
    expect(row).toMatchObject({ status: "accepted", decided_by_id: lead.id });
    expect(responses).toHaveLength(1);
    const update = responses[0].body as { replace_original: boolean; blocks: { block_id?: string; type: string }[] };
    expect(update.replace_original).toBe(true);
    expect(update.blocks.some((b) => b.block_id === DECISION_BLOCK)).toBe(false);
    expect(JSON.stringify(update.blocks)).toContain(`Accepted by ${lead.name}`);
    // A second click finds it decided: the reason, to the clicker alone.
    await interact(click(leadSlack, "application_received", app1.applicationId, "accept", data));
    expect(responses[1].body).toMatchObject({ response_type: "ephemeral" });
  });

  it("approves a lend as the manager, as the web does", async () => {
    const lend = await f.pendingLend();
    const manager = await f.ok("GET", "/api/me", { as: lend.manager.as });
    const managerSlack = await inSlack(manager);
    await interact(click(managerSlack, "lend_requested", lend.lendId, "approve", { lendId: lend.lendId }));
    const approved = await f.ok("GET", "/api/lends?status=approved", { as: lend.manager.as });
    expect(approved.items.map((l: { id: string }) => l.id)).toContain(lend.lendId);
    expect(JSON.stringify(responses[0].body)).toContain(`Approved by ${manager.name}`);
  });

  it("confirms credit as the person credited, as the web does", async () => {
    const credit = await f.pendingCredit();
    const other = await f.ok("GET", "/api/me", { as: credit.other.as });
    const otherSlack = await inSlack(other);
    const data = { contributionId: credit.contributionId };
    // The one who recorded it may not confirm it.
    const teammateSlack = await inSlack(await f.ok("GET", "/api/me", { as: credit.teammate.as }));
    await interact(click(teammateSlack, "credit_pending", credit.contributionId, "confirm", data));
    expect(responses[0].body).toMatchObject({ response_type: "ephemeral" });
    await interact(click(otherSlack, "credit_pending", credit.contributionId, "confirm", data));
    const [row] = (
      await env.DB.prepare("SELECT status FROM contributions WHERE id = ?").bind(credit.contributionId).all()
    ).results;
    expect(row).toMatchObject({ status: "confirmed" });
    expect(JSON.stringify(responses[1].body)).toContain(`Confirmed by ${other.name}`);
  });

  it("declines through a dialog asking why, with the reason the web needs", async () => {
    const app1 = await f.pendingApplication();
    const lead = await f.ok("GET", "/api/me", { as: app1.lead.as });
    const leadSlack = await inSlack(lead);
    const data = { applicationId: app1.applicationId };
    await interact(click(leadSlack, "application_received", app1.applicationId, "decline", data));
    const opened = calls.find((c) => c.method === "views.open");
    expect(opened?.params.trigger_id).toBe("trig.1");
    const view = opened?.params.view as { callback_id: string; private_metadata: string };
    const submit = (reason: string) => ({
      type: "view_submission",
      user: { id: leadSlack },
      view: {
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: { values: { reason: { reason: { value: reason } } } },
      },
    });
    const empty = await interact(submit("  "));
    expect(await empty.json()).toMatchObject({ response_action: "errors" });
    const res = await interact(submit("We need someone who knows Spark."));
    expect(res.status).toBe(200);
    const [row] = (await env.DB.prepare("SELECT status FROM applications WHERE id = ?").bind(app1.applicationId).all())
      .results;
    expect(row?.status).toBe("declined");
    expect(JSON.stringify(responses.at(-1)?.body)).toContain(`Declined by ${lead.name}`);
  });
});

describe("Slack direct messages", () => {
  it("each action kind carries its buttons, with the kind and id in their value, and a link to the item", () => {
    const cases = [
      ["application_received", { applicationId: "ap_1" }, ["accept", "decline"]],
      ["lend_requested", { lendId: "lr_1" }, ["approve", "decline"]],
      ["credit_pending", { contributionId: "ct_1" }, ["confirm", "decline"]],
    ] as const;
    for (const [kind, data, actions] of cases) {
      const blocks = notificationBlocks({ kind, sentence: "Ada & <Bob>", url: "https://crux.test/x", data }) as {
        type: string;
        block_id?: string;
        text?: { text: string };
        accessory?: { url: string };
        elements?: { action_id: string; value: string }[];
      }[];
      expect(blocks[0].text?.text).toBe("Ada &amp; &lt;Bob&gt;");
      expect(blocks[0].accessory?.url).toBe("https://crux.test/x");
      const decision = blocks.find((b) => b.block_id === DECISION_BLOCK);
      expect(decision?.elements?.map((e) => e.action_id)).toEqual(actions);
      for (const e of decision?.elements ?? []) {
        expect(JSON.parse(e.value)).toEqual({ kind, id: Object.values(data)[0] });
      }
    }
    const plain = notificationBlocks({ kind: "kudos", sentence: "Kudos.", url: "https://crux.test/y", data: {} });
    expect(plain).toHaveLength(1);
  });

  it("DMs the recipient of a notification, matched by e-mail, and treats ok:false as failure", async () => {
    const app1 = await f.pendingApplication();
    const lead = await f.ok("GET", "/api/me", { as: app1.lead.as });
    const leadSlack = await inSlack(lead, false);
    const row = await env.DB.prepare(
      "SELECT id FROM outbox WHERE type = 'notification' AND recipient_id = ? AND json_extract(data, '$.kind') = 'application_received'",
    )
      .bind(lead.id)
      .first<{ id: string }>();
    expect(row).toBeTruthy();
    const ctx = ctxOf();
    await fanOut(ctx, row?.id ?? "");
    const id = await deliveryId(row?.id ?? "", "slack", lead.id);
    expect(await deliverOnce(ctx, id)).toEqual({ kind: "delivered" });
    expect(calls.find((c) => c.method === "users.lookupByEmail")?.params.email).toBe(lead.email);
    const post = calls.find((c) => c.method === "chat.postMessage");
    expect(post?.auth).toBe(`Bearer ${TOKEN}`);
    expect(post?.params.channel).toBe(leadSlack);
    expect(String(post?.params.text)).toContain("applied");
    const value = JSON.stringify(post?.params.blocks);
    expect(value).toContain(app1.applicationId);
    expect(value).toContain(`/challenges/${app1.id}#application-${app1.applicationId}`);

    // A permanent Slack error is dead at once.
    await env.DB.prepare("UPDATE deliveries SET status = 'pending', next_attempt_at = NULL WHERE id = ?")
      .bind(id)
      .run();
    failNextPost = "channel_not_found";
    expect(await deliverOnce(ctx, id)).toEqual({ kind: "dead" });
    const d = await env.DB.prepare("SELECT status, last_error FROM deliveries WHERE id = ?").bind(id).first();
    expect(d).toMatchObject({ status: "dead" });
    expect(String(d?.last_error)).toContain("channel_not_found");
  });

  it("plans nothing without the bot token, and nothing a person turned off for Slack", async () => {
    const app1 = await f.pendingApplication();
    const lead = await f.ok("GET", "/api/me", { as: app1.lead.as });
    const row = await env.DB.prepare(
      "SELECT id FROM outbox WHERE type = 'notification' AND recipient_id = ? AND json_extract(data, '$.kind') = 'application_received'",
    )
      .bind(lead.id)
      .first<{ id: string }>();
    await env.DB.prepare(
      "INSERT INTO notification_preferences (person_id, kind, email, slack, cadence) VALUES (?, 'application_received', 1, 0, 'immediately')",
    )
      .bind(lead.id)
      .run();
    await fanOut(ctxOf(), row?.id ?? "");
    const slackRows = await env.DB.prepare("SELECT id FROM deliveries WHERE outbox_id = ? AND channel = 'slack'")
      .bind(row?.id)
      .all();
    expect(slackRows.results).toHaveLength(0);
  });
});

describe("org-wide events in Slack channels", () => {
  it("posts to the channels mapped to the event's type only", async () => {
    const admin = await f.admin();
    for (const [target, events] of [
      ["CSLKPUB01", ["challenge.published"]],
      ["CSLKDEC01", ["decision.recorded"]],
    ] as const) {
      const made = await callJson("POST", "/api/admin/channel-routes", {
        as: admin.as,
        body: { provider: "slack", target, events },
      });
      expect(made.status).toBe(201);
    }
    const ch = await f.openChallenge();
    const row = await env.DB.prepare("SELECT id FROM outbox WHERE type = 'challenge.published' AND challenge_id = ?")
      .bind(ch.id)
      .first<{ id: string }>();
    const ctx = ctxOf();
    const ids = await fanOut(ctx, row?.id ?? "");
    for (const id of ids) await deliverOnce(ctx, id);
    const channels = calls.filter((c) => c.method === "chat.postMessage").map((c) => c.params.channel);
    expect(channels).toContain("CSLKPUB01");
    expect(channels).not.toContain("CSLKDEC01");
    const post = calls.find((c) => c.params.channel === "CSLKPUB01");
    expect(String(post?.params.text)).toContain("was published to the marketplace");
    expect(JSON.stringify(post?.params.blocks)).toContain(`/challenges/${ch.id}`);
  });
});
