import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { call, callJson, env, expectError, expectInvalid, member } from "./helpers";
import * as f from "./round-trip-fixtures";

/** SPEC §15 calendars: the personal feed, its token's life, and one showcase day as a download. */

interface Parsed {
  calendar: ICAL.Component;
  events: ICAL.Component[];
  byUid: Map<string, ICAL.Component>;
}

/** Parses an iCalendar document with ical.js (a parser apart from the library that wrote it). */
function parse(text: string): Parsed {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe("vcalendar");
  expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
  expect(calendar.getFirstPropertyValue("prodid")).toBeTruthy();
  const events = calendar.getAllSubcomponents("vevent");
  for (const e of events) {
    // RFC 5545 §3.6.1: UID and DTSTAMP once each; with no METHOD, DTSTART is required too.
    expect(e.getAllProperties("uid")).toHaveLength(1);
    expect(e.getAllProperties("dtstamp")).toHaveLength(1);
    expect(e.getFirstProperty("dtstamp")?.type).toBe("date-time");
    expect(e.getFirstPropertyValue("summary")).toBeTruthy();
    expect(e.getFirstProperty("dtstart")).toBeTruthy();
    expect(String(e.getFirstPropertyValue("url"))).toMatch(/^http:\/\/localhost\//);
  }
  return { calendar, events, byUid: new Map(events.map((e) => [String(e.getFirstPropertyValue("uid")), e])) };
}

const dateOf = (e: ICAL.Component | undefined) => {
  const prop = e?.getFirstProperty("dtstart");
  expect(prop?.type, "an all-day DATE value").toBe("date");
  return String(prop?.getFirstValue() as ICAL.Time | undefined);
};

/** Makes (or rotates) the person's feed and returns its URL's path and query. */
async function makeFeed(p: { id: string; as: string }) {
  const made = await callJson("POST", `/api/people/${p.id}/calendar-feed`, { as: p.as });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  expect(made.body.active).toBe(true);
  const url = new URL(made.body.url);
  expect(url.origin).toBe("http://localhost");
  expect(url.pathname).toBe(`/api/people/${p.id}/calendar.ics`);
  expect(url.searchParams.get("token")).toMatch(/^cal_[A-Za-z0-9_-]{43}$/);
  return `${url.pathname}${url.search}`;
}

/** Fetches a feed (no cookie: a calendar app has none) and parses it. */
async function readFeed(path: string) {
  const res = await call("GET", path);
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  return { res, text, ...parse(text) };
}

const tokenOf = (path: string) => new URL(`http://x${path}`).searchParams.get("token") ?? "";

describe("GET/POST/DELETE /api/people/:id/calendar-feed", () => {
  it("starts without a feed; making one answers its URL once, and the status never shows the token", async () => {
    const me = await member();
    const before = await callJson("GET", `/api/people/${me.id}/calendar-feed`, { as: me.as });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ active: false, createdAt: null, lastUsedAt: null });

    const path = await makeFeed(me);
    const after = await callJson("GET", `/api/people/${me.id}/calendar-feed`, { as: me.as });
    expect(after.body.active).toBe(true);
    expect(after.body.createdAt).toEqual(expect.any(String));
    expect(JSON.stringify(after.body)).not.toContain(tokenOf(path));
    expect(after.body).not.toHaveProperty("url");

    // Only its hash is stored.
    const row = await env.DB.prepare("SELECT token_hash FROM calendar_feeds WHERE person_id = ?")
      .bind(me.id)
      .first<{ token_hash: string }>();
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.token_hash).not.toContain(tokenOf(path));
  });

  it("records when a calendar app fetched the feed", async () => {
    const me = await member();
    await readFeed(await makeFeed(me));
    const status = await callJson("GET", `/api/people/${me.id}/calendar-feed`, { as: me.as });
    expect(status.body.lastUsedAt).toEqual(expect.any(String));
  });

  it("is the person's own: another person, even an admin, gets 403; signed out is 401", async () => {
    const me = await member();
    const other = await member();
    const admin = await f.admin();
    for (const as of [other.as, admin.as]) {
      for (const method of ["GET", "POST", "DELETE"]) {
        expectError(await callJson(method, `/api/people/${me.id}/calendar-feed`, { as }), 403, "forbidden");
      }
    }
    for (const method of ["GET", "POST", "DELETE"]) {
      expectError(await callJson(method, `/api/people/${me.id}/calendar-feed`), 401, "unauthenticated");
    }
  });

  it("a bad id is a 400 naming it", async () => {
    const me = await member();
    expectInvalid(await callJson("POST", "/api/people/not%20an%20id/calendar-feed", { as: me.as }), "id");
  });
});

