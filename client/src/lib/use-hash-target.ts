import { useEffect } from "preact/hooks";

const WAIT_MS = 8_000;

/** The section a kind of thing sits in, to land on when the thing itself is not shown. */
const SECTION_OF: Record<string, string> = {
  application: "team",
  lend: "team",
  credit: "credit",
  question: "questions",
  answer: "questions",
  review: "reviews",
  reply: "reviews",
  spend: "spend",
  milestone: "milestones",
  comment: "comments",
};

/**
 * Brings the element a link names (`#application-ap_1`, or a section: `#team` finds
 * `team-heading`) into view once it is on the page, highlights it and moves focus to it, so a
 * notification lands on the exact thing. The page's parts load on their own, so it watches the
 * page until the element appears, for a while.
 */
export function useHashTarget(key: string) {
  useEffect(() => {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (!hash) return;
    const find = () => document.getElementById(hash) ?? document.getElementById(`${hash}-heading`);
    const land = (target: HTMLElement) => {
      target.classList.add("is-target");
      if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    };
    const now = find();
    if (now) {
      land(now);
      return;
    }
    const observer = new MutationObserver(() => {
      const target = find();
      if (!target) return;
      observer.disconnect();
      land(target);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      const section = SECTION_OF[hash.split("-")[0] ?? ""];
      const fallback = section ? document.getElementById(`${section}-heading`) : null;
      if (fallback) land(fallback);
    }, WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [key]);
}
