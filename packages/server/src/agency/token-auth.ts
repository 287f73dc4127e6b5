import { AppError } from "@openbeian/core";
import type { FastifyRequest } from "fastify";
import { rateLimited } from "../http/rate-limit.ts";
import type { AppContext } from "../platform/context.ts";
import { TOKEN_PREFIX, viewerForToken } from "./api-tokens.ts";
import { requiredScope } from "./scopes.ts";

/**
 * `Authorization: Bearer obt_…` in place of the session cookie. The cookie is
 * then not looked at, which is also why such requests need no CSRF header: a
 * browser never adds this header to a cross-site request by itself. Other
 * bearer tokens (the regulator's) are left to their own routes.
 *
 * Each token may make ctx.tokenRateLimitPerMinute requests a minute, on any route, on top
 * of the routes' own limits (counted per address): an agency's script that loops does
 * not crowd out the platform's other users, nor does a leaked token go unchecked.
 * ctx.attempts counts them (in memory, or shared by every process in the database).
 *
 * Returns false when the request carries no API token.
 */
export async function authenticateApiToken(ctx: AppContext, request: FastifyRequest): Promise<boolean> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(obt_\S+)$/i.exec(header) : null;
  if (!match?.[1]?.startsWith(TOKEN_PREFIX)) return false;
  const viewer = await viewerForToken(ctx, match[1]);
  if (!viewer) throw new AppError("TOKEN_INVALID");
  request.viewer = viewer;
  const limit = ctx.tokenRateLimitPerMinute;
  if (limit > 0 && viewer.apiToken) {
    const { count, resetInMs } = await ctx.attempts.hit("api-token", viewer.apiToken.id, 60_000);
    if (count > limit) throw rateLimited(resetInMs);
  }
  const required = requiredScope(request.method, request.routeOptions.url);
  if (required === "session") throw new AppError("TOKEN_SESSION_REQUIRED");
  if (!viewer.apiToken?.scopes.includes(required)) throw new AppError("TOKEN_SCOPE_MISSING", { required });
  return true;
}
