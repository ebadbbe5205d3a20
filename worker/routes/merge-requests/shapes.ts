import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { type MergeRequestRow, mergeRequestsPlan } from "../../services/merge";

export const tags = ["Challenges"];

export const MergeRequestSchema = z
  .object({
    id: z.string(),
    source: z.object({ id: z.string(), title: z.string() }),
    target: z.object({ id: z.string(), title: z.string() }),
    status: z.enum(["pending", "accepted", "declined", "cancelled"]),
    note: z.string(),
    requestedBy: z.string(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi("MergeRequest");

export type Row = MergeRequestRow;
export const toMergeRequest = (r: Row) => ({
  id: r.id,
  source: { id: r.sourceId, title: r.sourceTitle },
  target: { id: r.targetId, title: r.targetTitle },
  status: r.status as "pending" | "accepted" | "declined" | "cancelled",
  note: r.note,
  requestedBy: r.requestedByName,
  createdAt: r.createdAt,
  decidedAt: r.decidedAt,
});

/**
 * Challenges that can still be merged into another: published (a draft is its leads' alone, and
 * a proposal would show it to the other lead, SPEC §14) and not yet funded, nobody's money spent.
 */

/** A challenge's merge requests as the caller sees them, to read with it or after a write. */
export const requestsOf = (c: Context<AppEnv>, challengeId: string) =>
  mergeRequestsPlan(c.var.db, challengeId, c.var.me.id);
