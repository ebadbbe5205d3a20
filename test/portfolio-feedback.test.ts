import { describe, expect, it } from "vitest";
import { call, callJson, createChallenge, env, member, setChallenge } from "./helpers";

// Credit that arrives (issue 12): review feedback, replies and decisions reach the portfolio and
// impact packet of everyone with confirmed credit; a manager's approved lends are mentoring
// evidence and count on the recognition board; the packet holds no drafts, writes labels and
// counts in words.

type Person = Awaited<ReturnType<typeof member>>;

const rowId = (prefix: string) => `${prefix}_pf_${crypto.randomUUID().slice(0, 12)}`;

/** Seats `personId` on the challenge's first slot straight in D1; returns the membership id. */
async function seat(personId: string, challengeId: string) {
  const slot = await env.DB.prepare("SELECT id FROM challenge_slots WHERE challenge_id = ? ORDER BY position LIMIT 1")
    .bind(challengeId)
    .first<{ id: string }>();
  const id = rowId("mem");
  await env.DB.prepare(
    "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, 10, 'active')",
  )
    .bind(id, challengeId, slot?.id, personId)
    .run();
  return id;
}

/** A credit record straight in D1, in the state asked for. */
async function credit(
  challengeId: string,
  person: { id: string },
  status: "confirmed" | "pending" | "declined",
  description: string,
) {
  await env.DB.prepare(
    `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status, decline_reason, confirmed_at)
     VALUES (?, ?, ?, ?, 'software', ?, ?, ?, ?)`,
  )
    .bind(
      rowId("cr"),
      challengeId,
      person.id,
      person.id,
      description,
      status,
      status === "declined" ? "Not mine." : "",
      status === "confirmed" ? "2026-03-02T10:00:00.000Z" : null,
    )
    .run();
}

/**
 * A reviewed challenge: Ivo holds confirmed credit, Pat only pending credit and Dee only declined
 * credit. Rae reviewed it, Ivo replied and Rae followed up, and Dara decided to scale it.
 */
