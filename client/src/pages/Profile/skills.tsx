import { Alert, Loading } from "../../components/alert";
import { api } from "../../lib/api";
import { formatDate, plural } from "../../lib/format";
import { call } from "../../lib/http";
import { useResource } from "../../lib/use-resource";

/**
 * Skills with evidence (SPEC §16): the skills this person has *shown* (confirmed credit on slots
 * that asked for them, or endorsements naming them), each with how much backs it, when it was
 * last backed and links to that evidence; apart from the skills they only *declare*.
 */
export function SkillsSection({ personId, isSelf }: { personId: string; isSelf: boolean }) {
  const { loaded, reload } = useResource(
    () => call(api.people[":id"].skills.$get({ param: { id: personId } })),
    `person-skills:${personId}`,
  );
  return (
    <>
      <h3 class="subheading" id="shown-skills-heading">
        Shown skills
      </h3>
      {loaded.status === "loading" && <Loading label="Loading skills…" />}
      {loaded.status === "error" && (
        <Alert title="Skills could not be loaded" onRetry={reload}>
          {loaded.message}
        </Alert>
      )}
      {loaded.status === "ready" && (
        <>
          {loaded.value.shown.length === 0 ? (
            <p class="muted">
              {isSelf
                ? "None yet. Confirmed credit on roles that ask for a skill, and endorsements naming it, show it here."
                : "None yet: no confirmed credit or endorsement backs a skill."}
            </p>
          ) : (
            <ul class="plain-list shown-skills" aria-labelledby="shown-skills-heading">
              {loaded.value.shown.map((s) => {
                const latest = s.evidence[0];
                return (
                  <li key={s.skill} class="shown-skill">
                    <span class="tag tag-match">{s.skill}</span>{" "}
                    <span class="small">
                      {plural(s.contributions, "confirmed contribution")} on {plural(s.challenges, "challenge")}
                      {s.endorsements > 0 && `, ${plural(s.endorsements, "endorsement")}`} · latest{" "}
                      {formatDate(s.latestAt)}
                      {latest && (
                        <>
                          {" · "}
                          <a href={`/challenges/${latest.challengeId}#credit-${latest.contributionId}`}>
                            evidence on “{latest.challengeTitle}”
                          </a>
                        </>
                      )}
                    </span>
                    {s.evidence.length > 1 && (
                      <details class="small">
                        <summary>All evidence for {s.skill}</summary>
                        <ul>
                          {s.evidence.map((e) => (
                            <li key={e.contributionId}>
                              <a href={`/challenges/${e.challengeId}#credit-${e.contributionId}`}>{e.challengeTitle}</a>{" "}
                              · {formatDate(e.at)}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          <h3 class="subheading" id="declared-skills-heading">
            Declared skills
          </h3>
          {loaded.value.declared.length ? (
            <>
              <p class="muted small">Listed on the profile; no confirmed credit or endorsement shows them yet.</p>
              <ul class="tag-list" aria-labelledby="declared-skills-heading">
                {loaded.value.declared.map((s) => (
                  <li key={s} class="tag">
                    {s}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="muted">{loaded.value.shown.length ? "Every listed skill is shown." : "No skills listed."}</p>
          )}
        </>
      )}
    </>
  );
}
