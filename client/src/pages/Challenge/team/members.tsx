import type { ComponentChildren } from "preact";
import { Avatar } from "../../../components/avatar";
import type { TeamMember } from "../../../lib/types";
import { disciplineName, levelName } from "../../../state/org";
import { ConfirmBox, RowError, type TeamRowsProps } from "./row-parts";
import { lendWords } from "./words";

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
}: TeamRowsProps & {
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
        <MemberRow person={team.lead} badges={<span class="badge role">Lead</span>}>
          {team.lead.disciplineId && <p class="member-facts">{disciplineName(team.lead.disciplineId)}</p>}
        </MemberRow>
        {coLeadOutsideTeam && team.coLead && (
          <MemberRow person={team.coLead} badges={<span class="badge role">Co-lead</span>}>
            {team.coLead.disciplineId && <p class="member-facts">{disciplineName(team.coLead.disciplineId)}</p>}
            {team.viewer.canNameCoLead && (
              <div class="button-row">
                <RemoveCoLeadButton busy={busy} onClick={() => setCoLead(null)} />
              </div>
            )}
            <RowError error={error} at={"co-lead"} title="The co-lead was not changed" />
          </MemberRow>
        )}
        {team.members.map((m) => {
          const self = m.person.id === myId;
          const role = m.discipline ? `${disciplineName(m.discipline)} role` : "Team member";
          const facts = [role, levelName(m.person.levelId), `${m.commitmentPercent}% commitment`].filter(Boolean);
          const open = confirming && "member" in confirming && confirming.member.id === m.id;
          return (
            <MemberRow
              key={m.id}
              id={`member-${m.id}`}
              person={m.person}
              badges={
                <>
                  {self && <span class="muted small">(you)</span>}
                  {m.isCoLead && <span class="badge role">Co-lead</span>}
                  {m.status === "pending_lend" && <span class="badge role status-pending">{lendWords(m)}</span>}
                </>
              }
            >
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
                  <RemoveCoLeadButton busy={busy} onClick={() => setCoLead(null, m)} />
                )}
                {(self || canManage) && (
                  <button
                    type="button"
                    class="button button-danger button-small"
                    aria-expanded={open ? "true" : "false"}
                    disabled={busy}
                    onClick={(e) => {
                      ask({ kind: self ? "leave" : "release", member: m }, e.currentTarget);
                    }}
                  >
                    {self ? "Leave this team" : `Release ${m.person.name}`}
                  </button>
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
            </MemberRow>
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

/** One person in the list: avatar, name linking to their profile, badges beside it, and the row's details. */
function MemberRow({
  person,
  id,
  badges,
  children,
}: {
  person: { id: string; name: string; avatarUrl: string | null };
  id?: string;
  badges: ComponentChildren;
  children?: ComponentChildren;
}) {
  return (
    <li class="member" id={id}>
      <Avatar name={person.name} url={person.avatarUrl} />
      <div class="member-main">
        <div class="cluster">
          <a href={`/people/${person.id}`}>
            <strong>{person.name}</strong>
          </a>
          {badges}
        </div>
        {children}
      </div>
    </li>
  );
}

function RemoveCoLeadButton({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  return (
    <button type="button" class="button button-secondary button-small" disabled={busy} onClick={onClick}>
      Remove co-lead
    </button>
  );
}
