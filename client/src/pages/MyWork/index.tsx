import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { Alert } from "../../components/alert";
import { percentFunded } from "../../components/funding-progress";
import { InlineAnswer } from "../../components/inline-answer";
import { type Decidable, InlineDecision } from "../../components/inline-decision";
import { SkeletonCards } from "../../components/skeleton";
import { StageBadge } from "../../components/stage-badge";
import { TimeAgo } from "../../components/time-ago";
import { api } from "../../lib/api";
import { formatDay, plural, STAGE_LABELS, todayIso } from "../../lib/format";
import { call } from "../../lib/http";
import { formatMoney } from "../../lib/money";
import type { MyWork, Stage } from "../../lib/types";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { refreshUnread } from "../../state/inbox";
import { disciplineName, useOrg } from "../../state/org";
import { hasRole, me } from "../../state/session";
import "./my-work.css";

const isStage = (stage: string): stage is Stage => stage in STAGE_LABELS;
const at = (challengeId: string, hash: string) => `/challenges/${challengeId}#${hash}`;

type Waiting = MyWork["waiting"];
type WaitingKind = keyof Waiting;

/** What each waiting list is called, and how one item of it reads. */
const WAITING: {
  [K in WaitingKind]: { heading: string; anchor: string; line: (i: Waiting[K]["items"][number]) => string };
} = {
  applications: {
    heading: "Applications to decide",
    anchor: "application",
    line: (i) => `${i.person.name} applied for the ${disciplineName(i.discipline)} role on “${i.challenge.title}”`,
  },
  lends: {
    heading: "Lends to approve",
    anchor: "lend",
    line: (i) => `${i.person.name} would give ${i.sharePercent}% of their time to “${i.challenge.title}”`,
  },
  credit: {
    heading: "Credit to confirm",
    anchor: "credit",
    line: (i) => `${i.person.name} recorded “${i.description}” for you on “${i.challenge.title}”`,
  },
  questions: {
    heading: "Questions to answer",
    anchor: "question",
    line: (i) => `${i.person.name} asked on “${i.challenge.title}”: ${i.body}`,
  },
  spend: {
    heading: "Spend to approve",
    anchor: "spend",
    line: (i) => `${i.person.name} reported “${i.description}” on “${i.challenge.title}”`,
  },
  merges: {
    heading: "Merges to decide",
    anchor: "merge",
    line: (i) => `${i.person.name} proposes merging “${i.source.title}” into “${i.challenge.title}”`,
  },
};

const DECIDED_INLINE: Partial<Record<WaitingKind, Decidable["kind"]>> = {
  applications: "application",
  lends: "lend",
  credit: "credit",
  spend: "spend",
};

const APPLICATION_WORDS: Record<string, string> = {
  pending: "Waiting for the lead",
  accepted: "Accepted",
  declined: "Declined",
  withdrawn: "Withdrawn",
  ended: "Ended",
};

const ROLE_WORDS = { lead: "You lead", co_lead: "You co-lead", member: "You are on the team" } as const;

/**
 * My work (SPEC §9): what waits on you, decided here where it can be, then the work you are part
 * of (teams, applications, pledges) and what you could take on next. One request.
 */
