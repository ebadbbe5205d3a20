import { createRoute, z } from "@hono/zod-openapi";
import { isVisibleTo } from "../../domain/lifecycle";
import { mergeProposalRefusal, mergeTargetRefusal } from "../../domain/merge";
import { requireAuth } from "../../middleware/auth";
import { conflict, invalid, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, json, jsonBody } from "../../schemas/common";
import { challengePlan } from "../../services/challenges";
import { requestMerge } from "../../services/merge";
import { MergeRequestSchema, type Row, requestsOf, tags, toMergeRequest } from "../merge-requests/shapes";
import { createRouter } from "../router";
import { actorFor, visibleChallengeWith } from "./access";

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
      throwIfRefused(mergeProposalRefusal(actorFor(me, source), source.stage));
      if (targetId === source.id) throw invalid({ targetId: "Choose another challenge." });
      const target = found && isVisibleTo(found, actorFor(me, found)) ? found : null;
      if (!target) throw invalid({ targetId: "No such challenge." });
      throwIfRefused(mergeTargetRefusal(target.stage));
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