describe("GET /api/people/:id/calendar.ics", () => {
  it("holds the person's milestones with stable UIDs and URLs back to each one, read without a cookie", async () => {
    const team = await f.plannedMilestone();
    const path = await makeFeed(team.teammate);
    const first = await readFeed(path);
    expect(first.calendar.getFirstPropertyValue("x-wr-calname")).toMatch(/: Person \d+$/);
    const uid = `milestone-${team.milestoneId}@crux`;
    const event = first.byUid.get(uid);
    expect(event, `${uid} in ${[...first.byUid.keys()]}`).toBeTruthy();
    expect(event?.getFirstPropertyValue("summary")).toContain("Retire the first five jobs");
    expect(event?.getFirstPropertyValue("url")).toBe(
      `http://localhost/challenges/${team.id}#milestone-${team.milestoneId}`,
    );
    expect(dateOf(event)).toBe(f.isoDay(14));

    const second = await readFeed(path);
    expect([...second.byUid.keys()].sort()).toEqual([...first.byUid.keys()].sort());
    expect(second.text).toBe(first.text);
    // The lead and co-lead have it too; someone off the team does not.
    expect((await readFeed(await makeFeed(team.lead))).byUid.has(uid)).toBe(true);
    const outsider = await member();
    expect((await readFeed(await makeFeed(outsider))).events).toHaveLength(0);
  });

  it("holds the open commitments the person owns, and not another person's", async () => {
    const decided = await f.decidedWithCommitment();
    const owner = (await readFeed(await makeFeed(decided.owner))).byUid.get(`commitment-${decided.commitmentId}@crux`);
    expect(owner?.getFirstPropertyValue("summary")).toContain("A data engineer for a quarter");
    expect(owner?.getFirstPropertyValue("url")).toBe(
      `http://localhost/challenges/${decided.id}#commitment-${decided.commitmentId}`,
    );
    expect(dateOf(owner)).toBe(f.isoDay(30));
    // The lead's feed is of the lead's own dates: the owner's commitment is not among them.
    const lead = await readFeed(await makeFeed(decided.lead));
    expect(lead.byUid.has(`commitment-${decided.commitmentId}@crux`)).toBe(false);
  });

  it("holds the showcase days of challenges the person is on, backs or sponsors, with the agenda", async () => {
    const team = await f.challengeInReview();
    const backer = await member();
    await f.ok("PUT", `/api/challenges/${team.id}/backing`, { as: backer.as });
    const event = await f.ok(
      "POST",
      "/api/showcases/events",
      {
        as: (await f.reviewer()).as,
        body: { title: "Spring showcase day", heldOn: f.isoDay(7), location: "Atrium", challengeIds: [team.id] },
      },
      201,
    );
    const uid = `showcase-day-${event.id}@crux`;
    for (const person of [team.teammate, team.coLead, backer]) {
      const day = (await readFeed(await makeFeed(person))).byUid.get(uid);
      expect(day?.getFirstPropertyValue("summary")).toBe("Spring showcase day");
      expect(day?.getFirstPropertyValue("location")).toBe("Atrium");
      expect(day?.getFirstPropertyValue("url")).toBe(`http://localhost/showcases/events/${event.id}`);
      expect(String(day?.getFirstPropertyValue("description"))).toContain(`http://localhost/challenges/${team.id}`);
      expect(dateOf(day)).toBe(f.isoDay(7));
    }
    expect((await readFeed(await makeFeed(await member()))).byUid.has(uid)).toBe(false);
  });

  it("holds the end of a lend for the person lent and for their manager", async () => {
    const lend = await f.pendingLend();
    await f.ok("POST", `/api/lends/${lend.lendId}/decision`, { as: lend.manager.as, body: { decision: "approve" } });
    const uid = `lend-end-${lend.lendId}@crux`;
    const mine = (await readFeed(await makeFeed(lend.applicant))).byUid.get(uid);
    expect(mine?.getFirstPropertyValue("summary")).toMatch(/^Your lend to .+ ends$/);
    expect(mine?.getFirstPropertyValue("url")).toBe(`http://localhost/challenges/${lend.id}#team`);
    // The challenge's horizon (10 weeks) is the lend's length by default.
    expect(dateOf(mine)).toBe(f.isoDay(70));
    const managers = (await readFeed(await makeFeed(lend.manager))).byUid.get(uid);
    expect(managers?.getFirstPropertyValue("summary")).toContain("Lend of");
  });

  it("stops answering the old URL after a rotation and after a revocation (404)", async () => {
    const me = await member();
    const first = await makeFeed(me);
    await readFeed(first);
    const second = await makeFeed(me);
    expect(second).not.toBe(first);
    expectError(await callJson("GET", first), 404, "not_found");
    await readFeed(second);

    const revoked = await callJson("DELETE", `/api/people/${me.id}/calendar-feed`, { as: me.as });
    expect(revoked.status).toBe(200);
    expect(revoked.body.active).toBe(false);
    expectError(await callJson("GET", second), 404, "not_found");
    // Ending it again is no error.
    expect((await callJson("DELETE", `/api/people/${me.id}/calendar-feed`, { as: me.as })).status).toBe(200);
  });

  it("answers a wrong token, or another person's token on my URL, with the same 404", async () => {
    const team = await f.plannedMilestone();
    const mine = await makeFeed(team.teammate);
    const outsider = await member();
    const theirs = await makeFeed(outsider);
    const wrong = await callJson("GET", `/api/people/${team.teammate.id}/calendar.ics?token=cal_wrong`);
    const borrowed = await callJson(
      "GET",
      `/api/people/${team.teammate.id}/calendar.ics?token=${encodeURIComponent(tokenOf(theirs))}`,
    );
    const nobody = await callJson("GET", `/api/people/p_nobody/calendar.ics?token=${tokenOf(mine)}`);
    for (const res of [wrong, borrowed, nobody]) expectError(res, 404, "not_found");
    expect(borrowed.body).toEqual(wrong.body);
    // The outsider's own feed holds none of my team's milestones.
    const outsiders = await readFeed(theirs);
    expect(outsiders.byUid.has(`milestone-${team.milestoneId}@crux`)).toBe(false);
  });

  it("a session cookie opens nothing: without the token it is a 400 naming token", async () => {
    const me = await member();
    await makeFeed(me);
    expectInvalid(await callJson("GET", `/api/people/${me.id}/calendar.ics`, { as: me.as }), "token");
    expectInvalid(await callJson("GET", `/api/people/${me.id}/calendar.ics?token=`), "token");
    expectInvalid(await callJson("GET", `/api/people/${me.id}/calendar.ics?token=${"x".repeat(201)}`), "token");
  });

  it("goes quiet once the person is deactivated", async () => {
    const me = await member();
    const path = await makeFeed(me);
    await env.DB.prepare("UPDATE people SET active = 0 WHERE id = ?").bind(me.id).run();
    expectError(await callJson("GET", path), 404, "not_found");
  });

  it("says it is private and answers 304 to a calendar app that has the same version", async () => {
    const me = await member();
    const path = await makeFeed(me);
    const { res } = await readFeed(path);
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    const tag = res.headers.get("etag");
    expect(tag).toBeTruthy();
    const again = await call("GET", path, { headers: { "if-none-match": tag ?? "" } });
    expect(again.status).toBe(304);
  });
});

