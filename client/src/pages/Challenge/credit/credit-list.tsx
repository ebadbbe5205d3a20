import { useEffect, useRef, useState } from "preact/hooks";
import { Alert } from "../../../components/alert";
import { TextAreaField } from "../../../components/field";
import { SubmitOrCancel } from "../../../components/submit-or-cancel";
import { api } from "../../../lib/api";
import { creditAnchor, shortDescription } from "../../../lib/credit-words";
import { call, messageOf } from "../../../lib/http";
import type { Challenge, Contribution, Team } from "../../../lib/types";
import { useAction } from "../../../lib/use-action";
import { me } from "../../../state/session";
import { CreditRecordBody } from "./credit-record";
import { EndorseSkills, endorsedSkills, MAX_ENDORSED_SKILLS } from "./endorse-skills";

type Panel = { id: string; kind: "decline" | "endorse" | "retract" };

const PANEL_WORDS: Record<
  Panel["kind"],
  { label: string; hint: string; submit: string; busy: string; tooShort: string; failed: string }
> = {
  decline: {
    label: "Why are you declining it?",
    hint: "Whoever recorded it is told. The record stays, marked declined, and never counts.",
    submit: "Decline it",
    busy: "Declining…",
    tooShort: "Say why you decline it.",
    failed: "The credit was not declined",
  },
  endorse: {
    label: "Endorsement note",
    hint: "What you saw them do and why it mattered. It shows on the record and in their portfolio.",
    submit: "Endorse",
    busy: "Endorsing…",
    tooShort: "Say what you saw (at least 3 characters).",
    failed: "Your endorsement was not saved",
  },
  retract: {
    label: "Why retract it?",
    hint: "It stays on record, struck through, with your name and reason; it stops counting.",
    submit: "Retract it",
    busy: "Retracting…",
    tooShort: "Say why it is retracted.",
    failed: "The credit was not retracted",
  },
};

