import { useEffect } from "preact/hooks";

const WAIT_MS = 8_000;

/**
 * The section a kind of thing sits in, to land on when the thing itself is not shown: every
 * anchor prefix worker/domain/notifications.ts `notificationLink` writes, to the page's sections
 * (`#team`, `#funding` …, client/src/pages/Challenge/section-nav.tsx).
 */
const SECTION_OF: Record<string, string> = {
  application: "team",
  lend: "team",
  credit: "credit",
  question: "showcase",
  answer: "showcase",
  review: "showcase",
  reply: "showcase",
  spend: "funding",
  milestone: "progress",
  update: "progress",
  comment: "activity",
  merge: "overview",
};

/** Highlights the target, moves focus to it and brings it into view. */
function land(target: HTMLElement) {
  for (const old of document.querySelectorAll(".is-target")) if (old !== target) old.classList.remove("is-target");
  target.classList.add("is-target");
  if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
  target.scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
}

const find = (hash: string) => document.getElementById(hash) ?? document.getElementById(`${hash}-heading`);

/**
 * Brings the element a link names (`#application-ap_1`, or a section: `#team`, or a heading:
 * `#reviews` finds `reviews-heading`) into view once it is on the page, highlights it and moves
 * focus to it, so a notification lands on the exact thing. The page's parts may arrive after it
 * does, so it watches the page until the element appears, for a while, then falls back to the
 * thing's section. A link on the page (the section nav) lands the same way.
 */
export function useHashTarget(key: string) {
  useEffect(() => {
    let stop = () => {};
    const follow = () => {
      stop();
      const hash = decodeURIComponent(location.hash.slice(1));
      if (!hash) return;
      const now = find(hash);
      if (now) {
        land(now);
        return;
      }
      const observer = new MutationObserver(() => {
        const target = find(hash);
        if (!target) return;
        stop();
        land(target);
      });
      observer.observe(document.body, { childList: true, subtree: true });
      const timer = setTimeout(() => {
        observer.disconnect();
        const section = SECTION_OF[hash.split("-")[0] ?? ""];
        const fallback = section ? find(section) : null;
        if (fallback) land(fallback);
      }, WAIT_MS);
      stop = () => {
        observer.disconnect();
        clearTimeout(timer);
      };
    };
    follow();
    window.addEventListener("hashchange", follow);
    return () => {
      window.removeEventListener("hashchange", follow);
      stop();
    };
  }, [key]);
}
