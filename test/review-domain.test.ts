import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  answerRefusal,
  askRefusal,
  type Criterion,
  commitmentOverdue,
  commitmentUpdateRefusal,
  conflictRefusal,
  daysBetween,
  decisionProblems,
  kpiResultsProblems,
  mayAnswer,
  mayAsk,
  medianOfHistogram,
  replyRefusal,
  responseClock,
  reviewerStake,
  reviewRefusal,
  type ShowcaseDraft,
  STAKES,
  type StakeFacts,
  scoreRefusal,
  scoresProblems,
  showcaseEditRefusal,
  showcaseEventProblems,
  showcaseMissing,
  weightedScore,
  weightsProblem,
} from "../worker/domain/review";

const DEFAULTS: Criterion[] = [
  { id: "impact", name: "Impact", weight: 30 },
  { id: "evidence", name: "Evidence", weight: 20 },
  { id: "scalability", name: "Scalability", weight: 20 },
  { id: "learning", name: "Learning", weight: 15 },
  { id: "collaboration", name: "Collaboration", weight: 15 },
];

const DAY = 86_400_000;
const STAGES = ["draft", "open", "funded", "active", "showcase", "reviewed", "withdrawn", "archived"];

/** Criteria with distinct ids (as the admin route demands) and positive weights. */
const criteriaArb = fc
  .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{1,11}$/), { minLength: 1, maxLength: 8 })
  .chain((ids) =>
    fc
      .array(fc.integer({ min: 1, max: 100 }), { minLength: ids.length, maxLength: ids.length })
      .map((weights) => ids.map((id, i) => ({ id, name: id.toUpperCase(), weight: weights[i] }))),
  );

/** Criteria with a full set of valid scores. */
const scoredArb = criteriaArb.chain((criteria) =>
  fc
    .array(fc.integer({ min: 1, max: 5 }), { minLength: criteria.length, maxLength: criteria.length })
    .map((values) => ({ criteria, scores: Object.fromEntries(criteria.map((c, i) => [c.id, values[i]])) })),
);

const isoArb = fc
  .integer({ min: Date.parse("2020-01-01T00:00:00Z"), max: Date.parse("2035-12-31T00:00:00Z") })
  .map((ms) => new Date(ms).toISOString());

// ─── weightsProblem ─────────────────────────────────────────────────────────────────────────

describe("weightsProblem", () => {
  it("accepts the defaults and any set summing to 100", () => {
    expect(weightsProblem(DEFAULTS)).toBeNull();
    expect(weightsProblem([{ weight: 100 }])).toBeNull();
    expect(weightsProblem([{ weight: 1 }, { weight: 99 }])).toBeNull();
  });

  it("refuses an empty list and names the sum when it is not 100", () => {
    expect(weightsProblem([])).toMatch(/at least one/i);
    expect(weightsProblem([{ weight: 30 }, { weight: 30 }])).toContain("60");
    expect(weightsProblem([{ weight: 60 }, { weight: 50 }])).toContain("110");
  });

  it("is null exactly when a non-empty list sums to 100 (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 120 }).map((weight) => ({ weight })),
          { maxLength: 8 },
        ),
        (list) => {
          const sum = list.reduce((s, c) => s + c.weight, 0);
          const problem = weightsProblem(list);
          if (list.length > 0 && sum === 100) expect(problem).toBeNull();
          else expect(problem).toEqual(expect.any(String));
          if (list.length > 0 && sum !== 100) expect(problem).toContain(String(sum));
        },
      ),
    );
  });
});

// ─── scoresProblems ─────────────────────────────────────────────────────────────────────────

