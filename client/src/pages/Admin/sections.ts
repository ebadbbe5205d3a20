/** The Admin page's sections, each at /admin/<id>, in the order the navigation lists them. */
export const SECTIONS = [
  {
    id: "people",
    label: "People",
    summary: "Search people, give and take roles, deactivate and reactivate them, and import people from CSV.",
  },
  {
    id: "org",
    label: "Organisation",
    summary: "Settings, disciplines, the career framework and the review criteria.",
  },
  {
    id: "budgets",
    label: "Budgets",
    summary: "Budget periods, and what each sponsor may pledge in them.",
  },
  {
    id: "integrations",
    label: "Integrations",
    summary: "API tokens, webhooks, and provisioning people from an identity provider over SCIM.",
  },
  {
    id: "audit",
    label: "Audit log",
    summary: "Who changed the organisation, its people and its rules, and when.",
  },
] as const;

export type SectionId = (typeof SECTIONS)[number]["id"];
export type Section = (typeof SECTIONS)[number];

export function sectionOf(id: string | undefined): Section | undefined {
  return SECTIONS.find((s) => s.id === id);
}

/**
 * Where the headings of the page that was once all of /admin now live, so an old link
 * (`/admin#allocate-heading`) still lands on its part.
 */
const SECTION_OF_HEADING: Record<string, SectionId> = {
  import: "people",
  people: "people",
  settings: "org",
  disciplines: "org",
  framework: "org",
  criteria: "org",
  periods: "budgets",
  allocate: "budgets",
  tokens: "integrations",
  scim: "integrations",
  audit: "audit",
};

/** The section an old `/admin#…-heading` link points into, if any. */
export function sectionOfHash(hash: string): SectionId | undefined {
  const name = decodeURIComponent(hash.replace(/^#/, "")).replace(/-heading$/, "");
  return SECTION_OF_HEADING[name];
}
