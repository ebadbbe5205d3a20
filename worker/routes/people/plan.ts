import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { newId } from "../../domain/ids";
import type { PacketPlan } from "../../domain/impact-packet";
import {
  acknowledgeRefusal,
  ackState,
  dimensionsOfEvidence,
  EVIDENCE_KINDS,
  evidenceRefusal,
  MAX_GOALS,
  MIN_GOALS,
  mayReadPlan,
  type PlanReader,
  type PlanSnapshot,
  planChanged,
  planChangeRefusal,
  planProblems,
  planReader,
  TARGET_KINDS,
} from "../../domain/plans";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { conflict, invalid, notFound, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, json, jsonBody } from "../../schemas/common";
import { type Plan, readFacts } from "../../services/facts";
import {
  acknowledgeVersion,
  addCheckin,
  attachEvidence,
  type EvidenceSourceView,
  type PlanPage,
  planPagePlan,
  removeEvidence,
  savePlan,
  sourcePlan,
  sourcesPlan,
  versionPlan,
} from "../../services/plans";
import { createRouter } from "../router";

const tags = ["Progression plans"];

const Ref = z.object({ id: z.string(), name: z.string() });

export const EvidenceSourceSchema = z
  .object({
    kind: z.enum(EVIDENCE_KINDS),
    sourceId: z.string(),
    challenge: z.object({ id: z.string(), title: z.string() }),
    contributionType: z.string().nullable(),
    body: z
      .string()
      .openapi({ description: "What it says: the contribution, note, message, KPI reading or feedback." }),
    byName: z
      .string()
      .nullable()
      .openapi({ description: "Who recorded, endorsed, thanked or reviewed; the lent person." }),
    at: z.string().nullable(),
  })
  .openapi("PlanEvidenceSource");

const EvidenceSchema = EvidenceSourceSchema.extend({ id: z.string(), addedAt: z.string() }).openapi("PlanEvidence");

const AcksSchema = z.object({
  personAckAt: z.string().nullable(),
  managerAckAt: z.string().nullable(),
  managerAckBy: Ref.nullable(),
});

const VersionSummarySchema = AcksSchema.extend({
  version: z.number().int(),
  author: Ref,
  createdAt: z.string(),
});

const PlanSchema = z
  .object({
    person: z.object({
      id: z.string(),
      name: z.string(),
      track: z.string(),
      level: Ref.nullable(),
      manager: Ref.nullable().openapi({ description: "Their manager now, who co-owns the plan." }),
    }),
    plan: z
      .object({
        targetKind: z.enum(TARGET_KINDS),
        targetLevel: Ref.nullable(),
        summary: z.string(),
        version: z.number().int(),
        nextReminderOn: z.string().nullable(),
        createdAt: z.string(),
        updatedAt: z.string(),
        goals: z.array(
          z.object({
            id: z.string(),
            dimension: Ref,
            title: z.string(),
            evidenceWanted: z.string(),
            evidence: z.array(EvidenceSchema),
          }),
        ),
        checkins: z
          .array(z.object({ id: z.string(), author: Ref, note: z.string(), createdAt: z.string() }))
          .openapi({ description: "Newest first." }),
        current: VersionSummarySchema.extend({
          personAcknowledged: z.boolean(),
          managerAcknowledged: z.boolean().openapi({ description: "By the person's manager now." }),
          agreed: z.boolean(),
        }),
        managerMustAcknowledge: z.boolean(),
        versions: z.array(VersionSummarySchema).openapi({ description: "Every version, newest first." }),
      })
      .nullable()
      .openapi({ description: "Null until the person or their manager writes one." }),
    levels: z
      .array(Ref.extend({ rank: z.number().int() }))
      .openapi({ description: "The levels above the person's own on their track: the targets a plan may name." }),
    dimensions: z.array(Ref.extend({ description: z.string() })),
    viewer: z.object({
      role: z.enum(["person", "manager", "admin"]),
      canEdit: z.boolean(),
      canCheckIn: z.boolean(),
      canAcknowledge: z.boolean(),
      canAttachEvidence: z.boolean(),
    }),
  })
  .openapi("ProgressionPlan");