describe("scoresProblems", () => {
  const full = { impact: 4, evidence: 3, scalability: 5, learning: 4, collaboration: 2 };

  it("has nothing to say about a complete set of whole scores from 1 to 5", () => {
    expect(scoresProblems(full, DEFAULTS)).toEqual({});
    expect(scoresProblems({ impact: 1, evidence: 1, scalability: 1, learning: 1, collaboration: 1 }, DEFAULTS)).toEqual(
      {},
    );
    expect(scoresProblems({ impact: 5, evidence: 5, scalability: 5, learning: 5, collaboration: 5 }, DEFAULTS)).toEqual(
      {},
    );
  });

  it("names each missing criterion as scores.<id>, with the criterion's name", () => {
    const problems = scoresProblems({ impact: 4 }, DEFAULTS);
    expect(Object.keys(problems).sort()).toEqual(
      ["scores.collaboration", "scores.evidence", "scores.learning", "scores.scalability"].sort(),
    );
    expect(problems["scores.evidence"]).toContain("Evidence");
  });

  it("names an unknown criterion as scores.<id>", () => {
    const problems = scoresProblems({ ...full, charisma: 5 }, DEFAULTS);
    expect(Object.keys(problems)).toEqual(["scores.charisma"]);
    expect(problems["scores.charisma"]).toMatch(/no such criterion/i);
  });

  it("refuses 0, 6, negatives, fractions and non-finite numbers", () => {
    for (const bad of [0, 6, -1, 2.5, 4.999, Number.NaN, Number.POSITIVE_INFINITY, 1e308]) {
      const problems = scoresProblems({ ...full, impact: bad }, DEFAULTS);
      expect(Object.keys(problems), `score ${bad}`).toEqual(["scores.impact"]);
    }
  });

  it("names missing criteria even when their ids are names every object inherits", () => {
    // The admin route allows lower-case ids like these; a missing score must not be read off
    // Object.prototype (a "constructor" score would be a function, and the weighted score NaN).
    const odd: Criterion[] = [
      { id: "constructor", name: "Construction", weight: 50 },
      { id: "valueof", name: "Value", weight: 25 },
      { id: "hasownproperty", name: "Ownership", weight: 25 },
    ];
    expect(Object.keys(scoresProblems({}, odd)).sort()).toEqual(
      ["scores.constructor", "scores.hasownproperty", "scores.valueof"].sort(),
    );
    expect(scoresProblems({ constructor: 3, valueof: 4, hasownproperty: 5 }, odd)).toEqual({});
  });

  it("names exactly the missing, unknown and out-of-range scores (property)", () => {
    fc.assert(
      fc.property(
        criteriaArb,
        fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double())),
        (criteria, scores) => {
          const known = new Set(criteria.map((c) => c.id));
          const expected = new Set<string>();
          for (const c of criteria) if (!Object.hasOwn(scores, c.id)) expected.add(`scores.${c.id}`);
          for (const [id, s] of Object.entries(scores)) {
            if (!known.has(id) || !Number.isInteger(s) || s < 1 || s > 5) expected.add(`scores.${id}`);
          }
          expect(new Set(Object.keys(scoresProblems(scores, criteria)))).toEqual(expected);
        },
      ),
    );
  });
});

// ─── weightedScore ──────────────────────────────────────────────────────────────────────────

