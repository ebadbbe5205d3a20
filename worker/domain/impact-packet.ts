/**
 * The impact packet (SPEC §7): a person's portfolio for a promotion case, as JSON or Markdown,
 * grouped by the career framework's dimensions, every claim linked to its evidence. Only
 * confirmed credit appears; pending, declined and retracted records never do, nor anything on
 * a challenge never published. `impactPacket` decides what it holds; the renderers only write it.
 */
import {
  CONTRIBUTION_LABELS,
  type ContributionType,
  type Dimension,
  groupByDimension,
  lendsDimensionId,
} from "./credit";
import type { EvidenceKind } from "./plans";
import { type Refusal, refuse } from "./refusal";
import { countOf, labelOf } from "./words";

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
  /** The discipline of a member's slot (an id; the packet writes its label). */
  discipline?: string | null;
  outcome: string | null;
  decidedAt: string | null;
}

export interface PacketKudos {
  fromName: string;
  challengeId: string;
  challengeTitle: string;
  message: string;
  createdAt: string;
}

export interface PacketLend {
  person: { name: string };
  challenge: { id: string; title: string };
  sharePercent: number;
  decidedAt: string | null;
}

/** A reviewer's feedback on a showcase the person has confirmed credit on. */
export interface PacketReview {
  id: string;
  challengeId: string;
  challengeTitle: string;
  cycle: number;
  reviewerName: string;
  /** The weighted score × 100, as stored. */
  weightedScore: number;
  feedback: string;
  createdAt: string;
}

