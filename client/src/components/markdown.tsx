import { useEffect, useState } from "preact/hooks";

type Render = (source: string) => string;
let renderer: Render | undefined;
let loading: Promise<Render> | undefined;

function loadRenderer(): Promise<Render> {
  loading ??= import("../lib/markdown").then((m) => {
    renderer = m.renderMarkdown;
    return renderer;
  });
  return loading;
}

/**
 * Markdown written by people, sanitised with DOMPurify. marked and DOMPurify load on first use;
 * until then (or if they fail to load) the source shows as plain text.
 */
export function Markdown({ source, class: className }: { source: string; class?: string }) {
  const [html, setHtml] = useState<string | null>(() => (renderer ? renderer(source) : null));

  useEffect(() => {
    let live = true;
    if (renderer) setHtml(renderer(source));
    else
      loadRenderer().then(
        (render) => live && setHtml(render(source)),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [source]);

  const classes = `prose${className ? ` ${className}` : ""}`;
  if (html === null) return <div class={`${classes} plain`}>{source}</div>;
  // The HTML is sanitised by DOMPurify in lib/markdown.ts.
  return <div class={classes} dangerouslySetInnerHTML={{ __html: html }} />;
}
