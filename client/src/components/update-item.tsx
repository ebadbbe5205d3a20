import { formatDay, withUnit } from "../lib/format";
import type { Update } from "../lib/types";
import { Markdown } from "./markdown";
import { TimeAgo } from "./time-ago";
import "./update-item.css";

/**
 * One progress update (SPEC §6): who posted it and when, the Markdown (sanitised), and the KPI
 * values it reported. `showChallenge` names the challenge, for feeds that mix challenges.
 */
export function UpdateItem({ update: u, showChallenge = false }: { update: Update; showChallenge?: boolean }) {
  const headingId = `update-${u.id}`;
  return (
    <article class="update-item" aria-labelledby={showChallenge ? headingId : undefined}>
      <header class="update-head">
        {showChallenge && (
          <h2 class="update-challenge" id={headingId}>
            <a href={`/challenges/${u.challenge.id}`}>{u.challenge.title}</a>
          </h2>
        )}
        <p class="update-meta">
          <a href={`/people/${u.author.id}`}>{u.author.name}</a> posted an update <TimeAgo iso={u.createdAt} />
        </p>
      </header>
      <Markdown source={u.body} class="update-body" />
      {u.checkins.length > 0 && (
        <ul class="checkin-list" aria-label="KPI check-ins">
          {u.checkins.map((c, i) => (
            <li key={`${c.kpiId}-${i}`} class="checkin">
              <span class="checkin-name">{c.kpiName ?? "A KPI no longer on the challenge"}:</span>{" "}
              <strong>{withUnit(c.value, c.unit)}</strong>{" "}
              <span class="muted">
                measured <time dateTime={c.measuredOn}>{formatDay(c.measuredOn)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
