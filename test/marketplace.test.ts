import { describe, expect, it } from "vitest";
import { encodeCursor } from "../worker/domain/cursor";
import { callJson, createChallenge, env, expectError, expectInvalid, member, setChallenge } from "./helpers";

let tagCounter = 0;
/** A tag no other test uses, so a test can list exactly what it seeded. */
const uniqueTag = () => `mkt-${++tagCounter}-${crypto.randomUUID().slice(0, 6)}`;

const list = (as: string, query = "") => callJson("GET", `/api/challenges${query ? `?${query}` : ""}`, { as });
const ids = (res: { body: any }) => res.body.items.map((c: any) => c.id) as string[];

/** Publishes `n` challenges tagged `tag` (with `overrides`), returning their ids in creation order. */
async function publishMany(as: string, n: number, tag: string, overrides: Record<string, unknown> = {}) {
  const created: string[] = [];
  for (let i = 0; i < n; i++) {
    created.push(await createChallenge(as, { title: `Challenge ${tag} ${i}`, tags: [tag], ...overrides }, true));
  }
  return created;
}

/** Follows `nextCursor` from the first page to the last, asserting no id repeats. */
async function walk(as: string, query: string, limit = 3) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 60; page++) {
    const res = await list(as, `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...ids(res));
    cursor = res.body.nextCursor;
    if (!cursor) break;
    expect(res.body.items).toHaveLength(limit);
  }
  expect(cursor).toBeNull();
  expect(new Set(seen).size).toBe(seen.length);
  return seen;
}

/** The whole list in one call, which must fit in one page. */
async function all(as: string, query: string) {
  const res = await list(as, `${query}&limit=100`);
  expect(res.status).toBe(200);
  expect(res.body.nextCursor).toBeNull();
  return ids(res);
}

describe("GET /api/challenges", () => {
  it("lists open, funded, active, showcase and reviewed challenges, never drafts, withdrawn or archived", async () => {
    const lead = await member();
    const tag = uniqueTag();
    const byStage: Record<string, string> = {};
    for (const stage of ["open", "funded", "active", "showcase", "reviewed", "withdrawn", "archived"]) {
      byStage[stage] = await createChallenge(lead.as, { title: `Stage ${stage} ${tag}`, tags: [tag] }, true);
      if (stage !== "open") await setChallenge(byStage[stage], { stage });
    }
    byStage.draft = await createChallenge(lead.as, { tags: [tag] });
    const viewer = await member();

    const listed = await list(viewer.as, `tag=${tag}`);
    expect(listed.status).toBe(200);
    expect(ids(listed).sort()).toEqual(
      ["open", "funded", "active", "showcase", "reviewed"].map((s) => byStage[s]).sort(),
    );
    const everything = await all(viewer.as, "sort=newest");
    for (const stage of ["draft", "withdrawn", "archived"]) expect(everything).not.toContain(byStage[stage]);
    expect(ids(await list(lead.as, `tag=${tag}`))).not.toContain(byStage.draft);

    for (const stage of ["open", "funded", "withdrawn", "archived"]) {
      expect(ids(await list(viewer.as, `tag=${tag}&stage=${stage}`))).toEqual([byStage[stage]]);
    }
  });

  it("answers cards with what the marketplace shows", async () => {
    const lead = await member({ name: "Card Lead" });
    const tag = uniqueTag();
    const [id] = await publishMany(lead.as, 1, tag, {
      tags: [tag, "Alpha"],
      fundingAsk: 12345,
      slots: [
        { discipline: "data", count: 2, commitmentPercent: 20 },
        { discipline: "design", count: 1, commitmentPercent: 20 },
      ],
    });
    const res = await list(lead.as, `tag=${tag}`);
    expect(res.body.items).toEqual([
      {
        id,
        title: `Challenge ${tag} 0`,
        summary: expect.any(String),
        stage: "open",
        tags: ["alpha", tag].sort(),
        backerCount: 0,
        commentCount: 0,
        fundingAsk: 12345,
        pledged: 0,
        returned: 0,
        currency: "USD",
        openRoles: [
          { discipline: "data", open: 2 },
          { discipline: "design", open: 1 },
        ],
        lead: { id: lead.id, name: "Card Lead" },
        listedAt: expect.any(String),
        publishedAt: expect.any(String),
      },
    ]);
  });

  it("lists drafts only with stage=draft, and then only the caller's own (as lead or co-lead)", async () => {
    const tag = uniqueTag();
    const [a, b, c] = [await member(), await member(), await member()];
    const aDraft = await createChallenge(a.as, { tags: [tag] });
    const bDraft = await createChallenge(b.as, { tags: [tag] });
    await setChallenge(bDraft, { co_lead_id: a.id });
    const cDraft = await createChallenge(c.as, { tags: [tag] });
    const admin = await member({ roles: ["admin"] });

    expect(ids(await list(a.as, `tag=${tag}&stage=draft`)).sort()).toEqual([aDraft, bDraft].sort());
    expect(ids(await list(b.as, `tag=${tag}&stage=draft`))).toEqual([bDraft]);
    expect(ids(await list(c.as, `tag=${tag}&stage=draft`))).toEqual([cDraft]);
    expect(ids(await list(admin.as, `tag=${tag}&stage=draft`))).toEqual([]);
    expect(ids(await list(a.as, `tag=${tag}`))).toEqual([]);

    const secret = await createChallenge(c.as, { tags: [tag], title: "Xylophone secret plan" });
    expect(ids(await list(a.as, "q=xylophone"))).toEqual([]);
    expect(ids(await list(c.as, "q=xylophone"))).toEqual([]);
    expect(ids(await list(c.as, "q=xylophone&stage=draft"))).toEqual([secret]);
  });

  describe("q: full-text search", () => {
    async function seedSearch() {
      const lead = await member();
      const tag = uniqueTag();
      const make = (fields: Record<string, unknown>) => createChallenge(lead.as, { tags: [tag], ...fields }, true);
      const seeded = {
        title: await make({ title: "Quokka batch scheduler", summary: "Plain words.", problem: "Plain." }),
        summary: await make({ title: "Second idea", summary: "Wombats deserve better tooling.", problem: "Plain." }),
        problem: await make({ title: "Third idea", summary: "Plain words.", problem: "A platypus in the pipeline." }),
        why: await make({ title: "Fourth idea", summary: "Plain words.", whyItMatters: "Every echidna gains." }),
        batches: await make({ title: "Fewer nightly batches", summary: "Plain words.", problem: "Plain." }),
      };
      return { lead, tag, seeded };
    }

    it("finds by a word of the title, a prefix, a word of the summary, problem or why-it-matters, any case", async () => {
      const { lead, tag, seeded } = await seedSearch();
      const search = async (q: string) => ids(await list(lead.as, `tag=${tag}&q=${encodeURIComponent(q)}`)).sort();
      expect(await search("quokka")).toEqual([seeded.title]);
      expect(await search("QUOKKA")).toEqual([seeded.title]);
      expect(await search("quok")).toEqual([seeded.title]);
      expect(await search("wombats")).toEqual([seeded.summary]);
      expect(await search("platypus")).toEqual([seeded.problem]);
      expect(await search("echidna")).toEqual([seeded.why]);
      expect(await search("quokka scheduler")).toEqual([seeded.title]);
      expect(await search("quokka wombats")).toEqual([]);
      expect(await search("zyzzyva")).toEqual([]);
    });

    it("stems words: batches finds batch and batch finds batches", async () => {
      const { lead, tag, seeded } = await seedSearch();
      const search = async (q: string) => ids(await list(lead.as, `tag=${tag}&q=${q}`)).sort();
      expect(await search("batches")).toEqual([seeded.title, seeded.batches].sort());
      expect(await search("batch")).toEqual([seeded.title, seeded.batches].sort());
      expect(await search("wombat")).toEqual([seeded.summary]);
    });

    it("follows edits: the index matches the new title, not the old", async () => {
      const { lead, tag, seeded } = await seedSearch();
      const res = await callJson("PATCH", `/api/challenges/${seeded.title}`, {
        as: lead.as,
        body: { title: "Kiwi batch scheduler" },
      });
      expect(res.status).toBe(200);
      expect(ids(await list(lead.as, `tag=${tag}&q=kiwi`))).toEqual([seeded.title]);
      expect(ids(await list(lead.as, `tag=${tag}&q=quokka`))).toEqual([]);
    });

    it("never fails on FTS5 syntax in q", async () => {
      const { lead, tag, seeded } = await seedSearch();
      const inputs = [
        '"',
        '"quokka',
        "quokka\"'",
        "*",
        "quok*",
        "AND",
        "quokka AND",
        "OR quokka",
        "NOT",
        "(",
        "quokka )",
        "NEAR",
        "NEAR(quokka scheduler, 2)",
        "-quokka",
        "quokka -",
        "title:quokka",
        "^quokka",
        "{title}: quokka",
        "+",
        "%",
        "_",
        "\\",
        ";DROP TABLE challenges;--",
        "😀 quokka",
        "quokka\u0000",
        "   ",
        "a".repeat(200),
        Array.from({ length: 40 }, (_, i) => `w${i}`).join(" "),
      ];
      for (const q of inputs) {
        const res = await list(lead.as, `tag=${tag}&q=${encodeURIComponent(q)}`);
        expect(res.status, `q=${q}: ${JSON.stringify(res.body)}`).toBe(200);
      }
      const quoted = await list(lead.as, `tag=${tag}&q=${encodeURIComponent('"quokka" (scheduler*')}`);
      expect(ids(quoted)).toEqual([seeded.title]);
      const blank = await list(lead.as, `tag=${tag}&q=${encodeURIComponent("()*")}`);
      expect(ids(blank)).toHaveLength(5);
    });

    it("refuses a q over 200 characters (400 on q)", async () => {
      const { as } = await member();
      expectInvalid(await list(as, `q=${"a".repeat(201)}`), "q");
    });

    it("ranks by relevance by default with q: title over summary over body", async () => {
      const lead = await member();
      const tag = uniqueTag();
      const body = await createChallenge(lead.as, { tags: [tag], title: "One", problem: "A narwhal." }, true);
      const title = await createChallenge(lead.as, { tags: [tag], title: "Narwhal tracking" }, true);
      const summary = await createChallenge(lead.as, { tags: [tag], title: "Two", summary: "A narwhal." }, true);
      const relevance = ids(await list(lead.as, `tag=${tag}&q=narwhal`));
      expect(relevance).toEqual([title, summary, body]);
      expect(ids(await list(lead.as, `tag=${tag}&q=narwhal&sort=relevance`))).toEqual(relevance);
      expect(ids(await list(lead.as, `tag=${tag}&q=narwhal&sort=newest`))).toEqual([summary, title, body]);
    });

    it("finds a word typed halfway past its stem (deploym → deployment), and pages that to the end", async () => {
      const lead = await member();
      const tag = uniqueTag();
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        made.push(await createChallenge(lead.as, { tags: [tag], title: `Zebrafish deployments ${i}` }, true));
      }
      // "deployments" is indexed as its stem "deploy"; "deploym" is not a prefix of it.
      for (const typed of ["deploy", "deploym", "deployme", "deploymen", "deployment", "zebrafish deploym"]) {
        expect(ids(await list(lead.as, `tag=${tag}&q=${encodeURIComponent(typed)}`)).sort(), typed).toEqual(
          [...made].sort(),
        );
      }
      const walked = await walk(lead.as, `tag=${tag}&q=deploymen`, 2);
      expect([...walked].sort()).toEqual([...made].sort());
      expect(await walk(lead.as, `tag=${tag}&q=deploymen&sort=newest`, 2)).toEqual([...made].reverse());
    });

    it("loosens only a search that finds nothing as typed: latency does not match later", async () => {
      const lead = await member();
      const tag = uniqueTag();
      const later = await createChallenge(lead.as, { tags: [tag], title: "Do it later" }, true);
      const latency = await createChallenge(lead.as, { tags: [tag], title: "Cut latency" }, true);
      expect(ids(await list(lead.as, `tag=${tag}&q=latency`))).toEqual([latency]);
      expect(ids(await list(lead.as, `tag=${tag}&q=later`))).toEqual([later]);
      expect(ids(await list(lead.as, `tag=${tag}&q=qwertyuiop`))).toEqual([]);
      // A strict cursor is not read as a loose one: walking a strict search stays strict.
      expect(await walk(lead.as, `tag=${tag}&q=lat`, 1)).toHaveLength(2);
    });
  });

  it("filters by discipline: only challenges with an open slot of it that still has seats", async () => {
    const lead = await member();
    const tag = uniqueTag();
    const data = (count: number) => ({ discipline: "data", count, commitmentPercent: 20 });
    const eng = { discipline: "engineering", count: 1, commitmentPercent: 20 };
    const seatsLeft = await createChallenge(lead.as, { tags: [tag], slots: [eng, data(2)] }, true);
    const full = await createChallenge(lead.as, { tags: [tag], slots: [data(1)] }, true);
    const closed = await createChallenge(lead.as, { tags: [tag], slots: [data(2)] }, true);
    const none = await createChallenge(lead.as, { tags: [tag], slots: [eng] }, true);
    await createChallenge(lead.as, { tags: [tag], slots: [data(1)] });
    await env.DB.batch([
      env.DB.prepare("UPDATE challenge_slots SET filled = 1 WHERE challenge_id = ? AND discipline_id = 'data'").bind(
        seatsLeft,
      ),
      env.DB.prepare("UPDATE challenge_slots SET filled = 1 WHERE challenge_id = ?").bind(full),
      env.DB.prepare("UPDATE challenge_slots SET status = 'closed' WHERE challenge_id = ?").bind(closed),
    ]);
    const res = await list(lead.as, `tag=${tag}&discipline=data`);
    expect(ids(res)).toEqual([seatsLeft]);
    expect(res.body.items[0].openRoles).toEqual([
      { discipline: "engineering", open: 1 },
      { discipline: "data", open: 1 },
    ]);
    expect(ids(await list(lead.as, `tag=${tag}&discipline=engineering`)).sort()).toEqual([seatsLeft, none].sort());
    expect(ids(await list(lead.as, `tag=${tag}&discipline=legal`))).toEqual([]);
    const fullCard = (await list(lead.as, `tag=${tag}`)).body.items.find((c: any) => c.id === full);
    expect(fullCard.openRoles).toEqual([]);
  });

  it("filters by tag, whatever its case", async () => {
    const lead = await member();
    const tag = uniqueTag();
    const [tagged] = await publishMany(lead.as, 1, tag, { tags: [tag, "Zeta Tag"] });
    await publishMany(lead.as, 1, tag);
    expect(ids(await list(lead.as, "tag=zeta-tag"))).toEqual([tagged]);
    expect(ids(await list(lead.as, "tag=ZETA-TAG"))).toEqual([tagged]);
    expect(ids(await list(lead.as, `tag=${tag}`))).toHaveLength(2);
    expect(ids(await list(lead.as, "tag=no-such-tag"))).toEqual([]);
  });

  it("normalises the tag filter as tags are saved: spaces become dashes", async () => {
    const lead = await member();
    const tag = uniqueTag();
    const [tagged] = await publishMany(lead.as, 1, tag, { tags: [`${tag} Data Platform`] });
    expect(ids(await list(lead.as, `tag=${encodeURIComponent(`${tag} DATA  platform`)}`))).toEqual([tagged]);
  });

  it("sorts newest first by default, and most backed first on request", async () => {
    const lead = await member();
    const tag = uniqueTag();
    const [a, b, c] = await publishMany(lead.as, 3, tag);
    await setChallenge(a, { listed_at: "2026-01-01T00:00:00.000Z", backer_count: 5 });
    await setChallenge(b, { listed_at: "2026-01-03T00:00:00.000Z", backer_count: 1 });
    await setChallenge(c, { listed_at: "2026-01-02T00:00:00.000Z", backer_count: 5 });
    expect(ids(await list(lead.as, `tag=${tag}`))).toEqual([b, c, a]);
    expect(ids(await list(lead.as, `tag=${tag}&sort=newest`))).toEqual([b, c, a]);
    const tied = [a, c].sort().reverse();
    expect(ids(await list(lead.as, `tag=${tag}&sort=most_backed`))).toEqual([...tied, b]);
    // sort=relevance without q falls back to newest.
    expect(ids(await list(lead.as, `tag=${tag}&sort=relevance`))).toEqual([b, c, a]);
  });

  it("orders most backed by real backings", async () => {
    const lead = await member();
    const tag = uniqueTag();
    const [one, two] = await publishMany(lead.as, 2, tag);
    const fans = [await member(), await member()];
    for (const fan of fans) await callJson("PUT", `/api/challenges/${two}/backing`, { as: fan.as });
    await callJson("PUT", `/api/challenges/${one}/backing`, { as: fans[0].as });
    const res = await list(lead.as, `tag=${tag}&sort=most_backed`);
    expect(res.body.items.map((c: any) => [c.id, c.backerCount])).toEqual([
      [two, 2],
      [one, 1],
    ]);
  });

  describe("keyset pagination", () => {
    async function seedTies() {
      const lead = await member();
      const tag = uniqueTag();
      const created = await publishMany(lead.as, 10, tag, { summary: "Kakapo recovery for the whole flock." });
      // Ties on every sort key: shared listing times and shared backer counts.
      for (const [i, id] of created.entries()) {
        await setChallenge(id, {
          listed_at: `2026-02-0${1 + (i % 3)}T00:00:00.000Z`,
          backer_count: [0, 2, 2, 2, 7, 0, 2, 7, 0, 2][i],
        });
      }
      return { lead, tag, created };
    }

    it.each(["newest", "most_backed"])(
      "walks sort=%s to the end with limit=3, without repeats or gaps",
      async (sort) => {
        const { lead, tag, created } = await seedTies();
        const whole = await all(lead.as, `tag=${tag}&sort=${sort}`);
        expect(whole.sort()).toEqual([...created].sort());
        expect(await walk(lead.as, `tag=${tag}&sort=${sort}`)).toEqual(await all(lead.as, `tag=${tag}&sort=${sort}`));
      },
    );

    it("walks sort=relevance to the end with limit=3, ranks tied", async () => {
      const { lead, tag, created } = await seedTies();
      const whole = await all(lead.as, `tag=${tag}&q=kakapo`);
      expect([...whole].sort()).toEqual([...created].sort());
      expect(await walk(lead.as, `tag=${tag}&q=kakapo`)).toEqual(whole);
      expect(await walk(lead.as, `tag=${tag}&q=kakapo&sort=relevance`, 4)).toEqual(whole);
    });

    it("walks the whole unfiltered marketplace in every sort", async () => {
      const { lead } = await seedTies();
      for (const sort of ["newest", "most_backed", "nearest_funded", "best_match"]) {
        const whole = await all(lead.as, `sort=${sort}`);
        expect(whole.length).toBeGreaterThan(10);
        expect(await walk(lead.as, `sort=${sort}`)).toEqual(whole);
      }
      const found = await all(lead.as, "q=challenge");
      expect(found.length).toBeGreaterThan(10);
      expect(await walk(lead.as, "q=challenge", 7)).toEqual(found);
    });

    it("walks a filtered list (discipline and stage) to the end", async () => {
      const { lead, tag, created } = await seedTies();
      await env.DB.prepare(
        `UPDATE challenges SET stage = 'funded' WHERE id IN (${created
          .slice(0, 5)
          .map(() => "?")
          .join(",")})`,
      )
        .bind(...created.slice(0, 5))
        .run();
      const funded = await all(lead.as, `tag=${tag}&stage=funded&sort=most_backed`);
      expect(funded.sort()).toEqual(created.slice(0, 5).sort());
      expect(await walk(lead.as, `tag=${tag}&stage=funded&sort=most_backed`, 2)).toEqual(
        await all(lead.as, `tag=${tag}&stage=funded&sort=most_backed`),
      );
      const data = await all(lead.as, `tag=${tag}&discipline=data`);
      expect(data).toHaveLength(10);
      expect(await walk(lead.as, `tag=${tag}&discipline=data`)).toEqual(data);
    });
  });

  it("filters by a skill an open slot asks for, whatever its case", async () => {
    const lead = await member();
    const tag = uniqueTag();
    const slot = (skills: string[], extra: Record<string, unknown> = {}) => ({
      discipline: "data",
      count: 1,
      commitmentPercent: 20,
      skills,
      ...extra,
    });
    const asks = await createChallenge(lead.as, { tags: [tag], slots: [slot(["SQL", "dbt"])] }, true);
    const full = await createChallenge(lead.as, { tags: [tag], slots: [slot(["sql"])] }, true);
    await createChallenge(lead.as, { tags: [tag], slots: [slot(["python"])] }, true);
    await env.DB.prepare("UPDATE challenge_slots SET filled = 1 WHERE challenge_id = ?").bind(full).run();
    expect(ids(await list(lead.as, `tag=${tag}&skill=sql`))).toEqual([asks]);
    expect(ids(await list(lead.as, `tag=${tag}&skill=DBT`))).toEqual([asks]);
    expect(ids(await list(lead.as, `tag=${tag}&skill=go`))).toEqual([]);
  });

  it("filters by sponsor: challenges a person pledged to, not ones whose pledge was withdrawn", async () => {
    const admin = await member({ roles: ["admin"] });
    const year = new Date().getUTCFullYear();
    const period = await callJson("POST", "/api/admin/budget-periods", {
      as: admin.as,
      body: { name: `M-${uniqueTag()}`, startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` },
    });
    expect(period.status, JSON.stringify(period.body)).toBe(201);
    const sponsor = await member({ roles: ["sponsor"] });
    const budget = await callJson("POST", "/api/admin/allocations", {
      as: admin.as,
      body: { periodId: period.body.id, sponsorId: sponsor.id, amount: 1_000_000 },
    });
    expect(budget.status, JSON.stringify(budget.body)).toBe(201);
    const lead = await member();
    const tag = uniqueTag();
    const [kept, withdrawn, untouched] = await publishMany(lead.as, 3, tag, { fundingAsk: 50_000 });
    const pledgeTo = async (id: string) => {
      const res = await callJson("POST", `/api/challenges/${id}/pledges`, {
        as: sponsor.as,
        body: { budgetId: budget.body.id, amount: 10_000 },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.pledge.id as string;
    };
    await pledgeTo(kept);
    const gone = await pledgeTo(withdrawn);
    expect((await callJson("DELETE", `/api/pledges/${gone}`, { as: sponsor.as })).status).toBe(200);
    expect(ids(await list(lead.as, `tag=${tag}&sponsor=${sponsor.id}`))).toEqual([kept]);
    expect(ids(await list(lead.as, `tag=${tag}`))).toContain(untouched);
    expect(ids(await list(lead.as, `tag=${tag}&sponsor=p_nobody`))).toEqual([]);
  });

  it("sorts nearest to funded: open challenges by the share pledged, then every other stage", async () => {
    const lead = await member();
    const tag = uniqueTag();
    const [quarter, half, none, funded] = await publishMany(lead.as, 4, tag, { fundingAsk: 40_000 });
    const ledger = async (challengeId: string, amount: number) =>
      env.DB.prepare(
        `INSERT INTO ledger_entries (id, type, challenge_id, amount, created_at)
         VALUES (?, 'pledge', ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
      )
        .bind(`le_${crypto.randomUUID().slice(0, 12)}`, challengeId, amount)
        .run();
    await ledger(quarter, 10_000);
    await ledger(half, 20_000);
    await setChallenge(funded, { stage: "funded" });
    expect(ids(await list(lead.as, `tag=${tag}&sort=nearest_funded`))).toEqual([half, quarter, none, funded]);
    expect(await walk(lead.as, `tag=${tag}&sort=nearest_funded`, 1)).toEqual([half, quarter, none, funded]);
  });

  it("sorts best match for me: my discipline and skills against the open slots, as For you scores them", async () => {
    const me = await member({ discipline: "design", skills: ["Figma", "research"] });
    const lead = await member();
    const tag = uniqueTag();
    const slot = (discipline: string, skills: string[], required = false) => ({
      discipline,
      count: 1,
      commitmentPercent: 20,
      skills,
      required,
    });
    // design + 2 skills + required = 17; design + 1 skill = 13; design = 10; skill only = 3; nothing = 0.
    const best = await createChallenge(
      lead.as,
      { tags: [tag], slots: [slot("design", ["figma", "Research"], true)] },
      true,
    );
    const good = await createChallenge(lead.as, { tags: [tag], slots: [slot("design", ["figma"])] }, true);
    const fair = await createChallenge(lead.as, { tags: [tag], slots: [slot("data", []), slot("design", [])] }, true);
    const weak = await createChallenge(lead.as, { tags: [tag], slots: [slot("data", ["research"])] }, true);
    const none = await createChallenge(lead.as, { tags: [tag], slots: [slot("legal", ["contracts"])] }, true);
    const expected = [best, good, fair, weak, none];
    expect(ids(await list(me.as, `tag=${tag}&sort=best_match`))).toEqual(expected);
    expect(await walk(me.as, `tag=${tag}&sort=best_match`, 2)).toEqual(expected);
    // My own challenge, however well it fits, is not a match for me.
    const mine = await createChallenge(
      me.as,
      { tags: [tag], slots: [slot("design", ["figma", "research"], true)] },
      true,
    );
    const withMine = ids(await list(me.as, `tag=${tag}&sort=best_match`));
    expect(withMine.slice(0, 4)).toEqual(expected.slice(0, 4));
    expect(withMine.slice(4).sort()).toEqual([mine, none].sort());
    // Someone else's fit orders them differently.
    const lawyer = await member({ discipline: "legal", skills: ["contracts"] });
    expect(ids(await list(lawyer.as, `tag=${tag}&sort=best_match&limit=1`))).toEqual([none]);
  });

  it("refuses a best_match cursor for nearest_funded (400 on cursor), and junk skill and sponsor filters", async () => {
    const lead = await member();
    const tag = uniqueTag();
    await publishMany(lead.as, 3, tag);
    const match = (await list(lead.as, `tag=${tag}&limit=1&sort=best_match`)).body.nextCursor;
    expect(match).toEqual(expect.any(String));
    expectInvalid(await list(lead.as, `tag=${tag}&sort=nearest_funded&cursor=${match}`), "cursor");
    expectInvalid(await list(lead.as, `skill=${"s".repeat(41)}&sponsor=${"p".repeat(41)}`), "skill", "sponsor");
  });

  it("refuses a limit of 0, 101 or not a number (400 on limit)", async () => {
    const { as } = await member();
    for (const limit of ["0", "101", "x", "-3", "1.5", ""]) {
      expectInvalid(await list(as, `limit=${limit}`), "limit");
    }
    expect((await list(as, "limit=1")).status).toBe(200);
    expect((await list(as, "limit=100")).status).toBe(200);
  });

  it("refuses a cursor it did not issue (400 on cursor)", async () => {
    const { as } = await member();
    for (const cursor of ["garbage", "!!!", encodeCursor([1, 2]), encodeCursor(["a"]), btoa("{}"), "e30"]) {
      expectInvalid(await list(as, `cursor=${encodeURIComponent(cursor)}`), "cursor");
    }
  });

  it("refuses a cursor issued for another sort (400 on cursor)", async () => {
    const lead = await member();
    const tag = uniqueTag();
    await publishMany(lead.as, 3, tag);
    const newest = (await list(lead.as, `tag=${tag}&limit=1`)).body.nextCursor;
    const backed = (await list(lead.as, `tag=${tag}&limit=1&sort=most_backed`)).body.nextCursor;
    expect(newest).toEqual(expect.any(String));
    expect(backed).toEqual(expect.any(String));
    expectInvalid(await list(lead.as, `tag=${tag}&sort=most_backed&cursor=${newest}`), "cursor");
    expectInvalid(await list(lead.as, `tag=${tag}&sort=newest&cursor=${backed}`), "cursor");
  });

  it("refuses a most_backed cursor for a relevance search, and the reverse", async () => {
    const lead = await member();
    const tag = uniqueTag();
    await publishMany(lead.as, 3, tag, { summary: "Takahe habitat." });
    const backed = (await list(lead.as, `tag=${tag}&limit=1&sort=most_backed`)).body.nextCursor;
    const relevant = (await list(lead.as, `tag=${tag}&limit=1&q=takahe`)).body.nextCursor;
    expectInvalid(await list(lead.as, `tag=${tag}&q=takahe&cursor=${backed}`), "cursor");
    expectInvalid(await list(lead.as, `tag=${tag}&sort=most_backed&cursor=${relevant}`), "cursor");
  });

  it("refuses an unknown stage or sort and over-long filters (400 naming each)", async () => {
    const { as } = await member();
    expectInvalid(await list(as, "stage=pending&sort=random"), "stage", "sort");
    expectInvalid(await list(as, `discipline=${"d".repeat(41)}&tag=${"t".repeat(41)}`), "discipline", "tag");
  });

  it("is 401 without a session", async () => {
    expectError(await callJson("GET", "/api/challenges"), 401, "unauthenticated");
  });
});

describe("GET /api/challenges: query plans", () => {
  /** The statement `listChallenges` builds (worker/services/challenges.ts), without filters. */
  const marketplaceSql = (where: string, order: string) => `
    SELECT c.id, c.title, c.summary, c.stage, c.backer_count AS backerCount, c.comment_count AS commentCount,
      c.funding_ask AS fundingAsk, c.listed_at AS listedAt, c.published_at AS publishedAt,
      (SELECT "currency" FROM "org_settings" WHERE "org_settings"."id" = 'org') AS currency, l.id AS leadId, l.name AS leadName,
      (SELECT json_group_array(tag) FROM (SELECT t.tag FROM challenge_tags t WHERE t.challenge_id = c.id ORDER BY t.tag)) AS tags,
      (SELECT json_group_array(json_object('discipline', s.discipline_id, 'open', s.count - s.filled))
        FROM challenge_slots s WHERE s.challenge_id = c.id AND s.status = 'open' AND s.filled < s.count) AS openRoles,
      NULL AS rank
    FROM challenges c
    JOIN people l ON l.id = c.lead_id
    WHERE ${where}
    ORDER BY ${order}
    LIMIT ?`;
  const LISTED = "c.stage NOT IN ('draft', 'withdrawn', 'archived')";

  async function plan(sql: string, ...params: unknown[]) {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    return results.map((r) => r.detail);
  }

  function expectIndexWalk(details: string[]) {
    const outer = details.find((d) => /^(SCAN|SEARCH) c\b/.test(d));
    expect(outer, details.join("\n")).toMatch(/USING (COVERING )?INDEX/);
    expect(details.join("\n")).not.toContain("USE TEMP B-TREE FOR ORDER BY");
  }

  it("the default (newest) marketplace walks an index, first page and next", async () => {
    expectIndexWalk(await plan(marketplaceSql(LISTED, "c.listed_at DESC, c.id DESC"), 21));
    expectIndexWalk(
      await plan(
        marketplaceSql(`${LISTED} AND (c.listed_at, c.id) < (?, ?)`, "c.listed_at DESC, c.id DESC"),
        "2026-01-01T00:00:00.000Z",
        "ch_x",
        21,
      ),
    );
  });

  it("most_backed walks an index, first page and next", async () => {
    expectIndexWalk(await plan(marketplaceSql(LISTED, "c.backer_count DESC, c.id DESC"), 21));
    expectIndexWalk(
      await plan(
        marketplaceSql(`${LISTED} AND (c.backer_count, c.id) < (?, ?)`, "c.backer_count DESC, c.id DESC"),
        3,
        "ch_x",
        21,
      ),
    );
  });

  it("a single stage walks its stage index", async () => {
    expectIndexWalk(await plan(marketplaceSql("c.stage = ?", "c.listed_at DESC, c.id DESC"), "open", 21));
    expectIndexWalk(await plan(marketplaceSql("c.stage = ?", "c.backer_count DESC, c.id DESC"), "funded", 21));
  });
});
