/**
 * The demo organisation's people: an org chart written as data (executives, directors,
 * managers and the teams under them) that `buildPeople` fills with individual contributors.
 * Managers are always on the management track and the chart is a tree, so no chain can cycle.
 */
import type { Faker } from "@faker-js/faker";
import type { Clock } from "./random";
import { demoId, minutes, seededFaker } from "./random";

export type DisciplineId =
  | "engineering"
  | "design"
  | "product"
  | "data"
  | "research"
  | "marketing"
  | "sales"
  | "operations"
  | "finance"
  | "legal"
  | "people";
export type Role = "member" | "sponsor" | "reviewer" | "admin";
export type Track = "ic" | "management";
type ManagementLevel = "M1" | "M2" | "M3" | "M4" | "M5" | "M6";

export interface DemoPerson {
  id: string;
  email: string;
  name: string;
  title: string;
  disciplineId: DisciplineId;
  track: Track;
  levelId: string;
  /** 1–7 on the IC track, 1–6 on the management track. */
  rank: number;
  managerId: string | null;
  skills: string[];
  bio: string;
  roles: Role[];
  /** The team or area the person belongs to, for bios and later sections. */
  unit: string;
  createdAt: number;
}

/** The accounts SPEC §13 promises to documentation and tests. */
export const WELL_KNOWN = {
  admin: "admin@example.com",
  sponsor: "sponsor@example.com",
  sponsor2: "sponsor2@example.com",
  reviewer: "reviewer@example.com",
  ic: "ic@example.com",
  designer: "designer@example.com",
  analyst: "analyst@example.com",
  manager: "manager@example.com",
} as const;
export const WELL_KNOWN_EMAILS: ReadonlySet<string> = new Set(Object.values(WELL_KNOWN));

interface IcRole {
  skills: string[];
  /** Lowest and highest IC rank the role exists at. */
  ranks?: [number, number];
  /** Titles that do not follow the usual "Senior …", "Staff …" pattern. */
  titles?: Partial<Record<number, string>>;
}

