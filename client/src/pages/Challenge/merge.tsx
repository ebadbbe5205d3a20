import { useEffect, useState } from "preact/hooks";
import { Alert, Loading } from "../../components/alert";
import { Field, TextAreaField } from "../../components/field";
import { StageBadge } from "../../components/stage-badge";
import { api } from "../../lib/api";
import { plural, STAGE_LABELS } from "../../lib/format";
import { call, messageOf } from "../../lib/http";
import type { Challenge, MergeRequest, SimilarChallenge, Stage } from "../../lib/types";
import { useAction } from "../../lib/use-action";
import type { Loaded } from "../../lib/use-resource";

/** Stages a challenge can be merged from, and into (worker/routes/merge.ts): a draft is published first. */
export const MERGEABLE_SOURCE: readonly string[] = ["open"];
const MERGEABLE_TARGET: readonly string[] = ["open", "funded", "active"];

const isStage = (stage: string): stage is Stage => stage in STAGE_LABELS;

/** The response clock of an open challenge (SPEC §8: no black holes). */
export function ResponseClockNote({ challenge: ch }: { challenge: Challenge }) {
  const clock = ch.responseClock;
  if (!clock) return null;
  if (!clock.waiting) {
    return (
      <p class="clock clock-answered">
        <span aria-hidden="true">✓ </span>
        {clock.days === 0 ? "Answered the same day" : `Answered after ${plural(clock.days, "day")}`}
      </p>
    );
  }
  if (clock.overdue) {
    return (
      <div class="clock clock-overdue">
        <p>
          <strong>Overdue: past the {clock.deadlineDays}-day response deadline.</strong>
        </p>
        <p>Waiting {plural(clock.days, "day")} for a sponsor or reviewer. Leadership sees it on their dashboard.</p>
      </div>
    );
  }
  return (
    <p class="clock">
      {clock.days === 0 ? "Published today; waiting" : `Waiting ${plural(clock.days, "day")}`} for a sponsor or reviewer{" "}
      <span class="clock-deadline">(response deadline: {plural(clock.deadlineDays, "day")})</span>
    </p>
  );
}

