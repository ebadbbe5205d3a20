import { useState } from "preact/hooks";
import { Alert } from "../../components/alert";
import { ErrorSummary } from "../../components/error-summary";
import { SelectField, TextAreaField } from "../../components/field";
import { type FieldPlace, problemsFrom, useFormProblems } from "../../components/form-problems";
import { api } from "../../lib/api";
import { teamPeople } from "../../lib/credit-words";
import { call } from "../../lib/http";
import type { Challenge, Team } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import { me } from "../../state/session";
import { FormOpener } from "./form-opener";

const PLACES: Record<string, FieldPlace> = {
  toId: { fieldId: "kudos-to", label: "Thank" },
  message: { fieldId: "kudos-message", label: "Message" },
};
const locate = (path: string) => PLACES[path] ?? null;

/**
 * Kudos (SPEC §6): anyone thanks someone on the team, publicly, tied to this challenge. The
 * thanks shows on their profile and they are told.
 */
export function KudosSection({ challenge: ch, team }: { challenge: Challenge; team: Team | null }) {
  const myId = me.value?.id;
  const people = team ? teamPeople(team).filter((p) => p.id !== myId) : [];
  const [toId, setToId] = useState("");
  const [message, setMessage] = useState("");
  const { busy: sending, run } = useAction();
  const [done, setDone] = useState("");
  const { problems, failure, attempt, err, fail, failWith, clearFailure, clearProblems } = useFormProblems();

  if (ch.stage === "draft" || !team || people.length === 0) return null;

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    setDone("");
    const messages: Record<string, string> = {};
    if (!toId) messages.toId = "Choose who to thank.";
    if (message.trim().length < 3) messages.message = "Say what you are thankful for (at least 3 characters).";
    if (Object.keys(messages).length) {
      fail(problemsFrom(messages, locate));
      return;
    }
    clearFailure();
    await run(
      async () => {
        const kudos = await call(api.kudos.$post({ json: { challengeId: ch.id, toId, message: message.trim() } }));
        clearProblems();
        setToId("");
        setMessage("");
        setDone(`Your thanks to ${kudos.to.name} is sent. It shows on their profile.`);
      },
      {
        fail: (error) => {
          failWith(error, (fields) => problemsFrom(fields, locate));
        },
      },
    );
  }

  return (
    // Not named by its heading: "Thank" alone names the person picker, so finding it by label stays simple.
    <section class="section-card kudos-section">
      <h2 id="kudos-heading">Kudos</h2>
      <p class="muted small">Kudos are public: they show on the person's profile, tied to this challenge.</p>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      <FormOpener label="Thank someone">
        <form onSubmit={submit} noValidate>
          <ErrorSummary items={problems.summary} attempt={attempt} />
          {failure && <Alert title="Your kudos were not sent">{failure}</Alert>}
          <SelectField id="kudos-to" label="Thank" value={toId} onChange={setToId} error={err("kudos-to")}>
            <option value="">Choose someone on the team…</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            id="kudos-message"
            label="Message"
            hint="What they did and what it meant to you."
            maxLength={1000}
            value={message}
            onInput={setMessage}
            error={err("kudos-message")}
          />
          <button type="submit" class="button" disabled={sending}>
            {sending ? "Sending…" : "Send kudos"}
          </button>
        </form>
      </FormOpener>
    </section>
  );
}