const PlanBody = z
  .object({
    targetKind: z.enum(TARGET_KINDS),
    targetLevelId: z.string().max(64).nullable().default(null),
    summary: z.string().trim().max(4000).default(""),
    goals: z
      .array(
        z.object({
          id: z.string().max(64).optional().openapi({ description: "An existing goal's id, to keep its evidence." }),
          dimensionId: z.string().min(1).max(64),
          title: z.string().trim().min(1).max(200),
          evidenceWanted: z.string().trim().max(2000).default(""),
        }),
      )
      .min(MIN_GOALS, `A plan has ${MIN_GOALS} to ${MAX_GOALS} goals.`)
      .max(MAX_GOALS, `A plan has ${MIN_GOALS} to ${MAX_GOALS} goals.`),
  })
  .openapi("ProgressionPlanInput");

const VersionSchema = VersionSummarySchema.extend({
  targetKind: z.enum(TARGET_KINDS),
  targetLevel: Ref.nullable(),
  summary: z.string(),
  goals: z.array(z.object({ id: z.string(), dimension: Ref, title: z.string(), evidenceWanted: z.string() })),
}).openapi("ProgressionPlanVersion");

const SuggestionsSchema = z
  .object({
    goals: z.array(z.object({ goalId: z.string(), dimension: Ref, suggestions: z.array(EvidenceSourceSchema) })),
  })
  .openapi("PlanEvidenceSuggestions");

const PersonParam = IdParam("id");

const nameOf = (list: readonly { id: string; name: string }[], id: string | null) => {
  const found = id ? list.find((x) => x.id === id) : undefined;
  return found ? { id: found.id, name: found.name } : null;
};

const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

const toSource = (s: EvidenceSourceView) => ({
  kind: s.kind,
  sourceId: s.sourceId,
  challenge: s.challenge,
  contributionType: s.contributionType,
  body: s.body,
  byName: s.byName,
  at: s.at,
});

/** The plan's current snapshot, to compare a change with. */
const snapshotOf = (page: PlanPage): PlanSnapshot | null =>
  page.plan
    ? {
        targetKind: page.plan.targetKind,
        targetLevelId: page.plan.targetLevelId,
        summary: page.plan.summary,
        goals: page.goals.map((g) => ({
          id: g.id,
          dimensionId: g.dimensionId,
          title: g.title,
          evidenceWanted: g.evidenceWanted,
        })),
      }
    : null;

type Person = NonNullable<PlanPage["person"]>;

/** The plan as the API answers it, with what the viewer may do to it. */
export function toPlan(page: PlanPage & { person: Person }, reader: PlanReader): z.infer<typeof PlanSchema> {
  const { person, plan } = page;
  const current = page.versions.find((v) => v.version === plan?.version);
  const state = current ? ackState(current, person.managerId) : null;
  const owner = !planChangeRefusal(reader);
  const level = page.levels.find((l) => l.id === person.levelId);
  const versionOf = (v: PlanPage["versions"][number]) => ({
    version: v.version,
    author: { id: v.authorId, name: v.authorName },
    createdAt: v.createdAt,
    personAckAt: v.personAckAt,
    managerAckAt: v.managerAckAt,
    managerAckBy: ref(v.managerAckById, v.managerAckByName),
  });
  return {
    person: {
      id: person.id,
      name: person.name,
      track: person.track,
      level: nameOf(page.levels, person.levelId),
      manager: ref(person.managerId, person.managerName),
    },
    plan:
      plan && current && state
        ? {
            targetKind: plan.targetKind,
            targetLevel: plan.targetKind === "next_level" ? nameOf(page.levels, plan.targetLevelId) : null,
            summary: plan.summary,
            version: plan.version,
            nextReminderOn: plan.nextReminderOn,
            createdAt: plan.createdAt,
            updatedAt: plan.updatedAt,
            goals: page.goals.map((g) => ({
              id: g.id,
              dimension: nameOf(page.dimensions, g.dimensionId) ?? { id: g.dimensionId, name: g.dimensionId },
              title: g.title,
              evidenceWanted: g.evidenceWanted,
              evidence: page.evidence
                .filter((e) => e.goalId === g.id)
                .map((e) => ({ id: e.id, addedAt: e.createdAt, ...toSource(e.source) })),
            })),
            checkins: page.checkins.map((k) => ({
              id: k.id,
              author: { id: k.authorId, name: k.authorName },
              note: k.note,
              createdAt: k.createdAt,
            })),
            current: {
              ...versionOf(current),
              personAcknowledged: state.personAcknowledged,
              managerAcknowledged: state.managerAcknowledged,
              agreed: state.agreed,
            },
            managerMustAcknowledge: state.managerMustAcknowledge,
            versions: page.versions.map(versionOf),
          }
        : null,
    levels: page.levels
      .filter((l) => l.track === person.track && (!level || l.rank > level.rank))
      .map((l) => ({ id: l.id, name: l.name, rank: l.rank })),
    dimensions: page.dimensions.map((d) => ({ id: d.id, name: d.name, description: d.description })),
    viewer: {
      role: reader.isSelf ? "person" : reader.isCurrentManager ? "manager" : "admin",
      canEdit: owner,
      canCheckIn: owner && plan !== null,
      canAcknowledge:
        owner && state !== null && (reader.isSelf ? !state.personAcknowledged : !state.managerAcknowledged),
      canAttachEvidence: !evidenceRefusal(reader) && plan !== null,
    },
  };
}

