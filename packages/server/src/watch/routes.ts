import { openResponses, type App } from "../http/types.ts";
import { requireApplicant, requireStaff } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { openFindings } from "./findings.ts";

/** What the filing watch found: the owner's own findings, and all of them for staff. */
export function registerWatchRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/watch",
    {
      schema: {
        tags: ["watch"],
        summary: "Open findings of the filing watch on your filings (expiries, access accuracy)",
        response: openResponses,
      },
    },
    async (request) => ({ items: await openFindings(ctx, requireApplicant(request).accountId) }),
  );
  app.get(
    "/api/review/watch",
    {
      schema: {
        tags: ["watch"],
        summary: "Open findings of the filing watch on every filing (staff)",
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      return { items: await openFindings(ctx, null) };
    },
  );
}
