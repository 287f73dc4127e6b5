import { Type } from "@sinclair/typebox";
import { openResponses, type App } from "../http/types.ts";
import type { AppContext } from "../platform/context.ts";
import { publicLookup } from "./public-lookup.ts";

/** The public lookup: no login, rate limited per address (it is an enumeration target). */
export function registerLookupRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/public/filings",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags: ["public"],
        summary:
          "Look up filings made through this provider by domain, ICP number or subject name (备案查询)",
        querystring: Type.Object(
          { q: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: openResponses,
      },
    },
    async (request) => publicLookup(ctx, request.query.q),
  );
}
