import { Type } from "@sinclair/typebox";
import type { AppContext } from "../platform/context.ts";
import { errorResponses, type App } from "../http/types.ts";
import { checkCredentials, signUp } from "./accounts.ts";
import { SESSION_COOKIE, createSession, deleteSession } from "./sessions.ts";
import { requireViewer, type Viewer } from "./viewer.ts";

const SessionView = Type.Object({
  user: Type.Object({
    id: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    role: Type.String(),
    accountId: Type.String(),
  }),
  csrfToken: Type.String(),
});

/** The password rules, for sign-up and for a reset alike. */
export const PasswordSchema = Type.String({ minLength: 8, maxLength: 128 });

const Credentials = {
  email: Type.String({ format: "email", maxLength: 254 }),
  password: PasswordSchema,
};

function sessionView(
  viewer: Pick<Viewer, "userId" | "email" | "displayName" | "role" | "accountId">,
  csrfToken: string,
) {
  return {
    user: {
      id: viewer.userId,
      email: viewer.email,
      displayName: viewer.displayName,
      role: viewer.role,
      accountId: viewer.accountId,
    },
    csrfToken,
  };
}

export function registerIdentityRoutes(app: App, ctx: AppContext) {
  app.post(
    "/api/auth/signup",
    {
      schema: {
        tags: ["identity"],
        summary: "Create an account with its first user (注册)",
        body: Type.Object(
          {
            ...Credentials,
            displayName: Type.String({ minLength: 1, maxLength: 64 }),
            accountType: Type.Union([Type.Literal("personal"), Type.Literal("organization")]),
          },
          { additionalProperties: false },
        ),
        response: { 201: SessionView, ...errorResponses },
      },
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const { userId } = await signUp(ctx, request.body);
      const session = await createSession(ctx, userId);
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(ctx));
      const viewer = await loadViewerFor(ctx, userId);
      return reply.status(201).send(sessionView(viewer, session.csrfToken));
    },
  );

  app.post(
    "/api/auth/login",
    {
      schema: {
        tags: ["identity"],
        summary: "Log in (登录); sets the HttpOnly session cookie",
        body: Type.Object(Credentials, { additionalProperties: false }),
        response: { 200: SessionView, ...errorResponses },
      },
      // Login attempts are limited per client address: 10 a minute.
      config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const userId = await checkCredentials(ctx, request.body.email, request.body.password);
      const session = await createSession(ctx, userId);
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(ctx));
      const viewer = await loadViewerFor(ctx, userId);
      return sessionView(viewer, session.csrfToken);
    },
  );

  app.post(
    "/api/auth/logout",
    {
      schema: {
        tags: ["identity"],
        summary: "Log out (退出登录)",
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireViewer(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(ctx, token);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/session",
    {
      schema: {
        tags: ["identity"],
        summary: "The signed-in user and the CSRF token to send with changes",
        response: { 200: SessionView, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requireViewer(request);
      return sessionView(viewer, viewer.csrfToken);
    },
  );
}

export function cookieOptions(ctx: AppContext) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: ctx.secureCookies,
    maxAge: Math.floor(ctx.sessionTtlMs / 1000),
  };
}

async function loadViewerFor(ctx: AppContext, userId: string) {
  const user = await ctx.db
    .selectFrom("app_user")
    .select(["id", "email", "display_name", "role", "account_id"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    email: user.email,
    displayName: user.display_name,
    role: user.role,
    accountId: user.account_id,
  };
}