describe("weightedScore", () => {
  it("is Σ weight × score / Σ weight, in hundredths", () => {
    // (4·30 + 3·20 + 5·20 + 4·15 + 2·15) / 100 = 3.70
    expect(weightedScore({ impact: 4, evidence: 3, scalability: 5, learning: 4, collaboration: 2 }, DEFAULTS)).toBe(
      370,
    );
    expect(
      weightedScore({ a: 1, b: 2 }, [
        { id: "a", name: "A", weight: 1 },
        { id: "b", name: "B", weight: 2 },
      ]),
    ).toBe(167);
    expect(weightedScore({ a: 5 }, [{ id: "a", name: "A", weight: 7 }])).toBe(500);
  });

  it("is 0 when the weights sum to 0", () => {
    expect(weightedScore({ a: 5 }, [{ id: "a", name: "A", weight: 0 }])).toBe(0);
    expect(weightedScore({}, [])).toBe(0);
  });

  it("is an integer from 100 to 500 for any valid scores (property)", () => {
    fc.assert(
      fc.property(scoredArb, ({ criteria, scores }) => {
        const w = weightedScore(scores, criteria);
        expect(Number.isInteger(w)).toBe(true);
        expect(w).toBeGreaterThanOrEqual(100);
        expect(w).toBeLessThanOrEqual(500);
        const values = Object.values(scores);
        expect(w).toBeGreaterThanOrEqual(Math.min(...values) * 100);
        expect(w).toBeLessThanOrEqual(Math.max(...values) * 100);
      }),
    );
  });

  it("scores equal everywhere give that score exactly (property)", () => {
    fc.assert(
      fc.property(criteriaArb, fc.integer({ min: 1, max: 5 }), (criteria, s) => {
        expect(weightedScore(Object.fromEntries(criteria.map((c) => [c.id, s])), criteria)).toBe(s * 100);
      }),
    );
  });

  it("never falls when one score rises (property)", () => {
    fc.assert(
      fc.property(scoredArb, fc.nat(), ({ criteria, scores }, pick) => {
        const c = criteria[pick % criteria.length];
        if (scores[c.id] === 5) return;
        const before = weightedScore(scores, criteria);
        const after = weightedScore({ ...scores, [c.id]: scores[c.id] + 1 }, criteria);
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it("does not depend on the order of the criteria, nor on scaling every weight (property)", () => {
    fc.assert(
      fc.property(scoredArb, fc.integer({ min: 2, max: 5 }), ({ criteria, scores }, k) => {
        const w = weightedScore(scores, criteria);
        expect(weightedScore(scores, [...criteria].reverse())).toBe(w);
        expect(
          weightedScore(
            scores,
            criteria.map((c) => ({ ...c, weight: c.weight * k })),
          ),
        ).toBe(w);
      }),
    );
  });
});

// ─── showcaseMissing ────────────────────────────────────────────────────────────────────────

describe("showcaseMissing", () => {
  const complete: ShowcaseDraft = {
    summary: "Spend fell by a quarter.",
    kpiResults: [{ kpiId: "k1" }, { kpiId: "k2" }],
    recommendation: "scale",
  };

  it("asks for the showcase when there is none", () => {
    expect(showcaseMissing(null, ["k1"])).toEqual(["the showcase"]);
    expect(showcaseMissing(null, [])).toEqual(["the showcase"]);
  });

  it("has nothing missing when summary, every KPI's actual and a recommendation are there", () => {
    expect(showcaseMissing(complete, ["k1", "k2"])).toEqual([]);
    expect(showcaseMissing({ ...complete, kpiResults: [] }, [])).toEqual([]);
  });

  it("names a blank summary, the number of unreported KPIs (singular and plural) and a missing recommendation", () => {
    expect(showcaseMissing({ ...complete, summary: "   \n" }, ["k1", "k2"])).toEqual(["a summary"]);
    expect(showcaseMissing({ ...complete, kpiResults: [{ kpiId: "k1" }] }, ["k1", "k2"])).toEqual([
      "the actual result of 1 KPI",
    ]);
    expect(showcaseMissing({ ...complete, kpiResults: [] }, ["k1", "k2", "k3"])).toEqual([
      "the actual result of 3 KPIs",
    ]);
    expect(showcaseMissing({ ...complete, recommendation: null }, ["k1", "k2"])).toEqual(["a recommendation"]);
    expect(showcaseMissing({ summary: "", kpiResults: [], recommendation: null }, ["k1"])).toEqual([
      "a summary",
      "the actual result of 1 KPI",
      "a recommendation",
    ]);
  });

  it("does not count results for KPIs the challenge no longer has", () => {
    expect(showcaseMissing({ ...complete, kpiResults: [{ kpiId: "gone" }, { kpiId: "k1" }] }, ["k1", "k2"])).toEqual([
      "the actual result of 1 KPI",
    ]);
  });

  it("is empty exactly when the summary is written, every KPI reported and a recommendation made (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 5 }),
        fc.uniqueArray(fc.constantFrom("k1", "k2", "k3", "k4"), { maxLength: 4 }),
        fc.uniqueArray(fc.constantFrom("k1", "k2", "k3", "k4", "x"), { maxLength: 5 }),
        fc.constantFrom(null, "scale" as const, "iterate" as const, "stop" as const),
        (summary, kpiIds, reported, recommendation) => {
          const missing = showcaseMissing(
            { summary, kpiResults: reported.map((kpiId) => ({ kpiId })), recommendation },
            kpiIds,
          );
          const complete = summary.trim() !== "" && kpiIds.every((k) => reported.includes(k)) && recommendation;
          expect(missing.length === 0).toBe(Boolean(complete));
        },
      ),
    );
  });
});

// ─── Who may ask and answer ─────────────────────────────────────────────────────────────────

describe("mayAsk and mayAnswer", () => {
  it("lets reviewers and the challenge's sponsors ask, nobody else", () => {
    expect(mayAsk({ isReviewer: true, isSponsor: false })).toBe(true);
    expect(mayAsk({ isReviewer: false, isSponsor: true })).toBe(true);
    expect(mayAsk({ isReviewer: true, isSponsor: true })).toBe(true);
    expect(mayAsk({ isReviewer: false, isSponsor: false })).toBe(false);
  });

  it("lets the team answer and anyone on the thread follow up, nobody else", () => {
    expect(mayAnswer({ onTeam: true, onThread: false })).toBe(true);
    expect(mayAnswer({ onTeam: false, onThread: true })).toBe(true);
    expect(mayAnswer({ onTeam: true, onThread: true })).toBe(true);
    expect(mayAnswer({ onTeam: false, onThread: false })).toBe(false);
  });
});

// ─── Conflicts of interest ───────────────────────────────────────────────────────────────────

describe("reviewerStake", () => {
  const NONE: StakeFacts = { isLead: false, isCoLead: false, onTeam: false, isSponsor: false };
  const factsArb = fc.record({
    isLead: fc.boolean(),
    isCoLead: fc.boolean(),
    onTeam: fc.boolean(),
    isSponsor: fc.boolean(),
  });

  it("names each stake on its own, and none for someone with no stake", () => {
    expect(reviewerStake(NONE)).toBeNull();
    expect(reviewerStake({ ...NONE, isLead: true })).toBe("lead");
    expect(reviewerStake({ ...NONE, isCoLead: true })).toBe("co_lead");
    expect(reviewerStake({ ...NONE, onTeam: true })).toBe("team");
    expect(reviewerStake({ ...NONE, isSponsor: true })).toBe("sponsor");
  });

  it("names the closest stake when there are several: lead, co-lead, team, then sponsor", () => {
    expect(reviewerStake({ isLead: true, isCoLead: true, onTeam: true, isSponsor: true })).toBe("lead");
    expect(reviewerStake({ ...NONE, isCoLead: true, isSponsor: true })).toBe("co_lead");
    expect(reviewerStake({ ...NONE, onTeam: true, isSponsor: true })).toBe("team");
  });

  it("is null exactly when no fact holds, and otherwise one of the stakes (property)", () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const stake = reviewerStake(f);
        const any = f.isLead || f.isCoLead || f.onTeam || f.isSponsor;
        expect(stake === null).toBe(!any);
        if (stake) expect(STAKES).toContain(stake);
      }),
    );
  });
});

