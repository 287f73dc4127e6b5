import { AppError } from "@openbeian/core";
import { openResponses, type App } from "../http/types.ts";
import { currentFiling } from "./current-filing.ts";
import { requireApplicant } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";

/**
 * The applicant's filing as it stands (subject, websites filed here and their
 * numbers) and their filed apps (APP备案).
 */
export function registerAppRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/filing",
    {
      schema: {
        tags: ["websites"],
        summary: "Your filing as it stands: the subject and the websites filed here, with their numbers",
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireApplicant(request);
      const filing = await currentFiling(ctx, ctx.db, viewer.accountId);
      if (!filing) throw new AppError("NO_FILED_SUBJECT");
      return {
        subjectNumber: filing.subjectNumber,
        data: filing.data,
        websiteNumbers: filing.websiteNumbers,
        websiteIds: filing.websiteIds,
      };
    },
  );
  app.get(
    "/api/apps",
    {
      schema: {
        tags: ["websites"],
        summary: "Your filed apps (APP备案) with their numbers",
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireApplicant(request);
      const rows = await ctx.db
        .selectFrom("app_record")
        .select(["id", "name", "app_number", "platforms", "status", "created_at", "order_id"])
        .where("account_id", "=", viewer.accountId)
        .orderBy("app_number")
        .execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          name: row.name,
          appNumber: row.app_number,
          platforms: JSON.parse(row.platforms) as string[],
          status: row.status,
          orderId: row.order_id,
          filedAt: new Date(row.created_at).toISOString(),
        })),
      };
    },
  );
}