const IC_ROLES = {
  "Software Engineer": { skills: ["typescript", "go", "postgres", "api-design", "distributed-systems"] },
  "Platform Engineer": { skills: ["kubernetes", "terraform", "ci", "go", "developer-experience"] },
  "Site Reliability Engineer": { skills: ["observability", "incident-response", "kubernetes", "terraform", "linux"] },
  "Security Engineer": { skills: ["security", "threat-modeling", "identity", "go", "incident-response"] },
  "Frontend Engineer": { skills: ["react", "typescript", "accessibility", "css", "performance"] },
  "Mobile Engineer": { skills: ["kotlin", "swift", "react-native", "performance", "offline-first"] },
  "Backend Engineer": { skills: ["go", "postgres", "payments", "api-design", "kafka"] },
  "Search Engineer": { skills: ["elasticsearch", "relevance", "python", "information-retrieval", "go"] },
  "Data Engineer": { skills: ["sql", "spark", "dbt", "airflow", "data-modeling", "python"] },
  "Analytics Engineer": { skills: ["sql", "dbt", "data-modeling", "looker", "testing"] },
  "Data Analyst": { skills: ["sql", "dashboards", "experimentation", "looker", "statistics"] },
  "Data Scientist": { skills: ["python", "statistics", "forecasting", "causal-inference", "experimentation"] },
  "Machine Learning Engineer": { skills: ["python", "pytorch", "mlops", "feature-stores", "machine-learning"] },
  "Product Designer": { skills: ["figma", "interaction-design", "prototyping", "user-flows", "accessibility"] },
  "Content Designer": { skills: ["ux-writing", "content-design", "information-architecture", "localization"] },
  "Brand Designer": { skills: ["visual-design", "illustration", "motion", "brand", "figma"] },
  "Product Manager": { skills: ["discovery", "roadmapping", "prioritisation", "b2b-saas", "experimentation"] },
  "Technical Product Manager": { skills: ["api-products", "roadmapping", "developer-experience", "pricing"] },
  "UX Researcher": { skills: ["user-interviews", "usability-testing", "synthesis", "survey-design", "diary-studies"] },
  "Research Scientist": { skills: ["quantitative-research", "statistics", "experimentation", "survey-design"] },
  "Product Marketing Manager": { skills: ["positioning", "messaging", "go-to-market", "competitive-analysis"] },
  "Content Strategist": { skills: ["content-strategy", "seo", "copywriting", "editorial"] },
  "Growth Marketer": { skills: ["paid-acquisition", "experimentation", "analytics", "seo", "conversion"] },
  "Lifecycle Marketer": { skills: ["lifecycle-email", "marketing-automation", "segmentation", "copywriting"] },
  "Account Executive": {
    skills: ["enterprise-sales", "negotiation", "discovery-calls", "salesforce", "account-planning"],
    ranks: [2, 5],
    titles: { 4: "Enterprise Account Executive", 5: "Strategic Account Executive" },
  },
  "Solutions Engineer": { skills: ["demos", "solution-selling", "api-design", "security-reviews", "integrations"] },
  "Sales Development Representative": {
    skills: ["prospecting", "discovery-calls", "salesforce", "cold-outreach"],
    ranks: [1, 2],
    titles: { 1: "Sales Development Representative", 2: "Senior Sales Development Representative" },
  },
  "Customer Success Manager": {
    skills: ["onboarding", "renewals", "account-planning", "customer-training"],
    ranks: [2, 5],
    titles: { 4: "Lead Customer Success Manager", 5: "Principal Customer Success Manager" },
  },
  "Support Engineer": { skills: ["troubleshooting", "zendesk", "sql", "knowledge-base", "api-debugging"] },
  "Support Operations Specialist": { skills: ["zendesk", "process-design", "automation", "knowledge-base"] },
  "IT Systems Engineer": { skills: ["okta", "it-administration", "device-management", "automation", "networking"] },
  "Business Systems Analyst": { skills: ["process-design", "salesforce", "netsuite", "automation", "sql"] },
  "Financial Analyst": { skills: ["forecasting", "budgeting", "excel", "financial-planning", "sql"] },
  Accountant: {
    skills: ["accounting", "netsuite", "revenue-recognition", "audit", "reconciliations"],
    ranks: [1, 4],
    titles: { 4: "Lead Accountant" },
  },
  Counsel: {
    skills: ["contracts", "commercial-law", "negotiation", "compliance", "intellectual-property"],
    ranks: [2, 6],
    titles: { 2: "Associate Counsel", 3: "Counsel", 4: "Senior Counsel", 5: "Lead Counsel", 6: "Principal Counsel" },
  },
  "Privacy Counsel": {
    skills: ["privacy", "gdpr", "data-protection", "policy-writing", "compliance"],
    ranks: [3, 6],
    titles: { 3: "Privacy Counsel", 4: "Senior Privacy Counsel", 5: "Lead Privacy Counsel" },
  },
  Paralegal: {
    skills: ["contracts", "contract-management", "research", "compliance"],
    ranks: [1, 3],
    titles: { 1: "Paralegal", 2: "Paralegal", 3: "Senior Paralegal" },
  },
  Recruiter: {
    skills: ["recruiting", "interviewing", "sourcing", "employer-brand"],
    ranks: [1, 4],
    titles: { 4: "Lead Recruiter" },
  },
  "People Partner": {
    skills: ["employee-relations", "coaching", "career-frameworks", "compensation", "org-design"],
    ranks: [2, 5],
    titles: { 4: "Lead People Partner" },
  },
  "People Operations Specialist": { skills: ["onboarding", "people-analytics", "hris", "process-design"] },
  "Learning and Development Partner": { skills: ["learning-and-development", "facilitation", "coaching"] },
} satisfies Record<string, IcRole>;
type IcRoleName = keyof typeof IC_ROLES;

const IC_PREFIX: Record<number, string> = {
  1: "Associate ",
  2: "",
  3: "Senior ",
  4: "Staff ",
  5: "Senior Staff ",
  6: "Principal ",
  7: "Distinguished ",
};

function icTitle(role: IcRoleName, rank: number): string {
  const spec: IcRole = IC_ROLES[role];
  return spec.titles?.[rank] ?? `${IC_PREFIX[rank]}${role}`;
}

interface FixedIc {
  email: string;
  name: string;
  rank: number;
  role: IcRoleName;
  title?: string;
  roles?: Role[];
}

