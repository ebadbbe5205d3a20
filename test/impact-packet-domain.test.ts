import { describe, expect, it } from "vitest";
import { DEFAULT_DIMENSIONS } from "../worker/domain/credit";
import {
  feedbackByChallenge,
  impactPacket,
  impactPacketMarkdown,
  type PacketDecision,
  type PacketInput,
  type PacketReply,
  type PacketReview,
} from "../worker/domain/impact-packet";
import { countOf, labelOf } from "../worker/domain/words";

describe("countOf", () => {
  it("writes the singular for one and the plural otherwise, by Intl.PluralRules", () => {
    expect(countOf(1, "challenge")).toBe("1 challenge");
    expect(countOf(0, "challenge")).toBe("0 challenges");
    expect(countOf(4, "challenge")).toBe("4 challenges");
    expect(countOf(1.5, "hour")).toBe("1.5 hours");
    expect(countOf(2, "person", "people")).toBe("2 people");
    expect(countOf(1234, "lend")).toBe("1,234 lends");
  });
});

describe("labelOf", () => {
  const list = [{ id: "engineering", name: "Engineering" }];
  it("names an id by its label, keeps an unknown id, and has nothing for none", () => {
    expect(labelOf(list, "engineering")).toBe("Engineering");
    expect(labelOf(list, "retired")).toBe("retired");
    expect(labelOf(list, null)).toBeNull();
  });
});

const review = (over: Partial<PacketReview> & { id: string }): PacketReview => ({
  challengeId: "ch_1",
  challengeTitle: "Cut batch spend",
  cycle: 1,
  reviewerName: "Rae",
  weightedScore: 400,
  feedback: `Feedback ${over.id}`,
  createdAt: "2026-03-10T00:00:00Z",
  ...over,
});
const reply = (over: Partial<PacketReply> & { id: string; reviewId: string }): PacketReply => ({
  authorName: "Ivo",
  body: `Reply ${over.id}`,
  createdAt: "2026-03-11T00:00:00Z",
  ...over,
});
const decision = (over: Partial<PacketDecision> & { id: string }): PacketDecision => ({
  challengeId: "ch_1",
  challengeTitle: "Cut batch spend",
  cycle: 1,
  decision: "scale",
  rationale: "It worked.",
  decidedByName: "Dara",
  createdAt: "2026-03-14T00:00:00Z",
  ...over,
});

describe("feedbackByChallenge", () => {
  it("groups reviews (oldest first) with their replies (in order) and the decision, per challenge and cycle", () => {
    const out = feedbackByChallenge(
      [
        review({ id: "r2", createdAt: "2026-03-12T00:00:00Z" }),
        review({ id: "r1" }),
        review({ id: "r3", challengeId: "ch_2", challengeTitle: "Other", createdAt: "2026-01-01T00:00:00Z" }),
      ],
      [
        reply({ id: "y2", reviewId: "r1", createdAt: "2026-03-13T00:00:00Z" }),
        reply({ id: "y1", reviewId: "r1" }),
        reply({ id: "y9", reviewId: "r_elsewhere" }),
      ],
      [decision({ id: "d1" })],
    );
    expect(out.map((f) => [f.challengeId, f.cycle, f.decision?.id ?? null])).toEqual([
      ["ch_1", 1, "d1"],
      ["ch_2", 1, null],
    ]);
    expect(out[0].reviews.map((r) => r.id)).toEqual(["r1", "r2"]);
    expect(out[0].reviews[0].replies.map((y) => y.id)).toEqual(["y1", "y2"]);
    expect(out[0].reviews[1].replies).toEqual([]);
  });

  it("keeps cycles apart, the most recent first, and holds a decision with no review", () => {
    const out = feedbackByChallenge(
      [review({ id: "r1" })],
      [],
      [decision({ id: "d2", cycle: 2, decision: "stop", createdAt: "2026-06-01T00:00:00Z" })],
    );
    expect(out.map((f) => [f.cycle, f.decision?.decision ?? null, f.reviews.length])).toEqual([
      [2, "stop", 0],
      [1, null, 1],
    ]);
  });

  it("is empty with nothing to group", () => {
    expect(feedbackByChallenge([], [], [])).toEqual([]);
  });
});

function input(over: Partial<PacketInput> = {}): PacketInput {
  return {
    person: { id: "p_ivo", name: "Ivo", title: "Engineer", disciplineId: "engineering", levelId: "IC5", track: "ic" },
    generatedAt: "2026-04-01T00:00:00Z",
    origin: "https://crux.example.com",
    roles: [
      { challengeId: "ch_1", title: "Live", stage: "active", role: "member", outcome: null, decidedAt: null },
      { challengeId: "ch_draft", title: "Draft", stage: "draft", role: "lead", outcome: null, decidedAt: null },
    ],
    credit: [
      {
        id: "cr_live",
        challengeId: "ch_1",
        challengeTitle: "Live",
        type: "software",
        description: "Live work",
        hours: null,
        status: "confirmed",
        confirmedAt: "2026-03-02T00:00:00Z",
        recordedByName: "Ivo",
        endorsements: [],
      },
      {
        id: "cr_draft",
        challengeId: "ch_draft",
        challengeTitle: "Draft",
        type: "supervision_mentoring",
        description: "Draft work",
        hours: null,
        status: "confirmed",
        confirmedAt: "2026-03-02T00:00:00Z",
        recordedByName: "Ivo",
        endorsements: [],
      },
    ],
    kudos: [
      { fromName: "Sam", challengeId: "ch_draft", challengeTitle: "Draft", message: "Hi", createdAt: "2026-03-01" },
    ],
    lends: [
      { person: { name: "Ana" }, challenge: { id: "ch_1", title: "Live" }, sharePercent: 20, decidedAt: "2026-02-01" },
      { person: { name: "Bo" }, challenge: { id: "ch_draft", title: "Draft" }, sharePercent: 10, decidedAt: null },
    ],
    reviews: [review({ id: "r_draft", challengeId: "ch_draft" })],
    replies: [],
    decisions: [],
    dimensions: DEFAULT_DIMENSIONS,
    disciplines: [{ id: "engineering", name: "Engineering" }],
    levels: [{ id: "IC5", name: "IC5 · Senior Staff" }],
    unpublished: ["ch_draft"],
    ...over,
  };
}

describe("impactPacket", () => {
  it("leaves out everything on a challenge never published: roles, credit, kudos, lends, feedback", () => {
    const p = impactPacket(input());
    expect(p.roles.map((r) => r.challengeId)).toEqual(["ch_1"]);
    expect(p.dimensions.flatMap((d) => d.credit).map((c) => c.id)).toEqual(["cr_live"]);
    expect(p.kudos).toEqual([]);
    expect(p.lends.map((l) => l.person.name)).toEqual(["Ana"]);
    expect(p.feedback).toEqual([]);
    expect(JSON.stringify(impactPacketMarkdown(input()))).not.toContain("ch_draft");
    expect(p.summary).toBe("1 confirmed contribution on 1 challenge");
  });

  it("writes labels for the discipline and level, and puts lends in the mentoring dimension only", () => {
    const p = impactPacket(input({ unpublished: [] }));
    expect(p.person).toMatchObject({ discipline: "Engineering", level: "IC5 · Senior Staff" });
    expect(p.dimensions.map((d) => [d.dimension.id, d.lends.length])).toEqual([
      ["scope", 0],
      ["collaborative_reach", 0],
      ["impact_levers", 0],
      ["mentoring", 2],
    ]);
    expect(p.summary).toBe("2 confirmed contributions on 2 challenges");
  });
});