describe("reviewRefusal and conflictRefusal", () => {
  const NONE = { isLead: false, isCoLead: false, onTeam: false, isSponsor: false };
  const factsArb = fc.record({
    isReviewer: fc.boolean(),
    isLead: fc.boolean(),
    isCoLead: fc.boolean(),
    onTeam: fc.boolean(),
    isSponsor: fc.boolean(),
  });

  it("lets a reviewer with no stake review and decide", () => {
    expect(reviewRefusal({ ...NONE, isReviewer: true }, "review")).toBeNull();
    expect(reviewRefusal({ ...NONE, isReviewer: true }, "decide")).toBeNull();
    expect(conflictRefusal(null, "review")).toBeNull();
  });

  it("refuses a reviewer with a stake: 403 conflict_of_interest, a sentence naming the stake and the act", () => {
    const cases = [
      [{ isLead: true }, "lead", "You lead this challenge"],
      [{ isCoLead: true }, "co_lead", "You co-lead this challenge"],
      [{ onTeam: true }, "team", "You are on this challenge's team"],
      [{ isSponsor: true }, "sponsor", "You sponsor this challenge"],
    ] as const;
    for (const [fact, stake, words] of cases) {
      for (const act of ["review", "decide"] as const) {
        expect(reviewRefusal({ ...NONE, ...fact, isReviewer: true }, act)).toEqual({
          status: 403,
          code: "conflict_of_interest",
          reason: `${words}, so another reviewer must ${act} it.`,
          details: { stake },
        });
      }
    }
  });

  it("refuses someone who is not a reviewer as forbidden, stake or not", () => {
    for (const fact of [{}, { isLead: true }, { isSponsor: true }]) {
      expect(reviewRefusal({ ...NONE, ...fact, isReviewer: false }, "review")).toEqual({
        status: 403,
        code: "forbidden",
        reason: "Only reviewers review showcases.",
      });
      expect(reviewRefusal({ ...NONE, ...fact, isReviewer: false }, "decide")?.code).toBe("forbidden");
    }
  });

  it("allows exactly a reviewer without a stake, and refuses review and decide alike (property)", () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const review = reviewRefusal(f, "review");
        const decide = reviewRefusal(f, "decide");
        expect(review === null).toBe(f.isReviewer && reviewerStake(f) === null);
        expect(decide?.code).toBe(review?.code);
        expect(review?.status ?? 403).toBe(403);
        if (f.isReviewer && review) expect(review.details).toEqual({ stake: reviewerStake(f) });
      }),
    );
  });
});