interface Team {
  size: number;
  roles: IcRoleName[];
  /** Ranks for the first members, for the senior people a team is known for. */
  ranks?: number[];
  fixed?: FixedIc[];
}

interface Post {
  key: string;
  title: string;
  level: ManagementLevel;
  discipline: DisciplineId;
  unit: string;
  person?: { email: string; name: string };
  roles?: Role[];
  reports?: Post[];
  team?: Team;
}

const ORG_CHART: Post = {
  key: "ceo",
  title: "Chief Executive Officer",
  level: "M6",
  discipline: "product",
  unit: "Northwind Labs",
  roles: ["reviewer"],
  reports: [
    {
      key: "vp-engineering",
      title: "VP of Engineering",
      level: "M6",
      discipline: "engineering",
      unit: "Engineering",
      roles: ["sponsor", "reviewer"],
      team: { size: 2, roles: ["Software Engineer"], ranks: [7, 6] },
      reports: [
        {
          key: "dir-platform",
          title: "Director of Engineering, Platform",
          level: "M4",
          discipline: "engineering",
          unit: "Platform Engineering",
          person: { email: WELL_KNOWN.sponsor, name: "Marcus Bell" },
          roles: ["sponsor"],
          reports: [
            {
              key: "em-devplatform",
              title: "Engineering Manager, Developer Platform",
              level: "M2",
              discipline: "engineering",
              unit: "Developer Platform",
              person: { email: WELL_KNOWN.manager, name: "Tomás Alvarez" },
              team: {
                size: 7,
                roles: ["Platform Engineer", "Software Engineer", "Site Reliability Engineer"],
                fixed: [
                  {
                    email: WELL_KNOWN.ic,
                    name: "Maya Chen",
                    rank: 5,
                    role: "Software Engineer",
                  },
                ],
              },
            },
            {
              key: "sem-infrastructure",
              title: "Senior Engineering Manager, Infrastructure",
              level: "M3",
              discipline: "engineering",
              unit: "Infrastructure",
              team: { size: 7, roles: ["Site Reliability Engineer", "Platform Engineer"], ranks: [6] },
            },
            {
              key: "em-security",
              title: "Engineering Manager, Security",
              level: "M2",
              discipline: "engineering",
              unit: "Security",
              team: { size: 5, roles: ["Security Engineer"], ranks: [4] },
            },
          ],
        },
        {
          key: "dir-product-eng",
          title: "Director of Engineering, Product",
          level: "M4",
          discipline: "engineering",
          unit: "Product Engineering",
          roles: ["sponsor"],
          reports: [
            {
              key: "em-web",
              title: "Engineering Manager, Web",
              level: "M2",
              discipline: "engineering",
              unit: "Web",
              team: { size: 8, roles: ["Frontend Engineer", "Software Engineer"], ranks: [5] },
            },
            {
              key: "em-mobile",
              title: "Engineering Manager, Mobile",
              level: "M2",
              discipline: "engineering",
              unit: "Mobile",
              team: { size: 6, roles: ["Mobile Engineer"], ranks: [4] },
            },
            {
              key: "em-payments",
              title: "Engineering Manager, Payments",
              level: "M2",
              discipline: "engineering",
              unit: "Payments",
              team: { size: 7, roles: ["Backend Engineer", "Software Engineer"], ranks: [5] },
            },
            {
              key: "tl-search",
              title: "Engineering Team Lead, Search",
              level: "M1",
              discipline: "engineering",
              unit: "Search",
              team: { size: 4, roles: ["Search Engineer", "Software Engineer"], ranks: [5] },
            },
          ],
        },
        {
          key: "dir-data",
          title: "Director of Data",
          level: "M4",
          discipline: "data",
          unit: "Data",
          roles: ["sponsor"],
          reports: [
            {
              key: "em-data-eng",
              title: "Data Engineering Manager",
              level: "M2",
              discipline: "data",
              unit: "Data Platform",
              team: { size: 7, roles: ["Data Engineer", "Analytics Engineer"], ranks: [5, 4] },
            },
            {
              key: "em-analytics",
              title: "Analytics Manager",
              level: "M2",
              discipline: "data",
              unit: "Analytics",
              team: {
                size: 7,
                roles: ["Data Analyst", "Analytics Engineer"],
                ranks: [4],
                fixed: [{ email: WELL_KNOWN.analyst, name: "Amara Nwosu", rank: 3, role: "Data Analyst" }],
              },
            },
            {
              key: "sem-data-science",
              title: "Senior Data Science Manager",
              level: "M3",
              discipline: "data",
              unit: "Data Science",
              team: { size: 7, roles: ["Data Scientist", "Machine Learning Engineer"], ranks: [6, 5] },
            },
          ],
        },
      ],
    },
    {
      key: "vp-product",
      title: "VP of Product",
      level: "M6",
      discipline: "product",
      unit: "Product",
      person: { email: WELL_KNOWN.reviewer, name: "Daniel Whitaker" },
      roles: ["reviewer"],
      team: { size: 1, roles: ["Product Manager"], ranks: [6] },
      reports: [
        {
          key: "dir-product",
          title: "Director of Product",
          level: "M4",
          discipline: "product",
          unit: "Product Management",
          person: { email: WELL_KNOWN.sponsor2, name: "Helena Okafor" },
          roles: ["sponsor"],
          reports: [
            {
              key: "gpm-core",
              title: "Group Product Manager, Core",
              level: "M3",
              discipline: "product",
              unit: "Core Product",
              team: { size: 6, roles: ["Product Manager", "Technical Product Manager"], ranks: [5] },
            },
            {
              key: "gpm-growth",
              title: "Group Product Manager, Growth",
              level: "M3",
              discipline: "product",
              unit: "Growth",
              team: { size: 5, roles: ["Product Manager"], ranks: [4] },
            },
          ],
        },
        {
          key: "dir-design",
          title: "Director of Design",
          level: "M4",
          discipline: "design",
          unit: "Design",
          roles: ["sponsor"],
          team: { size: 1, roles: ["Product Designer"], ranks: [6] },
          reports: [
            {
              key: "dm-product-design",
              title: "Design Manager, Product Design",
              level: "M2",
              discipline: "design",
              unit: "Product Design",
              team: {
                size: 7,
                roles: ["Product Designer"],
                ranks: [5],
                fixed: [
                  {
                    email: WELL_KNOWN.designer,
                    name: "Jonas Lindqvist",
                    rank: 4,
                    role: "Product Designer",
                  },
                ],
              },
            },
            {
              key: "dm-systems",
              title: "Design Manager, Design Systems and Content",
              level: "M2",
              discipline: "design",
              unit: "Design Systems",
              team: { size: 6, roles: ["Product Designer", "Content Designer", "Brand Designer"], ranks: [5, 4] },
            },
          ],
        },
        {
          key: "dir-research",
          title: "Director of Research",
          level: "M4",
          discipline: "research",
          unit: "Research",
          roles: ["sponsor"],
          reports: [
            {
              key: "rm-research",
              title: "Research Manager",
              level: "M2",
              discipline: "research",
              unit: "User Research",
              team: { size: 10, roles: ["UX Researcher", "Research Scientist"], ranks: [5, 4] },
            },
          ],
        },
      ],
    },
    {
      key: "vp-gtm",
      title: "VP of Go-to-Market",
      level: "M6",
      discipline: "sales",
      unit: "Go-to-Market",
      roles: ["sponsor"],
      reports: [
        {
          key: "dir-marketing",
          title: "Director of Marketing",
          level: "M4",
          discipline: "marketing",
          unit: "Marketing",
          roles: ["sponsor"],
          reports: [
            {
              key: "mm-product-marketing",
              title: "Product Marketing Lead",
              level: "M2",
              discipline: "marketing",
              unit: "Product Marketing",
              team: { size: 6, roles: ["Product Marketing Manager", "Content Strategist"], ranks: [4] },
            },
            {
              key: "mm-growth",
              title: "Growth Marketing Lead",
              level: "M2",
              discipline: "marketing",
              unit: "Growth Marketing",
              team: { size: 6, roles: ["Growth Marketer", "Lifecycle Marketer"], ranks: [5] },
            },
          ],
        },
        {
          key: "sdir-sales",
          title: "Senior Director of Sales",
          level: "M5",
          discipline: "sales",
          unit: "Sales",
          roles: ["sponsor"],
          reports: [
            {
              key: "sm-enterprise",
              title: "Sales Manager, Enterprise",
              level: "M2",
              discipline: "sales",
              unit: "Enterprise Sales",
              team: { size: 8, roles: ["Account Executive", "Solutions Engineer"], ranks: [5, 5] },
            },
            {
              key: "sm-midmarket",
              title: "Sales Manager, Mid-Market",
              level: "M2",
              discipline: "sales",
              unit: "Mid-Market Sales",
              team: { size: 6, roles: ["Account Executive", "Sales Development Representative"] },
            },
            {
              key: "tl-customer-success",
              title: "Customer Success Team Lead",
              level: "M1",
              discipline: "sales",
              unit: "Customer Success",
              team: { size: 5, roles: ["Customer Success Manager"], ranks: [4] },
            },
          ],
        },
      ],
    },
    {
      key: "coo",
      title: "Chief Operating Officer",
      level: "M6",
      discipline: "operations",
      unit: "Operations",
      roles: ["sponsor", "reviewer"],
      reports: [
        {
          key: "dir-operations",
          title: "Director of Operations",
          level: "M4",
          discipline: "operations",
          unit: "Business Operations",
          roles: ["sponsor"],
          reports: [
            {
              key: "om-support",
              title: "Support Operations Manager",
              level: "M2",
              discipline: "operations",
              unit: "Support Operations",
              team: { size: 6, roles: ["Support Engineer", "Support Operations Specialist"], ranks: [5] },
            },
            {
              key: "om-it",
              title: "IT and Business Systems Manager",
              level: "M2",
              discipline: "operations",
              unit: "IT and Business Systems",
              roles: ["admin"],
              team: {
                size: 5,
                roles: ["IT Systems Engineer", "Business Systems Analyst"],
                ranks: [4],
                fixed: [
                  {
                    email: WELL_KNOWN.admin,
                    name: "Priya Raman",
                    rank: 4,
                    role: "Business Systems Analyst",
                    roles: ["admin"],
                  },
                ],
              },
            },
          ],
        },
        {
          key: "dir-finance",
          title: "Director of Finance",
          level: "M4",
          discipline: "finance",
          unit: "Finance",
          roles: ["sponsor"],
          reports: [
            {
              key: "fm-finance",
              title: "Finance Manager",
              level: "M2",
              discipline: "finance",
              unit: "Finance",
              team: { size: 7, roles: ["Financial Analyst", "Accountant"], ranks: [5, 4] },
            },
          ],
        },
        {
          key: "general-counsel",
          title: "General Counsel",
          level: "M5",
          discipline: "legal",
          unit: "Legal",
          roles: ["sponsor"],
          team: { size: 5, roles: ["Counsel", "Privacy Counsel", "Paralegal"], ranks: [5, 4] },
        },
        {
          key: "dir-people",
          title: "Director of People",
          level: "M4",
          discipline: "people",
          unit: "People",
          roles: ["sponsor"],
          reports: [
            {
              key: "pm-people-ops",
              title: "People Operations Manager",
              level: "M2",
              discipline: "people",
              unit: "People Operations",
              team: {
                size: 7,
                roles: [
                  "People Partner",
                  "Recruiter",
                  "People Operations Specialist",
                  "Learning and Development Partner",
                ],
                ranks: [5, 4],
              },
            },
          ],
        },
      ],
    },
  ],
};

