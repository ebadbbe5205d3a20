import { describe, expect, it } from "vitest";
import {
  ACTION_KINDS,
  isActionKind,
  notificationLink,
  notificationMessage,
  tidySentence,
} from "../worker/domain/notifications";

describe("notificationLink", () => {
  it("goes to the exact thing the notification names", () => {
    expect(
      notificationLink({ kind: "application_received", challengeId: "c_1", data: { applicationId: "ap_2" } }),
    ).toBe("/challenges/c_1#application-ap_2");
    expect(
      notificationLink({ kind: "review_replied", challengeId: "c_1", data: { reviewId: "rv_1", replyId: "rr_9" } }),
    ).toBe("/challenges/c_1#reply-rr_9");
    expect(
      notificationLink({
        kind: "question_answered",
        challengeId: "c_1",
        data: { questionId: "q_1", answerId: "an_1" },
      }),
    ).toBe("/challenges/c_1#answer-an_1");
  });

  it("falls back to the section it is about, the page, or the inbox", () => {
    expect(notificationLink({ kind: "pledge_received", challengeId: "c_1", data: { amount: 5 } })).toBe(
      "/challenges/c_1#funding",
    );
    expect(notificationLink({ kind: "stage_changed", challengeId: "c_1", data: { to: "open" } })).toBe(
      "/challenges/c_1",
    );
    expect(notificationLink({ kind: "kudos", challengeId: null, data: {} })).toBe("/inbox");
  });

  it("never writes an id that is not a plain token into the URL", () => {
    expect(
      notificationLink({ kind: "application_received", challengeId: "c_1", data: { applicationId: '"><script>' } }),
    ).toBe("/challenges/c_1#team");
    expect(notificationLink({ kind: "kudos", challengeId: "a/b", data: {} })).toBe("/challenges/a%2Fb#credit");
  });
});

describe("action kinds", () => {
  it("name the things that wait on the reader, and each has a sentence", () => {
    expect(isActionKind("lend_requested")).toBe(true);
    expect(isActionKind("kudos")).toBe(false);
    for (const kind of ACTION_KINDS) {
      const message = notificationMessage({ kind, actorName: "Ada", challengeTitle: "Tame the bill", data: {} });
      expect(message).not.toMatch(/did something/);
    }
  });
});

describe("notification sentences: no doubled punctuation, counts in words", () => {
  it("drops the full stop after quoted text that already ends a sentence", () => {
    expect(tidySentence("Ann credited you: “Rewrote the job.”. Confirm it.")).toBe(
      "Ann credited you: “Rewrote the job.” Confirm it.",
    );
    expect(tidySentence("Ann thanked you: “Why not?”.")).toBe("Ann thanked you: “Why not?”");
    expect(tidySentence("Ann marked it slipped: the vendor was late..")).toBe(
      "Ann marked it slipped: the vendor was late.",
    );
    expect(tidySentence("Ann marked it slipped: why?.")).toBe("Ann marked it slipped: why?");
    // An ellipsis stays, and so does a sentence that was right.
    expect(tidySentence("Ann said: wait...")).toBe("Ann said: wait...");
    expect(tidySentence("Ann pledged to “Cut spend”.")).toBe("Ann pledged to “Cut spend”.");
  });

  it("writes the words of real notifications that way", () => {
    const credit = notificationMessage({
      kind: "credit_pending",
      actorName: "Ann",
      challengeTitle: "Cut spend",
      data: { type: "software", description: "Rewrote the nightly job." },
    });
    expect(credit).not.toMatch(/[.?!]”\./);
    expect(credit).toContain("“Rewrote the nightly job.” Confirm it so it counts.");
    const slipped = notificationMessage({
      kind: "milestone_slipped",
      actorName: "Ann",
      challengeTitle: "Cut spend",
      data: { title: "First jobs", reason: "The vendor was late." },
    });
    expect(slipped.endsWith("late.")).toBe(true);
    expect(slipped).not.toContain("..");
    const overdue = (days: number) =>
      notificationMessage({ kind: "response_overdue", actorName: null, challengeTitle: "Cut spend", data: { days } });
    expect(overdue(1)).toContain("has waited 1 day without");
    expect(overdue(12)).toContain("has waited 12 days without");
  });
});
