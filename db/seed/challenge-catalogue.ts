/**
 * The demo organisation's challenges, written by hand so they read like the real thing.
 * `challenges.ts` turns each entry into rows: it picks the people, dates every event relative to
 * `now`, and adds backers, comments and the activity history.
 */
import type { DisciplineId } from "./people";

export type Stage = "draft" | "open" | "funded" | "active" | "showcase" | "reviewed" | "withdrawn" | "archived";
export type Decision = "scale" | "iterate" | "stop";

/** A well-known account, or the most fitting senior person of a discipline (IC4+ unless told). */
export type PersonSpec =
  | { email: string }
  | { discipline: DisciplineId; minRank?: number; track?: "ic" | "management" };

/** name, unit, direction, baseline, target */
export type KpiSpec = [string, string, "up" | "down", number, number];
/** discipline, count, skills, commitment %, required */
export type SlotSpec = [DisciplineId, number, string[], number, boolean];

export interface CatalogueEntry {
  key: string;
  stage: Stage;
  lead: PersonSpec;
  coLead?: PersonSpec;
  title: string;
  summary: string;
  problem: string;
  tried: string[];
  why: string;
  gains: string[];
  kpis: KpiSpec[];
  constraints: string;
  outOfScope: string;
  assistance: string;
  horizonWeeks: number;
  /** What the money is for, in whole currency units; empty for an ask of 0. */
  funding: [string, number][];
  tags: string[];
  slots: SlotSpec[];
  /** For reviewed and archived challenges, and for one that iterated back into active. */
  decision?: { decision: Decision; rationale: string };
  /** Where a withdrawn challenge was withdrawn from, and why. */
  withdrawn?: { from: "draft" | "open"; reason: string };
  /** Share of each KPI's way from baseline to target reached, for results in later stages. */
  progress?: number;
}

