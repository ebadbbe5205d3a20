import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMITTED_STAGES, type Stage } from "../worker/domain/lifecycle";
import {
  type AcceptFacts,
  type ApplicationStanding,
  type ApplyFacts,
  acceptRefusal,
  addSlotRefusal,
  applyRefusal,
  coLeadProblems,
  coLeadRefusal,
  commitmentRefusal,
  coverage,
  deciderRefusal,
  declineRefusal,
  disciplineProblems,
  endMembershipRefusal,
  lendDecisionRefusal,
  MAX_SLOTS,
  manageSlotsRefusal,
  nameCoLeadRefusal,
  removeSlotRefusal,
  type SlotForCoverage,
  seesApplication,
  seesLend,
  slotChangesProblems,
  slotEditRefusal,
  slotFit,
  type TeamMember,
  unfilledRequiredSlots,
  withdrawRefusal,
} from "../worker/domain/teams";

const ALL_STAGES: Stage[] = ["draft", "open", "funded", "active", "showcase", "reviewed", "withdrawn", "archived"];
const RECRUITING: Stage[] = ["open", "funded", "active"];

const openSlot = { status: "open" as const, count: 2, filled: 0, discipline: "data" };

const applyFacts = (over: Partial<ApplyFacts> = {}): ApplyFacts => ({
  stage: "open",
  slot: openSlot,
  isLeadOrCoLead: false,
  hasLiveApplication: false,
  isMember: false,
  ...over,
});

const acceptFacts = (over: Partial<AcceptFacts> = {}): AcceptFacts => ({
  stage: "funded",
  slot: openSlot,
  applicationStatus: "pending",
  isMember: false,
  currentCommitment: 0,
  commitment: 30,
  cap: 100,
  applicantName: "Ian Coder",
  ...over,
});

describe("applyRefusal", () => {
  it("lets anyone apply to an open slot with a free seat on a recruiting challenge", () => {
    for (const stage of RECRUITING) expect(applyRefusal(applyFacts({ stage }))).toBeNull();
  });

  it("refuses each case with its code, all as 409", () => {
    const cases: [Partial<ApplyFacts>, string][] = [
      [{ isLeadOrCoLead: true }, "own_challenge"],
      [{ slot: { ...openSlot, status: "closed" } }, "slot_closed"],
      [{ slot: { ...openSlot, filled: 2 } }, "slot_full"],
      [{ isMember: true }, "already_member"],
      [{ hasLiveApplication: true }, "already_applied"],
    ];
    for (const [over, code] of cases) expect(applyRefusal(applyFacts(over))).toMatchObject({ status: 409, code });
    for (const stage of ALL_STAGES.filter((s) => !RECRUITING.includes(s))) {
      const refusal = applyRefusal(applyFacts({ stage }));
      expect(refusal).toMatchObject({ status: 409, code: "invalid_stage" });
      expect(refusal?.reason).toContain(stage);
    }
  });

  it("leads hear they lead it before anything else; a stage comes before the slot", () => {
    expect(
      applyRefusal(applyFacts({ isLeadOrCoLead: true, stage: "archived", slot: { ...openSlot, status: "closed" } }))
        ?.code,
    ).toBe("own_challenge");
    expect(applyRefusal(applyFacts({ stage: "showcase", slot: { ...openSlot, filled: 2 } }))?.code).toBe(
      "invalid_stage",
    );
    expect(applyRefusal(applyFacts({ slot: { ...openSlot, status: "closed", filled: 2 } }))?.code).toBe("slot_closed");
  });
});

