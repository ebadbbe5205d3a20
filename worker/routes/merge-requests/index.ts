import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { isVisibleTo } from "../../domain/lifecycle";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { conflict, forbidden, invalid, notFound } from "../../middleware/errors";
import { errors, IdParam, json, jsonBody } from "../../schemas/common";
import { challengePlan } from "../../services/challenges";
import { moneyPlan } from "../../services/funding";
import {
  acceptMerge,
  challengeOfMergeSource,
  challengeOfMergeTarget,
  declineMerge,
  type MergeRequestRow,
  mergeRequestPlan,
  mergeRequestsPlan,
  requestMerge,
} from "../../services/merge";
import { actorFor, challengeFactsWith, requireVisible, visibleChallengeWith } from "../challenges/access";
import { createRouter } from "../router";

const tags = ["Challenges"];

const MergeRequestSchema = z
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

type Row = MergeRequestRow;
const toMergeRequest = (r: Row) => ({
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
const MERGEABLE_SOURCE = ["open"];
const MERGEABLE_TARGET = ["open", "funded", "active"];

/** A challenge's merge requests as the caller sees them, to read with it or after a write. */
const requestsOf = (c: Context<AppEnv>, challengeId: string) => mergeRequestsPlan(c.var.db, challengeId, c.var.me.id);

/** The request just written, from the list read back in the write's own batch. */
function writtenRequest(rows: Row[], id: string | null) {
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error("merge request written but not read back");
  return toMergeRequest(row);
}

export const challengeMergeRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/merge-requests",
      tags,
      summary: "Merge proposals from or into this challenge",
      request: { params: IdParam("id") },
      responses: { 200: json(z.object({ items: z.array(MergeRequestSchema) }), "Merge requests."), ...errors },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const [, rows] = await visibleChallengeWith(c, id, requestsOf(c, id));
      return c.json({ items: rows.map(toMergeRequest) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/merge-requests",
      tags,
      summary: "Propose merging this challenge into another (its lead); it happens when the other's lead consents",
      request: {
        params: IdParam("id"),
        body: jsonBody(
          z
            .object({ targetId: z.string().min(1).max(64), note: z.string().trim().max(2000).default("") })
            .openapi("MergeRequestInput"),
        ),
      },
      responses: { 201: json(MergeRequestSchema, "The proposal, awaiting the other lead."), ...errors },
    }),
    async (c) => {
      const { targetId, note } = c.req.valid("json");
      const me = c.var.me;
      // The target rides with the source; it counts only if the caller may see it.
      const [source, found] = await visibleChallengeWith(
        c,
        c.req.valid("param").id,
        challengePlan(c.var.db, targetId, me.id),
      );
      const actor = actorFor(c.var.me, source);
      if (!actor.isLead && !actor.isCoLead) throw forbidden("Only the lead or co-lead proposes a merge.");
      if (source.stage === "draft") {
        throw conflict(
          "invalid_stage",
          "Publish this draft before proposing a merge: until then only its lead and co-lead may see it.",
        );
      }
      if (!MERGEABLE_SOURCE.includes(source.stage)) {
        throw conflict("invalid_stage", `A ${source.stage} challenge can no longer be merged into another.`);
      }
      if (targetId === source.id) throw invalid({ targetId: "Choose another challenge." });
      const target = found && isVisibleTo(found, actorFor(me, found)) ? found : null;
      if (!target) throw invalid({ targetId: "No such challenge." });
      if (!MERGEABLE_TARGET.includes(target.stage)) {
        throw conflict("invalid_stage", `A ${target.stage} challenge cannot take another in.`);
      }
      const {
        id,
        read: [rows],
      } = await requestMerge(
        c.var.db,
        { sourceId: source.id, sourceTitle: source.title, targetId, requestedById: me.id, note },
        requestsOf(c, source.id),
      );
      if (!id) throw conflict("already_requested", "A merge of this challenge is already awaiting an answer.");
      return c.json(writtenRequest(rows, id), 201);
    },
  );

export const mergeRequestRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "post",
    path: "/{id}/decision",
    tags,
    summary: "Accept or decline a merge into your challenge (the target's lead or co-lead)",
    request: {
      params: IdParam("id"),
      body: jsonBody(
        z
          .object({ decision: z.enum(["accept", "decline"]), note: z.string().trim().max(2000).default("") })
          .openapi("MergeDecision"),
      ),
    },
    responses: { 200: json(MergeRequestSchema, "The decided request."), ...errors },
  }),
  async (c) => {
    const { decision, note } = c.req.valid("json");
    const db = c.var.db;
    const me = c.var.me;
    const id = c.req.valid("param").id;
    // The request, both challenges and the money the source would return, in one round trip.
    const [target, m, source, sourceMoney] = await challengeFactsWith(
      c,
      challengeOfMergeTarget(id),
      // A request naming a challenge the caller may not see (one proposed from a draft) is not theirs to see either.
      mergeRequestPlan(db, id, me.id),
      challengePlan(db, challengeOfMergeSource(id), me.id),
      moneyPlan(db, challengeOfMergeSource(id)),
    );
    if (!m) throw notFound("That merge request");
    const into = requireVisible(c, target);
    const actor = actorFor(me, into);
    if (!actor.isLead && !actor.isCoLead)
      throw forbidden("Only the lead or co-lead of the challenge merged into decides.");
    if (m.status !== "pending") throw conflict("invalid_state", `This merge request is already ${m.status}.`);
    let rows: Row[];
    if (decision === "decline") {
      const { ok, read } = await declineMerge(db, m, me.id, note, requestsOf(c, m.targetId));
      if (!ok) throw conflict("invalid_state", "It was decided meanwhile.");
      [rows] = read;
    } else {
      const from = requireVisible(c, source);
      if (!MERGEABLE_SOURCE.includes(from.stage)) {
        throw conflict("invalid_stage", "The other challenge moved on and can no longer be merged.");
      }
      if (!MERGEABLE_TARGET.includes(into.stage))
        throw conflict("invalid_stage", `A ${into.stage} challenge cannot take another in.`);
      const { moved, read } = await acceptMerge(db, m, from, sourceMoney, me.id, requestsOf(c, m.targetId));
      if (!moved) throw conflict("stale_stage", "One of the challenges changed meanwhile; reload and try again.");
      [rows] = read;
    }
    const fresh = rows.find((r) => r.id === m.id);
    if (!fresh) throw new Error("merge request vanished");
    return c.json(toMergeRequest(fresh), 200);
  },
);