/** The plan as the impact packet shows it: labels for ids, each goal with its evidence. */
export function toPacketPlan(page: PlanPage): PacketPlan | null {
  const { plan, person } = page;
  if (!plan || !person) return null;
  const current = page.versions.find((v) => v.version === plan.version);
  return {
    targetKind: plan.targetKind,
    targetLevel: plan.targetKind === "next_level" ? (nameOf(page.levels, plan.targetLevelId)?.name ?? null) : null,
    summary: plan.summary,
    version: plan.version,
    agreed: current ? ackState(current, person.managerId).agreed : false,
    goals: page.goals.map((g) => ({
      title: g.title,
      dimension: nameOf(page.dimensions, g.dimensionId)?.name ?? g.dimensionId,
      evidenceWanted: g.evidenceWanted,
      evidence: page.evidence
        .filter((e) => e.goalId === g.id)
        .map((e) => ({
          kind: e.kind,
          challenge: e.source.challenge,
          body: e.source.body,
          byName: e.source.byName,
          at: e.source.at,
        })),
    })),
  };
}

/**
 * The plan's facts and who the caller is to it, with any other plans, in one round trip. A
 * person the caller may not read the plan of (a colleague, a former manager) is a 404.
 */
async function planOf<const P extends readonly Plan[]>(c: Context<AppEnv>, personId: string, ...more: P) {
  const { db, me } = c.var;
  const [page, ...rest] = await readFacts(db, planPagePlan(db, personId, me.id), ...more);
  if (!page.person) throw notFound("That plan");
  const reader = planReader(me, page.person);
  if (!mayReadPlan(reader)) throw notFound("That plan");
  return { page: page as PlanPage & { person: Person }, reader, rest };
}

/** A plan that must exist for the action (check-ins, evidence, acknowledgements). */
function existing(page: PlanPage) {
  if (!page.plan) throw notFound("That plan");
  return page.plan;
}

const readBack = (c: Context<AppEnv>, personId: string) => planPagePlan(c.var.db, personId, c.var.me.id);
const answer = (page: PlanPage, reader: PlanReader) => toPlan(page as PlanPage & { person: Person }, reader);

