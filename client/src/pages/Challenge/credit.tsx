import { useEffect, useRef, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { CreditStatusBadge } from "../../components/credit-record";
import { ErrorSummary } from "../../components/error-summary";
import { SelectField, TextAreaField, TextField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { SubmitOrCancel } from "../../components/submit-or-cancel";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import {
  CONTRIBUTION_LABELS,
  CONTRIBUTION_TYPES,
  creditAnchor,
  hoursInWords,
  isOnTeam,
  shortDescription,
  teamPeople,
} from "../../lib/credit-words";
import { absoluteTime, formatDate, parseNumber } from "../../lib/format";
import { call, messageOf } from "../../lib/http";
import type { Challenge, Contribution, ContributionType, Team } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { type Loaded, useResource } from "../../lib/use-resource";
import { me } from "../../state/session";

/** Stages with no work to credit (worker/domain/credit.ts `recordRefusal`; archived counts as withdrawn). */
const NO_CREDIT_STAGES: readonly string[] = ["draft", "withdrawn", "archived"];

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

/**
 * Visible credit on the challenge (SPEC §6): every credit record, whatever its state — none is
 * ever deleted — with its endorsements; recording credit for the team, and confirming, declining,
 * endorsing and retracting for those the rules allow. Each record has `id="credit-<id>"`, where
 * impact packets and the inbox link to.
 */
/** Every credit record of the challenge (the page links to any of them by id), a page of 100 at a time. */
async function allContributions(id: string): Promise<{ items: Contribution[] }> {
  const items: Contribution[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(
      api.challenges[":id"].contributions.$get({
        param: { id },
        query: { limit: "100", ...(cursor ? { cursor } : {}) },
      }),
    );
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items };
}

export function CreditSection({
  challenge: ch,
  team,
  onActivity,
}: {
  challenge: Challenge;
  team: Loaded<Team>;
  onActivity: () => void;
}) {
  const id = ch.id;
  const { loaded, reload, set } = useResource(() => allContributions(id), `contributions:${id}`);
  const [done, setDone] = useState("");
  const teamValue = team.status === "ready" ? team.value : null;
  const myId = me.value?.id;
  const onTeam = isOnTeam(teamValue, myId);
  const canRecord = onTeam && !NO_CREDIT_STAGES.includes(ch.stage);
  const items = loaded.status === "ready" ? loaded.value.items : null;

  // A link to one record (from an impact packet or the inbox): show it once the records are here.
  useEffect(() => {
    if (!items) return;
    const hash = decodeURIComponent(location.hash.slice(1));
    if (!hash.startsWith("credit-")) return;
    const target = document.getElementById(hash);
    if (!target) return;
    target.classList.add("is-target");
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }, [items !== null]);

  function replace(next: Contribution) {
    if (!items) return;
    set({ items: items.map((c) => (c.id === next.id ? next : c)) });
  }

  const counted = items?.filter((c) => c.counts).length ?? 0;

  return (
    <section class="section-card" aria-labelledby="credit-heading">
      <h2 id="credit-heading" tabIndex={-1}>
        Credit
      </h2>
      <p class="muted small">
        Every contribution to this challenge, recorded by the team. Credit recorded for a teammate counts once they
        confirm it; declined and retracted records stay on record and never count.
      </p>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {loaded.status === "loading" && <Loading label="Loading credit…" />}
      {loaded.status === "error" && (
        <Alert title="Credit could not be loaded" onRetry={reload}>
          {loaded.message}
        </Alert>
      )}
      {items && items.length === 0 && (
        <p class="muted">
          {canRecord ? "No credit recorded yet. Record what you or a teammate did below." : "No credit recorded yet."}
        </p>
      )}
      {items && items.length > 0 && (
        <>
          <p class="small">
            {counted} of {items.length} {items.length === 1 ? "record counts" : "records count"}.
          </p>
          <CreditList
            challenge={ch}
            items={items}
            onTeam={onTeam}
            onChanged={(next, words) => {
              replace(next);
              setDone(words);
              onActivity();
            }}
            clearDone={() => setDone("")}
          />
        </>
      )}
      {canRecord && teamValue && items && (
        <RecordCreditForm
          challenge={ch}
          team={teamValue}
          onRecorded={(made) => {
            set({ items: [made, ...items] });
            setDone(
              made.status === "confirmed"
                ? "Your credit is recorded and confirmed: it counts now."
                : `Credit recorded for ${made.person.name}. It counts once they confirm it; they are told.`,
            );
            onActivity();
          }}
          clearDone={() => setDone("")}
        />
      )}
    </section>
  );
}

function CreditList({
  challenge: ch,
  items,
  onTeam,
  onChanged,
  clearDone,
}: {
  challenge: Challenge;
  items: Contribution[];
  onTeam: boolean;
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
      act(
        c,
        () => call(api.contributions[":id"].endorsements.$post({ ...param, json: { note: value } })),
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

/** What a record says: who, what kind, what was done, its state with who and why, and its endorsements. */
function CreditRecordBody({ contribution: c, you }: { contribution: Contribution; you: boolean }) {
  const self = c.recordedBy.id === c.person.id;
  return (
    <>
      <div class="cluster">
        <a href={`/people/${c.person.id}`}>
          <strong>{c.person.name}</strong>
        </a>
        {you && <span class="muted small">(you)</span>}
        <span class="badge role">{CONTRIBUTION_LABELS[c.type]}</span>
        <CreditStatusBadge status={c.status} />
      </div>
      <p class="credit-description">
        {c.status === "retracted" ? (
          <s>
            <span class="visually-hidden">Retracted: </span>
            {c.description}
          </s>
        ) : (
          c.description
        )}
      </p>
      <p class="muted small">
        {c.hours !== null && <>{hoursInWords(c.hours)} · </>}
        {self ? "Recorded by themselves" : `Recorded by ${c.recordedBy.name}`} <TimeAgo iso={c.createdAt} />
        {c.status === "confirmed" && c.confirmedAt && !self && (
          <>
            {" · confirmed "}
            <time dateTime={c.confirmedAt} title={absoluteTime(c.confirmedAt)}>
              {formatDate(c.confirmedAt)}
            </time>
          </>
        )}
      </p>
      {c.status === "declined" && (
        <p class="small credit-reason">
          Declined by {c.person.name}
          {c.declineReason ? <>: “{c.declineReason}”</> : "."}
        </p>
      )}
      {c.status === "retracted" && (
        <p class="small credit-reason">
          Retracted by {c.retractedBy?.name ?? "someone"}
          {c.endedAt && (
            <>
              {" on "}
              <time dateTime={c.endedAt} title={absoluteTime(c.endedAt)}>
                {formatDate(c.endedAt)}
              </time>
            </>
          )}
          {c.retractReason ? <>: “{c.retractReason}”</> : "."}
        </p>
      )}
      {c.endorsements.length > 0 && (
        <ul class="plain-list endorsement-list" aria-label={`Endorsements of ${c.person.name}'s credit`}>
          {c.endorsements.map((e) => (
            <li key={e.id} class="endorsement">
              <span aria-hidden="true">★ </span>
              Endorsed by <a href={`/people/${e.endorser.id}`}>{e.endorser.name}</a>: “{e.note}”{" "}
              <span class="muted">
                <TimeAgo iso={e.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const CREDIT_PLACES: Record<string, FieldPlace> = {
  personId: { fieldId: "credit-person", label: "Who" },
  type: { fieldId: "credit-type", label: "Contribution type" },
  description: { fieldId: "credit-description", label: "What was done" },
  hours: { fieldId: "credit-hours", label: "Hours" },
};
const locateCredit = (path: string) => CREDIT_PLACES[path] ?? null;

function RecordCreditForm({
  challenge: ch,
  team,
  onRecorded,
  clearDone,
}: {
  challenge: Challenge;
  team: Team;
  onRecorded: (made: Contribution) => void;
  clearDone: () => void;
}) {
  const myId = me.value?.id ?? "";
  const people = teamPeople(team);
  const [personId, setPersonId] = useState(myId);
  const [type, setType] = useState<ContributionType | "">("");
  const [description, setDescription] = useState("");
  const [hours, setHours] = useState("");
  const { busy: sending, run } = useAction();
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    clearDone();
    const messages: Record<string, string> = {};
    const parsedHours = hours.trim() ? parseNumber(hours) : null;
    if (!personId) messages.personId = "Choose who did it.";
    if (!type) messages.type = "Choose the kind of contribution.";
    if (description.trim().length < 5) messages.description = "Say what was done (at least 5 characters).";
    if (hours.trim() && (parsedHours === null || parsedHours <= 0 || parsedHours > 5000)) {
      messages.hours = "Enter hours as a number more than 0, like 6 or 2.5, or leave it empty.";
    }
    if (Object.keys(messages).length || !type) {
      fail(problemsFrom(messages, locateCredit));
      return;
    }
    clearFailure();
    await run(
      async () => {
        const made = await call(
          api.challenges[":id"].contributions.$post({
            param: { id: ch.id },
            json: { personId, type, description: description.trim(), hours: parsedHours },
          }),
        );
        clearProblems();
        setType("");
        setDescription("");
        setHours("");
        onRecorded(made);
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locateCredit));
        },
      },
    );
  }

  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <h3 id="record-credit-heading" class="form-title">
        Record credit
      </h3>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title="The credit was not recorded">{failure}</Alert>}
      <div class="row-grid roomy">
        <SelectField
          id="credit-person"
          label="Who"
          hint={personId && personId !== myId ? "It counts once they confirm it." : "Yours counts at once."}
          value={personId}
          onChange={setPersonId}
          error={err("credit-person")}
        >
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id === myId ? `${p.name} (you)` : p.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="credit-type"
          label="Contribution type"
          hint="After the CRediT taxonomy"
          value={type}
          onChange={(value) => setType(value as ContributionType | "")}
          error={err("credit-type")}
        >
          <option value="">Choose…</option>
          {CONTRIBUTION_TYPES.map((t) => (
            <option key={t} value={t}>
              {CONTRIBUTION_LABELS[t]}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        id="credit-description"
        label="What was done"
        hint="Concrete and checkable: what was done and what it changed. It is the evidence in promotion cases."
        maxLength={2000}
        value={description}
        onInput={setDescription}
        error={err("credit-description")}
      />
      <TextField
        id="credit-hours"
        label="Hours (optional)"
        class="field short-field"
        inputMode="decimal"
        autoComplete="off"
        value={hours}
        onInput={setHours}
        error={err("credit-hours")}
      />
      <button type="submit" class="button" disabled={sending}>
        {sending ? "Recording…" : "Record credit"}
      </button>
    </form>
  );
}
