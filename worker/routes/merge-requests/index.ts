import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { mergeAcceptRefusal, mergeDecisionRefusal } from "../../domain/merge";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { conflict, notFound, throwIfRefused } from "../../middleware/errors";
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
import { MergeRequestSchema, type Row, requestsOf, tags, toMergeRequest } from "./shapes";

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
    const me = c.var.me;
    const [target, m, source, sourceMoney] = await mergeFacts(c, c.req.valid("param").id);
    if (!m) throw notFound("That merge request");
    const into = requireVisible(c, target);
    throwIfRefused(mergeDecisionRefusal(actorFor(me, into), m.status));
    let rows: Row[];
    if (decision === "decline") {
      const { ok, read } = await declineMerge(c.var.db, m, me.id, note, requestsOf(c, m.targetId));
      if (!ok) throw conflict("invalid_state", "It was decided meanwhile.");
      [rows] = read;
    } else {
      const from = requireVisible(c, source);
      throwIfRefused(mergeAcceptRefusal(from.stage, into.stage));
      const { moved, read } = await acceptMerge(c.var.db, m, from, sourceMoney, me.id, requestsOf(c, m.targetId));
      if (!moved) throw conflict("stale_stage", "One of the challenges changed meanwhile; reload and try again.");
      [rows] = read;
    }
    const fresh = rows.find((r) => r.id === m.id);
    if (!fresh) throw new Error("merge request vanished");
    return c.json(toMergeRequest(fresh), 200);
  },
);

/** The request, both challenges and the money the source would return, in one round trip. */
function mergeFacts(c: Context<AppEnv>, id: string) {
  const db = c.var.db;
  return challengeFactsWith(
    c,
    challengeOfMergeTarget(id),
    // A request naming a challenge the caller may not see (one proposed from a draft) is not theirs to see either.
    mergeRequestPlan(db, id, c.var.me.id),
    challengePlan(db, challengeOfMergeSource(id), c.var.me.id),
    moneyPlan(db, challengeOfMergeSource(id)),
  );
}

/** Merge requests outside one challenge, mounted once. */
export const mergeRoutes = createRouter().route("/merge-requests", mergeRequestRoutes);