describe("acceptRefusal", () => {
  it("accepts a pending application within the cap", () => {
    expect(acceptRefusal(acceptFacts())).toBeNull();
    expect(acceptRefusal(acceptFacts({ currentCommitment: 70, commitment: 30 }))).toBeNull();
  });

  it("nothing moves out of a decided state", () => {
    for (const status of ["accepted", "declined", "withdrawn"]) {
      expect(acceptRefusal(acceptFacts({ applicationStatus: status }))).toEqual({
        status: 409,
        code: "invalid_state",
        reason: `This application is already ${status}.`,
      });
    }
  });

  it("refuses stages past recruiting, closed and full slots, members and the cap", () => {
    for (const stage of ALL_STAGES.filter((s) => !RECRUITING.includes(s))) {
      expect(acceptRefusal(acceptFacts({ stage }))?.code).toBe("invalid_stage");
    }
    expect(acceptRefusal(acceptFacts({ slot: { ...openSlot, status: "closed" } }))?.code).toBe("slot_closed");
    expect(acceptRefusal(acceptFacts({ slot: { ...openSlot, filled: 2 } }))).toEqual({
      status: 409,
      code: "slot_full",
      reason: "The data slot is full (2 of 2).",
    });
    expect(acceptRefusal(acceptFacts({ isMember: true }))).toMatchObject({ code: "already_member" });
    expect(acceptRefusal(acceptFacts({ currentCommitment: 71 }))).toMatchObject({
      code: "over_commitment",
      reason: expect.stringContaining("already committed 71%"),
    });
  });
});

describe("commitmentRefusal", () => {
  it("names the person, the current total, the addition and the cap", () => {
    expect(commitmentRefusal("Ian Coder", 60, 50, 100)).toEqual({
      status: 409,
      code: "over_commitment",
      reason:
        "Ian Coder is already committed 60% across open, funded and active challenges; 50% more would pass the 100% cap.",
    });
    expect(commitmentRefusal("Ian Coder", 30, 25, 50)?.reason).toContain("the 50% cap");
  });

  it("refuses exactly when the total would pass the cap", () => {
    fc.assert(
      fc.property(fc.nat(300), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 300 }), (cur, add, cap) => {
        const refusal = commitmentRefusal("P", cur, add, cap);
        expect(refusal === null).toBe(cur + add <= cap);
      }),
    );
  });

  it("counts open, funded and active teams only", () => {
    expect([...COMMITTED_STAGES].sort()).toEqual(["active", "funded", "open"]);
  });
});

const slot = (over: Partial<SlotForCoverage> & { id: string }): SlotForCoverage => ({
  discipline: "data",
  count: 1,
  required: false,
  status: "open",
  ...over,
});

describe("coverage", () => {
  it("counts distinct disciplines of active members and the leads; seats awaiting a lend do not cover", () => {
    const slots = [
      slot({ id: "s1", discipline: "data", count: 2, required: true }),
      slot({ id: "s2", discipline: "research", required: true }),
      slot({ id: "s3", discipline: "legal" }),
    ];
    const members: TeamMember[] = [
      { discipline: "data", slotId: "s1", status: "active" },
      { discipline: "engineering", slotId: "s1", status: "active" },
      { discipline: "research", slotId: "s2", status: "pending_lend" },
      { discipline: null, slotId: "s3", status: "active" },
    ];
    expect(coverage(slots, members, ["design", null])).toEqual({
      disciplinesCovered: ["data", "design", "engineering"],
      requiredSeats: 3,
      requiredSeatsFilled: 2,
      disciplinesMissing: ["legal", "research"],
    });
  });

  it("a lead or co-lead covers a discipline a slot asks for", () => {
    const slots = [slot({ id: "s1", discipline: "design", required: true })];
    expect(coverage(slots, [], ["design", "data"])).toEqual({
      disciplinesCovered: ["data", "design"],
      requiredSeats: 1,
      requiredSeatsFilled: 0,
      disciplinesMissing: [],
    });
  });

  it("a closed optional slot asks for nobody; a required one still does", () => {
    const slots = [
      slot({ id: "s1", discipline: "legal", status: "closed" }),
      slot({ id: "s2", discipline: "finance", status: "closed", required: true }),
    ];
    expect(coverage(slots, [], [null]).disciplinesMissing).toEqual(["finance"]);
  });

  it("never counts more filled seats than a required slot has, nor more than there are", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ count: fc.integer({ min: 1, max: 5 }), required: fc.boolean() }), { maxLength: 6 }),
        fc.array(fc.record({ slot: fc.nat(5), active: fc.boolean() }), { maxLength: 20 }),
        (specs, seats) => {
          const slots = specs.map((s, i) => slot({ id: `s${i}`, ...s }));
          const members: TeamMember[] = seats.map((m) => ({
            discipline: "data",
            slotId: `s${m.slot}`,
            status: m.active ? "active" : "pending_lend",
          }));
          const c = coverage(slots, members, [null]);
          expect(c.requiredSeats).toBe(specs.filter((s) => s.required).reduce((n, s) => n + s.count, 0));
          expect(c.requiredSeatsFilled).toBeLessThanOrEqual(c.requiredSeats);
          expect(c.requiredSeatsFilled).toBeLessThanOrEqual(members.filter((m) => m.status === "active").length);
          expect(unfilledRequiredSlots(slots, members).length === 0).toBe(c.requiredSeatsFilled === c.requiredSeats);
        },
      ),
    );
  });
});

