import { RECRUITING_STAGES, type Stage } from "./lifecycle";
import { type Refusal, refuse } from "./refusal";
import { countOf } from "./words";

/**
 * Skills with evidence (SPEC §16). A skill is *shown* for a person when confirmed contributions
 * on slots that asked for it, or endorsements of their confirmed contributions that name it,
 * back it; a skill they only list on their profile is *declared*. These are the pure rules: how
 * a tag is spelled, how shown and declared skills rank a role for For you, how the people who
 * have done this rank for a slot, and who may invite them to apply.
 */

/** At most this many skills on one endorsement, each at most `MAX_SKILL_LENGTH` characters. */
export const MAX_ENDORSED_SKILLS = 5;
export const MAX_SKILL_LENGTH = 40;

/** A skill tag as slots and profiles spell it: trimmed, lower case, single spaces. */
export const normaliseSkill = (skill: string) => skill.trim().toLowerCase().replace(/\s+/g, " ");

/** Tags normalised, blanks dropped, each once, in the order first given. */
export const normaliseSkills = (skills: readonly string[]) => [
  ...new Set(skills.map(normaliseSkill).filter((s) => s.length > 0)),
];

/** What backs one shown skill of a person. */
export interface ShownSkill {
  skill: string;
  /** Distinct confirmed contributions backing it (through their slot or an endorsement naming it). */
  contributions: number;
  /** Distinct challenges those contributions are on. */
  challenges: number;
  /** Endorsements that name it. */
  endorsements: number;
  /** When it was last backed: the latest confirmation or endorsement, ISO 8601. */
  latestAt: string;
  contributionIds: string[];
  challengeIds: string[];
}

/** Declared skills that no evidence backs yet: listed apart from the shown ones. */
export const declaredOnly = (declared: readonly string[], shown: readonly Pick<ShownSkill, "skill">[]) => {
  const have = new Set(shown.map((s) => s.skill));
  return normaliseSkills(declared).filter((s) => !have.has(s));
};

/** "on 3 challenges", "on 1 challenge": how widely a skill is shown. */
export const onChallenges = (n: number) => `on ${countOf(n, "challenge")}`;

export interface EvidencedPerson {
  discipline: string | null;
  declared: readonly string[];
  shown: ReadonlyMap<string, Pick<ShownSkill, "challenges">>;
}

export interface FitSlot {
  discipline: string;
  skills: readonly string[];
  required: boolean;
}

/**
 * How well an open slot fits a person for For you: the discipline is worth 10, each skill they
 * have shown 6, each skill they only list 3, a required role 1 more. `shownMatches` ranks first
 * (see `byFit`): a role that asks for what someone has done comes before one that asks for what
 * they only say. The reasons say which, in words.
 */
export function evidencedSlotFit(person: EvidencedPerson, slot: FitSlot) {
  const reasons: string[] = [];
  let score = 0;
  if (person.discipline && person.discipline === slot.discipline) {
    score += 10;
    reasons.push(`It asks for ${slot.discipline}, your discipline.`);
  }
  const declared = new Set(person.declared.map(normaliseSkill));
  const wanted = normaliseSkills(slot.skills);
  const shown = wanted.filter((s) => person.shown.has(s));
  const listed = wanted.filter((s) => !person.shown.has(s) && declared.has(s));
  for (const skill of shown) {
    score += 6;
    reasons.push(`You have shown ${skill} ${onChallenges(person.shown.get(skill)?.challenges ?? 1)}.`);
  }
  if (listed.length) {
    score += 3 * listed.length;
    reasons.push(`You list ${listed.join(", ")}.`);
  }
  if (score > 0 && slot.required) {
    score += 1;
    reasons.push("The team cannot start without this role.");
  }
  return { score, reasons, shownSkills: shown, declaredSkills: listed };
}

/** For you's order: roles matching shown skills first, then by score, then by title. */
export const byFit = (
  a: { shownMatches: number; score: number; title: string },
  b: { shownMatches: number; score: number; title: string },
) => Number(b.shownMatches > 0) - Number(a.shownMatches > 0) || b.score - a.score || a.title.localeCompare(b.title);

