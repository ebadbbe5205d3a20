import { PROGRESS_STAGES } from "./credit";
import { acceptsParticipation, type Stage } from "./lifecycle";
import { type Refusal, refuse } from "./refusal";

/** What a person wrote on a challenge that they may change afterwards: a comment or a progress update. */
export type AuthoredKind = "comment" | "update";

export interface AuthoredItem {
  authorId: string;
  removedAt: string | null;
}

/**
 * Who edits or removes a comment or update, and when: only its author, and never once removed (the
 * tombstone stays as it is). An edit is held to the stage the text could be written in (a comment
 * while the challenge takes part, an update while progress is reported), because the showcase is
 * judged on the progress record as it stood. A comment can always be taken back; an update only
 * while progress is reported, for the same reason.
 */
export function authoredChangeRefusal(
  item: AuthoredItem,
  callerId: string,
  stage: Stage,
  kind: AuthoredKind,
  change: "edit" | "remove",
): Refusal | null {
  const noun = kind === "comment" ? "comment" : "update";
  if (item.authorId !== callerId) return refuse(403, "forbidden", `Only its author can ${change} a ${noun}.`);
  if (item.removedAt) return refuse(409, "invalid_state", `This ${noun} was removed; it cannot be changed any more.`);
  if (kind === "comment" && change === "edit" && !acceptsParticipation(stage))
    return refuse(409, "invalid_stage", `Comments on a ${stage} challenge are closed.`);
  if (kind === "update" && !PROGRESS_STAGES.includes(stage))
    return refuse(
      409,
      "invalid_stage",
      `Updates change only while progress is reported (open, funded and active challenges); this one is ${stage}.`,
    );
  return null;
}

/** How many people one comment or update may mention: more is a broadcast, not a mention. */
export const MAX_MENTIONS = 20;

// `@` at the start or after a space or punctuation (not inside an e-mail address like bob@example.com),
// then an e-mail's local part, and optionally its domain. A trailing dot ends the sentence, not the handle.
const MENTION = /(?<![\w.@+-])@([a-z0-9](?:[a-z0-9._+-]*[a-z0-9])?)(@[a-z0-9-]+(?:\.[a-z0-9-]+)+)?/gi;

/**
 * The people a text mentions, as lower-cased handles: `@designer` names the person whose e-mail's
 * local part is `designer`, `@designer@example.com` the person with that e-mail. Which handles
 * name someone is the database's to say (services/discussion.ts `mentionedSql`); handles that
 * name nobody stay plain text.
 */
export function mentionHandles(text: string): string[] {
  const handles = new Set<string>();
  for (const m of text.matchAll(MENTION)) {
    handles.add(`${m[1]}${m[2] ?? ""}`.toLowerCase());
    if (handles.size >= MAX_MENTIONS) break;
  }
  return [...handles];
}

/** A text split into plain runs and mention handles, for a client to highlight the handles. */
export function mentionParts(text: string): { text: string; handle: string | null }[] {
  const parts: { text: string; handle: string | null }[] = [];
  let at = 0;
  for (const m of text.matchAll(MENTION)) {
    const start = m.index ?? 0;
    if (start > at) parts.push({ text: text.slice(at, start), handle: null });
    parts.push({ text: m[0], handle: `${m[1]}${m[2] ?? ""}`.toLowerCase() });
    at = start + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), handle: null });
  return parts;
}
