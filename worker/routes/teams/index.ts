import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { pageOf } from "../../domain/cursor";
import { agreementDates, agreementProblems, dayOf } from "../../domain/lends";
import {
  type AcceptFacts,
  type ApplicationStanding,
  acceptRefusal,
  deciderRefusal,
  declineRefusal,
  endMembershipRefusal,
  lendDecisionRefusal,
  seesApplication,
  seesLend,
  withdrawRefusal,
} from "../../domain/teams";
import type { AppEnv } from "../../env";
import { requireAuth } from "../../middleware/auth";
import { ApiError, conflict, notFound, throwIfInvalid, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, json, jsonBody, PaginationQuery, page } from "../../schemas/common";
import type { LoadedChallenge } from "../../services/challenges";
import { type Plan, type PlanValues, readFacts } from "../../services/facts";
import type { Me } from "../../services/people";
import { suggestionsPlan } from "../../services/skills";
import {
  acceptApplication,
  applicantOf,
  applicationPlan,
  challengeOfApplication,
  challengeOfMembership,
  commitmentPlan,
  decideLend,
  declineApplication,
  lendPlan,
  lendsPlan,
  listLends,
  membershipPlan,
  releaseMember,
  withdrawApplication,
} from "../../services/teams";
import { actorFor, challengeFactsWith, requireVisible } from "../challenges/access";
import { lendAgreementRoutes, mentoringRoutes } from "../lends";
import { IsoDate } from "../lends/shapes";
import { readCursor } from "../paging";
import { createRouter } from "../router";
import {
  type Application,
  ApplicationSchema,
  applicationIn,
  type Commitment,
  ForYouSchema,
  LendSchema,
  slotOf,
  TeamSchema,
  tags,
  teamAfter,
  teamRead,
  toLend,
} from "./shapes";

/** An application, the challenge it is to (404 unless the caller may see it) and other reads, in one round trip. */
async function applicationFacts<const P extends readonly Plan[]>(c: Context<AppEnv>, appId: string, ...plans: P) {
  const db = c.var.db;
  const [ch, app, ...rest] = await challengeFactsWith(
    c,
    challengeOfApplication(appId),
    applicationPlan(db, appId),
    ...plans,
  );
  if (!app) throw notFound("That application");
  return [requireVisible(c, ch), app, ...rest] as [LoadedChallenge, NonNullable<typeof app>, ...PlanValues<P>];
}

/** The caller's standing toward an application; 404 unless worker/domain/teams.ts `seesApplication`. */
function standingOf(me: Me, ch: LoadedChallenge, app: Application): ApplicationStanding {
  const actor = actorFor(me, ch);
  const standing = {
    isApplicant: app.applicantId === me.id,
    isLeadOrCoLead: actor.isLead || actor.isCoLead,
    status: app.status,
  };
  if (!seesApplication(standing)) throw notFound("That application");
  return standing;
}

async function decline(c: Context<AppEnv>, ch: LoadedChallenge, app: Application, note: string) {
  throwIfRefused(declineRefusal(standingOf(c.var.me, ch, app)));
  const { ok, read } = await declineApplication(c.var.db, app, c.var.me.id, note, ...teamAfter(c, ch.id));
  if (!ok) throw conflict("invalid_state", "This application was decided or withdrawn meanwhile.");
  return teamRead(c, read);
}

/** The facts worker/domain/teams.ts `acceptRefusal` decides on. */
function acceptFactsOf(ch: LoadedChallenge, app: Application, applicant: Commitment) {
  const slot = slotOf(ch, app.slotId);
  return {
    stage: ch.stage,
    slot,
    applicationStatus: app.status,
    isMember: applicant.holdsSeat,
    currentCommitment: applicant.commitment,
    commitment: slot.commitmentPercent,
    cap: applicant.cap,
    applicantName: applicant.name ?? "The applicant",
  };
}

interface AcceptInput {
  note: string;
  durationWeeks?: number;
}

