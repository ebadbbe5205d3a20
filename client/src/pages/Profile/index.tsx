import { Fragment } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { Alert, FailedPage, Loading } from "../../components/alert";
import { Avatar } from "../../components/avatar";
import { LendRequests } from "../../components/lend-requests";
import { Markdown } from "../../components/markdown";
import { MentoringSection } from "../../components/mentoring-list";
import { NotFoundMessage } from "../../components/not-found";
import { RoleBadges } from "../../components/role-badges";
import { api } from "../../lib/api";
import { plural } from "../../lib/format";
import { call } from "../../lib/http";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import { disciplineName, levelName, useOrg } from "../../state/org";
import { me } from "../../state/session";
import { CalendarFeedSection } from "./calendar-feed";
import { PortfolioSection } from "./portfolio";
import { ProfileEditor } from "./profile-editor";
import { SessionsSection } from "./sessions";
import { SkillsSection } from "./skills";
import "./profile.css";

export default function ProfilePage() {
  const { params } = useRoute();
  const id = params.id;
  useOrg();
  const { loaded, reload, refresh } = useResource(
    () => call(api.people[":id"].$get({ param: { id } })),
    `person:${id}`,
  );
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const profile = loaded.status === "ready" ? loaded.value : null;
  useTitle(profile ? profile.name : loaded.status === "error" ? "Person" : "Loading profile");

  useEffect(() => {
    setEditing(false);
    setNotice(null);
  }, [id]);

  if (loaded.status === "loading") return <Loading label="Loading the profile…" />;
  if (loaded.status === "error") {
    if (loaded.notFound) return <NotFoundMessage what="Person" message="Nobody with this address is in Crux." />;
    return (
      <FailedPage title="The profile could not be loaded" onRetry={reload}>
        {loaded.message}
      </FailedPage>
    );
  }

  const p = loaded.value;
  const isSelf = me.value?.id === p.id;
  const facts: [string, string][] = [
    ["Discipline", disciplineName(p.disciplineId) || "Not set"],
    ["Level", levelName(p.levelId) || "Not set"],
    ["Track", p.track === "ic" ? "Individual contributor" : "Management"],
  ];

  return (
    <div class="page">
      <div class="profile-header">
        <Avatar name={p.name} url={p.avatarUrl} size="large" />
        <div>
          <h1>{p.name}</h1>
          {p.title && <p class="muted">{p.title}</p>}
          <RoleBadges roles={p.roles} />
          {!p.active && <p class="badge stage-withdrawn">Inactive</p>}
        </div>
        {p.viewer.canEdit && !editing && (
          <button
            ref={editButton}
            type="button"
            class="button button-secondary"
            onClick={() => {
              setNotice(null);
              setEditing(true);
            }}
          >
            Edit profile
          </button>
        )}
      </div>

      {notice && <Alert kind="success">{notice}</Alert>}

      {editing && (
        <ProfileEditor
          profile={p}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
          onSaved={(person) => {
            if (isSelf) me.value = person;
            setEditing(false);
            setNotice("Profile saved.");
            refresh();
          }}
        />
      )}

      <div class="two-column">
        <div class="stack">
          <section class="section-card" aria-labelledby="about-heading">
            <h2 id="about-heading">About</h2>
            {p.bio.trim() ? (
              <Markdown source={p.bio} />
            ) : (
              <p class="muted">{isSelf ? "You have not written a bio yet." : "No bio yet."}</p>
            )}
            <SkillsSection key={`${p.id}:${p.skills.join(",")}`} personId={p.id} isSelf={isSelf} />
          </section>

          <PortfolioSection personId={p.id} isSelf={isSelf} />
          <MentoringSection personId={p.id} isSelf={isSelf} />

          {isSelf && p.reports.length > 0 && <LendRequests showEmpty onDecided={refresh} />}

          {isSelf && <CalendarFeedSection personId={p.id} />}
          {isSelf && <SessionsSection />}
        </div>

        <aside class="sidebar" aria-label="Details">
          <div class="card">
            <h2 class="visually-hidden">Details</h2>
            <dl class="facts">
              {facts.map(([label, value]) => (
                <Fragment key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </Fragment>
              ))}
              <dt>Manager</dt>
              <dd>{p.manager ? <a href={`/people/${p.manager.id}`}>{p.manager.name}</a> : "None"}</dd>
              <dt>Backs</dt>
              <dd>{plural(p.backing, "challenge")}</dd>
              <dt>E-mail</dt>
              <dd>
                <a href={`mailto:${p.email}`}>{p.email}</a>
              </dd>
            </dl>
          </div>
          <div class="card">
            <h2>Reports</h2>
            {p.reports.length === 0 ? (
              <p class="muted">No direct reports.</p>
            ) : (
              <ul class="plain-list">
                {p.reports.map((r) => (
                  <li key={r.id} class="person-row">
                    <Avatar name={r.name} url={r.avatarUrl} />
                    <div>
                      <a href={`/people/${r.id}`}>{r.name}</a>
                      {r.title && <div class="muted small">{r.title}</div>}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </aside>
      </div>
    </div>
  );
}
