import { useEffect, useMemo, useState } from "preact/hooks";
import { Alert, Loading } from "../../../components/alert";
import { api } from "../../../lib/api";
import { isOnTeam } from "../../../lib/credit-words";
import { call } from "../../../lib/http";
import type { Challenge, Contribution, Team } from "../../../lib/types";
import type { Page } from "../../../lib/use-paged-list";
import type { Loaded } from "../../../lib/use-resource";
import { me } from "../../../state/session";
import { FormOpener } from "../form-opener";
import { useSeeded } from "../use-feed";
import { CreditList } from "./credit-list";
import { RecordCreditForm } from "./record-credit-form";

/** Stages with no work to credit (worker/domain/credit.ts `recordRefusal`; archived counts as withdrawn). */
const NO_CREDIT_STAGES: readonly string[] = ["draft", "withdrawn", "archived"];

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
  initial,
  onActivity,
}: {
  challenge: Challenge;
  team: Loaded<Team>;
  /** The first page of credit records, from the page's one read. */
  initial: Page<Contribution>;
  onActivity: () => void;
}) {
  const id = ch.id;
  const seed = useMemo(() => ({ items: initial.items }), [initial]);
  const { loaded, reload, refresh, set } = useSeeded<{ items: Contribution[] }>(seed, () => allContributions(id));
  // More records than the first page holds: read the rest (a page links to any of them by id).
  useEffect(() => {
    if (initial.nextCursor) refresh();
  }, [initial]);
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
          {canRecord
            ? "No credit recorded yet. Record what you or a teammate did with Record credit."
            : "No credit recorded yet."}
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
            team={teamValue}
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
        <FormOpener label="Record credit">
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
        </FormOpener>
      )}
    </section>
  );
}
