import fc from "fast-check";
import { marked, type Token, type Tokens } from "marked";
import { describe, expect, it } from "vitest";
import {
  CONTRIBUTION_LABELS,
  CONTRIBUTION_TYPES,
  type ContributionStatus,
  type ContributionType,
  checkinProblems,
  confirmRefusal,
  counts,
  DEFAULT_DIMENSIONS,
  type Dimension,
  endorseRefusal,
  groupByDimension,
  initialStatus,
  isOverdue,
  kudosProblems,
  kudosStageRefusal,
  type MilestoneStatus,
  milestoneChangeRefusal,
  PROGRESS_STAGES,
  progressRefusal,
  recordRefusal,
  retractRefusal,
} from "../worker/domain/credit";
import {
  impactPacketMarkdown,
  type PacketCredit,
  type PacketInput,
  packetExportRefusal,
} from "../worker/domain/impact-packet";

const STAGES = ["draft", "open", "funded", "active", "showcase", "reviewed", "withdrawn", "archived"];
const STATUSES: ContributionStatus[] = ["pending", "confirmed", "declined", "retracted"];
const MILESTONE_STATUSES: MilestoneStatus[] = ["planned", "done", "slipped"];

const status = fc.constantFrom(...STATUSES);
const type = fc.constantFrom(...CONTRIBUTION_TYPES);
const personId = fc.constantFrom("p_a", "p_b", "p_c");
const isoDay = fc
  .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe("counts", () => {
  it("only confirmed credit counts", () => {
    expect(STATUSES.filter(counts)).toEqual(["confirmed"]);
  });
});

describe("recordRefusal", () => {
  it("lets the team record on every stage with work to credit", () => {
    for (const stage of ["open", "funded", "active", "showcase", "reviewed"]) {
      expect(recordRefusal({ onTeam: true }, { onTeam: true }, stage)).toBeNull();
    }
  });

  it("refuses with 403 off the team, 409 for someone off the team, 409 before or after the work", () => {
    expect(recordRefusal({ onTeam: false }, { onTeam: true }, "active")).toMatchObject({
      status: 403,
      code: "forbidden",
    });
    expect(recordRefusal({ onTeam: true }, { onTeam: false }, "active")).toMatchObject({
      status: 409,
      code: "not_on_team",
    });
    for (const stage of ["draft", "withdrawn"]) {
      expect(recordRefusal({ onTeam: true }, { onTeam: true }, stage)).toMatchObject({
        status: 409,
        code: "invalid_stage",
      });
    }
  });

  it("property: refused exactly when someone is off the team or the stage has no work, the recorder checked first", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.constantFrom(...STAGES), (recorder, credited, stage) => {
        const refusal = recordRefusal({ onTeam: recorder }, { onTeam: credited }, stage);
        const stageOk = stage !== "draft" && stage !== "withdrawn";
        expect(refusal === null).toBe(recorder && credited && stageOk);
        if (!recorder) expect(refusal?.status).toBe(403);
        else if (refusal) expect(refusal.status).toBe(409);
        if (refusal) expect(refusal.reason.length).toBeGreaterThan(10);
      }),
    );
  });
});

describe("initialStatus", () => {
  it("credit for oneself is confirmed at once; for anyone else it waits", () => {
    fc.assert(
      fc.property(personId, personId, (recorder, credited) => {
        expect(initialStatus(recorder, credited)).toBe(recorder === credited ? "confirmed" : "pending");
      }),
    );
  });
});

describe("confirmRefusal", () => {
  it("the credited person answers pending credit", () => {
    expect(confirmRefusal({ personId: "p_a", status: "pending" }, "p_a")).toBeNull();
  });

  it("property: 403 for anyone else, whatever the state; 409 for the person once it is answered", () => {
    fc.assert(
      fc.property(personId, status, personId, (credited, s, actor) => {
        const refusal = confirmRefusal({ personId: credited, status: s }, actor);
        if (actor !== credited) expect(refusal).toMatchObject({ status: 403, code: "forbidden" });
        else if (s !== "pending") {
          expect(refusal).toMatchObject({ status: 409, code: "invalid_state" });
          expect(refusal?.reason).toContain(s);
        } else expect(refusal).toBeNull();
      }),
    );
  });
});

