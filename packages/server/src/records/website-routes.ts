import { Type } from "@sinclair/typebox";
import { IdParams, openResponses, type App } from "../http/types.ts";
import { requireApplicant } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { listWebsites, recordOpeningDay, recordPsbNumber } from "./websites.ts";

/** The applicant's filed websites and their public-security filing (公安联网备案). */
const closed = { additionalProperties: false } as const;

export function registerWebsiteRoutes(app: App, ctx: AppContext) {
  const tags = ["websites"];
  app.get(
    "/api/websites",
    {
      schema: {
        tags,
        summary: "Your filed websites with their public-security filing deadline (我的网站)",
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireApplicant(request);
      return { items: await listWebsites(ctx, viewer.accountId) };
    },
  );
  app.put(
    "/api/websites/:id/opening-day",
    {
      schema: {
        tags,
        summary: "Record the day the site opened; the 30-day public-security deadline counts from it",
        params: IdParams,
        body: Type.Object({ openedOn: Type.String({ minLength: 10, maxLength: 10 }) }, closed),
        response: openResponses,
      },
    },
    async (request) =>
      recordOpeningDay(ctx, requireApplicant(request), request.params.id, request.body.openedOn),
  );
  app.put(
    "/api/websites/:id/psb-number",
    {
      schema: {
        tags,
        summary: "Record the public-security filing number (公安备案号); ends the reminders",
        params: IdParams,
        body: Type.Object({ psbNumber: Type.String({ minLength: 1, maxLength: 40 }) }, closed),
        response: openResponses,
      },
    },
    async (request) =>
      recordPsbNumber(ctx, requireApplicant(request), request.params.id, request.body.psbNumber),
  );
}
