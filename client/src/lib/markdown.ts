/**
 * Markdown to safe HTML. Imported lazily (by components/markdown.tsx) so marked and DOMPurify stay
 * out of the first page load.
 */
import DOMPurify from "dompurify";
import { marked } from "marked";

let hooked = false;

function addLinkHook() {
  if (hooked) return;
  hooked = true;
  // User-written links open in a new tab without giving that page a handle on this one.
  DOMPurify.addHook("afterSanitizeAttributes", (node) => {
    if (node.tagName === "A" && node.getAttribute("href")) {
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", "noopener noreferrer nofollow");
    }
    if (node.tagName === "IMG") {
      // Pictures without a description are decorative; none may tell their host who looked.
      if (!node.hasAttribute("alt")) node.setAttribute("alt", "");
      node.setAttribute("loading", "lazy");
      node.setAttribute("referrerpolicy", "no-referrer");
    }
  });
}

export function renderMarkdown(source: string): string {
  addLinkHook();
  const html = marked.parse(source, { async: false, gfm: true, breaks: true });
  return DOMPurify.sanitize(html, { FORBID_ATTR: ["style"], FORBID_TAGS: ["style", "form", "input", "button"] });
}
