import { useRef } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Alert } from "../../components/alert";
import { SelectField } from "../../components/field";
import { SkeletonCards } from "../../components/skeleton";
import { StageBadge } from "../../components/stage-badge";
import { api } from "../../lib/api";
import { outcomeLabel } from "../../lib/credit-words";
import { formatDate, plural, STAGE_LABELS } from "../../lib/format";
import { call } from "../../lib/http";
import type { BoardPerson, Recognition, Stage } from "../../lib/types";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { activeDisciplines, disciplineName, levelName, org, useOrg } from "../../state/org";
import "./recognition.css";

const isStage = (stage: string): stage is Stage => stage in STAGE_LABELS;
const QUARTER = /^\d{4}-Q[1-4]$/;

/** "2026-Q4" for a date (UTC, as the API counts quarters). */
export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** This quarter and the `count - 1` before it, newest first. */
export function recentQuarters(now = new Date(), count = 4): string[] {
  return Array.from({ length: count }, (_, i) =>
    quarterOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3 * i, 1))),
  );
}

const quarterWords = (q: string) => q.replace("-", " ");

interface Filters {
  quarter: string;
  discipline: string;
  level: string;
  track: "" | "ic" | "management";
}

/**
 * The recognition board (SPEC §7): recent outcomes, and who earned the most confirmed credit in a
 * quarter, the IC and management tracks side by side. Its filters live in the URL.
 */
