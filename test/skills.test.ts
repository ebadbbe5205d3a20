import { describe, expect, it } from "vitest";
import { byFit, evidencedSlotFit, inviteRefusal, rankCandidates } from "../worker/domain/skills";
import { callJson, createChallenge, env, expectError, expectInvalid, member, setChallenge } from "./helpers";

/**
 * Skills with evidence (SPEC §16): shown versus declared from known data, endorsements naming
 * skills, For you's order, "people who have done this" with headroom, and invitations.
 */

type Person = Awaited<ReturnType<typeof member>>;
let n = 0;
/** A skill tag nobody else in the suite uses, so global lists (candidates) stay ours. */
const tag = (name: string) => `${name}-${Date.now().toString(36)}${++n}`;

/** A published challenge led by a new lead, with one slot per entry; returns the ids. */
async function challengeWith(
  slots: { discipline?: string; skills: string[]; commitmentPercent?: number; count?: number }[],
) {
  const lead = await member();
  const id = await createChallenge(
    lead.as,
    {
      slots: slots.map((s) => ({
        discipline: s.discipline ?? "data",
        count: s.count ?? 3,
        skills: s.skills,
        commitmentPercent: s.commitmentPercent ?? 20,
        required: false,
      })),
    },
    true,
  );
  const ch = await callJson("GET", `/api/challenges/${id}`, { as: lead.as });
  return { lead, id, slotIds: ch.body.slots.map((s: { id: string }) => s.id) as string[] };
}

/** Seats `person` in a slot (active, `percent` of their time), keeping `filled` in step. */
async function seat(challengeId: string, slotId: string, person: { id: string }, percent = 20) {
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO memberships (id, challenge_id, slot_id, person_id, commitment_percent, status) VALUES (?, ?, ?, ?, ?, 'active')",
    ).bind(`mem_sk_${crypto.randomUUID().slice(0, 12)}`, challengeId, slotId, person.id, percent),
    env.DB.prepare("UPDATE challenge_slots SET filled = filled + 1 WHERE id = ?").bind(slotId),
  ]);
}

/** A contribution straight in D1, in the status given (confirmed ones get a confirmation date). */
async function credit(challengeId: string, person: { id: string }, status: string, at = new Date().toISOString()) {
  const id = `cr_sk_${crypto.randomUUID().slice(0, 12)}`;
  await env.DB.prepare(
    `INSERT INTO contributions (id, challenge_id, person_id, recorded_by_id, type, description, status, confirmed_at, created_at)
     VALUES (?, ?, ?, ?, 'software', 'Built the thing', ?, ?, ?)`,
  )
    .bind(id, challengeId, person.id, person.id, status, status === "confirmed" ? at : null, at)
    .run();
  return id;
}

/** A challenge made active with `person` seated in its one slot asking for `skills`. */
async function doneOn(person: Person, skills: string[], status = "confirmed") {
  const ch = await challengeWith([{ skills }]);
  await setChallenge(ch.id, { stage: "active" });
  await seat(ch.id, ch.slotIds[0], person);
  const contributionId = await credit(ch.id, person, status);
  return { ...ch, contributionId };
}

