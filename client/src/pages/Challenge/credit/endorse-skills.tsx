import { useEffect, useState } from "preact/hooks";
import { TextField } from "../../../components/field";
import { api } from "../../../lib/api";
import { splitList } from "../../../lib/format";
import { call } from "../../../lib/http";
import type { Challenge, Contribution, Team } from "../../../lib/types";

/** At most this many skills on one endorsement (the API refuses more). */
export const MAX_ENDORSED_SKILLS = 5;

const tagOf = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

/** The skills an endorsement names: the ticked suggestions, then the typed ones, each once. */
export function endorsedSkills(picked: readonly string[], typed: string) {
  return [...new Set([...picked, ...splitList(typed).map(tagOf)].filter(Boolean))];
}

/**
 * Which skills the endorsement shows (SPEC §16), optional: the skills of the credited person's
 * slot on this challenge and the ones on their profile are offered to tick, and others can be
 * typed. Each one named becomes evidence of that skill on their profile.
 */
export function EndorseSkills({
  contribution: c,
  challenge: ch,
  team,
  picked,
  onPick,
  typed,
  onType,
  error,
}: {
  contribution: Contribution;
  challenge: Challenge;
  team: Team | null;
  picked: readonly string[];
  onPick: (next: string[]) => void;
  typed: string;
  onType: (value: string) => void;
  error?: string;
}) {
  const [declared, setDeclared] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    call(api.people[":id"].$get({ param: { id: c.person.id } }))
      .then((p) => live && setDeclared(p.skills))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [c.person.id]);
  const slotIds = new Set((team?.members ?? []).filter((m) => m.person.id === c.person.id).map((m) => m.slotId));
  const slotSkills = ch.slots.filter((s) => slotIds.has(s.id)).flatMap((s) => s.skills);
  const suggestions = [...new Set([...slotSkills, ...declared].map(tagOf))].slice(0, 12);
  const full = endorsedSkills(picked, typed).length >= MAX_ENDORSED_SKILLS;
  const legendId = `endorse-skills-${c.id}`;
  return (
    <fieldset class="field endorse-skills" aria-describedby={`${legendId}-hint`}>
      <legend id={legendId}>Skills this shows (optional)</legend>
      <span class="hint" id={`${legendId}-hint`}>
        Up to {MAX_ENDORSED_SKILLS}. Each one you name shows on {c.person.name}'s profile, backed by this credit.
      </span>
      {suggestions.length > 0 && (
        <ul class="plain-list cluster">
          {suggestions.map((skill) => {
            const on = picked.includes(skill);
            const id = `endorse-skill-${c.id}-${skill.replace(/[^\w-]/g, "_")}`;
            return (
              <li key={skill}>
                <input
                  type="checkbox"
                  id={id}
                  checked={on}
                  disabled={!on && full}
                  onChange={(e) =>
                    onPick(e.currentTarget.checked ? [...picked, skill] : picked.filter((s) => s !== skill))
                  }
                />{" "}
                <label for={id}>{skill}</label>
              </li>
            );
          })}
        </ul>
      )}
      <TextField
        id={`endorse-other-skills-${c.id}`}
        label="Other skills, separated by commas"
        value={typed}
        onInput={onType}
        maxLength={200}
        error={error}
      />
    </fieldset>
  );
}
