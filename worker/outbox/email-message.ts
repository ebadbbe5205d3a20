/**
 * What a notification e-mail says (SPEC §15): one notification, or a digest of several grouped by
 * challenge, newest first. Each item is the inbox's own sentence (worker/domain/notifications.ts
 * `notificationMessage`) with an absolute link to its exact place; every message has a plain-text
 * and an HTML part and RFC 8058 one-click unsubscribe headers. Pure apart from reading the names it
 * needs, so the dev outbox (GET /api/dev/outbox) renders a delivery exactly as it was sent.
 */
import { eq, inArray } from "drizzle-orm";
import { createMimeMessage } from "mimetext/browser";
import { challenges, deliveries, outbox, people } from "../../db/schema";
import { notificationLink, notificationMessage } from "../domain/notifications";
import type { Bindings } from "../env";
import type { Database } from "../middleware/db";
import type { OutboxEvent } from "./channel";
import { isNotificationKind, kindInfo } from "./kinds";
import { DIGEST_KIND, unsubscribeToken } from "./unsubscribe";

/** The outbox type of a digest: its data names the held deliveries it gathers. */
export const DIGEST_TYPE = "email.digest";

export interface DigestData {
  cadence: "daily" | "weekly";
  day: string;
  deliveryIds: string[];
}

export interface EmailItem {
  kind: string;
  sentence: string;
  /** Absolute. */
  url: string;
  challengeId: string | null;
  challengeTitle: string | null;
  createdAt: string;
}

export interface ComposedEmail {
  from: string;
  to: string;
  toName: string;
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl: string;
}

export const appUrl = (env: Pick<Bindings, "APP_URL">) => (env.APP_URL || "http://localhost:8787").replace(/\/+$/, "");
export const emailFrom = (env: Pick<Bindings, "EMAIL_FROM">) => env.EMAIL_FROM || "crux@example.com";

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

interface NotificationRow {
  data: string;
  recipientId: string | null;
  challengeId: string | null;
  createdAt: string;
}

/** The items that outbox rows of type "notification" make, with the names their sentences need. */
async function itemsOf(db: Database, env: Bindings, rows: NotificationRow[]): Promise<EmailItem[]> {
  const parsed = rows.map((r) => ({ ...r, event: JSON.parse(r.data) as Record<string, unknown> }));
  const actorIds = [...new Set(parsed.map((p) => p.event.actorId).filter((a): a is string => typeof a === "string"))];
  const challengeIds = [...new Set(parsed.map((p) => p.challengeId).filter((c): c is string => !!c))];
  const [actors, titles] = await db.batch([
    db
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(inArray(people.id, actorIds.length ? actorIds : [""])),
    db
      .select({ id: challenges.id, title: challenges.title })
      .from(challenges)
      .where(inArray(challenges.id, challengeIds.length ? challengeIds : [""])),
  ]);
  const actorName = new Map(actors.map((a) => [a.id, a.name]));
  const titleOf = new Map(titles.map((t) => [t.id, t.title]));
  const base = appUrl(env);
  return parsed.map(({ event, challengeId, createdAt }) => {
    const kind = String(event.kind ?? "");
    const data = (event.data && typeof event.data === "object" ? event.data : {}) as Record<string, unknown>;
    const challengeTitle = challengeId ? (titleOf.get(challengeId) ?? null) : null;
    return {
      kind,
      sentence: notificationMessage({
        kind,
        actorName: typeof event.actorId === "string" ? (actorName.get(event.actorId) ?? null) : null,
        challengeTitle,
        data,
      }),
      url: `${base}${notificationLink({ kind, challengeId, data })}`,
      challengeId,
      challengeTitle,
      createdAt,
    };
  });
}