// ─── showcaseEditRefusal and kpiResultsProblems ──────────────────────────────────────────────

describe("showcaseEditRefusal", () => {
  const LEAD = { isLead: true, isCoLead: false };
  const CO_LEAD = { isLead: false, isCoLead: true };
  const NEITHER = { isLead: false, isCoLead: false };

  it("allows the lead and the co-lead while the challenge is active", () => {
    expect(showcaseEditRefusal(LEAD, "active")).toBeNull();
    expect(showcaseEditRefusal(CO_LEAD, "active")).toBeNull();
  });

  it("refuses anyone else as forbidden, whatever the stage", () => {
    for (const stage of STAGES) {
      expect(showcaseEditRefusal(NEITHER, stage)).toEqual({
        status: 403,
        code: "forbidden",
        reason: "Only the lead or co-lead writes the showcase.",
      });
    }
  });

  it("refuses the leads outside active as invalid_stage, naming the stage", () => {
    for (const stage of STAGES.filter((s) => s !== "active")) {
      expect(showcaseEditRefusal(LEAD, stage)).toEqual({
        status: 409,
        code: "invalid_stage",
        reason: `The showcase is written while the challenge is active; it is ${stage}, so its results are frozen.`,
      });
    }
  });
});

describe("kpiResultsProblems", () => {
  it("accepts results naming the challenge's KPIs once each, and none at all", () => {
    expect(kpiResultsProblems([{ kpiId: "a" }, { kpiId: "b" }], ["a", "b", "c"])).toEqual({});
    expect(kpiResultsProblems([], ["a"])).toEqual({});
  });

  it("names an unknown KPI and a KPI reported twice by position", () => {
    expect(kpiResultsProblems([{ kpiId: "a" }, { kpiId: "x" }, { kpiId: "a" }], ["a"])).toEqual({
      "kpiResults.1.kpiId": "No such KPI on this challenge.",
      "kpiResults.2.kpiId": "Report each KPI once.",
    });
  });
});

// ─── scoreRefusal and askRefusal ────────────────────────────────────────────────────────────

const NO_STAKE = { isLead: false, isCoLead: false, onTeam: false, isSponsor: false };

describe("scoreRefusal", () => {
  it("allows a reviewer without a stake while the challenge is in showcase", () => {
    expect(scoreRefusal({ ...NO_STAKE, isReviewer: true }, "showcase")).toBeNull();
  });

  it("asks who before the stage: a non-reviewer or a stakeholder is refused as reviewRefusal is", () => {
    for (const stage of STAGES) {
      const outsider = { ...NO_STAKE, isReviewer: false };
      const lead = { ...NO_STAKE, isLead: true, isReviewer: true };
      expect(scoreRefusal(outsider, stage)).toEqual(reviewRefusal(outsider, "review"));
      expect(scoreRefusal(lead, stage)?.code).toBe("conflict_of_interest");
    }
  });

  it("refuses an independent reviewer outside showcase as invalid_stage", () => {
    expect(scoreRefusal({ ...NO_STAKE, isReviewer: true }, "active")).toEqual({
      status: 409,
      code: "invalid_stage",
      reason: "Only showcases are reviewed; this challenge is active.",
    });
  });
});

