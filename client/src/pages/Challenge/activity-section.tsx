import { Alert, Loading } from "../../components/alert";
import { TimeAgo } from "../../components/time-ago";
import type { Activity, Challenge, Team } from "../../lib/types";
import { me } from "../../state/session";
import { type ActivityNames, describeActivity } from "./activity";
import { slotName } from "./team";
import type { Feed } from "./use-feed";

/** Names for the people and slots activity entries point at, from what the page has read. */
export function activityNames(ch: Challenge, team: Team | null): ActivityNames {
  const people = new Map<string, string>([[ch.lead.id, ch.lead.name]]);
  if (ch.coLead) people.set(ch.coLead.id, ch.coLead.name);
  for (const m of team?.members ?? []) people.set(m.person.id, m.person.name);
  for (const a of team?.applications ?? []) people.set(a.applicant.id, a.applicant.name);
  const viewerId = me.value?.id;
  if (viewerId) people.set(viewerId, "you");
  return {
    viewerId,
    person: (personId) => people.get(personId),
    slot: (slotId) => {
      const slot = ch.slots.find((s) => s.id === slotId);
      return slot ? `the ${slotName(slot, ch.slots)} role` : undefined;
    },
  };
}

export function ActivitySection({
  activity,
  currency,
  names,
  onMore,
  onRetry,
}: {
  activity: Feed<Activity>;
  currency: string;
  names: ActivityNames;
  onMore: () => void;
  onRetry: () => void;
}) {
  return (
    <section class="section-card" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      {activity.error && <Alert onRetry={onRetry}>{activity.error}</Alert>}
      {activity.items.length > 0 && (
        <ol class="plain-list activity-list">
          {activity.items.map((entry) => {
            const { actor, rest } = describeActivity(entry, currency, names);
            return (
              <li key={entry.id}>
                {entry.actor ? <a href={`/people/${entry.actor.id}`}>{actor}</a> : actor} {rest}
                <TimeAgo iso={entry.createdAt} />
              </li>
            );
          })}
        </ol>
      )}
      {activity.loading && <Loading label="Loading activity…" />}
      {activity.nextCursor && !activity.loading && (
        <button type="button" class="button button-secondary button-small" onClick={onMore}>
          Show older activity
        </button>
      )}
    </section>
  );
}
