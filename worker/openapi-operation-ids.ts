/**
 * The `operationId` of every operation in GET /api/openapi.json, keyed by `METHOD path` exactly as
 * the document lists its paths (the same keys as BUDGETS in test/round-trips.test.ts). Generated
 * clients name their methods after these, so they are camelCase verbs, and stable: renaming one
 * breaks integrators' code.
 *
 * Why a table here rather than `operationId` in each createRoute: the names stay in one place,
 * where they can be read side by side and kept consistent (list…, get…, create…, update…,
 * decide…), and adding them meant no edit to every route file. (createRouter in routes/router.ts
 * cannot derive them: a sub-app does not know the prefixes it is mounted under.) worker/openapi.ts
 * applies them to the finished document, over any `operationId` a createRoute sets. A route missing here still gets a name derived from its method and path
 * (operationIdFor), so the document never goes without one, but test/openapi.test.ts fails until
 * the route is named here: add a line when you add a route.
 */
export const OPERATION_IDS: Readonly<Record<string, string>> = {
  // System
  "GET /api/health": "getHealth",
  // Session
  "GET /api/me": "getMe",
  "GET /api/session": "getSession",
  "POST /api/dev/sign-in": "devSignIn",
  "GET /api/dev/people": "listDevPeople",
  "POST /api/sign-out": "signOut",
  "GET /api/me/sessions": "listMySessions",
  "DELETE /api/me/sessions/{id}": "endMySession",
  // Organisation
  "GET /api/org": "getOrg",
  // People
  "GET /api/people": "listPeople",
  "GET /api/people/{id}": "getPerson",
  "PATCH /api/people/{id}": "updatePerson",
  // Progress and credit
  "GET /api/people/{id}/portfolio": "getPortfolio",
  "GET /api/people/{id}/skills": "getPersonSkills",
  "GET /api/people/{id}/impact-packet": "getImpactPacket",
  "GET /api/people/{id}/impact-packet.md": "getImpactPacketMarkdown",
  // Progression plans
  "GET /api/people/{id}/plan": "getPlan",
  "PUT /api/people/{id}/plan": "savePlan",
  "POST /api/people/{id}/plan/acknowledge": "acknowledgePlan",
  "GET /api/people/{id}/plan/versions/{version}": "getPlanVersion",
  "POST /api/people/{id}/plan/checkins": "createPlanCheckin",
  "GET /api/people/{id}/plan/suggestions": "listPlanEvidenceSuggestions",
  "POST /api/people/{id}/plan/goals/{goalId}/evidence": "attachPlanEvidence",
  "DELETE /api/people/{id}/plan/goals/{goalId}/evidence/{evidenceId}": "removePlanEvidence",
  "GET /api/challenges/{id}/progress": "getProgress",
  "POST /api/challenges/{id}/milestones": "createMilestone",
  "PATCH /api/milestones/{id}": "updateMilestone",
  "GET /api/challenges/{id}/updates": "listUpdates",
  "POST /api/challenges/{id}/updates": "createUpdate",
  "GET /api/challenges/{id}/contributions": "listContributions",
  "POST /api/challenges/{id}/contributions": "createContribution",
  "POST /api/contributions/{id}/confirm": "confirmContribution",
  "POST /api/contributions/{id}/decline": "declineContribution",
  "POST /api/contributions/{id}/endorsements": "endorseContribution",
  "POST /api/contributions/{id}/retract": "retractContribution",
  "POST /api/kudos": "giveKudos",
  "GET /api/feed": "getFeed",
  "GET /api/recognition": "getRecognition",
  // Challenges
  "GET /api/challenges": "listChallenges",
  "POST /api/challenges": "createChallenge",
  "GET /api/challenges/{id}": "getChallenge",
  "PATCH /api/challenges/{id}": "updateChallenge",
  "POST /api/challenges/{id}/transitions": "transitionChallenge",
  "PUT /api/challenges/{id}/backing": "backChallenge",
  "DELETE /api/challenges/{id}/backing": "stopBackingChallenge",
  "GET /api/challenges/{id}/comments": "listComments",
  "POST /api/challenges/{id}/comments": "createComment",
  "PATCH /api/challenges/{id}/comments/{commentId}": "editComment",
  "DELETE /api/challenges/{id}/comments/{commentId}": "deleteComment",
  "GET /api/challenges/{id}/activity": "listActivity",
  "GET /api/challenges/{id}/page": "getChallengePage",
  "GET /api/similar-challenges": "listSimilarChallenges",
  "GET /api/challenges/{id}/merge-requests": "listMergeRequests",
  "POST /api/challenges/{id}/merge-requests": "createMergeRequest",
  "POST /api/merge-requests/{id}/decision": "decideMergeRequest",
  "PATCH /api/challenges/{id}/updates/{updateId}": "editUpdate",
  "DELETE /api/challenges/{id}/updates/{updateId}": "deleteUpdate",
  // Funding
  "POST /api/challenges/{id}/pledges": "createPledge",
  "DELETE /api/pledges/{id}": "withdrawPledge",
  "GET /api/challenges/{id}/ledger": "getChallengeLedger",
  "POST /api/challenges/{id}/spends": "reportSpend",
  "POST /api/spends/{id}/decision": "decideSpend",
  "GET /api/budget-periods": "listBudgetPeriods",
  "GET /api/budgets": "listBudgets",
  "GET /api/budgets/{id}/ledger": "getBudgetLedger",
  // Teams
  "GET /api/challenges/{id}/team": "getTeam",
  "POST /api/challenges/{id}/slots": "createSlot",
  "PATCH /api/challenges/{id}/slots/{slotId}": "updateSlot",
  "DELETE /api/challenges/{id}/slots/{slotId}": "deleteSlot",
  "POST /api/challenges/{id}/slots/{slotId}/applications": "createApplication",
  "GET /api/challenges/{id}/slots/{slotId}/candidates": "listSlotCandidates",
  "POST /api/challenges/{id}/slots/{slotId}/invitations": "inviteToSlot",
  "POST /api/applications/{id}/withdraw": "withdrawApplication",
  "POST /api/applications/{id}/decision": "decideApplication",
  "PUT /api/challenges/{id}/co-lead": "setCoLead",
  "DELETE /api/memberships/{id}": "endMembership",
  "GET /api/lends": "listLends",
  "POST /api/lends/{id}/decision": "decideLend",
  "GET /api/lends/{id}": "getLend",
  "POST /api/lends/{id}/extend": "extendLend",
  "POST /api/lends/{id}/end": "endLend",
  "POST /api/lends/{id}/recall": "recallLend",
  "GET /api/lends/{id}/report": "getLendReport",
  "GET /api/people/{id}/mentoring": "getMentoring",
  "GET /api/for-you": "listRolesForYou",
  // Showcases and review
  "GET /api/challenges/{id}/showcase": "getShowcase",
  "PUT /api/challenges/{id}/showcase": "saveShowcase",
  "POST /api/challenges/{id}/reviews": "submitReview",
  "POST /api/reviews/{id}/replies": "replyToReview",
  "POST /api/challenges/{id}/questions": "askQuestion",
  "POST /api/questions/{id}/answers": "answerQuestion",
  "POST /api/challenges/{id}/decision": "decideChallenge",
  "PATCH /api/commitments/{id}": "updateCommitment",
  "GET /api/showcases": "listShowcases",
  "POST /api/showcases/events": "createShowcaseEvent",
  "GET /api/showcases/events/{id}": "getShowcaseEvent",
  "GET /api/review-criteria": "listReviewCriteria",
  // Inbox
  "GET /api/inbox": "listNotifications",
  "GET /api/inbox/unread": "countUnreadNotifications",
  "POST /api/inbox/read": "markNotificationsRead",
  // My work
  "GET /api/my-work": "getMyWork",
  // Notification settings
  "GET /api/me/notification-preferences": "getNotificationPreferences",
  "PUT /api/me/notification-preferences": "updateNotificationPreferences",
  "GET /api/unsubscribe": "showUnsubscribe",
  "POST /api/unsubscribe": "unsubscribe",
  "GET /api/dev/outbox": "listDevOutbox",
  // Leadership
  "GET /api/dashboard": "getDashboard",
  "GET /api/dashboard/budgets": "listDashboardBudgets",
  "GET /api/dashboard/fairness": "getDashboardFairness",
  "GET /api/dashboard/fairness.csv": "getDashboardFairnessCsv",
  // Admin
  "PATCH /api/admin/settings": "updateOrgSettings",
  "POST /api/admin/disciplines": "createDiscipline",
  "PATCH /api/admin/disciplines/{id}": "updateDiscipline",
  "GET /api/admin/framework-dimensions": "listFrameworkDimensions",
  "PUT /api/admin/framework-dimensions": "replaceFrameworkDimensions",
  "PUT /api/admin/review-criteria": "replaceReviewCriteria",
  "POST /api/admin/people/import": "importPeople",
  "POST /api/admin/budget-periods": "createBudgetPeriod",
  "POST /api/admin/allocations": "createAllocation",
  "GET /api/admin/tokens": "listApiTokens",
  "POST /api/admin/tokens": "createApiToken",
  "DELETE /api/admin/tokens/{id}": "revokeApiToken",
  "GET /api/admin/webhooks": "listWebhookEndpoints",
  "POST /api/admin/webhooks": "createWebhookEndpoint",
  "DELETE /api/admin/webhooks/{id}": "deleteWebhookEndpoint",
  "POST /api/admin/webhooks/{id}/enable": "enableWebhookEndpoint",
  "GET /api/admin/webhooks/{id}/deliveries": "listWebhookDeliveries",
  "POST /api/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver": "redeliverWebhookDelivery",
  "GET /api/admin/scim-tokens": "listScimTokens",
  "POST /api/admin/scim-tokens": "createScimToken",
  "DELETE /api/admin/scim-tokens/{id}": "revokeScimToken",
  "GET /api/admin/scim/departments": "listScimDepartments",
  "PUT /api/admin/scim/departments": "mapScimDepartments",
  "GET /api/admin/audit": "listAuditLog",
  // Slack and Teams (worker/routes/admin/channel-routes.ts, worker/routes/integrations)
  "GET /api/admin/channel-routes": "listChannelRoutes",
  "POST /api/admin/channel-routes": "createChannelRoute",
  "DELETE /api/admin/channel-routes/{id}": "deleteChannelRoute",
  "POST /api/admin/channel-routes/{id}/test": "testChannelRoute",
  "POST /api/integrations/slack/interactions": "handleSlackInteraction",
  // Calendars (worker/routes/calendar, named before they are mounted)
  "GET /api/people/{id}/calendar.ics": "getPersonCalendar",
  "GET /api/people/{id}/calendar-feed": "getCalendarFeed",
  "POST /api/people/{id}/calendar-feed": "createCalendarFeed",
  "DELETE /api/people/{id}/calendar-feed": "endCalendarFeed",
  "GET /api/showcases/events/{id}/event.ics": "getShowcaseEventCalendar",
};

/** A name from the method and path, for a route not in the table: GET /api/budgets/{id}/ledger → getBudgetsIdLedger. */
export function fallbackOperationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api(?=\/|$)/, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const capitalised = words.map((word) => word[0].toUpperCase() + word.slice(1));
  return [method.toLowerCase(), ...capitalised].join("");
}

/** The operation's name: from the table, else derived from its method and path. */
export function operationIdFor(method: string, path: string): string {
  return OPERATION_IDS[`${method.toUpperCase()} ${path}`] ?? fallbackOperationId(method, path);
}
