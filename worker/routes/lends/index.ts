import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  type AgreementStanding,
  dayOf,
  extendOrEndRefusal,
  extendProblems,
  lendState,
  recallRefusal,
  seesAgreement,
} from "../../domain/lends";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { conflict, notFound, throwIfInvalid, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, json, jsonBody } from "../../schemas/common";
import { type Plan, type PlanValues, readFacts } from "../../services/facts";
import {
  type Agreement,
  agreementPlan,
  closeLend,
  extendLend,
  lendOfSql,
  mentoringPlan,
  reportPlan,
} from "../../services/lends";
import { createRouter } from "../router";
import { IsoDate, LendReportSchema, LendSchema, MentoringSchema, tags, toLend } from "./shapes";

/** The caller's standing toward a lend (worker/domain/lends.ts); 404 unless they may know of it. */
function standingOf(c: Context<AppEnv>, lend: Agreement | null): AgreementStanding & { lend: Agreement } {
  const me = c.var.me;
  if (!lend) throw notFound("That lend");
  const standing = {
    lend,
    isManager: lend.managerId === me.id,
    isPerson: lend.personId === me.id,
    isLead: lend.leadId === me.id || lend.coLeadId === me.id,
    isAdmin: me.roles.includes("admin"),
    state: lendState(lend),
  };
  if (!seesAgreement(standing)) throw notFound("That lend");
  return standing;
}

/** A lend and the caller's standing, with other reads, in one round trip. */
async function lendFacts<const P extends readonly Plan[]>(c: Context<AppEnv>, id: string, ...plans: P) {
  const [lend, ...rest] = await readFacts(c.var.db, agreementPlan(c.var.db, id), ...plans);
  return [standingOf(c, lend), ...rest] as [ReturnType<typeof standingOf>, ...PlanValues<P>];
}

/** The lend a write read back in its own batch. */
function freshLend([lend]: readonly [Agreement | null]) {
  if (!lend) throw new Error("lend vanished");
  return toLend(lend);
}

const LOST_RACE = "This lend ended, was recalled or changed meanwhile; reload it.";

const LendParam = { params: IdParam("id") };

