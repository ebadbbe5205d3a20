import { listInWords, plural } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import { disciplineName, org } from "../../state/org";

interface AuditEntry {
  action: string;
  detail: Record<string, unknown>;
  /** The person the change was about, as the API names them now. */
  subject?: { id: string; name: string } | null;
}

const str = (value: unknown) => (typeof value === "string" ? value : value == null ? "" : String(value));

/** How each setting's change reads: "the response deadline from 14 to 21 days". */
const SETTING_WORDS: Record<string, (from: string, to: string) => string> = {
  name: (from, to) => `the organisation's name from “${from}” to “${to}”`,
  currency: (from, to) => `the currency from ${from} to ${to}`,
  commitmentCapPercent: (from, to) => `the commitment cap from ${from}% to ${to}%`,
  responseDeadlineDays: (from, to) => `the response deadline from ${from} to ${to} days`,
};

function settingsChanged(detail: Record<string, unknown>): string {
  const parts = Object.entries(detail).map(([key, change]) => {
    const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown };
    const words = SETTING_WORDS[key];
    return words ? words(str(from), str(to)) : `${key} from ${str(from)} to ${str(to)}`;
  });
  return parts.length ? `changed ${listInWords(parts)}` : "changed the organisation's settings";
}

/** Person fields in words; the API names them as its schema does. */
const PERSON_FIELDS: Record<string, string> = {
  disciplineId: "discipline",
  levelId: "level",
  managerId: "manager",
  avatarUrl: "photo",
  active: "whether they are active",
};

const count = (value: unknown) => (Array.isArray(value) ? value.length : null);

/** The fields a SCIM update names (its own attribute names), in words. */
const SCIM_FIELDS: Record<string, string> = {
  userName: "e-mail",
  givenName: "given name",
  familyName: "family name",
  externalId: "identity provider id",
};

const ROLE_WORDS: Record<string, string> = { sponsor: "sponsor", reviewer: "reviewer", admin: "admin" };

/** ", which grants the sponsor role" for a group that grants one; ", which grants no role" otherwise. */
function grants(role: unknown): string {
  const word = ROLE_WORDS[str(role)];
  return word ? `, which grants the ${word} role` : ", which grants no role";
}

const group = (d: Record<string, unknown>) => (d.displayName ? `the group “${str(d.displayName)}”` : "a group");

function membersChanged(d: Record<string, unknown>): string {
  const added = count(d.added) ?? 0;
  const removed = count(d.removed) ?? 0;
  const parts = [
    added ? `added ${plural(added, "person", "people")} to` : "",
    removed ? `removed ${plural(removed, "person", "people")} from` : "",
  ].filter(Boolean);
  const role = ROLE_WORDS[str(d.role)];
  const what = parts.length ? `${listInWords(parts)} ${group(d)}` : `changed the members of ${group(d)}`;
  return role ? `${what} (the ${role} role)` : what;
}

function departmentsMapped(d: Record<string, unknown>): string {
  const items = Array.isArray(d.items) ? (d.items as { department?: unknown; disciplineId?: unknown }[]) : [];
  if (items.length === 0) return "changed how departments map to disciplines";
  if (items.length > 3) return `changed how ${plural(items.length, "department")} map to disciplines`;
  return listInWords(
    items.map((item) =>
      item.disciplineId
        ? `mapped the department “${str(item.department)}” to ${disciplineName(str(item.disciplineId))}`
        : `unmapped the department “${str(item.department)}”`,
    ),
  );
}

/**
 * Who an entry names as its actor when it has no person: the SCIM token an identity provider
 * used ("SCIM (Okta)"), or Crux itself.
 */
export function auditActorName(entry: AuditEntry): string {
  const token = entry.detail.scimToken as { name?: unknown } | undefined;
  return token && typeof token === "object" && token.name ? `SCIM (${str(token.name)})` : "Crux";
}

/**
 * The rest of an audit log sentence after the actor's name: "changed the response deadline from
 * 14 to 21 days". `person` is the person an entry is about, to link to.
 */
