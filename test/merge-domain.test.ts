import { describe, expect, it } from "vitest";
import { STAGES } from "../worker/domain/lifecycle";
import {
  MERGEABLE_SOURCE,
  MERGEABLE_TARGET,
  mergeAcceptRefusal,
  mergeDecisionRefusal,
  mergeProposalRefusal,
  mergeTargetRefusal,
} from "../worker/domain/merge";

const lead = { isLead: true, isCoLead: false };
const coLead = { isLead: false, isCoLead: true };
const other = { isLead: false, isCoLead: false };

describe("proposing a merge (SPEC §3)", () => {
  it("is for the lead or co-lead of an open challenge", () => {
    expect(mergeProposalRefusal(lead, "open")).toBeNull();
    expect(mergeProposalRefusal(coLead, "open")).toBeNull();
    expect(mergeProposalRefusal(other, "open")).toMatchObject({ status: 403, code: "forbidden" });
  });
  it("asks a draft to be published first, and refuses every later stage", () => {
    expect(mergeProposalRefusal(lead, "draft")?.reason).toMatch(/^Publish this draft/);
    for (const stage of STAGES.filter((s) => s !== "open")) {
      expect(mergeProposalRefusal(lead, stage)).toMatchObject({ status: 409, code: "invalid_stage" });
    }
  });
  it("merges only into a challenge whose work is ahead or under way", () => {
    for (const stage of STAGES) {
      expect(mergeTargetRefusal(stage) === null).toBe(MERGEABLE_TARGET.includes(stage));
    }
  });
});

describe("deciding a merge", () => {
  it("is for the lead or co-lead of the challenge merged into, while the request is pending", () => {
    expect(mergeDecisionRefusal(lead, "pending")).toBeNull();
    expect(mergeDecisionRefusal(coLead, "pending")).toBeNull();
    expect(mergeDecisionRefusal(other, "pending")).toMatchObject({ status: 403 });
    for (const status of ["accepted", "declined", "cancelled"]) {
      expect(mergeDecisionRefusal(lead, status)).toMatchObject({ status: 409, code: "invalid_state" });
    }
  });
  it("accepts only while the source is mergeable and the target can take it in", () => {
    for (const source of STAGES) {
      for (const target of STAGES) {
        const ok = MERGEABLE_SOURCE.includes(source) && MERGEABLE_TARGET.includes(target);
        expect(mergeAcceptRefusal(source, target) === null).toBe(ok);
      }
    }
    expect(mergeAcceptRefusal("funded", "open")?.reason).toBe(
      "The other challenge moved on and can no longer be merged.",
    );
  });
});