// ─── People who have done this ──────────────────────────────────────────────────────────────

export interface CandidateFacts {
  personId: string;
  name: string;
  disciplineId: string | null;
  /** Per skill the slot asks for and this person has shown: on how many challenges. */
  shown: { skill: string; challenges: number; contributions: number }[];
  /** Their commitment across open, funded and active teams, and the org's cap, in percent. */
  load: number;
  cap: number;
}

/**
 * A candidate for a slot, ranked. Decision (documented in the brief's tests): someone whose
 * headroom (cap − load) is below the slot's commitment is **kept, ranked after everyone who has
 * room**, with `hasRoom: false` and their headroom floored at 0: the lead sees who has done
 * this, and that they have no time now. Within each group: more shown skills first, then the
 * slot's discipline, then more challenges of evidence, then more headroom, then by name.
 */
export function rankCandidates(slot: { discipline: string; commitmentPercent: number }, people: CandidateFacts[]) {
  return people
    .map((p) => {
      const headroom = Math.max(0, p.cap - p.load);
      const hasRoom = headroom >= slot.commitmentPercent;
      const sameDiscipline = p.disciplineId === slot.discipline;
      const shown = [...p.shown].sort((a, b) => b.challenges - a.challenges || a.skill.localeCompare(b.skill));
      const evidence = shown.reduce((n, s) => n + s.challenges, 0);
      const reasons = shown.map((s) => `Has shown ${s.skill} ${onChallenges(s.challenges)}.`);
      if (sameDiscipline) reasons.push(`Works in ${slot.discipline}, the slot's discipline.`);
      reasons.push(
        hasRoom
          ? `Has ${headroom}% of their time free (${p.load}% of ${p.cap}% taken); the slot needs ${slot.commitmentPercent}%.`
          : `No room now: ${p.load}% of ${p.cap}% taken, and the slot needs ${slot.commitmentPercent}%.`,
      );
      return { ...p, shown, headroom, hasRoom, sameDiscipline, evidence, reasons };
    })
    .sort(
      (a, b) =>
        Number(b.hasRoom) - Number(a.hasRoom) ||
        b.shown.length - a.shown.length ||
        Number(b.sameDiscipline) - Number(a.sameDiscipline) ||
        b.evidence - a.evidence ||
        b.headroom - a.headroom ||
        a.name.localeCompare(b.name),
    );
}

/** Only the challenge's lead or co-lead sees who has done this, and invites them (SPEC §16). */
export const candidatesRefusal = (f: { isLeadOrCoLead: boolean }): Refusal | null =>
  f.isLeadOrCoLead
    ? null
    : refuse(403, "forbidden", "Only the lead or co-lead sees who has done this and invites them.");

export interface InviteFacts {
  isLeadOrCoLead: boolean;
  stage: Stage;
  slot: { status: string; filled: number; count: number };
  /** The invited person is the lead, the co-lead, or holds a seat on the team. */
  onTeam: boolean;
  /** They have a pending or accepted application to the challenge. */
  applied: boolean;
  alreadyInvited: boolean;
}

/** Whether the lead may invite this person to apply for this slot now. */
export function inviteRefusal(f: InviteFacts): Refusal | null {
  const who = candidatesRefusal(f);
  if (who) return who;
  if (!RECRUITING_STAGES.includes(f.stage))
    return refuse(409, "invalid_stage", `A ${f.stage} challenge takes no applications, so nobody is invited.`);
  if (f.slot.status !== "open") return refuse(409, "slot_closed", "This role slot is closed.");
  if (f.slot.filled >= f.slot.count) return refuse(409, "slot_full", "This role slot is already full.");
  if (f.onTeam) return refuse(409, "already_member", "They are already on this team.");
  if (f.applied) return refuse(409, "already_applied", "They have already applied to this challenge.");
  if (f.alreadyInvited) return refuse(409, "duplicate", "You already invited them to apply for this slot.");
  return null;
}
