import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  askBelowPledgedRefusal,
  type EditedChallenge,
  editContentRefusal,
  editProblems,
  editStageRefusal,
  slotDisciplineProblems,
} from "../worker/domain/editing";
import { leadershipRefusal, participationRefusal, STAGES } from "../worker/domain/lifecycle";

const open: EditedChallenge = {
  stage: "open",
  fundingAsk: 10_000,
  pledged: 4_000,
  summary: "A summary",
  problem: "A problem",
  constraints: "Constraints",
  horizonWeeks: 8,
  kpiIds: ["k1"],
  slots: [
    { id: "s1", discipline: "engineering", filled: 2 },
    { id: "s2", discipline: "design", filled: 0 },
  ],
};

describe("in which stages a challenge is edited (SPEC §4)", () => {
  it("edits content while draft, open, funded or active, and settles the ask once funded", () => {
    for (const stage of STAGES) {
      const editable = ["draft", "open", "funded", "active"].includes(stage);
      expect(editStageRefusal({ ...open, stage }, { summary: "x" }) === null).toBe(editable);
      const askEditable = stage === "draft" || stage === "open";
      if (editable) {
        expect(editStageRefusal({ ...open, stage, pledged: 0 }, { fundingAsk: 5 }) === null).toBe(askEditable);
      }
    }
    expect(editStageRefusal({ ...open, stage: "funded" }, { fundingAsk: open.fundingAsk })).toBeNull();
  });
  it("never lets an open challenge's ask drop below what is pledged, and says how much that is", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 ** 9 }), (ask, pledged) => {
        const refused = editStageRefusal({ ...open, pledged }, { fundingAsk: ask });
        if (ask < pledged) expect(refused).toEqual(askBelowPledgedRefusal(pledged));
        else expect(refused).toBeNull();
      }),
    );
    expect(askBelowPledgedRefusal(400)).toMatchObject({
      status: 409,
      code: "ask_below_pledged",
      details: { pledged: 400 },
    });
  });
});

describe("what an edit may name", () => {
  it("names each KPI and slot id that is not this challenge's", () => {
    expect(
      editProblems(open, { kpis: [{ id: "k1" }, {}], slots: [{ id: "s1", count: 2, discipline: "engineering" }] }),
    ).toEqual({});
    expect(
      editProblems(open, { kpis: [{ id: "nope" }], slots: [{ id: "s9", count: 1, discipline: "design" }] }),
    ).toEqual({
      "kpis.0.id": "No such KPI on this challenge.",
      "slots.0.id": "No such slot on this challenge.",
    });
  });
  it("names each slot whose discipline is not on the list", () => {
    expect(slotDisciplineProblems(new Set(["magic"]), [{ discipline: "design" }, { discipline: "magic" }])).toEqual({
      "slots.1.discipline": 'Unknown discipline "magic".',
    });
    expect(slotDisciplineProblems(new Set(["magic"]))).toEqual({});
  });
});

describe("what an edit must keep", () => {
  it("keeps slots with members, at no fewer places than members", () => {
    const keepBoth = [
      { id: "s1", count: 2, discipline: "engineering" },
      { id: "s2", count: 1, discipline: "design" },
    ];
    expect(editContentRefusal(open, { slots: keepBoth })).toBeNull();
    expect(editContentRefusal(open, { slots: [keepBoth[0]] })).toBeNull();
    expect(editContentRefusal(open, { slots: [keepBoth[1]] })?.reason).toBe(
      "Release the members of the engineering slot before removing it.",
    );
    expect(editContentRefusal(open, { slots: [{ ...keepBoth[0], count: 1 }] })).toMatchObject({ code: "slot_filled" });
  });
  it("keeps a published challenge's goals and boundaries; a draft may lose them", () => {
    expect(editContentRefusal(open, { summary: " ", kpis: [] })).toMatchObject({ status: 409, code: "not_ready" });
    expect(editContentRefusal(open, { horizonWeeks: null })?.reason).toContain("horizonWeeks");
    expect(editContentRefusal({ ...open, stage: "draft" }, { summary: "", kpis: [] })).toBeNull();
  });
});

describe("participation and leadership", () => {
  it("takes backing and comments on published, live challenges only", () => {
    for (const stage of STAGES) {
      const refused = participationRefusal(stage, "back");
      expect(refused === null).toBe(!["draft", "withdrawn", "archived"].includes(stage));
      if (refused) expect(refused.reason).toBe(`You cannot back a ${stage} challenge.`);
    }
  });
  it("leaves a challenge's own decisions to its lead and co-lead", () => {
    expect(leadershipRefusal({ isLead: true, isCoLead: false }, "edit this challenge")).toBeNull();
    expect(leadershipRefusal({ isLead: false, isCoLead: true }, "edit this challenge")).toBeNull();
    expect(leadershipRefusal({ isLead: false, isCoLead: false }, "edit this challenge")).toEqual({
      status: 403,
      code: "forbidden",
      reason: "Only the lead or co-lead can edit this challenge.",
    });
  });
});
