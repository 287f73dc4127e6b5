import { Type } from "@sinclair/typebox";
import { IdParams, errorResponses, type App } from "../http/types.ts";
import { requireViewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { ApiTokenTable } from "../platform/agency-schema.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.ts";
import type { TokenScope } from "./scopes.ts";

const closed = { additionalProperties: false } as const;
const Scope = Type.Union([Type.Literal("read"), Type.Literal("file"), Type.Literal("review")]);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const TokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: "The token's first characters, to tell tokens apart" }),
  scopes: Type.Array(Scope),
  createdAt: Type.String(),
  createdBy: Type.String({ description: "The user the token acts as" }),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});

function present(row: ApiTokenTable & { created_by_name: string }, now: number) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: JSON.parse(row.scopes) as TokenScope[],
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by_name,
    lastUsedAt: iso(row.last_used_at),
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    active: row.revoked_at === null && (row.expires_at === null || row.expires_at > now),
  };
}

/** API tokens (API令牌): a signed-in user's, never managed with a token (agency/scopes.ts). */
export function registerTokenRoutes(app: App, ctx: AppContext) {
  const tags = ["api tokens"];

  app.get(
    "/api/tokens",
    {
      schema: {
        tags,
        summary:
          "API tokens: the account's (applicants) or one's own (staff); the secret is never shown again",
        response: { 200: Type.Object({ items: Type.Array(TokenView) }), ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requireViewer(request);
      const now = ctx.clock.now().getTime();
      return { items: (await listApiTokens(ctx, viewer)).map((row) => present(row, now)) };
    },
  );

  app.post(
    "/api/tokens",
    {
      schema: {
        tags,
        summary:
          "Create an API token (scopes: applicants read, file; staff read, review). `token` is shown this once",
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 64 }),
            scopes: Type.Array(Scope, { minItems: 1, maxItems: 3, uniqueItems: true }),
            expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
          },
          closed,
        ),
        response: {
          201: Type.Intersect([TokenView, Type.Object({ token: Type.String() })]),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request);
      const { row, token } = await createApiToken(ctx, viewer, request.body);
      const view = present({ ...row, created_by_name: viewer.displayName }, ctx.clock.now().getTime());
      return reply.status(201).send({ ...view, token });
    },
  );

  app.delete(
    "/api/tokens/:id",
    {
      schema: {
        tags,
        summary: "Revoke an API token (吊销): requests with it are refused from now on (401 TOKEN_INVALID)",
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken(ctx, requireViewer(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