describe("endorseRefusal", () => {
  it("a teammate or lead endorses confirmed credit once", () => {
    const c = { personId: "p_a", status: "confirmed" as const };
    expect(endorseRefusal(c, { id: "p_b", onTeam: true, alreadyEndorsed: false })).toBeNull();
    expect(endorseRefusal(c, { id: "p_b", onTeam: true, alreadyEndorsed: true })).toMatchObject({
      status: 409,
      code: "already_endorsed",
    });
    expect(endorseRefusal(c, { id: "p_a", onTeam: true, alreadyEndorsed: false })).toMatchObject({ status: 403 });
    expect(endorseRefusal(c, { id: "p_b", onTeam: false, alreadyEndorsed: false })).toMatchObject({ status: 403 });
    for (const s of ["pending", "declined", "retracted"] as const) {
      expect(
        endorseRefusal({ personId: "p_a", status: s }, { id: "p_b", onTeam: true, alreadyEndorsed: false }),
      ).toMatchObject({ status: 409, code: "invalid_state" });
    }
  });

  it("property: allowed exactly for someone else on the team, on confirmed credit, not yet endorsed by them", () => {
    fc.assert(
      fc.property(personId, status, personId, fc.boolean(), fc.boolean(), (credited, s, endorser, team, already) => {
        const refusal = endorseRefusal(
          { personId: credited, status: s },
          { id: endorser, onTeam: team, alreadyEndorsed: already },
        );
        expect(refusal === null).toBe(endorser !== credited && team && s === "confirmed" && !already);
        // Who may act is decided before the state of the record: never a 409 to someone refused.
        if (endorser === credited || !team) expect(refusal?.status).toBe(403);
        else if (refusal) expect(refusal.status).toBe(409);
      }),
    );
  });
});

describe("retractRefusal", () => {
  it("property: the credited person, the recorder, the leads and admins retract pending or confirmed credit", () => {
    fc.assert(
      fc.property(
        personId,
        personId,
        status,
        personId,
        fc.boolean(),
        fc.boolean(),
        (credited, recorder, s, actor, lead, admin) => {
          const refusal = retractRefusal(
            { personId: credited, recordedById: recorder, status: s },
            { id: actor, isLeadOrCoLead: lead, isAdmin: admin },
          );
          const allowed = actor === credited || actor === recorder || lead || admin;
          if (!allowed) expect(refusal).toMatchObject({ status: 403, code: "forbidden" });
          else if (s === "retracted" || s === "declined")
            expect(refusal).toMatchObject({ status: 409, code: "invalid_state" });
          else expect(refusal).toBeNull();
        },
      ),
    );
  });
});

// ─── Dimensions ─────────────────────────────────────────────────────────────────────────────

const dimension = fc.record({
  id: fc.stringMatching(/^[a-z]{1,8}$/),
  name: fc.string({ maxLength: 20 }),
  description: fc.string({ maxLength: 40 }),
  contributionTypes: fc.uniqueArray(type, { maxLength: 6 }),
});
const items = fc.array(fc.record({ n: fc.nat(), type }), { maxLength: 40 });

describe("groupByDimension", () => {
  it("the default dimensions claim every contribution type exactly once", () => {
    const claimed = DEFAULT_DIMENSIONS.flatMap((d) => d.contributionTypes);
    expect([...claimed].sort()).toEqual([...CONTRIBUTION_TYPES].sort());
    expect(DEFAULT_DIMENSIONS.map((d) => d.id)).toEqual(["scope", "collaborative_reach", "impact_levers", "mentoring"]);
  });

  it("groups by the defaults", () => {
    const groups = groupByDimension(
      [
        { id: 1, type: "software" as const },
        { id: 2, type: "conceptualization" as const },
        { id: 3, type: "supervision_mentoring" as const },
        { id: 4, type: "other" as const },
      ],
      DEFAULT_DIMENSIONS,
    );
    expect(groups.map((g) => [g.dimension.id, g.items.map((i) => i.id)])).toEqual([
      ["scope", [2]],
      ["collaborative_reach", []],
      ["impact_levers", [1, 4]],
      ["mentoring", [3]],
    ]);
  });

  it("property: every item lands in exactly one group: the first dimension claiming its type, else the last", () => {
    fc.assert(
      fc.property(fc.array(dimension, { minLength: 1, maxLength: 6 }), items, (dims, list) => {
        const groups = groupByDimension(list, dims);
        expect(groups.map((g) => g.dimension)).toEqual(dims);
        const placed = groups.flatMap((g) => g.items);
        expect(placed).toHaveLength(list.length);
        for (const item of list) {
          const holding = groups.filter((g) => g.items.includes(item));
          expect(holding).toHaveLength(1);
          const claimer = dims.findIndex((d) => d.contributionTypes.includes(item.type));
          expect(groups.indexOf(holding[0])).toBe(claimer === -1 ? dims.length - 1 : claimer);
        }
        // Within a group the items keep the order they came in.
        for (const g of groups) expect(g.items).toEqual(list.filter((i) => g.items.includes(i)));
      }),
    );
  });
});

