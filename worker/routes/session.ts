import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import {
  auditContext,
  authMode,
  isLocalRequest,
  requireAuth,
  SESSION_COOKIE,
  SESSION_COOKIE_SECONDS,
  verifiedMe,
} from "../middleware/auth";
import { forgetCaller, rememberCaller } from "../middleware/caller";
import { ApiError, notFound, validationHook } from "../middleware/errors";
import { errors, IdParam, json, jsonBody } from "../schemas/common";
import { PersonSchema } from "../schemas/person";
import { findPersonByEmail, listPeople } from "../services/people";
import { endSession, endSessionBySecret, listSessions, startSession } from "../services/sessions";

const tags = ["Session"];

/** Dev sign-in exists only in dev mode (and then only for localhost) or in a public demo. */
function assertDevSignInAllowed(env: AppEnv["Bindings"], url: string) {
  const mode = authMode(env);
  if (mode === "demo") return;
  if (mode === "dev" && isLocalRequest(url)) return;
  throw new ApiError(404, "not_found", "Dev sign-in is not available here.");
}

const SessionSchema = z
  .object({
    id: z.string(),
    userAgent: z.string().openapi({ description: "The browser that signed in, as it named itself." }),
    ip: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().openapi({ description: "Accurate to about a minute." }),
    expiresAt: z.string().openapi({ description: "A week after the last use, at most 30 days after sign-in." }),
    current: z.boolean().openapi({ description: "The session this request came with." }),
  })
  .openapi("Session");

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
    async (c) => c.json(await verifiedMe(c), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/session",
      tags,
      summary: "Who is signed in, or nobody: like GET /api/me, but signed out is an answer, not a 401",
      description:
        "For a page that must know whether anyone is signed in (the app as it starts, the sign-in page) without an error in the browser's console.",
      responses: {
        200: json(z.object({ me: PersonSchema.nullable() }).openapi("CurrentSession"), "You, or null."),
        ...errors,
      },
    }),
    async (c) => {
      try {
        await requireAuth()(c, async () => {});
        return c.json({ me: await verifiedMe(c) }, 200);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return c.json({ me: null }, 200);
        throw err;
      }
    },
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
      const { secret } = await startSession(c.var.db, person.id, auditContext(c));
      setCookie(c, SESSION_COOKIE, secret, {
        path: "/",
        httpOnly: true,
        sameSite: "Lax",
        secure: new URL(c.req.url).protocol === "https:",
        maxAge: SESSION_COOKIE_SECONDS,
      });
      rememberCaller(c, person.id);
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
    async (c) => {
      const secret = getCookie(c, SESSION_COOKIE);
      if (secret) await endSessionBySecret(c.var.db, secret, auditContext(c));
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure: new URL(c.req.url).protocol === "https:" });
      forgetCaller(c);
      const logoutUrl = authMode(c.env) === "access" ? "/cdn-cgi/access/logout" : null;
      return c.json({ ok: true as const, logoutUrl }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me/sessions",
      tags,
      summary: "Your active sessions (dev and demo sign-in), most recently used first",
      middleware: [requireAuth()] as const,
      responses: { 200: json(z.object({ items: z.array(SessionSchema) }), "Your sessions."), ...errors },
    }),
    async (c) => {
      const rows = await listSessions(c.var.db, c.var.me.id);
      return c.json({ items: rows.map((s) => ({ ...s, current: s.id === c.var.sessionId })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/me/sessions/{id}",
      tags,
      summary: "End one of your sessions (on another device, or this one)",
      middleware: [requireAuth()] as const,
      request: { params: IdParam("id") },
      responses: { 200: json(z.object({ ok: z.literal(true) }), "The session has ended."), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await endSession(c.var.db, c.var.me.id, id, auditContext(c)))) throw notFound("That session");
      if (id === c.var.sessionId) deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.json({ ok: true as const }, 200);
    },
  );