export default function RecognitionPage() {
  useTitle("Recognition");
  useOrg();
  const { query, path, route } = useLocation();
  const quarters = recentQuarters();
  const current = quarters[0] ?? quarterOf(new Date());
  const filters: Filters = {
    quarter: query.quarter && QUARTER.test(query.quarter) ? query.quarter : current,
    discipline: query.discipline ?? "",
    level: query.level ?? "",
    track: query.track === "ic" || query.track === "management" ? query.track : "",
  };
  const options = quarters.includes(filters.quarter) ? quarters : [...quarters, filters.quarter];
  const key = JSON.stringify(filters);
  const { loaded, reload } = useResource(
    () =>
      call(
        api.recognition.$get({
          query: {
            quarter: filters.quarter,
            limit: "10",
            ...(filters.discipline ? { discipline: filters.discipline } : {}),
            ...(filters.level ? { level: filters.level } : {}),
            ...(filters.track ? { track: filters.track } : {}),
          },
        }),
      ),
    `recognition:${key}`,
  );
  const levels = (org.value?.levels ?? []).filter((l) => !filters.track || l.track === filters.track);

  function update(changes: Partial<Filters>) {
    const next = { ...filters, ...changes };
    // A level from the other track would find nobody: drop it when the track changes.
    const level = org.value?.levels.find((l) => l.id === next.level);
    if (level && next.track && level.track !== next.track) next.level = "";
    const params = new URLSearchParams();
    if (next.quarter !== current) params.set("quarter", next.quarter);
    if (next.discipline) params.set("discipline", next.discipline);
    if (next.level) params.set("level", next.level);
    if (next.track) params.set("track", next.track);
    const search = params.toString();
    route(search ? `${path}?${search}` : path, true);
  }

  // While new filters load, the last board stays: nothing above the filters moves under the person's focus.
  const lastBoard = useRef<Recognition | null>(null);
  if (loaded.status === "ready") lastBoard.current = loaded.value;
  const board = loaded.status === "error" ? null : lastBoard.current;
  const loading = loaded.status === "loading";
  const isCurrent = filters.quarter === current;
  const filtered = Boolean(filters.discipline || filters.level || filters.track);

  return (
    <div class="page">
      <div class="page-header">
        <h1>Recognition</h1>
      </div>
      <p class="muted">
        What hub work achieved, and who earned the most confirmed credit for it: individual contributors and managers
        side by side.
      </p>

      {loaded.status === "error" && (
        <Alert title="The board could not be loaded" onRetry={reload}>
          {loaded.message}
        </Alert>
      )}

      <section aria-labelledby="outcomes-heading">
        <h2 id="outcomes-heading">Recent outcomes</h2>
        {loading && !board && <SkeletonCards count={3} />}
        {board && board.outcomes.length === 0 && (
          <div class="empty-state">
            <p>
              <strong>No outcomes yet.</strong> When reviewers decide a showcase — scale, iterate or stop — it appears
              here.
            </p>
          </div>
        )}
        {board && board.outcomes.length > 0 && (
          <ul class="plain-list card-grid">
            {board.outcomes.map((o) => (
              <li key={o.id}>
                <article class="card outcome-card" aria-labelledby={`outcome-${o.id}`}>
                  <div class="cluster">
                    {o.outcome && (
                      <span class={`badge role outcome-${o.outcome}`}>Decision: {outcomeLabel(o.outcome)}</span>
                    )}
                    {isStage(o.stage) && <StageBadge stage={o.stage} />}
                  </div>
                  <h3 id={`outcome-${o.id}`} class="outcome-title">
                    <a href={`/challenges/${o.id}`}>{o.title}</a>
                  </h3>
                  {o.summary && <p class="summary">{o.summary}</p>}
                  <p class="card-meta">
                    {o.leadName && <span>Led by {o.leadName}</span>}
                    <span>
                      Decided <time dateTime={o.decidedAt}>{formatDate(o.decidedAt)}</time>
                    </span>
                  </p>
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="top-heading">
        <h2 id="top-heading">
          {isCurrent ? "Top contributors this quarter" : `Top contributors in ${quarterWords(filters.quarter)}`}
        </h2>
        <p class="muted small">
          Ranked by confirmed credit recorded in the quarter; on the management track each lend a manager approved in
          the quarter counts as one too. Endorsements break ties.
        </p>
        <search aria-label="Filter top contributors">
          <form class="filters" onSubmit={(e) => e.preventDefault()}>
            <SelectField
              id="board-quarter"
              label="Quarter"
              value={filters.quarter}
              onChange={(quarter) => update({ quarter })}
            >
              {options.map((q) => (
                <option key={q} value={q}>
                  {quarterWords(q)}
                  {q === current ? " (this quarter)" : ""}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="board-discipline"
              label="Discipline"
              value={filters.discipline}
              onChange={(discipline) => update({ discipline })}
            >
              <option value="">All disciplines</option>
              {activeDisciplines().map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
              {filters.discipline && !activeDisciplines().some((d) => d.id === filters.discipline) && (
                <option value={filters.discipline}>{disciplineName(filters.discipline)}</option>
              )}
            </SelectField>
            <SelectField id="board-level" label="Level" value={filters.level} onChange={(level) => update({ level })}>
              <option value="">All levels</option>
              {levels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
              {filters.level && !levels.some((l) => l.id === filters.level) && (
                <option value={filters.level}>{levelName(filters.level)}</option>
              )}
            </SelectField>
            <SelectField
              id="board-track"
              label="Track"
              value={filters.track}
              onChange={(track) => update({ track: track as Filters["track"] })}
            >
              <option value="">Both tracks</option>
              <option value="ic">Individual contributor</option>
              <option value="management">Management</option>
            </SelectField>
          </form>
        </search>

        <p class="status-line" role="status">
          {loading
            ? "Loading the board…"
            : board
              ? `Showing ${quarterWords(board.quarter)}${filtered ? ", filtered" : ""}.`
              : ""}
        </p>
        {loading && !board && <SkeletonCards count={2} />}
        <div aria-busy={loading ? "true" : undefined}>
          {board && <Columns board={board} track={filters.track} filtered={filtered} />}
        </div>
      </section>
    </div>
  );
}

function Columns({ board, track, filtered }: { board: Recognition; track: Filters["track"]; filtered: boolean }) {
  const max = Math.max(1, ...[...board.ic, ...board.management].map(score));
  const columns = [
    { id: "ic", title: "IC track", people: board.ic, none: "No confirmed credit for individual contributors" },
    {
      id: "management",
      title: "Management track",
      people: board.management,
      none: "No confirmed credit or approved lends for managers",
    },
  ].filter((c) => !track || c.id === track);
  return (
    <div class={columns.length > 1 ? "board-columns" : "board-columns single"}>
      {columns.map((c) => (
        <div key={c.id} class="card board-column">
          <h3 id={`board-${c.id}`} class="board-title">
            {c.title}
          </h3>
          {c.people.length === 0 ? (
            <p class="muted">
              {c.none}
              {filtered ? " matching these filters" : ""} in this quarter yet.
            </p>
          ) : (
            <ol class="plain-list board-list" aria-labelledby={`board-${c.id}`}>
              {c.people.map((p, i) => (
                <BoardRow key={p.person.id} rank={i + 1} row={p} max={max} />
              ))}
            </ol>
          )}
        </div>
      ))}
    </div>
  );
}

/** What ranks a row: confirmed credit, and for managers the lends they approved. */
const score = (row: BoardPerson) => row.credits + row.lends;

function BoardRow({ rank, row, max }: { rank: number; row: BoardPerson; max: number }) {
  const facts = [row.person.title, levelName(row.person.levelId), disciplineName(row.person.disciplineId)].filter(
    Boolean,
  );
  return (
    <li class="board-row">
      <span class="board-rank">
        <span class="visually-hidden">Rank </span>
        {rank}
      </span>
      <div class="board-main">
        <a href={`/people/${row.person.id}`}>
          <strong>{row.person.name}</strong>
        </a>
        {facts.length > 0 && <p class="board-facts">{facts.join(" · ")}</p>}
        <p class="board-figures">
          {plural(row.credits, "confirmed credit")}
          {row.lends > 0 && <> · {plural(row.lends, "approved lend")}</>} · {plural(row.endorsements, "endorsement")}
          <span class="muted"> · {plural(row.challenges, "challenge")}</span>
        </p>
        <svg class="board-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <rect class="bar-track" width="100" height="6" rx="1" />
          <rect class="bar-spent" width={Math.max(2, (score(row) / max) * 100)} height="6" rx="1" />
        </svg>
      </div>
    </li>
  );
}