const FIRST_NAMES = (
  "Aisha Alejandro Alice Amir Ana Andrea Anika Arjun Ayumi Beatriz Ben Bianca Camille Carlos Chidi " +
  "Chloe Clara Connor Dana David Deepa Diego Elena Eli Emeka Emily Emma Erik Fatima Felix Femi Freya " +
  "Gabriel Grace Hana Hannah Hiro Ibrahim Ines Isaac Isabel Ivan Jade James Jana Javier Jin Joanna " +
  "Jordan Julia Kai Karim Kate Kenji Kofi Lars Laura Layla Leah Leo Lina Lucas Lucia Luis Maja Malik " +
  "Marco Maria Marta Mateo Mei Mia Miguel Mina Mohammed Nadia Naomi Nathan Neha Nia Nikhil Nina Noah " +
  "Nora Olivia Omar Oscar Owen Paula Pedro Rafael Rahul Rania Ravi Rebecca Rohan Rosa Ruth Sam Samira " +
  "Sara Sebastian Shreya Simon Sofia Sophie Stefan Sunita Tariq Tess Theo Thomas Tomasz Valentina Vera " +
  "Victor Wei Yara Yusuf Zara Zoe Adaeze Björn Chiara Dmitri Élodie Ingrid Kwame Luca Priyanka"
).split(" ");

