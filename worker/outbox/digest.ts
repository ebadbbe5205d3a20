/**
 * Daily and weekly e-mail digests (SPEC §15). Each day (weekly ones on Mondays) every person's
 * e-mail deliveries held for a digest are gathered into one digest outbox row, whose id is the
 * person and the day: running twice makes one digest, and the held deliveries are marked delivered
 * in the same batch that makes it. The row is then sent through the e-mail channel like any other
 * (worker/outbox/channels/email.ts), with its retries. A person on pause keeps theirs held.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { deliveries, notificationPauses, notificationPreferences, outbox } from "../../db/schema";
import type { ChannelContext } from "./channel";
import { DIGEST_TYPE, type DigestData } from "./email-message";
import { defaultPreference } from "./preferences";
import { deliverOnce, fanOut } from "./queue";

export const digestId = (personId: string, day: string) => `obx_digest_${personId}_${day}`;

/** Makes and sends today's digests; answers the ids of the digest rows it made. */
export async function runDigests(ctx: ChannelContext): Promise<string[]> {
  const { db, now, env } = ctx;
  const at = now.toISOString();
  const day = at.slice(0, 10);
  const weekly = now.getUTCDay() === 1;
  const held = await db
    .select({ id: deliveries.id, personId: deliveries.target, data: outbox.data })
    .from(deliveries)
    .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
    .where(and(eq(deliveries.channel, "email"), eq(deliveries.status, "digest")))
    .limit(5000);
  if (!held.length) return [];
  const personIds = [...new Set(held.map((h) => h.personId))];
  const [stored, pauses] = await db.batch([
    db.select().from(notificationPreferences).where(inArray(notificationPreferences.personId, personIds)),
    db.select().from(notificationPauses).where(inArray(notificationPauses.personId, personIds)),
  ]);
  const cadenceOf = new Map(stored.map((p) => [`${p.personId}\n${p.kind}`, p.cadence]));
  const paused = new Set(pauses.filter((p) => p.until > at).map((p) => p.personId));
  const byPerson = new Map<string, { ids: string[]; weekly: boolean }>();
  for (const h of held) {
    if (paused.has(h.personId)) continue;
    const kind = String((JSON.parse(h.data) as { kind?: unknown }).kind ?? "");
    const cadence = cadenceOf.get(`${h.personId}\n${kind}`) ?? defaultPreference(kind).cadence;
    // Weekly ones wait for Monday; anything else held (daily, or a cadence changed since) goes today.
    if (cadence === "weekly" && !weekly) continue;
    const entry = byPerson.get(h.personId) ?? { ids: [], weekly: false };
    entry.ids.push(h.id);
    entry.weekly ||= cadence === "weekly";
    byPerson.set(h.personId, entry);
  }
  const made: string[] = [];
  for (const [personId, entry] of byPerson) {
    const id = digestId(personId, day);
    const run = crypto.randomUUID();
    const data: DigestData & { run: string } = {
      cadence: entry.weekly ? "weekly" : "daily",
      day,
      deliveryIds: entry.ids,
      run,
    };
    const [inserted] = await db.batch([
      db
        .insert(outbox)
        .values({ id, type: DIGEST_TYPE, data: JSON.stringify(data), recipientId: personId, createdAt: at })
        .onConflictDoNothing()
        .returning({ id: outbox.id }),
      // Only the run that made the digest marks what it gathered.
      db
        .update(deliveries)
        .set({ status: "delivered", deliveredAt: at })
        .where(
          and(
            inArray(deliveries.id, entry.ids),
            eq(deliveries.status, "digest"),
            sql`EXISTS (SELECT 1 FROM ${outbox} WHERE id = ${id} AND json_extract(data, '$.run') = ${run})`,
          ),
        ),
    ]);
    if (!inserted.length) continue;
    made.push(id);
    for (const deliveryId of await fanOut(ctx, id)) {
      const outcome = await deliverOnce(ctx, deliveryId);
      if (outcome.kind === "retry")
        await env.OUTBOX?.send({ t: "deliver", deliveryId }, { delaySeconds: outcome.delaySeconds });
      if (outcome.kind === "dead") await env.OUTBOX_DLQ?.send({ t: "deliver", deliveryId });
    }
  }
  return made;
}
