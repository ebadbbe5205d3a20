/**
 * What the demo's showcases say and how leadership answered them, written by hand so they read
 * like the real thing. `review.ts` picks the people, dates every post inside the showcase's window
 * and writes the rows the app would; the numbers in the words agree with the KPIs, the funding
 * and the decisions' rationales in the challenge catalogue.
 */
import type { Decision } from "./challenge-catalogue";

/** Scores in the default criteria's order: impact, evidence, scalability, learning, collaboration. */
export type Scores = [impact: number, evidence: number, scalability: number, learning: number, collaboration: number];

/**
 * Who writes: `decider` is the reviewer who made the cycle's decision, `reviewer` any other
 * reviewer (never reviewer@, who is only ever named), `sponsor` the challenge's largest sponsor
 * (a well-known sponsor where one pledged), `member` a teammate, `asker` the question's author.
 */
export type Reviewer = "decider" | "reviewer" | "reviewer@";
export type Asker = Reviewer | "sponsor";
export type Poster = "lead" | "coLead" | "member" | "asker";
export type Owner = "lead" | "decider" | "sponsor" | "reviewer@";

export interface ReviewSpec {
  by: Reviewer;
  scores: Scores;
  feedback: string;
  /** When, as a share of the showcase's time on show (submitted → decided, or → now). */
  at: number;
}

export interface QuestionSpec {
  by: Asker;
  body: string;
  at: number;
  /** Answers and follow-ups, in order; an empty thread is a question still waiting. */
  thread: [Poster, string][];
}

export interface CommitmentSpec {
  what: string;
  owner: Owner;
  /** Days after the decision it is due, and (if it is done) days after the decision it was done. */
  due: number;
  done?: number;
}

export interface ShowcasePlan {
  summary: string;
  /** A note per KPI, in the challenge's KPI order. */
  kpiNotes: string[];
  /** Which KPIs the words say met their target; `review.ts` checks them against the numbers. */
  met: boolean[];
  artifacts: [title: string, path: string][];
  lessons: string;
  recommendation: Decision;
  recommendationNote: string;
  reviews: ReviewSpec[];
  questions: QuestionSpec[];
  /** For a cycle that was decided: the next gate (days after the decision) and the commitments. */
  decided?: { nextGate: number | null; commitments: CommitmentSpec[] };
}

