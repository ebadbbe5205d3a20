import { createRouter } from "../router";
import { adminChannelRoutes } from "./channel-routes";
import { adminOrgRoutes } from "./org";
import { adminPeopleAndBudgetRoutes } from "./people-and-budgets";
import { adminCriteriaRoutes } from "./review-criteria";
import { adminScimRoutes } from "./scim";
import { adminTokenRoutes } from "./tokens";
import { adminWebhookRoutes } from "./webhooks";

/** Everything under /admin, mounted once; each part asks for the admin role itself. */
export const adminRoutes = createRouter()
  .route("/review-criteria", adminCriteriaRoutes)
  .route("/tokens", adminTokenRoutes)
  .route("/webhooks", adminWebhookRoutes)
  .route("/channel-routes", adminChannelRoutes)
  .route("/", adminPeopleAndBudgetRoutes)
  .route("/", adminScimRoutes)
  .route("/", adminOrgRoutes);
