import type { ComponentChildren } from "preact";
import { formatDay, withUnit } from "../lib/format";
import type { Update } from "../lib/types";
import { EditedNote, Tombstone, withMentionLinks } from "./authored";
import { Markdown } from "./markdown";
import { TimeAgo } from "./time-ago";
import "./update-item.css";

/**
 * One progress update (SPEC §6): who posted it and when, the Markdown (sanitised), and the KPI
 * values it reported; "edited" once its author changed it, and a tombstone in place of the text once
 * they removed it (its check-ins still count, so they stay). `showChallenge` names the challenge,
 * for feeds that mix challenges.
 */
export function UpdateItem({
  update: u,
  showChallenge = false,
  editing = false,
  children,
}: {
  update: Update;
  showChallenge?: boolean;
  /** Its author is editing it: `children` (then the form) stands in for the text. */
  editing?: boolean;
  /** The author's own controls (progress/updates.tsx), under the text. */
  children?: ComponentChildren;
}) {
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
          {!u.removedAt && <EditedNote editedAt={u.editedAt} />}
        </p>
      </header>
      {u.removedAt || u.body === null ? (
        <Tombstone noun="Update" removedAt={u.removedAt ?? u.createdAt} />
      ) : editing ? (
        children
      ) : (
        <Markdown source={withMentionLinks(u.body, u.mentions)} class="update-body" />
      )}
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
      {!u.removedAt && !editing && children}
    </article>
  );
}
