import { useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../../components/alert";
import { ApplyDialog, type ApplyTarget } from "../../../components/apply-dialog";
import { api } from "../../../lib/api";
import { call, messageOf } from "../../../lib/http";
import type { Challenge, Slot, Team, TeamMember } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import type { Loaded } from "../../../lib/use-resource";
import { disciplineName } from "../../../state/org";
import { me } from "../../../state/session";
import { Coverage } from "./coverage";
import { MemberList } from "./members";
import type { TeamRowsProps } from "./row-parts";
import { SlotDialog } from "./slot-dialog";
import { SlotList } from "./slots";
import { type Confirming, type RowFailure, slotName } from "./words";

export { slotName } from "./words";

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
  const [error, setError] = useState<RowFailure>(null);
  const [applyTo, setApplyTo] = useState<ApplyTarget | null>(null);
  // The slot last applied to: where focus goes once its Apply button has gone.
  const appliedSlot = useRef("");
  const [slotDialog, setSlotDialog] = useState<{ slot: Slot | null } | null>(null);
  // The button that opened the confirmation, to return to when it is cancelled.
  const confirmOpener = useRef<HTMLElement | null>(null);

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

  /** Opens a confirmation under a row; `opener` gets focus back if it is cancelled. */
  function ask(next: Confirming, opener: HTMLElement) {
    confirmOpener.current = opener;
    setConfirming(next);
  }

  function cancel() {
    setConfirming(null);
    requestAnimationFrame(() => confirmOpener.current?.focus());
  }

  const rows: TeamRowsProps = { team, myId, busy, confirming, error, ask, cancel };

  return (
    <>
      <MemberList {...rows} setCoLead={setCoLead} release={release} />

      <Coverage team={team} />

      <SlotList
        {...rows}
        challenge={ch}
        onApply={(target) => {
          announce("");
          setApplyTo(target);
        }}
        onEditSlot={(slot) => {
          announce("");
          setSlotDialog({ slot });
        }}
        setSlotStatus={setSlotStatus}
        removeSlot={removeSlot}
        withdraw={withdraw}
      />

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
