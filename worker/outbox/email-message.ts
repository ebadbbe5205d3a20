/**
 * What a notification e-mail says (SPEC §15): one notification, or a digest of several grouped by
 * challenge, newest first. Each item is the inbox's own sentence (worker/domain/notifications.ts
 * `notificationMessage`) with an absolute link to its exact place; every message has a plain-text
 * and an HTML part and RFC 8058 one-click unsubscribe headers. Pure apart from reading the names it
 * needs, so the dev outbox (GET /api/dev/outbox) renders a delivery exactly as it was sent.
 */
import { eq, sql } from "drizzle-orm";
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

interface ItemRow {
  data: string;
  challengeId: string | null;
  createdAt: string;
}

/** A person as an e-mail needs them. */
export interface Recipient {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

/** What e-mails of these outbox rows need, in one batch: digests' held rows, and the names in them. */
export function emailNamesPlan(db: Database, outboxIds: string[]) {
  const ids = outboxIds.length ? outboxIds : [""];
  const idList = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  // Each digest's held notifications (its data lists their deliveries).
  const heldFrom = sql`${outbox} dig, json_each(dig.data, '$.deliveryIds') j
    JOIN ${deliveries} d ON d.id = j.value JOIN ${outbox} o ON o.id = d.outbox_id`;
  const heldWhere = sql`dig.id IN (${idList}) AND dig.type = ${DIGEST_TYPE}`;
  const all = sql`SELECT data, challenge_id FROM ${outbox} WHERE id IN (${idList})
    UNION ALL SELECT o.data, o.challenge_id FROM ${heldFrom} WHERE ${heldWhere}`;
  return [
    db
      .select({
        digest_id: sql<string>`dig.id`,
        data: sql<string>`o.data`,
        challenge_id: sql<string | null>`o.challenge_id`,
        created_at: sql<string>`o.created_at`,
      })
      .from(heldFrom)
      .where(heldWhere),
    db
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(sql`${people.id} IN (SELECT json_extract(data, '$.actorId') FROM (${all}))`),
    db
      .select({ id: challenges.id, title: challenges.title })
      .from(challenges)
      .where(sql`${challenges.id} IN (SELECT challenge_id FROM (${all}))`),
  ] as const;
}

export interface EmailNames {
  held: Map<string, ItemRow[]>;
  actorName: Map<string, string>;
  titleOf: Map<string, string>;
}

export function emailNames([held, actors, titles]: readonly [
  { digest_id: string; data: string; challenge_id: string | null; created_at: string }[],
  { id: string; name: string }[],
  { id: string; title: string }[],
]): EmailNames {
  const byDigest = new Map<string, ItemRow[]>();
  for (const h of held) {
    const list = byDigest.get(h.digest_id) ?? [];
    list.push({ data: h.data, challengeId: h.challenge_id, createdAt: h.created_at });
    byDigest.set(h.digest_id, list);
  }
  return {
    held: byDigest,
    actorName: new Map(actors.map((a) => [a.id, a.name])),
    titleOf: new Map(titles.map((t) => [t.id, t.title])),
  };
}

/** The items outbox rows of type "notification" make, worded as the inbox words them. */
function itemsOf(env: Bindings, names: EmailNames, rows: ItemRow[]): EmailItem[] {
  const base = appUrl(env);
  return rows.map(({ data: raw, challengeId, createdAt }) => {
    const event = JSON.parse(raw) as Record<string, unknown>;
    const kind = String(event.kind ?? "");
    const data = (event.data && typeof event.data === "object" ? event.data : {}) as Record<string, unknown>;
    const challengeTitle = challengeId ? (names.titleOf.get(challengeId) ?? null) : null;
    return {
      kind,
      sentence: notificationMessage({
        kind,
        actorName: typeof event.actorId === "string" ? (names.actorName.get(event.actorId) ?? null) : null,
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

/** The e-mail of one outbox row of type "notification" for its recipient. */
export async function composeNotification(
  env: Bindings,
  person: Recipient,
  event: OutboxEvent,
  names: EmailNames,
): Promise<ComposedEmail> {
  const [item] = itemsOf(env, names, [
    { data: JSON.stringify(event.data), challengeId: event.challengeId, createdAt: event.createdAt },
  ]);
  const url = unsubscribeUrl(env, await unsubscribeToken(env, person.id, item.kind));
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

/** The digest e-mail of a digest outbox row: its held notifications, grouped by challenge. */
export async function composeDigest(
  env: Bindings,
  person: Recipient,
  event: OutboxEvent,
  names: EmailNames,
): Promise<ComposedEmail | null> {
  const data = event.data as unknown as DigestData;
  const rows = names.held.get(event.id) ?? [];
  if (!rows.length) return null;
  const groups = groupByChallenge(itemsOf(env, names, rows));
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

/** The e-mail an outbox row makes for a person, from names already read; null when it makes none. */
export async function composeFrom(env: Bindings, person: Recipient, event: OutboxEvent, names: EmailNames) {
  if (!person.active) return null;
  if (event.type === DIGEST_TYPE) return composeDigest(env, person, event, names);
  if (event.type === "notification") return composeNotification(env, person, event, names);
  return null;
}

/** The e-mail an outbox row makes for a person, reading what it needs in one batch. */
export async function composeEmail(db: Database, env: Bindings, event: OutboxEvent, personId: string) {
  const [recipients, ...rest] = await db.batch([
    db
      .select({ id: people.id, name: people.name, email: people.email, active: people.active })
      .from(people)
      .where(eq(people.id, personId)),
    ...emailNamesPlan(db, [event.id]),
  ]);
  const [person] = recipients;
  if (!person) return null;
  return composeFrom(env, person, event, emailNames(rest));
}

/** UTF-8 text as base64 in lines of 76 characters (RFC 2045), with CRLF line ends. */
function base64Lines(text: string) {
  const bytes = new TextEncoder().encode(text.replace(/\r?\n/g, "\r\n"));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return (btoa(binary).match(/.{1,76}/g) ?? []).join("\r\n");
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
  // Base64 (mimetext takes it encoded): the sentences hold non-ASCII (“quotes”, names) and lines may run long.
  msg.addMessage({ contentType: "text/plain", data: base64Lines(email.text), encoding: "base64" });
  msg.addMessage({ contentType: "text/html", data: base64Lines(email.html), encoding: "base64" });
  return msg.asRaw();
}