describe("unfilledRequiredSlots", () => {
  it("names required slots short of active members, in words", () => {
    const slots = [
      slot({ id: "s1", discipline: "data", count: 2, required: true }),
      slot({ id: "s2", discipline: "research", required: true }),
      slot({ id: "s3", discipline: "legal", count: 3 }),
    ];
    const members: TeamMember[] = [
      { discipline: "data", slotId: "s1", status: "active" },
      { discipline: "research", slotId: "s2", status: "pending_lend" },
    ];
    expect(unfilledRequiredSlots(slots, members)).toEqual(["data (1 of 2 open)", "research (1 of 1 open)"]);
    expect(
      unfilledRequiredSlots(slots, [
        ...members.map((m) => ({ ...m, status: "active" as const })),
        { discipline: "data", slotId: "s1", status: "active" },
      ]),
    ).toEqual([]);
  });
});

describe("slotFit", () => {
  const person = { discipline: "data", skills: ["SQL", "dbt", "spark"] };

  it("scores discipline +10, each shared skill +3 (any case), required +1, with a reason for each", () => {
    expect(slotFit(person, { discipline: "data", skills: ["sql", "Spark", "airflow"], required: true })).toEqual({
      score: 17,
      sharedSkills: ["sql", "Spark"],
      reasons: [
        "It asks for data, your discipline.",
        "It wants sql, Spark, which you list among your skills.",
        "The team cannot start without this role.",
      ],
    });
    expect(slotFit(person, { discipline: "data", skills: [], required: false })).toMatchObject({ score: 10 });
    expect(slotFit(person, { discipline: "design", skills: ["dbt"], required: true })).toMatchObject({ score: 4 });
    expect(slotFit(person, { discipline: "design", skills: ["dbt"], required: false })).toMatchObject({ score: 3 });
  });

  it("a required slot that fits in nothing scores nothing", () => {
    expect(slotFit(person, { discipline: "legal", skills: ["contracts"], required: true })).toEqual({
      score: 0,
      reasons: [],
      sharedSkills: [],
    });
    expect(slotFit({ discipline: null, skills: [] }, { discipline: "data", skills: [], required: true }).score).toBe(0);
  });
});

const standing = (over: Partial<ApplicationStanding> = {}): ApplicationStanding => ({
  isApplicant: false,
  isLeadOrCoLead: true,
  status: "pending",
  ...over,
});