// ─── Milestones ─────────────────────────────────────────────────────────────────────────────

describe("milestoneChangeRefusal", () => {
  it("a slip needs a reason; done stays done", () => {
    expect(milestoneChangeRefusal("planned", "slipped", undefined)).toMatchObject({
      status: 409,
      code: "reason_missing",
    });
    expect(milestoneChangeRefusal("planned", "slipped", "  \n ")).toMatchObject({ code: "reason_missing" });
    expect(milestoneChangeRefusal("planned", "slipped", "Vendor late")).toBeNull();
    expect(milestoneChangeRefusal("done", "planned", undefined)).toMatchObject({
      status: 409,
      code: "invalid_transition",
    });
    expect(milestoneChangeRefusal("slipped", "done", undefined)).toBeNull();
    expect(milestoneChangeRefusal("slipped", "planned", undefined)).toBeNull();
  });

  it("property: refused exactly for a blank slip reason or leaving done", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MILESTONE_STATUSES),
        fc.constantFrom(...MILESTONE_STATUSES),
        fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
        (from, to, reason) => {
          const refusal = milestoneChangeRefusal(from, to, reason);
          const blank = !reason?.trim();
          if (to === "slipped" && blank) expect(refusal?.code).toBe("reason_missing");
          else if (from === "done" && to !== "done") expect(refusal?.code).toBe("invalid_transition");
          else expect(refusal).toBeNull();
        },
      ),
    );
  });
});

describe("isOverdue", () => {
  it("planned and past due; due today is not late", () => {
    expect(isOverdue({ status: "planned", dueOn: "2026-01-09" }, "2026-01-10")).toBe(true);
    expect(isOverdue({ status: "planned", dueOn: "2026-01-10" }, "2026-01-10")).toBe(false);
    expect(isOverdue({ status: "done", dueOn: "2026-01-01" }, "2026-01-10")).toBe(false);
    expect(isOverdue({ status: "slipped", dueOn: "2026-01-01" }, "2026-01-10")).toBe(false);
  });

  it("property: overdue exactly when planned and the due date is before today", () => {
    fc.assert(
      fc.property(fc.constantFrom(...MILESTONE_STATUSES), isoDay, isoDay, (s, dueOn, today) => {
        expect(isOverdue({ status: s, dueOn }, today)).toBe(s === "planned" && new Date(dueOn) < new Date(today));
      }),
    );
  });
});

// ─── Impact packet ──────────────────────────────────────────────────────────────────────────

const ORIGIN = "https://crux.example.com";

function credit(over: Partial<PacketCredit> & { id: string }): PacketCredit {
  return {
    challengeId: "ch_1",
    challengeTitle: "Cut batch spend",
    type: "software",
    description: `Work ${over.id}`,
    hours: null,
    status: "confirmed",
    confirmedAt: "2026-03-02T10:00:00.000Z",
    recordedByName: "Ivo Coder",
    endorsements: [],
    ...over,
  };
}

function packet(over: Partial<PacketInput> = {}): PacketInput {
  return {
    person: {
      id: "p_dee",
      name: "Dee Signer",
      title: "Staff designer",
      disciplineId: "design",
      levelId: "IC5",
      track: "ic",
    },
    generatedAt: "2026-04-01T09:00:00.000Z",
    origin: ORIGIN,
    roles: [
      {
        challengeId: "ch_1",
        title: "Cut batch spend",
        stage: "active",
        role: "member",
        outcome: null,
        decidedAt: null,
      },
    ],
    credit: [],
    kudos: [],
    lends: [],
    reviews: [],
    replies: [],
    decisions: [],
    dimensions: DEFAULT_DIMENSIONS,
    disciplines: [{ id: "design", name: "Design" }],
    levels: [{ id: "IC5", name: "IC5 · Senior Staff" }],
    unpublished: [],
    ...over,
  };
}

const isLink = (t: Token): t is Tokens.Link => t.type === "link";

