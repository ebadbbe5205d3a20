import type { InferResponseType } from "hono/client";
import { useState } from "preact/hooks";
import { Alert, Loading } from "../../../components/alert";
import { Avatar } from "../../../components/avatar";
import { api } from "../../../lib/api";
import { plural } from "../../../lib/format";
import { call, messageOf } from "../../../lib/http";
import type { Slot } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import { disciplineName } from "../../../state/org";

type Candidate = InferResponseType<
  (typeof api.challenges)[":id"]["slots"][":slotId"]["candidates"]["$get"],
  200
>["items"][number];

type State =
  | { status: "closed" }
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; items: Candidate[] };

/**
 * "People who have done this" for one open slot (SPEC §16), for the lead and co-lead: who has
 * shown the skills it asks for (confirmed credit on such slots, or endorsements naming them),
 * their discipline and time free, and an Invite button that asks them to apply. Loaded when
 * opened, so a challenge with many slots reads nothing it is not asked for.
 */
export function SlotCandidates({ challengeId, slot, name }: { challengeId: string; slot: Slot; name: string }) {
  const [state, setState] = useState<State>({ status: "closed" });
  const [invited, setInvited] = useState<ReadonlySet<string>>(new Set());
  const [done, setDone] = useState("");
  const { pending, run, error } = useAction<string>();
  const headingId = `candidates-${slot.id}`;

  async function load() {
    setState({ status: "loading" });
    try {
      const res = await call(
        api.challenges[":id"].slots[":slotId"].candidates.$get({ param: { id: challengeId, slotId: slot.id } }),
      );
      setState({ status: "ready", items: res.items });
    } catch (err) {
      setState({ status: "error", message: messageOf(err) });
    }
  }

  function invite(c: Candidate) {
    setDone("");
    run(
      async () => {
        await call(
          api.challenges[":id"].slots[":slotId"].invitations.$post({
            param: { id: challengeId, slotId: slot.id },
            json: { personId: c.person.id },
          }),
        );
        setInvited((s) => new Set([...s, c.person.id]));
        setDone(`${c.person.name} is invited to apply for the ${name} role; their inbox tells them.`);
      },
      { tag: c.person.id },
    );
  }

  if (state.status === "closed")
    return (
      <div class="button-row">
        <button
          type="button"
          class="button button-secondary button-small"
          aria-label={`Find people who have done this: ${name} role`}
          onClick={load}
        >
          Find people who have done this
        </button>
      </div>
    );

  return (
    <section class="panel-box slot-candidates" aria-labelledby={headingId}>
      <h5 id={headingId} class="candidates-heading">
        People who have done this
      </h5>
      <p class="muted small">
        People who have shown the skills this role asks for, on confirmed credit or in endorsements; those with time
        free for its {slot.commitmentPercent}% first.
      </p>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {state.status === "loading" && <Loading label="Finding people who have done this…" />}
      {state.status === "error" && (
        <Alert title="People who have done this could not be loaded" onRetry={load}>
          {state.message}
        </Alert>
      )}
      {error && <Alert title="The invitation was not sent">{error}</Alert>}
      {state.status === "ready" && state.items.length === 0 && (
        <p class="muted">
          {slot.skills.length === 0
            ? "This role lists no skills, so there is nobody to match. Add skills to the slot to find people."
            : "Nobody outside the team has shown these skills yet."}
        </p>
      )}
      {state.status === "ready" && state.items.length > 0 && (
        <ul class="plain-list candidate-list" aria-labelledby={headingId}>
          {state.items.map((c) => {
            const isInvited = c.invited || invited.has(c.person.id);
            return (
              <li key={c.person.id} class="person-row candidate">
                <Avatar name={c.person.name} url={c.person.avatarUrl} />
                <div>
                  <a href={`/people/${c.person.id}`}>{c.person.name}</a>
                  <div class="muted small">
                    {[c.person.title, c.person.disciplineId ? disciplineName(c.person.disciplineId) : ""]
                      .filter(Boolean)
                      .join(" · ")}
                  </div>
                  <ul class="tag-list" aria-label={`Skills ${c.person.name} has shown`}>
                    {c.shownSkills.map((s) => (
                      <li key={s.skill} class="tag tag-match">
                        {s.skill} · {plural(s.challenges, "challenge")}
                      </li>
                    ))}
                  </ul>
                  <p class="small">{c.reasons.join(" ")}</p>
                </div>
                <div>
                  {isInvited ? (
                    <span class="badge role status-pending">Invited</span>
                  ) : (
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`Invite ${c.person.name} to apply`}
                      disabled={pending !== null}
                      onClick={() => invite(c)}
                    >
                      Invite
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
