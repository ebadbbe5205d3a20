import { useRef, useState } from "preact/hooks";
import { api } from "../lib/api";
import { formatDay, plural, todayIso } from "../lib/format";
import { call } from "../lib/http";
import type { LendRequest } from "../lib/types";
import { useAction } from "../lib/use-action";
import { useResource } from "../lib/use-resource";
import { refreshUnread } from "../state/inbox";
import { Alert } from "./alert";
import { ApproveOrDecline, type Decision } from "./approve-or-decline";
import { TextField } from "./field";
import { LendLoad } from "./lend-load";
import { TimeAgo } from "./time-ago";
import "./lend-requests.css";

/**
 * A manager's queue of lend requests (SPEC §6): a report joined a team, and their time is lent
 * only once the manager approves; a decline needs a reason. Hidden while it loads, and when
 * nothing waits unless `showEmpty`, so people without reports never see it.
 */
export function LendRequests({ showEmpty = false, onDecided }: { showEmpty?: boolean; onDecided?: () => void }) {
  const lends = useResource(
    () => call(api.lends.$get({ query: { status: "pending", limit: "100" } })),
    "lends:pending",
  );
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const [declining, setDeclining] = useState<string | null>(null);
  const [done, setDone] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);

  if (lends.loaded.status === "loading") return null;
  const items = lends.loaded.status === "ready" ? lends.loaded.value.items.filter((l) => !decided.has(l.id)) : [];
  const hadAny = lends.loaded.status === "ready" && lends.loaded.value.items.length > 0;
  const more = lends.loaded.status === "ready" && lends.loaded.value.nextCursor !== null;
  if (lends.loaded.status === "ready" && !hadAny && !showEmpty) return null;

  return (
    <section class="section-card lend-requests" aria-labelledby="lends-heading">
      <h2 id="lends-heading" ref={headingRef} tabIndex={-1}>
        Lend requests
        {items.length > 0 && <span class="badge status-pending">{items.length} waiting</span>}
      </h2>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>
      {lends.loaded.status === "error" && (
        <Alert title="Lend requests could not be loaded" onRetry={lends.reload}>
          {lends.loaded.message}
        </Alert>
      )}
      {lends.loaded.status === "ready" && items.length === 0 && !more && (
        <p class="muted">{hadAny ? "Every lend request is decided." : "No lend requests are waiting for you."}</p>
      )}
      {more && (
        <div class="cluster">
          <p class="muted small">The 100 newest requests are shown; decide them, then load the older ones.</p>
          <button type="button" class="button button-ghost button-small" onClick={() => lends.reload()}>
            Load the next requests
          </button>
        </div>
      )}
      {items.length > 0 && (
        <>
          <p class="muted small">
            Your reports were accepted onto hub teams. Their time is lent once you approve; your approved lends are
            credited on your profile.
          </p>
          <ul class="plain-list lend-list">
            {items.map((lend) => (
              <LendItem
                key={lend.id}
                lend={lend}
                declining={declining === lend.id}
                onDecline={(open) => setDeclining(open ? lend.id : null)}
                onDecided={(words) => {
                  setDecided((s) => new Set([...s, lend.id]));
                  setDeclining(null);
                  setDone(words);
                  headingRef.current?.focus();
                  refreshUnread();
                  onDecided?.();
                }}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function LendItem({
  lend,
  declining,
  onDecline,
  onDecided,
}: {
  lend: LendRequest;
  declining: boolean;
  onDecline: (open: boolean) => void;
  onDecided: (words: string) => void;
}) {
  const { pending: busy, error, run } = useAction<Decision>();
  const name = lend.person.name;
  const to = ` to ${lend.challenge.title}`;
  const defaultEnd = addWeeks(todayIso(), lend.durationWeeks ?? 12);
  const [endsOn, setEndsOn] = useState(defaultEnd);
  const endError = endsOn && !/^\d{4}-\d{2}-\d{2}$/.test(endsOn) ? "Give the date as YYYY-MM-DD." : undefined;

  async function decide(decision: Decision, reason = "") {
    if (decision === "approve" && endError) return;
    await run(
      async () => {
        await call(
          api.lends[":id"].decision.$post({
            param: { id: lend.id },
            json: decision === "approve" && endsOn ? { decision, reason, endsOn } : { decision, reason },
          }),
        );
        onDecided(
          decision === "approve"
            ? `You lent ${name} to “${lend.challenge.title}” until ${formatDay(endsOn || defaultEnd)}. The credit shows on your profile.`
            : `You declined to lend ${name}; ${name} and the team's leads see your reason.`,
        );
      },
      { tag: decision },
    );
  }

  return (
    <li class="lend-item">
      <p class="lend-head">
        <a href={`/people/${lend.person.id}`}>
          <strong>{name}</strong>
        </a>{" "}
        joined <a href={`/challenges/${lend.challenge.id}`}>{lend.challenge.title}</a>
      </p>
      <p class="member-facts">
        {lend.sharePercent}% of their time ·{" "}
        {lend.durationWeeks ? `for ${plural(lend.durationWeeks, "week")}` : "for the challenge's time horizon"} ·
        requested <TimeAgo iso={lend.createdAt} />
      </p>
      <LendLoad lend={lend} />
      <TextField
        id={`lend-ends-${lend.id}`}
        label={`Lend ${name} until`}
        hint="YYYY-MM-DD. Starts today; you and the lead are asked to extend or end it a week before."
        value={endsOn}
        onInput={setEndsOn}
        error={endError}
      />
      {error && <Alert title="The decision was not recorded">{error}</Alert>}
      <ApproveOrDecline
        approveLabel={`Approve lending ${name}`}
        approveAriaLabel={`Approve lending ${name}${to}`}
        declineLabel={`Decline lending ${name}`}
        declineAriaLabel={`Decline lending ${name}${to}`}
        reason={{
          id: `lend-reason-${lend.id}`,
          label: "Reason",
          hint: `Required. ${name} and the team's leads see it.`,
          maxLength: 2000,
          requiredMessage: `Say why, so ${name} and the team know.`,
        }}
        busy={busy}
        onApprove={() => decide("approve")}
        onDecline={(reason) => decide("decline", reason)}
        declining={declining}
        onDecliningChange={onDecline}
      />
    </li>
  );
}

/** `day` plus `weeks` weeks, as YYYY-MM-DD. */
function addWeeks(day: string, weeks: number) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + weeks * 7);
  return d.toISOString().slice(0, 10);
}