describe("shown versus declared skills", () => {
  it("shows a skill backed by confirmed credit on a slot that asked for it; pending and declined credit shows nothing", async () => {
    const shownTag = tag("kubernetes");
    const pendingTag = tag("terraform");
    const declinedTag = tag("spark");
    const declaredTag = tag("haskell");
    const person = await member({ discipline: "data", skills: [shownTag, declaredTag, pendingTag] });
    const a = await doneOn(person, [shownTag]);
    const b = await doneOn(person, [shownTag]);
    await doneOn(person, [pendingTag], "pending");
    await doneOn(person, [declinedTag], "declined");

    const res = await callJson("GET", `/api/people/${person.id}/skills`, { as: person.as });
    expect(res.status).toBe(200);
    const shown = res.body.shown.map((s: { skill: string }) => s.skill);
    expect(shown).toEqual([shownTag]);
    const kube = res.body.shown[0];
    expect(kube.contributions).toBe(2);
    expect(kube.challenges).toBe(2);
    expect(kube.endorsements).toBe(0);
    expect(kube.challengeIds.sort()).toEqual([a.id, b.id].sort());
    expect(kube.contributionIds.sort()).toEqual([a.contributionId, b.contributionId].sort());
    expect(kube.evidence[0]).toMatchObject({ challengeTitle: expect.any(String) });
    expect(kube.latestAt).toMatch(/^\d{4}-/);
    // Declared but not shown: listed apart; the pending one's skill is still only declared.
    expect(res.body.declared.sort()).toEqual([declaredTag, pendingTag].sort());
  });

  it("shows a skill an endorsement names, on confirmed credit only, and counts the endorsement", async () => {
    const team = await challengeWith([{ skills: [] }]);
    await setChallenge(team.id, { stage: "active" });
    const person = await member({ discipline: "data" });
    const peer = await member({ discipline: "data" });
    await seat(team.id, team.slotIds[0], person);
    await seat(team.id, team.slotIds[0], peer);
    const made = await callJson("POST", `/api/challenges/${team.id}/contributions`, {
      as: person.as,
      body: { personId: person.id, type: "software", description: "Moved the jobs to the cluster" },
    });
    expect(made.status).toBe(201);
    const skill = tag("Kubernetes");
    const res = await callJson("POST", `/api/contributions/${made.body.id}/endorsements`, {
      as: peer.as,
      body: { note: "Moved every job without downtime.", skills: [`  ${skill.toUpperCase()} `, skill] },
    });
    expect(res.status).toBe(201);
    const endorsement = res.body.endorsements[0];
    expect(endorsement.skills).toEqual([skill.toLowerCase()]);

    const skills = await callJson("GET", `/api/people/${person.id}/skills`, { as: peer.as });
    expect(skills.body.shown).toHaveLength(1);
    expect(skills.body.shown[0]).toMatchObject({ skill: skill.toLowerCase(), contributions: 1, endorsements: 1 });

    // The endorsed person hears of it, with the skills named.
    const row = await env.DB.prepare(
      "SELECT data FROM notifications WHERE recipient_id = ? AND kind = 'endorsement' ORDER BY created_at DESC LIMIT 1",
    )
      .bind(person.id)
      .first<{ data: string }>();
    expect(JSON.parse(row?.data ?? "{}").skills).toEqual([skill.toLowerCase()]);

    // Retracted, it backs nothing any more.
    await env.DB.prepare("UPDATE contributions SET status = 'retracted' WHERE id = ?").bind(made.body.id).run();
    const after = await callJson("GET", `/api/people/${person.id}/skills`, { as: peer.as });
    expect(after.body.shown).toEqual([]);
  });

  it("is 404 for nobody", async () => {
    const me = await member();
    expectError(await callJson("GET", "/api/people/p_nobody/skills", { as: me.as }), 404);
  });
});

describe("endorsement skills: validation", () => {
  it("refuses more than 5 skills, blank ones and ones over 40 characters, naming the field", async () => {
    const team = await challengeWith([{ skills: [] }]);
    await setChallenge(team.id, { stage: "active" });
    const person = await member();
    const peer = await member();
    await seat(team.id, team.slotIds[0], person);
    await seat(team.id, team.slotIds[0], peer);
    const id = await credit(team.id, person, "confirmed");
    const path = `/api/contributions/${id}/endorsements`;
    const note = "Careful work.";
    const tooMany = await callJson("POST", path, {
      as: peer.as,
      body: { note, skills: ["a", "b", "c", "d", "e", "f"] },
    });
    expect(expectInvalid(tooMany, "skills").skills).toMatch(/at most 5/i);
    const fields = (r: { body: { error: { details: { fields: Record<string, string> } } } }) =>
      Object.keys(r.body.error.details.fields).join(" ");
    const long = await callJson("POST", path, { as: peer.as, body: { note, skills: ["x".repeat(41)] } });
    expect(long.status).toBe(400);
    expect(fields(long)).toContain("skills");
    const blank = await callJson("POST", path, { as: peer.as, body: { note, skills: ["  "] } });
    expect(blank.status).toBe(400);
    expect(fields(blank)).toContain("skills");
    const notList = await callJson("POST", path, { as: peer.as, body: { note, skills: "sql" } });
    expect(notList.status).toBe(400);
    // Nothing was stored by the refusals; without skills an endorsement still works.
    const fine = await callJson("POST", path, { as: peer.as, body: { note } });
    expect(fine.status).toBe(201);
    expect(fine.body.endorsements[0].skills).toEqual([]);
  });
});