export const planRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/plan",
      tags,
      summary:
        "A person's progression plan: target, goals with their evidence, check-ins, acknowledgements and versions (the person, their manager, admins)",
      request: { params: PersonParam },
      responses: { 200: json(PlanSchema, "The plan (null until there is one)."), ...errors },
    }),
    async (c) => {
      const { page, reader } = await planOf(c, c.req.valid("param").id);
      return c.json(toPlan(page, reader), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{id}/plan",
      tags,
      summary:
        "Write the plan: create it, or add a version when it changes (the person or their manager; both acknowledge each version)",
      request: { params: PersonParam, body: jsonBody(PlanBody) },
      responses: { 200: json(PlanSchema, "The plan as it is now."), ...errors },
    }),
    async (c) => {
      const personId = c.req.valid("param").id;
      const body = c.req.valid("json");
      const { page, reader } = await planOf(c, personId);
      throwIfRefused(planChangeRefusal(reader));
      const fields = planProblems(body, {
        person: page.person,
        levels: page.levels,
        dimensions: page.dimensions,
        goalIds: page.goals.map((g) => g.id),
      });
      if (Object.keys(fields).length) throw invalid(fields);
      const goals = body.goals.map((g) => ({
        id: g.id ?? newId("goal"),
        dimensionId: g.dimensionId,
        title: g.title,
        evidenceWanted: g.evidenceWanted,
      }));
      const next: PlanSnapshot = {
        targetKind: body.targetKind,
        targetLevelId: body.targetKind === "grow_in_level" ? null : body.targetLevelId,
        summary: body.summary,
        goals,
      };
      if (!planChanged(snapshotOf(page), next)) return c.json(toPlan(page, reader), 200);
      const kept = new Set(goals.map((g) => g.id));
      const { saved, read } = await savePlan(
        c.var.db,
        {
          person: page.person,
          plan: page.plan,
          removedGoalIds: page.goals.filter((g) => !kept.has(g.id)).map((g) => g.id),
          keptGoalIds: page.goals.filter((g) => kept.has(g.id)).map((g) => g.id),
        },
        next,
        { id: c.var.me.id, isSelf: reader.isSelf },
        new Date().toISOString(),
        readBack(c, personId),
      );
      if (!saved) throw conflict("conflict", "Someone changed the plan at the same time; read it and try again.");
      return c.json(answer(read[0], reader), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/plan/acknowledge",
      tags,
      summary: "Acknowledge the plan's current version, as the person or their manager now",
      request: {
        params: PersonParam,
        body: jsonBody(
          z.object({
            version: z.number().int().min(1).openapi({ description: "The version read: a newer one is a 409." }),
          }),
        ),
      },
      responses: { 200: json(PlanSchema, "The plan with the acknowledgement."), ...errors },
    }),
    async (c) => {
      const personId = c.req.valid("param").id;
      const { version } = c.req.valid("json");
      const { page, reader } = await planOf(c, personId);
      const plan = existing(page);
      const current = page.versions.find((v) => v.version === plan.version);
      if (!current) throw notFound("That plan");
      throwIfRefused(
        acknowledgeRefusal(reader, ackState(current, page.person.managerId), { version: plan.version, asked: version }),
      );
      const { acknowledged, read } = await acknowledgeVersion(
        c.var.db,
        plan.id,
        plan.version,
        { id: c.var.me.id, isSelf: reader.isSelf },
        new Date().toISOString(),
        readBack(c, personId),
      );
      if (!acknowledged) throw conflict("invalid_state", `You already acknowledged version ${plan.version}.`);
      return c.json(answer(read[0], reader), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/plan/versions/{version}",
      tags,
      summary: "A kept version of the plan: its target and goals as they were, and who acknowledged it",
      request: {
        params: PersonParam.extend({
          version: z.coerce
            .number()
            .int()
            .min(1)
            .max(1_000_000)
            .openapi({ param: { name: "version", in: "path" }, example: 2 }),
        }),
      },
      responses: { 200: json(VersionSchema, "The version."), ...errors },
    }),
    async (c) => {
      const { id, version } = c.req.valid("param");
      const { page, rest } = await planOf(c, id, versionPlan(c.var.db, id, Number(version)));
      const [v] = rest;
      if (!v) throw notFound("That version");
      const dimension = (dimensionId: string) =>
        nameOf(page.dimensions, dimensionId) ?? { id: dimensionId, name: dimensionId };
      return c.json(
        {
          version: v.version,
          author: { id: v.authorId, name: v.authorName },
          createdAt: v.createdAt,
          personAckAt: v.personAckAt,
          managerAckAt: v.managerAckAt,
          managerAckBy: ref(v.managerAckById, v.managerAckByName),
          targetKind: v.snapshot.targetKind,
          targetLevel: v.snapshot.targetKind === "next_level" ? nameOf(page.levels, v.snapshot.targetLevelId) : null,
          summary: v.snapshot.summary,
          goals: v.snapshot.goals.map((g) => ({
            id: g.id,
            dimension: dimension(g.dimensionId),
            title: g.title,
            evidenceWanted: g.evidenceWanted,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/plan/checkins",
      tags,
      summary: "Add a dated check-in to the plan (the person or their manager); the quarterly reminder moves on",
      request: {
        params: PersonParam,
        body: jsonBody(z.object({ note: z.string().trim().min(1, "Write what you talked about.").max(4000) })),
      },
      responses: { 201: json(PlanSchema, "The plan with the check-in."), ...errors },
    }),
    async (c) => {
      const personId = c.req.valid("param").id;
      const { note } = c.req.valid("json");
      const { page, reader } = await planOf(c, personId);
      const plan = existing(page);
      throwIfRefused(planChangeRefusal(reader));
      const [read] = await addCheckin(
        c.var.db,
        plan,
        page.person,
        note,
        { id: c.var.me.id, isSelf: reader.isSelf },
        new Date().toISOString(),
        readBack(c, personId),
      );
      return c.json(answer(read, reader), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/plan/suggestions",
      tags,
      summary:
        "Evidence that could back each goal: the person's confirmed credit, outcomes, endorsements, kudos, lends and review feedback in the goal's dimension",
      request: { params: PersonParam },
      responses: { 200: json(SuggestionsSchema, "Suggestions per goal, newest first."), ...errors },
    }),
    async (c) => {
      const personId = c.req.valid("param").id;
      const { page, rest } = await planOf(c, personId, sourcesPlan(c.var.db, personId, c.var.me.id));
      existing(page);
      const [sources] = rest;
      const dims = sources.map((s) => dimensionsOfEvidence(s, page.dimensions));
      return c.json(
        {
          goals: page.goals.map((g) => {
            const attached = new Set(
              page.evidence.filter((e) => e.goalId === g.id).map((e) => `${e.kind}:${e.sourceId}`),
            );
            return {
              goalId: g.id,
              dimension: nameOf(page.dimensions, g.dimensionId) ?? { id: g.dimensionId, name: g.dimensionId },
              suggestions: sources
                .filter((s, i) => dims[i].has(g.dimensionId) && !attached.has(`${s.kind}:${s.sourceId}`))
                .sort((a, b) => ((a.at ?? "") < (b.at ?? "") ? 1 : -1))
                .slice(0, 50)
                .map(toSource),
            };
          }),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/plan/goals/{goalId}/evidence",
      tags,
      summary:
        "Attach evidence to a goal (the person only): their own confirmed contribution, an endorsement or kudos they received, an outcome, a lend or review feedback",
      request: {
        params: PersonParam.merge(IdParam("goalId")),
        body: jsonBody(
          z.object({
            kind: z.enum(EVIDENCE_KINDS),
            sourceId: z
              .string()
              .min(1)
              .max(64)
              .regex(/^[A-Za-z0-9_-]+$/),
          }),
        ),
      },
      responses: { 201: json(PlanSchema, "The plan with the evidence."), ...errors },
    }),
    async (c) => {
      const { id: personId, goalId } = c.req.valid("param");
      const { kind, sourceId } = c.req.valid("json");
      const { page, reader, rest } = await planOf(c, personId, sourcePlan(c.var.db, personId, kind, sourceId));
      const plan = existing(page);
      throwIfRefused(evidenceRefusal(reader));
      if (!page.goals.some((g) => g.id === goalId)) throw notFound("That goal");
      const [source] = rest;
      // Not theirs, not confirmed, or nothing at all: there is no such evidence to attach.
      if (!source)
        throw invalid(
          { sourceId: `No confirmed ${kind} of yours has this id.` },
          "Only your own credit that counts can be evidence.",
        );
      const [read] = await attachEvidence(
        c.var.db,
        plan,
        goalId,
        source,
        c.var.me.id,
        new Date().toISOString(),
        readBack(c, personId),
      );
      return c.json(answer(read, reader), 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/plan/goals/{goalId}/evidence/{evidenceId}",
      tags,
      summary: "Remove evidence from a goal (the person only)",
      request: { params: PersonParam.merge(IdParam("goalId")).merge(IdParam("evidenceId")) },
      responses: { 200: json(PlanSchema, "The plan without it."), ...errors },
    }),
    async (c) => {
      const { id: personId, goalId, evidenceId } = c.req.valid("param");
      const { page, reader } = await planOf(c, personId);
      const plan = existing(page);
      throwIfRefused(evidenceRefusal(reader));
      const { removed, read } = await removeEvidence(c.var.db, plan, goalId, evidenceId, readBack(c, personId));
      if (!removed) throw notFound("That evidence");
      return c.json(answer(read[0], reader), 200);
    },
  );
