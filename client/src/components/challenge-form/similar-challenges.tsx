import { useEffect, useState } from "preact/hooks";
import { api } from "../../lib/api";
import { plural, STAGE_LABELS } from "../../lib/format";
import { call } from "../../lib/http";
import type { Challenge, SimilarChallenge } from "../../lib/types";

/**
 * Up to three challenges like the one being written, read a moment after the title or summary
 * changes, while it is unpublished (SPEC §8: back one instead of a duplicate).
 */
export function useSimilarChallenges(title: string, summary: string, challenge?: Challenge) {
  const [similar, setSimilar] = useState<SimilarChallenge[]>([]);
  const unpublished = !challenge || challenge.stage === "draft";
  const similarText = `${title.trim()} ${summary.trim()}`.trim().slice(0, 400);
  useEffect(() => {
    if (!unpublished || title.trim().length < 4) {
      setSimilar([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      call(
        api["similar-challenges"].$get({
          query: { q: similarText, ...(challenge ? { exclude: challenge.id } : {}) },
        }),
      ).then(
        (page) => live && setSimilar(page.items.slice(0, 3)),
        () => live && setSimilar([]),
      );
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [similarText, unpublished]);
  return similar;
}

/** The similar challenges under the title, each with a link to back it instead. */
export function SimilarChallenges({ items: similar }: { items: SimilarChallenge[] }) {
  if (similar.length === 0) return null;
  return (
    <div class="similar" aria-live="polite">
      <strong>Similar challenges already exist.</strong> Could you back or join one instead?
      <ul>
        {similar.map((c) => (
          <li key={c.id}>
            <a href={`/challenges/${c.id}`} target="_blank" rel="noopener">
              {c.title}
              <span class="visually-hidden"> (opens in a new tab)</span>
            </a>
            <span class="muted">
              {" "}
              · {c.stage in STAGE_LABELS ? STAGE_LABELS[c.stage as keyof typeof STAGE_LABELS] : c.stage} ·{" "}
              {plural(c.backerCount, "backer")} ·{" "}
            </span>
            <a href={`/challenges/${c.id}`}>
              Back it instead<span class="visually-hidden">: {c.title}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
