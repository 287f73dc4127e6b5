import { DAY_MS, chinaDate, chinaStartOfDay } from "@openbeian/core";
import { Type } from "@sinclair/typebox";
import { openResponses, type App } from "../http/types.ts";
import { requireSupervisor } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { reviewStats } from "./stats.ts";

const closed = { additionalProperties: false } as const;
const date = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
/** Without dates: the 30 days up to `to`, by default today (China time). */
const DEFAULT_DAYS = 30;

/**
 * The dashboards, for supervisors and administrators. Reviewers get 403: the
 * numbers compare reviewers with one another.
 */
export function registerStatsRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/review/stats",
    {
      schema: {
        tags: ["review"],
        summary:
          "Dashboard numbers from the audit log: queue size, SLA breaches, review time per reviewer, bureau time per province, top return and rejection reasons",
        querystring: Type.Object(
          {
            from: Type.Optional(date),
            to: Type.Optional(date),
            bucket: Type.Optional(Type.Union([Type.Literal("day"), Type.Literal("week")])),
          },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request) => {
      requireSupervisor(request);
      const to = request.query.to ?? chinaDate(ctx.clock.now());
      const from =
        request.query.from ??
        chinaDate(new Date(chinaStartOfDay(to).getTime() - (DEFAULT_DAYS - 1) * DAY_MS));
      return reviewStats(ctx, { from, to, bucket: request.query.bucket ?? "day" });
    },
  );
}
