import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDb } from "../worker/middleware/db";
import type { ChannelContext } from "../worker/outbox/channel";
import { adaptiveCardMessage } from "../worker/outbox/channels/teams";
import { deliverOnce, fanOut } from "../worker/outbox/queue";
import { callJson, env, member } from "./helpers";
import * as f from "./round-trip-fixtures";

/** A fake Teams Workflows webhook: outbound fetch to https://teams.test/ lands here. */
let received: { url: string; body: unknown }[] = [];
let answer = 202;

beforeEach(() => {
  received = [];
  answer = 202;
  const real = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    if (!request.url.startsWith("https://teams.test/")) return real(input as RequestInfo, init);
    received.push({ url: request.url, body: await request.json() });
    return new Response(null, { status: answer });
  });
});
// D1 is shared by every test file: this file's mappings must not hear other files' events.
afterEach(async () => {
  vi.restoreAllMocks();
  await env.DB.prepare("DELETE FROM channel_routes WHERE target LIKE 'https://teams.test/%'").run();
});

const hook = () => `https://teams.test/workflows/${crypto.randomUUID()}`;
const ctxOf = (): ChannelContext => ({ db: createDb(env.DB), env, now: new Date() });

async function mapped(as: string, events: string[], target = hook()) {
  const res = await callJson("POST", "/api/admin/channel-routes", { as, body: { provider: "teams", target, events } });
  expect(res.status).toBe(201);
  return res.body as { id: string; target: string };
}

describe("the Adaptive Card", () => {
  it("is a Workflows message with one Adaptive Card 1.5 attachment and an Open URL action", () => {
    const card = adaptiveCardMessage({
      title: "New challenge",
      sentence: "“X” was published.",
      url: "https://crux.test/c",
    });
    expect(card).toMatchObject({
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          content: {
            type: "AdaptiveCard",
            version: "1.5",
            body: [
              { type: "TextBlock", text: "New challenge" },
              { type: "TextBlock", text: "“X” was published." },
            ],
            actions: [{ type: "Action.OpenUrl", url: "https://crux.test/c" }],
          },
        },
      ],
    });
  });
});

describe("org-wide events in Teams channels", () => {
  it("posts the card to each mapped webhook listening to the type, and to no other", async () => {
    const admin = await f.admin();
    const published = await mapped(admin.as, ["challenge.published", "challenge.funded"]);
    const decisions = await mapped(admin.as, ["decision.recorded"]);
    const ch = await f.openChallenge();
    const row = await env.DB.prepare("SELECT id FROM outbox WHERE type = 'challenge.published' AND challenge_id = ?")
      .bind(ch.id)
      .first<{ id: string }>();
    const ctx = ctxOf();
    const ids = await fanOut(ctx, row?.id ?? "");
    for (const id of ids) await deliverOnce(ctx, id);
    const mine = received.filter((r) => r.url === published.target || r.url === decisions.target);
    expect(mine.map((r) => r.url)).toEqual([published.target]);
    const body = JSON.stringify(mine[0].body);
    expect(body).toContain("application/vnd.microsoft.card.adaptive");
    expect(body).toContain("was published to the marketplace");
    expect(body).toContain(`/challenges/${ch.id}`);
  });

  it("a non-2xx answer is a failure, retried; a gone flow (404) fails for good", async () => {
    const admin = await f.admin();
    const route = await mapped(admin.as, ["challenge.published"]);
    const ch = await f.openChallenge();
    const row = await env.DB.prepare("SELECT id FROM outbox WHERE type = 'challenge.published' AND challenge_id = ?")
      .bind(ch.id)
      .first<{ id: string }>();
    const ctx = ctxOf();
    await fanOut(ctx, row?.id ?? "");
    const d = await env.DB.prepare("SELECT id FROM deliveries WHERE outbox_id = ? AND channel = 'teams' AND target = ?")
      .bind(row?.id, route.id)
      .first<{ id: string }>();
    answer = 500;
    expect((await deliverOnce(ctx, d?.id ?? "")).kind).toBe("retry");
    await env.DB.prepare("UPDATE deliveries SET next_attempt_at = NULL WHERE id = ?").bind(d?.id).run();
    answer = 404;
    expect((await deliverOnce(ctx, d?.id ?? "")).kind).toBe("dead");
  });
});

describe("admin: channel mappings", () => {
  it("lists, adds, tests and deletes mappings, says whether Slack's secrets are set, for admins only", async () => {
    const admin = await f.admin();
    const someone = await member();
    expect((await callJson("GET", "/api/admin/channel-routes", { as: someone.as })).status).toBe(403);
    expect(
      (
        await callJson("POST", "/api/admin/channel-routes", {
          as: someone.as,
          body: { provider: "teams", target: hook(), events: ["challenge.published"] },
        })
      ).status,
    ).toBe(403);

    const route = await mapped(admin.as, ["showcase.scheduled"]);
    const list = await callJson("GET", "/api/admin/channel-routes", { as: admin.as });
    expect(list.status).toBe(200);
    expect(list.body.slack).toEqual({ botToken: false, signingSecret: false });
    expect(list.body.events.map((e: { type: string }) => e.type)).toEqual([
      "challenge.published",
      "challenge.funded",
      "showcase.scheduled",
      "decision.recorded",
    ]);
    expect(list.body.items.find((r: { id: string }) => r.id === route.id)).toMatchObject({
      provider: "teams",
      events: ["showcase.scheduled"],
    });

    const test = await callJson("POST", `/api/admin/channel-routes/${route.id}/test`, { as: admin.as });
    expect(test.body).toEqual({ delivered: true, error: null });
    expect(JSON.stringify(received.find((r) => r.url === route.target)?.body)).toContain("Crux is connected");

    expect((await callJson("DELETE", `/api/admin/channel-routes/${route.id}`, { as: admin.as })).status).toBe(204);
    expect((await callJson("DELETE", `/api/admin/channel-routes/${route.id}`, { as: admin.as })).status).toBe(404);
  });

  it("answers bad input with 400 naming the field", async () => {
    const admin = await f.admin();
    const bad = async (body: Record<string, unknown>) =>
      (await callJson("POST", "/api/admin/channel-routes", { as: admin.as, body })).body.error?.details?.fields ?? {};
    expect(await bad({ provider: "slack", target: "#general", events: ["challenge.published"] })).toHaveProperty(
      "target",
    );
    expect(
      await bad({ provider: "teams", target: "http://teams.test/x", events: ["challenge.published"] }),
    ).toHaveProperty("target");
    expect(Object.keys(await bad({ provider: "teams", target: hook(), events: ["pledge.created"] }))[0]).toMatch(
      /^events/,
    );
    expect(Object.keys(await bad({ provider: "teams", target: hook(), events: [] }))[0]).toMatch(/^events/);
    expect(Object.keys(await bad({ provider: "email", target: hook(), events: ["challenge.published"] }))).toContain(
      "provider",
    );
  });
});
