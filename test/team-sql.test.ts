import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { holdsSeat, isOnTeamOf, isTeamMember, type MembershipStatus } from "../worker/domain/teams";
import { createDb } from "../worker/middleware/db";
import { holdsSeatSql, teamMemberSql, teamOfSql } from "../worker/services/team-sql";
import { createChallenge, env, member, seedPerson, setChallenge } from "./helpers";

const STATUSES: (MembershipStatus | null)[] = [null, "pending_lend", "active", "released", "lend_declined"];

describe("isOnTeamOf, isTeamMember and holdsSeat", () => {
  const none = { isLead: false, isCoLead: false, membership: null };
  it("puts the lead, the co-lead and active members on the team, nobody else", () => {
    expect(isOnTeamOf({ ...none, isLead: true })).toBe(true);
    expect(isOnTeamOf({ ...none, isCoLead: true })).toBe(true);
    expect(isOnTeamOf({ ...none, membership: "active" })).toBe(true);
    for (const membership of ["pending_lend", "released", "lend_declined", null] as const) {
      expect(isOnTeamOf({ ...none, membership })).toBe(false);
    }
  });
  it("counts a seat awaiting its lend as a seat, but not as being on the team", () => {
    expect(holdsSeat("pending_lend")).toBe(true);
    expect(holdsSeat("active")).toBe(true);
    expect(holdsSeat("released")).toBe(false);
    expect(isTeamMember("pending_lend")).toBe(false);
    expect(isTeamMember("active")).toBe(true);
  });
});

/**
 * "On the team of" has one definition (worker/domain/teams.ts); the SQL that inbox notices,
 * credit and reviews use is built from the same status sets and says the same for any standing.
 */
describe("the team's SQL agrees with the rule", () => {
  it("for any standing, teamOfSql, teamMemberSql and holdsSeatSql say what the functions say", async () => {
    const lead = await member();
    const challengeId = await createChallenge(lead.as);
    const slot = await env.DB.prepare("SELECT id FROM challenge_slots WHERE challenge_id = ?")
      .bind(challengeId)
      .first<{ id: string }>();
    const person = await seedPerson();
    const db = createDb(env.DB);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ isLead: fc.boolean(), isCoLead: fc.boolean(), membership: fc.constantFrom(...STATUSES) }),
        async (standing) => {
          await setChallenge(challengeId, {
            lead_id: standing.isLead ? person.id : lead.id,
            co_lead_id: standing.isCoLead ? person.id : null,
          });
          await env.DB.batch([
            env.DB.prepare("DELETE FROM memberships WHERE challenge_id = ?").bind(challengeId),
            ...(standing.membership
              ? [
                  env.DB.prepare(
                    "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, 20, ?)",
                  ).bind(
                    `mem_prop_${crypto.randomUUID().slice(0, 8)}`,
                    challengeId,
                    slot?.id,
                    person.id,
                    standing.membership,
                  ),
                ]
              : []),
          ]);
          const [row] = await db.all<{ onTeam: number; member: number; seat: number }>(
            sql`SELECT EXISTS (${teamOfSql(sql`${challengeId}`)} INTERSECT SELECT ${person.id}) AS "onTeam",
              ${teamMemberSql(sql`${challengeId}`, sql`${person.id}`)} AS "member",
              ${holdsSeatSql(sql`${challengeId}`, sql`${person.id}`)} AS "seat"`,
          );
          expect({ onTeam: Boolean(row.onTeam), member: Boolean(row.member), seat: Boolean(row.seat) }).toEqual({
            onTeam: isOnTeamOf(standing),
            member: isTeamMember(standing.membership),
            seat: holdsSeat(standing.membership),
          });
        },
      ),
      { numRuns: 30 },
    );
  });
});