const LAST_NAMES = (
  "Abara Adeyemi Ahmed Alvarado Andersen Bauer Becker Bergström Bose Brennan Campbell Carvalho Castillo " +
  "Choi Costa Dahl Das Delgado Dubois Eriksson Evans Farah Fernandes Fischer Fitzgerald Fontaine " +
  "Friedman Garcia Gill Gomez Gonzalez Greene Gupta Haddad Hansen Hartmann Hayes Hernandez Hoang Holm " +
  "Hughes Hussain Ibrahim Iyer Jansen Jensen Johansson Kapoor Kato Keller Khan Kim Klein Kowalski Kumar " +
  "Lam Larsen Laurent Lee Lehmann Lindgren Lopez Mahmoud Maier Marino Martin Mendes Meyer Mishra Molina " +
  "Moreau Murphy Nakamura Navarro Nguyen Nielsen Novak Nowak Obi O'Connor Okeke Oliveira Ortiz Osei " +
  "Park Patel Pereira Petrov Popescu Quinn Rahman Ramos Reddy Reyes Ricci Romano Rossi Saito Santos " +
  "Schmidt Sharma Silva Singh Sokolov Suzuki Svensson Tan Tanaka Torres Tran Vargas Varga Verma Vogel " +
  "Wagner Walsh Wang Weber Wong Wu Yamamoto Yilmaz Zhang Zhou Zimmermann Achterberg Baptiste Chaudhry " +
  "Dimitrov Esposito"
).split(" ");

