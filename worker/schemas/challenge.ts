import { z } from "@hono/zod-openapi";
import { DECISIONS, REQUESTABLE_ACTIONS, STAGES } from "../domain/lifecycle";
import { PaginationQuery, PersonRefSchema } from "./common";

const MARKDOWN_MAX = 20_000;
/** Largest funding ask accepted: 100 billion in major units, far inside exact integer range. */
export const MAX_AMOUNT = 10_000_000_000_000;

const markdown = () => z.string().max(MARKDOWN_MAX, `At most ${MARKDOWN_MAX} characters.`);
const itemId = () => z.string().min(1).max(64).optional();

export const KpiInputSchema = z
  .object({
    id: itemId().openapi({ description: "Keep an existing KPI (its check-ins stay attached)." }),
    name: z.string().trim().min(1, "Name the KPI.").max(120),
    unit: z.string().trim().min(1, "Give the KPI a unit.").max(40),
    direction: z.enum(["up", "down"]),
    baseline: z.number(),
    target: z.number(),
  })
  .superRefine((kpi, ctx) => {
    const better = kpi.direction === "up" ? kpi.target > kpi.baseline : kpi.target < kpi.baseline;
    if (!better) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message: `The target must be ${kpi.direction === "up" ? "above" : "below"} the baseline for a KPI that should go ${kpi.direction}.`,
      });
    }
  });

const skillList = z
  .array(z.string().trim().min(1).max(40))
  .max(20, "At most 20 skills.")
  .transform((skills) => [...new Set(skills.map((s) => s.toLowerCase()))]);

export const SlotInputSchema = z.object({
  id: itemId().openapi({ description: "Keep an existing slot (its team members stay in it)." }),
  discipline: z.string().trim().min(1, "Choose a discipline.").max(40),
  count: z.number().int().min(1).max(20).default(1),
  skills: skillList.default([]),
  commitmentPercent: z.number().int().min(5, "At least 5%.").max(100, "At most 100%."),
  required: z.boolean().default(false),
});

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .transform((t) => t.replace(/\s+/g, "-"))
  .pipe(
    z
      .string()
      .min(1, "Tags cannot be empty.")
      .max(40, "At most 40 characters.")
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}+#.-]*$/u, "Tags use letters, digits, - . + and #."),
  );

const fields = {
  title: z.string().trim().min(3, "At least 3 characters.").max(120, "At most 120 characters."),
  summary: z.string().trim().max(280, "At most 280 characters."),
  problem: markdown(),
  whyItMatters: markdown(),
  kpis: z.array(KpiInputSchema).max(10, "At most 10 KPIs."),
  boundaries: z.object({ constraints: markdown().default(""), outOfScope: markdown().default("") }),
  assistanceNeeded: markdown(),
  horizonWeeks: z.number().int().min(1, "At least 1 week.").max(104, "At most 104 weeks.").nullable(),
  fundingAsk: z
    .number()
    .int("Amounts are whole minor units (cents).")
    .min(0, "The ask cannot be negative.")
    .max(MAX_AMOUNT, "That ask is larger than any budget.")
    .nullable()
    .openapi({ description: "Minor units (cents) of the org currency." }),
  fundingBreakdown: markdown(),
  tags: z
    .array(tag)
    .max(10, "At most 10 tags.")
    .transform((tags) => [...new Set(tags)]),
  slots: z.array(SlotInputSchema).max(20, "At most 20 role slots."),
};

/** The §4 body of `POST /api/challenges`: only the title is needed to save a draft. */
export const ChallengeCreateSchema = z
  .object({
    title: fields.title,
    summary: fields.summary.default(""),
    problem: fields.problem.default(""),
    whyItMatters: fields.whyItMatters.default(""),
    kpis: fields.kpis.default([]),
    boundaries: fields.boundaries.default({ constraints: "", outOfScope: "" }),
    assistanceNeeded: fields.assistanceNeeded.default(""),
    horizonWeeks: fields.horizonWeeks.default(null),
    fundingAsk: fields.fundingAsk.default(null),
    fundingBreakdown: fields.fundingBreakdown.default(""),
    tags: fields.tags.default([]),
    slots: fields.slots.default([]),
  })
  .openapi("ChallengeInput");