/** Every token of a marked token tree, depth first. */
function allTokens(tokens: Token[]): Token[] {
  const out: Token[] = [];
  const walk = (list: Token[]) => {
    for (const t of list) {
      out.push(t);
      const any = t as { tokens?: Token[]; items?: Token[] };
      if (any.tokens) walk(any.tokens);
      if (any.items) walk(any.items);
    }
  };
  walk(tokens);
  return out;
}

/** The packet's own headings, no HTML or images (nor code), and no link that is not ours or a bare address. */
function expectOnlyOwnMarkup(tokens: Token[], allowCode = false) {
  const headings = tokens.filter((t): t is Tokens.Heading => t.type === "heading");
  expect(headings.map((h) => h.depth)).toEqual([1, 2, 2, 2, 2, 2, 2, 2]);
  expect(headings.slice(1).map((h) => h.text)).toEqual([
    "Challenges",
    ...DEFAULT_DIMENSIONS.map((d) => d.name),
    "Review feedback and decisions",
    "Kudos",
  ]);
  const banned = allowCode ? ["html", "image"] : ["html", "image", "code", "codespan"];
  expect(tokens.filter((t) => banned.includes(t.type))).toEqual([]);
  for (const link of tokens.filter(isLink)) {
    // Ours, or a bare web address that GFM shows as the very address it opens: nothing disguised.
    const ours = link.href.startsWith(`${ORIGIN}/`);
    const bare = link.text === link.raw && /^(https?|mailto):/.test(link.href);
    expect(ours || bare, link.raw).toBe(true);
  }
}

/** The `## ` sections of a packet: heading → its lines. */
function sections(markdown: string) {
  const out = new Map<string, string>();
  let current = "";
  for (const line of markdown.split("\n")) {
    if (line.startsWith("## ")) current = line.slice(3);
    else if (current) out.set(current, `${out.get(current) ?? ""}${line}\n`);
  }
  return out;
}

