/**
 * What each demo team planned, did and said, written by hand so portfolios read like real work.
 * `credit.ts` turns a plan into milestones (dated across the work period), updates with KPI
 * check-ins, credit records for the people on the team, endorsements and kudos.
 */
import type { ContributionType } from "../../worker/domain/credit";
import type { DisciplineId } from "./people";

/** Who did a piece of work: the lead (or co-lead), or a team member of a discipline. */
export type WorkOf = "lead" | DisciplineId;

export interface CreditPlan {
  /**
   * Milestones in due order: title, why it slipped if it did, and whether it is still planned
   * past its due date (running work only: the board shows it overdue).
   */
  milestones: [title: string, slipReason?: string, overdue?: boolean][];
  /** The work the team did, each a credit record: type, who did it, what. */
  work: [ContributionType, WorkOf, string][];
  /** What the team reported in updates, in the order it happened. */
  notes: string[];
  /**
   * Share of each KPI's way from baseline to target reached by the end of the work (closed
   * challenges) or by the planned end (running ones). Defaults: the challenge's `progress`, or
   * drawn for running work. For a challenge that iterated, `reach` ends its first cycle and
   * `reachAgain` is where the second is heading.
   */
  reach?: number[];
  reachAgain?: number[];
  /** A record someone made and later retracted (never deleted), with why. */
  retracted?: { type: ContributionType; of: WorkOf; description: string; reason: string };
}

