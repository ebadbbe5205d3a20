import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  type Action,
  type Actor,
  acceptsParticipation,
  availableActions,
  canEditContent,
  canEditFundingAsk,
  decideTransition,
  type Facts,
  isFullyFunded,
  isVisibleTo,
  missingForPublish,
  STAGES,
  type Stage,
} from "../worker/domain/lifecycle";

const lead: Actor = { roles: ["member"], isLead: true, isCoLead: false };
const coLead: Actor = { roles: ["member"], isLead: false, isCoLead: true };
const member: Actor = { roles: ["member"], isLead: false, isCoLead: false };
const reviewer: Actor = { roles: ["member", "reviewer"], isLead: false, isCoLead: false };
const admin: Actor = { roles: ["member", "admin"], isLead: false, isCoLead: false };
const system: Actor = { roles: [], isLead: false, isCoLead: false, isSystem: true };

/** Facts under which every allowed move's own precondition holds. */
const ready: Facts = {
  missingForPublish: [],
  fundingAsk: 1000,
  pledgedTotal: 1000,
  pledgeCount: 1,
  unfilledRequiredSlots: [],
  showcaseWritten: true,
  decision: "scale",
};

/** The §3 diagram: every edge with the actor allowed to take it and the stage it leads to. */
const EDGES: { from: Stage; action: Action; actor: Actor; to: Stage; facts?: Facts }[] = [
  { from: "draft", action: "publish", actor: lead, to: "open" },
  { from: "draft", action: "publish", actor: coLead, to: "open" },
  { from: "draft", action: "withdraw", actor: lead, to: "withdrawn" },
  { from: "open", action: "withdraw", actor: coLead, to: "withdrawn" },
  { from: "open", action: "fund", actor: system, to: "funded" },
  { from: "funded", action: "start", actor: lead, to: "active" },
  { from: "active", action: "submit", actor: lead, to: "showcase" },
  { from: "showcase", action: "decide", actor: reviewer, to: "reviewed", facts: { ...ready, decision: "scale" } },
  { from: "showcase", action: "decide", actor: reviewer, to: "reviewed", facts: { ...ready, decision: "stop" } },
  { from: "showcase", action: "decide", actor: reviewer, to: "active", facts: { ...ready, decision: "iterate" } },
  { from: "reviewed", action: "archive", actor: lead, to: "archived" },
  { from: "reviewed", action: "archive", actor: admin, to: "archived" },
];

/** Who may ask for each action at all (the permission matrix, §10). */
const PERMITTED: Record<Action, Actor> = {
  publish: lead,
  withdraw: lead,
  fund: system,
  start: lead,
  submit: lead,
  decide: reviewer,
  archive: lead,
};

describe("decideTransition: every allowed move of the §3 diagram", () => {
  for (const edge of EDGES) {
    it(`${edge.from} —${edge.action}${edge.facts?.decision ? `:${edge.facts.decision}` : ""}→ ${edge.to}`, () => {
      const result = decideTransition({ stage: edge.from, cycle: 1 }, edge.actor, edge.action, edge.facts ?? ready);
      expect(result).toMatchObject({ ok: true, next: { stage: edge.to } });
    });
  }

  it("iterate goes back to active with the next cycle; other moves keep the cycle", () => {
    const iterate = decideTransition({ stage: "showcase", cycle: 2 }, reviewer, "decide", { decision: "iterate" });
    expect(iterate).toEqual({ ok: true, next: { stage: "active", cycle: 3 }, activity: "decided" });
    const scale = decideTransition({ stage: "showcase", cycle: 2 }, reviewer, "decide", { decision: "scale" });
    expect(scale).toMatchObject({ ok: true, next: { stage: "reviewed", cycle: 2 } });
  });
});