describe("askRefusal", () => {
  it("allows reviewers and sponsors on a showcase, stake or not", () => {
    expect(askRefusal({ isReviewer: true, isSponsor: false }, "showcase")).toBeNull();
    expect(askRefusal({ isReviewer: false, isSponsor: true }, "showcase")).toBeNull();
  });

  it("refuses anyone else as forbidden, whatever the stage", () => {
    for (const stage of STAGES) {
      expect(askRefusal({ isReviewer: false, isSponsor: false }, stage)).toEqual({
        status: 403,
        code: "forbidden",
        reason: "Reviewers and the challenge's sponsors ask on its showcase; anyone can comment on the challenge.",
      });
    }
  });

  it("refuses outside showcase as invalid_stage, naming the stage", () => {
    expect(askRefusal({ isReviewer: true, isSponsor: true }, "reviewed")).toEqual({
      status: 409,
      code: "invalid_stage",
      reason: "Questions are asked on a showcase; this challenge is reviewed.",
    });
  });

  it("is null exactly when mayAsk and the stage is showcase (property)", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.constantFrom(...STAGES), (isReviewer, isSponsor, stage) => {
        const p = { isReviewer, isSponsor };
        expect(askRefusal(p, stage) === null).toBe(mayAsk(p) && stage === "showcase");
      }),
    );
  });
});

// ─── answerRefusal ──────────────────────────────────────────────────────────────────────────

describe("answerRefusal", () => {
  it("allows the team and anyone already on the thread", () => {
    expect(answerRefusal({ onTeam: true, onThread: false })).toBeNull();
    expect(answerRefusal({ onTeam: false, onThread: true })).toBeNull();
    expect(answerRefusal({ onTeam: true, onThread: true })).toBeNull();
  });

  it("refuses anyone else as forbidden", () => {
    expect(answerRefusal({ onTeam: false, onThread: false })).toEqual({
      status: 403,
      code: "forbidden",
      reason: "The team answers; whoever asked, or posted in the thread, follows up.",
    });
  });
});

// ─── decisionProblems ───────────────────────────────────────────────────────────────────────

describe("decisionProblems", () => {
  const TODAY = "2027-05-10";
  const owners = new Set(["p1", "p2"]);

  it("accepts active owners due today or later, and an iteration's next gate today or later", () => {
    const commitments = [
      { ownerId: "p1", due: TODAY },
      { ownerId: "p2", due: "2027-06-01" },
    ];
    expect(decisionProblems({ decision: "scale", commitments }, owners, TODAY)).toEqual({});
    expect(decisionProblems({ decision: "iterate", nextGateOn: TODAY, commitments }, owners, TODAY)).toEqual({});
    expect(decisionProblems({ decision: "iterate", nextGateOn: null, commitments: [] }, owners, TODAY)).toEqual({});
  });

  it("names an unknown or inactive owner and a past due date, by position", () => {
    const commitments = [
      { ownerId: "p1", due: "2027-05-09" },
      { ownerId: "gone", due: "2027-05-09" },
    ];
    expect(decisionProblems({ decision: "stop", commitments }, owners, TODAY)).toEqual({
      "commitments.0.due": "A commitment is due in the future.",
      "commitments.1.ownerId": "No such person.",
      "commitments.1.due": "A commitment is due in the future.",
    });
  });

  it("refuses a past next gate on an iteration only", () => {
    expect(decisionProblems({ decision: "iterate", nextGateOn: "2027-05-09", commitments: [] }, owners, TODAY)).toEqual(
      { nextGateOn: "The next gate is in the future." },
    );
    expect(decisionProblems({ decision: "scale", nextGateOn: "2027-05-09", commitments: [] }, owners, TODAY)).toEqual(
      {},
    );
  });
});

// ─── commitmentUpdateRefusal ────────────────────────────────────────────────────────────────

describe("commitmentUpdateRefusal", () => {
  const NOBODY = { isOwner: false, isLead: false, isCoLead: false, isReviewer: false };

  it("allows the owner, the lead, the co-lead and reviewers to change the status", () => {
    for (const who of ["isOwner", "isLead", "isCoLead", "isReviewer"] as const) {
      expect(commitmentUpdateRefusal({ ...NOBODY, [who]: true }, "open", "done")).toBeNull();
      expect(commitmentUpdateRefusal({ ...NOBODY, [who]: true }, "done", "open")).toBeNull();
    }
  });

  it("refuses anyone else as forbidden, before the status", () => {
    expect(commitmentUpdateRefusal(NOBODY, "open", "open")).toEqual({
      status: 403,
      code: "forbidden",
      reason: "Only the commitment's owner, the challenge's leads and reviewers update it.",
    });
  });

  it("refuses the status it already has as invalid_state", () => {
    expect(commitmentUpdateRefusal({ ...NOBODY, isOwner: true }, "done", "done")).toEqual({
      status: 409,
      code: "invalid_state",
      reason: "This commitment is already done.",
    });
  });
});