/** "Merged into …" on the source, "Merged in: …" on the target: the merge stays visible on both. */
export function MergeNotes({
  challenge: ch,
  requests,
}: {
  challenge: Challenge;
  requests: Loaded<{ items: MergeRequest[] }> | null;
}) {
  if (!ch.mergedIntoId && ch.mergedFrom.length === 0) return null;
  const into =
    requests?.status === "ready"
      ? requests.value.items.find((r) => r.status === "accepted" && r.source.id === ch.id)?.target
      : undefined;
  return (
    <div class="merge-notes">
      {ch.mergedIntoId && (
        <p class="alert alert-info">
          Merged into <a href={`/challenges/${ch.mergedIntoId}`}>{into?.title ?? "another challenge"}</a>. Its backers,
          comments and applications moved there.
        </p>
      )}
      {ch.mergedFrom.length > 0 && (
        <p class="merge-from">
          Merged in:{" "}
          {ch.mergedFrom.map((m, i) => (
            <span key={m.id}>
              {i > 0 && ", "}
              <a href={`/challenges/${m.id}`}>{m.title}</a>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/**
 * Merging with both leads' consent (SPEC §8), for the leads: proposals into this challenge to
 * accept or decline, this challenge's own proposal, and (for an open one) proposing a merge.
 */
export function MergeCard({
  challenge: ch,
  requests,
  onRetry,
  onChanged,
}: {
  challenge: Challenge;
  requests: Loaded<{ items: MergeRequest[] }>;
  onRetry: () => void;
  /** A request was made or decided; `merged` when this challenge took another in. */
  onChanged: (message: string, merged: boolean) => void;
}) {
  const { pending: busy, error, run } = useAction<string>();
  const items = requests.status === "ready" ? requests.value.items : [];
  const incoming = items.filter((r) => r.target.id === ch.id && r.status === "pending");
  const outgoing = items.filter((r) => r.source.id === ch.id);
  const waiting = outgoing.find((r) => r.status === "pending");
  const canPropose = MERGEABLE_SOURCE.includes(ch.stage) && !ch.mergedIntoId && !waiting;

  if (requests.status === "ready" && !canPropose && incoming.length === 0 && outgoing.length === 0) return null;

  async function decide(r: MergeRequest, decision: "accept" | "decline") {
    await run(
      async () => {
        await call(api["merge-requests"][":id"].decision.$post({ param: { id: r.id }, json: { decision } }));
        onChanged(
          decision === "accept"
            ? `“${r.source.title}” is merged in: its backers, comments and pending applications are here now.`
            : `You declined merging “${r.source.title}” into this challenge; its lead is told.`,
          decision === "accept",
        );
      },
      { tag: r.id },
    );
  }

  return (
    <div class="card merge-card">
      <h2>Merging</h2>
      {requests.status === "loading" && <Loading label="Loading merge proposals…" />}
      {requests.status === "error" && (
        <Alert title="Merge proposals could not be loaded" onRetry={onRetry}>
          {requests.message}
        </Alert>
      )}
      {error && <Alert title="That did not work">{error}</Alert>}
      {incoming.length > 0 && (
        <>
          <h3 class="subheading">Proposed to merge into this one</h3>
          <ul class="plain-list merge-list">
            {incoming.map((r) => (
              <li key={r.id} class="merge-item">
                <p class="merge-item-line">
                  <strong>{r.source.title}</strong>
                  <span class="muted small"> · proposed by {r.requestedBy}</span>
                </p>
                {r.note && <p class="small comment-body merge-item-line">{r.note}</p>}
                <p class="muted small merge-item-line">
                  Accepting moves its backers, comments and pending applications here and withdraws it (its pledges
                  return).
                </p>
                <div class="button-row">
                  <button
                    type="button"
                    class="button button-small"
                    disabled={busy !== null}
                    onClick={() => decide(r, "accept")}
                  >
                    Accept merge of {r.source.title}
                  </button>
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    disabled={busy !== null}
                    onClick={() => decide(r, "decline")}
                  >
                    Decline merge of {r.source.title}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {outgoing.length > 0 && (
        <>
          <h3 class="subheading">Your proposals</h3>
          <ul class="plain-list merge-list">
            {outgoing.map((r) => (
              <li key={r.id} class="merge-item">
                Into <a href={`/challenges/${r.target.id}`}>{r.target.title}</a>:{" "}
                <span class={`badge role ${MERGE_TONES[r.status]}`}>{MERGE_WORDS[r.status]}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {requests.status === "ready" && canPropose && (
        <ProposeMerge
          challenge={ch}
          onProposed={(target) => onChanged(`Merge into “${target}” proposed; its lead is asked to consent.`, false)}
        />
      )}
    </div>
  );
}

const MERGE_WORDS: Record<MergeRequest["status"], string> = {
  pending: "Awaiting the other lead",
  accepted: "Merged",
  declined: "Declined",
  cancelled: "Cancelled",
};
const MERGE_TONES: Record<MergeRequest["status"], string> = {
  pending: "status-pending",
  accepted: "status-approved",
  declined: "status-declined",
  cancelled: "status-ended",
};

function ProposeMerge({ challenge: ch, onProposed }: { challenge: Challenge; onProposed: (title: string) => void }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SimilarChallenge[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [targetId, setTargetId] = useState("");
  const [note, setNote] = useState("");
  const [pickError, setPickError] = useState<string | undefined>();
  const { busy: sending, error: failure, run, setError: setFailure } = useAction();

  // Until something is typed, suggest the challenges most like this one.
  const words = query.trim() || ch.title;
  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = setTimeout(() => {
      call(api["similar-challenges"].$get({ query: { q: words, exclude: ch.id } })).then(
        (page) => {
          if (!live) return;
          setResults(page.items.filter((c) => MERGEABLE_TARGET.includes(c.stage)));
          setSearchError(null);
        },
        (err) => {
          if (!live) return;
          setResults(null);
          setSearchError(messageOf(err));
        },
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [words, open]);

  async function propose() {
    if (sending) return;
    if (!targetId) {
      setPickError("Choose the challenge to merge into.");
      document.getElementById("merge-query")?.focus();
      return;
    }
    setPickError(undefined);
    setFailure(null);
    await run(async () => {
      const made = await call(
        api.challenges[":id"]["merge-requests"].$post({ param: { id: ch.id }, json: { targetId, note: note.trim() } }),
      );
      onProposed(made.target.title);
    });
  }

  return (
    <details class="merge-propose" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary class="disclosure-summary">Propose a merge</summary>
      <p class="muted small">
        Another challenge aims at the same thing? Propose merging this one into it. It happens when its lead consents:
        your backers, comments and applications move there.
      </p>
      <Field
        id="merge-query"
        label="Merge into"
        hint="Search published challenges by title or summary."
        error={pickError}
      >
        {(control) => (
          <input
            {...control}
            type="search"
            autoComplete="off"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        )}
      </Field>
      <div aria-live="polite">
        {searchError && <Alert title="The search did not work">{searchError}</Alert>}
        {results && results.length === 0 && (
          <p class="muted small">No open, funded or active challenge matches. Try other words.</p>
        )}
      </div>
      {results && results.length > 0 && (
        <fieldset class="merge-results">
          <legend>{query.trim() ? "Matching challenges" : "Similar to this challenge"}</legend>
          {results.map((c) => (
            <label key={c.id} class="check radio-option">
              <input
                type="radio"
                name="merge-target"
                value={c.id}
                checked={targetId === c.id}
                onChange={() => setTargetId(c.id)}
              />
              <span>
                {c.title} {isStage(c.stage) && <StageBadge stage={c.stage} />}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <TextAreaField
        id="merge-note"
        label="Note to the other lead (optional)"
        maxLength={2000}
        value={note}
        onInput={setNote}
      />
      {failure && <Alert title="The merge was not proposed">{failure}</Alert>}
      <button type="button" class="button" disabled={sending} onClick={propose}>
        {sending ? "Proposing…" : "Propose merge"}
      </button>
    </details>
  );
}
