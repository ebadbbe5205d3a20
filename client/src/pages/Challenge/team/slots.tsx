import type { ApplyTarget } from "../../../components/apply-dialog";
import { TagList } from "../../../components/tag-list";
import { TimeAgo } from "../../../components/time-ago";
import type { Challenge, Slot, Team } from "../../../lib/types";
import { SlotCandidates } from "./candidates";
import { ConfirmBox, RowError, type TeamRowsProps } from "./row-parts";
import { MAX_SLOTS, RECRUITING_STAGES, SLOT_EDIT_STAGES, slotName } from "./words";

interface SlotListProps extends TeamRowsProps {
  challenge: Challenge;
  onApply: (target: ApplyTarget) => void;
  /** Opens the slot dialog for `slot`, or for a new slot with null. */
  onEditSlot: (slot: Slot | null) => void;
  setSlotStatus: (slot: Slot, status: "open" | "closed") => void;
  removeSlot: (slot: Slot) => void;
  withdraw: (applicationId: string, slot: Slot) => void;
}

/**
 * The role slots: each one's seats and skills, Apply and Withdraw for people outside the team, and
 * editing, closing and removing for the lead and co-lead.
 */
export function SlotList(props: SlotListProps) {
  const { challenge: ch, team, myId } = props;
  const { canManage, manageSlots, recruiting } = slotRights(ch, team);
  const mine = team.members.find((m) => m.person.id === myId);
  return (
    <>
      <h3 id="team-slots-heading">Role slots</h3>
      {!canManage && !recruiting && <p class="muted small">This team is not recruiting now.</p>}
      {mine && <p class="muted small">You are on this team.</p>}
      {ch.slots.length === 0 ? (
        <p class="muted">No roles listed yet.</p>
      ) : (
        <ul class="plain-list slot-list" aria-labelledby="team-slots-heading">
          {ch.slots.map((s) => (
            <SlotItem key={s.id} {...props} slot={s} mine={Boolean(mine)} />
          ))}
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
              props.onEditSlot(null);
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
    </>
  );
}

/** What the viewer may do with the slots at the challenge's stage. */
function slotRights(ch: Challenge, team: Team) {
  const canManage = team.viewer.canManage;
  return {
    canManage,
    manageSlots: canManage && SLOT_EDIT_STAGES.includes(ch.stage),
    recruiting: RECRUITING_STAGES.includes(ch.stage),
  };
}

type SlotItemProps = SlotListProps & { slot: Slot; mine: boolean };

/** One role slot: its seats and skills, my application to it, and the buttons open to me. */
function SlotItem({
  slot: s,
  challenge: ch,
  team,
  myId,
  mine,
  busy,
  confirming,
  error,
  ask,
  cancel,
  onApply,
  onEditSlot,
  setSlotStatus,
  removeSlot,
  withdraw,
}: SlotItemProps) {
  const { canManage, manageSlots, recruiting } = slotRights(ch, team);
  const name = slotName(s, ch.slots);
  const myApps = team.applications
    .filter((a) => a.slotId === s.id && a.applicant.id === myId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const pending = myApps.find((a) => a.status === "pending");
  const lastDeclined = myApps[0]?.status === "declined" ? myApps[0] : undefined;
  const canApply = Boolean(myId) && recruiting && !canManage && !mine && !pending && s.status === "open" && s.open > 0;
  const awaiting = s.filled - s.activeMembers;
  const removing = confirming?.kind === "remove-slot" && confirming.slot.id === s.id;
  return (
    <li class="slot-item" id={`slot-${s.id}`}>
      <div class="cluster">
        <h4 class="slot-title">{name} role</h4>
        <span class={`badge role ${s.required ? "status-required" : ""}`}>{s.required ? "Required" : "Optional"}</span>
        {s.status === "closed" && <span class="badge role status-closed">Closed</span>}
        {s.status === "open" && s.open === 0 && <span class="badge role status-approved">Full</span>}
      </div>
      <p class="slot-facts">
        {s.filled} of {s.count} {s.count === 1 ? "seat" : "seats"} filled
        {awaiting > 0 && ` (${awaiting} awaiting a manager's lend)`} · {s.commitmentPercent}% of each member's time
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
              onClick={() =>
                onApply({
                  challengeId: ch.id,
                  challengeTitle: ch.title,
                  slotId: s.id,
                  discipline: s.discipline,
                  commitmentPercent: s.commitmentPercent,
                })
              }
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
                onClick={() => onEditSlot(s)}
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
                  ask({ kind: "remove-slot", slot: s }, e.currentTarget);
                }}
              >
                Remove slot
              </button>
            </>
          )}
        </div>
      )}
      {canManage && recruiting && s.status === "open" && s.open > 0 && (
        <SlotCandidates challengeId={ch.id} slot={s} name={name} />
      )}
      <RowError error={error} at={s.id} title="That did not work" />
      {removing && (
        <ConfirmBox
          question={`Remove the ${name} slot?`}
          detail="Pending applications to it are declined. A slot with history is closed rather than deleted."
          yes="Yes, remove it"
          no="Keep it"
          busy={busy}
          onYes={() => removeSlot(s)}
          onCancel={cancel}
        />
      )}
    </li>
  );
}
