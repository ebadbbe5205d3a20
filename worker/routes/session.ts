import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { deleteCookie, setSignedCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { authMode, requireAuth, SESSION_COOKIE, SESSION_SECONDS, sessionSecret } from "../middleware/auth";
import { ApiError, notFound, validationHook } from "../middleware/errors";
import { errors, json, jsonBody } from "../schemas/common";
import { PersonSchema } from "../schemas/person";
import { findPersonByEmail, listPeople } from "../services/people";

const tags = ["Session"];
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Dev sign-in exists only in dev mode (and then only for localhost) or in a public demo. */
function assertDevSignInAllowed(env: AppEnv["Bindings"], url: string) {
  const mode = authMode(env);
  if (mode === "demo") return;
  if (mode === "dev" && LOCAL_HOSTS.has(new URL(url).hostname)) return;
  throw new ApiError(404, "not_found", "Dev sign-in is not available here.");
}

const SignInSchema = z
  .object({ email: z.string().trim().toLowerCase().email("Give an e-mail address.").max(200) })
  .openapi("DevSignIn");

const DemoPersonSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  title: z.string(),
  disciplineId: z.string().nullable(),
  levelId: z.string().nullable(),
  track: z.enum(["ic", "management"]),
  roles: z.array(z.enum(["member", "sponsor", "reviewer", "admin"])),
});

export const sessionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags,
      summary: "The signed-in person with their roles",
      middleware: [requireAuth()] as const,
      responses: { 200: json(PersonSchema, "You."), ...errors },
    }),
    (c) => c.json(c.var.me, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/dev/sign-in",
      tags,
      summary: "Dev and demo only: sign in as a seeded person (sets the session cookie)",
      request: { body: jsonBody(SignInSchema) },
      responses: { 200: json(PersonSchema, "Signed in."), ...errors },
    }),
    async (c) => {
      assertDevSignInAllowed(c.env, c.req.url);
      const { email } = c.req.valid("json");
      const person = await findPersonByEmail(c.var.db, email);
      if (!person?.active) throw notFound(`A person with the e-mail ${email}`);
      const expires = Math.floor(Date.now() / 1000) + SESSION_SECONDS;
      await setSignedCookie(c, SESSION_COOKIE, `${person.id}|${expires}`, sessionSecret(c.env), {
        path: "/",
        httpOnly: true,
        sameSite: "Lax",
        secure: new URL(c.req.url).protocol === "https:",
        maxAge: SESSION_SECONDS,
      });
      return c.json(person, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/dev/people",
      tags,
      summary: "Dev and demo only: the people one can sign in as, for the sign-in page",
      responses: { 200: json(z.object({ items: z.array(DemoPersonSchema) }), "Active people."), ...errors },
    }),
    async (c) => {
      assertDevSignInAllowed(c.env, c.req.url);
      const items = await listPeople(c.var.db, { limit: 500 });
      return c.json(
        {
          items: items.map(({ id, email, name, title, disciplineId, levelId, track, roles }) => ({
            id,
            email,
            name,
            title,
            disciplineId,
            levelId,
            track,
            roles,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/sign-out",
      tags,
      summary: "End the session",
      responses: {
        200: json(
          z.object({ ok: z.literal(true), logoutUrl: z.string().nullable() }),
          "Signed out. Under Cloudflare Access, visit `logoutUrl` to end the Access session too.",
        ),
      },
    }),
    (c) => {
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure: new URL(c.req.url).protocol === "https:" });
      const logoutUrl = authMode(c.env) === "access" ? "/cdn-cgi/access/logout" : null;
      return c.json({ ok: true as const, logoutUrl }, 200);
    },
  );