/** Mounted at /lends beside the lend requests (worker/routes/teams). */
export const lendAgreementRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      summary: "A lend and its agreement (the manager, the person, the challenge's leads, admins)",
      request: LendParam,
      responses: { 200: json(LendSchema, "The lend."), ...errors },
    }),
    async (c) => {
      const [standing] = await lendFacts(c, c.req.valid("param").id);
      return c.json(toLend(standing.lend), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/extend",
      tags,
      summary: "Extend a running lend to a later end date (the manager or the lead); the reminder is asked again",
      request: {
        ...LendParam,
        body: jsonBody(z.object({ endsOn: IsoDate }).openapi("LendExtension")),
      },
      responses: { 200: json(LendSchema, "The extended lend."), ...errors },
    }),
    async (c) => {
      const { endsOn } = c.req.valid("json");
      const id = c.req.valid("param").id;
      const [standing] = await lendFacts(c, id);
      throwIfRefused(extendOrEndRefusal(standing));
      throwIfInvalid(extendProblems(dayOf(new Date().toISOString()), standing.lend, endsOn));
      const { ok, read } = await extendLend(c.var.db, standing.lend, endsOn, c.var.me.id, agreementPlan(c.var.db, id));
      if (!ok) throw conflict("invalid_state", LOST_RACE);
      return c.json(freshLend(read), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/end",
      tags,
      summary:
        "End a running lend now (the manager or the lead): the seat is released, the credit stays, the manager gets the return report",
      request: LendParam,
      responses: { 200: json(LendSchema, "The ended lend."), ...errors },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const [standing] = await lendFacts(c, id);
      throwIfRefused(extendOrEndRefusal(standing));
      const close = { kind: "ended" as const, reason: "", actorId: c.var.me.id };
      const { ok, read } = await closeLend(c.var.db, standing.lend, close, agreementPlan(c.var.db, id));
      if (!ok) throw conflict("invalid_state", LOST_RACE);
      return c.json(freshLend(read), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/recall",
      tags,
      summary:
        "Recall a lent report early, with a reason the lead sees (the manager): the seat opens again on the slot, the credit stays",
      request: {
        ...LendParam,
        body: jsonBody(
          z
            .object({
              reason: z.string().trim().min(1, "Say why, so the lead knows.").max(2000),
            })
            .openapi("LendRecall"),
        ),
      },
      responses: { 200: json(LendSchema, "The recalled lend."), ...errors },
    }),
    async (c) => {
      const { reason } = c.req.valid("json");
      const id = c.req.valid("param").id;
      const [standing] = await lendFacts(c, id);
      throwIfRefused(recallRefusal(standing));
      const close = { kind: "recalled" as const, reason, actorId: c.var.me.id };
      const { ok, read } = await closeLend(c.var.db, standing.lend, close, agreementPlan(c.var.db, id));
      if (!ok) throw conflict("invalid_state", LOST_RACE);
      return c.json(freshLend(read), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/report",
      tags,
      summary:
        "A lend's return report: the person's confirmed credit, the challenge's outcomes and the endorsements they got there (the manager, the person, the leads, admins)",
      request: LendParam,
      responses: { 200: json(LendReportSchema, "The return report."), ...errors },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const db = c.var.db;
      const [standing, report] = await lendFacts(c, id, reportPlan(db, lendOfSql(id)));
      const endorsementsOf = new Map<string, typeof report.endorsements>();
      for (const e of report.endorsements) {
        endorsementsOf.set(e.contributionId, [...(endorsementsOf.get(e.contributionId) ?? []), e]);
      }
      const credit = report.credit.map((k) => ({
        id: k.id,
        type: k.type,
        description: k.description,
        hours: k.hours === null ? null : Number(k.hours),
        confirmedAt: k.confirmedAt,
        endorsements: (endorsementsOf.get(k.id) ?? []).map((e) => ({
          id: e.id,
          endorser: { id: e.endorserId, name: e.endorserName ?? "" },
          note: e.note,
          createdAt: e.createdAt,
        })),
      }));
      return c.json(
        {
          lend: toLend(standing.lend),
          credit,
          outcomes: {
            kpis: report.kpis.map((k) => ({
              ...k,
              baseline: Number(k.baseline),
              target: Number(k.target),
              latest: k.latest === null ? null : Number(k.latest),
            })),
            decisions: report.decisions.map((d) => ({ ...d, cycle: Number(d.cycle) })),
          },
          totals: {
            confirmed: credit.length,
            hours: credit.reduce((sum, k) => sum + (k.hours ?? 0), 0),
            endorsements: report.endorsements.length,
          },
          viewer: {
            canExtendOrEnd: !extendOrEndRefusal(standing),
            canRecall: !recallRefusal(standing),
          },
        },
        200,
      );
    },
  );

/** Mounted at /people: a manager's lends as mentoring evidence. */
export const mentoringRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/{id}/mentoring",
    tags,
    summary:
      "A manager's mentoring evidence: the people they lent, to which challenge, when, and the confirmed credit each earned there",
    request: { params: IdParam("id") },
    responses: { 200: json(MentoringSchema, "The manager's lends."), ...errors },
  }),
  async (c) => {
    const id = c.req.valid("param").id;
    const [m] = await readFacts(c.var.db, mentoringPlan(c.var.db, id, c.var.me.id));
    if (m.managerName === null) throw notFound("That person");
    return c.json(
      {
        manager: { id, name: m.managerName },
        lends: m.lends.map((l) => ({
          id: l.id,
          person: { id: l.personId, name: l.personName },
          challenge: { id: l.challengeId, title: l.challengeTitle },
          sharePercent: l.sharePercent,
          startsOn: l.startsOn,
          endsOn: l.endsOn,
          state: l.closedKind ?? ("live" as const),
          closedAt: l.closedAt,
          credit: { confirmed: Number(l.credit), hours: Number(l.hours) },
        })),
      },
      200,
    );
  },
);