function page(title: string, body: string, footer: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:40rem;margin:0 auto;padding:1rem">
${body}
<hr style="border:none;border-top:1px solid #ddd;margin:2rem 0 1rem">
<p style="font-size:0.875rem;color:#555">${footer}</p>
</body></html>`;
}

function footers(env: Bindings, unsubscribeUrl: string, what: string) {
  const settings = `${appUrl(env)}/settings/notifications`;
  return {
    text: `You get this because of your notification settings: ${settings}\nStop ${what}: ${unsubscribeUrl}`,
    html: `You get this because of your <a href="${escapeHtml(settings)}">notification settings</a>. <a href="${escapeHtml(unsubscribeUrl)}">Stop ${escapeHtml(what)}</a>.`,
  };
}

function unsubscribeUrl(env: Bindings, token: string) {
  return `${appUrl(env)}/api/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** The e-mail one outbox row of type "notification" makes for its recipient, or null (no such person, or deactivated). */
export async function composeNotification(
  db: Database,
  env: Bindings,
  event: OutboxEvent,
): Promise<ComposedEmail | null> {
  if (!event.recipientId) return null;
  const [[person], items] = await Promise.all([
    db
      .select()
      .from(people)
      .where(inArray(people.id, [event.recipientId])),
    itemsOf(db, env, [
      {
        data: JSON.stringify(event.data),
        recipientId: event.recipientId,
        challengeId: event.challengeId,
        createdAt: event.createdAt,
      },
    ]),
  ]);
  if (!person?.active) return null;
  const [item] = items;
  const token = await unsubscribeToken(env, person.id, item.kind);
  const url = unsubscribeUrl(env, token);
  const label = isNotificationKind(item.kind) ? kindInfo(item.kind).label.toLowerCase() : "these";
  const foot = footers(env, url, `e-mails when ${label}`);
  const subject = item.sentence.length > 120 ? `${item.sentence.slice(0, 117)}…` : item.sentence;
  return {
    from: emailFrom(env),
    to: person.email,
    toName: person.name,
    subject,
    text: `${item.sentence}\n\nOpen it: ${item.url}\n\n--\n${foot.text}\n`,
    html: page(
      subject,
      `<p>${escapeHtml(item.sentence)}</p>\n<p><a href="${escapeHtml(item.url)}">Open it in Crux</a></p>`,
      foot.html,
    ),
    unsubscribeUrl: url,
  };
}

/** Items grouped by challenge (no challenge last), each group and its items newest first. */
export function groupByChallenge(items: EmailItem[]) {
  const sorted = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const groups = new Map<string, { title: string; challengeId: string | null; items: EmailItem[] }>();
  for (const item of sorted) {
    const key = item.challengeId ?? "";
    let group = groups.get(key);
    if (!group) {
      group = { title: item.challengeTitle ?? "Other updates", challengeId: item.challengeId, items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  const list = [...groups.values()];
  return [...list.filter((g) => g.challengeId), ...list.filter((g) => !g.challengeId)];
}

/** The digest e-mail a digest outbox row makes: its held notifications, grouped by challenge. */
export async function composeDigest(db: Database, env: Bindings, event: OutboxEvent): Promise<ComposedEmail | null> {
  if (!event.recipientId) return null;
  const data = event.data as unknown as DigestData;
  const ids = Array.isArray(data.deliveryIds) ? data.deliveryIds : [];
  const [[person], rows] = await db.batch([
    db
      .select()
      .from(people)
      .where(inArray(people.id, [event.recipientId])),
    db
      .select({
        data: outbox.data,
        recipientId: outbox.recipientId,
        challengeId: outbox.challengeId,
        createdAt: outbox.createdAt,
      })
      .from(deliveries)
      .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
      .where(inArray(deliveries.id, ids.length ? ids : [""])),
  ]);
  if (!person?.active || !rows.length) return null;
  const groups = groupByChallenge(await itemsOf(db, env, rows));
  const count = rows.length;
  const subject = `Your ${data.cadence} Crux digest: ${count} ${count === 1 ? "update" : "updates"}`;
  const url = unsubscribeUrl(env, await unsubscribeToken(env, person.id, DIGEST_KIND));
  const foot = footers(env, url, "digest e-mails");
  const text = groups
    .map((g) => `${g.title}\n${g.items.map((i) => `- ${i.sentence}\n  ${i.url}`).join("\n")}`)
    .join("\n\n");
  const html = groups
    .map(
      (g) =>
        `<h2 style="font-size:1.1rem;margin:1.5rem 0 0.5rem">${escapeHtml(g.title)}</h2>\n<ul>${g.items
          .map((i) => `<li>${escapeHtml(i.sentence)} <a href="${escapeHtml(i.url)}">Open</a></li>`)
          .join("")}</ul>`,
    )
    .join("\n");
  return {
    from: emailFrom(env),
    to: person.email,
    toName: person.name,
    subject,
    text: `${subject}\n\n${text}\n\n--\n${foot.text}\n`,
    html: page(subject, `<h1 style="font-size:1.3rem">${escapeHtml(subject)}</h1>\n${html}`, foot.html),
    unsubscribeUrl: url,
  };
}

/** The e-mail an outbox row makes on the e-mail channel, or null when it makes none. */
export function composeEmail(db: Database, env: Bindings, event: OutboxEvent) {
  if (event.type === DIGEST_TYPE) return composeDigest(db, env, event);
  if (event.type === "notification") return composeNotification(db, env, event);
  return Promise.resolve(null);
}

/** The raw MIME message: plain text and HTML, a stable Message-ID, one-click unsubscribe. */
export function toMime(email: ComposedEmail, messageId: string) {
  const msg = createMimeMessage();
  msg.setSender({ name: "Crux", addr: email.from });
  msg.setRecipient({ name: email.toName, addr: email.to });
  msg.setSubject(email.subject);
  msg.setHeader("Message-ID", `<${messageId}@${email.from.split("@")[1] ?? "crux.invalid"}>`);
  msg.setHeader("List-Unsubscribe", `<${email.unsubscribeUrl}>`);
  msg.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
  // Base64: the sentences hold non-ASCII (“quotes”, names) and lines may run long.
  msg.addMessage({ contentType: "text/plain", data: email.text.replace(/\r?\n/g, "\r\n"), encoding: "base64" });
  msg.addMessage({ contentType: "text/html", data: email.html.replace(/\r?\n/g, "\r\n"), encoding: "base64" });
  return msg.asRaw();
}
