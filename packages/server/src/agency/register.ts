import type { App } from "../http/types.ts";
import type { AppContext } from "../platform/context.ts";
import { registerWebhookRoutes } from "../webhooks/routes.ts";
import { registerHandoffRoutes } from "./handoff-routes.ts";
import { registerIdempotency } from "./idempotency.ts";
import { registerTokenRoutes } from "./token-routes.ts";

/** The agency API (issue 10): tokens, idempotency keys, hand-off links and webhooks. */
export function registerAgencyApi(app: App, ctx: AppContext): void {
  registerIdempotency(app, ctx);
  registerTokenRoutes(app, ctx);
  registerHandoffRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
}
