import { z } from "@hono/zod-openapi";
import { STAGES } from "../domain/lifecycle";
import { httpUrl, PaginationQuery, PersonRefSchema, RoleSchema } from "./common";

export const TrackSchema = z.enum(["ic", "management"]);

export const PersonSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    title: z.string(),
    disciplineId: z.string().nullable(),
    track: TrackSchema,
    levelId: z.string().nullable(),
    managerId: z.string().nullable(),
    skills: z.array(z.string()),
    bio: z.string(),
    avatarUrl: z.string().nullable(),
    active: z.boolean(),
    roles: z.array(RoleSchema),
  })
  .openapi("Person");

export const ProfileSchema = PersonSchema.extend({
  manager: PersonRefSchema.nullable(),
  reports: z.array(PersonRefSchema),
  challenges: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      stage: z.enum(STAGES),
      role: z.enum(["lead", "co-lead"]),
    }),
  ),
  backing: z.number().int(),
  lends: z
    .array(
      z.object({
        id: z.string(),
        challenge: z.object({ id: z.string(), title: z.string() }),
        person: z.object({ id: z.string(), name: z.string() }),
        sharePercent: z.number().int(),
        decidedAt: z.string().nullable(),
      }),
    )
    .openapi({ description: "Lends this person approved as a manager: credit for growing others." }),
  viewer: z.object({ canEdit: z.boolean(), canEditRoles: z.boolean() }),
}).openapi("Profile");

/** What a person may change on their own profile. */
const selfFields = {
  name: z.string().trim().min(1, "A name is needed.").max(100),
  title: z.string().trim().max(120),
  discipline: z.string().trim().min(1).max(40).nullable(),
  skills: z
    .array(z.string().trim().min(1).max(40))
    .max(30, "At most 30 skills.")
    .transform((s) => [...new Set(s.map((x) => x.toLowerCase()))]),
  bio: z.string().max(5000, "At most 5000 characters."),
  avatarUrl: httpUrl.pipe(z.string().max(500, "At most 500 characters.")).nullable(),
};

/** Fields only an admin may change. */
export { ADMIN_ONLY_FIELDS } from "../domain/people";

export const PersonPatchSchema = z
  .object({
    ...selfFields,
    roles: z.array(RoleSchema).max(4),
    track: TrackSchema,
    level: z.string().trim().min(1).max(20).nullable(),
    managerId: z.string().min(1).max(64).nullable(),
    active: z.boolean(),
  })
  .partial()
  .openapi("PersonPatch");
export type PersonPatch = z.infer<typeof PersonPatchSchema>;

export const PeopleQuery = PaginationQuery.extend({
  q: z.string().max(100).optional().openapi({ description: "Matches name, e-mail, title or skills." }),
  discipline: z.string().max(40).optional(),
  role: RoleSchema.optional(),
  status: z.enum(["active", "inactive", "all"]).default("active").openapi({
    description: "Who to list: active people (the default), or, for admins, deactivated people or everyone.",
  }),
});