describe("GET /api/showcases/events/:id/event.ics", () => {
  async function showcaseDay() {
    const team = await f.challengeInReview();
    const event = await f.ok(
      "POST",
      "/api/showcases/events",
      {
        as: (await f.reviewer()).as,
        body: { title: "Autumn showcase day", heldOn: f.isoDay(10), location: "Hall B", challengeIds: [team.id] },
      },
      201,
    );
    return { team, eventId: event.id as string };
  }

  it("is one all-day event with its agenda, the same UID each time, for anyone signed in", async () => {
    const { team, eventId } = await showcaseDay();
    const viewer = await member();
    const reads = [];
    for (let i = 0; i < 2; i++) {
      const res = await call("GET", `/api/showcases/events/${eventId}/event.ics`, { as: viewer.as });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="autumn-showcase-day.ics"');
      reads.push(parse(await res.text()));
    }
    for (const { events } of reads) {
      expect(events).toHaveLength(1);
      const [day] = events;
      expect(day.getFirstPropertyValue("uid")).toBe(`showcase-day-${eventId}@crux`);
      expect(day.getFirstPropertyValue("summary")).toBe("Autumn showcase day");
      expect(day.getFirstPropertyValue("location")).toBe("Hall B");
      expect(day.getFirstPropertyValue("url")).toBe(`http://localhost/showcases/events/${eventId}`);
      expect(String(day.getFirstPropertyValue("description"))).toContain(
        `http://localhost/challenges/${team.id}#showcase`,
      );
      expect(dateOf(day)).toBe(f.isoDay(10));
    }
  });

  it("is a 404 for a showcase day that does not exist, 401 signed out, 400 for a bad id", async () => {
    const { eventId } = await showcaseDay();
    const viewer = await member();
    expectError(await callJson("GET", "/api/showcases/events/evt_nothing/event.ics", { as: viewer.as }), 404);
    expectError(await callJson("GET", `/api/showcases/events/${eventId}/event.ics`), 401, "unauthenticated");
    expectInvalid(await callJson("GET", "/api/showcases/events/bad!id/event.ics", { as: viewer.as }), "id");
  });
});
