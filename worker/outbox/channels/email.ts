/**
 * E-mail (SPEC §15): each notification goes to its recipient by e-mail as their preferences say:
 * now, held for their daily or weekly digest (worker/outbox/digest.ts), or not at all. A digest is
 * an outbox row of its own, sent here like any other. Messages go through the Cloudflare Email
 * Service `send_email` binding (env.EMAIL) as raw MIME built by worker/outbox/email-message.ts.
 */
import { eq } from "drizzle-orm";
import { people } from "../../../db/schema";
import type { Channel } from "../channel";
import { composeEmail, DIGEST_TYPE, toMime } from "../email-message";
import { channelStatus, preferenceOf } from "../preferences";

export const emailChannel: Channel = {
  name: "email",
  async plan({ db, now }, event) {
    const personId = event.recipientId;
    if (!personId) return [];
    if (event.type === DIGEST_TYPE) return [{ target: personId, status: "pending" }];
    if (event.type !== "notification") return [];
    const [person] = await db.select({ active: people.active }).from(people).where(eq(people.id, personId));
    if (!person?.active) return [];
    const kind = String(event.data.kind ?? "");
    return [{ target: personId, status: channelStatus("email", await preferenceOf(db, personId, kind), now) }];
  },
  async send({ db, env }, delivery, event) {
    const email = await composeEmail(db, env, event, delivery.target);
    if (!email) return { ok: false, error: "The recipient is gone or deactivated.", permanent: true };
    if (!env.EMAIL) return { ok: false, error: "No e-mail binding (EMAIL) is configured.", permanent: true };
    const { EmailMessage } = await import("cloudflare:email");
    await env.EMAIL.send(new EmailMessage(email.from, email.to, toMime(email, delivery.id)));
    return { ok: true };
  },
};
