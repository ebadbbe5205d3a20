import { useEffect, useState } from "preact/hooks";

/** The page's sections, in order: each a shareable URL (`/challenges/c_1#team`). */
export const SECTIONS = [
  { id: "overview", label: "Overview" },
  { id: "team", label: "Team" },
  { id: "funding", label: "Funding" },
  { id: "progress", label: "Progress" },
  { id: "credit", label: "Credit" },
  { id: "showcase", label: "Showcase & review" },
  { id: "activity", label: "Activity" },
] as const;

export type SectionId = (typeof SECTIONS)[number]["id"];

/** Which section is in view: the last whose top has passed the band under the sticky nav. */
function useSectionInView() {
  const [current, setCurrent] = useState<SectionId | null>(null);
  useEffect(() => {
    if (typeof IntersectionObserver === "undefined") return;
    const visible = new Set<string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.isIntersecting) visible.add(e.target.id);
          else visible.delete(e.target.id);
        }
        const first = SECTIONS.find((s) => visible.has(s.id));
        if (first) setCurrent(first.id);
      },
      // A band across the upper part of the viewport: the section crossing it is the one read.
      { rootMargin: "-20% 0px -60% 0px" },
    );
    for (const s of SECTIONS) {
      const el = document.getElementById(s.id);
      if (el) observer.observe(el);
    }
    return () => observer.disconnect();
  }, []);
  return current;
}

/** The sticky row of links to the page's sections; the one in view is marked `aria-current`. */
export function SectionNav() {
  const current = useSectionInView();
  return (
    <nav class="section-nav" aria-label="Challenge sections">
      <ul class="section-nav-list">
        {SECTIONS.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`} aria-current={current === s.id ? "location" : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