async function reviewedChallenge() {
  const lead = await member({ name: "Lia Lead" });
  const ivo = await member({ name: "Ivo Coder", discipline: "engineering", level: "IC5" });
  const pat = await member({ name: "Pat Pending" });
  const dee = await member({ name: "Dee Declined" });
  const rae = await member({ name: "Rae Reviewer", roles: ["reviewer"] });
  const dara = await member({ name: "Dara Decider", roles: ["reviewer"] });
  const id = await createChallenge(lead.as, { title: "Cut batch spend" }, true);
  for (const p of [ivo, pat, dee]) await seat(p.id, id);
  await credit(id, ivo, "confirmed", "Moved the nightly jobs to spot instances");
  await credit(id, pat, "pending", "Sketched the cost dashboard");
  await credit(id, dee, "declined", "Reviewed the runbook");
  await setChallenge(id, { stage: "reviewed" });
  const reviewId = rowId("rev");
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO reviews (id, challenge_id, cycle, reviewer_id, scores, weighted_score, feedback, created_at, updated_at)
       VALUES (?, ?, 1, ?, '{}', 420, ?, '2026-03-10T09:00:00.000Z', '2026-03-10T09:00:00.000Z')`,
    ).bind(reviewId, id, rae.id, "Strong evidence on the spend curve; show the rollback plan."),
    env.DB.prepare(
      "INSERT INTO review_replies (id, review_id, author_id, body, created_at) VALUES (?, ?, ?, ?, '2026-03-11T09:00:00.000Z')",
    ).bind(rowId("rr"), reviewId, ivo.id, "The rollback plan is in the runbook, section 3."),
    env.DB.prepare(
      "INSERT INTO review_replies (id, review_id, author_id, body, created_at) VALUES (?, ?, ?, ?, '2026-03-12T09:00:00.000Z')",
    ).bind(rowId("rr"), reviewId, rae.id, "Found it, thanks."),
    env.DB.prepare(
      `INSERT INTO decisions (id, challenge_id, cycle, decision, rationale, decided_by_id, created_at)
       VALUES (?, ?, 1, 'scale', ?, ?, '2026-03-14T09:00:00.000Z')`,
    ).bind(rowId("dec"), id, "Scale to the other two regions: the savings held for six weeks.", dara.id),
  ]);
  return { id, lead, ivo, pat, dee, rae, dara, reviewId };
}

async function ok(path: string, as: string) {
  const res = await callJson("GET", path, { as });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

const portfolio = (as: string, personId: string) => ok(`/api/people/${personId}/portfolio`, as);
const packetJson = (as: string, personId: string) => ok(`/api/people/${personId}/impact-packet`, as);

async function packetText(as: string, personId: string) {
  const res = await call("GET", `/api/people/${personId}/impact-packet.md`, { as });
  expect(res.status).toBe(200);
  return res.text();
}

/** The `## ` section of a Markdown packet called `heading`. */
function section(markdown: string, heading: string) {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  expect(start, `no section ${heading}`).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

const FEEDBACK = "Strong evidence on the spend curve; show the rollback plan.";
const RATIONALE = "Scale to the other two regions: the savings held for six weeks.";
const REPLY = "The rollback plan is in the runbook, section 3.";

describe("GET /api/people/:id/portfolio: review feedback", () => {
  it("carries the feedback, its replies and the decision's rationale to a member with confirmed credit, for any viewer", async () => {
    const w = await reviewedChallenge();
    const stranger = await member();
    for (const viewer of [w.ivo, stranger]) {
      const p = await portfolio(viewer.as, w.ivo.id);
      expect(p.feedback).toEqual([
        {
          challenge: { id: w.id, title: "Cut batch spend" },
          cycle: 1,
          decision: expect.objectContaining({
            decision: "scale",
            rationale: RATIONALE,
            decidedBy: { id: w.dara.id, name: "Dara Decider" },
          }),
          reviews: [
            expect.objectContaining({
              id: w.reviewId,
              reviewer: { id: w.rae.id, name: "Rae Reviewer" },
              weightedScore: 4.2,
              feedback: FEEDBACK,
              replies: [
                expect.objectContaining({ author: { id: w.ivo.id, name: "Ivo Coder" }, body: REPLY }),
                expect.objectContaining({ author: { id: w.rae.id, name: "Rae Reviewer" }, body: "Found it, thanks." }),
              ],
            }),
          ],
        },
      ]);
    }
  });

  it("carries none of it to someone with only pending or declined credit on the challenge", async () => {
    const w = await reviewedChallenge();
    for (const who of [w.pat, w.dee]) {
      const p = await portfolio(who.as, who.id);
      expect(p.feedback).toEqual([]);
      expect(JSON.stringify(p)).not.toContain(FEEDBACK);
      expect(JSON.stringify(p)).not.toContain(RATIONALE);
    }
  });

  it("names a reviewer who has left as Crux shows them: with “(left)”", async () => {
    const w = await reviewedChallenge();
    await env.DB.prepare("UPDATE people SET active = 0 WHERE id = ?").bind(w.rae.id).run();
    const p = await portfolio(w.ivo.as, w.ivo.id);
    expect(p.feedback[0].reviews[0].reviewer.name).toBe("Rae Reviewer (left)");
  });
});

describe("GET /api/people/:id/impact-packet(.md): review feedback", () => {
  it("holds the feedback, replies and rationale for a member with confirmed credit, in JSON and Markdown", async () => {
    const w = await reviewedChallenge();
    const json = await packetJson(w.ivo.as, w.ivo.id);
    expect(json.feedback).toHaveLength(1);
    expect(json.feedback[0].decision.rationale).toBe(RATIONALE);
    expect(json.feedback[0].reviews[0].feedback).toBe(FEEDBACK);
    expect(json.feedback[0].reviews[0].replies.map((r: { body: string }) => r.body)).toEqual([
      REPLY,
      "Found it, thanks.",
    ]);
    const feedback = section(await packetText(w.ivo.as, w.ivo.id), "Review feedback and decisions");
    expect(feedback).toContain(
      `- [Cut batch spend](http://localhost/challenges/${w.id}), cycle 1 — decision: **Scale** (2026-03-14, by Dara Decider): ${RATIONALE}`,
    );
    expect(feedback).toContain(
      "  - Review by Rae Reviewer (2026-03-10), weighted score 4.2 of 5: Strong evidence on the spend curve; show the rollback plan.",
    );
    expect(feedback).toContain(`    - Reply from Ivo Coder (2026-03-11): ${REPLY}`);
  });

  it("holds none of it for someone with only pending or declined credit, nor their records", async () => {
    const w = await reviewedChallenge();
    for (const who of [w.pat, w.dee]) {
      const text = await packetText(who.as, who.id);
      expect(section(text, "Review feedback and decisions")).toContain("No review feedback yet");
      for (const secret of [FEEDBACK, RATIONALE, REPLY, "Sketched the cost dashboard", "Reviewed the runbook"]) {
        expect(text).not.toContain(secret);
      }
      const json = await packetJson(who.as, who.id);
      expect(json.feedback).toEqual([]);
      expect(json.totals.confirmed).toBe(0);
    }
  });
});

describe("the impact packet: no drafts, labels, plural forms", () => {
  it("holds none of the person's own drafts, though their portfolio shows them to them", async () => {
    const w = await reviewedChallenge();
    const draft = await createChallenge(w.ivo.as, { title: "Secret spot-instance draft" });
    await credit(draft, w.ivo, "confirmed", "Draft-only prototype");
    expect(JSON.stringify(await portfolio(w.ivo.as, w.ivo.id))).toContain("Secret spot-instance draft");
    const text = await packetText(w.ivo.as, w.ivo.id);
    const json = JSON.stringify(await packetJson(w.ivo.as, w.ivo.id));
    for (const body of [text, json]) {
      expect(body).not.toContain(draft);
      expect(body).not.toContain("Secret spot-instance draft");
      expect(body).not.toContain("Draft-only prototype");
    }
    expect(text).toContain("1 confirmed contribution on 1 challenge;");
  });

  it("writes the discipline's and the level's labels, not their ids", async () => {
    const w = await reviewedChallenge();
    const text = await packetText(w.ivo.as, w.ivo.id);
    const facts = text.split("\n")[2];
    expect(facts).toBe("Engineer · IC5 · Senior Staff · Engineering · IC track");
    expect((await packetJson(w.ivo.as, w.ivo.id)).person).toMatchObject({
      discipline: "Engineering",
      level: "IC5 · Senior Staff",
    });
  });

  it("counts by the plural rules: “1 challenge”, “2 challenges”, never “challenge(s)”", async () => {
    const w = await reviewedChallenge();
    const one = await packetText(w.ivo.as, w.ivo.id);
    expect(one).toContain("1 confirmed contribution on 1 challenge;");
    const second = await createChallenge(w.lead.as, { title: "Second challenge" }, true);
    await seat(w.ivo.id, second);
    await credit(second, w.ivo, "confirmed", "Wrote the cost model");
    const two = await packetText(w.ivo.as, w.ivo.id);
    expect(two).toContain("2 confirmed contributions on 2 challenges;");
    expect((await packetJson(w.ivo.as, w.ivo.id)).summary).toBe("2 confirmed contributions on 2 challenges");
    for (const text of [one, two]) expect(text).not.toContain("(s)");
  });
});

// ─── Mentoring: a manager's approved lends ──────────────────────────────────────────────────

/** A lend request from `manager` for `person`'s seat, in the state asked for, decided at `decidedAt`. */
async function lend(
  manager: Person,
  person: Person,
  challengeId: string,
  status: "approved" | "declined" | "pending",
  sharePercent: number,
  decidedAt: string | null,
) {
  const membershipId = await seat(person.id, challengeId);
  await env.DB.prepare(
    `INSERT INTO lend_requests (id, membership_id, challenge_id, person_id, manager_id, share_percent, status, reason, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      rowId("lend"),
      membershipId,
      challengeId,
      person.id,
      manager.id,
      sharePercent,
      status,
      status === "declined" ? "Quarter close." : "",
      status === "pending" ? null : decidedAt,
    )
    .run();
}

/**
 * Mara approved two lends in Q3 of `year`, declined one and has one pending; Max only declined or
 * left them pending. Storage lasts the whole file, so each board test takes a year of its own.
 */
async function lends(year = 2015) {
  const lead = await member({ name: "Lia Lead" });
  const mara = await member({ name: "Mara Manager", track: "management", level: "M2", discipline: "operations" });
  const max = await member({ name: "Max Manager", track: "management", level: "M2" });
  const reports = {
    ana: await member({ name: "Ana Approved", managerId: mara.id }),
    ben: await member({ name: "Ben Approved", managerId: mara.id }),
    dan: await member({ name: "Dan Declined", managerId: mara.id }),
    pia: await member({ name: "Pia Pending", managerId: mara.id }),
    dot: await member({ name: "Dot Declined", managerId: max.id }),
    pim: await member({ name: "Pim Pending", managerId: max.id }),
  };
  const id = await createChallenge(lead.as, { title: "Cut batch spend" }, true);
  const q = `${year}-08-01T10:00:00.000Z`;
  await lend(mara, reports.ana, id, "approved", 20, q);
  await lend(mara, reports.ben, id, "approved", 30, `${year}-09-01T10:00:00.000Z`);
  await lend(mara, reports.dan, id, "declined", 10, q);
  await lend(mara, reports.pia, id, "pending", 10, null);
  await lend(max, reports.dot, id, "declined", 10, q);
  await lend(max, reports.pim, id, "pending", 10, null);
  return { id, lead, mara, max, ...reports };
}

describe("a manager's approved lends: mentoring evidence", () => {
  it("are listed on their portfolio, in the dimension that holds mentoring; declined and pending ones are not", async () => {
    const w = await lends();
    const p = await portfolio(w.lead.as, w.mara.id);
    expect(p.totals.lends).toBe(2);
    expect(p.lends.map((l: { person: { name: string } }) => l.person.name).sort()).toEqual([
      "Ana Approved",
      "Ben Approved",
    ]);
    expect(p.dimensions.filter((d: { holdsLends: boolean }) => d.holdsLends).map((d: { id: string }) => d.id)).toEqual([
      "mentoring",
    ]);
    expect((await portfolio(w.lead.as, w.max.id)).lends).toEqual([]);
  });

  it("fill the packet's Mentoring section: person, challenge, share and date, each; declined and pending never", async () => {
    const w = await lends();
    const mentoring = section(await packetText(w.mara.as, w.mara.id), "Mentoring");
    expect(mentoring).not.toContain("No confirmed credit in this dimension yet.");
    expect(mentoring).toContain("- Lent 2 people to hub work as their manager:");
    expect(mentoring).toContain(
      `  - Ana Approved to [Cut batch spend](http://localhost/challenges/${w.id}), 20% (2015-08-01)`,
    );
    expect(mentoring).toContain(
      `  - Ben Approved to [Cut batch spend](http://localhost/challenges/${w.id}), 30% (2015-09-01)`,
    );
    expect(mentoring).not.toContain("Dan Declined");
    expect(mentoring).not.toContain("Pia Pending");
    const json = await packetJson(w.mara.as, w.mara.id);
    const dimension = json.dimensions.find((d: { id: string }) => d.id === "mentoring");
    expect(dimension.lends.map((l: { sharePercent: number }) => l.sharePercent).sort()).toEqual([20, 30]);
    expect(json.totals.lends).toBe(2);
    expect(section(await packetText(w.max.as, w.max.id), "Mentoring")).toContain(
      "No confirmed credit in this dimension yet.",
    );
  });

  it("count on the recognition board's management track in the quarter they were approved; declined and pending do not", async () => {
    const w = await lends(2017);
    const board = await ok("/api/recognition?quarter=2017-Q3", w.lead.as);
    expect(board.management.map((r: any) => [r.person.id, r.credits, r.lends])).toEqual([[w.mara.id, 0, 2]]);
    expect(board.ic.map((r: any) => r.person.id)).not.toContain(w.mara.id);
    const other = await ok("/api/recognition?quarter=2017-Q4", w.lead.as);
    expect(other.management).toEqual([]);
  });

  it("rank with confirmed credit on the management track: one lend weighs as one credit", async () => {
    const w = await lends(2016);
    const mo = await member({ name: "Mo Manager", track: "management", level: "M2" });
    await seat(mo.id, w.id);
    await env.DB.prepare(
      `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status, confirmed_at)
       VALUES (?, ?, ?, ?, 'supervision_mentoring', 'Coached the team', 'confirmed', '2016-08-02T00:00:00.000Z')`,
    )
      .bind(rowId("cr"), w.id, mo.id, mo.id)
      .run();
    const board = await ok("/api/recognition?quarter=2016-Q3&track=management", w.lead.as);
    expect(board.management.map((r: any) => [r.person.name, r.credits, r.lends])).toEqual([
      ["Mara Manager", 0, 2],
      ["Mo Manager", 1, 0],
    ]);
  });
});
