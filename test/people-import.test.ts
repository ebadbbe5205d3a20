import { describe, expect, it } from "vitest";
import { checkImport, type ImportReference, parseCsv } from "../worker/domain/people-import";
import { call, callJson, env, expectError, expectInvalid, JUNK_BODIES, member, seedPerson } from "./helpers";

const HEADER = "email,name,title,discipline,track,level,manager_email,roles";

/** A fresh e-mail domain per test, so each test's people are its own. */
let domainCounter = 0;
const newDomain = () => `imp${++domainCounter}-${crypto.randomUUID().slice(0, 6)}.example.com`;

const csv = (...rows: string[]) => [HEADER, ...rows].join("\n");

const REF: ImportReference = {
  disciplines: new Set(["engineering", "design", "data"]),
  levels: new Map([
    ["IC4", "ic"],
    ["IC5", "ic"],
    ["M2", "management"],
  ]),
  existing: new Map<string, string | null>([
    ["boss@old.example.com", null],
    ["lead@old.example.com", "boss@old.example.com"],
  ]),
};

async function countPeople() {
  return (await env.DB.prepare("SELECT count(*) AS n FROM people").first<number>("n")) ?? 0;
}

async function personByEmail(email: string) {
  return env.DB.prepare(
    `SELECT p.id, p.email, p.name, p.title, p.discipline_id AS discipline, p.track, p.level_id AS level,
       m.email AS manager, p.active,
       (SELECT group_concat(role, ';') FROM (SELECT role FROM person_roles WHERE person_id = p.id ORDER BY role)) AS roles
     FROM people p LEFT JOIN people m ON m.id = p.manager_id WHERE p.email = ?`,
  )
    .bind(email)
    .first<Record<string, any>>();
}

