import { SECTIONS } from "./section-nav";

/**
 * The page's shape while its one read is under way: the header, the section nav and a few cards
 * in the two columns, marked busy; one status line says what is happening.
 */
export function ChallengeSkeleton() {
  return (
    <div class="page challenge-page" aria-busy="true">
      <p class="visually-hidden" role="status">
        Loading the challenge…
      </p>
      <div class="challenge-header form-section" aria-hidden="true">
        <div class="skeleton skeleton-badge" />
        <div class="skeleton skeleton-heading" />
        <div class="skeleton skeleton-line short" />
        <div class="skeleton skeleton-line" />
      </div>
      <div class="section-nav" aria-hidden="true">
        <ul class="section-nav-list">
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <span class="section-nav-placeholder">{s.label}</span>
            </li>
          ))}
        </ul>
      </div>
      <div class="challenge-layout" aria-hidden="true">
        <div class="challenge-main">
          {[0, 1, 2].map((i) => (
            <div class="section-card" key={i}>
              <div class="skeleton skeleton-title" />
              <div class="skeleton skeleton-line" />
              <div class="skeleton skeleton-line" />
              <div class="skeleton skeleton-line short" />
            </div>
          ))}
        </div>
        <div class="challenge-aside">
          <div class="card">
            <div class="skeleton skeleton-title" />
            <div class="skeleton skeleton-bar" />
            <div class="skeleton skeleton-line short" />
          </div>
        </div>
      </div>
    </div>
  );
}