export type ChallengeCreate = z.infer<typeof ChallengeCreateSchema>;

/** `PATCH /api/challenges/:id`: any subset; lists (kpis, tags, slots) replace the whole list. */
export const ChallengePatchSchema = z
  .object({
    title: fields.title,
    summary: fields.summary,
    problem: fields.problem,
    whyItMatters: fields.whyItMatters,
    kpis: fields.kpis,
    boundaries: z.object({ constraints: markdown(), outOfScope: markdown() }).partial(),
    assistanceNeeded: fields.assistanceNeeded,
    horizonWeeks: fields.horizonWeeks,
    fundingAsk: fields.fundingAsk,
    fundingBreakdown: fields.fundingBreakdown,
    tags: fields.tags,
    slots: fields.slots,
  })
  .partial()
  .openapi("ChallengePatch");
export type ChallengePatch = z.infer<typeof ChallengePatchSchema>;

export const StageSchema = z.enum(STAGES);

export const KpiSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    unit: z.string(),
    direction: z.enum(["up", "down"]),
    baseline: z.number(),
    target: z.number(),
  })
  .openapi("Kpi");

export const SlotSchema = z
  .object({
    id: z.string(),
    discipline: z.string(),
    count: z.number().int(),
    filled: z.number().int().openapi({ description: "Seats taken, including members awaiting a manager's lend." }),
    activeMembers: z
      .number()
      .int()
      .openapi({ description: "Seats held by members who can work (lent or no manager)." }),
    open: z.number().int().openapi({ description: "Seats still open (0 when the slot is closed)." }),
    skills: z.array(z.string()),
    commitmentPercent: z.number().int(),
    required: z.boolean(),
    status: z.enum(["open", "closed"]),
  })
  .openapi("Slot");

export const ChallengeSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    problem: z.string(),
    whyItMatters: z.string(),
    kpis: z.array(KpiSchema),
    boundaries: z.object({ constraints: z.string(), outOfScope: z.string() }),
    assistanceNeeded: z.string(),
    horizonWeeks: z.number().int().nullable(),
    fundingAsk: z.number().int().nullable(),
    currency: z.string(),
    fundingBreakdown: z.string(),
    tags: z.array(z.string()),
    slots: z.array(SlotSchema),
    stage: StageSchema,
    cycle: z.number().int(),
    lead: PersonRefSchema,
    coLead: PersonRefSchema.nullable(),
    backerCount: z.number().int(),
    commentCount: z.number().int(),
    backedByMe: z.boolean(),
    funding: z.object({
      pledged: z.number().int(),
      pledgeCount: z.number().int(),
      sponsorCount: z.number().int(),
      spent: z.number().int(),
      returned: z.number().int(),
      stillNeeded: z.number().int().openapi({
        description:
          "What the ask still needs (minor units) while the challenge is open; 0 once it is funded or closed.",
      }),
    }),
    publishedAt: z.string().nullable(),
    stageChangedAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    mergedIntoId: z.string().nullable(),
    mergedFrom: z.array(z.object({ id: z.string(), title: z.string() })),
    responseClock: z
      .object({ waiting: z.boolean(), days: z.number().int(), overdue: z.boolean(), deadlineDays: z.number().int() })
      .nullable()
      .openapi({ description: "Open challenges only: days waiting for a sponsor's pledge or a reviewer's response." }),
    viewer: z.object({
      isLead: z.boolean(),
      isCoLead: z.boolean(),
      canEdit: z.boolean(),
      canParticipate: z.boolean().openapi({ description: "Whether the caller may comment." }),
      canBack: z.boolean().openapi({
        description: "Whether the caller may back it: not its lead or co-lead, and not once it is closed.",
      }),
      actions: z.array(z.enum(REQUESTABLE_ACTIONS)),
      missingForPublish: z.array(z.string()),
      isSponsor: z.boolean(),
      canPledge: z.boolean(),
      canSeeLedger: z.boolean(),
    }),
  })
  .openapi("Challenge");
