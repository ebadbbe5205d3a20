import { useId, useState } from "preact/hooks";
import { Loading } from "../../components/alert";
import { formatDay, formatNumber, plural, todayIso } from "../../lib/format";
import type { Dashboard } from "../../lib/types";
import { cappedCount, daysSince, overdueWords, waitingWords } from "./helpers";
import { DashSection } from "./section";

/** How many items of a group show before "Show all". */
const FIRST = 5;

interface ActionItem {
  key: string;
  /** The exact place on the challenge page where it is acted on. */
  href: string;
  title: string;
  /** How late, in words ("3 days overdue"). */
  late: string;
  detail: string;
  /** For the CSV. */
  challenge: string;
  person: string;
  days: number;
}

interface ActionGroup {
  id: string;
  title: string;
  intro: string;
  items: ActionItem[];
  total: number;
}

/**
 * What is past its deadline now, at the top of the dashboard (SPEC §8, §10): open challenges
 * waiting for a response, decision commitments past due, and showcases no reviewer may judge.
 * Each item links to where it is acted on and says how late it is. The period below does not
 * change it: what is overdue is overdue now.
 */
export function NeedsActionSection({ data, fileTag }: { data: Dashboard | null; fileTag: string }) {
  if (!data) {
    return (
      <section class="section-card dash-section needs-action" aria-labelledby="needs-action-heading">
        <h2 id="needs-action-heading">Needs action</h2>
        <Loading label="Loading what needs action…" />
      </section>
    );
  }
  const groups = actionGroups(data);
  const total = groups.reduce((s, g) => s + g.total, 0);
  return (
    <DashSection
      id="needs-action"
      title="Needs action"
      fileTag={fileTag}
      intro={
        total > 0
          ? `${total === 1 ? "One thing waits" : `${formatNumber(total)} things wait`} on someone now, whatever the period you pick below. The most overdue come first.`
          : undefined
      }
      empty={null}
      csv={() => ({
        header: ["kind", "item", "challenge", "person", "days", "status", "link"],
        rows: groups.flatMap((g) =>
          g.items.map((i) => [g.title, i.title, i.challenge, i.person, i.days, i.late, `${location.origin}${i.href}`]),
        ),
      })}
    >
      {total === 0 ? (
        <div class="empty-note needs-action-empty">
          <p>
            <strong>Nothing needs action</strong>
          </p>
          <p class="small">
            Every open challenge had a response in time, no decision commitment is past due, and every showcase has a
            reviewer without a stake in it.
          </p>
        </div>
      ) : (
        groups.filter((g) => g.total > 0).map((g) => <Group key={g.id} group={g} />)
      )}
    </DashSection>
  );
}

function Group({ group }: { group: ActionGroup }) {
  const [all, setAll] = useState(false);
  const listId = useId();
  const shown = all ? group.items : group.items.slice(0, FIRST);
  const more = group.items.length - FIRST;
  return (
    <div class="action-group">
      <h3 id={`${group.id}-heading`}>
        {group.title} <span class="action-count">({formatNumber(group.total)})</span>
      </h3>
      <p class="small muted">{group.intro}</p>
      <ul class="plain-list action-list" id={listId}>
        {shown.map((i) => (
          <li key={i.key} class="action-item">
            <a href={i.href} class="action-link">
              {i.title}
            </a>{" "}
            <span class="badge role status-declined">{i.late}</span>{" "}
            <span class="small muted action-detail">{i.detail}</span>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <button
          type="button"
          class="button button-secondary button-small"
          aria-expanded={all ? "true" : "false"}
          aria-controls={listId}
          aria-label={`${all ? `Show the first ${FIRST}` : `Show ${formatNumber(more)} more`}: ${group.title}`}
          onClick={() => setAll(!all)}
        >
          {all ? `Show the first ${FIRST}` : `Show ${formatNumber(more)} more`}
        </button>
      )}
    </div>
  );
}

/** The three kinds of overdue item, each sorted most overdue first. */
function actionGroups(data: Dashboard): ActionGroup[] {
  const today = todayIso();
  const deadline = data.responseDeadlineDays;
  const responses = [...data.overdueResponses].sort((a, b) => b.days - a.days);
  const commitments = [...data.overdueCommitments].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const showcases = [...data.needsIndependentReviewer].sort((a, b) => b.days - a.days);
  return [
    {
      id: "overdue-responses",
      title: "Overdue responses",
      intro: `${cappedCount(data.overdueResponsesTotal, responses.length, "longest waiting")}Open challenges waiting more than ${plural(deadline, "day")} for a sponsor's pledge or a reviewer's response. Respond in the challenge's discussion.`,
      total: data.overdueResponsesTotal,
      items: responses.map((r) => ({
        key: r.id,
        href: `/challenges/${r.id}#comments`,
        title: r.title,
        late: overdueWords(r.days - deadline),
        detail: `Published ${formatDay(r.publishedAt.slice(0, 10))}, ${waitingWords(r.days)} · led by ${r.leadName}`,
        challenge: r.title,
        person: r.leadName,
        days: r.days - deadline,
      })),
    },
    {
      id: "overdue-commitments",
      title: "Overdue commitments",
      intro: `${cappedCount(data.overdueCommitmentsTotal, commitments.length, "most overdue")}Commitments made with a decision, still open past their due date.`,
      total: data.overdueCommitmentsTotal,
      items: commitments.map((c) => {
        const late = daysSince(c.dueOn, today);
        return {
          key: c.id,
          href: `/challenges/${c.challengeId}#commitment-${c.id}`,
          title: c.what,
          late: overdueWords(late),
          detail: `Due ${formatDay(c.dueOn)} · ${c.ownerName ? `${c.ownerName} · ` : ""}${c.challengeTitle}`,
          challenge: c.challengeTitle,
          person: c.ownerName,
          days: late,
        };
      }),
    },
    {
      id: "needs-reviewer",
      title: "Needs an independent reviewer",
      intro: `${cappedCount(data.needsIndependentReviewerTotal, showcases.length, "oldest")}Showcases every reviewer has a stake in (they lead or co-lead it, are on its team, or sponsor it), so none of them may review or decide it. Give someone without a stake the reviewer role.`,
      total: data.needsIndependentReviewerTotal,
      items: showcases.map((s) => ({
        key: s.id,
        href: `/challenges/${s.id}#reviews`,
        title: s.title,
        late: waitingWords(s.days),
        detail: `In showcase since ${formatDay(s.submittedAt.slice(0, 10))}`,
        challenge: s.title,
        person: "",
        days: s.days,
      })),
    },
  ];
}