describe("For you: shown skills before declared ones", () => {
  it("ranks a role asking for a shown skill above one asking only for declared skills, and says which", async () => {
    const shownTag = tag("kubernetes");
    const declaredTag = tag("rust");
    const extra = tag("go");
    const me = await member({ discipline: "design", skills: [declaredTag, extra] });
    await doneOn(me, [shownTag]);
    await doneOn(me, [shownTag]);
    await doneOn(me, [shownTag]);
    // The declared-only role matches two listed skills: by points alone it would outrank the shown one.
    const declaredRole = await challengeWith([{ discipline: "data", skills: [declaredTag, extra] }]);
    const shownRole = await challengeWith([{ discipline: "data", skills: [shownTag] }]);
    const res = await callJson("GET", "/api/for-you?limit=50", { as: me.as });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { challenge: { id: string } }) => i.challenge.id);
    expect(ids.indexOf(shownRole.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(declaredRole.id)).toBeGreaterThan(ids.indexOf(shownRole.id));
    const shownItem = res.body.items[ids.indexOf(shownRole.id)];
    expect(shownItem.reasons).toContain(`You have shown ${shownTag} on 3 challenges.`);
    expect(shownItem.shownSkills).toEqual([shownTag]);
    const declaredItem = res.body.items[ids.indexOf(declaredRole.id)];
    expect(declaredItem.reasons).toContain(`You list ${declaredTag}, ${extra}.`);
    expect(declaredItem.shownSkills).toEqual([]);
  });

  it("orders by the rule: any shown match first, then points, then title", () => {
    const shown = new Map([["k8s", { challenges: 1 }]]);
    const fitShown = evidencedSlotFit(
      { discipline: null, declared: [], shown },
      { discipline: "data", skills: ["k8s"], required: false },
    );
    const fitDeclared = evidencedSlotFit(
      { discipline: "data", declared: ["a", "b", "c"], shown },
      { discipline: "data", skills: ["a", "b", "c"], required: true },
    );
    expect(fitDeclared.score).toBeGreaterThan(fitShown.score);
    expect(fitShown.reasons).toEqual(["You have shown k8s on 1 challenge."]);
    const items = [
      { shownMatches: 0, score: fitDeclared.score, title: "B" },
      { shownMatches: 1, score: fitShown.score, title: "Z" },
    ].sort(byFit);
    expect(items.map((i) => i.title)).toEqual(["Z", "B"]);
  });
});