describe("who sees and acts on an application", () => {
  it("the applicant and the lead or co-lead see it; anyone else is not told it exists", () => {
    expect(seesApplication({ isApplicant: true, isLeadOrCoLead: false })).toBe(true);
    expect(seesApplication({ isApplicant: false, isLeadOrCoLead: true })).toBe(true);
    expect(seesApplication({ isApplicant: false, isLeadOrCoLead: false })).toBe(false);
  });

  it("only the lead or co-lead decides", () => {
    expect(deciderRefusal(standing())).toBeNull();
    expect(deciderRefusal(standing({ isApplicant: true, isLeadOrCoLead: false }))).toEqual({
      status: 403,
      code: "forbidden",
      reason: "Only the lead or co-lead decides applications.",
    });
  });

  it("a decline is the lead's or co-lead's, while the application is pending; who comes first", () => {
    expect(declineRefusal(standing())).toBeNull();
    expect(declineRefusal(standing({ status: "withdrawn" }))).toEqual({
      status: 409,
      code: "invalid_state",
      reason: "This application is already withdrawn.",
    });
    expect(declineRefusal(standing({ isApplicant: true, isLeadOrCoLead: false, status: "accepted" }))).toMatchObject({
      status: 403,
      code: "forbidden",
    });
  });

  it("only the applicant withdraws, while it is pending; who comes first", () => {
    expect(withdrawRefusal(standing({ isApplicant: true, isLeadOrCoLead: false }))).toBeNull();
    expect(withdrawRefusal(standing({ status: "declined" }))).toEqual({
      status: 403,
      code: "forbidden",
      reason: "Only the applicant can withdraw an application.",
    });
    expect(withdrawRefusal(standing({ isApplicant: true, isLeadOrCoLead: false, status: "accepted" }))).toEqual({
      status: 409,
      code: "invalid_state",
      reason: "This application is already accepted.",
    });
  });
});

describe("endMembershipRefusal", () => {
  it("the lead, the co-lead or the member ends a seat that is lent or awaiting the lend", () => {
    for (const status of ["active", "pending_lend"]) {
      expect(endMembershipRefusal({ isLeadOrCoLead: true, isOwn: false, status })).toBeNull();
      expect(endMembershipRefusal({ isLeadOrCoLead: false, isOwn: true, status })).toBeNull();
    }
  });

  it("refuses anyone else (403) before an ended membership (409)", () => {
    expect(endMembershipRefusal({ isLeadOrCoLead: false, isOwn: false, status: "released" })).toEqual({
      status: 403,
      code: "forbidden",
      reason: "Only the lead, the co-lead or the member can end a membership.",
    });
    for (const status of ["released", "lend_declined"]) {
      expect(endMembershipRefusal({ isLeadOrCoLead: true, isOwn: false, status })).toEqual({
        status: 409,
        code: "invalid_state",
        reason: `This membership is already ${status}.`,
      });
    }
  });
});

describe("lends", () => {
  it("the manager and the person lent see a lend request; anyone else is not told it exists", () => {
    expect(seesLend({ isManager: true, isPerson: false })).toBe(true);
    expect(seesLend({ isManager: false, isPerson: true })).toBe(true);
    expect(seesLend({ isManager: false, isPerson: false })).toBe(false);
  });

  it("the manager decides a pending lend; the person lent is told only the manager does", () => {
    expect(lendDecisionRefusal({ isManager: true, isPerson: false, status: "pending" })).toBeNull();
    expect(lendDecisionRefusal({ isManager: false, isPerson: true, status: "approved" })).toEqual({
      status: 403,
      code: "forbidden",
      reason: "Only your manager decides this lend.",
    });
    expect(lendDecisionRefusal({ isManager: true, isPerson: false, status: "declined" })).toEqual({
      status: 409,
      code: "invalid_state",
      reason: "This lend request is already declined.",
    });
  });
});

describe("naming the co-lead", () => {
  it("only the lead names the co-lead", () => {
    expect(nameCoLeadRefusal(true)).toBeNull();
    expect(nameCoLeadRefusal(false)).toEqual({
      status: 403,
      code: "forbidden",
      reason: "Only the lead names the co-lead.",
    });
  });

  it("the lead is not their own co-lead", () => {
    expect(coLeadProblems("lead", "lead")).toEqual({ personId: "The lead cannot also be the co-lead." });
    expect(coLeadProblems("member", "lead")).toEqual({});
    expect(coLeadProblems(null, "lead")).toEqual({});
  });

  it("the co-lead is an active member; naming nobody removes the co-lead", () => {
    expect(coLeadRefusal("member", true)).toBeNull();
    expect(coLeadRefusal(null, false)).toBeNull();
    expect(coLeadRefusal("outsider", false)).toEqual({
      status: 409,
      code: "not_a_member",
      reason: "Only an active member of the team can be co-lead.",
    });
  });
});

