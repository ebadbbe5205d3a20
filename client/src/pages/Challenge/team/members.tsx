import { Avatar } from "../../../components/avatar";
import type { Team, TeamMember } from "../../../lib/types";
import { disciplineName, levelName } from "../../../state/org";
import { ConfirmBox, RowError } from "./row-parts";
import { type Confirming, lendWords, type RowFailure } from "./words";

/** The team's people: the lead, a co-lead from outside the team, and each member with their buttons. */
export function MemberList({
  team,
  myId,
  busy,
  confirming,
  error,
  ask,
  cancel,
  setCoLead,
  release,
}: {
  team: Team;
  myId: string | undefined;
  busy: boolean;
  confirming: Confirming;
  error: RowFailure;
  /** Opens a confirmation; `opener` gets focus back if it is cancelled. */
  ask: (confirming: Confirming, opener: HTMLElement) => void;
  cancel: () => void;
  /** Names `m` co-lead, or with null removes the co-lead; `row` is the member whose button was pressed. */
  setCoLead: (m: TeamMember | null, row?: TeamMember) => void;
  release: (m: TeamMember) => void;
}) {
  const canManage = team.viewer.canManage;
  const coLeadOutsideTeam = team.coLead && !team.members.some((m) => m.person.id === team.coLead?.id);
  return (
    <>
      <h3 id="team-members-heading">Members</h3>
      <ul class="plain-list member-list" aria-labelledby="team-members-heading">
        <li class="member">
          <Avatar name={team.lead.name} url={team.lead.avatarUrl} />
          <div class="member-main">
            <div class="cluster">
              <a href={`/people/${team.lead.id}`}>
                <strong>{team.lead.name}</strong>
              </a>
              <span class="badge role">Lead</span>
            </div>
            {team.lead.disciplineId && <p class="member-facts">{disciplineName(team.lead.disciplineId)}</p>}
          </div>
        </li>
        {coLeadOutsideTeam && team.coLead && (
          <li class="member">
            <Avatar name={team.coLead.name} url={team.coLead.avatarUrl} />
            <div class="member-main">
              <div class="cluster">
                <a href={`/people/${team.coLead.id}`}>
                  <strong>{team.coLead.name}</strong>
                </a>
                <span class="badge role">Co-lead</span>
              </div>
              {team.coLead.disciplineId && <p class="member-facts">{disciplineName(team.coLead.disciplineId)}</p>}
              {team.viewer.canNameCoLead && (
                <div class="button-row">
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    disabled={busy}
                    onClick={() => setCoLead(null)}
                  >
                    Remove co-lead
                  </button>
                </div>
              )}
              <RowError error={error} at={"co-lead"} title="The co-lead was not changed" />
            </div>
          </li>
        )}
        {team.members.map((m) => {
          const self = m.person.id === myId;
          const role = m.discipline ? `${disciplineName(m.discipline)} role` : "Team member";
          const facts = [role, levelName(m.person.levelId), `${m.commitmentPercent}% commitment`].filter(Boolean);
          const open = confirming && "member" in confirming && confirming.member.id === m.id;
          return (
            <li class="member" key={m.id} id={`member-${m.id}`}>
              <Avatar name={m.person.name} url={m.person.avatarUrl} />
              <div class="member-main">
                <div class="cluster">
                  <a href={`/people/${m.person.id}`}>
                    <strong>{m.person.name}</strong>
                  </a>
                  {self && <span class="muted small">(you)</span>}
                  {m.isCoLead && <span class="badge role">Co-lead</span>}
                  {m.status === "pending_lend" && <span class="badge role status-pending">{lendWords(m)}</span>}
                </div>
                <p class="member-facts">{facts.join(" · ")}</p>
                <div class="button-row">
                  {team.viewer.canNameCoLead && m.status === "active" && !m.isCoLead && (
                    <button
                      type="button"
                      class="button button-secondary button-small"
                      disabled={busy}
                      onClick={() => setCoLead(m, m)}
                    >
                      Make {m.person.name} co-lead
                    </button>
                  )}
                  {team.viewer.canNameCoLead && m.isCoLead && (
                    <button
                      type="button"
                      class="button button-secondary button-small"
                      disabled={busy}
                      onClick={() => setCoLead(null, m)}
                    >
                      Remove co-lead
                    </button>
                  )}
                  {self ? (
                    <button
                      type="button"
                      class="button button-danger button-small"
                      aria-expanded={open ? "true" : "false"}
                      disabled={busy}
                      onClick={(e) => {
                        ask({ kind: "leave", member: m }, e.currentTarget);
                      }}
                    >
                      Leave this team
                    </button>
                  ) : (
                    canManage && (
                      <button
                        type="button"
                        class="button button-danger button-small"
                        aria-expanded={open ? "true" : "false"}
                        disabled={busy}
                        onClick={(e) => {
                          ask({ kind: "release", member: m }, e.currentTarget);
                        }}
                      >
                        Release {m.person.name}
                      </button>
                    )
                  )}
                </div>
                <RowError error={error} at={m.id} title="That did not work" />
                {open &&
                  (self ? (
                    <ConfirmBox
                      question="Leave this team?"
                      detail="Your seat opens for someone else, and your commitment to this challenge ends."
                      yes="Yes, leave"
                      no="Stay"
                      busy={busy}
                      onYes={() => release(m)}
                      onCancel={cancel}
                    />
                  ) : (
                    <ConfirmBox
                      question={`Release ${m.person.name}?`}
                      detail={`They leave the team and their seat in the ${role} opens again. They are told.`}
                      yes="Yes, release"
                      no="Keep them"
                      busy={busy}
                      onYes={() => release(m)}
                      onCancel={cancel}
                    />
                  ))}
              </div>
            </li>
          );
        })}
      </ul>
      {team.members.length === 0 && (
        <p class="muted">
          {canManage ? "Nobody has joined yet: accepted applicants appear here." : "Nobody has joined yet."}
        </p>
      )}
    </>
  );
}
