import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { CONTRIBUTION_TYPES, counts, groupByDimension, lendsDimensionId } from "../../domain/credit";
import {
  feedbackByChallenge,
  impactPacket,
  impactPacketMarkdown,
  type PacketInput,
  packetExportRefusal,
} from "../../domain/impact-packet";
import { EVIDENCE_KINDS, mayReadPlan, planReader, TARGET_KINDS } from "../../domain/plans";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { notFound, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, json } from "../../schemas/common";
import { portfolioPlan } from "../../services/credit";
import { readFacts } from "../../services/facts";
import { type Me, portfolioFeedbackPlan, profilePlan } from "../../services/people";
import { planPagePlan } from "../../services/plans";
import { ContributionSchema, KudosSchema, tags, toContribution, toKudos } from "../credit/shapes";
import { createRouter } from "../router";
import { toPacketPlan } from "./plan";
import { ChallengeFeedbackSchema, LendSchema, toFeedback } from "./shapes";

const PortfolioChallengeSchema = z.object({
  id: z.string(),
  title: z.string(),
  stage: z.string(),
  role: z.string(),
  discipline: z.string().nullable(),
  commitmentPercent: z.number().nullable(),
  outcome: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

const PortfolioSchema = z
  .object({
    person: z.object({
      id: z.string(),
      name: z.string(),
      title: z.string(),
      track: z.string(),
      levelId: z.string().nullable(),
    }),
    challenges: z.array(PortfolioChallengeSchema),
    totals: z.object({
      confirmed: z.number().int(),
      pending: z.number().int(),
      hours: z.number(),
      endorsements: z.number().int(),
      kudos: z.number().int(),
      lends: z.number().int(),
    }),
    byType: z.array(z.object({ type: z.enum(CONTRIBUTION_TYPES), count: z.number().int() })),
    dimensions: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string(),
        contributions: z.array(ContributionSchema),
        holdsLends: z
          .boolean()
          .openapi({ description: "The person's approved lends (as a manager) are evidence in this dimension." }),
      }),
    ),
    records: z
      .array(ContributionSchema)
      .openapi({ description: "Every credit record about them, whatever its state." }),
    kudosReceived: z.array(KudosSchema),
    kudosGiven: z.array(KudosSchema),
    lends: z.array(LendSchema),
    feedback: z.array(ChallengeFeedbackSchema).openapi({
      description:
        "Review feedback (with its replies) and decisions on the challenges where they hold confirmed credit, most recent first.",
    }),
    viewer: z.object({ canExportPacket: z.boolean() }),
  })
  .openapi("Portfolio");