export const SHOWCASE_PLANS: Readonly<Record<string, ShowcasePlan>> = {
  // ── on show ──────────────────────────────────────────────────────────────────────────────
  "egress-cache": {
    summary:
      "A regional cache tier in Frankfurt and Dublin now serves static assets and report exports to European customers. In the first full month the egress bill fell from $61,000 to $38,500, and EU pages load markedly faster. Residency commitments are unchanged: Legal signed off the design before anything went live.",
    kpiNotes: [
      "First full month on the regional tier. Most of the remaining gap is API responses, which we left out of scope on purpose.",
      "Real-user monitoring over the last two weeks; the slowest requests left are uncached API calls.",
    ],
    met: [false, false],
    artifacts: [
      ["Egress dashboard (the one Finance uses)", "dashboards/egress"],
      ["Cache tier design and residency note", "wiki/infrastructure/regional-cache-tier"],
      ["Load test at twice peak EU traffic", "wiki/infrastructure/regional-cache-load-test"],
    ],
    lessons:
      "- Measure before you build: 64% of the bill was one kind of traffic, and that made the design obvious.\n- Signed URLs and caches do not mix by default. Changing the signing scheme cost two weeks we had not planned for.\n- Bringing Legal in at design time, not at launch, turned the residency review into days instead of a quarter.",
    recommendation: "scale",
    recommendationNote:
      "Extend the tier to API responses that are safe to cache, and to APAC, where the same pattern shows up in the bill.",
    reviews: [
      {
        by: "reviewer",
        scores: [4, 4, 4, 3, 4],
        feedback:
          "A clear problem, a clear measurement, and a real saving: $22,500 a month is most of the target. Before a scale decision I'd like the API-response work costed, and a name for who runs the tier once this team moves on.",
        at: 0.35,
      },
    ],
    questions: [
      {
        by: "sponsor",
        body: "The bill dropped by $22,500 a month. How much of that holds once the pilot cache nodes move to a paid reservation?",
        at: 0.2,
        thread: [
          [
            "lead",
            'About $19,000 of it. Reserved nodes cost roughly $3,500 a month across both regions; the net figure is on the egress dashboard under "net saving".',
          ],
          ["asker", "Thanks, that is the number I will take to the budget review."],
        ],
      },
      {
        by: "reviewer",
        body: "What happens to EU customers if both cache regions fail at once? Is there a tested fallback to origin, and what does it do to latency?",
        at: 0.8,
        thread: [],
      },
    ],
  },
  "fraud-detection": {
    summary:
      "Every payment is scored in real time before settlement, and high-risk card-testing patterns are held for a person in Finance to review within the hour. Fraud losses fell from $84,000 to $35,600 a month, past the target. False positives came down too, but not yet to the 1.5% we aimed for.",
    kpiNotes: [
      "Last full month with holding live. Card-testing bursts are now almost all stopped before settlement.",
      "Most of the remaining false positives are month-end billing runs from a handful of large merchants.",
    ],
    met: [true, false],
    artifacts: [
      ["Shadow-mode evaluation", "wiki/payments/fraud-shadow-mode"],
      ["Scoring service runbook", "wiki/payments/fraud-scoring-runbook"],
      ["Hold-and-review queue dashboard", "dashboards/fraud-holds"],
    ],
    lessons:
      "- Shadow mode first was the best decision we made: a month of scoring without holding gave Finance the confidence to say yes.\n- The 100 ms budget shaped everything. Features that could not be computed in the payment path did not make it in.\n- False positives are a merchant-segment problem more than a model problem; the next gains come from per-segment thresholds.",
    recommendation: "scale",
    recommendationNote:
      "Make the scoring service part of the payments platform, and add per-segment thresholds to bring false positives under 1.5%.",
    reviews: [
      {
        by: "reviewer",
        scores: [5, 5, 4, 4, 4],
        feedback:
          "An exceptional result on losses, and the shadow-mode evaluation is exactly the evidence we ask teams for. False positives are still above target; I'd want per-segment thresholds in the plan before this scales to every merchant.",
        at: 0.25,
      },
      {
        by: "reviewer@",
        scores: [5, 4, 4, 4, 5],
        feedback:
          "Impressive work with Finance: a one-hour human review of every hold is what makes this safe to run. The breakdown of false positives by merchant segment is the best piece of learning in this round of showcases.",
        at: 0.45,
      },
    ],
    questions: [
      {
        by: "sponsor",
        body: "How many good customers did the holds delay last month, and did any of them complain?",
        at: 0.15,
        thread: [
          [
            "member",
            "312 good payments were held, each released within 40 minutes on average. Support logged two complaints, both from one merchant's month-end run, which is why per-segment thresholds come next.",
          ],
          ["asker", "Good to know. Please keep the complaint count in the updates from now on."],
          ["lead", "Will do, it goes in every update from this week."],
        ],
      },
      {
        by: "reviewer@",
        body: "Shadow mode held 91% of card-testing charges. What do the other 9% have in common, and is that where the next attacks will come from?",
        at: 0.5,
        thread: [
          [
            "lead",
            "Mostly cards that were tested at other merchants first, so our model sees each of them only once. We have asked the card network for shared signals; until then those are caught after settlement, as before.",
          ],
        ],
      },
    ],
  },
  "support-career-ladder": {
    summary:
      "Support engineers have a four-level IC ladder, calibrated against the company framework and the pay bands, and the first promotion round on it promoted three of four candidates. Regretted attrition is down from 18% to 11%: an early reading on a number that moves slowly.",
    kpiNotes: [
      "Trailing six months, annualised. Too early to call, but exit interviews no longer name growth as the first reason.",
      "Three promoted in the first round on the new ladder, six a year at this pace; a second round is planned for next quarter.",
    ],
    met: [false, false],
    artifacts: [
      ["The support IC ladder", "wiki/people/support-ic-ladder"],
      ["Calibration notes with Compensation", "wiki/people/support-ladder-calibration"],
      ["What twenty support engineers told us", "wiki/people/support-growth-interviews"],
    ],
    lessons:
      "- People told us they leave to grow, not for money. Believing them changed the whole design.\n- Describing each level by what you can see someone do made calibration arguments short.\n- Compensation has to be in the room from the first draft, not the last.",
    recommendation: "scale",
    recommendationNote:
      "Offer the ladder's structure to Customer Success and Implementation, who have asked for the same thing.",
    reviews: [
      {
        by: "reviewer",
        scores: [3, 3, 5, 4, 5],
        feedback:
          "A real ladder, written with the people it is for. The attrition figure is still an early reading, so I score the evidence cautiously; the structure is clearly reusable by other operational teams.",
        at: 0.4,
      },
    ],
    questions: [
      {
        by: "reviewer",
        body: "Attrition fell to 11%, but over a short window. When will you know whether the ladder, and not the job market, moved it?",
        at: 0.2,
        thread: [
          [
            "lead",
            "Honestly, not for two more quarters. We are comparing with Customer Success, which has no ladder yet, as a control.",
          ],
          ["asker", "That comparison is worth more than the headline number. Will you publish it?"],
          [
            "coLead",
            "Yes: it goes into the monthly people report from next month, and we will link it here when the quarter closes.",
          ],
        ],
      },
      {
        by: "reviewer@",
        body: "Would the ladder work for the support teams in the other two offices as it stands, or was it calibrated for this one?",
        at: 0.7,
        thread: [],
      },
    ],
  },

  // ── decided ──────────────────────────────────────────────────────────────────────────────
  "privacy-requests": {
    summary:
      "A privacy request now fans out to every system that holds personal data, finds and deletes it with a verified log, and checks for legal holds first. Median fulfilment fell from 21 days to 4, and 38 of 40 systems are covered by automated discovery.",
    kpiNotes: [
      "Median over the last 60 requests. The slowest ones wait on the two systems not yet connected.",
      "The data warehouse and the support tool are the two left; both need their vendors' APIs.",
    ],
    met: [false, false],
    artifacts: [
      ["Connector runbook", "wiki/privacy/connector-runbook"],
      ["Personal data inventory", "wiki/privacy/personal-data-inventory"],
      ["External privacy review", "wiki/privacy/external-review"],
    ],
    lessons:
      "- The inventory was the product: once every system had an owner, the connectors followed.\n- A runbook that teams follow themselves scaled better than building every connector ourselves.\n- Verification logs turned Legal from reviewers into advocates.",
    recommendation: "scale",
    recommendationNote:
      "Hand the platform to the platform team as its permanent owner, and connect the last two systems.",
    reviews: [
      {
        by: "decider",
        scores: [5, 5, 4, 4, 4],
        feedback:
          "Fulfilment is inside the legal deadline with room to spare, and the verification logs are evidence anyone can audit. The two systems still missing are the risk: make them the first commitment.",
        at: 0.45,
      },
      {
        by: "reviewer",
        scores: [4, 5, 5, 4, 5],
        feedback:
          "The connector runbook is what makes this scale: eleven teams added their own systems. Strong collaboration across Legal, Data and Engineering.",
        at: 0.3,
      },
    ],
    questions: [
      {
        by: "reviewer",
        body: "Who carries the pager for the request orchestrator once this team disbands?",
        at: 0.2,
        thread: [
          [
            "lead",
            "Today it is us. The platform team has agreed in principle to take it over; we would like that written into the decision so it actually happens.",
          ],
          ["asker", "Fair. I will propose it as a commitment."],
        ],
      },
    ],
    decided: {
      nextGate: 70,
      commitments: [
        {
          what: "The platform team becomes the permanent owner of the request orchestrator, on-call included.",
          owner: "sponsor",
          due: 21,
          done: 17,
        },
        {
          what: "Connect the data warehouse and the support tool to automated discovery.",
          owner: "lead",
          due: 45,
        },
      ],
    },
  },
  "green-ci": {
    summary:
      "A failing test reruns on a clean runner before anyone is blamed, flaky tests are quarantined with a ticket to their owning team, and every team sees its flakiness score. The flaky test rate fell from 8% to 2%, and main is red about three hours a week instead of fourteen.",
    kpiNotes: [
      "Share of failures that pass on a clean rerun, over the last four weeks.",
      "Four-week average. Most of what is left is real breakage, fixed within the hour.",
    ],
    met: [false, false],
    artifacts: [
      ["Flakiness scores by team", "dashboards/ci-flakiness"],
      ["Quarantine service design", "wiki/developer-platform/test-quarantine"],
      ["Shared fixture post-mortem", "wiki/developer-platform/shared-fixture-post-mortem"],
    ],
    lessons:
      "- Trust came back before the numbers did: once a red build reliably meant a real failure, people stopped rerunning by reflex.\n- Quarantine without an owner is just skipping. Filing a ticket every time is what kept it honest.\n- One shared fixture caused nine of the worst flakes; look for common causes before fixing tests one by one.",
    recommendation: "scale",
    recommendationNote: "Fold the quarantine service into the developer platform so it outlives this team.",
    reviews: [
      {
        by: "decider",
        scores: [4, 5, 5, 4, 4],
        feedback:
          "Well measured from start to finish, and the quarantine-with-a-ticket rule is the right design. This belongs on the developer platform; the gap to the red-hours target is small enough to close there.",
        at: 0.5,
      },
      {
        by: "reviewer",
        scores: [4, 4, 4, 5, 4],
        feedback:
          "The shared fixture post-mortem is a lesson every engineering team should read. Good to see the flakiness scores used by teams outside the challenge.",
        at: 0.3,
      },
    ],
    questions: [
      {
        by: "sponsor",
        body: "Does quarantine ever hide a real bug? How would you know?",
        at: 0.2,
        thread: [
          [
            "lead",
            "Twice in eight weeks a quarantined test turned out to be a real bug. Both times the owning team's ticket caught it within two days, which is why quarantine always files one.",
          ],
        ],
      },
    ],
    decided: {
      nextGate: 56,
      commitments: [
        {
          what: "Two more months of CI compute for flake detection, until the developer platform budget takes it over.",
          owner: "sponsor",
          due: 10,
          done: 6,
        },
        {
          what: "Put the quarantine service on the developer platform roadmap, with a named owner.",
          owner: "decider",
          due: 14,
        },
      ],
    },
  },
  "saas-sprawl": {
    summary:
      "Every SaaS contract now has an owner and a renewal date on one calendar, overlapping tools were consolidated in four categories, and nine tools holding customer data had their first security review. Annual licence spend fell from $2.4 million to $1.89 million, and the number of tools from 180 to 131.",
    kpiNotes: [
      "Annualised from contracts signed or cancelled as of this month.",
      "The project tracker migration is the biggest piece left; two teams wait on replacements for their automations.",
    ],
    met: [false, false],
    artifacts: [
      ["SaaS inventory and renewal calendar", "wiki/operations/saas-renewal-calendar"],
      ["Overlap review by category", "wiki/operations/saas-overlap-review"],
    ],
    lessons:
      "- Most of the savings sat in four categories; we should have started there instead of with the inventory's long tail.\n- A renewal calendar with owners stops new sprawl better than any policy.\n- Teams give up a tool readily once their automations have somewhere to go.",
    recommendation: "iterate",
    recommendationNote:
      "One more cycle for the project tracker migration, which waits on two teams' automations, to reach 120 tools.",
    reviews: [
      {
        by: "decider",
        scores: [4, 4, 3, 4, 3],
        feedback:
          "Most of the value is captured, and the renewal calendar is the lasting part. What remains is procurement's routine work rather than a hub challenge; I'd rather the team's time went to the next hard problem.",
        at: 0.55,
      },
      {
        by: "reviewer",
        scores: [4, 5, 3, 4, 4],
        feedback:
          "Excellent evidence: every saving is traced to a contract. The security review of tools holding customer data was a valuable side effect.",
        at: 0.3,
      },
    ],
    questions: [
      {
        by: "decider",
        body: "If we stop here, what keeps the count from creeping back up to 180?",
        at: 0.35,
        thread: [
          [
            "lead",
            "The renewal calendar: nothing renews without its owner saying yes. Operations would need to own it for that to hold.",
          ],
          ["asker", "Then that is the commitment."],
        ],
      },
    ],
    decided: {
      nextGate: null,
      commitments: [
        {
          what: "Hand the renewal calendar and its contract owners over to Operations.",
          owner: "lead",
          due: 14,
          done: 12,
        },
        {
          what: "Security review of the remaining tools that hold customer data.",
          owner: "sponsor",
          due: 40,
        },
      ],
    },
  },
  "design-tokens": {
    summary:
      "One token source generates the design values for web, Android and iOS. Distinct colour values in code fell from 212 to 40, and a theme change now reaches every platform within a week instead of a month, with no visible change to the current theme.",
    kpiNotes: [
      "Counted in all three codebases; the 40 left are the brand palette and its semantic roles.",
      "Measured on the last theme change: web and Android had it the same day; iOS waits for its weekly release.",
    ],
    met: [true, false],
    artifacts: [
      ["Token guidelines", "wiki/design-system/tokens"],
      ["Token pipeline repository", "git/design-system/tokens"],
    ],
    lessons:
      "- Naming took longer than building the pipeline, and mattered more.\n- Screenshot tests before and after made a risky migration boring.\n- The design system team should own the pipeline from day one, not at hand-over.",
    recommendation: "scale",
    recommendationNote: "Give the pipeline to the design system team and make dark mode its first consumer.",
    reviews: [
      {
        by: "decider",
        scores: [5, 4, 5, 4, 5],
        feedback:
          "The colour target is met and theme changes are several times faster, with no visible regressions, which is hard to do. Design and engineering worked as one team here.",
        at: 0.5,
      },
    ],
    questions: [
      {
        by: "sponsor",
        body: "Does the iOS app read the generated tokens yet, or only web and Android?",
        at: 0.3,
        thread: [
          [
            "lead",
            "All three, since the last release. iOS ships weekly, which is most of the time a theme change still takes; web and Android get it the same day.",
          ],
        ],
      },
    ],
    decided: {
      nextGate: 42,
      commitments: [
        {
          what: "The design system team takes over the token pipeline and its release process.",
          owner: "decider",
          due: 14,
          done: 10,
        },
        {
          what: "A dark mode proposal, built on the tokens, submitted to the hub.",
          owner: "lead",
          due: 28,
        },
      ],
    },
  },
  "unused-features": {
    summary:
      "Usage telemetry now covers 93% of features, up from 35%, and a usage report per feature and plan is live for every product team. Retiring features was out of scope: the evidence is there for the product teams to use.",
    kpiNotes: ["The last few features are in the desktop app, whose next release ships their events."],
    met: [false],
    artifacts: [
      ["Feature usage report", "dashboards/feature-usage"],
      ["Feature catalogue with owners", "wiki/product/feature-catalogue"],
    ],
    lessons:
      "- A catalogue with owners was the hard part; the events were easy once someone was accountable for each feature.\n- Mobile release trains set the pace for anything that needs new events.",
    recommendation: "stop",
    recommendationNote:
      "The report is live and owned; retirement decisions belong to the product teams, not a hub challenge.",
    reviews: [
      {
        by: "decider",
        scores: [4, 4, 3, 4, 3],
        feedback:
          "Solid, well-scoped work that delivered what it promised. The value now depends on product teams using the report, which is outside this challenge.",
        at: 0.5,
      },
      {
        by: "reviewer",
        scores: [3, 4, 3, 5, 3],
        feedback:
          "The lesson about owners before events applies well beyond telemetry. I'd like to hear in a quarter which features were retired because of this.",
        at: 0.35,
      },
    ],
    questions: [
      {
        by: "reviewer",
        body: "Which features are you most confident nobody uses, and has anyone agreed to retire them?",
        at: 0.25,
        thread: [
          [
            "lead",
            "Eleven features with no use in 90 days on any plan. Two product teams have put retirement on their next quarter's plan; the rest are still discussing.",
          ],
        ],
      },
    ],
    decided: {
      nextGate: null,
      commitments: [
        {
          what: "The usage report is reviewed in every product team's quarterly planning.",
          owner: "sponsor",
          due: 21,
          done: 19,
        },
      ],
    },
  },
  "hybrid-rooms": {
    summary:
      "All 40 rooms run on one standard AV kit with a one-page guide and monitoring for devices that fail. Meetings starting late because of AV fell from 23% to 4%, past the target.",
    kpiNotes: ["Logged by room monitoring over the last four weeks."],
    met: [true],
    artifacts: [
      ["Room guide", "wiki/workplace/room-guide"],
      ["Standard kit and installation checklist", "wiki/workplace/standard-av-kit"],
    ],
    lessons:
      "- One kit everywhere beat the best kit per room: people learn one way to join.\n- Installing out of hours kept every room usable, at the cost of a longer schedule.\n- Supplier lead times were the real critical path; order early.",
    recommendation: "scale",
    recommendationNote: "Roll the standard kit out to the two other offices.",
    reviews: [
      {
        by: "decider",
        scores: [5, 4, 4, 3, 4],
        feedback:
          "A clear before-and-after that everyone in the company can feel. Scaling it is mostly a budget question now.",
        at: 0.4,
      },
      {
        by: "reviewer@",
        scores: [4, 4, 5, 3, 4],
        feedback:
          "Cheap per room and easy to copy. I'd like the monitoring data to keep flowing after the team disbands, so we can see if the rooms drift.",
        at: 0.6,
      },
    ],
    questions: [
      {
        by: "reviewer@",
        body: "What does the standard kit cost per room, all in?",
        at: 0.3,
        thread: [
          ["lead", "$950 per room: $750 for the kit and $200 for installation out of hours."],
          ["asker", "Thanks. That makes the other offices an easy case."],
        ],
      },
    ],
    decided: {
      nextGate: 90,
      commitments: [
        {
          what: "Standard AV kits for the two other offices in the workplace budget.",
          owner: "sponsor",
          due: 30,
          done: 24,
        },
        { what: "Standard kit installed in the two other offices.", owner: "lead", due: 60 },
        {
          what: "Late-start numbers from all three offices reviewed at the next gate.",
          owner: "reviewer@",
          due: 90,
        },
      ],
    },
  },
  "usage-billing": {
    summary:
      "Twenty API customers are on usage-based pricing with a 110% bill cap. Metering is exact to the cent, and API revenue rose from $120,000 to $147,000 a month. Disputes went up, not down: customers cannot tell from the invoice which key used what.",
    kpiNotes: [
      "Pilot customers only, third month of the pilot.",
      "Up from 25. Almost every new dispute is about reading the invoice, not about the amount.",
    ],
    met: [false, false],
    artifacts: [
      ["Metering pipeline design", "wiki/payments/usage-metering"],
      ["Pilot revenue model", "wiki/finance/usage-pilot-revenue"],
      ["Dispute log, categorised", "wiki/payments/usage-pilot-disputes"],
    ],
    lessons:
      "- Exact metering is necessary and not sufficient: an invoice people cannot read creates disputes however right it is.\n- The 110% cap made pilot customers say yes; it cost less than we feared.\n- We should have shown draft invoices to customers before the first real one.",
    recommendation: "iterate",
    recommendationNote:
      "One more cycle to redesign the invoice, with usage by day and by key, before offering this to every API customer.",
    reviews: [
      {
        by: "decider",
        scores: [3, 4, 4, 5, 4],
        feedback:
          "The metering works and the revenue is real, but the disputes tell us the product is not finished. An honest showcase: the team saw the problem before we did.",
        at: 0.5,
      },
      {
        by: "reviewer@",
        scores: [3, 4, 4, 4, 4],
        feedback:
          "Good evidence and a candid write-up. Before any scale decision I want to see disputes fall below the baseline with the new invoice.",
        at: 0.35,
      },
    ],
    questions: [
      {
        by: "sponsor",
        body: "Did any pilot customer hit the 110% cap, and who paid the difference?",
        at: 0.2,
        thread: [
          [
            "member",
            "Three customers hit it in month two. The cap worked as written: we credited $4,180 in total, from the pilot credits line.",
          ],
          ["asker", "Thanks. Please keep the credits line separate in the next cycle's spend reports."],
        ],
      },
    ],
    decided: {
      nextGate: 42,
      commitments: [
        {
          what: "A billing provider sandbox for the new invoice layout.",
          owner: "sponsor",
          due: 4,
        },
        { what: "The redesigned invoice tested with ten pilot customers.", owner: "lead", due: 35 },
      ],
    },
  },
};

/** A draft the lead of a running challenge is still writing (not submitted). */
export const DRAFT_SHOWCASE: { key: string; summary: string; kpiNote: string; lessons: string } = {
  key: "month-end-close",
  summary:
    "Draft. Reconciliations for cash, cards and intercompany run automatically every night, so close starts from reconciled balances instead of a backlog.",
  kpiNote: "Last close, before the card reconciliation parser was rewritten.",
  lessons: "- Auditors want to see the controls early; we met them in week two and it paid off.",
};

/** The showcase days (titled by their month): one held recently, one coming up that reviewer@ scheduled. */
export const EVENTS = {
  past: {
    location: "Town hall and online",
    agenda: ["privacy-requests", "saas-sprawl", "green-ci"],
  },
  upcoming: {
    location: "Town hall and online",
    agenda: ["fraud-detection", "egress-cache", "support-career-ladder", "usage-billing"],
    /** Days from now. */
    inDays: 12,
  },
} as const;
