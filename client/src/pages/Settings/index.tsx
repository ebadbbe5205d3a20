import { useEffect, useState } from "preact/hooks";
import { Alert, FailedPage, Loading } from "../../components/alert";
import { api } from "../../lib/api";
import { formatDay, todayIso } from "../../lib/format";
import { call } from "../../lib/http";
import { useAction } from "../../lib/use-action";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";
import "./settings.css";

type Preferences = Awaited<ReturnType<typeof load>>;
type Item = Preferences["items"][number];
type Cadence = Item["cadence"];

const CADENCE_LABELS: Record<Cadence, string> = {
  immediately: "Immediately",
  daily: "Daily digest",
  weekly: "Weekly digest (Mondays)",
  off: "Off",
};

const load = () => call(api.me["notification-preferences"].$get());

/** Notification settings (SPEC §15): per kind, e-mail and Slack and when; in-app is always on. */
export default function NotificationSettingsPage() {
  useTitle("Notification settings");
  const { loaded, reload, set } = useResource(load, "notification-preferences", { fresh: true });
  if (loaded.status === "loading") return <Loading label="Loading your notification settings…" />;
  if (loaded.status === "error")
    return (
      <FailedPage title="Your notification settings could not be loaded" onRetry={reload}>
        {loaded.message}
      </FailedPage>
    );
  return <SettingsForm value={loaded.value} onSaved={set} />;
}

function SettingsForm({ value, onSaved }: { value: Preferences; onSaved: (v: Preferences) => void }) {
  const [items, setItems] = useState(value.items);
  const [pause, setPause] = useState(value.pausedUntil ? value.pausedUntil.slice(0, 10) : "");
  const [saved, setSaved] = useState(false);
  const save = useAction();
  useEffect(() => setSaved(false), [items, pause]);

  const change = (kind: string, patch: Partial<Item>) =>
    setItems((list) => list.map((i) => (i.kind === kind ? { ...i, ...patch } : i)));

  async function submit(e: Event) {
    e.preventDefault();
    const ok = await save.run(async () => {
      const next = await call(
        api.me["notification-preferences"].$put({
          json: {
            preferences: items.map(({ kind, email, slack, cadence }) => ({ kind, email, slack, cadence })),
            pausedUntil: pause || null,
          },
        }),
      );
      onSaved(next);
    });
    setSaved(ok);
  }

  const groups: [string, Item[]][] = [
    ["Needs your action", items.filter((i) => i.needsAction)],
    ["Updates", items.filter((i) => !i.needsAction)],
  ];
  return (
    <div class="page medium">
      <div class="page-header">
        <h1>Notification settings</h1>
      </div>
      <p class="muted">
        Everything always reaches your Crux inbox. Choose what also comes to you by e-mail or Slack, and when: at once,
        gathered in a daily or weekly digest, or not at all. Slack only takes what comes at once.
      </p>
      <form onSubmit={submit} class="notification-settings">
        {groups.map(([title, list]) => (
          <section key={title} aria-labelledby={`group-${title}`}>
            <h2 id={`group-${title}`}>{title}</h2>
            <table class="table stackable">
              <thead>
                <tr>
                  <th scope="col">Notification</th>
                  <th scope="col">In-app</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Slack</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {list.map((item) => (
                  <tr key={item.kind}>
                    <th scope="row" id={`kind-${item.kind}`}>
                      {item.label}
                    </th>
                    <td data-label="In-app">Always on</td>
                    <td data-label="E-mail">
                      <label>
                        <input
                          type="checkbox"
                          checked={item.email}
                          aria-describedby={`kind-${item.kind}`}
                          onChange={(e) => change(item.kind, { email: e.currentTarget.checked })}
                        />{" "}
                        E-mail
                      </label>
                    </td>
                    <td data-label="Slack">
                      <label>
                        <input
                          type="checkbox"
                          checked={item.slack}
                          aria-describedby={`kind-${item.kind}`}
                          onChange={(e) => change(item.kind, { slack: e.currentTarget.checked })}
                        />{" "}
                        Slack
                      </label>
                    </td>
                    <td data-label="When">
                      <select
                        aria-label={`When: ${item.label}`}
                        value={item.cadence}
                        onChange={(e) => change(item.kind, { cadence: e.currentTarget.value as Cadence })}
                      >
                        {(Object.keys(CADENCE_LABELS) as Cadence[]).map((c) => (
                          <option key={c} value={c}>
                            {CADENCE_LABELS[c]}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        <section aria-labelledby="pause-heading">
          <h2 id="pause-heading">Pause</h2>
          <p class="muted">While paused, nothing comes by e-mail or Slack; your inbox still fills as usual.</p>
          <label class="field" for="paused-until">
            Pause everything until
          </label>
          <div class="button-row">
            <input
              id="paused-until"
              type="date"
              min={todayIso()}
              value={pause}
              onInput={(e) => setPause(e.currentTarget.value)}
            />
            {pause && (
              <button type="button" class="button button-secondary button-small" onClick={() => setPause("")}>
                Clear the pause
              </button>
            )}
          </div>
          {value.pausedUntil && <p>Paused until {formatDay(value.pausedUntil.slice(0, 10))}.</p>}
        </section>
        {save.error && <Alert title="Your settings were not saved">{save.error}</Alert>}
        {saved && <Alert kind="success">Your notification settings are saved.</Alert>}
        <div class="button-row">
          <button type="submit" class="button" disabled={!!save.pending}>
            {save.pending ? "Saving…" : "Save settings"}
          </button>
        </div>
      </form>
    </div>
  );
}
