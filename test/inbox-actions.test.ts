import { describe, expect, it } from "vitest";
import { member, setChallenge } from "./helpers";
import {
  ok,
  openQuestion,
  type Person,
  pendingApplication,
  pendingCredit,
  pendingLend,
  pendingMerge,
  pendingSpend,
} from "./round-trip-fixtures";

/**
 * The inbox as a to-do list (SPEC §9): an item that asks for the reader's action carries
 * `needsAction` until the thing is done, wherever it is done, and such items come first.
 */

interface Item {
  id: string;
  kind: string;
  needsAction: boolean;
  link: string;
  readAt: string | null;
  data: Record<string, unknown>;
}

async function inbox(p: Person, query = "") {
  return ok<{ items: Item[]; nextCursor: string | null; unread: number; needsAction: number }>(
    "GET",
    `/api/inbox${query}`,
    { as: p.as },
  );
}

async function itemOf(p: Person, kind: string) {
  const item = (await inbox(p)).items.find((n) => n.kind === kind);
  expect(item, `${kind} in the inbox`).toBeDefined();
  return item as Item;
}

async function counts(p: Person) {
  return ok<{ unread: number; needsAction: number }>("GET", "/api/inbox/unread", { as: p.as });
}

describe("needsAction on an application", () => {
  it("is set for the lead, links to the application, and clears when the lead accepts it", async () => {
    const app = await pendingApplication();
    const item = await itemOf(app.lead, "application_received");
    expect(item.needsAction).toBe(true);
    expect(item.link).toBe(`/challenges/${app.id}#application-${app.applicationId}`);
    expect(await counts(app.lead)).toEqual({ unread: 1, needsAction: 1 });

    await ok("POST", `/api/applications/${app.applicationId}/decision`, {
      as: app.lead.as,
      body: { decision: "accept" },
    });
    expect((await itemOf(app.lead, "application_received")).needsAction).toBe(false);
    // Acted on: it no longer counts as unread either, though it was never opened.
    expect(await counts(app.lead)).toEqual({ unread: 0, needsAction: 0 });
  });

  it("clears when the applicant withdraws, and when the co-lead decides instead of the lead", async () => {
    const withdrawn = await pendingApplication();
    await ok("POST", `/api/applications/${withdrawn.applicationId}/withdraw`, { as: withdrawn.applicant.as });
    expect((await itemOf(withdrawn.lead, "application_received")).needsAction).toBe(false);

    const app = await pendingApplication();
    const coLead = await member();
    await setChallenge(app.id, { co_lead_id: coLead.id });
    await ok("POST", `/api/applications/${app.applicationId}/decision`, {
      as: coLead.as,
      body: { decision: "decline", note: "We need someone with Spark for this slot." },
    });
    expect((await itemOf(app.lead, "application_received")).needsAction).toBe(false);
  });

  it("no longer waits on someone who stopped leading the challenge", async () => {
    const app = await pendingApplication();
    const next = await member();
    await setChallenge(app.id, { lead_id: next.id });
    expect((await itemOf(app.lead, "application_received")).needsAction).toBe(false);
  });
});