describe("parseCsv", () => {
  it("splits rows and fields", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(parseCsv("a,,c\n,b,\n")).toEqual([
      ["a", "", "c"],
      ["", "b", ""],
    ]);
  });

  it("reads quoted fields holding commas, doubled quotes and line breaks", () => {
    expect(parseCsv('name,title\n"Hopper, Grace","Said ""it\'s easier to ask forgiveness""\nand more"\n')).toEqual([
      ["name", "title"],
      ["Hopper, Grace", 'Said "it\'s easier to ask forgiveness"\nand more'],
    ]);
    expect(parseCsv('"a\r\nb",c')).toEqual([["a\r\nb", "c"]]);
    expect(parseCsv('"",x')).toEqual([["", "x"]]);
    expect(parseCsv('""""')).toEqual([['"']]);
  });

  it("strips a byte-order mark and handles CRLF and CR line ends", () => {
    expect(parseCsv("\uFEFFemail,name\r\na@x.com,A\r\n")).toEqual([
      ["email", "name"],
      ["a@x.com", "A"],
    ]);
    expect(parseCsv("a,b\rc,d\r")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("drops blank lines and needs no final line break", () => {
    expect(parseCsv("a,b\n\n   \nc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseCsv("")).toEqual([]);
  });

  it("keeps a quote inside an unquoted field as it is", () => {
    expect(parseCsv('5" screen,ok')).toEqual([['5" screen', "ok"]]);
  });
});

describe("checkImport", () => {
  const reasonsOf = (text: string) => {
    const check = checkImport(text, REF);
    if (check.ok) throw new Error("expected problems");
    return check.problems;
  };

  it("accepts a good file, normalising case and filling defaults", () => {
    const check = checkImport(
      csv(
        "Ada@X.example.com,Ada,Staff engineer,Engineering,IC,ic5,boss@old.example.com,sponsor;Reviewer",
        "bo@x.example.com,Bo,,,,,,",
      ),
      REF,
    );
    expect(check).toEqual({
      ok: true,
      people: [
        {
          row: 2,
          email: "ada@x.example.com",
          name: "Ada",
          title: "Staff engineer",
          discipline: "engineering",
          track: "ic",
          level: "IC5",
          managerEmail: "boss@old.example.com",
          roles: ["member", "sponsor", "reviewer"],
        },
        {
          row: 3,
          email: "bo@x.example.com",
          name: "Bo",
          title: "",
          discipline: null,
          track: "ic",
          level: null,
          managerEmail: null,
          roles: ["member"],
        },
      ],
    });
  });

  it("reads the columns by their header names, in any order and case", () => {
    const check = checkImport(
      "ROLES,Manager_Email,Level,Track,Discipline,Title,Name,Email,notes\nadmin,,M2,management,design,Head,Cy,cy@x.example.com,ignored",
      REF,
    );
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.people[0]).toMatchObject({
        email: "cy@x.example.com",
        name: "Cy",
        track: "management",
        level: "M2",
        discipline: "design",
        roles: ["member", "admin"],
      });
    }
  });

  it("refuses a header without a required column, or an empty file", () => {
    const missing = checkImport("email,name,title\na@x.example.com,A,T", REF);
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.headerProblem).toContain("discipline");
      expect(missing.headerProblem).toContain("manager_email");
    }
    const empty = checkImport("", REF);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.headerProblem).toBeTruthy();
  });

  it("refuses more than 5000 rows", () => {
    const rows = Array.from({ length: 5001 }, (_, i) => `p${i}@x.example.com,P${i},,,,,,`);
    const check = checkImport(csv(...rows), REF);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.headerProblem).toMatch(/5000/);
  });

  it("names every bad row with its spreadsheet row number and its reasons", () => {
    const problems = reasonsOf(
      csv(
        "good@x.example.com,Good,,,,,,", // row 2
        "not-an-email,Bad,,,,,,", // 3
        "good@x.example.com,Again,,,,,,", // 4
        "d@x.example.com,D,,astrology,,,,", // 5
        "l@x.example.com,L,,,,IC9,,", // 6
        "t@x.example.com,T,,,ic,M2,,", // 7
        "k@x.example.com,K,,,contractor,,,", // 8
        "r@x.example.com,R,,,,,,member;king", // 9
        "m@x.example.com,M,,,,,ghost@x.example.com,", // 10
        "s@x.example.com,S,,,,,s@x.example.com,", // 11
        ",Nobody,,,,,,", // 12
        "n@x.example.com,,,,,,,", // 13
        "f@x.example.com,F,,,,,,,extra", // 14
      ),
    );
    const byRow = Object.fromEntries(problems.map((p) => [p.row, p.reasons.join("; ")]));
    expect(Object.keys(byRow).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(byRow[3]).toMatch(/not-an-email.*not an e-mail/);
    expect(byRow[4]).toMatch(/already appears on row 2/);
    expect(byRow[5]).toMatch(/discipline "astrology"/);
    expect(byRow[6]).toMatch(/level "IC9"/);
    expect(byRow[7]).toMatch(/M2 is on the management track, not ic/);
    expect(byRow[8]).toMatch(/track "contractor"/);
    expect(byRow[9]).toMatch(/role "king"/);
    expect(byRow[10]).toMatch(/ghost@x.example.com is neither in the file nor already in Crux/);
    expect(byRow[11]).toMatch(/own manager/);
    expect(byRow[12]).toMatch(/email is empty/);
    expect(byRow[13]).toMatch(/name is empty/);
    expect(byRow[14]).toMatch(/9 fields/);
    expect(problems.find((p) => p.row === 5)?.email).toBe("d@x.example.com");
  });

  it("counts rows as records: a quoted line break does not shift the numbers", () => {
    const problems = reasonsOf(csv('a@x.example.com,A,"Two\nlines",,,,,', "bad,B,,,,,,"));
    expect(problems.map((p) => p.row)).toEqual([3]);
  });

  it("lists several reasons for one row", () => {
    const [problem] = reasonsOf(csv("x@x.example.com,X,,astrology,ic,M2,,king"));
    expect(problem.row).toBe(2);
    expect(problem.reasons).toHaveLength(3);
  });

  it("accepts a manager defined later in the file or already in Crux", () => {
    const check = checkImport(
      csv(
        "a@x.example.com,A,,,,,b@x.example.com,",
        "b@x.example.com,B,,,,,lead@old.example.com,",
        "c@x.example.com,C,,,,,BOSS@old.example.com,",
      ),
      REF,
    );
    expect(check.ok).toBe(true);
  });

  it("refuses a reporting loop inside the file, naming each row in it", () => {
    const problems = reasonsOf(
      csv(
        "a@x.example.com,A,,,,,b@x.example.com,",
        "b@x.example.com,B,,,,,c@x.example.com,",
        "c@x.example.com,C,,,,,a@x.example.com,",
        "d@x.example.com,D,,,,,a@x.example.com,",
      ),
    );
    expect(problems.map((p) => p.row)).toEqual([2, 3, 4]);
    for (const p of problems) expect(p.reasons.join()).toMatch(/loop/);
  });

  it("refuses a loop through people already in Crux", () => {
    // lead@old already reports to boss@old; making boss report to lead closes the loop.
    const problems = reasonsOf(csv("boss@old.example.com,Boss,,,,,lead@old.example.com,"));
    expect(problems).toEqual([{ row: 2, email: "boss@old.example.com", reasons: [expect.stringMatching(/loop/)] }]);
  });

  it("accepts re-pointed reporting lines once the file itself removes the old link", () => {
    const check = checkImport(
      csv("lead@old.example.com,Lead,,,,,,", "boss@old.example.com,Boss,,,,,lead@old.example.com,"),
      REF,
    );
    expect(check.ok).toBe(true);
  });
});

