import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { CONTRIBUTION_TYPES, counts, groupByDimension, lendsDimensionId } from "../../domain/credit";
import { impactPacketMarkdown, packetExportRefusal } from "../../domain/impact-packet";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { notFound, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, json } from "../../schemas/common";
import { portfolioPlan } from "../../services/credit";
import { readFacts } from "../../services/facts";
import { type Me, profilePlan } from "../../services/people";
import { ContributionSchema, KudosSchema, tags, toContribution, toKudos } from "../credit/shapes";
import { createRouter } from "../router";

const PortfolioSchema = z
  .object({
    person: z.object({
      id: z.string(),
      name: z.string(),
      title: z.string(),
      track: z.string(),
      levelId: z.string().nullable(),
    }),
    challenges: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        stage: z.string(),
        role: z.string(),
        discipline: z.string().nullable(),
        commitmentPercent: z.number().nullable(),
        outcome: z.string().nullable(),
        decidedAt: z.string().nullable(),
      }),
    ),
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
    lends: z.array(
      z.object({
        id: z.string(),
        challenge: z.object({ id: z.string(), title: z.string() }),
        person: z.object({ id: z.string(), name: z.string() }),
        sharePercent: z.number().int(),
        decidedAt: z.string().nullable(),
      }),
    ),
    viewer: z.object({ canExportPacket: z.boolean() }),
  })
  .openapi("Portfolio");

/** A person's profile (404 when there is none) and portfolio, in one round trip. */
async function portfolioOf(c: Context<AppEnv>, personId: string) {
  const db = c.var.db;
  const [profile, p] = await readFacts(
    db,
    profilePlan(db, personId, c.var.me.id),
    portfolioPlan(db, personId, c.var.me.id),
  );
  if (!profile) throw notFound("That person");
  return { profile, p };
}

type Portfolio = Awaited<ReturnType<typeof portfolioOf>>;

/** The portfolio's answer: roles and outcomes, credit by type and dimension, kudos and lends. */
function toPortfolio(profile: Portfolio["profile"], p: Portfolio["p"], me: Me) {
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
    challenges: p.roles.map((r) => ({
      id: r.challengeId,
      title: r.title,
      stage: r.stage,
      role: r.role,
      discipline: r.discipline,
      commitmentPercent: r.commitmentPercent,
      outcome: r.outcome,
      decidedAt: r.decidedAt,
    })),
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
    viewer: { canExportPacket: !packetExportRefusal(packetReader(me, profile)) },
  };
}

/** The caller as a reader of this person's packet (worker/domain/impact-packet.ts `packetExportRefusal`). */
const packetReader = (me: Me, profile: { id: string; managerId: string | null }) => ({
  isSelf: me.id === profile.id,
  isTheirManager: profile.managerId === me.id,
  isAdmin: me.roles.includes("admin"),
});

export const portfolioRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/portfolio",
      tags,
      summary:
        "A person's impact portfolio: challenges with roles and outcomes, credit by type and dimension, endorsements, kudos, lends",
      request: { params: IdParam("id") },
      responses: { 200: json(PortfolioSchema, "The portfolio."), ...errors },
    }),
    async (c) => {
      const { profile, p } = await portfolioOf(c, c.req.valid("param").id);
      return c.json(toPortfolio(profile, p, c.var.me), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/impact-packet.md",
      tags,
      summary:
        "The impact packet as Markdown, grouped by the framework's dimensions (the person, their manager, admins)",
      request: { params: IdParam("id") },
      responses: {
        200: { description: "Markdown.", content: { "text/markdown": { schema: z.string() } } },
        ...errors,
      },
    }),
    async (c) => {
      const { profile, p } = await portfolioOf(c, c.req.valid("param").id);
      throwIfRefused(packetExportRefusal(packetReader(c.var.me, profile)));
      const markdown = impactPacketMarkdown({
        person: profile,
        generatedAt: new Date().toISOString(),
        origin: new URL(c.req.url).origin,
        roles: p.roles,
        credit: p.credit,
        kudos: p.kudosReceived,
        lends: profile.lends,
        dimensions: p.dimensions,
      });
      const file = `impact-packet-${profile.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.md`;
      return c.body(markdown, 200, {
        "content-type": "text/markdown; charset=utf-8",
        "content-disposition": `attachment; filename="${file}"`,
      });
    },
  );
