import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../middleware/auth";
import { conflict, forbidden, invalid, notFound } from "../middleware/errors";
import { errors, IdParam, json, jsonBody } from "../schemas/common";
import { acceptMerge, declineMerge, findMergeRequest, listMergeRequests, requestMerge } from "../services/merge";
import { actorFor, visibleChallenge } from "./challenge-access";
import { createRouter } from "./router";

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

type Row = Awaited<ReturnType<typeof listMergeRequests>>[number];
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
      const ch = await visibleChallenge(c, c.req.valid("param").id);
      return c.json({ items: (await listMergeRequests(c.var.db, ch.id, c.var.me.id)).map(toMergeRequest) }, 200);
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
      const source = await visibleChallenge(c, c.req.valid("param").id);
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
      const target = await visibleChallenge(c, targetId).catch(() => null);
      if (!target) throw invalid({ targetId: "No such challenge." });
      if (!MERGEABLE_TARGET.includes(target.stage)) {
        throw conflict("invalid_stage", `A ${target.stage} challenge cannot take another in.`);
      }
      const id = await requestMerge(c.var.db, {
        sourceId: source.id,
        sourceTitle: source.title,
        targetId,
        requestedById: c.var.me.id,
        note,
      });
      if (!id) throw conflict("already_requested", "A merge of this challenge is already awaiting an answer.");
      const made = (await listMergeRequests(c.var.db, source.id, c.var.me.id)).find((r) => r.id === id);
      if (!made) throw new Error("merge request written but not read back");
      return c.json(toMergeRequest(made), 201);
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
    // A request naming a challenge the caller may not see (one proposed from a draft) is not theirs to see either.
    const m = await findMergeRequest(c.var.db, c.req.valid("param").id, c.var.me.id);
    if (!m) throw notFound("That merge request");
    const target = await visibleChallenge(c, m.targetId);
    const actor = actorFor(c.var.me, target);
    if (!actor.isLead && !actor.isCoLead)
      throw forbidden("Only the lead or co-lead of the challenge merged into decides.");
    if (m.status !== "pending") throw conflict("invalid_state", `This merge request is already ${m.status}.`);
    if (decision === "decline") {
      if (!(await declineMerge(c.var.db, m, c.var.me.id, note)))
        throw conflict("invalid_state", "It was decided meanwhile.");
    } else {
      const source = await visibleChallenge(c, m.sourceId);
      if (!MERGEABLE_SOURCE.includes(source.stage)) {
        throw conflict("invalid_stage", "The other challenge moved on and can no longer be merged.");
      }
      if (!MERGEABLE_TARGET.includes(target.stage))
        throw conflict("invalid_stage", `A ${target.stage} challenge cannot take another in.`);
      if (!(await acceptMerge(c.var.db, m, source, c.var.me.id))) {
        throw conflict("stale_stage", "One of the challenges changed meanwhile; reload and try again.");
      }
    }
    const fresh = (await listMergeRequests(c.var.db, m.targetId, c.var.me.id)).find((r) => r.id === m.id);
    if (!fresh) throw new Error("merge request vanished");
    return c.json(toMergeRequest(fresh), 200);
  },
);