const PacketPlanSchema = z
  .object({
    targetKind: z.enum(TARGET_KINDS),
    targetLevel: z.string().nullable().openapi({ description: "The target level's label." }),
    summary: z.string(),
    version: z.number().int(),
    agreed: z.boolean().openapi({ description: "Both the person and their manager acknowledged this version." }),
    goals: z.array(
      z.object({
        title: z.string(),
        dimension: z.string().openapi({ description: "The dimension's name." }),
        evidenceWanted: z.string(),
        evidence: z.array(
          z.object({
            kind: z.enum(EVIDENCE_KINDS),
            challenge: z.object({ id: z.string(), title: z.string() }),
            body: z.string(),
            byName: z.string().nullable(),
            at: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .openapi("PacketPlan");

const PacketSchema = z
  .object({
    person: z.object({
      id: z.string(),
      name: z.string(),
      title: z.string(),
      track: z.string(),
      discipline: z.string().nullable().openapi({ description: "The discipline's label." }),
      level: z.string().nullable().openapi({ description: "The level's label." }),
    }),
    generatedAt: z.string(),
    summary: z.string().openapi({ example: "3 confirmed contributions on 1 challenge" }),
    totals: z.object({
      confirmed: z.number().int(),
      hours: z.number(),
      endorsements: z.number().int(),
      kudos: z.number().int(),
      lends: z.number().int(),
    }),
    challenges: z.array(
      PortfolioChallengeSchema.extend({
        discipline: z.string().nullable().openapi({ description: "The slot discipline's label (members only)." }),
      }),
    ),
    dimensions: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string(),
        contributions: z.array(ContributionSchema),
        lends: z.array(LendSchema).openapi({ description: "Approved lends, as a manager: mentoring evidence." }),
      }),
    ),
    feedback: z.array(ChallengeFeedbackSchema),
    kudos: z.array(KudosSchema),
    plan: PacketPlanSchema.nullable().openapi({ description: "Plan and evidence: null when there is no plan." }),
  })
  .openapi("ImpactPacket");

/** A person's profile (404 when there is none), portfolio and the review feedback it carries, in one round trip. */
async function portfolioOf(c: Context<AppEnv>, personId: string) {
  const { profile, p, f } = await portfolioWithPlan(c, personId);
  return { profile, p, f };
}

/** The portfolio's facts and the progression plan, in one round trip (the packet shows both). */
async function portfolioWithPlan(c: Context<AppEnv>, personId: string) {
  const db = c.var.db;
  const viewerId = c.var.me.id;
  const [profile, p, f, plan] = await readFacts(
    db,
    profilePlan(db, personId, viewerId),
    portfolioPlan(db, personId, viewerId),
    portfolioFeedbackPlan(db, personId, viewerId),
    planPagePlan(db, personId, viewerId),
  );
  if (!profile) throw notFound("That person");
  return { profile, p, f, plan };
}

type Portfolio = Awaited<ReturnType<typeof portfolioOf>>;

const toChallenge = (r: Portfolio["p"]["roles"][number]) => ({
  id: r.challengeId,
  title: r.title,
  stage: r.stage,
  role: r.role,
  discipline: r.discipline,
  commitmentPercent: r.commitmentPercent,
  outcome: r.outcome,
  decidedAt: r.decidedAt,
});

/** The portfolio's answer: roles and outcomes, credit by type and dimension, kudos, lends, review feedback. */
function toPortfolio({ profile, p, f }: Portfolio, me: Me) {
  const confirmed = p.credit.filter((x) => counts(x.status));
  const byType = new Map<string, number>();
  for (const x of confirmed) byType.set(x.type, (byType.get(x.type) ?? 0) + 1);
  const lendsIn = lendsDimensionId(p.dimensions);
  return {
    person: {
      id: profile.id,
      name: profile.name,
      title: profile.title,
      track: profile.track,
      levelId: profile.levelId,
    },
    challenges: p.roles.map(toChallenge),
    totals: {
      confirmed: confirmed.length,
      pending: p.credit.filter((x) => x.status === "pending").length,
      hours: confirmed.reduce((sum, x) => sum + (x.hours ?? 0), 0),
      endorsements: confirmed.reduce((sum, x) => sum + x.endorsements.length, 0),
      kudos: p.kudosReceived.length,
      lends: profile.lends.length,
    },
    byType: CONTRIBUTION_TYPES.filter((t) => byType.has(t)).map((type) => ({
      type,
      count: byType.get(type) ?? 0,
    })),
    dimensions: groupByDimension(confirmed, p.dimensions).map((g) => ({
      id: g.dimension.id,
      name: g.dimension.name,
      description: g.dimension.description,
      contributions: g.items.map(toContribution),
      holdsLends: g.dimension.id === lendsIn,
    })),
    records: p.credit.map(toContribution),
    kudosReceived: p.kudosReceived.map(toKudos),
    kudosGiven: p.kudosGiven.map(toKudos),
    lends: profile.lends,
    feedback: feedbackByChallenge(f.reviews, f.replies, f.decisions).map(toFeedback),
    viewer: { canExportPacket: !packetExportRefusal(packetReader(me, profile)) },
  };
}

/** The caller as a reader of this person's packet (worker/domain/impact-packet.ts `packetExportRefusal`). */
const packetReader = (me: Me, profile: { id: string; managerId: string | null }) => ({
  isSelf: me.id === profile.id,
  isTheirManager: profile.managerId === me.id,
  isAdmin: me.roles.includes("admin"),
});

/** The packet's facts, once the caller may read it (the person, their manager, admins). */
async function packetInputOf(c: Context<AppEnv>, personId: string) {
  const { profile, p, f, plan } = await portfolioWithPlan(c, personId);
  throwIfRefused(packetExportRefusal(packetReader(c.var.me, profile)));
  return {
    person: profile,
    generatedAt: new Date().toISOString(),
    origin: new URL(c.req.url).origin,
    roles: p.roles,
    credit: p.credit,
    kudos: p.kudosReceived,
    lends: profile.lends,
    dimensions: p.dimensions,
    ...f,
    // The packet's readers are the plan's (the person, their manager, admins), so it goes in whole.
    plan: mayReadPlan(planReader(c.var.me, profile)) ? toPacketPlan(plan) : null,
  } satisfies PacketInput;
}

/** The packet as JSON: what `impactPacket` holds, in the API's shapes. */
function toPacket(input: Awaited<ReturnType<typeof packetInputOf>>) {
  const packet = impactPacket(input);
  const credit = packet.dimensions.flatMap((d) => d.credit);
  return {
    person: {
      id: packet.person.id,
      name: packet.person.name,
      title: packet.person.title,
      track: packet.person.track,
      discipline: packet.person.discipline,
      level: packet.person.level,
    },
    generatedAt: input.generatedAt,
    summary: packet.summary,
    totals: {
      confirmed: credit.length,
      hours: credit.reduce((sum, x) => sum + (x.hours ?? 0), 0),
      endorsements: credit.reduce((sum, x) => sum + x.endorsements.length, 0),
      kudos: packet.kudos.length,
      lends: packet.lends.length,
    },
    challenges: packet.roles.map((r) => ({ ...toChallenge(r), discipline: r.disciplineLabel })),
    dimensions: packet.dimensions.map((d) => ({
      id: d.dimension.id,
      name: d.dimension.name,
      description: d.dimension.description,
      contributions: d.credit.map(toContribution),
      lends: d.lends,
    })),
    feedback: packet.feedback.map(toFeedback),
    kudos: packet.kudos.map(toKudos),
    plan: packet.plan,
  };
}

const PersonParam = { params: IdParam("id") };

export const portfolioRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/portfolio",
      tags,
      summary:
        "A person's impact portfolio: challenges with roles and outcomes, credit by type and dimension, endorsements, kudos, lends, review feedback and decisions",
      request: PersonParam,
      responses: { 200: json(PortfolioSchema, "The portfolio."), ...errors },
    }),
    async (c) => c.json(toPortfolio(await portfolioOf(c, c.req.valid("param").id), c.var.me), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/impact-packet",
      tags,
      summary:
        "The impact packet as JSON: confirmed credit by the framework's dimensions, mentoring lends, review feedback and decisions, kudos; no drafts (the person, their manager, admins)",
      request: PersonParam,
      responses: { 200: json(PacketSchema, "The impact packet."), ...errors },
    }),
    async (c) => c.json(toPacket(await packetInputOf(c, c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/impact-packet.md",
      tags,
      summary:
        "The impact packet as Markdown, grouped by the framework's dimensions (the person, their manager, admins)",
      request: PersonParam,
      responses: {
        200: { description: "Markdown.", content: { "text/markdown": { schema: z.string() } } },
        ...errors,
      },
    }),
    async (c) => {
      const input = await packetInputOf(c, c.req.valid("param").id);
      const file = `impact-packet-${input.person.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.md`;
      return c.body(impactPacketMarkdown(input), 200, {
        "content-type": "text/markdown; charset=utf-8",
        "content-disposition": `attachment; filename="${file}"`,
      });
    },
  );
