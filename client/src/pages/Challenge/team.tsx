import { useEffect, useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { ApplyDialog, type ApplyTarget } from "../../components/apply-dialog";
import { Avatar } from "../../components/avatar";
import { TagList } from "../../components/tag-list";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { listInWords } from "../../lib/format";
import { call, messageOf } from "../../lib/http";
import type { Challenge, Slot, Team, TeamMember } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import type { Loaded } from "../../lib/use-resource";
import { disciplineName, levelName } from "../../state/org";
import { me } from "../../state/session";
import { SlotDialog } from "./slot-dialog";

/** Stages whose slots take applications (worker/domain/teams.ts). */
export const RECRUITING_STAGES: readonly string[] = ["open", "funded", "active"];
/** Stages in which the lead and co-lead manage slots. */
export const SLOT_EDIT_STAGES: readonly string[] = ["draft", "open", "funded", "active"];
const MAX_SLOTS = 20;

/**
 * A slot's name in words: "Data", or "Data 2" when several slots ask for the same discipline, so
 * every button that names a slot is told apart.
 */
export function slotName(slot: Slot, slots: readonly Slot[]): string {
  const same = slots.filter((s) => s.discipline === slot.discipline);
  const name = disciplineName(slot.discipline);
  return same.length > 1 ? `${name} ${same.indexOf(slot) + 1}` : name;
}

/** A list of discipline ids in words: "Data, Design and Engineering". */
function disciplinesInWords(ids: readonly string[]) {
  return listInWords(ids.map(disciplineName));
}

/** "Awaiting Paula Greene's lend". */
function lendWords(m: TeamMember) {
  return m.lend?.managerName ? `Awaiting ${m.lend.managerName}'s lend` : "Awaiting their manager's lend";
}

type Confirming = { kind: "release" | "leave"; member: TeamMember } | { kind: "remove-slot"; slot: Slot } | null;

/**
 * The hub team (SPEC §6): the lead, co-lead and members with their roles, how well the team
 * covers the disciplines it wants, and the role slots, with applying for people outside the
 * team and managing for the lead and co-lead.
 */
export function TeamSection({
  challenge: ch,
  team,
  onRetry,
  onChanged,
}: {
  challenge: Challenge;
  team: Loaded<Team>;
  onRetry: () => void;
  /** The team changed: show `next` (the API's answer) or read it again, and refresh the challenge. */
  onChanged: (next?: Team) => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [done, setDone] = useState("");
  return (
    <section class="section-card" aria-labelledby="team-heading">
      <h2 id="team-heading" ref={headingRef} tabIndex={-1}>
        Team
      </h2>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {team.status === "loading" && <Loading label="Loading the team…" />}
      {team.status === "error" && (
        <Alert title="The team could not be loaded" onRetry={onRetry}>
          {team.message}
        </Alert>
      )}
      {team.status === "ready" && (
        <TeamBody
          challenge={ch}
          team={team.value}
          onChanged={onChanged}
          announce={setDone}
          focusHeading={() => headingRef.current?.focus()}
        />
      )}
    </section>
  );
}

function TeamBody({
  challenge: ch,
  team,
  onChanged,
  announce,
  focusHeading,
}: {
  challenge: Challenge;
  team: Team;
  onChanged: (next?: Team) => void;
  announce: (words: string) => void;
  focusHeading: () => void;
}) {
  const myId = me.value?.id;
  const [confirming, setConfirming] = useState<Confirming>(null);
  const { busy, run } = useAction();
  // A refused action's message, shown beside the row it came from (member or slot id).
  const [error, setError] = useState<{ at: string; message: string } | null>(null);
  const [applyTo, setApplyTo] = useState<ApplyTarget | null>(null);
  // The slot last applied to: where focus goes once its Apply button has gone.
  const appliedSlot = useRef("");
  const [slotDialog, setSlotDialog] = useState<{ slot: Slot | null } | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // The button that opened the confirmation, to return to when it is cancelled.
  const confirmOpener = useRef<HTMLElement | null>(null);
  const canManage = team.viewer.canManage;
  const manageSlots = canManage && SLOT_EDIT_STAGES.includes(ch.stage);
  const recruiting = RECRUITING_STAGES.includes(ch.stage);
  const mine = team.members.find((m) => m.person.id === myId);
  const coLeadOutsideTeam = team.coLead && !team.members.some((m) => m.person.id === team.coLead?.id);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  /**
   * Runs a change to the team; `words` is what to announce once it is done. `moveFocus` puts focus
   * somewhere sensible when the button pressed goes away with the change.
   */
  async function act(at: string, request: () => Promise<Team>, words: string, moveFocus?: () => void) {
    setError(null);
    announce("");
    await run(
      async () => {
        const next = await request();
        setConfirming(null);
        onChanged(next);
        announce(words);
        if (moveFocus) requestAnimationFrame(moveFocus);
      },
      {
        fail: (err) => {
          setError({ at, message: messageOf(err) });
        },
      },
    );
  }

  function release(m: TeamMember) {
    const self = m.person.id === myId;
    act(
      m.id,
      () => call(api.memberships[":id"].$delete({ param: { id: m.id } })),
      self ? "You left the team." : `${m.person.name} is released from the team; the seat is open again.`,
      focusHeading,
    );
  }

  /** Names `m` co-lead, or with null removes the co-lead; `row` is the member whose button was pressed. */
  function setCoLead(m: TeamMember | null, row?: TeamMember) {
    act(
      row?.id ?? "co-lead",
      () =>
        call(api.challenges[":id"]["co-lead"].$put({ param: { id: ch.id }, json: { personId: m?.person.id ?? null } })),
      m ? `${m.person.name} is now co-lead.` : "The challenge has no co-lead now.",
      // The pressed button turns into its opposite: keep focus in the same row.
      () =>
        (
          (row && document.querySelector<HTMLElement>(`#member-${row.id} button`)) ||
          document.getElementById("team-heading")
        )?.focus(),
    );
  }

  function setSlotStatus(slot: Slot, status: "open" | "closed") {
    const name = slotName(slot, ch.slots);
    act(
      slot.id,
      () =>
        call(
          api.challenges[":id"].slots[":slotId"].$patch({ param: { id: ch.id, slotId: slot.id }, json: { status } }),
        ),
      status === "closed"
        ? `The ${name} slot is closed: it takes no more applications.`
        : `The ${name} slot is open for applications again.`,
      () => document.querySelector<HTMLElement>(`#slot-${slot.id} [data-slot-toggle]`)?.focus(),
    );
  }

  function removeSlot(slot: Slot) {
    const name = slotName(slot, ch.slots);
    act(
      slot.id,
      () => call(api.challenges[":id"].slots[":slotId"].$delete({ param: { id: ch.id, slotId: slot.id } })),
      `The ${name} slot is removed.`,
      focusHeading,
    );
  }

  function withdraw(applicationId: string, slot: Slot) {
    act(
      slot.id,
      async () => {
        const withdrawn = await call(api.applications[":id"].withdraw.$post({ param: { id: applicationId } }));
        return { ...team, applications: team.applications.map((a) => (a.id === withdrawn.id ? withdrawn : a)) };
      },
      `Your application for the ${slotName(slot, ch.slots)} role is withdrawn.`,
      () =>
        (
          document.querySelector<HTMLElement>(`#slot-${slot.id} button`) ?? document.getElementById("team-heading")
        )?.focus(),
    );
  }

  const confirmBox = (question: string, detail: string, yes: string, onYes: () => void, no = "Cancel") => (
    <div class="confirm-box">
      <p>
        <strong>{question}</strong> {detail}
      </p>
      <div class="button-row">
        <button ref={confirmRef} type="button" class="button button-danger" disabled={busy} onClick={onYes}>
          {busy ? "Working…" : yes}
        </button>
        <button
          type="button"
          class="button button-secondary"
          disabled={busy}
          onClick={() => {
            setConfirming(null);
            requestAnimationFrame(() => confirmOpener.current?.focus());
          }}
        >
          {no}
        </button>
      </div>
    </div>
  );

  const rowError = (at: string, title: string) => error?.at === at && <Alert title={title}>{error.message}</Alert>;

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
              {rowError("co-lead", "The co-lead was not changed")}
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
                        confirmOpener.current = e.currentTarget;
                        setConfirming({ kind: "leave", member: m });
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
                          confirmOpener.current = e.currentTarget;
                          setConfirming({ kind: "release", member: m });
                        }}
                      >
                        Release {m.person.name}
                      </button>
                    )
                  )}
                </div>
                {rowError(m.id, "That did not work")}
                {open &&
                  (self
                    ? confirmBox(
                        "Leave this team?",
                        "Your seat opens for someone else, and your commitment to this challenge ends.",
                        "Yes, leave",
                        () => release(m),
                        "Stay",
                      )
                    : confirmBox(
                        `Release ${m.person.name}?`,
                        `They leave the team and their seat in the ${role} opens again. They are told.`,
                        "Yes, release",
                        () => release(m),
                        "Keep them",
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

      <Coverage team={team} />

      <h3 id="team-slots-heading">Role slots</h3>
      {!canManage && !recruiting && <p class="muted small">This team is not recruiting now.</p>}
      {mine && <p class="muted small">You are on this team.</p>}
      {ch.slots.length === 0 ? (
        <p class="muted">No roles listed yet.</p>
      ) : (
        <ul class="plain-list slot-list" aria-labelledby="team-slots-heading">
          {ch.slots.map((s) => {
            const name = slotName(s, ch.slots);
            const myApps = team.applications
              .filter((a) => a.slotId === s.id && a.applicant.id === myId)
              .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
            const pending = myApps.find((a) => a.status === "pending");
            const lastDeclined = myApps[0]?.status === "declined" ? myApps[0] : undefined;
            const canApply =
              Boolean(myId) && recruiting && !canManage && !mine && !pending && s.status === "open" && s.open > 0;
            const awaiting = s.filled - s.activeMembers;
            const removing = confirming?.kind === "remove-slot" && confirming.slot.id === s.id;
            return (
              <li class="slot-item" key={s.id} id={`slot-${s.id}`}>
                <div class="cluster">
                  <h4 class="slot-title">{name} role</h4>
                  <span class={`badge role ${s.required ? "status-required" : ""}`}>
                    {s.required ? "Required" : "Optional"}
                  </span>
                  {s.status === "closed" && <span class="badge role status-closed">Closed</span>}
                  {s.status === "open" && s.open === 0 && <span class="badge role status-approved">Full</span>}
                </div>
                <p class="slot-facts">
                  {s.filled} of {s.count} {s.count === 1 ? "seat" : "seats"} filled
                  {awaiting > 0 && ` (${awaiting} awaiting a manager's lend)`} · {s.commitmentPercent}% of each member's
                  time
                </p>
                {s.skills.length > 0 && (
                  <TagList label="Skills wanted">
                    {s.skills.map((skill) => (
                      <li key={skill} class="tag">
                        {skill}
                      </li>
                    ))}
                  </TagList>
                )}
                {lastDeclined && (
                  <p class="small">
                    Your application was declined
                    {lastDeclined.decisionNote ? <>: “{lastDeclined.decisionNote}”</> : "."}
                  </p>
                )}
                {pending && (
                  <div class="cluster slot-applied">
                    <span class="badge role status-pending" id={`applied-${s.id}`}>
                      You applied
                    </span>
                    <span class="muted small">
                      <TimeAgo iso={pending.createdAt} />
                    </span>
                    <button
                      type="button"
                      class="button button-secondary button-small"
                      aria-describedby={`applied-${s.id}`}
                      disabled={busy}
                      onClick={() => withdraw(pending.id, s)}
                    >
                      Withdraw application
                    </button>
                  </div>
                )}
                {(canApply || manageSlots) && (
                  <div class="button-row">
                    {canApply && (
                      <button
                        type="button"
                        class="button button-small"
                        aria-haspopup="dialog"
                        onClick={() => {
                          announce("");
                          setApplyTo({
                            challengeId: ch.id,
                            challengeTitle: ch.title,
                            slotId: s.id,
                            discipline: s.discipline,
                            commitmentPercent: s.commitmentPercent,
                          });
                        }}
                      >
                        Apply for {name} role
                      </button>
                    )}
                    {manageSlots && (
                      <>
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          aria-haspopup="dialog"
                          aria-label={`Edit slot: ${name} role`}
                          disabled={busy}
                          onClick={() => {
                            announce("");
                            setSlotDialog({ slot: s });
                          }}
                        >
                          Edit slot
                        </button>
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          aria-label={`${s.status === "open" ? "Close slot" : "Reopen slot"}: ${name} role`}
                          disabled={busy}
                          data-slot-toggle
                          onClick={() => setSlotStatus(s, s.status === "open" ? "closed" : "open")}
                        >
                          {s.status === "open" ? "Close slot" : "Reopen slot"}
                        </button>
                        <button
                          type="button"
                          class="button button-danger button-small"
                          aria-label={`Remove slot: ${name} role`}
                          aria-expanded={removing ? "true" : "false"}
                          disabled={busy}
                          onClick={(e) => {
                            confirmOpener.current = e.currentTarget;
                            setConfirming({ kind: "remove-slot", slot: s });
                          }}
                        >
                          Remove slot
                        </button>
                      </>
                    )}
                  </div>
                )}
                {rowError(s.id, "That did not work")}
                {removing &&
                  confirmBox(
                    `Remove the ${name} slot?`,
                    "Pending applications to it are declined. A slot with history is closed rather than deleted.",
                    "Yes, remove it",
                    () => removeSlot(s),
                    "Keep it",
                  )}
              </li>
            );
          })}
        </ul>
      )}
      {manageSlots && (
        <div class="button-row">
          <button
            type="button"
            class="button button-secondary"
            aria-haspopup="dialog"
            aria-disabled={ch.slots.length >= MAX_SLOTS ? "true" : undefined}
            aria-describedby={ch.slots.length >= MAX_SLOTS ? "slots-full-hint" : undefined}
            onClick={() => {
              if (ch.slots.length >= MAX_SLOTS) return;
              announce("");
              setSlotDialog({ slot: null });
            }}
          >
            Add role slot
          </button>
          {ch.slots.length >= MAX_SLOTS && (
            <p class="hint" id="slots-full-hint">
              A challenge has at most {MAX_SLOTS} role slots.
            </p>
          )}
        </div>
      )}

      <ApplyDialog
        target={applyTo}
        onClose={() => setApplyTo(null)}
        fallbackFocus={() =>
          document.querySelector<HTMLElement>(`#slot-${appliedSlot.current} button`) ??
          document.getElementById("team-heading")
        }
        onApplied={(application, target) => {
          appliedSlot.current = target.slotId;
          onChanged({ ...team, applications: [...team.applications, application] });
          announce(
            `Your application for the ${disciplineName(target.discipline)} role is sent. ${ch.lead.name} is told.`,
          );
          setApplyTo(null);
        }}
        onRefused={() => onChanged()}
      />
      <SlotDialog
        challenge={ch}
        state={slotDialog}
        onClose={() => setSlotDialog(null)}
        onSaved={(next, words) => {
          onChanged(next);
          announce(words);
          setSlotDialog(null);
        }}
      />
    </>
  );
}

/** Team coverage (SPEC §6) at a glance: disciplines the team has, required seats filled, and gaps. */
function Coverage({ team }: { team: Team }) {
  const c = team.coverage;
  return (
    <>
      <h3>Coverage</h3>
      <div class="coverage">
        <p>
          <span class="coverage-name">Disciplines covered:</span>{" "}
          {c.disciplinesCovered.length ? disciplinesInWords(c.disciplinesCovered) : "none yet"}
        </p>
        {c.requiredSeats > 0 ? (
          <div class="coverage-meter">
            <p id="coverage-required">
              <span class="coverage-name">Required roles filled:</span> {c.requiredSeatsFilled} of {c.requiredSeats}
            </p>
            <progress
              class="meter"
              value={c.requiredSeatsFilled}
              max={c.requiredSeats}
              aria-labelledby="coverage-required"
            >
              {c.requiredSeatsFilled} of {c.requiredSeats}
            </progress>
          </div>
        ) : (
          <p>
            <span class="coverage-name">Required roles filled:</span> no role is marked required
          </p>
        )}
        <p>
          <span class="coverage-name">Wanted but missing:</span>{" "}
          {c.disciplinesMissing.length ? disciplinesInWords(c.disciplinesMissing) : "none"}
        </p>
      </div>
    </>
  );
}