async function accept(
  c: Context<AppEnv>,
  ch: LoadedChallenge,
  app: Application,
  applicant: Commitment,
  body: AcceptInput,
) {
  throwIfRefused(deciderRefusal(standingOf(c.var.me, ch, app)));
  const facts = acceptFactsOf(ch, app, applicant);
  throwIfRefused(acceptRefusal(facts));
  const input = {
    deciderId: c.var.me.id,
    note: body.note,
    commitmentPercent: facts.commitment,
    durationWeeks: body.durationWeeks ?? ch.horizonWeeks,
    applicantName: facts.applicantName,
  };
  const result = await acceptApplication(c.var.db, app, input, ...teamAfter(c, ch.id));
  if (!result.accepted) await explainLostAcceptance(c, app, facts);
  return teamRead(c, result.read);
}

/** An acceptance that lost a race: says what holds now, as the rule words it. */
async function explainLostAcceptance(c: Context<AppEnv>, app: Application, facts: AcceptFacts): Promise<never> {
  const commitment = commitmentPlan(c.var.db, app.applicantId, app.challengeId);
  const [fresh, current, now] = await applicationFacts(c, app.id, commitment);
  const why = acceptRefusal({
    ...facts,
    stage: fresh.stage,
    slot: slotOf(fresh, app.slotId),
    applicationStatus: current.status,
    isMember: now.holdsSeat,
    currentCommitment: now.commitment,
  });
  throw new ApiError(why?.status ?? 409, why?.code ?? "conflict", why?.reason ?? "The team changed meanwhile; reload.");
}

/**
 * The caller (`c.var.me`) accepts or declines an application, under the same rules wherever they
 * do it: the web route, or a Slack button (worker/routes/integrations/slack.ts).
 */
export async function decideApplication(
  c: Context<AppEnv>,
  appId: string,
  body: { decision: "accept" | "decline"; note: string; durationWeeks?: number },
) {
  const commitment = commitmentPlan(c.var.db, applicantOf(appId), challengeOfApplication(appId));
  const [ch, app, applicant] = await applicationFacts(c, appId, commitment);
  if (body.decision === "decline") return decline(c, ch, app, body.note);
  return accept(c, ch, app, applicant, body);
}

const applicationRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/withdraw",
      tags,
      summary: "Withdraw your pending application",
      request: { params: IdParam("id") },
      responses: { 200: json(ApplicationSchema, "The withdrawn application."), ...errors },
    }),
    async (c) => {
      const [ch, app] = await applicationFacts(c, c.req.valid("param").id);
      throwIfRefused(withdrawRefusal(standingOf(c.var.me, ch, app)));
      const { ok, read } = await withdrawApplication(c.var.db, app, c.var.me.id, ...teamAfter(c, ch.id));
      if (!ok) throw conflict("invalid_state", "This application was decided meanwhile.");
      return c.json(applicationIn(teamRead(c, read), app.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/decision",
      tags,
      summary: "Accept or decline an application with a note (lead or co-lead)",
      request: {
        params: IdParam("id"),
        body: jsonBody(
          z
            .object({
              decision: z.enum(["accept", "decline"]),
              note: z.string().trim().max(2000).default(""),
              durationWeeks: z.number().int().min(1).max(104).optional().openapi({
                description: "How long the member is lent for; defaults to the challenge's time horizon.",
              }),
            })
            .refine((d) => d.decision === "accept" || d.note.length > 0, {
              path: ["note"],
              message: "Say why, so the applicant can learn from it.",
            })
            .openapi("ApplicationDecision"),
        ),
      },
      responses: { 200: json(TeamSchema, "The team after the decision."), ...errors },
    }),
    async (c) => c.json(await decideApplication(c, c.req.valid("param").id, c.req.valid("json")), 200),
  );

const membershipRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Release a member (lead or co-lead) or leave a team (the member); the seat frees up",
    request: { params: IdParam("id") },
    responses: { 200: json(TeamSchema, "The team."), ...errors },
  }),
  async (c) => {
    const id = c.req.valid("param").id;
    const [found, m] = await challengeFactsWith(c, challengeOfMembership(id), membershipPlan(c.var.db, id));
    if (!m) throw notFound("That membership");
    const ch = requireVisible(c, found);
    const actor = actorFor(c.var.me, ch);
    const isLeadOrCoLead = actor.isLead || actor.isCoLead;
    throwIfRefused(endMembershipRefusal({ isLeadOrCoLead, isOwn: m.personId === c.var.me.id, status: m.status }));
    const { ok, read } = await releaseMember(c.var.db, m, c.var.me.id, ...teamAfter(c, ch.id));
    if (!ok) throw conflict("invalid_state", "This membership ended meanwhile.");
    return c.json(teamRead(c, read), 200);
  },
);

