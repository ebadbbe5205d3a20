import { api } from "../lib/api";
import { formatDay, plural } from "../lib/format";
import { call } from "../lib/http";
import { useResource } from "../lib/use-resource";
import { Alert } from "./alert";

const STATE_WORDS = { live: "running", ended: "ended", recalled: "recalled early" } as const;

/**
 * A manager's mentoring evidence (SPEC §16): the people they lent to challenges, when, and the
 * confirmed credit each earned there. Hidden while it loads and for anyone who lent nobody.
 */
export function MentoringSection({ personId, isSelf }: { personId: string; isSelf: boolean }) {
  const mentoring = useResource(
    () => call(api.people[":id"].mentoring.$get({ param: { id: personId } })),
    `mentoring:${personId}`,
  );
  if (mentoring.loaded.status === "loading") return null;
  if (mentoring.loaded.status === "error")
    return (
      <Alert title="Mentoring could not be loaded" onRetry={mentoring.reload}>
        {mentoring.loaded.message}
      </Alert>
    );
  const { lends, manager } = mentoring.loaded.value;
  if (lends.length === 0) return null;
  return (
    <section class="section-card" aria-labelledby="mentoring-heading">
      <h2 id="mentoring-heading">Mentoring</h2>
      <p class="muted small">
        {isSelf ? "People you lent" : `People ${manager.name} lent`} to hub challenges, and the credit they earned
        there.
      </p>
      <ul class="plain-list mentoring-list">
        {lends.map((l) => (
          <li key={l.id}>
            <p>
              <a href={`/people/${l.person.id}`}>
                <strong>{l.person.name}</strong>
              </a>{" "}
              on <a href={`/challenges/${l.challenge.id}`}>{l.challenge.title}</a>
            </p>
            <p class="small muted">
              {l.sharePercent}% of their time
              {l.startsOn ? `, ${formatDay(l.startsOn)}` : ""}
              {l.endsOn ? ` to ${formatDay(l.endsOn)}` : ""} ({STATE_WORDS[l.state]}) ·{" "}
              {plural(l.credit.confirmed, "confirmed contribution")}
              {l.credit.hours ? `, ${plural(l.credit.hours, "hour")}` : ""}
              {l.state !== "live" && (
                <>
                  {" · "}
                  <a href={`/lends/${l.id}/report`}>Return report</a>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
