import { useRef, useState } from "preact/hooks";
import { Alert } from "../../components/alert";
import { Avatar } from "../../components/avatar";
import { TextAreaField, TextField } from "../../components/field";
import { ModalDialog } from "../../components/modal-dialog";
import { SubmitOrCancel } from "../../components/submit-or-cancel";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { plural } from "../../lib/format";
import { ApiError, call, messageOf } from "../../lib/http";
import type { Application, Challenge, Team } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { disciplineName, levelName, org } from "../../state/org";

const STATUS_WORDS: Record<Application["status"], string> = {
  pending: "Pending",
  accepted: "Accepted",
  declined: "Declined",
  withdrawn: "Withdrawn",
  ended: "Accepted, since left",
};

type Deciding = { application: Application; decision: "accept" | "decline" };

const roleOf = (a: Application) => (a.slotDiscipline ? `${disciplineName(a.slotDiscipline)} role` : "a role");

/**
 * The lead's and co-lead's queue of applications (SPEC §6): each pitch with what the applicant
 * already commits elsewhere, to accept or decline with a note; decided ones below.
 */
export function ApplicantsSection({
  challenge: ch,
  team,
  onChanged,
}: {
  challenge: Challenge;
  team: Team;
  onChanged: (next?: Team) => void;
}) {
  const [deciding, setDeciding] = useState<Deciding | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pending = team.applications
    .filter((a) => a.status === "pending")
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const decided = team.applications
    .filter((a) => a.status !== "pending")
    .sort((a, b) => (b.decidedAt ?? b.createdAt).localeCompare(a.decidedAt ?? a.createdAt));
  const last = useRef(deciding);
  if (deciding) last.current = deciding;
  const shown = last.current;

  return (
    <section class="section-card" aria-labelledby="applicants-heading">
      <h2 id="applicants-heading" ref={headingRef} tabIndex={-1}>
        Applicants
        {pending.length > 0 && <span class="badge status-pending">{pending.length} waiting</span>}
      </h2>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {pending.length === 0 ? (
        <p class="muted">
          {team.applications.length === 0
            ? "No applications yet. People apply to the open role slots, and you are told in your inbox."
            : "No applications are waiting for a decision."}
        </p>
      ) : (
        <ul class="plain-list applicant-list">
          {pending.map((a) => (
            <li class="applicant" key={a.id} id={`application-${a.id}`}>
              <div class="person-row">
                <Avatar name={a.applicant.name} url={a.applicant.avatarUrl} />
                <div class="member-main">
                  <p class="applicant-head">
                    <a href={`/people/${a.applicant.id}`}>
                      <strong>{a.applicant.name}</strong>
                    </a>{" "}
                    for the {roleOf(a)}
                    <span class="muted small">
                      {" · applied "}
                      <TimeAgo iso={a.createdAt} />
                    </span>
                  </p>
                  <p class="member-facts">
                    {[
                      a.applicant.title,
                      levelName(a.applicant.levelId),
                      a.applicantCommitmentPercent > 0
                        ? `Committed ${a.applicantCommitmentPercent}% elsewhere`
                        : "No other commitments",
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  <blockquote class="pitch">{a.pitch}</blockquote>
                  <div class="button-row">
                    <button
                      type="button"
                      class="button button-small"
                      aria-haspopup="dialog"
                      onClick={() => {
                        setDone("");
                        setDeciding({ application: a, decision: "accept" });
                      }}
                    >
                      Accept {a.applicant.name}
                    </button>
                    <button
                      type="button"
                      class="button button-danger button-small"
                      aria-haspopup="dialog"
                      onClick={() => {
                        setDone("");
                        setDeciding({ application: a, decision: "decline" });
                      }}
                    >
                      Decline {a.applicant.name}
                    </button>
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}

      {decided.length > 0 && (
        <>
          <h3>Decided</h3>
          <ul class="plain-list activity-list">
            {decided.map((a) => (
              <li key={a.id}>
                <div class="cluster">
                  <a href={`/people/${a.applicant.id}`}>{a.applicant.name}</a>
                  <span>for the {roleOf(a)}</span>
                  <span class={`badge role status-${a.status}`}>{STATUS_WORDS[a.status]}</span>
                </div>
                {a.decisionNote && <p class="small">Note: “{a.decisionNote}”</p>}
                {a.decidedAt && <TimeAgo iso={a.decidedAt} />}
              </li>
            ))}
          </ul>
        </>
      )}

      <ModalDialog
        open={deciding !== null}
        onClose={() => setDeciding(null)}
        title={
          shown
            ? shown.decision === "accept"
              ? `Accept ${shown.application.applicant.name}`
              : `Decline ${shown.application.applicant.name}`
            : "Decide"
        }
        busy={busy}
        fallbackFocus={() => headingRef.current}
      >
        {deciding && (
          <DecisionForm
            challenge={ch}
            deciding={deciding}
            onBusy={setBusy}
            onCancel={() => setDeciding(null)}
            onRefused={() => onChanged()}
            onDone={(next, words) => {
              onChanged(next);
              setDone(words);
              setDeciding(null);
            }}
          />
        )}
      </ModalDialog>
    </section>
  );
}

function DecisionForm({
  challenge: ch,
  deciding: { application: a, decision },
  onBusy,
  onCancel,
  onRefused,
  onDone,
}: {
  challenge: Challenge;
  deciding: Deciding;
  onBusy: (busy: boolean) => void;
  onCancel: () => void;
  onRefused: () => void;
  onDone: (team: Team, words: string) => void;
}) {
  const name = a.applicant.name;
  const accept = decision === "accept";
  const [note, setNote] = useState("");
  const [weeks, setWeeks] = useState("");
  const [errors, setErrors] = useState<{ note?: string; weeks?: string }>({});
  const { busy: sending, error: refusal, run, setError: setRefusal } = useAction();
  const slot = ch.slots.find((s) => s.id === a.slotId);
  const adding = slot?.commitmentPercent ?? 0;
  const cap = org.value?.commitmentCapPercent ?? 100;
  const total = a.applicantCommitmentPercent + adding;

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    const found: typeof errors = {};
    if (!accept && !note.trim()) found.note = `Say why, so ${name} can learn from it.`;
    const duration = weeks.trim() ? Number(weeks) : undefined;
    if (duration !== undefined && (!Number.isInteger(duration) || duration < 1 || duration > 104)) {
      found.weeks = "Enter a whole number of weeks from 1 to 104, or leave it blank.";
    }
    setErrors(found);
    if (found.note || found.weeks) {
      document.getElementById(found.note ? "decision-note" : "decision-weeks")?.focus();
      return;
    }
    onBusy(true);
    await run(
      async () => {
        const team = await call(
          api.applications[":id"].decision.$post({
            param: { id: a.id },
            json: {
              decision,
              note: note.trim(),
              ...(accept && duration !== undefined ? { durationWeeks: duration } : {}),
            },
          }),
        );
        const member = team.members.find((m) => m.person.id === a.applicant.id);
        onDone(
          team,
          accept
            ? member?.status === "pending_lend"
              ? `${name} is on the team, awaiting ${member.lend?.managerName ?? "their manager"}'s lend.`
              : `${name} is on the team.`
            : `${name}'s application is declined; they see your note.`,
        );
      },
      {
        fail: (err) => {
          if (err instanceof ApiError && (err.fields.note || err.fields.durationWeeks)) {
            setErrors({ note: err.fields.note, weeks: err.fields.durationWeeks });
          } else {
            setRefusal(messageOf(err));
            if (err instanceof ApiError && err.status === 409) onRefused();
          }
        },
      },
    );
    onBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate>
      {accept ? (
        <p class="small">
          {name} joins the {roleOf(a)} for {adding}% of their time. With the {a.applicantCommitmentPercent}% they
          already commit elsewhere, that makes {total}% of the {cap}% cap. If they have a manager, the manager is asked
          to lend their time first.
        </p>
      ) : (
        <p class="small">
          {name} applied for the {roleOf(a)}. They see your note with the decision.
        </p>
      )}
      {accept && total > cap && (
        <Alert kind="info" title="This passes the commitment cap">
          Crux will refuse it unless {name} first frees time on another team.
        </Alert>
      )}
      {refusal && (
        <Alert title={accept ? `${name} was not accepted` : "The application was not declined"}>{refusal}</Alert>
      )}
      <TextAreaField
        id="decision-note"
        label={`Note to ${name}`}
        hint={accept ? "Optional: a welcome, or what to do first." : "Required: say why, kindly and specifically."}
        maxLength={2000}
        value={note}
        onInput={setNote}
        error={errors.note}
      />
      {accept && (
        <TextField
          id="decision-weeks"
          label="Lend duration in weeks"
          hint={`Optional: how long their manager is asked to lend them. Blank means the challenge's time horizon${
            ch.horizonWeeks ? ` (${plural(ch.horizonWeeks, "week")})` : ""
          }.`}
          inputMode="numeric"
          autoComplete="off"
          value={weeks}
          onInput={setWeeks}
          error={errors.weeks}
        />
      )}
      <SubmitOrCancel
        label={accept ? "Accept application" : "Decline application"}
        busyLabel="Sending…"
        busy={sending}
        danger={!accept}
        onCancel={onCancel}
      />
    </form>
  );
}
