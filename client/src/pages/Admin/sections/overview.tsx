import { SECTIONS } from "../sections";

/** /admin: what each section is for, with a link to it. */
export function OverviewSection() {
  return (
    <>
      <ul class="plain-list admin-overview">
        {SECTIONS.map((s) => (
          <li key={s.id} class="section-card">
            <h2>
              <a href={`/admin/${s.id}`}>{s.label}</a>
            </h2>
            <p>{s.summary}</p>
          </li>
        ))}
      </ul>
      <p>
        The full API, with every admin route, is described in the <a href="/api/docs">API reference</a>.
      </p>
    </>
  );
}
