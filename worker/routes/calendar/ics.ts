import ical, { ICalCalendarMethod, type ICalEventData, ICalEventTransparency } from "ical-generator";
import type { Feed, FeedAgendaItem } from "../../services/calendar";
import type { ShowcaseEvent } from "../../services/review";

/**
 * The iCalendar documents (RFC 5545) of SPEC §15, built by ical-generator. Every event has a UID
 * made of its kind and the entity's id, so a calendar app that reads the feed again updates the
 * event in place instead of adding a copy, and a URL back to the page where it is acted on.
 * Dates without a time (due dates, showcase days) are all-day DATE values; DTSTAMP is when the
 * entity was last changed, so an unchanged feed reads the same and its ETag holds.
 */

const PROD_ID = { company: "Crux", product: "Crux", language: "EN" } as const;
/** Calendar apps that honour it (REFRESH-INTERVAL, X-PUBLISHED-TTL) fetch the feed hourly. */
const REFRESH_SECONDS = 60 * 60;

export const uid = (kind: "milestone" | "commitment" | "showcase-day" | "lend-end", id: string) => `${kind}-${id}@crux`;

const challengeUrl = (origin: string, challengeId: string, hash: string) =>
  `${origin}/challenges/${encodeURIComponent(challengeId)}#${hash}`;
const eventUrl = (origin: string, eventId: string) => `${origin}/showcases/events/${encodeURIComponent(eventId)}`;

/** A due date: all day, shown as free time, so it marks the day without blocking it. */
const dueOn = (day: string): Pick<ICalEventData, "start" | "allDay" | "transparency"> => ({
  start: day,
  allDay: true,
  transparency: ICalEventTransparency.TRANSPARENT,
});

function agendaText(items: { title: string; url: string }[]) {
  if (!items.length) return "The agenda is not set yet.";
  return ["On the agenda:", ...items.map((item, i) => `${i + 1}. ${item.title}: ${item.url}`)].join("\n");
}

/** The person's own feed: milestones, commitments, showcase days and lend ends. */
export function personalCalendar(feed: Feed, origin: string): string {
  const cal = ical({
    name: `${feed.orgName}: ${feed.person.name}`,
    description: `Milestones, commitments, showcase days and lend ends for ${feed.person.name}.`,
    prodId: PROD_ID,
    method: ICalCalendarMethod.PUBLISH,
    ttl: REFRESH_SECONDS,
  });
  for (const m of feed.milestones) {
    const url = challengeUrl(origin, m.challengeId, `milestone-${m.id}`);
    const state =
      m.status === "done"
        ? "Done."
        : m.status === "slipped"
          ? `Slipped${m.slipReason ? `: ${m.slipReason}` : "."}`
          : "Planned.";
    cal.createEvent({
      id: uid("milestone", m.id),
      ...dueOn(m.dueOn),
      stamp: m.updatedAt,
      summary: `Milestone: ${m.title} (${m.challengeTitle})`,
      description: `${state}\nA milestone of ${m.challengeTitle}.\n${url}`,
      url,
    });
  }
  for (const k of feed.commitments) {
    const url = challengeUrl(origin, k.challengeId, `commitment-${k.id}`);
    cal.createEvent({
      id: uid("commitment", k.id),
      ...dueOn(k.dueOn),
      stamp: k.createdAt,
      summary: `Commitment due: ${k.what} (${k.challengeTitle})`,
      description: `You own this commitment of the decision on ${k.challengeTitle}.\n${url}`,
      url,
    });
  }
  const agendaOf = new Map<string, FeedAgendaItem[]>();
  for (const item of feed.agenda) agendaOf.set(item.eventId, [...(agendaOf.get(item.eventId) ?? []), item]);
  for (const e of feed.events) {
    const items = (agendaOf.get(e.id) ?? []).map((i) => ({
      title: i.challengeTitle,
      url: challengeUrl(origin, i.challengeId, "showcase"),
    }));
    cal.createEvent(showcaseDayEvent({ ...e, items }, origin));
  }
  for (const l of feed.lends) {
    const yours = l.personId === feed.person.id;
    const url = challengeUrl(origin, l.challengeId, "team");
    cal.createEvent({
      id: uid("lend-end", l.id),
      ...dueOn(l.endsOn),
      stamp: l.decidedAt,
      summary: yours ? `Your lend to ${l.challengeTitle} ends` : `Lend of ${l.personName} to ${l.challengeTitle} ends`,
      description: yours
        ? `${l.managerName} lent ${l.sharePercent}% of your time to ${l.challengeTitle}; the lend ends today.\n${url}`
        : `You lent ${l.sharePercent}% of ${l.personName}'s time to ${l.challengeTitle}; the lend ends today.\n${url}`,
      url,
    });
  }
  return cal.toString();
}

function showcaseDayEvent(
  e: {
    id: string;
    title: string;
    heldOn: string;
    location: string;
    createdAt: string;
    items: { title: string; url: string }[];
  },
  origin: string,
): ICalEventData {
  const url = eventUrl(origin, e.id);
  return {
    id: uid("showcase-day", e.id),
    start: e.heldOn,
    allDay: true,
    stamp: e.createdAt,
    summary: e.title,
    location: e.location || null,
    description: `${agendaText(e.items)}\n\n${url}`,
    url,
  };
}

/** One showcase day, to download (`event.ics`). */
export function showcaseDayCalendar(event: ShowcaseEvent, origin: string): string {
  const cal = ical({ name: event.title, prodId: PROD_ID, method: ICalCalendarMethod.PUBLISH });
  cal.createEvent(
    showcaseDayEvent(
      {
        ...event,
        items: event.items.map((i) => ({ title: i.title, url: challengeUrl(origin, i.challengeId, "showcase") })),
      },
      origin,
    ),
  );
  return cal.toString();
}

/** A file name for a download: the title's letters and digits, dashed. */
export const icsFileName = (title: string) =>
  `${
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "showcase-day"
  }.ics`;