export function CreditList({
  challenge: ch,
  items,
  onTeam,
  onChanged,
  clearDone,
  team = null,
}: {
  challenge: Challenge;
  items: Contribution[];
  onTeam: boolean;
  /** The team, to suggest the credited person's slot skills when endorsing. */
  team?: Team | null;
  onChanged: (next: Contribution, words: string) => void;
  clearDone: () => void;
}) {
  const person = me.value;
  const myId = person?.id;
  const isAdmin = person?.roles.includes("admin") ?? false;
  const isLead = ch.viewer.isLead || ch.viewer.isCoLead;
  const [panel, setPanel] = useState<Panel | null>(null);
  const [text, setText] = useState("");
  const [textError, setTextError] = useState<string | undefined>();
  const [picked, setPicked] = useState<string[]>([]);
  const [typed, setTyped] = useState("");
  const [skillsError, setSkillsError] = useState<string | undefined>();
  const { busy, run } = useAction();
  const [error, setError] = useState<{ at: string; message: string } | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (panel) document.getElementById(`${panel.kind}-text-${panel.id}`)?.focus();
  }, [panel?.id, panel?.kind]);

  function open(c: Contribution, kind: Panel["kind"], button: HTMLElement) {
    opener.current = button;
    clearDone();
    setError(null);
    setText("");
    setTextError(undefined);
    setPicked([]);
    setTyped("");
    setSkillsError(undefined);
    setPanel({ id: c.id, kind });
  }

  async function act(c: Contribution, request: () => Promise<Contribution>, words: string) {
    setError(null);
    clearDone();
    await run(
      async () => {
        const next = await request();
        setPanel(null);
        setText("");
        onChanged(next, words);
        requestAnimationFrame(() => document.getElementById(creditAnchor(c.id))?.focus());
      },
      {
        fail: (err) => {
          setError({ at: c.id, message: messageOf(err) });
        },
      },
    );
  }

  function submitPanel(c: Contribution, kind: Panel["kind"]) {
    const value = text.trim();
    if (value.length < 3) {
      setTextError(PANEL_WORDS[kind].tooShort);
      document.getElementById(`${kind}-text-${c.id}`)?.focus();
      return;
    }
    setTextError(undefined);
    const param = { param: { id: c.id } };
    if (kind === "decline") {
      act(
        c,
        () => call(api.contributions[":id"].decline.$post({ ...param, json: { reason: value } })),
        "You declined the credit. It stays on record and does not count.",
      );
    } else if (kind === "endorse") {
      const skills = endorsedSkills(picked, typed);
      const problem =
        skills.length > MAX_ENDORSED_SKILLS
          ? `Name at most ${MAX_ENDORSED_SKILLS} skills.`
          : skills.some((s) => s.length > 40)
            ? "Each skill has at most 40 characters."
            : undefined;
      setSkillsError(problem);
      if (problem) {
        document.getElementById(`endorse-other-skills-${c.id}`)?.focus();
        return;
      }
      act(
        c,
        () => call(api.contributions[":id"].endorsements.$post({ ...param, json: { note: value, skills } })),
        `Your endorsement of ${c.person.name}'s credit is added; they are told.`,
      );
    } else {
      act(
        c,
        () => call(api.contributions[":id"].retract.$post({ ...param, json: { reason: value } })),
        "The credit is retracted. It stays on record, struck through, and no longer counts.",
      );
    }
  }

  return (
    <ol class="plain-list credit-records" aria-label="Credit records, newest first">
      {items.map((c) => {
        const mine = c.person.id === myId;
        const name = shortDescription(c.description, 100);
        const canAnswer = mine && c.status === "pending";
        const canEndorse =
          onTeam && !mine && c.status === "confirmed" && !c.endorsements.some((e) => e.endorser.id === myId);
        const canRetract =
          (c.status === "pending" || c.status === "confirmed") &&
          (mine || c.recordedBy.id === myId || isLead || isAdmin);
        const openHere = panel?.id === c.id ? panel.kind : null;
        const words = openHere ? PANEL_WORDS[openHere] : null;
        return (
          <li key={c.id} id={creditAnchor(c.id)} class={`credit-record credit-${c.status}`} tabIndex={-1}>
            <CreditRecordBody contribution={c} you={mine} />
            {(canAnswer || canEndorse || canRetract) && (
              <div class="button-row record-actions">
                {canAnswer && (
                  <>
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`Confirm credit: ${name}`}
                      disabled={busy}
                      onClick={() =>
                        act(
                          c,
                          () => call(api.contributions[":id"].confirm.$post({ param: { id: c.id } })),
                          "You confirmed the credit: it counts now.",
                        )
                      }
                    >
                      Confirm
                    </button>
                    <button
                      type="button"
                      class="button button-secondary button-small"
                      aria-label={`Decline credit: ${name}`}
                      aria-expanded={openHere === "decline" ? "true" : "false"}
                      disabled={busy}
                      onClick={(e) => open(c, "decline", e.currentTarget)}
                    >
                      Decline
                    </button>
                  </>
                )}
                {canEndorse && (
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    aria-label={`Endorse: ${name}`}
                    aria-expanded={openHere === "endorse" ? "true" : "false"}
                    disabled={busy}
                    onClick={(e) => open(c, "endorse", e.currentTarget)}
                  >
                    Endorse
                  </button>
                )}
                {canRetract && (
                  <button
                    type="button"
                    class="button button-danger button-small"
                    aria-label={`Retract: ${name}`}
                    aria-expanded={openHere === "retract" ? "true" : "false"}
                    disabled={busy}
                    onClick={(e) => open(c, "retract", e.currentTarget)}
                  >
                    Retract
                  </button>
                )}
              </div>
            )}
            {error?.at === c.id && <Alert title={words?.failed ?? "That did not work"}>{error.message}</Alert>}
            {openHere && words && (
              <div class={openHere === "endorse" ? "panel-box" : "confirm-box"}>
                <TextAreaField
                  id={`${openHere}-text-${c.id}`}
                  label={words.label}
                  hint={words.hint}
                  maxLength={2000}
                  value={text}
                  onInput={setText}
                  error={textError}
                />
                {openHere === "endorse" && (
                  <EndorseSkills
                    contribution={c}
                    challenge={ch}
                    team={team}
                    picked={picked}
                    onPick={setPicked}
                    typed={typed}
                    onType={setTyped}
                    error={skillsError}
                  />
                )}
                <SubmitOrCancel
                  label={words.submit}
                  busyLabel={words.busy}
                  busy={busy}
                  danger={openHere !== "endorse"}
                  onSubmit={() => submitPanel(c, openHere)}
                  onCancel={() => {
                    setPanel(null);
                    requestAnimationFrame(() => opener.current?.focus());
                  }}
                />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
