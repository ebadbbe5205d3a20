import "./skeleton.css";

/** Grey placeholder cards while a list loads; hidden from screen readers (a status line speaks instead). */
export function SkeletonCards({ count = 3 }: { count?: number }) {
  return (
    <div class="skeleton-list" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <div class="card skeleton-card" key={i}>
          <div class="skeleton skeleton-title" />
          <div class="skeleton skeleton-line" />
          <div class="skeleton skeleton-line short" />
        </div>
      ))}
    </div>
  );
}
