/**
 * The impact packet (SPEC §7): a person's portfolio as Markdown for a promotion case, grouped
 * by the career framework's dimensions, every claim linked to its evidence. Only confirmed
 * credit appears; pending, declined and retracted records never do.
 */
import {
  CONTRIBUTION_LABELS,
  type ContributionType,
  type Dimension,
  groupByDimension,
  lendsDimensionId,
} from "./credit";
import { type Refusal, refuse } from "./refusal";

/** Who the reader is to the person whose packet it is. */
export interface PacketReader {
  isSelf: boolean;
  isTheirManager: boolean;
  isAdmin: boolean;
}

/**
 * Who may export a person's impact packet (SPEC §7): the person, their manager and admins. The
 * export route asks it, and the portfolio's `viewer.canExportPacket` asks the same.
 */
export function packetExportRefusal(r: PacketReader): Refusal | null {
  if (r.isSelf || r.isTheirManager || r.isAdmin) return null;
  return refuse(403, "forbidden", "Only the person, their manager and admins can export an impact packet.");
}

export interface PacketCredit {
  id: string;
  challengeId: string;
  challengeTitle: string;
  type: ContributionType;
  description: string;
  hours: number | null;
  status: string;
  confirmedAt: string | null;
  recordedByName: string;
  endorsements: { endorserName: string; note: string; createdAt: string }[];
}

export interface PacketRole {
  challengeId: string;
  title: string;
  stage: string;
  role: string;
  outcome: string | null;
  decidedAt: string | null;
}

export interface PacketInput {
  person: {
    id: string;
    name: string;
    title: string;
    disciplineId: string | null;
    levelId: string | null;
    track: string;
  };
  generatedAt: string;
  /** The app's origin, so links work outside it (e.g. https://crux.acme.com). */
  origin: string;
  roles: PacketRole[];
  credit: PacketCredit[];
  kudos: { fromName: string; challengeId: string; challengeTitle: string; message: string; createdAt: string }[];
  lends: {
    person: { name: string };
    challenge: { id: string; title: string };
    sharePercent: number;
    decidedAt: string | null;
  }[];
  dimensions: Dimension[];
}

/**
 * Escapes what Markdown would otherwise read as formatting in user text, and folds every line
 * ending (a lone CR is one too) into a space so user text never starts a line of its own.
 * Angle brackets become entities, not backslash escapes: a GFM autolink just before them
 * (`https://x\<img …>`) swallows the backslash and would leave the tag as raw HTML.
 */
const md = (text: string) =>
  text
    .replace(/([\\`*_[\]#|])/g, "\\$1")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\r\n]+/g, " ");
/** Link text: marked reads `![x](y)` inside a link's text as an image even with the brackets escaped. */
const mdLinkText = (text: string) => md(text).replace(/([!()])/g, "\\$1");
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

export function impactPacketMarkdown(p: PacketInput): string {
  const link = (challengeId: string, title: string) => `[${mdLinkText(title)}](${p.origin}/challenges/${challengeId})`;
  const confirmed = p.credit.filter((c) => c.status === "confirmed");
  const lines: string[] = [];
  lines.push(`# Impact packet: ${md(p.person.name)}`);
  lines.push("");
  lines.push(
    `${md(p.person.title || "")}${p.person.levelId ? ` · ${p.person.levelId}` : ""}${p.person.disciplineId ? ` · ${p.person.disciplineId}` : ""} · ${p.person.track === "management" ? "management" : "IC"} track`,
  );
  lines.push("");
  lines.push(
    `Generated ${day(p.generatedAt)} from Crux. ${confirmed.length} confirmed contribution${confirmed.length === 1 ? "" : "s"} on ${new Set(confirmed.map((c) => c.challengeId)).size} challenge(s); every claim links to its evidence: ${p.origin}/people/${p.person.id}`,
  );
  lines.push("");

  lines.push("## Challenges");
  lines.push("");
  if (p.roles.length === 0) lines.push("No challenges yet.");
  for (const r of p.roles) {
    const outcome = r.outcome
      ? ` — outcome: **${r.outcome}**${r.decidedAt ? ` (${day(r.decidedAt)})` : ""}`
      : ` — ${r.stage}`;
    lines.push(
      `- ${r.role === "lead" ? "Led" : r.role === "co-lead" ? "Co-led" : "Member of"} ${link(r.challengeId, r.title)}${outcome}`,
    );
  }
  lines.push("");

  const lendsIn = lendsDimensionId(p.dimensions);
  for (const group of groupByDimension(confirmed, p.dimensions)) {
    lines.push(`## ${md(group.dimension.name)}`);
    lines.push("");
    if (group.dimension.description) lines.push(`_${md(group.dimension.description)}_`, "");
    const lendsHere = group.dimension.id === lendsIn && p.lends.length > 0;
    if (group.items.length === 0 && !lendsHere) lines.push("No confirmed credit in this dimension yet.", "");
    for (const c of group.items) {
      const hours = c.hours ? `, ${c.hours} h` : "";
      lines.push(
        `- **${CONTRIBUTION_LABELS[c.type] ?? c.type}** on ${link(c.challengeId, c.challengeTitle)}: ${md(c.description)} (confirmed ${day(c.confirmedAt)}${hours}; recorded by ${md(c.recordedByName)}) — evidence: ${p.origin}/challenges/${c.challengeId}#credit-${c.id}`,
      );
      for (const e of c.endorsements) {
        lines.push(`  - Endorsed by ${md(e.endorserName)} (${day(e.createdAt)}): “${md(e.note)}”`);
      }
    }
    if (lendsHere) {
      lines.push("- Lent people to hub work as their manager:");
      for (const l of p.lends) {
        lines.push(
          `  - ${md(l.person.name)} to ${link(l.challenge.id, l.challenge.title)}, ${l.sharePercent}% (${day(l.decidedAt)})`,
        );
      }
    }
    lines.push("");
  }

  lines.push("## Kudos");
  lines.push("");
  if (p.kudos.length === 0) lines.push("No kudos yet.");
  for (const k of p.kudos) {
    lines.push(
      `- From ${md(k.fromName)} on ${link(k.challengeId, k.challengeTitle)} (${day(k.createdAt)}): “${md(k.message)}”`,
    );
  }
  lines.push("");
  return lines.join("\n");
}