describe("managing role slots", () => {
  const SLOT_STAGES: Stage[] = ["draft", "open", "funded", "active"];

  it("the lead or co-lead manages slots on draft, open, funded and active challenges", () => {
    for (const stage of SLOT_STAGES) expect(manageSlotsRefusal({ isLeadOrCoLead: true, stage })).toBeNull();
  });

  it("refuses anyone else (403) before a stage that takes no slot edits (409)", () => {
    expect(manageSlotsRefusal({ isLeadOrCoLead: false, stage: "archived" })).toEqual({
      status: 403,
      code: "forbidden",
      reason: "Only the lead or co-lead can manage role slots.",
    });
    for (const stage of ALL_STAGES.filter((s) => !SLOT_STAGES.includes(s))) {
      expect(manageSlotsRefusal({ isLeadOrCoLead: true, stage })).toEqual({
        status: 409,
        code: "invalid_stage",
        reason: `Role slots are managed on draft, open, funded and active challenges; this one is ${stage}.`,
      });
    }
  });

  it("adds a slot up to the most a challenge has, after who and the stage", () => {
    expect(addSlotRefusal({ isLeadOrCoLead: true, stage: "open", slotCount: MAX_SLOTS - 1 })).toBeNull();
    expect(addSlotRefusal({ isLeadOrCoLead: true, stage: "open", slotCount: MAX_SLOTS })).toEqual({
      status: 409,
      code: "too_many_slots",
      reason: "A challenge has at most 20 role slots.",
    });
    expect(addSlotRefusal({ isLeadOrCoLead: false, stage: "open", slotCount: MAX_SLOTS })?.code).toBe("forbidden");
    expect(addSlotRefusal({ isLeadOrCoLead: true, stage: "showcase", slotCount: MAX_SLOTS })?.code).toBe(
      "invalid_stage",
    );
  });

  it("names an unknown discipline, and an edit that changes nothing", () => {
    expect(disciplineProblems(new Set())).toEqual({});
    expect(disciplineProblems(new Set(["alchemy"]))).toEqual({ discipline: 'Unknown discipline "alchemy".' });
    expect(slotChangesProblems({ count: 3 }, new Set())).toEqual({});
    expect(slotChangesProblems({ discipline: "alchemy" }, new Set(["alchemy"]))).toEqual({
      discipline: 'Unknown discipline "alchemy".',
    });
    expect(slotChangesProblems({ count: undefined }, new Set(["alchemy"]))).toEqual({
      body: "Send at least one field to change.",
    });
    expect(slotChangesProblems({}, new Set())).toEqual({ body: "Send at least one field to change." });
  });

  it("a slot keeps its members: no count below them, no new discipline while held", () => {
    const held = { filled: 2, discipline: "data" };
    expect(slotEditRefusal(held, { count: 2, discipline: "data" })).toBeNull();
    expect(slotEditRefusal({ filled: 0, discipline: "data" }, { count: 1, discipline: "design" })).toBeNull();
    expect(slotEditRefusal(held, { count: 1 })).toEqual({
      status: 409,
      code: "slot_filled",
      reason: "The slot has 2 members; release one before lowering its count below that.",
    });
    expect(slotEditRefusal(held, { discipline: "design" })).toEqual({
      status: 409,
      code: "slot_filled",
      reason: "Release the slot's members before changing its discipline.",
    });
  });

  it("removes only a slot nobody holds", () => {
    expect(removeSlotRefusal({ filled: 0, discipline: "data" })).toBeNull();
    expect(removeSlotRefusal({ filled: 1, discipline: "data" })).toEqual({
      status: 409,
      code: "slot_filled",
      reason: "The data slot has members; release them before removing it.",
    });
  });
});