export default function MyWorkPage() {
  useTitle("My work");
  const org = useOrg();
  const currency = org?.currency ?? "USD";
  const { loaded, reload, set } = useResource(() => call(api["my-work"].$get()), "my-work");
  const [done, setDone] = useState("");

  if (loaded.status === "loading") {
    return (
      <div class="page" aria-busy="true">
        <h1>My work</h1>
        <p role="status" class="status-line">
          Gathering what waits on you…
        </p>
        <SkeletonCards count={3} />
      </div>
    );
  }
  if (loaded.status === "error") {
    return (
      <div class="page">
        <h1>My work</h1>
        <Alert title="My work could not be loaded" onRetry={reload}>
          {loaded.message}
        </Alert>
      </div>
    );
  }

  const work = loaded.value;
  /** An item decided here leaves its list at once, and the header's badge is counted again. */
  const decided = (kind: WaitingKind, id: string, message: string) => {
    const list = work.waiting[kind];
    set({
      ...work,
      waitingTotal: work.waitingTotal - 1,
      waiting: { ...work.waiting, [kind]: { items: list.items.filter((i) => i.id !== id), total: list.total - 1 } },
    });
    setDone(message);
    refreshUnread();
  };
  const kinds = (Object.keys(WAITING) as WaitingKind[]).filter((k) => work.waiting[k].items.length > 0);

  return (
    <div class="page my-work">
      <h1>My work</h1>
      <p role="status" class="status-line lead-line">
        {work.waitingTotal === 0
          ? "Nothing waits on you right now."
          : `${plural(work.waitingTotal, "thing waits", "things wait")} on you.`}
      </p>
      <div role="status">{done && <p class="alert alert-success">{done}</p>}</div>

      <section class="section-card" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Waiting on you</h2>
        {kinds.length === 0 ? (
          <p class="muted">
            No applications, lends, credit, questions or spend wait on you. When something does, it shows here and in
            your <a href="/inbox">inbox</a>.
          </p>
        ) : (
          kinds.map((kind) => (
            <WaitingList key={kind} kind={kind} work={work} onDecided={(id, message) => decided(kind, id, message)} />
          ))
        )}
      </section>

      <div class="my-work-grid">
        <Card id="teams" heading="Your teams" total={work.teams.total} shown={work.teams.items.length}>
          {work.teams.items.length === 0 ? (
            <p class="muted">
              You are not on a team yet. <a href="/for-you">Find a role that fits you</a> or{" "}
              <a href="/propose">propose a challenge</a>.
            </p>
          ) : (
            <ul class="plain-list my-work-list">
              {work.teams.items.map((t) => (
                <li key={t.id}>
                  <div class="cluster">
                    {isStage(t.stage) && <StageBadge stage={t.stage} />}
                    <a href={`/challenges/${t.id}`}>{t.title}</a>
                  </div>
                  <p class="small muted">
                    {ROLE_WORDS[t.role]}
                    {t.applicantsWaiting > 0 && (
                      <>
                        {" · "}
                        <a href={at(t.id, "applicants")}>
                          {plural(t.applicantsWaiting, "applicant", "applicants")} waiting
                        </a>
                      </>
                    )}
                  </p>
                  <p class="small">
                    {t.nextMilestone ? (
                      <>
                        Next: <a href={at(t.id, `milestone-${t.nextMilestone.id}`)}>{t.nextMilestone.title}</a>,{" "}
                        <DueOn day={t.nextMilestone.dueOn} />
                      </>
                    ) : t.stage === "draft" ? (
                      "A draft: publish it when it is ready."
                    ) : (
                      "No milestone planned yet."
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card
          id="applications"
          heading="Your applications"
          total={work.applications.total}
          shown={work.applications.items.length}
        >
          {work.applications.items.length === 0 ? (
            <p class="muted">
              You have not applied to a role. <a href="/for-you">See roles that fit you</a>.
            </p>
          ) : (
            <ul class="plain-list my-work-list">
              {work.applications.items.map((a) => (
                <li key={a.id}>
                  <a href={`/challenges/${a.challenge.id}`}>{a.challenge.title}</a>
                  <p class="small">
                    <span class={`badge role status-${a.status}`}>{APPLICATION_WORDS[a.status] ?? a.status}</span>{" "}
                    {disciplineName(a.discipline)} role ·{" "}
                    {a.decidedAt ? (
                      <>
                        decided <TimeAgo iso={a.decidedAt} />
                      </>
                    ) : (
                      <>
                        sent <TimeAgo iso={a.createdAt} />
                      </>
                    )}
                  </p>
                  {a.decisionNote && <p class="small muted">“{a.decisionNote}”</p>}
                </li>
              ))}
            </ul>
          )}
        </Card>

        {(work.pledges.total > 0 || hasRole("sponsor")) && (
          <Card id="pledges" heading="Your pledges" total={work.pledges.total} shown={work.pledges.items.length}>
            {work.pledges.items.length === 0 ? (
              <p class="muted">
                You have not pledged yet. <a href="/">Find a challenge to fund</a>.
              </p>
            ) : (
              <ul class="plain-list my-work-list">
                {work.pledges.items.map((p) => (
                  <li key={p.id}>
                    <a href={`/challenges/${p.challenge.id}`}>{p.challenge.title}</a>
                    <p class="small">
                      You pledged <strong>{formatMoney(p.amount, currency)}</strong>
                      {p.status === "withdrawn" ? " (withdrawn)" : p.status === "settled" ? " (settled)" : ""}
                      {p.challenge.ask !== null && p.challenge.stage === "open"
                        ? ` · ${percentFunded(p.challenge.pledged, p.challenge.ask)}% of the ask is pledged`
                        : isStage(p.challenge.stage)
                          ? ` · ${STAGE_LABELS[p.challenge.stage]}`
                          : ""}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        )}

        {hasRole("sponsor") && (
          <Card
            id="near-funded"
            heading="Nearly funded, in areas you fund"
            total={work.nearFunded.total}
            shown={work.nearFunded.items.length}
          >
            {work.nearFunded.items.length === 0 ? (
              <p class="muted">No open challenge shares a tag with those you have funded.</p>
            ) : (
              <ul class="plain-list my-work-list">
                {work.nearFunded.items.map((c) => (
                  <li key={c.id}>
                    <a href={`/challenges/${c.id}#funding`}>{c.title}</a>
                    <p class="small">
                      {percentFunded(c.pledged, c.ask)}% funded: {formatMoney(Math.max(0, c.ask - c.pledged), currency)}{" "}
                      still needed
                      {c.tag && <span class="muted"> · like others you funded in “{c.tag}”</span>}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        )}

        {hasRole("reviewer") && (
          <Card
            id="to-review"
            heading="Showcases to review"
            total={work.toReview.total}
            shown={work.toReview.items.length}
          >
            {work.toReview.items.length === 0 ? (
              <p class="muted">No showcase waits for your review.</p>
            ) : (
              <ul class="plain-list my-work-list">
                {work.toReview.items.map((c) => (
                  <li key={c.id}>
                    <a href={at(c.id, "showcase")}>{c.title}</a>
                    <p class="small muted">
                      In showcase since <TimeAgo iso={c.submittedAt} /> ·{" "}
                      {c.reviews === 0 ? "no reviews yet" : plural(c.reviews, "review")}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        )}

        <Card id="roles" heading="Roles that fit you" total={work.rolesForYou.length} shown={work.rolesForYou.length}>
          {work.rolesForYou.length === 0 ? (
            <p class="muted">
              No open role matches your discipline and skills right now.{" "}
              <a href={me.value ? `/people/${me.value.id}` : "/people"}>Keep your skills up to date</a> for better
              matches.
            </p>
          ) : (
            <>
              <ul class="plain-list my-work-list">
                {work.rolesForYou.map((r) => (
                  <li key={r.slot.id}>
                    <a href={at(r.challenge.id, "team")}>{r.challenge.title}</a>
                    <p class="small muted">
                      {disciplineName(r.slot.discipline)} role · {r.slot.commitmentPercent}% of your time
                      {r.applied ? " · you applied" : ""}
                    </p>
                  </li>
                ))}
              </ul>
              <p class="small">
                <a href="/for-you">All roles that fit you</a>
              </p>
            </>
          )}
        </Card>
      </div>
    </div>
  );
}

function WaitingList({
  kind,
  work,
  onDecided,
}: {
  kind: WaitingKind;
  work: MyWork;
  onDecided: (id: string, message: string) => void;
}) {
  const list = work.waiting[kind];
  const spec = WAITING[kind] as {
    heading: string;
    anchor: string;
    line: (i: (typeof list.items)[number]) => string;
  };
  const inline = DECIDED_INLINE[kind];
  const headingId = `waiting-${kind}-heading`;
  return (
    <section class="waiting-group" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {spec.heading} <span class="waiting-count">{list.total}</span>
      </h3>
      <ul class="plain-list my-work-list">
        {list.items.map((item) => (
          <li key={item.id} id={`waiting-${item.id}`}>
            <a href={at(item.challenge.id, `${spec.anchor}-${item.id}`)}>{spec.line(item)}</a>
            <p class="small muted">
              <TimeAgo iso={item.createdAt} />
            </p>
            {inline && (
              <InlineDecision
                item={{
                  kind: inline,
                  id: item.id,
                  challengeTitle: item.challenge.title,
                  personName: item.person.name,
                }}
                reasonId={`my-work-reason-${item.id}`}
                onDone={(message) => onDecided(item.id, message)}
              />
            )}
            {kind === "questions" && (
              <InlineAnswer
                questionId={item.id}
                askedBy={item.person.name}
                onDone={(message) => onDecided(item.id, message)}
              />
            )}
          </li>
        ))}
      </ul>
      {list.total > list.items.length && (
        <p class="small muted">
          And {plural(list.total - list.items.length, "more")}: see your <a href="/inbox">inbox</a>.
        </p>
      )}
    </section>
  );
}

function Card({
  id,
  heading,
  total,
  shown,
  children,
}: {
  id: string;
  heading: string;
  total: number;
  shown: number;
  children: ComponentChildren;
}) {
  return (
    <section class="section-card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {children}
      {total > shown && (
        <p class="small muted">
          Showing {shown} of {total}.
        </p>
      )}
    </section>
  );
}

/** "due 12 Dec 2026", "due today", or "3 days overdue". */
function DueOn({ day }: { day: string }) {
  const today = todayIso();
  if (day === today) return <strong>due today</strong>;
  if (day < today) {
    const days = Math.round((Date.parse(today) - Date.parse(day)) / 86_400_000);
    return <strong class="text-danger">{plural(days, "day")} overdue</strong>;
  }
  return <>due {formatDay(day)}</>;
}
