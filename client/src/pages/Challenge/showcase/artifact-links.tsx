import { TextField } from "../../../components/field";
import { type LinkRow, linkField, MAX_LINKS } from "./editor-state";

/** Links to the work (demos, dashboards, documents, code), each with a title. */
export function ArtifactLinks({
  links,
  setLink,
  addLink,
  removeLink,
  err,
}: {
  links: LinkRow[];
  setLink: (key: number, changes: Partial<LinkRow>) => void;
  addLink: () => void;
  removeLink: (index: number) => void;
  err: (fieldId: string) => string | undefined;
}) {
  return (
    <fieldset>
      <legend>Artifacts</legend>
      {links.length === 0 && <p class="muted small">No links yet: demos, dashboards, documents, code.</p>}
      {links.map((l, i) => (
        <fieldset key={l.key} class="row-card">
          <legend class="row-card-title">Link {i + 1}</legend>
          <div class="row-grid roomy">
            <TextField
              id={linkField(l.key, "title")}
              label="Link title"
              maxLength={200}
              autoComplete="off"
              value={l.title}
              onInput={(title) => setLink(l.key, { title })}
              error={err(linkField(l.key, "title"))}
            />
            <TextField
              id={linkField(l.key, "url")}
              label="Link URL"
              type="url"
              autoComplete="off"
              value={l.url}
              onInput={(url) => setLink(l.key, { url })}
              error={err(linkField(l.key, "url"))}
            />
          </div>
          <button type="button" class="button button-ghost button-small" onClick={() => removeLink(i)}>
            Remove link {i + 1}
          </button>
        </fieldset>
      ))}
      {links.length < MAX_LINKS && (
        <button id="showcase-add-link" type="button" class="button button-secondary button-small" onClick={addLink}>
          Add link
        </button>
      )}
    </fieldset>
  );
}
