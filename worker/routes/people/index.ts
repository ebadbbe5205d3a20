import { createRoute } from "@hono/zod-openapi";
import { pageOf } from "../../domain/cursor";
import { personPatchProblems, profileEditRefusal } from "../../domain/people";
import { auditContext, requireAuth } from "../../middleware/auth";
import { forbidden, invalid, notFound, throwIfRefused } from "../../middleware/errors";
import { errors, IdParam, json, jsonBody, page } from "../../schemas/common";
import {
  ADMIN_ONLY_FIELDS,
  PeopleQuery,
  type PersonPatch,
  PersonPatchSchema,
  PersonSchema,
  ProfileSchema,
} from "../../schemas/person";
import { readFacts } from "../../services/facts";
import { orgPlan } from "../../services/org";
import {
  listPeople,
  loadProfile,
  managerCheckPlan,
  type PersonChanges,
  personPlan,
  updatePerson,
} from "../../services/people";
import { readCursor } from "../paging";
import { createRouter } from "../router";
import { planRoutes } from "./plan";
import { portfolioRoutes } from "./portfolio";
import { skillRoutes } from "./skills";

const tags = ["People"];
const Params = IdParam("id");

/** The profile columns a patch sets, named as the people table names them. */
function changesOf(patch: PersonPatch): PersonChanges {
  return {
    name: patch.name,
    title: patch.title,
    disciplineId: patch.discipline,
    track: patch.track,
    levelId: patch.level,
    managerId: patch.managerId,
    skills: patch.skills,
    bio: patch.bio,
    avatarUrl: patch.avatarUrl,
    active: patch.active,
  };
}

const profileRoutes = createRouter(requireAuth())
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary:
        "The directory: search by name, e-mail, title or skill; filter by discipline or role (and, as an admin, by status)",
      request: { query: PeopleQuery },
      responses: { 200: json(page(PersonSchema), "A page of people, by name."), ...errors },
    }),
    async (c) => {
      const { q, discipline, role, status, limit, cursor } = c.req.valid("query");
      const after = readCursor(cursor, ["string", "string"]);
      const rows = await listPeople(c.var.db, {
        q,
        discipline,
        role,
        status,
        limit,
        after: after ? { name: String(after[0]), id: String(after[1]) } : undefined,
      });
      // The caller is verified by the read itself (one round trip); only then is the role known.
      if (status !== "active" && !c.var.me.roles.includes("admin")) {
        throw forbidden("Only admins list deactivated people.");
      }
      return c.json(
        pageOf(rows, limit, (p) => [p.name, p.id]),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      summary: "A profile",
      request: { params: Params },
      responses: { 200: json(ProfileSchema, "The person's profile."), ...errors },
    }),
    async (c) => {
      const me = c.var.me;
      const profile = await loadProfile(c.var.db, c.req.valid("param").id, me.id);
      if (!profile) throw notFound("That person");
      const viewer = {
        canEdit: !profileEditRefusal(me, profile.id),
        canEditRoles: !profileEditRefusal(me, profile.id, ["roles"]),
      };
      return c.json({ ...profile, viewer }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      summary: "Edit a profile: your own, or anyone's roles, level and manager as an admin",
      request: { params: Params, body: jsonBody(PersonPatchSchema) },
      responses: { 200: json(PersonSchema, "The updated person."), ...errors },
    }),
    async (c) => {
      const { me, db } = c.var;
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      const adminFields = ADMIN_ONLY_FIELDS.filter((f) => patch[f] !== undefined);
      const manager = managerCheckPlan(db, id, patch.managerId ?? id);
      const [person, org, reportingLine] = await readFacts(db, personPlan(db, id), orgPlan(db), manager);
      throwIfRefused(profileEditRefusal(me, id, adminFields));
      if (!person) throw notFound("That person");
      const facts = { editorId: me.id, person, ...org, manager: reportingLine };
      const { fields, refusal } = personPatchProblems(patch, facts);
      if (Object.keys(fields).length) throw invalid(fields);
      throwIfRefused(refusal);
      const audit = auditContext(c);
      const [updated] = await updatePerson(db, person, changesOf(patch), patch.roles, me.id, audit, personPlan(db, id));
      if (!updated) throw notFound("That person");
      return c.json(updated, 200);
    },
  );

/** Everything under /people, mounted once: the directory and profiles, then portfolios and impact packets. */
export const peopleRoutes = createRouter()
  .route("/", profileRoutes)
  .route("/", portfolioRoutes)
  .route("/", skillRoutes)
  .route("/", planRoutes);
