import { describe, expect, it } from "vitest";
import { createChallenge, env, member, seedPerson } from "./helpers";

/** What responded_at must be: the first pledge or comment by a current reviewer (SPEC §8). */
const FROM_FACTS = `(SELECT MIN(t) FROM (
  SELECT p.created_at AS t FROM pledges p WHERE p.challenge_id = c.id
  UNION ALL
  SELECT cm.created_at FROM comments cm WHERE cm.challenge_id = c.id
    AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = cm.author_id AND r.role = 'reviewer')))`;

async function respondedAt(id: string) {
  const row = await env.DB.prepare(
    `SELECT c.responded_at AS kept, ${FROM_FACTS} AS facts FROM challenges c WHERE c.id = ?`,
  )
    .bind(id)
    .first<{ kept: string | null; facts: string | null }>();
  // Whatever happened, the kept value is the one the facts give.
  expect(row?.kept).toBe(row?.facts);
  return row?.kept ?? null;
}

async function comment(challengeId: string, authorId: string, at: string) {
  await env.DB.prepare(
    "INSERT INTO comments (id, challenge_id, author_id, body, created_at) VALUES (?, ?, ?, 'A question about scope.', ?)",
  )
    .bind(`cmt_${crypto.randomUUID().slice(0, 12)}`, challengeId, authorId, at)
    .run();
}

describe("challenges.responded_at follows the response clock's facts", () => {
  it("ignores a member's comment, counts it once they become a reviewer, and stops when they are not", async () => {
    const lead = await member();
    const id = await createChallenge(lead.as, {}, true);
    expect(await respondedAt(id)).toBeNull();

    const colleague = await seedPerson();
    await comment(id, colleague.id, "2026-11-02T10:00:00.000Z");
    expect(await respondedAt(id)).toBeNull();

    await env.DB.prepare("INSERT INTO person_roles (person_id, role) VALUES (?, 'reviewer')").bind(colleague.id).run();
    expect(await respondedAt(id)).toBe("2026-11-02T10:00:00.000Z");

    const reviewer = await seedPerson({ roles: ["reviewer"] });
    await comment(id, reviewer.id, "2026-11-01T09:00:00.000Z");
    expect(await respondedAt(id)).toBe("2026-11-01T09:00:00.000Z");

    await env.DB.prepare("DELETE FROM person_roles WHERE person_id = ? AND role = 'reviewer'").bind(reviewer.id).run();
    expect(await respondedAt(id)).toBe("2026-11-02T10:00:00.000Z");
    await env.DB.prepare("DELETE FROM person_roles WHERE person_id = ? AND role = 'reviewer'").bind(colleague.id).run();
    expect(await respondedAt(id)).toBeNull();
  });

  it("agrees with the facts on every challenge after the other test files' changes", async () => {
    const { results } = await env.DB.prepare(
      `SELECT c.id FROM challenges c WHERE c.responded_at IS NOT ${FROM_FACTS}`,
    ).all();
    expect(results).toEqual([]);
  });
});
