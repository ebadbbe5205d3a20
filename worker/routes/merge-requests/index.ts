import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../../middleware/auth";
import { conflict, forbidden, notFound } from "../../middleware/errors";
import { errors, IdParam, json, jsonBody } from "../../schemas/common";
import { challengePlan } from "../../services/challenges";
import { moneyPlan } from "../../services/funding";
import {
  acceptMerge,
  challengeOfMergeSource,
  challengeOfMergeTarget,
  declineMerge,
  mergeRequestPlan,
} from "../../services/merge";
import { actorFor, challengeFactsWith, requireVisible } from "../challenges/access";
import { createRouter } from "../router";
import {
  MERGEABLE_SOURCE,
  MERGEABLE_TARGET,
  MergeRequestSchema,
  type Row,
  requestsOf,
  tags,
  toMergeRequest,
} from "./shapes";

const mergeRequestRoutes = createRouter(requireAuth()).openapi(
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

/** Merge requests outside one challenge, mounted once. */
export const mergeRoutes = createRouter().route("/merge-requests", mergeRequestRoutes);