export function auditSentence(entry: AuditEntry): { text: string; person?: { id: string; label: string } } {
  const line = sentenceOf(entry);
  const name = entry.subject?.name;
  if (!name) return line;
  // Name whom it was about: "allocated $5,000 to Sasha Park's budget", "changed Sasha Park's roles".
  const text = line.text
    .replace(/\ba sponsor's\b/, `${name}'s`)
    .replace(/\ba person's\b/, `${name}'s`)
    .replace(/\ba person\b/, name);
  return { ...line, text };
}

function sentenceOf(entry: AuditEntry): { text: string; person?: { id: string; label: string } } {
  const d = entry.detail;
  switch (entry.action) {
    case "settings_changed":
      return { text: settingsChanged(d) };
    case "framework_changed": {
      const n = count(d.dimensions);
      return {
        text:
          n === null
            ? "changed the career framework's dimensions"
            : `changed the career framework's dimensions (now ${plural(n, "dimension")})`,
      };
    }
    case "discipline_added":
      return { text: `added the discipline “${str(d.name)}”` };
    case "discipline_changed": {
      const id = str(d.id);
      const parts: string[] = [];
      if (typeof d.name === "string") parts.push(`renamed the discipline ${id} to “${d.name}”`);
      if (d.active === false) parts.push(`retired the discipline ${disciplineName(id)}`);
      if (d.active === true) parts.push(`restored the discipline ${disciplineName(id)}`);
      return { text: parts.length ? listInWords(parts) : `changed the discipline ${disciplineName(id)}` };
    }
    case "criteria_changed": {
      const n = count(d.criteria);
      return {
        text:
          n === null
            ? "changed the review criteria"
            : `changed the review criteria (${plural(n, "criterion", "criteria")})`,
      };
    }
    case "person_updated": {
      const fields = Array.isArray(d.fields) ? d.fields.map((f) => PERSON_FIELDS[str(f)] ?? str(f)) : [];
      const what = fields.length ? `: ${listInWords(fields)}` : "";
      const person = typeof d.personId === "string" ? { id: d.personId, label: "see the profile" } : undefined;
      return { text: `updated a person's details${what}`, person };
    }
    case "people_imported":
      return {
        text:
          typeof d.rows === "number"
            ? `imported ${plural(d.rows, "person", "people")} from CSV`
            : "imported people from CSV",
      };
    case "showcase_event_scheduled":
      return { text: d.title ? `scheduled the showcase event “${str(d.title)}”` : "scheduled a showcase event" };
    case "period_created":
      return { text: d.name ? `created the budget period “${str(d.name)}”` : "created a budget period" };
    case "budget_allocated": {
      const person = typeof d.sponsorId === "string" ? { id: d.sponsorId, label: "see the sponsor" } : undefined;
      if (typeof d.amount !== "number") return { text: "allocated a sponsor's budget", person };
      const money = formatMoney(Math.abs(d.amount), org.value?.currency ?? "USD");
      return {
        text: d.amount < 0 ? `took ${money} back from a sponsor's budget` : `allocated ${money} to a sponsor's budget`,
        person,
      };
    }
    case "token_issued": {
      const person = typeof d.personId === "string" ? { id: d.personId, label: "see whose it is" } : undefined;
      const scope = d.scope === "read" ? ", read only" : d.scope === "read write" ? ", read and change" : "";
      return { text: `issued the API token “${str(d.name)}” (${str(d.prefix)}…${scope})`, person };
    }
    case "token_revoked":
      return { text: "revoked an API token" };
    case "webhook_registered": {
      const events = Array.isArray(d.events) ? d.events.length : 0;
      return { text: `registered a webhook for ${str(d.url)} (${plural(events, "event")})` };
    }
    case "webhook_deleted":
      return { text: d.url ? `deleted the webhook for ${str(d.url)}` : "deleted a webhook" };
    case "webhook_enabled":
      return { text: "enabled a disabled webhook again" };
    case "webhook_redelivered":
      return { text: "redelivered a webhook delivery" };
    case "signed_in":
      return { text: "signed in" };
    case "signed_out":
      return { text: "signed out" };
    case "session_ended":
      return { text: "ended one of their sessions" };
    case "roles_changed": {
      const person = typeof d.personId === "string" ? { id: d.personId, label: "see the profile" } : undefined;
      const roles = (value: unknown) => (Array.isArray(value) ? value.filter((r) => r !== "member").map(str) : []);
      const to = roles(d.to);
      return { text: `changed a person's roles to ${to.length ? listInWords(to) : "member only"}`, person };
    }
    case "person_deactivated": {
      const person = typeof d.personId === "string" ? { id: d.personId, label: "see the profile" } : undefined;
      return { text: "deactivated a person, ending their sessions and API tokens", person };
    }
    case "person_reactivated": {
      const person = typeof d.personId === "string" ? { id: d.personId, label: "see the profile" } : undefined;
      return { text: "reactivated a person", person };
    }
    case "scim_token_issued": {
      const token = (d.scimToken ?? {}) as { name?: unknown };
      const prefix = d.prefix ? ` (${str(d.prefix)}…)` : "";
      return { text: `issued the SCIM token “${str(token.name)}”${prefix}` };
    }
    case "scim_token_revoked": {
      const token = (d.scimToken ?? {}) as { name?: unknown };
      return { text: token.name ? `revoked the SCIM token “${str(token.name)}”` : "revoked a SCIM token" };
    }
    case "scim_user_created": {
      const person = typeof d.personId === "string" ? { id: d.personId, label: "see the profile" } : undefined;
      const inactive = d.active === false ? ", inactive" : "";
      return { text: d.email ? `created ${str(d.email)}${inactive}` : `created a person${inactive}`, person };
    }
    case "scim_user_updated": {
      const fields = Array.isArray(d.fields)
        ? d.fields.map((f) => SCIM_FIELDS[str(f)] ?? PERSON_FIELDS[str(f)] ?? str(f))
        : [];
      const what = fields.length ? `: ${listInWords(fields)}` : "";
      const person = typeof d.personId === "string" ? { id: d.personId, label: "see the profile" } : undefined;
      return { text: `updated a person's details${what}`, person };
    }
    case "scim_user_deactivated": {
      const person = typeof d.personId === "string" ? { id: d.personId, label: "see the profile" } : undefined;
      return {
        text: "deactivated a person, ending their sessions and API tokens and withdrawing their open applications",
        person,
      };
    }
    case "scim_user_reactivated": {
      const person = typeof d.personId === "string" ? { id: d.personId, label: "see the profile" } : undefined;
      return { text: "reactivated a person", person };
    }
    case "scim_group_created":
      return { text: `created ${group(d)}${grants(d.role)}` };
    case "scim_group_updated":
      return {
        text:
          d.from && d.from !== d.displayName
            ? `renamed the group “${str(d.from)}” to “${str(d.displayName)}”${grants(d.role)}`
            : `updated ${group(d)}`,
      };
    case "scim_group_deleted": {
      const role = ROLE_WORDS[str(d.role)];
      return {
        text: role
          ? `deleted ${group(d)}, taking the ${role} role from its members unless another group grants it`
          : `deleted ${group(d)}`,
      };
    }
    case "scim_group_members_changed":
      return { text: membersChanged(d) };
    case "departments_mapped":
      return { text: departmentsMapped(d) };
    default:
      return { text: entry.action.replace(/_/g, " ") };
  }
}
