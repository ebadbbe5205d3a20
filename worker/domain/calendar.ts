import type { Refusal } from "./refusal";

/**
 * Who may see, make, rotate or end a person's calendar feed (SPEC §15): the person alone. The
 * feed's URL opens their private dates to whoever holds it, so not even an admin makes one for
 * someone else; an admin who must cut a person off deactivates them, which silences the feed.
 */
export function calendarFeedRefusal(me: { id: string }, personId: string): Refusal | null {
  if (me.id === personId) return null;
  return { status: 403, code: "forbidden", reason: "Only the person themselves can manage their calendar feed." };
}