describe("people who have done this", () => {
  it("ranks by shown skills, discipline and headroom; someone at the cap is listed last with 0 headroom; the team and applicants are left out", async () => {
    const k = tag("kubernetes");
    const t = tag("terraform");
    const both = await member({ discipline: "design", name: "Bea Both" });
    const sameDiscipline = await member({ discipline: "data", name: "Dan Data" });
    const other = await member({ discipline: "design", name: "Olga Other" });
    const busy = await member({ discipline: "data", name: "Bo Busy" });
    const applicant = await member({ discipline: "data", name: "Ann Applicant" });
    const declaredOnly = await member({ discipline: "data", skills: [k, t], name: "Lee Lister" });
    await doneOn(both, [k, t]);
    await doneOn(sameDiscipline, [k]);
    await doneOn(other, [k]);
    const busyOn = await doneOn(busy, [k, t]);
    await doneOn(applicant, [k]);
    // Bo is at the org's cap (100%) on the challenge above.
    await env.DB.prepare("UPDATE memberships SET commitment_percent = 100 WHERE person_id = ? AND challenge_id = ?")
      .bind(busy.id, busyOn.id)
      .run();

    const wanted = await challengeWith([{ discipline: "data", skills: [k, t], commitmentPercent: 30 }]);
    const member1 = await member({ discipline: "data" });
    await doneOn(member1, [k]);
    await seat(wanted.id, wanted.slotIds[0], member1);
    const apply = await callJson("POST", `/api/challenges/${wanted.id}/slots/${wanted.slotIds[0]}/applications`, {
      as: applicant.as,
      body: { pitch: "I ran the cluster for two years." },
    });
    expect(apply.status).toBe(201);

    const res = await callJson("GET", `/api/challenges/${wanted.id}/slots/${wanted.slotIds[0]}/candidates`, {
      as: wanted.lead.as,
    });
    expect(res.status).toBe(200);
    const names = res.body.items.map((c: { person: { name: string } }) => c.person.name);
    expect(names).toEqual(["Bea Both", "Dan Data", "Olga Other", "Bo Busy"]);
    expect(names).not.toContain("Lee Lister");
    expect(res.body.items.some((c: { person: { id: string } }) => c.person.id === member1.id)).toBe(false);
    expect(res.body.items.some((c: { person: { id: string } }) => c.person.id === declaredOnly.id)).toBe(false);
    const bea = res.body.items[0];
    expect(bea).toMatchObject({ loadPercent: 20, capPercent: 100, headroomPercent: 80, hasRoom: true, invited: false });
    expect(bea.shownSkills.map((s: { skill: string }) => s.skill).sort()).toEqual([k, t].sort());
    expect(bea.reasons.join(" ")).toContain(`Has shown ${k} on 1 challenge.`);
    expect(res.body.items[1].sameDiscipline).toBe(true);
    const bo = res.body.items[3];
    expect(bo).toMatchObject({ headroomPercent: 0, hasRoom: false, loadPercent: 100 });
    expect(bo.reasons.join(" ")).toContain("No room now");
  });

  it("answers only the lead or co-lead (403), and 404 for an unknown challenge, slot or someone's draft", async () => {
    const ch = await challengeWith([{ skills: ["sql"] }]);
    const outsider = await member();
    const path = `/api/challenges/${ch.id}/slots/${ch.slotIds[0]}`;
    expectError(await callJson("GET", `${path}/candidates`, { as: outsider.as }), 403, "forbidden");
    expectError(
      await callJson("POST", `${path}/invitations`, { as: outsider.as, body: { personId: outsider.id } }),
      403,
      "forbidden",
    );
    expectError(await callJson("GET", `/api/challenges/${ch.id}/slots/sl_nope/candidates`, { as: ch.lead.as }), 404);
    expectError(
      await callJson("GET", `/api/challenges/ch_nope/slots/${ch.slotIds[0]}/candidates`, { as: ch.lead.as }),
      404,
    );
    const draftLead = await member();
    const draft = await createChallenge(draftLead.as, {});
    const draftSlot = (await callJson("GET", `/api/challenges/${draft}`, { as: draftLead.as })).body.slots[0].id;
    expectError(
      await callJson("GET", `/api/challenges/${draft}/slots/${draftSlot}/candidates`, { as: outsider.as }),
      404,
    );
    const coLead = await member();
    await setChallenge(ch.id, { co_lead_id: coLead.id });
    expect((await callJson("GET", `${path}/candidates`, { as: coLead.as })).status).toBe(200);
  });

  it("ranks with the documented rule (pure)", () => {
    const ranked = rankCandidates({ discipline: "data", commitmentPercent: 30 }, [
      {
        personId: "a",
        name: "Full",
        disciplineId: "data",
        shown: [{ skill: "k", challenges: 9, contributions: 9 }],
        load: 90,
        cap: 100,
      },
      {
        personId: "b",
        name: "Free",
        disciplineId: "x",
        shown: [{ skill: "k", challenges: 1, contributions: 1 }],
        load: 0,
        cap: 100,
      },
    ]);
    expect(ranked.map((r) => [r.name, r.headroom, r.hasRoom])).toEqual([
      ["Free", 100, true],
      ["Full", 10, false],
    ]);
  });
});