describe("decideTransition: every refused move", () => {
  const allowed = new Set(EDGES.map((e) => `${e.from}:${e.action}`));
  for (const stage of STAGES) {
    for (const action of ACTIONS) {
      if (allowed.has(`${stage}:${action}`)) continue;
      it(`${action} from ${stage} is a 409 even for whoever may ${action}`, () => {
        const result = decideTransition({ stage, cycle: 1 }, PERMITTED[action], action, ready);
        expect(result).toMatchObject({ ok: false, status: 409, code: "invalid_transition" });
        if (!result.ok) expect(result.reason).toContain(stage);
      });
    }
  }

  for (const action of ACTIONS) {
    const edge = EDGES.find((e) => e.action === action);
    if (!edge) continue;
    const outsiders = [member, action === "decide" ? lead : reviewer, ...(action === "fund" ? [lead, admin] : [])];
    for (const outsider of outsiders) {
      it(`${action} by someone not allowed to is a 403 with a reason`, () => {
        const result = decideTransition({ stage: edge.from, cycle: 1 }, outsider, action, edge.facts ?? ready);
        expect(result).toMatchObject({ ok: false, status: 403, code: "forbidden" });
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
      });
    }
  }

  it("publish refuses a draft without goals and boundaries, naming what is missing", () => {
    const result = decideTransition({ stage: "draft", cycle: 1 }, lead, "publish", {
      missingForPublish: ["kpis", "boundaries.constraints"],
    });
    expect(result).toMatchObject({
      ok: false,
      status: 409,
      code: "not_ready",
      details: { missing: ["kpis", "boundaries.constraints"] },
    });
    if (!result.ok) expect(result.reason).toContain("at least one KPI and its constraints");
  });

  it("fund refuses until pledges reach the ask", () => {
    const short = decideTransition({ stage: "open", cycle: 1 }, system, "fund", {
      fundingAsk: 1000,
      pledgedTotal: 999,
      pledgeCount: 3,
    });
    expect(short).toMatchObject({ ok: false, status: 409, code: "not_funded" });
  });

  it("an ask of 0 is funded by one endorsement pledge, not by none", () => {
    expect(
      decideTransition({ stage: "open", cycle: 1 }, system, "fund", { fundingAsk: 0, pledgeCount: 0 }),
    ).toMatchObject({
      ok: false,
      code: "not_funded",
    });
    expect(
      decideTransition({ stage: "open", cycle: 1 }, system, "fund", { fundingAsk: 0, pledgeCount: 1 }),
    ).toMatchObject({
      ok: true,
    });
  });

  it("start refuses while a required slot is open, naming it", () => {
    const result = decideTransition({ stage: "funded", cycle: 1 }, lead, "start", {
      unfilledRequiredSlots: ["data (1 of 1 open)"],
    });
    expect(result).toMatchObject({ ok: false, status: 409, code: "slots_unfilled" });
    if (!result.ok) expect(result.reason).toContain("data (1 of 1 open)");
  });

  it("submit refuses without a written showcase", () => {
    const result = decideTransition({ stage: "active", cycle: 1 }, lead, "submit", { showcaseWritten: false });
    expect(result).toMatchObject({ ok: false, status: 409, code: "showcase_missing" });
  });

  it("decide refuses without a decision", () => {
    const result = decideTransition({ stage: "showcase", cycle: 1 }, reviewer, "decide", {});
    expect(result).toMatchObject({ ok: false, status: 409, code: "decision_missing" });
  });
});

describe("stage rules", () => {
  it("missingForPublish names every absent goal and boundary", () => {
    expect(
      missingForPublish({
        summary: " ",
        problem: "",
        constraints: "",
        horizonWeeks: null,
        fundingAsk: null,
        kpiCount: 0,
      }),
    ).toEqual(["summary", "problem", "kpis", "boundaries.constraints", "horizonWeeks", "fundingAsk"]);
    expect(
      missingForPublish({ summary: "s", problem: "p", constraints: "c", horizonWeeks: 4, fundingAsk: 0, kpiCount: 1 }),
    ).toEqual([]);
  });

  it("isFullyFunded compares exact integers", () => {
    expect(isFullyFunded(2_500_000, 2_499_999, 2)).toBe(false);
    expect(isFullyFunded(2_500_000, 2_500_000, 2)).toBe(true);
  });

  it("content is editable until the showcase; the ask only until funded", () => {
    expect(STAGES.filter(canEditContent)).toEqual(["draft", "open", "funded", "active"]);
    expect(STAGES.filter(canEditFundingAsk)).toEqual(["draft", "open"]);
  });

  it("drafts, and drafts withdrawn unpublished, are visible only to their lead and co-lead", () => {
    const published = "2026-01-05T09:00:00.000Z";
    for (const ch of [
      { stage: "draft" as const, publishedAt: null },
      { stage: "withdrawn" as const, publishedAt: null },
    ]) {
      expect(isVisibleTo(ch, lead)).toBe(true);
      expect(isVisibleTo(ch, coLead)).toBe(true);
      expect(isVisibleTo(ch, member)).toBe(false);
    }
    expect(
      STAGES.filter((s) => s !== "draft").every((stage) => isVisibleTo({ stage, publishedAt: published }, member)),
    ).toBe(true);
  });

  it("participation is for published, living challenges", () => {
    expect(STAGES.filter(acceptsParticipation)).toEqual(["open", "funded", "active", "showcase", "reviewed"]);
  });

  it("availableActions offers the lead exactly what decideTransition allows", () => {
    expect(availableActions({ stage: "draft", cycle: 1 }, lead, ready)).toEqual(["publish", "withdraw"]);
    expect(availableActions({ stage: "draft", cycle: 1 }, lead, { missingForPublish: ["kpis"] })).toEqual(["withdraw"]);
    expect(availableActions({ stage: "funded", cycle: 1 }, lead, ready)).toEqual(["start"]);
    expect(availableActions({ stage: "open", cycle: 1 }, member, ready)).toEqual([]);
    expect(availableActions({ stage: "reviewed", cycle: 1 }, admin, ready)).toEqual(["archive"]);
  });
});