// ─── showcaseEventProblems ──────────────────────────────────────────────────────────────────

describe("showcaseEventProblems", () => {
  const TODAY = "2027-05-10";
  const stages = [
    { id: "a", stage: "active" },
    { id: "s", stage: "showcase" },
    { id: "d", stage: "draft" },
    { id: "r", stage: "reviewed" },
  ];

  it("accepts a day today or later listing active work and showcases once each", () => {
    expect(showcaseEventProblems({ heldOn: TODAY, challengeIds: ["a", "s"] }, stages, TODAY)).toEqual({});
  });

  it("names a past day, a repeated listing, unknown or draft challenges and other stages", () => {
    const problems = showcaseEventProblems(
      { heldOn: "2027-05-09", challengeIds: ["a", "a", "x", "d", "r"] },
      stages,
      TODAY,
    );
    expect(problems).toEqual({
      heldOn: "Schedule it for today or later.",
      challengeIds: "List each showcase once.",
      "challengeIds.2": "No such challenge.",
      "challengeIds.3": "No such challenge.",
      "challengeIds.4": "This challenge is reviewed; showcase days show active work and showcases.",
    });
    expect(Object.keys(problems).slice(0, 2)).toEqual(["heldOn", "challengeIds"]);
  });
});

// ─── commitmentOverdue ──────────────────────────────────────────────────────────────────────

describe("commitmentOverdue", () => {
  it("is overdue when open and due before today; due today is not yet overdue; done never is", () => {
    expect(commitmentOverdue({ status: "open", dueOn: "2027-01-30" }, "2027-01-31")).toBe(true);
    expect(commitmentOverdue({ status: "open", dueOn: "2026-12-31" }, "2027-01-01")).toBe(true);
    expect(commitmentOverdue({ status: "open", dueOn: "2027-01-31" }, "2027-01-31")).toBe(false);
    expect(commitmentOverdue({ status: "open", dueOn: "2027-02-01" }, "2027-01-31")).toBe(false);
    expect(commitmentOverdue({ status: "done", dueOn: "2020-01-01" }, "2027-01-31")).toBe(false);
  });

  it("agrees with comparing the dates as days (property)", () => {
    const dayArb = fc.integer({ min: 0, max: 5000 }).map((d) => new Date(Date.UTC(2020, 0, 1) + d * DAY));
    fc.assert(
      fc.property(dayArb, dayArb, fc.constantFrom("open" as const, "done" as const), (due, today, status) => {
        const iso = (d: Date) => d.toISOString().slice(0, 10);
        expect(commitmentOverdue({ status, dueOn: iso(due) }, iso(today))).toBe(status === "open" && due < today);
      }),
    );
  });
});

// ─── daysBetween and responseClock ──────────────────────────────────────────────────────────

describe("daysBetween", () => {
  it("counts whole days, rounding down", () => {
    expect(daysBetween("2027-01-01T00:00:00.000Z", "2027-01-01T23:59:59.999Z")).toBe(0);
    expect(daysBetween("2027-01-01T00:00:00.000Z", "2027-01-02T00:00:00.000Z")).toBe(1);
    expect(daysBetween("2027-01-01T12:00:00.000Z", "2027-01-16T11:59:59.000Z")).toBe(14);
    expect(daysBetween("2027-01-01T12:00:00.000Z", "2027-01-16T12:00:00.000Z")).toBe(15);
  });
});

