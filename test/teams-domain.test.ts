import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMITTED_STAGES, type Stage } from "../worker/domain/lifecycle";
import {
  type AcceptFacts,
  type ApplyFacts,
  acceptRefusal,
  applyRefusal,
  commitmentRefusal,
  coverage,
  type SlotForCoverage,
  slotFit,
  type TeamMember,
  unfilledRequiredSlots,
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
