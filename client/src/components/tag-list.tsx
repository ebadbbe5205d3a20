import type { ComponentChildren } from "preact";

/** A row of chips (`<li>`s) named for screen readers by `label`; sighted people tell them by their look. */
export function TagList({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <span class="visually-hidden">{`${label}: `}</span>
      <ul class="tag-list">{children}</ul>
    </div>
  );
}

/** A challenge's tags, each a link to the marketplace filtered by it. */
export function ChallengeTags({ tags }: { tags: readonly string[] }) {
  if (!tags.length) return null;
  return (
    <TagList label="Tags">
      {tags.map((t) => (
        <li key={t}>
          <a class="tag" href={`/?tag=${encodeURIComponent(t)}`}>
            #{t}
          </a>
        </li>
      ))}
    </TagList>
  );
}