export const CATALOGUE: CatalogueEntry[] = [
  // ── draft ────────────────────────────────────────────────────────────────────────────────
  {
    key: "billing-cron",
    stage: "draft",
    lead: { email: "ic@example.com" },
    title: "Retire the billing monolith's nightly cron jobs",
    summary:
      "Forty-one cron jobs keep billing alive overnight, and nine of them fail every month. Replace them with idempotent, observable workflows before the next pricing change lands on top of them.",
    problem:
      "The billing monolith runs 41 cron jobs between 00:00 and 05:00 UTC. Nobody owns them as a set, half of them have no alerting, and when one fails the on-call engineer has to guess which of the others to rerun, and in what order.\n\nEvery pricing change adds another job, because changing an existing one feels too risky.",
    tried: [
      "A wiki page listing the jobs and their dependencies (out of date within a month).",
      "Moving two jobs to the workflow engine by hand; it worked, but took a quarter alongside roadmap work.",
      "Adding retries, which turned silent failures into duplicated invoices twice last year.",
    ],
    why: "Billing errors reach customers directly and erode trust faster than any outage. Finance spends two days a month reconciling what the jobs got wrong.",
    gains: [
      "Finance gets month-end back without manual reconciliation of failed runs.",
      "On-call engineers stop being paged for jobs they cannot reason about.",
      "The next pricing change ships without adding a 42nd job.",
    ],
    kpis: [
      ["Failed nightly runs per month", "runs", "down", 9, 1],
      ["Manual reconciliation time per month", "hours", "down", 16, 2],
    ],
    constraints:
      "No change to invoice content or timing that a customer could notice. Every migrated job runs in shadow mode for two weeks before it takes over.",
    outOfScope: "Rewriting the billing data model. Jobs owned by the data platform.",
    assistance:
      "A backend engineer from Payments three days a week, and an hour a week from someone in Finance who can tell a right invoice from a wrong one.",
    horizonWeeks: 16,
    funding: [
      ["Workflow engine capacity for shadow runs", 12000],
      ["External review of the idempotency design", 8000],
      ["Backfill tooling and test data", 12000],
    ],
    tags: ["billing", "reliability", "cost"],
    slots: [
      ["engineering", 1, ["go", "payments", "postgres"], 40, true],
      ["finance", 1, ["reconciliations", "revenue-recognition"], 10, false],
    ],
  },
  {
    key: "desktop-releases",
    stage: "draft",
    lead: { discipline: "engineering" },
    title: "Predictable releases: ship the desktop app every two weeks",
    summary:
      "The desktop app ships when someone finds a free week to do the release. Automate signing, notarisation and staged rollout so a release is a button, not a project.",
    problem:
      "A desktop release takes one engineer four to five days: building for three platforms, signing, notarising, writing release notes and babysitting the staged rollout. Releases slip, so they get bigger, so they get riskier, so they slip further.",
    tried: [
      "A release rotation, which spread the pain without reducing it.",
      "Partial CI builds for Windows; macOS notarisation is still done by hand.",
    ],
    why: "Customers on desktop wait six weeks on average for fixes that web customers get the same day, and support has to keep two sets of answers.",
    gains: [
      "Fixes reach desktop customers within two weeks.",
      "Smaller releases with a rollback path instead of heroics.",
    ],
    kpis: [["Days between desktop releases", "days", "down", 45, 14]],
    constraints: "Keep the current update channel and signing certificates. No new paid CI provider.",
    outOfScope: "Moving the desktop app to a different framework.",
    assistance: "Someone who has automated macOS notarisation before, and a designer for the release notes template.",
    horizonWeeks: 8,
    funding: [
      ["macOS build runners", 6000],
      ["Code-signing hardware token and certificates", 2500],
    ],
    tags: ["release-engineering", "desktop", "developer-experience"],
    slots: [
      ["engineering", 2, ["ci", "macos", "code-signing"], 30, true],
      ["design", 1, ["ux-writing"], 10, false],
    ],
  },
  {
    key: "feedback-routing",
    stage: "draft",
    lead: { discipline: "product" },
    title: "In-product feedback that reaches the right team",
    summary:
      "Feedback from the in-app widget lands in one shared inbox that nobody owns. Route it to the owning team with context attached, and close the loop with the customer.",
    problem:
      "We receive about 1,400 pieces of in-product feedback a month. They arrive in a shared inbox without the page, plan or account attached, and fewer than one in five is read by the team that owns the feature.",
    tried: [
      "A weekly triage meeting, which lasted six weeks.",
      "Tagging by keyword, which routed half the feedback to Search.",
    ],
    why: "Customers who hear back about their feedback renew at noticeably higher rates, and teams are making roadmap calls without the signal we already collect.",
    gains: ["Every team sees its own feedback weekly.", "Customers hear what happened to what they told us."],
    kpis: [["Feedback triaged within a week", "%", "up", 20, 90]],
    constraints: "Use the existing feedback widget and the support tool; no new vendor.",
    outOfScope: "Public roadmap or voting portal.",
    assistance: "A data analyst to build the first routing model, and one engineer for the integration.",
    horizonWeeks: 6,
    funding: [["Classification experiments", 5000]],
    tags: ["feedback", "product-ops"],
    slots: [
      ["data", 1, ["sql", "python"], 20, true],
      ["engineering", 1, ["typescript", "integrations"], 20, true],
    ],
  },

  // ── open ─────────────────────────────────────────────────────────────────────────────────
  {
    key: "preview-environments",
    stage: "open",
    lead: { email: "ic@example.com" },
    title: "Self-serve preview environments for every pull request",
    summary:
      "Getting a realistic environment to test a change takes two days and a ticket. Give every pull request its own preview environment in under ten minutes, torn down automatically.",
    problem:
      "Shared staging is permanently broken by someone else's half-finished change, so teams queue for one of four long-lived test environments. A request takes two working days on average, and reviewers approve changes they have never seen running.\n\nThe pieces exist (container builds, seeded databases, the service mesh) but nobody has stitched them together.",
    tried: [
      "More shared environments: four became six, and all six drifted from production.",
      "Local docker-compose setups, which do not run the 14 services most changes touch.",
    ],
    why: "Review cycle time is the biggest single contributor to our lead time for changes, and most of it is waiting for somewhere to test.",
    gains: [
      "Reviewers click a link and see the change running.",
      "Designers and product managers review real behaviour before merge.",
      "We retire the environment-request ticket queue.",
    ],
    kpis: [
      ["Time to get a test environment", "minutes", "down", 2880, 10],
      ["Median pull request review time", "hours", "down", 30, 18],
    ],
    constraints:
      "Preview environments never hold production customer data. Monthly infrastructure cost stays under the current cost of the shared environments.",
    outOfScope: "Mobile app previews. Load testing.",
    assistance:
      "Two engineers who know Kubernetes and our CI, a product manager to pick the pilot teams, and read access to the cluster cost reports.",
    horizonWeeks: 12,
    funding: [
      ["Cluster capacity for the pilot", 9000],
      ["Synthetic seed data generation", 4000],
      ["Developer survey incentives", 1000],
      ["Contingency", 4000],
    ],
    tags: ["developer-experience", "infrastructure", "cost"],
    slots: [
      ["engineering", 2, ["kubernetes", "terraform", "ci"], 40, true],
      ["product", 1, ["developer-experience"], 15, false],
    ],
  },
  {
    key: "onboarding-ttfv",
    stage: "open",
    lead: { discipline: "product", minRank: 5 },
    title: "Halve time-to-first-value in onboarding",
    summary:
      "New teams take nine days on average to build their first report, and most who take longer never come back. Redesign the first week so a new team sees its own data on day one.",
    problem:
      'Onboarding asks for integrations, invitations and settings before a new team sees anything useful. Our funnel data shows the steepest drop between "workspace created" and "first data source connected".',
    tried: [
      "A product tour, which 70% of people skip.",
      "Sample data, which people explore and then abandon because it isn't theirs.",
    ],
    why: "Activation drives everything downstream: teams that build a report in their first week convert to paid at three times the rate of those that don't.",
    gains: ["More trials convert without more marketing spend.", "Fewer onboarding tickets for Support."],
    kpis: [
      ["Median days to first report", "days", "down", 9, 4],
      ["30-day activation rate", "%", "up", 41, 55],
    ],
    constraints: "No change to pricing or plan limits. Every step stays skippable.",
    outOfScope: "Enterprise onboarding with a dedicated manager.",
    assistance: "A product designer, an engineer from Growth, and a data analyst to define activation properly.",
    horizonWeeks: 10,
    funding: [
      ["Research participant incentives", 4000],
      ["Experiment tooling seats", 6000],
    ],
    tags: ["onboarding", "activation", "growth"],
    slots: [
      ["design", 1, ["figma", "user-flows"], 40, true],
      ["engineering", 1, ["react", "typescript"], 40, true],
      ["data", 1, ["experimentation", "sql"], 20, false],
    ],
  },
  {
    key: "contracts-source",
    stage: "open",
    lead: { discipline: "legal", minRank: 5 },
    title: "One source of truth for customer contracts",
    summary:
      'Answering "what did we agree with this customer?" takes two days and three people. Put every signed contract, with its key terms extracted, where Sales, Finance and Legal can find it.',
    problem:
      "Signed contracts live in e-signature accounts, shared drives and inboxes. Key terms (liability caps, renewal notice periods, custom SLAs) are not recorded anywhere searchable, so every renewal or incident starts with a hunt.",
    tried: [
      "A spreadsheet of key terms, maintained by one paralegal until she went on leave.",
      "Our CRM's contract field, which holds a link and nothing else.",
    ],
    why: "We have missed renewal notice deadlines twice this year, and incident response stalls while we work out which SLA applies.",
    gains: [
      "Sales sees renewal terms before the renewal call.",
      "Finance bills custom terms correctly the first time.",
      "Legal answers questions in minutes instead of days.",
    ],
    kpis: [
      ["Time to answer a contract question", "hours", "down", 48, 2],
      ["Active contracts with missing key terms", "%", "down", 35, 5],
    ],
    constraints:
      "Contracts stay in systems we already have a data processing agreement with. Access follows need-to-know.",
    outOfScope: "Contract drafting and negotiation workflow. Supplier contracts.",
    assistance:
      "A business systems analyst, an engineer for the extraction pipeline, and time from a paralegal to check samples.",
    horizonWeeks: 12,
    funding: [
      ["Extraction model evaluation", 4000],
      ["Temporary paralegal support for the backlog", 5000],
    ],
    tags: ["legal-ops", "contracts", "automation"],
    slots: [
      ["operations", 1, ["process-design", "salesforce"], 30, true],
      ["engineering", 1, ["python", "integrations"], 30, false],
    ],
  },
  {
    key: "pricing-page",
    stage: "open",
    lead: { discipline: "marketing" },
    title: "A pricing page that answers the real questions",
    summary:
      "Four in ten first sales calls are spent explaining the pricing page. Rebuild it around the questions buyers actually ask, and test it against the current page.",
    problem:
      "Our pricing page lists features by plan but says nothing about what happens when you grow, what counts as a seat, or how annual discounts work. Buyers book a sales call to find out, and self-serve buyers leave.",
    tried: ["An FAQ section below the fold, which heatmaps show almost nobody reaches."],
    why: "The pricing page is the second most visited page on the site and the last page most lost buyers see.",
    gains: ["Sales calls start at the real conversation.", "Self-serve buyers convert without waiting for a call."],
    kpis: [
      ["Pricing page to trial conversion", "%", "up", 3.1, 4.5],
      ["First sales calls spent on basic pricing", "%", "down", 40, 15],
    ],
    constraints: "Prices themselves do not change. Legal reviews any claim about discounts.",
    outOfScope: "Packaging changes. Localised pricing.",
    assistance: "A designer, a data analyst for the experiment, and two account executives to share what buyers ask.",
    horizonWeeks: 6,
    funding: [["Experiment and session-recording tools", 6000]],
    tags: ["pricing", "website", "conversion"],
    slots: [
      ["design", 1, ["visual-design", "figma"], 30, true],
      ["data", 1, ["experimentation"], 15, false],
      ["sales", 1, ["discovery-calls"], 10, false],
    ],
  },
  {
    key: "interview-kits",
    stage: "open",
    lead: { discipline: "people" },
    coLead: { discipline: "research" },
    title: "Interview kits that predict on-the-job success",
    summary:
      "Interviewers on the same panel often disagree completely about a candidate. Build structured interview kits for our five most-hired roles and check whether the scores predict performance.",
    problem:
      "Each interviewer writes their own questions and scores on their own scale. Panels debate impressions rather than evidence, and we have no idea whether any of it predicts how people do once they join.",
    tried: ["Interviewer training, which improved confidence but not agreement."],
    why: "Hiring is the most expensive decision we make repeatedly. Inconsistent interviews are also where bias creeps in.",
    gains: [
      "Candidates get a fairer, more consistent experience.",
      "Hiring managers decide faster with clearer evidence.",
    ],
    kpis: [
      ["Interviewer agreement (Cohen's kappa)", "kappa", "up", 0.31, 0.6],
      ["Offer acceptance rate", "%", "up", 71, 80],
    ],
    constraints: "Candidate data stays in the applicant tracking system. Every kit is reviewed for adverse impact.",
    outOfScope: "Executive hiring. Changing the number of interview rounds.",
    assistance:
      "No money, just time: interviewers from each of the five roles for two sessions, and a researcher for the validation study.",
    horizonWeeks: 14,
    funding: [],
    tags: ["hiring", "fairness", "people-analytics"],
    slots: [
      ["research", 1, ["survey-design", "statistics"], 20, true],
      ["data", 1, ["statistics", "sql"], 10, false],
    ],
  },
  {
    key: "latam-localisation",
    stage: "open",
    lead: { discipline: "product" },
    title: "Localise the product for Brazil and Mexico",
    summary:
      "Latin American trial sign-ups have tripled in a year without any marketing, but most churn in the first week. Localise the product and onboarding into Portuguese and Spanish and see who stays.",
    problem:
      "The product is English-only, prices are in USD, and our help centre is English-only. Trial users from Brazil and Mexico reach the first screen and leave at twice the rate of other regions.",
    tried: ["Browser auto-translation, which mangles our product terms and breaks some layouts."],
    why: "It is our fastest-growing organic region, and competitors have not localised either.",
    gains: ["A tested playbook for the next languages.", "Revenue from a region we currently lose by default."],
    kpis: [
      ["LATAM trial sign-ups per month", "sign-ups", "up", 140, 400],
      ["LATAM week-one retention", "%", "up", 18, 35],
    ],
    constraints: "One codebase; no region-specific forks. Translation memory stays in our own repository.",
    outOfScope: "Local payment methods. A local sales team.",
    assistance: "An engineer to finish string extraction, a marketer for the regional launch, and a content designer.",
    horizonWeeks: 16,
    funding: [
      ["Professional translation and review", 18000],
      ["In-market usability sessions", 6000],
    ],
    tags: ["localization", "latam", "growth"],
    slots: [
      ["engineering", 1, ["react", "i18n"], 30, true],
      ["marketing", 1, ["go-to-market", "localization"], 20, true],
      ["design", 1, ["content-design", "ux-writing"], 20, false],
    ],
  },
  {
    key: "cloud-carbon",
    stage: "open",
    lead: { discipline: "finance" },
    title: "Carbon accounting for our cloud footprint",
    summary:
      "Customers ask for our cloud emissions in every security questionnaire and we answer with an estimate from 2023. Measure them monthly, by team, next to what they cost.",
    problem:
      "We cannot say how much carbon our infrastructure emits, which teams drive it, or whether it is going up. The numbers exist in our cloud providers' reports but nobody has joined them to our cost allocation.",
    tried: ["A one-off consultant estimate, now two years old."],
    why: "Enterprise buyers increasingly score suppliers on emissions, and cost and carbon usually fall together.",
    gains: ["An honest answer in questionnaires.", "Teams see cost and carbon side by side."],
    kpis: [
      ["Cloud spend covered by emissions data", "%", "up", 0, 90],
      ["Estimated emissions per month", "tCO2e", "down", 210, 170],
    ],
    constraints: "Use providers' published methodologies; no offsets counted as reductions.",
    outOfScope: "Office and travel emissions.",
    assistance:
      "A data engineer to join the billing exports, and someone from Infrastructure to sanity-check the allocation.",
    horizonWeeks: 8,
    funding: [["Data pipeline and storage", 5000]],
    tags: ["sustainability", "cost", "reporting"],
    slots: [
      ["data", 1, ["sql", "dbt"], 25, true],
      ["engineering", 1, ["terraform", "observability"], 10, false],
    ],
  },
  {
    key: "search-relevance",
    stage: "open",
    lead: { discipline: "engineering", minRank: 5 },
    title: "Search that understands our customers' words",
    summary:
      "One search in six returns nothing, usually because customers use different words from ours. Add synonyms, typo tolerance and usage signals, and measure it with real queries.",
    problem:
      'In-app search matches exact terms against titles. Customers search for "invoice" when we call it "billing document", and misspell half our product names. Zero-result searches end in a support ticket about a third of the time.',
    tried: ["A hand-maintained synonym list, last updated two years ago."],
    why: "Search is the second most used feature in the product, and every failed search is a customer who thinks we don't do something we do.",
    gains: ['Fewer "how do I…" tickets.', "Customers find features they already pay for."],
    kpis: [
      ["Zero-result searches", "%", "down", 17, 5],
      ["Search click-through rate", "%", "up", 38, 55],
    ],
    constraints: "Search latency stays under 150 ms at p95. No customer content used to train shared models.",
    outOfScope: "Searching inside attachments.",
    assistance: "An engineer with relevance experience, a data scientist for the offline evaluation, and a researcher.",
    horizonWeeks: 10,
    funding: [
      ["Relevance judgements from customers", 5000],
      ["Evaluation infrastructure", 7000],
    ],
    tags: ["search", "relevance", "machine-learning"],
    slots: [
      ["engineering", 1, ["elasticsearch", "relevance"], 40, true],
      ["data", 1, ["python", "statistics"], 20, true],
      ["research", 1, ["usability-testing"], 10, false],
    ],
  },
  {
    key: "advisory-board",
    stage: "open",
    lead: { discipline: "research" },
    title: "A customer advisory board that actually advises",
    summary:
      "Our advisory board meets twice a year to watch roadmap slides. Turn it into a standing panel that tests ideas before we build them.",
    problem:
      "The board is twelve large customers who see our plans once they are decided. Most roadmap items reach customers without anyone outside the company having tried them.",
    tried: ["Ad-hoc customer calls per team, which reach the same five friendly customers."],
    why: "Building the wrong thing is our most expensive mistake, and cheap to avoid.",
    gains: ["Roadmap bets validated before build.", "Customers who feel heard and renew."],
    kpis: [["Roadmap items validated with customers before build", "%", "up", 15, 60]],
    constraints: "Panel members are compensated fairly and nothing they see is shared outside the panel.",
    outOfScope: "Public beta programmes.",
    assistance: "A product manager per pilot team, and a designer to turn ideas into testable prototypes.",
    horizonWeeks: 20,
    funding: [
      ["Participant compensation", 4000],
      ["Research repository licence", 1000],
    ],
    tags: ["customer-research", "roadmap"],
    slots: [
      ["product", 2, ["discovery", "roadmapping"], 10, true],
      ["design", 1, ["prototyping"], 15, false],
    ],
  },
  {
    key: "synthetic-test-data",
    stage: "open",
    lead: { discipline: "data", minRank: 5 },
    title: "Synthetic test data that is safe to share",
    summary:
      "Seven teams still copy production data into staging because realistic test data is hard to get. Generate synthetic datasets that look like ours and contain nobody.",
    problem:
      "Realistic test data matters: edge cases live in real data. So teams take production snapshots, mask them partially, and leave them in staging for months. Security has flagged it in two audits.",
    tried: [
      "A masking script, which misses free-text fields.",
      "Hand-written fixtures, which miss every interesting edge case.",
    ],
    why: "It removes our largest open audit finding and makes testing better, not worse.",
    gains: ["No customer data outside production.", "Test data on demand for every team."],
    kpis: [
      ["Teams using production copies in staging", "teams", "down", 7, 0],
      ["Time to provision test data", "hours", "down", 72, 1],
    ],
    constraints: "Generated data must pass a re-identification test before any team uses it.",
    outOfScope: "Performance test datasets at production scale.",
    assistance: "A privacy counsel to agree the re-identification test, and an engineer from each pilot team.",
    horizonWeeks: 12,
    funding: [
      ["Generation compute", 8000],
      ["Independent privacy assessment", 12000],
    ],
    tags: ["privacy", "testing", "data-platform"],
    slots: [
      ["data", 1, ["python", "data-modeling"], 40, true],
      ["legal", 1, ["privacy", "gdpr"], 10, true],
      ["engineering", 2, ["postgres", "testing"], 15, false],
    ],
  },
  {
    key: "seller-ramp",
    stage: "open",
    lead: { discipline: "sales" },
    title: "Enablement that sticks: new sellers productive in 60 days",
    summary:
      "New account executives take four months to close their first deal. Replace the two-week bootcamp with a 60-day ramp built from what our best sellers actually do.",
    problem:
      "New sellers sit through two weeks of slides and are then handed a territory. They learn by losing deals. Our best sellers' habits are not written down anywhere.",
    tried: ["Shadowing, which depends entirely on who you shadow."],
    why: "Every month of ramp is a month of quota we pay for and do not get.",
    gains: ["Faster time to first deal.", "Less pressure on senior sellers to train by osmosis."],
    kpis: [
      ["Days to first closed deal", "days", "down", 120, 60],
      ["Quota attainment in first two quarters", "%", "up", 54, 75],
    ],
    constraints: "No change to territories or compensation plans.",
    outOfScope: "Partner and channel enablement.",
    assistance: "A learning and development partner, and call recordings from three top sellers (with consent).",
    horizonWeeks: 12,
    funding: [
      ["Practice-call platform", 7000],
      ["Content production", 5000],
    ],
    tags: ["enablement", "sales", "onboarding"],
    slots: [
      ["people", 1, ["learning-and-development", "facilitation"], 30, true],
      ["marketing", 1, ["messaging"], 10, false],
    ],
  },

  // ── funded ───────────────────────────────────────────────────────────────────────────────
  {
    key: "accessible-components",
    stage: "funded",
    lead: { email: "designer@example.com" },
    title: "Accessible by default: an audited component library",
    summary:
      "Our top 20 flows have 340 accessibility violations, most of them in five shared components. Fix the components once, audit them, and measure the effect on real customers.",
    problem:
      "Accessibility fixes happen flow by flow, so the same bug in the date picker gets fixed six times in six different ways. An external audit found 340 WCAG AA violations in our top 20 flows; 70% trace back to five shared components.",
    tried: [
      "An accessibility checklist for every pull request, which catches contrast issues and little else.",
      "A one-off audit, whose findings were split across twelve team backlogs.",
    ],
    why: "Several public-sector renewals now require a conformance report, and customers who use assistive technology are blocked today.",
    gains: [
      "A conformance report we can stand behind.",
      "Every new flow inherits accessible components instead of re-fixing them.",
      "Fewer support tickets from customers who cannot complete a task.",
    ],
    kpis: [
      ["WCAG AA violations in top 20 flows", "violations", "down", 340, 40],
      ["Accessibility support tickets per quarter", "tickets", "down", 45, 10],
    ],
    constraints: "No visual redesign of the components; behaviour changes only where the audit requires them.",
    outOfScope: "Marketing website. The legacy admin console.",
    assistance:
      "An engineer who knows React and ARIA well, and a data analyst to tie support tickets and product analytics to the fixed components.",
    horizonWeeks: 14,
    funding: [
      ["External audit before and after", 9000],
      ["Sessions with assistive-technology users", 4000],
      ["Screen reader and device lab", 2000],
    ],
    tags: ["accessibility", "design-system"],
    slots: [
      ["engineering", 1, ["react", "typescript", "accessibility"], 30, true],
      ["data", 1, ["sql", "dashboards", "experimentation"], 20, true],
    ],
  },
  {
    key: "quote-to-cash",
    stage: "funded",
    lead: { discipline: "sales", minRank: 5 },
    coLead: { discipline: "finance" },
    title: "Quote-to-cash in a day for standard deals",
    summary:
      "A standard deal takes eleven days from verbal yes to signed order, mostly waiting on manual approvals. Automate approvals for deals within policy and catch pricing errors before the customer does.",
    problem:
      "Every quote goes through Finance and Legal by email, even when it matches our standard terms exactly. One in fourteen quotes has a pricing error that a customer spots first.",
    tried: ["An approval matrix in a spreadsheet that sellers consult and then email anyway."],
    why: "Deals that slip past quarter-end are sometimes deals that never close, and pricing errors cost credibility.",
    gains: ["Sellers close standard deals the day the customer says yes.", "Finance reviews only the exceptions."],
    kpis: [
      ["Days from verbal yes to signed order", "days", "down", 11, 1],
      ["Quotes with pricing errors", "%", "down", 7, 1],
    ],
    constraints: "Non-standard terms still go to Legal. Approval rules are owned by Finance.",
    outOfScope: "Renewals and partner deals.",
    assistance: 'A business systems analyst, an engineer for the CRM integration, and a counsel to define "standard".',
    horizonWeeks: 10,
    funding: [
      ["CPQ configuration contractor", 15000],
      ["CRM sandbox licences", 3000],
    ],
    tags: ["sales-ops", "pricing", "automation"],
    slots: [
      ["finance", 1, ["financial-planning"], 20, true],
      ["engineering", 1, ["salesforce", "integrations"], 30, true],
      ["legal", 1, ["contracts"], 10, false],
    ],
  },
  {
    key: "supplier-payments",
    stage: "funded",
    lead: { discipline: "finance" },
    title: "Pay small suppliers in 30 days, not 58",
    summary:
      "Small suppliers wait 58 days on average to be paid because half their invoices need manual matching. Automate matching and approvals so we pay on our stated 30-day terms.",
    problem:
      "Invoices arrive as PDFs by email, are keyed in by hand, and need manual matching against purchase orders in 46% of cases. Approvers get reminders in three different tools.",
    tried: ["A shared inbox with rules, which just moved the backlog."],
    why: "Late payment hurts small suppliers most, and several have started charging us late fees or refusing work.",
    gains: ["We keep our payment promise.", "Accounts payable spends time on exceptions, not typing."],
    kpis: [
      ["Days to pay small suppliers", "days", "down", 58, 30],
      ["Invoices needing manual matching", "%", "down", 46, 10],
    ],
    constraints: "Segregation of duties stays intact. The auditors review the design before go-live.",
    outOfScope: "Employee expenses. International suppliers.",
    assistance: "An engineer for the ERP integration and a business systems analyst.",
    horizonWeeks: 8,
    funding: [
      ["Invoice capture service", 6000],
      ["Audit review", 4000],
    ],
    tags: ["finance-ops", "automation", "suppliers"],
    slots: [
      ["engineering", 1, ["integrations", "python"], 30, true],
      ["operations", 1, ["process-design", "netsuite"], 20, true],
    ],
  },
  {
    key: "sso-research",
    stage: "funded",
    lead: { discipline: "research", minRank: 5 },
    title: "Field research: why do admins abandon SSO setup?",
    summary:
      "Half of the admins who start setting up single sign-on give up. Watch twenty of them try, find out where and why, and fix the top three problems with Engineering.",
    problem:
      "SSO setup is a nine-step flow that needs information from the customer's identity team. Our analytics show where admins stop but not why, and support tickets only tell us about the ones who persisted.",
    tried: ["Better documentation, which reduced tickets a little and completion not at all."],
    why: "SSO is a requirement for every enterprise deal, and a failed setup is often the first real experience a new customer's IT team has with us.",
    gains: ["Enterprise customers go live faster.", "Fewer escalations during onboarding."],
    kpis: [
      ["SSO setup completion", "%", "up", 48, 75],
      ["Setup-related support tickets per month", "tickets", "down", 120, 50],
    ],
    constraints:
      "Research sessions with customers' IT staff follow their security policies; no screen recording without consent.",
    outOfScope: "SCIM provisioning.",
    assistance: "A designer to prototype fixes, and an engineer from Security who knows SAML.",
    horizonWeeks: 10,
    funding: [
      ["Participant incentives", 5000],
      ["Recruiting through a panel provider", 3000],
    ],
    tags: ["sso", "research", "onboarding"],
    slots: [
      ["design", 1, ["prototyping", "user-flows"], 30, true],
      ["engineering", 1, ["identity", "security"], 20, true],
    ],
  },
  {
    key: "postgres-upgrades",
    stage: "funded",
    lead: { discipline: "engineering", minRank: 6 },
    coLead: { discipline: "engineering", minRank: 5 },
    title: "Zero-downtime Postgres major upgrades",
    summary:
      "Every Postgres major upgrade costs us a 45-minute maintenance window and a weekend. Build logical-replication-based upgrades so the next one is invisible to customers.",
    problem:
      "We are two major versions behind because each upgrade needs downtime that Sales has to negotiate with enterprise customers. The longer we wait, the bigger and riskier the jump.",
    tried: ["In-place upgrades during maintenance windows, the last of which overran by an hour."],
    why: "Staying current is a security requirement, and maintenance windows are written into several enterprise contracts as exceptions we would rather remove.",
    gains: ["Upgrades become routine.", "We can drop the maintenance window clause from new contracts."],
    kpis: [
      ["Downtime per major upgrade", "minutes", "down", 45, 1],
      ["Major versions behind current", "versions", "down", 2, 0],
    ],
    constraints: "No data loss, verified by checksums. Rollback must be possible up to the final cutover.",
    outOfScope: "Moving to a different database. Sharding.",
    assistance: "Two engineers with replication experience, and a support lead to handle customer communication.",
    horizonWeeks: 12,
    funding: [
      ["Parallel clusters during rehearsal", 20000],
      ["Vendor support hours", 8000],
    ],
    tags: ["database", "reliability"],
    slots: [["engineering", 2, ["postgres", "replication"], 40, true]],
  },
  {
    key: "security-keys",
    stage: "funded",
    lead: { discipline: "engineering", minRank: 4 },
    title: "Security keys for every employee",
    summary:
      "Only 22% of employees use phishing-resistant sign-in. Ship a hardware security key to everyone, enrol them with as little friction as possible, and switch off SMS codes.",
    problem:
      "Most staff sign in with passwords and SMS or app codes. Last year's phishing test fooled one in nine people, and we had three account takeovers, all via phished codes.",
    tried: ["Optional security keys, which only engineers took up."],
    why: "Account takeover is our most likely path to a serious breach, and customers ask about it in every security review.",
    gains: ["Phishing stops working against us.", "A clear answer in customers' security questionnaires."],
    kpis: [
      ["Employees with phishing-resistant sign-in", "%", "up", 22, 100],
      ["Account takeover incidents per quarter", "incidents", "down", 3, 0],
    ],
    constraints: "Every employee has a backup key. Nobody is locked out for more than one hour.",
    outOfScope: "Customer-facing sign-in.",
    assistance: "Someone from IT to run enrolment desks, and People to plan the communication.",
    horizonWeeks: 8,
    funding: [
      ["Security keys, two per employee", 18000],
      ["Shipping to remote staff", 4000],
    ],
    tags: ["security", "identity"],
    slots: [
      ["operations", 1, ["okta", "device-management"], 40, true],
      ["people", 1, ["internal-communications"], 10, false],
    ],
  },

  // ── active ───────────────────────────────────────────────────────────────────────────────
  {
    key: "batch-spend",
    stage: "active",
    lead: { discipline: "data", minRank: 5 },
    title: "Cut batch analytics spend by 30%",
    summary:
      "Our nightly batch jobs cost more than the products they serve. Find the waste, fix the worst offenders, and leave behind a cost dashboard every team can read.",
    problem:
      "Batch analytics spend has grown 80% in a year while data volume grew 25%. Nobody can say which jobs cost what: the warehouse bill is one line item, and most jobs were written by people who have since moved teams.",
    tried: [
      "Asking teams to review their own jobs, which produced a list of jobs everyone thinks someone else owns.",
      "Reserved capacity, which cut the unit price and hid the growth for a quarter.",
    ],
    why: "At the current trend, analytics will cost more than the products it serves within a year. Savings go straight back to the data budget.",
    gains: [
      "Predictable warehouse costs.",
      "Faster jobs: the worst offenders are also the slowest.",
      "Teams can see what their own jobs cost.",
    ],
    kpis: [
      ["Monthly batch spend", "USD", "down", 42000, 29400],
      ["Jobs finished before 06:00 UTC", "%", "up", 78, 95],
    ],
    constraints: "No change to customer-facing SLAs. Every change is reversible for 30 days.",
    outOfScope: "Streaming jobs. Moving warehouse vendor.",
    assistance:
      "A data engineer two days a week; read access to billing exports; one platform engineer for the scheduler.",
    horizonWeeks: 10,
    funding: [
      ["Compute for experiments", 15000],
      ["Contractor review of the cost model", 10000],
    ],
    tags: ["cost", "data-platform"],
    slots: [
      ["data", 1, ["spark", "sql"], 30, true],
      ["engineering", 1, ["kubernetes", "terraform"], 20, true],
    ],
  },
  {
    key: "churn-forecast",
    stage: "active",
    lead: { discipline: "data", minRank: 6 },
    coLead: { discipline: "sales", minRank: 4 },
    title: "Forecast churn 60 days earlier for mid-market accounts",
    summary:
      "We usually learn a mid-market customer is leaving when they tell us. Build a churn model from usage and support signals that flags at-risk accounts two months ahead, and a playbook to act on it.",
    problem:
      "Customer Success covers 600 mid-market accounts with five people, so they see trouble late. The signals exist (falling logins, unanswered invoices, support tone) but live in four systems.",
    tried: ["A health score built from login counts, which flagged busy accounts as healthy the week they churned."],
    why: "Mid-market churn is our largest revenue leak, and saving even a fifth of it pays for this many times over.",
    gains: ["Customer Success spends time where it matters.", "Product learns which gaps drive churn."],
    kpis: [
      ["Churned accounts flagged 60+ days ahead", "%", "up", 22, 60],
      ["Gross revenue retention, mid-market", "%", "up", 88, 92],
    ],
    constraints: "The model's reasons must be explainable to a customer success manager in one sentence.",
    outOfScope: "Enterprise accounts, which have dedicated managers.",
    assistance: "A data scientist, a customer success manager to shape the playbook, and a product manager.",
    horizonWeeks: 16,
    funding: [
      ["Model training and serving", 12000],
      ["Data integration contractor", 14000],
      ["Playbook pilot incentives", 4000],
    ],
    tags: ["churn", "machine-learning", "customer-success"],
    slots: [
      ["data", 1, ["forecasting", "python"], 40, true],
      ["sales", 1, ["renewals", "account-planning"], 20, true],
      ["product", 1, ["discovery"], 10, false],
    ],
  },
  {
    key: "humane-on-call",
    stage: "active",
    lead: { discipline: "engineering", minRank: 6 },
    title: "Make on-call humane: halve out-of-hours pages",
    summary:
      "Engineers on call are paged 38 times a week outside business hours, mostly for alerts nobody acts on. Fix or delete the noisiest alerts and make the rest actionable.",
    problem:
      "We have 1,900 alert rules. Forty of them cause 70% of pages, and most of those resolve themselves within five minutes. Engineers have started to leave teams because of on-call load.",
    tried: ["Alert reviews in each team's retro, which rarely get past the first item."],
    why: "Burned-out on-call engineers make worse decisions during real incidents, and we are losing senior people over it.",
    gains: ["Better sleep for on-call engineers.", "Faster response to the pages that matter."],
    kpis: [
      ["Out-of-hours pages per week", "pages", "down", 38, 19],
      ["Median time to acknowledge", "minutes", "down", 12, 5],
    ],
    constraints: "No alert is deleted without its owning team's agreement. Customer-facing SLOs keep their alerts.",
    outOfScope: "Changing the on-call rota or compensation.",
    assistance: "Two SREs, and a data analyst to build the alert-quality report.",
    horizonWeeks: 10,
    funding: [["Observability tooling trial", 12000]],
    tags: ["reliability", "on-call", "developer-experience"],
    slots: [
      ["engineering", 2, ["observability", "incident-response"], 30, true],
      ["data", 1, ["dashboards", "sql"], 10, false],
    ],
  },
  {
    key: "docs-deflection",
    stage: "active",
    lead: { discipline: "operations", minRank: 5 },
    title: "Answer support questions before the ticket is filed",
    summary:
      "Most of our support tickets ask questions the help centre already answers, if you can find it. Surface the right article inside the ticket form and the product.",
    problem:
      "The help centre has 900 articles and a search box nobody uses. The ticket form asks for a description but never suggests an answer. Agents paste the same twenty links all day.",
    tried: ["Rewriting the top articles, which helped people who found them."],
    why: "Support volume grows with customers; we cannot hire our way out of it, and customers prefer a right answer now to a perfect answer tomorrow.",
    gains: ["Customers get answers in seconds.", "Agents spend time on the hard tickets."],
    kpis: [
      ["Ticket deflection rate", "%", "up", 12, 30],
      ["Median first response time", "hours", "down", 9, 3],
    ],
    constraints: "Customers can always reach a human in two clicks.",
    outOfScope: "Chatbots that pretend to be human.",
    assistance: "An engineer for the ticket form, a content designer, and a data analyst for measurement.",
    horizonWeeks: 10,
    funding: [
      ["Search service", 6000],
      ["Content audit contractor", 8000],
    ],
    tags: ["support", "documentation", "search"],
    slots: [
      ["engineering", 1, ["typescript", "search"], 30, true],
      ["design", 1, ["content-design"], 20, true],
      ["data", 1, ["experimentation"], 10, false],
    ],
  },
  {
    key: "mobile-cold-start",
    stage: "active",
    lead: { discipline: "engineering", minRank: 4 },
    title: "Shrink the mobile app's cold start below one second",
    summary:
      "The Android app takes 2.6 seconds to start on a mid-range phone, and reviews say so. Profile it, defer what can wait, and add a performance budget to CI so it stays fast.",
    problem:
      "Startup work has accumulated for five years: SDK initialisations, synchronous config fetches and a large dependency graph. Nobody owns startup time, so nobody notices it creep.",
    tried: ["Removing one analytics SDK, which saved 200 ms that a new feature spent the next month."],
    why: "App store ratings mention slowness more than any missing feature, and slow starts correlate with lower weekly use.",
    gains: ["Better ratings and retention.", "A budget that protects speed from future features."],
    kpis: [
      ["p90 cold start on Android", "ms", "down", 2600, 1000],
      ["Crash-free sessions", "%", "up", 99.1, 99.7],
    ],
    constraints: "No feature removed to hit the target.",
    outOfScope: "The iOS app, which is already under one second.",
    assistance: "Two mobile engineers and a product manager to negotiate deferred loading with feature owners.",
    horizonWeeks: 8,
    funding: [["Device lab time", 5000]],
    tags: ["mobile", "performance"],
    slots: [
      ["engineering", 2, ["kotlin", "performance"], 40, true],
      ["product", 1, ["prioritisation"], 10, false],
    ],
  },
  {
    key: "usage-billing",
    stage: "active",
    lead: { discipline: "product", minRank: 6 },
    coLead: { discipline: "finance" },
    title: "Usage-based billing pilot for the API tier",
    summary:
      "API customers pay a flat fee that bears no relation to what they use, so small customers overpay and large ones underpay. Pilot metered billing with twenty customers.",
    problem:
      "Our API tier has one price. The top 5% of customers generate 60% of the load, and small customers churn citing cost. Metering exists for rate limiting but not for billing.",
    tried: ["Volume tiers, which customers gamed by splitting accounts."],
    why: "Pricing that tracks value lets small customers start cheaply and grow with us.",
    gains: ["Fairer prices for small customers.", "Revenue that grows with usage."],
    kpis: [
      ["API revenue per month", "USD", "up", 120000, 180000],
      ["Billing disputes per month", "disputes", "down", 25, 10],
    ],
    constraints: "No pilot customer pays more than 110% of their current bill during the pilot.",
    outOfScope: "Changing prices for non-API plans.",
    assistance: "Engineers from Payments, a financial analyst, and an account executive for the pilot customers.",
    horizonWeeks: 12,
    funding: [
      ["Metering pipeline", 16000],
      ["Billing provider fees for the pilot", 6000],
      ["Pilot customer credits", 10000],
    ],
    tags: ["pricing", "billing", "api"],
    slots: [
      ["engineering", 2, ["payments", "kafka"], 40, true],
      ["finance", 1, ["revenue-recognition"], 20, true],
      ["sales", 1, ["account-planning"], 10, false],
    ],
    decision: {
      decision: "iterate",
      rationale:
        "The metering works and pilot customers like it, but disputes went up, not down: invoices are too hard to read. Iterate on invoice design for one more cycle before scaling.",
    },
    progress: 0.45,
  },
  {
    key: "win-back",
    stage: "active",
    lead: { discipline: "marketing", minRank: 5 },
    title: "Win back lapsed free-tier teams",
    summary:
      "Thousands of free-tier teams go quiet every month and we never speak to them again. Build lifecycle campaigns that bring back the ones we can help, and learn why the others left.",
    problem:
      "We send the same newsletter to active and lapsed users alike. We have no segment for teams that used the product well and then stopped, and no way to ask them why.",
    tried: ['A one-off "we miss you" email with a 4% click rate and no follow-up.'],
    why: "Reactivated teams cost a fraction of new ones to win, and their reasons for leaving are product insight we currently discard.",
    gains: ["A steady flow of returning teams.", "A monthly digest of why teams leave."],
    kpis: [
      ["Reactivated teams per month", "teams", "up", 35, 120],
      ["Email unsubscribe rate", "%", "down", 0.8, 0.4],
    ],
    constraints:
      "Consent and unsubscribe rules are followed to the letter. No more than two emails per lapsed team per month.",
    outOfScope: "Paid re-targeting ads.",
    assistance: "A data analyst for segmentation, a designer for the emails, and a researcher for exit interviews.",
    horizonWeeks: 12,
    funding: [
      ["Email platform add-on", 5000],
      ["Exit interview incentives", 3000],
    ],
    tags: ["lifecycle-marketing", "growth", "email"],
    slots: [
      ["data", 1, ["segmentation", "sql"], 20, true],
      ["design", 1, ["visual-design"], 15, false],
      ["research", 1, ["user-interviews"], 10, false],
    ],
  },
  {
    key: "month-end-close",
    stage: "active",
    lead: { discipline: "finance", minRank: 5 },
    title: "Month-end close in three days",
    summary:
      "Closing the books takes nine working days and 420 manual journal entries. Automate the recurring entries and reconciliations so Finance closes in three.",
    problem:
      "Most journal entries are the same every month but are typed in by hand. Reconciliations live in spreadsheets, and leadership sees last month's numbers two weeks into this one.",
    tried: ["Close checklists, which made the process visible but not shorter."],
    why: "Leadership decides on numbers that are already two weeks old, and the Finance team works late every month-end.",
    gains: ["Numbers in leadership's hands a week earlier.", "No more month-end weekends for Finance."],
    kpis: [
      ["Business days to close", "days", "down", 9, 3],
      ["Manual journal entries per close", "entries", "down", 420, 150],
    ],
    constraints: "Audit trail for every automated entry. External auditors sign off on the new controls.",
    outOfScope: "Changing ERP system.",
    assistance: "A business systems analyst and a data engineer for the reconciliation pipeline.",
    horizonWeeks: 14,
    funding: [
      ["Reconciliation tool licence", 10000],
      ["Auditor review of new controls", 8000],
    ],
    tags: ["finance-ops", "automation", "reporting"],
    slots: [
      ["operations", 1, ["netsuite", "automation"], 30, true],
      ["data", 1, ["sql", "dbt"], 20, false],
    ],
  },

  // ── showcase ─────────────────────────────────────────────────────────────────────────────
  {
    key: "egress-cache",
    stage: "showcase",
    lead: { discipline: "engineering", minRank: 5 },
    title: "Lower cloud egress costs with a regional cache tier",
    summary:
      "We paid $61,000 a month to move the same files across regions again and again. A regional cache tier should cut the bill and make European customers' pages faster.",
    problem:
      "Static assets and report exports are served from one US region. European traffic pays cross-region egress on every request and waits for the round trip.",
    tried: ["A CDN for static assets only, which helped the marketing site but not the product."],
    why: "Egress is our third-largest cloud cost line and the slowest part of the EU experience.",
    gains: ["Lower cloud bill.", "Faster pages in Europe."],
    kpis: [
      ["Monthly egress bill", "USD", "down", 61000, 36000],
      ["p95 asset latency in the EU", "ms", "down", 420, 180],
    ],
    constraints: "Data residency commitments to EU customers are unchanged.",
    outOfScope: "Moving databases to the EU.",
    assistance: "Two infrastructure engineers and someone from Legal to confirm residency.",
    horizonWeeks: 10,
    funding: [
      ["Cache nodes for the pilot", 14000],
      ["Load testing", 8000],
    ],
    tags: ["cost", "infrastructure", "performance"],
    slots: [
      ["engineering", 2, ["terraform", "performance"], 40, true],
      ["legal", 1, ["privacy"], 10, false],
    ],
    progress: 0.9,
  },
  {
    key: "fraud-detection",
    stage: "showcase",
    lead: { discipline: "data", minRank: 5 },
    title: "Detect payment fraud before settlement, not after",
    summary:
      "Card-testing attacks cost us $84,000 a month in losses and fees, all detected after settlement. Score transactions in real time and hold the risky ones.",
    problem:
      "Fraud rules run in a nightly batch. By the time they flag a card-testing attack, the charges have settled and the chargebacks are on their way.",
    tried: ["Stricter rate limits, which blocked legitimate customers during month-end billing runs."],
    why: "Fraud losses and chargeback fees are pure waste, and the card networks fine merchants with high chargeback rates.",
    gains: ["Lower losses and fees.", "Fewer legitimate customers blocked by blunt rules."],
    kpis: [
      ["Fraud losses per month", "USD", "down", 84000, 40000],
      ["False positive rate", "%", "down", 4.2, 1.5],
    ],
    constraints: "Decisions in under 100 ms. Every held payment can be reviewed by a human within an hour.",
    outOfScope: "Account takeover detection.",
    assistance: "A machine learning engineer, a backend engineer from Payments, and a finance analyst.",
    horizonWeeks: 12,
    funding: [
      ["Real-time scoring infrastructure", 18000],
      ["Labelled fraud data", 12000],
    ],
    tags: ["fraud", "machine-learning", "payments"],
    slots: [
      ["data", 1, ["machine-learning", "python"], 50, true],
      ["engineering", 1, ["payments", "go"], 30, true],
      ["finance", 1, ["reconciliations"], 10, false],
    ],
    progress: 1.1,
  },
  {
    key: "support-career-ladder",
    stage: "showcase",
    lead: { discipline: "people", minRank: 4 },
    coLead: { discipline: "operations", minRank: 4 },
    title: "A real career ladder for support engineers",
    summary:
      "Support engineers leave at twice the company rate, and exit interviews say why: there is nowhere to grow. Build a career ladder with an IC path, and promote against it.",
    problem:
      "Support has two levels and a team lead role. The only way up is into management or out into another department, and our best troubleshooters take it.",
    tried: ["Ad-hoc title changes, which created resentment because the criteria were unclear."],
    why: "Every senior support engineer who leaves takes years of product knowledge with them.",
    gains: ["Support engineers can grow without leaving.", "Clear, fair promotion decisions."],
    kpis: [
      ["Regretted attrition in Support", "%", "down", 18, 8],
      ["Internal promotions in Support per year", "promotions", "up", 2, 8],
    ],
    constraints: "Aligned with the company-wide career framework and compensation bands.",
    outOfScope: "Compensation changes outside the normal review cycle.",
    assistance: "No budget needed: time from support engineers to co-write the ladder, and a people partner.",
    horizonWeeks: 12,
    funding: [],
    tags: ["careers", "support", "retention"],
    slots: [
      ["operations", 2, ["knowledge-base", "troubleshooting"], 10, true],
      ["people", 1, ["career-frameworks"], 20, true],
    ],
    progress: 0.7,
  },

  // ── reviewed ─────────────────────────────────────────────────────────────────────────────
  {
    key: "privacy-requests",
    stage: "reviewed",
    lead: { discipline: "legal", minRank: 4 },
    title: "Privacy requests answered in 72 hours, automatically",
    summary:
      "Data subject requests take 21 days and touch eleven teams. Automate discovery and deletion across our systems so we answer in days, not weeks.",
    problem:
      "Every access or deletion request is a ticket that Legal forwards to every team that might hold the person's data. Teams search by hand, and we come close to the legal deadline every month.",
    tried: ["A request tracker, which made the delays visible."],
    why: "Missing the legal deadline is a regulatory risk, and each request costs about six hours of engineering time.",
    gains: ["Requests answered well inside the deadline.", "Engineering time back."],
    kpis: [
      ["Median time to fulfil a request", "days", "down", 21, 3],
      ["Systems covered by automated discovery", "systems", "up", 6, 40],
    ],
    constraints: "Deletion is verified and logged. Legal holds are respected.",
    outOfScope: "Backups, which follow their own retention schedule.",
    assistance: "A data engineer, an engineer per major system, and a paralegal.",
    horizonWeeks: 16,
    funding: [
      ["Discovery tooling", 16000],
      ["External privacy review", 10000],
    ],
    tags: ["privacy", "compliance", "automation"],
    slots: [
      ["data", 1, ["data-modeling", "python"], 40, true],
      ["engineering", 2, ["postgres", "api-design"], 20, true],
    ],
    decision: {
      decision: "scale",
      rationale:
        "Median fulfilment fell to four days and 38 systems are covered. Scale to the remaining systems and make the platform team its permanent owner; revisit the last two systems at the next gate.",
    },
    progress: 0.95,
  },
  {
    key: "green-ci",
    stage: "reviewed",
    lead: { discipline: "engineering", minRank: 5 },
    title: "Green CI: make the main branch trustworthy again",
    summary:
      "The main branch is red 14 hours a week, mostly because of flaky tests. Quarantine flakes automatically, fix the worst, and give every team a flakiness score.",
    problem:
      "Eight percent of test runs fail for reasons unrelated to the change. Engineers rerun until green, and real failures hide among the flakes.",
    tried: ["A flaky-test channel, which became a list of complaints."],
    why: "Every rerun costs time and compute, and a red main branch blocks every deploy.",
    gains: ["Trustworthy test results.", "Faster deploys."],
    kpis: [
      ["Flaky test rate", "%", "down", 8, 1],
      ["Hours per week with main branch red", "hours", "down", 14, 2],
    ],
    constraints: "Quarantined tests are reported to their owners, not silently skipped.",
    outOfScope: "Rewriting the test framework.",
    assistance: "Two engineers familiar with the CI system, and a data analyst.",
    horizonWeeks: 8,
    funding: [["CI compute for flake detection", 7000]],
    tags: ["developer-experience", "ci", "testing"],
    slots: [
      ["engineering", 2, ["ci", "testing"], 30, true],
      ["data", 1, ["dashboards"], 10, false],
    ],
    decision: {
      decision: "scale",
      rationale:
        "Main branch red time is down to three hours a week and teams use the flakiness scores. Scale: fold the quarantine service into the developer platform roadmap.",
    },
    progress: 0.92,
  },
  {
    key: "saas-sprawl",
    stage: "reviewed",
    lead: { discipline: "operations", minRank: 5 },
    title: "Trim our SaaS sprawl: 180 tools to 120",
    summary:
      "We pay for 180 SaaS tools, including four project trackers and three survey tools. Consolidate overlapping tools and put renewals on a calendar.",
    problem:
      "Teams buy tools on company cards, and renewals happen silently. Nobody knows which tools hold customer data, and we pay for thousands of unused seats.",
    tried: ["A procurement policy that nobody reads before buying."],
    why: "Licence spend is $2.4 million a year, and every unmanaged tool is a security and privacy risk.",
    gains: ["Lower licence spend.", "Fewer places customer data can leak."],
    kpis: [
      ["Annual SaaS licence spend", "USD", "down", 2400000, 1800000],
      ["Number of SaaS tools", "tools", "down", 180, 120],
    ],
    constraints: "No team loses a tool it depends on without an agreed replacement.",
    outOfScope: "Infrastructure and cloud providers.",
    assistance: "A financial analyst, someone from Security, and a business systems analyst.",
    horizonWeeks: 16,
    funding: [["SaaS management platform, first year", 12000]],
    tags: ["cost", "procurement", "it"],
    slots: [
      ["finance", 1, ["budgeting"], 20, true],
      ["engineering", 1, ["security"], 10, false],
    ],
    decision: {
      decision: "stop",
      rationale:
        "The team reached 131 tools and $1.9 million: most of the value. The remaining consolidation is routine procurement work, so stop the challenge and hand the renewal calendar to Operations.",
    },
    progress: 0.85,
  },

  // ── withdrawn ────────────────────────────────────────────────────────────────────────────
  {
    key: "procurement-chain",
    stage: "withdrawn",
    lead: { discipline: "operations" },
    title: "Procurement without the email chain",
    summary:
      "Buying anything over $1,000 takes sixteen days of emails between requester, budget holder, Finance and Legal. Replace the chain with one request form and parallel approvals.",
    problem:
      "Purchase requests are emails forwarded from approver to approver. Requests stall when someone is on holiday, and nobody can see where a request is.",
    tried: ["A shared tracker, which duplicated the emails rather than replacing them."],
    why: "Slow purchasing delays projects and pushes people to company cards, which is how SaaS sprawl starts.",
    gains: ["Purchases approved in days.", "Spend visible before it happens."],
    kpis: [["Days from request to purchase order", "days", "down", 16, 4]],
    constraints: "Approval limits stay as they are.",
    outOfScope: "Supplier onboarding.",
    assistance: "A business systems analyst and a finance partner.",
    horizonWeeks: 8,
    funding: [["Workflow tool configuration", 6000]],
    tags: ["procurement", "automation"],
    slots: [["finance", 1, ["budgeting"], 15, true]],
    withdrawn: {
      from: "open",
      reason: "Folded into the finance systems upgrade, which replaces the purchasing workflow anyway.",
    },
  },
  {
    key: "call-insights",
    stage: "withdrawn",
    lead: { discipline: "sales" },
    title: "Sales call insights from transcripts, with consent",
    summary:
      "Product teams want to hear what prospects ask for, and sales calls are full of it. Summarise recorded calls (with consent) into a searchable stream of themes.",
    problem:
      "Call recordings exist for about half of our sales calls but nobody has time to listen to them. Product hears about customer needs third-hand.",
    tried: ['A Slack channel for "things customers said", which is mostly jokes.'],
    why: "Direct customer voice makes roadmap debates shorter and better.",
    gains: ["Product hears prospects first-hand.", "Sellers spend less time writing notes."],
    kpis: [["Roadmap items citing customer evidence", "%", "up", 20, 50]],
    constraints: "Only calls where every participant consented. Summaries never leave the company.",
    outOfScope: "Coaching or scoring sellers.",
    assistance: "A data scientist and a privacy counsel.",
    horizonWeeks: 10,
    funding: [["Transcription and summarisation", 9000]],
    tags: ["sales", "customer-research", "privacy"],
    slots: [
      ["data", 1, ["python", "machine-learning"], 30, true],
      ["legal", 1, ["privacy"], 10, true],
    ],
    withdrawn: {
      from: "draft",
      reason: "Legal advised waiting for the new recording-consent policy; will revisit next year.",
    },
  },
  {
    key: "docs-brand",
    stage: "withdrawn",
    lead: { discipline: "design", minRank: 4 },
    title: "Brand refresh for the developer docs",
    summary:
      "The developer docs still use the 2021 brand and look like a different company. Bring them into the current design language and fix navigation while we are there.",
    problem:
      "The docs site was built separately from the product and the marketing site. It uses old colours, old type, and a navigation structure that made sense when we had twelve APIs, not sixty.",
    tried: ["A new logo and colours, applied by find-and-replace, which broke code-block contrast."],
    why: "Developers judge the product by its docs, and ours look abandoned.",
    gains: ["Docs that look maintained.", "Navigation that scales."],
    kpis: [["Docs pages with outdated styling", "%", "down", 100, 5]],
    constraints: "No URL changes; external links must keep working.",
    outOfScope: "Rewriting content.",
    assistance: "A frontend engineer and a content designer.",
    horizonWeeks: 6,
    funding: [["Illustration commission", 5000]],
    tags: ["documentation", "brand"],
    slots: [
      ["engineering", 1, ["css", "react"], 30, true],
      ["design", 1, ["content-design"], 20, false],
    ],
    withdrawn: {
      from: "open",
      reason: "The docs are moving to the new platform next quarter, which brings the current brand with it.",
    },
  },

  // ── archived ─────────────────────────────────────────────────────────────────────────────
  {
    key: "design-tokens",
    stage: "archived",
    lead: { discipline: "design", minRank: 5 },
    title: "A design token pipeline shared by web and mobile",
    summary:
      "Web and mobile define colours, spacing and type separately, and they drift. Generate both from one set of design tokens owned by the design system team.",
    problem:
      "The same brand colour exists in 14 slightly different values across our apps. Every theme change is three projects.",
    tried: ["A shared spreadsheet of values, which nobody updated."],
    why: "Consistency is what makes the product feel like one product, and dark mode is blocked on it.",
    gains: ["One change updates every platform.", "Dark mode becomes possible."],
    kpis: [
      ["Distinct colour values in code", "values", "down", 212, 40],
      ["Days to ship a theme change", "days", "down", 30, 2],
    ],
    constraints: "No visible change to the current theme.",
    outOfScope: "Dark mode itself.",
    assistance: "A web engineer, a mobile engineer and a content designer for naming.",
    horizonWeeks: 8,
    funding: [["Tooling and build integration", 6000]],
    tags: ["design-system", "mobile", "tokens"],
    slots: [
      ["engineering", 2, ["react", "kotlin"], 20, true],
      ["design", 1, ["design-systems"], 30, true],
    ],
    decision: {
      decision: "scale",
      rationale: "Tokens ship to all three platforms from one source. Scale: the design system team owns the pipeline.",
    },
    progress: 1,
  },
  {
    key: "unused-features",
    stage: "archived",
    lead: { discipline: "data", minRank: 4 },
    title: "Find the 20% of features nobody uses",
    summary:
      "We maintain every feature we ever shipped. Instrument feature usage properly so product teams can retire what nobody uses.",
    problem: "Only a third of features emit usage events, so product teams argue from anecdotes about what to retire.",
    tried: ["Asking customer success which features matter, which produced a list of every feature."],
    why: "Every unused feature costs maintenance, testing and onboarding complexity.",
    gains: ["Evidence for retirement decisions.", "A simpler product."],
    kpis: [["Features with usage telemetry", "%", "up", 35, 95]],
    constraints: "Telemetry respects customers' analytics opt-outs.",
    outOfScope: "Actually retiring features.",
    assistance: "An analytics engineer and a product manager.",
    horizonWeeks: 6,
    funding: [["Event pipeline capacity", 5000]],
    tags: ["product-analytics", "telemetry"],
    slots: [
      ["data", 1, ["dbt", "data-modeling"], 30, true],
      ["product", 1, ["prioritisation"], 10, false],
    ],
    decision: {
      decision: "stop",
      rationale:
        "Telemetry now covers 93% of features and the usage report is live. No further hub investment; retirement decisions belong to the product teams.",
    },
    progress: 0.97,
  },
  {
    key: "hybrid-rooms",
    stage: "archived",
    lead: { discipline: "operations", minRank: 4 },
    title: "Meetings that start on time: fix our hybrid rooms",
    summary:
      "One meeting in four starts late because the room's camera, screen or microphone won't cooperate. Standardise the rooms and make them work the first time.",
    problem:
      "Our 40 meeting rooms have 11 different AV setups. Remote participants can't hear, in-room people can't share, and the first five minutes of every meeting are spent on cables.",
    tried: ["Laminated instructions on every table."],
    why: "Late starts waste thousands of person-hours a year and make remote colleagues second-class participants.",
    gains: ["Meetings start on time.", "Remote colleagues hear and are heard."],
    kpis: [["Meetings starting late because of AV", "%", "down", 23, 5]],
    constraints: "Work happens outside office hours; no room out of action for more than a day.",
    outOfScope: "Building new rooms.",
    assistance: "IT engineers and a workplace coordinator.",
    horizonWeeks: 10,
    funding: [
      ["Standard AV kits", 30000],
      ["Installation", 8000],
    ],
    tags: ["workplace", "it", "hybrid-work"],
    slots: [["operations", 2, ["networking", "it-administration"], 30, true]],
    decision: {
      decision: "scale",
      rationale:
        "Late starts fell to 4%. Scale the standard kit to the two other offices through the workplace budget.",
    },
    progress: 1.05,
  },
];