const IC_FOCUS: Record<DisciplineId, string[]> = {
  engineering: [
    "Cares about build times and the people who wait on them.",
    "Likes systems that fail loudly, early and somewhere other than production.",
    "Happiest deleting code that nobody can explain any more.",
    "Writes the design doc first and the clever code last.",
    "Spends a surprising amount of time reading other teams' incident reviews.",
    "Believes most performance problems are really data-shape problems.",
  ],
  data: [
    'Turns questions that start with "why did…" into queries and honest charts.',
    "Thinks a metric without a definition is a rumour.",
    "Happiest when an experiment proves the team wrong early.",
    "Keeps a running list of dashboards that should be retired.",
    "Likes models that a finance partner can explain back to them.",
  ],
  design: [
    "Designs for the person using the product on a bad day, on a slow connection.",
    "Prototypes early and throws most of it away on purpose.",
    "Believes accessibility is a quality bar, not a feature.",
    "Most at home in the messy middle between research and a shipped flow.",
    "Collects examples of forms that are a pleasure to fill in.",
  ],
  product: [
    "Asks what problem we are solving before asking when it ships.",
    "Keeps the roadmap short and the list of things we won't do long.",
    "Spends every Friday morning reading support tickets.",
    "Likes bets that are small, measurable and easy to walk back.",
  ],
  research: [
    "Runs studies that change decisions, not just slide decks.",
    "Brings the customer's own words into every planning meeting.",
    "Mixes interviews with survey data until the story holds up.",
    "Believes the best research question is the one someone is afraid to ask.",
  ],
  marketing: [
    "Writes for the reader who has five minutes and a healthy scepticism.",
    "Tests every headline twice and trusts neither result completely.",
    "Turns product launches into stories customers retell.",
    "Thinks the best campaign is a product that explains itself.",
  ],
  sales: [
    "Sells by listening for the problem behind the request for proposal.",
    "Knows the customer's org chart better than some of their managers do.",
    "Brings field feedback back to product, with names and numbers.",
    "Happiest in a room where the whiteboard is already full.",
  ],
  operations: [
    "Turns recurring chaos into a checklist, then into automation.",
    "Believes every process should be written down and most should be shorter.",
    "Keeps the tools running that everyone else forgets exist.",
    "Measures the queue before arguing about the staffing.",
  ],
  finance: [
    "Makes the numbers boring, on time and trusted.",
    "Likes a forecast that comes with its own error bars.",
    "Spends month-end making sure nobody else has to.",
    "Translates budget rules into plain language for the rest of the company.",
  ],
  legal: [
    "Writes contracts that salespeople can read and customers can sign.",
    "Prefers a clear yes-with-conditions to a slow maybe.",
    "Keeps privacy promises small enough to keep.",
    "Believes good policy fits on one page.",
  ],
  people: [
    "Builds hiring processes that are fair, fast and kind to candidates.",
    "Thinks career growth deserves the same rigour as product growth.",
    "Coaches managers through the conversations they keep postponing.",
    "Turns engagement survey comments into something teams act on.",
  ],
};

