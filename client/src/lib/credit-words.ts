import type { Contribution, ContributionStatus, ContributionType, Team } from "./types";

/**
 * The contribution types in words, in the API's order (worker/domain/credit.ts). Typed by the
 * API's own union, so a type added there fails the client's type check until it is named here.
 */
export const CONTRIBUTION_LABELS: Record<ContributionType, string> = {
  conceptualization: "Conceptualization",
  investigation: "Investigation",
  methodology: "Methodology",
  software: "Software",
  design: "Design",
  data_curation: "Data curation",
  formal_analysis: "Formal analysis",
  validation: "Validation",
  visualization: "Visualization",
  writing: "Writing",
  project_administration: "Project administration",
  resources: "Resources",
  supervision_mentoring: "Supervision and mentoring",
  funding_acquisition: "Funding acquisition",
  other: "Other",
};

export const CONTRIBUTION_TYPES = Object.keys(CONTRIBUTION_LABELS) as ContributionType[];

export const STATUS_LABELS: Record<ContributionStatus, string> = {
  pending: "Awaiting confirmation",
  confirmed: "Confirmed",
  declined: "Declined",
  retracted: "Retracted",
};

/** "Scale", "Iterate", "Stop": a review decision in words. */
export function outcomeLabel(outcome: string | null | undefined): string {
  if (!outcome) return "";
  return outcome.charAt(0).toUpperCase() + outcome.slice(1);
}

/** "3 hours", "1.5 hours", "1 hour". */
export function hoursInWords(hours: number): string {
  const n = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(hours);
  return `${n} ${hours === 1 ? "hour" : "hours"}`;
}

/** The first words of a description, to name the buttons that act on its record. */
export function shortDescription(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** The anchor of a credit record on its challenge's page: impact packets and the inbox link to it. */
export const creditAnchor = (contributionId: string) => `credit-${contributionId}`;

export const creditHref = (c: Pick<Contribution, "id" | "challenge">) =>
  `/challenges/${c.challenge.id}#${creditAnchor(c.id)}`;

/** Everyone on the team (lead, co-lead, active members) once each: who records credit and posts updates. */
export function teamPeople(team: Team): { id: string; name: string }[] {
  const people = new Map<string, string>([[team.lead.id, team.lead.name]]);
  if (team.coLead) people.set(team.coLead.id, team.coLead.name);
  for (const m of team.members) if (m.status === "active") people.set(m.person.id, m.person.name);
  return [...people].map(([id, name]) => ({ id, name }));
}

/** Whether `personId` is on the team, as the API decides it (worker/services/credit.ts `teamOf`). */
export function isOnTeam(team: Team | null, personId: string | undefined): boolean {
  if (!team || !personId) return false;
  return teamPeople(team).some((p) => p.id === personId);
}
