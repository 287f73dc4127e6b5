import { Type } from "@sinclair/typebox";
import { IdParams, openResponses, type App } from "../http/types.ts";
import { requireAdmin } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { addOverride, provinceRulesView, revokeOverride } from "./admin.ts";

const closed = { additionalProperties: false } as const;

/** Province rules for administrators: view, override, revoke (all audited). */
export function registerRuleRoutes(app: App, ctx: AppContext) {
  const tags = ["rules"];
  app.get(
    "/api/admin/province-rules/:province",
    {
      schema: {
        tags,
        summary:
          "A province's rules today: shipped rows with sources, admin overrides, conflicts and the result",
        params: Type.Object({ province: Type.String({ pattern: "^\\d{2}(\\d{4})?$" }) }, closed),
        response: openResponses,
      },
    },
    async (request) => {
      requireAdmin(request);
      return provinceRulesView(ctx, request.params.province);
    },
  );
  app.post(
    "/api/admin/province-rules/overrides",
    {
      schema: {
        tags,
        summary: "Override one rule of a province (or '*' for the national default) from a date",
        body: Type.Object(
          {
            province: Type.String({ pattern: "^(\\*|\\d{2})$" }),
            rule: Type.String({ minLength: 1, maxLength: 64 }),
            value: Type.Unknown(),
            reason: Type.String({ minLength: 1, maxLength: 500 }),
            effectiveFrom: Type.String({ format: "date" }),
          },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request, reply) => {
      const viewer = requireAdmin(request);
      return reply.status(201).send(await addOverride(ctx, viewer, request.body));
    },
  );
  app.post(
    "/api/admin/province-rules/overrides/:id/revoke",
    {
      schema: {
        tags,
        summary: "Revoke an override; the shipped rule applies again",
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, closed),
        response: openResponses,
      },
    },
    async (request, reply) => {
      await revokeOverride(ctx, requireAdmin(request), request.params.id, request.body.reason);
      return reply.status(204).send(null);
    },
  );
}
