import { useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { TimeAgo } from "../../../components/time-ago";
import { api } from "../../../lib/api";
import { outcomeLabel } from "../../../lib/credit-words";
import { formatDay } from "../../../lib/format";
import { call } from "../../../lib/http";
import type { Commitment, Decision, Team } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import type { Loaded } from "../../../lib/use-resource";
import { me } from "../../../state/session";
import { DecideForm } from "./decide-form";
import { ConflictNote, type SectionProps } from "./shared";

/** The decision form for reviewers, then every decision with its commitments. */
export function DecisionsSection({
  challenge: ch,
  view,
  team,
  onChanged,
  onDecided,
}: SectionProps & { team: Loaded<Team>; onDecided: () => void }) {
  const [done, setDone] = useState("");
  const decisions = [...view.decisions].sort((a, b) => b.cycle - a.cycle || b.createdAt.localeCompare(a.createdAt));
  const person = me.value;
  const mayTrack = (c: Commitment) =>
    c.owner.id === person?.id ||
    ch.viewer.isLead ||
    ch.viewer.isCoLead ||
    (person?.roles.includes("reviewer") ?? false);

  return (
    <section class="section-card" aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">Decisions</h2>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {view.viewer.decideBlockedReason && (
        <ConflictNote title="You cannot decide this showcase" reason={view.viewer.decideBlockedReason} />
      )}
      {view.viewer.canDecide && (
        <DecideForm
          challenge={ch}
          team={team}
          onDecided={(d) => {
            onChanged({ ...view, decisions: [d, ...view.decisions] });
            setDone(
              d.decision === "iterate"
                ? "Decision recorded: iterate. The challenge goes back to active for another cycle; the team is told."
                : `Decision recorded: ${d.decision}. Unspent money returns to the sponsors; the team is told.`,
            );
            onDecided();
          }}
          clearDone={() => setDone("")}
        />
      )}
      {decisions.length === 0 ? (
        <p class="muted">{ch.stage === "showcase" ? "Not decided yet." : "No decisions yet."}</p>
      ) : (
        <ol class="plain-list decision-list">
          {decisions.map((d) => (
            <li key={d.id} class="decision-item">
              <DecisionItem
                decision={d}
                mayTrack={mayTrack}
                onChanged={(next, words) => {
                  onChanged({ ...view, decisions: view.decisions.map((x) => (x.id === next.id ? next : x)) });
                  setDone(words);
                }}
                clearDone={() => setDone("")}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function DecisionItem({
  decision: d,
  mayTrack,
  onChanged,
  clearDone,
}: {
  decision: Decision;
  mayTrack: (c: Commitment) => boolean;
  onChanged: (next: Decision, words: string) => void;
  clearDone: () => void;
}) {
  const { pending: busy, error, run } = useAction<string>();

  async function toggle(c: Commitment) {
    clearDone();
    const status = c.status === "done" ? "open" : "done";
    await run(
      async () => {
        const next = await call(api.commitments[":id"].$patch({ param: { id: c.id }, json: { status } }));
        onChanged(next, status === "done" ? `“${c.what}” is marked done.` : `“${c.what}” is open again.`);
        requestAnimationFrame(() => document.getElementById(`commitment-${c.id}`)?.focus());
      },
      { tag: c.id },
    );
  }

  return (
    <article class="decision" aria-labelledby={`decision-${d.id}`}>
      <h3 id={`decision-${d.id}`} class="decision-title">
        <span class={`badge role outcome-${d.decision}`}>{outcomeLabel(d.decision)}</span> Cycle {d.cycle}
      </h3>
      <p class="muted small">
        Decided by <a href={`/people/${d.decidedBy.id}`}>{d.decidedBy.name}</a> <TimeAgo iso={d.createdAt} />
        {d.nextGateOn && (
          <>
            {" · "}next gate <time dateTime={d.nextGateOn}>{formatDay(d.nextGateOn)}</time>
          </>
        )}
      </p>
      <p class="comment-body">{d.rationale}</p>
      {error && <Alert title="The commitment was not changed">{error}</Alert>}
      {d.commitments.length > 0 && (
        <div class="table-wrap">
          <table class="table stackable">
            <caption class="visually-hidden">Commitments of the cycle {d.cycle} decision</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.commitments.map((c) => (
                <tr key={c.id} id={`commitment-${c.id}`} tabIndex={-1}>
                  <th scope="row" data-label="What">
                    {c.what}
                  </th>
                  <td data-label="Owner">
                    <a href={`/people/${c.owner.id}`}>{c.owner.name}</a>
                  </td>
                  <td data-label="Due">
                    <time dateTime={c.dueOn}>{formatDay(c.dueOn)}</time>
                  </td>
                  <td data-label="Status">
                    <span class="cluster">
                      <span class={`badge role ${c.status === "done" ? "status-approved" : "status-required"}`}>
                        {c.status === "done" ? "Done" : "Open"}
                      </span>
                      {c.overdue && <span class="badge role status-declined">Overdue</span>}
                    </span>
                  </td>
                  <td data-label="">
                    {mayTrack(c) && (
                      <button
                        type="button"
                        class="button button-secondary button-small"
                        disabled={busy !== null}
                        onClick={() => toggle(c)}
                      >
                        {c.status === "done" ? `Reopen: ${c.what}` : `Mark done: ${c.what}`}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
