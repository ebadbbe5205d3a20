import { createRoute, z } from "@hono/zod-openapi";
import { isVisibleTo } from "../../domain/lifecycle";
import { requireAuth } from "../../middleware/auth";
import { conflict, forbidden, invalid } from "../../middleware/errors";
import { errors, IdParam, json, jsonBody } from "../../schemas/common";
import { challengePlan } from "../../services/challenges";
import { requestMerge } from "../../services/merge";
import {
  MERGEABLE_SOURCE,
  MERGEABLE_TARGET,
  MergeRequestSchema,
  type Row,
  requestsOf,
  tags,
  toMergeRequest,
} from "../merge-requests/shapes";
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