export const CREDIT_PLANS: Readonly<Record<string, CreditPlan>> = {
  // ── open and funded: a little planning ──────────────────────────────────────────────────
  "preview-environments": {
    milestones: [],
    work: [
      [
        "conceptualization",
        "lead",
        "Framed the environment queue as a review-time problem: reviewers approve changes they have never seen running, and most of the wait is for somewhere to test.",
      ],
      [
        "methodology",
        "lead",
        "Built the cost model that keeps preview environments under the cost of the six shared ones: scale to zero after two idle hours, shared seeded databases.",
      ],
    ],
    notes: [],
  },
  "quote-to-cash": {
    milestones: [["Standard terms defined with Legal"], ["Approval rules configured in the CPQ sandbox"]],
    work: [
      [
        "funding_acquisition",
        "lead",
        "Pitched the approval bottleneck to three sponsors, using the eleven-day timeline of one real deal, step by step.",
      ],
    ],
    notes: [
      "Funded: thank you to our three sponsors. While the engineering seat is confirmed, we're listing with Legal which terms count as standard.",
    ],
  },
  "supplier-payments": {
    milestones: [["Invoice capture live for the ten largest small suppliers"], ["Auditors review the matching design"]],
    work: [],
    notes: [],
  },
  "sso-research": {
    milestones: [["Twenty admin sessions booked with the panel provider"], ["Top three failure points written up"]],
    work: [],
    notes: [],
  },
  "postgres-upgrades": {
    milestones: [["Rehearsal cluster with logical replication"], ["First rehearsal cutover, verified by checksums"]],
    work: [
      [
        "methodology",
        "engineering",
        "Wrote the rehearsal plan: logical replication to a parallel cluster, checksum verification per table, rollback possible until the final cutover.",
      ],
    ],
    notes: [
      "Funded. Baseline re-measured on the last in-place upgrade so we compare like with like; the rehearsal cluster is next.",
    ],
  },
  "security-keys": {
    milestones: [["Keys ordered for every employee, two each"], ["Enrolment desks in every office"]],
    work: [],
    notes: [],
  },

  // ── active ──────────────────────────────────────────────────────────────────────────────
  "batch-spend": {
    milestones: [
      ["Cost per job from the billing export, for every nightly job"],
      [
        "Top 20 most expensive jobs reviewed with their owners",
        "Six of the twenty jobs have no owner on record; we are tracing them through the scheduler's history first.",
      ],
      ["Scheduler right-sizing live for the worst ten jobs"],
      ["Cost dashboard published for every team"],
      ["Showcase: spend and finish times against target"],
    ],
    work: [
      [
        "formal_analysis",
        "data",
        "Joined the warehouse billing export to the scheduler's run logs to price every nightly job; 40 jobs make up 71% of the spend.",
      ],
      [
        "data_curation",
        "data",
        "Cleaned the batch job metadata (owners, schedules, upstream dependencies) so every job in the cost model has a name and a team.",
      ],
      [
        "software",
        "engineering",
        "Added per-job resource limits to the batch scheduler in Terraform, behind a flag that reverts in one apply.",
      ],
      [
        "investigation",
        "engineering",
        "Traced the 02:00 UTC cluster spike to three jobs rebuilding the same intermediate table every night.",
      ],
      [
        "conceptualization",
        "lead",
        "Framed the problem as cost per job instead of one warehouse line item, and set the rule that every change stays reversible for 30 days.",
      ],
      [
        "project_administration",
        "lead",
        "Runs the weekly owner check-ins and keeps the list of jobs under review, with a decision for each.",
      ],
      ["visualization", "data", "Built the first per-team cost chart, with a drill-down to each job."],
    ],
    notes: [
      "Every nightly job now has a cost attached. The top 40 make up 71% of the bill, and most of them run before 03:00.",
      "Three jobs were rebuilding the same intermediate table every night. One build now feeds all three.",
      "Resource limits are live for the first ten jobs, each behind a flag we can flip back.",
      "Two job owners asked for the cost chart before it was finished, which we take as a good sign.",
    ],
  },
  "churn-forecast": {
    milestones: [
      ["Usage, support and billing signals joined per account"],
      ["First model back-tested on last year's churned accounts"],
      ["Data-processing review of the support-ticket signals with Legal", undefined, true],
      [
        "Reasons for each flag readable in one sentence",
        "The first explanations were feature names, not reasons; we are rewriting them with two customer success managers.",
      ],
      ["Playbook pilot with two customer success managers"],
      ["Flags in the CRM for all 600 mid-market accounts"],
      ["Showcase: flagged-ahead rate and retention"],
    ],
    work: [
      [
        "data_curation",
        "data",
        "Built the account-level table that joins logins, seat changes, support tickets and unpaid invoices from four systems.",
      ],
      [
        "methodology",
        "data",
        "Designed the back-test: train on accounts up to last March, score the rest, and count the churners flagged 60 or more days ahead.",
      ],
      [
        "software",
        "data",
        "Wrote the nightly scoring job and feature pipeline in Python, with the model versioned next to it.",
      ],
      [
        "formal_analysis",
        "data",
        "Showed that falling admin logins predict churn far better than total logins, which explains why the old health score failed.",
      ],
      [
        "validation",
        "sales",
        "Checked the first 50 flagged accounts against what their account managers knew: 38 were real risks.",
      ],
      [
        "writing",
        "sales",
        "Wrote the save playbook: what a customer success manager does in the first week after a flag, reason by reason.",
      ],
      [
        "conceptualization",
        "lead",
        "Set the goal as a flag 60 days ahead with a reason a customer success manager can say out loud to the customer.",
      ],
      [
        "project_administration",
        "lead",
        "Runs the fortnightly review with Customer Success and keeps the pilot on its dates.",
      ],
    ],
    notes: [
      "The account table is complete: 600 accounts, four systems, one row per account per day.",
      "The back-test flags 41% of last year's churners 60+ days ahead, against 22% for the old health score.",
      "Explanations now read like “admin logins halved in six weeks”, not feature names.",
      "Two customer success managers are working the first flagged accounts with the playbook.",
    ],
  },
  "humane-on-call": {
    milestones: [
      ["Alert inventory: every rule that paged out of hours in 90 days, with its owner"],
      ["Alert-quality report: pages per rule and how many were acted on"],
      [
        "Top 20 noisy alerts fixed, retuned or deleted with their owners",
        "Two owning teams are in incident reviews and asked for another week before we touch their alerts.",
      ],
      ["Runbook link required on every paging alert"],
      ["Showcase: out-of-hours pages and time to acknowledge"],
    ],
    work: [
      [
        "data_curation",
        "data",
        "Pulled 90 days of pages from the paging tool and matched each one to its alert rule and owning team.",
      ],
      [
        "visualization",
        "data",
        "Built the alert-quality report: pages per rule, share acknowledged, share that resolved by itself within five minutes.",
      ],
      [
        "formal_analysis",
        "data",
        "Found that 40 rules cause 70% of out-of-hours pages, and that 28 of them resolve by themselves in under five minutes.",
      ],
      [
        "software",
        "engineering",
        "Retuned the twelve noisiest latency alerts to page on a sustained error-budget burn instead of single spikes.",
      ],
      [
        "investigation",
        "engineering",
        "Sat through a week of night pages with three teams' on-call engineers to learn which alerts they ignore, and why.",
      ],
      [
        "writing",
        "engineering",
        "Wrote the paging-alert standard: every paging alert has an owner, a runbook link and an action to take.",
      ],
      [
        "conceptualization",
        "lead",
        "Framed the work around alerts nobody acts on rather than alert counts, with the rule that nothing is deleted without its owner.",
      ],
      [
        "project_administration",
        "lead",
        "Keeps the review calendar with the owning teams and posts the weekly numbers for backers.",
      ],
    ],
    notes: [
      "The inventory is done: 1,900 rules, 212 that paged out of hours in 90 days, 40 that do most of the damage.",
      "The alert-quality report is live, and every on-call team has its own page in it.",
      "The first twelve latency alerts now page on sustained burn; the night pages they caused are down by two thirds.",
      "Owning teams agree to changes much faster once they see their own numbers.",
    ],
  },
  "docs-deflection": {
    milestones: [
      ["Top 200 ticket reasons mapped to help-centre articles"],
      ["Article suggestions in the ticket form for 20% of visitors"],
      [
        "Rewrite of the 30 articles behind most tickets",
        "The rewrite waits on screenshots of the new billing pages, which ship next sprint.",
      ],
      ["Experiment read-out: deflection and first response time"],
      ["Suggestions inside the product's help menu"],
      ["Showcase: deflection rate and first response time"],
    ],
    work: [
      [
        "software",
        "engineering",
        "Built the article suggestions in the ticket form: the help-centre search runs as the customer types and shows three answers above the submit button.",
      ],
      [
        "investigation",
        "engineering",
        "Measured why help-centre search misses: 40% of failed queries use product words our articles never use.",
      ],
      [
        "software",
        "engineering",
        "Added synonyms from ticket language to the search index, so “invoice” finds the billing articles.",
      ],
      [
        "design",
        "design",
        "Designed the suggestion panel so a human is always two clicks away, and tested it with five customers.",
      ],
      [
        "writing",
        "design",
        "Rewrote the first twelve of the 30 articles behind most tickets in plain language, one question per article.",
      ],
      [
        "methodology",
        "data",
        "Designed the 20% holdout experiment, with deflection defined as a started ticket not submitted within 24 hours.",
      ],
      ["data_curation", "data", "Labelled 2,000 tickets by reason so the suggestion ranking can be measured."],
      [
        "conceptualization",
        "lead",
        "Framed the problem around the twenty links agents paste all day, and set the two-clicks-to-a-human rule.",
      ],
      ["project_administration", "lead", "Runs the weekly check-in with the support leads and keeps the rollout plan."],
    ],
    notes: [
      "The top 200 ticket reasons are mapped to articles; 31 of them had no article at all.",
      "Suggestions are live in the ticket form for one visitor in five.",
      "Search now understands the words customers use: “invoice” finds billing, “SSO” finds single sign-on.",
      "Agents say the tickets that still arrive are the harder ones, which is the point.",
    ],
  },
  "mobile-cold-start": {
    milestones: [
      ["Startup trace of every SDK and config fetch on a mid-range phone"],
      ["Deferred initialisation for analytics and feature flags"],
      ["Startup numbers added to the release checklist", undefined, true],
      [
        "Config fetch made asynchronous with a cached default",
        "The cached default broke two experiments that read config at startup; we are fixing them with their owners first.",
      ],
      ["Startup budget enforced in CI"],
      ["Showcase: p90 cold start and crash-free sessions"],
    ],
    work: [
      [
        "investigation",
        "engineering",
        "Profiled cold start on three mid-range Android phones and attributed the 2.6 seconds to 14 startup tasks.",
      ],
      [
        "software",
        "engineering",
        "Moved analytics and feature-flag initialisation off the main thread, saving 480 ms at p90.",
      ],
      ["software", "engineering", "Made the config fetch asynchronous, with a cached default and a timeout."],
      [
        "validation",
        "engineering",
        "Ran every change through the device lab before release and watched crash-free sessions for a week after each.",
      ],
      [
        "methodology",
        "engineering",
        "Set up the CI startup benchmark that fails any build adding more than 50 ms to cold start.",
      ],
      [
        "project_administration",
        "product",
        "Agreed deferred loading with the owners of the six features that initialise at startup.",
      ],
      [
        "conceptualization",
        "lead",
        "Turned app-store complaints into one number, p90 cold start on a mid-range phone, and a budget that keeps it there.",
      ],
      ["visualization", "engineering", "Built the startup flame chart the team reviews every Monday."],
    ],
    notes: [
      "We know where the 2.6 seconds go: 14 tasks, five of them SDK initialisations.",
      "Analytics and feature flags now initialise after the first frame: 480 ms saved at p90.",
      "The CI benchmark caught its first regression this week, 90 ms from a new SDK.",
      "Crash-free sessions have held steady through every change so far.",
    ],
  },
  "usage-billing": {
    milestones: [
      ["Metering events from the API gateway into billing"],
      ["Twenty pilot customers signed up"],
      [
        "First metered invoices sent to pilot customers",
        "Retried requests were double-counted for two pilot customers; invoices wait for the dedupe fix.",
      ],
      ["Showcase: pilot revenue and disputes"],
      ["Redesigned invoice showing usage by day and by key"],
      ["Invoice redesign tested with ten pilot customers"],
    ],
    work: [
      [
        "software",
        "engineering",
        "Built the metering pipeline from the API gateway through Kafka into the billing provider, with idempotent event keys.",
      ],
      [
        "software",
        "engineering",
        "Fixed the double-counting of retried requests by deduplicating on the gateway's request id.",
      ],
      [
        "validation",
        "engineering",
        "Replayed a week of gateway logs through the metering pipeline and matched every pilot account to the cent.",
      ],
      [
        "validation",
        "finance",
        "Reconciled metered usage against gateway logs for every pilot customer before the first invoice went out.",
      ],
      [
        "formal_analysis",
        "finance",
        "Modelled pilot revenue and the 110% bill cap for each pilot customer, month by month.",
      ],
      [
        "investigation",
        "lead",
        "Read every billing dispute from the pilot and traced most of them to invoices customers could not read.",
      ],
      [
        "conceptualization",
        "lead",
        "Framed pricing that tracks value: small customers start cheaply, large ones pay for what they use.",
      ],
      ["project_administration", "lead", "Ran the pilot plan and the weekly dispute review with Finance."],
      ["writing", "finance", "Wrote the pilot terms and the FAQ account executives send to pilot customers."],
    ],
    notes: [
      "Metering events flow from the gateway to billing for every pilot account.",
      "Twenty pilot customers are signed, each with the 110% bill cap in the contract.",
      "Disputes went up after the first invoice run. Most come from customers who cannot tell which key used what.",
      "The invoice redesign shows usage by day and by key. First drafts are with five pilot customers.",
    ],
    reach: [0.45, -0.3],
    reachAgain: [0.62, 0.35],
  },
  "win-back": {
    milestones: [
      ["Segment of teams that used the product well and then stopped"],
      [
        "Exit interviews with 15 lapsed teams",
        "Recruiting lapsed teams is slower than planned: eight interviews booked of fifteen.",
      ],
      ["First win-back sequence live for one segment"],
      ["Monthly why-they-left digest sent to Product"],
      ["Showcase: reactivated teams and unsubscribe rate"],
    ],
    work: [
      [
        "data_curation",
        "data",
        "Built the lapsed-team segment: teams with four or more active weeks that went quiet for 30 days, refreshed nightly.",
      ],
      [
        "formal_analysis",
        "data",
        "Sized the segments: about 2,300 lapsed teams a month, 40% of them after a failed integration in week one.",
      ],
      ["investigation", "research", "Ran the exit interviews with lapsed teams and coded their reasons for leaving."],
      [
        "methodology",
        "research",
        "Designed the interview guide and the coding frame for reasons to leave, shared with Product.",
      ],
      [
        "writing",
        "lead",
        "Wrote the first win-back sequence: two emails, each answering the reason its segment gave for leaving.",
      ],
      [
        "conceptualization",
        "lead",
        "Framed win-back as listening first: every campaign answers a reason teams gave for leaving.",
      ],
      ["project_administration", "lead", "Keeps the send calendar inside the two-emails-a-month rule."],
      ["visualization", "data", "Built the weekly reactivation chart by segment and campaign."],
    ],
    notes: [
      "The lapsed-team segment is live: about 2,300 teams a month, refreshed nightly.",
      "Eight exit interviews so far. The top reason is a failed integration in week one, not price.",
      "The first sequence went to the integration segment; 6% of those teams came back within two weeks.",
      "Unsubscribes are flat so far, despite the extra email.",
    ],
  },
  "month-end-close": {
    milestones: [
      ["Inventory of the 420 manual journal entries, by type and owner"],
      ["Recurring accruals automated in the ERP"],
      [
        "Bank and card reconciliations in the pipeline",
        "The card provider changed its export format mid-month; the parser is being rewritten.",
      ],
      ["Auditor walkthrough of the new controls"],
      ["First close in five days"],
      ["Showcase: days to close and manual entries"],
    ],
    work: [
      [
        "investigation",
        "operations",
        "Catalogued all 420 manual journal entries by type, owner and source: 260 repeat every month unchanged.",
      ],
      [
        "software",
        "operations",
        "Automated the recurring accrual entries in the ERP, each with an audit trail back to its source document.",
      ],
      [
        "data_curation",
        "data",
        "Built the reconciliation pipeline's source tables for bank and card transactions, with one row per settlement.",
      ],
      [
        "validation",
        "data",
        "Compared a month of automated reconciliations line by line with the spreadsheets they replace.",
      ],
      [
        "conceptualization",
        "lead",
        "Set the three-day target and the rule that every automated entry carries its own audit trail.",
      ],
      ["project_administration", "lead", "Runs the close calendar and the weekly check-in with the controllers."],
      ["writing", "lead", "Wrote the control descriptions the external auditors review."],
    ],
    notes: [
      "All 420 manual entries are catalogued; 260 of them repeat unchanged every month.",
      "Recurring accruals now post themselves: 110 fewer manual entries in the next close.",
      "The card reconciliation parser needs a rewrite after the provider changed its export.",
    ],
  },

  // ── showcase ────────────────────────────────────────────────────────────────────────────
  "egress-cache": {
    milestones: [
      ["Egress bill broken down by bucket, path and destination region"],
      ["Cache nodes in Frankfurt and Dublin serving static assets"],
      ["Residency review signed off by Legal"],
      [
        "Report exports served from the regional tier",
        "Signed export URLs expired before the cache could serve them; the signing scheme had to change first.",
      ],
      ["Load test at twice peak EU traffic"],
    ],
    work: [
      [
        "formal_analysis",
        "engineering",
        "Broke the $61,000 egress bill down by bucket and destination: 64% of it was report exports fetched from Europe.",
      ],
      [
        "software",
        "engineering",
        "Built the regional cache tier in Terraform: nodes in Frankfurt and Dublin, with origin shielding.",
      ],
      [
        "software",
        "engineering",
        "Reworked signed URLs so exports can be cached without ever being served to another customer.",
      ],
      [
        "validation",
        "engineering",
        "Load-tested the tier at twice peak EU traffic and wrote down how it fails and recovers.",
      ],
      ["validation", "legal", "Reviewed the cache design against our EU data residency commitments and signed it off."],
      ["writing", "legal", "Wrote the residency note we now send with customer security questionnaires."],
      [
        "conceptualization",
        "lead",
        "Spotted that the bill was the same files crossing the Atlantic again and again, and proposed a cache instead of a migration.",
      ],
      ["project_administration", "lead", "Ran the rollout region by region, with a kill switch at every step."],
      ["visualization", "engineering", "Built the egress dashboard Finance now uses to check the monthly bill."],
    ],
    notes: [
      "64% of the egress bill is report exports fetched from Europe. That is where we start.",
      "Frankfurt and Dublin serve static assets now; EU p95 latency is already down by a third.",
      "Legal signed off residency: cached objects never leave the EU region they were requested from.",
      "Exports come from the regional tier now, and the first full month's bill is in.",
    ],
  },
  "fraud-detection": {
    milestones: [
      ["Labelled set of last year's card-testing attacks"],
      ["Real-time scoring service under 100 ms at p99"],
      ["Shadow mode: every payment scored, none held"],
      [
        "Hold-and-review queue staffed for a one-hour response",
        "Finance needed a second reviewer trained before we could promise an hour; the training took a week.",
      ],
      ["Holding live for high-risk card-testing patterns"],
    ],
    work: [
      [
        "data_curation",
        "data",
        "Labelled 14 months of card-testing attacks from chargeback records and the manual fraud log.",
      ],
      [
        "methodology",
        "data",
        "Designed the shadow-mode evaluation: every payment scored, outcomes compared after settlement.",
      ],
      ["software", "data", "Trained and shipped the scoring model, with features computed in the payment path."],
      [
        "software",
        "engineering",
        "Built the scoring call into the payment service in Go, with a 100 ms budget and a fail-open fallback.",
      ],
      [
        "validation",
        "finance",
        "Reviewed every held payment in the first two weeks and tuned the thresholds with the team.",
      ],
      ["resources", "finance", "Set up the review rota in Finance so a person answers every hold within an hour."],
      [
        "formal_analysis",
        "data",
        "Broke the false positive rate down by merchant segment, which found the month-end billing pattern the old rules blocked.",
      ],
      [
        "conceptualization",
        "lead",
        "Moved the question from “is this fraud?” to “can we hold it before settlement?”, which made the 100 ms budget the design constraint.",
      ],
      [
        "project_administration",
        "lead",
        "Ran shadow mode through to go-live, with Finance and Payments in every weekly review.",
      ],
    ],
    notes: [
      "Fourteen months of attacks are labelled. Card testing comes in bursts of small charges, almost always at night.",
      "The scoring service answers in 38 ms at p99, well inside the 100 ms budget.",
      "Shadow mode would have held 91% of last month's card-testing charges and 1.9% of good payments.",
      "Holding is live, and Finance answers every hold within the hour.",
    ],
    retracted: {
      type: "software",
      of: "engineering",
      description: "Built a rules fallback for card-testing bursts while the model warmed up.",
      reason:
        "The rules fallback never shipped: the model covered the bursts. Retracting so the credits roll stays accurate.",
    },
  },
  "support-career-ladder": {
    milestones: [
      ["Interviews with 20 support engineers and five leavers"],
      ["Draft ladder: four IC levels with observable behaviours"],
      [
        "Calibration against the company framework and pay bands",
        "Compensation asked for a second calibration round against the new pay bands.",
      ],
      ["First promotion round against the ladder"],
      ["Showcase: attrition and promotions"],
    ],
    work: [
      [
        "investigation",
        "people",
        "Interviewed twenty support engineers and five people who left about what growth would have kept them.",
      ],
      ["writing", "operations", "Co-wrote the troubleshooting and knowledge-base behaviours for levels two to four."],
      [
        "methodology",
        "people",
        "Calibrated each level of the ladder against the company career framework and the pay bands.",
      ],
      [
        "validation",
        "operations",
        "Tested the draft by placing every current support engineer on it with their leads.",
      ],
      [
        "supervision_mentoring",
        "operations",
        "Coached the first three candidates through writing their promotion cases.",
      ],
      [
        "conceptualization",
        "lead",
        "Framed the ladder as an IC path with the same reach as the team lead role, not a consolation prize.",
      ],
      ["project_administration", "lead", "Ran the first promotion round on the new ladder with the support leads."],
    ],
    notes: [
      "Twenty interviews done. The message is consistent: people leave to grow, not for money.",
      "The draft ladder has four IC levels, each described by what you can see someone do.",
      "Calibration with Compensation took a second round, but the bands now line up.",
      "Four support engineers went through the first promotion round; three were promoted.",
    ],
  },

  // ── reviewed ────────────────────────────────────────────────────────────────────────────
  "privacy-requests": {
    milestones: [
      ["Map of every system that holds personal data, with its owner"],
      ["Discovery connectors for the six core systems"],
      [
        "Automated deletion with verification logs",
        "Deletion in the events store needs a compaction job that we have to build first.",
      ],
      ["Legal hold check before every deletion"],
      ["30 systems covered by automated discovery"],
      ["Showcase: fulfilment time and coverage"],
    ],
    work: [
      [
        "software",
        "engineering",
        "Built the discovery connector framework: one API every system implements to find and export a person's data.",
      ],
      [
        "software",
        "engineering",
        "Wrote the Postgres connectors for billing, accounts and support, tested against anonymised copies.",
      ],
      [
        "validation",
        "engineering",
        "Built the deletion verifier that re-queries every system after a deletion and logs the proof.",
      ],
      ["methodology", "engineering", "Designed the legal-hold check every deletion passes before it runs, with Legal."],
      ["writing", "engineering", "Wrote the connector runbook teams now follow to add their own systems to discovery."],
      [
        "data_curation",
        "data",
        "Mapped personal data across 40 systems into one inventory, with owners and retention rules.",
      ],
      [
        "software",
        "data",
        "Built the request orchestrator that fans a request out to every connector and tracks the legal deadline.",
      ],
      [
        "conceptualization",
        "lead",
        "Turned a monthly scramble into a product: one request, every system, a verified answer inside 72 hours.",
      ],
      ["project_administration", "lead", "Coordinated the eleven system-owning teams and the external privacy review."],
      [
        "funding_acquisition",
        "lead",
        "Secured the discovery tooling and the external privacy review from three sponsors.",
      ],
    ],
    notes: [
      "The map is done: 40 systems hold personal data, and each one now has a named owner.",
      "Connectors for the six core systems are live; a request now finds data in minutes instead of days.",
      "Deletion is automated and verified everywhere except the events store, which needs its compaction job first.",
      "Legal holds are checked before every deletion. 30 systems are covered, and teams are adding their own.",
    ],
    // The review's rationale: median fulfilment at four days, 38 systems covered.
    reach: [0.95, 0.94],
  },
  "green-ci": {
    milestones: [
      ["Flake detector rerunning failures on a clean runner"],
      ["Automatic quarantine, with a ticket to the owning team"],
      ["Flakiness score per team on the engineering dashboard"],
      [
        "Worst 25 flaky tests fixed",
        "Nine of the 25 share a test fixture owned by a team on a release freeze until next week.",
      ],
    ],
    work: [
      [
        "software",
        "engineering",
        "Built the flake detector: a failing test reruns on a clean runner and is marked flaky if it then passes.",
      ],
      [
        "software",
        "engineering",
        "Built automatic quarantine, which files a ticket with the owning team instead of silently skipping the test.",
      ],
      [
        "investigation",
        "engineering",
        "Found and fixed the shared database fixture behind nine of the worst 25 flaky tests.",
      ],
      [
        "visualization",
        "data",
        "Built the per-team flakiness score and the red-hours chart on the engineering dashboard.",
      ],
      [
        "formal_analysis",
        "data",
        "Measured the flaky test rate and main-branch red hours every week, from CI history back to January.",
      ],
      [
        "conceptualization",
        "lead",
        "Reframed flaky tests as a trust problem, and set the rule that quarantine always reports to an owner.",
      ],
      ["project_administration", "lead", "Ran the weekly flake triage until the quarantine service took it over."],
    ],
    notes: [
      "The flake detector is live: every failure reruns once on a clean runner before anyone is blamed.",
      "Quarantine files a ticket with the owning team; nothing is skipped silently.",
      "Every team has a flakiness score on the engineering dashboard, and the worst three asked for help.",
      "Nine of the worst flakes came from one shared fixture. Fixed this week.",
    ],
    // The review's rationale: main branch red about three hours a week.
    reach: [0.92, 0.92],
  },
  "saas-sprawl": {
    milestones: [
      ["Inventory of every SaaS tool from card and invoice data"],
      ["Renewal calendar with an owner for every contract"],
      ["Overlap review: project trackers, survey tools, diagram tools"],
      [
        "Consolidation to one project tracker",
        "Two teams depend on automations the chosen tracker lacks; their migration waits on a replacement.",
      ],
      ["Showcase: licence spend and tool count"],
    ],
    work: [
      [
        "data_curation",
        "finance",
        "Built the SaaS inventory from 18 months of card and invoice data: 180 tools, 41 with no owner.",
      ],
      [
        "formal_analysis",
        "finance",
        "Priced every overlap and unused seat; 70% of the savings sat in four categories.",
      ],
      [
        "investigation",
        "engineering",
        "Checked which tools hold customer data and flagged nine that never had a security review.",
      ],
      [
        "conceptualization",
        "lead",
        "Put every renewal on a calendar, so each contract gets a decision before it renews silently.",
      ],
      [
        "project_administration",
        "lead",
        "Ran the consolidation decisions with every team that owned an overlapping tool.",
      ],
      ["writing", "lead", "Wrote the hand-over of the renewal calendar to Operations."],
    ],
    notes: [
      "The inventory is done: 180 tools, 41 of them with no owner anyone could name.",
      "Every contract now has a renewal date and an owner on one calendar.",
      "Four project trackers, three survey tools and two diagram tools: the overlap review starts with those.",
      "Two teams can't move trackers until their automations have a replacement, so that migration waits.",
    ],
    reach: [0.83, 0.82],
  },

  // ── archived ────────────────────────────────────────────────────────────────────────────
  "design-tokens": {
    milestones: [
      ["Token inventory: every colour, spacing and type value in web and mobile"],
      ["Token naming agreed with the design system team"],
      ["Pipeline generating CSS, Android and iOS values from one source"],
      [
        "Web and Android apps reading generated tokens",
        "The Android build cached old resources; CI needed a clean-build step first.",
      ],
      ["Theme change shipped to every platform in one day"],
    ],
    work: [
      ["design", "design", "Designed the token structure and naming: three tiers, from raw values to component roles."],
      [
        "data_curation",
        "design",
        "Audited the 212 distinct colour values in code and mapped each one to a token, or to a bug.",
      ],
      ["writing", "design", "Wrote the token guidelines designers and engineers follow when adding a new value."],
      [
        "software",
        "engineering",
        "Built the pipeline that generates CSS variables and Android resources from the token source.",
      ],
      [
        "software",
        "engineering",
        "Moved the web app's components onto generated tokens without a single visible change.",
      ],
      [
        "validation",
        "engineering",
        "Screenshot-tested every screen before and after the switch to prove nothing visible changed.",
      ],
      ["conceptualization", "lead", "Proposed one source of truth for design values, owned by the design system team."],
      [
        "project_administration",
        "lead",
        "Ran the rollout platform by platform, and the hand-over to the design system team.",
      ],
    ],
    notes: [
      "212 distinct colour values in code. Most are near-duplicates of fourteen brand colours.",
      "Token names are agreed: raw values, semantic roles, component roles.",
      "One source now generates CSS and Android resources; iOS is next.",
      "A theme change went out to web, Android and iOS on the same day.",
    ],
  },
  "unused-features": {
    milestones: [
      ["Feature catalogue with an owner for every feature"],
      [
        "Usage events for the 60 uninstrumented features",
        "The mobile apps needed a release to ship the new events; we waited for the next train.",
      ],
      ["Usage report per feature and plan"],
      ["Report handed over to the product teams"],
    ],
    work: [
      [
        "data_curation",
        "data",
        "Built the feature catalogue: 240 features, each with an owner and the events that show it being used.",
      ],
      ["software", "data", "Modelled feature usage in dbt, per feature, plan and week."],
      [
        "project_administration",
        "product",
        "Got every product team to name an owner for each of its features and review the report.",
      ],
      [
        "conceptualization",
        "lead",
        "Turned anecdotes into evidence: a usage number for every feature before anyone argues about retiring it.",
      ],
      ["visualization", "data", "Built the usage report the product teams now use in planning."],
    ],
    notes: [
      "The catalogue lists 240 features; only 84 emitted usage events when we started.",
      "New events are in for web; mobile waits for the next release train.",
      "The usage report is live per feature and plan, and product teams have started reading it.",
    ],
  },
  "hybrid-rooms": {
    milestones: [
      ["Survey of all 40 rooms: AV setup and failure log"],
      ["Standard kit chosen and tested in two pilot rooms"],
      ["Standard kit installed in 20 rooms", "The supplier's delivery of camera bars slipped by two weeks."],
      ["All 40 rooms on the standard kit"],
    ],
    work: [
      ["investigation", "operations", "Surveyed all 40 rooms and logged every late start for three weeks, by cause."],
      ["validation", "operations", "Tested three candidate kits in two pilot rooms with real meetings."],
      [
        "resources",
        "operations",
        "Installed the standard kit out of hours, so no room was out of action for more than a day.",
      ],
      ["writing", "operations", "Wrote the one-page room guide and the monitoring alerts for devices that fail."],
      [
        "conceptualization",
        "lead",
        "Chose standardisation over fixing rooms one by one: one kit, one guide, one way to join.",
      ],
      ["project_administration", "lead", "Ran the installation schedule and the supplier deliveries."],
    ],
    notes: [
      "All 40 rooms surveyed: eleven different AV setups, and a cable problem in most late starts.",
      "Both pilot rooms started every meeting on time for two weeks with the standard kit.",
      "Twenty rooms are done; camera bars for the rest arrive two weeks late.",
    ],
  },
};
