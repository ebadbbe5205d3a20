import { describe, expect, it } from "vitest";
import { call, createChallenge, member, setChallenge } from "./helpers";
import {
  challengeInReview,
  isoDay,
  ok,
  openChallenge,
  openQuestion,
  type Person,
  pendingApplication,
  pendingCredit,
  pendingLend,
  pendingMerge,
  pendingSpend,
  pledge,
  reviewer,
  scoresFor,
  sponsorWithBudget,
  unique,
} from "./round-trip-fixtures";

/** My work (SPEC §9, §11): what waits on me and what I am part of, read in one request. */

interface Listed<T = Record<string, unknown>> {
  items: (T & { id: string })[];
  total: number;
}
interface MyWork {
  waitingTotal: number;
  waiting: Record<"applications" | "lends" | "credit" | "questions" | "spend" | "merges", Listed>;
  teams: Listed<{
    role: string;
    applicantsWaiting: number;
    nextMilestone: { id: string; title: string; dueOn: string } | null;
  }>;
  applications: Listed<{ status: string; challenge: { id: string } }>;
  pledges: Listed<{ amount: number; status: string; challenge: { id: string; pledged: number; ask: number | null } }>;
  nearFunded: Listed<{ pledged: number; ask: number; tag: string | null }>;
  toReview: Listed<{ reviews: number }>;
  rolesForYou: { challenge: { id: string }; slot: { id: string } }[];
}

const myWork = (p: Person) => ok<MyWork>("GET", "/api/my-work", { as: p.as });
const ids = (l: Listed) => l.items.map((i) => i.id);

