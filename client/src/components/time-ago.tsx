import { absoluteTime, relativeTime } from "../lib/format";

/** "3 days ago", with the exact time in `datetime` and as a tooltip. */
export function TimeAgo({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={absoluteTime(iso)}>
      {relativeTime(iso)}
    </time>
  );
}