describe("impactPacketMarkdown", () => {
  it("shows only confirmed credit, each claim with its evidence link, grouped by dimension", () => {
    const md = impactPacketMarkdown(
      packet({
        credit: [
          credit({ id: "cr_sw", type: "software", hours: 12 }),
          credit({ id: "cr_men", type: "supervision_mentoring" }),
          credit({ id: "cr_pend", status: "pending", confirmedAt: null }),
          credit({ id: "cr_decl", status: "declined", confirmedAt: null }),
          credit({ id: "cr_retr", status: "retracted" }),
          credit({
            id: "cr_con",
            type: "conceptualization",
            challengeId: "ch_2",
            challengeTitle: "Second",
            endorsements: [{ endorserName: "Lia Lead", note: "Set the direction.", createdAt: "2026-03-05T00:00:00Z" }],
          }),
        ],
      }),
    );
    expect(md.startsWith("# Impact packet: Dee Signer\n")).toBe(true);
    expect(md).toContain("3 confirmed contributions on 2 challenges");
    for (const id of ["cr_pend", "cr_decl", "cr_retr"]) {
      expect(md).not.toContain(`Work ${id}`);
      expect(md).not.toContain(`#credit-${id}`);
    }
    const by = sections(md);
    expect([...by.keys()]).toEqual([
      "Challenges",
      "Scope",
      "Collaborative reach",
      "Impact levers",
      "Mentoring",
      "Review feedback and decisions",
      "Kudos",
    ]);
    expect(by.get("Impact levers")).toContain(
      `- **Software** on [Cut batch spend](${ORIGIN}/challenges/ch_1): Work cr\\_sw (confirmed 2026-03-02, 12 h; recorded by Ivo Coder) — evidence: ${ORIGIN}/challenges/ch_1#credit-cr_sw`,
    );
    expect(by.get("Mentoring")).toContain(`#credit-cr_men`);
    expect(by.get("Scope")).toContain(`[Second](${ORIGIN}/challenges/ch_2)`);
    expect(by.get("Scope")).toContain("  - Endorsed by Lia Lead (2026-03-05): “Set the direction.”");
    expect(by.get("Collaborative reach")).toContain("No confirmed credit in this dimension yet.");
    expect(by.get("Challenges")).toContain(`- Member of [Cut batch spend](${ORIGIN}/challenges/ch_1) — active`);
  });

  it("follows the dimensions it is given, in their order", () => {
    const dims: Dimension[] = [
      { id: "craft", name: "Craft", description: "", contributionTypes: ["software"] },
      ...DEFAULT_DIMENSIONS,
    ];
    const by = sections(impactPacketMarkdown(packet({ dimensions: dims, credit: [credit({ id: "cr_sw" })] })));
    expect([...by.keys()].slice(1, 3)).toEqual(["Craft", "Scope"]);
    expect(by.get("Craft")).toContain("#credit-cr_sw");
    expect(by.get("Impact levers")).not.toContain("#credit-cr_sw");
  });

  it("lists a manager's lends under mentoring, and kudos", () => {
    const by = sections(
      impactPacketMarkdown(
        packet({
          person: { ...packet().person, track: "management" },
          lends: [
            {
              person: { name: "Ivo Coder" },
              challenge: { id: "ch_1", title: "Cut batch spend" },
              sharePercent: 20,
              decidedAt: "2026-02-01T00:00:00Z",
            },
          ],
          kudos: [
            {
              fromName: "Sam",
              challengeId: "ch_1",
              challengeTitle: "Cut batch spend",
              message: "Thanks!",
              createdAt: "2026-02-03T00:00:00Z",
            },
          ],
        }),
      ),
    );
    expect(by.get("Mentoring")).toContain(
      `  - Ivo Coder to [Cut batch spend](${ORIGIN}/challenges/ch_1), 20% (2026-02-01)`,
    );
    expect(by.get("Kudos")).toContain("- From Sam on");
    expect(by.get("Kudos")).toContain("“Thanks!”");
  });

  it("escapes Markdown in user text: no headings, links or HTML from a description", () => {
    const hostile = "# Title [x](javascript:alert(1)) <script>alert(1)</script> ![i](http://e/x.png) `code`";
    const md = impactPacketMarkdown(packet({ credit: [credit({ id: "cr_x", description: hostile })] }));
    const html = marked.parse(md, { async: false });
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain("<code>");
    expect(html.match(/<h1/g)).toHaveLength(1);
    // The words are all still there, as text.
    expect(html).toContain("# Title [x](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("a challenge title cannot turn into an image inside the link that names it", () => {
    const md = impactPacketMarkdown(
      packet({ credit: [credit({ id: "cr_x", challengeTitle: "![i](https://evil.example/pixel.png)" })] }),
    );
    const html = marked.parse(md, { async: false });
    expect(html).not.toContain("<img");
    expect(html).toContain(`<a href="${ORIGIN}/challenges/ch_1">![i](https://evil.example/pixel.png)</a>`);
  });

  it("a web address right before a tag cannot swallow the tag's escape", () => {
    const md = impactPacketMarkdown(
      packet({ credit: [credit({ id: "cr_x", description: "see https://evil.example<img src=x onerror=alert(1)>" })] }),
    );
    expect(marked.parse(md, { async: false })).not.toMatch(/<img/);
  });

  it("a lone carriage return in user text cannot start a line (and so no heading or list item)", () => {
    const md = impactPacketMarkdown(
      packet({ credit: [credit({ id: "cr_x", description: "ok\r\rEvil heading\r===\r\r- fake claim" })] }),
    );
    expect(md).not.toContain("\r");
    const html = marked.parse(md, { async: false });
    expect(html).not.toContain("<h1>Evil heading");
  });

  // User text from anywhere: names, titles, descriptions, notes, messages.
  const hostilePiece = fc.constantFrom(
    "#",
    "## ",
    "[x](javascript:alert(1))",
    "[",
    "]",
    "(",
    ")",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<https://evil.example>",
    "![i](https://evil.example/i.png)",
    "[r]: https://evil.example",
    "https://evil.example",
    "www.evil.example",
    "a@evil.example",
    "\r",
    "\n",
    "\r\n",
    "===",
    "---",
    "- ",
    "1. ",
    "> ",
    "    ",
    "`",
    "```",
    "*",
    "_",
    "|",
    "\\",
    "&lt;",
    "&#91;",
    "word",
    " ",
  );
  const hostile = fc.array(hostilePiece, { maxLength: 12 }).map((parts) => parts.join(""));

  it("property: whatever the user text, the headings, links and list items are the packet's own", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hostile, hostile, hostile, status), { maxLength: 5 }),
        fc.array(fc.tuple(hostile, hostile), { maxLength: 3 }),
        hostile,
        (credits, kudos, name) => {
          const input = packet({
            person: { ...packet().person, name },
            credit: credits.map(([description, note, title, s], i) =>
              credit({
                id: `cr_${i}`,
                status: s,
                description,
                challengeTitle: title,
                endorsements: [{ endorserName: note, note, createdAt: "2026-03-05T00:00:00Z" }],
              }),
            ),
            kudos: kudos.map(([fromName, message]) => ({
              fromName,
              message,
              challengeId: "ch_1",
              challengeTitle: "Cut batch spend",
              createdAt: "2026-03-05T00:00:00Z",
            })),
          });
          const tokens = allTokens(marked.lexer(impactPacketMarkdown(input)));
          expectOnlyOwnMarkup(tokens);
          // Each line the packet starts with "- " is one list item, and only those.
          const confirmed = input.credit.filter((c) => c.status === "confirmed");
          const items = tokens.filter((t) => t.type === "list_item");
          expect(items).toHaveLength(input.roles.length + confirmed.length * 2 + input.kudos.length);
          // Every confirmed claim links to its evidence.
          const hrefs = new Set(tokens.filter(isLink).map((t) => t.href));
          for (const c of confirmed) expect(hrefs).toContain(`${ORIGIN}/challenges/${c.challengeId}#credit-${c.id}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: a person's own name and title inject no heading, link or HTML either", () => {
    fc.assert(
      fc.property(hostile, hostile, (name, title) => {
        const md = impactPacketMarkdown(packet({ person: { ...packet().person, name, title } }));
        // The title opens its line, so a title like "- x" or "    x" still makes a list or code block
        // there (cosmetic, reported); headings, links and HTML it cannot make.
        expectOnlyOwnMarkup(allTokens(marked.lexer(md)), true);
      }),
      { numRuns: 200 },
    );
  });

  it("labels every type", () => {
    for (const t of CONTRIBUTION_TYPES) {
      const md = impactPacketMarkdown(packet({ credit: [credit({ id: "cr_t", type: t as ContributionType })] }));
      expect(md).toContain(`**${CONTRIBUTION_LABELS[t]}**`);
    }
  });
});

describe("who reports progress, and when (SPEC §6)", () => {
  it("is the team, lead and co-lead, on open, funded and active challenges", () => {
    for (const stage of STAGES) {
      const refused = progressRefusal(true, stage, "post updates");
      expect(refused === null).toBe(PROGRESS_STAGES.includes(stage));
      if (refused) expect(refused).toMatchObject({ status: 409, code: "invalid_stage" });
      expect(progressRefusal(false, stage, "post updates")).toEqual({
        status: 403,
        code: "forbidden",
        reason: "Only the challenge's team, lead and co-lead post updates.",
      });
    }
  });
  it("checks in on the challenge's own KPIs, with values already measured", () => {
    const today = "2027-03-01";
    expect(checkinProblems([{ kpiId: "k1", measuredOn: today }], ["k1"], today)).toEqual({});
    expect(
      checkinProblems(
        [
          { kpiId: "k9", measuredOn: "2027-02-01" },
          { kpiId: "k1", measuredOn: "2027-03-02" },
        ],
        ["k1"],
        today,
      ),
    ).toEqual({
      "checkins.0.kpiId": "No such KPI on this challenge.",
      "checkins.1.measuredOn": "A check-in reports a value already measured.",
    });
  });
});

describe("kudos", () => {
  it("go on published challenges, to someone else who is active", () => {
    expect(kudosStageRefusal(false)).toBeNull();
    expect(kudosStageRefusal(true)).toMatchObject({ status: 409, code: "invalid_stage" });
    expect(kudosProblems({ fromId: "a", toId: "b", toActive: true })).toEqual({});
    expect(kudosProblems({ fromId: "a", toId: "a", toActive: true })).toEqual({ toId: "Thank someone else." });
    expect(kudosProblems({ fromId: "a", toId: "b", toActive: false })).toEqual({ toId: "No such person." });
  });
});

describe("who exports an impact packet (SPEC §7)", () => {
  const nobody = { isSelf: false, isTheirManager: false, isAdmin: false };
  it("is the person, their manager and admins", () => {
    for (const key of ["isSelf", "isTheirManager", "isAdmin"] as const) {
      expect(packetExportRefusal({ ...nobody, [key]: true })).toBeNull();
    }
    expect(packetExportRefusal(nobody)).toMatchObject({ status: 403, code: "forbidden" });
  });
});