describe("POST /api/admin/people/import", () => {
  const importCsv = (as: string, text: string, query = "") =>
    callJson("POST", `/api/admin/people/import${query}`, { as, body: { csv: text } });

  it("creates people with their roles and managers, from a JSON body", async () => {
    const admin = await member({ roles: ["admin"] });
    const d = newDomain();
    const existingBoss = await seedPerson({ email: `boss@${d}`, track: "management", level: "M2" });
    const before = await countPeople();
    const res = await importCsv(
      admin.as,
      csv(
        `ada@${d},Ada Lovelace,Analyst,data,ic,IC5,cy@${d},sponsor;reviewer`,
        `bo@${d},Bo,Designer,design,ic,IC4,boss@${d},`,
        `cy@${d},Cy,Head of data,data,management,M2,boss@${d},admin`,
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ dryRun: false, total: 3, created: 3, updated: 0 });
    expect(await countPeople()).toBe(before + 3);

    expect(await personByEmail(`ada@${d}`)).toMatchObject({
      name: "Ada Lovelace",
      title: "Analyst",
      discipline: "data",
      track: "ic",
      level: "IC5",
      manager: `cy@${d}`,
      active: 1,
      roles: "member;reviewer;sponsor",
    });
    expect(await personByEmail(`bo@${d}`)).toMatchObject({ manager: `boss@${d}`, roles: "member" });
    expect(await personByEmail(`cy@${d}`)).toMatchObject({ manager: `boss@${d}`, roles: "admin;member" });

    const cy = await personByEmail(`cy@${d}`);
    const profile = await callJson("GET", `/api/people/${existingBoss.id}`, { as: admin.as });
    expect(profile.body.reports.map((r: any) => r.name).sort()).toEqual(["Bo", "Cy"]);
    expect(
      (await callJson("GET", `/api/people/${cy?.id}`, { as: admin.as })).body.reports.map((r: any) => r.name),
    ).toEqual(["Ada Lovelace"]);
    const audit = await env.DB.prepare(
      "SELECT count(*) AS n FROM activities WHERE action = 'people_imported' AND actor_id = ?",
    )
      .bind(admin.id)
      .first("n");
    expect(audit).toBe(1);
  });

  it("lets imported people sign in with their roles", async () => {
    const admin = await member({ roles: ["admin"] });
    const d = newDomain();
    await importCsv(admin.as, csv(`new@${d},New Person,,,,,,sponsor`));
    const signIn = await callJson("POST", "/api/dev/sign-in", { body: { email: `NEW@${d}` } });
    expect(signIn.status).toBe(200);
    expect(signIn.body.roles).toEqual(["member", "sponsor"]);
  });

  it("accepts a text/csv body", async () => {
    const admin = await member({ roles: ["admin"] });
    const d = newDomain();
    const res = await call("POST", "/api/admin/people/import", {
      as: admin.as,
      body: csv(`plain@${d},Plain Text,,,,,,`),
      headers: { "content-type": "text/csv; charset=utf-8" },
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ total: 1, created: 1 });
    expect(await personByEmail(`plain@${d}`)).toMatchObject({ name: "Plain Text" });
  });

  it("updates people by e-mail, whatever its case, and replaces their roles", async () => {
    const admin = await member({ roles: ["admin"] });
    const d = newDomain();
    await importCsv(admin.as, csv(`ed@${d},Ed,IC,engineering,ic,IC4,,sponsor;reviewer`, `fay@${d},Fay,,,,,,`));
    const before = await countPeople();
    const res = await importCsv(
      admin.as,
      csv(`ED@${d.toUpperCase()},Edward,Staff engineer,engineering,ic,IC5,fay@${d},admin`, `gus@${d},Gus,,,,,,`),
    );
    expect(res.body).toEqual({ dryRun: false, total: 2, created: 1, updated: 1 });
    expect(await countPeople()).toBe(before + 1);
    expect(await personByEmail(`ed@${d}`)).toMatchObject({
      name: "Edward",
      title: "Staff engineer",
      level: "IC5",
      manager: `fay@${d}`,
      roles: "admin;member",
    });
  });

  it("reactivates a deactivated person it updates", async () => {
    const admin = await member({ roles: ["admin"] });
    const d = newDomain();
    await seedPerson({ email: `back@${d}`, active: false });
    const res = await importCsv(admin.as, csv(`back@${d},Back Again,,,,,,`));
    expect(res.body).toMatchObject({ created: 0, updated: 1 });
    expect(await personByEmail(`back@${d}`)).toMatchObject({ active: 1, name: "Back Again" });
  });

  it("imports nothing when any row is bad, and lists each bad row's number and reasons", async () => {
    const admin = await member({ roles: ["admin"] });
    const d = newDomain();
    const before = await countPeople();
    const res = await importCsv(
      admin.as,
      csv(
        `ok1@${d},Ok One,,,,,,`, // 2
        `nope,Bad Email,,,,,,`, // 3
        `ok1@${d},Duplicate,,,,,,`, // 4
        `dis@${d},Dis,,astrology,,,,`, // 5
        `lvl@${d},Lvl,,,,IC9,,`, // 6
        `trk@${d},Trk,,,ic,M3,,`, // 7
        `bad@${d},BadTrack,,,boss,,,`, // 8
        `role@${d},Role,,,,,,emperor`, // 9
        `mgr@${d},Mgr,,,,,ghost@${d},`, // 10
        `self@${d},Self,,,,,self@${d},`, // 11
        `x@${d},X,,,,,y@${d},`, // 12
        `y@${d},Y,,,,,x@${d},`, // 13
        `ok2@${d},Ok Two,,,,,ok1@${d},`, // 14
      ),
    );
    const error = expectError(res, 400, "import_invalid");
    expect(error.message).toMatch(/Nothing was imported/);
    const rows: { row: number; email?: string; reasons: string[] }[] = error.details.rows;
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const reasons = Object.fromEntries(rows.map((r) => [r.row, r.reasons.join("; ")]));
    expect(reasons[3]).toMatch(/e-mail/);
    expect(reasons[4]).toMatch(/row 2/);
    expect(reasons[5]).toMatch(/astrology/);
    expect(reasons[6]).toMatch(/IC9/);
    expect(reasons[7]).toMatch(/management track/);
    expect(reasons[8]).toMatch(/track "boss"/);
    expect(reasons[9]).toMatch(/emperor/);
    expect(reasons[10]).toMatch(/ghost@/);
    expect(reasons[11]).toMatch(/own manager/);
    expect(reasons[12]).toMatch(/loop/);
    expect(reasons[13]).toMatch(/loop/);
    expect(await countPeople()).toBe(before);
    expect(await personByEmail(`ok1@${d}`)).toBeNull();
  });

  it("refuses a header without a required column (400 on csv)", async () => {
    const admin = await member({ roles: ["admin"] });
    const fields = expectInvalid(await importCsv(admin.as, "email,name\na@x.example.com,A"), "csv");
    expect(fields.csv).toMatch(/discipline/);
    expectInvalid(await importCsv(admin.as, ""), "csv");
  });

  it("reads quoted fields, a byte-order mark and CRLF line ends", async () => {
    const admin = await member({ roles: ["admin"] });
    const d = newDomain();
    const text = `\uFEFF${HEADER}\r\nq@${d},"Hopper, Grace","Said ""hi""\r\ntwice",,,,,"sponsor;reviewer"\r\n`;
    const res = await importCsv(admin.as, text);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await personByEmail(`q@${d}`)).toMatchObject({
      name: "Hopper, Grace",
      title: 'Said "hi"\r\ntwice',
      roles: "member;reviewer;sponsor",
    });
  });

  it("writes nothing in a dry run, but reports what it would do", async () => {
    const admin = await member({ roles: ["admin"] });
    const d = newDomain();
    await seedPerson({ email: `there@${d}` });
    const before = await countPeople();
    const text = csv(`there@${d},Renamed,,,,,,admin`, `fresh@${d},Fresh,,,,,,`);
    const res = await importCsv(admin.as, text, "?dryRun=true");
    expect(res.body).toEqual({ dryRun: true, total: 2, created: 1, updated: 1 });
    expect(await countPeople()).toBe(before);
    expect(await personByEmail(`there@${d}`)).toMatchObject({ roles: "member" });
    expect((await personByEmail(`there@${d}`))?.name).not.toBe("Renamed");
    const bad = await importCsv(admin.as, csv("bad,Bad,,,,,,"), "?dryRun=true");
    expectError(bad, 400, "import_invalid");
    const real = await importCsv(admin.as, text, "?dryRun=false");
    expect(real.body).toEqual({ dryRun: false, total: 2, created: 1, updated: 1 });
    expectInvalid(await importCsv(admin.as, text, "?dryRun=yes"), "dryRun");
  });

  it("keeps an admin from removing their own admin role by import", async () => {
    const admin = await member({ roles: ["admin"] });
    const res = await importCsv(admin.as, csv(`${admin.email},Admin,,,,,,sponsor`));
    expectError(res, 400);
    expect((await callJson("GET", "/api/me", { as: admin.as })).body.roles).toContain("admin");
  });

  it("accepts a file with a header and no people", async () => {
    const admin = await member({ roles: ["admin"] });
    const res = await importCsv(admin.as, `${HEADER}\n`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ dryRun: false, total: 0, created: 0, updated: 0 });
  });

  it("is 403 for anyone but an admin, and 401 without a session", async () => {
    const d = newDomain();
    const text = csv(`sneak@${d},Sneak,,,,,,admin`);
    for (const roles of [[], ["sponsor", "reviewer"]] as const) {
      const person = await member({ roles: [...roles] });
      expectError(await importCsv(person.as, text), 403, "forbidden");
    }
    expectError(await callJson("POST", "/api/admin/people/import", { body: { csv: text } }), 401);
    expect(await personByEmail(`sneak@${d}`)).toBeNull();
  });

  it("refuses more than 5000 rows (400 on csv)", async () => {
    const admin = await member({ roles: ["admin"] });
    const d = newDomain();
    const rows = Array.from({ length: 5001 }, (_, i) => `p${i}@${d},P${i},,,,,,`);
    const before = await countPeople();
    expectInvalid(await importCsv(admin.as, csv(...rows)), "csv");
    expect(await countPeople()).toBe(before);
  });

  it("imports 2000 rows with managers and roles in one request", async () => {
    const admin = await member({ roles: ["admin"] });
    const d = newDomain();
    // Each person is managed by the one 50 rows further on, so managers come later in the file.
    const rows = Array.from({ length: 2000 }, (_, i) => {
      const manager = i + 50 < 2000 ? `p${i + 50}@${d}` : "";
      return `p${i}@${d},Person ${i},Title ${i},engineering,ic,IC${1 + (i % 7)},${manager},${i % 10 === 0 ? "sponsor" : ""}`;
    });
    const before = await countPeople();
    const res = await importCsv(admin.as, csv(...rows));
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body).toEqual({ dryRun: false, total: 2000, created: 2000, updated: 0 });
    expect(await countPeople()).toBe(before + 2000);
    expect(await personByEmail(`p0@${d}`)).toMatchObject({
      manager: `p50@${d}`,
      level: "IC1",
      roles: "member;sponsor",
    });
    expect(await personByEmail(`p1999@${d}`)).toMatchObject({ manager: null, level: "IC5", roles: "member" });
    const sponsors = await env.DB.prepare(
      "SELECT count(*) AS n FROM person_roles r JOIN people p ON p.id = r.person_id WHERE p.email LIKE ? AND r.role = 'sponsor'",
    )
      .bind(`%@${d}`)
      .first("n");
    expect(sponsors).toBe(200);
  });

  it("never answers junk with a 500", async () => {
    const admin = await member({ roles: ["admin"] });
    const bodies = [
      ...JUNK_BODIES,
      { csv: 5 },
      { csv: null },
      { csv: ["email"] },
      { csv: `${HEADER}\n"unterminated,quote` },
      { csv: `${HEADER}\n${",".repeat(50)}` },
      { csv: "\uFEFF" },
      { csv: `${HEADER}\n\u0000@x.example.com,\u0000,,,,,,` },
    ];
    for (const body of bodies) {
      const res = await callJson("POST", "/api/admin/people/import", { as: admin.as, body });
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      if (res.status >= 400) expectError(res, res.status);
    }
    for (const body of ["", "not,a,header", "\uFEFF\r\n\r\n"]) {
      const res = await call("POST", "/api/admin/people/import", {
        as: admin.as,
        body,
        headers: { "content-type": "text/csv" },
      });
      expect(res.status, body).toBeLessThan(500);
    }
    const bare = await call("POST", "/api/admin/people/import", { as: admin.as });
    expect(bare.status).toBeLessThan(500);
  });
});

describe("row numbers", () => {
  it("are the rows a spreadsheet shows: blank lines count", () => {
    const check = checkImport(
      "email,name,title,discipline,track,level,manager_email,roles\n\nok@example.com,Ok,,,,,,\n\nbad-email,Bad,,,,,,\n",
      { disciplines: new Set(), levels: new Map(), existing: new Map() },
    );
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems.map((p) => p.row)).toEqual([5]);
  });
});
