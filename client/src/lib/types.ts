import type { InferResponseType } from "hono/client";
import type { api } from "./api";

export type Me = InferResponseType<typeof api.me.$get, 200>;
export type Org = InferResponseType<typeof api.org.$get, 200>;
export type DemoPerson = InferResponseType<(typeof api.dev)["people"]["$get"], 200>["items"][number];
export type Challenge = InferResponseType<(typeof api.challenges)[":id"]["$get"], 200>;
export type ChallengeCard = InferResponseType<typeof api.challenges.$get, 200>["items"][number];
export type Comment = InferResponseType<(typeof api.challenges)[":id"]["comments"]["$get"], 200>["items"][number];
export type Activity = InferResponseType<(typeof api.challenges)[":id"]["activity"]["$get"], 200>["items"][number];
export type Person = InferResponseType<typeof api.people.$get, 200>["items"][number];
export type Profile = InferResponseType<(typeof api.people)[":id"]["$get"], 200>;
export type Stage = Challenge["stage"];
export type Role = Person["roles"][number];
export type TransitionAction = Challenge["viewer"]["actions"][number];
export type BudgetPeriod = InferResponseType<(typeof api)["budget-periods"]["$get"], 200>["items"][number];
export type Budget = InferResponseType<typeof api.budgets.$get, 200>["items"][number];
export type ApiToken = InferResponseType<typeof api.admin.tokens.$get, 200>["items"][number];
export type ChallengeLedger = InferResponseType<(typeof api.challenges)[":id"]["ledger"]["$get"], 200>;
export type LedgerEntry = ChallengeLedger["entries"][number];
export type Pledge = ChallengeLedger["pledges"][number];
export type SpendReport = ChallengeLedger["spendReports"][number];
export type Team = InferResponseType<(typeof api.challenges)[":id"]["team"]["$get"], 200>;
export type TeamMember = Team["members"][number];
export type Application = Team["applications"][number];
export type Slot = Challenge["slots"][number];
export type LendRequest = InferResponseType<typeof api.lends.$get, 200>["items"][number];
export type ForYouItem = InferResponseType<(typeof api)["for-you"]["$get"], 200>["items"][number];
export type Notification = InferResponseType<typeof api.inbox.$get, 200>["items"][number];
export type MyWork = InferResponseType<(typeof api)["my-work"]["$get"], 200>;
export type Progress = InferResponseType<(typeof api.challenges)[":id"]["progress"]["$get"], 200>;
export type Milestone = Progress["milestones"][number];
export type KpiProgress = Progress["kpis"][number];
export type Update = InferResponseType<(typeof api.challenges)[":id"]["updates"]["$get"], 200>["items"][number];
export type Contribution = InferResponseType<
  (typeof api.challenges)[":id"]["contributions"]["$get"],
  200
>["items"][number];
export type ContributionType = Contribution["type"];
export type ContributionStatus = Contribution["status"];
export type Portfolio = InferResponseType<(typeof api.people)[":id"]["portfolio"]["$get"], 200>;
export type Kudos = Portfolio["kudosReceived"][number];
export type Recognition = InferResponseType<typeof api.recognition.$get, 200>;
export type BoardPerson = Recognition["ic"][number];
export type ShowcaseView = InferResponseType<(typeof api.challenges)[":id"]["showcase"]["$get"], 200>;
export type Showcase = ShowcaseView["showcases"][number];
export type Review = ShowcaseView["reviews"][number];
export type Criterion = ShowcaseView["criteria"][number];
export type Question = ShowcaseView["questions"][number];
export type Decision = ShowcaseView["decisions"][number];
export type Commitment = Decision["commitments"][number];
export type DecisionOutcome = Decision["decision"];
export type ShowcaseList = InferResponseType<typeof api.showcases.$get, 200>;
export type ShowcaseEvent = InferResponseType<(typeof api.showcases.events)[":id"]["$get"], 200>;
export type Dashboard = InferResponseType<typeof api.dashboard.$get, 200>;
export type MergeRequest = InferResponseType<
  (typeof api.challenges)[":id"]["merge-requests"]["$get"],
  200
>["items"][number];
export type SimilarChallenge = InferResponseType<(typeof api)["similar-challenges"]["$get"], 200>["items"][number];
export type ScimToken = InferResponseType<(typeof api.admin)["scim-tokens"]["$get"], 200>["items"][number];
export type IssuedScimToken = InferResponseType<(typeof api.admin)["scim-tokens"]["$post"], 201>;
export type DepartmentMapping = InferResponseType<typeof api.admin.scim.departments.$get, 200>["items"][number];
