import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../../middleware/auth";
import { notFound } from "../../middleware/errors";
import { errors, IdParam, json } from "../../schemas/common";
import { readFacts } from "../../services/facts";
import { personSkillsPlan } from "../../services/skills";
import { createRouter } from "../router";

const ShownSkillSchema = z
  .object({
    skill: z.string(),
    contributions: z.number().int().openapi({ description: "Confirmed contributions backing it." }),
    challenges: z.number().int().openapi({ description: "Challenges those contributions are on." }),
    endorsements: z.number().int().openapi({ description: "Endorsements naming it." }),
    latestAt: z.string().openapi({ description: "When it was last backed (confirmation or endorsement)." }),
    contributionIds: z.array(z.string()),
    challengeIds: z.array(z.string()),
    evidence: z.array(
      z.object({ contributionId: z.string(), challengeId: z.string(), challengeTitle: z.string(), at: z.string() }),
    ),
  })
  .openapi("ShownSkill");

export const PersonSkillsSchema = z
  .object({
    shown: z.array(ShownSkillSchema).openapi({
      description:
        "Skills backed by confirmed contributions on slots that asked for them, or by endorsements naming them; best backed first.",
    }),
    declared: z.array(z.string()).openapi({ description: "Skills on the profile that no evidence backs yet." }),
  })
  .openapi("PersonSkills");

/** A person's skills with evidence (SPEC §16): shown apart from declared. */
export const skillRoutes = createRouter(requireAuth()).openapi(
  createRoute({
    method: "get",
    path: "/{id}/skills",
    tags: ["People"],
    summary:
      "A person's skills: those shown by confirmed credit or endorsements (with the evidence), apart from declared ones",
    request: { params: IdParam("id") },
    responses: { 200: json(PersonSkillsSchema, "Shown and declared skills."), ...errors },
  }),
  async (c) => {
    const [skills] = await readFacts(c.var.db, personSkillsPlan(c.var.db, c.req.valid("param").id, c.var.me.id));
    if (!skills) throw notFound("That person");
    return c.json(skills, 200);
  },
);