describe("inviting someone to apply", () => {
  it("stores the invitation, tells the person (slot_invited, opening the slot), and answers 409 on a repeat", async () => {
    const ch = await challengeWith([{ discipline: "data", skills: ["sql"] }]);
    const invitee = await member({ discipline: "data" });
    const path = `/api/challenges/${ch.id}/slots/${ch.slotIds[0]}/invitations`;
    const res = await callJson("POST", path, {
      as: ch.lead.as,
      body: { personId: invitee.id, note: "You rebuilt the rollup; this is the same job." },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ slotId: ch.slotIds[0], challengeId: ch.id, person: { id: invitee.id } });

    const inbox = await callJson("GET", "/api/inbox", { as: invitee.as });
    expect(inbox.status).toBe(200);
    const item = inbox.body.items.find((i: { kind: string }) => i.kind === "slot_invited");
    expect(item).toBeTruthy();
    expect(item.needsAction).toBe(true);
    expect(item.message).toContain("invited you to apply for the data role");
    expect(item.message).toContain("You rebuilt the rollup");
    expect(item.link).toBe(`/challenges/${ch.id}#slot-${ch.slotIds[0]}`);

    const again = await callJson("POST", path, { as: ch.lead.as, body: { personId: invitee.id } });
    expectError(again, 409, "duplicate");
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM slot_invitations WHERE person_id = ?")
      .bind(invitee.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);

    // Once they apply, the invitation no longer waits on them.
    const applied = await callJson("POST", `/api/challenges/${ch.id}/slots/${ch.slotIds[0]}/applications`, {
      as: invitee.as,
      body: { pitch: "Happy to: same job, new warehouse." },
    });
    expect(applied.status).toBe(201);
    const later = await callJson("GET", "/api/inbox", { as: invitee.as });
    expect(later.body.items.find((i: { kind: string }) => i.kind === "slot_invited").needsAction).toBe(false);

    // Candidates say who was invited.
    const other = await member({ discipline: "data" });
    await doneOn(other, ["sql"]);
    await callJson("POST", path, { as: ch.lead.as, body: { personId: other.id } });
    const list = await callJson("GET", `/api/challenges/${ch.id}/slots/${ch.slotIds[0]}/candidates`, {
      as: ch.lead.as,
    });
    expect(list.body.items.find((c: { person: { id: string } }) => c.person.id === other.id)?.invited).toBe(true);
  });

  it("refuses the team, applicants, unknown people, bad notes and closed slots", async () => {
    const ch = await challengeWith([{ discipline: "data", skills: ["sql"] }]);
    const path = `/api/challenges/${ch.id}/slots/${ch.slotIds[0]}/invitations`;
    expectError(
      await callJson("POST", path, { as: ch.lead.as, body: { personId: ch.lead.id } }),
      409,
      "already_member",
    );
    expectInvalid(await callJson("POST", path, { as: ch.lead.as, body: { personId: "p_nobody" } }), "personId");
    expectInvalid(await callJson("POST", path, { as: ch.lead.as, body: {} }), "personId");
    const someone = await member();
    expectInvalid(
      await callJson("POST", path, { as: ch.lead.as, body: { personId: someone.id, note: "x".repeat(1001) } }),
      "note",
    );
    await env.DB.prepare("UPDATE challenge_slots SET status = 'closed' WHERE id = ?").bind(ch.slotIds[0]).run();
    expectError(await callJson("POST", path, { as: ch.lead.as, body: { personId: someone.id } }), 409, "slot_closed");
  });

  it("follows the rule's order (pure)", () => {
    const base = {
      isLeadOrCoLead: true,
      stage: "open" as const,
      slot: { status: "open", filled: 0, count: 1 },
      onTeam: false,
      applied: false,
      alreadyInvited: false,
    };
    expect(inviteRefusal(base)).toBeNull();
    expect(inviteRefusal({ ...base, isLeadOrCoLead: false })?.status).toBe(403);
    expect(inviteRefusal({ ...base, stage: "archived" })?.code).toBe("invalid_stage");
    expect(inviteRefusal({ ...base, slot: { status: "open", filled: 1, count: 1 } })?.code).toBe("slot_full");
    expect(inviteRefusal({ ...base, applied: true })?.code).toBe("already_applied");
    expect(inviteRefusal({ ...base, alreadyInvited: true })?.code).toBe("duplicate");
  });
});