type Lend = NonNullable<PlanValues<[ReturnType<typeof lendPlan>]>[0]>;

/** The caller's standing toward a lend request; 404 unless worker/domain/teams.ts `seesLend`. */
function lendStandingOf(me: Me, lend: Lend | null) {
  const standing = lend && { lend, isManager: lend.managerId === me.id, isPerson: lend.personId === me.id };
  if (!standing || !seesLend(standing)) throw notFound("That lend request");
  return { ...standing, status: standing.lend.status };
}

/**
 * The caller (`c.var.me`, the person's manager) approves or declines a lend request, under the same
 * rules wherever they do it: the web route, or a Slack button (worker/routes/integrations/slack.ts).
 */
export async function decideLendRequest(
  c: Context<AppEnv>,
  id: string,
  input: { decision: "approve" | "decline"; reason: string; startsOn?: string; endsOn?: string },
) {
  const { decision, reason, startsOn, endsOn } = input;
  const [lend] = await readFacts(c.var.db, lendPlan(c.var.db, id));
  const standing = lendStandingOf(c.var.me, lend);
  throwIfRefused(lendDecisionRefusal(standing));
  const today = dayOf(new Date().toISOString());
  const agreement = agreementDates(today, standing.lend.durationWeeks, { startsOn, endsOn });
  if (decision === "approve") throwIfInvalid(agreementProblems(today, agreement));
  const after = lendsPlan(c.var.db, c.var.me.id, { id: standing.lend.id, limit: 1 });
  const { ok, read } = await decideLend(c.var.db, standing.lend, c.var.me.id, decision, reason, agreement, after);
  if (!ok) throw conflict("invalid_state", "The membership ended or the request was decided meanwhile.");
  const [[fresh]] = read;
  if (!fresh) throw new Error("lend vanished");
  return toLend(fresh);
}

const lendRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Lend requests for your reports (you as their manager), newest first",
      request: {
        query: PaginationQuery.extend({ status: z.enum(["pending", "approved", "declined"]).optional() }),
      },
      responses: { 200: json(page(LendSchema), "A page of lend requests."), ...errors },
    }),
    async (c) => {
      const { status, limit, cursor } = c.req.valid("query");
      const before = readCursor(cursor, ["string", "string"]);
      const rows = await listLends(c.var.db, c.var.me.id, {
        status,
        limit,
        before: before ? { createdAt: String(before[0]), id: String(before[1]) } : undefined,
      });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.createdAt, r.id]);
      return c.json({ items: items.map(toLend), nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/decision",
      tags,
      summary: "Approve or decline lending your report to a challenge (their manager); a decline needs a reason",
      request: {
        params: IdParam("id"),
        body: jsonBody(
          z
            .object({
              decision: z.enum(["approve", "decline"]),
              reason: z.string().trim().max(2000).default(""),
              startsOn: IsoDate.optional().openapi({
                description: "When an approved lend starts; today unless given.",
              }),
              endsOn: IsoDate.optional().openapi({
                description: "When an approved lend ends; the start plus the requested weeks unless given.",
              }),
            })
            .refine((d) => d.decision === "approve" || d.reason.length > 0, {
              path: ["reason"],
              message: "Say why, so the team and your report know.",
            })
            .openapi("LendDecision"),
        ),
      },
      responses: { 200: json(LendSchema, "The decided lend request."), ...errors },
    }),
    async (c) => c.json(await decideLendRequest(c, c.req.valid("param").id, c.req.valid("json")), 200),
  );

const forYouRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Open role slots that fit your discipline and skills, best first, with why",
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) }) },
    responses: { 200: json(z.object({ items: z.array(ForYouSchema) }), "Suggestions."), ...errors },
  }),
  async (c) => {
    const [items] = await readFacts(c.var.db, suggestionsPlan(c.var.db, c.var.me.id, c.req.valid("query").limit));
    return c.json({ items }, 200);
  },
);

/** Teams outside one challenge, mounted once: applications, memberships, lends and For you. */
export const teamRoutes = createRouter()
  .route("/applications", applicationRoutes)
  .route("/memberships", membershipRoutes)
  .route("/lends", lendRoutes)
  .route("/lends", lendAgreementRoutes)
  .route("/people", mentoringRoutes)
  .route("/for-you", forYouRoutes);
