import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type AuthoredKind, authoredChangeRefusal, mentionHandles } from "../../domain/discussion";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { conflict, notFound, throwIfRefused } from "../../middleware/errors";
import { CommentInputSchema, CommentSchema } from "../../schemas/challenge";
import { errors, IdParam, json, jsonBody } from "../../schemas/common";
import { commentPlan } from "../../services/challenges";
import { updatePlan } from "../../services/credit";
import {
  type AuthoredRow,
  authoredCommentPlan,
  authoredUpdatePlan,
  editAuthored,
  removeAuthored,
} from "../../services/discussion";
import { toUpdate, UpdateSchema } from "../credit/shapes";
import { createRouter } from "../router";
import { visibleChallengeWith } from "./access";

const tags = ["Challenges"];
const CommentParams = z.object({ id: IdParam("id").shape.id, commentId: IdParam("commentId").shape.commentId });
const UpdateParams = z.object({ id: IdParam("id").shape.id, updateId: IdParam("updateId").shape.updateId });

const UpdateEditSchema = z
  .object({ body: z.string().trim().min(1, "Write the update.").max(20_000, "At most 20000 characters.") })
  .openapi("UpdateEdit");

const WORDS: Record<AuthoredKind, string> = { comment: "That comment", update: "That update" };

/**
 * The comment or update the caller means, on a challenge they may see (else 404, as if neither
 * existed), once the rule lets them `change` it: its author only, not once removed, in a stage
 * that allows it (worker/domain/discussion.ts `authoredChangeRefusal`). One round trip.
 */
async function authoredFor(
  c: Context<AppEnv>,
  kind: AuthoredKind,
  challengeId: string,
  itemId: string,
  change: "edit" | "remove",
): Promise<AuthoredRow> {
  const plan =
    kind === "comment"
      ? authoredCommentPlan(c.var.db, challengeId, itemId)
      : authoredUpdatePlan(c.var.db, challengeId, itemId);
  const [ch, item] = await visibleChallengeWith(c, challengeId, plan);
  if (!item) throw notFound(WORDS[kind]);
  throwIfRefused(authoredChangeRefusal(item, c.var.me.id, ch.stage, kind, change));
  return item;
}

/** A removal that won the race against this change: the same answer the rule gives a removed item. */
const lostRace = (kind: AuthoredKind) =>
  conflict("invalid_state", `This ${kind} was removed at the same moment; it cannot be changed any more.`);

/**
 * Authors change their own words (issue 12): a comment or progress update is edited in place
 * (`editedAt`), or removed, leaving a tombstone (`removedAt`, no text) where it was. Nothing is
 * deleted: activity and credit point at updates, and an update's KPI check-ins keep counting.
 */
export const challengeDiscussionRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}/comments/{commentId}",
      tags,
      summary: "Edit your own comment; people it newly mentions are told",
      request: { params: CommentParams, body: jsonBody(CommentInputSchema) },
      responses: { 200: json(CommentSchema, "The comment as edited."), ...errors },
    }),
    async (c) => {
      const { id, commentId } = c.req.valid("param");
      const { body } = c.req.valid("json");
      const item = await authoredFor(c, "comment", id, commentId, "edit");
      const { changed, read } = await editAuthored(
        c.var.db,
        "comment",
        item,
        body,
        mentionHandles(body),
        commentPlan(c.var.db, item.id),
      );
      if (!changed || !read) throw lostRace("comment");
      return c.json(read, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/comments/{commentId}",
      tags,
      summary: "Remove your own comment: a tombstone stays in its place",
      request: { params: CommentParams },
      responses: { 200: json(CommentSchema, "The comment's tombstone."), ...errors },
    }),
    async (c) => {
      const { id, commentId } = c.req.valid("param");
      const item = await authoredFor(c, "comment", id, commentId, "remove");
      const { changed, read } = await removeAuthored(c.var.db, "comment", item, commentPlan(c.var.db, item.id));
      if (!changed || !read) throw lostRace("comment");
      return c.json(read, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}/updates/{updateId}",
      tags,
      summary: "Edit the text of your own progress update (its KPI check-ins stay); people it newly mentions are told",
      request: { params: UpdateParams, body: jsonBody(UpdateEditSchema) },
      responses: { 200: json(UpdateSchema, "The update as edited."), ...errors },
    }),
    async (c) => {
      const { id, updateId } = c.req.valid("param");
      const { body } = c.req.valid("json");
      const item = await authoredFor(c, "update", id, updateId, "edit");
      const { changed, read } = await editAuthored(
        c.var.db,
        "update",
        item,
        body,
        mentionHandles(body),
        updatePlan(c.var.db, item.id),
      );
      if (!changed || !read) throw lostRace("update");
      return c.json(toUpdate(read), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/updates/{updateId}",
      tags,
      summary: "Remove your own progress update: a tombstone stays in its place, and its KPI check-ins still count",
      request: { params: UpdateParams },
      responses: { 200: json(UpdateSchema, "The update's tombstone."), ...errors },
    }),
    async (c) => {
      const { id, updateId } = c.req.valid("param");
      const item = await authoredFor(c, "update", id, updateId, "remove");
      const { changed, read } = await removeAuthored(c.var.db, "update", item, updatePlan(c.var.db, item.id));
      if (!changed || !read) throw lostRace("update");
      return c.json(toUpdate(read), 200);
    },
  );