describe("GET /api/my-work", () => {
  it("asks who you are", async () => {
    expect((await call("GET", "/api/my-work")).status).toBe(401);
  });

  it("is empty for someone new, and lists roles that fit them", async () => {
    const ch = await openChallenge();
    const newcomer = await member({ discipline: "data", skills: ["sql"] });
    const work = await myWork(newcomer);
    expect(work.waitingTotal).toBe(0);
    for (const l of Object.values(work.waiting)) expect(l).toEqual({ items: [], total: 0 });
    expect(work.teams.total).toBe(0);
    expect(work.applications.total).toBe(0);
    expect(work.pledges.total).toBe(0);
    expect(work.nearFunded.total).toBe(0);
    expect(work.toReview.total).toBe(0);
    expect(work.rolesForYou.map((r) => r.challenge.id)).toContain(ch.id);
  });

  it("shows the lead an application waiting until they decide it, and the applicant where it stands", async () => {
    const app = await pendingApplication();
    let lead = await myWork(app.lead);
    expect(lead.waiting.applications.items).toEqual([
      expect.objectContaining({
        id: app.applicationId,
        challenge: expect.objectContaining({ id: app.id }),
        person: expect.objectContaining({ id: app.applicant.id }),
        discipline: "data",
      }),
    ]);
    expect(lead.waitingTotal).toBe(1);
    expect(lead.teams.items).toEqual([
      expect.objectContaining({ id: app.id, role: "lead", applicantsWaiting: 1, nextMilestone: null }),
    ]);
    let applicant = await myWork(app.applicant);
    expect(applicant.applications.items).toEqual([
      expect.objectContaining({ id: app.applicationId, status: "pending" }),
    ]);
    expect(applicant.waitingTotal).toBe(0);
    // Someone else sees none of it.
    const outsider = await myWork(await member());
    expect(outsider.waiting.applications.total).toBe(0);

    await ok("POST", `/api/applications/${app.applicationId}/decision`, {
      as: app.lead.as,
      body: { decision: "accept" },
    });
    lead = await myWork(app.lead);
    expect(lead.waiting.applications.total).toBe(0);
    expect(lead.teams.items[0].applicantsWaiting).toBe(0);
    applicant = await myWork(app.applicant);
    expect(applicant.applications.items[0].status).toBe("accepted");
    expect(applicant.teams.items).toEqual([expect.objectContaining({ id: app.id, role: "member" })]);
  });

  it("shows the co-lead the applications too, and a team's next milestone", async () => {
    const app = await pendingApplication();
    const coLead = await member();
    await setChallenge(app.id, { co_lead_id: coLead.id });
    await ok(
      "POST",
      `/api/challenges/${app.id}/milestones`,
      { as: app.lead.as, body: { title: "Later step", dueOn: isoDay(30) } },
      201,
    );
    const next = await ok(
      "POST",
      `/api/challenges/${app.id}/milestones`,
      { as: app.lead.as, body: { title: "First step", dueOn: isoDay(7) } },
      201,
    );
    const work = await myWork(coLead);
    expect(ids(work.waiting.applications)).toEqual([app.applicationId]);
    expect(work.teams.items[0]).toMatchObject({
      role: "co_lead",
      nextMilestone: { id: next.id, title: "First step", dueOn: isoDay(7) },
    });
  });

  it("shows a manager the lend until they decide it", async () => {
    const lend = await pendingLend();
    expect(ids((await myWork(lend.manager)).waiting.lends)).toEqual([lend.lendId]);
    await ok("POST", `/api/lends/${lend.lendId}/decision`, { as: lend.manager.as, body: { decision: "approve" } });
    expect((await myWork(lend.manager)).waiting.lends.total).toBe(0);
  });

  it("shows credit to confirm to its person only, until they confirm it", async () => {
    const credit = await pendingCredit();
    const work = await myWork(credit.other);
    expect(work.waiting.credit.items).toEqual([
      expect.objectContaining({
        id: credit.contributionId,
        person: expect.objectContaining({ id: credit.teammate.id }),
      }),
    ]);
    expect((await myWork(credit.teammate)).waiting.credit.total).toBe(0);
    await ok("POST", `/api/contributions/${credit.contributionId}/confirm`, { as: credit.other.as });
    expect((await myWork(credit.other)).waiting.credit.total).toBe(0);
  });

  it("shows an unanswered question to the whole team, not to who asked, until anyone answers", async () => {
    const q = await openQuestion();
    for (const p of [q.lead, q.coLead, q.teammate])
      expect(ids((await myWork(p)).waiting.questions)).toEqual([q.questionId]);
    expect((await myWork(q.reviewer)).waiting.questions.total).toBe(0);
    await ok("POST", `/api/questions/${q.questionId}/answers`, { as: q.teammate.as, body: { body: "Yes." } }, 201);
    expect((await myWork(q.lead)).waiting.questions.total).toBe(0);
  });

  it("shows spend to the sponsor who must approve it, not to the lead who reported it", async () => {
    const spend = await pendingSpend();
    expect(ids((await myWork(spend.sponsor)).waiting.spend)).toEqual([spend.reportId]);
    expect((await myWork(spend.lead)).waiting.spend.total).toBe(0);
    await ok("POST", `/api/spends/${spend.reportId}/decision`, { as: spend.sponsor.as, body: { decision: "approve" } });
    expect((await myWork(spend.sponsor)).waiting.spend.total).toBe(0);
  });

  it("shows a merge proposal to the target's lead", async () => {
    const m = await pendingMerge();
    const work = await myWork(m.target.lead);
    expect(work.waiting.merges.items).toEqual([
      expect.objectContaining({ id: m.mergeRequestId, source: { id: m.source.id, title: "Tidy the billing exports" } }),
    ]);
    expect((await myWork(m.source.lead)).waiting.merges.total).toBe(0);
  });
});