export type Challenge = z.infer<typeof ChallengeSchema>;

export const ChallengeCardSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    stage: StageSchema,
    tags: z.array(z.string()),
    backerCount: z.number().int(),
    commentCount: z.number().int(),
    fundingAsk: z.number().int().nullable(),
    pledged: z.number().int().openapi({ description: "Pledged so far (minor units), for funding progress." }),
    returned: z
      .number()
      .int()
      .openapi({ description: "Returned to the sponsors' budgets (minor units): what came back after a decision." }),
    currency: z.string(),
    openRoles: z.array(z.object({ discipline: z.string(), open: z.number().int() })),
    lead: z.object({ id: z.string(), name: z.string() }),
    listedAt: z.string(),
    publishedAt: z.string().nullable(),
  })
  .openapi("ChallengeCard");
export type ChallengeCard = z.infer<typeof ChallengeCardSchema>;

export const SORTS = ["newest", "most_backed", "relevance", "nearest_funded", "best_match"] as const;

export const ChallengeListQuery = PaginationQuery.extend({
  q: z.string().max(200).optional().openapi({ description: "Full-text search over title, summary and problem." }),
  stage: StageSchema.optional().openapi({
    description:
      "Only this stage. Without it: open, funded, active, showcase and reviewed. `draft` lists your own drafts.",
  }),
  discipline: z.string().max(40).optional().openapi({ description: "Has an open role slot for this discipline." }),
  tag: z.string().max(40).optional(),
  skill: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .optional()
    .openapi({ description: "Has an open role slot asking for this skill (case-insensitive)." }),
  sponsor: z.string().min(1).max(40).optional().openapi({ description: "Pledged to (now or settled) by this person." }),
  sort: z.enum(SORTS).optional().openapi({
    description:
      "Default: relevance with `q`, otherwise newest. `nearest_funded`: open challenges by the share of their ask already pledged, then the rest. `best_match`: by how well your discipline and skills fit an open role (as on For you).",
  }),
});

export const TransitionBodySchema = z.object({ action: z.enum(REQUESTABLE_ACTIONS) }).openapi("TransitionRequest");

export const DecisionSchema = z.enum(DECISIONS);

/** A person a comment or update names with `@handle`, as its text was written: what the client highlights. */
export const MentionSchema = z
  .object({ handle: z.string(), person: z.object({ id: z.string(), name: z.string() }) })
  .openapi("Mention");

/** What a comment or update says of its own history: edited when, removed when (then its text is null). */
export const AuthoredFields = {
  editedAt: z.string().nullable().openapi({ description: "When its author last changed the text; null if never." }),
  removedAt: z
    .string()
    .nullable()
    .openapi({ description: "When its author removed it; its place stays, its text (body) is then null." }),
  mentions: z.array(MentionSchema),
};

export const CommentSchema = z
  .object({
    id: z.string(),
    body: z.string().nullable(),
    author: PersonRefSchema,
    createdAt: z.string(),
    ...AuthoredFields,
  })
  .openapi("Comment");

export const CommentInputSchema = z
  .object({ body: z.string().trim().min(1, "Write something first.").max(5000, "At most 5000 characters.") })
  .openapi("CommentInput");

export const ActivitySchema = z
  .object({
    id: z.string(),
    action: z.string(),
    actor: PersonRefSchema.nullable(),
    detail: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .openapi("Activity");

export const BackingSchema = z.object({ backed: z.boolean(), backerCount: z.number().int() }).openapi("Backing");