describe("responseClock", () => {
  const published = "2027-03-01T09:00:00.000Z";
  const at = (days: number, hours = 0) =>
    new Date(Date.parse(published) + days * DAY + hours * 3_600_000).toISOString();

  it("runs only for open, published challenges", () => {
    for (const stage of STAGES.filter((s) => s !== "open")) {
      expect(responseClock({ stage, publishedAt: published, firstResponseAt: null }, at(30), 14)).toBeNull();
    }
    expect(responseClock({ stage: "open", publishedAt: null, firstResponseAt: null }, at(30), 14)).toBeNull();
  });

  it("waits from publishing; overdue only past the deadline", () => {
    const clock = (now: string) =>
      responseClock({ stage: "open", publishedAt: published, firstResponseAt: null }, now, 14);
    expect(clock(at(0))).toEqual({ waiting: true, days: 0, overdue: false });
    expect(clock(at(14, 23))).toEqual({ waiting: true, days: 14, overdue: false });
    expect(clock(at(15))).toEqual({ waiting: true, days: 15, overdue: true });
  });

  it("stops at the first response: days until then, never overdue", () => {
    expect(responseClock({ stage: "open", publishedAt: published, firstResponseAt: at(3, 5) }, at(90), 14)).toEqual({
      waiting: false,
      days: 3,
      overdue: false,
    });
    expect(responseClock({ stage: "open", publishedAt: published, firstResponseAt: at(40) }, at(90), 14)).toEqual({
      waiting: false,
      days: 40,
      overdue: false,
    });
  });

  it("overdue ⇔ waiting and more whole days than the deadline (property)", () => {
    fc.assert(
      fc.property(
        isoArb,
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.option(fc.integer({ min: 0, max: 400 * DAY })),
        fc.integer({ min: 0, max: 60 }),
        (publishedAt, elapsed, responseAfter, deadline) => {
          const now = new Date(Date.parse(publishedAt) + elapsed).toISOString();
          const firstResponseAt =
            responseAfter === null
              ? null
              : new Date(Date.parse(publishedAt) + Math.min(responseAfter, elapsed)).toISOString();
          const clock = responseClock({ stage: "open", publishedAt, firstResponseAt }, now, deadline);
          expect(clock).not.toBeNull();
          if (!clock) return;
          expect(clock.waiting).toBe(firstResponseAt === null);
          expect(clock.days).toBe(Math.floor((Date.parse(firstResponseAt ?? now) - Date.parse(publishedAt)) / DAY));
          expect(clock.days).toBeGreaterThanOrEqual(0);
          expect(clock.overdue).toBe(clock.waiting && clock.days > deadline);
        },
      ),
    );
  });
});

// ─── medianOfHistogram ──────────────────────────────────────────────────────────────────────

describe("medianOfHistogram", () => {
  /** The median of a plain list, the textbook way. */
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    if (s.length === 0) return null;
    const mid = Math.floor(s.length / 2);
    return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  };

  it("handles the small cases", () => {
    expect(medianOfHistogram([])).toBeNull();
    expect(medianOfHistogram([{ value: 3, count: 0 }])).toBeNull();
    expect(medianOfHistogram([{ value: 7, count: 1 }])).toBe(7);
    expect(
      medianOfHistogram([
        { value: 1, count: 1 },
        { value: 4, count: 1 },
      ]),
    ).toBe(2.5);
    expect(
      medianOfHistogram([
        { value: 10, count: 1 },
        { value: 2, count: 3 },
      ]),
    ).toBe(2);
    expect(
      medianOfHistogram([
        { value: 0, count: 2 },
        { value: 9, count: 0 },
        { value: 5, count: 2 },
      ]),
    ).toBe(2.5);
  });

  it("equals the median of the expanded list, in any order, with repeated values (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.integer({ min: 0, max: 400 }), count: fc.integer({ min: 0, max: 6 }) }), {
          maxLength: 12,
        }),
        (histogram) => {
          const expanded = histogram.flatMap((h) => Array.from({ length: h.count }, () => h.value));
          expect(medianOfHistogram(histogram)).toBe(median(expanded));
          expect(medianOfHistogram([...histogram].reverse())).toBe(median(expanded));
        },
      ),
    );
  });
});

// ─── replyRefusal ───────────────────────────────────────────────────────────────────────────

describe("replyRefusal (SPEC §6: review is a two-way dialogue)", () => {
  const none = { onTeam: false, isItsReviewer: false, onThread: false };
  it("lets the team reply, and the reviewer or anyone already on the thread follow up", () => {
    for (const key of ["onTeam", "isItsReviewer", "onThread"] as const) {
      expect(replyRefusal({ ...none, [key]: true })).toBeNull();
    }
  });
  it("refuses everyone else with the reason", () => {
    expect(replyRefusal(none)).toEqual({
      status: 403,
      code: "forbidden",
      reason: "The team replies to a review; its reviewer, or whoever replied, follows up.",
    });
  });
});