describe("My work for a sponsor", () => {
  it("lists their pledges, and open challenges nearest to funded in areas they funded before", async () => {
    const world = await sponsorWithBudget();
    const area = unique("area");
    const funded = await openChallenge({ fundingAsk: 2_000_000, tags: [area] });
    await pledge(world.sponsor, funded.id, 500_000);

    // Three open challenges in the same area, pledged to 75%, 20% and 0% by someone else.
    const other = (await sponsorWithBudget()).sponsor;
    const near = await openChallenge({ fundingAsk: 1_000_000, tags: [area, "other"] });
    await pledge(other, near.id, 750_000);
    const far = await openChallenge({ fundingAsk: 1_000_000, tags: [area] });
    await pledge(other, far.id, 200_000);
    const none = await openChallenge({ fundingAsk: 1_000_000, tags: [area] });
    // Elsewhere: no shared tag, however close.
    const elsewhere = await openChallenge({ fundingAsk: 1_000_000, tags: [unique("elsewhere")] });
    await pledge(other, elsewhere.id, 900_000);

    const work = await myWork(world.sponsor);
    expect(work.pledges.items).toEqual([
      expect.objectContaining({
        amount: 500_000,
        status: "active",
        challenge: expect.objectContaining({ id: funded.id, pledged: 500_000, ask: 2_000_000 }),
      }),
    ]);
    const listed = ids(work.nearFunded);
    // The challenge they already sponsor is not suggested; the others come nearest first.
    expect(listed).not.toContain(funded.id);
    expect(listed).not.toContain(elsewhere.id);
    expect(listed.indexOf(near.id)).toBeLessThan(listed.indexOf(far.id));
    expect(listed.indexOf(far.id)).toBeLessThan(listed.indexOf(none.id));
    expect(work.nearFunded.items.find((i) => i.id === near.id)).toMatchObject({
      pledged: 750_000,
      ask: 1_000_000,
      tag: area,
    });
  });

  it("is not offered to someone who is not a sponsor", async () => {
    const world = await sponsorWithBudget();
    const area = unique("area");
    const funded = await openChallenge({ tags: [area] });
    await pledge(world.sponsor, funded.id, 100_000);
    const suggested = await openChallenge({ tags: [area] });
    expect(ids((await myWork(world.sponsor)).nearFunded)).toContain(suggested.id);
    // The same person loses the sponsor role: the list goes with it.
    await ok("PATCH", `/api/people/${world.sponsor.id}`, { as: world.admin.as, body: { roles: ["member"] } });
    expect((await myWork(world.sponsor)).nearFunded.total).toBe(0);
  });
});

describe("My work for a reviewer", () => {
  it("lists showcases they have not reviewed and have no stake in, until they review", async () => {
    const team = await challengeInReview();
    const r = await reviewer();
    expect(ids((await myWork(r)).toReview)).toContain(team.id);

    // A reviewer on the team has a stake: it is not theirs to review.
    const onTeam = await reviewer();
    await setChallenge(team.id, { co_lead_id: onTeam.id });
    expect(ids((await myWork(onTeam)).toReview)).not.toContain(team.id);
    // Nor is it offered to a member who is not a reviewer.
    expect((await myWork(await member())).toReview.total).toBe(0);

    await ok(
      "POST",
      `/api/challenges/${team.id}/reviews`,
      { as: r.as, body: { scores: await scoresFor(r.as), feedback: "Clear evidence." } },
      201,
    );
    expect(ids((await myWork(r)).toReview)).not.toContain(team.id);
    const second = await reviewer();
    expect((await myWork(second)).toReview.items.find((i) => i.id === team.id)).toMatchObject({ reviews: 1 });
  });
});

describe("My work's teams", () => {
  it("lists the lead's draft, and leaves out closed challenges", async () => {
    const lead = await member();
    const draft = await createChallenge(lead.as, { title: "A draft of mine" }, false);
    const closed = await createChallenge(lead.as, { title: "Withdrawn one" }, true);
    await setChallenge(closed, { stage: "withdrawn" });
    const teams = (await myWork(lead)).teams;
    expect(ids(teams)).toContain(draft);
    expect(ids(teams)).not.toContain(closed);
  });
});