const MANAGER_FOCUS = [
  "Measures success by how often the team's people get promoted.",
  "Protects the team's focus and says no on its behalf.",
  "Runs short meetings, long one-to-ones and blameless reviews.",
  "Grew up through the IC track and still reviews the hardest designs.",
  "Lends people to hub challenges and likes to see them come back with new skills.",
  "Believes the best teams write things down.",
  "Keeps a skills map of the team and uses it when staffing new work.",
];

const EXEC_FOCUS = [
  "Sponsors the innovation hub and sits on the showcase panel.",
  "Spends time with teams at every showcase and asks the awkward questions.",
  "Wants every bet to have a number it is trying to move.",
  "Champions the IC path as an equal alternative to management.",
];

const TIDBITS = [
  "Bakes sourdough on weekends.",
  "Runs the internal book club.",
  "Cycles to work whatever the weather.",
  "Volunteers as a coding mentor at a local school.",
  "Plays bass in a band that rehearses more than it performs.",
  "Collects vintage maps.",
  "Is learning Portuguese, slowly.",
  "Has opinions about coffee grinders.",
  "Organises the quarterly hack week.",
  "Trains for half marathons.",
  "Grows far too many tomatoes.",
  "Keeps a list of good error messages.",
  "Goes bouldering on Thursday evenings.",
  "Knits during long video calls.",
  "Hosts the monthly lunch-and-learn.",
  "Restores old film cameras.",
  "Is a parent of two and an expert in negotiating bedtimes.",
  "Plays chess online, badly but often.",
  "Started the company's birding channel.",
  "Writes short fiction under a pen name.",
];

const MANAGEMENT_SKILLS = [
  "hiring",
  "coaching",
  "org-design",
  "roadmapping",
  "budgeting",
  "performance-reviews",
  "stakeholder-management",
  "mentoring",
];

const IC_WEIGHTS = [
  { weight: 8, value: 1 },
  { weight: 20, value: 2 },
  { weight: 30, value: 3 },
  { weight: 21, value: 4 },
  { weight: 10, value: 5 },
  { weight: 3, value: 6 },
];

/** `name.surname@example.com` in plain ASCII. */
function emailFor(name: string, taken: Set<string>): string {
  const local = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z ]/g, "")
    .trim()
    .replace(/\s+/g, ".");
  let email = `${local}@example.com`;
  for (let n = 2; taken.has(email); n++) email = `${local}${n}@example.com`;
  return email;
}

function clampRank(role: IcRoleName, rank: number): number {
  const spec: IcRole = IC_ROLES[role];
  const [min, max] = spec.ranks ?? [1, 7];
  return Math.min(max, Math.max(min, rank));
}

/** Most of the role's own skills and a couple from the roles around them. */
function pickSkills(f: Faker, role: IcRoleName, teamRoles: readonly IcRoleName[]): string[] {
  const own = IC_ROLES[role].skills;
  const related = teamRoles.filter((r) => r !== role).flatMap((r) => IC_ROLES[r].skills);
  const picked = [
    ...f.helpers.arrayElements(own, { min: Math.min(3, own.length), max: own.length }),
    ...f.helpers.arrayElements(related, { min: 0, max: 2 }),
  ];
  return [...new Set(picked)].slice(0, 6);
}