describe("needsAction on a lend, a credit, a question and a merge", () => {
  it("a lend request waits on the manager until they approve it", async () => {
    const lend = await pendingLend();
    const item = await itemOf(lend.manager, "lend_requested");
    expect(item).toMatchObject({ needsAction: true, link: `/challenges/${lend.id}#lend-${lend.lendId}` });
    await ok("POST", `/api/lends/${lend.lendId}/decision`, { as: lend.manager.as, body: { decision: "approve" } });
    expect((await itemOf(lend.manager, "lend_requested")).needsAction).toBe(false);
  });

  it("a lend request clears when the manager declines it", async () => {
    const lend = await pendingLend();
    await ok("POST", `/api/lends/${lend.lendId}/decision`, {
      as: lend.manager.as,
      body: { decision: "decline", reason: "She is on the payments migration this quarter." },
    });
    expect((await counts(lend.manager)).needsAction).toBe(0);
  });

  it("credit waits on the person credited until they confirm or decline it", async () => {
    const confirmed = await pendingCredit();
    const item = await itemOf(confirmed.other, "credit_pending");
    expect(item).toMatchObject({
      needsAction: true,
      link: `/challenges/${confirmed.id}#credit-${confirmed.contributionId}`,
    });
    await ok("POST", `/api/contributions/${confirmed.contributionId}/confirm`, { as: confirmed.other.as });
    expect((await itemOf(confirmed.other, "credit_pending")).needsAction).toBe(false);

    const declined = await pendingCredit();
    await ok("POST", `/api/contributions/${declined.contributionId}/decline`, {
      as: declined.other.as,
      body: { reason: "I only reviewed this one." },
    });
    expect((await itemOf(declined.other, "credit_pending")).needsAction).toBe(false);
  });

  it("a question waits on the whole team until anyone on it answers", async () => {
    const q = await openQuestion();
    for (const p of [q.lead, q.teammate]) {
      const item = await itemOf(p, "question_asked");
      expect(item).toMatchObject({ needsAction: true, link: `/challenges/${q.id}#question-${q.questionId}` });
    }
    await ok(
      "POST",
      `/api/questions/${q.questionId}/answers`,
      { as: q.teammate.as, body: { body: "Yes, twice." } },
      201,
    );
    for (const p of [q.lead, q.teammate]) expect((await counts(p)).needsAction).toBe(0);
  });

  it("a merge proposal waits on the target's lead until decided", async () => {
    const m = await pendingMerge();
    expect((await itemOf(m.target.lead, "merge_requested")).needsAction).toBe(true);
    await ok("POST", `/api/merge-requests/${m.mergeRequestId}/decision`, {
      as: m.target.lead.as,
      body: { decision: "decline", note: "Different customers." },
    });
    expect((await itemOf(m.target.lead, "merge_requested")).needsAction).toBe(false);
  });
});

describe("the inbox as a to-do list", () => {
  it("puts what needs action first, pages across the boundary, and reading an item keeps it waiting", async () => {
    const app = await pendingApplication();
    const lead = app.lead;
    // Two more applications, one of them decided at once: two waiting, one done.
    const second = await member({ discipline: "data" });
    const made = await ok(
      "POST",
      `/api/challenges/${app.id}/slots/${app.slotId}/applications`,
      { as: second.as, body: { pitch: "I wrote the retry logic of the batch runner." } },
      201,
    );
    const third = await member({ discipline: "data" });
    const decided = await ok(
      "POST",
      `/api/challenges/${app.id}/slots/${app.slotId}/applications`,
      { as: third.as, body: { pitch: "I tuned the warehouse's slowest queries." } },
      201,
    );
    await ok("POST", `/api/applications/${decided.id}/decision`, { as: lead.as, body: { decision: "accept" } });

    const all = await inbox(lead);
    const waiting = all.items.filter((n) => n.needsAction).map((n) => n.data.applicationId);
    expect(waiting).toEqual([made.id, app.applicationId]);
    expect(all.items.findIndex((n) => !n.needsAction)).toBe(2);
    expect(all.needsAction).toBe(2);

    // One item per page still walks every item once, action items first.
    const seen: Item[] = [];
    let cursor: string | null = null;
    do {
      const page = await inbox(lead, `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((n) => n.id)).toEqual(all.items.map((n) => n.id));

    // Opening (reading) an item is not doing it: it stays waiting, but is no longer unread.
    const marked = await ok("POST", "/api/inbox/read", { as: lead.as, body: { all: true } });
    expect(marked).toEqual({ unread: 0, needsAction: 2 });
    const after = await inbox(lead);
    expect(after.items.filter((n) => n.needsAction)).toHaveLength(2);
    expect(after.items.every((n) => n.readAt !== null)).toBe(true);
  });
});

describe("needsAction on spend", () => {
  it("a spend report waits on the challenge's sponsors, not its reporter, until one decides it", async () => {
    const spend = await pendingSpend();
    const item = await itemOf(spend.sponsor, "spend_reported");
    expect(item).toMatchObject({ needsAction: true, link: `/challenges/${spend.id}#spend-${spend.reportId}` });
    expect((await inbox(spend.lead)).items.some((n) => n.kind === "spend_reported")).toBe(false);
    await ok("POST", `/api/spends/${spend.reportId}/decision`, { as: spend.sponsor.as, body: { decision: "approve" } });
    expect((await itemOf(spend.sponsor, "spend_reported")).needsAction).toBe(false);
  });
});
