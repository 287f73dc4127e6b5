import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import { errorResponses, openResponses, type App } from "../http/types.ts";
import type { AppContext } from "../platform/context.ts";
import { getAccount, getIdentity, updateIdentity } from "./account-identity.ts";
import { confirmPasswordReset, requestPasswordReset } from "./password-reset.ts";
import { PasswordSchema } from "./routes.ts";
import { requireApplicant, requireViewer } from "./viewer.ts";

const closed = { additionalProperties: false } as const;

const Name = Type.String({ minLength: 1, maxLength: 64 });
const IdentityBody = Type.Union([
  Type.Object({ name: Name, certificateNumber: Type.String({ minLength: 1, maxLength: 32 }) }, closed),
  Type.Object({ name: Name, uscc: Type.String({ minLength: 1, maxLength: 32 }) }, closed),
]);

/** Password reset by e-mail, and the account page's data (账号信息, 实名信息). */
export function registerAccountRoutes(app: App, ctx: AppContext) {
  app.post(
    "/api/auth/password-reset",
    {
      schema: {
        tags: ["identity"],
        summary:
          "Ask for a password reset link by e-mail (忘记密码). Always 202, whether or not the address has an account",
        body: Type.Object({ email: Type.String({ format: "email", maxLength: 254 }) }, closed),
        response: { 202: Type.Object({ accepted: Type.Boolean() }), ...errorResponses },
      },
      // Limited per client address like login: 10 a minute.
      config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      await requestPasswordReset(ctx, request.body.email, publicBase(ctx, request));
      return reply.status(202).send({ accepted: true });
    },
  );

  app.post(
    "/api/auth/password-reset/confirm",
    {
      schema: {
        tags: ["identity"],
        summary: "Set a new password with the e-mailed token (重置密码); ends every session of the user",
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 128 }), password: PasswordSchema },
          closed,
        ),
        response: { 200: Type.Object({ reset: Type.Boolean() }), ...errorResponses },
      },
      config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
    },
    async (request) => {
      // The user's sessions are gone; a session cookie of this browser then finds nothing.
      await confirmPasswordReset(ctx, request.body.token, request.body.password);
      return { reset: true };
    },
  );

  app.get(
    "/api/account",
    {
      schema: {
        tags: ["identity"],
        summary: "The signed-in user, the account and its real-name data (账号信息)",
        response: openResponses,
      },
    },
    async (request) => getAccount(ctx, requireViewer(request)),
  );

  app.get(
    "/api/account/identity",
    {
      schema: {
        tags: ["identity"],
        summary: "The account's real-name data (实名信息), the certificate number masked",
        response: openResponses,
      },
    },
    async (request) => getIdentity(ctx, requireApplicant(request)),
  );

  app.put(
    "/api/account/identity",
    {
      schema: {
        tags: ["identity"],
        summary:
          "Set the real-name data: personal accounts {name, certificateNumber} (resident ID), organisations {name, uscc}",
        body: IdentityBody,
        response: openResponses,
      },
    },
    async (request) => updateIdentity(ctx, requireApplicant(request), request.body),
  );
}

/** Links in e-mails point at the configured public URL, else where this request came in. */
function publicBase(ctx: AppContext, request: FastifyRequest): string {
  return ctx.publicUrl ?? `${request.protocol}://${request.host}`;
}
