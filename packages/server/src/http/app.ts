import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { AppError } from "@openbeian/core";
import Fastify from "fastify";
import { registerStaffRoutes } from "../admin/staff-routes.ts";
import { registerWebsiteRoutes } from "../records/website-routes.ts";
import { registerFooterRoutes } from "../footer/footer-routes.ts";
import { registerAppRoutes } from "../records/app-routes.ts";
import { registerLookupRoutes } from "../lookup/routes.ts";
import { registerWatchRoutes } from "../watch/routes.ts";
import { registerAuditRoutes } from "../audit/audit-routes.ts";
import { registerAgencyApi } from "../agency/register.ts";
import { authenticateApiToken } from "../agency/token-auth.ts";
import { registerOrderRoutes } from "../filing/routes.ts";
import { registerTransferRoutes } from "../filing/transfer-routes.ts";
import { registerAccountRoutes } from "../identity/account-routes.ts";
import { registerIdentityRoutes } from "../identity/routes.ts";
import { SESSION_COOKIE, findSession } from "../identity/sessions.ts";
import { MULTIPART_LIMITS } from "../materials/multipart.ts";
import { registerMaterialRoutes } from "../materials/routes.ts";
import { registerNotificationRoutes } from "../notify/routes.ts";
import { registerNotificationSettingsRoutes } from "../notify/settings-routes.ts";
import type { AppContext } from "../platform/context.ts";
import { registerRegulatorRoutes } from "../regulator-bridge/routes.ts";
import { registerResourceRoutes } from "../resources/routes.ts";
import { registerReviewRoutes } from "../review/routes.ts";
import { registerStatsRoutes } from "../review/stats-routes.ts";
import { registerRuleRoutes } from "../rules/routes.ts";
import { handleError } from "./errors.ts";
import { refuseNulCharacters } from "./nul-guard.ts";
import { rateLimitSettings } from "./rate-limit.ts";
import { registerSecurityHeaders } from "./security-headers.ts";
import { recordRouteTable } from "./route-table.ts";
import { documentMultipart } from "./openapi-multipart.ts";
import { ErrorSchema, type App } from "./types.ts";

export interface AppOptions {
  /** Serve the built web app from this folder. */
  webDist?: string | null;
  logger?: boolean;
  /**
   * Proxies whose X-Forwarded-For / -Proto / -Host are believed (BEIAN_TRUST_PROXY):
   * addresses, CIDR ranges or proxy-addr's names (`loopback`). Unset: none, so a client
   * can neither claim HTTPS nor another address for the rate limits.
   */
  trustProxy?: readonly string[] | null;
  /** A TLS listener of the app's own (PEM). `beian start` leaves TLS to a reverse proxy. */
  https?: { cert: string | Buffer; key: string | Buffer } | null;
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/**
 * Routes that need no CSRF token: they create the session, work without one (password
 * reset: the e-mailed token is the proof), or authenticate by bearer token.
 */
const CSRF_EXEMPT = new Set([
  "/api/auth/login",
  "/api/auth/signup",
  "/api/auth/password-reset",
  "/api/auth/password-reset/confirm",
  "/api/internal/regulator/events",
  // A hand-off link's page: its token travels in a header, which a cross-site form cannot send.
  "/api/handoff/face-capture",
]);

export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: options.logger === false ? undefined : ctx.logger,
    ...(options.https ? { https: options.https } : {}),
    trustProxy: options.trustProxy?.length ? options.trustProxy.join(",") : false,
    bodyLimit: 1024 * 1024,
    // A URL Fastify cannot route (broken percent-encoding, an over-long path segment) is
    // answered before any route or error handler: through handleError it gets the stable
    // error shape instead of Fastify's own {"code":"FST_ERR_BAD_URL",...} body.
    frameworkErrors: handleError,
    ajv: {
      // Unknown fields are refused, never silently dropped, and types are never coerced
      // ("1" is not 1): query-string numbers are declared as digit strings instead.
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  recordRouteTable(app);

  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || !options.webDist) {
      return reply.status(404).send(new AppError("NOT_FOUND").toBody());
    }
    return reply.sendFile("index.html");
  });

  await app.register(cookie);
  await registerSecurityHeaders(app);
  await app.register(rateLimit, rateLimitSettings(ctx.attempts));
  // Material uploads. Parsing starts only when a route reads the parts, after the
  // onRequest hook below has checked the session and the CSRF header.
  await app.register(multipart, { limits: MULTIPART_LIMITS });
  app.addSchema(ErrorSchema);
  await app.register(swagger, {
    transform: documentMultipart,
    // Shared schemas become components named by their $id (`Error`), not `def-0`.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`),
    },
    openapi: {
      info: {
        title: "OpenBeian API",
        description:
          "ICP filing agency platform (ICP代备案管理系统). Errors carry a stable `code` and a zh/en `message`.",
        version: "0.1.0",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
          csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
          regulator: { type: "http", scheme: "bearer" },
          apiToken: { type: "http", scheme: "bearer", bearerFormat: "obt_…" },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  app.decorateRequest("viewer", null);
  app.addHook("onRequest", async (request) => {
    // An agency's API token (Bearer obt_…) stands in for the session: cookie and CSRF header unused.
    if (await authenticateApiToken(ctx, request)) return;
    const token = request.cookies[SESSION_COOKIE];
    request.viewer = token ? await findSession(ctx, token) : null;
    if (
      request.viewer &&
      UNSAFE_METHODS.has(request.method) &&
      !CSRF_EXEMPT.has(request.routeOptions.url ?? "")
    ) {
      if (request.headers["x-csrf-token"] !== request.viewer.csrfToken) throw new AppError("CSRF_FAILED");
    }
  });
  // U+0000 in an id, a query value or a body string: refused before validation (nul-guard.ts).
  app.addHook("preValidation", refuseNulCharacters);
  // API answers carry personal data and change with every action: never cached by a browser or proxy.
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api/") && !reply.hasHeader("cache-control")) {
      reply.header("cache-control", "no-store");
    }
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    ctx.metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    ctx.metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get("/healthz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ctx.db.selectFrom("counter").select("name").limit(1).execute();
      return { status: "ok", database: ctx.engine };
    } catch {
      return reply.status(503).send({ status: "unavailable", database: ctx.engine });
    }
  });
  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });

  registerIdentityRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerResourceRoutes(app, ctx);
  registerOrderRoutes(app, ctx);
  registerTransferRoutes(app, ctx);
  registerReviewRoutes(app, ctx);
  registerRegulatorRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerNotificationSettingsRoutes(app, ctx);
  registerRuleRoutes(app, ctx);
  registerMaterialRoutes(app, ctx);
  registerStatsRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerStaffRoutes(app, ctx);
  registerWebsiteRoutes(app, ctx);
  registerFooterRoutes(app, ctx);
  registerAppRoutes(app, ctx);
  registerLookupRoutes(app, ctx);
  registerWatchRoutes(app, ctx);
  registerAgencyApi(app, ctx);

  if (options.webDist) {
    await app.register(fastifyStatic, { root: options.webDist, prefix: "/", wildcard: false });
  }
  return app;
}
