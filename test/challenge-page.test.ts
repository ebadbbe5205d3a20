import { describe, expect, it } from "vitest";
import { call, member } from "./helpers";
import * as f from "./round-trip-fixtures";

/**
 * GET /api/challenges/:id/page answers in one read what the challenge page read from ten routes:
 * each part is exactly what its own route answers to the same caller, with the same permissions.
 */

const PARTS = {
  challenge: "",
  team: "/team",
  ledger: "/ledger",
  mergeRequests: "/merge-requests",
  comments: "/comments?limit=50",
  activity: "/activity?limit=10",
  progress: "/progress",
  updates: "/updates?limit=10",
  contributions: "/contributions?limit=100",
  showcase: "/showcase",
} as const;

async function read(as: string, path: string) {
  const res = await call("GET", path, { as });
  const body: any = await res.json();
  return { status: res.status, body, trips: res.headers.get("Server-Timing") };
}

/** What the separate routes answer, shaped as the page read's parts. */
async function separately(as: string, id: string, { ledger, merges }: { ledger: boolean; merges: boolean }) {
  const parts: Record<string, unknown> = {};
  for (const [key, suffix] of Object.entries(PARTS)) {
    const res = await read(as, `/api/challenges/${id}${suffix}`);
    if (key === "ledger" && !ledger) {
      expect(res.status, "the ledger route refuses whom the page gives no ledger").toBe(403);
      parts[key] = null;
      continue;
    }
    expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(200);
    parts[key] = key === "mergeRequests" ? (merges ? res.body.items : []) : res.body;
  }
  return parts;
}

/** The page read; `responseClock` and relative bits aside, every part equals its route's answer. */
async function pageOf(as: string, id: string) {
  const res = await read(as, `/api/challenges/${id}/page`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.trips).toContain('desc="1 round trip"');
  return res.body;
}

/** An open challenge with a waiting application, a comment, a milestone, an update, credit and a sponsor's pledge. */
async function busyChallenge() {
  const world = await f.sponsorWithBudget();
  const ch = await f.openChallenge({ fundingAsk: 2_500_000 });
  await f.pledge(world.sponsor, ch.id, 1_000_000);
  const applicant = await member({ discipline: "data" });
  await f.ok(
    "POST",
    `/api/challenges/${ch.id}/slots/${ch.slotId}/applications`,
    { as: applicant.as, body: { pitch: "I have run this warehouse's batch jobs for two years." } },
    201,
  );
  await f.ok(
    "POST",
    `/api/challenges/${ch.id}/comments`,
    { as: applicant.as, body: { body: "Which jobs first?" } },
    201,
  );
  await f.ok(
    "POST",
    `/api/challenges/${ch.id}/milestones`,
    { as: ch.lead.as, body: { title: "Inventory the jobs", dueOn: f.isoDay(14) } },
    201,
  );
  await f.ok(
    "POST",
    `/api/challenges/${ch.id}/updates`,
    { as: ch.lead.as, body: { body: "We listed the nightly jobs.", checkins: [] } },
    201,
  );
  await f.ok(
    "POST",
    `/api/challenges/${ch.id}/contributions`,
    { as: ch.lead.as, body: { personId: ch.lead.id, type: "methodology", description: "Wrote the plan." } },
    201,
  );
  return { ...world, ...ch, applicant };
}

describe("GET /api/challenges/:id/page", () => {
  it("gives the lead every part as its own route does, merges and ledger included", async () => {
    const { lead, id } = await busyChallenge();
    const page = await pageOf(lead.as, id);
    expect(page.challenge.viewer.isLead).toBe(true);
    expect(page.ledger).not.toBeNull();
    expect(page.team.applications.length).toBe(1);
    expect(page).toEqual(await separately(lead.as, id, { ledger: true, merges: true }));
  });

  it("gives a sponsor who pledged the ledger, and no merge requests", async () => {
    const { sponsor, id } = await busyChallenge();
    const page = await pageOf(sponsor.as, id);
    expect(page.challenge.viewer.canSeeLedger).toBe(true);
    expect(page.ledger.pledges.length).toBe(1);
    expect(page.mergeRequests).toEqual([]);
    expect(page).toEqual(await separately(sponsor.as, id, { ledger: true, merges: false }));
  });

  it("gives an outsider no ledger, no merges and the activity without amounts", async () => {
    const { id } = await busyChallenge();
    const outsider = await member();
    const page = await pageOf(outsider.as, id);
    expect(page.challenge.viewer.canSeeLedger).toBe(false);
    expect(page.ledger).toBeNull();
    expect(page.mergeRequests).toEqual([]);
    expect(page).toEqual(await separately(outsider.as, id, { ledger: false, merges: false }));
  });

  it("shows a merged challenge's merge to anyone who reads it", async () => {
    const { source, target, mergeRequestId } = await f.pendingMerge();
    await f.ok("POST", `/api/merge-requests/${mergeRequestId}/decision`, {
      as: target.lead.as,
      body: { decision: "accept" },
    });
    const reader = await member();
    const page = await pageOf(reader.as, source.id);
    expect(page.challenge.mergedIntoId).toBe(target.id);
    expect(page.mergeRequests.length).toBe(1);
    expect(page).toEqual(await separately(reader.as, source.id, { ledger: false, merges: true }));
  });

  it("is a 404 for a draft the caller may not see, as GET /:id is, and a 200 for its lead", async () => {
    const { lead, id } = await f.draftChallenge();
    const outsider = await member();
    const res = await read(outsider.as, `/api/challenges/${id}/page`);
    expect(res.status).toBe(404);
    expect((await read(outsider.as, `/api/challenges/${id}`)).status).toBe(404);
    expect((await read(lead.as, `/api/challenges/${id}/page`)).status).toBe(200);
    expect((await read(outsider.as, "/api/challenges/no-such-challenge/page")).status).toBe(404);
  });
});
