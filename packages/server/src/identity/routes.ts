import { AppError } from "@openbeian/core";
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../platform/context.ts";
import { errorResponses, type App } from "../http/types.ts";
import { checkCredentials, signUp } from "./accounts.ts";
import { LoginFailures } from "./login-limits.ts";
import { SESSION_COOKIE, createSession, deleteSession, endAllSessions } from "./sessions.ts";
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
  const loginFailures = new LoginFailures(ctx.attempts);

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
      const csrfToken = await startSession(ctx, request, reply, userId);
      const viewer = await loadViewerFor(ctx, userId);
      return reply.status(201).send(sessionView(viewer, csrfToken));
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
      // Login attempts are limited per client address: 10 a minute; wrong passwords
      // also per account (LoginFailures), against guessing from many addresses.
      config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      await loginFailures.assertAllowed(email);
      let userId: string;
      try {
        userId = await checkCredentials(ctx, email, password);
      } catch (error) {
        if (error instanceof AppError && error.code === "INVALID_CREDENTIALS")
          await loginFailures.failed(email);
        throw error;
      }
      await loginFailures.succeeded(email);
      const csrfToken = await startSession(ctx, request, reply, userId);
      const viewer = await loadViewerFor(ctx, userId);
      return sessionView(viewer, csrfToken);
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
      // The row goes, not just the cookie: a copy of the cookie elsewhere stops working too.
      if (token) await deleteSession(ctx, token);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(ctx, request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/auth/logout-all",
    {
      schema: {
        tags: ["identity"],
        summary:
          "Log out on every device (退出所有设备): ends every session of the signed-in user, this one included",
        response: { 200: Type.Object({ sessionsEnded: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const sessionsEnded = await endAllSessions(ctx, requireViewer(request));
      reply.clearCookie(SESSION_COOKIE, cookieOptions(ctx, request));
      return { sessionsEnded };
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

/**
 * The session cookie: out of reach of scripts (HttpOnly), for the whole site, living
 * as long as the session row. SameSite=Lax rather than Strict: with Strict, following
 * a link from a notification e-mail to an order's page would arrive without the
 * cookie and show the login page; Lax still withholds it from cross-site POSTs and
 * fetches, and every change needs the CSRF header anyway. Secure in production
 * (BEIAN_MODE=production or BEIAN_SECURE_COOKIES=1) and on any request that came over
 * HTTPS (directly, or through a proxy trusted with BEIAN_TRUST_PROXY); plain-HTTP
 * demos on localhost keep working.
 */
export function cookieOptions(ctx: AppContext, request: FastifyRequest) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: ctx.secureCookies || request.protocol === "https",
    maxAge: Math.floor(ctx.sessionTtlMs / 1000),
  };
}

/**
 * A new random session for a login or sign-up. The session this browser came with,
 * if any, ends first: a token known before login (planted by someone else, or the
 * previous user's) never survives it.
 */
async function startSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
): Promise<string> {
  const previous = request.cookies[SESSION_COOKIE];
  if (previous) await deleteSession(ctx, previous);
  const session = await createSession(ctx, userId);
  reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(ctx, request));
  return session.csrfToken;
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