/** Builds everyone in the org chart, managers before their reports. */
export function buildPeople(clock: Clock): DemoPerson[] {
  const people: DemoPerson[] = [];
  const emails = new Set<string>(WELL_KNOWN_EMAILS);
  const names = new Set<string>();
  for (const post of walk(ORG_CHART)) {
    if (post.person) names.add(post.person.name);
    for (const fixed of post.team?.fixed ?? []) names.add(fixed.name);
  }
  // Everyone was imported when the hub launched, about eighteen months before `now`.
  const launch = clock.daysAgo(540);

  const uniqueName = (f: Faker) => {
    for (;;) {
      const name = `${f.helpers.arrayElement(FIRST_NAMES)} ${f.helpers.arrayElement(LAST_NAMES)}`;
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
  };

  const add = (p: Omit<DemoPerson, "id" | "createdAt">, key: string, f: Faker) => {
    const person: DemoPerson = {
      ...p,
      id: demoId("p", key),
      createdAt: launch + minutes(f.number.int({ min: 0, max: 600 })),
    };
    people.push(person);
    return person;
  };

  const visit = (post: Post, managerId: string | null) => {
    const f = seededFaker(`person:${post.key}`);
    const name = post.person?.name ?? uniqueName(f);
    const email = post.person?.email ?? emailFor(name, emails);
    emails.add(email);
    const rank = Number(post.level.slice(1));
    const focus = rank === 6 ? f.helpers.arrayElement(EXEC_FOCUS) : f.helpers.arrayElement(MANAGER_FOCUS);
    const manager = add(
      {
        email,
        name,
        title: post.title,
        disciplineId: post.discipline,
        track: "management",
        levelId: post.level,
        rank,
        managerId,
        skills: f.helpers.arrayElements(MANAGEMENT_SKILLS, { min: 2, max: 4 }),
        bio: `Leads ${post.unit}. ${focus} ${f.helpers.arrayElement(TIDBITS)}`,
        roles: ["member", ...(post.roles ?? [])],
        unit: post.unit,
      },
      post.person?.email ?? `post:${post.key}`,
      f,
    );

    const team = post.team;
    if (team) {
      for (const fixed of team.fixed ?? []) {
        const ff = seededFaker(`person:${fixed.email}`);
        const title = fixed.title ?? icTitle(fixed.role, fixed.rank);
        add(
          {
            email: fixed.email,
            name: fixed.name,
            title,
            disciplineId: post.discipline,
            track: "ic",
            levelId: `IC${fixed.rank}`,
            rank: fixed.rank,
            managerId: manager.id,
            skills: pickSkills(ff, fixed.role, team.roles),
            bio: `${title} in ${post.unit}. ${ff.helpers.arrayElement(IC_FOCUS[post.discipline])} ${ff.helpers.arrayElement(TIDBITS)}`,
            roles: ["member", ...(fixed.roles ?? [])],
            unit: post.unit,
          },
          fixed.email,
          ff,
        );
      }
      const generated = team.size - (team.fixed?.length ?? 0);
      for (let i = 0; i < generated; i++) {
        const key = `${post.key}#${i}`;
        const fi = seededFaker(`person:${key}`);
        const role = team.roles[i % team.roles.length];
        const rank = clampRank(role, team.ranks?.[i] ?? fi.helpers.weightedArrayElement(IC_WEIGHTS));
        const name = uniqueName(fi);
        const email = emailFor(name, emails);
        emails.add(email);
        const title = icTitle(role, rank);
        const tidbit = fi.datatype.boolean(0.7) ? ` ${fi.helpers.arrayElement(TIDBITS)}` : "";
        add(
          {
            email,
            name,
            title,
            disciplineId: post.discipline,
            track: "ic",
            levelId: `IC${rank}`,
            rank,
            managerId: manager.id,
            skills: pickSkills(fi, role, team.roles),
            bio: `${title} in ${post.unit}. ${fi.helpers.arrayElement(IC_FOCUS[post.discipline])}${tidbit}`,
            roles: ["member"],
            unit: post.unit,
          },
          key,
          fi,
        );
      }
    }
    for (const report of post.reports ?? []) visit(report, manager.id);
  };
  visit(ORG_CHART, null);
  return people;
}

function* walk(post: Post): Generator<Post> {
  yield post;
  for (const report of post.reports ?? []) yield* walk(report);
}