/** A post in a review's thread: the team's reply or the reviewer's follow-up. */
export interface PacketReply {
  id: string;
  reviewId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

/** The leadership decision on a cycle of a challenge the person has confirmed credit on. */
export interface PacketDecision {
  id: string;
  challengeId: string;
  challengeTitle: string;
  cycle: number;
  decision: string;
  rationale: string;
  decidedByName: string;
  createdAt: string;
}

/** A piece of evidence the person attached to a goal of their progression plan (SPEC §16). */
export interface PacketPlanEvidence {
  kind: EvidenceKind;
  challenge: { id: string; title: string };
  body: string;
  byName: string | null;
  at: string | null;
}

/** The person's progression plan as the packet shows it: the target and each goal with its evidence. */
export interface PacketPlan {
  targetKind: "next_level" | "grow_in_level";
  /** The target level's label (null for growth in level). */
  targetLevel: string | null;
  summary: string;
  version: number;
  agreed: boolean;
  goals: { title: string; dimension: string; evidenceWanted: string; evidence: PacketPlanEvidence[] }[];
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
  roles: readonly PacketRole[];
  credit: readonly PacketCredit[];
  kudos: readonly PacketKudos[];
  /** Lends the person approved as a manager: their mentoring evidence. */
  lends: readonly PacketLend[];
  reviews: readonly PacketReview[];
  replies: readonly PacketReply[];
  decisions: readonly PacketDecision[];
  dimensions: readonly Dimension[];
  /** The reference lists whose labels the packet writes instead of ids. */
  disciplines: readonly { id: string; name: string }[];
  levels: readonly { id: string; name: string }[];
  /**
   * Challenges never published that the reader may still see (their own drafts): the packet
   * leaves out everything on them, whoever reads it (SPEC §14).
   */
  unpublished: readonly string[];
  /** The progression plan, when there is one (its readers are the packet's: person, manager, admins). */
  plan?: PacketPlan | null;
}

type ListKey = "roles" | "credit" | "kudos" | "lends" | "reviews" | "replies" | "decisions";
/** The element type of one of the input's lists, as the caller gave it (so renderers keep every field). */
type Item<I extends PacketInput, K extends ListKey> = I[K][number];

/** One cycle of a challenge: its decision, if made, and its reviews, each with its thread. */
export interface ChallengeFeedback<R extends PacketReview, Y extends PacketReply, D extends PacketDecision> {
  challengeId: string;
  challengeTitle: string;
  cycle: number;
  decision: D | null;
  reviews: (R & { replies: Y[] })[];
}

/**
 * Reviews, their replies and decisions as one entry per challenge and cycle, the most recent
 * first; reviews oldest first within a cycle, and each review's replies in the order posted.
 */
export function feedbackByChallenge<R extends PacketReview, Y extends PacketReply, D extends PacketDecision>(
  reviews: readonly R[],
  replies: readonly Y[],
  decisions: readonly D[],
): ChallengeFeedback<R, Y, D>[] {
  const entries = new Map<string, ChallengeFeedback<R, Y, D> & { latest: string }>();
  const entryOf = (x: { challengeId: string; challengeTitle: string; cycle: number; createdAt: string }) => {
    const key = `${x.challengeId}\u0000${x.cycle}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = {
        challengeId: x.challengeId,
        challengeTitle: x.challengeTitle,
        cycle: x.cycle,
        decision: null,
        reviews: [],
        latest: "",
      };
      entries.set(key, entry);
    }
    if (x.createdAt > entry.latest) entry.latest = x.createdAt;
    return entry;
  };
  const byCreated = <T extends { createdAt: string; id: string }>(a: T, b: T) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1;
  for (const d of decisions) entryOf(d).decision = d;
  for (const r of [...reviews].sort(byCreated)) {
    entryOf(r).reviews.push({ ...r, replies: replies.filter((y) => y.reviewId === r.id).sort(byCreated) });
  }
  return [...entries.values()]
    .sort((a, b) => (a.latest === b.latest ? b.cycle - a.cycle : a.latest < b.latest ? 1 : -1))
    .map(({ latest: _latest, ...entry }) => entry);
}

/**
 * What an impact packet holds, whatever it is written as (JSON or Markdown): only confirmed
 * credit, nothing on a challenge never published, labels rather than ids, counts in words, credit
 * grouped by the framework's dimensions with the manager's lends in the mentoring one, and the
 * review feedback and decisions on the challenges the person has confirmed credit on.
 */
export function impactPacket<I extends PacketInput>(p: I) {
  const hidden = new Set(p.unpublished);
  const shown = <T extends { challengeId: string }>(x: T) => !hidden.has(x.challengeId);
  const confirmed = (p.credit as readonly Item<I, "credit">[]).filter((c) => c.status === "confirmed" && shown(c));
  const lends = (p.lends as readonly Item<I, "lends">[]).filter((l) => !hidden.has(l.challenge.id));
  const lendsIn = lendsDimensionId(p.dimensions);
  const challengeCount = new Set(confirmed.map((c) => c.challengeId)).size;
  return {
    person: {
      ...p.person,
      discipline: labelOf(p.disciplines, p.person.disciplineId),
      level: labelOf(p.levels, p.person.levelId),
    },
    summary: `${countOf(confirmed.length, "confirmed contribution")} on ${countOf(challengeCount, "challenge")}`,
    roles: (p.roles as readonly Item<I, "roles">[])
      .filter(shown)
      .map((r) => ({ ...r, disciplineLabel: labelOf(p.disciplines, r.discipline ?? null) })),
    dimensions: groupByDimension(confirmed, p.dimensions).map((g) => ({
      dimension: g.dimension,
      credit: g.items,
      lends: g.dimension.id === lendsIn ? lends : [],
    })),
    lends,
    feedback: feedbackByChallenge(
      (p.reviews as readonly Item<I, "reviews">[]).filter(shown),
      p.replies as readonly Item<I, "replies">[],
      (p.decisions as readonly Item<I, "decisions">[]).filter(shown),
    ),
    kudos: (p.kudos as readonly Item<I, "kudos">[]).filter(shown),
    plan: p.plan
      ? {
          ...p.plan,
          goals: p.plan.goals.map((g) => ({ ...g, evidence: g.evidence.filter((e) => !hidden.has(e.challenge.id)) })),
        }
      : null,
  };
}

const EVIDENCE_WORDS: Record<string, string> = {
  contribution: "Contribution",
  outcome: "Outcome",
  endorsement: "Endorsement",
  kudos: "Kudos",
  lend: "Lend",
  review: "Review feedback",
};

/** A kind of plan evidence in words (the packet and the plan page say the same). */
export const evidenceWord = (kind: string) => EVIDENCE_WORDS[kind] ?? kind;

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

const DECISION_WORDS: Record<string, string> = { scale: "Scale", iterate: "Iterate", stop: "Stop" };
const score = (weighted: number) => (weighted / 100).toFixed(1);

/** The impact packet as Markdown: what `impactPacket` holds, every claim linked to its evidence. */
export function impactPacketMarkdown(input: PacketInput): string {
  const p = impactPacket(input);
  const origin = input.origin;
  const link = (challengeId: string, title: string) => `[${mdLinkText(title)}](${origin}/challenges/${challengeId})`;
  const lines: string[] = [];
  const person = p.person;
  lines.push(`# Impact packet: ${md(person.name)}`);
  lines.push("");
  const facts = [
    md(person.title || ""),
    person.level ? md(person.level) : "",
    person.discipline ? md(person.discipline) : "",
    `${person.track === "management" ? "management" : "IC"} track`,
  ].filter(Boolean);
  lines.push(facts.join(" · "));
  lines.push("");
  lines.push(
    `Generated ${day(input.generatedAt)} from Crux. ${p.summary}; every claim links to its evidence: ${origin}/people/${person.id}`,
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

  for (const group of p.dimensions) {
    lines.push(`## ${md(group.dimension.name)}`);
    lines.push("");
    if (group.dimension.description) lines.push(`_${md(group.dimension.description)}_`, "");
    if (group.credit.length === 0 && group.lends.length === 0)
      lines.push("No confirmed credit in this dimension yet.", "");
    for (const c of group.credit) {
      const hours = c.hours ? `, ${c.hours} h` : "";
      lines.push(
        `- **${CONTRIBUTION_LABELS[c.type] ?? c.type}** on ${link(c.challengeId, c.challengeTitle)}: ${md(c.description)} (confirmed ${day(c.confirmedAt)}${hours}; recorded by ${md(c.recordedByName)}) — evidence: ${origin}/challenges/${c.challengeId}#credit-${c.id}`,
      );
      for (const e of c.endorsements) {
        lines.push(`  - Endorsed by ${md(e.endorserName)} (${day(e.createdAt)}): “${md(e.note)}”`);
      }
    }
    if (group.lends.length > 0) {
      lines.push(`- Lent ${countOf(group.lends.length, "person", "people")} to hub work as their manager:`);
      for (const l of group.lends) {
        lines.push(
          `  - ${md(l.person.name)} to ${link(l.challenge.id, l.challenge.title)}, ${l.sharePercent}% (${day(l.decidedAt)})`,
        );
      }
    }
    lines.push("");
  }

  if (p.plan) {
    const plan = p.plan;
    lines.push("## Plan and evidence");
    lines.push("");
    const target =
      plan.targetKind === "next_level"
        ? `Target: ${md(plan.targetLevel ?? "the next level")}`
        : "Target: growth in level";
    lines.push(
      `${target} (version ${plan.version}, ${plan.agreed ? "acknowledged by the person and their manager" : "not yet acknowledged by both"}).`,
    );
    lines.push("");
    if (plan.summary) lines.push(md(plan.summary), "");
    for (const g of plan.goals) {
      lines.push(`- **${md(g.title)}** (${md(g.dimension)})${g.evidenceWanted ? `: ${md(g.evidenceWanted)}` : ""}`);
      if (g.evidence.length === 0) lines.push("  - No evidence yet.");
      for (const e of g.evidence) {
        const by = e.byName ? `, ${md(e.byName)}` : "";
        lines.push(
          `  - ${evidenceWord(e.kind)} on ${link(e.challenge.id, e.challenge.title)}: ${md(e.body)} (${day(e.at)}${by})`,
        );
      }
    }
    lines.push("");
  }

  lines.push("## Review feedback and decisions");
  lines.push("");
  if (p.feedback.length === 0) lines.push("No review feedback yet on the challenges with confirmed credit.");
  for (const f of p.feedback) {
    const decision = f.decision
      ? ` — decision: **${DECISION_WORDS[f.decision.decision] ?? md(f.decision.decision)}** (${day(f.decision.createdAt)}, by ${md(f.decision.decidedByName)}): ${md(f.decision.rationale)}`
      : " — not decided yet";
    lines.push(`- ${link(f.challengeId, f.challengeTitle)}, cycle ${f.cycle}${decision}`);
    for (const r of f.reviews) {
      lines.push(
        `  - Review by ${md(r.reviewerName)} (${day(r.createdAt)}), weighted score ${score(r.weightedScore)} of 5: ${md(r.feedback)}`,
      );
      for (const y of r.replies)
        lines.push(`    - Reply from ${md(y.authorName)} (${day(y.createdAt)}): ${md(y.body)}`);
    }
  }
  lines.push("");

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
